// Tests for lib/src/core/import_plan.cpp.
#include "bounceback/core/import_plan.hpp"

#include <doctest/doctest.h>

using bb::Dataset;
using bb::RecordKind;

namespace {

bb::Date day(unsigned d) {
    return bb::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{d}};
}

bb::Rejection rejection(std::int64_t id, std::string company, unsigned d = 1) {
    bb::Rejection r;
    r.id = id;
    r.company = std::move(company);
    r.date = day(d);
    return r;
}

} // namespace

TEST_CASE("core::plan_import") {
    Dataset existing;
    existing.rejections = {rejection(1, "Acme"), rejection(2, "Globex")};
    existing.next = {{"rejection", 5}};

    SUBCASE("into an empty home: IDs and counters kept") {
        const auto plan = bb::plan_import(Dataset{}, existing);
        CHECK(plan.added.rejections.size() == 2);
        CHECK(plan.added.rejections[1].id == 2);
        CHECK(plan.renumbered.empty());
        CHECK(plan.next.at("rejection") == 5);
    }
    SUBCASE("the same records again: all skipped, nothing changes") {
        const auto plan = bb::plan_import(existing, existing);
        CHECK(plan.added.size() == 0);
        CHECK(plan.skipped.at(RecordKind::rejection) == 2);
        CHECK(plan.next == existing.next);
    }
    SUBCASE("a taken ID with other content gets a new ID past every counter") {
        Dataset incoming;
        incoming.rejections = {rejection(1, "Initech"), rejection(9, "Hooli")};
        incoming.next = {{"rejection", 12}};
        const auto plan = bb::plan_import(existing, incoming);
        REQUIRE(plan.added.rejections.size() == 2);
        CHECK(plan.added.rejections[0].id == 12);
        CHECK(plan.added.rejections[1].id == 9);
        REQUIRE(plan.renumbered.size() == 1);
        CHECK(plan.renumbered[0].from == 1);
        CHECK(plan.renumbered[0].to == 12);
        CHECK(plan.next.at("rejection") == 13);
        // Importing the same file again matches the renumbered record by its content.
        Dataset after = existing;
        for (const auto& r : plan.added.rejections) {
            after.rejections.push_back(r);
        }
        after.next = plan.next;
        const auto again = bb::plan_import(after, incoming);
        CHECK(again.added.size() == 0);
        CHECK(again.next == after.next);
    }
    SUBCASE("the same content under another ID is a duplicate") {
        Dataset incoming;
        incoming.rejections = {rejection(40, "Globex")};
        const auto plan = bb::plan_import(existing, incoming);
        CHECK(plan.added.size() == 0);
        CHECK(plan.skipped.at(RecordKind::rejection) == 1);
    }
    SUBCASE("a key matches whatever the ID; the stored record is kept") {
        existing.rejections[0].key = "mail-1";
        Dataset incoming;
        auto r = rejection(30, "Acme (edited)");
        r.key = "mail-1";
        incoming.rejections = {r};
        const auto plan = bb::plan_import(existing, incoming);
        CHECK(plan.added.size() == 0);
        REQUIRE(plan.kept.size() == 1);
        CHECK(plan.kept[0].find("mail-1") != std::string::npos);
    }
    SUBCASE("spreadsheet rows without IDs get new ones, and importing twice adds nothing") {
        Dataset incoming;
        incoming.rejections = {rejection(0, "Umbrella"), rejection(0, "Umbrella"),
                               rejection(0, "Acme")};
        const auto plan = bb::plan_import(existing, incoming);
        REQUIRE(plan.added.rejections.size() == 2); // Acme is stored already
        CHECK(plan.added.rejections[0].id == 5);
        CHECK(plan.added.rejections[1].id == 6);
        CHECK(plan.renumbered.empty());
        CHECK(plan.skipped.at(RecordKind::rejection) == 1);
        Dataset after = existing;
        after.rejections.insert(after.rejections.end(), plan.added.rejections.begin(),
                                plan.added.rejections.end());
        after.next = plan.next;
        const auto again = bb::plan_import(after, incoming);
        CHECK(again.added.size() == 0);
        CHECK(again.skipped.at(RecordKind::rejection) == 3);
    }
    SUBCASE("a record logged twice (two IDs, same fields) is kept twice") {
        Dataset source;
        source.rejections = {rejection(1, "Acme"), rejection(2, "Acme")};
        const auto plan = bb::plan_import(Dataset{}, source);
        REQUIRE(plan.added.rejections.size() == 2);
        CHECK(plan.added.rejections[1].id == 2);
    }
    SUBCASE("a reflection follows its rejection's new ID") {
        Dataset incoming;
        incoming.rejections = {rejection(2, "Initech"), rejection(3, "Globex")};
        bb::Reflection to_new;
        to_new.id = 1;
        to_new.date = day(2);
        to_new.rejection = 2;
        bb::Reflection to_matched = to_new;
        to_matched.id = 2;
        to_matched.rejection = 3;
        incoming.reflections = {to_new, to_matched};
        const auto plan = bb::plan_import(existing, incoming);
        REQUIRE(plan.added.reflections.size() == 2);
        CHECK(plan.added.rejections.at(0).id == 5);
        CHECK(plan.added.reflections[0].rejection == 5);
        CHECK(plan.added.reflections[1].rejection == 2); // Globex is stored as 2
        CHECK(plan.next.at("reflection") == 3);
    }
    SUBCASE("check-ins match by habit and day") {
        bb::Checkin walk;
        walk.date = day(3);
        walk.habit = "walk";
        existing.checkins = {walk};
        bb::Checkin longer = walk;
        longer.minutes = 30;
        bb::Checkin other = walk;
        other.habit = "read";
        Dataset incoming;
        incoming.checkins = {walk, longer, other};
        const auto plan = bb::plan_import(existing, incoming);
        REQUIRE(plan.added.checkins.size() == 1);
        CHECK(plan.added.checkins[0].habit == "read");
        CHECK(plan.skipped.at(RecordKind::checkin) == 2);
        CHECK(plan.kept.size() == 1);
        CHECK_FALSE(plan.next.contains("checkin"));
    }
}

TEST_CASE("core::plan_import of a sheet imported again") {
    Dataset existing;
    bb::Rejection stored = rejection(4, "Acme", 20);
    stored.role = "Engineer";
    stored.applied = day(2);
    stored.stage = bb::Stage::screen;
    stored.feedback.text = "More depth"; // added in bounceback since
    existing.rejections = {stored};
    existing.next = {{"rejection", 5}};
    const std::vector<std::set<std::string>> keys = {
        {"company", "role", "applied", "stage", "date", "date_estimated", "note"}};

    SUBCASE("an edited cell updates the entry, keeping what the sheet does not hold") {
        bb::Rejection row = stored;
        row.id = 0;
        row.feedback = {};
        row.stage = bb::Stage::final;
        row.note = "second round went well";
        Dataset incoming;
        incoming.rejections = {row};
        const auto plan = bb::plan_import(existing, incoming, &keys);
        CHECK(plan.added.size() == 0);
        REQUIRE(plan.updated.size() == 1);
        CHECK(plan.updated[0].after.id == 4);
        CHECK(plan.updated[0].after.stage == bb::Stage::final);
        CHECK(plan.updated[0].after.feedback.text == "More depth");
        CHECK(plan.updated[0].fields == std::vector<std::string>{"note", "stage"});
    }
    SUBCASE("the same row unchanged: already there") {
        bb::Rejection row = stored;
        row.id = 0;
        row.feedback = {};
        Dataset incoming;
        incoming.rejections = {row};
        const auto plan = bb::plan_import(existing, incoming, &keys);
        CHECK(plan.updated.empty());
        CHECK(plan.skipped.at(RecordKind::rejection) == 1);
    }
    SUBCASE("company and role in another case still match; another applied date does not") {
        bb::Rejection same = stored;
        same.id = 0;
        same.company = "ACME";
        same.role = "engineer";
        same.date = day(21);
        bb::Rejection other = same;
        other.applied = day(3);
        Dataset incoming;
        incoming.rejections = {same, other};
        const std::vector<std::set<std::string>> both = {keys[0], keys[0]};
        const auto plan = bb::plan_import(existing, incoming, &both);
        CHECK(plan.updated.size() == 1);
        CHECK(plan.added.rejections.size() == 1);
    }
    SUBCASE("without sheet keys (an export), nothing is matched by who and when") {
        bb::Rejection row = stored;
        row.id = 0;
        row.stage = bb::Stage::final;
        Dataset incoming;
        incoming.rejections = {row};
        const auto plan = bb::plan_import(existing, incoming);
        CHECK(plan.updated.empty());
        CHECK(plan.added.rejections.size() == 1);
    }
}
