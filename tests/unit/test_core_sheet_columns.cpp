// Tests for lib/src/core/sheet_columns.cpp: header names in six languages.
#include "bounceback/core/sheet_columns.hpp"

#include "bounceback/util/text.hpp"

#include <doctest/doctest.h>

#include "bounceback/core/vocabulary.hpp"

#include <fstream>
#include <set>
#include <sstream>

using bb::SheetField;

TEST_CASE("core::field_of_header") {
    CHECK(bb::field_of_header("Applied Date") == SheetField::applied);
    CHECK(bb::field_of_header("date_applied") == SheetField::applied);
    CHECK(bb::field_of_header("Job Position") == SheetField::role);
    CHECK(bb::field_of_header("Stage Reached") == SheetField::stage);
    CHECK(bb::field_of_header("Firma") == SheetField::company);
    CHECK(bb::field_of_header("Stelle") == SheetField::role);
    CHECK(bb::field_of_header("Entreprise") == SheetField::company);
    CHECK(bb::field_of_header("Poste") == SheetField::role);
    CHECK(bb::field_of_header("  ÉTAPE ") == SheetField::stage);
    CHECK(bb::field_of_header("Situação") == SheetField::status);
    CHECK(bb::field_of_header("Last edited time") == SheetField::updated);
    CHECK(bb::field_of_header("Location") == SheetField::location);
    CHECK(bb::field_of_header("Salary") == std::nullopt);
    // Every alias is written folded and names one field.
    std::set<std::string_view> seen;
    for (const auto& alias : bb::header_aliases()) {
        CAPTURE(alias.header);
        CHECK(seen.insert(alias.header).second);
        CHECK(bb::util::fold_key(alias.header) == alias.header);
    }
}

TEST_CASE("core::map_sheet_columns") {
    SUBCASE("Notion's Name is the role beside a company column") {
        const auto f = bb::map_sheet_columns({"Name", "Company", "Status"}, nullptr);
        CHECK(f[0] == SheetField::role);
        CHECK(f[1] == SheetField::company);
    }
    SUBCASE("and the company when no other column is") {
        const auto f = bb::map_sheet_columns({"Name", "Role"}, nullptr);
        CHECK(f[0] == SheetField::company);
    }
    SUBCASE("a second column for a field is left out and reported") {
        std::vector<std::size_t> duplicates;
        const auto f = bb::map_sheet_columns({"Company", "Employer", "Notes"}, &duplicates);
        CHECK(f[1] == std::nullopt);
        CHECK(duplicates == std::vector<std::size_t>{1});
    }
}

TEST_CASE("core: bounceback-import(1) lists every column name and every status and stage word") {
    std::ifstream in(std::string(BB_SOURCE_DIR) + "/man/bounceback-import.1");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    std::string page = text.str();
    for (std::size_t at = page.find("\\(aq"); at != std::string::npos; at = page.find("\\(aq")) {
        page.replace(at, 4, "'");
    }
    // Whole words only: ", word," or a word at the start or end of a line.
    std::string folded;
    for (const auto& line : bb::util::split_lines(page)) {
        for (const auto& item : bb::util::split_at(line, ',')) {
            folded += "|" + bb::util::fold_key(item) + "|";
        }
    }
    for (const auto& alias : bb::header_aliases()) {
        CAPTURE(alias.header);
        CHECK(folded.find("|" + std::string(alias.header) + "|") != std::string::npos);
    }
    for (const auto& entry : bb::vocabulary()) {
        CAPTURE(entry.word);
        CHECK(folded.find("|" + std::string(entry.word) + "|") != std::string::npos);
    }
}
