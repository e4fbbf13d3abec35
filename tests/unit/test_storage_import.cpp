// Tests for lib/src/storage/import.cpp.
#include "bounceback/storage/import.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/paths.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Dataset;
using bb::RecordKind;
using bb::storage::Store;
using bb::test::entries_of;
using bb::test::error_from;
using bb::test::home_in;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

/// A home with records of every kind in two months.
void fill(Store& store) {
    for (int i = 0; i < 3; ++i) {
        bb::Rejection r;
        r.company = "Company " + std::to_string(i);
        r.date = i == 0 ? bb::Date{2026y / 10 / 3} : bb::Date{2026y / 11 / 3};
        store.add_rejection(r);
    }
    store.remove_rejection(3); // so the counter is ahead of the largest ID
    bb::Win w;
    w.date = 2026y / 11 / 4;
    w.text = "Yes";
    store.add_win(w);
    bb::Reflection f;
    f.date = 2026y / 11 / 5;
    f.rejection = 2;
    f.went_well = {"calm"};
    store.add_reflection(f);
    bb::Checkin c;
    c.date = 2026y / 11 / 6;
    c.habit = "walk";
    store.add_checkin(c);
}

/// Every file under `root` with its content, for comparing homes; the lock file, which taking
/// the lock creates, the derived cache/ and the tombstones of records removed (an export holds
/// the records there are) are left out.
std::map<std::string, std::string> files_of(const fs::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const fs::path relative = fs::relative(entry.path(), root);
        if (entry.is_regular_file() && entry.path().filename() != ".lock" &&
            entry.path().filename() != "deleted.toml" &&
            *relative.begin() != "cache") {
            out[relative.string()] = read_text(entry.path());
        }
    }
    return out;
}

} // namespace

TEST_CASE("storage::import_dataset") {
    TempDir tmp;
    Store source(home_in(tmp / "a"), 2s);
    fill(source);
    const Dataset all = bb::storage::read_dataset(source, bb::record_kinds());
    CHECK(all.size() == 5);
    CHECK(all.next.at("rejection") == 4);

    SUBCASE("into an empty home: the same files, byte for byte; again: no change") {
        Store target(home_in(tmp / "b"), 2s);
        std::size_t last_done = 0;
        std::size_t last_total = 0;
        const auto plan = bb::storage::import_dataset(target, all, false,
                                                      [&](std::size_t done, std::size_t total) {
                                                          last_done = done;
                                                          last_total = total;
                                                      });
        CHECK(plan.added.size() == 5);
        CHECK(last_total > 0);
        CHECK(last_done == last_total);
        CHECK(files_of(tmp / "a") == files_of(tmp / "b"));
        const auto again = bb::storage::import_dataset(target, all, false);
        CHECK(again.added.size() == 0);
        CHECK(files_of(tmp / "a") == files_of(tmp / "b"));
        CHECK(entries_of(tmp / "b" / "rejections") == entries_of(tmp / "a" / "rejections"));
    }
    SUBCASE("dry run writes nothing, not even the folder") {
        Store target(home_in(tmp / "c"), 2s);
        const auto plan = bb::storage::import_dataset(target, all, true);
        CHECK(plan.added.size() == 5);
        CHECK_FALSE(fs::exists(tmp / "c"));
    }
    SUBCASE("a month file that does not parse stops it before anything is written") {
        Store target(home_in(tmp / "d"), 2s);
        fs::create_directories(tmp / "d" / "rejections");
        write_text(tmp / "d" / "rejections" / "2020-01.toml",
                   "version = 1\n[[rejection]]\nid = \n");
        const auto before = files_of(tmp / "d");
        auto error = error_from([&] { bb::storage::import_dataset(target, all, false); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        CHECK(bb::test::contains(error->what(), "2020-01.toml:3"));
        CHECK(files_of(tmp / "d") == before);
    }
    SUBCASE("merging into a home with other records renumbers and moves the counter") {
        Store target(home_in(tmp / "e"), 2s);
        bb::Rejection mine;
        mine.company = "Mine";
        mine.date = 2026y / 11 / 1;
        target.add_rejection(mine);
        const auto plan = bb::storage::import_dataset(target, all, false);
        REQUIRE(plan.renumbered.size() == 1);
        CHECK(plan.renumbered[0].to == 4);
        CHECK(target.rejections().size() == 3);
        CHECK(target.reflections().at(0).rejection == 2);
        bb::Rejection later;
        later.company = "Later";
        later.date = 2026y / 11 / 20;
        CHECK(target.add_rejection(later).rejection.id == 5);
    }
}

TEST_CASE("storage::import_dataset with a review") {
    TempDir tmp;
    Store store(home_in(tmp / "h"), 2s);
    bb::Rejection by_hand;
    by_hand.company = "Acme";
    by_hand.date = 2026y / 11 / 2;
    store.add_rejection(by_hand);
    Dataset incoming;
    for (const char* company : {"Acme", "Globex"}) {
        bb::Rejection r;
        r.company = company;
        r.date = 2026y / 11 / 5;
        r.key = std::string(company) + "@mail";
        incoming.rejections.push_back(r);
    }
    std::size_t stored_seen = 0;
    const auto review = [&](const Dataset& stored, Dataset& in) {
        stored_seen = stored.rejections.size();
        std::erase_if(in.rejections, [](const bb::Rejection& r) { return r.company == "Acme"; });
    };
    SUBCASE("the review sees what is stored and drops what it will, dry run or not") {
        const auto dry = bb::storage::import_dataset(store, incoming, true, {}, nullptr, review);
        CHECK(stored_seen == 1);
        CHECK(dry.added.rejections.size() == 1);
        CHECK(store.rejections().size() == 1);
        const auto plan = bb::storage::import_dataset(store, incoming, false, {}, nullptr, review);
        REQUIRE(plan.added.rejections.size() == 1);
        CHECK(plan.added.rejections[0].company == "Globex");
        CHECK(plan.added.rejections[0].id == 2);
        CHECK(store.rejections().size() == 2);
    }
    SUBCASE("without one, both are added") {
        CHECK(bb::storage::import_dataset(store, incoming, false).added.rejections.size() == 2);
    }
}
