#pragma once
// The CSV columns of each record kind, from its field table (core/fields): what
// interchange_write.cpp writes and interchange_read.cpp reads. Private to lib/src/core.

#include "bounceback/core/interchange.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb {

/// How a CSV cell holds its value.
enum class Cell {
    text,    ///< a string, as is
    name,    ///< a string compared without case: stage, status (lowered, trimmed)
    date,    ///< YYYY-MM-DD
    integer, ///< a whole number
    words,   ///< tags, areas: joined with ";" (a spreadsheet may also use "," or spaces)
    answers, ///< reflection answers: a JSON array of strings, or one answer
    flag,    ///< true or false, written only when true
};

/// One CSV column of a record kind.
struct Column {
    std::string name; ///< header name, e.g. "feedback_requested"
    Cell cell;
    bool required = false; ///< a CSV of its kind must have it
    std::string group;     ///< the subtable of the record's table that holds it, or ""
    std::string key;       ///< its key in that table
};

/// The columns of `kind`, in order.
const std::vector<Column>& columns_of(RecordKind kind);

/// The columns a CSV of `kind` must have: the fields every record has, but its ID (which an
/// import may hand out).
std::vector<std::string> required_columns(RecordKind kind);

/// The column of `kind` that `header` names, or nullptr.
const Column* find_column(RecordKind kind, std::string_view header);

/// Where a column's value lives in the record's table: its key, and the subtable that holds it
/// ("" for the record's own table).
std::pair<std::string, std::string> table_path(const Column& column);

} // namespace bb
