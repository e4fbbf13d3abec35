// Tests for lib/src/core/stats.cpp.
#include "bounceback/core/stats.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/stats_output.hpp"
#include "bounceback/util/text.hpp"
#include "stats_fixtures.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace bb::test::stats_fixtures;

TEST_CASE("core::week_label") {
    SUBCASE("Monday weeks are named by their first day") {
        CHECK(bb::week_label(day("2026-11-23"), WeekStart::monday) == "2026-W48");
        CHECK(bb::week_label(day("2026-12-28"), WeekStart::monday) == "2026-W53");
        CHECK(bb::week_label(day("2027-01-04"), WeekStart::monday) == "2027-W01");
        CHECK(bb::week_label(day("2025-12-29"), WeekStart::monday) == "2026-W01");
    }
    SUBCASE("Sunday weeks are named by the Monday after their first day") {
        CHECK(bb::week_label(day("2026-11-22"), WeekStart::sunday) == "2026-W48");
        CHECK(bb::week_label(day("2026-12-27"), WeekStart::sunday) == "2026-W53");
        CHECK(bb::week_label(day("2027-01-03"), WeekStart::sunday) == "2027-W01");
    }
}


TEST_CASE("core::compute_stats weeks") {
    SUBCASE("empty weeks: every week is there, with zeros, and nothing to signal") {
        const Stats stats = week_view({});
        CHECK(labels(stats) == std::vector<std::string>{"2026-W41", "2026-W42", "2026-W43",
                                                        "2026-W44", "2026-W45", "2026-W46",
                                                        "2026-W47", "2026-W48"});
        for (const auto& week : stats.weeks) {
            CHECK(week.figures.rejections.total() == 0);
            CHECK(week.change == 0);
            CHECK(week.whole);
            CHECK(week.figures.wins.empty());
            CHECK_FALSE(week.figures.mood().has_value());
            CHECK_FALSE(week.figures.response_rate().has_value());
            CHECK_FALSE(week.figures.median_days_to_answer().has_value());
        }
        CHECK_FALSE(stats.any_records);
        CHECK(stats.signals.empty());
        CHECK(stats.follow_ups_due.empty());
        REQUIRE(stats.previous.has_value());
        CHECK(bb::util::format_date(stats.focus.from) == "2026-11-23");
        CHECK(bb::util::format_date(stats.previous->from) == "2026-11-16");
    }
    SUBCASE("by stage, with unknown for no stage, and the change against the week before") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-16", Stage::application),
                            rejection(2, "2026-11-18", Stage::application),
                            rejection(3, "2026-11-23", Stage::screen), rejection(4, "2026-11-24"),
                            rejection(5, "2026-11-27", Stage::offer)};
        const Stats stats = week_view(input);
        const auto& w47 = week_of(stats, "2026-W47");
        const auto& w48 = week_of(stats, "2026-W48");
        CHECK(w47.figures.rejections.at(Stage::application) == 2);
        CHECK(w47.figures.rejections.total() == 2);
        CHECK(w47.change == 2);
        CHECK(w48.figures.rejections.at(Stage::screen) == 1);
        CHECK(w48.figures.rejections.at(Stage::offer) == 1);
        CHECK(w48.figures.rejections.unknown == 1);
        CHECK(w48.figures.rejections.total() == 3);
        CHECK(w48.change == 1);
        CHECK(stats.focus.rejections.total() == 3);
        CHECK(stats.previous->rejections.total() == 2);
        CHECK(stats.total.rejections.total() == 5);
    }
    SUBCASE("the first week's change counts the week before the range") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-17"), rejection(2, "2026-11-18"),
                            rejection(3, "2026-11-24")};
        const Stats stats = week_view(input, k_today, 1);
        REQUIRE(stats.weeks.size() == 1);
        CHECK(stats.weeks[0].change == -1);
        CHECK(stats.previous->rejections.total() == 2);
        CHECK(stats.total.rejections.total() == 1);
    }
    SUBCASE("week boundaries: Sunday ends a Monday week") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-22"), rejection(2, "2026-11-23"),
                            rejection(3, "2026-11-29")};
        const Stats stats = week_view(input);
        CHECK(week_of(stats, "2026-W47").figures.rejections.total() == 1);
        CHECK(week_of(stats, "2026-W48").figures.rejections.total() == 2);
    }
    SUBCASE("week start Sunday: Sunday begins the week, labelled by the Monday after") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-21"), rejection(2, "2026-11-22"),
                            rejection(3, "2026-11-28"), rejection(4, "2026-11-29")};
        const Stats stats = week_view(input, k_today, 2, run_config(WeekStart::sunday));
        CHECK(labels(stats) == std::vector<std::string>{"2026-W47", "2026-W48"});
        CHECK(bb::util::format_date(stats.weeks[1].first_day) == "2026-11-22");
        CHECK(bb::util::format_date(stats.weeks[1].last_day) == "2026-11-28");
        CHECK(stats.weeks[0].figures.rejections.total() == 1);
        CHECK(stats.weeks[1].figures.rejections.total() == 2);
        CHECK(stats.total.rejections.total() == 3); // the 29th is in the next week
    }
    SUBCASE("across years: 2026-W53 holds New Year's Day 2027, 2027-W01 follows") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-12-31"), rejection(2, "2027-01-01"),
                            rejection(3, "2027-01-03"), rejection(4, "2027-01-04")};
        const Stats stats = week_view(input, "2027-01-06", 3, run_config(), "2027-01-06");
        CHECK(labels(stats) == std::vector<std::string>{"2026-W52", "2026-W53", "2027-W01"});
        CHECK(week_of(stats, "2026-W53").figures.rejections.total() == 3);
        CHECK(week_of(stats, "2027-W01").figures.rejections.total() == 1);
        CHECK(week_of(stats, "2027-W01").change == -2);
    }
    SUBCASE("across years with Sunday weeks") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-12-27"), rejection(2, "2027-01-02"),
                            rejection(3, "2027-01-03")};
        const Stats stats =
            week_view(input, "2027-01-06", 2, run_config(WeekStart::sunday), "2027-01-06");
        CHECK(labels(stats) == std::vector<std::string>{"2026-W53", "2027-W01"});
        CHECK(stats.weeks[0].figures.rejections.total() == 2);
        CHECK(stats.weeks[1].figures.rejections.total() == 1);
    }
}

TEST_CASE("core::compute_stats range view") {
    StatsInput input;
    input.rejections = {rejection(1, "2026-11-03"), rejection(2, "2026-11-04"),
                        rejection(3, "2026-11-10"), rejection(4, "2026-11-17"),
                        rejection(5, "2026-11-18"), rejection(6, "2026-11-26")};
    const Stats stats = range_view(input, "2026-11-04", "2026-11-25");
    CHECK(labels(stats) ==
          std::vector<std::string>{"2026-W45", "2026-W46", "2026-W47", "2026-W48"});
    SUBCASE("weeks cut short at either end count only the days inside") {
        const auto& first = stats.weeks.front();
        CHECK_FALSE(first.whole);
        CHECK(bb::util::format_date(first.figures.from) == "2026-11-04");
        CHECK(first.figures.rejections.total() == 1);
        const auto& last = stats.weeks.back();
        CHECK_FALSE(last.whole);
        CHECK(bb::util::format_date(last.figures.to) == "2026-11-25");
        CHECK(last.figures.rejections.total() == 0);
    }
    SUBCASE("change only between two whole weeks") {
        CHECK_FALSE(stats.weeks[0].change.has_value());
        CHECK_FALSE(stats.weeks[1].change.has_value()); // the week before was cut short
        CHECK(stats.weeks[2].change == 1);
        CHECK_FALSE(stats.weeks[3].change.has_value());
    }
    SUBCASE("the focus is the whole range") {
        CHECK(stats.total.rejections.total() == 4);
        CHECK(stats.focus.rejections.total() == 4);
        CHECK_FALSE(stats.previous.has_value());
        CHECK_FALSE(stats.period.week_view);
    }
}

TEST_CASE("core::compute_stats feedback") {
    Rejection old = rejection(1, "2026-09-01"); // before the range: read as look-back
    old.feedback.requested = day("2026-11-17");
    old.feedback.received = day("2026-11-24");
    Rejection waiting = rejection(2, "2026-11-09");
    waiting.feedback.requested = day("2026-11-10");
    Rejection recent = rejection(3, "2026-11-19");
    recent.feedback.requested = day("2026-11-20");
    Rejection unasked = rejection(4, "2026-11-23");
    StatsInput input;
    input.rejections = {old, waiting, recent, unasked};

    SUBCASE("requests and answers count in the weeks they happened") {
        const Stats stats = week_view(input);
        const auto& w46 = week_of(stats, "2026-W46");
        const auto& w47 = week_of(stats, "2026-W47");
        const auto& w48 = week_of(stats, "2026-W48");
        CHECK(w46.figures.feedback_requested == 1);
        CHECK(w46.figures.requests_answered == 0);
        CHECK(w46.figures.response_rate() == 0.0);
        CHECK(w47.figures.feedback_requested == 2);
        CHECK(w47.figures.requests_answered == 1);
        CHECK(w47.figures.response_rate() == 0.5);
        CHECK(w47.figures.feedback_received == 0);
        CHECK(w48.figures.feedback_received == 1);
        CHECK(w48.figures.feedback_requested == 0);
        CHECK(stats.total.feedback_requested == 3);
        CHECK(stats.total.feedback_received == 1);
        // The old rejection counts for its feedback, not as a rejection of the range.
        CHECK(stats.total.rejections.total() == 3);
    }
    SUBCASE("follow-ups due after follow_up_days, oldest request first") {
        const Stats stats = week_view(input);
        REQUIRE(stats.follow_ups_due.size() == 1);
        CHECK(stats.follow_ups_due[0].id == 2);
        Config config = run_config();
        config.follow_up_days = 3;
        const Stats sooner = week_view(input, k_today, 8, config);
        REQUIRE(sooner.follow_ups_due.size() == 2);
        CHECK(sooner.follow_ups_due[0].id == 2);
        CHECK(sooner.follow_ups_due[1].id == 3);
    }
}

TEST_CASE("core::compute_stats answers, reflections, mood and wins") {
    SUBCASE("median days from application to answer, where applied is known") {
        StatsInput input;
        for (auto [id, applied, date] :
             {std::tuple{1, "2026-11-01", "2026-11-23"}, std::tuple{2, "2026-11-14", "2026-11-24"},
              std::tuple{3, "2026-10-26", "2026-11-25"}}) {
            Rejection r = rejection(id, date);
            r.applied = day(applied);
            input.rejections.push_back(r);
        }
        input.rejections.push_back(rejection(4, "2026-11-25"));
        const Stats odd = week_view(input);
        CHECK(odd.focus.days_to_answer == std::vector<int>{10, 22, 30});
        CHECK(odd.focus.median_days_to_answer() == 22.0);
        input.rejections.erase(input.rejections.begin() + 1);
        const Stats even = week_view(input);
        CHECK(even.focus.median_days_to_answer() == 26.0);
        CHECK_FALSE(week_of(even, "2026-W47").figures.median_days_to_answer().has_value());
    }
    SUBCASE("mood averages reflections' mood and rejections' feeling") {
        StatsInput input;
        Rejection r = rejection(1, "2026-11-24");
        r.feeling = 4;
        input.rejections = {r};
        input.reflections = {reflection(1, "2026-11-23", 2), reflection(2, "2026-11-25"),
                             reflection(3, "2026-11-16", 5)};
        const Stats stats = week_view(input);
        CHECK(stats.focus.reflections == 2);
        CHECK(stats.focus.mood() == 3.0);
        CHECK(week_of(stats, "2026-W47").figures.mood() == 5.0);
        CHECK(stats.total.reflections == 3);
    }
    SUBCASE("wins are listed by date, each in its own week") {
        StatsInput input;
        input.wins = {win(3, "2026-11-24", "Sent three tailored applications"),
                      win(1, "2026-11-23", "Finished the take-home"),
                      win(2, "2026-11-16", "Called a friend")};
        const Stats stats = week_view(input);
        REQUIRE(stats.focus.wins.size() == 2);
        CHECK(stats.focus.wins[0].text == "Finished the take-home");
        CHECK(stats.focus.wins[1].text == "Sent three tailored applications");
        CHECK(week_of(stats, "2026-W47").figures.wins.size() == 1);
        CHECK(stats.total.wins.size() == 3);
    }
}

TEST_CASE("core::compute_stats routine") {
    std::vector<Checkin> checkins;
    append(checkins, done_on("run", {"2026-11-09", "2026-11-11", "2026-11-13"})); // W46 met
    append(checkins, done_on("run", {"2026-11-16", "2026-11-18", "2026-11-20"})); // W47 met
    append(checkins, done_on("run", {"2026-11-23"}));                             // W48 running
    StatsInput input;
    input.checkins = checkins;

    SUBCASE("each habit's count against its target, per week") {
        const Stats stats = week_view(input);
        const auto& w47 = habit_week(week_of(stats, "2026-W47"), "run");
        CHECK(w47.tally.done == 3);
        CHECK(w47.tally.target == 3);
        CHECK(w47.tally.result == WeekResult::met);
        const auto& w48 = habit_week(week_of(stats, "2026-W48"), "run");
        CHECK(w48.tally.done == 1);
        CHECK(w48.tally.result == WeekResult::running);
        CHECK(habit_week(week_of(stats, "2026-W45"), "run").tally.result ==
              WeekResult::not_started);
    }
    SUBCASE("the summary covers the focus week; the streak counts met weeks") {
        const Stats stats = week_view(input);
        REQUIRE(stats.routine.size() == 1);
        const auto& run = stats.routine[0];
        CHECK(run.habit == "run");
        CHECK(run.done == 1);
        CHECK(run.target == 3);
        CHECK(run.last == WeekResult::running);
        CHECK(run.streak == 2);
        CHECK_FALSE(run.daily);
    }
    SUBCASE("a past week is judged finished, and later check-ins do not count") {
        const Stats stats = week_view(input, "2026-11-18", 2);
        const auto& run = stats.routine[0];
        CHECK(run.last == WeekResult::met);
        CHECK(run.streak == 2);
        std::vector<Checkin> short_week =
            done_on("run", {"2026-11-09", "2026-11-11", "2026-11-13", "2026-11-16"});
        StatsInput missed;
        missed.checkins = short_week;
        const Stats past = week_view(missed, "2026-11-18", 2);
        CHECK(past.routine[0].last == WeekResult::missed);
        CHECK(past.routine[0].streak == 0);
        CHECK(past.routine[0].weeks_missed == 1);
    }
    SUBCASE("a streak longer than any look-back is counted whole") {
        // Met every week (Monday, Wednesday, Friday) for the 70 weeks before this one.
        StatsInput long_run;
        for (int w = 70; w >= 1; --w) {
            for (int d : {0, 2, 4}) {
                long_run.checkins.push_back(checkin(
                    "run", bb::util::format_date(Date{std::chrono::sys_days{day("2026-11-23")} +
                                                      std::chrono::days{-7 * w + d}})));
            }
        }
        CHECK(week_view(long_run).routine[0].streak == 70);
        CHECK(range_view(long_run, "2026-11-01", "2026-11-25").routine[0].streak == 70);
    }
    SUBCASE("a range sums targets since the habit started and counts weeks met") {
        const Stats stats = range_view(input, "2026-11-02", "2026-11-22");
        const auto& run = stats.routine[0];
        CHECK(run.done == 6);
        CHECK(run.target == 6); // W45 does not count: the habit had not started
        CHECK(run.weeks_met == 2);
        CHECK(run.weeks_missed == 0);
    }
    SUBCASE("a daily habit counts its streak in days") {
        Config config;
        config.habits["stretch"] = bb::HabitConfig{7, ""};
        StatsInput daily;
        daily.checkins =
            done_on("stretch", {"2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"});
        const Stats stats = week_view(daily, k_today, 8, config);
        CHECK(stats.routine[0].daily);
        CHECK(stats.routine[0].streak == 4);
    }
    SUBCASE("with no habits in config, the default habits are counted") {
        const Stats stats = week_view(input, k_today, 8, Config{});
        std::vector<std::string> names;
        for (const auto& h : stats.routine) {
            names.push_back(h.habit);
        }
        CHECK(names == std::vector<std::string>{"connect", "exercise", "hobby", "mindfulness"});
        CHECK(stats.weeks.back().routine.size() == 4);
    }
}

TEST_CASE("core::compute_stats themes") {
    StatsInput input;
    input.reflections = {reflection(1, "2026-11-10", 3, {"system design practice"}),
                         reflection(2, "2026-11-20", 3, {"more system design"}),
                         reflection(3, "2026-06-01", 3, {"salary negotiation"}),
                         reflection(4, "2026-06-02", 3, {"salary negotiation"})};
    const Stats stats = week_view(input);
    REQUIRE_FALSE(stats.themes.improve.empty());
    CHECK(stats.themes.improve[0].text == "system design");
    CHECK(stats.themes.improve[0].count == 2);
    for (const auto& theme : stats.themes.improve) {
        CHECK(theme.text != "salary negotiation"); // outside the range
    }
}


TEST_CASE("core::trend") {
    const Stats stats = week_view({}, k_today, 8);
    CHECK(bb::trend(stats, 3).size() == 3);
    CHECK(bb::trend(stats, 3).back().label == "2026-W48");
    CHECK(bb::trend(stats, 3).front().label == "2026-W46");
    CHECK(bb::trend(stats, 20).size() == 8);
    CHECK(bb::trend(stats, 0).empty());
}


TEST_CASE("core: a report's size follows the records, not the calendar") {
    StatsInput input;
    input.rejections = {rejection(1, "1900-01-03"), rejection(2, "9999-12-30")};
    const Stats stats = range_view(input, "1900-01-01", "9999-12-31");
    SUBCASE("empty stretches are folded; the ends and this week are listed") {
        CHECK(stats.week_count ==
              bb::util::days_between(day("1900-01-01"), day("9999-12-27")) / 7 + 1);
        CHECK(labels(stats) == std::vector<std::string>{"1900-W01", "2026-W48", "9999-W52"});
        CHECK(stats.weeks[0].folded_before == 0);
        int listed_and_folded = 0;
        for (const auto& week : stats.weeks) {
            listed_and_folded += 1 + week.folded_before;
        }
        CHECK(listed_and_folded == stats.week_count);
        CHECK(stats.total.rejections.total() == 2);
        // The last day of the calendar is the last day of the report.
        CHECK(stats.weeks.back().last_day == day("9999-12-31"));
        CHECK(stats.weeks.back().figures.to == day("9999-12-31"));
    }
    SUBCASE("the week after a fold is compared with an empty week") {
        REQUIRE(stats.weeks[2].change.has_value() == false); // cut short by the range's end
        REQUIRE(stats.weeks[1].change.has_value());
        CHECK(*stats.weeks[1].change == 0);
    }
    SUBCASE("JSON and CSV hold the listed weeks and say how many were folded") {
        const toml::table json = bb::stats_to_toml(stats);
        const auto* weeks = json["weeks"].as_array();
        REQUIRE(weeks != nullptr);
        CHECK(weeks->size() == 3);
        CHECK_FALSE((*weeks)[0].as_table()->contains("folded_before"));
        CHECK((*weeks)[1].as_table()->get("folded_before")->value<std::int64_t>() ==
              stats.weeks[1].folded_before);
        const auto lines = bb::util::split_lines(bb::stats_to_csv(stats));
        CHECK(lines.size() == 4);
        // folded_before, then feedback_followed_up (0 here).
        CHECK(lines[3].ends_with("," + std::to_string(stats.weeks[2].folded_before) + ",0"));
    }
    SUBCASE("short quiet runs are listed week by week") {
        StatsInput close;
        close.rejections = {rejection(1, "2026-10-05"),
                            rejection(2, "2026-11-23")}; // 6 quiet weeks between
        const Stats near = range_view(close, "2026-10-05", "2026-11-25");
        CHECK(near.weeks.size() == 8);
        CHECK(near.week_count == 8);
        for (const auto& week : near.weeks) {
            CHECK(week.folded_before == 0);
        }
    }
    SUBCASE("the trend shows the last weeks of the calendar, folds clipped to it") {
        const auto shown = bb::trend(stats, 8);
        REQUIRE(shown.size() == 1);
        CHECK(shown.front().label == "9999-W52");
        CHECK(bb::trend_folded_before(stats, 8) == 7);
        CHECK(bb::trend(stats, 0).empty());
    }
    SUBCASE("a habit's weeks in a fold are missed ones, counted without listing them") {
        StatsInput with_run = input;
        with_run.checkins = {checkin("run", "2026-01-05"), checkin("run", "2026-11-23")};
        const Stats run = range_view(with_run, "2025-01-06", "2026-11-29");
        // Listed: 2025-W02 (first), 2026-W02 (a check-in), 2026-W48 (today, a check-in).
        CHECK(labels(run) == std::vector<std::string>{"2025-W02", "2026-W02", "2026-W48"});
        REQUIRE(run.routine.size() == 1);
        const bb::HabitSummary& h = run.routine[0];
        CHECK(h.done == 2);
        CHECK(h.weeks_met == 0);
        // Week 2026-W02 (1 of a target of 3 from Monday: missed) and the 45 weeks after it
        // before this one; this week is running.
        CHECK(h.weeks_missed == 1 + 45);
        CHECK(h.target == 3 * (1 + 45 + 1));
        CHECK(h.last == WeekResult::running);
    }
}


namespace {

Date add_days(Date date, int count) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{count}};
}

/// Two years of every kind of record, in date-then-ID order as the store reads them, with the
/// corners the report must get right whatever the order: tags spelt two ways, feedback on
/// older rejections, follow-ups asked the same day, check-ins of a habit not in effect.
StatsInput two_years() {
    StatsInput input;
    unsigned seed = 7;
    auto next = [&seed](unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    const Date first = day("2024-11-25");
    const char* tags[] = {"Remote", "remote", "fintech", "Fintech", "design"};
    const char* areas[] = {"system design", "communication", "testing"};
    for (std::int64_t id = 1; id <= 700; ++id) {
        Rejection r = rejection(id, bb::util::format_date(add_days(first, next(730))),
                                static_cast<Stage>(next(6)));
        if (next(5) == 0) {
            r.stage.reset();
        }
        r.applied = add_days(r.date, -static_cast<int>(next(60)));
        r.tags = {tags[next(5)]};
        if (next(3) == 0) {
            r.tags.push_back(tags[next(5)]);
        }
        r.feeling = static_cast<int>(next(5)) + 1;
        if (next(3) == 0) {
            r.feedback.requested = add_days(r.date, static_cast<int>(next(4)));
            if (next(2) == 0) {
                r.feedback.received = add_days(*r.feedback.requested, 9);
                r.feedback.areas = {areas[next(3)]};
            }
        }
        input.rejections.push_back(r);
    }
    for (std::int64_t id = 1; id <= 200; ++id) {
        input.reflections.push_back(
            reflection(id, bb::util::format_date(add_days(first, next(730))),
                       static_cast<int>(next(5)) + 1, {next(2) ? "mock interviews" : "networking"}));
    }
    for (std::int64_t id = 1; id <= 40; ++id) {
        input.wins.push_back(win(id, bb::util::format_date(add_days(first, next(730))),
                                 "win " + std::to_string(id)));
    }
    for (int d = 0; d < 730; d += 2) {
        const std::string date = bb::util::format_date(add_days(first, d));
        input.checkins.push_back(checkin("run", date));
        input.checkins.push_back(checkin("knit", date)); // not in effect
    }
    auto by_date = [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    };
    std::sort(input.rejections.begin(), input.rejections.end(), by_date);
    std::sort(input.reflections.begin(), input.reflections.end(), by_date);
    std::sort(input.wins.begin(), input.wins.end(), by_date);
    return input;
}

template <typename Record> std::vector<Record> shuffled(std::vector<Record> records) {
    std::reverse(records.begin(), records.end());
    for (std::size_t i = 1; i < records.size(); i += 3) {
        std::swap(records[i], records[i / 2]);
    }
    return records;
}

} // namespace

TEST_CASE("core::StatsBuilder") {
    const StatsInput input = two_years();
    const Config config = run_config();
    const auto period = bb::range_period(day("2024-11-25"), day("2026-11-25"));
    const Stats sorted = bb::compute_stats(period, input, config, day(k_today));

    SUBCASE("records in any order, kinds interleaved, make the same report") {
        bb::StatsBuilder builder(period, config, day(k_today));
        const auto rejections = shuffled(input.rejections);
        const auto reflections = shuffled(input.reflections);
        const auto checkins = shuffled(input.checkins);
        for (std::size_t i = 0; i < rejections.size(); ++i) {
            builder.add(rejections[i]);
            if (i < reflections.size()) {
                builder.add(reflections[i]);
            }
            if (i < checkins.size()) {
                builder.add(checkins[i]);
            }
            if (i < input.wins.size()) {
                builder.add(input.wins[input.wins.size() - 1 - i]);
            }
        }
        for (std::size_t i = rejections.size(); i < checkins.size(); ++i) {
            builder.add(checkins[i]);
        }
        const Stats any_order = builder.finish();
        CHECK(bb::to_json(bb::stats_to_toml(any_order)) == bb::to_json(bb::stats_to_toml(sorted)));
        CHECK(bb::stats_to_csv(any_order) == bb::stats_to_csv(sorted));
        CHECK(any_order.signals.size() == sorted.signals.size());
    }
    SUBCASE("the figures are those of the records") {
        std::vector<int> days;
        int answered = 0;
        for (const auto& r : input.rejections) {
            days.push_back(bb::util::days_between(*r.applied, r.date));
            answered += r.feedback.received ? 1 : 0;
        }
        std::sort(days.begin(), days.end());
        CHECK(sorted.total.rejections.total() == 700);
        CHECK(sorted.total.days_to_answer == days); // counted, not compared: same order
        CHECK(sorted.total.requests_answered == answered);
        CHECK(sorted.routine.size() == 1); // "knit" is not a habit in effect
        CHECK(sorted.follow_ups_due.size() > 1);
        CHECK(std::is_sorted(sorted.follow_ups_due.begin(), sorted.follow_ups_due.end(),
                             [](const bb::FollowUp& a, const bb::FollowUp& b) {
                                 return a.requested < b.requested;
                             }));
    }
    SUBCASE("a tag is named as the earliest rejection carrying it spelt it, in any order") {
        StatsInput tagged;
        for (std::int64_t id = 1; id <= 5; ++id) {
            Rejection r = rejection(id, "2026-11-2" + std::to_string(id + 2));
            r.tags = {id == 2 ? "FinTech" : "fintech"};
            tagged.rejections.push_back(r);
        }
        tagged.rejections[0].date = day("2026-11-26"); // ID 1 is now the latest
        const auto week = bb::week_period(day(k_today), 1, config.week_start);
        for (const auto& order : {tagged.rejections, shuffled(tagged.rejections)}) {
            bb::StatsBuilder builder(week, config, day(k_today));
            for (const auto& r : order) {
                builder.add(r);
            }
            const Stats stats = builder.finish();
            const auto* widen = signal(stats, "widen-search");
            REQUIRE(widen);
            BB_CHECK_CONTAINS(widen->message, "5 of the 5 rejections this week are tagged 'FinTech'");
        }
    }
    SUBCASE("days spread too wide to count are sorted all the same") {
        StatsInput wide;
        for (std::int64_t id = 1; id <= 100; ++id) {
            Rejection r = rejection(id, "2026-11-24");
            r.applied = add_days(r.date, -static_cast<int>((id * 7919) % 3000));
            wide.rejections.push_back(r);
        }
        const Stats stats = week_view(wide);
        CHECK(stats.total.days_to_answer.size() == 100);
        std::vector<int> expected;
        for (const auto& r : wide.rejections) {
            expected.push_back(bb::util::days_between(*r.applied, r.date));
        }
        std::sort(expected.begin(), expected.end());
        CHECK(stats.total.days_to_answer == expected);
    }
}

namespace {

/// A random home for the property test below: habits with targets (some changed over time),
/// check-ins with gaps short and long, rest days (some planned after today), a week start and a
/// today.
struct RandomHome {
    WeekStart start = WeekStart::monday;
    Date today;
    std::map<std::string, bb::HabitConfig> habits;
    std::vector<Checkin> checkins; ///< by day, then habit

    explicit RandomHome(unsigned seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int low, int high) {
            return std::uniform_int_distribution<int>(low, high)(rng);
        };
        auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
        auto plus = [](Date d, int n) {
            return Date{std::chrono::sys_days{d} + std::chrono::days{n}};
        };
        start = chance(0.5) ? WeekStart::monday : WeekStart::sunday;
        today = plus(day("2025-01-01"), pick(0, 3 * 365));
        const int habit_count = pick(1, 3);
        for (int h = 0; h < habit_count; ++h) {
            bb::HabitConfig habit{pick(1, 7), ""};
            // Changes of target, oldest first, each from the week it was made in.
            std::vector<int> changes;
            for (int c = pick(0, 3); c > 0; --c) {
                changes.push_back(pick(0, 500));
            }
            std::sort(changes.rbegin(), changes.rend());
            for (int ago : changes) {
                habit =
                    bb::with_target(habit, pick(1, 7), bb::week_start_of(plus(today, -ago), start));
            }
            const std::string name = "h" + std::to_string(h);
            habits[name] = habit;
            // Days from a random start to a little after today; long and short gaps.
            const double density = std::vector<double>{0.1, 0.45, 0.9}[pick(0, 2)];
            Date day_ = plus(today, -pick(0, 900));
            const Date last = plus(today, pick(0, 12));
            while (day_ <= last) {
                if (chance(0.01)) {
                    day_ = plus(day_, pick(10, 420)); // a break, sometimes over a year
                    continue;
                }
                if (chance(density)) {
                    // After today, mostly planned rest days; a done day there is a hand edit or
                    // a traveller's clock.
                    const bool future = day_ > today;
                    const bool rest = future ? !chance(0.1) : chance(0.2);
                    checkins.push_back(checkin(name, bb::util::format_date(day_),
                                               rest ? CheckinStatus::skip : CheckinStatus::done));
                }
                day_ = plus(day_, 1);
            }
        }
        std::sort(checkins.begin(), checkins.end(), [](const Checkin& a, const Checkin& b) {
            return a.date != b.date ? a.date < b.date : a.habit < b.habit;
        });
    }

    Config config() const {
        Config c;
        c.week_start = start;
        c.habits = habits;
        return c;
    }

    /// The report the store would give for `period`: the check-ins its reads name.
    Stats report(const bb::StatsPeriod& period) const {
        const auto reads = bb::stats_reads(period, start);
        StatsInput input;
        for (const auto& c : checkins) {
            if (reads.checkins.contains(c.date)) {
                input.checkins.push_back(c);
            }
        }
        return bb::compute_stats(period, input, config(), today);
    }
};

/// The streak read off `routine week`'s grid: met weeks back from the week starting on `week`,
/// rest and running weeks passed over, up to a missed or not-started week.
int streak_from_grid(const bb::GridRow& row, Date week) {
    int streak = 0;
    for (auto it = row.weeks.rbegin(); it != row.weeks.rend(); ++it) {
        if (it->first_day > week) {
            continue;
        }
        if (it->result == WeekResult::met) {
            ++streak;
        } else if (it->result == WeekResult::missed || it->result == WeekResult::not_started) {
            return streak;
        }
    }
    return -1; // the grid is too short to tell
}

/// The daily streak counted day by day from the rules: done days back from `end`, rest days
/// passed over, today passed over while open, the first other open day ends it.
int daily_streak_by_hand(const std::vector<Checkin>& checkins, const std::string& habit, Date end,
                         Date today) {
    std::map<Date, CheckinStatus> days;
    for (const auto& c : checkins) {
        if (c.habit == habit) {
            days[c.date] = c.status;
        }
    }
    int streak = 0;
    for (Date d = end; !days.empty() && d >= days.begin()->first;
         d = Date{std::chrono::sys_days{d} - std::chrono::days{1}}) {
        auto it = days.find(d);
        if (it == days.end()) {
            if (d == today) {
                continue;
            }
            break;
        }
        streak += it->second == CheckinStatus::done ? 1 : 0;
    }
    return streak;
}

} // namespace

TEST_CASE("core: every view agrees on weeks and streaks (property)") {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        const RandomHome home(seed);
        CAPTURE(seed);
        CAPTURE(bb::util::format_date(home.today));
        const Config config = home.config();
        // `routine week` over a year, and `routine`.
        const bb::WeekGrid grid =
            bb::week_grid(home.habits, home.checkins, home.today, home.start, 60);
        std::map<std::string, const bb::GridRow*> rows;
        for (const auto& row : grid.rows) {
            rows[row.habit] = &row;
        }
        auto grid_week = [&](const std::string& habit, Date first) -> const bb::WeekTally* {
            for (const auto& w : rows.at(habit)->weeks) {
                if (w.first_day == first) {
                    return &w;
                }
            }
            return nullptr;
        };
        // `stats` (the week view) and a range that ends mid-week, maybe before today.
        std::mt19937 rng(seed * 7919);
        auto pick = [&](int low, int high) {
            return std::uniform_int_distribution<int>(low, high)(rng);
        };
        auto plus = [](Date d, int n) {
            return Date{std::chrono::sys_days{d} + std::chrono::days{n}};
        };
        const Stats week_view_stats =
            home.report(bb::week_period(home.today, pick(1, 12), home.start));
        const Date since = plus(home.today, -pick(0, 300));
        const Date until = plus(since, pick(0, 330));
        const Stats range_stats = home.report(bb::range_period(since, until));
        const Stats all_stats =
            home.report(bb::range_period(plus(home.today, -1200), plus(home.today, 30)));

        for (const auto& entry : home.habits) {
            // Named, not bound: clang 14 cannot capture a structured binding (CAPTURE, lambdas).
            const std::string& habit = entry.first;
            const auto& habit_config = entry.second;
            CAPTURE(habit);
            const bb::HabitStatus status =
                bb::habit_status(habit, habit_config, home.checkins, home.today, home.start);
            for (const Stats* stats : {&week_view_stats, &range_stats, &all_stats}) {
                std::size_t index = 0;
                while (stats->routine[index].habit != habit) {
                    ++index;
                }
                // Every listed week is judged as `routine week` judges it.
                for (const auto& week : stats->weeks) {
                    const bb::WeekTally& t = week.routine[index].tally;
                    if (const bb::WeekTally* g = grid_week(habit, week.first_day)) {
                        CAPTURE(week.label);
                        CHECK(t.result == g->result);
                        CHECK(t.done == g->done);
                        CHECK(t.skipped == g->skipped);
                        CHECK(t.target == g->target);
                    }
                    if (week.first_day == status.this_week.first_day) {
                        CHECK(t.result == status.this_week.result);
                        CHECK(t.target == status.this_week.target);
                    }
                }
                // The streak at the end of the report, or today if earlier.
                const Date end = std::min(stats->period.to, home.today);
                const int streak = stats->routine[index].streak;
                if (end == home.today) {
                    CHECK(streak == status.streak);
                }
                if (habit_config.per_week == 7) {
                    CHECK(streak == daily_streak_by_hand(home.checkins, habit, end, home.today));
                } else if (const int from_grid = streak_from_grid(
                               *rows.at(habit), bb::week_start_of(end, home.start));
                           from_grid >= 0) {
                    CHECK(streak == from_grid);
                }
                // JSON says what the report holds.
                const toml::table json = bb::stats_to_toml(*stats);
                CHECK(json["routine"][habit]["streak"].value<std::int64_t>() == streak);
            }
            // The whole span, folded weeks included, sums like every week one by one.
            const auto& summary = [&] {
                for (const auto& s : all_stats.routine) {
                    if (s.habit == habit) {
                        return s;
                    }
                }
                throw std::logic_error("no habit");
            }();
            const bb::HabitHistory history(habit, home.checkins);
            int met = 0;
            int missed = 0;
            long target = 0;
            const Date this_week = bb::week_start_of(home.today, home.start);
            for (Date w = bb::week_start_of(all_stats.period.from, home.start);
                 w <= all_stats.period.to; w = plus(w, 7)) {
                const auto t = bb::tally_week(history, habit_config, w, home.today);
                met += t.result == WeekResult::met ? 1 : 0;
                missed += t.result == WeekResult::missed ? 1 : 0;
                if (t.result != WeekResult::not_started && w <= this_week) {
                    target += t.target;
                }
            }
            CHECK(summary.weeks_met == met);
            CHECK(summary.weeks_missed == missed);
            CHECK(summary.target == target);
        }
    }
}

TEST_CASE("core::compute_stats by source") {
    SUBCASE("the report counts the period's rejections by channel") {
        StatsInput input;
        add_from(input, 3, "Job board", Stage::application);
        add_from(input, 1, "referral", Stage::onsite);
        input.rejections.push_back(rejection(99, "2026-11-12", Stage::screen)); // no source
        input.rejections.push_back(rejection(100, "2026-01-12", Stage::screen)); // outside
        input.rejections.back().source = "job board";
        const Stats stats = week_view(input);
        REQUIRE(stats.sources.channels.size() == 2);
        CHECK(stats.sources.channels[0].written == "Job board");
        CHECK(stats.sources.channels[0].total() == 3);
        CHECK(stats.sources.no_source == 1);
        const toml::table json = bb::stats_to_toml(stats);
        CHECK(json["no_source"].value<std::int64_t>() == 1);
        CHECK(json["source_min"].value<std::int64_t>() == bb::k_source_min_records);
        CHECK(json["by_source"][0]["source"].value<std::string>() == "Job board");
        CHECK(json["by_source"][0]["rejections"].value<std::int64_t>() == 3);
        CHECK(json["by_source"][0]["by_stage"]["application"].value<std::int64_t>() == 3);
        CHECK_FALSE(json["by_source"][0]["interview_share"]); // 3 is too few for a share
        CHECK(json["by_source"][1]["personal"].value<bool>() == true);
        CHECK_FALSE(json["goal"]);
        const std::string csv = bb::sources_to_csv(stats);
        BB_CHECK_CONTAINS(csv, "source,personal,rejections,application,");
        BB_CHECK_CONTAINS(csv, "\r\nJob board,no,3,3,0,0,0,0,0,0,0,,\r\n");
        BB_CHECK_CONTAINS(csv, "\r\nreferral,yes,1,0,0,0,1,0,0,0,1,,\r\n");
    }
    SUBCASE("the goal is carried to the report") {
        Config config = run_config();
        config.goal = "Lead a small team";
        const Stats stats = week_view({}, k_today, 8, config);
        CHECK(stats.goal == "Lead a small team");
        CHECK(bb::stats_to_toml(stats)["goal"].value<std::string>() == "Lead a small team");
    }
}
