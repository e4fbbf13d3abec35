#include "bounceback/storage/templates.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;

namespace {

/// The text of the user template at `path`, or nullopt when there is none. Refuses a symbolic
/// link, so a template folder cannot be used to read files elsewhere.
std::optional<std::string> read_template_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        if (errno == ELOOP) {
            throw Error(ExitCode::data, path.string() + " is a symbolic link; templates must be "
                                                        "plain files in the template folder");
        }
        throw system_error("cannot open", path.string(), errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ExitCode::data, path.string() + " is not a regular file; templates must be "
                                                    "plain files in the template folder");
    }
    std::string text;
    char buffer[16384];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) != 0) {
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            ::close(fd);
            throw system_error("cannot read", path.string(), saved);
        }
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > (1u << 20)) {
            ::close(fd);
            throw Error(ExitCode::data, path.string() + ": larger than 1 MiB; is it a template?");
        }
    }
    ::close(fd);
    return text;
}

} // namespace

std::optional<UserTemplate> read_user_template(const Paths& paths, std::string_view name) {
    if (!util::is_simple_name(name)) {
        throw Error(ExitCode::usage,
                    "--template: '" + std::string(name) +
                        "' is not a template name (letters, digits, - and _ only)");
    }
    const fs::path path = paths.templates_dir / (std::string(name) + ".mustache");
    if (auto text = read_template_file(path)) {
        return UserTemplate{std::string(name), path, std::move(*text)};
    }
    return std::nullopt;
}

std::vector<UserTemplate> list_user_templates(const Paths& paths) {
    std::vector<UserTemplate> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(paths.templates_dir, ec)) {
        const fs::path& path = entry.path();
        const std::string stem = path.stem().string();
        // Only plain files: a link, folder or pipe there is skipped, never followed or opened.
        if (path.extension() != ".mustache" || !util::is_simple_name(stem) ||
            !entry.is_regular_file(ec) || entry.is_symlink(ec)) {
            continue;
        }
        if (auto text = read_template_file(path)) {
            out.push_back(UserTemplate{stem, path, std::move(*text)});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const UserTemplate& a, const UserTemplate& b) { return a.name < b.name; });
    return out;
}

} // namespace bb::storage
