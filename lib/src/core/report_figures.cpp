#include "bounceback/core/report_figures.hpp"

#include "bounceback/core/routine.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>

namespace bb {

namespace {

/// The bin widths tried, narrowest first; past the last one, widths double.
constexpr int k_bin_widths[] = {1, 7, 14, 28, 91, 182, 364};

/// `value` rounded down to a multiple of `width` (toward minus infinity).
std::int64_t floor_to(std::int64_t value, std::int64_t width) {
    const std::int64_t q = value / width;
    return (q * width > value ? q - 1 : q) * width;
}

} // namespace

AnswerSpread answer_spread(const Figures& figures, int max_bins) {
    AnswerSpread spread;
    const std::vector<int>& days = figures.days_to_answer;
    spread.count = static_cast<int>(days.size());
    spread.median = figures.median_days_to_answer();
    if (days.empty()) {
        return spread;
    }
    max_bins = std::max(max_bins, 1);
    const std::int64_t low = days.front();
    const std::int64_t high = days.back();
    auto bins_needed = [&](std::int64_t width) {
        return (floor_to(high, width) - floor_to(low, width)) / width + 1;
    };
    std::int64_t width = 0;
    for (int w : k_bin_widths) {
        if (bins_needed(w) <= max_bins) {
            width = w;
            break;
        }
    }
    if (width == 0) {
        width = k_bin_widths[std::size(k_bin_widths) - 1];
        while (bins_needed(width) > max_bins) {
            width *= 2;
        }
    }
    spread.width = static_cast<int>(width);
    const std::int64_t first = floor_to(low, width);
    const auto count = static_cast<std::size_t>(bins_needed(width));
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t from = first + static_cast<std::int64_t>(i) * width;
        spread.bins.push_back({static_cast<int>(from), static_cast<int>(from + width - 1), 0});
    }
    for (int d : days) {
        ++spread.bins[static_cast<std::size_t>((d - first) / width)].count;
    }
    return spread;
}

std::string_view calendar_day_name(CalendarDay day) {
    switch (day) {
    case CalendarDay::outside:
        return "outside";
    case CalendarDay::before:
        return "before";
    case CalendarDay::done:
        return "done";
    case CalendarDay::rest:
        return "rest";
    case CalendarDay::open:
        return "open";
    case CalendarDay::future:
        return "future";
    }
    return "";
}

CalendarDay HabitCalendar::on(Date date) const {
    if (date < first_day) {
        return CalendarDay::outside;
    }
    const auto index = static_cast<std::size_t>(util::days_between(first_day, date));
    return index < days.size() ? days[index] : CalendarDay::outside;
}

ReportBuilder::ReportBuilder(const StatsPeriod& period, const Config& config, Date today)
    : m_stats(period, config, today), m_period(period), m_today(today) {
    const Date first_week = week_start_of(period.from, config.week_start);
    const Date last_week = week_start_of(period.to, config.week_start);
    m_weeks = std::min(k_calendar_weeks, util::days_between(first_week, last_week) / 7 + 1);
    m_first_day = util::add_days(last_week, -7 * (m_weeks - 1));
    for (const auto& [habit, habit_config] : habits_in_effect(config)) {
        Habit h;
        h.calendar.habit = habit;
        h.calendar.first_day = m_first_day;
        h.calendar.weeks = m_weeks;
        h.calendar.days.resize(static_cast<std::size_t>(7 * m_weeks));
        for (std::size_t i = 0; i < h.calendar.days.size(); ++i) {
            const Date day = util::add_days(m_first_day, static_cast<int>(i));
            h.calendar.days[i] = day < period.from || day > period.to ? CalendarDay::outside
                                 : day > today                        ? CalendarDay::future
                                                                      : CalendarDay::open;
        }
        m_habits.emplace(habit, std::move(h));
    }
}

void ReportBuilder::add(const Rejection& rejection) {
    m_stats.add(rejection);
}

void ReportBuilder::add(const Reflection& reflection) {
    m_stats.add(reflection);
}

void ReportBuilder::add(const Win& win) {
    m_stats.add(win);
}

void ReportBuilder::add(const Checkin& checkin) {
    m_stats.add(checkin);
    const auto found = m_habits.find(checkin.habit);
    if (found == m_habits.end()) {
        return;
    }
    Habit& h = found->second;
    if (!h.first_checkin || checkin.date < *h.first_checkin) {
        h.first_checkin = checkin.date;
    }
    if (checkin.date < m_period.from || checkin.date > m_period.to || checkin.date < m_first_day) {
        return;
    }
    const auto index = static_cast<std::size_t>(util::days_between(m_first_day, checkin.date));
    if (index < h.calendar.days.size()) {
        h.calendar.days[index] =
            checkin.status == CheckinStatus::done ? CalendarDay::done : CalendarDay::rest;
    }
}

ReportFigures ReportBuilder::finish() {
    ReportFigures figures;
    figures.stats = m_stats.finish();
    const StageCounts& counts = figures.stats.total.rejections;
    figures.flow = stage_flow(counts.by_stage, counts.unknown);
    figures.answers = answer_spread(figures.stats.total);
    for (auto& [habit, h] : m_habits) {
        // Days before the first check-in are not held against the habit.
        for (std::size_t i = 0; i < h.calendar.days.size(); ++i) {
            CalendarDay& day = h.calendar.days[i];
            const Date date = util::add_days(m_first_day, static_cast<int>(i));
            if ((day == CalendarDay::open || day == CalendarDay::future) &&
                (!h.first_checkin || date < *h.first_checkin)) {
                day = CalendarDay::before;
            }
        }
        figures.calendars.push_back(std::move(h.calendar));
    }
    m_habits.clear();
    return figures;
}

} // namespace bb
