// Tests for lib/src/core/stats_plan.cpp.
#include "bounceback/core/stats_plan.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <utility>

using bb::Date;
using bb::WeekStart;
using bb::test::day;

TEST_CASE("core::week_period") {
    SUBCASE("whole Monday weeks ending with the week of the day") {
        const auto p = bb::week_period(day("2026-11-25"), 8, WeekStart::monday);
        CHECK(bb::util::format_date(p.from) == "2026-10-05");
        CHECK(bb::util::format_date(p.to) == "2026-11-29");
        CHECK(p.week_view);
    }
    SUBCASE("Sunday weeks") {
        const auto p = bb::week_period(day("2026-11-25"), 8, WeekStart::sunday);
        CHECK(bb::util::format_date(p.from) == "2026-10-04");
        CHECK(bb::util::format_date(p.to) == "2026-11-28");
    }
    SUBCASE("a Sunday belongs to the week before with a Monday start, to its own with Sunday") {
        CHECK(bb::util::format_date(
                  bb::week_period(day("2026-11-29"), 1, WeekStart::monday).from) == "2026-11-23");
        CHECK(bb::util::format_date(
                  bb::week_period(day("2026-11-29"), 1, WeekStart::sunday).from) == "2026-11-29");
    }
    SUBCASE("at least one week, at most the maximum") {
        const auto p = bb::week_period(day("2026-11-25"), 0, WeekStart::monday);
        CHECK(bb::util::days_between(p.from, p.to) == 6);
        const auto q = bb::week_period(day("2026-11-25"), 100000, WeekStart::monday);
        CHECK(bb::util::days_between(q.from, q.to) == 7 * bb::k_max_report_weeks - 1);
    }
}

TEST_CASE("core::stats_reads") {
    SUBCASE("the week view reads look-backs before its first week") {
        const auto p = bb::week_period(day("2026-11-25"), 8, WeekStart::monday);
        const auto reads = bb::stats_reads(p, WeekStart::monday);
        for (const auto* range :
             {&reads.rejections, &reads.reflections_and_wins, &reads.checkins}) {
            CHECK(bb::util::format_date(*range->until) == "2026-11-29");
        }
        CHECK(bb::util::format_date(*reads.reflections_and_wins.since) == "2026-09-28");
        CHECK(bb::util::days_between(*reads.rejections.since, p.from) ==
              7 * bb::k_feedback_lookback_weeks);
        // Every check-in up to the end: a week's verdict and a streak depend on them all.
        CHECK_FALSE(reads.checkins.since.has_value());
    }
    SUBCASE("a range starting mid-week reads from the start of that week") {
        const auto p = bb::range_period(day("2026-11-04"), day("2026-11-25"));
        const auto reads = bb::stats_reads(p, WeekStart::monday);
        CHECK(bb::util::format_date(*reads.reflections_and_wins.since) == "2026-10-26");
        CHECK(bb::util::format_date(*reads.reflections_and_wins.until) == "2026-11-25");
    }
}

TEST_CASE("core::everything_plan") {
    const auto span = std::optional(std::pair{day("2026-03-02"), day("2026-11-20")});
    SUBCASE("from the first record to today, when the last record is older") {
        const auto plan = bb::everything_plan(std::nullopt, span, day("2026-11-25"));
        CHECK(bb::util::format_date(plan.period.from) == "2026-03-02");
        CHECK(bb::util::format_date(plan.period.to) == "2026-11-25");
        CHECK_FALSE(plan.period.week_view);
        CHECK_FALSE(plan.reads.rejections.since);
        CHECK_FALSE(plan.reads.checkins.until);
    }
    SUBCASE("to the last record when it is after today") {
        const auto later = std::optional(std::pair{day("2026-03-02"), day("2026-12-24")});
        CHECK(bb::util::format_date(
                  bb::everything_plan(std::nullopt, later, day("2026-11-25")).period.to) ==
              "2026-12-24");
    }
    SUBCASE("up to --until, reading nothing after it") {
        const auto plan = bb::everything_plan(day("2026-10-31"), span, day("2026-11-25"));
        CHECK(bb::util::format_date(plan.period.to) == "2026-10-31");
        CHECK(bb::util::format_date(*plan.reads.reflections_and_wins.until) == "2026-10-31");
    }
    SUBCASE("no records: the one last day") {
        const auto plan = bb::everything_plan(std::nullopt, std::nullopt, day("2026-11-25"));
        CHECK(plan.period.from == plan.period.to);
        CHECK(bb::util::format_date(plan.period.to) == "2026-11-25");
        const auto until = bb::everything_plan(day("2026-10-01"), std::nullopt, day("2026-11-25"));
        CHECK(bb::util::format_date(until.period.from) == "2026-10-01");
    }
    SUBCASE("--until before the first record") {
        const auto plan = bb::everything_plan(day("2026-01-01"), std::nullopt, day("2026-11-25"));
        CHECK(bb::util::format_date(plan.period.from) == "2026-01-01");
    }
}

TEST_CASE("core::range_or_everything_plan") {
    const Date today = day("2026-11-25");
    int asked = 0;
    std::optional<Date> asked_until;
    const bb::RecordSpan span = [&](std::optional<Date> until) {
        ++asked;
        asked_until = until;
        return std::optional<std::pair<Date, Date>>{{day("2026-03-02"), day("2026-11-20")}};
    };
    SUBCASE("--since: from that day to --until, or today; the records are not asked") {
        const auto plan = bb::range_or_everything_plan(day("2026-11-01"), day("2026-11-10"),
                                                       WeekStart::monday, today, span);
        CHECK(plan.period.from == day("2026-11-01"));
        CHECK(plan.period.to == day("2026-11-10"));
        CHECK_FALSE(plan.period.week_view);
        const auto to_today = bb::range_or_everything_plan(day("2026-11-01"), std::nullopt,
                                                           WeekStart::monday, today, span);
        CHECK(to_today.period.to == today);
        // A range reads with its look-back, as range_plan does.
        CHECK(to_today.reads.rejections.since ==
              bb::range_plan(day("2026-11-01"), today, WeekStart::monday).reads.rejections.since);
        CHECK(asked == 0);
    }
    SUBCASE("--all: from the first record to today") {
        const auto plan = bb::range_or_everything_plan(std::nullopt, std::nullopt,
                                                       WeekStart::monday, today, span);
        CHECK(asked == 1);
        CHECK_FALSE(asked_until);
        CHECK(plan.period.from == day("2026-03-02"));
        CHECK(plan.period.to == today);
        CHECK_FALSE(plan.reads.rejections.since); // everything, with no look-back cut
    }
    SUBCASE("--until alone: from the first record up to that day") {
        const auto plan = bb::range_or_everything_plan(std::nullopt, day("2026-10-31"),
                                                       WeekStart::monday, today, span);
        CHECK(asked == 1);
        CHECK(asked_until == day("2026-10-31"));
        CHECK(plan.period.from == day("2026-03-02"));
        CHECK(plan.period.to == day("2026-10-31"));
    }
}
