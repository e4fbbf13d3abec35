#pragma once
// Internal to the report page: the page and its sections. The page opens with the wins
// (page.cpp); then come how far applications went, week by week and how long answers took
// (page_applications.cpp), feedback and reflections (page_feedback.cpp), the routine
// (page_routine.cpp), and the signals (page.cpp).

#include "bounceback/core/report_figures.hpp"
#include "bounceback/report/charts.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/report/page.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bb::report::detail {

/// One report page being written: `render` walks the sections in order, each writing its
/// heading, chart and table of numbers into one HtmlWriter.
class Page {
  public:
    Page(const ReportFigures& figures, const PageOptions& options);

    std::string render();

  private:
    void head();
    void header();
    std::string headline() const;
    void wins();

    void flow();
    void week_panel(const std::vector<int>& values, Rect area, std::string_view css,
                    std::string_view title, std::string_view noun);
    void weeks();
    void answers();
    static std::string bin_words(const DayBin& bin);

    void feedback();
    void reflections();
    void mood_chart();
    void themes(std::string_view title, const std::vector<Theme>& themes, std::string_view css);

    void routine();
    std::string streak_words(const HabitSummary& h) const;
    void habit_block(const HabitSummary& habit, const HabitCalendar* calendar);
    void routine_table();
    void calendar_chart(const HabitCalendar& calendar);
    static std::string day_words_of(CalendarDay day);
    void week_strip(const HabitSummary& habit);

    void signals();
    void footer();

    const ReportFigures& m_figures;
    const Stats& m_stats;
    const PageOptions& m_options;
    HtmlWriter m_html;
};

} // namespace bb::report::detail
