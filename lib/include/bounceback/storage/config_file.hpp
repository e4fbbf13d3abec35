#pragma once
// config.toml on disk.

#include "bounceback/core/config.hpp"
#include "bounceback/storage/paths.hpp"

#include <functional>
#include <optional>
#include <string>
#include <toml++/toml.h>

namespace bb::storage {

/// The settings in `paths.config_file`, or the defaults when it does not exist. Throws
/// Error(config) with FILE:LINE:COL when it does not parse or breaks a rule.
Config load_config(const Paths& paths);

/// True when `paths.config_file` exists (it may still fail to parse).
bool config_exists(const Paths& paths);

/// Creates `paths.config_file` holding `text` (0600, folders 0700) under the write lock.
/// Throws Error(cant_create) when it already exists: an existing config is never overwritten.
void create_config(const Paths& paths, std::string_view text);

/// What a rewrite of config.toml did.
struct ConfigRewrite {
    bool written = false;          ///< the file was written; false when nothing changed
    bool created = false;          ///< there was no config.toml before
    bool dropped_comments = false; ///< the old file had comments, which a rewrite cannot keep
};

/// Changes config.toml safely. Under the write lock it reads and parses the current file (one
/// that does not parse, or breaks a rule, is never written: Error(config) with FILE:LINE:COL),
/// hands the table and the settings it holds to `change` (which edits the table and returns
/// false when it changed nothing, so nothing is written; it may throw bb::Error to abandon),
/// checks that the result reads back as a valid config, and replaces the file atomically (0600,
/// folders 0700). The new file is written in bounceback's own format: sections and keys sorted,
/// comments lost; unless `in_place` is given and, handed the old text and table, returns a text
/// that reads back as exactly the changed table: then that text is written, and the rest of the
/// file (comments, order, spacing) stays as it was.
ConfigRewrite rewrite_config(
    const Paths& paths, const std::function<bool(toml::table&, const Config&)>& change,
    const std::function<std::optional<std::string>(std::string_view, const toml::table&)>&
        in_place = {});

/// `text` (which parses as `table`) with the string `section.key` set to `value`, every other
/// byte as it was: the value replaced where it is written, or the section's commented-out example
/// `# key = …` (as init writes it) replaced by a `key = "…"` line, or that line added under the
/// `[section]` header, or a new `[section]` at the end. nullopt when the file says it another
/// way (a dotted key, an inline table) and an edit in place would not be safe.
std::optional<std::string> with_string_set(std::string_view text, const toml::table& table,
                                           std::string_view section, std::string_view key,
                                           const std::string& value);

/// The outcome of save_goal.
struct GoalSaved {
    ConfigRewrite rewrite;
    std::optional<std::string> before; ///< the goal as it was, when there was one
};

/// Sets `[me] goal` in config.toml to `goal`, leaving the rest of the file as it is written
/// (with_string_set; when that is not possible the file is rewritten as rewrite_config does).
/// Throws Error(usage) for a goal check_goal refuses; otherwise throws like rewrite_config.
GoalSaved save_goal(const Paths& paths, const std::string& goal);

/// The outcome of save_habit and remove_habit.
struct HabitSaved {
    ConfigRewrite rewrite;
    std::optional<HabitConfig> before; ///< the habit as it was, when it existed
    bool defaults_written = false;     ///< config.toml had no habits, so the defaults went in too
};

/// Adds habit `name` to config.toml with `per_week` days a week and `description`, or changes
/// an existing one (an absent value is kept; an empty `description` removes it). A new target
/// for an existing habit applies from the week holding `today` on: the target the weeks before
/// had is kept in its `earlier_targets` (with_target). When the file defines no habits, the
/// default habits are written too, so they do not vanish. Throws Error(usage) for a bad name,
/// target or description, or a new habit without `per_week`; otherwise throws like
/// rewrite_config.
HabitSaved save_habit(const Paths& paths, const std::string& name, std::optional<int> per_week,
                      const std::optional<std::string>& description, util::Date today);

/// Removes habit `name` from config.toml (when the file defines no habits, the other default
/// habits are written instead). Throws Error(no_input) with a suggestion when there is no such
/// habit, Error(usage) when it is the last one (with no habits the defaults would come back);
/// otherwise throws like rewrite_config.
HabitSaved remove_habit(const Paths& paths, const std::string& name);

} // namespace bb::storage
