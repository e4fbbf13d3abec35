// The report page's sections on feedback, reflections, mood and themes.

#include "page_markup.hpp"
#include "page_sections.hpp"
#include "page_words.hpp"

#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace bb::report::detail {

using util::format_date;

void Page::feedback() {
    open_section(m_html, "feedback", "Feedback", false);
    const Figures& f = m_stats.total;
    const int asked = f.feedback_requested;
    const int answered = f.requests_answered;
    const int waiting = std::max(asked - answered, 0);
    if (asked == 0 && f.feedback_received == 0 && m_stats.follow_ups_due.empty()) {
        hint(m_html, "No feedback asked for in this range. A short, polite request drafts itself: ",
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

void Page::reflections() {
    open_section(m_html, "reflections", "Reflections", true);
    const Figures& f = m_stats.total;
    std::string words = f.reflections == 0 ? std::string("No reflections in this range yet")
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
    if (m_stats.themes.improve.empty() && m_stats.themes.strengths.empty() && f.reflections > 0) {
        m_html.element("p", "Themes appear here once something comes up twice.",
                       {{"class", "note"}});
    }
    m_html.close();
}

void Page::mood_chart() {
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
        m_html.element("title", week.label + " (from " + short_day(week.first_day) + "): mood " +
                                    decimal(*week.figures.mood()));
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

void Page::themes(std::string_view title, const std::vector<Theme>& themes, std::string_view css) {
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
    const auto bars =
        layout_rows(counts, {label_width, 2, width - label_width - 40, height - 4}, largest, row);
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

} // namespace bb::report::detail
