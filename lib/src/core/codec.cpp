#include "bounceback/core/codec.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace bb {

toml::date to_toml_date(Date value) {
    return toml::date{static_cast<int>(value.year()), static_cast<unsigned>(value.month()),
                      static_cast<unsigned>(value.day())};
}

std::string position(std::string_view file, const toml::source_region& where) {
    std::string out(file);
    if (where.begin.line > 0) {
        out += ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
    }
    return out;
}

std::string located(std::string_view file, const toml::source_region& where,
                    std::string_view message) {
    return position(file, where) + ": " + std::string(message);
}

TomlShape toml_shape(std::string_view text, std::size_t limit) {
    enum class In { code, comment, basic, literal, multiline_basic, multiline_literal };
    TomlShape shape;
    In in = In::code;
    // How many times text[i] repeats from i, counting no further than `most`: every byte is
    // looked at a bounded number of times, so the scan is linear whatever the text.
    auto run_at = [&](std::size_t i, std::size_t most) {
        std::size_t run = 1;
        while (run < most && i + run < text.size() && text[i + run] == text[i]) {
            ++run;
        }
        return run;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (in) {
        case In::code:
            if (c == '#') {
                shape.has_comments = true;
                in = In::comment;
            } else if (c == '=' || c == '[' || c == ',' || c == '.') {
                if (++shape.nodes > limit && !shape.over_limit_at) {
                    shape.over_limit_at = i;
                }
            } else if (c == '"' || c == '\'') {
                const std::size_t run = run_at(i, 3);
                if (run >= 3) {
                    in = c == '"' ? In::multiline_basic : In::multiline_literal;
                    i += 2;
                } else if (run == 2) {
                    ++i; // an empty string
                } else {
                    in = c == '"' ? In::basic : In::literal;
                }
            }
            break;
        case In::comment:
            if (c == '\n') {
                in = In::code;
            }
            break;
        case In::basic:
        case In::literal:
            if (c == '\\' && in == In::basic) {
                ++i; // an escaped character, perhaps a quote
            } else if (c == (in == In::basic ? '"' : '\'') || c == '\n') {
                in = In::code; // a line break ends a one-line string (or the parse fails there)
            }
            break;
        case In::multiline_basic:
        case In::multiline_literal:
            if (c == '\\' && in == In::multiline_basic) {
                ++i;
            } else if (c == (in == In::multiline_basic ? '"' : '\'')) {
                // Up to two quotes may end the content; the last three close the string.
                const std::size_t run = run_at(i, text.size());
                if (run >= 3) {
                    in = In::code;
                }
                i += run - 1;
            }
            break;
        }
    }
    return shape;
}

namespace {

/// `FILE:LINE:COL` of byte `offset` in `text`.
std::string position_of(std::string_view text, std::string_view file, std::size_t offset) {
    const std::string_view before = text.substr(0, offset);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto line_start = before.rfind('\n');
    const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

} // namespace

toml::table parse_toml_text(std::string_view text, std::string_view file, ExitCode code) {
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        throw Error(code, position_of(text, file, nul) +
                              ": NUL byte in the file (is it binary or damaged?)");
    }
    if (const auto shape = toml_shape(text); shape.over_limit_at) {
        throw Error(code, position_of(text, file, *shape.over_limit_at) + ": more than " +
                              std::to_string(k_max_toml_nodes) +
                              " values in one file, more than bounceback reads; is it really a "
                              "bounceback file?");
    }
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& error) {
        throw Error(code, located(file, error.source(), error.description()));
    }
}

std::string to_json(const toml::node& value) {
    std::ostringstream out;
    // Raw UTF-8: toml++ would otherwise write \U0001F600 for characters beyond U+FFFF,
    // which is not JSON. Control characters are still escaped.
    out << toml::json_formatter{value, toml::format_flags::quote_dates_and_times |
                                           toml::format_flags::allow_unicode_strings |
                                           toml::format_flags::indentation};
    return out.str();
}

std::string to_toml_text(const toml::table& value) {
    // Fixed flags, so the output does not change with the library's defaults: plain UTF-8
    // strings, no indentation. No multi-line strings: TOML drops a newline right after the
    // opening """, so a note starting with a blank line would not survive a rewrite.
    std::ostringstream out;
    out << toml::toml_formatter{value, toml::format_flags::allow_unicode_strings};
    return out.str();
}

namespace {

void put_text(toml::table& t, std::string_view key, const std::optional<std::string>& value) {
    if (value) {
        t.insert_or_assign(key, *value);
    }
}

void put_date(toml::table& t, std::string_view key, const std::optional<Date>& value) {
    if (value) {
        t.insert_or_assign(key, to_toml_date(*value));
    }
}

void put_strings(toml::table& t, std::string_view key, const std::vector<std::string>& words) {
    if (!words.empty()) {
        toml::array array;
        for (const auto& w : words) {
            array.push_back(w);
        }
        t.insert_or_assign(key, std::move(array));
    }
}

/// Reads the fields of one table, reporting every problem at its position and refusing keys it
/// does not know, so a typo in a hand edit is never silently dropped on the next write.
class FieldReader {
  public:
    FieldReader(const toml::table& table, std::string_view file, std::string_view what)
        : m_table(table), m_file(file), m_what(what) {}

    [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
        throw Error(ExitCode::data, located(m_file, where, message));
    }

    const toml::node* find(std::string_view key) {
        m_known.insert(std::string(key));
        return m_table.get(key);
    }

    std::optional<std::string> text(std::string_view key, bool multiline = false) {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const auto* value = node->as_string();
        if (value == nullptr) {
            fail(node->source(), std::string(key) + " must be a string");
        }
        const std::string& s = value->get();
        if (auto reason = multiline ? check_text(s) : check_line(s); !reason.empty()) {
            fail(node->source(), std::string(key) + " " + reason);
        }
        return s;
    }

    std::string required_text(std::string_view key) {
        auto value = text(key);
        if (!value) {
            fail(m_table.source(), m_what + " has no " + std::string(key));
        }
        return *value;
    }

    std::optional<Date> date(std::string_view key) {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (const auto* d = node->as_date()) {
            const toml::date& v = d->get();
            Date out{std::chrono::year{v.year}, std::chrono::month{v.month},
                     std::chrono::day{v.day}};
            if (util::is_supported_date(out)) {
                return out;
            }
        } else if (const auto* s = node->as_string()) {
            // A hand edit may quote the date; accept it when it is exactly YYYY-MM-DD.
            if (auto parsed = util::parse_iso_date(s->get())) {
                return parsed;
            }
        }
        fail(node->source(),
             std::string(key) + " must be a date written YYYY-MM-DD (years 1900 to 9999)");
    }

    Date required_date(std::string_view key) {
        auto value = date(key);
        if (!value) {
            fail(m_table.source(), m_what + " has no " + std::string(key));
        }
        return *value;
    }

    std::optional<std::int64_t> integer(std::string_view key) {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const auto* value = node->as_integer();
        if (value == nullptr) {
            fail(node->source(), std::string(key) + " must be a whole number");
        }
        return value->get();
    }

    std::int64_t id() {
        auto value = integer("id");
        if (!value) {
            fail(m_table.source(), m_what + " has no id");
        }
        if (*value < 1) {
            fail(m_table.get("id")->source(), "id must be 1 or more");
        }
        return *value;
    }

    /// An integer that must satisfy `rule` (check_feeling, check_minutes …).
    std::optional<int> checked_integer(std::string_view key, std::string (*rule)(std::int64_t)) {
        auto value = integer(key);
        if (value) {
            if (auto reason = rule(*value); !reason.empty()) {
                fail(find(key)->source(), std::string(key) + " " + reason);
            }
        }
        return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
    }

    /// An array of free-text answers (each may span lines).
    std::vector<std::string> texts(std::string_view key) {
        return strings(key, check_text, [&](const std::string&) {
            return std::string(key) + ": each answer ";
        });
    }

    /// An array of single words (feedback areas), or of tags with `rule` check_tag.
    std::vector<std::string> words(std::string_view key,
                                   std::string (*rule)(std::string_view) = check_word) {
        return strings(key, rule, [&](const std::string& value) {
            return std::string(key) + ": '" + value + "' ";
        });
    }

    /// An array of strings, each checked by `rule`; `prefix(value)` starts the message when one
    /// breaks it.
    template <typename Prefix>
    std::vector<std::string> strings(std::string_view key, std::string (*rule)(std::string_view),
                                     Prefix prefix) {
        std::vector<std::string> out;
        const toml::node* node = find(key);
        if (node == nullptr) {
            return out;
        }
        const auto* array = node->as_array();
        if (array == nullptr) {
            fail(node->source(), std::string(key) + " must be an array of strings");
        }
        if (array->size() > k_max_list_values) {
            fail(node->source(), std::string(key) + " holds more than " +
                                     std::to_string(k_max_list_values) + " values");
        }
        for (const auto& element : *array) {
            const auto* s = element.as_string();
            if (s == nullptr) {
                fail(element.source(), std::string(key) + " must be an array of strings");
            }
            if (auto reason = rule(s->get()); !reason.empty()) {
                fail(element.source(), prefix(s->get()) + reason);
            }
            out.push_back(s->get());
        }
        return out;
    }

    const toml::table* table(std::string_view key) {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return nullptr;
        }
        const auto* t = node->as_table();
        if (t == nullptr) {
            fail(node->source(), std::string(key) + " must be a table");
        }
        return t;
    }

    /// Fails on the first key that no accessor asked for.
    void refuse_unknown_keys() const {
        for (const auto& [key, node] : m_table) {
            if (!m_known.contains(std::string(key.str()))) {
                fail(node.source(), "unknown key '" + std::string(key.str()) + "' in " + m_what +
                                        " (misspelt? see bounceback(5) for the keys)");
            }
        }
    }

    [[noreturn]] void fail_record(const std::string& message) const {
        fail(m_table.source(), message);
    }

  private:
    const toml::table& m_table;
    std::string_view m_file;
    std::string m_what;
    std::set<std::string> m_known;
};

} // namespace

toml::table to_toml(const Rejection& r) {
    toml::table t;
    t.insert_or_assign("id", r.id);
    t.insert_or_assign("company", r.company);
    put_text(t, "role", r.role);
    if (r.stage) {
        t.insert_or_assign("stage", std::string(stage_name(*r.stage)));
    }
    t.insert_or_assign("date", to_toml_date(r.date));
    if (r.date_estimated) {
        t.insert_or_assign("date_estimated", true);
    }
    put_date(t, "applied", r.applied);
    put_text(t, "source", r.source);
    put_text(t, "contact", r.contact);
    put_text(t, "email", r.email);
    put_text(t, "reason", r.reason);
    put_text(t, "note", r.note);
    put_strings(t, "tags", r.tags);
    if (r.feeling) {
        t.insert_or_assign("feeling", static_cast<std::int64_t>(*r.feeling));
    }
    put_text(t, "key", r.key);
    if (!r.feedback.empty()) {
        toml::table f;
        put_date(f, "requested", r.feedback.requested);
        put_date(f, "followed_up", r.feedback.followed_up);
        put_date(f, "received", r.feedback.received);
        put_text(f, "text", r.feedback.text);
        put_strings(f, "areas", r.feedback.areas);
        t.insert_or_assign("feedback", std::move(f));
    }
    return t;
}

toml::table to_toml(const Win& w) {
    toml::table t;
    t.insert_or_assign("id", w.id);
    t.insert_or_assign("date", to_toml_date(w.date));
    t.insert_or_assign("text", w.text);
    return t;
}

Rejection rejection_from_toml(const toml::table& table, std::string_view file) {
    FieldReader in(table, file, "[[rejection]]");
    Rejection r;
    r.id = in.id();
    r.company = in.required_text("company");
    if (auto reason = check_name(r.company); !reason.empty()) {
        in.fail(in.find("company")->source(), "company " + reason);
    }
    r.role = in.text("role");
    if (const toml::node* node = in.find("stage")) {
        const auto* s = node->as_string();
        r.stage = s != nullptr ? parse_stage(s->get()) : std::nullopt;
        if (!r.stage) {
            in.fail(node->source(), "stage must be one of " + util::join(stage_names(), ", "));
        }
    }
    r.date = in.required_date("date");
    if (const toml::node* node = in.find("date_estimated")) {
        if (!node->is_boolean()) {
            in.fail(node->source(), "date_estimated must be true or false");
        }
        r.date_estimated = node->as_boolean()->get();
    }
    r.applied = in.date("applied");
    r.source = in.text("source");
    r.contact = in.text("contact");
    if (auto reason = r.contact ? check_name(*r.contact) : ""; !reason.empty()) {
        in.fail(in.find("contact")->source(), "contact " + reason);
    }
    r.email = in.text("email");
    if (r.email) {
        if (auto reason = check_email(*r.email); !reason.empty()) {
            in.fail(in.find("email")->source(), "email '" + *r.email + "' " + reason);
        }
    }
    r.reason = in.text("reason", true);
    r.note = in.text("note", true);
    r.tags = in.words("tags", check_tag);
    r.feeling = in.checked_integer("feeling", check_feeling);
    r.key = in.text("key");
    if (const toml::table* f = in.table("feedback")) {
        FieldReader fin(*f, file, "[rejection.feedback]");
        r.feedback.requested = fin.date("requested");
        r.feedback.followed_up = fin.date("followed_up");
        r.feedback.received = fin.date("received");
        r.feedback.text = fin.text("text", true);
        r.feedback.areas = fin.words("areas");
        fin.refuse_unknown_keys();
    }
    in.refuse_unknown_keys();
    if (auto reason = check_rejection(r); !reason.empty()) {
        in.fail_record(reason);
    }
    return r;
}

toml::table to_toml(const Reflection& r) {
    toml::table t;
    t.insert_or_assign("id", r.id);
    t.insert_or_assign("date", to_toml_date(r.date));
    if (r.rejection) {
        t.insert_or_assign("rejection", *r.rejection);
    }
    if (r.mood) {
        t.insert_or_assign("mood", static_cast<std::int64_t>(*r.mood));
    }
    put_strings(t, "went_well", r.went_well);
    put_strings(t, "improve", r.improve);
    put_strings(t, "strengths", r.strengths);
    put_strings(t, "targeting", r.targeting);
    put_strings(t, "next", r.next);
    return t;
}

toml::table to_toml(const Checkin& c) {
    toml::table t;
    t.insert_or_assign("date", to_toml_date(c.date));
    t.insert_or_assign("habit", c.habit);
    t.insert_or_assign("status", std::string(checkin_status_name(c.status)));
    if (c.minutes) {
        t.insert_or_assign("minutes", static_cast<std::int64_t>(*c.minutes));
    }
    put_text(t, "note", c.note);
    return t;
}

Reflection reflection_from_toml(const toml::table& table, std::string_view file) {
    FieldReader in(table, file, "[[reflection]]");
    Reflection r;
    r.id = in.id();
    r.date = in.required_date("date");
    if (auto linked = in.integer("rejection")) {
        if (*linked < 1) {
            in.fail(in.find("rejection")->source(),
                    "rejection must be the ID of a rejection (1 or more)");
        }
        r.rejection = *linked;
    }
    r.mood = in.checked_integer("mood", check_feeling);
    r.went_well = in.texts("went_well");
    r.improve = in.texts("improve");
    r.strengths = in.texts("strengths");
    r.targeting = in.texts("targeting");
    r.next = in.texts("next");
    in.refuse_unknown_keys();
    return r;
}

Checkin checkin_from_toml(const toml::table& table, std::string_view file) {
    FieldReader in(table, file, "[[checkin]]");
    Checkin c;
    c.date = in.required_date("date");
    c.habit = in.required_text("habit");
    if (auto reason = check_word(c.habit); !reason.empty()) {
        in.fail(in.find("habit")->source(), "habit '" + c.habit + "' " + reason);
    }
    const std::string status = in.required_text("status");
    if (status == "done" || status == "skip") {
        c.status = status == "done" ? CheckinStatus::done : CheckinStatus::skip;
    } else {
        in.fail(in.find("status")->source(), "status must be \"done\" or \"skip\"");
    }
    c.minutes = in.checked_integer("minutes", check_minutes);
    c.note = in.text("note", true);
    in.refuse_unknown_keys();
    return c;
}

Win win_from_toml(const toml::table& table, std::string_view file) {
    FieldReader in(table, file, "[[win]]");
    Win w;
    w.id = in.id();
    w.date = in.required_date("date");
    if (auto text = in.text("text", true)) {
        w.text = *text;
    } else {
        in.fail_record("[[win]] has no text");
    }
    in.refuse_unknown_keys();
    return w;
}

} // namespace bb

namespace bb {

std::string rejection_edit_text(const Rejection& r) {
    toml::table t = to_toml(r);
    t.erase("id");
    return "# Editing rejection " + std::to_string(r.id) +
           " in bounceback. Save and quit to keep your changes;\n"
           "# delete everything to cancel. Dates are YYYY-MM-DD. stage is one of: " +
           util::join(stage_names(), ", ") +
           ".\n# feeling is 1 (awful) to 5 (great). Remove a line to clear that field.\n\n" +
           to_toml_text(t) + "\n";
}

std::optional<Rejection> rejection_from_edit_text(std::string_view text, std::string_view file,
                                                  std::int64_t id) {
    bool blank = true;
    for (const auto& line : util::split_lines(text)) {
        const auto trimmed = util::trim(line);
        blank = blank && (trimmed.empty() || trimmed.front() == '#');
    }
    if (blank) {
        return std::nullopt;
    }
    toml::table table = parse_toml_text(text, file, ExitCode::data);
    if (const toml::node* node = table.get("id")) {
        throw Error(ExitCode::data,
                    located(file, node->source(), "the ID cannot be changed; remove the id line"));
    }
    table.insert_or_assign("id", id);
    return rejection_from_toml(table, file);
}

} // namespace bb
