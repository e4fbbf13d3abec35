#pragma once
// Text in the charset a message declares, as UTF-8 (through iconv). Internal to lib/mail.

#include <optional>
#include <string>
#include <string_view>

namespace bb::mail::detail {

/// U+FFFD, which stands for bytes that are not valid text.
inline constexpr std::string_view k_replacement = "\xef\xbf\xbd";

/// `bytes` in `charset` (any case) as UTF-8; nullopt when the charset is unknown. Text declared
/// as ASCII (or not declared) is taken as UTF-8 when it is valid, else as Windows-1252, since
/// mail software often sends 8-bit text without saying so; so is ISO-8859-1, whose every byte
/// Windows-1252 reads the same except the C1 controls no mail means. Bytes that are not valid
/// in the charset become U+FFFD.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset);

} // namespace bb::mail::detail
