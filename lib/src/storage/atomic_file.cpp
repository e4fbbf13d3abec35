#include "bounceback/storage/atomic_file.hpp"

#include "bounceback/core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;

namespace {

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

/// Creates a new file `dir/.PREFIX<random>SUFFIX` with O_EXCL|O_NOFOLLOW, mode 0600 whatever
/// the umask; returns its descriptor and sets `*path`.
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

/// Writes all of `data` to `fd`, retrying short writes; returns 0 or the errno of the failure.
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

} // namespace

void ensure_private_dir(const fs::path& dir) {
    if (dir.empty()) {
        return;
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            throw Error(ExitCode::cant_create, dir.string() + " exists and is not a folder");
        }
        return;
    }
    // ENOTDIR: a file is in the way higher up; the parent's turn below names it.
    if (errno != ENOENT && errno != ENOTDIR) {
        throw system_error("cannot look at", dir.string(), errno);
    }
    if (dir.has_parent_path() && dir.parent_path() != dir) {
        ensure_private_dir(dir.parent_path());
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw system_error("cannot create folder", dir.string(), errno);
    }
    // mkdir's mode is filtered by the umask; 0700 must hold whatever it is.
    if (::chmod(dir.c_str(), 0700) != 0) {
        throw system_error("cannot set permissions on", dir.string(), errno);
    }
}

namespace {

/// Everything left to read from `fd`, which is closed afterwards. `name` and `too_big` word the
/// errors. Throws Error(data) past `max_bytes`, Error(io/no_perm) when reading fails.
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

/// What a data file larger than `max_bytes` is told.
std::string data_file_too_big(std::size_t max_bytes) {
    return "file is larger than " + std::to_string(max_bytes) +
           " bytes; is it really a bounceback file?";
}

} // namespace

std::optional<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throw system_error("cannot open", path.string(), errno);
    }
    return read_all(fd, path.string(), max_bytes, data_file_too_big(max_bytes), true);
}

std::string read_input(const std::string& path, std::size_t max_bytes) {
    const std::string too_big =
        "larger than " + std::to_string(max_bytes) + " bytes; nothing was read from it";
    if (path == "-") {
        return read_all(STDIN_FILENO, "standard input", max_bytes, too_big, false);
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            throw Error(ExitCode::no_input, path + ": no such file");
        }
        throw system_error("cannot open", path, errno);
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw Error(ExitCode::no_input, path + ": is a folder, not a file");
    }
    return read_all(fd, path, max_bytes, too_big, true);
}

std::string read_open_file(int fd, const fs::path& path, std::size_t max_bytes) {
    return read_all(fd, path.string(), max_bytes, data_file_too_big(max_bytes), false);
}

bool is_temp_file_name(std::string_view name) {
    auto marker = name.rfind(".tmp-");
    return name.starts_with(".") && marker != std::string_view::npos && marker > 1 &&
           name.size() == marker + 5 + 6;
}

AtomicFile::AtomicFile(fs::path target) : m_target(std::move(target)) {
    m_fd = open_private_temp(m_target.parent_path(), m_target.filename().string() + ".tmp-", "",
                             &m_temp);
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        discard();
    }
}

void AtomicFile::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
}

void AtomicFile::write(std::string_view data) {
    if (int error = write_all(m_fd, data); error != 0) {
        discard();
        throw system_error("cannot write", m_target.string(), error);
    }
}

void AtomicFile::commit() {
    finish(true);
}

void AtomicFile::commit_new() {
    finish(false);
}

void AtomicFile::commit_unsynced() {
    finish(true, false);
}

void AtomicFile::sync_and_close() {
    if (::fsync(m_fd) != 0) {
        int saved = errno;
        discard();
        throw system_error("cannot sync", m_target.string(), saved);
    }
    close_checked();
}

void AtomicFile::close_checked() {
    int rc = ::close(m_fd);
    m_fd = -1;
    if (rc != 0) {
        int saved = errno;
        discard();
        throw system_error("cannot write", m_target.string(), saved);
    }
}

void AtomicFile::sync() {
    if (m_fd >= 0) {
        sync_and_close();
    }
}

void AtomicFile::finish(bool replace, bool durable) {
    if (durable) {
        sync();
    } else if (m_fd >= 0) {
        close_checked();
    }
    const int rc = replace ? ::rename(m_temp.c_str(), m_target.c_str())
                           : ::renameat2(AT_FDCWD, m_temp.c_str(), AT_FDCWD, m_target.c_str(),
                                         RENAME_NOREPLACE);
    if (rc != 0) {
        int saved = errno;
        discard();
        if (saved == EEXIST) {
            throw Error(ExitCode::cant_create,
                        m_target.string() + " already exists; nothing was changed");
        }
        throw system_error(replace ? "cannot replace" : "cannot create", m_target.string(), saved);
    }
    m_temp.clear();
    m_committed = true;
    if (durable) {
        fsync_dir(m_target.parent_path());
    }
}

ScratchFile::ScratchFile(const fs::path& dir, std::string_view stem, std::string_view content) {
    ensure_private_dir(dir);
    const int fd = open_private_temp(dir, std::string(stem) + "-", ".toml", &m_path);
    int error = write_all(fd, content);
    if (::close(fd) != 0 && error == 0) {
        error = errno;
    }
    if (error != 0) {
        ::unlink(m_path.c_str());
        throw system_error("cannot write", m_path.string(), error);
    }
}

ScratchFile::~ScratchFile() {
    if (!m_kept) {
        ::unlink(m_path.c_str());
    }
}

std::string ScratchFile::read() const {
    auto content = read_file(m_path);
    if (!content) {
        throw Error(ExitCode::io, m_path.string() + " disappeared while it was being edited");
    }
    return *content;
}

void write_file_atomically(const fs::path& path, std::string_view content) {
    AtomicFile file(path);
    file.write(content);
    file.commit();
}

void write_output_file(const fs::path& path, std::string_view content, bool overwrite) {
    const fs::path target = path.has_parent_path() ? path : fs::path(".") / path;
    try {
        AtomicFile file(target);
        file.write(content);
        if (overwrite) {
            file.commit();
        } else {
            file.commit_new();
        }
    } catch (const Error& error) {
        if (error.code() == ExitCode::cant_create) {
            throw Error(ExitCode::cant_create,
                        std::string(error.what()) + " (add --force to replace it)");
        }
        throw Error(ExitCode::cant_create, std::string(error.what()));
    }
}

void remove_file_durably(const fs::path& path) {
    if (::unlink(path.c_str()) != 0) {
        if (errno == ENOENT) {
            return;
        }
        throw system_error("cannot remove", path.string(), errno);
    }
    fsync_dir(path.parent_path());
}

} // namespace bb::storage
