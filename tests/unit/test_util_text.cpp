// Tests for lib/src/util/text.cpp.
#include "bounceback/util/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace std::string_view_literals;
using bb::util::display_width;

namespace {

// The same letters, precomposed and as a base letter plus a combining accent.
constexpr std::string_view k_e_acute = "\xc3\xa9";               // U+00E9
constexpr std::string_view k_e_combining = "e\xcc\x81";          // U+0065 U+0301
constexpr std::string_view k_nihon = "\xe6\x97\xa5\xe6\x9c\xac"; // 日本
constexpr std::string_view k_grinning = "\xf0\x9f\x98\x80";      // U+1F600

std::string joined(const std::vector<std::string>& words) {
    return bb::util::join(words, "|");
}

/// The display width of `line` up to where `cell` starts: the column a table cell begins at.
std::size_t column_of(const std::string& line, std::string_view cell) {
    const auto at = line.find(cell);
    return at == std::string::npos ? std::string::npos : display_width(line.substr(0, at));
}

} // namespace

TEST_CASE("util::trim") {
    SUBCASE("ASCII white space at both ends") {
        CHECK(bb::util::trim("  two words \t\r\n") == "two words");
        CHECK(bb::util::trim("plain") == "plain");
    }
    SUBCASE("nothing left") {
        CHECK(bb::util::trim("") == "");
        CHECK(bb::util::trim(" \t\n ") == "");
    }
    SUBCASE("non-ASCII space is not ASCII white space") {
        CHECK(bb::util::trim("\xc2\xa0x") == "\xc2\xa0x");
    }
}

TEST_CASE("util::to_lower") {
    SUBCASE("ASCII letters") {
        CHECK(bb::util::to_lower("MiXeD Case 123") == "mixed case 123");
    }
    SUBCASE("other bytes unchanged") {
        CHECK(bb::util::to_lower("\xc3\x89"
                                 "COLE") == "\xc3\x89"
                                            "cole");
        CHECK(bb::util::to_lower(k_nihon) == std::string(k_nihon));
    }
}

TEST_CASE("util::fold_case") {
    using bb::util::fold_case;
    SUBCASE("ASCII letters fold like to_lower") {
        CHECK(fold_case("AcMe Corp") == "acme corp");
    }
    SUBCASE("letters beyond ASCII fold too") {
        CHECK(fold_case("Z\xc3\x9cRICH") == fold_case("z\xc3\xbcrich"));
        CHECK(fold_case("Z\xc3\x9cRICH") != bb::util::to_lower("Z\xc3\x9cRICH"));
    }
    SUBCASE("a decomposed accent compares equal to the precomposed one") {
        CHECK(fold_case(k_e_combining) == fold_case(k_e_acute));
    }
    SUBCASE("invalid UTF-8 still gives an answer") {
        CHECK(fold_case("AB\xff") == "ab\xff");
    }
}

TEST_CASE("util::split_words") {
    SUBCASE("runs of white space") {
        CHECK(joined(bb::util::split_words("  two   words\there\n")) == "two|words|here");
        CHECK(joined(bb::util::split_words("one")) == "one");
    }
    SUBCASE("no empty words") {
        CHECK(bb::util::split_words("").empty());
        CHECK(bb::util::split_words(" \t\n").empty());
    }
}

TEST_CASE("util::split_lines") {
    SUBCASE("LF and CRLF") {
        CHECK(joined(bb::util::split_lines("one\ntwo")) == "one|two");
        CHECK(joined(bb::util::split_lines("one\r\ntwo\r\n")) == "one|two");
    }
    SUBCASE("a final newline adds no empty line; inner empty lines stay") {
        CHECK(joined(bb::util::split_lines("one\n")) == "one");
        CHECK(joined(bb::util::split_lines("one\n\nthree\n")) == "one||three");
        REQUIRE(bb::util::split_lines("\n").size() == 1);
        CHECK(bb::util::split_lines("\n")[0] == "");
    }
    SUBCASE("no text, no lines") {
        CHECK(bb::util::split_lines("").empty());
    }
    SUBCASE("a CR that is not before a LF is kept") {
        CHECK(joined(bb::util::split_lines("a\rb\nc")) == "a\rb|c");
    }
}

TEST_CASE("util::is_valid_utf8") {
    SUBCASE("well-formed text") {
        CHECK(bb::util::is_valid_utf8(""));
        CHECK(bb::util::is_valid_utf8("plain ASCII"));
        CHECK(bb::util::is_valid_utf8(k_e_acute));
        CHECK(bb::util::is_valid_utf8(k_e_combining));
        CHECK(bb::util::is_valid_utf8(k_nihon));
        CHECK(bb::util::is_valid_utf8(k_grinning));
        CHECK(bb::util::is_valid_utf8("\xf4\x8f\xbf\xbf")); // U+10FFFF, the last code point
        CHECK(bb::util::is_valid_utf8("a\0b"sv));           // NUL is valid UTF-8
    }
    SUBCASE("bad sequences") {
        CHECK_FALSE(bb::util::is_valid_utf8("\x80"));             // lone continuation byte
        CHECK_FALSE(bb::util::is_valid_utf8("\xc3"));             // truncated 2-byte sequence
        CHECK_FALSE(bb::util::is_valid_utf8("\xe6\x97"));         // truncated 3-byte sequence
        CHECK_FALSE(bb::util::is_valid_utf8("\xf0\x9f\x98"));     // truncated 4-byte sequence
        CHECK_FALSE(bb::util::is_valid_utf8("\xc3("));            // bad continuation
        CHECK_FALSE(bb::util::is_valid_utf8("abc\xff"));          // never valid
        CHECK_FALSE(bb::util::is_valid_utf8("\xfe"));             // never valid
        CHECK_FALSE(bb::util::is_valid_utf8("\xed\xa0\x80"));     // UTF-16 surrogate U+D800
        CHECK_FALSE(bb::util::is_valid_utf8("\xf4\x90\x80\x80")); // above U+10FFFF
    }
    SUBCASE("overlong encodings") {
        CHECK_FALSE(bb::util::is_valid_utf8("\xc0\xaf"));         // '/' in 2 bytes
        CHECK_FALSE(bb::util::is_valid_utf8("\xc1\xbf"));         // U+007F in 2 bytes
        CHECK_FALSE(bb::util::is_valid_utf8("\xe0\x80\xaf"));     // '/' in 3 bytes
        CHECK_FALSE(bb::util::is_valid_utf8("\xe0\x9f\xbf"));     // U+07FF in 3 bytes
        CHECK_FALSE(bb::util::is_valid_utf8("\xf0\x80\x80\xaf")); // '/' in 4 bytes
        CHECK_FALSE(bb::util::is_valid_utf8("\xf0\x8f\xbf\xbf")); // U+FFFF in 4 bytes
    }
}

TEST_CASE("util::has_control_chars") {
    using bb::util::has_control_chars;
    SUBCASE("plain text has none") {
        CHECK_FALSE(has_control_chars("Acme Corp, senior role"));
        CHECK_FALSE(has_control_chars(k_nihon));
        CHECK_FALSE(has_control_chars(""));
    }
    SUBCASE("CR, LF, NUL, ESC and DEL") {
        CHECK(has_control_chars("a\rb"));
        CHECK(has_control_chars("a\nb"));
        CHECK(has_control_chars("a\0b"sv));
        CHECK(has_control_chars("\x1b[31mred"));
        CHECK(has_control_chars("a\x7f"));
        CHECK(has_control_chars("\x01"));
    }
    SUBCASE("newline only when allowed, and CR is not a newline") {
        CHECK_FALSE(has_control_chars("a\nb", true));
        CHECK(has_control_chars("a\r\nb", true));
        CHECK(has_control_chars("a\nb", false, true));
    }
    SUBCASE("tab only when allowed") {
        CHECK(has_control_chars("a\tb"));
        CHECK(has_control_chars("a\tb", true, false));
        CHECK_FALSE(has_control_chars("a\tb", false, true));
        CHECK_FALSE(has_control_chars("a\tb\nc", true, true));
        CHECK(has_control_chars("a\tb\x1b", true, true));
    }
}

TEST_CASE("util::display_width") {
    SUBCASE("ASCII") {
        CHECK(display_width("") == 0);
        CHECK(display_width("Acme") == 4);
    }
    SUBCASE("an accented letter, composed or decomposed, is one column") {
        CHECK(display_width(k_e_acute) == 1);
        CHECK(display_width(k_e_combining) == 1);
        CHECK(display_width("caf" + std::string(k_e_combining)) == 4);
    }
    SUBCASE("East Asian wide characters are two columns") {
        CHECK(display_width(k_nihon) == 4);
        CHECK(display_width("a" + std::string(k_nihon) + "b") == 6);
    }
    SUBCASE("emoji are two columns") {
        CHECK(display_width(k_grinning) == 2);
    }
}

TEST_CASE("util::truncate_to_width") {
    using bb::util::truncate_to_width;
    SUBCASE("text that fits is unchanged") {
        CHECK(truncate_to_width("Acme", 4) == "Acme");
        CHECK(truncate_to_width("Acme", 10) == "Acme");
        CHECK(truncate_to_width(k_nihon, 4) == std::string(k_nihon));
    }
    SUBCASE("a cut ends in an ellipsis and fits the width") {
        CHECK(truncate_to_width("Initech Limited", 8) == "Initech\xe2\x80\xa6");
        CHECK(display_width(truncate_to_width("Initech Limited", 8)) == 8);
        CHECK(truncate_to_width("abc", 1) == "\xe2\x80\xa6");
        CHECK(truncate_to_width("abc", 0) == "");
    }
    SUBCASE("a wide character is never split") {
        const std::string three_wide = std::string(k_nihon) + "\xe8\xaa\x9e";  // 日本語
        CHECK(truncate_to_width(three_wide, 4) == "\xe6\x97\xa5\xe2\x80\xa6"); // 日…
        CHECK(display_width(truncate_to_width(three_wide, 4)) <= 4);
        CHECK(truncate_to_width(three_wide, 5) == std::string(k_nihon) + "\xe2\x80\xa6");
    }
    SUBCASE("a combining accent stays with its letter") {
        const std::string three =
            std::string(k_e_combining) + std::string(k_e_combining) + std::string(k_e_combining);
        CHECK(truncate_to_width(three, 2) == std::string(k_e_combining) + "\xe2\x80\xa6");
    }
}

TEST_CASE("util::pad_to_width") {
    using bb::util::pad_to_width;
    SUBCASE("pads by display width") {
        CHECK(pad_to_width("ab", 4) == "ab  ");
        CHECK(pad_to_width(k_nihon, 6) == std::string(k_nihon) + "  ");
        CHECK(pad_to_width(k_e_combining, 3) == std::string(k_e_combining) + "  ");
    }
    SUBCASE("wider text is left alone") {
        CHECK(pad_to_width("abcdef", 3) == "abcdef");
        CHECK(pad_to_width("", 0) == "");
    }
}

TEST_CASE("util::csv_field") {
    using bb::util::csv_field;
    SUBCASE("plain fields are not quoted") {
        CHECK(csv_field("Acme") == "Acme");
        CHECK(csv_field("") == "");
        CHECK(csv_field(k_nihon) == std::string(k_nihon));
    }
    SUBCASE("comma, quote, CR and LF are quoted") {
        CHECK(csv_field("Acme, Inc.") == "\"Acme, Inc.\"");
        CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(csv_field("line\r\nnext") == "\"line\r\nnext\"");
        CHECK(csv_field("line\nnext") == "\"line\nnext\"");
        CHECK(csv_field("cr\ronly") == "\"cr\ronly\"");
    }
}

TEST_CASE("util::edit_distance") {
    using bb::util::edit_distance;
    SUBCASE("insertions, deletions and substitutions") {
        CHECK(edit_distance("", "") == 0);
        CHECK(edit_distance("abc", "") == 3);
        CHECK(edit_distance("", "abc") == 3);
        CHECK(edit_distance("log", "log") == 0);
        CHECK(edit_distance("kitten", "sitting") == 3);
        CHECK(edit_distance("sitting", "kitten") == 3);
        CHECK(edit_distance("flaw", "lawn") == 2);
    }
    SUBCASE("a swap of two neighbours is one edit") {
        CHECK(edit_distance("lgo", "log") == 1);
        CHECK(edit_distance("lsit", "list") == 1);
        CHECK(edit_distance("ab", "ba") == 1);
        CHECK(edit_distance("stast", "stats") == 1);
        CHECK(edit_distance("lgox", "log") == 2);
    }
}

TEST_CASE("util::closest_match") {
    using bb::util::closest_match;
    const std::vector<std::string> commands = {"log",   "feedback-email", "reflect", "routine",
                                               "stats", "init",           "doctor",  "completion"};
    SUBCASE("a small typo") {
        CHECK(closest_match("docter", commands) == "doctor");
        CHECK(closest_match("reflcet", commands) == "reflect");
        CHECK(closest_match("logs", commands) == "log");
        CHECK(closest_match("feedbak-email", commands) == "feedback-email");
        CHECK(closest_match("lgo", commands) == "log");
        CHECK(closest_match("stast", commands) == "stats");
    }
    SUBCASE("a prefix") {
        CHECK(closest_match("stat", commands) == "stats");
        CHECK(closest_match("comp", commands) == "completion");
    }
    SUBCASE("nothing plausible") {
        CHECK(closest_match("xyzzy", commands) == "");
        CHECK(closest_match("dctr", commands) == ""); // distance 2 is more than a third of 4
        CHECK(closest_match("", commands) == "");
        CHECK(closest_match("log", {}) == "");
    }
}

TEST_CASE("util::render_table") {
    using bb::util::render_table;
    SUBCASE("columns line up by display width, with wide characters") {
        const auto lines = render_table({{"ID", "Company", "Stage"},
                                         {"1", std::string(k_nihon), "screen"},
                                         {"22", "Acme", "final"}});
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "ID  Company  Stage");
        CHECK(lines[1] == "1   " + std::string(k_nihon) + "     screen");
        CHECK(lines[2] == "22  Acme     final");
        CHECK(column_of(lines[0], "Stage") == column_of(lines[1], "screen"));
        CHECK(column_of(lines[1], "screen") == column_of(lines[2], "final"));
    }
    SUBCASE("combining accents do not shift columns") {
        const std::string cafe = "caf" + std::string(k_e_combining);
        const auto lines = render_table({{cafe, "x"}, {"bars", "y"}});
        REQUIRE(lines.size() == 2);
        CHECK(lines[0] == cafe + "  x");
        CHECK(lines[1] == "bars  y");
    }
    SUBCASE("wide cells are cut with an ellipsis") {
        const auto lines = render_table({{"Initech Limited", "1"}, {"Acme", "2"}}, 8);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0] == "Initech\xe2\x80\xa6  1");
        CHECK(lines[1] == "Acme      2");
    }
    SUBCASE("the last column is not padded and no line ends in a space") {
        const auto lines =
            render_table({{"a", "longer text", ""}, {"bb", "x", "y"}, {"c", "", ""}});
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "a   longer text");
        CHECK(lines[1] == "bb  x            y");
        CHECK(lines[2] == "c");
        for (const auto& line : lines) {
            CHECK_FALSE(line.ends_with(' '));
        }
    }
    SUBCASE("no rows, no lines") {
        CHECK(render_table({}).empty());
    }
}

TEST_CASE("util::join") {
    CHECK(bb::util::join({}, ", ") == "");
    CHECK(bb::util::join({"a"}, ", ") == "a");
    CHECK(bb::util::join({"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(bb::util::join({"a", "", "c"}, "-") == "a--c");
}

TEST_CASE("util::and_list") {
    CHECK(bb::util::and_list({}) == "");
    CHECK(bb::util::and_list({"a"}) == "a");
    CHECK(bb::util::and_list({"a", "b"}) == "a and b");
    CHECK(bb::util::and_list({"a", "b", "c"}) == "a, b and c");
}

TEST_CASE("util::format_number") {
    CHECK(bb::util::format_number(3.0) == "3");
    CHECK(bb::util::format_number(0.0) == "0");
    CHECK(bb::util::format_number(2.5) == "2.5");
    CHECK(bb::util::format_number(0.25) == "0.2"); // one decimal, rounded as printf rounds
    CHECK(bb::util::format_number(1000.0) == "1000");
}

TEST_CASE("util::parse_csv") {
    using bb::util::CsvRow;
    using bb::util::parse_csv;
    std::vector<CsvRow> rows;
    std::string err;
    SUBCASE("quotes, line breaks in fields, CR LF and LF, a BOM, blank lines") {
        REQUIRE(parse_csv("\xEF\xBB\xBF"
                          "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n\n,last\n",
                          &rows, &err));
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].fields == std::vector<std::string>{"a", "b"});
        CHECK(rows[1].fields == std::vector<std::string>{"x, \"y\"", "two\nlines"});
        CHECK(rows[1].line == 2);
        CHECK(rows[2].fields == std::vector<std::string>{"", "last"});
        CHECK(rows[2].line == 5);
    }
    SUBCASE("what csv_field writes comes back") {
        const std::string tricky = "say \"hi\",\r\nthen go";
        REQUIRE(parse_csv(bb::util::csv_field(tricky) + "," + bb::util::csv_field("") + "\r\n",
                          &rows, &err));
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].fields == std::vector<std::string>{tricky, ""});
    }
    SUBCASE("malformed: says the line") {
        CHECK_FALSE(parse_csv("a,b\n\"open,\n", &rows, &err));
        CHECK(err.starts_with("line 2:"));
        CHECK_FALSE(parse_csv("a,b\nx\"y,z\n", &rows, &err));
        CHECK(err.starts_with("line 2:"));
        CHECK_FALSE(parse_csv("\"a\"b,c\n", &rows, &err));
        CHECK(err.starts_with("line 1:"));
    }
}

TEST_CASE("util::repair_utf8") {
    using bb::util::repair_utf8;
    CHECK(repair_utf8("") == "");
    CHECK(repair_utf8("Z\xc3\xbcrich \xe7\x8e\x8b \xf0\x9f\x8e\x89") ==
          "Z\xc3\xbcrich \xe7\x8e\x8b \xf0\x9f\x8e\x89");
    CHECK(repair_utf8("a\xff"
                      "b") == "a\xef\xbf\xbd"
                              "b");
    CHECK(repair_utf8("cut \xe7\x8e") == "cut \xef\xbf\xbd\xef\xbf\xbd");
    CHECK(repair_utf8("\xed\xa0\x80") != "\xed\xa0\x80"); // a surrogate is not UTF-8
    CHECK(repair_utf8("\xc0\xaf") != "\xc0\xaf");         // nor is an overlong form
    CHECK(bb::util::is_valid_utf8(repair_utf8("\xc0\xaf\xed\xa0\x80\xf8")));
}

TEST_CASE("util::fold_key") {
    CHECK(bb::util::fold_key("Date_Applied ") == "date applied");
    CHECK(bb::util::fold_key("  DÉCEMBRE ") == "decembre");
    CHECK(bb::util::fold_key("Vorstellungs-Gespräch") == "vorstellungs gesprach");
    CHECK(bb::util::fold_key("Straße") == "strasse");
    CHECK(bb::util::fold_key("take-home") == bb::util::fold_key("Take Home"));
    CHECK(bb::util::fold_key("e.g.\tsomething") == "e g something");
    CHECK(bb::util::fold_key("") == "");
}

TEST_CASE("util::parse_csv with another separator") {
    std::vector<bb::util::CsvRow> rows;
    std::string err;
    REQUIRE(bb::util::parse_csv("a;\"b;c\";d\r\n1;2;3\r\n", &rows, &err, ';'));
    CHECK(rows[0].fields == std::vector<std::string>{"a", "b;c", "d"});
    rows.clear();
    REQUIRE(bb::util::parse_csv("a\tb,c\n", &rows, &err, '\t'));
    CHECK(rows[0].fields == std::vector<std::string>{"a", "b,c"});
}

TEST_CASE("util::append_utf8") {
    std::string out;
    for (char32_t cp : {U'A', U'\u00e9', U'\u20ac', U'\U0001F600', char32_t{0xD800}, char32_t{0x110000}}) {
        bb::util::append_utf8(out, cp);
    }
    CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD");
}
