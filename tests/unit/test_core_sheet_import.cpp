// Tests for lib/src/core/sheet_import.cpp: a sheet of applications read into rejections.
#include "bounceback/core/sheet_import.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::RowStatus;
using bb::SheetOptions;

namespace {

bb::SheetRead read(std::string_view text, SheetOptions options = {}) {
    return bb::read_rejection_sheet(text, bb::util::sniff_separator(text), "apps.csv", options);
}

} // namespace

TEST_CASE("core::read_rejection_sheet") {
    SUBCASE("status decides: rejections imported, the rest counted") {
        const auto r = read("Company,Status,Applied,Rejected\n"
                            "Acme,Rejected,2026-10-01,2026-10-20\n"
                            "Globex,Offer,2026-10-01,\n"
                            "Initech,Interviewing,2026-10-02,\n"
                            "Umbrella,Withdrawn,2026-10-03,\n"
                            "Hooli,No answer,2026-09-01,\n"
                            ",,,\n");
        REQUIRE(r.summary.problems.empty());
        CHECK(r.summary.rows == 5);
        CHECK(r.summary.rejections() == 2);
        CHECK(r.summary.by_status.at(RowStatus::offer) == 1);
        CHECK(r.summary.by_status.at(RowStatus::open) == 1);
        CHECK(r.summary.by_status.at(RowStatus::withdrawn) == 1);
        REQUIRE(r.data.rejections.size() == 2);
        CHECK(r.data.rejections[0].company == "Acme");
        CHECK_FALSE(r.data.rejections[0].date_estimated);
        const auto& hooli = r.data.rejections[1];
        CHECK(hooli.reason == "no answer");
        CHECK(hooli.stage == bb::Stage::application);
        CHECK(hooli.date_estimated);
        CHECK(hooli.date == *hooli.applied);
        CHECK(r.summary.stand_in_dates == 1);
    }
    SUBCASE("--ghosted skip leaves no-answer rows out") {
        SheetOptions options;
        options.ghosted = bb::GhostedRule::skip;
        const auto r = read("Company,Status,Applied\nHooli,Ghosted,2026-09-01\n", options);
        CHECK(r.data.rejections.empty());
        CHECK(r.summary.ghosted_left_out == 1);
        CHECK(r.summary.rejections() == 0);
    }
    SUBCASE("the best stand-in date: status change, last contact, update, applied") {
        const auto r = read("Company,Status,Applied,Last contact,Updated\n"
                            "A,Rejected,2026-10-01,2026-10-12,2026-11-20\n"
                            "B,Rejected,2026-10-01,,2026-11-20\n"
                            "C,Rejected,2026-10-05,2026-10-01,\n");
        REQUIRE(r.summary.problems.empty());
        CHECK(bb::util::format_date(r.data.rejections[0].date) == "2026-10-12");
        CHECK(bb::util::format_date(r.data.rejections[1].date) == "2026-11-20");
        // A stand-in before the application is no answer to it: the applied date stands in.
        CHECK(bb::util::format_date(r.data.rejections[2].date) == "2026-10-05");
        CHECK(r.summary.stand_in_dates == 3);
    }
    SUBCASE("a stage column holding statuses is the status column (Airtable)") {
        const auto r = read("Company,Stage,Applied\nA,Rejected,2026-10-01\nB,Onsite,2026-10-01\n"
                            "C,Offer,2026-10-01\n");
        REQUIRE(r.summary.problems.empty());
        CHECK(r.data.rejections.size() == 1);
        CHECK(r.summary.by_status.at(RowStatus::open) == 1);
        CHECK(r.summary.columns[1].note.find("holds the status") != std::string::npos);
    }
    SUBCASE("a stage column of stage names only: every row a rejection at its stage") {
        const auto r = read("company,date,stage\nA,2026-10-01,onsite\nB,2026-10-02,offer\n");
        REQUIRE(r.data.rejections.size() == 2);
        CHECK(r.data.rejections[1].stage == bb::Stage::offer);
    }
    SUBCASE("clean cells: names trimmed, tags at commas, Notion relations reduced") {
        const auto r = read("Name,Company,Status,Date,Tags\n"
                            "\"  Engineer \",\"Globex (https://www.notion.so/Globex-8f2c?pvs=21)\","
                            "Rejected,2026-11-03,\"Machine Learning, Big Tech,  big tech ;Remote\"\n");
        REQUIRE(r.summary.problems.empty());
        const auto& g = r.data.rejections.at(0);
        CHECK(g.company == "Globex");
        CHECK(g.role == "Engineer");
        CHECK(g.tags == std::vector<std::string>{"Machine Learning", "Big Tech", "Remote"});
    }
    SUBCASE("every problem of every row, with line, column, value and a fix") {
        const auto r = read("Firma;Status;Absage am;Phase;Gefühl\n"
                            "A;Absage;31.02.2026;Telefoninterview;3\n"
                            "B;Vielleicht;01.10.2026;;\n"
                            "C;Absage;02.10.2026;Kaffeeklatsch;9\n");
        REQUIRE(r.summary.problems.size() == 4);
        CHECK(r.summary.problems[0].line == 2);
        CHECK(r.summary.problems[0].column == "Absage am");
        CHECK(r.summary.problems[0].value == "31.02.2026");
        CHECK(r.summary.problems[1].column == "Status");
        CHECK(r.summary.problems[2].column == "Phase");
        CHECK(r.summary.problems[3].column == "Gefühl");
        for (const auto& p : r.summary.problems) {
            CHECK_FALSE(p.fix.empty());
        }
    }
    SUBCASE("no company column") {
        const auto r = read("Role,Date\nDev,2026-11-03\n");
        REQUIRE(r.summary.problems.size() == 1);
        CHECK(r.summary.problems[0].message == "no column names the company");
    }
    SUBCASE("keys a row speaks for: its columns and what its status set") {
        const auto r = read("Company,Status,Applied,Notes\nHooli,Ghosted,2026-09-01,\n");
        REQUIRE(r.sheet_keys.size() == 1);
        CHECK(r.sheet_keys[0] == std::set<std::string>{"applied", "company", "date",
                                                       "date_estimated", "note", "reason",
                                                       "stage"});
    }
}

TEST_CASE("core::read_csv_file") {
    SUBCASE("a workbook is refused with how to save it as CSV") {
        try {
            bb::read_csv_file(std::string("PK\x03\x04", 4) + "[Content_Types].xml xl/",
                              "apps.xlsx", std::nullopt, {});
            FAIL("no error");
        } catch (const bb::Error& e) {
            const std::string what = e.what();
            CHECK(e.code() == bb::ExitCode::data);
            for (auto program : {"Excel", "LibreOffice", "Numbers", "Google Sheets"}) {
                CHECK(what.find(program) != std::string::npos);
            }
        }
    }
    SUBCASE("German Excel: windows-1252 and semicolons") {
        const auto r = bb::read_csv_file("Firma;Status;Absage am\r\nM\xFCller;Absage;03.11.2026\r\n",
                                         "b.csv", std::nullopt, {});
        REQUIRE(r.sheet);
        CHECK(r.sheet->summary.encoding == bb::util::TextEncoding::windows_1252);
        CHECK(r.sheet->summary.separator == ';');
        REQUIRE(r.input.data.rejections.size() == 1);
        CHECK(r.input.data.rejections[0].company == "M\xC3\xBCller");
    }
    SUBCASE("the ' our export puts before a would-be formula is taken off; others stay") {
        using bb::util::csv_field;
        const std::string formula = "=HYPERLINK(\"http://evil.example/\",\"Acme\")";
        const std::string text = "company,date,role,note\n" + csv_field("@Acme") +
                                 ",2026-11-03," + csv_field("+1 role") + "," +
                                 csv_field(formula) + "\nInitech,2026-11-04,'quoted,'-2\n";
        const auto r = bb::read_csv_file(text, "export.csv", std::nullopt, {});
        REQUIRE(r.sheet);
        REQUIRE(r.sheet->summary.problems.empty());
        REQUIRE(r.input.data.rejections.size() == 2);
        const auto& acme = r.input.data.rejections[0];
        CHECK(acme.company == "@Acme");
        CHECK(acme.role == "+1 role");
        CHECK(acme.note == formula);
        const auto& initech = r.input.data.rejections[1];
        CHECK(initech.role == "'quoted"); // not a formula: kept as written
        CHECK(initech.note == "'-2");     // a plain number cannot be a formula: kept
    }
    SUBCASE("other kinds in TSV still read as exports") {
        const auto r = bb::read_csv_file("date\ttext\n2026-11-03\tShipped it\n", "w.tsv",
                                         std::nullopt, {});
        CHECK_FALSE(r.sheet);
        CHECK(r.input.data.wins.size() == 1);
    }
}

TEST_CASE("core::read_csv_file: bytes of no known encoding ask for CSV UTF-8") {
    // 0x81 and 0x8D are unused in windows-1252 (a Central European file, say).
    const auto r = bb::read_csv_file("Company;Status;Date\r\nA\x81\x8D;Rejected;2026-11-03\r\n",
                                     "cz.csv", std::nullopt, {});
    REQUIRE(r.sheet);
    REQUIRE_FALSE(r.sheet->summary.problems.empty());
    CHECK(r.sheet->summary.problems[0].line == 2);
    CHECK(r.sheet->summary.problems[0].fix.find("CSV UTF-8") != std::string::npos);
}

TEST_CASE("core::read_rejection_sheet without a status column") {
    SUBCASE("rows with a rejection date are rejections; the others are still open") {
        const auto r = read("Company,Applied,Rejected\nA,2026-10-01,2026-10-20\nB,2026-10-02,\n");
        REQUIRE(r.summary.problems.empty());
        CHECK(r.data.rejections.size() == 1);
        CHECK(r.summary.by_status.at(RowStatus::open) == 1);
    }
    SUBCASE("neither a status nor a rejection date column: a problem, not a guess") {
        const auto r = read("Company,Role,Applied\nA,Dev,2026-10-01\n");
        REQUIRE(r.summary.problems.size() == 1);
        CHECK(r.summary.problems[0].message == "no column says which rows are rejections");
    }
}

TEST_CASE("core::read_rejection_sheet keeps the job posting's address") {
    SUBCASE("a link column goes to url") {
        const auto r = read("Company,Status,Rejected,Job link\n"
                            "Acme,Rejected,2026-10-20,https://jobs.example.com/42\n");
        REQUIRE(r.summary.problems.empty());
        REQUIRE(r.data.rejections.size() == 1);
        CHECK(r.data.rejections[0].url == "https://jobs.example.com/42");
    }
    SUBCASE("an address that is not a web address is a problem named at its cell") {
        const auto r = read("Company,Status,Rejected,Job link\n"
                            "Acme,Rejected,2026-10-20,javascript:alert(1)\n");
        REQUIRE(r.summary.problems.size() == 1);
        CHECK(r.data.rejections.empty());
    }
}
