// Tests for lib/src/storage/toml_file.cpp.
#include "bounceback/storage/toml_file.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace std::string_literals;
using bb::storage::check_format_version;
using bb::storage::parse_toml;
using bb::test::error_from;
using bb::test::TempDir;

namespace {

/// The error check_format_version throws for the TOML `text`, read as data/2026-11.toml.
std::optional<bb::Error> version_error(std::string_view text) {
    const toml::table table = parse_toml(text, "data/2026-11.toml");
    return error_from([&] { check_format_version(table, "data/2026-11.toml"); });
}

} // namespace

TEST_CASE("storage::parse_toml") {
    SUBCASE("valid TOML") {
        const toml::table table = parse_toml("version = 1\n[next]\nrejection = 4\n", "store.toml");
        CHECK(table["next"]["rejection"].value<std::int64_t>() == 4);
    }
    SUBCASE("a syntax error is FILE:LINE:COL with the code asked for") {
        const auto data = error_from([] { parse_toml("a = 1\nb = = 2\n", "x/f.toml"); });
        REQUIRE(data);
        CHECK(data->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(data->what(), "x/f.toml", 2);
        const auto config =
            error_from([] { parse_toml("[me\n", "config.toml", bb::ExitCode::config); });
        REQUIRE(config);
        CHECK(config->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(config->what(), "config.toml", 1);
    }
    SUBCASE("a NUL byte is reported at its position") {
        const auto error = error_from([] { parse_toml("a = 1\nb = \"x\0y\"\n"s, "f.toml"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), "f.toml:2:7:");
        BB_CHECK_CONTAINS(error->what(), "NUL");
    }
}

TEST_CASE("storage::load_data_file") {
    TempDir tmp;
    const auto dir = bb::test::folder_at(tmp.path());
    SUBCASE("a plain file is read and parsed, a missing one is nullopt") {
        bb::test::write_text(tmp / "f.toml", "version = 1\n");
        const auto table = bb::storage::load_data_file(dir, "f.toml");
        REQUIRE(table.has_value());
        CHECK((*table)["version"].value<std::int64_t>() == 1);
        CHECK_FALSE(bb::storage::load_data_file(dir, "missing.toml").has_value());
    }
    SUBCASE("a file that does not parse names itself, with the code asked for") {
        bb::test::write_text(tmp / "f.toml", "version = \n");
        const auto error = error_from(
            [&] { bb::storage::load_data_file(dir, "f.toml", bb::ExitCode::config); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), (tmp / "f.toml").string(), 1);
    }
    SUBCASE("a symbolic link is refused, even a dangling one, and names itself") {
        bb::test::write_text(tmp / "elsewhere.toml", "version = 1\n");
        std::filesystem::create_symlink(tmp / "elsewhere.toml", tmp / "link.toml");
        std::filesystem::create_symlink(tmp / "nowhere.toml", tmp / "dangling.toml");
        for (const char* name : {"link.toml", "dangling.toml"}) {
            CAPTURE(name);
            const auto error = error_from([&] { bb::storage::load_data_file(dir, name); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_CONTAINS(error->what(), (tmp / name).string() + " is a symbolic link");
        }
    }
}

TEST_CASE("storage::check_format_version") {
    SUBCASE("version 1 is read") {
        CHECK_FALSE(version_error("version = 1\n").has_value());
    }
    SUBCASE("a newer version is refused, saying to upgrade") {
        const auto error = version_error("version = 2\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "data/2026-11.toml", 1);
        BB_CHECK_CONTAINS(error->what(), "newer bounceback");
    }
    SUBCASE("a missing or mistyped version is refused") {
        for (std::string text :
             {"", "other = 1\n", "version = \"1\"\n", "version = 0\n", "version = 1.0\n"}) {
            CAPTURE(text);
            const auto error = version_error(text);
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_CONTAINS(error->what(), "data/2026-11.toml");
            BB_CHECK_CONTAINS(error->what(), "version");
        }
    }
}
