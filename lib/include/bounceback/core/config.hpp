#pragma once
// The person's settings from config.toml. Every key is optional; no file means the defaults.

#include "bounceback/util/date.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace bb {

/// The first day of a week in reports.
enum class WeekStart { monday, sunday };

/// The week start `name` names ("monday" or "sunday", whatever the case, spaces around
/// ignored), or nullopt.
std::optional<WeekStart> parse_week_start(std::string_view name);

/// A weekly target a habit had before it was changed (`earlier_targets` in config.toml).
struct EarlierTarget {
    int per_week = 1;
    util::Date until; ///< the last day of the last week it applied to
};

/// A habit the routine tracks, with its weekly target. A change of target applies from the week
/// it is made in: the targets the weeks before had are kept in `earlier_targets`, so the past
/// is judged as it was lived.
struct HabitConfig {
    int per_week = 1; ///< the target now, and of every week after the last earlier target
    std::string description;
    std::vector<EarlierTarget> earlier_targets{}; ///< oldest first, `until` rising

    /// The target of the week that starts on `first_day`: that of the first earlier target whose
    /// `until` is on or after `first_day`, else `per_week`.
    int target_for_week(util::Date first_day) const;
};

/// Everything config.toml can say, with the defaults filled in.
struct Config {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> signature;
    WeekStart week_start = WeekStart::monday;
    std::map<std::string, HabitConfig> habits;
    std::vector<std::string> reflect_questions;
    std::map<std::string, double> signals;
    /// Where each [signals] key was written ("FILE:LINE:COL"), for the errors of
    /// signal_thresholds, which checks the keys and ranges when a report needs them.
    std::map<std::string, std::string> signal_places;
    int follow_up_days = 7;
};

/// Reads `table` (the parsed config file, `file` for messages). Throws Error(config) with
/// `FILE:LINE:COL: what is wrong` for a mistyped or unknown key or a value out of range.
Config config_from_toml(const toml::table& table, std::string_view file);

/// What `bounceback init` asks for.
struct StarterConfig {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> signature;
    WeekStart week_start = WeekStart::monday;
};

/// A commented config.toml holding `starter`; the keys left unset are shown commented out.
std::string starter_config_text(const StarterConfig& starter);

} // namespace bb
