#include "bounceback/mail/encode.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <cstdio>

namespace bb::mail {

namespace {

constexpr std::size_t k_max_line = 78;
constexpr std::size_t k_max_encoded_word = 75;
constexpr std::string_view k_word_open = "=?utf-8?b?";
constexpr std::string_view k_word_close = "?=";

std::string base64(std::string_view bytes) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += k_alphabet[(n >> 6) & 63];
        out += k_alphabet[n & 63];
    }
    if (i + 1 == bytes.size()) {
        const auto n = static_cast<unsigned char>(bytes[i]) << 16;
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += k_alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

/// The length of the UTF-8 sequence starting with `lead`.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if ((lead >> 5) == 0x6) {
        return 2;
    }
    if ((lead >> 4) == 0xe) {
        return 3;
    }
    return (lead >> 3) == 0x1e ? 4 : 1;
}

/// `text` as encoded words, each at most 75 characters, split between whole UTF-8 sequences.
std::vector<std::string> encoded_words(std::string_view text) {
    // 75 - len("=?utf-8?b?") - len("?=") = 63 base64 characters: 45 bytes of input at most.
    constexpr std::size_t k_max_bytes =
        (k_max_encoded_word - k_word_open.size() - k_word_close.size()) / 4 * 3;
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size()) {
            const std::size_t next = end + sequence_length(static_cast<unsigned char>(text[end]));
            if (next - start > k_max_bytes) {
                break;
            }
            end = std::min(next, text.size());
        }
        words.push_back(std::string(k_word_open) + base64(text.substr(start, end - start)) +
                        std::string(k_word_close));
        start = end;
    }
    return words;
}

/// Joins `pieces` with spaces, folding (CRLF + space) before a piece that would pass 78 octets.
std::string fold(const std::vector<std::string>& pieces, std::size_t used) {
    std::string out;
    std::size_t line = used;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i > 0) {
            if (line + 1 + pieces[i].size() > k_max_line) {
                out += "\r\n ";
                line = 1;
            } else {
                out += ' ';
                ++line;
            }
        }
        out += pieces[i];
        line += pieces[i].size();
    }
    return out;
}

bool is_atext_phrase(std::string_view name) {
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

bool is_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

std::string encode_unstructured(std::string_view text, std::size_t used) {
    if (is_ascii(text)) {
        return fold(util::split_words(text), used);
    }
    return fold(encoded_words(text), used);
}

std::string encode_mailbox(std::string_view name, std::string_view addr, std::size_t used) {
    if (name.empty()) {
        return std::string(addr);
    }
    std::vector<std::string> pieces;
    if (!is_ascii(name)) {
        pieces = encoded_words(name);
    } else if (is_atext_phrase(name)) {
        pieces = util::split_words(name);
    } else {
        std::string quoted = "\"";
        for (char c : name) {
            if (c == '"' || c == '\\') {
                quoted += '\\';
            }
            quoted += c;
        }
        pieces.push_back(quoted + "\"");
    }
    pieces.push_back("<" + std::string(addr) + ">");
    return fold(pieces, used);
}

std::string quoted_printable(std::string_view body) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (const auto& line : util::split_lines(body)) {
        std::string encoded;
        std::size_t column = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool last = i + 1 == line.size();
            // Trailing white space must be encoded, or transports may strip it.
            const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
            std::string piece = literal ? std::string(1, static_cast<char>(c))
                                        : std::string{'=', k_hex[c >> 4], k_hex[c & 15]};
            // Keep every line within 76 octets, counting the soft break's '='.
            if (column + piece.size() > 75) {
                encoded += "=\r\n";
                column = 0;
            }
            encoded += piece;
            column += piece.size();
        }
        out += encoded + "\r\n";
    }
    return out;
}

std::string crlf_lines(std::string_view body) {
    std::string out;
    for (const auto& line : util::split_lines(body)) {
        out += line + "\r\n";
    }
    return out;
}

bool fits_7bit(std::string_view body) {
    if (!is_ascii(body)) {
        return false;
    }
    for (const auto& line : util::split_lines(body)) {
        if (line.size() > 998) {
            return false;
        }
    }
    return true;
}

std::string rfc5322_date(std::time_t when) {
    std::tm local{};
    localtime_r(&when, &local);
    char buffer[64];
    // %z gives +hhmm; day and month names must be English whatever the locale, so spell them.
    static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char zone[8];
    std::strftime(zone, sizeof zone, "%z", &local);
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d %s", k_days[local.tm_wday],
                  local.tm_mday, k_months[local.tm_mon], local.tm_year + 1900, local.tm_hour,
                  local.tm_min, local.tm_sec, zone);
    return buffer;
}

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

} // namespace bb::mail
