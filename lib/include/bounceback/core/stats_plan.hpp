#pragma once
// What a report covers (a week view or a range of days) and what it reads to get there. Pure
// logic over dates; storage/stats_reader reads what a plan says.
//
// Only the records a range needs are read: the range itself, rejections from
// k_feedback_lookback_weeks before it (for feedback given on older rejections), and every
// check-in up to its end (a week's verdict and a streak depend on when a habit began).

#include "bounceback/core/config.hpp"
#include "bounceback/core/date_range.hpp"
#include "bounceback/util/date.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

namespace bb {

using util::Date;

/// Rejections dated up to this many weeks before a range are read too, so that feedback
/// requested or received inside the range on an older rejection is counted.
constexpr int k_feedback_lookback_weeks = 13;

/// The most weeks a report covers in the week view (`--weeks`): ten years.
constexpr int k_max_report_weeks = 520;

/// The last day a report covers: dates stop at 9999-12-31.
inline constexpr Date k_last_report_day{std::chrono::year{9999}, std::chrono::December,
                                        std::chrono::day{31}};

/// The days a report covers and how they are looked at.
struct StatsPeriod {
    Date from;              ///< the first day counted
    Date to;                ///< the last day counted
    bool week_view = false; ///< whole weeks ending with a chosen week, which is the focus
};

/// The week view: the `weeks` whole weeks (1 to k_max_report_weeks) that end with the week
/// holding `day`.
StatsPeriod week_period(Date day, int weeks, WeekStart start);

/// A range view: every day from `since` to `until`, inclusive (`since` ≤ `until`); its weeks
/// may be cut short at either end.
StatsPeriod range_period(Date since, Date until);

/// What a report reads of each kind of record (every read ends at the period's last day, but
/// check-ins, read to the end of its last week).
struct StatsReads {
    DateRange rejections;           ///< from k_feedback_lookback_weeks before the first week
    DateRange reflections_and_wins; ///< from the week before the first week
    DateRange checkins;             ///< every check-in up to the end of the period's last week
};

/// What a report over `period` needs to read, weeks starting on `start`.
StatsReads stats_reads(const StatsPeriod& period, WeekStart start);

/// What a report covers, and what it reads to get there.
struct StatsPlan {
    StatsPeriod period;
    StatsReads reads;
};

/// The week view (week_period) and its reads.
StatsPlan week_plan(Date day, int weeks, WeekStart start);

/// A range view from `since` to `until` (range_period) and its reads.
StatsPlan range_plan(Date since, Date until, WeekStart start);

/// Everything logged, up to `until` when it is given: from the first record's date to `until`,
/// or to the later of `today` and the last record's date. `span` holds the first and last dates
/// of the records up to `until` (nullopt when there is none: then the report is the one day
/// `until`, or today). Every record up to the end is read, with no look-back cut, and every
/// check-in.
StatsPlan everything_plan(std::optional<Date> until,
                          const std::optional<std::pair<Date, Date>>& span, Date today);

/// The first and last dates of the records dated up to `until` (all of them when it is absent),
/// or nullopt when there is none: how a plan over everything logged learns where it starts.
using RecordSpan =
    std::function<std::optional<std::pair<Date, Date>>(std::optional<Date> until)>;

/// The range `--since` and `--until` ask for, `--all` being neither (`stats`, `report`): from
/// `since` to `until`, or to `today` without it (range_plan); without `since`, everything logged
/// up to `until` (everything_plan), its span from `record_span`, which is called only then.
StatsPlan range_or_everything_plan(std::optional<Date> since, std::optional<Date> until,
                                   WeekStart start, Date today, const RecordSpan& record_span);

} // namespace bb
