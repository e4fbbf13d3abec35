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

/// The longest long-term goal `[me] goal` may hold, in characters (code points).
inline constexpr std::size_t k_max_goal_length = 300;

/// `[me] goal`: "" when it suits, else why not ("must not be empty", "is longer than 300
/// characters" …). One line, no control characters, at most k_max_goal_length characters.
std::string check_goal(std::string_view goal);

/// The `[sources]` table: names for the channels rejections came through, and which of them are
/// personal (see bounceback(5)).
struct SourcesConfig {
    /// A channel's name → the other ways it is written (`linkedin = ["LinkedIn Jobs"]`).
    std::map<std::string, std::vector<std::string>> aliases;
    /// `personal = [...]`: channels that come through people, as `referral` does.
    std::vector<std::string> personal;
};

/// The thresholds of the signals: the `[signals]` keys of config.toml, with their defaults.
/// Shares are above 0 and at most 1, counts whole numbers from 1 to 1000, weeks from 1 to 52,
/// `mood_low` from 1 to 5.
struct SignalThresholds {
    /// `application_share`, `application_min`: tailor-applications when at least this share of
    /// the range's rejections, and at least this many, came at the application stage.
    double application_share = 0.5;
    int application_min = 3;
    /// `interview_min`: practise-interviews when at least this many rejections came after a
    /// screen, technical, onsite or final interview.
    int interview_min = 3;
    /// `tag_share`, `tag_min`: widen-search when one tag is on at least this share of the
    /// rejections, and on at least this many.
    double tag_share = 0.5;
    int tag_min = 4;
    /// `feedback_share`, `feedback_min`: ask-for-feedback when feedback was asked for on less
    /// than this share of the rejections, once there are at least this many.
    double feedback_share = 0.25;
    int feedback_min = 4;
    /// `routine_weeks`: protect-routine when a habit missed its target this many finished weeks
    /// running.
    int routine_weeks = 2;
    /// `mood_low`, `mood_weeks`: take-a-break when the weekly mood averaged at most this much
    /// this many weeks running.
    double mood_low = 2.0;
    int mood_weeks = 2;
    /// `network_share`, `network_min`, `network_personal_min`: reach-people when at least this
    /// share of the rejections that name a source, and at least `network_min`, came at the
    /// application stage through cold channels, while at least `network_personal_min` came
    /// through personal channels (core/sources) and a larger share of those got to an interview.
    double network_share = 0.5;
    int network_min = 5;
    int network_personal_min = 2;
};

/// Everything config.toml can say, with the defaults filled in.
struct Config {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> signature;
    /// `[me] goal`: the long-term career goal, in the person's words.
    std::optional<std::string> goal;
    WeekStart week_start = WeekStart::monday;
    std::map<std::string, HabitConfig> habits;
    std::vector<std::string> reflect_questions;
    /// `[signals]`, checked key by key like the rest of the file.
    SignalThresholds signals;
    int follow_up_days = 7;
    SourcesConfig sources;
};

/// Reads `table` (the parsed config file, `file` for messages). Throws Error(config) with
/// `FILE:LINE:COL: what is wrong` for a mistyped or unknown key or a value out of range.
Config config_from_toml(const toml::table& table, std::string_view file);

/// What `bounceback init` asks for.
struct StarterConfig {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> signature;
    std::optional<std::string> goal;
    WeekStart week_start = WeekStart::monday;
};

/// A commented config.toml holding `starter`; the keys left unset are shown commented out.
std::string starter_config_text(const StarterConfig& starter);

} // namespace bb
