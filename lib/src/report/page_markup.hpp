#pragma once
// Internal to the report page (page.cpp and its sections): the pieces of markup every section
// is made of (tables, SVG shapes, legends, hints) and the weeks named under a chart.

#include "bounceback/core/stats.hpp"
#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::report::detail {

/// A table of numbers: a caption, a header row and rows; columns in `numeric` are right-aligned.
struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric;
};

/// Writes `table`, folded under a summary line when it has more than `k_open_table_rows` rows.
void write_table(HtmlWriter& html, const Table& table);

/// Opens an `<svg>` of `width` × `height` units; `label` is what a screen reader says of it.
void open_svg(HtmlWriter& html, double width, double height, std::string_view css_class,
              std::string_view label);

/// A rectangle with an optional tooltip and rounded corners.
void rect(HtmlWriter& html, const Rect& r, std::string_view css_class, std::string_view tip = {},
          double radius = 0);

/// Text in an SVG; `anchor` is start, middle or end.
void svg_text(HtmlWriter& html, double x, double y, std::string_view text,
              std::string_view css_class = {}, std::string_view anchor = "start");

/// A line in an SVG from (`x1`, `y1`) to (`x2`, `y2`).
void line(HtmlWriter& html, double x1, double y1, double x2, double y2, std::string_view css_class);

/// A legend: a coloured square and a word for each entry.
void legend(HtmlWriter& html, const std::vector<std::pair<std::string, std::string>>& entries);

/// A paragraph mixing words and a command: `before` `command` `after`.
void hint(HtmlWriter& html, std::string_view before, std::string_view command,
          std::string_view after = {});

/// Opens a `<section>` with its `<h2>`; `new_page` starts it on a new page when printed.
void open_section(HtmlWriter& html, std::string_view id, std::string_view title, bool new_page);

/// The weeks to name under a chart of `weeks`, and what to call them: every week when there are
/// few, the first week of each month for up to about a year, the first of each year beyond.
std::vector<std::pair<std::size_t, std::string>> week_ticks(const std::vector<WeekStats>& weeks);

} // namespace bb::report::detail
