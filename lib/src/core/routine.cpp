#include "bounceback/core/routine.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/date.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <chrono>

namespace bb {

namespace {

using std::chrono::sys_days;
using std::chrono::weekday;

/// How far each finished week moves the strength toward that week's result.
constexpr double k_strength_step = 0.25;

/// The part of its target a week reached, from 0 to 1; rest days count toward it.
double week_ratio(const WeekTally& week) {
    const int still_needed = week.target - week.skipped;
    if (still_needed <= 0) {
        return week.done > 0 ? 1.0 : 0.0;
    }
    return std::min(1.0, static_cast<double>(week.done) / still_needed);
}

} // namespace

const std::map<std::string, HabitConfig>& default_habits() {
    static const std::map<std::string, HabitConfig> habits = {
        {"exercise", {3, "Move for twenty minutes or more: a walk, a run, a ride, yoga"}},
        {"mindfulness", {4, "A few quiet minutes: meditation, slow breathing or journaling"}},
        {"hobby", {2, "Time on something you enjoy that has nothing to do with the search"}},
        {"connect", {2, "Time with friends or family, in person or on a call"}},
    };
    return habits;
}

std::map<std::string, HabitConfig> habits_in_effect(const Config& config) {
    return config.habits.empty() ? default_habits() : config.habits;
}

std::string check_habit_name(std::string_view name) {
    return check_word(name);
}

std::string check_per_week(std::int64_t per_week) {
    if (per_week < 1 || per_week > 7) {
        return "must be a whole number of days a week, from 1 to 7";
    }
    return "";
}

void require_habit(const std::map<std::string, HabitConfig>& habits, const std::string& name) {
    if (habits.contains(name)) {
        return;
    }
    std::vector<std::string> names;
    for (const auto& [habit, config] : habits) {
        names.push_back(habit);
    }
    std::string near = util::closest_match(name, names);
    if (near.empty()) {
        near = util::closest_match(util::fold_case(name), names);
    }
    if (!near.empty()) {
        throw Error(ExitCode::no_input, "no habit '" + name + "'; did you mean '" + near + "'?");
    }
    throw Error(ExitCode::no_input, "no habit '" + name + "' (habits: " + util::join(names, ", ") +
                                        "; add one with: bounceback routine habits add " + name +
                                        " --per-week N)");
}

void require_target_for_new_habit(const std::map<std::string, HabitConfig>& habits,
                                  const std::string& name, std::optional<int> per_week) {
    if (!per_week && !habits.contains(name)) {
        throw Error(ExitCode::usage, "habit '" + name +
                                         "' is new: say how many days a week with --per-week N "
                                         "(1 to 7)");
    }
}

void require_removable_habit(const std::map<std::string, HabitConfig>& habits,
                             const std::string& name) {
    require_habit(habits, name);
    if (habits.size() == 1) {
        throw Error(
            ExitCode::usage,
            "'" + name +
                "' is your only habit, and with none the suggested habits would "
                "come back; add another habit first, or keep it and simply do not check in");
    }
}

std::string check_checkin_date(CheckinStatus status, Date date, Date today) {
    if (status == CheckinStatus::done && date > today) {
        return "is in the future; a habit can be marked done on the day or after (a rest day "
               "may be planned ahead with skip)";
    }
    return "";
}

std::string_view week_start_name(WeekStart start) {
    return start == WeekStart::sunday ? "sunday" : "monday";
}

Date week_start_of(Date date, WeekStart start) {
    const weekday day{sys_days{date}};
    // c_encoding: Sunday 0 … Saturday 6; iso_encoding: Monday 1 … Sunday 7.
    const int offset = start == WeekStart::sunday ? static_cast<int>(day.c_encoding())
                                                  : static_cast<int>(day.iso_encoding()) - 1;
    return util::add_days(date, -offset);
}

HabitConfig with_target(HabitConfig habit, int per_week, Date this_week) {
    if (habit.per_week == per_week) {
        return habit;
    }
    auto& earlier = habit.earlier_targets;
    // A target that ends inside this week or later (the week start changed since) would hide
    // the new one.
    while (!earlier.empty() && earlier.back().until >= this_week) {
        earlier.pop_back();
    }
    const Date until = util::add_days(this_week, -1);
    // Changed already this week: the week takes the latest target, the weeks before keep theirs.
    if (earlier.empty() || earlier.back().until < until) {
        earlier.push_back({habit.per_week, until});
    }
    habit.per_week = per_week;
    if (earlier.back().per_week == per_week) {
        earlier.pop_back(); // back to what the weeks before had: one stretch
    }
    return habit;
}

HabitHistory::HabitHistory(std::string habit, const std::vector<Checkin>& checkins)
    : m_habit(std::move(habit)) {
    for (const auto& c : checkins) {
        if (c.habit == m_habit) {
            m_days.push_back(c);
        }
    }
    // By day; of two check-ins on one day (a hand edit), the later one in `checkins` counts.
    auto by_day = [](const Checkin& a, const Checkin& b) { return a.date < b.date; };
    if (!std::is_sorted(m_days.begin(), m_days.end(), by_day)) {
        std::stable_sort(m_days.begin(), m_days.end(), by_day);
    }
    auto last = std::unique(m_days.rbegin(), m_days.rend(),
                            [](const Checkin& a, const Checkin& b) { return a.date == b.date; });
    m_days.erase(m_days.begin(), last.base());
}

const Checkin* HabitHistory::on(Date day) const {
    auto it = std::lower_bound(m_days.begin(), m_days.end(), day,
                               [](const Checkin& c, Date d) { return c.date < d; });
    return it == m_days.end() || it->date != day ? nullptr : &*it;
}

std::span<const Checkin> HabitHistory::between(Date from, Date to) const {
    auto begin = std::lower_bound(m_days.begin(), m_days.end(), from,
                                  [](const Checkin& c, Date d) { return c.date < d; });
    auto end = std::upper_bound(begin, m_days.end(), to,
                                [](Date d, const Checkin& c) { return d < c.date; });
    return {begin, end};
}

std::optional<Date> HabitHistory::first_day() const {
    if (m_days.empty()) {
        return std::nullopt;
    }
    return m_days.front().date;
}

std::string_view week_result_name(WeekResult result) {
    switch (result) {
    case WeekResult::not_started:
        return "not_started";
    case WeekResult::met:
        return "met";
    case WeekResult::rest:
        return "rest";
    case WeekResult::running:
        return "running";
    case WeekResult::missed:
        return "missed";
    }
    return "missed";
}

std::string_view week_result_words(WeekResult result) {
    switch (result) {
    case WeekResult::not_started:
        return "not started";
    case WeekResult::met:
        return "met";
    case WeekResult::rest:
        return "rest week";
    case WeekResult::running:
        return "in progress";
    case WeekResult::missed:
        return "not met";
    }
    return "not met";
}

WeekTally tally_week(const HabitHistory& history, const HabitConfig& config, Date first_day,
                     Date today) {
    const int per_week = config.target_for_week(first_day);
    WeekTally week;
    week.first_day = first_day;
    week.target = per_week;
    const Date last_day = util::add_days(first_day, 6);
    for (const Checkin& c : history.between(first_day, last_day)) {
        ++(c.status == CheckinStatus::done ? week.done : week.skipped);
    }
    const auto start = history.first_day();
    if (!start || *start > last_day) {
        week.result = WeekResult::not_started;
        return week;
    }
    if (*start > first_day) {
        // The habit's first week: only the days from its first check-in on are asked for.
        const int days_left = util::days_between(*start, last_day) + 1;
        week.target = std::max(1, (per_week * days_left + 6) / 7);
    }
    if (week.done > 0 && week.done + week.skipped >= week.target) {
        week.result = WeekResult::met;
    } else if (week.done == 0 && week.skipped >= week.target) {
        week.result = WeekResult::rest;
    } else if (today <= last_day) {
        week.result = WeekResult::running;
    } else {
        week.result = WeekResult::missed;
    }
    return week;
}

std::vector<WeekTally> week_history(const HabitHistory& history, const HabitConfig& config,
                                    Date today, WeekStart start) {
    std::vector<WeekTally> weeks;
    const auto first = history.first_day();
    if (!first) {
        return weeks;
    }
    const Date this_week = week_start_of(today, start);
    for (Date week = week_start_of(*first, start); week <= this_week;
         week = util::add_days(week, 7)) {
        weeks.push_back(tally_week(history, config, week, today));
    }
    return weeks;
}

std::int64_t target_sum(const HabitConfig& config, Date first_week, std::int64_t weeks) {
    std::int64_t sum = 0;
    Date week = first_week;
    for (const auto& earlier : config.earlier_targets) {
        if (weeks <= 0) {
            break;
        }
        if (week > earlier.until) {
            continue;
        }
        const std::int64_t n =
            std::min<std::int64_t>(weeks, util::days_between(week, earlier.until) / 7 + 1);
        sum += n * earlier.per_week;
        week = util::add_days(week, static_cast<int>(7 * n));
        weeks -= n;
    }
    return sum + std::max<std::int64_t>(weeks, 0) * config.per_week;
}

Streak habit_streak(const HabitHistory& history, const HabitConfig& config, Date until, Date today,
                    WeekStart start) {
    Streak streak;
    streak.daily = config.per_week == 7;
    const auto first = history.first_day();
    if (!first) {
        return streak;
    }
    const Date end = std::min(until, today);
    if (streak.daily) {
        for (Date day = end;; day = util::add_days(day, -1)) {
            if (day < *first) {
                break;
            }
            const Checkin* c = history.on(day);
            if (c == nullptr) {
                if (day == today) {
                    continue; // today is not over
                }
                break;
            }
            if (c->status == CheckinStatus::done) {
                ++streak.length;
            }
        }
        return streak;
    }
    // Each step back is a week with a check-in, or the running week, or the week that ends it:
    // a finished week with no check-in after the first one is missed.
    for (Date week = week_start_of(end, start);; week = util::add_days(week, -7)) {
        const WeekTally tally = tally_week(history, config, week, today);
        if (tally.result == WeekResult::not_started || tally.result == WeekResult::missed) {
            break;
        }
        if (tally.result == WeekResult::met) {
            ++streak.length;
        }
    }
    return streak;
}

std::optional<double> strength(const std::vector<WeekTally>& weeks) {
    double score = 0.0;
    bool judged = false;
    for (const auto& week : weeks) {
        if (week.result == WeekResult::rest || week.result == WeekResult::not_started) {
            continue;
        }
        const double moved = score + k_strength_step * (week_ratio(week) - score);
        if (week.result == WeekResult::running && moved <= score) {
            continue; // the running week may still be met: it never lowers the strength
        }
        score = moved;
        judged = true;
    }
    if (!judged) {
        return std::nullopt;
    }
    return score;
}

HabitStatus habit_status(const std::string& habit, const HabitConfig& config,
                         const std::vector<Checkin>& checkins, Date today, WeekStart start) {
    const HabitHistory history(habit, checkins);
    HabitStatus status;
    status.habit = habit;
    status.config = config;
    if (const Checkin* c = history.on(today)) {
        status.today = c->status;
    }
    const auto weeks = week_history(history, config, today, start);
    status.this_week = weeks.empty()
                           ? tally_week(history, config, week_start_of(today, start), today)
                           : weeks.back();
    const Streak streak = habit_streak(history, config, today, today, start);
    status.daily = streak.daily;
    status.streak = streak.length;
    status.strength = strength(weeks);
    return status;
}

std::string_view day_mark_name(DayMark mark) {
    switch (mark) {
    case DayMark::done:
        return "done";
    case DayMark::skip:
        return "skip";
    case DayMark::open:
        return "open";
    case DayMark::future:
        return "future";
    }
    return "open";
}

WeekGrid week_grid(const std::map<std::string, HabitConfig>& habits,
                   const std::vector<Checkin>& checkins, Date today, WeekStart start, int weeks) {
    WeekGrid grid;
    grid.weeks = std::max(1, weeks);
    grid.first_day = util::add_days(week_start_of(today, start), -7 * (grid.weeks - 1));
    for (const auto& [habit, config] : habits) {
        const HabitHistory history(habit, checkins);
        GridRow row;
        row.habit = habit;
        row.config = config;
        for (int w = 0; w < grid.weeks; ++w) {
            const Date week = util::add_days(grid.first_day, 7 * w);
            row.weeks.push_back(tally_week(history, config, week, today));
            for (int d = 0; d < 7; ++d) {
                GridDay day;
                day.date = util::add_days(week, d);
                const Checkin* c = history.on(day.date);
                if (c != nullptr) {
                    day.checkin = *c;
                    day.mark = c->status == CheckinStatus::done ? DayMark::done : DayMark::skip;
                } else {
                    day.mark = day.date > today ? DayMark::future : DayMark::open;
                }
                row.days.push_back(std::move(day));
            }
        }
        grid.rows.push_back(std::move(row));
    }
    return grid;
}

} // namespace bb
