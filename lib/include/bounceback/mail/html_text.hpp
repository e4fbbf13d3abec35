#pragma once
// The readable text of an HTML mail part. Pure: no files, no terminal.

#include <string>
#include <string_view>

namespace bb::mail {

/// `html` as plain text: tags removed, `<style>`, `<script>` and `<head>` dropped, `<br>`,
/// `<p>`, `<div>`, `<li>`, `<tr>` and headings made line breaks, `<blockquote>` lines marked
/// with `> ` as a quoted reply is in plain text, entities decoded, runs of spaces collapsed.
/// `html` must be UTF-8.
std::string html_to_text(std::string_view html);

} // namespace bb::mail
