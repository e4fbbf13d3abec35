#pragma once
// The one lock every writer holds.

#include "bounceback/storage/folder.hpp"

#include <chrono>
#include <filesystem>

namespace bb::storage {

/// An exclusive flock on a dedicated lock file, held for the object's lifetime. The kernel
/// releases it when the holder dies, so a crash never leaves a stale lock behind.
class WriteLock {
  public:
    /// The name of the lock file in the data folder.
    static constexpr const char* k_name = ".lock";

    /// Waits with back-off for the lock on `.lock` in `dir` (created 0600 if missing). Throws
    /// Error(temp_fail) naming the file after `timeout`, Error(io/no_perm) if it cannot be
    /// opened, and Error(no_perm) when it is not a plain file of ours with one name (a hard link
    /// to another file would have that file's mode changed).
    explicit WriteLock(const Folder& dir,
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
