#pragma once
// Internal to storage: the system calls under AtomicFile and the file helpers (storage/file.hpp).
// Each works relative to an open folder (storage/folder.hpp), checks every call and retries
// what EINTR interrupts.

#include "bounceback/storage/folder.hpp"

#include <string>
#include <string_view>

namespace bb::storage::detail {

/// fsyncs the folder `dir`, so a rename or removal in it is durable. A file system that cannot
/// sync folders (EINVAL) is not an error. Throws Error(io/no_perm).
void fsync_dir(const Folder& dir);

/// Creates a new file `.PREFIX<random>SUFFIX` in `dir` with O_EXCL|O_NOFOLLOW, mode 0600
/// whatever the umask; returns its descriptor and sets `*name`. Throws Error(io/no_perm).
int open_private_temp(const Folder& dir, const std::string& prefix, const std::string& suffix,
                      std::string* name);

/// Opens the existing file `name` in `dir` for reading without following a link and without
/// waiting (O_NONBLOCK: a pipe there never blocks). Returns -1 when it does not exist, and sets
/// `*error` to errno on any other failure (then also -1).
int open_plain_file(const Folder& dir, std::string_view name, int* error);

/// Writes all of `data` to `fd`, retrying short writes; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view data);

/// Everything left to read from `fd`, which is closed afterwards when `close_after`. `name` and
/// `too_big` word the errors. Throws Error(data) past `max_bytes`, Error(io/no_perm) when
/// reading fails.
std::string read_all(int fd, const std::string& name, std::size_t max_bytes,
                     const std::string& too_big, bool close_after);

} // namespace bb::storage::detail
