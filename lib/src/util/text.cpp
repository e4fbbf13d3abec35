#include "bounceback/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <cstdlib>
#include <utf8proc.h>

namespace bb::util {

namespace {
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
} // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

int to_int(std::string_view digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// `text` mapped by utf8proc with `options`; to_lower(text) when it is ASCII (what case folding
/// does to ASCII, without utf8proc's cost) or not valid UTF-8.
std::string map_utf8(std::string_view text, int options) {
    if (is_ascii(text)) {
        return to_lower(text);
    }
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(options));
    if (n < 0) {
        return to_lower(text);
    }
    std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    return out;
}

} // namespace

std::string fold_case(std::string_view text) {
    return map_utf8(text, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
}

std::string fold_case_and_accents(std::string_view text) {
    return map_utf8(text, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                              UTF8PROC_STABLE);
}

bool is_word_code_point(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

bool is_space_code_point(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string fold_key(std::string_view text) {
    const std::string folded = fold_case_and_accents(text);
    std::string out;
    out.reserve(folded.size());
    for (char c : folded) {
        const bool space = c == '_' || c == '-' || c == '.' || is_space(c);
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) {
            ++i;
        }
        std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) {
            ++i;
        }
        if (i > start) {
            words.emplace_back(text.substr(start, i - start));
        }
    }
    return words;
}

std::vector<std::string> split_at(std::string_view text, char separator) {
    std::vector<std::string> pieces;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        pieces.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return pieces;
        }
        start = end + 1;
    }
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.emplace_back(line);
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string one_line(std::string_view text) {
    const auto lines = split_lines(text);
    if (lines.empty()) {
        return {};
    }
    return lines.size() > 1 ? lines.front() + " …" : lines.front();
}

bool is_valid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto remaining = static_cast<utf8proc_ssize_t>(text.size());
    while (remaining > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(bytes, remaining, &cp);
        if (n <= 0 || cp < 0) {
            return false;
        }
        bytes += n;
        remaining -= n;
    }
    return true;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto remaining = static_cast<utf8proc_ssize_t>(text.size());
    std::size_t offset = 0;
    while (remaining > 0) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(bytes + offset, remaining, &cp);
        if (n <= 0 || cp < 0) {
            out += "\xef\xbf\xbd"; // U+FFFD for this byte; go on with the next
            ++offset;
            --remaining;
            continue;
        }
        out.append(text.substr(offset, static_cast<std::size_t>(n)));
        offset += static_cast<std::size_t>(n);
        remaining -= n;
    }
    return out;
}

bool is_control_code_point(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
           cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

/// The code point that starts at byte `at` of `text` into `*cp`, and how many bytes it takes;
/// 0 when the bytes there are not UTF-8.
std::size_t code_point_at(std::string_view text, std::size_t at, char32_t* cp) {
    utf8proc_int32_t value = 0;
    const utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                         static_cast<utf8proc_ssize_t>(text.size() - at), &value);
    if (n <= 0 || value < 0) {
        return 0;
    }
    *cp = static_cast<char32_t>(value);
    return static_cast<std::size_t>(n);
}

} // namespace

std::optional<char32_t> find_control_char(std::string_view text, bool allow_newline,
                                          bool allow_tab) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) { // ASCII, nearly all text: no decoding
            if ((byte < 0x20 || byte == 0x7f) && !(byte == '\n' && allow_newline) &&
                !(byte == '\t' && allow_tab)) {
                return byte;
            }
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t n = code_point_at(text, i, &cp);
        if (n == 0) {
            ++i;
            continue;
        }
        if (is_control_code_point(cp)) {
            return cp;
        }
        i += n;
    }
    return std::nullopt;
}

bool has_control_chars(std::string_view text, bool allow_newline, bool allow_tab) {
    return find_control_char(text, allow_newline, allow_tab).has_value();
}

std::string escape_controls(std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto escape = [&](char32_t value, bool code_point) {
        out += code_point ? "\\u" : "\\x";
        for (int shift = code_point ? 12 : 4; shift >= 0; shift -= 4) {
            out += k_hex[(value >> shift) & 0xf];
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        // A run of printable ASCII, nearly all text, is copied at once.
        std::size_t end = i;
        while (end < text.size()) {
            const auto c = static_cast<unsigned char>(text[end]);
            if ((c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f) {
                break;
            }
            ++end;
        }
        out.append(text.substr(i, end - i));
        i = end;
        if (i == text.size()) {
            break;
        }
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            escape(byte, false); // a control character (the run stopped at it) or DEL
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t n = code_point_at(text, i, &cp);
        if (n == 0) {
            escape(byte, false); // not UTF-8: on a Latin-1 terminal 0x9b would be ESC [
            ++i;
        } else if (is_control_code_point(cp)) {
            escape(cp, true);
            i += n;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

namespace {
// Calls `visit(codepoint_bytes, columns)` for each code point of valid UTF-8 `text`.
template <typename Visit> void for_each_codepoint(std::string_view text, Visit visit) {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto remaining = static_cast<utf8proc_ssize_t>(text.size());
    std::size_t offset = 0;
    while (remaining > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(bytes + offset, remaining, &cp);
        if (n <= 0) {
            n = 1; // invalid byte: count it as one column so widths stay defined
            cp = 0xFFFD;
        }
        int width = utf8proc_charwidth(cp);
        if (!visit(text.substr(offset, static_cast<std::size_t>(n)),
                   static_cast<std::size_t>(std::max(width, 0)))) {
            return;
        }
        offset += static_cast<std::size_t>(n);
        remaining -= n;
    }
}
} // namespace

std::size_t display_width(std::string_view text) {
    std::size_t total = 0;
    for_each_codepoint(text, [&](std::string_view, std::size_t columns) {
        total += columns;
        return true;
    });
    return total;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) {
        return std::string(text);
    }
    if (width == 0) {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    for_each_codepoint(text, [&](std::string_view piece, std::size_t columns) {
        if (used + columns > width - 1) {
            return false;
        }
        out += piece;
        used += columns;
        return true;
    });
    return out + "…";
}

std::string pad_to_width(std::string_view text, std::size_t width) {
    std::string out(text);
    std::size_t used = display_width(text);
    if (used < width) {
        out.append(width - used, ' ');
    }
    return out;
}

namespace {

/// True for a plain number: an optional sign, digits, and an optional fraction.
bool is_plain_number(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    const auto digits = [](std::string_view part) {
        return !part.empty() && std::all_of(part.begin(), part.end(),
                                            [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto dot = text.find('.');
    return digits(text.substr(0, dot)) &&
           (dot == std::string_view::npos || digits(text.substr(dot + 1)));
}

/// True for text that a spreadsheet program would take as a formula at the start of a cell,
/// apostrophes before it aside (so that text already starting with them is marked too, and
/// csv_field_text can tell the mark from the text).
bool reads_as_formula(std::string_view text) {
    const auto start = text.find_first_not_of('\'');
    if (start == std::string_view::npos) {
        return false;
    }
    const std::string_view rest = text.substr(start);
    return std::string_view("=+-@\t\r").find(rest.front()) != std::string_view::npos &&
           !is_plain_number(rest);
}

} // namespace

std::string random_word(std::size_t length) {
    static constexpr char k_chars[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device device;
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i) {
        out += k_chars[device() % (sizeof k_chars - 1)];
    }
    return out;
}

std::string csv_field(std::string_view text) {
    std::string marked;
    if (reads_as_formula(text)) {
        marked = "'" + std::string(text);
        text = marked;
    }
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string_view csv_field_text(std::string_view value) {
    if (value.starts_with('\'') && reads_as_formula(value)) {
        value.remove_prefix(1);
    }
    return value;
}

bool parse_csv(std::string_view text, std::vector<CsvRow>* rows, std::string* err, char separator) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::size_t line = 1;
    std::size_t i = 0;
    std::size_t fields = 0;
    auto fail = [&](std::size_t at_line, const std::string& what) {
        *err = "line " + std::to_string(at_line) + ": " + what;
        return false;
    };
    while (i < text.size()) {
        CsvRow row;
        row.line = line;
        std::string field;
        bool end_of_row = false;
        while (!end_of_row) {
            field.clear();
            if (i < text.size() && text[i] == '"') {
                const std::size_t opened_on = line;
                ++i;
                while (true) {
                    if (i >= text.size()) {
                        return fail(opened_on, "a quoted field is never closed (a \" is missing)");
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    line += text[i] == '\n' ? 1 : 0;
                    field += text[i++];
                }
                if (i < text.size() && text[i] != separator && text[i] != '\n' &&
                    !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
                    return fail(line, "text after the closing quote of a field (write a quote "
                                      "inside a quoted field as \"\")");
                }
            } else {
                while (i < text.size() && text[i] != separator && text[i] != '\n' &&
                       !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
                    if (text[i] == '"') {
                        return fail(line, "a quote inside a field that does not start with one "
                                          "(quote the whole field and double the quote)");
                    }
                    field += text[i++];
                }
            }
            row.fields.push_back(field);
            if (row.fields.size() > k_max_csv_row_fields) {
                return fail(row.line, "more than " + std::to_string(k_max_csv_row_fields) +
                                          " fields in one row; is it really a sheet of records?");
            }
            if (++fields > k_max_csv_fields) {
                return fail(row.line, "more than " + std::to_string(k_max_csv_fields) +
                                          " fields in the file, more than bounceback reads");
            }
            if (i < text.size() && text[i] == separator) {
                ++i;
                continue;
            }
            end_of_row = true;
            i += i < text.size() && text[i] == '\r' ? 2 : (i < text.size() ? 1 : 0);
            ++line;
        }
        if (!(row.fields.size() == 1 && row.fields[0].empty())) {
            rows->push_back(std::move(row));
        }
    }
    return true;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: insertions, deletions, substitutions and swaps of two
    // neighbours ("lsit" -> "list") each cost 1, as typos do.
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        if (!word.empty() && candidate.starts_with(word)) {
            return candidate;
        }
        std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::vector<std::string> render_table(const std::vector<std::vector<std::string>>& rows,
                                      std::size_t max_cell_width) {
    std::vector<std::size_t> widths;
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : rows) {
        auto& out = cells.emplace_back();
        for (std::size_t c = 0; c < row.size(); ++c) {
            out.push_back(truncate_to_width(row[c], max_cell_width));
            if (widths.size() <= c) {
                widths.push_back(0);
            }
            widths[c] = std::max(widths[c], display_width(out.back()));
        }
    }
    std::vector<std::string> lines;
    for (const auto& row : cells) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += c + 1 < row.size() ? pad_to_width(row[c], widths[c]) + "  " : row[c];
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

bool is_simple_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += items[i];
    }
    return out;
}

std::string and_list(const std::vector<std::string>& items) {
    if (items.size() <= 1) {
        return items.empty() ? "" : items.front();
    }
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return join(head, ", ") + " and " + items.back();
}

std::string format_number(double value) {
    char buf[32];
    if (value == std::floor(value)) {
        std::snprintf(buf, sizeof buf, "%.0f", value);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f", value);
    }
    return buf;
}

} // namespace bb::util
