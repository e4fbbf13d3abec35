#include "bounceback/mail/encode.hpp"

#include "bounceback/mail/transfer_encoding.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <cstdio>

namespace bb::mail {

namespace {

constexpr std::size_t k_max_line = 78;
constexpr std::size_t k_max_encoded_word = 75;
constexpr std::string_view k_word_open = "=?utf-8?b?";
constexpr std::string_view k_word_close = "?=";

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

/// The longest run of input bytes whose encoded word (`=?utf-8?b?…?=`) fits `max_chars`.
std::size_t bytes_for(std::size_t max_chars) {
    const std::size_t overhead = k_word_open.size() + k_word_close.size();
    return max_chars > overhead + 4 ? (max_chars - overhead) / 4 * 3 : 3;
}

/// `text` as encoded words, never splitting a UTF-8 sequence: the first fits in `first_chars`,
/// the others in 75 (RFC 2047 section 2).
std::vector<std::string> encoded_words(std::string_view text, std::size_t first_chars) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t max_bytes = bytes_for(words.empty() ? first_chars : k_max_encoded_word);
        std::size_t end = start;
        while (end < text.size()) {
            const std::size_t next = end + sequence_length(static_cast<unsigned char>(text[end]));
            if (next - start > max_bytes && end > start) {
                break;
            }
            end = std::min(next, text.size());
        }
        words.push_back(std::string(k_word_open) + base64_encode(text.substr(start, end - start)) +
                        std::string(k_word_close));
        start = end;
    }
    return words;
}

/// The longest line a piece may end: 76 octets for a line with an encoded word (RFC 2047),
/// 78 for plain text (RFC 5322).
std::size_t line_limit(std::string_view piece) {
    return piece.starts_with(k_word_open) ? 76 : k_max_line;
}

/// Joins `pieces` with spaces, folding (CRLF + space) before a piece that would pass its line
/// limit, the first one included when the header name leaves no room for it.
std::string fold(const std::vector<std::string>& pieces, std::size_t used) {
    std::string out;
    std::size_t line = used;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::size_t size = pieces[i].size();
        const std::size_t gap = i > 0 ? 1 : 0;
        if (line + gap + size > line_limit(pieces[i]) && line > 1) {
            out += "\r\n ";
            line = 1;
        } else if (gap != 0) {
            out += ' ';
            ++line;
        }
        out += pieces[i];
        line += size;
    }
    return out;
}

/// ASCII `text` folded at its own white space (CRLF inserted before a space or tab) so lines
/// stay within 78 octets where possible; unfolding gives back `text` exactly.
std::string fold_ascii(std::string_view text, std::size_t used) {
    std::string out;
    std::size_t line = used;
    std::size_t pos = 0;
    while (pos < text.size()) {
        // A token: the white space before a word, then the word.
        std::size_t end = pos;
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
            ++end;
        }
        while (end < text.size() && text[end] != ' ' && text[end] != '\t') {
            ++end;
        }
        const std::string_view token = text.substr(pos, end - pos);
        if ((token.front() == ' ' || token.front() == '\t') && line + token.size() > k_max_line &&
            line > 1) {
            out += "\r\n";
            line = 0;
        }
        out += token;
        line += token.size();
        pos = end;
    }
    return out;
}

bool is_atext_phrase(std::string_view name) {
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') ||
                        std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// `text` as an RFC 5322 quoted-string.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

/// True when `text` holds "=?", which a mail reader may take for the start of an encoded word
/// and decode: such text is encoded too, so it reads as written (RFC 2047 section 5).
bool looks_encoded(std::string_view text) {
    return text.find("=?") != std::string_view::npos;
}

/// Words longer than this go out as encoded words, which fold, so that no header line passes
/// the 998 octets RFC 5322 allows (section 2.1.1).
constexpr std::size_t k_max_plain_word = 900;

/// True when ASCII `text` can be written as it is: nothing a reader would decode, and no word
/// too long for a line.
bool plain_ascii(std::string_view text) {
    std::size_t word = 0;
    for (char c : text) {
        word = c == ' ' || c == '\t' ? 0 : word + 1;
        if (word > k_max_plain_word) {
            return false;
        }
    }
    return is_ascii(text) && !looks_encoded(text);
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
    if (plain_ascii(text)) {
        return fold_ascii(text, used);
    }
    // Each encoded word on its own line; the white space between them is not part of the text.
    return fold(encoded_words(text, used + 1 < 76 ? 76 - used : k_max_encoded_word), used);
}

std::string encode_mailbox(std::string_view name, std::string_view addr, std::size_t used) {
    if (name.empty()) {
        return std::string(addr);
    }
    std::vector<std::string> pieces;
    if (plain_ascii(name) && (is_atext_phrase(name) || quoted(name).size() <= k_max_plain_word)) {
        pieces = is_atext_phrase(name) ? util::split_words(name)
                                       : std::vector<std::string>{quoted(name)};
    } else {
        // A run of words holding non-ASCII (with the spaces between them) becomes encoded words;
        // ASCII words around it stay readable. Python keeps a space where a long run is split
        // into several encoded words, so runs are kept whole up to 45 bytes.
        std::string run;
        auto flush = [&] {
            for (auto& w : encoded_words(run, k_max_encoded_word)) {
                pieces.push_back(std::move(w));
            }
            run.clear();
        };
        for (const auto& word : util::split_words(name)) {
            if (plain_ascii(word)) {
                flush();
                pieces.push_back(is_atext_phrase(word) ? word : quoted(word));
            } else {
                run += (run.empty() ? "" : " ") + word;
            }
        }
        flush();
    }
    pieces.push_back("<" + std::string(addr) + ">");
    return fold(pieces, used);
}

std::string display_name(std::string_view name) {
    for (char c : name) {
        const bool utf8 = static_cast<unsigned char>(c) >= 0x80;
        if (!utf8 && !is_atext_phrase(std::string_view(&c, 1))) {
            return quoted(name);
        }
    }
    return std::string(name);
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
        // A CR left in a line is not part of a CRLF; neither it nor NUL may appear in 7bit.
        if (line.size() > 998 ||
            line.find_first_of(std::string_view("\r\0", 2)) != std::string::npos) {
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
    static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> k_months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char zone[8];
    std::strftime(zone, sizeof zone, "%z", &local);
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d %s",
                  k_days[local.tm_wday], local.tm_mday, k_months[local.tm_mon],
                  local.tm_year + 1900, local.tm_hour, local.tm_min, local.tm_sec, zone);
    return buffer;
}

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
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
