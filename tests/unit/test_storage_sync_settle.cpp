// Tests for lib/src/storage/sync_settle.cpp: what a sync does to the months after a merge.
#include "bounceback/storage/store.hpp"
#include "storage/counters.hpp"
#include "storage/partition.hpp"
#include "storage/partition_cache.hpp"
#include "storage/sync_settle.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Reflection;
using bb::Rejection;
using bb::storage::Store;
using bb::storage::detail::CacheFolder;
using bb::storage::detail::cache_written_partition;
using bb::storage::detail::known_records;
using bb::storage::detail::partition_text;
using bb::storage::detail::read_counters;
using bb::storage::detail::read_partition_cached;
using bb::storage::detail::settle_merged;
using bb::test::home_in;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

// Two uids in the order settling compares them: the smaller keeps a shared number.
constexpr const char* k_uid_small = "01900000-0000-7000-8000-000000000001";
constexpr const char* k_uid_large = "01900000-0000-7000-8000-000000000002";
constexpr const char* k_uid_reflection = "01900000-0000-7000-8000-000000000003";

Rejection rejection(std::int64_t id, const char* uid, std::string company, bb::Date date) {
    Rejection r;
    r.id = id;
    r.uid = uid;
    r.company = std::move(company);
    r.date = date;
    return r;
}

/// A home as a merge leaves it: Acme (October) and Initech (November) both hold number 1, and a
/// reflection on Initech links it by uid. October's month has a comment of the person's.
struct Merged {
    TempDir tmp;
    Store store{home_in(tmp / "home"), 2s};
    fs::path october = store.rejections_dir() / "2026-10.toml";
    fs::path november = store.rejections_dir() / "2026-11.toml";
    std::string october_text;

    Merged() {
        store.make_data_folder();
        fs::create_directories(store.rejections_dir());
        fs::create_directories(store.paths().data_dir / "reflections");
        october_text = "# applied through a friend\n" +
                       partition_text(std::vector{
                           rejection(1, k_uid_small, "Acme", 2026y / 10 / 12)});
        write_text(october, october_text);
        write_text(november, partition_text(std::vector{
                                 rejection(1, k_uid_large, "Initech", 2026y / 11 / 5)}));
        Reflection reflection;
        reflection.id = 1;
        reflection.uid = k_uid_reflection;
        reflection.date = 2026y / 11 / 6;
        reflection.rejection = 1;
        reflection.rejection_uid = k_uid_large;
        reflection.went_well = {"the take-home"};
        write_text(store.paths().data_dir / "reflections" / "2026-11.toml",
                   partition_text(std::vector{reflection}));
    }

    std::vector<Rejection> november_records() const {
        return bb::storage::detail::records_from_text<Rejection>(read_text(november),
                                                                 "2026-11.toml");
    }
};

} // namespace

TEST_CASE("storage::settle_merged: one record per number, the same way on every machine") {
    Merged m;
    const auto notes = settle_merged(m.store);

    const auto known = known_records(m.store);
    REQUIRE(known.count(k_uid_small) == 1);
    REQUIRE(known.count(k_uid_large) == 1);
    CHECK(known.at(k_uid_small).id == 1); // the smaller uid keeps the number
    CHECK(known.at(k_uid_large).id == 2); // the other takes the next free one
    // The reflection follows its rejection's uid to the new number.
    const auto reflections = m.store.reflections();
    REQUIRE(reflections.size() == 1);
    CHECK(reflections.front().rejection == std::optional<std::int64_t>(2));
    // The counter is past every number.
    CHECK(read_counters(m.store.make_data_folder()).at("rejection") == 3);
    // A month whose records do not change is not written: the person's comment stays.
    CHECK(read_text(m.october) == m.october_text);
    CHECK(notes.empty());

    SUBCASE("settling again changes nothing") {
        const std::string november = read_text(m.november);
        CHECK(settle_merged(m.store).empty());
        CHECK(read_text(m.november) == november);
        CHECK(read_text(m.october) == m.october_text);
    }
}

TEST_CASE("storage::settle_merged: the months are read from their files, never the cache") {
    Merged m;
    // A cache that says November holds another company than the file does, and that readers
    // believe: it names the file's text (as a forged one could).
    const CacheFolder cache(m.store.paths().cache_dir, "rejections");
    const auto dir = m.store.make_data_folder().open_sub("rejections");
    REQUIRE(dir);
    cache_written_partition(*dir, "2026-11.toml", cache, read_text(m.november),
                            std::vector{rejection(1, k_uid_large, "Wrong Inc", 2026y / 11 / 5)});
    std::vector<Rejection> cached;
    read_partition_cached(*dir, "2026-11.toml", cache, cached);
    REQUIRE(cached.size() == 1);
    REQUIRE(cached.front().company == "Wrong Inc"); // the cache is believed by readers

    settle_merged(m.store);

    const auto november = m.november_records();
    REQUIRE(november.size() == 1);
    CHECK(november.front().company == "Initech"); // what the file held, renumbered
    CHECK(november.front().id == 2);
    CHECK(read_text(m.october) == m.october_text);
}
