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

WriteLock::WriteLock(const std::filesystem::path& lock_file, std::chrono::milliseconds timeout) {
    m_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        throw system_error("cannot open the lock file", lock_file.string(), errno);
    }
    ::fchmod(m_fd, 0600);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto pause = std::chrono::milliseconds(1);
    while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) {
            continue;
        }
        if (errno != EWOULDBLOCK) {
            int saved = errno;
            ::close(m_fd);
            throw system_error("cannot lock", lock_file.string(), saved);
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
                        "the lock it waited for: " + lock_file.string());
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
