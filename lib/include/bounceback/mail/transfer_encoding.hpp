#pragma once
// MIME content transfer encodings (RFC 2045): base64 and quoted-printable, both ways, and the
// "Q" encoding of RFC 2047 encoded words. One place for each rule, shared by the messages
// bounceback writes (encode.cpp, message.cpp) and the ones it reads (inbound.cpp).

#include <optional>
#include <string>
#include <string_view>

namespace bb::mail {

/// `bytes` as base64 (RFC 4648 alphabet, `=` padding), on one line.
std::string base64_encode(std::string_view bytes);

/// Decodes base64 `text`, ignoring white space and line breaks. On a character outside the
/// alphabet, data after the padding or a cut final group, returns nullopt and sets `*bad_at`
/// (when not null) to its offset in `text`.
std::optional<std::string> base64_decode(std::string_view text, std::size_t* bad_at = nullptr);

/// `body` as quoted-printable (RFC 2045) with CRLF line ends and lines of at most 76 octets.
std::string quoted_printable(std::string_view body);

/// Decodes quoted-printable `text` (RFC 2045 section 6.7) with LF line ends: soft line breaks
/// joined, trailing white space added in transport dropped, and an `=` that starts no escape
/// kept as written, as the RFC recommends.
std::string decode_quoted_printable(std::string_view text);

/// Decodes the text of a "Q" encoded word (RFC 2047 section 4.2): quoted-printable where `_`
/// stands for a space.
std::string decode_q_encoding(std::string_view text);

} // namespace bb::mail
