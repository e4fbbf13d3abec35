#pragma once
// Writing HTML with inline SVG, safely: the one place where text becomes markup. Every piece of
// text and every attribute value goes through escape(), so a company called `<script>` stays
// text; tags are closed in order by the writer itself. Knows nothing of bounceback's records.

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::report {

/// `text` made safe as HTML or SVG (XML) text and as a quoted attribute value: `&`, `<`, `>`,
/// `"` and `'` become character references; bytes that are not well-formed UTF-8, control
/// characters other than tab and line feed, and code points XML forbids (U+FFFE, U+FFFF) become
/// U+FFFD, so the result parses as HTML and as XML alike.
std::string escape(std::string_view text);

/// `value` as an SVG number: at most two decimals, no exponent, no "-0"; 0 for NaN or infinity
/// (which a chart never draws, but which must never reach the page).
std::string number(double value);

/// An attribute: a name (a constant of the code: letters, digits, '-' or ':') and its
/// value, escaped when written. A `class` with an empty value is left out. Event handlers
/// (names starting with "on") are refused.
using Attribute = std::pair<std::string_view, std::string_view>;

/// Builds an HTML document in memory. Text and attribute values are always escaped; elements
/// opened with open() are closed by close() in reverse order, and finish() checks that every
/// one was. Only style() writes unescaped text, and only into a `<style>` element.
class HtmlWriter {
  public:
    /// Writes `<!DOCTYPE html>`.
    HtmlWriter();

    /// Opens `<tag attributes…>`; close() ends it.
    void open(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    void open(std::string_view tag, std::span<const Attribute> attributes);

    /// Closes the element opened last.
    void close();

    /// An element with no content: `<tag …>` for HTML's void elements (meta, br), `<tag …/>`
    /// for SVG shapes (rect, path, circle, line, …).
    void empty(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    void empty(std::string_view tag, std::span<const Attribute> attributes);

    /// Escaped text inside the element opened last.
    void text(std::string_view text);

    /// `<tag attributes…>text</tag>`.
    void element(std::string_view tag, std::string_view text,
                 std::initializer_list<Attribute> attributes = {});

    /// A `<style>` element holding `css`, the program's own constant stylesheet. Throws
    /// std::logic_error if `css` could end the element (it holds "</").
    void style(std::string_view css);

    /// How deep the element being written is (0 at the top).
    std::size_t depth() const { return m_open.size(); }

    /// The document. Throws std::logic_error if an element is still open.
    std::string finish();

  private:
    void start_tag(std::string_view tag, std::span<const Attribute> attributes);

    std::string m_out;
    std::vector<std::string> m_open;
};

} // namespace bb::report
