// The report page's sections on applications: how far they went, week by week, and the answers.

#include "page_markup.hpp"
#include "page_sections.hpp"
#include "page_words.hpp"

#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace bb::report::detail {

using util::format_date;

void Page::flow() {
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
        m_html.open(
            "text",
            {{"x", number(box.x + box.width + 6)}, {"y", number(middle - 2)}, {"class", "label"}});
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
        table.rows.push_back({std::string(stage_name(static_cast<Stage>(i))), count_text(reached),
                              count_text(counts.by_stage[i])});
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
void Page::week_panel(const std::vector<int>& values, Rect area, std::string_view css,
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
             week.label + " (from " + short_day(week.first_day) + "): " + plural(values[i], noun));
    }
}

void Page::weeks() {
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
        svg_text(m_html, x, height - 8, label, "small", weeks.size() <= 14 ? "middle" : "start");
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

void Page::answers() {
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
        m_html.element(
            "p", "Half of the answers came within " + std::string(whole ? "" : "about ") +
                     plural(std::lround(*spread.median), "day") + " (the middle value, from the " +
                     plural(spread.count, "rejection") + " logged with the day you applied).");
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

std::string Page::bin_words(const DayBin& bin) {
    return bin.from == bin.to
               ? plural(bin.from, "day")
               : std::to_string(bin.from) + " to " + std::to_string(bin.to) + " days";
}

} // namespace bb::report::detail
