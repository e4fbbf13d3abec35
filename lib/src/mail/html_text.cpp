#include "bounceback/mail/html_text.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>

namespace bb::mail {

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
        "br", "p",  "div", "li", "tr",    "h1", "h2",      "h3",    "h4",
        "h5", "h6", "ul",  "ol", "table", "hr", "section", "center"};
    return std::find(k_blocks.begin(), k_blocks.end(), name) != k_blocks.end();
}

} // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    // Lines inside <blockquote> start with one k_quote_mark per level, made "> " at the end.
    constexpr char k_quote_mark = '\x01';
    int quote_depth = 0;
    auto add_break = [&] {
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        out += '\n';
        out.append(static_cast<std::size_t>(quote_depth), k_quote_mark);
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
                while (k < html.size() &&
                       util::to_lower(html.substr(k, end_tag.size())) != end_tag) {
                    k = html.find('<', k + 1);
                    if (k == std::string_view::npos) {
                        k = html.size();
                    }
                }
                const auto close = html.find('>', k);
                i = close == std::string_view::npos ? html.size() : close + 1;
            } else if (name == "blockquote") {
                quote_depth = std::clamp(quote_depth + (closing ? -1 : 1), 0, 8);
                add_break();
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
                        // &#0; is no character either: the replacement character, as U+FFFD.
                        util::append_utf8(out, cp == 0xa0 ? U' '
                                               : cp == 0  ? U'\uFFFD'
                                                          : static_cast<char32_t>(cp));
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
            if (!out.empty() && out.back() != ' ' && out.back() != '\n' &&
                out.back() != k_quote_mark) {
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
        std::string_view trimmed = util::trim(line);
        std::string prefix;
        while (!trimmed.empty() && trimmed.front() == k_quote_mark) {
            prefix += "> ";
            trimmed = util::trim(trimmed.substr(1));
        }
        if (trimmed.empty()) {
            if (++blank_run == 1 && !text.empty()) {
                text += '\n';
            }
            continue;
        }
        blank_run = 0;
        text += prefix + std::string(trimmed) + '\n';
    }
    return text;
}

} // namespace bb::mail
