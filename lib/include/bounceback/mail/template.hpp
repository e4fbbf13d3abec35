#pragma once
// Email templates: Mustache text with header lines, a blank line, then the body.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::mail {

/// A template's text and where it came from.
struct TemplateSource {
    std::string name;
    std::string origin; ///< "built-in", or the user file's path
    std::string text;
};

/// The templates compiled into the binary (generated from templates/*.mustache at build time).
const std::vector<TemplateSource>& builtin_templates();

/// The built-in template called `name`, or nullptr.
const TemplateSource* find_builtin_template(std::string_view name);

/// The variables a template may use. Every known name is a key; nullopt means "known, but this
/// entry has no value" (a section over it is false, a bare use of it is an error).
using TemplateValues = std::map<std::string, std::optional<std::string>>;

/// A rendered draft: header lines in template order, then the body.
struct Draft {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The value of header `name` (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

/// The header names a template or an edited draft may set.
const std::vector<std::string>& allowed_headers();

/// The deepest sections may nest in a template ({{#a}}{{#b}}…{{/b}}{{/a}} is 2): rendering
/// recurses into each, so a bound keeps any template's cost small.
inline constexpr std::size_t k_max_section_depth = 16;

/// Renders `source` with `values`, HTML escaping off, so "O'Brien & Co" stays as written.
/// Throws Error(data) naming `origin:LINE:COL` for a broken template (unclosed tag or section,
/// a section closed out of order, sections nested deeper than k_max_section_depth, delimiter
/// changes, partials), an unknown variable, a bare use
/// of a variable this entry has no value for, a header line that is not `Name: value` with an
/// allowed name, a missing Subject, or a header value with CR, LF or NUL (header injection).
Draft render_template(const TemplateSource& source, const TemplateValues& values);

/// Reads back a draft a person edited: header lines, a blank line, the body. Throws Error(data)
/// naming `file:LINE` like render_template for bad or injected headers.
Draft parse_draft(std::string_view text, std::string_view file);

/// The draft as text: its headers, a blank line, the body.
std::string draft_text(const Draft& draft);

} // namespace bb::mail
