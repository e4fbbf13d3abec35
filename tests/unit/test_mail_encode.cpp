// Tests for lib/src/mail/encode.cpp. What the encoders emit is read back with Python's `email`,
// `quopri` and `urllib.parse`, the real parsers the design asks us to satisfy.
#include "bounceback/mail/encode.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using bb::test::run_python;
using bb::test::TempDir;
using bb::test::write_text;

using bb::test::TimeZoneGuard;

namespace {

// Non-ASCII text that is easy to get wrong: 2-, 3- and 4-byte UTF-8 sequences.
constexpr std::string_view k_mueller = "M\xc3\xbcller";                     // Müller
constexpr std::string_view k_jose = "Jos\xc3\xa9";                          // José
constexpr std::string_view k_wang = "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e"; // 王小明
constexpr std::string_view k_party = "\xf0\x9f\x8e\x89";                    // 🎉

/// `text` split at CRLF. A bare LF or CR in `text` is reported by `bare_line_break`.
std::vector<std::string> crlf_split(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find("\r\n", start);
        lines.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return lines;
        }
        start = end + 2;
    }
}

/// True when `text` holds a CR or LF that is not part of a CRLF pair.
bool bare_line_break(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
            return true;
        }
        if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
            return true;
        }
    }
    return false;
}

/// `folded` with its folds (CRLF before white space) removed, as RFC 5322 section 2.2.3 unfolds.
std::string unfold(std::string_view folded) {
    std::string out;
    for (const auto& line : crlf_split(folded)) {
        out += line;
    }
    return out;
}

/// Every `=?…?=` encoded word in `text`.
std::vector<std::string> encoded_words_in(std::string_view text) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while ((pos = text.find("=?", pos)) != std::string_view::npos) {
        // =?charset?b?data?= : the end is the "?=" after the third '?'.
        std::size_t q = pos + 2;
        for (int i = 0; i < 2 && q != std::string_view::npos; ++i) {
            q = text.find('?', q);
            if (q != std::string_view::npos) {
                ++q;
            }
        }
        const auto end = q == std::string_view::npos ? q : text.find("?=", q);
        if (end == std::string_view::npos) {
            words.emplace_back(text.substr(pos));
            break;
        }
        words.emplace_back(text.substr(pos, end + 2 - pos));
        pos = end + 2;
    }
    return words;
}

/// Checks a header value from encode_unstructured/encode_mailbox as the header `name`: every
/// encoded word at most 75 characters and decodable on its own as UTF-8 (so no word splits a
/// UTF-8 sequence), no bare CR or LF. Prints what Python's email parser reads: the Subject, or
/// for an address header "display name|address" per mailbox, one a line. (Line lengths are
/// checked by `check_line_lengths`, so that a long line and a wrong value show up separately.)
constexpr std::string_view k_header_check = R"(
import email, email.header, email.policy, re, sys
name = sys.argv[2]
with open(sys.argv[1], "rb") as f:
    value = f.read()
full = name.encode() + b": " + value
for word in re.findall(rb"=\?[^?]*\?[^?]*\?[^?]*\?=", value):
    assert len(word) <= 75, "encoded word of %d characters: %r" % (len(word), word)
    parts = email.header.decode_header(word.decode("ascii"))
    assert len(parts) == 1 and parts[0][1] == "utf-8", (word, parts)
    try:
        parts[0][0].decode("utf-8")
    except UnicodeDecodeError as e:
        raise AssertionError("encoded word %r splits a UTF-8 sequence: %s" % (word, e))
for line in full.split(b"\r\n"):
    assert b"\r" not in line and b"\n" not in line, "bare line break in %r" % line
    assert len(line) <= 998, "line of %d octets: %r" % (len(line), line)
msg = email.message_from_bytes(full + b"\r\n\r\nbody\r\n", policy=email.policy.default)
assert not msg.defects and not msg[name].defects, (msg.defects, msg[name].defects)
if name == "Subject":
    sys.stdout.buffer.write(str(msg[name]).encode("utf-8"))
else:
    out = ["%s|%s" % (a.display_name, a.addr_spec) for a in msg[name].addresses]
    sys.stdout.buffer.write("\n".join(out).encode("utf-8"))
)";

/// What Python's email parser reads back from header `name` holding `value`.
bb::test::RunResult python_reads_header(const TempDir& tmp, std::string_view name,
                                        std::string_view value) {
    write_text(tmp / "header.bin", value);
    return run_python(tmp.path(), k_header_check,
                      {(tmp / "header.bin").string(), std::string(name)});
}

/// Checks each line of header `value`, which follows `Name: ` (`used` octets) on its first line:
/// at most 76 octets when the line holds an encoded word (RFC 2047 section 2), else 78 (RFC 5322
/// section 2.1.1, for lines that can be folded).
void check_line_lengths(std::string_view value, std::size_t used) {
    const auto lines = crlf_split(value);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t length = lines[i].size() + (i == 0 ? used : 0);
        const std::size_t limit = lines[i].find("=?") != std::string::npos ? 76 : 78;
        CAPTURE(lines[i]);
        CAPTURE(limit);
        CHECK(length <= limit);
    }
}

} // namespace

TEST_CASE("mail::is_ascii") {
    CHECK(bb::mail::is_ascii(""));
    CHECK(bb::mail::is_ascii("Thank you, O'Brien & Co\t\r\n~\x7f"));
    CHECK_FALSE(bb::mail::is_ascii(k_mueller));
    CHECK_FALSE(bb::mail::is_ascii(k_wang));
    CHECK_FALSE(bb::mail::is_ascii(std::string("abc") + std::string(k_party)));
}

TEST_CASE("mail::encode_unstructured") {
    TempDir tmp;

    SUBCASE("a short ASCII subject is written as it is") {
        CHECK(bb::mail::encode_unstructured("Thank you for your time", 9) ==
              "Thank you for your time");
        const auto read = python_reads_header(tmp, "Subject", "Thank you for your time");
        CHECK_MESSAGE(read.status == 0, read.output);
        CHECK(read.output == "Thank you for your time");
    }

    SUBCASE("a long ASCII subject is folded at spaces, each line within 78 octets") {
        std::string subject;
        for (int i = 0; i < 12; ++i) {
            subject +=
                (subject.empty() ? "" : " ") + std::string("feedback-request-") + std::to_string(i);
        }
        REQUIRE(subject.size() > 200);
        const std::string encoded = bb::mail::encode_unstructured(subject, 9);
        CHECK_FALSE(bare_line_break(encoded));
        const auto lines = crlf_split(encoded);
        CHECK(lines.size() >= 3);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CAPTURE(lines[i]);
            CHECK(lines[i].size() + (i == 0 ? 9 : 0) <= 78);
            if (i > 0) {
                CHECK(lines[i].front() == ' '); // a fold is CRLF followed by white space
            }
        }
        CHECK(unfold(encoded) == subject);
        const auto read = python_reads_header(tmp, "Subject", encoded);
        CHECK_MESSAGE(read.status == 0, read.output);
        CHECK(read.output == subject);
    }

    SUBCASE("the prefix length counts towards the first line") {
        const std::string subject =
            "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff";
        CHECK(bb::mail::encode_unstructured(subject, 9) == subject); // 9 + 65 = 74
        const std::string folded = bb::mail::encode_unstructured(subject, 20);
        CHECK(folded == "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee\r\n ffffffffff");
    }

    SUBCASE("white space inside an ASCII subject is kept exactly") {
        const std::string subject = "Feedback  on  my application";
        const auto read =
            python_reads_header(tmp, "Subject", bb::mail::encode_unstructured(subject, 9));
        CHECK_MESSAGE(read.status == 0, read.output);
        CHECK(read.output == subject);
    }

    SUBCASE("non-ASCII subjects are encoded words that Python decodes exactly") {
        const std::vector<std::string> subjects = {
            std::string(k_mueller),
            std::string(k_jose),
            std::string(k_wang),
            std::string(k_party),
            "Danke, Herr " + std::string(k_mueller) + "!",
            "Thank you, " + std::string(k_jose) + " " + std::string(k_party),
            "Feedback for " + std::string(k_wang) + " at Caf\xc3\xa9 \"Zo\xc3\xab\" & Co",
        };
        for (const auto& subject : subjects) {
            CAPTURE(subject);
            const std::string encoded = bb::mail::encode_unstructured(subject, 9);
            CHECK(bb::mail::is_ascii(encoded));
            CHECK(encoded.find("=?utf-8?") != std::string::npos);
            for (const auto& word : encoded_words_in(encoded)) {
                CAPTURE(word);
                CHECK(word.size() <= 75);
            }
            const auto read = python_reads_header(tmp, "Subject", encoded);
            CHECK_MESSAGE(read.status == 0, read.output);
            CHECK(read.output == subject);
        }
    }

    SUBCASE("ASCII that looks like an encoded word is encoded, so readers show it as written") {
        // Found by the template_mail fuzz target (tests/fuzz/regressions/template_mail/).
        for (const std::string subject :
             {"=?utf-8?b?SGk=?=", "Re: =?utf-8?q?caf=C3=A9?= and more", "=?utf-8?b?Thank you"}) {
            CAPTURE(subject);
            const std::string encoded = bb::mail::encode_unstructured(subject, 9);
            CHECK(encoded != subject);
            const auto read = python_reads_header(tmp, "Subject", encoded);
            CHECK_MESSAGE(read.status == 0, read.output);
            CHECK(read.output == subject);
        }
    }

    SUBCASE("a word too long for a line is encoded, so no line passes 998 octets") {
        const std::string subject = "Re: " + std::string(1200, 'x') + " thanks";
        const std::string encoded = bb::mail::encode_unstructured(subject, 9);
        for (const auto& line : crlf_split(encoded)) {
            CHECK(line.size() <= 998);
        }
        const auto read = python_reads_header(tmp, "Subject", encoded);
        CHECK_MESSAGE(read.status == 0, read.output);
        CHECK(read.output == subject);
    }

    SUBCASE("long non-ASCII subjects: several words, none splitting a UTF-8 sequence") {
        // Each shift moves the 4-, 3- and 2-byte sequences across the places where words end.
        for (std::size_t shift = 0; shift < 4; ++shift) {
            std::string subject(shift, 'x');
            for (int i = 0; i < 12; ++i) {
                subject +=
                    std::string(k_party) + std::string(k_wang) + " " + std::string(k_mueller);
            }
            CAPTURE(shift);
            const std::string encoded = bb::mail::encode_unstructured(subject, 9);
            CHECK(bb::mail::is_ascii(encoded));
            CHECK_FALSE(bare_line_break(encoded));
            const auto words = encoded_words_in(encoded);
            CHECK(words.size() >= 4);
            for (const auto& word : words) {
                CAPTURE(word);
                CHECK(word.size() <= 75);
            }
            const auto read = python_reads_header(tmp, "Subject", encoded);
            CHECK_MESSAGE(read.status == 0, read.output);
            CHECK(read.output == subject);
        }
    }

    SUBCASE("every line of an encoded subject stays within 76 octets, the first included") {
        // RFC 2047 section 2: a line holding an encoded word is at most 76 characters; the
        // first line also carries "Subject: ".
        for (const std::string& subject :
             {"Vielen Dank f\xc3\xbcr das Gespr\xc3\xa4"
              "ch, Frau " +
                  std::string(k_mueller) + ", und bis bald",
              "Feedback for " + std::string(k_wang) + " at Caf\xc3\xa9 \"Zo\xc3\xab\" & Co",
              std::string(k_jose) + " " + std::string(k_mueller)}) {
            CAPTURE(subject);
            check_line_lengths(bb::mail::encode_unstructured(subject, 9), 9);
        }
    }
}

TEST_CASE("mail::encode_mailbox") {
    TempDir tmp;

    SUBCASE("no name: just the address") {
        CHECK(bb::mail::encode_mailbox("", "jane@example.com", 4) == "jane@example.com");
    }

    SUBCASE("a plain ASCII name is written as it is") {
        CHECK(bb::mail::encode_mailbox("Jane Doe", "jane@example.com", 4) ==
              "Jane Doe <jane@example.com>");
    }

    SUBCASE("an ASCII name with specials is quoted") {
        CHECK(bb::mail::encode_mailbox("Doe, Jane", "jane@example.com", 4) ==
              "\"Doe, Jane\" <jane@example.com>");
        CHECK(bb::mail::encode_mailbox("Dr. Jane Doe", "jane@example.com", 4) ==
              "\"Dr. Jane Doe\" <jane@example.com>");
    }

    SUBCASE("double quotes and backslashes inside a quoted name are escaped") {
        const std::string name = "Jane \"JD\" Doe \\ Co";
        const std::string encoded = bb::mail::encode_mailbox(name, "jane@example.com", 4);
        CHECK(encoded == "\"Jane \\\"JD\\\" Doe \\\\ Co\" <jane@example.com>");
        const auto read = python_reads_header(tmp, "To", encoded);
        CHECK_MESSAGE(read.status == 0, read.output);
        CHECK(read.output == name + "|jane@example.com");
    }

    SUBCASE("Python reads back every name exactly") {
        const std::vector<std::string> names = {
            "Jane Doe",
            "Doe, Jane",
            "O'Brien & Co <Recruiting>",
            "Dr. Jane Q. Doe",
            std::string(k_jose) + " " + std::string(k_mueller),
            std::string(k_mueller) + ", Hans",
            std::string(k_wang),
            std::string(k_party) + " Party \"People\"",
            "=?utf-8?b?SGk=?=", // looks like an encoded word: quoted, so not decoded
            "A very long recruiting team name at " + std::string(k_mueller) + " " +
                std::string(k_wang) + " Holdings International " + std::string(k_party),
        };
        for (const auto& name : names) {
            CAPTURE(name);
            const std::string encoded = bb::mail::encode_mailbox(name, "jane.doe@example.com", 4);
            CHECK(bb::mail::is_ascii(encoded));
            CHECK_FALSE(bare_line_break(encoded));
            const auto read = python_reads_header(tmp, "To", encoded);
            CHECK_MESSAGE(read.status == 0, read.output);
            CHECK(read.output == name + "|jane.doe@example.com");
        }
    }

    SUBCASE("a name too long for one line is split, so no line passes 998 octets") {
        // Found by the template_mail fuzz target: a quoted name of 1,000 octets on one line.
        std::string name;
        for (int i = 0; i < 120; ++i) {
            name += (i > 0 ? " " : "") + std::string("Doe, Jane");
        }
        for (const std::string& long_name : {name, std::string(1000, 'J')}) {
            const std::string encoded = bb::mail::encode_mailbox(long_name, "jane@example.com", 6);
            for (const auto& line : crlf_split(encoded)) {
                CHECK(line.size() <= 998);
            }
            auto read = python_reads_header(tmp, "From", encoded);
            CHECK_MESSAGE(read.status == 0, read.output);
            if (long_name.find(' ') == std::string::npos) {
                // Python puts a space between the encoded words it joins (see above).
                std::erase(read.output, ' ');
            }
            CHECK(read.output == long_name + "|jane@example.com");
        }
    }

    SUBCASE("lines of an address header stay within 78 octets, 76 with an encoded word") {
        for (const std::string& name :
             {"A very long recruiting team name at the company " + std::string(k_mueller) + " " +
                  std::string(k_wang) + " Holdings International " + std::string(k_party),
              std::string("A very long recruiting team name at the ASCII company Holdings "
                          "International Ltd"),
              std::string(k_jose) + " " + std::string(k_mueller)}) {
            CAPTURE(name);
            check_line_lengths(bb::mail::encode_mailbox(name, "jane.doe@example.com", 6), 6);
        }
    }

    SUBCASE("non-ASCII names are encoded words") {
        const std::string encoded = bb::mail::encode_mailbox(k_jose, "jose@example.com", 6);
        CHECK(encoded.starts_with("=?utf-8?"));
        CHECK(encoded.ends_with("?= <jose@example.com>"));
    }
}

TEST_CASE("mail::quoted_printable") {
    TempDir tmp;
    // Decodes argv[1] as quoted-printable with quopri, checks every line of it, prints it.
    constexpr std::string_view k_decode = R"(
import quopri, sys
with open(sys.argv[1], "rb") as f:
    data = f.read()
assert data.endswith(b"\r\n"), data[-10:]
for line in data.split(b"\r\n")[:-1]:
    assert len(line) <= 76, "line of %d octets: %r" % (len(line), line)
    assert b"\n" not in line and b"\r" not in line, "bare line break in %r" % line
    assert all(33 <= c <= 126 or c in (9, 32) for c in line), "not printable ASCII: %r" % line
    assert not line.endswith((b" ", b"\t")), "trailing white space: %r" % line
sys.stdout.buffer.write(quopri.decodestring(data))
)";
    auto decoded = [&](std::string_view body) {
        write_text(tmp / "qp.txt", bb::mail::quoted_printable(body));
        return run_python(tmp.path(), k_decode, {(tmp / "qp.txt").string()});
    };

    SUBCASE("'=' is escaped") {
        CHECK(bb::mail::quoted_printable("a=b\n") == "a=3Db\r\n");
    }

    SUBCASE("trailing spaces and tabs are encoded, inner ones kept") {
        CHECK(bb::mail::quoted_printable("two  words  \n") == "two  words =20\r\n");
        CHECK(bb::mail::quoted_printable("tab\t\n") == "tab=09\r\n");
        const auto result = decoded("end with space \nand tab\t\n");
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "end with space \r\nand tab\t\r\n");
    }

    SUBCASE("non-ASCII bytes are escaped") {
        CHECK(bb::mail::quoted_printable(std::string(k_mueller) + "\n") == "M=C3=BCller\r\n");
        const std::string body =
            std::string(k_jose) + " " + std::string(k_wang) + " " + std::string(k_party) + "\n";
        const auto result = decoded(body);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == body.substr(0, body.size() - 1) + "\r\n");
    }

    SUBCASE("long lines get soft breaks, every line within 76 octets, escapes never split") {
        std::string body;
        for (std::size_t shift = 0; shift < 3; ++shift) {
            body += std::string(shift, 'a');
            for (int i = 0; i < 40; ++i) {
                body += "word= " + std::string(k_mueller) + std::string(k_party);
            }
            body += "\n";
        }
        body += std::string(300, 'x') + "\n";
        const std::string qp = bb::mail::quoted_printable(body);
        for (const auto& line : crlf_split(qp)) {
            CAPTURE(line);
            CHECK(line.size() <= 76);
            // An escape is '=' and two hex digits, or a soft break '=' at the very end.
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == '=' && i + 1 != line.size()) {
                    CHECK(i + 2 < line.size());
                }
            }
        }
        const auto result = decoded(body);
        CHECK_MESSAGE(result.status == 0, result.output);
        std::string expected;
        for (char c : body) {
            expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
        }
        CHECK(result.output == expected);
    }

    SUBCASE("CRLF and LF line ends both come out as CRLF, blank lines kept") {
        CHECK(bb::mail::quoted_printable("a\r\n\r\nb\n") == "a\r\n\r\nb\r\n");
        CHECK_FALSE(bare_line_break(bb::mail::quoted_printable("one\ntwo\r\nthree")));
    }
}

TEST_CASE("mail::crlf_lines") {
    CHECK(bb::mail::crlf_lines("a\nb\n") == "a\r\nb\r\n");
    CHECK(bb::mail::crlf_lines("a\r\n\nb") == "a\r\n\r\nb\r\n");
    CHECK(bb::mail::crlf_lines("") == "");
}

TEST_CASE("mail::fits_7bit") {
    CHECK(bb::mail::fits_7bit("Hello,\n\nThank you.\n"));
    CHECK(bb::mail::fits_7bit(std::string(998, 'x') + "\n"));
    CHECK_FALSE(bb::mail::fits_7bit(std::string(999, 'x') + "\n"));
    CHECK_FALSE(bb::mail::fits_7bit("Dear " + std::string(k_jose) + ",\n"));
    CHECK_FALSE(bb::mail::fits_7bit(std::string(k_party)));
    // RFC 2045 section 2.7: no NUL, and CR only before LF. Found by the template_mail fuzz
    // target: a lone CR went out as it was in a 7bit body.
    CHECK(bb::mail::fits_7bit("one\r\ntwo\r\n"));
    CHECK_FALSE(bb::mail::fits_7bit("one\rtwo\n"));
    CHECK_FALSE(bb::mail::fits_7bit(std::string("a\0b\n", 4)));
}

TEST_CASE("mail::rfc5322_date") {
    constexpr std::time_t k_when = 1795629845; // 2026-11-25 18:04:05 UTC, a Wednesday
    TempDir tmp;

    SUBCASE("UTC") {
        TimeZoneGuard zone("UTC");
        CHECK(bb::mail::rfc5322_date(k_when) == "Wed, 25 Nov 2026 18:04:05 +0000");
    }

    SUBCASE("the local zone's offset, and a day that changes") {
        TimeZoneGuard zone("Asia/Tokyo");
        CHECK(bb::mail::rfc5322_date(k_when) == "Thu, 26 Nov 2026 03:04:05 +0900");
    }

    SUBCASE("a negative offset with minutes, and a single-digit day") {
        TimeZoneGuard zone("America/St_Johns");
        CHECK(bb::mail::rfc5322_date(1796189045) == "Wed, 02 Dec 2026 01:54:05 -0330");
    }

    SUBCASE("Python's email.utils reads the same instant") {
        TimeZoneGuard zone("Europe/Berlin");
        const std::string date = bb::mail::rfc5322_date(k_when);
        CHECK(date == "Wed, 25 Nov 2026 19:04:05 +0100");
        const auto result = run_python(tmp.path(), R"(
import email.utils, sys
print(int(email.utils.parsedate_to_datetime(sys.argv[1]).timestamp()), end="")
)",
                                       {date});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == std::to_string(k_when));
    }
}

TEST_CASE("mail::percent_encode") {
    TempDir tmp;

    SUBCASE("unreserved characters stay, everything else is %XX") {
        CHECK(bb::mail::percent_encode("AZaz09-._~") == "AZaz09-._~");
        CHECK(bb::mail::percent_encode("a b&c=d?e#f%g+h/i,j") ==
              "a%20b%26c%3Dd%3Fe%23f%25g%2Bh%2Fi%2Cj");
        CHECK(bb::mail::percent_encode("\r\n") == "%0D%0A");
        CHECK(bb::mail::percent_encode(k_mueller) == "M%C3%BCller");
        CHECK(bb::mail::percent_encode(k_party) == "%F0%9F%8E%89");
    }

    SUBCASE("urllib.parse.unquote reads back the exact text") {
        const std::string text = "Dear " + std::string(k_jose) + ",\r\n\r\nO'Brien & Co: 100% " +
                                 std::string(k_wang) + " " + std::string(k_party) + " a+b=c?\r\n";
        const std::string encoded = bb::mail::percent_encode(text);
        write_text(tmp / "uri.txt", encoded);
        const auto result = run_python(tmp.path(), R"(
import sys, urllib.parse
with open(sys.argv[1], encoding="ascii") as f:
    s = f.read()
sys.stdout.buffer.write(urllib.parse.unquote(s, errors="strict").encode("utf-8"))
)",
                                       {(tmp / "uri.txt").string()});
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == text);
    }
}
