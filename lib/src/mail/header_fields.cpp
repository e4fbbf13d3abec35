#include "header_fields.hpp"

#include "charset.hpp"

#include "bounceback/mail/transfer_encoding.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <optional>

namespace bb::mail::detail {

namespace {

bool is_wsp(char c) {
    return c == ' ' || c == '\t';
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
    std::optional<std::string> bytes;
    if (encoding == 'b' || encoding == 'B') {
        bytes = base64_decode(payload);
    } else {
        bytes = decode_q_encoding(payload);
    }
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

} // namespace

const std::string* find_field(const std::vector<std::pair<std::string, std::string>>& fields,
                              std::string_view name) {
    const std::string wanted = util::to_lower(name);
    for (const auto& [n, v] : fields) {
        if (n.size() == wanted.size() && util::to_lower(n) == wanted) {
            return &v;
        }
    }
    return nullptr;
}

std::string decode_header_text(std::string_view raw) {
    std::string text = util::is_valid_utf8(raw)
                           ? std::string(raw)
                           : to_utf8(raw, "windows-1252").value_or(util::repair_utf8(raw));
    return std::string(util::trim(without_controls(decode_encoded_words(text))));
}

ContentType parse_content_type(std::string_view value) {
    ContentType ct;
    const std::string_view type = util::trim(value.substr(0, value.find(';')));
    if (type.find('/') != std::string_view::npos) {
        ct.type = util::to_lower(type);
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
        const std::string name = util::to_lower(util::trim(value.substr(i, eq - i)));
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
        } else if (c == '[' && !seen_angle && value.substr(i + 1).starts_with("mailto:")) {
            // `Jane Doe [mailto:jane@acme.example]`, as Outlook quotes a forwarded sender.
            in_angle = true;
            seen_angle = true;
            i += 7;
        } else if ((c == '>' || c == ']') && in_angle) {
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
        // `jane@acme.example (Jane Doe)`: the text is the address, the comment the name; a
        // bare name with no address at all stays a name.
        if (name.find('@') != std::string::npos) {
            address = name;
            name = comment;
        } else if (name.empty()) {
            name = comment;
        }
    }
    address = std::string(util::trim(address));
    if (address.starts_with("mailto:")) {
        address.erase(0, 7);
    }
    const auto at = address.rfind('@');
    // Any byte up to space (a control character such as ESC, or white space) or DEL: not an
    // address, whatever else it holds.
    const bool controls = std::any_of(address.begin(), address.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
    });
    if (at == std::string::npos || at == 0 || at + 1 == address.size() || controls ||
        address.find_first_of("<>\"[]") != std::string::npos || !util::is_valid_utf8(address)) {
        address.clear();
    } else {
        address = address.substr(0, at + 1) + util::to_lower(address.substr(at + 1));
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

} // namespace bb::mail::detail
