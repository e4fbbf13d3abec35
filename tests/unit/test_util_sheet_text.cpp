// Tests for lib/src/util/sheet_text.cpp: the encoding and separator sniffers.
#include "bounceback/util/sheet_text.hpp"

#include "bounceback/util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::util::decode_sheet_text;
using bb::util::sniff_separator;
using bb::util::TextEncoding;

TEST_CASE("util::decode_sheet_text") {
    SUBCASE("UTF-8 without a mark stays as it is") {
        const auto d = decode_sheet_text("Firma,Stelle\nM\xC3\xBCller,Dev\n");
        CHECK(d.encoding == TextEncoding::utf8);
        CHECK(d.text == "Firma,Stelle\nM\xC3\xBCller,Dev\n");
    }
    SUBCASE("a UTF-8 byte order mark is dropped") {
        const auto d = decode_sheet_text("\xEF\xBB\xBFName,Company\n");
        CHECK(d.encoding == TextEncoding::utf8_bom);
        CHECK(d.text == "Name,Company\n");
    }
    SUBCASE("anything else is windows-1252, always decoded to valid UTF-8") {
        // "Müller;Société;€ 5;„Zitat“" as German Excel saves it.
        const auto d = decode_sheet_text("M\xFCller;Soci\xE9t\xE9;\x80 5;\x84Zitat\x93\r\n");
        CHECK(d.encoding == TextEncoding::windows_1252);
        CHECK(d.text == "M\xC3\xBCller;Soci\xC3\xA9t\xC3\xA9;\xE2\x82\xAC 5;"
                        "\xE2\x80\x9EZitat\xE2\x80\x9C\r\n");
        // The five bytes windows-1252 leaves unused become U+FFFD, never a raw byte.
        const auto unused = decode_sheet_text("a\x81\x8D\x8F\x90\x9D");
        CHECK(bb::util::is_valid_utf8(unused.text));
        CHECK(unused.text == "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    }
    SUBCASE("ISO-8859-1 reads the same: its letters are where windows-1252 has them") {
        CHECK(decode_sheet_text("caf\xE9").text == "caf\xC3\xA9");
    }
    SUBCASE("a broken UTF-8 file is not half decoded: the whole file is windows-1252") {
        const auto d = decode_sheet_text("\xC3\xA9t\xE9");
        CHECK(d.encoding == TextEncoding::windows_1252);
        CHECK(d.text == "\xC3\x83\xC2\xA9t\xC3\xA9");
    }
    SUBCASE("UTF-16 with a mark (Excel's Unicode Text), either byte order") {
        const std::string le("\xFF\xFE" "A\0\t\0\x41\x01\n\0", 10); // "A\tŁ\n"
        CHECK(decode_sheet_text(le).encoding == TextEncoding::utf16le);
        CHECK(decode_sheet_text(le).text == "A\t\xC5\x81\n");
        const std::string be("\xFE\xFF\0A\xD8\x3D\xDE\x00", 8); // "A😀"
        CHECK(decode_sheet_text(be).text == "A\xF0\x9F\x98\x80");
        const std::string odd("\xFF\xFE" "A\0B", 5);
        CHECK(decode_sheet_text(odd).text == "A\xEF\xBF\xBD");
        const std::string lone("\xFF\xFE\x00\xD8" "A\0", 6);
        CHECK(decode_sheet_text(lone).text == "\xEF\xBF\xBD" "A");
    }
}

TEST_CASE("util::sniff_separator") {
    SUBCASE("the separator of the header that the rows agree with") {
        CHECK(sniff_separator("Company,Role,Date\nAcme,Dev,2026-11-03\n") == ',');
        CHECK(sniff_separator("Firma;Stelle;Datum\r\nM\xC3\xBCller;Dev;03.11.2026\r\n") == ';');
        CHECK(sniff_separator("Company\tRole\nAcme\tDev\n") == '\t');
    }
    SUBCASE("commas inside cells do not outvote the semicolons") {
        CHECK(sniff_separator("Firma;Notizen;Gehalt\n"
                              "A;\"gut, schnell\";65.000,00\n"
                              "B;nett, langsam;70.000,00\n") == ';');
        CHECK(sniff_separator("Company;Notes, misc\nA;x, y\nB;z\n") == ';');
    }
    SUBCASE("separators inside quotes do not count, even across lines") {
        CHECK(sniff_separator("\"a;b;c\",d\n\"x\ny;z\",w\n") == ',');
    }
    SUBCASE("Excel's sep= line says it outright") {
        CHECK(sniff_separator("sep=;\nA,B;C\n") == ';');
        CHECK(bb::util::strip_separator_hint("sep=;\r\nA;B\r\n") == "A;B\r\n");
        CHECK(bb::util::strip_separator_hint("A;B\n") == "A;B\n");
    }
    SUBCASE("one column, or nothing at all: a comma") {
        CHECK(sniff_separator("Company\nAcme\n") == ',');
        CHECK(sniff_separator("") == ',');
    }
}

TEST_CASE("util::workbook_kind") {
    CHECK(bb::util::workbook_kind("Company,Role\n") == std::nullopt);
    CHECK(bb::util::workbook_kind(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest") ==
          "an Excel 97-2003 workbook (.xls)");
    CHECK(bb::util::workbook_kind(std::string("PK\x03\x04", 4) +
                                  "....[Content_Types].xml....xl/workbook.xml") ==
          "an Excel workbook (.xlsx)");
    CHECK(bb::util::workbook_kind(std::string("PK\x03\x04", 4) +
                                  "mimetypeapplication/vnd.oasis.opendocument.spreadsheet") ==
          "an OpenDocument spreadsheet (.ods)");
    CHECK(bb::util::workbook_kind(std::string("PK\x03\x04", 4) + "Index/Document.iwa") ==
          "a Numbers document");
    CHECK(bb::util::workbook_kind(std::string("PK\x03\x04", 4) + "other") == "a ZIP archive");
}
