#pragma once
// `bounceback report`: a search in pictures, as one self-contained HTML page. Inline CSS and
// inline SVG drawn here; no script, no font, image or style from anywhere, and a
// Content-Security-Policy that forbids loading any. Pure logic: it returns the page as text.
//
// The sections, in this order (kind first): the headline and the small wins; how far
// applications went (a Sankey of the stage flow); rejections and wins per week; days from
// application to answer (their spread and median); feedback asked, answered and waiting;
// reflections (mood over time, recurring themes); each habit as a calendar of its days with its
// streak; the signals, word for word as `stats` gives them. Every chart has its numbers as a
// table below it; tables of more than k_open_table_rows rows are folded (<details>) on screen and
// left out of print. Colours are the Okabe–Ito palette; the page has a dark version under
// `prefers-color-scheme: dark` and a print stylesheet that gives six clean pages for an ordinary
// search: the wins and the flow; the weeks; days to an answer and feedback; reflections; the
// routine; the signals (a long one takes more, never cutting a chart or a table in two).

#include "bounceback/core/report_figures.hpp"

#include <cstddef>
#include <string>

namespace bb::report {

/// Tables with more rows than this are folded under a summary line, and not printed.
constexpr std::size_t k_open_table_rows = 12;

/// Charts of up to this many weeks give each bar and point its own tooltip; longer ones draw
/// each series as one shape (the table below them has the numbers).
constexpr std::size_t k_detailed_weeks = 104;

/// Wins listed by name; the rest are counted.
constexpr std::size_t k_wins_listed = 10;

/// Follow-ups listed by name; the rest are counted.
constexpr std::size_t k_follow_ups_listed = 5;

/// What the page says about itself.
struct PageOptions {
    Date made;             ///< the day the report was made
    std::string generator; ///< "bounceback 1.2.0": the footer and <meta name=generator>
};

/// The report of `figures` as a complete HTML document (UTF-8).
std::string render_page(const ReportFigures& figures, const PageOptions& options);

} // namespace bb::report
