#include "bounceback/storage/atomic_file.hpp"

#include "bounceback/core/error.hpp"
#include "file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace bb::storage {

using detail::fsync_dir;

AtomicFile::AtomicFile(Folder dir, std::string name)
    : m_dir(std::move(dir)), m_name(std::move(name)) {
    m_fd = detail::open_private_temp(m_dir, m_name + ".tmp-", "", &m_temp);
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        discard();
    }
}

std::string AtomicFile::target_path() const {
    return m_dir.path_of(m_name).string();
}

void AtomicFile::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlinkat(m_dir.fd(), m_temp.c_str(), 0);
        m_temp.clear();
    }
}

void AtomicFile::write(std::string_view data) {
    if (int error = detail::write_all(m_fd, data); error != 0) {
        discard();
        throw system_error("cannot write", target_path(), error);
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
        throw system_error("cannot sync", target_path(), saved);
    }
    close_checked();
}

void AtomicFile::close_checked() {
    int rc = ::close(m_fd);
    m_fd = -1;
    if (rc != 0) {
        int saved = errno;
        discard();
        throw system_error("cannot write", target_path(), saved);
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
    const int rc = replace ? ::renameat(m_dir.fd(), m_temp.c_str(), m_dir.fd(), m_name.c_str())
                           : ::renameat2(m_dir.fd(), m_temp.c_str(), m_dir.fd(), m_name.c_str(),
                                         RENAME_NOREPLACE);
    if (rc != 0) {
        int saved = errno;
        discard();
        if (saved == EEXIST) {
            throw Error(ExitCode::cant_create, target_path() + " already exists; nothing was changed");
        }
        throw system_error(replace ? "cannot replace" : "cannot create", target_path(), saved);
    }
    m_temp.clear();
    m_committed = true;
    if (durable) {
        fsync_dir(m_dir);
    }
}

void write_file_atomically(const Folder& dir, const std::string& name, std::string_view content) {
    AtomicFile file(dir, name);
    file.write(content);
    file.commit();
}

void remove_file_durably(const Folder& dir, const std::string& name) {
    if (::unlinkat(dir.fd(), name.c_str(), 0) != 0) {
        if (errno == ENOENT) {
            return;
        }
        throw system_error("cannot remove", dir.path_of(name).string(), errno);
    }
    fsync_dir(dir);
}

} // namespace bb::storage
