#pragma once
// Internal to storage: the month partition, one kind's records of one month in one TOML file
// (e.g. rejections/2026-11.toml). Reads go through the partition's cache when it serves
// (partition_cache.hpp, the layer below); writes replace the file with AtomicFile, or append a
// record's table to its text when that is exact. The Store (store.hpp) is the layer above: it
// decides which partitions a request needs.

#include "bounceback/core/date_range.hpp"
#include "bounceback/storage/folder.hpp"
#include "partition_cache.hpp"
#include "record_kind.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace bb::storage::detail {

/// A data file of one kind and month, e.g. rejections/2026-11.toml, by its name in its kind's
/// folder.
struct Partition {
    std::chrono::year_month month;
    std::string name;
};

/// Every partition file in `dir` (named YYYY-MM.toml), oldest first. Other names are skipped.
std::vector<Partition> list_partitions(const Folder& dir);

/// The partitions of `dir` that can hold dates inside `range`, oldest first.
std::vector<Partition> partitions_in(const Folder& dir, const DateRange& range);

/// The name of the partition file for records dated `date` ("2026-11.toml").
std::string partition_name(Date date);

/// The month a partition file called `name` holds, when it is named YYYY-MM.toml.
std::optional<std::chrono::year_month> partition_month(std::string_view name);

/// The `[[table]]` entries of the partition `doc` read from `path`, after checking the version
/// and refusing unknown top-level keys. Throws Error(data) with position.
std::vector<const toml::table*>
partition_tables(const toml::table& doc, const std::filesystem::path& path, std::string_view table);

/// Refuses (Error(data)) to write `text` as the partition `name` in `dir` when it is larger than
/// bounceback reads (k_max_data_file_bytes): what is written must read back.
void check_partition_size(std::string_view text, const Folder& dir, std::string_view name);

// ---- the text of a partition -----------------------------------------------------------------

/// The records of partition text `text` read from `path` (named in errors); an empty array
/// (`rejection = []`) or no array at all holds none. Throws Error(data) with `FILE:LINE:COL`
/// when it does not parse or a record breaks a rule.
template <typename Record>
std::vector<Record> records_from_text(std::string_view text, const std::filesystem::path& path);

/// The text of a partition file holding `records` (sorted in Kind<Record>::before order); with
/// none, `version = 1` alone.
template <typename Record> std::string partition_text(std::vector<Record> records);

/// The text of the partition whose text is `text` and whose records are `records` (decoded from
/// that text) once `record` is added, made by appending `record`'s [[table]] to `text`, so a
/// hand-edited month keeps its comments and layout. nullopt when the append cannot be proved
/// exact: `record` does not sort after every record, or a line before the first table header
/// is anything but blank, a comment or `version = N` (an array of records written with `=`
/// cannot be continued by a header). For a month bounceback wrote, the result is byte for byte
/// partition_text() of all the records. A text whose lines all end in CR LF gets the added
/// lines ended the same way.
template <typename Record>
std::optional<std::string> appended_partition_text(std::string_view text,
                                                   const std::vector<Record>& records,
                                                   const Record& record);

// ---- reading ---------------------------------------------------------------------------------

/// The records of the partition `name` in `dir`, parsed from its text; empty when the file does
/// not exist. Throws Error(data) with position.
template <typename Record>
std::vector<Record> read_partition(const Folder& dir, std::string_view name);

/// The records of the partition `name` in `dir` into `records` (replacing what they held and
/// reusing their room, so that a reader going through many partitions allocates little),
/// exactly as read_partition() returns them (same records, same errors), served from its cache
/// file in `cache` when that matches the partition and, when `refresh`, refreshing that cache
/// file otherwise. For readers only: a writer parses what it replaces (read_partition_snapshot).
///
/// A reader caches a file only when the file is older than the moment the reader started (the
/// file clock): a later in-place edit then gets a later mtime, even if it keeps the size and
/// lands within the same second. A cache checked against the file's text (a writer's) is
/// rewritten as such a reader's cache, trusted by its stamp from then on.
template <typename Record>
void read_partition_cached(const Folder& dir, std::string_view name, const CacheFolder& cache,
                           std::vector<Record>& records, bool refresh = true);

/// read_partition_cached() into a new vector.
template <typename Record>
std::vector<Record> read_partition_cached(const Folder& dir, std::string_view name,
                                          const CacheFolder& cache);

/// A partition as a writer about to change it reads it: its records and the exact text they
/// are the records of (nullopt, with no records, when the file does not exist).
template <typename Record> struct PartitionSnapshot {
    std::vector<Record> records;
    std::optional<std::string> text;
};

/// The text of the partition `name` in `dir` and its records, parsed from that text (never
/// taken from the cache, which is a hint: a writer must never write back records the file does
/// not hold). Throws like read_partition().
template <typename Record>
PartitionSnapshot<Record> read_partition_snapshot(const Folder& dir, std::string_view name);

// ---- writing ---------------------------------------------------------------------------------

/// Replaces the partition `name` in `dir` with `records` (in Kind<Record>::before order), or
/// removes it when `records` is empty. Throws Error(data) when the text would be larger than
/// bounceback reads.
template <typename Record>
void write_partition(const Folder& dir, const std::string& name, std::vector<Record> records);

/// Replaces the partition `name` in `dir`, read as `month`, with its records plus `record`: by
/// appending `record`'s table to the text when that is exact (appended_partition_text), else by
/// writing the whole month again. Then caches the month as written in `cache` (see
/// cache_written_partition), so the next reader need not parse it. Throws Error(data) when the
/// text would be larger than bounceback reads. `before_visible`, when given, runs once the new
/// text is durable and before it replaces the file (Store::add moves the ID counter then).
template <typename Record>
void write_partition_adding(const Folder& dir, const std::string& name, const CacheFolder& cache,
                            PartitionSnapshot<Record> month, const Record& record,
                            const std::function<void()>& before_visible = {});

/// After a writer replaced the partition `name` in `dir` with `text`, whose records (in the
/// file's order) are `records`: caches them in `cache` for the file as it now is. Such a cache
/// is only trusted once the file's text is checked against it: the writer cannot know that
/// nothing changed the file in the same clock tick. Any failure is silent, like every cache
/// write.
template <typename Record>
void cache_written_partition(const Folder& dir, std::string_view name, const CacheFolder& cache,
                             std::string_view text, const std::vector<Record>& records);

} // namespace bb::storage::detail
