#pragma once
// `bounceback stats`: a range of weeks in figures, the trend, and signals that say which part of
// the search to work on. Pure logic over records already read; nothing here touches a file.
// What a report covers and reads is core/stats_plan, its signals core/signals, its JSON and CSV
// core/stats_output.
//
// The rules, as bounceback-stats(1) documents them:
//
// - Weeks start on the configured day (Config::week_start). Each week is labelled with the ISO
//   8601 week of its Monday ("2026-W48"): a Monday week is labelled by its first day, a Sunday
//   week (Sunday to Saturday) by the Monday after its first day, so both starts give a week the
//   same name. The week that holds 2026-12-28 is 2026-W53, the next one 2027-W01.
// - A rejection counts in the week of its `date`; feedback counts as requested in the week of
//   `feedback.requested` and as received in the week of `feedback.received`, whatever the date
//   of the rejection. A request is answered when its feedback has been received (by now).
// - Mood is the average of the reflections' `mood` and the rejections' `feeling` in a week.
// - Routine figures are whole weeks, judged by core/routine as `routine` judges them
//   (tally_week, habit_streak), however the range cuts a week.
// - Long runs of weeks in which nothing was logged are folded (k_fold_weeks), so a report's size
//   follows the records, whatever the dates.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/core/routine.hpp"
#include "bounceback/core/sources.hpp"
#include "bounceback/core/stats_plan.hpp"
#include "bounceback/core/themes.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace bb {

/// How many recurring themes of each kind a report keeps.
constexpr std::size_t k_top_themes = 5;

/// A run of at least this many weeks in which nothing was logged is folded: a report keeps no
/// figures for it, the text says "… 412 weeks with nothing logged …", and JSON and CSV leave
/// those weeks out and give their number as `folded_before` on the week after. So a report's
/// cost follows the records, not the span of the calendar. Shorter runs are listed week by week.
constexpr int k_fold_weeks = 13;

/// The label of the week that starts on `first_day` (weeks starting on `start`): the ISO week
/// of its Monday, "YYYY-Www".
std::string week_label(Date first_day, WeekStart start);

/// The records a report is computed from. Records outside the period are allowed (they are the
/// look-back) and are counted only where the rules say.
struct StatsInput {
    std::vector<Rejection> rejections;
    std::vector<Reflection> reflections;
    std::vector<Win> wins;
    std::vector<Checkin> checkins; ///< every check-in up to the end of the period
};

/// Rejections counted by the stage they reached.
struct StageCounts {
    std::array<int, 6> by_stage{}; ///< indexed by Stage
    int unknown = 0;               ///< no stage logged

    /// Every rejection counted.
    int total() const;
    /// The count for `stage`.
    int at(Stage stage) const { return by_stage[static_cast<std::size_t>(stage)]; }
};

/// The figures of a run of days (a week, or a whole range).
struct Figures {
    Date from;
    Date to;
    StageCounts rejections;
    int feedback_requested = 0;      ///< requests sent in these days
    int feedback_followed_up = 0;    ///< follow-ups sent in these days (feedback.followed_up)
    int feedback_received = 0;       ///< answers received in these days
    int requests_answered = 0;       ///< of the requests sent in these days, those answered since
    std::vector<int> days_to_answer; ///< applied → rejection, in days, sorted
    int reflections = 0;
    std::vector<int> moods; ///< reflections' mood and rejections' feeling
    std::vector<Win> wins;  ///< by date

    /// requests_answered / feedback_requested; nullopt when nothing was requested.
    std::optional<double> response_rate() const;
    /// The median of days_to_answer; nullopt when no rejection had an `applied` date.
    std::optional<double> median_days_to_answer() const;
    /// The average of moods; nullopt when none was recorded.
    std::optional<double> mood() const;
};

/// One habit's count in one week.
struct HabitWeek {
    std::string habit;
    WeekTally tally;
};

/// One week of a report.
struct WeekStats {
    std::string label; ///< "2026-W48"
    Date first_day;    ///< the whole week's first day
    Date last_day;     ///< the whole week's last day (which may be after 9999-12-31)
    bool whole = true; ///< every day of the week is inside the period
    /// Weeks just before this one, in which nothing was logged, that the report left out (a run
    /// of at least k_fold_weeks); 0 when the week before is listed or this is the first week.
    int folded_before = 0;
    Figures figures;   ///< over the days of the week inside the period
    /// Rejections against the week before; nullopt when this week or that one is cut short.
    std::optional<int> change;
    std::vector<HabitWeek> routine; ///< every habit in effect, by name
};

/// One habit over the focus of a report.
struct HabitSummary {
    std::string habit;
    HabitConfig config;
    int done = 0;         ///< days done in the focus weeks
    int skipped = 0;      ///< rest days in the focus weeks
    int target = 0;       ///< targets of the focus weeks since the habit started
    int weeks_met = 0;    ///< focus weeks met
    int weeks_missed = 0; ///< focus weeks missed
    WeekResult last = WeekResult::not_started; ///< how the last focus week went
    bool daily = false;                        ///< per_week is 7: the streak counts days
    int streak =
        0; ///< weeks (or days) met, back from the end of the period or today (habit_streak)
};

/// A plain sentence about what to work on, citing the numbers behind it.
struct Signal {
    std::string id; ///< stable, and in this order: take-a-break, tailor-applications,
                    ///< practise-interviews, widen-search, reach-people, ask-for-feedback,
                    ///< protect-routine, name-a-win
    std::string message;
};

/// A request for feedback that has waited long enough for a gentle follow-up.
struct FollowUp {
    std::int64_t id = 0; ///< the rejection's
    std::string company;
    Date requested; ///< when feedback was asked for
    Date date;      ///< the rejection's date
};

/// A whole report.
struct Stats {
    StatsPeriod period;
    Date today;
    WeekStart week_start = WeekStart::monday;
    /// The weeks of the period, oldest first, but for runs of weeks in which nothing was logged
    /// (see k_fold_weeks and WeekStats::folded_before). The first and last weeks of the period
    /// and the week holding today are always listed.
    std::vector<WeekStats> weeks;
    int week_count = 0;           ///< every week of the period, folded ones included
    Figures total;                ///< the whole period
    /// What the report is about: the chosen week in the week view, the whole period otherwise.
    Figures focus;
    /// The week before the chosen one (week view only).
    std::optional<Figures> previous;
    std::vector<HabitSummary> routine;     ///< every habit in effect, by name
    std::vector<FollowUp> follow_ups_due;  ///< requests waiting for a follow-up today, oldest first
    Themes themes;                         ///< over the period, at most k_top_themes of each kind
    std::vector<Signal> signals;
    bool any_records = false; ///< anything at all was logged in the period
    /// The rejections dated inside the period, by the channel they came through (core/sources).
    SourceBreakdown sources;
    /// `[me] goal` of config.toml, shown back at the top of the report.
    std::optional<std::string> goal;
};

/// Builds the report over a period from records added one at a time, in any order, so that a
/// report over years holds figures rather than every record: a reader can feed it a month of
/// records at a time. Adding the records of a StatsInput and finishing is compute_stats.
class StatsBuilder {
  public:
    /// A report over `period` with the settings of `config` as of `today`.
    StatsBuilder(const StatsPeriod& period, const Config& config, Date today);
    ~StatsBuilder();
    StatsBuilder(const StatsBuilder&) = delete;
    StatsBuilder& operator=(const StatsBuilder&) = delete;

    /// Counts a record. Records outside the period are the look-back: counted only where the
    /// rules above say.
    void add(const Rejection& rejection);
    void add(const Reflection& reflection);
    void add(const Win& win);
    void add(const Checkin& checkin);

    /// The report over everything added. Call once, last.
    Stats finish();

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// The report over `period` from `input`, with the settings of `config` (week start, habits,
/// follow-up days, signal thresholds) as of `today`.
Stats compute_stats(const StatsPeriod& period, const StatsInput& input, const Config& config,
                    Date today);

/// The trend: the weeks of `stats` among the last `weeks` weeks of the period (all of them when
/// it has fewer). Folded weeks are not listed; the first week returned may have fewer
/// folded_before inside the trend than its `folded_before` says (trend_folded_before).
std::span<const WeekStats> trend(const Stats& stats, int weeks);

/// How many folded weeks lie between the start of the trend of `weeks` weeks and its first
/// listed week.
int trend_folded_before(const Stats& stats, int weeks);

} // namespace bb
