#include "bounceback/mail/transfer_encoding.hpp"

#include "bounceback/util/text.hpp"

#include <cstdint>

namespace bb::mail {

namespace {

constexpr char k_base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_hex_digits[] = "0123456789ABCDEF";

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    return c == '/' ? 63 : -1;
}

/// The byte an `=XX` escape at `text[at]` stands for, or -1 when there is no escape there.
int escape_at(std::string_view text, std::size_t at) {
    if (text[at] != '=' || at + 2 >= text.size()) {
        return -1;
    }
    const int high = hex_value(text[at + 1]);
    const int low = hex_value(text[at + 2]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

} // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += k_base64_alphabet[(n >> 6) & 63];
        out += k_base64_alphabet[n & 63];
    }
    if (i + 1 == bytes.size()) {
        const auto n = static_cast<unsigned char>(bytes[i]) << 16;
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += k_base64_alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text, std::size_t* bad_at) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t bits = 0;
    int count = 0;
    bool padded = false;
    auto fail = [&](std::size_t at) -> std::optional<std::string> {
        if (bad_at != nullptr) {
            *bad_at = at;
        }
        return std::nullopt;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        if (c == '=') {
            padded = true;
            continue;
        }
        const int v = base64_value(c);
        if (v < 0 || padded) {
            return fail(i);
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        if (++count == 4) {
            out += static_cast<char>((bits >> 16) & 0xff);
            out += static_cast<char>((bits >> 8) & 0xff);
            out += static_cast<char>(bits & 0xff);
            bits = 0;
            count = 0;
        }
    }
    if (count == 1) {
        return fail(text.size());
    }
    if (count == 2) {
        out += static_cast<char>((bits >> 4) & 0xff);
    } else if (count == 3) {
        out += static_cast<char>((bits >> 10) & 0xff);
        out += static_cast<char>((bits >> 2) & 0xff);
    }
    return out;
}

std::string quoted_printable(std::string_view body) {
    std::string out;
    for (const auto& line : util::split_lines(body)) {
        std::string encoded;
        std::size_t column = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool last = i + 1 == line.size();
            // Trailing white space must be encoded, or transports may strip it.
            const bool literal =
                (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
            std::string piece = literal
                                    ? std::string(1, static_cast<char>(c))
                                    : std::string{'=', k_hex_digits[c >> 4], k_hex_digits[c & 15]};
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

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const auto& line : util::split_lines(text)) {
        std::string_view rest = line;
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) {
            rest.remove_suffix(1); // trailing white space was added in transport
        }
        bool soft_break = false;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            if (rest[i] != '=') {
                out += rest[i];
            } else if (i + 1 == rest.size()) {
                soft_break = true;
            } else if (const int byte = escape_at(rest, i); byte >= 0) {
                out += static_cast<char>(byte);
                i += 2;
            } else {
                out += '=';
            }
        }
        if (!soft_break) {
            out += '\n';
        }
    }
    return out;
}

std::string decode_q_encoding(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            out += ' ';
        } else if (const int byte = escape_at(text, i); byte >= 0) {
            out += static_cast<char>(byte);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace bb::mail
