#pragma once
// What `bounceback report` draws: the figures of `stats`, from the same StatsBuilder fed the same
// records, and the few things only pictures need: the stage flow, the spread of days from
// application to answer, and each habit's days for a calendar. Pure logic over records already
// read; nothing here touches a file.
//
// Sizes stay bounded whatever the range: figures are kept per week (ten years are 520 weeks),
// answers in at most k_answer_bins bins, and a habit's days for at most k_calendar_weeks weeks
// (the last ones of the range); older weeks are shown by their weekly result in Stats::weeks.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/core/stage_flow.hpp"
#include "bounceback/core/stats.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bb {

/// The most weeks whose days a habit's calendar shows: a year.
constexpr int k_calendar_weeks = 53;

/// The most bins the days from application to answer are counted in.
constexpr int k_answer_bins = 20;

/// A run of whole days and how many answers took that long.
struct DayBin {
    int from = 0;  ///< the first number of days counted (inclusive)
    int to = 0;    ///< the last (inclusive)
    int count = 0; ///< the rejections whose answer took from `from` to `to` days
};

/// How long answers took: days from `applied` to the rejection, in bins of equal width.
struct AnswerSpread {
    std::vector<DayBin> bins; ///< consecutive, oldest days first; empty when nothing was timed
    int width = 1;            ///< days per bin: 1, 7, 14, 28, 91, 182, then doubling
    int count = 0;            ///< every rejection with an `applied` date
    std::optional<double> median;
};

/// The spread of `figures.days_to_answer` (sorted) in at most `max_bins` bins (at least 1), the
/// narrowest width that fits; bins start at a multiple of the width.
AnswerSpread answer_spread(const Figures& figures, int max_bins = k_answer_bins);

/// One day of a habit's calendar.
enum class CalendarDay : std::uint8_t {
    outside, ///< not in the range of the report
    before,  ///< before the habit's first check-in: not held against it
    done,    ///< done that day
    rest,    ///< a planned rest day
    open,    ///< no check-in, today or earlier
    future,  ///< after today, no check-in
};

/// "outside", "before", "done", "rest", "open" or "future".
std::string_view calendar_day_name(CalendarDay day);

/// One habit's days over the last weeks of a report, seven a week.
struct HabitCalendar {
    std::string habit;
    Date first_day;                ///< the first day of the first week shown
    int weeks = 0;                 ///< weeks shown, at most k_calendar_weeks
    std::vector<CalendarDay> days; ///< 7 * weeks, oldest first

    /// The day `date` (outside for dates not shown).
    CalendarDay on(Date date) const;
};

/// Everything a report draws.
struct ReportFigures {
    Stats stats;                          ///< exactly what `stats` computes over the same range
    StageFlow flow;                       ///< of the rejections dated in the range
    AnswerSpread answers;                 ///< of the rejections dated in the range
    std::vector<HabitCalendar> calendars; ///< one per habit in effect, by name (as stats.routine)
};

/// Builds a report's figures from records added one at a time, in any order: a StatsBuilder
/// (so the figures and signals are those of `stats`) plus each habit's days in the calendar
/// weeks, which it keeps as one byte a day.
class ReportBuilder {
  public:
    /// As StatsBuilder's constructor.
    ReportBuilder(const StatsPeriod& period, const Config& config, Date today);

    /// Counts a record, as StatsBuilder::add.
    void add(const Rejection& rejection);
    void add(const Reflection& reflection);
    void add(const Win& win);
    void add(const Checkin& checkin);

    /// The figures of everything added. Call once, last.
    ReportFigures finish();

  private:
    /// One habit's calendar so far, and its first check-in among those added.
    struct Habit {
        HabitCalendar calendar;
        std::optional<Date> first_checkin;
    };

    StatsBuilder m_stats;
    StatsPeriod m_period;
    Date m_today;
    Date m_first_day; ///< of the calendar
    int m_weeks = 0;  ///< of the calendar
    std::map<std::string, Habit, std::less<>> m_habits;
};

} // namespace bb
