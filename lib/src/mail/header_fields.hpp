#pragma once
// Header field values of a received message: RFC 2047 encoded words, Content-Type parameters,
// mailboxes and message IDs. Internal to lib/mail.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::mail::detail {

/// The value of the first field called `name` (ASCII letters in any case) in `fields`, or nullptr.
const std::string* find_field(const std::vector<std::pair<std::string, std::string>>& fields,
                              std::string_view name);

/// A raw header value as UTF-8 text: 8-bit bytes that are not UTF-8 are read as Windows-1252,
/// RFC 2047 encoded words are decoded (white space between two adjacent ones dropped), control
/// characters become spaces, and the ends are trimmed.
std::string decode_header_text(std::string_view raw);

/// A Content-Type: `type/subtype` lower-cased and its parameters (names lower-cased).
struct ContentType {
    std::string type = "text/plain";
    std::map<std::string, std::string> params;

    /// The parameter `name`, or "" when it is absent.
    std::string param(const std::string& name) const {
        const auto found = params.find(name);
        return found == params.end() ? std::string() : found->second;
    }
};

/// Reads a Content-Type value; a value without a `/` in its type means text/plain.
ContentType parse_content_type(std::string_view value);

/// The first mailbox of an address header: its display name (quotes and comments removed,
/// encoded words decoded, white space collapsed) and its address (domain lower-cased; "" when
/// there is no valid one). `[mailto:addr]`, as some mail programs quote a forwarded sender,
/// counts as `<addr>`.
std::pair<std::string, std::string> first_mailbox(std::string_view value);

/// A Message-ID without its angle brackets; "" when it holds white space, controls or 8-bit
/// bytes.
std::string parse_message_id(std::string_view value);

} // namespace bb::mail::detail
