// Tests for lib/src/mail/message.cpp: address parsing and the three forms of a draft. The
// RFC 5322 message is read back with Python's email.parser.BytesParser(policy=default) and the
// mailto URI with urllib.parse, and must give exactly the values that went in.
#include "bounceback/mail/message.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/mail/encode.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <ctime>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using bb::ExitCode;
using bb::mail::Mailbox;
using bb::mail::Message;
using bb::test::error_from;
using bb::test::run_python;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

constexpr std::string_view k_mueller = "M\xc3\xbcller";  // Müller
constexpr std::string_view k_jose = "Jos\xc3\xa9";       // José
constexpr std::string_view k_wang = "\xe7\x8e\x8b";      // 王
constexpr std::string_view k_party = "\xf0\x9f\x8e\x89"; // 🎉
constexpr std::time_t k_when = 1795629845;               // 2026-11-25 18:04:05 UTC

/// "name|address" per mailbox, one a line: easy to compare and to read in a failure.
std::string describe(const std::vector<Mailbox>& boxes) {
    std::string out;
    for (const auto& b : boxes) {
        out += b.name + "|" + b.address + "\n";
    }
    return out;
}

/// `text` with every LF made CRLF.
std::string with_crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    return out;
}

/// Parses argv[1] with BytesParser(policy=default) after checking the raw bytes (CRLF only,
/// lines ≤ 998 octets, ASCII headers), and prints what it read in the form `expected_reading`
/// builds. Header line lengths are checked apart, by `check_header_lines`.
constexpr std::string_view k_read_eml = R"(
import email.policy, sys
from email.parser import BytesParser
with open(sys.argv[1], "rb") as f:
    raw = f.read()
assert raw.endswith(b"\r\n"), "does not end with CRLF"
assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF"
assert b"\r" not in raw.replace(b"\r\n", b""), "a bare CR"
for line in raw.split(b"\r\n"):
    assert len(line) <= 998, "line of %d octets" % len(line)
head = raw.split(b"\r\n\r\n", 1)[0]
for line in head.split(b"\r\n"):
    assert all(c < 128 for c in line), "non-ASCII header line %r" % line
msg = BytesParser(policy=email.policy.default).parsebytes(raw)
assert not msg.defects, msg.defects
out = []
for name in ("From", "To", "Cc"):
    if msg[name] is not None:
        assert not msg[name].defects, (name, msg[name].defects)
        for a in msg[name].addresses:
            out.append("%s: %s|%s" % (name, a.display_name, a.addr_spec))
out.append("Subject: " + str(msg["Subject"]))
out.append("Date: %d" % msg["Date"].datetime.timestamp())
out.append("Message-ID: " + msg["Message-ID"])
out.append("MIME-Version: " + msg["MIME-Version"])
out.append("Type: %s; %s" % (msg.get_content_type(), msg.get_content_charset()))
out.append("CTE: " + msg["Content-Transfer-Encoding"])
out.append("Headers: " + " ".join(msg.keys()))
out.append("Body:")
sys.stdout.buffer.write(("\n".join(out) + "\n" + msg.get_content()).encode("utf-8"))
)";

/// What k_read_eml prints for `m` sent with `message_id` and transfer encoding `cte`.
std::string expected_reading(const Message& m, std::string_view message_id, std::string_view cte) {
    std::string out;
    std::string names = "Date";
    if (m.from) {
        out += "From: " + m.from->name + "|" + m.from->address + "\n";
        names += " From";
    }
    for (const auto& b : m.to) {
        out += "To: " + b.name + "|" + b.address + "\n";
    }
    names += m.to.empty() ? "" : " To";
    for (const auto& b : m.cc) {
        out += "Cc: " + b.name + "|" + b.address + "\n";
    }
    names += m.cc.empty() ? "" : " Cc";
    out += "Subject: " + m.subject + "\n";
    out += "Date: " + std::to_string(k_when) + "\n";
    out += "Message-ID: <" + std::string(message_id) + ">\n";
    out += "MIME-Version: 1.0\n";
    out += "Type: text/plain; utf-8\n";
    out += "CTE: " + std::string(cte) + "\n";
    out += "Headers: " + names +
           " Subject Message-ID MIME-Version Content-Type Content-Transfer-Encoding\n";
    out += "Body:\n" + with_crlf(m.body);
    return out;
}

/// Checks each header line of `eml`: at most 76 octets when it holds an encoded word (RFC 2047
/// section 2), else at most 78 (RFC 5322 section 2.1.1) unless it is one unbreakable word.
void check_header_lines(std::string_view eml) {
    const std::string_view head = eml.substr(0, eml.find("\r\n\r\n"));
    std::size_t start = 0;
    while (start <= head.size()) {
        auto end = head.find("\r\n", start);
        end = end == std::string_view::npos ? head.size() : end;
        const std::string line(head.substr(start, end - start));
        const std::size_t limit = line.find("=?") != std::string::npos ? 76 : 78;
        CAPTURE(line);
        CAPTURE(limit);
        CHECK(line.size() <= limit);
        start = end + 2;
    }
}

/// An ASCII message with every header.
Message ascii_message() {
    Message m;
    m.from = Mailbox{"Jane Seeker", "jane@example.com"};
    m.to = {Mailbox{"Dr. Bob Recruiter", "bob@acme.example"}};
    m.cc = {Mailbox{"Doe, John", "john@acme.example"}, Mailbox{"", "hr@acme.example"}};
    m.subject = "Thank you for the interviews for Data Engineer at O'Brien & Co";
    m.body =
        "Dear Bob,\n\nThank you for your time.\n\n- What could I improve?\n\nBest regards,\nJane\n";
    return m;
}

/// A message with non-ASCII names, subject and body.
Message unicode_message() {
    Message m;
    m.from = Mailbox{std::string(k_jose) + " " + std::string(k_mueller), "jose@example.com"};
    m.to = {Mailbox{std::string(k_wang) + " Xiaoming", "wang@example.cn"}};
    m.cc = {Mailbox{"Zo\xc3\xab " + std::string(k_party), "zoe@example.org"}};
    m.subject = "Danke, Herr " + std::string(k_mueller) + " \xe2\x80\x94 " + std::string(k_wang) +
                " " + std::string(k_party) + " feedback";
    m.body = "Dear " + std::string(k_wang) + ",\n\nThank you " + std::string(k_party) +
             ". Caf\xc3\xa9 talk was great.\n\nBest,\n" + std::string(k_jose) + "\n";
    return m;
}

} // namespace

TEST_CASE("mail::parse_mailboxes") {
    SUBCASE("a bare address") {
        CHECK(describe(bb::mail::parse_mailboxes("jane@example.com", "--to")) ==
              "|jane@example.com\n");
    }
    SUBCASE("a name and an address") {
        CHECK(describe(bb::mail::parse_mailboxes("Jane Doe <jane@example.com>", "--to")) ==
              "Jane Doe|jane@example.com\n");
    }
    SUBCASE("several addresses, quoted names with commas, escapes, spaces around") {
        const auto boxes =
            bb::mail::parse_mailboxes(" \"Doe, Jane\" <jane@example.com> , "
                                      "bob@example.com,\"Smith, \\\"Al\\\"\" <al@example.com>",
                                      "--to");
        CHECK(describe(boxes) == "Doe, Jane|jane@example.com\n|bob@example.com\n"
                                 "Smith, \"Al\"|al@example.com\n");
    }
    SUBCASE("an escaped quote does not end a quoted name") {
        // RFC 5322 quoted-string: \" is a quote inside the name, so the comma after it is too.
        const auto boxes =
            bb::mail::parse_mailboxes("\"Lee \\\"Al\\\", Jr\" <al@example.com>", "--to");
        CHECK(describe(boxes) == "Lee \"Al\", Jr|al@example.com\n");
        std::vector<Mailbox> second;
        const auto error = error_from(
            [&] { second = bb::mail::parse_mailboxes("\"a\\\"b, c\" <x@example.com>", "--to"); });
        CHECK_MESSAGE(!error, (error ? std::string(error->what()) : std::string()));
        CHECK(describe(second) == "a\"b, c|x@example.com\n");
    }

    SUBCASE("a non-ASCII name is fine") {
        const std::string value =
            std::string(k_jose) + " " + std::string(k_mueller) + " <jose@example.com>";
        CHECK(describe(bb::mail::parse_mailboxes(value, "--to")) ==
              std::string(k_jose) + " " + std::string(k_mueller) + "|jose@example.com\n");
    }
    SUBCASE("invalid addresses are usage errors naming the source and the value") {
        for (const std::string value : {"not an address", "jane@", "@example.com", "Jane <jane>",
                                        "jane@example.com, nobody"}) {
            CAPTURE(value);
            const auto error = error_from([&] { bb::mail::parse_mailboxes(value, "--to"); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::usage);
            BB_CHECK_CONTAINS(std::string(error->what()), "--to");
        }
    }
    SUBCASE("a non-ASCII address is a usage error") {
        for (const std::string value :
             {"jos\xc3\xa9@example.com", "Jane <jane@m\xc3\xbcller.de>"}) {
            CAPTURE(value);
            const auto error =
                error_from([&] { bb::mail::parse_mailboxes(value, "the entry's email"); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::usage);
            BB_CHECK_CONTAINS(std::string(error->what()), "the entry's email");
        }
    }
    SUBCASE("a line break in an address is header injection (DESIGN.md: exit 65)") {
        const auto error =
            error_from([&] { bb::mail::parse_mailboxes("a@b.com\r\nBcc: x@y.com", "--to"); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        BB_CHECK_CONTAINS(std::string(error->what()), "header injection");
    }
    SUBCASE("a name with a line break is header injection") {
        const auto error = error_from([] {
            bb::mail::parse_mailboxes("Jane\r\nBcc: evil@example.com <jane@example.com>", "--to");
        });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        BB_CHECK_CONTAINS(std::string(error->what()), "header injection");
    }
}

TEST_CASE("mail::format_text") {
    Message m = ascii_message();
    // Names are quoted as format_eml quotes them, so "Doe, John" stays one name.
    CHECK(bb::mail::format_text(m) == "To: \"Dr. Bob Recruiter\" <bob@acme.example>\n"
                                      "Cc: \"Doe, John\" <john@acme.example>, hr@acme.example\n"
                                      "Subject: " +
                                          m.subject + "\n\n" + m.body);
    m.to.clear();
    m.cc.clear();
    m.body = "No newline at the end";
    CHECK(bb::mail::format_text(m) == "Subject: " + m.subject + "\n\nNo newline at the end\n");
}

TEST_CASE("mail::display_name") {
    CHECK(bb::mail::display_name("Jane Doe") == "Jane Doe");
    CHECK(bb::mail::display_name("Jos\xc3\xa9 Garc\xc3\xad"
                                 "a") == "Jos\xc3\xa9 Garc\xc3\xad"
                                         "a");
    CHECK(bb::mail::display_name("Doe, Jane") == "\"Doe, Jane\"");
    CHECK(bb::mail::display_name("Say \"hi\"") == "\"Say \\\"hi\\\"\"");
}

TEST_CASE("mail::format_text parses back") {
    Message m;
    m.subject = "s";
    m.to = {{"Doe, Jane", "jane@example.com"}};
    const auto to = bb::mail::parse_mailboxes("\"Doe, Jane\" <jane@example.com>", "To");
    REQUIRE(to.size() == 1);
    CHECK(to.front().name == "Doe, Jane");
    BB_CHECK_CONTAINS(bb::mail::format_text(m), "To: \"Doe, Jane\" <jane@example.com>\n");
}

TEST_CASE("mail::format_eml") {
    TempDir tmp;
    auto read_back = [&](const std::string& eml) {
        write_text(tmp / "m.eml", eml);
        return run_python(tmp.path(), k_read_eml, {(tmp / "m.eml").string()});
    };
    const std::string id = "1795629845.0123abcd@example.com";

    SUBCASE("ASCII: exact values, 7bit") {
        const Message m = ascii_message();
        const std::string eml = bb::mail::format_eml(m, k_when, id);
        BB_CHECK_CONTAINS(eml, "\r\nContent-Transfer-Encoding: 7bit\r\n");
        BB_CHECK_CONTAINS(eml, "\r\nContent-Type: text/plain; charset=utf-8\r\n");
        BB_CHECK_CONTAINS(eml, "\r\nMIME-Version: 1.0\r\n");
        CHECK(eml.starts_with("Date: "));
        const auto result = read_back(eml);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == expected_reading(m, id, "7bit"));
    }

    SUBCASE("non-ASCII names, subject and body: encoded words, quoted-printable") {
        const Message m = unicode_message();
        const std::string eml = bb::mail::format_eml(m, k_when, id);
        CHECK(bb::mail::is_ascii(eml));
        BB_CHECK_CONTAINS(eml, "=?utf-8?");
        BB_CHECK_CONTAINS(eml, "\r\nContent-Transfer-Encoding: quoted-printable\r\n");
        const auto result = read_back(eml);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == expected_reading(m, id, "quoted-printable"));
    }

    SUBCASE("each non-ASCII name alone") {
        for (const std::string& name :
             {std::string(k_mueller), std::string(k_jose), std::string(k_wang),
              std::string(k_party), std::string("M\xc3\xbcller, Hans")}) {
            CAPTURE(name);
            Message m = ascii_message();
            m.from = Mailbox{name, "me@example.com"};
            m.to = {Mailbox{name, "you@example.com"}};
            m.subject = "Feedback, " + name;
            const auto result = read_back(bb::mail::format_eml(m, k_when, id));
            CHECK_MESSAGE(result.status == 0, result.output);
            CHECK(result.output == expected_reading(m, id, "7bit"));
        }
    }

    SUBCASE("a long subject and many recipients are folded") {
        Message m = ascii_message();
        m.subject.clear();
        for (int i = 0; i < 10; ++i) {
            m.subject += "thank you for your time and consideration " + std::to_string(i) + " ";
        }
        m.subject += std::string(k_mueller);
        m.to.clear();
        for (int i = 0; i < 6; ++i) {
            m.to.push_back(Mailbox{"Recruiter Number " + std::to_string(i),
                                   "r" + std::to_string(i) + "@acme.example"});
        }
        const auto result = read_back(bb::mail::format_eml(m, k_when, id));
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == expected_reading(m, id, "7bit"));
    }

    SUBCASE("header lines stay within 78 octets, 76 with an encoded word") {
        check_header_lines(bb::mail::format_eml(ascii_message(), k_when, id));
        check_header_lines(bb::mail::format_eml(unicode_message(), k_when, id));
        Message m = unicode_message();
        m.subject = "Vielen Dank f\xc3\xbcr das Gespr\xc3\xa4"
                    "ch \xc3\xbc"
                    "ber die Stelle als Data Engineer, "
                    "Frau " +
                    std::string(k_mueller);
        m.from->name = "Jos\xc3\xa9 Mar\xc3\xad"
                       "a Garc\xc3\xad"
                       "a de la Fuente M\xc3\xbcller-Schmidt";
        check_header_lines(bb::mail::format_eml(m, k_when, id));
    }

    SUBCASE("an ASCII body with a line over 998 octets is quoted-printable") {
        Message m = ascii_message();
        m.body = "Short line\n" + std::string(1500, 'x') + "\ntrailing space \n";
        const std::string eml = bb::mail::format_eml(m, k_when, id);
        BB_CHECK_CONTAINS(eml, "Content-Transfer-Encoding: quoted-printable\r\n");
        const auto result = read_back(eml);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == expected_reading(m, id, "quoted-printable"));
    }

    SUBCASE("no From, no Cc") {
        Message m = ascii_message();
        m.from.reset();
        m.cc.clear();
        const auto result = read_back(bb::mail::format_eml(m, k_when, id));
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == expected_reading(m, id, "7bit"));
    }

    SUBCASE("CR, LF or NUL in any header value is refused as header injection") {
        struct Case {
            const char* what;
            void (*spoil)(Message&);
        };
        const Case cases[] = {
            {"subject CRLF", [](Message& m) { m.subject = "Hi\r\nBcc: evil@example.com"; }},
            {"subject LF", [](Message& m) { m.subject = "Hi\nBcc: evil@example.com"; }},
            {"subject NUL", [](Message& m) { m.subject = std::string("Hi\0there", 8); }},
            {"from name", [](Message& m) { m.from->name = "Jane\r\nBcc: evil@example.com"; }},
            {"to name", [](Message& m) { m.to[0].name = "Bob\nBcc: evil@example.com"; }},
            {"to address",
             [](Message& m) { m.to[0].address = "bob@acme.example\r\nBcc: evil@example.com"; }},
            {"cc name", [](Message& m) { m.cc[0].name = "John\rX"; }},
        };
        for (const auto& c : cases) {
            CAPTURE(c.what);
            Message m = ascii_message();
            c.spoil(m);
            const auto error = error_from([&] { bb::mail::format_eml(m, k_when, id); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::data);
            BB_CHECK_CONTAINS(std::string(error->what()), "header injection");
            const auto mailto = error_from([&] { bb::mail::format_mailto(m); });
            if (std::string_view(c.what) != "from name") { // mailto has no From
                REQUIRE(mailto);
                CHECK(mailto->code() == ExitCode::data);
                BB_CHECK_CONTAINS(std::string(mailto->what()), "header injection");
            }
        }
        const auto error =
            error_from([&] { bb::mail::format_eml(ascii_message(), k_when, "a\r\nb@c"); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
    }
}

TEST_CASE("mail::format_mailto") {
    TempDir tmp;
    // Prints the address part and each query field, unquoted, one per line, body last.
    constexpr std::string_view k_read_mailto = R"(
import sys, urllib.parse
with open(sys.argv[1], encoding="ascii") as f:
    uri = f.read()
assert "\n" not in uri and " " not in uri, repr(uri)
parts = urllib.parse.urlsplit(uri)
assert parts.scheme == "mailto", parts
out = ["to: " + urllib.parse.unquote(parts.path, errors="strict")]
fields = {}
for pair in parts.query.split("&"):
    key, _, value = pair.partition("=")
    assert key not in fields, "repeated " + key
    fields[key] = urllib.parse.unquote(value, errors="strict")
for key in ("subject", "cc"):
    if key in fields:
        out.append(key + ": " + fields.pop(key))
body = fields.pop("body", None)
assert not fields, fields
sys.stdout.buffer.write(("\n".join(out) + "\nbody:\n" + (body or "")).encode("utf-8"))
)";
    auto read_back = [&](const Message& m) {
        const std::string uri = bb::mail::format_mailto(m);
        CHECK(uri.starts_with("mailto:"));
        CHECK(bb::mail::is_ascii(uri));
        write_text(tmp / "uri.txt", uri);
        return run_python(tmp.path(), k_read_mailto, {(tmp / "uri.txt").string()});
    };

    SUBCASE("ASCII") {
        const Message m = ascii_message();
        const std::string uri = bb::mail::format_mailto(m);
        CHECK(uri.starts_with(
            "mailto:bob@acme.example?subject=Thank%20you%20for%20the%20interviews"));
        BB_CHECK_CONTAINS(uri, "%0D%0A");
        const auto result = read_back(m);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "to: bob@acme.example\nsubject: " + m.subject +
                                   "\ncc: john@acme.example,hr@acme.example\nbody:\n" +
                                   with_crlf(m.body));
    }

    SUBCASE("non-ASCII subject and body, characters that mean something in a URI") {
        Message m = unicode_message();
        m.subject += " & a=b? #1 100% +";
        m.body += "a&b=c?d#e%f+g\n";
        const auto result = read_back(m);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "to: wang@example.cn\nsubject: " + m.subject +
                                   "\ncc: zoe@example.org\nbody:\n" + with_crlf(m.body));
    }

    SUBCASE("several recipients, no recipient") {
        Message m = ascii_message();
        m.to.push_back(Mailbox{"Ann", "ann+jobs@acme.example"});
        m.cc.clear();
        auto result = read_back(m);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "to: bob@acme.example,ann+jobs@acme.example\nsubject: " + m.subject +
                                   "\nbody:\n" + with_crlf(m.body));
        m.to.clear();
        result = read_back(m);
        CHECK_MESSAGE(result.status == 0, result.output);
        CHECK(result.output == "to: \nsubject: " + m.subject + "\nbody:\n" + with_crlf(m.body));
    }
}

TEST_CASE("mail::make_message_id") {
    const std::string a = bb::mail::make_message_id(k_when, "jose@example.com");
    const std::string b = bb::mail::make_message_id(k_when, "jose@example.com");
    CHECK(a != b);
    CHECK(a.ends_with("@example.com"));
    for (const auto& id : {a, b}) {
        CAPTURE(id);
        CHECK(id.find_first_of(" <>\r\n\t") == std::string::npos);
        CHECK(id.find('@') == id.rfind('@'));
        CHECK(bb::mail::is_ascii(id));
    }
    CHECK(bb::mail::make_message_id(k_when, "no-at-sign").ends_with("@bounceback.invalid"));
}
