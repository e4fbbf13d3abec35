// Tests for lib/src/mail/html_text.cpp: the readable text of an HTML mail part.
#include "bounceback/mail/html_text.hpp"

#include <doctest/doctest.h>

using bb::mail::html_to_text;

TEST_CASE("mail::html_to_text") {
    SUBCASE("line breaks from <br> and <p>, spaces collapsed") {
        CHECK(html_to_text("<p>Dear   Sam,</p>\n<p>Thanks<br>again<BR/>today</p>") ==
              "Dear Sam,\n\nThanks\nagain\ntoday\n");
    }
    SUBCASE("style, script, head and comments dropped") {
        CHECK(html_to_text("<html><head><title>T</title><style>p{x:1}</style></head><body>"
                           "<script>var a = '<p>no</p>';</script><!-- hidden -->Hi</body>") ==
              "Hi\n");
        CHECK(html_to_text("<STYLE type=\"text/css\">a{}</STYLE>Hi") == "Hi\n");
    }
    SUBCASE("entities, named and numeric") {
        CHECK(html_to_text("We&rsquo;ve &amp; you&#39;re &#x263A; &nbsp;M&uuml;ller &unknown;") ==
              "We\xe2\x80\x99ve & you're \xe2\x98\xba M\xc3\xbcller &unknown;\n");
        CHECK(html_to_text("&#0; &#xD800; &#99999999;") ==
              "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\n");
    }
    SUBCASE("'>' inside an attribute does not end the tag") {
        CHECK(html_to_text("<a title=\"a > b\" href='x'>link</a> text") == "link text\n");
    }
    SUBCASE("at most one blank line in a row") {
        CHECK(html_to_text("<p>a</p><p></p><p></p><div>b</div>") == "a\n\nb\n");
    }
    SUBCASE("a quoted reply in <blockquote> reads as '> ' lines, as in plain text") {
        CHECK(html_to_text("<p>No, thank you.</p><blockquote><p>Would you join the final "
                           "round?</p><blockquote>Earlier</blockquote></blockquote><p>Bye</p>") ==
              "No, thank you.\n\n> Would you join the final round?\n\n> > Earlier\n\nBye\n");
    }
}
