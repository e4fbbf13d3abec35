#include "interchange_columns.hpp"

#include "bounceback/core/fields.hpp"
#include "bounceback/util/text.hpp"

#include <map>

namespace bb {

namespace {

/// How a CSV cell holds a field of `type`.
Cell cell_of(FieldType type) {
    switch (type) {
    case FieldType::id:
    case FieldType::score:
    case FieldType::minutes:
    case FieldType::link:
        return Cell::integer;
    case FieldType::date:
        return Cell::date;
    case FieldType::flag:
        return Cell::flag;
    case FieldType::stage:
    case FieldType::status:
        return Cell::name;
    case FieldType::tags:
    case FieldType::words:
        return Cell::words;
    case FieldType::answers:
        return Cell::answers;
    default:
        return Cell::text;
    }
}

/// The columns of `Record`, from its field table.
template <typename Record> std::vector<Column> columns_from_fields() {
    std::vector<Column> out;
    for (const Field<Record>* field : csv_order<Record>()) {
        out.push_back({column_name(*field), cell_of(field->type),
                       field->required && field->type != FieldType::id, std::string(field->group),
                       std::string(field->key)});
    }
    return out;
}

} // namespace

const std::vector<Column>& columns_of(RecordKind kind) {
    static const std::vector<Column> rejection = columns_from_fields<Rejection>();
    static const std::vector<Column> reflection = columns_from_fields<Reflection>();
    static const std::vector<Column> checkin = columns_from_fields<Checkin>();
    static const std::vector<Column> win = columns_from_fields<Win>();
    switch (kind) {
    case RecordKind::rejection:
        return rejection;
    case RecordKind::reflection:
        return reflection;
    case RecordKind::checkin:
        return checkin;
    case RecordKind::win:
        break;
    }
    return win;
}

/// The columns a CSV of `kind` must have: the fields every record has, but its ID (which an
/// import may hand out).
std::vector<std::string> required_columns(RecordKind kind) {
    std::vector<std::string> out;
    for (const Column& column : columns_of(kind)) {
        if (column.required) {
            out.push_back(column.name);
        }
    }
    return out;
}

namespace {

/// Other names a spreadsheet may give a column (normalized, see normalize_header).
const std::map<std::string, std::string>& aliases_of(RecordKind kind) {
    static const std::map<std::string, std::string> rejection = {
        {"employer", "company"},
        {"organisation", "company"},
        {"organization", "company"},
        {"company name", "company"},
        {"position", "role"},
        {"job", "role"},
        {"job title", "role"},
        {"title", "role"},
        {"rejected", "date"},
        {"rejected on", "date"},
        {"date rejected", "date"},
        {"rejection date", "date"},
        {"date applied", "applied"},
        {"applied on", "applied"},
        {"application date", "applied"},
        {"notes", "note"},
        {"comment", "note"},
        {"comments", "note"},
        {"tag", "tags"},
        {"recruiter", "contact"},
        {"contact email", "email"},
        {"feedback", "feedback_text"},
    };
    static const std::map<std::string, std::string> win = {{"win", "text"}};
    static const std::map<std::string, std::string> none;
    switch (kind) {
    case RecordKind::rejection:
        return rejection;
    case RecordKind::win:
        return win;
    default:
        return none;
    }
}

/// A header as compared: ASCII lower case, `_` `-` `.` as spaces, runs of spaces as one,
/// trimmed. "Date_Applied " and "date applied" are the same column.
std::string normalize_header(std::string_view header) {
    std::string out;
    for (char c : util::to_lower(util::trim(header))) {
        const char mapped = (c == '_' || c == '-' || c == '.') ? ' ' : c;
        if (mapped == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += mapped;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

} // namespace

/// The column of `kind` that `header` names, or nullptr.
const Column* find_column(RecordKind kind, std::string_view header) {
    std::string wanted = normalize_header(header);
    if (auto it = aliases_of(kind).find(wanted); it != aliases_of(kind).end()) {
        wanted = it->second;
    }
    for (const Column& column : columns_of(kind)) {
        if (normalize_header(column.name) == normalize_header(wanted)) {
            return &column;
        }
    }
    return nullptr;
}

/// Where a column's value lives in the record's table: its key, and the subtable that holds it
/// ("" for the record's own table).
std::pair<std::string, std::string> table_path(const Column& column) {
    if (column.group.empty()) {
        return {column.key, ""};
    }
    return {column.group, column.key};
}
const std::vector<std::string>& csv_columns(RecordKind kind) {
    static const std::map<RecordKind, std::vector<std::string>> names = [] {
        std::map<RecordKind, std::vector<std::string>> out;
        for (RecordKind k : record_kinds()) {
            for (const Column& c : columns_of(k)) {
                out[k].push_back(c.name);
            }
        }
        return out;
    }();
    return names.at(kind);
}

} // namespace bb
