// Tests for lib/src/mail/inbound.cpp (and the pieces it uses: mime, header_fields, charset):
// reading a received email. Headers (folding, RFC 2047), MIME structure, transfer encodings,
// charsets, attached messages, and the errors a malformed message gives (each names its line). A small mutation loop checks that any input either parses into
// valid UTF-8 or fails with bb::Error, never anything else.
#include "bounceback/mail/inbound.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

using bb::ExitCode;
using bb::mail::parse_inbound;
using bb::test::contains;
using bb::test::error_from;

namespace {

/// The message `parse_inbound` throws for `raw` ("" when it throws none); checks exit 65.
std::string parse_error(std::string_view raw) {
    auto error = error_from([&] { parse_inbound(raw); });
    if (!error) {
        return "";
    }
    CHECK(error->code() == ExitCode::data);
    return error->what();
}

constexpr std::string_view k_simple = "From: Jane Doe <jane@Acme.EXAMPLE>\n"
                                      "Subject: Hello\n"
                                      "Date: Wed, 25 Nov 2026 18:04:05 +0100\n"
                                      "Message-ID: <abc.123@acme.example>\n"
                                      "\n"
                                      "Body line\n";

} // namespace

TEST_CASE("mail::parse_inbound headers") {
    SUBCASE("the basic fields, the domain lower-cased, the Message-ID without brackets") {
        const auto m = parse_inbound(k_simple);
        CHECK(m.from_name == "Jane Doe");
        CHECK(m.from_address == "jane@acme.example");
        CHECK(m.subject == "Hello");
        CHECK(m.date == "Wed, 25 Nov 2026 18:04:05 +0100");
        CHECK(m.message_id == "abc.123@acme.example");
        CHECK(m.body == "Body line\n");
        CHECK(m.body_type == "text/plain");
        REQUIRE(m.header("subject") != nullptr);
        CHECK(*m.header("SUBJECT") == "Hello");
        CHECK(m.header("X-Missing") == nullptr);
    }
    SUBCASE("folded lines are unfolded, CRLF or LF") {
        const auto m = parse_inbound("Subject: Your application\r\n\tto Acme\r\nFrom:\r\n "
                                     "\"Doe, Jane\"\r\n <jane@acme.example>\r\n\r\nHi\r\n");
        CHECK(m.subject == "Your application to Acme");
        CHECK(m.from_name == "Doe, Jane");
        CHECK(m.from_address == "jane@acme.example");
        CHECK(m.body == "Hi\n");
    }
    SUBCASE("encoded words: B and Q, UTF-8, ISO-8859-1, Windows-1252, any case") {
        CHECK(parse_inbound("Subject: =?UTF-8?B?WsO8cmljaA==?=\n\n").subject == "Z\xc3\xbcrich");
        CHECK(parse_inbound("Subject: =?iso-8859-1?q?M=FCller_AG?=\n\n").subject ==
              "M\xc3\xbcller AG");
        CHECK(parse_inbound("Subject: =?windows-1252?Q?It=92s_done?=\n\n").subject ==
              "It\xe2\x80\x99s done");
        CHECK(parse_inbound("Subject: =?utf-8?q?Jos=C3=A9?= and Zo\xc3\xab\n\n").subject ==
              "Jos\xc3\xa9 and Zo\xc3\xab");
        // Another charset iconv knows.
        CHECK(parse_inbound("Subject: =?koi8-r?B?8NLJ18XU?=\n\n").subject ==
              "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
    }
    SUBCASE("white space between adjacent encoded words is dropped, other spacing kept") {
        CHECK(parse_inbound("Subject: =?utf-8?q?Your_appli?=\n =?utf-8?q?cation?= to  Acme\n\n")
                  .subject == "Your application to Acme");
        CHECK(parse_inbound("Subject: Re: =?utf-8?q?Caf=C3=A9?= news\n\n").subject ==
              "Re: Caf\xc3\xa9 news");
    }
    SUBCASE("an encoded name in From, even inside quotes") {
        const auto m = parse_inbound("From: \"=?utf-8?b?546L5by6?=\" <wang@example.cn>\n\n");
        CHECK(m.from_name == "\xe7\x8e\x8b\xe5\xbc\xba");
        CHECK(m.from_address == "wang@example.cn");
    }
    SUBCASE("an old-style From with the name in a comment, and a bare address") {
        auto m = parse_inbound("From: jane@acme.example (Jane Doe)\n\n");
        CHECK(m.from_name == "Jane Doe");
        CHECK(m.from_address == "jane@acme.example");
        m = parse_inbound("From: jobs@acme.example\n\n");
        CHECK(m.from_name.empty());
        CHECK(m.from_address == "jobs@acme.example");
    }
    SUBCASE("an unknown charset leaves the encoded word as written (safe, ASCII)") {
        CHECK(parse_inbound("Subject: =?x-unknown?q?abc?=\n\n").subject == "=?x-unknown?q?abc?=");
    }
    SUBCASE("invalid bytes never reach the result: bad UTF-8 becomes U+FFFD, raw 8-bit is "
            "read as Windows-1252") {
        const auto bad = parse_inbound("Subject: =?utf-8?q?a=FFb?=\n\n").subject;
        CHECK(bb::util::is_valid_utf8(bad));
        CHECK(bad == "a\xef\xbf\xbd"
                     "b");
        CHECK(parse_inbound("Subject: Caf\xe9\n\n").subject == "Caf\xc3\xa9");
    }
    SUBCASE("control characters in a header become spaces") {
        CHECK(parse_inbound("Subject: =?utf-8?q?a=01b=0Dc?=\n\n").subject == "a b c");
    }
    SUBCASE("an mbox From line (as procmail passes it) is skipped") {
        const auto m =
            parse_inbound("From jane@acme.example Mon Nov 23 22:10:00 2026\nSubject: S\n\nB\n");
        CHECK(m.subject == "S");
        CHECK(m.headers.size() == 1);
    }
    SUBCASE("in an mbox of several messages only the first is read") {
        const auto m = parse_inbound("From a@b.example Mon Nov 23 22:10:00 2026\nSubject: one\n\n"
                                     "first\n>From the team\n\n"
                                     "From c@d.example Mon Nov 23 22:11:00 2026\n"
                                     "Subject: two\n\nsecond\n");
        CHECK(m.subject == "one");
        CHECK(m.body == "first\n>From the team\n");
    }
    SUBCASE("a message with headers only has an empty body") {
        const auto m = parse_inbound("Subject: only headers\n");
        CHECK(m.subject == "only headers");
        CHECK(m.body.empty());
    }
}

TEST_CASE("mail::parse_inbound bodies") {
    SUBCASE("quoted-printable with soft line breaks, in ISO-8859-1") {
        const auto m = parse_inbound("Content-Type: text/plain; charset=\"ISO-8859-1\"\n"
                                     "Content-Transfer-Encoding: quoted-printable\n\n"
                                     "Gr=FC=DFe, J=FCr=\ngen  \nline=3D2\n");
        CHECK(m.body == "Gr\xc3\xbc\xc3\x9f"
                        "e, J\xc3\xbcrgen\nline=2\n");
    }
    SUBCASE("base64 in UTF-8, line breaks inside the base64") {
        const auto m = parse_inbound("Content-Type: text/plain; charset=utf-8\n"
                                     "Content-Transfer-Encoding: BASE64\n\n"
                                     "SGVsbG8gWm/D\nqyENCg==\n");
        CHECK(m.body == "Hello Zo\xc3\xab!\n");
    }
    SUBCASE("8bit Windows-1252 text is converted") {
        const auto m = parse_inbound("Content-Type: text/plain; charset=windows-1252\n"
                                     "Content-Transfer-Encoding: 8bit\n\nWe\x92ve decided\n");
        CHECK(m.body == "We\xe2\x80\x99ve decided\n");
    }
    SUBCASE("undeclared 8-bit text: UTF-8 when valid, else Windows-1252") {
        CHECK(parse_inbound("Subject: x\n\nZo\xc3\xab\n").body == "Zo\xc3\xab\n");
        CHECK(parse_inbound("Subject: x\n\nZo\xeb\n").body == "Zo\xc3\xab\n");
    }
    SUBCASE("multipart/alternative inside multipart/mixed: text/plain wins, attachment "
            "skipped") {
        const auto m = parse_inbound("Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                                     "preamble\n"
                                     "--outer\n"
                                     "Content-Type: text/plain; name=cv.txt\n"
                                     "Content-Disposition: attachment; filename=cv.txt\n\n"
                                     "NOT THIS\n"
                                     "--outer\n"
                                     "Content-Type: multipart/alternative; boundary=inner\n\n"
                                     "--inner\n"
                                     "Content-Type: text/html\n\n<p>html</p>\n"
                                     "--inner\n"
                                     "Content-Type: text/plain\n\nplain text\n"
                                     "--inner--\n"
                                     "--outer--\n"
                                     "epilogue\n");
        CHECK(m.body == "plain text");
        CHECK(m.body_type == "text/plain");
    }
    SUBCASE("HTML only: tags stripped") {
        const auto m = parse_inbound("Content-Type: multipart/alternative; boundary=b\n\n"
                                     "--b\nContent-Type: text/html; charset=utf-8\n\n"
                                     "<p>Dear Sam,</p><p>Thanks &amp; bye</p>\n--b--\n");
        CHECK(m.body_type == "text/html");
        CHECK(m.body == "Dear Sam,\n\nThanks & bye\n");
    }
    SUBCASE("a message with no text part has an empty body") {
        const auto m = parse_inbound("Content-Type: multipart/mixed; boundary=b\n\n"
                                     "--b\nContent-Type: image/png\n\nxxx\n--b--\n");
        CHECK(m.body.empty());
        CHECK(m.body_type.empty());
    }
}

TEST_CASE("mail::parse_inbound malformed input") {
    SUBCASE("a missing blank line between headers and body") {
        const std::string error = parse_error("From: a@b.example\nSubject: x\nHello Jane,\n");
        CHECK(contains(error, "line 3: 'Hello Jane,' is not a header field"));
        CHECK(contains(error, "blank line"));
    }
    SUBCASE("an empty message, or only white space") {
        CHECK(contains(parse_error(""), "line 1: the message is empty"));
        CHECK(contains(parse_error("\n\n  \n"), "empty"));
    }
    SUBCASE("a body with no headers at all") {
        CHECK(contains(parse_error("\nHello\n"), "no header fields"));
    }
    SUBCASE("a continuation line before any header") {
        CHECK(contains(parse_error("  folded\nSubject: x\n\n"), "line 1: "));
    }
    SUBCASE("bad base64 names its line") {
        const std::string error = parse_error("Subject: x\nContent-Transfer-Encoding: base64\n\n"
                                              "SGVsbG8=\nbad!\n");
        CHECK(contains(error, "line 5: the base64 text is not valid"));
        CHECK(contains(parse_error("Subject: x\nContent-Transfer-Encoding: base64\n\nSGVsb\n"),
                       "base64"));
    }
    SUBCASE("an unknown transfer encoding") {
        CHECK(contains(parse_error("Subject: x\nContent-Transfer-Encoding: x-uuencode\n\nbody\n"),
                       "line 4: unknown Content-Transfer-Encoding 'x-uuencode'"));
    }
    SUBCASE("an unknown charset of the text") {
        CHECK(contains(parse_error("Content-Type: text/plain; charset=x-no-such-charset\n\nbody\n"),
                       "line 3: the text is in charset 'x-no-such-charset'"));
        // A charset name that is not one (an iconv option, a path) is unknown, never used.
        CHECK(contains(parse_error("Content-Type: text/plain; charset=\"utf-8//TRANSLIT\"\n\nb\n"),
                       "cannot convert"));
    }
    SUBCASE("multipart without a boundary, and one cut short") {
        CHECK(contains(parse_error("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n"),
                       "line 3: multipart/mixed without a boundary parameter"));
        CHECK(contains(parse_error("Content-Type: multipart/mixed; boundary=x\n\n--x\n\nbody\n"),
                       "ends without its closing boundary '--x--'"));
        CHECK(contains(parse_error("Content-Type: multipart/mixed; boundary=x\n\nno parts here\n"),
                       "no part marked by its boundary"));
    }
    SUBCASE("a huge header section") {
        const std::string huge = "Subject: " + std::string(300 * 1024, 'a') + "\n\nbody\n";
        CHECK(contains(parse_error(huge), "line 1: the header section is larger than"));
        std::string many;
        for (int i = 0; i < 1100; ++i) {
            many += "X-Field: " + std::to_string(i) + "\n";
        }
        CHECK(contains(parse_error(many + "\nbody\n"), "line 1001: "));
    }
    SUBCASE("a message over the size limit") {
        const std::string big(bb::mail::k_max_inbound_bytes + 1, 'a');
        CHECK(contains(parse_error(big), "larger than 10 MiB"));
    }
    SUBCASE("MIME nested too deep") {
        std::string raw = "Subject: deep\n";
        for (int i = 11; i >= 0; --i) {
            const std::string b = "b" + std::to_string(i);
            raw = "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\n" + raw +
                  "\n--" + b + "--\n";
        }
        CHECK(contains(parse_error(raw), "nested more than 8 deep"));
    }
}

TEST_CASE("mail::parse_inbound never returns invalid UTF-8") {
    // Mutations of a realistic message: each either parses into valid UTF-8 or throws bb::Error.
    const std::string seed =
        "From: =?iso-8859-1?q?J=FCrgen?= <j@zahnrad.example>\n"
        "Subject: =?utf-8?b?WW91ciBhcHBsaWNhdGlvbiB0byBBY21l?=\n"
        "Content-Type: multipart/alternative; boundary=\"b\"\n\n"
        "--b\nContent-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n\nGr=FC=DFe =\nJ=FCrgen\n"
        "--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        "PHA+SGk8L3A+\n--b--\n";
    std::mt19937 random(20261125);
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string raw = seed;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % raw.size();
            switch (random() % 3) {
            case 0:
                raw[at] = static_cast<char>(random() % 256);
                break;
            case 1:
                raw.erase(at, 1 + random() % 8);
                break;
            default:
                raw.insert(at, 1, static_cast<char>(random() % 256));
            }
            if (raw.empty()) {
                raw = "x";
            }
        }
        try {
            const auto m = parse_inbound(raw);
            ++parsed;
            CHECK(bb::util::is_valid_utf8(m.subject));
            CHECK(bb::util::is_valid_utf8(m.from_name));
            CHECK(bb::util::is_valid_utf8(m.from_address));
            CHECK(bb::util::is_valid_utf8(m.message_id));
            CHECK(bb::util::is_valid_utf8(m.body));
            for (const auto& [name, value] : m.headers) {
                CHECK(bb::util::is_valid_utf8(value));
            }
        } catch (const bb::Error& error) {
            CHECK(error.code() == ExitCode::data);
            CHECK(std::string_view(error.what()).starts_with("line "));
        }
    }
    CHECK(parsed > 100); // the loop exercised the parser, not only its errors
}
