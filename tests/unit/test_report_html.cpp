// Tests for lib/src/report/html.cpp: escaping and the writer.
#include "bounceback/report/html.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

using bb::report::HtmlWriter;
using bb::test::contains;

TEST_CASE("report::escape") {
    SUBCASE("markup characters become references") {
        CHECK(bb::report::escape("<script>alert(1)</script>") ==
              "&lt;script&gt;alert(1)&lt;/script&gt;");
        CHECK(bb::report::escape("\"onload=alert('x')") == "&quot;onload=alert(&#39;x&#39;)");
        CHECK(bb::report::escape("Smith & Wesson") == "Smith &amp; Wesson");
        CHECK(bb::report::escape("&amp;") == "&amp;amp;");
    }

    SUBCASE("text people write stays as it is") {
        CHECK(bb::report::escape("Zürich Software AG — 東京") == "Zürich Software AG — 東京");
        CHECK(bb::report::escape("line one\nline two\tend") == "line one\nline two\tend");
    }

    SUBCASE("what XML forbids becomes U+FFFD") {
        CHECK(bb::report::escape(std::string("a\0b", 3)) == "a\xef\xbf\xbd"
                                                            "b");
        CHECK(bb::report::escape("bell\x07") == "bell\xef\xbf\xbd");
        CHECK(bb::report::escape("esc\x1b[31m") == "esc\xef\xbf\xbd[31m");
        CHECK(bb::report::escape("del\x7f") == "del\xef\xbf\xbd");
        CHECK(bb::report::escape("c1\xc2\x85") == "c1\xef\xbf\xbd");     // U+0085
        CHECK(bb::report::escape("nc\xef\xbf\xbe") == "nc\xef\xbf\xbd"); // U+FFFE
        CHECK(bb::report::escape("bad \xff utf-8") == "bad \xef\xbf\xbd utf-8");
        CHECK(bb::report::escape("\xc2\xa0") == "\xc2\xa0"); // U+00A0 is fine
        CHECK(bb::report::escape("crlf\r\n") == "crlf\n");
    }
}

TEST_CASE("report::number") {
    CHECK(bb::report::number(0) == "0");
    CHECK(bb::report::number(-0.001) == "0");
    CHECK(bb::report::number(12) == "12");
    CHECK(bb::report::number(12.5) == "12.5");
    CHECK(bb::report::number(1.006) == "1.01");
    CHECK(bb::report::number(-3.25) == "-3.25");
    CHECK(bb::report::number(100000) == "100000");
    CHECK(bb::report::number(std::numeric_limits<double>::quiet_NaN()) == "0");
    CHECK(bb::report::number(std::numeric_limits<double>::infinity()) == "0");
}

TEST_CASE("report::HtmlWriter") {
    SUBCASE("text and attribute values are escaped; tags close in order") {
        HtmlWriter html;
        html.open("p", {{"title", "\"onload=alert(1) x=\""}, {"class", ""}});
        html.text("<script>alert(1)</script>");
        html.element("b", "Smith & Wesson");
        html.close();
        const std::string out = html.finish();
        CHECK(out == "<!DOCTYPE html>\n"
                     "<p title=\"&quot;onload=alert(1) x=&quot;\">&lt;script&gt;alert(1)&lt;/"
                     "script&gt;<b>Smith &amp; Wesson</b></p>\n");
    }

    SUBCASE("void HTML elements have no end tag, SVG shapes close themselves") {
        HtmlWriter html;
        html.empty("meta", {{"charset", "utf-8"}});
        html.open("svg");
        html.empty("rect", {{"x", "1"}});
        html.close();
        const std::string out = html.finish();
        CHECK(contains(out, "<meta charset=\"utf-8\">\n"));
        CHECK(contains(out, "<svg><rect x=\"1\"/></svg>"));
    }

    SUBCASE("mistakes of the code are caught, not written") {
        HtmlWriter html;
        CHECK_THROWS_AS(html.open("p", {{"onclick", "x"}}), std::logic_error);
        CHECK_THROWS_AS(html.open("p", {{"bad name", "x"}}), std::logic_error);
        CHECK_THROWS_AS(html.open("<p>"), std::logic_error);
        CHECK_THROWS_AS(html.style("p { } </style><script>"), std::logic_error);
        HtmlWriter unclosed;
        unclosed.open("div");
        CHECK_THROWS_AS(unclosed.finish(), std::logic_error);
        HtmlWriter empty;
        CHECK_THROWS_AS(empty.close(), std::logic_error);
    }

    SUBCASE("a stylesheet is written as it is") {
        HtmlWriter html;
        html.style("a > b { color: red; }");
        CHECK(contains(html.finish(), "<style>\na > b { color: red; }</style>"));
    }
}
