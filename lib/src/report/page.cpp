#include "bounceback/report/page.hpp"

#include "page_markup.hpp"
#include "page_sections.hpp"
#include "page_style.hpp"
#include "page_words.hpp"

#include "bounceback/core/signals.hpp"
#include "bounceback/util/date.hpp"

#include <string>
#include <utility>
#include <vector>

namespace bb::report {

namespace detail {

using util::format_date;

Page::Page(const ReportFigures& figures, const PageOptions& options)
    : m_figures(figures), m_stats(figures.stats), m_options(options) {}

std::string Page::render() {
    head();
    m_html.open("body");
    header();
    wins();
    if (!m_stats.any_records) {
        hint(m_html, "If a rejection comes, logging it takes seconds: ", "bounceback log COMPANY");
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

void Page::head() {
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

void Page::header() {
    m_html.open("header");
    m_html.element("h1", "Your job search");
    const auto weeks = static_cast<long long>(m_stats.week_count);
    m_html.element(
        "p", range_words(m_stats.period.from, m_stats.period.to) + " · " + plural(weeks, "week"),
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
std::string Page::headline() const {
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

void Page::wins() {
    open_section(m_html, "wins", "Small wins", false);
    const auto& wins = m_stats.total.wins;
    if (wins.empty()) {
        hint(m_html, "None named in this range yet. Something went right, however small? Name it: ",
             "bounceback log win \"…\"");
        m_html.close();
        return;
    }
    const std::size_t skipped = wins.size() > k_wins_listed ? wins.size() - k_wins_listed : 0;
    if (skipped > 0) {
        m_html.element("p",
                       "The latest " + std::to_string(k_wins_listed) + " of " +
                           count_text(static_cast<long long>(wins.size())) + "; every one counts.",
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

void Page::signals() {
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
            m_html.element("summary",
                           (held_back == 1 ? std::string("One more suggestion")
                                           : std::to_string(held_back) + " more suggestions") +
                               ", for when you are ready");
            list(shown, m_stats.signals.size());
            m_html.close();
        }
    }
    m_html.close();
}

void Page::footer() {
    m_html.open("footer");
    m_html.element("p", "Made by " + m_options.generator + " on " + day_words(m_options.made) +
                            ". This page is private: it holds what you logged, and it loads "
                            "nothing from anywhere.");
    m_html.close();
}

} // namespace detail

std::string render_page(const ReportFigures& figures, const PageOptions& options) {
    return detail::Page(figures, options).render();
}

} // namespace bb::report
