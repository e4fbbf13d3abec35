#include "bounceback/storage/toml_file.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/storage/file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace bb::storage {

toml::table parse_toml(std::string_view text, const std::filesystem::path& path, ExitCode code) {
    return parse_toml_text(text, path.string(), code);
}

std::optional<toml::table> load_toml(const std::filesystem::path& path, ExitCode code) {
    auto text = read_file(path);
    if (!text) {
        return std::nullopt;
    }
    return parse_toml(*text, path, code);
}

int open_data_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        return fd;
    }
    if (errno == ENOENT) {
        return -1;
    }
    if (errno == ELOOP) {
        throw Error(ExitCode::data, path.string() +
                                        " is a symbolic link; data files must be plain files in "
                                        "the data folder (put the file itself there)");
    }
    throw system_error("cannot open", path.string(), errno);
}

std::optional<std::string> read_data_file(const std::filesystem::path& path) {
    const int fd = open_data_file(path);
    if (fd < 0) {
        return std::nullopt;
    }
    try {
        std::string text = read_open_file(fd, path);
        ::close(fd);
        return text;
    } catch (...) {
        ::close(fd);
        throw;
    }
}

std::optional<toml::table> load_data_file(const std::filesystem::path& path) {
    auto text = read_data_file(path);
    if (!text) {
        return std::nullopt;
    }
    return parse_toml(*text, path);
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
