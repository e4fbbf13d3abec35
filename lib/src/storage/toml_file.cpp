#include "bounceback/storage/toml_file.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/util/text.hpp"

namespace bb::storage {

namespace {

/// The line (from 1) where the first git conflict in `text` starts: a line starting with
/// `<<<<<<< `, then a line `=======`, then a line starting with `>>>>>>> `, as git writes them
/// into a file it could not merge. nullopt when there is none.
std::optional<std::size_t> conflict_line(std::string_view text) {
    std::optional<std::size_t> start;
    bool divided = false;
    const auto lines = util::split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.starts_with("<<<<<<< ")) {
            start = i + 1;
            divided = false;
        } else if (start && line == "=======") {
            divided = true;
        } else if (start && divided && line.starts_with(">>>>>>> ")) {
            return start;
        }
    }
    return std::nullopt;
}

/// Throws Error(data) when `text`, read from `path`, holds a git conflict.
void refuse_conflict(std::string_view text, const std::filesystem::path& path) {
    if (const auto line = conflict_line(text)) {
        throw Error(ExitCode::data, path.string() + ":" + std::to_string(*line) +
                                        ": unresolved merge conflict: run bounceback sync, or "
                                        "resolve it");
    }
}

} // namespace

toml::table parse_toml(std::string_view text, const std::filesystem::path& path, ExitCode code) {
    std::optional<toml::table> table;
    try {
        table = parse_toml_text(text, path.string(), code);
    } catch (const Error&) {
        refuse_conflict(text, path);
        throw;
    }
    // Markers that still parse sit in a multi-line string. Only a text that has the opening
    // marker at the start of a line is scanned, so reading stays one search.
    if (text.find("\n<<<<<<< ") != std::string_view::npos) {
        refuse_conflict(text, path);
    }
    return std::move(*table);
}

std::optional<toml::table> load_data_file(const Folder& dir, std::string_view name,
                                          ExitCode code) {
    auto text = read_file(dir, name);
    if (!text) {
        return std::nullopt;
    }
    return parse_toml(*text, dir.path_of(name), code);
}

void check_format_version(const toml::table& table, const std::filesystem::path& path) {
    const toml::node* node = table.get("version");
    if (node == nullptr) {
        throw Error(ExitCode::data,
                    located(path.string(), table.source(),
                            "no 'version' key; add 'version = 1' as the first line"));
    }
    const auto* version = node->as_integer();
    if (version == nullptr || version->get() < 1) {
        throw Error(ExitCode::data,
                    located(path.string(), node->source(), "version must be a whole number (1)"));
    }
    if (version->get() > k_format_version) {
        throw Error(ExitCode::data,
                    located(path.string(), node->source(),
                            "written by a newer bounceback (format version " +
                                std::to_string(version->get()) + "; this one reads up to " +
                                std::to_string(k_format_version) + "): upgrade bounceback"));
    }
}

} // namespace bb::storage
