// Fuzz target: email templates and the formats a draft is printed in (mail/template,
// mail/encode, mail/message). The input is a template, then NUL-separated values for the
// feedback variables in name order (company, contact, …; see feedback_values); a variable
// without a field has no value. The draft is rendered, read back as an edited draft, and
// printed as text, as an RFC 5322 message and as a mailto: URI.
//
// Invariants: bad input is only ever a bb::Error; a rendered draft has a Subject and no header
// value with CR, LF or NUL, and survives draft_text/parse_draft; in the .eml every line ends
// with CRLF, the header lines are ASCII and at most 998 octets, every encoded word is at most
// 75 characters, the Subject decodes back to the subject and the body to the body; the mailto:
// URI is printable ASCII without spaces and its subject and body decode back.

#include "fuzz_support.hpp"

#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/mail/encode.hpp"
#include "bounceback/mail/feedback.hpp"
#include "bounceback/mail/message.hpp"
#include "bounceback/mail/template.hpp"

#include <algorithm>
#include <optional>

namespace {

using bb::mail::Draft;
using bb::mail::Message;

/// The value of hex digit `c`, or -1.
int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

std::optional<std::string> base64_decode(std::string_view text) {
    static constexpr std::string_view k_alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=') {
            break;
        }
        const auto index = k_alphabet.find(c);
        if (index == std::string_view::npos) {
            return std::nullopt;
        }
        bits = (bits << 6) | static_cast<unsigned>(index);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

/// The value of an unstructured header as written by encode_unstructured, decoded: folding
/// removed, and encoded words (which stand alone, separated by folding white space) decoded.
std::optional<std::string> decode_unstructured(std::string_view folded) {
    std::string unfolded;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.substr(i, 2) == "\r\n") {
            ++i;
            continue;
        }
        unfolded += folded[i];
    }
    if (!unfolded.starts_with("=?utf-8?b?")) {
        // Left as written only when no reader could take a part of it for an encoded word.
        if (unfolded.find("=?") != std::string::npos) {
            return std::nullopt;
        }
        return unfolded;
    }
    std::string out;
    std::size_t pos = 0;
    while (pos < unfolded.size()) {
        if (unfolded[pos] == ' ') {
            ++pos;
            continue;
        }
        if (unfolded.compare(pos, 10, "=?utf-8?b?") != 0) {
            return std::nullopt;
        }
        const auto close = unfolded.find("?=", pos + 10);
        if (close == std::string::npos) {
            return std::nullopt;
        }
        auto bytes = base64_decode(std::string_view(unfolded).substr(pos + 10, close - pos - 10));
        if (!bytes) {
            return std::nullopt;
        }
        out += *bytes;
        pos = close + 2;
    }
    return out;
}

/// `text` with each `escape` + two hex digits turned back into its byte; with `soft_breaks`,
/// `escape` + CRLF (a quoted-printable soft line break) is removed. nullopt for a bad escape.
std::optional<std::string> unescape(std::string_view text, char escape, bool soft_breaks) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != escape) {
            out += text[i];
        } else if (soft_breaks && text.substr(i + 1, 2) == "\r\n") {
            i += 2;
        } else if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
    return unescape(text, '%', false);
}

/// A quoted-printable body decoded: soft line breaks removed, =XX turned back into bytes.
std::optional<std::string> qp_decode(std::string_view text) {
    return unescape(text, '=', true);
}

/// `text` cut into lines at CRLF; a CR or LF on its own fails the check.
std::vector<std::string_view> crlf_split(std::string_view text, const std::string& what) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find_first_of("\r\n", start);
        BB_FUZZ_CHECK(end != std::string_view::npos,
                      what + " does not end with CRLF:\n" + std::string(text));
        BB_FUZZ_CHECK(text.substr(end, 2) == "\r\n",
                      what + " has a bare CR or LF:\n" + std::string(text));
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

void check_encoded_words(std::string_view line, const std::string& eml) {
    std::size_t pos = 0;
    while ((pos = line.find("=?", pos)) != std::string_view::npos) {
        const auto close = line.find("?=", pos + 2);
        const auto end = line.find(' ', pos);
        if (close == std::string_view::npos || (end != std::string_view::npos && end < close)) {
            ++pos;
            continue;
        }
        // The word is "=?utf-8?b?" + base64 + "?=": its close is after the third '?'.
        const auto word_end = line.find("?=", pos + 10);
        if (line.substr(pos, 10) == "=?utf-8?b?" && word_end != std::string_view::npos) {
            BB_FUZZ_CHECK(word_end + 2 - pos <= 75, "an encoded word over 75 characters:\n" + eml);
            pos = word_end + 2;
        } else {
            ++pos;
        }
    }
}

void check_eml(const Message& message, const std::string& eml) {
    const auto split = eml.find("\r\n\r\n");
    BB_FUZZ_CHECK(split != std::string::npos, "no blank line after the headers:\n" + eml);
    const std::string_view head = std::string_view(eml).substr(0, split + 2);
    const std::string_view body = std::string_view(eml).substr(split + 4);
    std::string subject;
    bool in_subject = false;
    for (const auto& line : crlf_split(head, "a header line")) {
        BB_FUZZ_CHECK(line.size() <= 998, "a header line over 998 octets:\n" + eml);
        BB_FUZZ_CHECK(!line.empty(), "an empty line among the headers:\n" + eml);
        BB_FUZZ_CHECK(
            std::all_of(line.begin(), line.end(),
                        [](char c) { return c > 0 && static_cast<unsigned char>(c) < 0x80; }),
            "a header line that is not ASCII:\n" + eml);
        check_encoded_words(line, eml);
        const bool continued = line.front() == ' ' || line.front() == '\t';
        if (!continued) {
            in_subject = line.starts_with("Subject: ");
            if (in_subject) {
                subject = line.substr(9);
            }
        } else if (in_subject) {
            subject += "\r\n" + std::string(line);
        }
    }
    const auto decoded = decode_unstructured(subject);
    BB_FUZZ_CHECK(decoded == message.subject,
                  "the Subject does not decode to '" + message.subject + "':\n" + eml);

    const auto body_lines = crlf_split(body, "the body");
    const std::string expected = bb::mail::crlf_lines(message.body);
    if (head.find("\r\nContent-Transfer-Encoding: 7bit\r\n") != std::string_view::npos) {
        BB_FUZZ_CHECK(body == expected, "the 7bit body differs:\n" + eml);
        for (const auto& line : body_lines) {
            BB_FUZZ_CHECK(line.size() <= 998, "a body line over 998 octets:\n" + eml);
        }
    } else {
        for (const auto& line : body_lines) {
            BB_FUZZ_CHECK(line.size() <= 76, "a quoted-printable line over 76 octets:\n" + eml);
            BB_FUZZ_CHECK(
                std::all_of(line.begin(), line.end(),
                            [](char c) { return c > 0 && static_cast<unsigned char>(c) < 0x80; }),
                "a quoted-printable line that is not ASCII:\n" + eml);
        }
        BB_FUZZ_CHECK(qp_decode(body) == expected, "the quoted-printable body differs:\n" + eml);
    }
}

void check_mailto(const Message& message, const std::string& uri) {
    BB_FUZZ_CHECK(uri.starts_with("mailto:"), uri);
    BB_FUZZ_CHECK(std::all_of(uri.begin(), uri.end(), [](char c) { return c > 32 && c < 127; }),
                  "a mailto: URI with a space, control or non-ASCII character:\n" + uri);
    const auto subject_at = uri.find("?subject=");
    const auto body_at = uri.rfind("&body=");
    BB_FUZZ_CHECK(subject_at != std::string::npos && body_at != std::string::npos, uri);
    const auto subject_end = uri.find('&', subject_at + 9);
    BB_FUZZ_CHECK(percent_decode(std::string_view(uri).substr(
                      subject_at + 9, subject_end - subject_at - 9)) == message.subject,
                  "the subject does not decode back:\n" + uri);
    BB_FUZZ_CHECK(percent_decode(std::string_view(uri).substr(body_at + 6)) ==
                      bb::mail::crlf_lines(message.body),
                  "the body does not decode back:\n" + uri);
}

void check_draft_round_trip(const Draft& draft) {
    if (draft.body.find('\0') != std::string::npos) {
        return; // parse_draft refuses any NUL, as it must for the headers.
    }
    const std::string text = bb::mail::draft_text(draft);
    Draft again;
    try {
        again = bb::mail::parse_draft(text, "draft");
    } catch (const bb::Error& error) {
        BB_FUZZ_CHECK(false, std::string("a rendered draft does not read back: ") + error.what() +
                                 "\n" + text);
    }
    std::string body = draft.body;
    body.erase(std::remove(body.begin(), body.end(), '\r'), body.end());
    BB_FUZZ_CHECK(again.headers == draft.headers && again.body == body,
                  "a draft changed on a round trip:\n" + text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto fields = bb::fuzz::split_fields(bb::fuzz::as_text(data, size));
    static const bb::mail::TemplateValues k_known =
        bb::mail::feedback_values(bb::Rejection{}, bb::Config{});
    bb::mail::TemplateValues values;
    std::size_t next = 1;
    for (const auto& [name, unused] : k_known) {
        values[name] =
            next < fields.size() ? std::optional<std::string>(fields[next]) : std::nullopt;
        ++next;
    }

    Draft draft;
    try {
        draft =
            bb::mail::render_template({"fuzz", "fuzz.mustache", std::string(fields[0])}, values);
    } catch (const bb::Error&) {
        return 0;
    }
    BB_FUZZ_CHECK(!draft.header("Subject").empty(), bb::mail::draft_text(draft));
    for (const auto& [name, value] : draft.headers) {
        BB_FUZZ_CHECK(value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos,
                      name + ": " + value);
    }
    check_draft_round_trip(draft);

    Message message;
    message.subject = draft.header("Subject");
    message.body = draft.body;
    try {
        message.to = bb::mail::parse_mailboxes(draft.header("To"), "To");
        message.cc = bb::mail::parse_mailboxes(draft.header("Cc"), "Cc");
    } catch (const bb::Error&) {
        return 0;
    }
    message.from = bb::mail::Mailbox{values["me.name"].value_or(""), "me@example.com"};
    (void)bb::mail::format_text(message);
    try {
        check_eml(message, bb::mail::format_eml(message, 1795000000, "fuzz@example.com"));
    } catch (const bb::Error&) {
        // Only a From name with a line break may be refused here: the rest was checked above.
        BB_FUZZ_CHECK(message.from->name.find_first_of(std::string_view("\r\n\0", 3)) !=
                          std::string::npos,
                      "format_eml refused a checked draft: " + message.subject);
    }
    check_mailto(message, bb::mail::format_mailto(message));
    return 0;
}
