// Tests for lib/src/core/merge.cpp.
#include "bounceback/core/merge.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

using namespace std::chrono;
using namespace bb;

namespace {

Rejection rejection(std::int64_t id, std::string uid, std::string company) {
    Rejection r;
    r.id = id;
    r.uid = std::move(uid);
    r.company = std::move(company);
    r.date = 2026y / 11 / 5;
    return r;
}

const std::string k_a = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b";
const std::string k_b = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5c";
const std::string k_c = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5d";

template <typename Record>
const Record* find_uid(const std::vector<Record>& records, const std::string& uid) {
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Record& r) { return r.uid == uid; });
    return it == records.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("merge_records: records added on either side are all kept") {
    const auto base = std::vector{rejection(1, k_a, "Acme")};
    auto ours = base;
    ours.push_back(rejection(2, k_b, "Initech"));
    auto theirs = base;
    theirs.push_back(rejection(2, k_c, "Globex"));
    const auto merged = merge_records(base, ours, theirs, Later::theirs);
    CHECK(merged.records.size() == 3);
    CHECK(merged.notes.empty());
}

TEST_CASE("merge_records: different fields changed on two sides are combined") {
    const auto base = std::vector{rejection(1, k_a, "Acme")};
    auto ours = base;
    ours[0].role = "Engineer";
    auto theirs = base;
    theirs[0].stage = Stage::onsite;
    const auto merged = merge_records(base, ours, theirs, Later::ours);
    REQUIRE(merged.records.size() == 1);
    CHECK(merged.records[0].role == "Engineer");
    CHECK(merged.records[0].stage == Stage::onsite);
    CHECK(merged.notes.empty());
}

TEST_CASE("merge_records: the same field changed on both keeps the later change and says what "
          "it replaced") {
    const auto base = std::vector{rejection(1, k_a, "Acme")};
    auto ours = base;
    ours[0].role = "Engineer";
    auto theirs = base;
    theirs[0].role = "Staff engineer";
    const auto later_theirs = merge_records(base, ours, theirs, Later::theirs);
    CHECK(later_theirs.records[0].role == "Staff engineer");
    REQUIRE(later_theirs.notes.size() == 1);
    CHECK(later_theirs.notes[0] ==
          "rejection 1 (Acme): both machines changed role; kept \"Staff engineer\" (the later "
          "change), replacing \"Engineer\".");
    const auto later_ours = merge_records(base, ours, theirs, Later::ours);
    CHECK(later_ours.records[0].role == "Engineer");
}

TEST_CASE("merge_records: a removal stands unless the other side changed the record") {
    const auto base = std::vector{rejection(1, k_a, "Acme"), rejection(2, k_b, "Initech")};
    const std::vector<Rejection> ours = {base[1]}; // removed 1
    auto theirs = base;
    theirs[1].note = "changed"; // and 2 changed there, 1 untouched
    const auto merged = merge_records(base, ours, theirs, Later::theirs);
    CHECK(find_uid(merged.records, k_a) == nullptr);
    REQUIRE(find_uid(merged.records, k_b) != nullptr);
    CHECK(find_uid(merged.records, k_b)->note == "changed");
    CHECK(merged.notes.empty());

    // Removed here, changed there: kept, and said.
    auto edited = base;
    edited[0].role = "Engineer";
    const auto kept = merge_records(base, ours, edited, Later::ours);
    REQUIRE(find_uid(kept.records, k_a) != nullptr);
    CHECK(find_uid(kept.records, k_a)->role == "Engineer");
    REQUIRE(kept.notes.size() == 1);
    CHECK(kept.notes[0].find("bounceback log rm 1") != std::string::npos);
}

TEST_CASE("merge_records: check-ins merge per habit and day") {
    auto checkin = [](std::string habit, Date date, CheckinStatus status) {
        Checkin c;
        c.habit = std::move(habit);
        c.date = date;
        c.status = status;
        return c;
    };
    const std::vector<Checkin> base;
    const std::vector<Checkin> ours = {checkin("exercise", 2026y / 11 / 5, CheckinStatus::done)};
    const std::vector<Checkin> theirs = {checkin("exercise", 2026y / 11 / 5, CheckinStatus::done),
                                         checkin("exercise", 2026y / 11 / 6, CheckinStatus::skip)};
    const auto merged = merge_records(base, ours, theirs, Later::theirs);
    CHECK(merged.records.size() == 2);
}

TEST_CASE("settle_numbers: the smallest uid keeps a shared number; the others follow, in uid "
          "order, after the highest number given out") {
    std::vector<Rejection> records = {rejection(3, k_c, "Globex"), rejection(3, k_a, "Acme"),
                                      rejection(3, k_b, "Initech"), rejection(4, k_a + "x", "X")};
    records[3].uid = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5e";
    const auto changed = settle_numbers(records, 6);
    REQUIRE(changed.size() == 2);
    CHECK(find_uid(records, k_a)->id == 3);
    CHECK(find_uid(records, k_b)->id == 7);
    CHECK(find_uid(records, k_c)->id == 8);
    CHECK(changed[0].from == 3);
    CHECK(changed[0].to == 7);
    CHECK(changed[0].label == "rejection 7 (Initech)");
    // The same records in another order settle the same way.
    std::vector<Rejection> again = {rejection(3, k_b, "Initech"), rejection(3, k_c, "Globex"),
                                    rejection(3, k_a, "Acme")};
    settle_numbers(again, 6);
    CHECK(find_uid(again, k_b)->id == 7);
    CHECK(find_uid(again, k_c)->id == 8);
}

TEST_CASE("describe_changes: one line per record added, changed or removed") {
    auto acme = rejection(1, k_a, "Acme");
    acme.stage = Stage::onsite;
    const auto initech = rejection(2, k_b, "Initech");
    auto changed = initech;
    changed.note = "n";
    const auto lines = describe_changes(std::vector{initech, rejection(3, k_c, "Gone")},
                                        std::vector{acme, changed});
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "log: Acme, rejected at onsite");
    CHECK(lines[1] == "edit: rejection 2 (Initech)");
    CHECK(lines[2] == "rm: rejection 3 (Gone)");
}

TEST_CASE("merge_settings: key by key, the later side where both changed one") {
    const auto base = toml::parse("[me]\nname = \"Ada\"\n[routine.habits.exercise]\nper_week = 3\n");
    const auto ours = toml::parse("[me]\nname = \"Ada L.\"\n[routine.habits.exercise]\nper_week = 3\n");
    const auto theirs = toml::parse(
        "[me]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[routine.habits.exercise]\nper_week = 4\n"
        "[routine.habits.read]\nper_week = 2\n");
    std::vector<std::string> notes;
    const toml::table merged = merge_settings(base, ours, theirs, Later::theirs, notes);
    CHECK(merged["me"]["name"].value<std::string>() == "Ada L.");
    CHECK(merged["me"]["email"].value<std::string>() == "ada@example.org");
    CHECK(merged["routine"]["habits"]["exercise"]["per_week"].value<int>() == 4);
    CHECK(merged["routine"]["habits"]["read"]["per_week"].value<int>() == 2);
    CHECK(notes.empty());

    const auto other = toml::parse("[me]\nname = \"Ada B.\"\n");
    const toml::table both = merge_settings(base, ours, other, Later::ours, notes);
    CHECK(both["me"]["name"].value<std::string>() == "Ada L.");
    CHECK_FALSE(both.contains("routine")); // removed there, unchanged here
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "Settings: both machines changed me.name; kept \"Ada L.\" (the later change), "
                      "replacing \"Ada B.\".");
}
