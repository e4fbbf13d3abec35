#include "bounceback/storage/file.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "file_io.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using detail::read_all;

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

ScratchFile::ScratchFile(const fs::path& dir, std::string_view stem, std::string_view content) {
    ensure_private_dir(dir);
    const int fd = detail::open_private_temp(dir, std::string(stem) + "-", ".toml", &m_path);
    int error = detail::write_all(fd, content);
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

} // namespace bb::storage
