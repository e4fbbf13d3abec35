#pragma once
// The one lock every writer holds.

#include <chrono>
#include <filesystem>

namespace bb::storage {

/// An exclusive flock on a dedicated lock file, held for the object's lifetime. The kernel
/// releases it when the holder dies, so a crash never leaves a stale lock behind.
class WriteLock {
  public:
    /// Waits with back-off for the lock on `lock_file` (created 0600 if missing). Throws
    /// Error(temp_fail) naming the file after `timeout`, Error(io/no_perm) if it cannot be opened.
    explicit WriteLock(const std::filesystem::path& lock_file,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~WriteLock();
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    /// Hands the held lock over to a new owner; `other` then holds nothing.
    WriteLock(WriteLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    WriteLock& operator=(WriteLock&&) = delete;

  private:
    int m_fd = -1;
};

} // namespace bb::storage
