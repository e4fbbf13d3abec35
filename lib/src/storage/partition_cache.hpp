#pragma once
// Internal to storage: a derived, disposable binary copy of each partition's decoded records,
// so readers need not parse TOML that has not changed since it was last read. This layer knows
// cache files and what they hold; the partition layer above (partition.hpp) decides when to
// consult and refresh them, and parses the TOML when they do not serve.
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
//   A cache folder that is not private (Folder: a link, another user's, writable by others) is
//   refused like any other folder of bounceback's (FolderNotPrivate, exit 77).
// - The cache is a hint, never the truth. A cache file is opened O_NOFOLLOW|O_NONBLOCK and used
//   only when it is a plain file of ours within k_max_cache_bytes; its records must pass the
//   rules a data file's records pass (check_record), or the file is removed and rebuilt. A
//   writer never takes the records it rewrites from the cache: it parses the text it replaces
//   (partition.hpp).

#include "bounceback/storage/file.hpp"
#include "bounceback/storage/folder.hpp"
#include "record_kind.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
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

    /// The last change to the file: the later of its mtime and ctime.
    std::int64_t newest() const { return std::max(mtime_ns, ctime_ns); }
};

/// The stamp of a file from its `st`.
FileStamp stamp_of(const struct stat& st);

/// Now on the clock file times come from (CLOCK_REALTIME_COARSE), in nanoseconds: a file
/// changed after this moment gets a later mtime.
std::int64_t file_clock_now();

/// The largest cache file read: twice the largest data file, more than a month's records take.
inline constexpr std::size_t k_max_cache_bytes = 2 * k_max_data_file_bytes;

/// The cache folder of one kind of record (CACHE_DIR/KIND), opened when first needed and made
/// when first written. A default-constructed one is no cache at all.
class CacheFolder {
  public:
    CacheFolder() = default;
    /// The cache of `kind_folder` ("rejections") under `cache_dir`; none when it is empty.
    CacheFolder(std::filesystem::path cache_dir, std::string kind_folder);

    /// The folder to read cache files from, or nullptr when there is none (no cache, or it does
    /// not exist or cannot be opened). Throws FolderNotPrivate for a folder that is not private.
    const Folder* for_reading() const;

    /// The folder to write cache files in (made when missing), or nullptr when it cannot be.
    /// Throws FolderNotPrivate for a folder that is not private.
    const Folder* for_writing() const;

  private:
    std::filesystem::path m_root;
    std::string m_kind;
    mutable std::optional<Folder> m_folder;
};

/// The name of the cache file of the partition file `partition` ("2026-11.toml" gives
/// "2026-11.cache").
std::string cache_name(std::string_view partition);

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

/// The records of cache bytes `bytes` when they are whole, of this version and kind, and made
/// from a file stamped `stamp`; nullopt otherwise (for tests).
template <typename Record>
std::optional<std::vector<Record>> decode_cache(std::string_view bytes, const FileStamp& stamp);

/// Reads the cache file `name` in `cache` into `records` (reusing their room) and `origin`. True
/// when it holds the records of the file stamped `stamp` whose text `text()` gives when asked:
/// it is a plain file of ours within k_max_cache_bytes, whole, of this version and kind, made
/// for that stamp, either made by a reader that began after the file last changed (the stamp is
/// enough) or holding the checksum of that text (read only then), and every record passes
/// check_record. False, with `records` in any state, otherwise or when it cannot be read; a file
/// whose records break a rule is removed, so the next reader rebuilds it. Throws only
/// FolderNotPrivate.
template <typename Record>
bool load_cache(const CacheFolder& cache, std::string_view name, const FileStamp& stamp,
                const std::function<const std::string&()>& text, std::vector<Record>& records,
                CacheOrigin& origin);

/// Replaces the cache file `name` in `cache` with `records`, read from the file stamped
/// `stamp`, made as `origin` says. Any failure is silent (a cache that cannot be written is
/// only a missed speed-up) but FolderNotPrivate.
template <typename Record>
void save_cache(const CacheFolder& cache, std::string_view name, const FileStamp& stamp,
                const std::vector<Record>& records, const CacheOrigin& origin);

} // namespace bb::storage::detail
