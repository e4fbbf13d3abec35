// Tests for lib/src/storage/tombstones.cpp.
#include "bounceback/storage/tombstones.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

using bb::test::TempDir;
using bb::test::error_from;
using namespace std::chrono;

TEST_CASE("storage::tombstones: written sorted, once each, and read back") {
    TempDir tmp;
    const auto data = bb::test::folder_at(tmp.path());
    CHECK(bb::storage::read_tombstones(data).empty());
    const bb::storage::Tombstone second{"rejection", "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5c", 2,
                                        2026y / 12 / 7};
    const bb::storage::Tombstone first{"rejection", "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b", 1,
                                       2026y / 12 / 6};
    bb::storage::add_tombstone(data, second);
    bb::storage::add_tombstone(data, first);
    bb::storage::add_tombstone(data, first);
    const auto read = bb::storage::read_tombstones(data);
    REQUIRE(read.size() == 2);
    CHECK(read[0] == first);
    CHECK(read[1] == second);
    const auto checked = bb::test::run_python(tmp.path(), R"(
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
assert data["version"] == 1
print(",".join(str(d["id"]) for d in data["deleted"]))
)",
                                              {(tmp / "deleted.toml").string()});
    CHECK(checked.status == 0);
    CHECK(checked.output == "1,2\n");
}

TEST_CASE("storage::tombstones_from_text: a tombstone without its uid names the line") {
    const auto error = error_from([] {
        bb::storage::tombstones_from_text(
            "version = 1\n\n[[deleted]]\nkind = \"rejection\"\nid = 3\ndate = 2026-12-07\n",
            "deleted.toml");
    });
    REQUIRE(error);
    CHECK(error->code() == bb::ExitCode::data);
    BB_CHECK_CONTAINS(error->what(), "deleted.toml:3:");
    BB_CHECK_CONTAINS(error->what(), "uid");
}
