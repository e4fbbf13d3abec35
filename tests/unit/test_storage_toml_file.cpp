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

/// A month file as git leaves it when both sides changed `company`: the conflict starts on
/// line 5. `line_end` ends every line.
std::string conflicted_month(std::string_view line_end = "\n") {
    std::string text;
    for (const char* line :
         {"version = 1", "", "[[rejection]]", "id = 3", "<<<<<<< HEAD", "company = \"Acme\"",
          "=======", "company = \"Initech\"", ">>>>>>> theirs", "date = 2026-11-02"}) {
        text += line;
        text += line_end;
    }
    return text;
}

/// What parse_toml says of a conflict starting on line `line` of `file`.
std::string conflict_message(const std::string& file, int line) {
    return file + ":" + std::to_string(line) +
           ": unresolved merge conflict: run bounceback sync, or resolve it";
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

TEST_CASE("storage::parse_toml merge conflicts") {
    SUBCASE("a file git could not merge names the line of its first marker, as a data error") {
        for (const char* line_end : {"\n", "\r\n"}) {
            CAPTURE(std::string_view(line_end).size());
            for (const auto code : {bb::ExitCode::data, bb::ExitCode::config}) {
                const auto error = error_from(
                    [&] { parse_toml(conflicted_month(line_end), "x/2026-11.toml", code); });
                REQUIRE(error);
                CHECK(error->code() == bb::ExitCode::data);
                CHECK(std::string(error->what()) == conflict_message("x/2026-11.toml", 5));
            }
        }
    }
    SUBCASE("a conflict at the first line, and git's diff3 style with the base, are found") {
        const std::string first = "<<<<<<< ours\nversion = 1\n=======\nversion = 1\n"
                                  ">>>>>>> theirs\n";
        const auto at_start = error_from([&] { parse_toml(first, "f.toml"); });
        REQUIRE(at_start);
        CHECK(std::string(at_start->what()) == conflict_message("f.toml", 1));
        const std::string diff3 = "version = 1\n<<<<<<< ours\na = 1\n||||||| base\na = 0\n"
                                  "=======\na = 2\n>>>>>>> theirs\n";
        const auto with_base = error_from([&] { parse_toml(diff3, "f.toml"); });
        REQUIRE(with_base);
        CHECK(std::string(with_base->what()) == conflict_message("f.toml", 2));
    }
    SUBCASE("markers that parse, inside a multi-line string, are refused too") {
        const std::string text = "version = 1\nnote = \"\"\"\nfirst\n<<<<<<< HEAD\nmine\n"
                                 "=======\ntheirs\n>>>>>>> 1a2b3c\n\"\"\"\n";
        const auto error = error_from([&] { parse_toml(text, "f.toml"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        CHECK(std::string(error->what()) == conflict_message("f.toml", 4));
    }
    SUBCASE("a marker alone, or markers out of order, are text, not a conflict") {
        for (std::string body : {"Title\n=======\n", "<<<<<<< a\nb\n", "=======\n>>>>>>> a\n",
                                 ">>>>>>> a\n=======\n<<<<<<< b\n", "<<<<<<<x\n=======\n>>>>>>>x\n",
                                 " <<<<<<< a\n=======\n>>>>>>> b\n"}) {
            CAPTURE(body);
            const toml::table table =
                parse_toml("version = 1\nnote = \"\"\"\n" + body + "\"\"\"\n", "f.toml");
            CHECK(table["note"].value<std::string>() == body);
        }
    }
    SUBCASE("a file that does not parse and holds no conflict gets the parser's message") {
        const auto error =
            error_from([] { parse_toml("version = 1\n<<<<<<< HEAD\nb = 2\n", "f.toml"); });
        REQUIRE(error);
        BB_CHECK_POSITION(error->what(), "f.toml", 2);
        CHECK_FALSE(bb::test::contains(error->what(), "merge conflict"));
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
    SUBCASE("a file holding a merge conflict names itself and the line, whatever code was asked") {
        bb::test::write_text(tmp / "2026-11.toml", conflicted_month());
        const auto error = error_from(
            [&] { bb::storage::load_data_file(dir, "2026-11.toml", bb::ExitCode::config); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        CHECK(std::string(error->what()) == conflict_message((tmp / "2026-11.toml").string(), 5));
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
