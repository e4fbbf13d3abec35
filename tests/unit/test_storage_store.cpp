// Tests for lib/src/storage/store.cpp.
#include "bounceback/storage/store.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/paths.hpp"
#include "storage/partition.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <toml++/toml.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Rejection;
using bb::Win;
using bb::storage::DateRange;
using bb::storage::Store;
using bb::storage::detail::partition_text;
using bb::storage::detail::records_from_text;
using bb::test::describe;
using bb::test::entries_of;
using bb::test::error_from;
using bb::test::full_rejection;
using bb::test::home_in;
using bb::test::mode_of;
using bb::test::read_text;
using bb::test::tables_of;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

Rejection draft(std::string company, bb::Date date) {
    Rejection r;
    r.company = std::move(company);
    r.date = date;
    return r;
}

Win win_draft(std::string text, bb::Date date) {
    Win w;
    w.text = std::move(text);
    w.date = date;
    return w;
}

/// The IDs of `records`, space-separated, in their order.
template <typename Record> std::string ids_of(const std::vector<Record>& records) {
    std::string out;
    for (const auto& r : records) {
        out += (out.empty() ? "" : " ") + std::to_string(r.id);
    }
    return out;
}

/// A store in a fresh temp folder; writers give up on the lock after two seconds.
struct Fixture {
    TempDir tmp;
    Store store{home_in(tmp / "home"), 2s};

    fs::path rejections(std::string_view name) const { return store.rejections_dir() / name; }
};

constexpr bb::Date k_oct_10 = 2026y / 10 / 10;
constexpr bb::Date k_oct_31 = 2026y / 10 / 31;
constexpr bb::Date k_nov_01 = 2026y / 11 / 1;
constexpr bb::Date k_nov_15 = 2026y / 11 / 15;

// A November partition that toml++ cannot parse: an unterminated string on line 4.
constexpr std::string_view k_garbage = "version = 1\n\n[[rejection]]\ncompany = \"Acme\nid = 1\n";

} // namespace

TEST_CASE("storage::Store::add_rejection") {
    Fixture f;
    Store& store = f.store;

    SUBCASE("IDs are 1, 2, 3") {
        for (std::int64_t expected = 1; expected <= 3; ++expected) {
            const auto added =
                store.add_rejection(draft("Company " + std::to_string(expected), k_nov_01));
            CHECK(added.created);
            CHECK(added.rejection.id == expected);
        }
        CHECK(ids_of(store.rejections()) == "1 2 3");
    }
    SUBCASE("the record comes back as it was stored") {
        Rejection r = draft("Acme", k_nov_15);
        r.role = "Engineer";
        r.stage = bb::Stage::onsite;
        r.applied = k_oct_10;
        r.tags = {"remote"};
        r.feeling = 3;
        r.note = "Two\nlines";
        r.feedback.requested = k_nov_15;
        const Rejection stored = store.add_rejection(r).rejection;
        r.id = stored.id;
        CHECK(describe(stored) == describe(r));
        CHECK(describe(store.rejection(stored.id)) == describe(r));
    }
    SUBCASE("the file is rejections/YYYY-MM.toml by the record's date, with version = 1") {
        store.add_rejection(draft("Acme", k_nov_15));
        store.add_rejection(draft("Globex", k_oct_31));
        CHECK(entries_of(store.rejections_dir()) == "2026-10.toml 2026-11.toml");
        const toml::table doc =
            toml::parse(read_text(f.rejections("2026-11.toml")), std::string_view("2026-11.toml"));
        CHECK(doc["version"].value<std::int64_t>() == 1);
        REQUIRE(doc["rejection"].is_array_of_tables());
        REQUIRE(doc["rejection"].as_array()->size() == 1);
        CHECK(doc["rejection"][0]["company"].value<std::string>() == "Acme");
        CHECK(doc["rejection"][0]["date"].value<toml::date>() == toml::date{2026, 11, 15});
        CHECK(doc["rejection"][0]["id"].value<std::int64_t>() == 1);
        BB_CHECK_CONTAINS(read_text(f.rejections("2026-10.toml")), "version = 1\n");
        BB_CHECK_CONTAINS(read_text(f.rejections("2026-10.toml")), "Globex");
    }
    SUBCASE("IDs are never reused after a remove") {
        store.add_rejection(draft("A", k_nov_01));
        store.add_rejection(draft("B", k_nov_01));
        store.add_rejection(draft("C", k_nov_01));
        store.remove_rejection(3);
        CHECK(store.add_rejection(draft("D", k_nov_01)).rejection.id == 4);
        store.remove_rejection(4);
        store.remove_rejection(2);
        CHECK(store.add_rejection(draft("E", k_oct_10)).rejection.id == 5);
        CHECK(ids_of(store.rejections()) == "5 1");
    }
    SUBCASE("the same key twice makes one entry") {
        Rejection first = draft("Acme", k_nov_01);
        first.key = "msg-1@example.com";
        const auto one = store.add_rejection(first);
        CHECK(one.created);
        const std::string bytes = read_text(f.rejections("2026-11.toml"));

        Rejection again = draft("Acme, again", k_oct_10);
        again.key = "msg-1@example.com";
        const auto two = store.add_rejection(again);
        CHECK_FALSE(two.created);
        CHECK(two.rejection.id == one.rejection.id);
        CHECK(two.rejection.company == "Acme");
        CHECK(store.rejections().size() == 1);
        CHECK(read_text(f.rejections("2026-11.toml")) == bytes);
        CHECK_FALSE(fs::exists(f.rejections("2026-10.toml")));
        // The duplicate used up no ID.
        CHECK(store.add_rejection(draft("Globex", k_nov_01)).rejection.id == 2);
    }
    SUBCASE("without store.toml the next ID follows the highest on disk") {
        store.add_rejection(draft("A", k_nov_15));
        store.add_rejection(draft("B", k_oct_10));
        store.add_rejection(draft("C", k_nov_01));
        REQUIRE(fs::remove(store.counters_file()));
        CHECK(store.add_rejection(draft("D", 2026y / 9 / 1)).rejection.id == 4);
        CHECK(fs::exists(store.counters_file()));
        CHECK(store.add_rejection(draft("E", 2026y / 9 / 2)).rejection.id == 5);
    }
    SUBCASE("a rejection whose fields contradict each other is refused") {
        Rejection r = draft("Acme", k_oct_10);
        r.applied = k_nov_01;
        const auto error = error_from([&] { store.add_rejection(r); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK_FALSE(fs::exists(f.rejections("2026-10.toml")));
        CHECK_FALSE(store.has_records());
    }
}

TEST_CASE("storage::Store::update_rejection refuses a record it could not read back") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_01));
    const std::string before = read_text(f.rejections("2026-11.toml"));
    for (const auto& entry : std::vector<std::pair<std::string, std::function<void(Rejection&)>>>{
             {"feeling 9", [](Rejection& r) { r.feeling = 9; }},
             {"empty company", [](Rejection& r) { r.company = ""; }},
             {"tag with a comma", [](Rejection& r) { r.tags = {"a, b"}; }},
             {"bad email", [](Rejection& r) { r.email = "not-an-address"; }},
             {"role on two lines", [](Rejection& r) { r.role = "two\nlines"; }}}) {
        const auto& what = entry.first; // no [a, b]: clang 14 cannot capture bindings
        const auto& change = entry.second;
        CAPTURE(what);
        const auto error = error_from([&] { store.update_rejection(1, change); });
        CHECK((error && error->code() == bb::ExitCode::usage));
        CHECK(read_text(f.rejections("2026-11.toml")) == before);
        // Put the month back, so each change is tried on a readable file.
        write_text(f.rejections("2026-11.toml"), before);
    }
    CHECK(store.rejection(1).company == "Acme");
}

TEST_CASE("storage::Store::add_rejection refuses a record it could not read back") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_01));
    const std::string before = read_text(f.rejections("2026-11.toml"));
    Rejection bad = draft("Globex", k_nov_01);
    bad.feeling = 9;
    const auto error = error_from([&] { store.add_rejection(bad); });
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::usage);
    CHECK(read_text(f.rejections("2026-11.toml")) == before);
    CHECK(ids_of(store.rejections()) == "1");
}

TEST_CASE("storage::Store::add_win refuses a record it could not read back") {
    Fixture f;
    Store& store = f.store;
    store.add_win(win_draft("Went for a run", k_nov_01));
    const fs::path november = store.wins_dir() / "2026-11.toml";
    const std::string before = read_text(november);
    const auto error = error_from([&] { store.add_win(win_draft("", k_nov_01)); });
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::usage);
    CHECK(read_text(november) == before);
    CHECK(ids_of(store.wins()) == "1");
}

TEST_CASE("storage::Store::update_rejection") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_01));
    store.add_rejection(draft("Globex", k_nov_15));

    SUBCASE("a change within the month") {
        const Rejection updated =
            store.update_rejection(2, [](Rejection& r) { r.role = "Analyst"; });
        CHECK(updated.role == "Analyst");
        CHECK(store.rejection(2).role == "Analyst");
        CHECK(store.rejection(1).company == "Acme");
        CHECK(entries_of(store.rejections_dir()) == "2026-11.toml");
    }
    SUBCASE("a new date in another month moves the record to that month's file") {
        store.update_rejection(2, [](Rejection& r) { r.date = k_oct_10; });
        CHECK(entries_of(store.rejections_dir()) == "2026-10.toml 2026-11.toml");
        BB_CHECK_CONTAINS(read_text(f.rejections("2026-10.toml")), "Globex");
        CHECK_FALSE(bb::test::contains(read_text(f.rejections("2026-11.toml")), "Globex"));
        CHECK(store.rejection(2).date == k_oct_10);
        // Moving the last record out of a month removes that month's file.
        store.update_rejection(1, [](Rejection& r) { r.date = k_oct_31; });
        CHECK(entries_of(store.rejections_dir()) == "2026-10.toml");
        CHECK(ids_of(store.rejections()) == "2 1");
    }
    SUBCASE("the ID cannot change") {
        const Rejection updated = store.update_rejection(1, [](Rejection& r) { r.id = 99; });
        CHECK(updated.id == 1);
        CHECK(ids_of(store.rejections()) == "1 2");
    }
    SUBCASE("an unknown ID") {
        const auto error = error_from([&] { store.update_rejection(7, [](Rejection&) {}); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
    }
    SUBCASE("a change that throws changes nothing") {
        const std::string before = read_text(f.rejections("2026-11.toml"));
        CHECK_THROWS_AS(store.update_rejection(1,
                                               [](Rejection& r) {
                                                   r.company = "Changed";
                                                   throw bb::Error(bb::ExitCode::usage,
                                                                   "abandoned");
                                               }),
                        bb::Error);
        CHECK(read_text(f.rejections("2026-11.toml")) == before);
    }
    SUBCASE("a change that makes the fields contradict each other is refused") {
        const std::string before = read_text(f.rejections("2026-11.toml"));
        const auto error = error_from(
            [&] { store.update_rejection(1, [](Rejection& r) { r.applied = 2026y / 12 / 1; }); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK(read_text(f.rejections("2026-11.toml")) == before);
    }
}

TEST_CASE("storage::Store::remove_rejection") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_01));
    store.add_rejection(draft("Globex", k_oct_10));

    SUBCASE("returns the record and forgets it") {
        const Rejection removed = store.remove_rejection(1);
        CHECK(removed.company == "Acme");
        CHECK(ids_of(store.rejections()) == "2");
        CHECK_THROWS_AS(store.rejection(1), bb::Error);
    }
    SUBCASE("removing the last record of a month removes its file") {
        store.remove_rejection(2);
        CHECK(entries_of(store.rejections_dir()) == "2026-11.toml");
    }
    SUBCASE("an unknown ID") {
        const auto error = error_from([&] { store.remove_rejection(3); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        CHECK(ids_of(store.rejections()) == "2 1");
    }
}

TEST_CASE("storage::Store::rejection") {
    Fixture f;
    Store& store = f.store;
    SUBCASE("an unknown ID is no_input, naming the ID") {
        const auto empty = error_from([&] { store.rejection(1); });
        REQUIRE(empty);
        CHECK(empty->code() == bb::ExitCode::no_input);
        store.add_rejection(draft("Acme", k_nov_01));
        const auto error = error_from([&] { store.rejection(12); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        BB_CHECK_CONTAINS(error->what(), "12");
    }
    SUBCASE("found in any month") {
        store.add_rejection(draft("Acme", k_nov_01));
        store.add_rejection(draft("Globex", k_oct_10));
        store.add_rejection(draft("Initech", 2025y / 1 / 5));
        CHECK(store.rejection(1).company == "Acme");
        CHECK(store.rejection(2).company == "Globex");
        CHECK(store.rejection(3).company == "Initech");
    }
}

TEST_CASE("storage::Store::rejections") {
    Fixture f;
    Store& store = f.store;
    // Added out of date order: results come by date, then ID.
    store.add_rejection(draft("A", k_nov_15)); // 1
    store.add_rejection(draft("B", k_oct_10)); // 2
    store.add_rejection(draft("C", k_nov_01)); // 3
    store.add_rejection(draft("D", k_oct_31)); // 4
    store.add_rejection(draft("E", k_nov_01)); // 5

    SUBCASE("everything, by date then ID") {
        CHECK(ids_of(store.rejections()) == "2 4 3 5 1");
    }
    SUBCASE("an inclusive range") {
        CHECK(ids_of(store.rejections(DateRange{k_oct_31, k_nov_01})) == "4 3 5");
        CHECK(ids_of(store.rejections(DateRange{k_nov_01, k_nov_01})) == "3 5");
    }
    SUBCASE("open ends") {
        CHECK(ids_of(store.rejections(DateRange{k_nov_01, std::nullopt})) == "3 5 1");
        CHECK(ids_of(store.rejections(DateRange{std::nullopt, k_oct_31})) == "2 4");
    }
    SUBCASE("a range with nothing in it") {
        CHECK(store.rejections(DateRange{2026y / 12 / 1, 2026y / 12 / 31}).empty());
        CHECK(store.rejections(DateRange{2026y / 10 / 11, 2026y / 10 / 30}).empty());
    }
}

TEST_CASE("storage::Store::each_rejection and record_span") {
    Fixture f;
    Store& store = f.store;
    Rejection full = draft("A", k_oct_10); // every optional field: must not leak into the next
    full.role = "Engineer";
    full.tags = {"remote", "a-tag-long-enough-to-need-the-heap"};
    full.note = "a note";
    full.feedback.areas = {"testing"};
    store.add_rejection(full);                 // 1
    store.add_rejection(draft("B", k_nov_15)); // 2
    store.add_rejection(draft("C", k_oct_31)); // 3
    store.add_rejection(draft("D", k_nov_01)); // 4
    auto visited = [&](const DateRange& range) {
        std::vector<Rejection> out;
        store.each_rejection(range, [&](const Rejection& r) { out.push_back(r); });
        return out;
    };
    auto same_as_read = [&](const DateRange& range) {
        const auto read = store.rejections(range);
        const auto seen = visited(range);
        REQUIRE(seen.size() == read.size());
        for (std::size_t i = 0; i < seen.size(); ++i) {
            CHECK(bb::to_toml(seen[i]) == bb::to_toml(read[i]));
        }
        return ids_of(seen);
    };

    SUBCASE("month by month, by date then ID, only inside the range, from TOML and from cache") {
        for (int pass = 0; pass < 2; ++pass) { // the second pass reads the caches the first made
            CHECK(same_as_read({}) == "1 3 4 2");
            CHECK(same_as_read({k_oct_31, k_nov_01}) == "3 4");
            CHECK(same_as_read({k_nov_01, std::nullopt}) == "4 2");
            CHECK(same_as_read({2026y / 12 / 1, std::nullopt}).empty());
            std::this_thread::sleep_for(30ms); // lets the files be old enough to cache
        }
        CHECK(fs::exists(store.paths().cache_dir / "rejections" / "2026-10.cache"));
        const auto all = visited({}); // D (ID 4) is decoded into what held A (ID 1)
        REQUIRE(all[2].company == "D");
        CHECK_FALSE(all[2].role);
        CHECK_FALSE(all[2].note);
        CHECK(all[2].tags.empty());
        CHECK(all[2].feedback.areas.empty());
    }
    SUBCASE("a hand-edited month out of order is visited in order") {
        write_text(f.rejections("2026-12.toml"),
                   "version = 1\n\n[[rejection]]\ncompany = \"Late\"\ndate = 2026-12-20\n"
                   "id = 9\n\n[[rejection]]\ncompany = \"Early\"\ndate = 2026-12-02\nid = 8\n");
        CHECK(same_as_read({}) == "1 3 4 2 8 9");
    }
    SUBCASE("record_span: the first and last dates of any kind") {
        CHECK(store.record_span() == std::pair{k_oct_10, k_nov_15});
        store.add_win(win_draft("earlier", 2026y / 9 / 30));
        bb::Checkin later;
        later.date = 2026y / 12 / 24;
        later.habit = "exercise";
        store.add_checkin(later);
        CHECK(store.record_span() == std::pair{bb::Date{2026y / 9 / 30}, bb::Date{2026y / 12 / 24}});
        CHECK(store.record_span({std::nullopt, k_nov_01}) ==
              std::pair{bb::Date{2026y / 9 / 30}, k_nov_01});
        CHECK(store.record_span({k_oct_31, k_nov_01}) == std::pair{k_oct_31, k_nov_01});
        CHECK_FALSE(store.record_span({2027y / 1 / 1, std::nullopt}));
    }
}

TEST_CASE("storage::Store with a damaged partition") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_oct_10));   // 1
    store.add_rejection(draft("Globex", k_nov_01)); // 2
    const std::string counters = read_text(store.counters_file());

    SUBCASE("a file that does not parse is never written, and blocks only its month") {
        write_text(f.rejections("2026-11.toml"), k_garbage);
        const auto error = error_from([&] { store.add_rejection(draft("Initech", k_nov_15)); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 4);
        CHECK(read_text(f.rejections("2026-11.toml")) == k_garbage);
        CHECK(read_text(store.counters_file()) == counters);
        CHECK(entries_of(store.rejections_dir()) == "2026-10.toml 2026-11.toml");

        // October is not blocked.
        const auto added = store.add_rejection(draft("Umbrella", k_oct_31));
        CHECK(added.created);
        CHECK(added.rejection.id == 3);
        CHECK(ids_of(store.rejections(DateRange{2026y / 10 / 1, 2026y / 10 / 31})) == "1 3");
        CHECK(store.rejection(1).company == "Acme");
        CHECK(read_text(f.rejections("2026-11.toml")) == k_garbage);

        // Whatever needs November reports the position.
        const auto all = error_from([&] { store.rejections(); });
        REQUIRE(all);
        CHECK(all->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(all->what(), "rejections/2026-11.toml", 4);
        const auto missing = error_from([&] { store.rejection(2); });
        REQUIRE(missing);
        CHECK(missing->code() == bb::ExitCode::data);
        CHECK_THROWS_AS(store.remove_rejection(2), bb::Error);
        CHECK(read_text(f.rejections("2026-11.toml")) == k_garbage);
    }
    SUBCASE("a record that breaks a rule blocks its month the same way") {
        const std::string bad =
            "version = 1\n\n[[rejection]]\ncompany = \"Globex\"\ndate = 2026-11-01\n"
            "feeling = 11\nid = 2\n";
        write_text(f.rejections("2026-11.toml"), bad);
        const auto error = error_from([&] { store.add_rejection(draft("Initech", k_nov_15)); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 6);
        CHECK(read_text(f.rejections("2026-11.toml")) == bad);
    }
    SUBCASE("a file from a newer bounceback is refused") {
        const std::string newer = "version = 2\n\n[[rejection]]\ncompany = \"Globex\"\n"
                                  "date = 2026-11-01\nid = 2\n";
        write_text(f.rejections("2026-11.toml"), newer);
        const auto read = error_from([&] { store.rejections(DateRange{k_nov_01, k_nov_15}); });
        REQUIRE(read);
        CHECK(read->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(read->what(), "newer bounceback");
        BB_CHECK_CONTAINS(read->what(), "2026-11.toml");
        const auto write = error_from([&] { store.add_rejection(draft("Initech", k_nov_15)); });
        REQUIRE(write);
        CHECK(write->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(write->what(), "newer bounceback");
        CHECK(read_text(f.rejections("2026-11.toml")) == newer);
    }
    SUBCASE("a file without a version is refused") {
        write_text(f.rejections("2026-11.toml"),
                   "[[rejection]]\ncompany = \"Globex\"\ndate = 2026-11-01\nid = 2\n");
        const auto error = error_from([&] { store.rejections(DateRange{k_nov_01, k_nov_15}); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), "version");
    }
    SUBCASE("a store.toml that does not parse (a crash tore it) is counted again from the IDs") {
        // store.toml is derived: the next ID comes after every ID on disk.
        write_text(store.counters_file(), "version = 1\n[next\n");
        CHECK(store.add_rejection(draft("Initech", k_oct_10)).rejection.id == 3);
        CHECK(store.rejections().size() == 3);
        CHECK(read_text(store.counters_file()).find("rejection = 4") != std::string::npos);
    }
}

TEST_CASE("storage::Store wins") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_01));

    SUBCASE("add, list, find and remove") {
        const Win first = store.add_win(win_draft("Sent three applications", k_nov_15));
        const Win second = store.add_win(win_draft("Went for a run", k_nov_01));
        CHECK(first.id == 1); // win IDs are their own sequence
        CHECK(second.id == 2);
        CHECK(entries_of(store.wins_dir()) == "2026-11.toml");
        CHECK(ids_of(store.wins()) == "2 1");
        CHECK(ids_of(store.wins(DateRange{k_nov_15, std::nullopt})) == "1");
        CHECK(store.win(1).text == "Sent three applications");
        const Win removed = store.remove_win(2);
        CHECK(removed.text == "Went for a run");
        CHECK(ids_of(store.wins()) == "1");
        CHECK(store.add_win(win_draft("Another", k_nov_15)).id == 3);
        // The rejection sequence is untouched.
        CHECK(store.add_rejection(draft("Globex", k_nov_01)).rejection.id == 2);
    }
    SUBCASE("unknown IDs") {
        const auto missing = error_from([&] { store.win(5); });
        REQUIRE(missing);
        CHECK(missing->code() == bb::ExitCode::no_input);
        const auto remove = error_from([&] { store.remove_win(5); });
        REQUIRE(remove);
        CHECK(remove->code() == bb::ExitCode::no_input);
    }
}

TEST_CASE("storage::Store reflections") {
    Fixture f;
    Store& store = f.store;
    const auto acme = store.add_rejection(draft("Acme", k_nov_01)).rejection;
    bb::Reflection general;
    general.date = k_nov_15;
    general.went_well = {"Kept applying"};

    SUBCASE("their own ID sequence, monthly files, linked or not") {
        bb::Reflection linked = general;
        linked.date = k_oct_10;
        linked.rejection = acme.id;
        CHECK(store.add_reflection(general).id == 1);
        CHECK(store.add_reflection(linked).id == 2);
        CHECK(entries_of(store.paths().data_dir / "reflections") == "2026-10.toml 2026-11.toml");
        CHECK(ids_of(store.reflections()) == "2 1");
        CHECK(store.reflection(2).rejection == acme.id);
        CHECK(store.remove_reflection(1).went_well == general.went_well);
        CHECK(store.add_reflection(general).id == 3);
    }
    SUBCASE("linking to an unknown rejection is no_input and writes nothing") {
        general.rejection = 42;
        const auto error = error_from([&] { store.add_reflection(general); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        CHECK(!fs::exists(store.paths().data_dir / "reflections" / "2026-11.toml"));
    }
}

TEST_CASE("storage::Store check-ins") {
    Fixture f;
    Store& store = f.store;
    bb::Checkin run;
    run.date = k_nov_15;
    run.habit = "exercise";
    run.minutes = 30;

    SUBCASE("one per habit and day") {
        CHECK(store.add_checkin(run).created);
        bb::Checkin again = run;
        again.minutes = 50;
        const auto second = store.add_checkin(again);
        CHECK_FALSE(second.created);
        CHECK(second.checkin.minutes == 30); // the first stays as it was
        bb::Checkin other = run;
        other.habit = "mindfulness";
        CHECK(store.add_checkin(other).created);
        const auto all = store.checkins();
        REQUIRE(all.size() == 2);
        CHECK(all[0].habit == "exercise"); // by date, then habit
        CHECK(all[1].habit == "mindfulness");
    }
    SUBCASE("remove by habit and day") {
        store.add_checkin(run);
        CHECK_FALSE(store.remove_checkin("exercise", k_nov_01).has_value());
        const auto removed = store.remove_checkin("exercise", k_nov_15);
        REQUIRE(removed);
        CHECK(removed->minutes == 30);
        CHECK(store.checkins().empty());
        CHECK(entries_of(store.paths().data_dir / "checkins").empty());
    }
    SUBCASE("a check-in that breaks a rule is refused before writing") {
        run.minutes = 5000;
        const auto error = error_from([&] { store.add_checkin(run); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK(!fs::exists(store.paths().data_dir / "checkins" / "2026-11.toml"));
    }
}

TEST_CASE("storage::Store files are private") {
    TempDir tmp;
    bb::test::UmaskGuard umask(0);
    Store store(home_in(tmp / "home"), 2s);
    store.add_rejection(draft("Acme", k_nov_01));
    store.add_win(win_draft("Kept going", k_nov_01));
    for (const fs::path& dir : {store.paths().data_dir, store.rejections_dir(), store.wins_dir()}) {
        CAPTURE(dir);
        CHECK(mode_of(dir) == 0700);
    }
    for (const fs::path& file :
         {store.rejections_dir() / "2026-11.toml", store.wins_dir() / "2026-11.toml",
          store.counters_file(), store.lock_file()}) {
        CAPTURE(file);
        CHECK(mode_of(file) == 0600);
    }
}

TEST_CASE("storage::Store output is deterministic") {
    TempDir tmp;
    auto fill = [](Store& store) {
        Rejection full = draft("Acme", k_nov_15);
        full.role = "Engineer";
        full.stage = bb::Stage::final;
        full.tags = {"remote", "senior"};
        full.note = "Several\nlines";
        full.feedback.text = "Kind words";
        store.add_rejection(full);
        store.add_rejection(draft("Globex", k_nov_01));
        store.add_win(win_draft("A good day", k_nov_01));
    };
    Store one(home_in(tmp / "one"), 2s);
    Store two(home_in(tmp / "two"), 2s);
    fill(one);
    fill(two);
    // The same, but for each record's identity, which is its own.
    auto without_uids = [](const std::string& text) {
        std::string out;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = std::min(text.find('\n', start), text.size()) + 1;
            const std::string line = text.substr(start, end - start);
            if (!line.starts_with("uid = ")) {
                out += line;
            }
            start = end;
        }
        return out;
    };
    for (const fs::path& relative : {fs::path("rejections/2026-11.toml"),
                                     fs::path("wins/2026-11.toml"), fs::path("store.toml")}) {
        CAPTURE(relative);
        const std::string text = read_text(tmp / "one" / relative);
        CHECK(text.find("uid = ") == (relative == "store.toml" ? std::string::npos
                                                                : text.find("uid = ")));
        CHECK(without_uids(text) == without_uids(read_text(tmp / "two" / relative)));
    }
    SUBCASE("rewriting unchanged records gives the same bytes") {
        const std::string before = read_text(one.rejections_dir() / "2026-11.toml");
        one.update_rejection(1, [](Rejection&) {});
        one.update_rejection(2, [](Rejection&) {});
        CHECK(read_text(one.rejections_dir() / "2026-11.toml") == before);
    }
    SUBCASE("records are written by date, then ID") {
        const std::string text = read_text(one.rejections_dir() / "2026-11.toml");
        const auto globex = text.find("Globex");
        const auto acme = text.find("Acme");
        REQUIRE(globex != std::string::npos);
        REQUIRE(acme != std::string::npos);
        CHECK(globex < acme);
    }
}

TEST_CASE("storage::Store files are read by Python's tomllib") {
    Fixture f;
    Rejection r = draft("Caf\xc3\xa9 \"Quoted\"", k_nov_15);
    r.note = "Line one\n\tLine two with a back\\slash";
    r.tags = {"remote"};
    r.feedback.requested = k_nov_15;
    f.store.add_rejection(r);
    const auto result = bb::test::run_python(f.tmp.path(), R"(
import datetime, sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
assert data["version"] == 1, data
[entry] = data["rejection"]
assert entry["id"] == 1
assert entry["date"] == datetime.date(2026, 11, 15)
assert entry["feedback"]["requested"] == datetime.date(2026, 11, 15)
assert entry["tags"] == ["remote"]
sys.stdout.buffer.write((entry["company"] + "|" + entry["note"]).encode("utf-8"))
)",
                                             {f.rejections("2026-11.toml").string()});
    CHECK_MESSAGE(result.status == 0, result.output);
    CHECK(result.output == r.company + "|" + *r.note);
}

TEST_CASE("storage::Store::readable_rejections") {
    Fixture f;
    Store& store = f.store;
    store.add_rejection(draft("Acme", k_nov_15));    // 1
    store.add_rejection(draft("Globex", k_oct_10));  // 2
    store.add_rejection(draft("Initech", k_nov_01)); // 3
    store.add_win(win_draft("Ran 5 km", k_oct_31));  // 1

    SUBCASE("every month, by date then ID") {
        CHECK(ids_of(store.readable_rejections()) == "2 3 1");
        CHECK(ids_of(store.readable_wins()) == "1");
        CHECK(store.readable_reflections().empty());
    }
    SUBCASE("a month that does not parse is skipped, the others are read") {
        write_text(f.rejections("2026-11.toml"), k_garbage);
        CHECK(ids_of(store.readable_rejections()) == "2");
        CHECK_THROWS_AS(store.rejections(), bb::Error); // the strict reader still reports it
    }
    SUBCASE("a record that breaks a rule hides only its month") {
        write_text(f.rejections("2026-10.toml"),
                   "version = 1\n\n[[rejection]]\ncompany = \"Globex\"\ndate = 2026-10-10\n"
                   "feeling = 11\nid = 2\n");
        CHECK(ids_of(store.readable_rejections()) == "3 1");
    }
    SUBCASE("a folder or file that cannot be read gives what is left, without an error") {
        if (::geteuid() == 0) {
            // root reads through permissions; replace the folder by a file instead
            fs::remove_all(store.wins_dir());
            write_text(store.wins_dir(), "not a folder");
            CHECK(store.readable_wins().empty());
        } else {
            fs::permissions(f.rejections("2026-10.toml"), fs::perms::none);
            CHECK(ids_of(store.readable_rejections()) == "3 1");
            fs::permissions(store.wins_dir(), fs::perms::none);
            CHECK(store.readable_wins().empty());
            fs::permissions(store.wins_dir(), fs::perms::owner_all);
        }
    }
    SUBCASE("no data folder at all") {
        Store empty{home_in(f.tmp / "nobody"), 2s};
        CHECK(empty.readable_rejections().empty());
        CHECK(empty.readable_wins().empty());
        CHECK(empty.readable_reflections().empty());
    }
}

TEST_CASE("storage::Store::has_records") {
    Fixture f;
    CHECK_FALSE(f.store.has_records());
    f.store.add_win(win_draft("First win", k_nov_01));
    CHECK(f.store.has_records());
}


TEST_CASE("storage::Store appends to a hand-edited month and keeps its comments") {
    Fixture f;
    Store& store = f.store;
    fs::create_directories(store.rejections_dir());
    // Comments, keys in another order, a CRLF line, a quoted date, no final newline.
    const std::string hand = "# My November.\r\n"
                             "  version = 1   # the format\n"
                             "\n"
                             "[[rejection]] # first\n"
                             "id = 1\n"
                             "date = \"2026-11-01\"\n"
                             "company = \"Acme\" # they called\n"
                             "feedback.text = \"\"\"\nLong\n[[rejection]]\nstory\"\"\"\n"
                             "uid = \"0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b\"\n"
                             "\n"
                             "[[ rejection ]]\n"
                             "company = 'Globex'\n"
                             "uid = \"0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5c\"\n"
                             "id = 2\n"
                             "date = 2026-11-02\n"
                             "# the end, with no newline";
    write_text(f.rejections("2026-11.toml"), hand);
    const auto old_records = store.rejections();
    REQUIRE(old_records.size() == 2);

    auto check_appended = [&] {
        const auto added = store.add_rejection(full_rejection(0, k_nov_15)).rejection;
        CHECK(added.id == 3);
        const std::string text = read_text(f.rejections("2026-11.toml"));
        CHECK(text.starts_with(hand + "\n")); // kept byte for byte, comments and all
        const auto records = store.rejections();
        REQUIRE(records.size() == 3);
        CHECK(describe(records[0]) == describe(old_records[0]));
        CHECK(describe(records[1]) == describe(old_records[1]));
        CHECK(describe(records[2]) == describe(added));
        CHECK(describe(records_from_text<Rejection>(text, "2026-11.toml")[2]) == describe(added));
    };
    SUBCASE("read from the TOML file") {
        check_appended();
    }
    SUBCASE("read through the cache") {
        std::this_thread::sleep_for(30ms); // old enough to be cached by the next read
        REQUIRE(store.rejections().size() == 2);
        REQUIRE(fs::exists(store.paths().cache_dir / "rejections" / "2026-11.cache"));
        check_appended();
    }
    SUBCASE("a backdated record rewrites the month in the writer's form") {
        const auto added = store.add_rejection(draft("Initech", k_nov_01)).rejection;
        const std::string text = read_text(f.rejections("2026-11.toml"));
        CHECK(text.find('#') == std::string::npos);
        auto all = old_records;
        all.push_back(added);
        CHECK(text == partition_text(all));
    }
}

TEST_CASE("storage::Store gives old records identities once, as lines of their own") {
    Fixture f;
    Store& store = f.store;
    fs::create_directories(store.rejections_dir());
    // A month from before identities, edited by hand: comments, spacing, a header inside a
    // string, a CRLF line.
    const std::string hand = "# My November.\r\n"
                             "version = 1\n"
                             "\n"
                             "[[rejection]] # first\r\n"
                             "id = 1\n"
                             "date = 2026-11-01\n"
                             "company = \"Acme\" # they called\n"
                             "note = \"\"\"\n[[rejection]]\n\"\"\"\n"
                             "\n"
                             "[[ rejection ]]\n"
                             "company = 'Globex'\n"
                             "id = 2\n"
                             "date = 2026-11-02\n";
    write_text(f.rejections("2026-11.toml"), hand);
    store.lock(); // the first writer gives the identities
    const std::string text = read_text(f.rejections("2026-11.toml"));
    const auto records = store.rejections();
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].uid);
    REQUIRE(records[1].uid);
    CHECK(text == "# My November.\r\n"
                  "version = 1\n"
                  "\n"
                  "[[rejection]] # first\r\n"
                  "uid = \"" + *records[0].uid + "\"\r\n"
                  "id = 1\n"
                  "date = 2026-11-01\n"
                  "company = \"Acme\" # they called\n"
                  "note = \"\"\"\n[[rejection]]\n\"\"\"\n"
                  "\n"
                  "[[ rejection ]]\n"
                  "uid = \"" + *records[1].uid + "\"\n"
                  "company = 'Globex'\n"
                  "id = 2\n"
                  "date = 2026-11-02\n");
    // Once: a record written later without one is left for the next sync to give.
    write_text(f.rejections("2026-11.toml"), hand);
    store.lock();
    CHECK(read_text(f.rejections("2026-11.toml")) == hand);
    // The same old record gets the same identity in another home.
    Store other(home_in(f.tmp / "other"), 2s);
    fs::create_directories(other.rejections_dir());
    write_text(other.rejections_dir() / "2026-11.toml", hand);
    other.lock();
    CHECK(other.rejections()[0].uid == records[0].uid);
}

TEST_CASE("storage::Store appends give the full writer's bytes") {
    Fixture f;
    Store& store = f.store;
    std::vector<Rejection> expected;
    for (int day = 1; day <= 5; ++day) {
        Rejection full = full_rejection(0, 2026y / 11 / day);
        full.key = "key-" + std::to_string(day); // a key seen before would add nothing
        expected.push_back(store.add_rejection(full).rejection);
        expected.push_back(store.add_rejection(draft("Acme", 2026y / 11 / day)).rejection);
        CHECK(read_text(f.rejections("2026-11.toml")) == partition_text(expected));
    }
    // A backdated record goes through the full writer and lands in order.
    expected.push_back(store.add_rejection(draft("Early", k_nov_01)).rejection);
    CHECK(read_text(f.rejections("2026-11.toml")) == partition_text(expected));
    CHECK(tables_of(store.rejections()) ==
          tables_of(records_from_text<Rejection>(partition_text(expected), "2026-11.toml")));

    bb::Checkin run;
    run.habit = "exercise";
    std::vector<bb::Checkin> checkins;
    for (int day = 1; day <= 3; ++day) {
        run.date = 2026y / 11 / day;
        run.minutes = day * 10;
        checkins.push_back(run);
        REQUIRE(store.add_checkin(run).created);
        CHECK(read_text(store.paths().data_dir / "checkins" / "2026-11.toml") ==
              partition_text(checkins));
    }
}
