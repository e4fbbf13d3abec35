#pragma once
// The routine: habits with weekly targets, the weeks they are counted in, streaks, strength and
// the habit × day grid. Pure logic over check-ins; nothing here reads or writes a file.
//
// The rules, as bounceback-routine(1) documents them. Every view (`routine`, `routine week`,
// `stats`, and their --json) judges a week with tally_week and counts a streak with
// habit_streak, so they always agree:
//
// - A week starts on the configured day (Monday or Sunday) and has seven days. It is judged
//   whole, on every check-in dated inside it (a planned rest day after today included), however
//   a report's range cuts it.
// - A week's target is the habit's target for that week (HabitConfig::target_for_week: a change
//   of target applies from the week it is made in), except in the week of the habit's first
//   check-in, where it is scaled down to the days left in that week (rounded up), so a habit
//   started on a Thursday is not judged against a whole week.
// - A skip is a planned rest day. It counts toward the target like a done day, but a week needs
//   at least one done day to count as met: a week of rest days alone (a week off) neither adds to
//   a streak nor breaks it.
// - A finished week that is neither met nor a week off is missed. The running week (and any
//   week after it) is never missed: it adds to the streak once it is met and is left out until
//   then.
// - A weekly streak is the number of met weeks back from the week holding the day it is counted
//   on (today, or the end of a report if that is earlier), up to the first missed week. A daily
//   streak (habits whose target is 7) counts done days the same way: rest days are left out,
//   today is left out while it is open, and the first open day before today ends it.
// - Strength is a moving average of how much of each week's target was reached. A week's result
//   is its done days over its target less its rest days, at most 1. Each finished week moves the
//   strength a quarter of the way toward that result; a week off leaves it as it is; the running
//   week may raise it but never lowers it. It starts at 0 in the habit's first week, so a miss
//   lowers it without wiping it out, and nine steady weeks take it past 90%.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// The habits the guide suggests (exercise, mindfulness, hobby, connect), used while config.toml
/// defines none.
const std::map<std::string, HabitConfig>& default_habits();

/// The habits in effect: those of `config`, or default_habits() when it defines none.
std::map<std::string, HabitConfig> habits_in_effect(const Config& config);

/// Checks a habit name: one word, as check_word. Returns "" or a reason.
std::string check_habit_name(std::string_view name);

/// Checks a weekly target: 1 to 7 days. Returns "" or a reason.
std::string check_per_week(std::int64_t per_week);

/// Throws Error(no_input) unless `habits` has `name`: "no habit 'exercize'; did you mean
/// 'exercise'?", listing the habits when nothing is close.
void require_habit(const std::map<std::string, HabitConfig>& habits, const std::string& name);

/// Throws Error(usage) when `name` is not among `habits` and `per_week` is absent: a new habit
/// needs a weekly target.
void require_target_for_new_habit(const std::map<std::string, HabitConfig>& habits,
                                  const std::string& name, std::optional<int> per_week);

/// Throws like require_habit, or Error(usage) when `name` is the only habit in `habits`: with
/// no habit at all the defaults would come back, which is not what removing one means.
void require_removable_habit(const std::map<std::string, HabitConfig>& habits,
                             const std::string& name);

/// "" when a check-in with `status` may be dated `date` given `today`, else a reason: a habit
/// cannot be done in the future, but a rest day may be planned ahead.
std::string check_checkin_date(CheckinStatus status, Date date, Date today);

/// "monday" or "sunday".
std::string_view week_start_name(WeekStart start);

/// The first day of the week holding `date`, weeks starting on `start`.
Date week_start_of(Date date, WeekStart start);

/// `habit` with its target changed to `per_week` from the week that starts on `this_week` on:
/// the weeks before keep the targets they had (added to `earlier_targets` when it changes).
HabitConfig with_target(HabitConfig habit, int per_week, Date this_week);

/// The check-ins of one habit, by day. A habit has at most one check-in a day.
class HabitHistory {
  public:
    /// The check-ins of `habit` among `checkins` (others are ignored).
    HabitHistory(std::string habit, const std::vector<Checkin>& checkins);

    /// The habit's name.
    const std::string& habit() const { return m_habit; }

    /// The check-in on `day`, or nullptr.
    const Checkin* on(Date day) const;

    /// The check-ins from `from` to `to` (inclusive), by day.
    std::span<const Checkin> between(Date from, Date to) const;

    /// The day of the first check-in, done or skipped; nullopt when there is none. Days before it
    /// are not held against the habit.
    std::optional<Date> first_day() const;

    /// Every check-in, by day.
    std::span<const Checkin> all() const { return m_days; }

  private:
    std::string m_habit;
    std::vector<Checkin> m_days; ///< by day, one a day
};

/// How a week went for one habit.
enum class WeekResult {
    not_started, ///< the week ended before the habit's first check-in (or there is none)
    met,         ///< at least one done day, and done + rest days reached the target
    rest,        ///< no done day, but rest days alone reached the target: a week off
    running,     ///< the week holding today, not met (yet)
    missed,      ///< a finished week that is none of the above
};

/// "not_started", "met", "rest", "running" or "missed".
std::string_view week_result_name(WeekResult result);

/// How the week went, in words for people: "not started", "met", "rest week", "in progress" or
/// "not met".
std::string_view week_result_words(WeekResult result);

/// One habit's count for one week.
struct WeekTally {
    Date first_day;  ///< the week's first day
    int done = 0;    ///< days done in the week
    int skipped = 0; ///< rest days in the week (future ones included: they are planned)
    int target = 0;  ///< the week's target (scaled down in the habit's first week)
    WeekResult result = WeekResult::not_started;
};

/// The verdict on the week starting on `first_day` for `history`, a habit with `config`, with
/// `today` deciding whether the week is finished. The one place a week is judged.
WeekTally tally_week(const HabitHistory& history, const HabitConfig& config, Date first_day,
                     Date today);

/// The tallies from the week of the habit's first check-in to the week holding `today`, oldest
/// first; empty when there are no check-ins, or only ones after this week.
std::vector<WeekTally> week_history(const HabitHistory& history, const HabitConfig& config,
                                    Date today, WeekStart start);

/// The sum of the targets (HabitConfig::target_for_week) of the `weeks` weeks from the one that
/// starts on `first_week`, without the first-week scaling of tally_week; quick however many
/// weeks.
std::int64_t target_sum(const HabitConfig& config, Date first_week, std::int64_t weeks);

/// A habit's streak.
struct Streak {
    int length = 0;     ///< met weeks, or done days for a daily habit
    bool daily = false; ///< the target is 7 days a week: the streak counts days
};

/// The streak of `history` (a habit with `config`) as it stands at the end of `until`, or on
/// `today` when that is earlier: for a weekly habit, met weeks counted back from the week
/// holding that day, rest weeks and a running week left out, up to the first missed week; for a
/// daily habit, done days counted back from that day, rest days left out, today left out while
/// it is open, up to the first open day. Weeks are judged by tally_week as of `today`. The one
/// place a streak is counted; its cost follows the check-ins, not the span of days.
Streak habit_streak(const HabitHistory& history, const HabitConfig& config, Date until, Date today,
                    WeekStart start);

/// The strength of a habit from its `weeks` (as week_history gives them), from 0 to 1; nullopt
/// while there is nothing to judge: no finished week that was met or missed, and nothing done in
/// the running week.
std::optional<double> strength(const std::vector<WeekTally>& weeks);

/// Where a habit stands today: what `bounceback routine` shows.
struct HabitStatus {
    std::string habit;
    HabitConfig config;
    std::optional<CheckinStatus> today; ///< today's check-in, if any
    WeekTally this_week;
    bool daily = false; ///< per_week is 7, so the streak counts days
    int streak = 0;     ///< in weeks, or in days when `daily`
    std::optional<double> strength;
};

/// The status of `habit` (with `config`) on `today`, from all its `checkins`.
HabitStatus habit_status(const std::string& habit, const HabitConfig& config,
                         const std::vector<Checkin>& checkins, Date today, WeekStart start);

/// One cell of the week grid.
enum class DayMark {
    done,   ///< done that day
    skip,   ///< a planned rest day
    open,   ///< today or earlier, with no check-in
    future, ///< after today
};

/// "done", "skip", "open" or "future".
std::string_view day_mark_name(DayMark mark);

/// One day of one habit in the grid.
struct GridDay {
    Date date;
    DayMark mark = DayMark::open;
    std::optional<Checkin> checkin; ///< the day's check-in, if any (a future rest day has one)
};

/// One habit's row in the grid: a day per cell and a tally per week.
struct GridRow {
    std::string habit;
    HabitConfig config;
    std::vector<GridDay> days;    ///< 7 per week, oldest first
    std::vector<WeekTally> weeks; ///< one per week, oldest first
};

/// A habit × day grid over whole weeks, ending with the week holding `today`.
struct WeekGrid {
    Date first_day; ///< the first day of the oldest week
    int weeks = 0;
    std::vector<GridRow> rows; ///< one per habit, by name
};

/// The grid of `habits` over the last `weeks` weeks (the one holding `today` included), from
/// `checkins`. `weeks` must be at least 1.
WeekGrid week_grid(const std::map<std::string, HabitConfig>& habits,
                   const std::vector<Checkin>& checkins, Date today, WeekStart start, int weeks);

} // namespace bb
