// Tests for lib/src/core/interchange.cpp, interchange_columns.cpp, interchange_write.cpp and
// interchange_read.cpp: the export format, written and read back.
#include "bounceback/core/interchange.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <bounceback/util/text.hpp>
#include <string>

using bb::Dataset;
using bb::ExitCode;
using bb::RecordKind;
using bb::test::contains;
using bb::test::error_from;

namespace {

bb::Date day(int y, unsigned m, unsigned d) {
    return bb::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// A dataset with one record of every kind, using the awkward characters each format must carry.
Dataset sample() {
    Dataset data;
    bb::Rejection r;
    r.id = 7;
    r.company = "Zürich \"Soft\", AG";
    r.role = "Dev";
    r.stage = bb::Stage::onsite;
    r.date = day(2026, 11, 20);
    r.applied = day(2026, 10, 30);
    r.note = "two\nlines, and \"quotes\"";
    r.tags = {"remote", "python"};
    r.feeling = 2;
    r.key = "<msg@example.com>";
    r.feedback.requested = day(2026, 11, 21);
    r.feedback.text = "More depth";
    r.feedback.areas = {"technical"};
    data.rejections.push_back(r);
    bb::Reflection f;
    f.id = 3;
    f.date = day(2026, 11, 22);
    f.rejection = 7;
    f.mood = 3;
    f.went_well = {"Calm, mostly", "two\nlines"};
    f.next = {"[bracketed] plan"};
    data.reflections.push_back(f);
    bb::Checkin c;
    c.date = day(2026, 11, 23);
    c.habit = "exercise";
    c.status = bb::CheckinStatus::skip;
    c.minutes = 20;
    data.checkins.push_back(c);
    bb::Win w;
    w.id = 2;
    w.date = day(2026, 11, 24);
    w.text = "Shipped it";
    data.wins.push_back(w);
    data.next = {{"rejection", 9}, {"reflection", 4}, {"win", 3}};
    return data;
}

} // namespace

TEST_CASE("core::export_json and read_json_export") {
    const Dataset data = sample();
    SUBCASE("round trip, keys as in TOML") {
        const std::string json = bb::export_json(data, bb::record_kinds());
        CHECK(contains(json, "\"schema\" : 1"));
        CHECK(contains(json, "\"went_well\""));
        CHECK(contains(json, "\"applied\" : \"2026-10-30\""));
        const auto back = bb::read_json_export(json, "x.json", std::nullopt);
        CHECK(back.data.next == data.next);
        CHECK(bb::export_json(back.data, bb::record_kinds()) == json);
        REQUIRE(back.data.rejections.size() == 1);
        CHECK(back.data.rejections[0].company == data.rejections[0].company);
        CHECK(back.data.reflections[0].went_well == data.reflections[0].went_well);
    }
    SUBCASE("one kind") {
        const std::string json = bb::export_json(data, {RecordKind::win});
        CHECK_FALSE(contains(json, "rejection"));
        CHECK(contains(json, "\"win\" : 3"));
    }
    SUBCASE("a bad record names its array index and key; every one is listed") {
        const std::string text = R"({"schema": 1, "rejection": [
            {"id": 1, "company": "A", "date": "2026-11-01"},
            {"id": 2, "company": "B", "date": "2026-11-01", "feeling": 9},
            {"id": 3, "company": "C", "date": "11/01/2026"}]})";
        auto error = error_from([&] { bb::read_json_export(text, "x.json", std::nullopt); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        CHECK(contains(error->what(), "x.json: rejection[1]: feeling"));
        CHECK(contains(error->what(), "x.json: rejection[2]: date"));
        CHECK(contains(error->what(), "nothing was imported"));
    }
    SUBCASE("refused: unknown keys, null, newer schema, no schema, syntax") {
        auto code_and_text = [](const std::string& text) {
            auto error = error_from([&] { bb::read_json_export(text, "x.json", std::nullopt); });
            REQUIRE(error);
            return std::pair(error->code(), std::string(error->what()));
        };
        CHECK(contains(
            code_and_text(
                R"({"schema":1,"rejection":[{"id":1,"company":"A","date":"2026-11-01","salary":3}]})")
                .second,
            "unknown key 'salary'"));
        CHECK(contains(
            code_and_text(
                R"({"schema":1,"rejection":[{"id":1,"company":"A","date":"2026-11-01","role":null}]})")
                .second,
            "role is null"));
        CHECK(contains(code_and_text(R"({"schema":2})").second, "newer bounceback"));
        CHECK(contains(code_and_text(R"({"rejection":[]})").second, "no \"schema\""));
        CHECK(contains(code_and_text(R"({"schema":1,"wins":[]})").second, "unknown key \"wins\""));
        const auto [code, text] = code_and_text("{\"schema\": 1,\n  \"win\": [}");
        CHECK(code == ExitCode::data);
        CHECK(contains(text, "x.json:2:"));
    }
    SUBCASE("a bare array needs a kind") {
        const std::string text = R"([{"id": 4, "date": "2026-11-01", "text": "Yes"}])";
        auto error = error_from([&] { bb::read_json_export(text, "x.json", std::nullopt); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::usage);
        const auto input = bb::read_json_export(text, "x.json", RecordKind::win);
        REQUIRE(input.data.wins.size() == 1);
        CHECK(input.data.wins[0].id == 4);
    }
}

TEST_CASE("core::export_csv and read_csv_import") {
    const Dataset data = sample();
    SUBCASE("round trip of every kind") {
        for (RecordKind kind : bb::record_kinds()) {
            CAPTURE(bb::record_kind_name(kind));
            const std::string csv = bb::export_csv(data, kind);
            CHECK(csv.starts_with(bb::util::join(bb::csv_columns(kind), ",") + "\r\n"));
            const auto back = bb::read_csv_import(csv, "x.csv", std::nullopt);
            CHECK(back.warnings.empty());
            CHECK(back.data.count(kind) == 1);
            CHECK(bb::export_csv(back.data, kind) == csv);
        }
    }
    SUBCASE("arrays: words joined with ';', answers as a JSON array") {
        const std::string csv = bb::export_csv(data, RecordKind::rejection);
        CHECK(contains(csv, ",remote;python,"));
        const std::string reflections = bb::export_csv(data, RecordKind::reflection);
        CHECK(contains(reflections, R"("[""Calm, mostly"",""two\nlines""]")"));
    }
    SUBCASE("a word holding ';' cannot be exported as CSV") {
        Dataset odd = data;
        odd.rejections[0].tags = {"a;b"};
        auto error = error_from([&] { bb::export_csv(odd, RecordKind::rejection); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        CHECK(contains(error->what(), "rejection 7"));
        CHECK(contains(error->what(), "--json"));
    }
    SUBCASE("a spreadsheet: any case, aliases, unknown columns, no IDs") {
        const std::string csv =
            "\xEF\xBB\xBF"
            "Company,ROLE,Date Applied,date,Stage,Notes,Salary,Tags\r\n"
            "Acme,Dev,2026-10-01,2026-11-01,Onsite,\"Nice, team\",100,\"a, b\"\r\n"
            "Initech,,,2026-11-02,,,,\r\n"
            ",,,,,,,\r\n";
        const auto input = bb::read_csv_import(csv, "apps.csv", std::nullopt);
        REQUIRE(input.data.rejections.size() == 2);
        const bb::Rejection& r = input.data.rejections[0];
        CHECK(r.id == 0);
        CHECK(r.company == "Acme");
        CHECK(r.stage == bb::Stage::onsite);
        CHECK(r.applied == day(2026, 10, 1));
        CHECK(r.note == "Nice, team");
        CHECK(r.tags == std::vector<std::string>{"a", "b"});
        CHECK_FALSE(input.data.rejections[1].role.has_value());
        REQUIRE(input.warnings.size() == 1);
        CHECK(contains(input.warnings[0], "'Salary'"));
    }
    SUBCASE("bad rows name the line and the column; nothing is returned") {
        const std::string csv = "company,date,feeling,mood\n"
                                "A,2026-11-01,2,\n"
                                "B,2026-11-31,2,\n"
                                "\"C\nD\",2026-11-01,x,\n"
                                "E,2026-11-01,7,\n";
        auto error = error_from([&] { bb::read_csv_import(csv, "apps.csv", std::nullopt); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        const std::string what = error->what();
        CHECK(contains(what, "3 problems"));
        CHECK(contains(what, "apps.csv:3: column 'date': '2026-11-31'"));
        CHECK(contains(what, "apps.csv:4: column 'feeling': 'x'"));
        CHECK(contains(what, "apps.csv:6: feeling must be"));
    }
    SUBCASE("the kind comes from the header, or --kind") {
        CHECK(
            bb::read_csv_import("date,habit,status\n2026-11-01,walk,done\n", "c.csv", std::nullopt)
                .data.checkins.size() == 1);
        CHECK(bb::read_csv_import("id,date,text\n1,2026-11-01,Yes\n", "w.csv", std::nullopt)
                  .data.wins.size() == 1);
        auto error =
            error_from([] { bb::read_csv_import("when,what\nx,y\n", "q.csv", std::nullopt); });
        REQUIRE(error);
        CHECK(contains(error->what(), "--kind"));
        auto missing = error_from(
            [] { bb::read_csv_import("company,role\nAcme,Dev\n", "q.csv", std::nullopt); });
        REQUIRE(missing);
        CHECK(contains(missing->what(), "no 'date' column"));
    }
    SUBCASE("an answer cell that starts with '[' must be a JSON array") {
        auto error = error_from([] {
            bb::read_csv_import("date,went_well\n2026-11-01,[oops\n", "r.csv", std::nullopt);
        });
        REQUIRE(error);
        CHECK(contains(error->what(), "r.csv:2: column 'went_well'"));
        const auto one =
            bb::read_csv_import("date,went_well\n2026-11-01,Stayed calm\n", "r.csv", std::nullopt);
        CHECK(one.data.reflections.at(0).went_well == std::vector<std::string>{"Stayed calm"});
    }
}

TEST_CASE("core::guess_format") {
    using bb::InterchangeFormat;
    CHECK(bb::guess_format("a.JSON", "x,y") == InterchangeFormat::json);
    CHECK(bb::guess_format("a.csv", "{") == InterchangeFormat::csv);
    CHECK(bb::guess_format("", "  \n{\"schema\":1}") == InterchangeFormat::json);
    CHECK(bb::guess_format("", "company,date\n") == InterchangeFormat::csv);
    CHECK_FALSE(bb::guess_format("notes.txt", "hello").has_value());
}
