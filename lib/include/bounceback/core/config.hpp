#pragma once
// The person's settings from config.toml. Every key is optional; no file means the defaults.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace bb {

/// The first day of a week in reports.
enum class WeekStart { monday, sunday };

/// A habit the routine tracks, with its weekly target.
struct HabitConfig {
    int per_week = 1;
    std::string description;
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
