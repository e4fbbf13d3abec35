#include "bounceback/core/stats_plan.hpp"

#include "bounceback/core/routine.hpp"

#include <algorithm>

namespace bb {

StatsPeriod week_period(Date day, int weeks, WeekStart start) {
    constexpr Date first_day{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
    const int count = std::clamp(weeks, 1, k_max_report_weeks);
    const Date last_week = week_start_of(day, start);
    // Days stay inside the calendar bounceback keeps (1900 to 9999): the weeks at its edges are
    // cut short rather than run into 1899 or 10000.
    return {std::max(util::add_days(last_week, -7 * (count - 1)), first_day),
            std::min(util::add_days(last_week, 6), k_last_report_day), true};
}

StatsPeriod range_period(Date since, Date until) {
    return {since, until, false};
}

StatsReads stats_reads(const StatsPeriod& period, WeekStart start) {
    const Date first_week = week_start_of(period.from, start);
    // Check-ins to the end of the last week: a week is judged whole, however the range cuts it.
    const Date last_week_end =
        std::min(util::add_days(week_start_of(period.to, start), 6), k_last_report_day);
    return {{util::add_days(first_week, -7 * k_feedback_lookback_weeks), period.to},
            {util::add_days(first_week, -7), period.to},
            {std::nullopt, last_week_end}};
}

StatsPlan week_plan(Date day, int weeks, WeekStart start) {
    const StatsPeriod period = week_period(day, weeks, start);
    return {period, stats_reads(period, start)};
}

StatsPlan range_plan(Date since, Date until, WeekStart start) {
    const StatsPeriod period = range_period(since, until);
    return {period, stats_reads(period, start)};
}

StatsPlan everything_plan(std::optional<Date> until,
                          const std::optional<std::pair<Date, Date>>& span, Date today) {
    const Date end = until ? *until : std::max(today, span ? span->second : today);
    const DateRange everything{std::nullopt, until};
    // Every check-in, those after `until` too: the last week is judged whole.
    return {range_period(span ? std::min(span->first, end) : end, end),
            {everything, everything, DateRange{}}};
}

StatsPlan range_or_everything_plan(std::optional<Date> since, std::optional<Date> until,
                                   WeekStart start, Date today, const RecordSpan& record_span) {
    if (since) {
        return range_plan(*since, until.value_or(today), start);
    }
    // --all, or --until alone: from the first record on.
    return everything_plan(until, record_span(until), today);
}

} // namespace bb
