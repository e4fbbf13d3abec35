#include "charset.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <cerrno>
#include <iconv.h>

namespace bb::mail::detail {

namespace {

/// `bytes` in `charset` converted to UTF-8 through iconv; nullopt when iconv does not know the
/// charset. Bytes that are not valid in it become U+FFFD.
std::optional<std::string> convert_with_iconv(std::string_view bytes, const std::string& charset) {
    // Only plain charset names reach iconv (no "//TRANSLIT" suffixes or paths).
    if (charset.empty() || charset.size() > 40 ||
        charset.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.:") !=
            std::string::npos) {
        return std::nullopt;
    }
    iconv_t cd = iconv_open("UTF-8", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    std::array<char, 4096> buffer{};
    auto* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
        char* dest = buffer.data();
        std::size_t dest_left = buffer.size();
        const std::size_t rc = iconv(cd, &in, &in_left, &dest, &dest_left);
        out.append(buffer.data(), buffer.size() - dest_left);
        if (rc != static_cast<std::size_t>(-1)) {
            continue;
        }
        if (errno == E2BIG) {
            continue;
        }
        // EILSEQ (a byte not valid in the charset) or EINVAL (cut short at the end): mark it
        // and go on with the next byte.
        out += k_replacement;
        ++in;
        --in_left;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    char* dest = buffer.data();
    std::size_t dest_left = buffer.size();
    iconv(cd, nullptr, nullptr, &dest, &dest_left); // flush stateful encodings
    out.append(buffer.data(), buffer.size() - dest_left);
    iconv_close(cd);
    return util::repair_utf8(out);
}

} // namespace

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset_name) {
    const std::string charset = util::to_lower(util::trim(charset_name));
    if (charset == "utf-8" || charset == "utf8") {
        return util::repair_utf8(bytes);
    }
    if (charset.empty() || charset == "us-ascii" || charset == "ascii") {
        if (util::is_valid_utf8(bytes)) {
            return std::string(bytes);
        }
        return convert_with_iconv(bytes, "windows-1252");
    }
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "iso8859-1") {
        // Mailers label Windows-1252 text (curly quotes, the euro sign) as ISO-8859-1; the C1
        // controls ISO-8859-1 would give for those bytes are never meant.
        return convert_with_iconv(bytes, "windows-1252");
    }
    return convert_with_iconv(bytes, charset);
}

} // namespace bb::mail::detail
