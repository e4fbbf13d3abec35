#include "bounceback/core/sheet_import.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>

namespace bb {

namespace {

using util::DayOrder;

constexpr std::string_view k_stage_fix =
    "write a stage such as application, screen, technical, onsite, final or offer, or a word "
    "such as 'phone screen', 'take-home', 'final round' (bounceback-import(1) lists them)";

constexpr std::string_view k_status_fix =
    "write a status such as Rejected, No answer, Withdrawn, Offer, Applied or Interviewing, in "
    "English, German, French, Spanish, Dutch or Portuguese (bounceback-import(1) lists them)";

/// `text` without white space (and no-break spaces, as pasted from web pages) at either end.
std::string_view trim_cell(std::string_view text) {
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        text = util::trim(text);
        if (text.starts_with("\xC2\xA0")) {
            text.remove_prefix(2);
            trimmed = true;
        }
        if (text.ends_with("\xC2\xA0")) {
            text.remove_suffix(2);
            trimmed = true;
        }
    }
    return text;
}

/// A Notion relation or link cell reduced to its names: "Globex (https://www.notion.so/…)"
/// → "Globex". `*count` receives the number of related pages found.
std::string without_notion_links(std::string_view cell, std::size_t* count) {
    std::string out;
    *count = 0;
    std::size_t i = 0;
    while (i < cell.size()) {
        const auto open = cell.find('(', i);
        if (open == std::string_view::npos) {
            break;
        }
        const std::string_view inside = cell.substr(open + 1);
        const bool notion = inside.starts_with("https://www.notion.so/") ||
                            inside.starts_with("https://notion.so/") ||
                            inside.starts_with("http://www.notion.so/") ||
                            (inside.starts_with("https://") &&
                             inside.substr(0, inside.find(')')).find(".notion.site/") !=
                                 std::string_view::npos);
        const auto close = cell.find(')', open);
        if (!notion || close == std::string_view::npos) {
            out.append(cell.substr(i, open + 1 - i));
            i = open + 1;
            continue;
        }
        std::string_view before = cell.substr(i, open - i);
        while (!before.empty() && before.back() == ' ') {
            before.remove_suffix(1);
        }
        out.append(before);
        ++*count;
        i = close + 1;
    }
    out.append(cell.substr(std::min(i, cell.size())));
    return out;
}

/// A one-line cell as kept: Notion links removed, white space trimmed.
std::string clean_line(std::string_view cell, std::size_t* links) {
    return std::string(trim_cell(without_notion_links(trim_cell(cell), links)));
}

/// A multi-line cell as kept: line ends as LF, white space at either end trimmed.
std::string clean_text(std::string_view cell) {
    std::string out;
    out.reserve(cell.size());
    const std::string_view trimmed = trim_cell(cell);
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        if (trimmed[i] == '\r') {
            if (i + 1 < trimmed.size() && trimmed[i + 1] == '\n') {
                continue;
            }
            out += '\n';
            continue;
        }
        out += trimmed[i];
    }
    return out;
}

/// Tags from a cell: split at commas and semicolons, each trimmed (a tag may hold spaces),
/// Notion links removed, the same tag in another case kept once as first written.
std::vector<std::string> split_tags(std::string_view cell) {
    std::size_t links = 0;
    const std::string names = without_notion_links(cell, &links);
    std::vector<std::string> tags;
    std::vector<std::string> folded;
    std::string current;
    auto flush = [&] {
        std::string tag(trim_cell(current));
        current.clear();
        if (tag.empty()) {
            return;
        }
        // Collapse runs of spaces inside: "Big   Tech" → "Big Tech".
        std::string collapsed;
        for (char c : tag) {
            if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') {
                continue;
            }
            collapsed += c;
        }
        const std::string key = util::fold_case(collapsed);
        if (std::find(folded.begin(), folded.end(), key) == folded.end()) {
            folded.push_back(key);
            tags.push_back(std::move(collapsed));
        }
    };
    for (char c : names) {
        if (c == ',' || c == ';' || c == '\n' || c == '\r') {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return tags;
}

/// Feedback areas: one lower-case word each, split at commas, semicolons and spaces.
std::vector<std::string> split_areas(std::string_view cell) {
    std::string spaced(cell);
    std::replace_if(
        spaced.begin(), spaced.end(), [](char c) { return c == ';' || c == ','; }, ' ');
    std::vector<std::string> out;
    for (auto& word : util::split_words(spaced)) {
        out.push_back(util::to_lower(word));
    }
    return out;
}

bool is_date_field(SheetField field) {
    switch (field) {
    case SheetField::date:
    case SheetField::applied:
    case SheetField::feedback_requested:
    case SheetField::feedback_received:
    case SheetField::feedback_followed_up:
    case SheetField::status_change:
    case SheetField::last_contact:
    case SheetField::updated:
        return true;
    default:
        return false;
    }
}

/// The TOML key a record field is kept under ("feedback.text" for the feedback table).
std::string record_key(SheetField field) {
    const std::string name(sheet_field_name(field));
    if (name.starts_with("feedback_")) {
        return "feedback." + name.substr(9);
    }
    return name;
}

/// Stores `value` under `key` ("feedback.text" goes into the feedback subtable).
template <typename Value> void put(toml::table& table, const std::string& key, Value&& value) {
    if (key.starts_with("feedback.")) {
        if (table.get("feedback") == nullptr) {
            table.insert_or_assign("feedback", toml::table{});
        }
        table.get("feedback")->as_table()->insert_or_assign(key.substr(9),
                                                            std::forward<Value>(value));
        return;
    }
    table.insert_or_assign(key, std::forward<Value>(value));
}

/// A codec message without the empty file position it starts with (": company must …").
std::string codec_reason(std::string_view message) {
    if (message.starts_with(": ")) {
        message.remove_prefix(2);
    }
    if (message.starts_with("[[rejection]]: ")) {
        message.remove_prefix(15);
    }
    return std::string(message);
}

/// Reads one sheet: the state shared by its rows.
class SheetReader {
  public:
    SheetReader(std::string_view file, const SheetOptions& options, SheetRead& out)
        : m_file(file), m_options(options), m_out(out) {}

    void read(const std::vector<util::CsvRow>& rows) {
        m_header_line = rows.front().line;
        for (const auto& h : rows.front().fields) {
            m_header.emplace_back(trim_cell(h));
        }
        map_columns();
        if (!m_column_of.contains(SheetField::company)) {
            problem(m_header_line, "", util::join(m_header, std::string(1, ',')),
                    "no column names the company",
                    "name the company's column Company (or Employer, Firma, Entreprise, Empresa, "
                    "Bedrijf …); bounceback-import(1) lists every name understood");
            return;
        }
        decide_status_source(rows);
        if (!m_status_field && !m_column_of.contains(SheetField::date)) {
            problem(m_header_line, "", util::join(m_header, std::string(1, ',')),
                    "no column says which rows are rejections",
                    "add a Status column (Rejected, Interviewing, Offer …) or a column with the "
                    "date of each rejection (Rejected on)");
            return;
        }
        decide_day_order(rows);
        for (std::size_t r = 1; r < rows.size(); ++r) {
            read_row(rows[r]);
        }
    }

  private:
    void problem(std::size_t line, std::string column, std::string value, std::string message,
                 std::string fix) {
        m_out.summary.problems.push_back(SheetProblem{line, std::move(column), std::move(value),
                                                      std::move(message), std::move(fix)});
    }

    void map_columns() {
        std::vector<std::size_t> duplicates;
        m_fields = map_sheet_columns(m_header, &duplicates);
        for (std::size_t i = 0; i < m_header.size(); ++i) {
            ColumnUse use{m_header[i], m_fields[i], ""};
            if (m_fields[i]) {
                m_column_of.emplace(*m_fields[i], i);
                if (*m_fields[i] == SheetField::location) {
                    use.note = "understood, not kept: bounceback has no field for it";
                } else if (*m_fields[i] == SheetField::status_change ||
                           *m_fields[i] == SheetField::last_contact ||
                           *m_fields[i] == SheetField::updated) {
                    use.note = "stands in for a missing rejection date";
                }
            } else if (std::find(duplicates.begin(), duplicates.end(), i) != duplicates.end()) {
                use.note = "not used: an earlier column holds the same field";
                m_out.warnings.push_back(std::string(m_file) + ": column '" + m_header[i] +
                                         "' holds the same field as an earlier column; ignored");
            } else if (!m_header[i].empty()) {
                use.note = "not used";
                m_out.warnings.push_back(std::string(m_file) + ": column '" + m_header[i] +
                                         "' is not a rejection field; ignored");
            }
            m_out.summary.columns.push_back(std::move(use));
        }
    }

    std::string_view cell(const util::CsvRow& row, SheetField field) const {
        auto it = m_column_of.find(field);
        if (it == m_column_of.end() || it->second >= row.fields.size()) {
            return {};
        }
        // Our own export marks a would-be formula with a ' (util::csv_field): taken off again.
        return util::csv_field_text(trim_cell(row.fields[it->second]));
    }

    const std::string& header_of(SheetField field) const {
        return m_header[m_column_of.at(field)];
    }

    /// A status column decides; without one, a stage column holding status words does.
    void decide_status_source(const std::vector<util::CsvRow>& rows) {
        if (m_column_of.contains(SheetField::status)) {
            m_status_field = SheetField::status;
            m_out.summary.columns[m_column_of.at(SheetField::status)].note =
                "decides which rows are rejections";
            return;
        }
        if (!m_column_of.contains(SheetField::stage)) {
            return;
        }
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const std::string_view value = cell(rows[r], SheetField::stage);
            if (value.empty()) {
                continue;
            }
            if (auto meaning = status_from_word(value); meaning && names_status_only(*meaning)) {
                m_status_field = SheetField::stage;
                m_out.summary.columns[m_column_of.at(SheetField::stage)].note =
                    "holds the status: decides which rows are rejections";
                return;
            }
        }
    }

    /// One order for every slash date of the sheet: --date-order, else the dates' own evidence,
    /// from every column (a "Date Saved" column the import does not keep tells as well).
    void decide_day_order(const std::vector<util::CsvRow>& rows) {
        std::vector<std::string_view> cells;
        std::vector<std::pair<std::size_t, std::string>> where; // line, column
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const auto& fields = rows[r].fields;
            for (std::size_t column = 0; column < fields.size() && column < m_header.size();
                 ++column) {
                if (util::order_hint(fields[column]) != util::OrderHint::none) {
                    cells.push_back(fields[column]);
                    where.emplace_back(rows[r].line, m_header[column]);
                }
            }
        }
        if (m_options.day_order) {
            m_out.summary.day_order = m_options.day_order;
            m_out.summary.day_order_why = "--date-order";
            return;
        }
        const util::OrderEvidence evidence = util::decide_day_order(cells);
        auto at = [&](std::size_t index) {
            const auto& [line, column] = where[index - 1];
            return "'" + std::string(trim_cell(cells[index - 1])) + "' on line " +
                   std::to_string(line) + ", column '" + column + "'";
        };
        if (evidence.conflict()) {
            const auto& [line, column] = where[evidence.month_first_at - 1];
            problem(line, column, std::string(trim_cell(cells[evidence.month_first_at - 1])),
                    "the dates mix day-first and month-first order: " +
                        at(evidence.day_first_at) + " has its day first, this one its month",
                    "correct the cells that are wrong, or pass --date-order dmy or "
                    "--date-order mdy");
            m_order_failed = true;
            return;
        }
        if (evidence.order) {
            m_out.summary.day_order = evidence.order;
            m_out.summary.day_order_why =
                at(*evidence.order == DayOrder::dmy ? evidence.day_first_at
                                                    : evidence.month_first_at);
            return;
        }
        if (evidence.ambiguous_at > 0) {
            const auto& [line, column] = where[evidence.ambiguous_at - 1];
            const std::string value(trim_cell(cells[evidence.ambiguous_at - 1]));
            problem(line, column, value,
                    "dates such as this one could be day/month/year or month/day/year, and no "
                    "date in the file has a day above 12 to tell which",
                    "pass --date-order dmy (day first, as in Europe) or --date-order mdy (month "
                    "first, as in the United States)");
            m_order_failed = true;
        }
    }

    /// The date in `field`'s cell of `row`, or nullopt (a problem is added when the cell is
    /// not empty and not a date).
    std::optional<util::Date> date_cell(const util::CsvRow& row, SheetField field) {
        const std::string_view value = cell(row, field);
        if (value.empty()) {
            return std::nullopt;
        }
        std::string why;
        if (auto date = util::parse_sheet_date(value, m_out.summary.day_order, &why)) {
            return date;
        }
        m_unreadable_date = true;
        if (why == "needs the order of day and month" && m_order_failed) {
            return std::nullopt; // said once for the whole sheet
        }
        std::string fix = "write the date as 2026-11-03, 03.11.2026 or 3 November 2026";
        if (why == "no such day in the calendar") {
            fix = "correct the date";
        } else if (why.ends_with("order does not fit")) {
            fix = "correct the date, or pass --date-order " +
                  std::string(m_out.summary.day_order == DayOrder::dmy ? "mdy" : "dmy") +
                  " if the whole file is written that way";
        }
        problem(row.line, header_of(field), std::string(value),
                why == "not a date" ? "not a date" : "not a date: " + why, fix);
        return std::nullopt;
    }

    /// What the row's status says, or nullopt after adding a problem.
    std::optional<CellMeaning> row_meaning(const util::CsvRow& row, bool has_rejection_date) {
        const std::string_view value =
            m_status_field ? cell(row, *m_status_field) : std::string_view();
        if (value.empty()) {
            // No status (or no status column): a row with a rejection date is a rejection; any
            // other is still open.
            return CellMeaning{has_rejection_date ? RowStatus::rejected : RowStatus::open,
                               std::nullopt};
        }
        if (auto meaning = status_from_word(value)) {
            return meaning;
        }
        problem(row.line, header_of(*m_status_field), std::string(value),
                "not a status bounceback knows", std::string(k_status_fix));
        return std::nullopt;
    }

    void read_row(const util::CsvRow& row) {
        if (std::all_of(row.fields.begin(), row.fields.end(),
                        [](const std::string& f) { return trim_cell(f).empty(); })) {
            return; // a spreadsheet's empty row: ",,,,"
        }
        ++m_out.summary.rows;
        if (row.fields.size() > m_header.size() &&
            std::any_of(row.fields.begin() + static_cast<std::ptrdiff_t>(m_header.size()),
                        row.fields.end(),
                        [](const std::string& f) { return !trim_cell(f).empty(); })) {
            problem(row.line, "", "",
                    std::to_string(row.fields.size()) + " fields, but the header names " +
                        std::to_string(m_header.size()) + " columns",
                    "quote cells that hold the separator, or give the extra cells a header");
            return;
        }
        const std::size_t problems_before = m_out.summary.problems.size();
        m_unreadable_date = false;
        m_stood_in = false;
        const auto rejection_date = date_cell(row, SheetField::date);
        const auto meaning = row_meaning(row, rejection_date.has_value());
        if (!meaning) {
            return;
        }
        ++m_out.summary.by_status[*meaning->status];
        if (*meaning->status == RowStatus::ghosted && m_options.ghosted == GhostedRule::skip) {
            ++m_out.summary.ghosted_left_out;
            return;
        }
        if (*meaning->status != RowStatus::rejected && *meaning->status != RowStatus::ghosted) {
            return;
        }

        toml::table table;
        std::set<std::string> keys;
        bool id_given = false;
        for (std::size_t c = 0; c < m_header.size(); ++c) {
            if (!m_fields[c] || !is_record_field(*m_fields[c])) {
                continue;
            }
            const SheetField field = *m_fields[c];
            if (field == SheetField::stage && m_status_field == SheetField::stage) {
                continue; // the status column: its stage comes with the meaning
            }
            if (field == SheetField::date) {
                continue; // read above
            }
            keys.insert(record_key(field));
            const std::string_view raw =
                c < row.fields.size() ? std::string_view(row.fields[c]) : std::string_view();
            if (trim_cell(raw).empty()) {
                continue;
            }
            id_given = id_given || field == SheetField::id;
            put_field(row, field, c, raw, table);
        }
        // The stage the status gives ("Rejected - onsite"), unless a stage column says one.
        if (meaning->stage && table.get("stage") == nullptr) {
            table.insert_or_assign("stage", std::string(stage_name(*meaning->stage)));
            keys.insert("stage");
        }
        if (*meaning->status == RowStatus::ghosted) {
            if (table.get("stage") == nullptr) {
                table.insert_or_assign("stage", std::string(stage_name(Stage::application)));
            }
            if (table.get("reason") == nullptr) {
                table.insert_or_assign("reason", std::string("no answer"));
            }
            keys.insert("stage");
            keys.insert("reason");
        }
        keys.insert("date");
        keys.insert("date_estimated");
        if (rejection_date) {
            table.insert_or_assign("date", to_toml_date(*rejection_date));
        } else if (!m_unreadable_date) {
            stand_in_date(row, table);
        }
        if (m_out.summary.problems.size() > problems_before || m_unreadable_date) {
            return;
        }
        if (!id_given) {
            table.insert_or_assign("id", std::int64_t{1}); // the decoder wants one; cleared below
        }
        try {
            Rejection r = rejection_from_toml(table, "");
            r.id = id_given ? r.id : 0;
            m_out.data.rejections.push_back(std::move(r));
            m_out.sheet_keys.push_back(std::move(keys));
            m_out.summary.stand_in_dates += m_stood_in ? 1 : 0;
        } catch (const Error& error) {
            const std::string reason = codec_reason(error.what());
            // Name the column when the message starts with a field's key.
            std::string column;
            std::string value;
            for (std::size_t c = 0; c < m_header.size(); ++c) {
                if (m_fields[c] && is_record_field(*m_fields[c])) {
                    const std::string key(sheet_field_name(*m_fields[c]));
                    const std::string toml_key =
                        key.starts_with("feedback_") ? key.substr(9) : key;
                    if (reason.starts_with(toml_key + " ") || reason.starts_with(toml_key + ":")) {
                        column = m_header[c];
                        value = c < row.fields.size() ? std::string(trim_cell(row.fields[c])) : "";
                        break;
                    }
                }
            }
            problem(row.line, column, value, reason, "correct the cell");
        }
    }

    /// The record field `field` from `raw` (not empty), put into `table`; a problem otherwise.
    void put_field(const util::CsvRow& row, SheetField field, std::size_t column,
                   std::string_view raw, toml::table& table) {
        // Our own export marks a would-be formula with a ' (util::csv_field): taken off again.
        raw = util::csv_field_text(raw);
        const std::string key = record_key(field);
        const std::string value(trim_cell(raw));
        auto bad = [&](std::string message, std::string fix) {
            problem(row.line, m_header[column], value, std::move(message), std::move(fix));
        };
        switch (field) {
        case SheetField::company:
        case SheetField::role:
        case SheetField::source:
        case SheetField::contact:
        case SheetField::key: {
            std::size_t links = 0;
            std::string text = clean_line(raw, &links);
            if (links > 1 && field == SheetField::company) {
                bad("holds " + std::to_string(links) + " related pages (" + text + ")",
                    "keep one company in the cell");
                return;
            }
            put(table, key, std::move(text));
            return;
        }
        case SheetField::email:
        case SheetField::url:
        case SheetField::uid:
            put(table, key, value);
            return;
        case SheetField::reason:
        case SheetField::note:
        case SheetField::feedback_text:
            put(table, key, clean_text(raw));
            return;
        case SheetField::stage:
            if (auto stage = stage_from_word(value)) {
                put(table, key, std::string(stage_name(*stage)));
            } else {
                bad("not a stage bounceback knows", std::string(k_stage_fix));
            }
            return;
        case SheetField::tags: {
            toml::array array;
            for (auto& tag : split_tags(raw)) {
                array.push_back(std::move(tag));
            }
            put(table, key, std::move(array));
            return;
        }
        case SheetField::feedback_areas: {
            toml::array array;
            for (auto& area : split_areas(raw)) {
                array.push_back(std::move(area));
            }
            put(table, key, std::move(array));
            return;
        }
        case SheetField::id:
        case SheetField::feeling: {
            const bool digits = value.size() <= 18 &&
                                std::all_of(value.begin(), value.end(),
                                            [](char ch) { return ch >= '0' && ch <= '9'; });
            if (!digits) {
                bad("not a whole number", field == SheetField::feeling
                                              ? "write a number from 1 (awful) to 5 (great)"
                                              : "write the ID as a whole number, or leave it "
                                                "empty for a new one");
                return;
            }
            const auto number = static_cast<std::int64_t>(std::stoll(value));
            if (field == SheetField::feeling) {
                if (auto reason = check_feeling(number); !reason.empty()) {
                    bad("a feeling " + reason, "write a number from 1 (awful) to 5 (great)");
                    return;
                }
            }
            put(table, key, number);
            return;
        }
        case SheetField::date_estimated: {
            const std::string lower = util::to_lower(value);
            if (lower != "true" && lower != "false") {
                bad("not true or false", "write true, false, or nothing");
                return;
            }
            if (lower == "true") {
                put(table, key, true);
            }
            return;
        }
        default:
            if (is_date_field(field)) {
                if (auto date = date_cell(row, field)) {
                    put(table, key, to_toml_date(*date));
                }
            }
            return;
        }
    }

    /// A date for a rejection row without one: the status change, last contact, update (the
    /// first that is not before the applied date), else the applied date; marked as a stand-in.
    void stand_in_date(const util::CsvRow& row, toml::table& table) {
        m_stood_in = true;
        std::optional<util::Date> applied;
        if (const auto* node = table.get("applied"); node != nullptr && node->as_date()) {
            const toml::date d = node->as_date()->get();
            applied = util::Date{std::chrono::year{d.year}, std::chrono::month{d.month},
                                 std::chrono::day{d.day}};
        }
        for (SheetField field :
             {SheetField::status_change, SheetField::last_contact, SheetField::updated}) {
            if (auto date = date_cell(row, field); date && (!applied || *date >= *applied)) {
                table.insert_or_assign("date", to_toml_date(*date));
                table.insert_or_assign("date_estimated", true);
                return;
            }
        }
        if (applied) {
            table.insert_or_assign("date", to_toml_date(*applied));
            table.insert_or_assign("date_estimated", true);
            return;
        }
        const std::string column =
            m_column_of.contains(SheetField::date) ? header_of(SheetField::date) : "";
        problem(row.line, column, "",
                "a rejection with no date: the row has no rejection date and no applied date",
                column.empty() ? "add a column 'Rejected on' (or 'Applied') with the date"
                               : "fill in the date");
    }

    std::string_view m_file;
    const SheetOptions& m_options;
    SheetRead& m_out;
    std::size_t m_header_line = 1;
    std::vector<std::string> m_header;
    std::vector<std::optional<SheetField>> m_fields;
    std::map<SheetField, std::size_t> m_column_of;
    std::optional<SheetField> m_status_field;
    bool m_order_failed = false;
    bool m_unreadable_date = false; ///< a date cell of the current row could not be read
    bool m_stood_in = false;        ///< the current row's date stands in
};

} // namespace

std::size_t SheetSummary::rejections() const {
    auto count = [&](RowStatus s) {
        auto it = by_status.find(s);
        return it == by_status.end() ? std::size_t{0} : it->second;
    };
    return count(RowStatus::rejected) + count(RowStatus::ghosted) - ghosted_left_out;
}

SheetRead read_rejection_sheet(std::string_view text, char separator, std::string_view file,
                               const SheetOptions& options) {
    SheetRead out;
    out.summary.separator = separator;
    std::vector<util::CsvRow> rows;
    std::string err;
    if (!util::parse_csv(util::strip_separator_hint(text), &rows, &err, separator)) {
        // "line 3: what": the line as a number for the listing.
        std::size_t line = 0;
        std::string message = err;
        if (err.starts_with("line ")) {
            line = std::stoul(err.substr(5));
            message = err.substr(err.find(": ") + 2);
        }
        out.summary.problems.push_back(SheetProblem{
            line, "", "", message,
            "save the sheet again from the spreadsheet program as CSV, or correct the quotes"});
        return out;
    }
    if (rows.empty()) {
        out.summary.problems.push_back(SheetProblem{
            0, "", "", "the file holds no rows",
            "save the sheet with its header row, e.g. Company,Role,Status,Applied"});
        return out;
    }
    SheetReader reader(file, options, out);
    reader.read(rows);
    return out;
}

std::string workbook_message(std::string_view file, std::string_view what) {
    return std::string(file) + " is " + std::string(what) +
           ", which bounceback cannot read. Please save the sheet as CSV, then import that "
           "file:\n"
           "  Excel: File > Save As (Save a Copy), and choose \"CSV UTF-8 (Comma delimited) "
           "(*.csv)\"\n"
           "  LibreOffice Calc: File > Save As, choose \"Text CSV (.csv)\", keep the current "
           "format, and pick the character set \"Unicode (UTF-8)\"\n"
           "  Numbers: File > Export To > CSV…, with Text Encoding \"Unicode (UTF-8)\"\n"
           "  Google Sheets: File > Download > Comma-separated values (.csv)\n"
           "Only the sheet on screen is saved; save each sheet of applications the same way.";
}

CsvFileRead read_csv_file(std::string_view bytes, std::string_view file,
                          std::optional<RecordKind> kind, const SheetOptions& options) {
    if (auto what = util::workbook_kind(bytes)) {
        throw Error(ExitCode::data, workbook_message(file, *what));
    }
    util::DecodedText decoded = util::decode_sheet_text(bytes);
    if (util::trim(decoded.text).empty()) {
        throw Error(ExitCode::data, std::string(file) + " is empty; nothing was imported");
    }
    const std::string_view body = util::strip_separator_hint(decoded.text);
    const char separator = util::sniff_separator(decoded.text);
    bool rejections = kind == RecordKind::rejection;
    if (!kind) {
        // The header decides: a company column (or Notion's Name) means rejections.
        std::vector<util::CsvRow> first;
        std::string err;
        const auto end = body.find('\n');
        util::parse_csv(body.substr(0, end == std::string_view::npos ? body.size() : end + 1),
                        &first, &err, separator);
        if (!first.empty()) {
            for (const auto& field : map_sheet_columns(first.front().fields, nullptr)) {
                rejections = rejections || field == SheetField::company;
            }
        }
    }
    CsvFileRead out;
    if (!rejections) {
        std::string text(body);
        if (separator != ',') {
            // read_csv_import reads commas: hand it rows re-joined as RFC 4180.
            std::vector<util::CsvRow> rows;
            std::string err;
            if (!util::parse_csv(body, &rows, &err, separator)) {
                throw Error(ExitCode::data,
                            std::string(file) + ": " + err + "; nothing was imported");
            }
            text.clear();
            for (const auto& row : rows) {
                std::vector<std::string> cells;
                for (const auto& f : row.fields) {
                    cells.push_back(util::csv_field(f));
                }
                text += util::join(cells, ",") + "\r\n";
            }
        }
        out.input = read_csv_import(text, file, kind);
        return out;
    }
    SheetRead sheet = read_rejection_sheet(decoded.text, separator, file, options);
    sheet.summary.encoding = decoded.encoding;
    // Bytes that are no character of the encoding found: the file was saved in another one
    // (Mac Roman, a Central European code page). Reading it further would garble names.
    if (const auto bad = decoded.text.find("\xEF\xBF\xBD"); bad != std::string::npos &&
                                                            bytes.find("\xEF\xBF\xBD") ==
                                                                std::string_view::npos) {
        const std::string_view before = std::string_view(decoded.text).substr(0, bad);
        const auto line = static_cast<std::size_t>(1 + std::count(before.begin(), before.end(), '\n'));
        sheet.summary.problems.insert(
            sheet.summary.problems.begin(),
            SheetProblem{line, "", "",
                         "the file holds bytes that are not " +
                             std::string(util::encoding_name(decoded.encoding)) +
                             " text, so it was saved in an encoding bounceback does not read",
                         "save the sheet again as \"CSV UTF-8\" (in Excel: File > Save As > CSV "
                         "UTF-8 (Comma delimited)), then import that file"});
    }
    out.input.format = InterchangeFormat::csv;
    out.input.data = std::move(sheet.data);
    sheet.data = Dataset{};
    out.input.warnings = sheet.warnings;
    out.sheet = std::move(sheet);
    return out;
}

} // namespace bb
