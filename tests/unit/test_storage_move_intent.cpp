// Tests for lib/src/storage/move_intent.cpp and the Store's moves to another month: a move cut
// short at any step is read as done and finished by the next writer.
#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/store.hpp"
#include "storage/move_intent.hpp"
#include "storage/partition.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Rejection;
using bb::storage::Folder;
using bb::storage::Store;
using bb::storage::detail::move_intent_path;
using bb::storage::detail::PendingMove;
using bb::storage::detail::read_partition;
using bb::storage::detail::read_pending_move;
using bb::storage::detail::write_partition;
using bb::storage::detail::write_pending_move;
using bb::test::entries_of;
using bb::test::error_from;
using bb::test::home_in;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

constexpr bb::Date k_oct_10 = 2026y / 10 / 10;
constexpr bb::Date k_nov_20 = 2026y / 11 / 20;

struct Fixture {
    TempDir tmp;
    Store store{home_in(tmp / "home"), 2s};

    fs::path data() const { return store.paths().data_dir; }
    fs::path month(std::string_view name) const { return store.rejections_dir() / name; }
    Folder data_folder() const { return Folder::make_private(data()); }
    Folder months() const { return Folder::make_private(store.rejections_dir()); }

    /// How many copies of rejection `id` the month files hold.
    int copies_in_files(std::int64_t id) const {
        int n = 0;
        for (const char* name : {"2026-10.toml", "2026-11.toml"}) {
            for (const auto& r : read_partition<Rejection>(months(), name)) {
                n += r.id == id ? 1 : 0;
            }
        }
        return n;
    }

    /// How many copies of rejection `id` a reader sees.
    int copies_read(std::int64_t id) const {
        int n = 0;
        for (const auto& r : store.rejections()) {
            n += r.id == id ? 1 : 0;
        }
        return n;
    }
};

Rejection rejection(std::string company, bb::Date date) {
    Rejection r;
    r.company = std::move(company);
    r.date = date;
    return r;
}

/// The move of `moved` (already carrying its new date) from October to November.
PendingMove move_to_november(const Rejection& moved) {
    return PendingMove{"rejection", moved.id, 2026y / 10, 2026y / 11, bb::to_toml(moved), {}};
}

} // namespace

TEST_CASE("storage::Store::update_rejection moves a record to another month in one step") {
    Fixture f;
    f.store.add_rejection(rejection("Acme", k_oct_10));
    f.store.add_rejection(rejection("Globex", k_nov_20));
    f.store.update_rejection(1, [](Rejection& r) { r.date = 2026y / 11 / 2; });
    CHECK(f.copies_in_files(1) == 1);
    CHECK_FALSE(fs::exists(move_intent_path(f.data())));
    CHECK(entries_of(f.store.rejections_dir()) == "2026-11.toml");
    CHECK(f.store.rejection(1).date == 2026y / 11 / 2);
}

TEST_CASE("storage: a move cut short is read as done, and the next writer finishes it") {
    Fixture f;
    f.store.add_rejection(rejection("Acme", k_oct_10));
    f.store.add_rejection(rejection("Globex", k_nov_20));
    const Rejection old = f.store.rejection(1);
    Rejection moved = old;
    moved.date = 2026y / 11 / 5;
    moved.note = "moved";
    write_pending_move(f.data_folder(), move_to_november(moved));

    // Each step at which a kill can leave the files, after the move was written down.
    SUBCASE("killed before either month changed") {
    }
    SUBCASE("killed after the old month lost the record") {
        write_partition<Rejection>(f.months(), "2026-10.toml", {});
        CHECK(f.copies_in_files(1) == 0);
    }
    SUBCASE("killed after the new month got it, before the note was cleared") {
        write_partition<Rejection>(f.months(), "2026-10.toml", {});
        write_partition<Rejection>(f.months(), "2026-11.toml", {f.store.rejection(2), moved});
        CHECK(f.copies_in_files(1) == 1);
    }
    CHECK(f.copies_read(1) == 1);
    CHECK(f.store.rejection(1).note == "moved");
    CHECK(f.store.rejection(1).date == 2026y / 11 / 5);
    CHECK(f.store.rejections({std::optional<bb::Date>(2026y / 11 / 1), std::nullopt}).size() == 2);
    CHECK(f.store.readable_rejections().size() == 2);
    const auto span = f.store.record_span();
    REQUIRE(span);
    CHECK(span->first == 2026y / 11 / 5);

    // Any writer, even of another kind, finishes the move under the lock.
    bb::Win win;
    win.text = "A win";
    win.date = k_nov_20;
    f.store.add_win(win);
    CHECK_FALSE(fs::exists(move_intent_path(f.data())));
    CHECK(f.copies_in_files(1) == 1);
    CHECK(f.store.rejection(1).note == "moved");
    CHECK_FALSE(fs::exists(f.month("2026-10.toml")));
}

TEST_CASE("storage: a move that cannot be finished blocks only writers of its kind") {
    Fixture f;
    f.store.add_rejection(rejection("Acme", k_oct_10));
    Rejection moved = f.store.rejection(1);
    moved.date = k_nov_20;
    write_pending_move(f.data_folder(), move_to_november(moved));
    write_text(f.month("2026-11.toml"), "version = 1\n[[rejection]]\ncompany = \"Ac\n");

    bb::Win win;
    win.text = "A win";
    win.date = k_nov_20;
    CHECK(f.store.add_win(win).id == 1); // wins do not need the rejection months
    CHECK(fs::exists(move_intent_path(f.data())));
    const auto error = error_from([&] { f.store.add_rejection(rejection("Initech", k_oct_10)); });
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::data);
    BB_CHECK_CONTAINS(std::string(error->what()), "cannot finish moving rejection 1");
    BB_CHECK_CONTAINS(std::string(error->what()), "2026-11.toml:3:");
}

TEST_CASE("storage::detail::read_pending_move") {
    TempDir tmp;
    const Folder data = Folder::make_private(tmp.path());
    SUBCASE("none") {
        CHECK_FALSE(read_pending_move(data));
    }
    SUBCASE("what write_pending_move wrote") {
        Rejection r = rejection("Acme", k_nov_20);
        r.id = 4;
        write_pending_move(data, move_to_november(r));
        const auto move = read_pending_move(data);
        REQUIRE(move);
        CHECK(move->id == 4);
        CHECK(move->table == "rejection");
        CHECK(move->describe() == "rejection 4 from 2026-10 to 2026-11");
        CHECK(bb::test::mode_of(move_intent_path(tmp.path())) == 0600);
    }
    SUBCASE("a hand-broken note is refused with its position") {
        write_text(move_intent_path(tmp.path()), "version = 1\nfrom = \"2026-13\"\n");
        const auto error = error_from([&] { read_pending_move(data); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(std::string(error->what()), ".move.toml:2:");
    }
    SUBCASE("a record whose id is not the move's") {
        write_text(move_intent_path(tmp.path()), "version = 1\nfrom = \"2026-10\"\nto = \"2026-11\"\nid = 3\n"
                                           "[rejection]\nid = 4\ncompany = \"A\"\ndate = 2026-11-20\n");
        const auto error = error_from([&] { read_pending_move(data); });
        REQUIRE(error);
        BB_CHECK_CONTAINS(std::string(error->what()), "is not 3");
    }
}

TEST_CASE("storage::Store refuses an ID that two records hold, naming both places") {
    Fixture f;
    f.store.add_rejection(rejection("Acme", k_oct_10));
    f.store.add_rejection(rejection("Globex", k_nov_20));
    // A hand edit (or a bad merge) gives a November record the ID of the October one.
    const std::string november = read_text(f.month("2026-11.toml"));
    write_text(f.month("2026-11.toml"),
               november + "\n[[rejection]]\ncompany = \"Initech\"\ndate = 2026-11-21\nid = 1\n");
    const auto places = f.store.places<Rejection>(1);
    REQUIRE(places.size() == 2);
    CHECK(places[0] == f.month("2026-10.toml").string() + ":3");
    CHECK(bb::test::contains(places[1], "2026-11.toml:"));

    for (auto* action : {+[](Store& s) { s.rejection(1); },
                         +[](Store& s) { s.update_rejection(1, [](Rejection& r) { r.note = "x"; }); },
                         +[](Store& s) { s.remove_rejection(1); }}) {
        const std::string before = read_text(f.month("2026-11.toml"));
        const auto error = error_from([&] { action(f.store); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        const std::string what = error->what();
        BB_CHECK_CONTAINS(what, "rejection 1 is stored twice, at " + places[0] + " and " +
                                    places[1]);
        BB_CHECK_CONTAINS(what, "bounceback doctor --fix");
        CHECK(read_text(f.month("2026-11.toml")) == before);
    }
    CHECK(f.store.rejection(2).company == "Globex"); // other IDs are not affected
    CHECK(bb::storage::stored_twice("win", 3, {"a:1", "b:2", "c:3"}) ==
          "win 3 is stored three times, at a:1, b:2 and c:3");
}
