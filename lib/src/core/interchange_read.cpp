// Reading an import: a JSON export, or CSV (an export or a spreadsheet).

#include "bounceback/core/interchange.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"
#include "interchange_columns.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace bb {

using nlohmann::json;

namespace {

// ---- reading -------------------------------------------------------------------------------

/// Collects every problem found in an import file, so one run names them all; nothing is
/// imported while there is any.
class Problems {
  public:
    explicit Problems(std::string_view file) : m_file(file) {}

    void add(std::string message) { m_messages.push_back(std::move(message)); }

    /// Runs `decode`, recording its Error(data) instead of throwing.
    template <typename Decode> void collect(Decode&& decode) {
        try {
            decode();
        } catch (const Error& error) {
            if (error.code() != ExitCode::data) {
                throw;
            }
            add(error.what());
        }
    }

    /// Throws Error(data) listing the problems (at most ten), if there are any.
    void throw_if_any() const {
        if (m_messages.empty()) {
            return;
        }
        if (m_messages.size() == 1) {
            throw Error(ExitCode::data, m_messages.front() + "\nNothing was imported.");
        }
        std::string text = std::to_string(m_messages.size()) + " problems in " + m_file +
                           "; nothing was imported:";
        const std::size_t shown = std::min<std::size_t>(m_messages.size(), 10);
        for (std::size_t i = 0; i < shown; ++i) {
            text += "\n  " + m_messages[i];
        }
        if (shown < m_messages.size()) {
            text += "\n  … and " + std::to_string(m_messages.size() - shown) + " more";
        }
        throw Error(ExitCode::data, text);
    }

  private:
    std::string m_file;
    std::vector<std::string> m_messages;
};

/// Decodes `table` as a record of `kind` with the codec's rules and adds it to `data`.
/// `id_given` false: a spreadsheet row without an ID, which gets one when imported.
void add_record(Dataset& data, RecordKind kind, toml::table table, std::string_view where,
                bool id_given) {
    if (!id_given && kind != RecordKind::checkin) {
        table.insert_or_assign("id", std::int64_t{1}); // the decoders want one; cleared below
    }
    switch (kind) {
    case RecordKind::rejection:
        data.rejections.push_back(rejection_from_toml(table, where));
        data.rejections.back().id = id_given ? data.rejections.back().id : 0;
        break;
    case RecordKind::reflection:
        data.reflections.push_back(reflection_from_toml(table, where));
        data.reflections.back().id = id_given ? data.reflections.back().id : 0;
        break;
    case RecordKind::checkin:
        data.checkins.push_back(checkin_from_toml(table, where));
        break;
    case RecordKind::win:
        data.wins.push_back(win_from_toml(table, where));
        data.wins.back().id = id_given ? data.wins.back().id : 0;
        break;
    }
}

std::string convert_object(const json& object, toml::table& out);
std::string convert_array(const json& array, toml::array& out);

/// `value` as a TOML value, passed to `emit`; "" or the reason it has none (null).
template <typename Emit> std::string convert(const json& value, Emit&& emit) {
    switch (value.type()) {
    case json::value_t::string:
        emit(value.get<std::string>());
        return "";
    case json::value_t::number_integer:
        emit(value.get<std::int64_t>());
        return "";
    case json::value_t::number_unsigned:
        if (value.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return "is too large a number";
        }
        emit(static_cast<std::int64_t>(value.get<std::uint64_t>()));
        return "";
    case json::value_t::number_float:
        emit(value.get<double>());
        return "";
    case json::value_t::boolean:
        emit(value.get<bool>());
        return "";
    case json::value_t::array: {
        toml::array array;
        if (auto reason = convert_array(value, array); !reason.empty()) {
            return reason;
        }
        emit(std::move(array));
        return "";
    }
    case json::value_t::object: {
        toml::table table;
        if (auto reason = convert_object(value, table); !reason.empty()) {
            return reason;
        }
        emit(std::move(table));
        return "";
    }
    default:
        return "is null; leave the key out when there is no value";
    }
}

/// The members of the JSON `object` as keys of `out`; "" or what is wrong with one.
std::string convert_object(const json& object, toml::table& out) {
    for (const auto& item : object.items()) {
        const std::string& key = item.key();
        if (auto reason =
                convert(item.value(), [&](auto&& v) { out.insert_or_assign(key, std::move(v)); });
            !reason.empty()) {
            return key + " " + reason;
        }
    }
    return "";
}

/// The elements of the JSON `array` appended to `out`; "" or what is wrong with one.
std::string convert_array(const json& array, toml::array& out) {
    for (const auto& element : array) {
        if (auto reason = convert(element, [&](auto&& v) { out.push_back(std::move(v)); });
            !reason.empty()) {
            return reason;
        }
    }
    return "";
}

/// Thrown by the parse callback of parse_bounded_json when the text holds more than it may.
struct TooMuchJson {
    std::string what;
};

/// `text` parsed as JSON, with the nesting and the number of values counted as it is read:
/// past k_max_json_depth or k_max_json_values, TooMuchJson is thrown before the rest takes any
/// memory. Throws json::parse_error for text that is not JSON.
json parse_bounded_json(std::string_view text) {
    std::size_t values = 0;
    const json::parser_callback_t count = [&](int depth, json::parse_event_t event, json&) {
        if (depth > static_cast<int>(k_max_json_depth)) {
            throw TooMuchJson{"nested more than " + std::to_string(k_max_json_depth) +
                              " levels deep; an export nests 5"};
        }
        if (event != json::parse_event_t::key && event != json::parse_event_t::object_end &&
            event != json::parse_event_t::array_end && ++values > k_max_json_values) {
            throw TooMuchJson{"more than " + std::to_string(k_max_json_values) +
                              " values, more than an import reads; import it in parts"};
        }
        return true;
    };
    return json::parse(text, count);
}

/// `FILE:LINE:COL: what` for a JSON syntax error.
std::string json_syntax_error(std::string_view text, std::string_view file,
                              const json::parse_error& error) {
    const std::size_t at = std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
    const std::string_view before = text.substr(0, at);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto line_start = before.rfind('\n');
    const auto column = at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    std::string what = error.what();
    if (auto colon = what.find(": ", what.find("column ")); colon != std::string::npos) {
        what = what.substr(colon + 2);
    }
    return std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column) +
           ": not valid JSON: " + what;
}

} // namespace

ImportInput read_json_export(std::string_view text, std::string_view file,
                             std::optional<RecordKind> kind) {
    json doc;
    try {
        doc = parse_bounded_json(text);
    } catch (const json::parse_error& error) {
        throw Error(ExitCode::data, json_syntax_error(text, file, error));
    } catch (const TooMuchJson& too_much) {
        throw Error(ExitCode::data, std::string(file) + ": " + too_much.what +
                                        "; nothing was imported");
    }
    const std::string name(file);
    if (doc.is_array()) {
        if (!kind) {
            throw Error(ExitCode::usage,
                        name + " holds a JSON array, which is one kind of record: say which with "
                               "--kind rejection, reflection, checkin or win");
        }
        doc = json{{"schema", k_interchange_schema}, {std::string(record_kind_name(*kind)), doc}};
    }
    if (!doc.is_object()) {
        throw Error(ExitCode::data, name + ": expected a JSON object from `bounceback export`");
    }
    const auto schema = doc.find("schema");
    if (schema == doc.end()) {
        throw Error(ExitCode::data, name + ": no \"schema\" key; is it the output of `bounceback "
                                           "export --json`?");
    }
    if (!schema->is_number_integer() || schema->get<std::int64_t>() < 1) {
        throw Error(ExitCode::data, name + ": \"schema\" must be a whole number (1)");
    }
    if (schema->get<std::int64_t>() > k_interchange_schema) {
        throw Error(ExitCode::data,
                    name + ": written by a newer bounceback (schema " +
                        std::to_string(schema->get<std::int64_t>()) + "; this one reads up to " +
                        std::to_string(k_interchange_schema) + "): upgrade bounceback");
    }
    ImportInput input;
    input.format = InterchangeFormat::json;
    Problems problems(name);
    std::size_t records = 0;
    for (const auto& [key, value] : doc.items()) {
        if (key == "schema") {
            continue;
        }
        if (key == "next") {
            if (!value.is_object()) {
                problems.add(name + ": \"next\" must be an object of whole numbers");
                continue;
            }
            for (const auto& [counter, n] : value.items()) {
                auto counted = parse_record_kind(counter);
                if (!counted || *counted == RecordKind::checkin || !n.is_number_integer() ||
                    n.get<std::int64_t>() < 1) {
                    problems.add(name + ": next." + counter +
                                 " must be the next ID of rejection, reflection or win (1 or "
                                 "more)");
                    continue;
                }
                input.data.next[counter] = n.get<std::int64_t>();
            }
            continue;
        }
        const auto record_kind = parse_record_kind(key);
        if (!record_kind) {
            problems.add(name + ": unknown key \"" + key +
                         "\" (an export holds schema, next, rejection, reflection, checkin and "
                         "win)");
            continue;
        }
        if (!value.is_array()) {
            problems.add(name + ": \"" + key + "\" must be an array of objects");
            continue;
        }
        records += value.size();
        if (records > k_max_import_records) {
            throw Error(ExitCode::data, name + ": more than " +
                                            std::to_string(k_max_import_records) +
                                            " records, more than one import reads; import them "
                                            "in parts (export --kind …); nothing was imported");
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string where = name + ": " + key + "[" + std::to_string(i) + "]";
            if (!value[i].is_object()) {
                problems.add(where + ": must be an object");
                continue;
            }
            toml::table table;
            if (auto reason = convert_object(value[i], table); !reason.empty()) {
                problems.add(where + ": " + reason);
                continue;
            }
            problems.collect(
                [&] { add_record(input.data, *record_kind, std::move(table), where, true); });
        }
    }
    problems.throw_if_any();
    return input;
}

namespace {

/// `value` parsed as a cell of type `cell` and stored at `path` in `table`; "" or the reason
/// it cannot be.
std::string put_cell(toml::table& table, const std::pair<std::string, std::string>& path, Cell cell,
                     const std::string& value) {
    toml::table* target = &table;
    if (!path.second.empty()) {
        if (table.get(path.first) == nullptr) {
            table.insert_or_assign(path.first, toml::table{});
        }
        target = table.get(path.first)->as_table();
    }
    const std::string key = path.second.empty() ? path.first : path.second;
    const std::string_view trimmed = util::trim(value);
    switch (cell) {
    case Cell::text:
        target->insert_or_assign(key, value);
        return "";
    case Cell::name:
        target->insert_or_assign(key, util::to_lower(trimmed));
        return "";
    case Cell::date:
        if (auto date = util::parse_iso_date(trimmed)) {
            target->insert_or_assign(key, to_toml_date(*date));
            return "";
        }
        return "'" + value + "' is not a date written YYYY-MM-DD";
    case Cell::integer: {
        const bool digits = !trimmed.empty() && trimmed.size() <= 18 &&
                            std::all_of(trimmed.begin(), trimmed.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) {
            return "'" + value + "' is not a whole number";
        }
        target->insert_or_assign(key, static_cast<std::int64_t>(std::stoll(std::string(trimmed))));
        return "";
    }
    case Cell::words: {
        toml::array array;
        std::string spaced(value);
        std::replace_if(
            spaced.begin(), spaced.end(), [](char c) { return c == ';' || c == ','; }, ' ');
        for (const auto& word : util::split_words(spaced)) {
            array.push_back(word);
        }
        target->insert_or_assign(key, std::move(array));
        return "";
    }
    case Cell::flag:
        if (util::to_lower(trimmed) == "true" || util::to_lower(trimmed) == "false") {
            target->insert_or_assign(key, util::to_lower(trimmed) == "true");
            return "";
        }
        return "'" + value + "' is not true or false";
    case Cell::answers: {
        toml::array array;
        if (trimmed.starts_with("[")) {
            json parsed;
            try {
                parsed = parse_bounded_json(trimmed);
            } catch (const json::parse_error&) {
            } catch (const TooMuchJson&) {
            }
            const bool strings =
                parsed.is_array() && std::all_of(parsed.begin(), parsed.end(),
                                                 [](const json& e) { return e.is_string(); });
            if (!strings) {
                return "starts with '[' but is not a JSON array of strings such as [\"one\", "
                       "\"two\"]";
            }
            for (const auto& e : parsed) {
                array.push_back(e.get<std::string>());
            }
        } else {
            array.push_back(value);
        }
        target->insert_or_assign(key, std::move(array));
        return "";
    }
    }
    return "";
}

/// The kind a CSV header describes: the first that has one of its telling columns.
std::optional<RecordKind> kind_from_header(const std::vector<std::string>& header) {
    const std::pair<RecordKind, std::vector<std::string>> telling[] = {
        {RecordKind::rejection, {"company"}},
        {RecordKind::checkin, {"habit"}},
        {RecordKind::reflection,
         {"went_well", "improve", "strengths", "targeting", "next", "mood"}},
        {RecordKind::win, {"text"}},
    };
    for (const auto& [kind, names] : telling) {
        for (const auto& h : header) {
            const Column* column = find_column(kind, h);
            if (column != nullptr &&
                std::find(names.begin(), names.end(), column->name) != names.end()) {
                return kind;
            }
        }
    }
    return std::nullopt;
}

} // namespace

ImportInput read_csv_import(std::string_view text, std::string_view file,
                            std::optional<RecordKind> kind) {
    const std::string name(file);
    std::vector<util::CsvRow> rows;
    std::string err;
    if (!util::parse_csv(text, &rows, &err)) {
        throw Error(ExitCode::data, name + ": " + err + "; nothing was imported");
    }
    if (rows.empty()) {
        throw Error(ExitCode::data, name + ": empty; a CSV import needs a header row naming its "
                                           "columns, e.g. company,role,date,stage,note");
    }
    if (rows.size() - 1 > k_max_import_records) {
        throw Error(ExitCode::data, name + ": more than " + std::to_string(k_max_import_records) +
                                        " rows, more than one import reads; import them in "
                                        "parts; nothing was imported");
    }
    const std::vector<std::string>& header = rows.front().fields;
    if (!kind) {
        kind = kind_from_header(header);
        if (!kind) {
            throw Error(ExitCode::data,
                        name + ":" + std::to_string(rows.front().line) +
                            ": cannot tell which kind of record the columns hold (" +
                            util::join(header, ",") +
                            "); say which with --kind rejection, reflection, checkin or win");
        }
    }
    ImportInput input;
    input.format = InterchangeFormat::csv;
    const std::string kind_name(record_kind_name(*kind));
    std::vector<const Column*> mapped;
    std::set<std::string> seen;
    for (const auto& h : header) {
        const Column* column = find_column(*kind, h);
        if (column != nullptr && !seen.insert(column->name).second) {
            throw Error(ExitCode::data, name + ":" + std::to_string(rows.front().line) +
                                            ": two columns hold " + column->name + " ('" + h +
                                            "' is the second); keep one");
        }
        if (column == nullptr && !util::trim(h).empty()) {
            input.warnings.push_back(name + ": column '" + h + "' is not a " + kind_name +
                                     " field; ignored (the fields are " +
                                     util::join(csv_columns(*kind), ", ") + ")");
        }
        mapped.push_back(column);
    }
    for (const auto& required : required_columns(*kind)) {
        if (!seen.contains(required)) {
            throw Error(ExitCode::data, name + ":" + std::to_string(rows.front().line) + ": no '" +
                                            required + "' column; a " + kind_name + " needs " +
                                            util::join(required_columns(*kind), " and ") +
                                            "; nothing was imported");
        }
    }
    Problems problems(name);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const util::CsvRow& row = rows[r];
        const std::string where = name + ":" + std::to_string(row.line);
        if (std::all_of(row.fields.begin(), row.fields.end(),
                        [](const std::string& f) { return util::trim(f).empty(); })) {
            continue; // a spreadsheet's empty row: ",,,,"
        }
        if (row.fields.size() > header.size()) {
            problems.add(where + ": " + std::to_string(row.fields.size()) + " fields, but the " +
                         "header names " + std::to_string(header.size()) + " columns");
            continue;
        }
        toml::table table;
        bool id_given = false;
        bool row_ok = true;
        for (std::size_t c = 0; c < row.fields.size(); ++c) {
            if (mapped[c] == nullptr || row.fields[c].empty()) {
                continue;
            }
            const Column& column = *mapped[c];
            id_given = id_given || column.name == "id";
            if (auto reason =
                    put_cell(table, table_path(column), column.cell,
                             std::string(util::csv_field_text(row.fields[c])));
                !reason.empty()) {
                problems.add(where + ": column '" + header[c] + "': " + reason);
                row_ok = false;
            }
        }
        if (row_ok) {
            problems.collect(
                [&] { add_record(input.data, *kind, std::move(table), where, id_given); });
        }
    }
    problems.throw_if_any();
    return input;
}

} // namespace bb
