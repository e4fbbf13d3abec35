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

namespace {

/// The name of config.toml in its folder.
std::string config_name(const Paths& paths) {
    return paths.config_file.filename().string();
}

} // namespace

Config load_config(const Paths& paths) {
    // Read like a data file: through its checked folder, never through a link (a link could
    // make bounceback read, and quote in errors, a file elsewhere).
    const auto dir = Folder::open_private(paths.config_dir);
    auto table = dir ? load_data_file(*dir, config_name(paths), ExitCode::config) : std::nullopt;
    if (!table) {
        return Config{};
    }
    return config_from_toml(*table, paths.config_file.string());
}

bool config_exists(const Paths& paths) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::symlink_status(paths.config_file, ec));
}

void create_config(const Paths& paths, std::string_view text) {
    // The text must be a config we can read back, or we would create a file that breaks
    // every later command.
    config_from_toml(parse_toml(text, paths.config_file, ExitCode::config),
                     paths.config_file.string());
    const Folder dir = Folder::make_private(paths.config_dir);
    WriteLock lock = Store(paths).lock(); // also finishes a move a stopped command began
    AtomicFile file(dir, config_name(paths));
    file.write(text);
    file.commit_new();
}

ConfigRewrite rewrite_config(const Paths& paths,
                             const std::function<bool(toml::table&, const Config&)>& change) {
    const Folder dir = Folder::make_private(paths.config_dir);
    WriteLock lock = Store(paths).lock(); // also finishes a move a stopped command began
    ConfigRewrite result;
    const std::optional<std::string> old_text = read_file(dir, config_name(paths));
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
    if (text.size() > k_max_data_file_bytes) {
        throw Error(ExitCode::config, file + " would be larger than bounceback reads; nothing "
                                             "was changed");
    }
    write_file_atomically(dir, config_name(paths), text);
    result.written = true;
    result.dropped_comments = old_text && toml_shape(*old_text).has_comments;
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
