#pragma once
// Records, configs and reports shared by the tests of core/stats, core/signals and
// core/stats_output: a few days around k_today, and ways to look a report up.

#include "bounceback/core/stats.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bb::test::stats_fixtures {

using bb::Checkin;
using bb::CheckinStatus;
using bb::Config;
using bb::Date;
using bb::Reflection;
using bb::Rejection;
using bb::Stage;
using bb::Stats;
using bb::StatsInput;
using bb::WeekResult;
using bb::WeekStart;
using bb::Win;
using bb::test::error_from;

// Today in most tests: Wednesday of 2026-W48 (Monday 2026-11-23 to Sunday 2026-11-29).
inline constexpr std::string_view k_today = "2026-11-25";

using bb::test::day;

inline Rejection rejection(std::int64_t id, std::string_view date,
                           std::optional<Stage> stage = {}) {
    Rejection r;
    r.id = id;
    r.company = "Company " + std::to_string(id);
    r.date = day(date);
    r.stage = stage;
    return r;
}

inline Win win(std::int64_t id, std::string_view date, std::string text) {
    return Win{id, day(date), std::move(text)};
}

inline Reflection reflection(std::int64_t id, std::string_view date, std::optional<int> mood = {},
                             std::vector<std::string> improve = {}) {
    Reflection r;
    r.id = id;
    r.date = day(date);
    r.mood = mood;
    r.improve = std::move(improve);
    return r;
}

inline Checkin checkin(std::string habit, std::string_view date,
                       CheckinStatus status = CheckinStatus::done) {
    Checkin c;
    c.habit = std::move(habit);
    c.date = day(date);
    c.status = status;
    return c;
}

/// A config with one habit, "run", three days a week (so the default habits stay out).
inline Config run_config(WeekStart start = WeekStart::monday) {
    Config config;
    config.week_start = start;
    config.habits["run"] = bb::HabitConfig{3, ""};
    return config;
}

/// The week view of `weeks` weeks ending with the week holding `anchor`.
inline Stats week_view(const StatsInput& input, std::string_view anchor = k_today, int weeks = 8,
                       const Config& config = run_config(), std::string_view today = k_today) {
    return bb::compute_stats(bb::week_period(day(anchor), weeks, config.week_start), input, config,
                             day(today));
}

/// The range view from `since` to `until`.
inline Stats range_view(const StatsInput& input, std::string_view since, std::string_view until,
                        const Config& config = run_config(), std::string_view today = k_today) {
    return bb::compute_stats(bb::range_period(day(since), day(until)), input, config, day(today));
}

inline const bb::WeekStats& week_of(const Stats& stats, std::string_view label) {
    for (const auto& week : stats.weeks) {
        if (week.label == label) {
            return week;
        }
    }
    throw std::invalid_argument("no week " + std::string(label));
}

inline std::vector<std::string> labels(const Stats& stats) {
    std::vector<std::string> out;
    for (const auto& week : stats.weeks) {
        out.push_back(week.label);
    }
    return out;
}

inline const bb::Signal* signal(const Stats& stats, std::string_view id) {
    for (const auto& s : stats.signals) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

inline std::vector<std::string> signal_ids(const Stats& stats) {
    std::vector<std::string> out;
    for (const auto& s : stats.signals) {
        out.push_back(s.id);
    }
    return out;
}

inline const bb::HabitWeek& habit_week(const bb::WeekStats& week, std::string_view habit) {
    for (const auto& hw : week.routine) {
        if (hw.habit == habit) {
            return hw;
        }
    }
    throw std::invalid_argument("no habit " + std::string(habit));
}

/// Done check-ins of `habit` on each of `days`.
inline std::vector<Checkin> done_on(std::string habit,
                                    std::initializer_list<std::string_view> days) {
    std::vector<Checkin> out;
    for (auto d : days) {
        out.push_back(checkin(habit, d));
    }
    return out;
}

inline void append(std::vector<Checkin>& to, const std::vector<Checkin>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

/// `n` rejections from `source`, at `stage`, dated inside the 8 weeks before k_today.
inline void add_from(StatsInput& input, int n, const std::string& source, Stage stage) {
    for (int i = 0; i < n; ++i) {
        Rejection r = rejection(static_cast<std::int64_t>(input.rejections.size() + 1),
                                "2026-11-1" + std::to_string(i % 9));
        r.stage = stage;
        r.source = source;
        input.rejections.push_back(r);
    }
}

} // namespace bb::test::stats_fixtures
