#include "file_io.hpp"

#include "bounceback/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage::detail {

namespace fs = std::filesystem;

void fsync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw system_error("cannot open folder", dir.string(), errno);
    }
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0 && saved != EINVAL) { // some file systems cannot sync folders; that is not a loss
        throw system_error("cannot sync folder", dir.string(), saved);
    }
}

namespace {

std::string random_suffix() {
    static constexpr char k_chars[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device device;
    std::string out;
    for (int i = 0; i < 6; ++i) {
        out += k_chars[device() % (sizeof k_chars - 1)];
    }
    return out;
}

} // namespace

int open_private_temp(const fs::path& dir, const std::string& prefix, const std::string& suffix,
                      fs::path* path) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = dir / ("." + prefix + random_suffix() + suffix);
        int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            if (::fchmod(fd, 0600) != 0) {
                int saved = errno;
                ::close(fd);
                ::unlink(candidate.c_str());
                throw system_error("cannot set permissions on", candidate.string(), saved);
            }
            *path = std::move(candidate);
            return fd;
        }
        if (errno != EEXIST) {
            throw system_error("cannot create a file in", dir.string(), errno);
        }
    }
    throw Error(ExitCode::io,
                "cannot create a file in " + dir.string() + " (too many name clashes)");
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
