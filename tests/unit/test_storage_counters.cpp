// Tests for lib/src/storage/counters.cpp: store.toml, the next ID of each kind.
#include "storage/counters.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <toml++/toml.h>

using bb::storage::detail::counters_text;
using bb::storage::detail::read_counters;
using bb::storage::detail::write_counters;
using bb::test::error_from;
using bb::test::folder_at;
using bb::test::mode_of;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

TEST_CASE("storage::counters") {
    TempDir tmp;
    const auto path = tmp / "store.toml";
    const auto dir = folder_at(tmp.path());

    SUBCASE("no store.toml: no counters yet") {
        CHECK(read_counters(dir).empty());
    }
    SUBCASE("written and read back, with a comment that says why it is there") {
        const std::map<std::string, std::int64_t> counters{{"rejection", 12}, {"win", 3}};
        write_counters(dir, counters);
        CHECK(mode_of(path) == 0600);
        CHECK(read_counters(dir) == counters);
        const std::string text = read_text(path);
        CHECK(text == counters_text(counters));
        CHECK(text.starts_with("# The next ID of each kind of record. IDs are never reused.\n"));
        const toml::table doc = toml::parse(text);
        CHECK(doc["version"].value<std::int64_t>() == 1);
        CHECK(doc["next"]["rejection"].value<std::int64_t>() == 12);
    }
    SUBCASE("anything but version and [next], or a counter below 1, is refused with its place") {
        for (const auto& item : std::vector<std::pair<std::string, int>>{
                 {"version = 1\n[next]\nrejection = 0\n", 3},
                 {"version = 1\n[next]\nwin = \"3\"\n", 3},
                 {"version = 1\nnext = 4\n", 2},
                 {"version = 1\n[other]\nx = 1\n", 2}}) {
            // Named copies, not a structured binding: clang 14 refuses bindings in CAPTURE's lambda.
            const std::string& text = item.first;
            const int line = item.second;
            CAPTURE(text);
            write_text(path, text);
            const auto error = error_from([&] { read_counters(dir); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_POSITION(error->what(), "store.toml", line);
        }
    }
    SUBCASE("a newer format version is refused") {
        write_text(path, "version = 9\n[next]\nrejection = 2\n");
        CHECK(error_from([&] { read_counters(dir); }));
    }
}
