// Tests for lib/src/core/signals.cpp.
#include "bounceback/core/signals.hpp"

#include "stats_fixtures.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace bb::test::stats_fixtures;

TEST_CASE("core::find_signals") {
    SUBCASE("tailor-applications: most rejections at the application stage") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-02", Stage::application),
                            rejection(2, "2026-11-09", Stage::application),
                            rejection(3, "2026-11-16", Stage::application),
                            rejection(4, "2026-11-23", Stage::screen)};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "tailor-applications");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "3 of the 4 rejections in these 8 weeks");
        BB_CHECK_CONTAINS(s->message, "keywords");
        input.rejections.erase(input.rejections.begin());
        CHECK_FALSE(signal(week_view(input), "tailor-applications")); // 2 is under the minimum
        Config config = run_config();
        config.signals.application_min = 2;
        CHECK(signal(week_view(input, k_today, 8, config), "tailor-applications"));
        config.signals.application_share = 0.8;
        CHECK_FALSE(signal(week_view(input, k_today, 8, config), "tailor-applications"));
    }
    SUBCASE("practise-interviews: rejections after interviews, naming the feedback areas") {
        StatsInput input;
        Rejection a = rejection(1, "2026-11-02", Stage::technical);
        a.feedback.areas = {"technical", "communication"};
        Rejection b = rejection(2, "2026-11-09", Stage::onsite);
        b.feedback.areas = {"technical"};
        input.rejections = {a, b, rejection(3, "2026-11-16", Stage::screen),
                            rejection(4, "2026-11-17", Stage::offer)};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "practise-interviews");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "3 rejections in these 8 weeks came after interviews");
        BB_CHECK_CONTAINS(s->message, "screen 1, technical 1, onsite 1");
        BB_CHECK_CONTAINS(s->message, "technical (2), communication (1)");
        BB_CHECK_CONTAINS(s->message, "mock interviews");
        input.rejections.erase(input.rejections.begin() + 2); // the offer stage does not count
        CHECK_FALSE(signal(week_view(input), "practise-interviews"));
    }
    SUBCASE("practise-interviews without feedback areas") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-02", Stage::final),
                            rejection(2, "2026-11-09", Stage::final),
                            rejection(3, "2026-11-16", Stage::final)};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "practise-interviews");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "questions that felt hardest");
    }
    SUBCASE("widen-search: rejections concentrated in one tag") {
        StatsInput input;
        for (int i = 1; i <= 6; ++i) {
            Rejection r = rejection(i, "2026-11-1" + std::to_string(i));
            r.tags = {i <= 4 ? (i == 1 ? "FinTech" : "fintech") : "health"};
            input.rejections.push_back(r);
        }
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "widen-search");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message,
                          "4 of the 6 rejections in these 8 weeks are tagged 'FinTech'");
        Config config = run_config();
        config.signals.tag_share = 0.7;
        CHECK_FALSE(signal(week_view(input, k_today, 8, config), "widen-search"));
        input.rejections[0].tags = {"health"};
        CHECK_FALSE(signal(week_view(input), "widen-search")); // 3 is under the minimum
    }
    SUBCASE("ask-for-feedback: feedback rarely requested") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-02"), rejection(2, "2026-11-09"),
                            rejection(3, "2026-11-16"), rejection(7, "2026-11-24")};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "ask-for-feedback");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "the latest of the 4 rejections");
        CHECK_FALSE(bb::test::contains(s->message, "0 of")); // no audit of what is missing
        BB_CHECK_CONTAINS(s->message, "bounceback feedback-email 7");
        input.rejections[0].feedback.requested = day("2026-11-03");
        CHECK_FALSE(signal(week_view(input), "ask-for-feedback")); // 1 in 4 is the threshold
        input.rejections.erase(input.rejections.begin());
        CHECK_FALSE(signal(week_view(input), "ask-for-feedback")); // 3 is under the minimum
    }
    SUBCASE("protect-routine: a habit missed two finished weeks running") {
        StatsInput input;
        append(input.checkins, done_on("run", {"2026-11-02", "2026-11-04", "2026-11-06"}));
        append(input.checkins, done_on("run", {"2026-11-10"}));
        // W47 has no run at all; W48 is still running.
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "protect-routine");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "fewer check-ins than planned for run (1, then 0, of 3 a week)");
        CHECK_FALSE(bb::test::contains(s->message, "fell short"));
        BB_CHECK_CONTAINS(s->message, "each of the last 2 weeks");
        append(input.checkins, done_on("run", {"2026-11-12", "2026-11-13"})); // W46 met
        CHECK_FALSE(signal(week_view(input), "protect-routine"));
        Config config = run_config();
        config.signals.routine_weeks = 1;
        CHECK(signal(week_view(input, k_today, 8, config), "protect-routine"));
    }
    SUBCASE("protect-routine stays quiet for habits never started") {
        const Stats stats = week_view({}, k_today, 8, Config{});
        CHECK_FALSE(signal(stats, "protect-routine"));
    }
    SUBCASE("take-a-break: low mood two weeks running") {
        StatsInput input;
        input.reflections = {reflection(1, "2026-11-17", 2), reflection(2, "2026-11-24", 1),
                             reflection(3, "2026-11-25", 2)};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "take-a-break");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "about 2 out of 5 last week and about 1.5 this week");
        CHECK_FALSE(bb::test::contains(s->message, "2026-W")); // no week codes in sentences
        BB_CHECK_CONTAINS(s->message, "counsellor");
        Config config = run_config();
        config.signals.mood_low = 1.5;
        CHECK_FALSE(signal(week_view(input, k_today, 8, config), "take-a-break"));
        input.reflections[0].mood = 3;
        CHECK_FALSE(signal(week_view(input), "take-a-break"));
    }
    SUBCASE("take-a-break looks past a running week with no mood yet") {
        StatsInput input;
        Rejection r = rejection(1, "2026-11-12");
        r.feeling = 1;
        input.rejections = {r};
        input.reflections = {reflection(1, "2026-11-18", 2)};
        CHECK(signal(week_view(input), "take-a-break"));
    }
    SUBCASE("name-a-win: something logged, but no win") {
        StatsInput input;
        input.rejections = {rejection(1, "2026-11-24")};
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "name-a-win");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "No wins logged in these 8 weeks");
        BB_CHECK_CONTAINS(s->message, "bounceback log win");
        input.wins = {win(1, "2026-10-06", "Good call with a recruiter")};
        CHECK_FALSE(signal(week_view(input), "name-a-win"));
        CHECK_FALSE(signal(week_view({}), "name-a-win"));
    }
    SUBCASE("signals come in a fixed order, over a range too") {
        StatsInput input;
        for (int i = 1; i <= 6; ++i) {
            Rejection r = rejection(i, "2026-11-0" + std::to_string(i + 2),
                                    i <= 4 ? Stage::application : Stage::screen);
            r.tags = {"retail"};
            input.rejections.push_back(r);
        }
        const Stats stats = range_view(input, "2026-11-01", "2026-11-25");
        CHECK(signal_ids(stats) == std::vector<std::string>{"tailor-applications", "widen-search",
                                                            "ask-for-feedback", "name-a-win"});
        BB_CHECK_CONTAINS(stats.signals[0].message, "from 2026-11-01 to 2026-11-25");
    }
}

TEST_CASE("core::find_signals reach-people") {
    SUBCASE("fires when cold channels stop at the application stage and people got further") {
        StatsInput input;
        add_from(input, 4, "Job board", Stage::application);
        add_from(input, 2, "LinkedIn", Stage::application);
        add_from(input, 1, "LinkedIn", Stage::screen);
        add_from(input, 2, "referral", Stage::onsite);
        add_from(input, 1, "Referral", Stage::application);
        const Stats stats = week_view(input);
        const auto* s = signal(stats, "reach-people");
        REQUIRE(s);
        CHECK(s->message ==
              "6 of the 10 rejections in these 8 weeks that name a source came at the "
              "application stage through Job board and LinkedIn, while referral got to an "
              "interview in 2 of 3. Many roles are filled through people you know. Reaching out "
              "can open doors: an industry event, a professional group, or a message to a former "
              "colleague. That time counts for the connect habit too: `bounceback routine done "
              "connect`.");
        // In the order of the others: after widen-search, before ask-for-feedback.
        const auto ids = signal_ids(stats);
        const auto at = std::find(ids.begin(), ids.end(), "reach-people");
        CHECK(std::find(at, ids.end(), "tailor-applications") == ids.end());
    }
    SUBCASE("a channel marked personal counts as people") {
        StatsInput input;
        add_from(input, 5, "indeed", Stage::application);
        add_from(input, 2, "Meetup", Stage::screen);
        CHECK_FALSE(signal(week_view(input), "reach-people")); // meetup is cold by default
        Config config = run_config();
        config.sources.personal = {"meetup"};
        const Stats stats = week_view(input, k_today, 8, config); // s points into it
        const auto* s = signal(stats, "reach-people");
        REQUIRE(s);
        BB_CHECK_CONTAINS(s->message, "while Meetup got to an interview in 2 of 2");
    }
    SUBCASE("quiet on a handful of records") {
        StatsInput input;
        add_from(input, 4, "job board", Stage::application); // under network_min (5)
        add_from(input, 2, "referral", Stage::final);
        CHECK_FALSE(signal(week_view(input), "reach-people"));
        StatsInput one_referral;
        add_from(one_referral, 8, "job board", Stage::application);
        add_from(one_referral, 1, "referral", Stage::final); // under network_personal_min (2)
        CHECK_FALSE(signal(week_view(one_referral), "reach-people"));
    }
    SUBCASE("quiet when people got no further, or cold channels are not most") {
        StatsInput same;
        add_from(same, 6, "job board", Stage::application);
        add_from(same, 2, "referral", Stage::application);
        CHECK_FALSE(signal(week_view(same), "reach-people"));
        StatsInput spread;
        add_from(spread, 5, "job board", Stage::application);
        add_from(spread, 4, "job board", Stage::technical);
        add_from(spread, 3, "referral", Stage::final);
        CHECK_FALSE(signal(week_view(spread), "reach-people")); // 5 of 12 is under half
    }
    SUBCASE("the thresholds are [signals] keys (core::config_from_toml checks their ranges)") {
        StatsInput input;
        add_from(input, 3, "job board", Stage::application);
        add_from(input, 1, "referral", Stage::screen);
        CHECK_FALSE(signal(week_view(input), "reach-people"));
        Config config = run_config();
        config.signals.network_min = 3;
        config.signals.network_personal_min = 1;
        CHECK(signal(week_view(input, k_today, 8, config), "reach-people"));
        config.signals.network_share = 0.8;
        CHECK_FALSE(signal(week_view(input, k_today, 8, config), "reach-people")); // 3 of 4
    }
}

TEST_CASE("core::SignalTally") {
    bb::SignalTally tally;
    Rejection first = rejection(2, "2026-11-02", Stage::technical);
    first.tags = {"FinTech", "fintech"}; // one tag, counted once on a rejection
    first.feedback.areas = {"system design"};
    Rejection second = rejection(1, "2026-11-09", Stage::application);
    second.tags = {"fintech"};
    second.feedback.areas = {"resume"}; // not after an interview: not counted
    Rejection asked = rejection(3, "2026-11-16", Stage::onsite);
    asked.feedback.requested = day("2026-11-17");
    asked.feedback.areas = {"system design"};
    for (const auto& r : {second, asked, first}) {
        tally.add(r);
    }
    CHECK(tally.rejections == 3);
    REQUIRE(tally.tags.size() == 1);
    CHECK(tally.tags[0].count == 2);
    CHECK(tally.tags[0].written == "FinTech"); // as the earliest rejection wrote it
    CHECK(tally.interview_areas.size() == 1);
    CHECK(tally.interview_areas.at("system design") == 2);
    CHECK(tally.asked == 1);
    REQUIRE(tally.latest_unasked);
    CHECK(tally.latest_unasked->id == 1); // 2026-11-09, the later of the two never asked
}

TEST_CASE("core::find_signals from a tally") {
    const Stats stats = week_view({}); // nothing in the figures: only the tally speaks
    const std::vector<bb::HabitHistory> histories = {bb::HabitHistory("run", {})};
    bb::SignalTally tally;
    for (int id = 1; id <= 4; ++id) {
        tally.add(rejection(id, "2026-11-1" + std::to_string(id)));
    }
    bb::SignalThresholds thresholds;
    auto ids = [](const std::vector<bb::Signal>& signals) {
        std::vector<std::string> out;
        for (const auto& s : signals) {
            out.push_back(s.id);
        }
        return out;
    };
    const auto signals = bb::find_signals(stats, thresholds, tally, histories);
    REQUIRE(ids(signals) == std::vector<std::string>{"ask-for-feedback"});
    BB_CHECK_CONTAINS(signals[0].message, "`bounceback feedback-email 4` drafts one for Company 4");
    thresholds.feedback_min = 5;
    CHECK(bb::find_signals(stats, thresholds, tally, histories).empty());
}

TEST_CASE("core::signals_held_back and no_signals_message") {
    Stats stats;
    stats.signals = {{"take-a-break", "…"}, {"tailor-applications", "…"}, {"name-a-win", "…"}};
    SUBCASE("on a hard week, the first step alone, unless every signal is asked for") {
        CHECK(bb::signals_held_back(stats, false) == 2);
        CHECK(bb::signals_held_back(stats, true) == 0);
    }
    SUBCASE("on any other week, nothing waits") {
        stats.signals.erase(stats.signals.begin());
        CHECK(bb::signals_held_back(stats, false) == 0);
        stats.signals.clear();
        CHECK(bb::signals_held_back(stats, false) == 0);
    }
    SUBCASE("what is said when no signal applies") {
        stats.any_records = true;
        CHECK(bb::no_signals_message(stats) == "Nothing stands out. Keep going at your own pace.");
        stats.any_records = false;
        CHECK(bb::no_signals_message(stats) ==
              "Nothing to go on yet; signals appear as you log.");
    }
}
