#pragma once
// Internal to storage: the system calls under AtomicFile and the file helpers (storage/file.hpp).
// Each checks every call and retries what EINTR interrupts.

#include <filesystem>
#include <string>
#include <string_view>

namespace bb::storage::detail {

/// fsyncs the folder `dir`, so a rename or removal in it is durable. A file system that cannot
/// sync folders (EINVAL) is not an error. Throws Error(io/no_perm).
void fsync_dir(const std::filesystem::path& dir);

/// Creates a new file `dir/.PREFIX<random>SUFFIX` with O_EXCL|O_NOFOLLOW, mode 0600 whatever the
/// umask; returns its descriptor and sets `*path`. Throws Error(io/no_perm).
int open_private_temp(const std::filesystem::path& dir, const std::string& prefix,
                      const std::string& suffix, std::filesystem::path* path);

/// Writes all of `data` to `fd`, retrying short writes; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view data);

/// Everything left to read from `fd`, which is closed afterwards when `close_after`. `name` and
/// `too_big` word the errors. Throws Error(data) past `max_bytes`, Error(io/no_perm) when
/// reading fails.
std::string read_all(int fd, const std::string& name, std::size_t max_bytes,
                     const std::string& too_big, bool close_after);

} // namespace bb::storage::detail
