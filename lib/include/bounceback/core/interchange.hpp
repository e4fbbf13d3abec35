#pragma once
// The export format (JSON and CSV) and reading it back, with spreadsheets of applications as a
// second source of CSV. Pure text to records and back; storage/import does the files.

#include "bounceback/core/records.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// The kinds of record bounceback keeps.
enum class RecordKind { rejection, reflection, checkin, win };

/// Every kind, in the order exports list them.
const std::vector<RecordKind>& record_kinds();

/// "rejection", "reflection", "checkin" or "win": the TOML table name, the JSON array name and
/// the value of --kind.
std::string_view record_kind_name(RecordKind kind);

/// The kind called `name` (as record_kind_name writes it), or nullopt.
std::optional<RecordKind> parse_record_kind(std::string_view name);

/// The most records one import reads (of all kinds): 50,000, decades of a busy search. It
/// bounds the memory an import takes; `export` refuses to write more in one file.
inline constexpr std::size_t k_max_import_records = 50'000;

/// The deepest a JSON import may nest (an export nests 5 deep: the file, a kind, a record, its
/// feedback, its areas).
inline constexpr std::size_t k_max_json_depth = 16;

/// The most values a JSON import may hold, some twenty for each record it may hold.
inline constexpr std::size_t k_max_json_values = 1'000'000;

/// The version of the export format, written as `schema` in JSON exports.
inline constexpr std::int64_t k_interchange_schema = 1;

/// Records of every kind, plus the ID counters they came with (`next`, keyed "rejection",
/// "reflection", "win" as in store.toml). A record read from a spreadsheet without an ID has
/// id 0: it gets a new ID when imported.
struct Dataset {
    std::vector<Rejection> rejections;
    std::vector<Reflection> reflections;
    std::vector<Checkin> checkins;
    std::vector<Win> wins;
    std::map<std::string, std::int64_t> next;

    /// How many records of `kind` it holds.
    std::size_t count(RecordKind kind) const;

    /// How many records it holds in all.
    std::size_t size() const;

    /// Drops the records of every kind not in `kinds` (and their counters).
    void keep_only(const std::vector<RecordKind>& kinds);
};

/// The formats export writes and import reads.
enum class InterchangeFormat { json, csv };

/// The format of an import file: from the extension of `file_name` (.json, .csv), else from
/// `text` (JSON starts with `{` or `[` after white space). nullopt when neither says.
std::optional<InterchangeFormat> guess_format(std::string_view file_name, std::string_view text);

/// The export of `data` as one JSON object: `schema`, `next`, and one array per kind in `kinds`
/// (present even when empty), each element keyed exactly like the TOML table (core/codec).
std::string export_json(const Dataset& data, const std::vector<RecordKind>& kinds);

/// The records of `kind` in `data` as RFC 4180 CSV (CR LF line ends) with a header row; see
/// csv_columns. Tags and feedback areas are joined with ";", reflection answers written as a
/// JSON array of strings. Throws Error(data) for a tag or area holding ";", which the join
/// could not give back (export as JSON instead).
std::string export_csv(const Dataset& data, RecordKind kind);

/// `records` as export_csv writes them: the one CSV writer of `export` and `log list --csv`.
/// For Rejection, Reflection, Checkin and Win.
template <typename Record> std::string records_csv(const std::vector<Record>& records);

/// The CSV columns of `kind`, in order (core/fields.hpp): the record's TOML keys, with the
/// feedback table's keys flattened as `feedback_requested`, `feedback_received` and so on.
const std::vector<std::string>& csv_columns(RecordKind kind);

/// What an import file holds, and what was noticed while reading it.
struct ImportInput {
    Dataset data;
    InterchangeFormat format = InterchangeFormat::json;
    std::vector<std::string> warnings; ///< e.g. CSV columns that were ignored
};

/// Reads a JSON export from `text` (`file` names it in messages). A bare JSON array is taken
/// as records of `kind` (Error(usage) without it). Every record is checked by the same rules as
/// the data files; Error(data) lists every bad record as `FILE: rejection[3]: what is wrong`
/// (array index from 0) and nothing is returned. JSON nested deeper than k_max_json_depth, with
/// more than k_max_json_values values or more than k_max_import_records records is refused
/// (Error(data)) while it is read.
ImportInput read_json_export(std::string_view text, std::string_view file,
                             std::optional<RecordKind> kind);

/// Reads CSV with a header row from `text`: an export, or a spreadsheet. Column names match
/// case-insensitively, with `_`, `-` and spaces alike and a few aliases (notes → note,
/// "date applied" → applied …); unknown columns are ignored with a warning. The kind is `kind`,
/// else guessed from the columns. Error(data) lists every bad row as
/// `FILE:LINE: column: what is wrong`, and refuses more than k_max_import_records rows (or
/// more fields than util::parse_csv takes). A cell that export_csv kept from being read as a
/// formula (a leading ') gives back the text it was made from.
ImportInput read_csv_import(std::string_view text, std::string_view file,
                            std::optional<RecordKind> kind);

} // namespace bb
