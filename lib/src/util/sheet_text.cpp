#include "bounceback/util/sheet_text.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace bb::util {

namespace {

/// U+FFFD, written for what cannot be decoded.
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

/// windows-1252's characters for 0x80 to 0x9F (0: unused); from 0xA0 on it is Latin-1.
constexpr std::array<std::uint16_t, 32> k_cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

std::string from_windows_1252(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out += c;
        } else if (b < 0xA0) {
            const std::uint16_t cp = k_cp1252_high[b - 0x80];
            if (cp == 0) {
                out += k_replacement;
            } else {
                append_utf8(out, cp);
            }
        } else {
            append_utf8(out, b);
        }
    }
    return out;
}

std::string from_utf16(std::string_view bytes, bool little_endian) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t i) -> char32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little_endian ? (a | (b << 8)) : ((a << 8) | b);
    };
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        const char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            out += k_replacement;
        } else {
            append_utf8(out, u);
        }
    }
    if (i < bytes.size()) {
        out += k_replacement; // an odd byte at the end
    }
    return out;
}

/// How many times `separator` occurs outside quotes on each of the first lines of `text` (at
/// most `max_lines`); a quoted field may span lines.
std::vector<std::size_t> counts_per_line(std::string_view text, char separator,
                                         std::size_t max_lines) {
    std::vector<std::size_t> counts(1, 0);
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == separator) {
            ++counts.back();
        } else if (!quoted && c == '\n') {
            if (counts.size() == max_lines) {
                return counts;
            }
            counts.push_back(0);
        }
    }
    return counts;
}

} // namespace

DecodedText decode_sheet_text(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
        return {is_valid_utf8(bytes) ? std::string(bytes) : repair_utf8(bytes),
                TextEncoding::utf8_bom};
    }
    if (bytes.starts_with("\xFF\xFE")) {
        return {from_utf16(bytes.substr(2), true), TextEncoding::utf16le};
    }
    if (bytes.starts_with("\xFE\xFF")) {
        return {from_utf16(bytes.substr(2), false), TextEncoding::utf16be};
    }
    if (is_valid_utf8(bytes)) {
        return {std::string(bytes), TextEncoding::utf8};
    }
    return {from_windows_1252(bytes), TextEncoding::windows_1252};
}

std::string_view encoding_name(TextEncoding encoding) {
    switch (encoding) {
    case TextEncoding::utf8:
        return "UTF-8";
    case TextEncoding::utf8_bom:
        return "UTF-8 with a byte order mark";
    case TextEncoding::utf16le:
    case TextEncoding::utf16be:
        return "UTF-16";
    case TextEncoding::windows_1252:
        break;
    }
    return "windows-1252 (ISO-8859-1)";
}

std::string_view strip_separator_hint(std::string_view text) {
    if (text.size() >= 5 && to_lower(text.substr(0, 4)) == "sep=") {
        const auto end = text.find('\n');
        return end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return text;
}

char sniff_separator(std::string_view text) {
    if (text.size() >= 5 && to_lower(text.substr(0, 4)) == "sep=" &&
        (text[4] == ',' || text[4] == ';' || text[4] == '\t')) {
        return text[4];
    }
    constexpr std::size_t k_lines = 50;
    char best = ',';
    std::size_t best_agree = 0;
    std::size_t best_header = 0;
    for (char candidate : {'\t', ';', ','}) {
        const auto counts = counts_per_line(text, candidate, k_lines);
        const std::size_t header = counts.front();
        if (header == 0) {
            continue;
        }
        std::size_t agree = 0;
        for (std::size_t i = 1; i < counts.size(); ++i) {
            agree += counts[i] == header ? 1 : 0;
        }
        if (best_header == 0 || agree > best_agree ||
            (agree == best_agree && header > best_header)) {
            best = candidate;
            best_agree = agree;
            best_header = header;
        }
    }
    return best;
}

std::string_view separator_name(char separator) {
    switch (separator) {
    case ';':
        return "a semicolon";
    case '\t':
        return "a tab";
    default:
        return "a comma";
    }
}

std::optional<std::string> workbook_kind(std::string_view bytes) {
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return "an Excel 97-2003 workbook (.xls)";
    }
    if (!bytes.starts_with("PK\x03\x04")) {
        return std::nullopt;
    }
    // An OpenDocument file stores its "mimetype" entry first and uncompressed; an Office Open
    // XML file names its parts ("[Content_Types].xml", "xl/…") in the local headers.
    const std::string_view head = bytes.substr(0, 64 * 1024);
    if (head.find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos) {
        return "an OpenDocument spreadsheet (.ods)";
    }
    if (head.find("xl/") != std::string_view::npos) {
        return "an Excel workbook (.xlsx)";
    }
    if (head.find("Index/") != std::string_view::npos ||
        head.find(".iwa") != std::string_view::npos) {
        return "a Numbers document";
    }
    return "a ZIP archive";
}

} // namespace bb::util
