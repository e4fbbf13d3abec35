#pragma once
// Email encodings: RFC 2047 encoded words, RFC 5322 dates, RFC 6068 mailto URIs; the transfer
// encodings (quoted-printable, base64) are in transfer_encoding.hpp. Pure functions over text.

#include "bounceback/mail/transfer_encoding.hpp"

#include <ctime>
#include <string>
#include <string_view>

namespace bb::mail {

/// True when `text` is all 7-bit ASCII.
bool is_ascii(std::string_view text);

/// An unstructured header value (such as Subject) ready to follow `Name: `, where `used` is the
/// length of `Name: `. ASCII text is folded at spaces so lines stay within 78 octets; other text
/// becomes RFC 2047 encoded words (`=?utf-8?b?…?=`, each at most 75 characters, never splitting a
/// UTF-8 sequence), one per folded line; so does ASCII holding "=?", which a reader could take
/// for an encoded word. Lines are joined with CRLF and a space.
std::string encode_unstructured(std::string_view text, std::size_t used);

/// A mailbox (`name <addr>`, or just `addr` when `name` is empty) for an address header whose
/// `Name: ` is `used` long. ASCII names with specials are quoted; other names, and words holding
/// "=?", become encoded words. `addr` must already be checked (ASCII, no spaces).
std::string encode_mailbox(std::string_view name, std::string_view addr, std::size_t used);

/// `name` as a display name for people to read (the text format's To: line): as it is when it
/// is words of letters and the like (non-ASCII letters included), else in double quotes with `"`
/// and `\` escaped, as encode_mailbox writes an ASCII name: "Doe, Jane" -> "\"Doe, Jane\"".
std::string display_name(std::string_view name);

/// `body` with every line end made CRLF (for 7bit bodies).
std::string crlf_lines(std::string_view body);

/// True when `body` can be sent as 7bit: ASCII only, no NUL, no CR but before LF, and no line
/// longer than 998 octets (RFC 2045 section 2.7).
bool fits_7bit(std::string_view body);

/// `when` as an RFC 5322 date (`Wed, 25 Nov 2026 18:04:05 +0100`) in the local time zone.
std::string rfc5322_date(std::time_t when);

/// `text` percent-encoded as UTF-8 for a URI: everything but RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);

} // namespace bb::mail
