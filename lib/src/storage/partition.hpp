#pragma once
// Internal to storage: the month partition, one kind's records of one month in one TOML file
// (e.g. rejections/2026-11.toml). Reads go through the partition's cache when it serves
// (partition_cache.hpp, the layer below); writes replace the file with AtomicFile, or append a
// record's table to its text when that is exact. The Store (store.hpp) is the layer above: it
// decides which partitions a request needs.

#include "bounceback/core/date_range.hpp"
#include "record_kind.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace bb::storage::detail {

/// A data file of one kind and month, e.g. rejections/2026-11.toml.
struct Partition {
    std::chrono::year_month month;
    std::filesystem::path path;
};

/// Every partition file in `dir` (named YYYY-MM.toml), oldest first. Other names are skipped.
std::vector<Partition> list_partitions(const std::filesystem::path& dir);

/// The partitions of `dir` that can hold dates inside `range`, oldest first.
std::vector<Partition> partitions_in(const std::filesystem::path& dir, const DateRange& range);

/// The partition file for records dated `date` in `dir`.
std::filesystem::path partition_path(const std::filesystem::path& dir, Date date);

/// The `[[table]]` entries of the partition `doc` read from `path`, after checking the version
/// and refusing unknown top-level keys. Throws Error(data) with position.
std::vector<const toml::table*>
partition_tables(const toml::table& doc, const std::filesystem::path& path, std::string_view table);

// ---- the text of a partition -----------------------------------------------------------------

/// The records of partition text `text` read from `path` (named in errors). Throws Error(data)
/// with `FILE:LINE:COL` when it does not parse or a record breaks a rule.
template <typename Record>
std::vector<Record> records_from_text(std::string_view text, const std::filesystem::path& path);

/// The text of a partition file holding `records` (sorted in Kind<Record>::before order).
template <typename Record> std::string partition_text(std::vector<Record> records);

/// The text of the partition whose text is `text` and whose records are `records` (decoded from
/// that text) once `record` is added, made by appending `record`'s [[table]] to `text`, so a
/// hand-edited month keeps its comments and layout. nullopt when the append cannot be proved
/// exact: `record` does not sort after every record, or a line before the first table header
/// is anything but blank, a comment or `version = N` (an array of records written with `=`
/// cannot be continued by a header). For a month bounceback wrote, the result is byte for byte
/// partition_text() of all the records.
template <typename Record>
std::optional<std::string> appended_partition_text(std::string_view text,
                                                   const std::vector<Record>& records,
                                                   const Record& record);

// ---- reading ---------------------------------------------------------------------------------

/// The records of the partition at `path`, parsed from its text; empty when the file does not
/// exist. Throws Error(data) with position.
template <typename Record> std::vector<Record> read_partition(const std::filesystem::path& path);

/// The records of the partition at `path`, exactly as read_partition() returns them (same
/// records, same errors), served from the cache file at `cache` when it matches the partition,
/// and, when `refresh`, refreshing that cache file otherwise (a writer about to replace the
/// partition passes false). An empty `cache` reads the TOML file only.
///
/// A reader caches a file only when the file is older than the moment the reader started (the
/// file clock): a later in-place edit then gets a later mtime, even if it keeps the size and
/// lands within the same second. A cache checked against the file's text (a writer's) is
/// rewritten as such a reader's cache, trusted by its stamp from then on.
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

// ---- writing ---------------------------------------------------------------------------------

/// Replaces the partition at `path` with `records` (in Kind<Record>::before order), or removes it
/// when `records` is empty.
template <typename Record>
void write_partition(const std::filesystem::path& path, std::vector<Record> records);

/// Replaces the partition at `path`, read as `month`, with its records plus `record`: by
/// appending `record`'s table to the text when that is exact (appended_partition_text), else by
/// writing the whole month again. Then caches the month as written at `cache` (see
/// cache_written_partition), so the next reader or writer need not parse it.
template <typename Record>
void write_partition_adding(const std::filesystem::path& path, const std::filesystem::path& cache,
                            PartitionSnapshot<Record> month, const Record& record);

/// After a writer replaced the partition at `path` with `text`, whose records (in the file's
/// order) are `records`: caches them at `cache` for the file as it now is. Such a cache is only
/// trusted once the file's text is checked against it: the writer cannot know that nothing
/// changed the file in the same clock tick. Any failure is silent, like every cache write.
template <typename Record>
void cache_written_partition(const std::filesystem::path& path, const std::filesystem::path& cache,
                             std::string_view text, const std::vector<Record>& records);

} // namespace bb::storage::detail
