// Tests for lib/src/core/config.cpp.
#include "bounceback/core/config.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

using bb::Config;
using bb::StarterConfig;
using bb::WeekStart;
using bb::test::error_from;

namespace {

constexpr std::string_view k_file = "/home/u/.config/bounceback/config.toml";

Config config_of(std::string_view text) {
    return bb::config_from_toml(toml::parse(text, k_file), k_file);
}

/// The error config_from_toml throws for `text`.
std::optional<bb::Error> config_error(std::string_view text) {
    const toml::table parsed = toml::parse(text, k_file);
    return error_from([&] { bb::config_from_toml(parsed, k_file); });
}

/// Checks that `text` is refused as a bad config at `line`.
void check_refused_at(std::string_view text, int line) {
    CAPTURE(text);
    const auto error = config_error(text);
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::config);
    BB_CHECK_POSITION(error->what(), "config.toml", line);
}

} // namespace

TEST_CASE("core::config_from_toml") {
    SUBCASE("an empty file means the defaults") {
        const Config config = config_of("");
        CHECK_FALSE(config.name.has_value());
        CHECK_FALSE(config.email.has_value());
        CHECK_FALSE(config.signature.has_value());
        CHECK(config.week_start == WeekStart::monday);
        CHECK(config.habits.empty());
        CHECK(config.reflect_questions.empty());
        CHECK(config.signals.application_min == bb::SignalThresholds{}.application_min);
        CHECK(config.follow_up_days == 7);
    }
    SUBCASE("[me]") {
        const Config config = config_of("[me]\nname = \"Jane Doe\"\nemail = \"jane@example.com\"\n"
                                        "signature = \"\"\"Jane Doe\nData engineer\"\"\"\n");
        CHECK(config.name == "Jane Doe");
        CHECK(config.email == "jane@example.com");
        CHECK(config.signature == "Jane Doe\nData engineer");
    }
    SUBCASE("[me] with a bad value") {
        check_refused_at("[me]\nemail = \"jane at example\"\n", 2);
        check_refused_at("[me]\nname = \"two\\nlines\"\n", 2);
        check_refused_at("[me]\nname = 5\n", 2);
        check_refused_at("[me]\nnmae = \"Jane\"\n", 2);
        check_refused_at("me = 5\n", 1);
    }
    SUBCASE("a bad email is refused without repeating the value, which may be a secret") {
        const auto error = bb::test::error_from(
            [] { config_of("[me]\nemail = \"tok_live_4f9a8b7c6d5e\"\n"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        CHECK_FALSE(bb::test::contains(error->what(), "tok_live"));
        BB_CHECK_CONTAINS(error->what(), "email");
    }
    SUBCASE("[week] start") {
        CHECK(config_of("[week]\nstart = \"monday\"\n").week_start == WeekStart::monday);
        CHECK(config_of("[week]\nstart = \"sunday\"\n").week_start == WeekStart::sunday);
        // As `init --week-start Sunday` takes it: the case does not matter.
        CHECK(config_of("[week]\nstart = \"Sunday\"\n").week_start == WeekStart::sunday);
        CHECK(config_of("[week]\nstart = \"MONDAY\"\n").week_start == WeekStart::monday);
        CHECK(bb::parse_week_start(" sunday ") == WeekStart::sunday);
        CHECK_FALSE(bb::parse_week_start("sun").has_value());
    }
    SUBCASE("[week] start with a bad value") {
        check_refused_at("[week]\nstart = \"friday\"\n", 2);
        check_refused_at("[week]\nstart = \"Sundays\"\n", 2);
        check_refused_at("[week]\nstart = 1\n", 2);
        check_refused_at("[week]\nbegin = \"monday\"\n", 2);
    }
    SUBCASE("an unknown top-level key") {
        const auto error = config_error("colour = \"always\"\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), "config.toml", 1);
        BB_CHECK_CONTAINS(error->what(), "colour");
    }
    SUBCASE("[routine.habits.NAME]") {
        const Config config = config_of("[routine.habits.run]\nper_week = 3\n"
                                        "description = \"30 minutes outside\"\n"
                                        "[routine.habits.call-a-friend]\n");
        REQUIRE(config.habits.size() == 2);
        CHECK(config.habits.at("run").per_week == 3);
        CHECK(config.habits.at("run").description == "30 minutes outside");
        CHECK(config.habits.at("call-a-friend").per_week == 1);
        CHECK(config.habits.at("run").earlier_targets.empty());
    }
    SUBCASE("[routine.habits.NAME] earlier_targets") {
        const Config config =
            config_of("[routine.habits.run]\nper_week = 4\n[[routine.habits.run.earlier_targets]]\n"
                      "per_week = 2\nuntil = 2026-03-01\n[[routine.habits.run.earlier_targets]]\n"
                      "per_week = 3\nuntil = 2026-11-22\n");
        const bb::HabitConfig& run = config.habits.at("run");
        REQUIRE(run.earlier_targets.size() == 2);
        const auto day = [](int y, unsigned m, unsigned d) {
            return bb::util::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
        };
        CHECK(run.target_for_week(day(2026, 2, 23)) == 2);
        CHECK(run.target_for_week(day(2026, 3, 2)) == 3);
        CHECK(run.target_for_week(day(2026, 11, 16)) == 3);
        CHECK(run.target_for_week(day(2026, 11, 23)) == 4);
    }
    SUBCASE("[routine.habits.NAME] with a bad value") {
        check_refused_at("[routine.habits.run]\nper_week = 8\n", 2);
        check_refused_at("[routine.habits.run]\nper_week = 0\n", 2);
        check_refused_at("[routine.habits.run]\nper_week = \"3\"\n", 2);
        check_refused_at("[routine.habits.run]\nminutes = 30\n", 2);
        check_refused_at("[routine.habits.run]\nearlier_targets = 3\n", 2);
        check_refused_at("[routine.habits.run]\nearlier_targets = [{ per_week = 3 }]\n", 2);
        check_refused_at(
            "[routine.habits.run]\nearlier_targets = [{ per_week = 9, until = 2026-11-22 }]\n", 2);
        check_refused_at(
            "[routine.habits.run]\nearlier_targets = [{ per_week = 3, until = \"2026-11-22\" }]\n",
            2);
        check_refused_at("[routine.habits.run]\nearlier_targets = [{ per_week = 3, until = "
                         "2026-11-22 }, { per_week = 2, until = 2026-11-01 }]\n",
                         2);
        const auto error = config_error("[routine.habits.\"two words\"]\nper_week = 1\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_CONTAINS(error->what(), "two words");
    }
    SUBCASE("[reflect] questions") {
        const Config config =
            config_of("[reflect]\nquestions = [\"What went well?\", \"What next?\"]\n");
        REQUIRE(config.reflect_questions.size() == 2);
        CHECK(config.reflect_questions[1] == "What next?");
        check_refused_at("[reflect]\nquestions = \"What went well?\"\n", 2);
        check_refused_at("[reflect]\nquestions = [\"ok\", 3]\n", 2);
        // Five fill went_well … next; a sixth has no list to go to.
        CHECK(config_of("[reflect]\nquestions = [\"1\", \"2\", \"3\", \"4\", \"5\"]\n")
                  .reflect_questions.size() == 5);
        check_refused_at("[reflect]\nquestions = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\"]\n", 2);
    }
    SUBCASE("[signals] thresholds") {
        const Config config = config_of("[signals]\napplication_min = 5\nmood_low = 2.5\n");
        CHECK(config.signals.application_min == 5);
        CHECK(config.signals.mood_low == 2.5);
        check_refused_at("[signals]\nmood_low = \"low\"\n", 2);
    }
    SUBCASE("[feedback] follow_up_days") {
        CHECK(config_of("[feedback]\nfollow_up_days = 14\n").follow_up_days == 14);
        check_refused_at("[feedback]\nfollow_up_days = 0\n", 2);
        check_refused_at("[feedback]\nfollow_up_days = 366\n", 2);
    }
}

TEST_CASE("core::config_from_toml [signals]") {
    SUBCASE("defaults") {
        const auto t = config_of("").signals;
        CHECK(t.application_share == 0.5);
        CHECK(t.application_min == 3);
        CHECK(t.interview_min == 3);
        CHECK(t.tag_share == 0.5);
        CHECK(t.tag_min == 4);
        CHECK(t.feedback_share == 0.25);
        CHECK(t.feedback_min == 4);
        CHECK(t.routine_weeks == 2);
        CHECK(t.mood_low == 2.0);
        CHECK(t.mood_weeks == 2);
        CHECK(t.network_share == 0.5);
        CHECK(t.network_min == 5);
        CHECK(t.network_personal_min == 2);
    }
    SUBCASE("config keys override them") {
        const auto t = config_of("[signals]\napplication_share = 0.8\ninterview_min = 5\n"
                                 "mood_low = 1.5\nroutine_weeks = 3\nnetwork_personal_min = 1\n")
                           .signals;
        CHECK(t.application_share == 0.8);
        CHECK(t.interview_min == 5);
        CHECK(t.mood_low == 1.5);
        CHECK(t.routine_weeks == 3);
        CHECK(t.network_personal_min == 1);
        CHECK(t.tag_min == 4);
    }
    SUBCASE("an unknown key is a config error at its place, with a suggestion") {
        const auto error = config_error("[signals]\ninterview_mni = 2\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), "config.toml", 2);
        BB_CHECK_CONTAINS(error->what(), "[signals] unknown key 'interview_mni'");
        BB_CHECK_CONTAINS(error->what(), "did you mean 'interview_min'");
    }
    SUBCASE("values out of range are config errors at their place, naming the key") {
        for (const char* line : {"tag_share = 1.5", "tag_share = 0", "feedback_min = 2.5",
                                 "feedback_min = 0", "mood_weeks = 53", "mood_low = 6",
                                 "network_share = 1.5", "network_personal_min = 0"}) {
            CAPTURE(line);
            const auto error = config_error(std::string("[me]\nname = \"A\"\n[signals]\n") + line);
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::config);
            BB_CHECK_POSITION(error->what(), "config.toml", 4);
            const std::string_view text(line);
            BB_CHECK_CONTAINS(error->what(),
                              "[signals] " + std::string(text.substr(0, text.find(' '))) + " = ");
        }
        BB_CHECK_CONTAINS(config_error("[signals]\ntag_share = 2\n")->what(),
                          "[signals] tag_share = 2: must be a share above 0 and at most 1");
    }
    SUBCASE("a value that is not a number") {
        check_refused_at("[signals]\ntag_share = \"x\"\n", 2);
        BB_CHECK_CONTAINS(config_error("[signals]\ntag_share = \"x\"\n")->what(),
                          "signals.tag_share must be a number");
    }
}

TEST_CASE("core::starter_config_text") {
    SUBCASE("what init asked for reads back") {
        StarterConfig starter;
        starter.name = "Jane Doe";
        starter.email = "jane@example.com";
        starter.signature = "Jane Doe\nData engineer";
        starter.week_start = WeekStart::sunday;
        const std::string text = bb::starter_config_text(starter);
        BB_CHECK_CONTAINS(text, "Jane Doe");
        BB_CHECK_CONTAINS(text, "jane@example.com");
        const Config config = config_of(text);
        CHECK(config.name == "Jane Doe");
        CHECK(config.email == "jane@example.com");
        CHECK(config.signature == "Jane Doe\nData engineer");
        CHECK(config.week_start == WeekStart::sunday);
    }
    SUBCASE("quotes and backslashes in a name are escaped") {
        StarterConfig starter;
        starter.name = "Ann \"Nan\" O'Brien \\ Jr";
        const Config config = config_of(bb::starter_config_text(starter));
        CHECK(config.name == "Ann \"Nan\" O'Brien \\ Jr");
    }
    SUBCASE("a name with accents is kept as written") {
        StarterConfig starter;
        starter.name = "Jos\xc3\xa9 N\xc3\xba\xc3\xb1"
                       "ez";
        const std::string text = bb::starter_config_text(starter);
        BB_CHECK_CONTAINS(text, "Jos\xc3\xa9 N\xc3\xba\xc3\xb1"
                                "ez");
        CHECK(config_of(text).name == starter.name);
    }
    SUBCASE("nothing set: the keys are shown commented out and the defaults hold") {
        const std::string text = bb::starter_config_text(StarterConfig{});
        BB_CHECK_CONTAINS(text, "# name = ");
        BB_CHECK_CONTAINS(text, "# email = ");
        const Config config = config_of(text);
        CHECK_FALSE(config.name.has_value());
        CHECK_FALSE(config.email.has_value());
        CHECK(config.week_start == WeekStart::monday);
        CHECK(config.follow_up_days == 7);
    }
}

TEST_CASE("core::config_from_toml goal and sources") {
    SUBCASE("[me] goal") {
        CHECK(config_of("[me]\ngoal = \"Lead a small team\"\n").goal == "Lead a small team");
        CHECK_FALSE(config_of("[me]\nname = \"Jane\"\n").goal);
        check_refused_at("[me]\nname = \"Jane\"\ngoal = \"\"\n", 3);
        check_refused_at("[me]\n\ngoal = \"two\\nlines\"\n", 3);
        check_refused_at("[me]\ngoal = \"hidden\\u202Eeman\"\n", 2);
        check_refused_at("[me]\ngoal = 3\n", 2);
        const std::string longest(bb::k_max_goal_length, 'a');
        CHECK(config_of("[me]\ngoal = \"" + longest + "\"\n").goal == longest);
        check_refused_at("[me]\ngoal = \"" + longest + "b\"\n", 2);
        // Characters, not bytes: 300 accented letters are fine.
        std::string accents;
        for (std::size_t i = 0; i < bb::k_max_goal_length; ++i) {
            accents += "\xc3\xa9";
        }
        CHECK(config_of("[me]\ngoal = \"" + accents + "\"\n").goal == accents);
    }
    SUBCASE("[sources] aliases and personal channels") {
        const Config config = config_of("[sources]\nlinkedin = [\"LinkedIn Jobs\", \"linked in\"]\n"
                                        "meetup = []\npersonal = [\"meetup\", \"alumni\"]\n");
        REQUIRE(config.sources.aliases.size() == 2);
        CHECK(config.sources.aliases.at("linkedin") ==
              std::vector<std::string>{"LinkedIn Jobs", "linked in"});
        CHECK(config.sources.aliases.at("meetup").empty());
        CHECK(config.sources.personal == std::vector<std::string>{"meetup", "alumni"});
    }
    SUBCASE("[sources] mistakes say where") {
        check_refused_at("[sources]\nlinkedin = \"LinkedIn Jobs\"\n", 2);
        check_refused_at("[sources]\nlinkedin = [\"LinkedIn Jobs\", 3]\n", 2);
        check_refused_at("[sources]\nlinkedin = [\"LinkedIn Jobs\"]\nindeed = [\"linkedin-jobs\"]\n",
                         3);
        check_refused_at("[sources]\nlinkedin = [\"\"]\n", 2);
        check_refused_at("[sources]\npersonal = \"referral\"\n", 2);
        check_refused_at("sources = 3\n", 1);
    }
    SUBCASE("the starter text shows goal and [sources], and holds a goal init asked for") {
        StarterConfig starter;
        CHECK_FALSE(config_of(bb::starter_config_text(starter)).goal);
        BB_CHECK_CONTAINS(bb::starter_config_text(starter), "# goal = ");
        BB_CHECK_CONTAINS(bb::starter_config_text(starter), "[sources]");
        starter.goal = "Build \"tools\" nurses rely on";
        CHECK(config_of(bb::starter_config_text(starter)).goal == starter.goal);
    }
}
