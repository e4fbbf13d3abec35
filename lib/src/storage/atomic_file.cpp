#include "bounceback/storage/atomic_file.hpp"

#include "bounceback/core/error.hpp"
#include "file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using detail::fsync_dir;

AtomicFile::AtomicFile(fs::path target) : m_target(std::move(target)) {
    m_fd = detail::open_private_temp(m_target.parent_path(),
                                     m_target.filename().string() + ".tmp-", "", &m_temp);
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
    if (int error = detail::write_all(m_fd, data); error != 0) {
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

void write_file_atomically(const fs::path& path, std::string_view content) {
    AtomicFile file(path);
    file.write(content);
    file.commit();
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
