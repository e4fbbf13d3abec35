// Tests for lib/src/storage/merge_driver.cpp and sync_files.cpp: the merge driver and the paths
// it accepts. The whole sync (git, remotes, settling numbers) is tested end to end in
// tests/e2e/test_sync*.py; settling in test_storage_sync_settle.cpp.
#include "bounceback/storage/sync.hpp"

#include "storage/partition.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using bb::test::TempDir;
using bb::test::error_from;

namespace {

const char* k_header = "version = 1\n";

std::string rejection_table(int id, const char* uid, const char* company, const char* extra = "") {
    return std::string("\n[[rejection]]\ncompany = \"") + company +
           "\"\ndate = 2026-11-05\nid = " + std::to_string(id) + "\n" + extra + "uid = \"" + uid +
           "\"\n";
}

} // namespace

TEST_CASE("storage::is_data_path: only bounceback's own files") {
    CHECK(bb::storage::is_data_path("rejections/2026-11.toml"));
    CHECK(bb::storage::is_data_path("checkins/2026-01.toml"));
    CHECK(bb::storage::is_data_path("deleted.toml"));
    CHECK(bb::storage::is_data_path("settings/config.toml"));
    CHECK(bb::storage::is_data_path("settings/templates/after-onsite.mustache"));
    CHECK_FALSE(bb::storage::is_data_path("settings/templates/../x.mustache"));
    CHECK_FALSE(bb::storage::is_data_path("rejections/2026-11.toml.bak"));
    CHECK_FALSE(bb::storage::is_data_path("rejections/../evil/2026-11.toml"));
    CHECK_FALSE(bb::storage::is_data_path("notes/2026-11.toml"));
    CHECK_FALSE(bb::storage::is_data_path("store.toml"));
    CHECK_FALSE(bb::storage::is_data_path(".git/hooks/pre-commit"));
}

TEST_CASE("storage::merge_data_file: a month merged record by record, written over ours") {
    TempDir tmp;
    const char* a = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b";
    const char* b = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5c";
    const char* c = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5d";
    bb::test::write_text(tmp / "base", k_header + rejection_table(1, a, "Acme"));
    bb::test::write_text(tmp / "ours", k_header + rejection_table(1, a, "Acme", "role = \"Engineer\"\n") +
                                           rejection_table(2, b, "Initech"));
    bb::test::write_text(tmp / "theirs", k_header + rejection_table(1, a, "Acme", "stage = \"onsite\"\n") +
                                             rejection_table(2, c, "Globex"));
    const auto notes = bb::storage::merge_data_file(tmp / "base", tmp / "ours", tmp / "theirs",
                                                    "rejections/2026-11.toml", bb::Later::theirs);
    CHECK(notes.empty());
    const std::string merged = bb::test::read_text(tmp / "ours");
    BB_CHECK_CONTAINS(merged, "role = \"Engineer\"");
    BB_CHECK_CONTAINS(merged, "stage = \"onsite\"");
    BB_CHECK_CONTAINS(merged, "Initech");
    BB_CHECK_CONTAINS(merged, "Globex"); // both number 2 until the sync settles numbers
}

TEST_CASE("storage::merge_data_file: a month the merge empties reads back as no records") {
    // One machine removed one record, the other the other: nothing is left, and what the driver
    // writes must still be a month every reader (and the next sync) accepts.
    TempDir tmp;
    const char* a = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b";
    const char* b = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5c";
    bb::test::write_text(tmp / "base",
                         k_header + rejection_table(1, a, "Acme") + rejection_table(2, b, "Initech"));
    bb::test::write_text(tmp / "ours", k_header + rejection_table(2, b, "Initech"));
    bb::test::write_text(tmp / "theirs", k_header + rejection_table(1, a, "Acme"));
    bb::storage::merge_data_file(tmp / "base", tmp / "ours", tmp / "theirs",
                                 "rejections/2026-11.toml", bb::Later::theirs);
    const std::string merged = bb::test::read_text(tmp / "ours");
    CHECK(merged == "version = 1\n");
    CHECK(bb::storage::detail::records_from_text<bb::Rejection>(merged, "2026-11.toml").empty());
}

TEST_CASE("storage::records_from_text: an empty array of records holds none") {
    // What an older merge driver wrote for a month it emptied, or a person writing none.
    for (const char* text : {"version = 1\nrejection = []\n", "rejection = []\nversion = 1\n",
                             "version = 1\n"}) {
        CAPTURE(text);
        CHECK(bb::storage::detail::records_from_text<bb::Rejection>(text, "2026-11.toml").empty());
    }
    CHECK_THROWS_AS(
        bb::storage::detail::records_from_text<bb::Rejection>("version = 1\nrejection = [1]\n",
                                                              "2026-11.toml"),
        bb::Error);
}

TEST_CASE("storage::merge_data_file: a version that does not parse stops the merge") {
    TempDir tmp;
    bb::test::write_text(tmp / "base", k_header);
    bb::test::write_text(tmp / "ours", k_header);
    bb::test::write_text(tmp / "theirs", "version = 1\n[[rejection]]\ncompany = 3\n");
    const auto error = error_from([&] {
        bb::storage::merge_data_file(tmp / "base", tmp / "ours", tmp / "theirs",
                                     "rejections/2026-11.toml", bb::Later::theirs);
    });
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::data);
    CHECK(bb::test::read_text(tmp / "ours") == k_header);
}
