// Tests for lib/src/core/stats_output.cpp.
#include "bounceback/core/stats_output.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/util/text.hpp"
#include "stats_fixtures.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <toml++/toml.h>

using namespace bb::test::stats_fixtures;

namespace {

/// A small week with something of everything, for the output formats.
Stats sample_stats() {
    StatsInput input;
    Rejection r = rejection(1, "2026-11-24", Stage::technical);
    r.feedback.requested = day("2026-11-24");
    r.applied = day("2026-11-10");
    r.feeling = 2;
    input.rejections = {r, rejection(2, "2026-11-17")};
    input.wins = {win(1, "2026-11-23", "Finished the take-home, \"at last\"")};
    input.reflections = {reflection(1, "2026-11-25", 3)};
    input.checkins = done_on("run", {"2026-11-23", "2026-11-24"});
    return week_view(input, k_today, 2);
}

} // namespace

TEST_CASE("core::stats_to_toml") {
    const Stats stats = sample_stats();
    const toml::table t = bb::stats_to_toml(stats);
    SUBCASE("the contract keys, with the figures") {
        CHECK(t["range"]["from"].value<toml::date>() == toml::date{2026, 11, 16});
        CHECK(t["range"]["to"].value<toml::date>() == toml::date{2026, 11, 29});
        CHECK(t["view"].value<std::string>() == "week");
        const auto* weeks = t["weeks"].as_array();
        REQUIRE(weeks);
        REQUIRE(weeks->size() == 2);
        const auto& w48 = *weeks->get(1)->as_table();
        CHECK(w48["week"].value<std::string>() == "2026-W48");
        CHECK(w48["rejections"]["total"].value<std::int64_t>() == 1);
        CHECK(w48["rejections"]["change"].value<std::int64_t>() == 0);
        CHECK(w48["rejections"]["by_stage"]["technical"].value<std::int64_t>() == 1);
        CHECK(w48["rejections"]["by_stage"]["application"].value<std::int64_t>() == 0);
        CHECK(w48["feedback"]["requested"].value<std::int64_t>() == 1);
        CHECK(w48["feedback"]["received"].value<std::int64_t>() == 0);
        CHECK(w48["feedback"]["response_rate"].value<double>() == 0.0);
        CHECK(w48["median_days_to_answer"].value<double>() == 14.0);
        CHECK(w48["mood"].value<double>() == 2.5);
        CHECK(w48["wins"].value<std::int64_t>() == 1);
        CHECK(w48["reflections"].value<std::int64_t>() == 1);
        CHECK(w48["routine"]["run"]["done"].value<std::int64_t>() == 2);
        CHECK(w48["routine"]["run"]["target"].value<std::int64_t>() == 3);
        const auto& w47 = *weeks->get(0)->as_table();
        CHECK(w47["rejections"]["by_stage"]["unknown"].value<std::int64_t>() == 1);
        CHECK_FALSE(w47.contains("mood")); // absent values are omitted
        CHECK(t["routine"]["run"]["streak_unit"].value<std::string>() == "weeks");
        CHECK(t["signals"].as_array() != nullptr);
    }
    SUBCASE("Python's json reads it, with every contract key") {
        bb::test::TempDir tmp;
        bb::test::write_text(tmp / "stats.json", bb::to_json(t));
        const auto result = bb::test::run_python(tmp.path(), R"(
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert set(data["range"]) == {"from", "to"}, data["range"]
for week in data["weeks"]:
    assert week["week"].count("-W") == 1
    assert {"total", "by_stage"} <= set(week["rejections"])
    assert set(week["rejections"]["by_stage"]) == {"application", "screen", "technical",
        "onsite", "final", "offer", "unknown"}
    assert {"requested", "received"} <= set(week["feedback"])
    assert isinstance(week["wins"], int) and isinstance(week["reflections"], int)
    for habit in week["routine"].values():
        assert {"done", "target"} <= set(habit)
for s in data["signals"]:
    assert set(s) == {"id", "message"}
print(data["weeks"][1]["win_list"][0]["text"], end="")
)",
                                                 {(tmp / "stats.json").string()});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "Finished the take-home, \"at last\"");
    }
}

TEST_CASE("core::stats_to_csv") {
    const std::string csv = bb::stats_to_csv(sample_stats());
    SUBCASE("a header, then one row per week, CRLF") {
        const auto lines = bb::util::split_lines(csv);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "week,from,to,rejections,application,screen,technical,onsite,final,offer,"
                          "unknown,change,feedback_requested,feedback_received,feedback_answered,"
                          "response_rate,median_days_to_answer,mood,reflections,wins,"
                          "routine_run_done,routine_run_target,folded_before,feedback_followed_up");
        CHECK(lines[2] ==
              "2026-W48,2026-11-23,2026-11-29,1,0,0,1,0,0,0,0,0,1,0,0,0,14,2.5,1,1,2,3,0,0");
        CHECK(csv.find("\r\n") != std::string::npos);
    }
    SUBCASE("Python's csv reads it") {
        bb::test::TempDir tmp;
        bb::test::write_text(tmp / "stats.csv", csv);
        const auto result = bb::test::run_python(tmp.path(), R"(
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2, rows
assert rows[0]["week"] == "2026-W47" and rows[0]["unknown"] == "1", rows[0]
assert rows[0]["mood"] == "" and rows[0]["change"] == "1", rows[0]
print(rows[1]["rejections"], end="")
)",
                                                 {(tmp / "stats.csv").string()});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "1");
    }
}
