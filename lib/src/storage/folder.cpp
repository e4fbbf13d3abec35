#include "bounceback/storage/folder.hpp"

#include "bounceback/core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;

namespace {

constexpr int k_folder_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

/// `path` as a shell word, for a command a message suggests.
std::string shell_word(const fs::path& path) {
    const std::string text = path.string();
    if (text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               "/._-+,:@%") == std::string::npos) {
        return text;
    }
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// Refuses the open folder `fd` (opened by `path`) unless it is private: ours, and writable by
/// no one else. Closes `fd` before throwing.
void check_private(int fd, const fs::path& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int saved = errno;
        ::close(fd);
        throw system_error("cannot look at", path.string(), saved);
    }
    if (st.st_uid != ::geteuid()) {
        ::close(fd);
        throw FolderNotPrivate(
                    path.string() + " belongs to another user (uid " + std::to_string(st.st_uid) +
                        "), who could change what bounceback reads and writes there; nothing was "
                        "changed.\nKeep bounceback's files in a folder of your own, e.g. --home "
                        "\"$(mktemp -d)\".");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw FolderNotPrivate(path.string() + " can be changed by other users (mode " +
                                           mode +
                                           "); nothing was changed.\nMake it yours alone with: "
                                           "chmod 700 " +
                                           shell_word(path));
    }
}

/// Throws the error for a folder that could not be opened (errno `error`) at `name` in `dir`
/// (AT_FDCWD for a path), called `path` in messages.
[[noreturn]] void fail_open(int dir, const std::string& name, const fs::path& path, int error) {
    struct stat st {};
    const bool link = ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                      S_ISLNK(st.st_mode);
    if (link) {
        throw FolderNotPrivate(
                     path.string() + " is a symbolic link; bounceback follows none, so that "
                                     "nobody can send its files elsewhere. Nothing was changed.\n"
                                     "Put the folder itself there, or name the real folder.");
    }
    if (error == ENOTDIR) {
        throw Error(ExitCode::cant_create, path.string() + " exists and is not a folder");
    }
    throw system_error("cannot open folder", path.string(), error);
}

/// Opens the folder `name` in `dir` (AT_FDCWD for a path) without following a link; -1 when it
/// does not exist. Throws as fail_open says.
int open_folder(int dir, const std::string& name, const fs::path& path) {
    const int fd = ::openat(dir, name.c_str(), k_folder_flags);
    if (fd >= 0) {
        return fd;
    }
    if (errno == ENOENT) {
        return -1;
    }
    fail_open(dir, name, path, errno);
}

/// Creates `dir` and missing folders above it, each 0700 whatever the umask; existing ones are
/// left as they are (only the folders bounceback keeps files in are checked).
void create_missing(const fs::path& dir) {
    struct stat st {};
    if (dir.empty() || ::stat(dir.c_str(), &st) == 0) {
        if (!dir.empty() && !S_ISDIR(st.st_mode)) {
            throw Error(ExitCode::cant_create, dir.string() + " exists and is not a folder");
        }
        return;
    }
    // ENOTDIR: a file is in the way higher up; the parent's turn below names it.
    if (errno != ENOENT && errno != ENOTDIR) {
        throw system_error("cannot look at", dir.string(), errno);
    }
    if (dir.has_parent_path() && dir.parent_path() != dir) {
        create_missing(dir.parent_path());
    }
    if (::mkdir(dir.c_str(), 0700) != 0) {
        if (errno != EEXIST) {
            throw system_error("cannot create folder", dir.string(), errno);
        }
        return;
    }
    // mkdir's mode is filtered by the umask; 0700 must hold whatever it is.
    if (::chmod(dir.c_str(), 0700) != 0) {
        throw system_error("cannot set permissions on", dir.string(), errno);
    }
}

/// Creates the folder `name` in `dir` (0700) unless it exists, then opens and checks it.
int make_folder(int dir, const std::string& name, const fs::path& path) {
    bool created = ::mkdirat(dir, name.c_str(), 0700) == 0;
    if (!created && errno != EEXIST) {
        throw system_error("cannot create folder", path.string(), errno);
    }
    const int fd = open_folder(dir, name, path);
    if (fd < 0) { // removed between the two calls
        throw system_error("cannot open folder", path.string(), ENOENT);
    }
    if (created && ::fchmod(fd, 0700) != 0) { // the umask filtered mkdir's mode
        const int saved = errno;
        ::close(fd);
        throw system_error("cannot set permissions on", path.string(), saved);
    }
    check_private(fd, path);
    return fd;
}

/// `path` made absolute and without a trailing slash, as messages name it.
fs::path clean(const fs::path& path) {
    fs::path out = path.lexically_normal();
    if (!out.has_filename() && out.has_parent_path() && out != out.root_path()) {
        out = out.parent_path();
    }
    return out;
}

} // namespace

Folder::Folder(int fd, fs::path path)
    : m_fd(new int(fd),
           [](const int* descriptor) {
               ::close(*descriptor);
               delete descriptor;
           }),
      m_path(std::move(path)) {}

std::optional<Folder> Folder::open_private(const fs::path& path) {
    const fs::path name = clean(path);
    const int fd = open_folder(AT_FDCWD, name.string(), name);
    if (fd < 0) {
        return std::nullopt;
    }
    check_private(fd, name);
    return Folder(fd, name);
}

Folder Folder::make_private(const fs::path& path) {
    const fs::path name = clean(path);
    if (name.has_parent_path() && name.parent_path() != name) {
        create_missing(name.parent_path());
    }
    return Folder(make_folder(AT_FDCWD, name.string(), name), name);
}

Folder Folder::open_for_output(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int saved = errno;
        throw Error(ExitCode::cant_create,
                    system_error("cannot create a file in", path.string(), saved).what());
    }
    return Folder(fd, path);
}

std::optional<Folder> Folder::open_sub(std::string_view name) const {
    const std::string entry(name);
    const fs::path path = path_of(name);
    const int fd = open_folder(this->fd(), entry, path);
    if (fd < 0) {
        return std::nullopt;
    }
    check_private(fd, path);
    return Folder(fd, path);
}

Folder Folder::make_sub(std::string_view name) const {
    const fs::path path = path_of(name);
    return Folder(make_folder(fd(), std::string(name), path), path);
}

std::vector<std::string> Folder::names() const {
    // A new open of the folder, so listing never shares a position with another reader.
    const int fd = ::openat(this->fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (dir == nullptr) {
        const int saved = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw system_error("cannot list", m_path.string(), saved);
    }
    std::vector<std::string> out;
    errno = 0;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            out.emplace_back(name);
        }
        errno = 0;
    }
    const int saved = errno;
    ::closedir(dir);
    if (saved != 0) {
        throw system_error("cannot list", m_path.string(), saved);
    }
    return out;
}

} // namespace bb::storage
