#pragma once
// Each record kind's fields, defined once: the one table that the TOML codec, the cache, JSON
// and CSV, the edit template, the `log` options, `show`, the mail template variables and the
// completions are all derived from. Adding a field to a record is one line in records.hpp and
// one entry in fields.cpp.

#include "bounceback/core/records.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bb {

/// What a field holds, and so how it is written, read, checked, shown and given on the command
/// line.
enum class FieldType {
    id,      ///< the record's ID, 1 or more
    line,    ///< one line of text (check_line)
    text,    ///< free text that may span lines (check_text)
    name,    ///< a company or contact name (check_name); trimmed on the command line
    email,   ///< an email address (check_email)
    url,     ///< a web address, http or https (check_url)
    word,    ///< one word: a habit (check_word)
    date,    ///< YYYY-MM-DD
    flag,    ///< true or false, written only when true
    stage,   ///< a Stage, by name
    score,   ///< 1 (awful) to 5 (great): a feeling or mood (check_feeling)
    minutes, ///< 1 to 1440 (check_minutes)
    link,    ///< the ID of a rejection
    status,  ///< a check-in's "done" or "skip"
    tags,    ///< tags (check_tag), joined with ";" in CSV
    words,   ///< single words: feedback areas (check_word), joined with ";" in CSV
    answers, ///< free-text answers (check_text), a JSON array in CSV
    uid,     ///< a permanent identity: a UUID (util/uuid.hpp)
};

/// How `bounceback log show` presents a field.
enum class FieldShow {
    none,   ///< not shown (the title shows it, or nothing does)
    row,    ///< a row of the field table: label, value
    block,  ///< a labelled block of text below the table
    custom, ///< shown by the command in its own words (dates with their distance, …)
};

/// Where a field's value lives in a record of type `Record`: a function that returns a
/// reference to it (see field_at). One alternative per C++ type a field has.
template <typename Record>
using FieldSlot = std::variant<std::int64_t& (*)(Record&), std::string& (*)(Record&),
                               std::optional<std::string>& (*)(Record&), Date& (*)(Record&),
                               std::optional<Date>& (*)(Record&), bool& (*)(Record&),
                               std::optional<Stage>& (*)(Record&), std::optional<int>& (*)(Record&),
                               std::optional<std::int64_t>& (*)(Record&),
                               CheckinStatus& (*)(Record&), std::vector<std::string>& (*)(Record&)>;

/// One field of a record kind.
template <typename Record> struct Field {
    std::string_view key;  ///< the TOML and JSON key (in `group`, if set) and template variable
    FieldType type;
    FieldSlot<Record> slot;
    std::string_view group = {}; ///< the subtable the key sits in ("feedback"), or ""
    bool required = false;       ///< every record has it (else it is absent, never empty)
    int csv = -1;                ///< its position among the CSV columns; -1: its place here

    // The command line of `log` and `log edit`, for the kinds that have one.
    std::string_view option = {};      ///< "--role", or "" when no option sets it
    std::string_view value_name = {};  ///< the placeholder --help shows: "ROLE"
    std::string_view help = {};        ///< help in `log` (and in `edit`, with "('' removes it)")
    std::string_view edit_help = {};   ///< help in `log edit`, when it says something else
    bool per_entry = true; ///< about one entry: not given to every message of a mailbox

    // `log show` and the mail templates.
    FieldShow show = FieldShow::none;
    std::string_view label = {}; ///< the row or block label; "" means the key
    bool template_value = false; ///< a `{{key}}` variable of the feedback templates
};

/// The fields of each kind, in the order of their TOML files (a table's keys are written
/// sorted, so this order is that of reading, checking, the cache and `show`).
template <typename Record> std::span<const Field<Record>> fields_of();
template <> std::span<const Field<Rejection>> fields_of<Rejection>();
template <> std::span<const Field<Win>> fields_of<Win>();
template <> std::span<const Field<Reflection>> fields_of<Reflection>();
template <> std::span<const Field<Checkin>> fields_of<Checkin>();

/// The fields of `Record` in CSV column order.
template <typename Record> std::vector<const Field<Record>*> csv_order();

/// "feedback.requested" (as rules and messages name a field) or "role".
template <typename Record> std::string dotted_name(const Field<Record>& field) {
    return field.group.empty() ? std::string(field.key)
                               : std::string(field.group) + "." + std::string(field.key);
}

/// "feedback_requested" (as a CSV column is headed) or "role".
template <typename Record> std::string column_name(const Field<Record>& field) {
    return field.group.empty() ? std::string(field.key)
                               : std::string(field.group) + "_" + std::string(field.key);
}

/// The field of `Record` whose dotted name is `name`, or nullptr.
template <typename Record> const Field<Record>* find_field(std::string_view name) {
    for (const auto& field : fields_of<Record>()) {
        if (dotted_name(field) == name) {
            return &field;
        }
    }
    return nullptr;
}

/// Calls `visit(value)` with a reference to the field's value in `record`.
template <typename Record, typename Visit>
decltype(auto) visit_field(const Field<Record>& field, Record& record, Visit&& visit) {
    return std::visit([&](auto at) -> decltype(auto) { return visit(at(record)); }, field.slot);
}
/// The same for a record that is only read.
template <typename Record, typename Visit>
decltype(auto) visit_field(const Field<Record>& field, const Record& record, Visit&& visit) {
    // The slots return references to a record they never change; reading through one is safe.
    return visit_field(field, const_cast<Record&>(record), [&](auto& value) -> decltype(auto) {
        return visit(std::as_const(value));
    });
}

/// "" when `value`, held in a field of `type`, keeps the field's rule, else a reason that fits
/// after the field's name. The same rules a data file is read with (core/codec) and a record
/// from elsewhere is checked with (check_record).
std::string check_field_text(FieldType type, std::string_view value);
/// The rule of a whole-number field (id, score, minutes, link), like check_field_text.
std::string check_field_number(FieldType type, std::int64_t value);

/// The first rule a record of `Record` breaks, as "FIELD REASON", or "": each field's rule
/// (check_field_text, check_field_number, lists at most k_max_list_values long). check_record
/// adds the relations between fields.
template <typename Record> std::string check_fields(const Record& record);

/// The field value as one line of text: a date as YYYY-MM-DD, a stage by name, a flag as "true"
/// or "", a list joined with `separator`, a number in digits; "" when absent.
template <typename Record>
std::string field_text(const Field<Record>& field, const Record& record,
                       std::string_view separator = ";");

/// Whether the field has a value in `record` (a required field always has).
template <typename Record> bool field_present(const Field<Record>& field, const Record& record);

/// A number for the layout of the fields of every kind (keys, types, order): it changes when a
/// field is added, removed or moved, so caches made for another layout are told apart.
std::uint64_t fields_fingerprint();

/// "" when `value` is a web address bounceback keeps: http:// or https://, a host, no spaces or
/// control characters, at most 2,048 bytes.
std::string check_url(std::string_view value);

} // namespace bb
