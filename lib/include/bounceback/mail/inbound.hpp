#pragma once
// Reading one received email (RFC 5322 + MIME) into the few things bounceback needs from it:
// sender, subject, date, Message-ID and the readable text. Pure: no files, no terminal.
//
// Small and strict on purpose (no gmime: it would pull glib into libbounceback and slow the
// start of every command). Everything is bounded (message size, header size, MIME depth and
// part count) so the parser can be fuzzed; the one entry point is parse_inbound.

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::mail {

/// The largest message parse_inbound accepts, in bytes (rejections are short; attachments such
/// as a PDF fit well within it).
inline constexpr std::size_t k_max_inbound_bytes = 10u << 20;

/// A received message, decoded. Every string is valid UTF-8; header values are unfolded and
/// their RFC 2047 encoded words decoded.
struct InboundMessage {
    /// The top-level header fields in order, names as written, values unfolded and decoded.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string from_name;    ///< the From display name, "" when there is none
    std::string from_address; ///< the From address, lower-cased domain; "" when there is none
    std::string subject;
    std::string date;       ///< the Date header as written, "" when absent
    std::string message_id; ///< without the angle brackets; "" when absent
    std::string body;       ///< the readable text, LF line ends
    std::string body_type;  ///< "text/plain" or "text/html" (tags stripped); "" without text

    /// The first header called `name` (case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

/// Parses `raw`, one message as delivered (CRLF or LF line ends; a leading mbox `From ` line, as
/// procmail and maildrop pass it, is skipped). Unfolds headers, decodes RFC 2047 encoded words
/// (B and Q, any charset iconv knows; an unknown charset leaves the word as written), follows
/// multipart bodies (nested too) to the best text part (text/plain, else text/html with tags
/// stripped), undoes quoted-printable and base64, and converts the text to UTF-8. Bytes that are
/// not valid in their charset become U+FFFD.
///
/// Throws Error(data) with `line N: what is wrong` for: a message larger than
/// k_max_inbound_bytes, an empty message, a line in the header that is not a field (a missing
/// blank line), an oversized header section, a multipart body without a boundary or without its
/// closing delimiter, MIME nested too deep or with too many parts, invalid base64, an unknown
/// transfer encoding, or a text body in a charset iconv does not know.
InboundMessage parse_inbound(std::string_view raw);

/// Parses an RFC 5322 date (`Wed, 25 Nov 2026 18:04:05 +0100`; the day name is optional,
/// obsolete zone names such as GMT, UT, EST and two-digit years are accepted) into a point in
/// time; nullopt when `text` is not such a date.
std::optional<std::time_t> parse_mail_date(std::string_view text);

/// `html` as plain text: tags removed, `<style>`, `<script>` and `<head>` dropped, `<br>`,
/// `<p>`, `<div>`, `<li>`, `<tr>` and headings made line breaks, entities decoded, runs of
/// spaces collapsed. `html` must be UTF-8.
std::string html_to_text(std::string_view html);

} // namespace bb::mail
