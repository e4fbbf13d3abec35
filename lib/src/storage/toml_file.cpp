#include "bounceback/storage/toml_file.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/storage/atomic_file.hpp"

#include <algorithm>

namespace bb::storage {

toml::table parse_toml(std::string_view text, const std::filesystem::path& path, ExitCode code) {
    if (text.find('\0') != std::string_view::npos) {
        // toml++ stops at NUL; name the position ourselves.
        std::size_t offset = text.find('\0');
        std::size_t line = 1 + static_cast<std::size_t>(
                                   std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
        std::size_t line_start = text.rfind('\n', offset);
        std::size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        throw Error(code, path.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                              ": NUL byte in the file (is it binary or damaged?)");
    }
    try {
        return toml::parse(text, path.string());
    } catch (const toml::parse_error& error) {
        throw Error(code, located(path.string(), error.source(), error.description()));
    }
}

std::optional<toml::table> load_toml(const std::filesystem::path& path, ExitCode code) {
    auto text = read_file(path);
    if (!text) {
        return std::nullopt;
    }
    return parse_toml(*text, path, code);
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
        throw Error(ExitCode::data, located(path.string(), node->source(),
                                            "version must be a whole number (1)"));
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
