#include "bounceback/storage/config_file.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/core/routine.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/store.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/util/text.hpp"

namespace bb::storage {

namespace {

/// True when the TOML `text` (which parses) holds a comment: a '#' outside every string.
bool has_comments(std::string_view text) {
    enum class In { code, basic, literal, multiline_basic, multiline_literal };
    In in = In::code;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        std::size_t run = 1; // how many times `c` repeats from here
        while (i + run < text.size() && text[i + run] == c) {
            ++run;
        }
        switch (in) {
        case In::code:
            if (c == '#') {
                return true;
            }
            if (c == '"' || c == '\'') {
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
        case In::basic:
        case In::literal:
            if (c == '\\' && in == In::basic) {
                ++i; // an escaped character, perhaps a quote
            } else if (c == (in == In::basic ? '"' : '\'')) {
                in = In::code;
            }
            break;
        case In::multiline_basic:
        case In::multiline_literal:
            if (c == '\\' && in == In::multiline_basic) {
                ++i;
            } else if (c == (in == In::multiline_basic ? '"' : '\'') && run >= 3) {
                // Up to two quotes may end the content; the last three close the string.
                i += run - 1;
                in = In::code;
            }
            break;
        }
    }
    return false;
}

/// `parent[key]` as a table, created when missing. config_from_toml has checked the shape.
toml::table& child_table(toml::table& parent, std::string_view key) {
    if (toml::table* existing = parent[key].as_table()) {
        return *existing;
    }
    return *parent.insert_or_assign(key, toml::table{}).first->second.as_table();
}

/// The `[routine.habits]` table of `config`, holding the defaults when `current` defines no habit.
toml::table& habits_table(toml::table& config, const Config& current, bool& defaults_written) {
    toml::table& habits = child_table(child_table(config, "routine"), "habits");
    defaults_written = current.habits.empty();
    if (defaults_written) {
        for (const auto& [name, habit] : default_habits()) {
            toml::table entry;
            entry.insert_or_assign("per_week", static_cast<std::int64_t>(habit.per_week));
            entry.insert_or_assign("description", habit.description);
            habits.insert_or_assign(name, std::move(entry));
        }
    }
    return habits;
}

[[noreturn]] void usage_error(const std::string& message) {
    throw Error(ExitCode::usage, message);
}

} // namespace

Config load_config(const Paths& paths) {
    auto table = load_toml(paths.config_file, ExitCode::config);
    if (!table) {
        return Config{};
    }
    return config_from_toml(*table, paths.config_file.string());
}

bool config_exists(const Paths& paths) {
    std::error_code ec;
    return std::filesystem::exists(paths.config_file, ec);
}

void create_config(const Paths& paths, std::string_view text) {
    // The text must be a config we can read back, or we would create a file that breaks
    // every later command.
    config_from_toml(parse_toml(text, paths.config_file, ExitCode::config),
                     paths.config_file.string());
    ensure_private_dir(paths.config_dir);
    ensure_private_dir(paths.data_dir);
    WriteLock lock = Store(paths).lock(); // also finishes a move a stopped command began
    AtomicFile file(paths.config_file);
    file.write(text);
    file.commit_new();
}

ConfigRewrite rewrite_config(
    const Paths& paths, const std::function<bool(toml::table&, const Config&)>& change,
    const std::function<std::optional<std::string>(std::string_view, const toml::table&)>&
        in_place) {
    ensure_private_dir(paths.config_dir);
    ensure_private_dir(paths.data_dir);
    WriteLock lock = Store(paths).lock(); // also finishes a move a stopped command began
    ConfigRewrite result;
    const std::optional<std::string> old_text = read_file(paths.config_file);
    result.created = !old_text;
    const std::string file = paths.config_file.string();
    toml::table table;
    if (old_text) {
        table = parse_toml(*old_text, paths.config_file, ExitCode::config);
    }
    const Config current = config_from_toml(table, file);
    if (!change(table, current)) {
        return result;
    }
    std::optional<std::string> kept;
    if (old_text && in_place) {
        // Parsed again: a copy of a table has no source positions, which the edit needs.
        kept = in_place(*old_text, parse_toml(*old_text, paths.config_file, ExitCode::config));
        // Only a text that reads back as exactly the changed table is kept.
        try {
            if (kept && parse_toml(*kept, paths.config_file, ExitCode::config) != table) {
                kept.reset();
            }
        } catch (const Error&) {
            kept.reset();
        }
    }
    const std::string text = kept ? *kept : to_toml_text(table) + "\n";
    // What we write must read back as the same kind of valid config, or every later command
    // would fail on it.
    config_from_toml(parse_toml(text, paths.config_file, ExitCode::config), file);
    write_file_atomically(paths.config_file, text);
    result.written = true;
    result.dropped_comments = !kept && old_text && has_comments(*old_text);
    return result;
}

HabitSaved save_habit(const Paths& paths, const std::string& name, std::optional<int> per_week,
                      const std::optional<std::string>& description, Date today) {
    if (auto reason = check_habit_name(name); !reason.empty()) {
        usage_error("habit name '" + name + "' " + reason);
    }
    if (per_week) {
        if (auto reason = check_per_week(*per_week); !reason.empty()) {
            usage_error("per_week " + std::to_string(*per_week) + " " + reason);
        }
    }
    if (description && !description->empty()) {
        if (auto reason = check_line(*description); !reason.empty()) {
            usage_error("description '" + *description + "' " + reason);
        }
    }
    HabitSaved saved;
    saved.rewrite = rewrite_config(paths, [&](toml::table& config, const Config& current) {
        const auto effective = habits_in_effect(current);
        require_target_for_new_habit(effective, name, per_week);
        if (auto it = effective.find(name); it != effective.end()) {
            saved.before = it->second;
        }
        HabitConfig after = saved.before.value_or(HabitConfig{});
        if (per_week && saved.before) {
            // The weeks before this one keep the target they had.
            after = with_target(after, *per_week, week_start_of(today, current.week_start));
        } else if (per_week) {
            after.per_week = *per_week;
        }
        after.description = description.value_or(after.description);
        if (saved.before && saved.before->per_week == after.per_week &&
            saved.before->description == after.description && !current.habits.empty()) {
            return false;
        }
        toml::table& habits = habits_table(config, current, saved.defaults_written);
        toml::table& entry = child_table(habits, name);
        entry.insert_or_assign("per_week", static_cast<std::int64_t>(after.per_week));
        if (after.description.empty()) {
            entry.erase("description");
        } else {
            entry.insert_or_assign("description", after.description);
        }
        if (after.earlier_targets.empty()) {
            entry.erase("earlier_targets");
        } else {
            toml::array earlier;
            for (const auto& target : after.earlier_targets) {
                earlier.push_back(
                    toml::table{{"per_week", static_cast<std::int64_t>(target.per_week)},
                                {"until", to_toml_date(target.until)}});
            }
            entry.insert_or_assign("earlier_targets", std::move(earlier));
        }
        return true;
    });
    return saved;
}

namespace {

/// The byte offset of `position` (line and column from 1, columns in code points) in `text`;
/// nullopt when `text` has no such place.
std::optional<std::size_t> offset_of(std::string_view text, const toml::source_position& position) {
    std::size_t at = 0;
    for (toml::source_index line = 1; line < position.line; ++line) {
        at = text.find('\n', at);
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        ++at;
    }
    for (toml::source_index column = 1; column < position.column; ++column) {
        if (at >= text.size() || text[at] == '\n') {
            return std::nullopt;
        }
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
            ++at; // the rest of a UTF-8 sequence
        }
    }
    return at;
}

} // namespace

std::optional<std::string> with_string_set(std::string_view text, const toml::table& table,
                                           std::string_view section, std::string_view key,
                                           const std::string& value) {
    toml::table one;
    one.insert_or_assign(key, value);
    const std::string line = to_toml_text(one); // `key = "…"`, escaped as TOML needs
    const std::string quoted = line.substr(line.find('=') + 2);
    const std::string newline = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
    const toml::node* section_node = table.get(section);
    if (section_node == nullptr) {
        std::string out(text);
        if (!out.empty() && out.back() != '\n') {
            out += newline;
        }
        return out + newline + "[" + std::string(section) + "]" + newline + line + newline;
    }
    const toml::table* t = section_node->as_table();
    if (t == nullptr || t->is_inline()) {
        return std::nullopt;
    }
    if (const toml::node* existing = t->get(key)) {
        const auto begin = offset_of(text, existing->source().begin);
        const auto end = offset_of(text, existing->source().end);
        if (!existing->is_string() || !begin || !end || *end < *begin) {
            return std::nullopt;
        }
        return std::string(text.substr(0, *begin)) + quoted + std::string(text.substr(*end));
    }
    // A line of its own just under the `[section]` header.
    const auto header = offset_of(text, t->source().begin);
    if (!header) {
        return std::nullopt;
    }
    const std::size_t line_end = text.find('\n', *header);
    const std::string_view header_line =
        util::trim(text.substr(*header, line_end == std::string_view::npos ? std::string_view::npos
                                                                         : line_end - *header));
    if (!header_line.starts_with("[" + std::string(section) + "]")) {
        return std::nullopt; // a dotted key or a header of a subtable made the section
    }
    if (line_end == std::string_view::npos) {
        return std::string(text) + newline + line + newline;
    }
    // The commented-out example `# key = …` of the section (as init writes it) becomes the line.
    const std::string example = "# " + std::string(key) + " =";
    for (std::size_t at = line_end + 1; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view this_line = util::trim(text.substr(at, end - at));
        if (this_line.starts_with("[")) {
            break; // the next section
        }
        if (this_line.starts_with(example)) {
            return std::string(text.substr(0, at)) + line +
                   std::string(text.substr(text[end - 1] == '\r' ? end - 1 : end));
        }
        at = end + 1;
    }
    return std::string(text.substr(0, line_end + 1)) + line + newline +
           std::string(text.substr(line_end + 1));
}

GoalSaved save_goal(const Paths& paths, const std::string& goal) {
    if (auto reason = check_goal(goal); !reason.empty()) {
        usage_error("--goal: '" + goal + "' " + reason);
    }
    GoalSaved saved;
    saved.rewrite = rewrite_config(
        paths,
        [&](toml::table& config, const Config& current) {
            saved.before = current.goal;
            if (current.goal == goal) {
                return false;
            }
            child_table(config, "me").insert_or_assign("goal", goal);
            return true;
        },
        [&](std::string_view text, const toml::table& table) {
            return with_string_set(text, table, "me", "goal", goal);
        });
    return saved;
}

HabitSaved remove_habit(const Paths& paths, const std::string& name) {
    HabitSaved saved;
    saved.rewrite = rewrite_config(paths, [&](toml::table& config, const Config& current) {
        const auto effective = habits_in_effect(current);
        require_removable_habit(effective, name);
        saved.before = effective.at(name);
        habits_table(config, current, saved.defaults_written).erase(name);
        return true;
    });
    return saved;
}

} // namespace bb::storage
