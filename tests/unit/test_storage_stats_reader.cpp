// Tests for lib/src/storage/stats_reader.cpp: a report read from the store is the report of the
// records it holds, and --all spans every record.
#include "bounceback/storage/stats_reader.hpp"

#include "bounceback/core/stats_output.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace std::chrono;
using bb::storage::Store;
using bb::test::home_in;
using bb::test::TempDir;

namespace {

bb::Rejection rejection(const char* company, bb::Date date, bb::Stage stage) {
    bb::Rejection r;
    r.company = company;
    r.date = date;
    r.stage = stage;
    return r;
}

} // namespace

TEST_CASE("storage::read_stats and range_or_everything_plan") {
    TempDir tmp;
    Store store(home_in(tmp / "home"));
    const bb::Config config;
    const bb::Date today = 2026y / 11 / 25;
    const bb::WeekStart monday = bb::WeekStart::monday;

    SUBCASE("an empty home: everything is the one day today, with nothing in it") {
        const bb::StatsPlan plan =
            bb::storage::range_or_everything_plan(store, std::nullopt, std::nullopt, monday, today);
        CHECK(plan.period.from == today);
        CHECK(plan.period.to == today);
        CHECK_FALSE(bb::storage::read_stats(store, plan, config, today).any_records);
    }
    SUBCASE("the same figures as compute_stats over the same records") {
        store.add_rejection(rejection("Acme", 2025y / 3 / 4, bb::Stage::screen));
        store.add_rejection(rejection("Globex", 2026y / 11 / 24, bb::Stage::application));
        store.add_rejection(rejection("Initech", 2026y / 11 / 20, bb::Stage::onsite));
        bb::Win win;
        win.date = 2026y / 11 / 23;
        win.text = "A good call";
        store.add_win(win);

        const bb::StatsPlan all =
            bb::storage::range_or_everything_plan(store, std::nullopt, std::nullopt, monday, today);
        CHECK(all.period.from == 2025y / 3 / 4);
        CHECK(all.period.to == today);
        const bb::Stats stats = bb::storage::read_stats(store, all, config, today);
        CHECK(stats.total.rejections.total() == 3);
        CHECK(stats.total.wins.size() == 1);

        bb::StatsInput input;
        input.rejections = store.rejections();
        input.wins = store.wins();
        const bb::Stats expected = bb::compute_stats(all.period, input, config, today);
        CHECK(stats.weeks.size() == expected.weeks.size());
        CHECK(bb::to_json(bb::stats_to_toml(stats)) == bb::to_json(bb::stats_to_toml(expected)));

        const bb::StatsPlan week = bb::week_plan(today, 1, bb::WeekStart::monday);
        const bb::Stats this_week = bb::storage::read_stats(store, week, config, today);
        CHECK(this_week.focus.rejections.total() == 1);
        REQUIRE(this_week.previous);
        CHECK(this_week.previous->rejections.at(bb::Stage::onsite) == 1);

        const bb::StatsPlan until = bb::storage::range_or_everything_plan(
            store, std::nullopt, 2026y / 11 / 21, monday, today);
        CHECK(until.period.to == 2026y / 11 / 21);
        CHECK(bb::storage::read_stats(store, until, config, today).total.rejections.total() == 2);

        const bb::StatsPlan since = bb::storage::range_or_everything_plan(
            store, 2026y / 11 / 1, std::nullopt, monday, today);
        CHECK(since.period.from == 2026y / 11 / 1);
        CHECK(since.period.to == today);
        CHECK(bb::storage::read_stats(store, since, config, today).total.rejections.total() == 2);
    }
}
