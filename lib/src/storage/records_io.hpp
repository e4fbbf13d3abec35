#pragma once
// Internal to storage: reading and writing partitions and the ID counters, shared by the store
// and the doctor.

#include "bounceback/core/codec.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/storage/store.hpp"

#include <map>
#include <string>

namespace bb::storage::detail {

/// What differs between kinds of record: folder, table name, decoder.
template <typename Record> struct Kind;

template <> struct Kind<Rejection> {
    static constexpr const char* folder = "rejections";
    static constexpr const char* table = "rejection";
    static constexpr const char* noun = "rejection";
    static constexpr const char* list_command = "bounceback log list";
    static Rejection decode(const toml::table& t, std::string_view file) {
        return rejection_from_toml(t, file);
    }
};

template <> struct Kind<Win> {
    static constexpr const char* folder = "wins";
    static constexpr const char* table = "win";
    static constexpr const char* noun = "win";
    static constexpr const char* list_command = "bounceback log win list";
    static Win decode(const toml::table& t, std::string_view file) { return win_from_toml(t, file); }
};

/// The partition file for records dated `date` in `dir`.
std::filesystem::path partition_path(const std::filesystem::path& dir, Date date);

/// The `[[table]]` entries of the partition at `path` (empty when it does not exist), after
/// checking the version and refusing unknown top-level keys. Throws Error(data) with position.
std::vector<const toml::table*> partition_tables(const toml::table& doc,
                                                 const std::filesystem::path& path,
                                                 std::string_view table);

/// The records of the partition at `path`; empty when the file does not exist.
template <typename Record>
std::vector<Record> read_partition(const std::filesystem::path& path);

/// Replaces the partition at `path` with `records` (sorted by date, then ID), or removes it
/// when `records` is empty.
template <typename Record>
void write_partition(const std::filesystem::path& path, std::vector<Record> records);

/// The next ID of each kind ("rejection", "win") from store.toml at `path`; empty when the file
/// does not exist. Throws Error(data) with position.
std::map<std::string, std::int64_t> read_counters(const std::filesystem::path& path);

/// Replaces store.toml at `path` with `counters`.
void write_counters(const std::filesystem::path& path,
                    const std::map<std::string, std::int64_t>& counters);

} // namespace bb::storage::detail
