#include "bounceback/report/page.hpp"

#include "bounceback/core/routine.hpp"
#include "bounceback/core/signals.hpp"
#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>

namespace bb::report {

namespace {

using util::format_date;

// ---- words ------------------------------------------------------------------------------------

constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};

unsigned month_index(Date date) {
    return static_cast<unsigned>(date.month()) - 1;
}

/// "5 October 2026".
std::string day_words(Date date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " + k_months[month_index(date)] +
           " " + std::to_string(static_cast<int>(date.year()));
}

/// "5 Oct".
std::string short_day(Date date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string(k_months[month_index(date)]).substr(0, 3);
}

/// "5 October to 29 November 2026", or with both years when they differ.
std::string range_words(Date from, Date to) {
    if (from == to) {
        return day_words(from);
    }
    if (from.year() == to.year()) {
        return std::to_string(static_cast<unsigned>(from.day())) + " " +
               k_months[month_index(from)] + " to " + day_words(to);
    }
    return day_words(from) + " to " + day_words(to);
}

std::string plural(long long n, std::string_view noun, std::string_view nouns = {}) {
    const std::string many = nouns.empty() ? std::string(noun) + "s" : std::string(nouns);
    return std::to_string(n) + " " + (n == 1 ? std::string(noun) : many);
}

/// "a, b and c".
std::string and_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
}

/// A count with thousands separated: "12,345".
std::string count_text(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return (n < 0 ? "-" : "") + digits;
}

/// One decimal at most: "2", "2.5".
std::string decimal(double value) {
    char buf[32];
    const double rounded = std::round(value * 10) / 10;
    std::snprintf(buf, sizeof buf, rounded == std::floor(rounded) ? "%.0f" : "%.1f", rounded);
    return buf;
}

// ---- the stylesheet -----------------------------------------------------------------------------

// Okabe–Ito colours (blue, sky blue, bluish green, orange, vermillion, reddish purple) stay the
// same in the dark version; only paper, ink and lines change.
constexpr std::string_view k_css = R"css(:root {
  color-scheme: light dark;
  --paper: #ffffff; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --blue: #0072B2; --sky: #56B4E9; --green: #009E73; --orange: #E69F00;
  --vermillion: #D55E00; --purple: #CC79A7; --grey: #8c959f; --link: #0072B2;
  --band: .28;
}
@media (prefers-color-scheme: dark) {
  :root { --paper: #16191d; --ink: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #21262d;
          --grey: #7d8590; --link: #56B4E9; --band: .5; }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 54rem; padding: 1.5rem 1rem 3rem;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
       "Liberation Sans", sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .5rem; padding-top: .6rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
p { margin: .4rem 0; }
.range, .note, figcaption, .legend, footer { color: var(--muted); }
.headline { font-size: 1.15rem; }
nav { margin: .8rem 0 0; font-size: .95rem; display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
nav a { color: var(--link); white-space: nowrap; }
code { font: .92em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace;
       background: var(--panel); padding: .05rem .3rem; border-radius: 4px; }
ol.wins { padding-left: 0; list-style: none; }
ol.wins li { margin: .2rem 0; }
time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .6rem; }
figure { margin: .8rem 0 1rem; }
.chart { overflow-x: auto; }
.chart > svg { direction: ltr; }
svg { display: block; max-width: 100%; height: auto; }
svg.wide { width: 100%; min-width: 34rem; max-width: none; }
svg.flow { min-width: 44rem; }
svg text { fill: var(--ink); font-size: 13px; }
svg text.small { font-size: 11px; fill: var(--muted); }
svg.flow text { font-size: 15px; }
svg text.label { paint-order: stroke; stroke: var(--paper); stroke-width: 4px; stroke-linejoin: round; }
svg text.count { font-weight: 600; }
.axis { stroke: var(--line); stroke-width: 1; }
.node-stage, .bar-rejection { fill: var(--blue); }
.node-ended { fill: var(--orange); }
.node-unlogged { fill: var(--grey); }
.band-stage { fill: var(--blue); opacity: var(--band); }
.band-ended { fill: var(--orange); opacity: .45; }
.band-unlogged { fill: var(--grey); opacity: .4; }
.bar-win, .answered, .done, .theme-strength { fill: var(--green); }
.bar-answer { fill: var(--blue); }
.waiting, .rest { fill: var(--sky); }
.theme-improve { fill: var(--orange); }
.median { stroke: var(--vermillion); stroke-width: 2; stroke-dasharray: 5 3; }
svg text.median-label { fill: var(--vermillion); font-weight: 600; }
.mood-line { fill: none; stroke: var(--purple); stroke-width: 2.5; stroke-linejoin: round; }
.mood-point { fill: var(--purple); }
.open { fill: var(--panel); stroke: var(--line); stroke-width: 1; }
.future { fill: none; stroke: var(--line); stroke-width: 1; stroke-dasharray: 2 2; }
.outside { fill: none; }
.missed { fill: none; stroke: var(--grey); stroke-width: 1; }
.running { fill: var(--green); opacity: .45; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; font-size: .9rem; margin: .3rem 0; }
.legend span { white-space: nowrap; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px;
          vertical-align: -.05rem; margin-right: .35rem; border: 1px solid transparent; }
.swatch.done, .swatch.win, .swatch.answered { background: var(--green); }
.swatch.rest, .swatch.waiting { background: var(--sky); }
.swatch.open { background: var(--panel); border-color: var(--line); }
.swatch.rejection, .swatch.stage { background: var(--blue); }
.swatch.ended { background: var(--orange); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem;
        font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding-bottom: .2rem; caption-side: top; }
th, td { padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--line); text-align: left;
         vertical-align: top; }
th { font-weight: 600; }
th, td.n { white-space: nowrap; }
div.table { overflow-x: auto; }
td.n, th.n { text-align: right; }
details { margin: .4rem 0 1rem; }
summary { cursor: pointer; color: var(--muted); }
p.goal { font-style: italic; }
ul.signals { padding-left: 1.2rem; }
ul.signals li { margin: .6rem 0; max-width: 44rem; }
ul.follow-ups { padding-left: 1.2rem; }
.habit-line { color: var(--muted); }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .8rem; font-size: .9rem; }
@media (max-width: 36rem) {
  body { padding: 1rem .75rem 2rem; font-size: 15px; }
  h1 { font-size: 1.5rem; }
  /* Charts over time scroll sideways here, starting from the latest weeks. */
  .chart.recent { direction: rtl; }
}
@media print {
  :root { color-scheme: light; --paper: #ffffff; --ink: #000000; --muted: #444c56;
          --line: #b8c0c8; --panel: #eef1f4; --grey: #8c959f; --band: .28; }
  @page { size: A4; margin: 14mm 14mm 16mm; }
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, details { display: none; }
  h2 { border-top: none; padding-top: 0; margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; }
  .new-page { break-before: page; }
  .new-page > h2 { margin-top: 0; }
  figure, table, tr, li, .habit { break-inside: avoid; }
  table { font-size: 9pt; margin: .3rem 0 .7rem; }
  th, td { padding: .08rem .7rem .08rem 0; }
  figure { margin: .4rem 0 .6rem; }
  .chart, .chart.recent { overflow: visible; direction: ltr; }
  svg.wide, svg.flow { min-width: 0; }
  svg.calendar { width: auto; height: 7rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

// ---- markup helpers ---------------------------------------------------------------------------

/// A table of numbers: a caption, a header row and rows; columns in `numeric` are right-aligned.
struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric;
};

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
void rect(HtmlWriter& html, const Rect& r, std::string_view css_class, std::string_view tip = {},
          double radius = 0) {
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
              std::string_view css_class = {}, std::string_view anchor = "start") {
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
          std::string_view after = {}) {
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

// ---- the sections -----------------------------------------------------------------------------

class Page {
  public:
    Page(const ReportFigures& figures, const PageOptions& options)
        : m_figures(figures), m_stats(figures.stats), m_options(options) {}

    std::string render() {
        head();
        m_html.open("body");
        header();
        wins();
        if (!m_stats.any_records) {
            hint(m_html,
                 "If a rejection comes, logging it takes seconds: ", "bounceback log COMPANY");
        } else {
            flow();
            weeks();
            answers();
            feedback();
            reflections();
            routine();
            signals();
        }
        footer();
        m_html.close(); // body
        m_html.close(); // html
        return m_html.finish();
    }

  private:
    void head() {
        m_html.open("html", {{"lang", "en"}});
        m_html.open("head");
        m_html.empty("meta", {{"charset", "utf-8"}});
        // Nothing may load: no script, no font, no image, no style from anywhere.
        m_html.empty("meta", {{"http-equiv", "Content-Security-Policy"},
                              {"content", "default-src 'none'; style-src 'unsafe-inline'; "
                                          "img-src data:; base-uri 'none'; form-action 'none'"}});
        m_html.empty("meta", {{"name", "referrer"}, {"content", "no-referrer"}});
        m_html.empty("meta",
                     {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
        m_html.empty("meta", {{"name", "color-scheme"}, {"content", "light dark"}});
        m_html.empty("meta", {{"name", "generator"}, {"content", m_options.generator}});
        m_html.element("title",
                       "Your job search, " + range_words(m_stats.period.from, m_stats.period.to));
        m_html.style(k_css);
        m_html.close();
    }

    void header() {
        m_html.open("header");
        m_html.element("h1", "Your job search");
        const auto weeks = static_cast<long long>(m_stats.week_count);
        m_html.element("p",
                       range_words(m_stats.period.from, m_stats.period.to) + " · " +
                           plural(weeks, "week"),
                       {{"class", "range"}});
        if (m_stats.goal) {
            m_html.element("p", "Your goal: " + *m_stats.goal, {{"class", "goal"}});
        }
        m_html.element("p", headline(), {{"class", "headline"}});
        if (m_stats.any_records) {
            m_html.open("nav", {{"aria-label", "Sections"}});
            for (const auto& [id, title] :
                 std::vector<std::pair<std::string, std::string>>{{"wins", "Small wins"},
                                                                  {"flow", "Stage flow"},
                                                                  {"weeks", "Week by week"},
                                                                  {"answers", "Answers"},
                                                                  {"feedback", "Feedback"},
                                                                  {"reflections", "Reflections"},
                                                                  {"routine", "Routine"},
                                                                  {"signals", "Signals"}}) {
                m_html.element("a", title, {{"href", "#" + id}});
            }
            m_html.close();
        }
        m_html.close();
    }

    /// Wins and facts first: "5 small wins, 2 reflections and 15 rejections logged."
    std::string headline() const {
        const Figures& f = m_stats.total;
        const auto wins = static_cast<long long>(f.wins.size());
        const long long reflections = f.reflections;
        const long long rejections = f.rejections.total();
        std::vector<std::string> logged;
        if (wins > 0) {
            logged.push_back(plural(wins, "small win"));
        }
        if (reflections > 0) {
            logged.push_back(plural(reflections, "reflection"));
        }
        if (rejections > 0) {
            logged.push_back(plural(rejections, "rejection"));
        }
        if (logged.empty()) {
            return m_stats.any_records ? "Your routine is here; no rejections, wins or reflections "
                                         "logged in this range."
                                       : "A quiet stretch: nothing logged in this range.";
        }
        std::string out = and_list(logged) + " logged";
        if (wins == 0 && reflections == 0) {
            out += "; no wins or reflections yet";
        } else if (wins == 0) {
            out += "; no wins named yet";
        }
        return out + ".";
    }

    void wins() {
        open_section(m_html, "wins", "Small wins", false);
        const auto& wins = m_stats.total.wins;
        if (wins.empty()) {
            hint(m_html,
                 "None named in this range yet. Something went right, however small? Name it: ",
                 "bounceback log win \"…\"");
            m_html.close();
            return;
        }
        const std::size_t skipped = wins.size() > k_wins_listed ? wins.size() - k_wins_listed : 0;
        if (skipped > 0) {
            m_html.element("p",
                           "The latest " + std::to_string(k_wins_listed) + " of " +
                               count_text(static_cast<long long>(wins.size())) +
                               "; every one counts.",
                           {{"class", "note"}});
        }
        m_html.open("ol", {{"class", "wins"}});
        for (std::size_t i = skipped; i < wins.size(); ++i) {
            m_html.open("li");
            m_html.element("time", format_date(wins[i].date),
                           {{"datetime", format_date(wins[i].date)}});
            m_html.text(wins[i].text);
            m_html.close();
        }
        m_html.close();
        m_html.close();
    }

    void flow() {
        open_section(m_html, "flow", "How far applications went", false);
        const StageFlow& flow = m_figures.flow;
        if (flow.nodes.empty()) {
            m_html.element("p", "No rejections in this range.", {{"class", "note"}});
            m_html.close();
            return;
        }
        m_html.element("p",
                       "Each band is as wide as the applications it carries: from every "
                       "application on the left, through each stage reached, to where each one "
                       "ended.",
                       {{"class", "note"}});
        constexpr double width = 1000;
        constexpr double height = 340;
        constexpr double label_room = 150;
        constexpr double node_width = 14;
        const SankeyLayout layout =
            layout_sankey(flow, {0, 10, width - label_room, height - 20}, node_width, 34);
        m_html.open("figure");
        m_html.open("div", {{"class", "chart"}});
        open_svg(m_html, width, height, "wide flow",
                 "How far applications went, as a flow from applied to where each ended; "
                 "the table below holds the numbers.");
        for (std::size_t l = 0; l < flow.links.size(); ++l) {
            const FlowLink& link = flow.links[l];
            const FlowNode& target = flow.nodes[link.target];
            const char* css = target.kind == FlowNodeKind::ended      ? "band-ended"
                              : target.kind == FlowNodeKind::unlogged ? "band-unlogged"
                                                                      : "band-stage";
            m_html.open("path", {{"d", band_path(layout.bands[l])}, {"class", css}});
            m_html.element("title", flow.nodes[link.source].name + " → " + target.name + ": " +
                                        count_text(link.value));
            m_html.close();
        }
        for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
            const FlowNode& node = flow.nodes[i];
            const Rect& box = layout.nodes[i];
            const char* css = node.kind == FlowNodeKind::ended      ? "node-ended"
                              : node.kind == FlowNodeKind::unlogged ? "node-unlogged"
                                                                    : "node-stage";
            rect(m_html, box, css, node.name + ": " + count_text(node.value));
            const double middle = box.y + box.height / 2;
            m_html.open("text", {{"x", number(box.x + box.width + 6)},
                                 {"y", number(middle - 2)},
                                 {"class", "label"}});
            m_html.text(node.name);
            m_html.close();
            m_html.open("text", {{"x", number(box.x + box.width + 6)},
                                 {"y", number(middle + 13)},
                                 {"class", "label count"}});
            m_html.text(count_text(node.value));
            m_html.close();
        }
        m_html.close(); // svg
        m_html.close(); // div
        legend(m_html, {{"stage", "went on to the next stage"}, {"ended", "ended at this stage"}});
        m_html.close(); // figure

        const StageCounts& counts = m_stats.total.rejections;
        Table table{"How far applications went, in numbers",
                    {"Stage", "Reached it", "Ended there"},
                    {},
                    {false, true, true}};
        int reached = counts.total() - counts.unknown;
        for (std::size_t i = 0; i < counts.by_stage.size() && reached > 0; ++i) {
            table.rows.push_back({std::string(stage_name(static_cast<Stage>(i))),
                                  count_text(reached), count_text(counts.by_stage[i])});
            reached -= counts.by_stage[i];
        }
        if (counts.unknown > 0) {
            table.rows.push_back({"no stage logged", "", count_text(counts.unknown)});
        }
        table.rows.push_back({"every application", count_text(counts.total()), ""});
        write_table(m_html, table);
        m_html.close();
    }

    /// A panel of weekly bars with its axis; returns the height it took.
    void week_panel(const std::vector<int>& values, Rect area, std::string_view css,
                    std::string_view title, std::string_view noun) {
        const int largest = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
        const Axis axis = count_axis(largest, 3);
        svg_text(m_html, 0, area.y - 8, title, "small");
        for (double tick : axis.ticks) {
            const double y = linear(tick, 0, axis.top, area.y + area.height, area.y);
            line(m_html, area.x, y, area.x + area.width, y, "axis");
            svg_text(m_html, area.x - 6, y + 4, count_text(static_cast<long long>(tick)), "small",
                     "end");
        }
        const auto bars = layout_columns(values, area, axis.top);
        if (bars.size() > k_detailed_weeks) {
            m_html.empty("path", {{"d", rects_path(bars)}, {"class", css}});
            return;
        }
        for (std::size_t i = 0; i < bars.size(); ++i) {
            if (values[i] <= 0) {
                continue;
            }
            const WeekStats& week = m_stats.weeks[i];
            rect(m_html, bars[i], css,
                 week.label + " (from " + short_day(week.first_day) +
                     "): " + plural(values[i], noun));
        }
    }

    void weeks() {
        open_section(m_html, "weeks", "Rejections and wins, week by week", true);
        const auto& weeks = m_stats.weeks;
        std::vector<int> wins;
        std::vector<int> rejections;
        for (const auto& w : weeks) {
            wins.push_back(static_cast<int>(w.figures.wins.size()));
            rejections.push_back(w.figures.rejections.total());
        }
        constexpr double width = 720;
        constexpr double left = 40;
        const Rect win_area{left, 24, width - left - 4, 70};
        const Rect rejection_area{left, 130, width - left - 4, 110};
        const double height = rejection_area.y + rejection_area.height + 26;
        m_html.open("figure");
        m_html.open("div", {{"class", "chart recent"}});
        open_svg(m_html, width, height, "wide",
                 "Wins and rejections per week; the table below holds the numbers.");
        week_panel(wins, win_area, "bar-win", "Small wins", "win");
        week_panel(rejections, rejection_area, "bar-rejection", "Rejections", "rejection");
        for (const auto& [index, label] : week_ticks(weeks)) {
            const double x = slot_middle(index, weeks.size(), rejection_area);
            svg_text(m_html, x, height - 8, label, "small",
                     weeks.size() <= 14 ? "middle" : "start");
        }
        m_html.close();
        m_html.close();
        m_html.close();
        Table table{"Wins and rejections per week",
                    {"Week", "From", "Small wins", "Rejections"},
                    {},
                    {false, false, true, true}};
        for (const auto& w : weeks) {
            table.rows.push_back({w.label, format_date(w.figures.from),
                                  count_text(static_cast<long long>(w.figures.wins.size())),
                                  count_text(w.figures.rejections.total())});
        }
        write_table(m_html, table);
        m_html.close();
    }

    void answers() {
        open_section(m_html, "answers", "Days from application to answer", true);
        const AnswerSpread& spread = m_figures.answers;
        if (spread.bins.empty()) {
            hint(m_html,
                 "No rejection in this range has the day you applied. Add it to see how long "
                 "answers take: ",
                 "bounceback log edit ID --applied DATE");
            m_html.close();
            return;
        }
        if (spread.median) {
            const bool whole = *spread.median == std::floor(*spread.median);
            m_html.element("p",
                           "Half of the answers came within " + std::string(whole ? "" : "about ") +
                               plural(std::lround(*spread.median), "day") +
                               " (the middle value, from the " + plural(spread.count, "rejection") +
                               " logged with the day you applied).");
        }
        std::vector<int> counts;
        for (const auto& bin : spread.bins) {
            counts.push_back(bin.count);
        }
        constexpr double width = 720;
        const Rect area{40, 16, width - 44, 150};
        const double height = area.y + area.height + 30;
        const int largest = *std::max_element(counts.begin(), counts.end());
        const Axis axis = count_axis(largest, 4);
        m_html.open("figure");
        m_html.open("div", {{"class", "chart"}});
        open_svg(m_html, width, height, "wide",
                 "How many answers took how many days, with the middle value marked; the table "
                 "below holds the numbers.");
        for (double tick : axis.ticks) {
            const double y = linear(tick, 0, axis.top, area.y + area.height, area.y);
            line(m_html, area.x, y, area.x + area.width, y, "axis");
            svg_text(m_html, area.x - 6, y + 4, count_text(static_cast<long long>(tick)), "small",
                     "end");
        }
        const auto bars = layout_columns(counts, area, axis.top);
        for (std::size_t i = 0; i < bars.size(); ++i) {
            if (counts[i] > 0) {
                rect(m_html, bars[i], "bar-answer",
                     bin_words(spread.bins[i]) + ": " + plural(counts[i], "answer"));
            }
        }
        const std::size_t every = spread.bins.size() <= 12 ? 1 : 2;
        for (std::size_t i = 0; i < spread.bins.size(); i += every) {
            svg_text(m_html, slot_middle(i, spread.bins.size(), area), height - 10,
                     spread.width == 1 ? std::to_string(spread.bins[i].from)
                                       : std::to_string(spread.bins[i].from) + "–" +
                                             std::to_string(spread.bins[i].to),
                     "small", "middle");
        }
        if (spread.median) {
            const double x = linear(*spread.median + 0.5, spread.bins.front().from,
                                    spread.bins.back().to + 1, area.x, area.x + area.width);
            line(m_html, x, area.y - 4, x, area.y + area.height, "median");
            svg_text(m_html, x + 4, area.y + 8, "middle: " + decimal(*spread.median),
                     "small median-label");
        }
        m_html.close();
        m_html.close();
        m_html.element("figcaption",
                       "Days, counted from the day you applied to the day the answer came.");
        m_html.close();
        Table table{"Answers by days waited", {"Days", "Answers"}, {}, {false, true}};
        for (const auto& bin : spread.bins) {
            table.rows.push_back({bin_words(bin), count_text(bin.count)});
        }
        if (spread.median) {
            table.rows.push_back({"middle value", decimal(*spread.median) + " days"});
        }
        write_table(m_html, table);
        m_html.close();
    }

    static std::string bin_words(const DayBin& bin) {
        return bin.from == bin.to
                   ? plural(bin.from, "day")
                   : std::to_string(bin.from) + " to " + std::to_string(bin.to) + " days";
    }

    void feedback() {
        open_section(m_html, "feedback", "Feedback", false);
        const Figures& f = m_stats.total;
        const int asked = f.feedback_requested;
        const int answered = f.requests_answered;
        const int waiting = std::max(asked - answered, 0);
        if (asked == 0 && f.feedback_received == 0 && m_stats.follow_ups_due.empty()) {
            hint(m_html,
                 "No feedback asked for in this range. A short, polite request drafts itself: ",
                 "bounceback feedback-email ID");
            m_html.close();
            return;
        }
        std::string words;
        if (asked > 0) {
            words = std::to_string(answered) + " of " + plural(asked, "request") +
                    " answered so far; " + std::to_string(waiting) + " waiting.";
        } else {
            words = "No new requests in this range.";
        }
        if (f.feedback_received > 0) {
            words += " " + plural(f.feedback_received, "answer") + " came in this range.";
        }
        m_html.element("p", words);
        if (asked > 0) {
            constexpr double width = 720;
            const std::vector<int> parts{answered, waiting};
            const auto segments = layout_stack(parts, {0, 4, width, 32});
            m_html.open("figure");
            m_html.open("div", {{"class", "chart"}});
            open_svg(m_html, width, 40, "wide",
                     "Requests for feedback: answered and waiting; the table below holds the "
                     "numbers.");
            if (answered > 0) {
                rect(m_html, segments[0], "answered", plural(answered, "request") + " answered");
            }
            if (waiting > 0) {
                rect(m_html, segments[1], "waiting", plural(waiting, "request") + " waiting");
            }
            m_html.close();
            m_html.close();
            legend(m_html, {{"answered", "answered"}, {"waiting", "waiting"}});
            m_html.close();
        }
        Table table{"Feedback in numbers", {"", "Requests"}, {}, {false, true}};
        table.rows.push_back({"asked for in this range", count_text(asked)});
        table.rows.push_back({"answered so far", count_text(answered)});
        table.rows.push_back({"waiting", count_text(waiting)});
        table.rows.push_back({"answers received in this range", count_text(f.feedback_received)});
        write_table(m_html, table);
        const auto& due = m_stats.follow_ups_due;
        if (!due.empty()) {
            m_html.element("h3", "Ready for a gentle follow-up");
            m_html.open("ul", {{"class", "follow-ups"}});
            for (std::size_t i = 0; i < std::min(due.size(), k_follow_ups_listed); ++i) {
                m_html.element("li", std::to_string(due[i].id) + " " + due[i].company + ", asked " +
                                         format_date(due[i].requested));
            }
            if (due.size() > k_follow_ups_listed) {
                m_html.open("li");
                m_html.text("and " +
                            count_text(static_cast<long long>(due.size() - k_follow_ups_listed)) +
                            " more: ");
                m_html.element("code", "bounceback feedback-email --due");
                m_html.close();
            }
            m_html.close();
            hint(m_html, "A gentle reminder: ",
                 "bounceback feedback-email " + std::to_string(due.front().id) +
                     " --template follow-up");
        }
        m_html.close();
    }

    void reflections() {
        open_section(m_html, "reflections", "Reflections", true);
        const Figures& f = m_stats.total;
        std::string words = f.reflections == 0
                                ? std::string("No reflections in this range yet")
                                : plural(f.reflections, "reflection") + " in this range";
        if (auto mood = f.mood()) {
            words += "; mood " + decimal(*mood) + " of 5 on average (from " +
                     plural(static_cast<long long>(f.moods.size()), "entry", "entries") + ")";
        }
        m_html.element("p", words + ".");
        if (f.reflections == 0) {
            hint(m_html, "When you are ready: ", "bounceback reflect");
        }
        if (!f.moods.empty()) {
            mood_chart();
        }
        themes("To work on", m_stats.themes.improve, "theme-improve");
        themes("Strengths", m_stats.themes.strengths, "theme-strength");
        if (m_stats.themes.improve.empty() && m_stats.themes.strengths.empty() &&
            f.reflections > 0) {
            m_html.element("p", "Themes appear here once something comes up twice.",
                           {{"class", "note"}});
        }
        m_html.close();
    }

    void mood_chart() {
        const auto& weeks = m_stats.weeks;
        std::vector<std::optional<double>> moods;
        for (const auto& w : weeks) {
            moods.push_back(w.figures.mood());
        }
        constexpr double width = 720;
        const Rect area{40, 14, width - 44, 130};
        const double height = area.y + area.height + 28;
        m_html.element("h3", "Mood, week by week");
        m_html.open("figure");
        m_html.open("div", {{"class", "chart recent"}});
        open_svg(m_html, width, height, "wide",
                 "Average mood per week, from 1 (awful) to 5 (great); the table below holds the "
                 "numbers.");
        for (int level = 1; level <= 5; ++level) {
            const double y = linear(level, 1, 5, area.y + area.height, area.y);
            line(m_html, area.x, y, area.x + area.width, y, "axis");
            svg_text(m_html, area.x - 6, y + 4, std::to_string(level), "small", "end");
        }
        const LineLayout layout = layout_line(moods, 1, 5, area);
        for (const auto& run : layout.runs) {
            m_html.empty("path", {{"d", line_path(run)}, {"class", "mood-line"}});
        }
        const double radius = weeks.size() <= 60 ? 4 : 2.5;
        for (std::size_t i = 0; i < layout.points.size() && weeks.size() <= k_detailed_weeks; ++i) {
            const WeekStats& week = weeks[layout.slots[i]];
            m_html.open("circle", {{"cx", number(layout.points[i].x)},
                                   {"cy", number(layout.points[i].y)},
                                   {"r", number(radius)},
                                   {"class", "mood-point"}});
            m_html.element("title", week.label + " (from " + short_day(week.first_day) +
                                        "): mood " + decimal(*week.figures.mood()));
            m_html.close();
        }
        for (const auto& [index, label] : week_ticks(weeks)) {
            svg_text(m_html, slot_middle(index, weeks.size(), area), height - 8, label, "small",
                     weeks.size() <= 14 ? "middle" : "start");
        }
        m_html.close();
        m_html.close();
        m_html.element("figcaption", "1 is awful, 5 is great: the average of the moods and "
                                     "feelings logged each week.");
        m_html.close();
        Table table{
            "Mood per week", {"Week", "From", "Mood", "Entries"}, {}, {false, false, true, true}};
        for (const auto& w : weeks) {
            if (auto mood = w.figures.mood()) {
                table.rows.push_back({w.label, format_date(w.figures.from), decimal(*mood),
                                      count_text(static_cast<long long>(w.figures.moods.size()))});
            }
        }
        write_table(m_html, table);
    }

    void themes(std::string_view title, const std::vector<Theme>& themes, std::string_view css) {
        if (themes.empty()) {
            return;
        }
        m_html.element("h3", title);
        std::vector<int> counts;
        for (const auto& t : themes) {
            counts.push_back(t.count);
        }
        constexpr double width = 720;
        constexpr double label_width = 260;
        constexpr double row = 26;
        const double height = row * static_cast<double>(themes.size()) + 4;
        const int largest = *std::max_element(counts.begin(), counts.end());
        const auto bars = layout_rows(
            counts, {label_width, 2, width - label_width - 40, height - 4}, largest, row);
        m_html.open("figure");
        m_html.open("div", {{"class", "chart"}});
        open_svg(m_html, width, height, "wide",
                 std::string(title) + ": how often each theme came up; the table below holds the "
                                      "numbers.");
        for (std::size_t i = 0; i < themes.size(); ++i) {
            const double middle = bars[i].y + bars[i].height / 2 + 4;
            svg_text(m_html, label_width - 8, middle, themes[i].text, "", "end");
            rect(m_html, bars[i], css, themes[i].text + ": " + plural(themes[i].count, "time"), 2);
            svg_text(m_html, bars[i].x + bars[i].width + 6, middle, std::to_string(themes[i].count),
                     "count");
        }
        m_html.close();
        m_html.close();
        m_html.close();
        Table table{std::string(title) + ", in numbers",
                    {"Theme", "Came up", "Last"},
                    {},
                    {false, true, false}};
        for (const auto& t : themes) {
            table.rows.push_back({t.text, plural(t.count, "time"), format_date(t.last)});
        }
        write_table(m_html, table);
    }

    void routine() {
        open_section(m_html, "routine", "Routine", true);
        const bool started =
            std::any_of(m_stats.weeks.begin(), m_stats.weeks.end(), [](const WeekStats& w) {
                return std::any_of(w.routine.begin(), w.routine.end(), [](const HabitWeek& h) {
                    return h.tally.result != WeekResult::not_started;
                });
            });
        if (!started) {
            hint(m_html,
                 "No check-ins yet. A little movement or time with friends helps on hard weeks: ",
                 "bounceback routine done exercise");
            m_html.close();
            return;
        }
        m_html.element("p", "Rest counts toward the week and never breaks a streak.",
                       {{"class", "note"}});
        legend(m_html, {{"done", "done"}, {"rest", "rest day"}, {"open", "no check-in"}});
        for (std::size_t h = 0; h < m_stats.routine.size(); ++h) {
            const HabitSummary& habit = m_stats.routine[h];
            const HabitCalendar* calendar = nullptr;
            for (const auto& c : m_figures.calendars) {
                if (c.habit == habit.habit) {
                    calendar = &c;
                }
            }
            habit_block(habit, calendar);
        }
        routine_table();
        m_html.close();
    }

    std::string streak_words(const HabitSummary& h) const {
        if (h.streak == 0) {
            return "no streak running";
        }
        return "streak " + std::to_string(h.streak) + " " +
               (h.daily ? (h.streak == 1 ? "day" : "days") : (h.streak == 1 ? "week" : "weeks"));
    }

    void habit_block(const HabitSummary& habit, const HabitCalendar* calendar) {
        m_html.open("div", {{"class", "habit"}});
        m_html.element("h3", habit.habit);
        std::string line =
            plural(habit.config.per_week, "day") + " a week · " + streak_words(habit);
        if (!habit.config.description.empty()) {
            line += " · " + habit.config.description;
        }
        m_html.element("p", line, {{"class", "habit-line"}});
        if (calendar != nullptr && calendar->weeks > 0) {
            calendar_chart(*calendar);
        }
        if (m_stats.weeks.size() > static_cast<std::size_t>(k_calendar_weeks)) {
            week_strip(habit);
        }
        m_html.close();
    }

    /// Every habit's weeks in one table: the days done (and rest days) against the target, and
    /// how the week went.
    void routine_table() {
        Table table{"The routine, week by week", {"Week", "From"}, {}, {false, false}};
        for (const auto& h : m_stats.routine) {
            table.header.push_back(h.habit);
        }
        for (const auto& w : m_stats.weeks) {
            std::vector<std::string> row{w.label, format_date(w.first_day)};
            bool any = false;
            for (const auto& hw : w.routine) {
                const WeekTally& t = hw.tally;
                if (t.result == WeekResult::not_started) {
                    row.emplace_back();
                    continue;
                }
                any = true;
                // "2 of 3, met"; with rest days, which count toward the target:
                // "1 done + 2 rest of 3, met".
                const std::string days = t.skipped > 0 ? std::to_string(t.done) + " done + " +
                                                             std::to_string(t.skipped) + " rest"
                                                       : std::to_string(t.done);
                row.push_back(days + " of " + std::to_string(t.target) + ", " +
                              std::string(week_result_words(t.result)));
            }
            if (any) {
                table.rows.push_back(std::move(row));
            }
        }
        write_table(m_html, table);
    }

    void calendar_chart(const HabitCalendar& calendar) {
        CalendarLayout layout;
        layout.weeks = calendar.weeks;
        layout.area = {34, 18, 0, 0};
        // As big as a few weeks allow, as small as a year needs: a day's square is 10 to 18.
        const double pitch =
            std::clamp(std::floor(686.0 / std::max(calendar.weeks, 1)), 12.0, 21.0);
        layout.gap = pitch >= 16 ? 3 : 2;
        layout.cell = pitch - layout.gap;
        const double width = layout.area.x + layout.width() + 2;
        const double height = layout.area.y + layout.height() + 2;
        m_html.open("figure");
        m_html.open("div", {{"class", "chart"}});
        open_svg(m_html, width, height, "calendar",
                 calendar.habit + ", day by day over the last " + plural(calendar.weeks, "week") +
                     ": done, rest day or no check-in.");
        const bool monday = m_stats.week_start == WeekStart::monday;
        const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        for (int d = 0; d < 7; d += 2) {
            const Rect cell = layout.day(0, d);
            svg_text(m_html, layout.area.x - 5, cell.y + cell.height - 1,
                     names[(d + (monday ? 0 : 6)) % 7], "small", "end");
        }
        // A month's name over its first week, where there is room for it: not over the first
        // column when the next month starts two columns later, nor too close to the one before.
        double last_label = -1e9;
        for (int w = 0; w < calendar.weeks; ++w) {
            const Date first = util::add_days(calendar.first_day, 7 * w);
            const bool starts_month =
                w == 0 || month_index(first) != month_index(util::add_days(first, -7));
            const bool crowded_first = w == 0 && calendar.weeks > 2 &&
                                       month_index(util::add_days(first, 14)) != month_index(first);
            const double x = layout.day(w, 0).x;
            if (starts_month && !crowded_first && x - last_label >= 30) {
                svg_text(m_html, x, 11, std::string(k_months[month_index(first)]).substr(0, 3),
                         "small");
                last_label = x;
            }
            for (int d = 0; d < 7; ++d) {
                const auto index = static_cast<std::size_t>(7 * w + d);
                const CalendarDay day = calendar.days[index];
                if (day == CalendarDay::outside || day == CalendarDay::before) {
                    continue; // not in the range, or before the habit started: nothing to show
                }
                const Date date = util::add_days(calendar.first_day, static_cast<int>(index));
                Rect cell = layout.day(w, d);
                if (day == CalendarDay::open || day == CalendarDay::future) {
                    cell = {cell.x + 0.5, cell.y + 0.5, cell.width - 1, cell.height - 1};
                }
                rect(m_html, cell, calendar_day_name(day),
                     format_date(date) + ": " + day_words_of(day), 2);
            }
        }
        m_html.close();
        m_html.close();
        m_html.close();
    }

    static std::string day_words_of(CalendarDay day) {
        switch (day) {
        case CalendarDay::done:
            return "done";
        case CalendarDay::rest:
            return "rest day";
        case CalendarDay::open:
            return "no check-in";
        case CalendarDay::future:
            return "still to come";
        case CalendarDay::before:
            return "before the first check-in";
        case CalendarDay::outside:
            return "";
        }
        return "";
    }

    /// Every week of a long range, one square each: met, a rest week, in progress or not met.
    void week_strip(const HabitSummary& habit) {
        const auto& weeks = m_stats.weeks;
        constexpr double width = 720;
        const Rect area{0, 16, width, 14};
        m_html.open("figure");
        m_html.open("div", {{"class", "chart recent"}});
        open_svg(m_html, width, area.y + area.height + 18, "wide",
                 habit.habit + ", week by week over the whole range: met, rest week or not.");
        const bool folded = std::any_of(weeks.begin(), weeks.end(),
                                        [](const WeekStats& w) { return w.folded_before > 0; });
        svg_text(m_html, 0, 11,
                 folded ? "Every week of the range but long stretches with nothing logged"
                        : "Every week of the range",
                 "small");
        const double slot = area.width / static_cast<double>(weeks.size());
        // One shape per result: hundreds of weeks, the numbers in the table below.
        std::map<WeekResult, std::vector<Rect>> by_result;
        for (std::size_t i = 0; i < weeks.size(); ++i) {
            for (const auto& hw : weeks[i].routine) {
                if (hw.habit == habit.habit && hw.tally.result != WeekResult::not_started) {
                    by_result[hw.tally.result].push_back(
                        {area.x + slot * static_cast<double>(i), area.y, slot, area.height});
                }
            }
        }
        for (const auto& [result, cells] : by_result) {
            const char* css = result == WeekResult::met       ? "done"
                              : result == WeekResult::rest    ? "rest"
                              : result == WeekResult::running ? "running"
                                                              : "missed";
            m_html.empty("path", {{"d", rects_path(cells)}, {"class", css}});
        }
        for (const auto& [index, label] : week_ticks(weeks)) {
            svg_text(m_html, slot * static_cast<double>(index), area.y + area.height + 14, label,
                     "small");
        }
        m_html.close();
        m_html.close();
        m_html.close();
    }

    void signals() {
        open_section(m_html, "signals", "Signals", true);
        if (m_stats.signals.empty()) {
            m_html.element("p", no_signals_message(m_stats));
        } else {
            // One step on a hard week: the rest folded away until the person opens it.
            const std::size_t held_back = signals_held_back(m_stats, false);
            const std::size_t shown = m_stats.signals.size() - held_back;
            auto list = [&](std::size_t from, std::size_t to) {
                m_html.open("ul", {{"class", "signals"}});
                for (std::size_t i = from; i < to; ++i) {
                    m_html.element("li", m_stats.signals[i].message,
                                   {{"data-signal", m_stats.signals[i].id}});
                }
                m_html.close();
            };
            list(0, shown);
            if (held_back > 0) {
                m_html.open("details", {{"class", "more-signals"}});
                m_html.element("summary", (held_back == 1 ? std::string("One more suggestion")
                                                          : std::to_string(held_back) +
                                                                " more suggestions") +
                                              ", for when you are ready");
                list(shown, m_stats.signals.size());
                m_html.close();
            }
        }
        m_html.close();
    }

    void footer() {
        m_html.open("footer");
        m_html.element("p", "Made by " + m_options.generator + " on " + day_words(m_options.made) +
                                ". This page is private: it holds what you logged, and it loads "
                                "nothing from anywhere.");
        m_html.close();
    }

    const ReportFigures& m_figures;
    const Stats& m_stats;
    const PageOptions& m_options;
    HtmlWriter m_html;
};

} // namespace

std::string render_page(const ReportFigures& figures, const PageOptions& options) {
    return Page(figures, options).render();
}

} // namespace bb::report
