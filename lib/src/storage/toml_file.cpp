#include "bounceback/storage/toml_file.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/storage/file.hpp"

namespace bb::storage {

toml::table parse_toml(std::string_view text, const std::filesystem::path& path, ExitCode code) {
    return parse_toml_text(text, path.string(), code);
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
