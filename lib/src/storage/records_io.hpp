#pragma once
// Internal to storage: reading and writing partitions and the ID counters, shared by the store
// and the doctor.

#include "bounceback/core/codec.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/storage/store.hpp"

#include <map>
#include <string>
#include <tuple>

namespace bb::storage::detail {

/// Records with an ID sort by date, then ID.
template <typename Record> bool by_date_then_id(const Record& a, const Record& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
}

/// What differs between kinds of record: folder, table name, decoder, order, and how a record
/// is named in messages. Kinds with `has_id` get IDs from store.toml.
template <typename Record> struct Kind;

template <> struct Kind<Rejection> {
    static constexpr const char* folder = "rejections";
    static constexpr const char* table = "rejection";
    static constexpr const char* noun = "rejection";
    static constexpr const char* list_command = "bounceback log list";
    static constexpr bool has_id = true;
    static Rejection decode(const toml::table& t, std::string_view file) {
        return rejection_from_toml(t, file);
    }
    static bool before(const Rejection& a, const Rejection& b) { return by_date_then_id(a, b); }
    static std::string identity(const Rejection& r) { return "rejection " + std::to_string(r.id); }
};

template <> struct Kind<Win> {
    static constexpr const char* folder = "wins";
    static constexpr const char* table = "win";
    static constexpr const char* noun = "win";
    static constexpr const char* list_command = "bounceback log win list";
    static constexpr bool has_id = true;
    static Win decode(const toml::table& t, std::string_view file) {
        return win_from_toml(t, file);
    }
    static bool before(const Win& a, const Win& b) { return by_date_then_id(a, b); }
    static std::string identity(const Win& w) { return "win " + std::to_string(w.id); }
};

template <> struct Kind<Reflection> {
    static constexpr const char* folder = "reflections";
    static constexpr const char* table = "reflection";
    static constexpr const char* noun = "reflection";
    static constexpr const char* list_command = "bounceback reflect list";
    static constexpr bool has_id = true;
    static Reflection decode(const toml::table& t, std::string_view file) {
        return reflection_from_toml(t, file);
    }
    static bool before(const Reflection& a, const Reflection& b) { return by_date_then_id(a, b); }
    static std::string identity(const Reflection& r) {
        return "reflection " + std::to_string(r.id);
    }
};

template <> struct Kind<Checkin> {
    static constexpr const char* folder = "checkins";
    static constexpr const char* table = "checkin";
    static constexpr const char* noun = "check-in";
    static constexpr bool has_id = false;
    static Checkin decode(const toml::table& t, std::string_view file) {
        return checkin_from_toml(t, file);
    }
    static bool before(const Checkin& a, const Checkin& b) {
        return std::tie(a.date, a.habit) < std::tie(b.date, b.habit);
    }
    static std::string identity(const Checkin& c) {
        return "check-in of " + c.habit + " on " + util::format_date(c.date);
    }
};

/// The partition file for records dated `date` in `dir`.
std::filesystem::path partition_path(const std::filesystem::path& dir, Date date);

/// The `[[table]]` entries of the partition at `path` (empty when it does not exist), after
/// checking the version and refusing unknown top-level keys. Throws Error(data) with position.
std::vector<const toml::table*>
partition_tables(const toml::table& doc, const std::filesystem::path& path, std::string_view table);

/// The records of the partition at `path`; empty when the file does not exist.
template <typename Record> std::vector<Record> read_partition(const std::filesystem::path& path);

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

/// The records of partition text `text` read from `path` (named in errors), like
/// read_partition().
template <typename Record>
std::vector<Record> records_from_text(std::string_view text, const std::filesystem::path& path);

/// Replaces the partition at `path` with `records` (in Kind<Record>::before order), or removes it
/// when `records` is empty.
template <typename Record>
void write_partition(const std::filesystem::path& path, std::vector<Record> records);

/// The next ID of each kind ("rejection", "win") from store.toml at `path`; empty when the file
/// does not exist. Throws Error(data) with position.
std::map<std::string, std::int64_t> read_counters(const std::filesystem::path& path);

/// The text of store.toml holding `counters`.
std::string counters_text(const std::map<std::string, std::int64_t>& counters);

/// Replaces store.toml at `path` with `counters`.
void write_counters(const std::filesystem::path& path,
                    const std::map<std::string, std::int64_t>& counters);

} // namespace bb::storage::detail
