#include "bounceback/report/html.hpp"

#include "bounceback/util/text.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bb::report {

namespace {

constexpr std::string_view k_replacement = "\xef\xbf\xbd"; // U+FFFD

/// HTML's void elements: written without a closing tag.
bool is_void(std::string_view tag) {
    for (std::string_view v : {"meta", "br", "hr", "col", "wbr"}) {
        if (tag == v) {
            return true;
        }
    }
    return false;
}

/// Tag and attribute names come from the code, never from data; anything else is a bug. SVG's
/// names are case-sensitive (viewBox).
void check_name(std::string_view name) {
    bool ok = !name.empty();
    for (char c : name) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == ':');
    }
    if (!ok) {
        throw std::logic_error("report: not a tag or attribute name: " + std::string(name));
    }
}

/// `attributes` as a span, for the overloads that take a braced list.
std::span<const Attribute> as_span(std::initializer_list<Attribute> attributes) {
    return {attributes.begin(), attributes.size()};
}

} // namespace

std::string escape(std::string_view text) {
    const std::string valid = util::repair_utf8(text);
    std::string out;
    out.reserve(valid.size() + valid.size() / 8);
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto c = static_cast<unsigned char>(valid[i]);
        switch (c) {
        case '&':
            out += "&amp;";
            continue;
        case '<':
            out += "&lt;";
            continue;
        case '>':
            out += "&gt;";
            continue;
        case '"':
            out += "&quot;";
            continue;
        case '\'':
            out += "&#39;";
            continue;
        case '\t':
        case '\n':
            out += static_cast<char>(c);
            continue;
        case '\r':
            continue; // a line break is the LF after it
        default:
            break;
        }
        if (c < 0x20 || c == 0x7f) {
            out += k_replacement;
            continue;
        }
        // C1 controls (U+0080 to U+009F: C2 80 to C2 9F) and U+FFFE, U+FFFF (EF BF BE/BF).
        if (c == 0xc2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xa0) {
            out += k_replacement;
            ++i;
            continue;
        }
        if (c == 0xef && i + 2 < valid.size() && static_cast<unsigned char>(valid[i + 1]) == 0xbf &&
            static_cast<unsigned char>(valid[i + 2]) >= 0xbe) {
            out += k_replacement;
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

std::string number(double value) {
    if (!std::isfinite(value)) {
        return "0";
    }
    double rounded = std::round(value * 100.0) / 100.0;
    if (rounded == 0.0) {
        return "0"; // never "-0"
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", rounded);
    std::string out(buf);
    while (out.back() == '0') {
        out.pop_back();
    }
    if (out.back() == '.') {
        out.pop_back();
    }
    return out;
}

HtmlWriter::HtmlWriter() : m_out("<!DOCTYPE html>\n") {}

void HtmlWriter::start_tag(std::string_view tag, std::span<const Attribute> attributes) {
    check_name(tag);
    m_out += '<';
    m_out += tag;
    for (const auto& [name, value] : attributes) {
        check_name(name);
        if (name == "class" && value.empty()) {
            continue; // no class: nothing to write
        }
        if (name.starts_with("on")) {
            throw std::logic_error("report: no event handlers: " + std::string(name));
        }
        m_out += ' ';
        m_out += name;
        m_out += "=\"";
        m_out += escape(value);
        m_out += '"';
    }
}

void HtmlWriter::open(std::string_view tag, std::initializer_list<Attribute> attributes) {
    open(tag, as_span(attributes));
}

void HtmlWriter::open(std::string_view tag, std::span<const Attribute> attributes) {
    start_tag(tag, attributes);
    m_out += '>';
    m_open.emplace_back(tag);
}

void HtmlWriter::close() {
    if (m_open.empty()) {
        throw std::logic_error("report: close() with no element open");
    }
    m_out += "</";
    m_out += m_open.back();
    m_out += '>';
    const std::string& tag = m_open.back();
    // A line break after block-level ends keeps the file readable; inside SVG and inline
    // elements it would be text.
    for (std::string_view block :
         {"p",    "li",     "ul",     "ol", "tr", "table",      "section", "figure", "div",
          "svg",  "header", "footer", "h1", "h2", "h3",         "details", "thead",  "tbody",
          "head", "body",   "html",   "g",  "dl", "figcaption", "main",    "style",  "title"}) {
        if (tag == block) {
            m_out += '\n';
            break;
        }
    }
    m_open.pop_back();
}

void HtmlWriter::empty(std::string_view tag, std::initializer_list<Attribute> attributes) {
    empty(tag, as_span(attributes));
}

void HtmlWriter::empty(std::string_view tag, std::span<const Attribute> attributes) {
    start_tag(tag, attributes);
    m_out += is_void(tag) ? ">" : "/>";
    if (is_void(tag)) {
        m_out += '\n';
    }
}

void HtmlWriter::text(std::string_view text) {
    m_out += escape(text);
}

void HtmlWriter::element(std::string_view tag, std::string_view text,
                         std::initializer_list<Attribute> attributes) {
    open(tag, attributes);
    this->text(text);
    close();
}

void HtmlWriter::style(std::string_view css) {
    if (css.find("</") != std::string_view::npos) {
        throw std::logic_error("report: a stylesheet must not hold \"</\"");
    }
    open("style");
    m_out += '\n';
    m_out += css;
    close();
}

std::string HtmlWriter::finish() {
    if (!m_open.empty()) {
        throw std::logic_error("report: <" + m_open.back() + "> was never closed");
    }
    return std::move(m_out);
}

} // namespace bb::report
