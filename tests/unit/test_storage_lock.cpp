// Tests for lib/src/storage/lock.cpp.
#include "bounceback/storage/lock.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <optional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
using bb::storage::WriteLock;
using bb::test::error_from;
using bb::test::TempDir;

namespace {

/// A forked child that takes the lock on `lock_file`, says so through a pipe and then waits to
/// be killed (giving up after 30 s, so a failed test never leaves it behind). The destructor
/// kills it if the test did not.
class LockHolder {
  public:
    explicit LockHolder(const bb::storage::Folder& dir) {
        int fds[2];
        if (::pipe(fds) != 0) {
            throw std::runtime_error("pipe failed");
        }
        m_pid = ::fork();
        if (m_pid < 0) {
            throw std::runtime_error("fork failed");
        }
        if (m_pid == 0) {
            ::close(fds[0]);
            try {
                WriteLock lock(dir, 5s);
                const char ready = 'L';
                if (::write(fds[1], &ready, 1) != 1) {
                    ::_exit(2);
                }
                for (int i = 0; i < 300; ++i) {
                    std::this_thread::sleep_for(100ms);
                }
            } catch (...) {
                ::_exit(1);
            }
            ::_exit(0);
        }
        ::close(fds[1]);
        char ready = 0;
        m_locked = ::read(fds[0], &ready, 1) == 1 && ready == 'L';
        ::close(fds[0]);
    }

    ~LockHolder() {
        if (m_pid > 0) {
            kill_and_wait();
        }
    }

    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

    /// True once the child said it holds the lock.
    bool locked() const { return m_locked; }

    /// SIGKILLs the child and reaps it; returns its wait status.
    int kill_and_wait() {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return status;
    }

  private:
    pid_t m_pid = -1;
    bool m_locked = false;
};

} // namespace

TEST_CASE("storage::WriteLock") {
    TempDir tmp;
    const auto lock_file = tmp / ".lock";
    const auto dir = bb::test::folder_at(tmp.path());

    SUBCASE("the lock file is created 0600 under umask 0") {
        bb::test::UmaskGuard umask(0);
        WriteLock lock(dir);
        CHECK(bb::test::mode_of(lock_file) == 0600);
    }
    SUBCASE("a second lock on the same file times out with temp_fail naming the file") {
        WriteLock first(dir);
        const auto start = std::chrono::steady_clock::now();
        const auto error = error_from([&] { WriteLock second(dir, 200ms); });
        const auto waited = std::chrono::steady_clock::now() - start;
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::temp_fail);
        // The sentence is in the reader's words; the file is on the labelled detail line.
        BB_CHECK_CONTAINS(error->what(), "this one waited 200 milliseconds and changed nothing");
        CHECK_FALSE(bb::test::contains(error->what(), lock_file.string()));
        BB_CHECK_CONTAINS(error->detail(), lock_file.string());
        CHECK(waited >= 200ms);
        CHECK(waited < 5s);
    }
    SUBCASE("once the holder is gone, the lock can be taken again") {
        {
            WriteLock first(dir);
            CHECK_THROWS_AS(WriteLock(dir, 100ms), bb::Error);
        }
        CHECK_NOTHROW(WriteLock(dir, 200ms));
        WriteLock again(dir, 200ms);
        CHECK_THROWS_AS(WriteLock(dir, 100ms), bb::Error);
    }
    SUBCASE("a lock held by a process that is killed is released") {
        LockHolder holder(dir);
        REQUIRE(holder.locked());
        const auto error = error_from([&] { WriteLock busy(dir, 200ms); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::temp_fail);
        const int status = holder.kill_and_wait();
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
        CHECK_NOTHROW(WriteLock(dir, 2s));
    }
    SUBCASE("a lock file in a folder that is gone is an I/O error") {
        const auto gone = bb::test::folder_at(tmp / "gone");
        std::filesystem::remove(tmp / "gone");
        const auto error = error_from([&] { WriteLock lock(gone, 100ms); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::io);
    }
    SUBCASE("a lock hard-linked to another file is refused, and that file keeps its mode") {
        bb::test::write_text(tmp / "other", "x");
        std::filesystem::permissions(tmp / "other", std::filesystem::perms(0644));
        std::filesystem::create_hard_link(tmp / "other", lock_file);
        const auto error = error_from([&] { WriteLock lock(dir, 100ms); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_perm);
        CHECK(bb::test::mode_of(tmp / "other") == 0644);
    }
    SUBCASE("a lock that is a symbolic link is refused") {
        bb::test::write_text(tmp / "other", "x");
        std::filesystem::create_symlink(tmp / "other", lock_file);
        CHECK(error_from([&] { WriteLock lock(dir, 100ms); }));
    }
}
