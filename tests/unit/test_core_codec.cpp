// Tests for lib/src/core/codec.cpp.
#include "bounceback/core/codec.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

using namespace std::chrono;
using bb::Rejection;
using bb::Win;
using bb::test::describe;
using bb::test::error_from;

namespace {

constexpr std::string_view k_file = "rejections/2026-11.toml";

/// A rejection with every field set, using text that is easy to get wrong: quotes, backslashes,
/// tabs, several lines, accents and CJK.
Rejection full_rejection() {
    Rejection r;
    r.id = 42;
    r.company = "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \"Quoted\" Ltd";
    r.role = "Senior Engineer";
    r.stage = bb::Stage::technical;
    r.date = 2026y / 11 / 5;
    r.applied = 2026y / 10 / 1;
    r.source = "referral";
    r.contact = "Dr. Jane Q. Doe";
    r.email = "jane.doe@example.com";
    r.reason = "They chose someone with more \"domain\" experience";
    r.note = "Line one\nLine two\twith a tab and a back\\slash\nand \"\"\" three quotes";
    r.tags = {"remote", "data-science"};
    r.feeling = 2;
    r.key = "msg-<1234@mail.example.com>";
    r.feedback.requested = 2026y / 11 / 6;
    r.feedback.received = 2026y / 11 / 10;
    r.feedback.text = "Strong coding.\nPractise system design.";
    r.feedback.areas = {"interview", "technical"};
    return r;
}

/// A rejection with only the required fields.
Rejection minimal_rejection() {
    Rejection r;
    r.id = 1;
    r.company = "Acme";
    r.date = 2026y / 11 / 5;
    return r;
}

/// `r` written as TOML text, parsed back by toml++, and decoded.
Rejection round_trip(const Rejection& r) {
    const std::string text = bb::to_toml_text(bb::to_toml(r));
    const toml::table parsed = toml::parse(text, std::string_view("round-trip.toml"));
    return bb::rejection_from_toml(parsed, "round-trip.toml");
}

/// The keys of `table`, in order, each followed by a space.
std::string keys_of(const toml::table& table) {
    std::string out;
    for (const auto& [key, value] : table) {
        out += std::string(key.str()) + " ";
    }
    return out;
}

/// The error rejection_from_toml throws for the TOML `text`, read as rejections/2026-11.toml.
std::optional<bb::Error> rejection_error(std::string_view text) {
    const toml::table parsed = toml::parse(text, k_file);
    return error_from([&] { bb::rejection_from_toml(parsed, k_file); });
}

/// The error win_from_toml throws for the TOML `text`, read as wins/2026-11.toml.
std::optional<bb::Error> win_error(std::string_view text) {
    const toml::table parsed = toml::parse(text, std::string_view("wins/2026-11.toml"));
    return error_from([&] { bb::win_from_toml(parsed, "wins/2026-11.toml"); });
}

// Lines 1 to 3 of a valid [[rejection]] table; a test appends line 4.
constexpr std::string_view k_valid = "id = 7\ncompany = \"Acme\"\ndate = 2026-11-05\n";

} // namespace

TEST_CASE("core::to_toml(Rejection)") {
    SUBCASE("a fully populated rejection round-trips") {
        const Rejection original = full_rejection();
        CHECK(describe(round_trip(original)) == describe(original));
    }
    SUBCASE("a minimal rejection round-trips") {
        const Rejection original = minimal_rejection();
        CHECK(describe(round_trip(original)) == describe(original));
    }
    SUBCASE("absent fields are omitted, not empty") {
        CHECK(keys_of(bb::to_toml(minimal_rejection())) == "company date id ");
        Rejection r = minimal_rejection();
        r.feedback.requested = 2026y / 11 / 6;
        const toml::table table = bb::to_toml(r);
        CHECK(keys_of(table) == "company date feedback id ");
        REQUIRE(table["feedback"].is_table());
        CHECK(keys_of(*table["feedback"].as_table()) == "requested ");
    }
    SUBCASE("every key of a full rejection is present") {
        const toml::table table = bb::to_toml(full_rejection());
        CHECK(keys_of(table) == "applied company contact date email feedback feeling id key note "
                                "reason role source stage tags ");
        REQUIRE(table["feedback"].is_table());
        CHECK(keys_of(*table["feedback"].as_table()) == "areas received requested text ");
    }
    SUBCASE("dates are TOML dates and numbers are integers") {
        const toml::table table = bb::to_toml(full_rejection());
        CHECK(table["date"].is_date());
        CHECK(table["applied"].is_date());
        CHECK(table["feedback"]["requested"].is_date());
        CHECK(table["feedback"]["received"].is_date());
        CHECK(table["id"].is_integer());
        CHECK(table["feeling"].is_integer());
        CHECK(table["stage"].value<std::string>() == "technical");
    }
    SUBCASE("multi-line text round-trips whatever its first and last characters") {
        for (std::string note : {"\nafter a blank first line", "ends with a quote\"",
                                 "two lines\nending in a quote\"", "back\\\nslash at a line end",
                                 "\n\nmore blank lines\n\n", "tab\tfirst\n\tand indented"}) {
            CAPTURE(note);
            Rejection original = minimal_rejection();
            original.note = note;
            original.feedback.text = note;
            CHECK(describe(round_trip(original)) == describe(original));
        }
    }
}

TEST_CASE("core::rejection_from_toml") {
    SUBCASE("a valid table") {
        const toml::table parsed = toml::parse(k_valid, k_file);
        const Rejection r = bb::rejection_from_toml(parsed, k_file);
        CHECK(r.id == 7);
        CHECK(r.company == "Acme");
        CHECK(r.date == 2026y / 11 / 5);
        CHECK_FALSE(r.role.has_value());
        CHECK(r.tags.empty());
        CHECK(r.feedback.empty());
    }
    SUBCASE("date_estimated: a stand-in date, true or false, written only when true") {
        const toml::table parsed =
            toml::parse(std::string(k_valid) + "date_estimated = true\n", k_file);
        Rejection r = bb::rejection_from_toml(parsed, k_file);
        CHECK(r.date_estimated);
        CHECK(bb::to_toml(r).get("date_estimated")->value<bool>() == true);
        r.date_estimated = false;
        CHECK(bb::to_toml(r).get("date_estimated") == nullptr);
        const auto error = rejection_error(std::string(k_valid) + "date_estimated = \"yes\"\n");
        REQUIRE(error);
        BB_CHECK_CONTAINS(error->what(), "date_estimated must be true or false");
    }
    SUBCASE("a tag may hold spaces, not commas") {
        const toml::table parsed =
            toml::parse(std::string(k_valid) + "tags = [\"big tech\"]\n", k_file);
        CHECK(bb::rejection_from_toml(parsed, k_file).tags == std::vector<std::string>{"big tech"});
        REQUIRE(rejection_error(std::string(k_valid) + "tags = [\"a,b\"]\n"));
    }
    SUBCASE("an unknown key is refused with FILE:LINE:COL") {
        const auto error = rejection_error(std::string(k_valid) + "colour = \"blue\"\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 4);
        BB_CHECK_CONTAINS(error->what(), "colour");
    }
    SUBCASE("an unknown key in the feedback table is refused") {
        const auto error = rejection_error(std::string(k_valid) +
                                           "[feedback]\nrequested = 2026-11-06\nbogus = 1\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 6);
        BB_CHECK_CONTAINS(error->what(), "bogus");
    }
    SUBCASE("wrong types are refused at their position") {
        struct Case {
            std::string line;
            std::string field;
        };
        for (const Case& c :
             {Case{"feeling = \"x\"", "feeling"}, Case{"tags = \"a\"", "tags"},
              Case{"applied = \"yesterday\"", "applied"},
              Case{"applied = 2026-11-01T10:00:00", "applied"}, Case{"role = 3", "role"},
              Case{"feedback = 3", "feedback"}, Case{"tags = [1, 2]", "tags"}}) {
            CAPTURE(c.line);
            const auto error = rejection_error(std::string(k_valid) + c.line + "\n");
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 4);
            BB_CHECK_CONTAINS(error->what(), c.field);
        }
    }
    SUBCASE("a date that is not a date") {
        const auto error = rejection_error("id = 7\ncompany = \"Acme\"\ndate = \"yesterday\"\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 3);
        BB_CHECK_CONTAINS(error->what(), "date");
    }
    SUBCASE("values that break a field rule are refused at their position") {
        for (std::string line :
             {"stage = \"phone\"", "stage = \"Screen\"", "feeling = 9", "feeling = 0",
              "tags = [\"ok\", \"a, b\"]", "email = \"not-an-address\"",
              "role = \"two\\nlines\"", "source = \"\"", "key = \"tab\\there\""}) {
            CAPTURE(line);
            const auto error = rejection_error(std::string(k_valid) + line + "\n");
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 4);
        }
    }
    SUBCASE("the stage message lists the stages") {
        const auto error = rejection_error(std::string(k_valid) + "stage = \"phone\"\n");
        REQUIRE(error);
        BB_CHECK_CONTAINS(error->what(), "application, screen, technical, onsite, final, offer");
    }
    SUBCASE("a bad id") {
        for (std::string text : {"id = 0\ncompany = \"Acme\"\ndate = 2026-11-05\n",
                                 "id = \"7\"\ncompany = \"Acme\"\ndate = 2026-11-05\n",
                                 "id = 1.5\ncompany = \"Acme\"\ndate = 2026-11-05\n"}) {
            CAPTURE(text);
            const auto error = rejection_error(text);
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 1);
        }
    }
    SUBCASE("an empty company") {
        const auto error = rejection_error("id = 7\ncompany = \"\"\ndate = 2026-11-05\n");
        REQUIRE(error);
        BB_CHECK_POSITION(error->what(), "rejections/2026-11.toml", 2);
    }
    SUBCASE("missing required keys") {
        for (const auto& entry : {std::pair{"company = \"Acme\"\ndate = 2026-11-05\n", "id"},
                                  std::pair{"id = 7\ndate = 2026-11-05\n", "company"},
                                  std::pair{"id = 7\ncompany = \"Acme\"\n", "date"}}) {
            const auto& text = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& missing = entry.second;
            CAPTURE(text);
            const auto error = rejection_error(text);
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_CONTAINS(error->what(), missing);
            BB_CHECK_CONTAINS(error->what(), "rejections/2026-11.toml");
        }
    }
    SUBCASE("fields that contradict each other") {
        const auto applied = rejection_error(std::string(k_valid) + "applied = 2026-12-01\n");
        REQUIRE(applied);
        CHECK(applied->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(applied->what(), "applied");
        const auto feedback = rejection_error(
            std::string(k_valid) + "[feedback]\nrequested = 2026-11-10\nreceived = 2026-11-08\n");
        REQUIRE(feedback);
        CHECK(feedback->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(feedback->what(), "feedback.received");
    }
}

TEST_CASE("core::to_toml(Win)") {
    Win win;
    win.id = 3;
    win.date = 2026y / 11 / 20;
    win.text = "Finished the take-home \"on time\"\nand felt good";
    SUBCASE("keys") {
        const toml::table table = bb::to_toml(win);
        CHECK(keys_of(table) == "date id text ");
        CHECK(table["date"].is_date());
    }
    SUBCASE("round trip") {
        const std::string text = bb::to_toml_text(bb::to_toml(win));
        const toml::table parsed = toml::parse(text, std::string_view("wins/2026-11.toml"));
        const Win back = bb::win_from_toml(parsed, "wins/2026-11.toml");
        CHECK(back.id == win.id);
        CHECK(back.date == win.date);
        CHECK(back.text == win.text);
    }
}

TEST_CASE("core::win_from_toml") {
    SUBCASE("missing text") {
        const auto error = win_error("id = 3\ndate = 2026-11-20\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), "text");
    }
    SUBCASE("unknown key") {
        const auto error = win_error("id = 3\ndate = 2026-11-20\ntext = \"Yes\"\nmood = 5\n");
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), "wins/2026-11.toml", 4);
    }
    SUBCASE("a date that is not a date") {
        const auto error = win_error("id = 3\ndate = \"today\"\ntext = \"Yes\"\n");
        REQUIRE(error);
        BB_CHECK_POSITION(error->what(), "wins/2026-11.toml", 2);
    }
}

TEST_CASE("core::to_toml(Reflection) and reflection_from_toml") {
    bb::Reflection r;
    r.id = 4;
    r.date = 2026y / 11 / 22;
    r.rejection = 2;
    r.mood = 3;
    r.went_well = {"Explained the cache design clearly", "Asked good questions"};
    r.improve = {"Practise system design\nout loud"};
    r.strengths = {"Calm under pressure"};
    r.targeting = {"Smaller companies suit me"};
    r.next = {"Book a mock interview"};
    const std::string file = "reflections/2026-11.toml";
    SUBCASE("round trip keeps every answer in order") {
        const toml::table parsed = toml::parse(bb::to_toml_text(bb::to_toml(r)), file);
        const bb::Reflection back = bb::reflection_from_toml(parsed, file);
        CHECK(back.id == r.id);
        CHECK(back.date == r.date);
        CHECK(back.rejection == r.rejection);
        CHECK(back.mood == r.mood);
        CHECK(back.went_well == r.went_well);
        CHECK(back.improve == r.improve);
        CHECK(back.strengths == r.strengths);
        CHECK(back.targeting == r.targeting);
        CHECK(back.next == r.next);
    }
    SUBCASE("empty lists and absent links are omitted") {
        bb::Reflection bare;
        bare.id = 1;
        bare.date = r.date;
        CHECK(keys_of(bb::to_toml(bare)) == "date id ");
    }
    SUBCASE("a mood out of range is refused at its position") {
        const auto parsed =
            toml::parse("id = 1\ndate = 2026-11-22\nmood = 7\n", std::string_view(file));
        const auto error = bb::test::error_from([&] { bb::reflection_from_toml(parsed, file); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), file, 3);
    }
    SUBCASE("an answer that is not a string is refused") {
        const auto parsed =
            toml::parse("id = 1\ndate = 2026-11-22\nnext = [1]\n", std::string_view(file));
        const auto error = bb::test::error_from([&] { bb::reflection_from_toml(parsed, file); });
        REQUIRE(error);
        BB_CHECK_CONTAINS(error->what(), "next must be an array of strings");
    }
}

TEST_CASE("core::to_toml(Checkin) and checkin_from_toml") {
    bb::Checkin c;
    c.date = 2026y / 11 / 23;
    c.habit = "exercise";
    c.status = bb::CheckinStatus::done;
    c.minutes = 30;
    c.note = "Run by the river";
    const std::string file = "checkins/2026-11.toml";
    SUBCASE("round trip") {
        const toml::table table = bb::to_toml(c);
        CHECK(keys_of(table) == "date habit minutes note status ");
        const bb::Checkin back =
            bb::checkin_from_toml(toml::parse(bb::to_toml_text(table), file), file);
        CHECK(back.date == c.date);
        CHECK(back.habit == c.habit);
        CHECK(back.status == c.status);
        CHECK(back.minutes == c.minutes);
        CHECK(back.note == c.note);
    }
    SUBCASE("a skip") {
        c.status = bb::CheckinStatus::skip;
        CHECK(bb::to_toml(c)["status"].value_or(std::string()) == "skip");
    }
    SUBCASE("a status that is neither done nor skip") {
        const auto parsed =
            toml::parse("date = 2026-11-23\nhabit = \"exercise\"\nstatus = \"maybe\"\n",
                        std::string_view(file));
        const auto error = bb::test::error_from([&] { bb::checkin_from_toml(parsed, file); });
        REQUIRE(error);
        BB_CHECK_POSITION(error->what(), file, 3);
    }
    SUBCASE("minutes out of range") {
        const auto parsed =
            toml::parse("date = 2026-11-23\nhabit = \"exercise\"\nstatus = \"done\"\nminutes = 0\n",
                        std::string_view(file));
        const auto error = bb::test::error_from([&] { bb::checkin_from_toml(parsed, file); });
        REQUIRE(error);
        BB_CHECK_POSITION(error->what(), file, 4);
    }
}

TEST_CASE("core::rejection_edit_text and rejection_from_edit_text") {
    bb::Rejection r;
    r.id = 7;
    r.company = "Acme";
    r.date = 2026y / 11 / 20;
    r.role = "Dev";
    const std::string file = "edit.toml";
    const std::string text = bb::rejection_edit_text(r);
    SUBCASE("the text has no id and reads back as the same entry") {
        CHECK(text.find("id =") == std::string::npos);
        const auto back = bb::rejection_from_edit_text(text, file, 7);
        REQUIRE(back);
        CHECK(bb::to_toml(*back) == bb::to_toml(r));
    }
    SUBCASE("only comments and blank lines left means cancel") {
        CHECK_FALSE(bb::rejection_from_edit_text("# just a comment\n\n", file, 7).has_value());
        CHECK_FALSE(bb::rejection_from_edit_text("", file, 7).has_value());
    }
    SUBCASE("an id line is refused at its position") {
        const auto error =
            bb::test::error_from([&] { bb::rejection_from_edit_text("id = 9\n" + text, file, 7); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_POSITION(error->what(), file, 1);
    }
    SUBCASE("text that does not parse names the line") {
        const auto error = bb::test::error_from(
            [&] { bb::rejection_from_edit_text(text + "\nx = = 1\n", file, 7); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), "edit.toml:");
    }
}

TEST_CASE("core::parse_toml_text") {
    SUBCASE("a NUL byte is reported at its line and column") {
        const std::string text = std::string("a = 1\nb = \"x") + '\0' + "\"\n";
        const auto error = bb::test::error_from(
            [&] { bb::parse_toml_text(text, "f.toml", bb::ExitCode::config); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_CONTAINS(error->what(), "f.toml:2:7: NUL byte");
    }
}

TEST_CASE("core::located") {
    SUBCASE("with a position") {
        const toml::table parsed = toml::parse("a = 1\nb = 2\n", std::string_view("f.toml"));
        const std::string message = bb::located("f.toml", parsed["b"].node()->source(), "bad b");
        CHECK(message == "f.toml:2:5: bad b");
    }
    SUBCASE("without a position") {
        CHECK(bb::located("f.toml", toml::source_region{}, "bad file") == "f.toml: bad file");
    }
}

TEST_CASE("core::to_toml_text") {
    SUBCASE("Python's tomllib reads a full rejection") {
        bb::test::TempDir tmp;
        const Rejection r = full_rejection();
        bb::test::write_text(tmp / "r.toml", bb::to_toml_text(bb::to_toml(r)));
        const auto result = bb::test::run_python(tmp.path(), R"(
import datetime, sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
assert data["date"] == datetime.date(2026, 11, 5), data["date"]
assert data["feedback"]["received"] == datetime.date(2026, 11, 10)
assert data["tags"] == ["remote", "data-science"], data["tags"]
assert data["id"] == 42 and data["feeling"] == 2
sys.stdout.buffer.write((data["company"] + "|" + data["note"]).encode("utf-8"))
)",
                                                 {(tmp / "r.toml").string()});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == r.company + "|" + *r.note);
    }
    SUBCASE("unicode is written as is, not escaped") {
        const std::string text = bb::to_toml_text(bb::to_toml(full_rejection()));
        BB_CHECK_CONTAINS(text, "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
    }
}

TEST_CASE("core::to_json") {
    bb::test::TempDir tmp;
    // Checks the JSON with Python's json module and prints the note back.
    constexpr std::string_view k_script = R"(
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
expected = set(sys.argv[2].split())
assert set(data) == expected, sorted(set(data) ^ expected)
assert data["date"] == "2026-11-05", data["date"]
assert isinstance(data["id"], int)
if "applied" in data:
    assert data["applied"] == "2026-10-01", data["applied"]
    assert data["feedback"]["requested"] == "2026-11-06"
    assert data["tags"] == ["remote", "data-science"], data["tags"]
sys.stdout.buffer.write(data.get("note", "").encode("utf-8"))
)";
    const std::string all_keys = "applied company contact date email feedback feeling id key note "
                                 "reason role source stage tags";

    SUBCASE("a full rejection is JSON that Python reads, dates quoted") {
        const Rejection r = full_rejection();
        const std::string json = bb::to_json(bb::to_toml(r));
        BB_CHECK_CONTAINS(json, "\"2026-11-05\"");
        BB_CHECK_CONTAINS(json, "\"company\"");
        bb::test::write_text(tmp / "r.json", json);
        const auto result =
            bb::test::run_python(tmp.path(), k_script, {(tmp / "r.json").string(), all_keys});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == *r.note);
    }
    SUBCASE("a minimal rejection has only its keys") {
        bb::test::write_text(tmp / "r.json", bb::to_json(bb::to_toml(minimal_rejection())));
        const auto result = bb::test::run_python(tmp.path(), k_script,
                                                 {(tmp / "r.json").string(), "company date id"});
        CHECK_MESSAGE(result.status == 0, result.output);
    }
    SUBCASE("characters beyond the Basic Multilingual Plane") {
        Rejection r = minimal_rejection();
        r.note = "Rough day \xf0\x9f\x98\x80 but I am fine";
        bb::test::write_text(tmp / "r.json", bb::to_json(bb::to_toml(r)));
        const auto result = bb::test::run_python(
            tmp.path(), k_script, {(tmp / "r.json").string(), "company date id note"});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == *r.note);
    }
    SUBCASE("control characters are escaped") {
        Rejection r = minimal_rejection();
        r.note = "tab\there\nnext line \x7f";
        const std::string json = bb::to_json(bb::to_toml(r));
        CHECK(json.find('\t') == std::string::npos);
        bb::test::write_text(tmp / "r.json", json);
        const auto result = bb::test::run_python(
            tmp.path(), k_script, {(tmp / "r.json").string(), "company date id note"});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == *r.note);
    }
}
