#include "page_markup.hpp"

#include "page_words.hpp"

#include "bounceback/report/page.hpp"

#include <algorithm>

namespace bb::report::detail {

// ---- markup helpers ---------------------------------------------------------------------------

void write_table(HtmlWriter& html, const Table& table) {
    const bool folded = table.rows.size() > k_open_table_rows;
    if (folded) {
        html.open("details", {{"class", "numbers"}});
        html.element("summary", table.caption + " (" +
                                    plural(static_cast<long long>(table.rows.size()), "row") + ")");
    }
    html.open("div", {{"class", "table"}}); // scrolls sideways on a narrow screen
    html.open("table");
    if (!folded) {
        html.element("caption", table.caption);
    }
    auto cell_class = [&](std::size_t c) {
        return c < table.numeric.size() && table.numeric[c] ? "n" : "";
    };
    html.open("thead");
    html.open("tr");
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        html.element("th", table.header[c], {{"scope", "col"}, {"class", cell_class(c)}});
    }
    html.close();
    html.close();
    html.open("tbody");
    for (const auto& row : table.rows) {
        html.open("tr");
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c == 0) {
                html.element("th", row[c], {{"scope", "row"}, {"class", cell_class(c)}});
            } else {
                html.element("td", row[c], {{"class", cell_class(c)}});
            }
        }
        html.close();
    }
    html.close(); // tbody
    html.close(); // table
    html.close(); // div
    if (folded) {
        html.close(); // details
    }
}

/// Opens an `<svg>` of `width` × `height` units; `label` is what a screen reader says of it.
void open_svg(HtmlWriter& html, double width, double height, std::string_view css_class,
              std::string_view label) {
    html.open("svg", {{"viewBox", "0 0 " + number(width) + " " + number(height)},
                      {"width", number(width)},
                      {"height", number(height)},
                      {"class", css_class},
                      {"role", "img"},
                      {"aria-label", label}});
}

/// A rectangle with an optional tooltip and rounded corners.
void rect(HtmlWriter& html, const Rect& r, std::string_view css_class, std::string_view tip,
          double radius) {
    const std::string x = number(r.x);
    const std::string y = number(r.y);
    const std::string width = number(r.width);
    const std::string height = number(r.height);
    const std::string rx = number(radius);
    std::vector<Attribute> attributes{{"x", x}, {"y", y}, {"width", width}, {"height", height}};
    if (radius > 0) {
        attributes.emplace_back("rx", rx);
    }
    attributes.emplace_back("class", css_class);
    if (tip.empty()) {
        html.empty("rect", attributes);
        return;
    }
    html.open("rect", attributes);
    html.element("title", tip);
    html.close();
}

/// Text in an SVG; `anchor` is start, middle or end.
void svg_text(HtmlWriter& html, double x, double y, std::string_view text,
              std::string_view css_class, std::string_view anchor) {
    html.element(
        "text", text,
        {{"x", number(x)}, {"y", number(y)}, {"text-anchor", anchor}, {"class", css_class}});
}

void line(HtmlWriter& html, double x1, double y1, double x2, double y2,
          std::string_view css_class) {
    html.empty("line", {{"x1", number(x1)},
                        {"y1", number(y1)},
                        {"x2", number(x2)},
                        {"y2", number(y2)},
                        {"class", css_class}});
}

/// A legend: a coloured square and a word for each entry.
void legend(HtmlWriter& html, const std::vector<std::pair<std::string, std::string>>& entries) {
    html.open("p", {{"class", "legend"}, {"aria-hidden", "true"}});
    for (const auto& [swatch, words] : entries) {
        html.open("span");
        html.element("span", "", {{"class", "swatch " + swatch}});
        html.text(words);
        html.close();
    }
    html.close();
}

/// A paragraph mixing words and a command: `before` `command` `after`.
void hint(HtmlWriter& html, std::string_view before, std::string_view command,
          std::string_view after) {
    html.open("p", {{"class", "note"}});
    html.text(before);
    html.element("code", command);
    html.text(after);
    html.close();
}

void open_section(HtmlWriter& html, std::string_view id, std::string_view title, bool new_page) {
    html.open("section", {{"id", id}, {"class", new_page ? "new-page" : ""}});
    html.element("h2", title);
}

// ---- weeks on an axis -------------------------------------------------------------------------

/// The weeks to name under a chart of `weeks`, and what to call them: every week when there are
/// few, the first week of each month for up to about a year, the first of each year beyond.
std::vector<std::pair<std::size_t, std::string>> week_ticks(const std::vector<WeekStats>& weeks) {
    std::vector<std::pair<std::size_t, std::string>> ticks;
    const std::size_t n = weeks.size();
    const std::size_t spacing = n <= 14 ? 1 : std::max<std::size_t>(n / 12, 4);
    std::size_t last = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Date day = weeks[i].first_day;
        std::string label;
        if (n <= 14) {
            label = short_day(day);
        } else if (i == 0) {
            label = std::string(k_months[month_index(day)]).substr(0, 3) + " " +
                    std::to_string(static_cast<int>(day.year()));
        } else {
            const Date before = weeks[i - 1].first_day;
            if (n <= 60 && day.month() != before.month()) {
                label = std::string(k_months[month_index(day)]).substr(0, 3);
                if (day.year() != before.year()) {
                    label += " " + std::to_string(static_cast<int>(day.year()));
                }
            } else if (n > 60 && day.year() != before.year()) {
                label = std::to_string(static_cast<int>(day.year()));
            }
        }
        if (label.empty() || (!ticks.empty() && i - last < spacing)) {
            continue;
        }
        ticks.emplace_back(i, label);
        last = i;
    }
    return ticks;
}

} // namespace bb::report::detail
