#include "bounceback/storage/lock.hpp"

#include "bounceback/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace bb::storage {

WriteLock::WriteLock(const Folder& dir, std::chrono::milliseconds timeout) {
    const std::string lock_file = dir.path_of(k_name).string();
    m_fd = ::openat(dir.fd(), k_name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        throw system_error("cannot open the lock file", lock_file, errno);
    }
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
        st.st_uid != ::geteuid()) {
        ::close(m_fd);
        m_fd = -1;
        throw Error(ExitCode::no_perm,
                    lock_file + " is not bounceback's lock file (it is not a plain file of yours, "
                                "or it has another name elsewhere); nothing was changed.\nRemove "
                                "it and run the command again: bounceback makes a new one.");
    }
    // Only a file of ours with this one name: the umask may have left it too open.
    if ((st.st_mode & 07777) != 0600) {
        ::fchmod(m_fd, 0600);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto pause = std::chrono::milliseconds(1);
    while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) {
            continue;
        }
        if (errno != EWOULDBLOCK) {
            int saved = errno;
            ::close(m_fd);
            throw system_error("cannot lock", lock_file, saved);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(m_fd);
            const auto ms = timeout.count();
            const std::string waited = ms == 1000       ? std::string("1 second")
                                       : ms % 1000 == 0 ? std::to_string(ms / 1000) + " seconds"
                                                        : std::to_string(ms) + " milliseconds";
            throw Error(ExitCode::temp_fail,
                        "Another bounceback command is still saving; this one waited " + waited +
                            " and changed nothing. Please try again in a moment.",
                        "the lock it waited for: " + lock_file);
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

WriteLock::~WriteLock() {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace bb::storage
