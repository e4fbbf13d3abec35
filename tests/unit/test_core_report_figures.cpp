// Tests for lib/src/core/report_figures.cpp.
#include "bounceback/core/report_figures.hpp"

#include "bounceback/core/stats.hpp"
#include "bounceback/util/date.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

using bb::AnswerSpread;
using bb::CalendarDay;
using bb::Checkin;
using bb::CheckinStatus;
using bb::Config;
using bb::Date;
using bb::Figures;
using bb::Rejection;
using bb::ReportBuilder;
using bb::ReportFigures;
using bb::Stage;
using bb::test::day;

namespace {

Figures answers(std::vector<int> days) {
    Figures f;
    std::sort(days.begin(), days.end());
    f.days_to_answer = std::move(days);
    return f;
}

int total(const AnswerSpread& spread) {
    int n = 0;
    for (const auto& bin : spread.bins) {
        n += bin.count;
    }
    return n;
}

/// A config with one habit, "run", three days a week.
Config run_config() {
    Config config;
    config.habits["run"] = bb::HabitConfig{3, ""};
    return config;
}

Checkin checkin(std::string_view date, CheckinStatus status = CheckinStatus::done) {
    Checkin c;
    c.habit = "run";
    c.date = day(date);
    c.status = status;
    return c;
}

} // namespace

TEST_CASE("core::answer_spread") {
    SUBCASE("nothing timed: no bins") {
        const AnswerSpread spread = bb::answer_spread(answers({}));
        CHECK(spread.bins.empty());
        CHECK(spread.count == 0);
        CHECK_FALSE(spread.median);
    }

    SUBCASE("one answer: one bin of one day") {
        const AnswerSpread spread = bb::answer_spread(answers({12}));
        REQUIRE(spread.bins.size() == 1);
        CHECK(spread.width == 1);
        CHECK(spread.bins[0].from == 12);
        CHECK(spread.bins[0].to == 12);
        CHECK(spread.bins[0].count == 1);
        CHECK(*spread.median == 12);
    }

    SUBCASE("a few weeks of answers: bins of a week, starting at a multiple of 7") {
        const AnswerSpread spread = bb::answer_spread(answers({3, 15, 20, 20, 45, 13}));
        CHECK(spread.width == 7);
        CHECK(spread.bins.front().from == 0);
        CHECK(spread.bins.back().to == 48);
        CHECK(spread.bins.size() == 7);
        CHECK(total(spread) == 6);
        CHECK(spread.bins[2].count == 3); // 15, 20, 20
        CHECK(*spread.median == doctest::Approx(17.5));
        for (std::size_t i = 1; i < spread.bins.size(); ++i) {
            CHECK(spread.bins[i].from == spread.bins[i - 1].to + 1);
        }
    }

    SUBCASE("years of answers and a negative one stay within the bin limit") {
        std::vector<int> days(100000);
        std::iota(days.begin(), days.end(), -3);
        const AnswerSpread spread = bb::answer_spread(answers(days));
        CHECK(static_cast<int>(spread.bins.size()) <= bb::k_answer_bins);
        CHECK(total(spread) == 100000);
        CHECK(spread.bins.front().from <= -3);
        CHECK(spread.bins.back().to >= 99996);
    }
}

TEST_CASE("core::ReportBuilder") {
    const Config config = run_config();
    const Date today = day("2026-11-25"); // a Wednesday

    SUBCASE("an empty home") {
        const auto period = bb::week_period(today, 8, config.week_start);
        ReportBuilder builder(period, config, today);
        const ReportFigures figures = builder.finish();
        CHECK_FALSE(figures.stats.any_records);
        CHECK(figures.flow.nodes.empty());
        CHECK(figures.answers.bins.empty());
        REQUIRE(figures.calendars.size() == 1);
        CHECK(figures.calendars[0].weeks == 8);
        for (CalendarDay d : figures.calendars[0].days) {
            CHECK(d == CalendarDay::before); // nothing held against a habit never started
        }
    }

    SUBCASE("the figures are those of stats, with the flow of the rejections in range") {
        const auto period = bb::range_period(day("2026-10-01"), today);
        std::vector<Rejection> rejections;
        for (int i = 0; i < 5; ++i) {
            Rejection r;
            r.id = i + 1;
            r.company = "Company";
            r.date = day(i < 4 ? "2026-11-10" : "2026-09-01"); // the last one is before the range
            r.stage = i < 2 ? Stage::application : Stage::technical;
            r.applied = day("2026-10-27");
            rejections.push_back(r);
        }
        ReportBuilder builder(period, config, today);
        bb::StatsInput input;
        for (const auto& r : rejections) {
            builder.add(r);
            input.rejections.push_back(r);
        }
        const ReportFigures figures = builder.finish();
        const bb::Stats stats = bb::compute_stats(period, input, config, today);
        CHECK(figures.flow.total == 4);
        CHECK(figures.stats.total.rejections.total() == stats.total.rejections.total());
        CHECK(figures.stats.signals.size() == stats.signals.size());
        CHECK(figures.answers.count == 4);
        CHECK(*figures.answers.median == 14);
    }

    SUBCASE("a habit's days: done, rest, open, future, and before its first check-in") {
        const auto period = bb::week_period(today, 2, config.week_start); // 2026-11-16 to 11-29
        ReportBuilder builder(period, config, today);
        builder.add(checkin("2026-11-18"));
        builder.add(checkin("2026-11-20", CheckinStatus::skip));
        builder.add(checkin("2026-11-27", CheckinStatus::skip)); // a rest day planned ahead
        builder.add(checkin("2025-01-01"));                      // long before: not shown
        const ReportFigures figures = builder.finish();
        REQUIRE(figures.calendars.size() == 1);
        const bb::HabitCalendar& c = figures.calendars[0];
        CHECK(c.first_day == day("2026-11-16"));
        CHECK(c.weeks == 2);
        CHECK(c.days.size() == 14);
        CHECK(c.on(day("2026-11-16")) == CalendarDay::open); // started long before
        CHECK(c.on(day("2026-11-18")) == CalendarDay::done);
        CHECK(c.on(day("2026-11-20")) == CalendarDay::rest);
        CHECK(c.on(day("2026-11-25")) == CalendarDay::open);
        CHECK(c.on(day("2026-11-26")) == CalendarDay::future);
        CHECK(c.on(day("2026-11-27")) == CalendarDay::rest);
        CHECK(c.on(day("2026-11-30")) == CalendarDay::outside);
        CHECK(c.on(day("2026-11-15")) == CalendarDay::outside);
    }

    SUBCASE("days before the first check-in, and outside a range cut short") {
        const auto period = bb::range_period(day("2026-11-18"), today);
        ReportBuilder builder(period, config, today);
        builder.add(checkin("2026-11-20"));
        const ReportFigures figures = builder.finish();
        const bb::HabitCalendar& c = figures.calendars[0];
        CHECK(c.first_day == day("2026-11-16"));
        CHECK(c.on(day("2026-11-17")) == CalendarDay::outside);
        CHECK(c.on(day("2026-11-19")) == CalendarDay::before);
        CHECK(c.on(day("2026-11-20")) == CalendarDay::done);
        CHECK(c.on(day("2026-11-23")) == CalendarDay::open);
        CHECK(c.on(day("2026-11-26")) == CalendarDay::outside); // after the range's end
    }

    SUBCASE("ten years keep at most a year of days per habit") {
        const auto period = bb::range_period(day("2016-11-28"), today);
        ReportBuilder builder(period, config, today);
        for (Date d = period.from; d <= today;
             d = Date{std::chrono::sys_days{d} + std::chrono::days{2}}) {
            builder.add(checkin(bb::util::format_date(d)));
        }
        const ReportFigures figures = builder.finish();
        CHECK(figures.stats.weeks.size() > 500);
        CHECK(figures.calendars[0].weeks == bb::k_calendar_weeks);
        CHECK(figures.calendars[0].days.size() == 7 * bb::k_calendar_weeks);
    }
}
