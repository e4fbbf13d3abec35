#include "bounceback/mail/inbound.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <iconv.h>
#include <map>
#include <tuple>

namespace bb::mail {

namespace {

constexpr std::size_t k_max_header_bytes = 256u << 10;     // per header section
constexpr std::size_t k_max_header_fields = 1000;          // per header section
constexpr int k_max_depth = 8;                             // multipart inside multipart …
constexpr std::size_t k_max_parts = 200;                   // in the whole message
constexpr std::string_view k_replacement = "\xef\xbf\xbd"; // U+FFFD

bool is_wsp(char c) {
    return c == ' ' || c == '\t';
}

/// `text` with ASCII letters lowered (for names, charsets, types).
std::string lower(std::string_view text) {
    return util::to_lower(text);
}

/// A short, printable excerpt of `text` for an error message (ASCII only, at most 40 bytes).
std::string excerpt(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 40)) {
        const auto u = static_cast<unsigned char>(c);
        out += u >= 0x20 && u < 0x7f ? c : '?';
    }
    return text.size() > 40 ? out + "…" : out;
}

// ---- charsets -------------------------------------------------------------------------------

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0) {
        out += k_replacement;
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

bool is_utf8_name(std::string_view charset) {
    return charset == "utf-8" || charset == "utf8";
}

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

/// `bytes` in `charset` (any case) as UTF-8; nullopt when the charset is unknown. Text declared
/// as ASCII (or not declared) is taken as UTF-8 when it is valid, else as Windows-1252, since
/// mail software often sends 8-bit text without saying so.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset_name) {
    const std::string charset = lower(util::trim(charset_name));
    if (is_utf8_name(charset)) {
        return util::repair_utf8(bytes);
    }
    if (charset.empty() || charset == "us-ascii" || charset == "ascii") {
        if (util::is_valid_utf8(bytes)) {
            return std::string(bytes);
        }
        return convert_with_iconv(bytes, "windows-1252");
    }
    return convert_with_iconv(bytes, charset);
}

/// `text` with C0 controls and DEL replaced by spaces (a header value is one line).
std::string without_controls(std::string text) {
    for (char& c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            c = ' ';
        }
    }
    return text;
}

// ---- transfer encodings ---------------------------------------------------------------------

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

/// Decodes base64 `text`, ignoring white space and line breaks. On a bad character or a cut
/// quantum, returns nullopt and sets `*bad_at` to its offset in `text`.
std::optional<std::string> decode_base64(std::string_view text, std::size_t* bad_at) {
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    bool padded = false;
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
            *bad_at = i;
            return std::nullopt;
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
        *bad_at = text.size();
        return std::nullopt;
    }
    if (count == 2) {
        out += static_cast<char>((bits >> 4) & 0xff);
    } else if (count == 3) {
        out += static_cast<char>((bits >> 10) & 0xff);
        out += static_cast<char>((bits >> 2) & 0xff);
    }
    return out;
}

/// Decodes quoted-printable `text` (RFC 2045 section 6.7). An `=` that starts no escape is kept
/// as written, as the RFC recommends.
std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const auto& line : util::split_lines(text)) {
        std::string_view rest = line;
        while (!rest.empty() && is_wsp(rest.back())) {
            rest.remove_suffix(1); // trailing white space was added in transport
        }
        bool soft_break = false;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            if (rest[i] != '=') {
                out += rest[i];
            } else if (i + 1 == rest.size()) {
                soft_break = true;
            } else if (i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 &&
                       hex_value(rest[i + 2]) >= 0) {
                out += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
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

// ---- RFC 2047 encoded words -----------------------------------------------------------------

/// Decodes one encoded word's text (`B` or `Q`); nullopt when it is not valid.
std::optional<std::string> decode_word_text(char encoding, std::string_view text) {
    if (encoding == 'b' || encoding == 'B') {
        std::size_t bad = 0;
        return decode_base64(text, &bad);
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            out += ' ';
        } else if (text[i] == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// Tries to read an encoded word at the start of `text`: `=?charset?e?text?=`. Returns its
/// decoded UTF-8 and sets `*length`; nullopt when there is none (or its charset is unknown, in
/// which case it stays as written, as RFC 2047 section 6.2 allows).
std::optional<std::string> encoded_word_at(std::string_view text, std::size_t* length) {
    if (!text.starts_with("=?")) {
        return std::nullopt;
    }
    // Encoded words are short (75 characters by RFC 2047; some mailers write longer ones): a
    // bound keeps a header full of "=?" linear.
    text = text.substr(0, 1024);
    const auto q1 = text.find('?', 2);
    if (q1 == std::string_view::npos || q1 + 2 >= text.size() || text[q1 + 2] != '?') {
        return std::nullopt;
    }
    const char encoding = text[q1 + 1];
    if (std::string_view("bBqQ").find(encoding) == std::string_view::npos) {
        return std::nullopt;
    }
    const auto end = text.find("?=", q1 + 3);
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view payload = text.substr(q1 + 3, end - q1 - 3);
    if (payload.find_first_of(" \t") != std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view charset = text.substr(2, q1 - 2);
    charset = charset.substr(0, charset.find('*')); // RFC 2231 language suffix
    auto bytes = decode_word_text(encoding, payload);
    if (!bytes) {
        return std::nullopt;
    }
    auto utf8 = to_utf8(*bytes, charset);
    if (!utf8) {
        return std::nullopt;
    }
    *length = end + 2;
    return utf8;
}

/// Decodes the encoded words in header `value` (already valid UTF-8); white space between two
/// adjacent encoded words is dropped, as RFC 2047 says.
std::string decode_encoded_words(std::string_view value) {
    std::string out;
    std::size_t pending_space_start = std::string::npos; // white space after an encoded word
    bool after_word = false;
    std::size_t i = 0;
    while (i < value.size()) {
        std::size_t length = 0;
        if (value[i] == '=' && value.substr(i).starts_with("=?")) {
            if (auto word = encoded_word_at(value.substr(i), &length)) {
                if (after_word && pending_space_start != std::string::npos) {
                    out.erase(pending_space_start);
                }
                out += *word;
                i += length;
                after_word = true;
                pending_space_start = std::string::npos;
                continue;
            }
        }
        if (is_wsp(value[i])) {
            if (after_word && pending_space_start == std::string::npos) {
                pending_space_start = out.size();
            }
        } else {
            after_word = false;
            pending_space_start = std::string::npos;
        }
        out += value[i];
        ++i;
    }
    return out;
}

/// A raw header value as UTF-8 text: 8-bit bytes that are not UTF-8 are read as Windows-1252,
/// encoded words are decoded, controls become spaces, and the ends are trimmed.
std::string decode_header_text(std::string_view raw) {
    std::string text = util::is_valid_utf8(raw)
                           ? std::string(raw)
                           : to_utf8(raw, "windows-1252").value_or(util::repair_utf8(raw));
    return std::string(util::trim(without_controls(decode_encoded_words(text))));
}

// ---- structured headers ---------------------------------------------------------------------

/// A Content-Type: `type/subtype` lower-cased and its parameters (names lower-cased).
struct ContentType {
    std::string type = "text/plain";
    std::map<std::string, std::string> params;
};

/// Reads a token or quoted string at `value[*i]`, advancing `*i`.
std::string read_param_value(std::string_view value, std::size_t* i) {
    std::string out;
    if (*i < value.size() && value[*i] == '"') {
        ++*i;
        while (*i < value.size() && value[*i] != '"') {
            if (value[*i] == '\\' && *i + 1 < value.size()) {
                ++*i;
            }
            out += value[(*i)++];
        }
        if (*i < value.size()) {
            ++*i; // closing quote
        }
        return out;
    }
    while (*i < value.size() && value[*i] != ';' && !is_wsp(value[*i])) {
        out += value[(*i)++];
    }
    return out;
}

ContentType parse_content_type(std::string_view value) {
    ContentType ct;
    const std::string_view type = util::trim(value.substr(0, value.find(';')));
    if (type.find('/') != std::string_view::npos) {
        ct.type = lower(type);
    }
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i; // past ';'
        while (i < value.size() && is_wsp(value[i])) {
            ++i;
        }
        const auto eq = value.find('=', i);
        if (eq == std::string_view::npos) {
            break;
        }
        const std::string name = lower(util::trim(value.substr(i, eq - i)));
        i = eq + 1;
        while (i < value.size() && is_wsp(value[i])) {
            ++i;
        }
        std::string param = read_param_value(value, &i);
        ct.params.insert_or_assign(name, std::move(param));
        i = value.find(';', i);
    }
    return ct;
}

/// The first mailbox of an address header: name (quotes and comments removed) and address.
std::pair<std::string, std::string> first_mailbox(std::string_view value) {
    std::string name;
    std::string address;
    std::string comment;
    bool in_angle = false;
    bool seen_angle = false;
    int comment_depth = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (comment_depth > 0) {
            if (c == '(') {
                ++comment_depth;
            } else if (c == ')') {
                --comment_depth;
            } else {
                comment += c;
            }
        } else if (c == '"' && !in_angle) {
            for (++i; i < value.size() && value[i] != '"'; ++i) {
                if (value[i] == '\\' && i + 1 < value.size()) {
                    ++i;
                }
                name += value[i];
            }
        } else if (c == '(') {
            comment_depth = 1;
        } else if (c == '<' && !seen_angle) {
            in_angle = true;
            seen_angle = true;
        } else if (c == '>' && in_angle) {
            in_angle = false;
        } else if (c == ',' && !in_angle) {
            break;
        } else if (in_angle) {
            address += c;
        } else {
            name += c;
        }
    }
    if (!seen_angle) {
        // `jane@acme.example (Jane Doe)`: the text is the address, the comment the name.
        address = name;
        name = comment;
    }
    address = std::string(util::trim(address));
    const auto at = address.rfind('@');
    // Any byte up to space (a control character such as ESC, or white space) or DEL: not an
    // address, whatever else it holds.
    const bool controls = std::any_of(address.begin(), address.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
    });
    if (at == std::string::npos || at == 0 || at + 1 == address.size() || controls ||
        address.find_first_of("<>\"") != std::string::npos || !util::is_valid_utf8(address)) {
        address.clear();
    } else {
        address = address.substr(0, at + 1) + lower(address.substr(at + 1));
    }
    std::string decoded = decode_header_text(name);
    // Collapse the white space quotes and folding leave between words.
    return {util::join(util::split_words(decoded), " "), address};
}

std::string parse_message_id(std::string_view value) {
    auto open = value.find('<');
    auto close = value.find('>', open == std::string_view::npos ? 0 : open);
    std::string_view id = open != std::string_view::npos && close != std::string_view::npos
                              ? value.substr(open + 1, close - open - 1)
                              : util::trim(value);
    id = util::trim(id);
    for (char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            return {};
        }
    }
    return std::string(id);
}

// ---- entities and parts ---------------------------------------------------------------------

/// One MIME entity: its header fields (raw values, unfolded) and its body, a view into the
/// message so errors can name lines.
struct Entity {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;

    const std::string* header(std::string_view name) const {
        for (const auto& [n, v] : headers) {
            if (lower(n) == lower(name)) {
                return &v;
            }
        }
        return nullptr;
    }
};

class Parser {
  public:
    explicit Parser(std::string_view raw) : m_raw(raw) {}

    [[noreturn]] void fail(std::string_view at, const std::string& message) const {
        throw Error(ExitCode::data, "line " + std::to_string(line_of(at)) + ": " + message);
    }

    /// Splits `text` (a view into the message) into header fields and body.
    Entity read_entity(std::string_view text) const {
        Entity entity;
        std::size_t pos = 0;
        std::size_t header_bytes = 0;
        while (pos < text.size()) {
            const auto end = text.find('\n', pos);
            const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
            std::string_view line =
                text.substr(pos, (end == std::string_view::npos ? next : end) - pos);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            if (line.empty()) {
                entity.body = text.substr(next);
                return entity;
            }
            header_bytes += next - pos;
            if (header_bytes > k_max_header_bytes || entity.headers.size() >= k_max_header_fields) {
                fail(line, "the header section is larger than " +
                               std::to_string(k_max_header_bytes / 1024) + " KiB or " +
                               std::to_string(k_max_header_fields) +
                               " fields; this is not a message bounceback can read");
            }
            if (is_wsp(line.front())) {
                if (entity.headers.empty()) {
                    fail(line, "the message starts with a continuation line (white space before "
                               "the first header name)");
                }
                entity.headers.back().second += line;
            } else {
                const auto colon = line.find(':');
                std::string_view name =
                    colon == std::string_view::npos ? line : line.substr(0, colon);
                while (!name.empty() && is_wsp(name.back())) {
                    name.remove_suffix(1); // obsolete "Name :" form
                }
                const bool valid_name = colon != std::string_view::npos && !name.empty() &&
                                        std::all_of(name.begin(), name.end(), [](char c) {
                                            const auto u = static_cast<unsigned char>(c);
                                            return u > 0x20 && u < 0x7f;
                                        });
                if (!valid_name) {
                    fail(line, "'" + excerpt(line) +
                                   "' is not a header field (Name: value); is the blank line "
                                   "between the headers and the body missing?");
                }
                entity.headers.emplace_back(std::string(name), std::string(line.substr(colon + 1)));
            }
            pos = next;
        }
        entity.body = text.substr(text.size());
        return entity;
    }

    /// Collects the text parts under `entity` in reading order, following multiparts.
    void collect_text_parts(const Entity& entity, int depth, std::vector<Entity>* parts) {
        if (++m_part_count > k_max_parts) {
            fail(entity.body,
                 "the message has more than " + std::to_string(k_max_parts) + " MIME parts");
        }
        const std::string* ct_value = entity.header("Content-Type");
        const ContentType ct = parse_content_type(ct_value ? *ct_value : "");
        const std::string* disposition = entity.header("Content-Disposition");
        if (disposition && lower(util::trim(*disposition)).starts_with("attachment")) {
            return;
        }
        if (ct.type.starts_with("multipart/")) {
            if (depth >= k_max_depth) {
                fail(entity.body,
                     "multipart nested more than " + std::to_string(k_max_depth) + " deep");
            }
            auto boundary = ct.params.find("boundary");
            if (boundary == ct.params.end() || boundary->second.empty()) {
                fail(entity.body,
                     ct.type + " without a boundary parameter: its parts cannot be found");
            }
            for (std::string_view part : split_multipart(entity.body, boundary->second, ct.type)) {
                collect_text_parts(read_entity(part), depth + 1, parts);
            }
            return;
        }
        if (ct.type == "text/plain" || ct.type == "text/html") {
            parts->push_back(entity);
        }
    }

    /// The bodies between the delimiter lines of `boundary` in `body`.
    std::vector<std::string_view> split_multipart(std::string_view body,
                                                  const std::string& boundary,
                                                  const std::string& type) const {
        const std::string delimiter = "--" + boundary;
        std::vector<std::string_view> parts;
        std::size_t part_start = std::string_view::npos;
        std::size_t pos = 0;
        while (pos < body.size()) {
            const auto end = body.find('\n', pos);
            const std::size_t next = end == std::string_view::npos ? body.size() : end + 1;
            std::string_view line = body.substr(pos, next - pos);
            if (line.starts_with(delimiter)) {
                std::string_view rest = line.substr(delimiter.size());
                const bool closing = rest.starts_with("--");
                if (closing) {
                    rest.remove_prefix(2);
                }
                if (util::trim(rest).empty()) {
                    if (part_start != std::string_view::npos) {
                        // The line break before a delimiter belongs to the delimiter.
                        std::size_t part_end = pos;
                        if (part_end > part_start && body[part_end - 1] == '\n') {
                            --part_end;
                        }
                        if (part_end > part_start && body[part_end - 1] == '\r') {
                            --part_end;
                        }
                        parts.push_back(body.substr(part_start, part_end - part_start));
                    }
                    if (closing) {
                        return parts;
                    }
                    part_start = next;
                }
            }
            pos = next;
        }
        if (part_start == std::string_view::npos) {
            fail(body,
                 type + " body has no part marked by its boundary '" + excerpt(boundary) + "'");
        }
        fail(body.substr(body.size()), type + " ends without its closing boundary '--" +
                                           excerpt(boundary) + "--'; is the message cut short?");
    }

    /// The text of `part`, decoded to UTF-8 with LF line ends.
    std::string decode_text(const Entity& part) const {
        const std::string* cte_value = part.header("Content-Transfer-Encoding");
        const std::string cte = lower(util::trim(cte_value ? *cte_value : ""));
        std::string bytes;
        if (cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary") {
            bytes = std::string(part.body);
        } else if (cte == "quoted-printable") {
            bytes = decode_quoted_printable(part.body);
        } else if (cte == "base64") {
            std::size_t bad = 0;
            auto decoded = decode_base64(part.body, &bad);
            if (!decoded) {
                fail(part.body.substr(std::min(bad, part.body.size())),
                     "the base64 text is not valid (a character outside the alphabet, data after "
                     "the padding, or a cut final group)");
            }
            bytes = std::move(*decoded);
        } else {
            fail(part.body, "unknown Content-Transfer-Encoding '" + excerpt(cte) + "'");
        }
        const std::string* ct_value = part.header("Content-Type");
        const ContentType ct = parse_content_type(ct_value ? *ct_value : "");
        const auto charset = ct.params.find("charset");
        const std::string charset_name = charset == ct.params.end() ? "" : charset->second;
        auto text = to_utf8(bytes, charset_name);
        if (!text) {
            fail(part.body, "the text is in charset '" + excerpt(charset_name) +
                                "', which this system cannot convert");
        }
        // One kind of line end, and no other control characters but tab.
        std::string out;
        out.reserve(text->size());
        for (std::size_t i = 0; i < text->size(); ++i) {
            const char c = (*text)[i];
            const auto u = static_cast<unsigned char>(c);
            if (c == '\r') {
                if (i + 1 < text->size() && (*text)[i + 1] == '\n') {
                    continue;
                }
                out += '\n';
            } else if (c == '\n' || c == '\t' || (u >= 0x20 && u != 0x7f)) {
                out += c;
            }
        }
        return out;
    }

  private:
    std::size_t line_of(std::string_view at) const {
        std::size_t offset = static_cast<std::size_t>(at.data() - m_raw.data());
        offset = std::min(offset, m_raw.size());
        return 1 + static_cast<std::size_t>(
                       std::count(m_raw.begin(), m_raw.begin() + static_cast<long>(offset), '\n'));
    }

    std::string_view m_raw;
    std::size_t m_part_count = 0;
};

} // namespace

const std::string* InboundMessage::header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (lower(n) == lower(name)) {
            return &v;
        }
    }
    return nullptr;
}

InboundMessage parse_inbound(std::string_view raw) {
    if (raw.size() > k_max_inbound_bytes) {
        throw Error(ExitCode::data, "line 1: the message is larger than " +
                                        std::to_string(k_max_inbound_bytes >> 20) +
                                        " MiB; is it really one email?");
    }
    Parser parser(raw);
    std::string_view text = raw;
    if (text.starts_with("From ")) {
        // The mbox envelope line procmail and maildrop pass along; not a header.
        const auto end = text.find('\n');
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        // In an mbox, a blank line and another `From ` line start the next message (lines of
        // text that begin so are written ">From "): read only the first.
        for (std::string_view separator : {"\n\nFrom ", "\n\r\nFrom "}) {
            if (const auto next = text.find(separator); next != std::string_view::npos) {
                text = text.substr(0, next + 1);
            }
        }
    }
    if (util::trim(text).empty()) {
        parser.fail(text, "the message is empty");
    }
    const Entity top = parser.read_entity(text);
    if (top.headers.empty()) {
        parser.fail(text, "the message has no header fields (From:, Subject: …)");
    }
    InboundMessage message;
    for (const auto& [name, value] : top.headers) {
        message.headers.emplace_back(name, decode_header_text(value));
    }
    if (const std::string* from = top.header("From")) {
        std::tie(message.from_name, message.from_address) = first_mailbox(*from);
    }
    if (const std::string* subject = message.header("Subject")) {
        message.subject = util::join(util::split_words(*subject), " ");
    }
    if (const std::string* date = message.header("Date")) {
        message.date = *date;
    }
    if (const std::string* id = top.header("Message-ID")) {
        message.message_id = parse_message_id(*id);
    }
    std::vector<Entity> parts;
    parser.collect_text_parts(top, 0, &parts);
    const Entity* chosen = nullptr;
    for (const auto& part : parts) {
        const std::string* ct = part.header("Content-Type");
        if (parse_content_type(ct ? *ct : "").type == "text/plain") {
            chosen = &part;
            break;
        }
    }
    if (chosen == nullptr && !parts.empty()) {
        chosen = &parts.front();
    }
    if (chosen != nullptr) {
        const std::string* ct = chosen->header("Content-Type");
        message.body_type = parse_content_type(ct ? *ct : "").type;
        message.body = parser.decode_text(*chosen);
        if (message.body_type == "text/html") {
            message.body = html_to_text(message.body);
        }
    }
    return message;
}

// ---- dates ----------------------------------------------------------------------------------

std::optional<std::time_t> parse_mail_date(std::string_view text) {
    // Drop a trailing comment such as "(UTC)" and the optional day name.
    std::string cleaned;
    int depth = 0;
    for (char c : text) {
        if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
        } else if (depth == 0) {
            cleaned += c == ',' ? ' ' : c;
        }
    }
    std::vector<std::string> words = util::split_words(cleaned);
    if (!words.empty() && words.front().size() >= 3 &&
        std::isalpha(static_cast<unsigned char>(words.front()[0])) != 0) {
        words.erase(words.begin()); // day name; the date itself says which day it is
    }
    if (words.size() < 4) {
        return std::nullopt;
    }
    auto number = [](std::string_view s, int* out) {
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
        return ec == std::errc() && p == s.data() + s.size() && !s.empty();
    };
    static constexpr std::array<std::string_view, 12> k_months = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    int day = 0;
    int year = 0;
    unsigned month = 0;
    if (!number(words[0], &day)) {
        return std::nullopt;
    }
    const std::string month_name = lower(words[1]).substr(0, 3);
    for (unsigned i = 0; i < k_months.size(); ++i) {
        if (month_name == k_months[i]) {
            month = i + 1;
        }
    }
    if (month == 0 || !number(words[2], &year)) {
        return std::nullopt;
    }
    if (words[2].size() == 2) {
        year += year < 50 ? 2000 : 1900;
    } else if (words[2].size() == 3) {
        year += 1900;
    }
    const auto hms = util::split_at(words[3], ':');
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (hms.size() < 2 || hms.size() > 3 || !number(hms[0], &hour) || !number(hms[1], &minute) ||
        (hms.size() == 3 && !number(hms[2], &second)) || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    int offset_minutes = 0;
    if (words.size() > 4) {
        const std::string zone = words[4];
        int hhmm = 0;
        if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5 &&
            number(zone.substr(1), &hhmm)) {
            offset_minutes = (hhmm / 100) * 60 + hhmm % 100;
            if (zone[0] == '-') {
                offset_minutes = -offset_minutes;
            }
        } else {
            static const std::map<std::string, int> k_zones = {
                {"ut", 0},        {"gmt", 0},       {"utc", 0},       {"z", 0},
                {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
                {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60}};
            auto found = k_zones.find(lower(zone));
            offset_minutes = found == k_zones.end() ? 0 : found->second; // unknown: -0000
        }
    }
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                             std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || year < 1900 || year > 9999) {
        return std::nullopt;
    }
    const auto since_epoch = sys_days{ymd}.time_since_epoch() + hours{hour} + minutes{minute} +
                             seconds{second} - minutes{offset_minutes};
    return static_cast<std::time_t>(duration_cast<seconds>(since_epoch).count());
}

// ---- HTML -----------------------------------------------------------------------------------

namespace {

const std::map<std::string_view, std::string_view>& named_entities() {
    static const std::map<std::string_view, std::string_view> k_entities = {
        {"amp", "&"},         {"lt", "<"},          {"gt", ">"},          {"quot", "\""},
        {"apos", "'"},        {"nbsp", " "},        {"ndash", "\u2013"},  {"mdash", "\u2014"},
        {"hellip", "\u2026"}, {"lsquo", "\u2018"},  {"rsquo", "\u2019"},  {"ldquo", "\u201c"},
        {"rdquo", "\u201d"},  {"laquo", "\u00ab"},  {"raquo", "\u00bb"},  {"bull", "\u2022"},
        {"middot", "\u00b7"}, {"copy", "\u00a9"},   {"reg", "\u00ae"},    {"trade", "\u2122"},
        {"euro", "\u20ac"},   {"shy", ""},          {"zwnj", ""},         {"zwj", ""},
        {"auml", "\u00e4"},   {"ouml", "\u00f6"},   {"uuml", "\u00fc"},   {"Auml", "\u00c4"},
        {"Ouml", "\u00d6"},   {"Uuml", "\u00dc"},   {"szlig", "\u00df"},  {"eacute", "\u00e9"},
        {"egrave", "\u00e8"}, {"ecirc", "\u00ea"},  {"euml", "\u00eb"},   {"aacute", "\u00e1"},
        {"agrave", "\u00e0"}, {"acirc", "\u00e2"},  {"iacute", "\u00ed"}, {"iuml", "\u00ef"},
        {"oacute", "\u00f3"}, {"ocirc", "\u00f4"},  {"uacute", "\u00fa"}, {"ntilde", "\u00f1"},
        {"ccedil", "\u00e7"}, {"Eacute", "\u00c9"}, {"oslash", "\u00f8"}, {"aring", "\u00e5"},
        {"aelig", "\u00e6"},
    };
    return k_entities;
}

bool is_block_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 17> k_blocks = {
        "br", "p",  "div", "li", "tr",    "h1", "h2",         "h3",     "h4",
        "h5", "h6", "ul",  "ol", "table", "hr", "blockquote", "section"};
    return std::find(k_blocks.begin(), k_blocks.end(), name) != k_blocks.end();
}

} // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    auto add_break = [&] {
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        out += '\n';
    };
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<') {
            if (html.substr(i).starts_with("<!--")) {
                const auto end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            std::size_t j = i + 1;
            const bool closing = j < html.size() && html[j] == '/';
            if (closing) {
                ++j;
            }
            std::string name;
            while (j < html.size() && std::isalnum(static_cast<unsigned char>(html[j])) != 0) {
                name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[j])));
                ++j;
            }
            // The end of the tag, skipping '>' inside quoted attribute values.
            char quote = 0;
            while (j < html.size() && (quote != 0 || html[j] != '>')) {
                if (quote != 0 && html[j] == quote) {
                    quote = 0;
                } else if (quote == 0 && (html[j] == '"' || html[j] == '\'')) {
                    quote = html[j];
                }
                ++j;
            }
            i = j < html.size() ? j + 1 : html.size();
            if (!closing &&
                (name == "style" || name == "script" || name == "head" || name == "title")) {
                // Skip to the matching end tag (case-insensitive).
                const std::string end_tag = "</" + name;
                std::size_t k = i;
                while (k < html.size() && lower(html.substr(k, end_tag.size())) != end_tag) {
                    k = html.find('<', k + 1);
                    if (k == std::string_view::npos) {
                        k = html.size();
                    }
                }
                const auto close = html.find('>', k);
                i = close == std::string_view::npos ? html.size() : close + 1;
            } else if (is_block_tag(name)) {
                add_break();
            } else if (name == "td" || name == "th") {
                out += ' ';
            }
            continue;
        }
        if (c == '&') {
            // An entity is short: look no further, so text full of '&' stays linear.
            const auto found = html.substr(i, 12).find(';');
            if (found != std::string_view::npos) {
                const std::size_t semi = i + found;
                const std::string_view entity = html.substr(i + 1, semi - i - 1);
                if (entity.starts_with("#")) {
                    const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
                    const std::string_view digits = entity.substr(hex ? 2 : 1);
                    std::uint32_t cp = 0;
                    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp,
                                                   hex ? 16 : 10);
                    if (ec == std::errc() && p == digits.data() + digits.size() &&
                        !digits.empty()) {
                        append_utf8(out, cp == 0xa0 ? U' ' : static_cast<char32_t>(cp));
                        i = semi + 1;
                        continue;
                    }
                } else if (auto found = named_entities().find(entity);
                           found != named_entities().end()) {
                    if (found->second == " ") {
                        // &nbsp; is white space like any other here.
                        if (!out.empty() && out.back() != ' ' && out.back() != '\n') {
                            out += ' ';
                        }
                    } else {
                        out += found->second;
                    }
                    i = semi + 1;
                    continue;
                }
            }
            out += '&';
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n') {
                out += ' ';
            }
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    // Trim each line and keep at most one blank line in a row.
    std::string text;
    int blank_run = 0;
    for (const auto& line : util::split_lines(out)) {
        const std::string_view trimmed = util::trim(line);
        if (trimmed.empty()) {
            if (++blank_run == 1 && !text.empty()) {
                text += '\n';
            }
            continue;
        }
        blank_run = 0;
        text += std::string(trimmed) + '\n';
    }
    return text;
}

} // namespace bb::mail
