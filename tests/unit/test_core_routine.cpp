// Tests for lib/src/core/routine.cpp.
#include "bounceback/core/routine.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using bb::Checkin;
using bb::CheckinStatus;
using bb::Date;
using bb::DayMark;
using bb::HabitConfig;
using bb::HabitHistory;
using bb::WeekResult;
using bb::WeekStart;
using bb::test::day;
using bb::test::error_from;

namespace {

Checkin checkin(std::string_view iso, CheckinStatus status = CheckinStatus::done,
                std::string habit = "run") {
    Checkin c;
    c.date = day(iso);
    c.habit = std::move(habit);
    c.status = status;
    return c;
}

/// Done check-ins of "run" on each of `days`.
std::vector<Checkin> done_on(std::initializer_list<std::string_view> days) {
    std::vector<Checkin> out;
    for (auto d : days) {
        out.push_back(checkin(d));
    }
    return out;
}

std::vector<bb::WeekTally> history_of(const std::vector<Checkin>& checkins, int per_week,
                                      std::string_view today, WeekStart start = WeekStart::monday) {
    return bb::week_history(HabitHistory("run", checkins), HabitConfig{per_week, ""}, day(today),
                            start);
}

int streak_of(const std::vector<Checkin>& checkins, int per_week, std::string_view today,
              WeekStart start = WeekStart::monday) {
    return bb::habit_streak(HabitHistory("run", checkins), HabitConfig{per_week, ""}, day(today),
                            day(today), start)
        .length;
}

/// The streak of a daily habit (7 days a week) on `today`.
int daily_streak(const HabitHistory& history, Date today) {
    return bb::habit_streak(history, HabitConfig{7, ""}, today, today, WeekStart::monday).length;
}

std::optional<double> strength_of(const std::vector<Checkin>& checkins, int per_week,
                                  std::string_view today, WeekStart start = WeekStart::monday) {
    return bb::strength(history_of(checkins, per_week, today, start));
}

/// Three met weeks of "run" (2 a week) from Monday 2026-11-02, then Monday 2026-11-23 done in
/// the running week (today is Wednesday 2026-11-25).
std::vector<Checkin> steady_month() {
    return done_on({"2026-11-02", "2026-11-03", "2026-11-10", "2026-11-12", "2026-11-17",
                    "2026-11-19", "2026-11-23"});
}

/// `checkins` with the one on `iso` replaced by `status` (or removed when nullopt).
std::vector<Checkin> changed(std::vector<Checkin> checkins, std::string_view iso,
                             std::optional<CheckinStatus> status) {
    for (auto it = checkins.begin(); it != checkins.end(); ++it) {
        if (it->date == day(iso)) {
            if (status) {
                it->status = *status;
            } else {
                checkins.erase(it);
            }
            return checkins;
        }
    }
    throw std::invalid_argument("no check-in on " + std::string(iso));
}

} // namespace

TEST_CASE("core::default_habits") {
    const auto& defaults = bb::default_habits();
    for (const char* name : {"exercise", "mindfulness", "hobby", "connect"}) {
        CAPTURE(name);
        REQUIRE(defaults.contains(name));
        CHECK(bb::check_per_week(defaults.at(name).per_week).empty());
        CHECK_FALSE(defaults.at(name).description.empty());
        CHECK(bb::check_habit_name(name).empty());
    }
    CHECK(defaults.size() == 4);
    CHECK(defaults.at("exercise").per_week == 3);

    SUBCASE("the defaults apply only while the config defines no habit") {
        bb::Config config;
        const auto in_effect = bb::habits_in_effect(config);
        CHECK(in_effect.size() == defaults.size());
        CHECK(in_effect.at("exercise").per_week == defaults.at("exercise").per_week);
        config.habits["reading"] = HabitConfig{2, ""};
        const auto habits = bb::habits_in_effect(config);
        REQUIRE(habits.size() == 1);
        CHECK(habits.contains("reading"));
    }
}

TEST_CASE("core::check_per_week and check_habit_name") {
    CHECK_FALSE(bb::check_per_week(0).empty());
    CHECK(bb::check_per_week(1).empty());
    CHECK(bb::check_per_week(7).empty());
    CHECK_FALSE(bb::check_per_week(8).empty());
    CHECK(bb::check_habit_name("call-a-friend").empty());
    CHECK_FALSE(bb::check_habit_name("two words").empty());
    CHECK_FALSE(bb::check_habit_name("").empty());
}

TEST_CASE("core::require_habit") {
    const auto& habits = bb::default_habits();
    CHECK_FALSE(error_from([&] { bb::require_habit(habits, "exercise"); }));
    SUBCASE("a typo gets a suggestion") {
        const auto error = error_from([&] { bb::require_habit(habits, "exercize"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        BB_CHECK_CONTAINS(error->what(), "did you mean 'exercise'?");
    }
    SUBCASE("upper case gets a suggestion too") {
        const auto error = error_from([&] { bb::require_habit(habits, "MINDFULNESS"); });
        REQUIRE(error);
        BB_CHECK_CONTAINS(error->what(), "did you mean 'mindfulness'?");
    }
    SUBCASE("nothing close: the habits are listed") {
        const auto error = error_from([&] { bb::require_habit(habits, "gardening"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        BB_CHECK_CONTAINS(error->what(), "connect, exercise, hobby, mindfulness");
        BB_CHECK_CONTAINS(error->what(), "habits add gardening");
    }
}

TEST_CASE("core::check_checkin_date") {
    const Date today = day("2026-11-25");
    CHECK(bb::check_checkin_date(CheckinStatus::done, today, today).empty());
    CHECK(bb::check_checkin_date(CheckinStatus::done, day("2026-11-01"), today).empty());
    CHECK_FALSE(bb::check_checkin_date(CheckinStatus::done, day("2026-11-26"), today).empty());
    // A rest day may be planned.
    CHECK(bb::check_checkin_date(CheckinStatus::skip, day("2026-12-24"), today).empty());
}

TEST_CASE("core::week_start_of") {
    using bb::week_start_of;
    SUBCASE("Monday weeks") {
        CHECK(week_start_of(day("2026-11-25"), WeekStart::monday) == day("2026-11-23"));
        CHECK(week_start_of(day("2026-11-23"), WeekStart::monday) == day("2026-11-23"));
        CHECK(week_start_of(day("2026-11-22"), WeekStart::monday) == day("2026-11-16"));
    }
    SUBCASE("Sunday weeks") {
        CHECK(week_start_of(day("2026-11-25"), WeekStart::sunday) == day("2026-11-22"));
        CHECK(week_start_of(day("2026-11-22"), WeekStart::sunday) == day("2026-11-22"));
        CHECK(week_start_of(day("2026-11-21"), WeekStart::sunday) == day("2026-11-15"));
    }
    SUBCASE("across a leap day") {
        CHECK(week_start_of(day("2024-02-29"), WeekStart::monday) == day("2024-02-26"));
        CHECK(week_start_of(day("2024-03-03"), WeekStart::monday) == day("2024-02-26"));
        CHECK(week_start_of(day("2024-03-03"), WeekStart::sunday) == day("2024-03-03"));
        CHECK(week_start_of(day("2024-03-02"), WeekStart::sunday) == day("2024-02-25"));
    }
    SUBCASE("across a year end (2026 has an ISO week 53)") {
        CHECK(week_start_of(day("2027-01-03"), WeekStart::monday) == day("2026-12-28"));
        CHECK(week_start_of(day("2027-01-04"), WeekStart::monday) == day("2027-01-04"));
        CHECK(week_start_of(day("2027-01-01"), WeekStart::sunday) == day("2026-12-27"));
    }
    CHECK(bb::week_start_name(WeekStart::monday) == "monday");
    CHECK(bb::week_start_name(WeekStart::sunday) == "sunday");
}

TEST_CASE("core::HabitHistory") {
    // Out of order, another habit mixed in, and one day twice (a hand edit): the later counts.
    const HabitHistory history(
        "run", {checkin("2026-11-20"), checkin("2026-11-02", CheckinStatus::done, "read"),
                checkin("2026-11-03"), checkin("2026-11-10", CheckinStatus::done),
                checkin("2026-11-10", CheckinStatus::skip), checkin("2026-11-01")});
    CHECK(history.first_day() == day("2026-11-01"));
    CHECK(history.on(day("2026-11-02")) == nullptr); // "read", not "run"
    REQUIRE(history.on(day("2026-11-10")));
    CHECK(history.on(day("2026-11-10"))->status == CheckinStatus::skip);
    const auto week = history.between(day("2026-11-03"), day("2026-11-10"));
    REQUIRE(week.size() == 2);
    CHECK(week[0].date == day("2026-11-03"));
    CHECK(week[1].date == day("2026-11-10"));
    CHECK(history.between(day("2026-11-21"), day("2026-11-30")).empty());
    CHECK(history.between(day("2026-10-01"), day("2026-12-31")).size() == 4);
}

TEST_CASE("core::tally_week") {
    const Date today = day("2026-11-25");

    SUBCASE("a Sunday belongs to the week before with Monday weeks, to its own with Sunday weeks") {
        const auto checkins = done_on({"2026-11-20", "2026-11-22", "2026-11-23"});
        const HabitHistory history("run", checkins);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-16"), today).done == 2);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-23"), today).done == 1);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-15"), today).done == 1);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-22"), today).done == 2);
    }
    SUBCASE("a leap week has Feb 29 in it") {
        const auto checkins = done_on({"2024-02-26", "2024-02-29", "2024-03-03"});
        const auto week = bb::tally_week(HabitHistory("run", checkins), HabitConfig{3, ""},
                                         day("2024-02-26"), day("2024-03-10"));
        CHECK(week.done == 3);
        CHECK(week.target == 3);
        CHECK(week.result == WeekResult::met);
    }
    SUBCASE("ISO week 53 of 2026 runs into 2027 as one week") {
        const auto checkins = done_on({"2026-12-29", "2026-12-31", "2027-01-02", "2027-01-04"});
        const auto week = bb::tally_week(HabitHistory("run", checkins), HabitConfig{3, ""},
                                         day("2026-12-28"), day("2027-01-06"));
        CHECK(week.done == 3);
        CHECK(week.result == WeekResult::met);
    }
    SUBCASE("rest days count toward the target, but a met week needs a done day") {
        const HabitHistory some_rest("run", {checkin("2026-11-16"),
                                             checkin("2026-11-18", CheckinStatus::skip),
                                             checkin("2026-11-19", CheckinStatus::skip)});
        const auto met = bb::tally_week(some_rest, HabitConfig{3, ""}, day("2026-11-16"), today);
        CHECK(met.done == 1);
        CHECK(met.skipped == 2);
        CHECK(met.result == WeekResult::met);

        const HabitHistory all_rest("run", {checkin("2026-11-02"),
                                            checkin("2026-11-16", CheckinStatus::skip),
                                            checkin("2026-11-17", CheckinStatus::skip)});
        CHECK(bb::tally_week(all_rest, HabitConfig{2, ""}, day("2026-11-16"), today).result ==
              WeekResult::rest);
        CHECK(bb::tally_week(all_rest, HabitConfig{3, ""}, day("2026-11-16"), today).result ==
              WeekResult::missed);
    }
    SUBCASE("finished and running weeks") {
        const HabitHistory history("run", done_on({"2026-11-16", "2026-11-23"}));
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-16"), today).result ==
              WeekResult::missed);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-23"), today).result ==
              WeekResult::running);
        // The last day of a week is still part of it.
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-23"), day("2026-11-29"))
                  .result == WeekResult::running);
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-23"), day("2026-11-30"))
                  .result == WeekResult::missed);
    }
    SUBCASE("weeks before the first check-in have not started") {
        const HabitHistory history("run", done_on({"2026-11-23"}));
        CHECK(bb::tally_week(history, HabitConfig{2, ""}, day("2026-11-16"), today).result ==
              WeekResult::not_started);
        const HabitHistory empty("run", {});
        const auto week = bb::tally_week(empty, HabitConfig{2, ""}, day("2026-11-23"), today);
        CHECK(week.result == WeekResult::not_started);
        CHECK(week.target == 2);
        CHECK(week.done == 0);
    }
    SUBCASE("a habit started mid-week is asked for the days left, rounded up") {
        const HabitHistory thursday("run", done_on({"2026-11-26"}));
        const Date now = day("2026-11-27");
        // Thursday to Sunday is 4 of 7 days: 3 a week becomes 2, 7 a week becomes 4.
        CHECK(bb::tally_week(thursday, HabitConfig{3, ""}, day("2026-11-23"), now).target == 2);
        CHECK(bb::tally_week(thursday, HabitConfig{7, ""}, day("2026-11-23"), now).target == 4);
        CHECK(bb::tally_week(thursday, HabitConfig{1, ""}, day("2026-11-23"), now).target == 1);
        // With Sunday weeks only Thursday to Saturday are left: 3 of 7 days.
        CHECK(bb::tally_week(thursday, HabitConfig{7, ""}, day("2026-11-22"), now).target == 3);
        // Started on the last day: at least 1.
        const HabitHistory sunday("run", done_on({"2026-11-29"}));
        CHECK(bb::tally_week(sunday, HabitConfig{3, ""}, day("2026-11-23"), now).target == 1);
        // The weeks after are asked for the whole target.
        CHECK(bb::tally_week(thursday, HabitConfig{3, ""}, day("2026-11-30"), day("2026-12-01"))
                  .target == 3);
    }
    CHECK(bb::week_result_name(WeekResult::not_started) == "not_started");
    CHECK(bb::week_result_name(WeekResult::rest) == "rest");
}

TEST_CASE("core::with_target and HabitConfig::target_for_week") {
    const HabitConfig three{3, "Walk"};
    SUBCASE("a change applies from its week on") {
        const HabitConfig four = bb::with_target(three, 4, day("2026-11-23"));
        CHECK(four.per_week == 4);
        CHECK(four.description == "Walk");
        REQUIRE(four.earlier_targets.size() == 1);
        CHECK(four.earlier_targets[0].per_week == 3);
        CHECK(four.earlier_targets[0].until == day("2026-11-22"));
        CHECK(four.target_for_week(day("2020-01-06")) == 3);
        CHECK(four.target_for_week(day("2026-11-16")) == 3);
        CHECK(four.target_for_week(day("2026-11-23")) == 4);
        CHECK(four.target_for_week(day("2027-01-04")) == 4);
    }
    SUBCASE("the same target changes nothing") {
        CHECK(bb::with_target(three, 3, day("2026-11-23")).earlier_targets.empty());
    }
    SUBCASE("two changes in one week: the week takes the last, the past keeps its own") {
        const HabitConfig five =
            bb::with_target(bb::with_target(three, 4, day("2026-11-23")), 5, day("2026-11-23"));
        CHECK(five.per_week == 5);
        REQUIRE(five.earlier_targets.size() == 1);
        CHECK(five.earlier_targets[0].per_week == 3);
        // And back to 3 in the same week: one stretch of 3 again.
        CHECK(bb::with_target(five, 3, day("2026-11-23")).earlier_targets.empty());
    }
    SUBCASE("changes over several weeks each keep their stretch") {
        HabitConfig habit = bb::with_target(three, 4, day("2026-11-02"));
        habit = bb::with_target(habit, 2, day("2026-11-23"));
        REQUIRE(habit.earlier_targets.size() == 2);
        CHECK(habit.target_for_week(day("2026-10-26")) == 3);
        CHECK(habit.target_for_week(day("2026-11-02")) == 4);
        CHECK(habit.target_for_week(day("2026-11-16")) == 4);
        CHECK(habit.target_for_week(day("2026-11-23")) == 2);
        CHECK(bb::target_sum(habit, day("2026-10-19"), 7) == 3 + 3 + 4 + 4 + 4 + 2 + 2);
        CHECK(bb::target_sum(habit, day("2026-11-16"), 1) == 4);
        CHECK(bb::target_sum(habit, day("2027-01-04"), 100000) == 200000);
    }
    SUBCASE("a raised target does not rewrite the weeks before it") {
        // Three days a week, met for three weeks; then 4 a week from the running week on.
        const auto checkins =
            done_on({"2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11",
                     "2026-11-13", "2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23"});
        const HabitConfig four = bb::with_target(three, 4, day("2026-11-23"));
        const HabitHistory history("run", checkins);
        const Date today = day("2026-11-25");
        CHECK(bb::tally_week(history, four, day("2026-11-16"), today).result == WeekResult::met);
        CHECK(bb::tally_week(history, four, day("2026-11-16"), today).target == 3);
        CHECK(bb::tally_week(history, four, day("2026-11-23"), today).target == 4);
        CHECK(bb::habit_streak(history, four, today, today, WeekStart::monday).length == 3);
        // Without the earlier target, the past would be judged against 4 and the streak gone.
        CHECK(
            bb::habit_streak(history, HabitConfig{4, ""}, today, today, WeekStart::monday).length ==
            0);
        CHECK(bb::habit_status("run", four, checkins, today, WeekStart::monday).streak == 3);
    }
}

TEST_CASE("core::habit_streak, counted at the end of a range") {
    const auto checkins = steady_month(); // met weeks from Nov 2, Nov 9 and Nov 16
    const HabitHistory history("run", checkins);
    const HabitConfig two{2, ""};
    const Date today = day("2026-11-25");
    SUBCASE("a past range ending mid-week counts that week whole") {
        // Until Tuesday Nov 10: the week of Nov 9 was met (on Nov 10 and 12), so it counts.
        const auto streak =
            bb::habit_streak(history, two, day("2026-11-10"), today, WeekStart::monday);
        CHECK(streak.length == 2);
    }
    SUBCASE("a range ending after today is counted on today") {
        CHECK(bb::habit_streak(history, two, day("9999-12-31"), today, WeekStart::monday).length ==
              bb::habit_streak(history, two, today, today, WeekStart::monday).length);
    }
    SUBCASE("a rest day planned later this week counts toward the running week") {
        auto planned = checkins;
        planned.push_back(checkin("2026-11-27", CheckinStatus::skip));
        const HabitHistory with_plan("run", planned);
        CHECK(bb::tally_week(with_plan, two, day("2026-11-23"), today).result == WeekResult::met);
        CHECK(bb::habit_streak(with_plan, two, today, today, WeekStart::monday).length == 4);
    }
}

TEST_CASE("core::week_history") {
    SUBCASE("an empty history has no weeks") {
        CHECK(history_of({}, 3, "2026-11-25").empty());
    }
    SUBCASE("from the week of the first check-in to this week") {
        const auto weeks = history_of(steady_month(), 2, "2026-11-25");
        REQUIRE(weeks.size() == 4);
        CHECK(weeks.front().first_day == day("2026-11-02"));
        CHECK(weeks.back().first_day == day("2026-11-23"));
        CHECK(weeks.back().result == WeekResult::running);
    }
    SUBCASE("a rest day planned after this week starts nothing yet") {
        CHECK(history_of({checkin("2026-12-24", CheckinStatus::skip)}, 3, "2026-11-25").empty());
    }
}

TEST_CASE("core::habit_streak, weekly") {
    SUBCASE("an empty history") {
        CHECK(streak_of({}, 3, "2026-11-25") == 0);
    }
    SUBCASE("the running week is not broken before it ends, and counts once met") {
        CHECK(streak_of(steady_month(), 2, "2026-11-25") == 3);
        auto met = steady_month();
        met.push_back(checkin("2026-11-24"));
        CHECK(streak_of(met, 2, "2026-11-25") == 4);
        // On the Monday after, the week that was running and not met is missed.
        CHECK(streak_of(steady_month(), 2, "2026-11-30") == 0);
    }
    SUBCASE("a missed week ends the streak") {
        const auto missed = changed(steady_month(), "2026-11-12", std::nullopt);
        CHECK(streak_of(missed, 2, "2026-11-25") == 1);
    }
    SUBCASE("a rest day covers for a done day") {
        const auto rested = changed(steady_month(), "2026-11-12", CheckinStatus::skip);
        CHECK(streak_of(rested, 2, "2026-11-25") == 3);
    }
    SUBCASE("a week off neither breaks the streak nor adds to it") {
        auto off = changed(steady_month(), "2026-11-10", CheckinStatus::skip);
        off = changed(off, "2026-11-12", CheckinStatus::skip);
        CHECK(streak_of(off, 2, "2026-11-25") == 2);
    }
    SUBCASE("Monday and Sunday weeks group the same days differently") {
        const auto checkins = done_on({"2026-11-14", "2026-11-15", "2026-11-22", "2026-11-23"});
        // Monday weeks: [Nov 9-15] met, [16-22] 1 of 2 missed, [23-] 1 of 2 running.
        CHECK(streak_of(checkins, 2, "2026-11-25", WeekStart::monday) == 0);
        // Sunday weeks: [Nov 8-14] met, [15-21] missed, [22-] 2 of 2 met.
        CHECK(streak_of(checkins, 2, "2026-11-25", WeekStart::sunday) == 1);
    }
    SUBCASE("across the 2026/2027 year end") {
        const auto checkins =
            done_on({"2026-12-21", "2026-12-22", "2026-12-23", "2026-12-29", "2026-12-31",
                     "2027-01-02", "2027-01-04", "2027-01-05", "2027-01-06"});
        CHECK(streak_of(checkins, 3, "2027-01-06", WeekStart::monday) == 3);
        CHECK(streak_of(checkins, 3, "2027-01-06", WeekStart::sunday) == 3);
        // Without New Year's Eve, the week that spans the two years is missed.
        const auto missed = changed(checkins, "2026-12-31", std::nullopt);
        CHECK(streak_of(missed, 3, "2027-01-06", WeekStart::monday) == 1);
    }
    SUBCASE("a leap week") {
        const auto checkins = done_on({"2024-02-26", "2024-02-29", "2024-03-03"});
        // Monday weeks: Feb 26 to Mar 3 holds all three.
        CHECK(streak_of(checkins, 3, "2024-03-04", WeekStart::monday) == 1);
        // Sunday weeks: Mar 3 starts the next week, so the leap week has only two.
        CHECK(streak_of(checkins, 3, "2024-03-04", WeekStart::sunday) == 0);
    }
    SUBCASE("a habit added mid-week can meet its first week") {
        CHECK(streak_of(done_on({"2026-11-26", "2026-11-27"}), 3, "2026-11-27") == 1);
        CHECK(streak_of(done_on({"2026-11-26"}), 3, "2026-11-27") == 0);
    }
}

TEST_CASE("core::habit_streak, daily") {
    const Date today = day("2026-11-25");
    auto streak = [&](const std::vector<Checkin>& checkins) {
        return daily_streak(HabitHistory("run", checkins), today);
    };
    CHECK(streak({}) == 0);
    SUBCASE("today is not counted as broken while it is open") {
        auto days = done_on({"2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"});
        CHECK(streak(days) == 5);
        days.push_back(checkin("2026-11-25"));
        CHECK(streak(days) == 6);
    }
    SUBCASE("a rest day neither breaks the streak nor adds to it") {
        CHECK(streak({checkin("2026-11-21"), checkin("2026-11-22"),
                      checkin("2026-11-23", CheckinStatus::skip), checkin("2026-11-24")}) == 3);
        CHECK(streak({checkin("2026-11-24"), checkin("2026-11-25", CheckinStatus::skip)}) == 1);
    }
    SUBCASE("an open day before today ends it") {
        CHECK(streak(done_on({"2026-11-20", "2026-11-23"})) == 0);
        CHECK(streak(done_on({"2026-11-20", "2026-11-23", "2026-11-25"})) == 1);
    }
    SUBCASE("a rest day planned ahead changes nothing today") {
        CHECK(streak({checkin("2026-11-24"), checkin("2026-11-26", CheckinStatus::skip)}) == 1);
    }
    SUBCASE("across a leap day") {
        const auto days = done_on({"2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"});
        CHECK(daily_streak(HabitHistory("run", days), day("2024-03-01")) == 4);
        CHECK(daily_streak(HabitHistory("run", changed(days, "2024-02-29", std::nullopt)),
                           day("2024-03-01")) == 1);
    }
    SUBCASE("across a year end") {
        const auto days = done_on({"2026-12-30", "2026-12-31", "2027-01-01"});
        CHECK(daily_streak(HabitHistory("run", days), day("2027-01-02")) == 3);
    }
}

TEST_CASE("core::strength") {
    using doctest::Approx;
    SUBCASE("nothing to judge yet") {
        CHECK_FALSE(strength_of({}, 3, "2026-11-25").has_value());
        // Only a rest day in the running week.
        CHECK_FALSE(
            strength_of({checkin("2026-11-25", CheckinStatus::skip)}, 3, "2026-11-25").has_value());
    }
    SUBCASE("each finished week moves it a quarter of the way") {
        // Three met weeks: 0.25, 0.4375, 0.578125; the running week at 1 of 2 would lower it.
        CHECK(*strength_of(steady_month(), 2, "2026-11-25") == Approx(0.578125));
        auto met = steady_month();
        met.push_back(checkin("2026-11-24"));
        CHECK(*strength_of(met, 2, "2026-11-25") == Approx(0.68359375));
    }
    SUBCASE("a partly met week counts in part") {
        // The second week reaches 1 of 2: 0.25, 0.3125, 0.484375, then the running week at a
        // half raises it a little: 0.48828125.
        const auto partly = changed(steady_month(), "2026-11-12", std::nullopt);
        CHECK(*strength_of(partly, 2, "2026-11-25") == Approx(0.48828125));
    }
    SUBCASE("a rest day lowers the week's target") {
        // 1 done, 1 rest, target 3: half of the 2 days asked for.
        const auto checkins =
            std::vector<Checkin>{checkin("2026-11-16"), checkin("2026-11-17", CheckinStatus::skip)};
        CHECK(*strength_of(checkins, 3, "2026-11-25") == Approx(0.125));
    }
    SUBCASE("a week off leaves it as it is") {
        auto off = changed(steady_month(), "2026-11-10", CheckinStatus::skip);
        off = changed(off, "2026-11-12", CheckinStatus::skip);
        // 0.25, (off), 0.4375, then the running week at a half: 0.453125.
        CHECK(*strength_of(off, 2, "2026-11-25") == Approx(0.453125));
    }
    SUBCASE("a miss lowers it but never wipes it out") {
        std::vector<Checkin> checkins;
        Date monday = day("2026-09-07");
        for (int week = 0; week < 9; ++week) {
            checkins.push_back(checkin(bb::util::format_date(monday)));
            monday = Date{std::chrono::sys_days{monday} + std::chrono::days{7}};
        }
        // Nine met weeks (1 a week): 1 - 0.75^9, past 90%.
        const double steady = 1 - 0.075084686279296875;
        CHECK(*strength_of(checkins, 1, "2026-11-08") == Approx(steady));
        // The tenth week (Nov 9-15) passes with nothing done.
        const double after_miss = *strength_of(checkins, 1, "2026-11-16");
        CHECK(after_miss == Approx(steady * 0.75));
        CHECK(after_miss > 0.6);
    }
    SUBCASE("a habit added mid-week is judged on the days it had") {
        CHECK(*strength_of(done_on({"2026-11-26", "2026-11-27"}), 3, "2026-11-27") == Approx(0.25));
    }
}

TEST_CASE("core::habit_status") {
    const auto checkins = steady_month();
    SUBCASE("a weekly habit") {
        const auto status = bb::habit_status("run", HabitConfig{2, "Run"}, checkins,
                                             day("2026-11-23"), WeekStart::monday);
        CHECK(status.habit == "run");
        CHECK(status.config.description == "Run");
        REQUIRE(status.today.has_value());
        CHECK(*status.today == CheckinStatus::done);
        CHECK(status.this_week.done == 1);
        CHECK(status.this_week.target == 2);
        CHECK_FALSE(status.daily);
        CHECK(status.streak == 3);
        REQUIRE(status.strength.has_value());
    }
    SUBCASE("today open") {
        const auto status = bb::habit_status("run", HabitConfig{2, ""}, checkins, day("2026-11-25"),
                                             WeekStart::monday);
        CHECK_FALSE(status.today.has_value());
    }
    SUBCASE("a daily habit counts days") {
        const auto status =
            bb::habit_status("run", HabitConfig{7, ""}, done_on({"2026-11-23", "2026-11-24"}),
                             day("2026-11-25"), WeekStart::monday);
        CHECK(status.daily);
        CHECK(status.streak == 2);
        CHECK(status.this_week.target == 7);
    }
    SUBCASE("no check-ins yet") {
        const auto status = bb::habit_status("yoga", HabitConfig{3, ""}, checkins,
                                             day("2026-11-25"), WeekStart::sunday);
        CHECK(status.streak == 0);
        CHECK_FALSE(status.strength.has_value());
        CHECK(status.this_week.first_day == day("2026-11-22"));
        CHECK(status.this_week.done == 0);
        CHECK(status.this_week.target == 3);
    }
    SUBCASE("added mid-week: the first week asks for less") {
        const auto status =
            bb::habit_status("run", HabitConfig{3, ""}, done_on({"2026-11-26", "2026-11-27"}),
                             day("2026-11-27"), WeekStart::monday);
        CHECK(status.this_week.target == 2);
        CHECK(status.this_week.result == WeekResult::met);
        CHECK(status.streak == 1);
    }
}

TEST_CASE("core::week_grid") {
    const std::map<std::string, HabitConfig> habits = {{"yoga", {1, ""}}, {"run", {2, ""}}};
    std::vector<Checkin> checkins = {checkin("2026-11-16"),
                                     checkin("2026-11-20", CheckinStatus::skip),
                                     checkin("2026-11-27", CheckinStatus::skip),
                                     checkin("2026-11-25", CheckinStatus::done, "yoga"),
                                     checkin("2026-11-25", CheckinStatus::done, "other")};
    checkins[0].minutes = 20;
    const Date today = day("2026-11-25");

    SUBCASE("whole weeks ending with this one, a row per habit by name") {
        const auto grid = bb::week_grid(habits, checkins, today, WeekStart::monday, 2);
        CHECK(grid.first_day == day("2026-11-16"));
        CHECK(grid.weeks == 2);
        REQUIRE(grid.rows.size() == 2);
        CHECK(grid.rows[0].habit == "run");
        CHECK(grid.rows[1].habit == "yoga");
        const auto& run = grid.rows[0];
        REQUIRE(run.days.size() == 14);
        REQUIRE(run.weeks.size() == 2);
        CHECK(run.days[0].date == day("2026-11-16"));
        CHECK(run.days[13].date == day("2026-11-29"));
        CHECK(run.days[0].mark == DayMark::done);
        REQUIRE(run.days[0].checkin.has_value());
        CHECK(run.days[0].checkin->minutes == 20);
        CHECK(run.days[1].mark == DayMark::open);
        CHECK_FALSE(run.days[1].checkin.has_value());
        CHECK(run.days[4].mark == DayMark::skip);
        CHECK(run.days[9].mark == DayMark::open); // today
        CHECK(run.days[10].mark == DayMark::future);
        CHECK(run.days[11].mark == DayMark::skip); // a rest day planned ahead
        CHECK(run.weeks[0].result == WeekResult::met);
        CHECK(run.weeks[1].result == WeekResult::running);
        CHECK(run.weeks[1].skipped == 1);
        CHECK(grid.rows[1].days[9].mark == DayMark::done);
        CHECK(grid.rows[1].weeks[0].result == WeekResult::not_started);
    }
    SUBCASE("Sunday weeks") {
        const auto grid = bb::week_grid(habits, checkins, today, WeekStart::sunday, 1);
        CHECK(grid.first_day == day("2026-11-22"));
        CHECK(grid.rows[0].days.size() == 7);
        CHECK(grid.rows[0].days[3].mark == DayMark::open); // Wednesday, today
        CHECK(grid.rows[0].days[5].mark == DayMark::skip);
    }
    SUBCASE("at least one week") {
        CHECK(bb::week_grid(habits, checkins, today, WeekStart::monday, 0).weeks == 1);
    }
    CHECK(bb::day_mark_name(DayMark::future) == "future");
    CHECK(bb::day_mark_name(DayMark::skip) == "skip");
}
