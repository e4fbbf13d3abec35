#include "bounceback/core/codec.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/core/fields.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <type_traits>

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

/// Writes one field's value under `key` in `t` (the caller leaves absent values out).
void put(toml::table& t, std::string_view key, const std::string& value) {
    t.insert_or_assign(key, value);
}
void put(toml::table& t, std::string_view key, const std::optional<std::string>& value) {
    t.insert_or_assign(key, *value);
}
void put(toml::table& t, std::string_view key, std::int64_t value) {
    t.insert_or_assign(key, value);
}
template <typename Int>
void put(toml::table& t, std::string_view key, const std::optional<Int>& value) {
    t.insert_or_assign(key, static_cast<std::int64_t>(*value));
}
void put(toml::table& t, std::string_view key, Date value) {
    t.insert_or_assign(key, to_toml_date(value));
}
void put(toml::table& t, std::string_view key, const std::optional<Date>& value) {
    t.insert_or_assign(key, to_toml_date(*value));
}
void put(toml::table& t, std::string_view key, bool value) { t.insert_or_assign(key, value); }
void put(toml::table& t, std::string_view key, const std::optional<Stage>& value) {
    t.insert_or_assign(key, std::string(stage_name(*value)));
}
void put(toml::table& t, std::string_view key, CheckinStatus value) {
    t.insert_or_assign(key, std::string(checkin_status_name(value)));
}
void put(toml::table& t, std::string_view key, const std::vector<std::string>& values) {
    toml::array array;
    for (const auto& value : values) {
        array.push_back(value);
    }
    t.insert_or_assign(key, std::move(array));
}

template <typename Record> toml::table fields_to_toml(const Record& record) {
    toml::table t;
    for (const auto& field : fields_of<Record>()) {
        if (!field_present(field, record)) {
            continue;
        }
        toml::table* into = &t;
        if (!field.group.empty()) {
            if (t.get(field.group) == nullptr) {
                t.insert_or_assign(field.group, toml::table{});
            }
            into = t.get_as<toml::table>(field.group);
        }
        visit_field(field, record, [&](const auto& value) { put(*into, field.key, value); });
    }
    return t;
}

bool multiline(FieldType type) { return type == FieldType::text || type == FieldType::answers; }

/// Reads one field from `in` into `record`, with the messages bounceback(5) documents.
template <typename Record>
void read_field(FieldReader& in, const Field<Record>& field, Record& record, const std::string& what) {
    const std::string key(field.key);
    auto fail_at = [&](const std::string& message) { in.fail(in.find(key)->source(), message); };
    auto check_text_value = [&](const std::string& value) {
        const auto reason = check_field_text(field.type, value);
        if (reason.empty()) {
            return;
        }
        const bool quoted = field.type == FieldType::email || field.type == FieldType::url ||
                            field.type == FieldType::word;
        fail_at(quoted ? key + " '" + value + "' " + reason : key + " " + reason);
    };
    visit_field(field, record, [&](auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
            value = in.id();
        } else if constexpr (std::is_same_v<T, std::string>) {
            auto text = in.text(key, multiline(field.type));
            if (!text) {
                in.fail_record(what + " has no " + key);
            }
            value = std::move(*text);
            check_text_value(value);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            value = in.text(key, multiline(field.type));
            if (value) {
                check_text_value(*value);
            }
        } else if constexpr (std::is_same_v<T, Date>) {
            value = in.required_date(key);
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            value = in.date(key);
        } else if constexpr (std::is_same_v<T, bool>) {
            value = false;
            if (const toml::node* node = in.find(key)) {
                if (!node->is_boolean()) {
                    in.fail(node->source(), key + " must be true or false");
                }
                value = node->as_boolean()->get();
            }
        } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
            value.reset();
            if (const toml::node* node = in.find(key)) {
                const auto* s = node->as_string();
                value = s != nullptr ? parse_stage(s->get()) : std::nullopt;
                if (!value) {
                    in.fail(node->source(),
                            key + " must be one of " + util::join(stage_names(), ", "));
                }
            }
        } else if constexpr (std::is_same_v<T, std::optional<int>>) {
            value.reset();
            if (auto number = in.integer(key)) {
                if (auto reason = check_field_number(field.type, *number); !reason.empty()) {
                    fail_at(key + " " + reason);
                }
                value = static_cast<int>(*number);
            }
        } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
            value = in.integer(key);
            if (value) {
                if (auto reason = check_field_number(field.type, *value); !reason.empty()) {
                    fail_at(key + " " + reason);
                }
            }
        } else if constexpr (std::is_same_v<T, CheckinStatus>) {
            const auto text = in.text(key);
            if (!text) {
                in.fail_record(what + " has no " + key);
            }
            if (*text != "done" && *text != "skip") {
                fail_at(key + " must be \"done\" or \"skip\"");
            }
            value = *text == "done" ? CheckinStatus::done : CheckinStatus::skip;
        } else {
            static_assert(std::is_same_v<T, std::vector<std::string>>);
            if (field.type == FieldType::answers) {
                value = in.texts(key);
            } else {
                value = in.words(key, field.type == FieldType::tags ? check_tag : check_word);
            }
        }
    });
}

template <typename Record>
Record fields_from_toml(const toml::table& table, std::string_view file, std::string_view kind) {
    const std::string what = "[[" + std::string(kind) + "]]";
    FieldReader in(table, file, what);
    Record record;
    const auto fields = fields_of<Record>();
    for (std::size_t i = 0; i < fields.size();) {
        if (fields[i].group.empty()) {
            read_field(in, fields[i], record, what);
            ++i;
            continue;
        }
        // The fields of one group sit together, in a subtable of their own.
        const std::string_view group = fields[i].group;
        const std::string sub_what = "[" + std::string(kind) + "." + std::string(group) + "]";
        const toml::table* sub = in.table(group);
        const toml::table empty;
        FieldReader sub_in(sub != nullptr ? *sub : empty, file, sub_what);
        for (; i < fields.size() && fields[i].group == group; ++i) {
            read_field(sub_in, fields[i], record, sub_what);
        }
        sub_in.refuse_unknown_keys();
    }
    in.refuse_unknown_keys();
    return record;
}

} // namespace

toml::table to_toml(const Rejection& r) { return fields_to_toml(r); }
toml::table to_toml(const Win& w) { return fields_to_toml(w); }
toml::table to_toml(const Reflection& r) { return fields_to_toml(r); }
toml::table to_toml(const Checkin& c) { return fields_to_toml(c); }

Rejection rejection_from_toml(const toml::table& table, std::string_view file) {
    Rejection r = fields_from_toml<Rejection>(table, file, "rejection");
    if (auto reason = check_rejection(r); !reason.empty()) {
        throw Error(ExitCode::data, located(file, table.source(), reason));
    }
    return r;
}

Win win_from_toml(const toml::table& table, std::string_view file) {
    return fields_from_toml<Win>(table, file, "win");
}

Reflection reflection_from_toml(const toml::table& table, std::string_view file) {
    return fields_from_toml<Reflection>(table, file, "reflection");
}

Checkin checkin_from_toml(const toml::table& table, std::string_view file) {
    return fields_from_toml<Checkin>(table, file, "checkin");
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
