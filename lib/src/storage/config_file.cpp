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
    WriteLock lock(Store(paths).lock_file());
    AtomicFile file(paths.config_file);
    file.write(text);
    file.commit_new();
}

ConfigRewrite rewrite_config(const Paths& paths,
                             const std::function<bool(toml::table&, const Config&)>& change) {
    ensure_private_dir(paths.config_dir);
    ensure_private_dir(paths.data_dir);
    WriteLock lock(Store(paths).lock_file());
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
    const std::string text = to_toml_text(table) + "\n";
    // What we write must read back as the same kind of valid config, or every later command
    // would fail on it.
    config_from_toml(parse_toml(text, paths.config_file, ExitCode::config), file);
    write_file_atomically(paths.config_file, text);
    result.written = true;
    result.dropped_comments = old_text && has_comments(*old_text);
    return result;
}

HabitSaved save_habit(const Paths& paths, const std::string& name, std::optional<int> per_week,
                      const std::optional<std::string>& description) {
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
        after.per_week = per_week.value_or(after.per_week);
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
        return true;
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
