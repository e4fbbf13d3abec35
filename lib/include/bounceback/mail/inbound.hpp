#pragma once
// Reading one received email (RFC 5322 + MIME) into the few things bounceback needs from it:
// sender, subject, date, Message-ID, the readable text and any message attached to it.
// Pure: no files, no terminal.
//
// Small and strict on purpose (no gmime: it would pull glib into libbounceback and slow the
// start of every command). Everything is bounded (message size, header size, MIME depth and
// part count) so the parser can be fuzzed; the one entry point is parse_inbound. The pieces it
// uses each have their own file: transfer_encoding (base64, quoted-printable), charset (iconv),
// header_fields (RFC 2047, addresses), mime (entities and multipart bodies), html_text, and
// mail_date for the dates in it.

#include "bounceback/mail/html_text.hpp"
#include "bounceback/mail/mail_date.hpp"

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
    /// Messages attached whole (`message/rfc822`, as "forward as attachment" sends them), in
    /// order, parsed the same way. One that cannot be read is left out.
    std::vector<InboundMessage> attached;

    /// The first header called `name` (case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

/// Parses `raw`, one message as delivered (CRLF or LF line ends; a leading mbox `From ` line, as
/// procmail and maildrop pass it, is skipped). Unfolds headers, decodes RFC 2047 encoded words
/// (B and Q, any charset iconv knows; an unknown charset leaves the word as written), follows
/// multipart bodies (nested too) to the best text part (text/plain, else text/html with tags
/// stripped), undoes quoted-printable and base64, and converts the text to UTF-8 (text labelled
/// ISO-8859-1, or not labelled, is read as Windows-1252 where it is not UTF-8). Bytes that are
/// not valid in their charset become U+FFFD. `message/rfc822` parts are parsed into `attached`.
///
/// Throws Error(data) with `line N: what is wrong` for: a message larger than
/// k_max_inbound_bytes, an empty message, a line in the header that is not a field (a missing
/// blank line), an oversized header section, a multipart body without a boundary or without its
/// closing delimiter, MIME nested too deep or with too many parts, invalid base64, an unknown
/// transfer encoding, or a text body in a charset iconv does not know.
InboundMessage parse_inbound(std::string_view raw);

} // namespace bb::mail
