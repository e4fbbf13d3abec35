#include "file_io.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage::detail {

void fsync_dir(const Folder& dir) {
    if (::fsync(dir.fd()) != 0 && errno != EINVAL) { // some file systems cannot sync folders
        throw system_error("cannot sync folder", dir.path().string(), errno);
    }
}

int open_private_temp(const Folder& dir, const std::string& prefix, const std::string& suffix,
                      std::string* name) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string candidate = "." + prefix + util::random_word(6) + suffix;
        int fd = ::openat(dir.fd(), candidate.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            if (::fchmod(fd, 0600) != 0) {
                int saved = errno;
                ::close(fd);
                ::unlinkat(dir.fd(), candidate.c_str(), 0);
                throw system_error("cannot set permissions on", dir.path_of(candidate).string(),
                                   saved);
            }
            *name = std::move(candidate);
            return fd;
        }
        if (errno != EEXIST) {
            throw system_error("cannot create a file in", dir.path().string(), errno);
        }
    }
    throw Error(ExitCode::io,
                "cannot create a file in " + dir.path().string() + " (too many name clashes)");
}

int open_plain_file(const Folder& dir, std::string_view name, int* error) {
    *error = 0;
    const int fd = ::openat(dir.fd(), std::string(name).c_str(),
                            O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        *error = errno;
    }
    return fd;
}

int write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

std::string read_all(int fd, const std::string& name, std::size_t max_bytes,
                     const std::string& too_big, bool close_after) {
    auto finish = [&] {
        if (close_after) {
            ::close(fd);
        }
    };
    // Read straight into the string, sized from the file when it is a plain one (one byte more,
    // to see the end without growing), so a big file is neither copied twice nor regrown.
    std::size_t room = 65536;
    struct stat info {};
    const bool plain = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size >= 0;
    if (plain) {
        room = std::min(static_cast<std::size_t>(info.st_size), max_bytes) + 1;
    }
    std::string content(room, '\0');
    std::size_t used = 0;
    while (true) {
        if (used == content.size()) {
            content.resize(content.size() * 2);
        }
        ssize_t n = ::read(fd, content.data() + used, content.size() - used);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int saved = errno;
            finish();
            throw system_error("cannot read", name, saved);
        }
        if (n == 0) {
            break;
        }
        const bool short_read = static_cast<std::size_t>(n) < content.size() - used;
        used += static_cast<std::size_t>(n);
        if (used > max_bytes) {
            finish();
            throw Error(ExitCode::data, name + ": " + too_big);
        }
        if (plain && short_read) {
            break; // a plain file reads short only at its end: no read just to see it
        }
    }
    content.resize(used);
    finish();
    return content;
}

} // namespace bb::storage::detail
