#include "bounceback/storage/templates.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;

namespace {

/// The most a user template holds: 1 MiB, far more than an email needs.
constexpr std::size_t k_max_template_bytes = 1u << 20;

/// The text of the user template `name` in `dir`, or nullopt when there is none. Refuses a
/// symbolic link or anything but a plain file (storage/file.hpp read_file), so a template
/// folder cannot be used to read files elsewhere or to block on a pipe.
std::optional<std::string> read_template_file(const Folder& dir, const std::string& name) {
    return read_file(dir, name, k_max_template_bytes);
}

/// The template folder, checked like every folder of bounceback's (Folder); nullopt when there
/// is none.
std::optional<Folder> templates_folder(const Paths& paths) {
    return Folder::open_private(paths.templates_dir);
}

} // namespace

std::optional<UserTemplate> read_user_template(const Paths& paths, std::string_view name) {
    if (!util::is_simple_name(name)) {
        throw Error(ExitCode::usage,
                    "--template: '" + std::string(name) +
                        "' is not a template name (letters, digits, - and _ only)");
    }
    const auto dir = templates_folder(paths);
    const std::string file = std::string(name) + ".mustache";
    if (auto text = dir ? read_template_file(*dir, file) : std::nullopt) {
        return UserTemplate{std::string(name), dir->path_of(file), std::move(*text)};
    }
    return std::nullopt;
}

std::vector<UserTemplate> list_user_templates(const Paths& paths) {
    std::vector<UserTemplate> out;
    std::optional<Folder> dir;
    std::vector<std::string> names;
    try {
        dir = templates_folder(paths);
        if (!dir) {
            return out;
        }
        names = dir->names();
    } catch (const FolderNotPrivate&) {
        throw;
    } catch (const Error&) {
        return out; // a folder that cannot be listed holds no templates we can use
    }
    for (const auto& name : names) {
        const fs::path file(name);
        const std::string stem = file.stem().string();
        if (file.extension() != ".mustache" || !util::is_simple_name(stem)) {
            continue;
        }
        // Only plain files: a link, folder or pipe there is skipped, never followed or opened.
        struct stat st {};
        if (::fstatat(dir->fd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode)) {
            continue;
        }
        if (auto text = read_template_file(*dir, name)) {
            out.push_back(UserTemplate{stem, dir->path_of(name), std::move(*text)});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const UserTemplate& a, const UserTemplate& b) { return a.name < b.name; });
    return out;
}

} // namespace bb::storage
