#pragma once
// A draft email and the three forms bounceback prints it in: plain text, an RFC 5322 message,
// an RFC 6068 mailto: URI.

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::mail {

/// A display name and an address.
struct Mailbox {
    std::string name; ///< may be empty
    std::string address;
};

/// Parses an address header value such as `Jane Doe <jane@example.com>, bob@example.com`.
/// `what` names the source in errors ("--to", "the template's To line"). Throws Error(data) for
/// CR, LF or NUL anywhere in `value` (header injection), Error(usage) for an address that is not
/// valid, or that is not ASCII (it could not be sent as written).
std::vector<Mailbox> parse_mailboxes(std::string_view value, std::string_view what);

/// An email ready to print.
struct Message {
    std::optional<Mailbox> from;
    std::vector<Mailbox> to;
    std::vector<Mailbox> cc;
    std::string subject;
    std::string body; ///< LF line ends
};

/// `message` as text to read or paste: To, Cc, Subject, a blank line, the body.
std::string format_text(const Message& message);

/// `message` as an RFC 5322 message with CRLF line ends: Date (`when`), From, To, Cc, Subject,
/// Message-ID (`message_id`, without angle brackets), MIME-Version, a UTF-8 text/plain body as
/// 7bit when it fits, else quoted-printable; non-ASCII names and subjects as RFC 2047 encoded
/// words. Throws Error(data) if any header value holds CR, LF or NUL (header injection).
std::string format_eml(const Message& message, std::time_t when, std::string_view message_id);

/// `message` as an RFC 6068 `mailto:` URI with percent-encoded UTF-8 subject and body (line
/// breaks as %0D%0A). Throws Error(data) like format_eml.
std::string format_mailto(const Message& message);

/// A new unique Message-ID for mail from `from_address` (its domain is used).
std::string make_message_id(std::time_t when, std::string_view from_address);

} // namespace bb::mail
