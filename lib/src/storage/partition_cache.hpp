#pragma once
// Internal to storage: a derived, disposable binary copy of each partition's decoded records,
// so readers need not parse TOML that has not changed since it was last read.
//
// The rules (bounceback(5) documents them for users):
// - One cache file per partition: CACHE_DIR/KIND/YYYY-MM.cache (folders 0700, files 0600).
// - A cache file holds the stamp of the TOML file it was made from (size, mtime and ctime in
//   nanoseconds, inode, device), a checksum of that file's text, when its maker began reading
//   (CacheOrigin), a format version and a checksum of itself. It is used only when all of these
//   match the TOML file opened for this read; otherwise it is ignored and rebuilt. Nothing but
//   a match is ever trusted, so any write (by bounceback, an editor, git, a sync tool)
//   invalidates it with no cooperation from the writer.
// - A reader caches a stamp only when the TOML file is older than the moment the reader started
//   (CLOCK_REALTIME_COARSE, the clock file times come from): a later in-place edit then gets a
//   later mtime, even if it keeps the size and lands within the same second. Such a cache is
//   trusted by its stamp.
// - A writer that adds a record caches the file it has just put in place (made at 0). It cannot
//   know that no other program changed the file in the same clock tick, so its cache is trusted
//   only when the file's text has the checksum it holds; the first reader to check it, once the
//   file is older than that reader, rewrites it as a reader's cache.
// - Cache files are written without the write lock: content to a temp file beside the target,
//   then rename.
// - Any failure around the cache (missing, corrupt, truncated, other version, unreadable
//   folder, read-only or full disk) is silent: the TOML file is read as if there were no cache.

#include "records_io.hpp"

#include <filesystem>
#include <sys/stat.h>
#include <vector>

namespace bb::storage::detail {

/// The bytes that identify one version of a file (see above).
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    std::uint64_t device = 0;

    bool operator==(const FileStamp&) const = default;
};

/// The stamp of a file from its `st`.
FileStamp stamp_of(const struct stat& st);

/// The cache file of the partition `partition` of `kind_folder` under `cache_dir`; empty when
/// `cache_dir` is empty (no cache).
std::filesystem::path cache_path(const std::filesystem::path& cache_dir,
                                 std::string_view kind_folder,
                                 const std::filesystem::path& partition);

/// The records of the partition at `path`, exactly as read_partition() returns them (same
/// records, same errors), served from the cache file at `cache` when it matches the partition,
/// and, when `refresh`, refreshing that cache file otherwise (a writer about to replace the
/// partition passes false). An empty `cache` reads the TOML file only.
template <typename Record>
std::vector<Record> read_partition_cached(const std::filesystem::path& path,
                                          const std::filesystem::path& cache, bool refresh = true);

/// read_partition_cached() into `records`, replacing what they held and reusing their room, so
/// that a reader going through many partitions allocates little.
template <typename Record>
void read_partition_cached(const std::filesystem::path& path, const std::filesystem::path& cache,
                           std::vector<Record>& records, bool refresh = true);

/// A partition as a writer about to change it reads it: its records and the exact text they
/// are the records of (nullopt, with no records, when the file does not exist).
template <typename Record> struct PartitionSnapshot {
    std::vector<Record> records;
    std::optional<std::string> text;
};

/// The text of the partition at `path` and its records, exactly as read_partition() returns them
/// (same records, same errors). The records come from the cache file at `cache` only when it
/// matches the stamp the file had both before and after its text was read, so they are always
/// the records of that text; otherwise the text is parsed. Never writes the cache: a writer is
/// about to replace the file. An empty `cache` parses the text.
template <typename Record>
PartitionSnapshot<Record> read_partition_snapshot(const std::filesystem::path& path,
                                                  const std::filesystem::path& cache);

/// Where a cache's records come from, besides the stamp of the file they were read from.
struct CacheOrigin {
    /// When its maker began reading the file (CLOCK_REALTIME_COARSE, ns). A file whose stamp
    /// is older than this is known by its stamp alone; 0 for a writer's cache: always checked.
    std::int64_t made_at_ns = 0;
    std::uint64_t text_hash = 0; ///< text_checksum() of the file's text
};

/// The checksum of a partition's text that a cache is checked against.
std::uint64_t text_checksum(std::string_view text);

/// Encodes `records` read from a file stamped `stamp` as a cache file's bytes (for tests).
template <typename Record>
std::string encode_cache(const FileStamp& stamp, const std::vector<Record>& records,
                         const CacheOrigin& origin = {});

/// After a writer replaced the partition at `path` with `text`, whose records (in the file's
/// order) are `records`: caches them at `cache` for the file as it now is, so the next reader
/// need not parse it. Such a cache is only trusted once the file's text is checked against it:
/// the writer cannot know that nothing changed the file in the same clock tick. Any failure is
/// silent, like every cache write.
template <typename Record>
void cache_written_partition(const std::filesystem::path& path, const std::filesystem::path& cache,
                             std::string_view text, const std::vector<Record>& records);

/// The records of cache bytes `bytes` when they are whole, of this version and kind, and made
/// from a file stamped `stamp`; nullopt otherwise (for tests).
template <typename Record>
std::optional<std::vector<Record>> decode_cache(std::string_view bytes, const FileStamp& stamp);

} // namespace bb::storage::detail
