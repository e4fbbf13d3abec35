#include "bounceback/mail/template.hpp"

#include "template_files.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <kainjow/mustache.hpp>

namespace bb::mail {

namespace km = kainjow::mustache;

const std::vector<TemplateSource>& builtin_templates() {
    static const std::vector<TemplateSource> templates = [] {
        std::vector<TemplateSource> out;
        for (const auto& [name, text] : template_files()) {
            out.push_back({std::string(name), "built-in template " + std::string(name),
                           std::string(text)});
        }
        return out;
    }();
    return templates;
}

const TemplateSource* find_builtin_template(std::string_view name) {
    for (const auto& t : builtin_templates()) {
        if (t.name == name) {
            return &t;
        }
    }
    return nullptr;
}

const std::vector<std::string>& allowed_headers() {
    static const std::vector<std::string> names = {"Subject", "To", "Cc"};
    return names;
}

std::string Draft::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (util::to_lower(key) == util::to_lower(name)) {
            return value;
        }
    }
    return {};
}

namespace {

/// A stretch of template text and the line it starts on, for messages.
struct Piece {
    std::string_view text;
    std::size_t first_line;
    std::size_t first_column = 1; ///< where `text` starts on its first line
};

/// `origin:LINE:COL` for byte `offset` of `piece`.
std::string where(std::string_view origin, const Piece& piece, std::size_t offset) {
    std::size_t line = piece.first_line;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < piece.text.size(); ++i) {
        if (piece.text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const std::size_t column =
        offset - line_start + (line == piece.first_line ? piece.first_column : 1);
    return std::string(origin) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

[[noreturn]] void fail(std::string_view origin, const Piece& piece, std::size_t offset,
                       const std::string& message) {
    throw Error(ExitCode::data, where(origin, piece, offset) + ": " + message);
}

/// Checks the tags of `piece` before rendering: structure, and that every variable is known and,
/// unless inside a section over it, has a value. kainjow renders unknown names as nothing, and
/// a silent blank in an email is worse than an error.
void check_tags(std::string_view origin, const Piece& piece, const TemplateValues& values) {
    struct Open {
        std::string name;
        std::size_t offset;
        bool inverted; // {{^name}}: inside it, name has no value
    };
    std::vector<Open> sections;
    const std::string_view text = piece.text;
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        const bool triple = text.substr(pos, 3) == "{{{";
        const std::string_view close = triple ? "}}}" : "}}";
        const std::size_t start = pos + (triple ? 3 : 2);
        const std::size_t end = text.find(close, start);
        if (end == std::string_view::npos) {
            fail(origin, piece, pos, "unclosed tag: '{{' without '" + std::string(close) + "'");
        }
        std::string content(util::trim(text.substr(start, end - start)));
        const std::size_t tag = pos;
        pos = end + close.size();
        char kind = content.empty() ? ' ' : content.front();
        if (!triple && std::string_view("#^/!>&=").find(kind) != std::string_view::npos) {
            content = std::string(util::trim(content.substr(1)));
        } else {
            kind = ' ';
        }
        if (kind == '!') {
            continue;
        }
        if (kind == '=') {
            fail(origin, piece, tag, "changing the tag delimiters is not supported");
        }
        if (kind == '>') {
            fail(origin, piece, tag, "partials ({{> name}}) are not supported");
        }
        if (content.empty()) {
            fail(origin, piece, tag, "empty tag");
        }
        if (kind == '/') {
            if (sections.empty()) {
                fail(origin, piece, tag,
                     "{{/" + content + "}} closes a section that was never opened");
            }
            if (sections.back().name != content) {
                fail(origin, piece, tag,
                     "{{/" + content + "}} does not close {{#" + sections.back().name +
                         "}} (opened at " + where(origin, piece, sections.back().offset) + ")");
            }
            sections.pop_back();
            continue;
        }
        if (content == "." && !sections.empty()) {
            continue;
        }
        if (!values.contains(content)) {
            std::vector<std::string> known;
            for (const auto& [name, value] : values) {
                known.push_back(name);
            }
            const std::string near = util::closest_match(content, known);
            fail(origin, piece, tag,
                 "unknown variable {{" + content + "}}" +
                     (near.empty() ? "" : "; did you mean {{" + near + "}}?") +
                     " (variables: " + util::join(known, ", ") + ")");
        }
        if (kind == '#' || kind == '^') {
            // Rendering recurses into each section: a bound keeps any template's cost small.
            if (sections.size() >= k_max_section_depth) {
                fail(origin, piece, tag,
                     "sections nested more than " + std::to_string(k_max_section_depth) +
                         " deep; an email needs a few at most");
            }
            sections.push_back(Open{content, tag, kind == '^'});
            continue;
        }
        const bool guarded = std::any_of(sections.begin(), sections.end(), [&](const Open& s) {
            return s.name == content && !s.inverted;
        });
        if (!values.at(content) && !guarded) {
            fail(origin, piece, tag,
                 "{{" + content + "}} has no value for this entry; set it, or write {{#" + content +
                     "}}…{{/" + content + "}} so the text appears only when it has one");
        }
    }
    if (!sections.empty()) {
        fail(origin, piece, sections.back().offset,
             "unclosed section {{#" + sections.back().name + "}} (add {{/" + sections.back().name +
                 "}})");
    }
}

km::data to_data(const TemplateValues& values) {
    km::data root;
    std::map<std::string, km::data> groups; // "me.name" lives in root["me"]["name"]
    for (const auto& [name, value] : values) {
        km::data item = value ? km::data(*value) : km::data(false);
        if (auto dot = name.find('.'); dot != std::string::npos) {
            auto [it, fresh] = groups.emplace(name.substr(0, dot), km::data());
            it->second.set(name.substr(dot + 1), item);
        } else {
            root.set(name, item);
        }
    }
    for (auto& [name, group] : groups) {
        root.set(name, group);
    }
    return root;
}

std::string render_piece(std::string_view origin, const Piece& piece, const km::data& data) {
    km::mustache tmpl{std::string(piece.text)};
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    std::string out = tmpl.is_valid() ? tmpl.render(data) : std::string();
    if (!tmpl.is_valid()) {
        fail(origin, piece, 0, tmpl.error_message());
    }
    return out;
}

/// Splits `text` into header lines and body at the first empty line, and checks each header.
/// `first_body_line` receives the body's first line number.
std::vector<Piece> header_lines(std::string_view text, std::string_view origin,
                                std::string_view* body, std::size_t* first_body_line) {
    std::vector<Piece> lines;
    std::size_t pos = 0;
    std::size_t line = 1;
    while (true) {
        const std::size_t end = text.find('\n', pos);
        const std::string_view current =
            text.substr(pos, end == std::string_view::npos ? end : end - pos);
        if (util::trim(current).empty()) {
            *body = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
            *first_body_line = line + 1;
            break;
        }
        lines.push_back(Piece{current, line});
        if (end == std::string_view::npos) {
            throw Error(ExitCode::data, std::string(origin) + ":" + std::to_string(line) +
                                            ": no blank line between the headers and the body");
        }
        pos = end + 1;
        ++line;
    }
    if (lines.empty()) {
        throw Error(ExitCode::data, std::string(origin) +
                                        ":1: a template starts with its headers "
                                        "(at least 'Subject: …'), then a blank line");
    }
    return lines;
}

/// The name and raw value of header line `piece`, checked against the allowed names.
std::pair<std::string, std::string_view> split_header(std::string_view origin, const Piece& piece) {
    const auto colon = piece.text.find(':');
    const std::string name(
        util::trim(piece.text.substr(0, colon == std::string_view::npos ? 0 : colon)));
    const auto& allowed = allowed_headers();
    auto known = std::find_if(allowed.begin(), allowed.end(), [&](const std::string& a) {
        return util::to_lower(a) == util::to_lower(name);
    });
    if (colon == std::string_view::npos || known == allowed.end()) {
        fail(origin, piece, 0,
             "expected a header line 'Name: value' with Name one of " + util::join(allowed, ", ") +
                 " (headers end at the first blank line)");
    }
    return {*known, piece.text.substr(colon + 1)};
}

void refuse_injection(std::string_view origin, const Piece& piece, const std::string& name,
                      const std::string& value) {
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
        fail(origin, piece, 0,
             "header injection refused: the " + name +
                 " header would contain a line break or NUL (from a value filled in); nothing "
                 "was written");
    }
}

void require_subject(std::string_view origin, const Draft& draft) {
    if (util::trim(draft.header("Subject")).empty()) {
        throw Error(ExitCode::data, std::string(origin) + ": no Subject (add a 'Subject: …' line)");
    }
}

} // namespace

Draft render_template(const TemplateSource& source, const TemplateValues& values) {
    std::string text = source.text;
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    std::string_view body;
    std::size_t first_body_line = 0;
    const auto lines = header_lines(text, source.origin, &body, &first_body_line);
    const km::data data = to_data(values);
    Draft draft;
    for (const auto& line : lines) {
        auto [name, raw] = split_header(source.origin, line);
        const Piece value{raw, line.first_line,
                          static_cast<std::size_t>(raw.data() - line.text.data()) + 1};
        check_tags(source.origin, value, values);
        const std::string rendered(util::trim(render_piece(source.origin, value, data)));
        refuse_injection(source.origin, line, name, rendered);
        draft.headers.emplace_back(name, rendered);
    }
    const Piece body_piece{body, first_body_line};
    check_tags(source.origin, body_piece, values);
    draft.body = render_piece(source.origin, body_piece, data);
    require_subject(source.origin, draft);
    return draft;
}

Draft parse_draft(std::string_view input, std::string_view file) {
    std::string text(input);
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    if (text.find('\0') != std::string::npos) {
        throw Error(ExitCode::data,
                    std::string(file) + ": header injection refused: NUL byte in the draft");
    }
    std::string_view body;
    std::size_t first_body_line = 0;
    Draft draft;
    for (const auto& line : header_lines(text, file, &body, &first_body_line)) {
        auto [name, raw] = split_header(file, line);
        draft.headers.emplace_back(name, std::string(util::trim(raw)));
    }
    draft.body = std::string(body);
    require_subject(file, draft);
    return draft;
}

std::string draft_text(const Draft& draft) {
    std::string out;
    for (const auto& [name, value] : draft.headers) {
        out += name + ": " + value + "\n";
    }
    return out + "\n" + draft.body;
}

} // namespace bb::mail
