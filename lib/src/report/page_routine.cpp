// The report page's routine section: the habits, the calendar and the week strip.

#include "page_markup.hpp"
#include "page_sections.hpp"
#include "page_words.hpp"

#include "bounceback/core/routine.hpp"
#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace bb::report::detail {

using util::format_date;

void Page::routine() {
    open_section(m_html, "routine", "Routine", true);
    const bool started =
        std::any_of(m_stats.weeks.begin(), m_stats.weeks.end(), [](const WeekStats& w) {
            return std::any_of(w.routine.begin(), w.routine.end(), [](const HabitWeek& h) {
                return h.tally.result != WeekResult::not_started;
            });
        });
    if (!started) {
        hint(m_html,
             "No check-ins yet. A little movement or time with friends helps on hard weeks: ",
             "bounceback routine done exercise");
        m_html.close();
        return;
    }
    m_html.element("p", "Rest counts toward the week and never breaks a streak.",
                   {{"class", "note"}});
    legend(m_html, {{"done", "done"}, {"rest", "rest day"}, {"open", "no check-in"}});
    for (std::size_t h = 0; h < m_stats.routine.size(); ++h) {
        const HabitSummary& habit = m_stats.routine[h];
        const HabitCalendar* calendar = nullptr;
        for (const auto& c : m_figures.calendars) {
            if (c.habit == habit.habit) {
                calendar = &c;
            }
        }
        habit_block(habit, calendar);
    }
    routine_table();
    m_html.close();
}

std::string Page::streak_words(const HabitSummary& h) const {
    if (h.streak == 0) {
        return "no streak running";
    }
    return "streak " + std::to_string(h.streak) + " " +
           (h.daily ? (h.streak == 1 ? "day" : "days") : (h.streak == 1 ? "week" : "weeks"));
}

void Page::habit_block(const HabitSummary& habit, const HabitCalendar* calendar) {
    m_html.open("div", {{"class", "habit"}});
    m_html.element("h3", habit.habit);
    std::string line = plural(habit.config.per_week, "day") + " a week · " + streak_words(habit);
    if (!habit.config.description.empty()) {
        line += " · " + habit.config.description;
    }
    m_html.element("p", line, {{"class", "habit-line"}});
    if (calendar != nullptr && calendar->weeks > 0) {
        calendar_chart(*calendar);
    }
    if (m_stats.weeks.size() > static_cast<std::size_t>(k_calendar_weeks)) {
        week_strip(habit);
    }
    m_html.close();
}

/// Every habit's weeks in one table: the days done (and rest days) against the target, and
/// how the week went.
void Page::routine_table() {
    Table table{"The routine, week by week", {"Week", "From"}, {}, {false, false}};
    for (const auto& h : m_stats.routine) {
        table.header.push_back(h.habit);
    }
    for (const auto& w : m_stats.weeks) {
        std::vector<std::string> row{w.label, format_date(w.first_day)};
        bool any = false;
        for (const auto& hw : w.routine) {
            const WeekTally& t = hw.tally;
            if (t.result == WeekResult::not_started) {
                row.emplace_back();
                continue;
            }
            any = true;
            // "2 of 3, met"; with rest days, which count toward the target:
            // "1 done + 2 rest of 3, met".
            const std::string days = t.skipped > 0 ? std::to_string(t.done) + " done + " +
                                                         std::to_string(t.skipped) + " rest"
                                                   : std::to_string(t.done);
            row.push_back(days + " of " + std::to_string(t.target) + ", " +
                          std::string(week_result_words(t.result)));
        }
        if (any) {
            table.rows.push_back(std::move(row));
        }
    }
    write_table(m_html, table);
}

void Page::calendar_chart(const HabitCalendar& calendar) {
    CalendarLayout layout;
    layout.weeks = calendar.weeks;
    layout.area = {34, 18, 0, 0};
    // As big as a few weeks allow, as small as a year needs: a day's square is 10 to 18.
    const double pitch = std::clamp(std::floor(686.0 / std::max(calendar.weeks, 1)), 12.0, 21.0);
    layout.gap = pitch >= 16 ? 3 : 2;
    layout.cell = pitch - layout.gap;
    const double width = layout.area.x + layout.width() + 2;
    const double height = layout.area.y + layout.height() + 2;
    m_html.open("figure");
    m_html.open("div", {{"class", "chart"}});
    open_svg(m_html, width, height, "calendar",
             calendar.habit + ", day by day over the last " + plural(calendar.weeks, "week") +
                 ": done, rest day or no check-in.");
    const bool monday = m_stats.week_start == WeekStart::monday;
    const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int d = 0; d < 7; d += 2) {
        const Rect cell = layout.day(0, d);
        svg_text(m_html, layout.area.x - 5, cell.y + cell.height - 1,
                 names[(d + (monday ? 0 : 6)) % 7], "small", "end");
    }
    // A month's name over its first week, where there is room for it: not over the first
    // column when the next month starts two columns later, nor too close to the one before.
    double last_label = -1e9;
    for (int w = 0; w < calendar.weeks; ++w) {
        const Date first = util::add_days(calendar.first_day, 7 * w);
        const bool starts_month =
            w == 0 || month_index(first) != month_index(util::add_days(first, -7));
        const bool crowded_first = w == 0 && calendar.weeks > 2 &&
                                   month_index(util::add_days(first, 14)) != month_index(first);
        const double x = layout.day(w, 0).x;
        if (starts_month && !crowded_first && x - last_label >= 30) {
            svg_text(m_html, x, 11, std::string(k_months[month_index(first)]).substr(0, 3),
                     "small");
            last_label = x;
        }
        for (int d = 0; d < 7; ++d) {
            const auto index = static_cast<std::size_t>(7 * w + d);
            const CalendarDay day = calendar.days[index];
            if (day == CalendarDay::outside || day == CalendarDay::before) {
                continue; // not in the range, or before the habit started: nothing to show
            }
            const Date date = util::add_days(calendar.first_day, static_cast<int>(index));
            Rect cell = layout.day(w, d);
            if (day == CalendarDay::open || day == CalendarDay::future) {
                cell = {cell.x + 0.5, cell.y + 0.5, cell.width - 1, cell.height - 1};
            }
            rect(m_html, cell, calendar_day_name(day), format_date(date) + ": " + day_words_of(day),
                 2);
        }
    }
    m_html.close();
    m_html.close();
    m_html.close();
}

std::string Page::day_words_of(CalendarDay day) {
    switch (day) {
    case CalendarDay::done:
        return "done";
    case CalendarDay::rest:
        return "rest day";
    case CalendarDay::open:
        return "no check-in";
    case CalendarDay::future:
        return "still to come";
    case CalendarDay::before:
        return "before the first check-in";
    case CalendarDay::outside:
        return "";
    }
    return "";
}

/// Every week of a long range, one square each: met, a rest week, in progress or not met.
void Page::week_strip(const HabitSummary& habit) {
    const auto& weeks = m_stats.weeks;
    constexpr double width = 720;
    const Rect area{0, 16, width, 14};
    m_html.open("figure");
    m_html.open("div", {{"class", "chart recent"}});
    open_svg(m_html, width, area.y + area.height + 18, "wide",
             habit.habit + ", week by week over the whole range: met, rest week or not.");
    const bool folded = std::any_of(weeks.begin(), weeks.end(),
                                    [](const WeekStats& w) { return w.folded_before > 0; });
    svg_text(m_html, 0, 11,
             folded ? "Every week of the range but long stretches with nothing logged"
                    : "Every week of the range",
             "small");
    const double slot = area.width / static_cast<double>(weeks.size());
    // One shape per result: hundreds of weeks, the numbers in the table below.
    std::map<WeekResult, std::vector<Rect>> by_result;
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        for (const auto& hw : weeks[i].routine) {
            if (hw.habit == habit.habit && hw.tally.result != WeekResult::not_started) {
                by_result[hw.tally.result].push_back(
                    {area.x + slot * static_cast<double>(i), area.y, slot, area.height});
            }
        }
    }
    for (const auto& [result, cells] : by_result) {
        const char* css = result == WeekResult::met       ? "done"
                          : result == WeekResult::rest    ? "rest"
                          : result == WeekResult::running ? "running"
                                                          : "missed";
        m_html.empty("path", {{"d", rects_path(cells)}, {"class", css}});
    }
    for (const auto& [index, label] : week_ticks(weeks)) {
        svg_text(m_html, slot * static_cast<double>(index), area.y + area.height + 14, label,
                 "small");
    }
    m_html.close();
    m_html.close();
    m_html.close();
}

} // namespace bb::report::detail
