#include "stats_text.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/signals.hpp>
#include <bounceback/core/stage_flow.hpp>
#include <bounceback/core/stats.hpp>
#include <bounceback/core/stats_output.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/stats_reader.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <initializer_list>

namespace bb::cli {

using util::format_date;

namespace {

/// Wins listed by name before the rest are summed up.
constexpr std::size_t k_wins_listed = 10;
/// Follow-ups listed before the rest are summed up.
constexpr std::size_t k_follow_ups_listed = 5;
/// The widest a trend bar gets, in columns.
constexpr int k_bar_width = 24;
/// Where signal sentences are wrapped.
constexpr std::size_t k_text_width = 78;

// ---- human output -----------------------------------------------------------------------


/// `text` wrapped at k_text_width columns, the first line after `first`, the others after
/// `rest` (both counted in the width).
std::vector<std::string> wrap(const std::string& text, const std::string& first,
                              const std::string& rest) {
    std::vector<std::string> lines;
    std::string line = first;
    std::size_t width = util::display_width(first);
    bool empty = true;
    for (const auto& word : util::split_words(text)) {
        const std::size_t w = util::display_width(word);
        if (!empty && width + 1 + w > k_text_width) {
            lines.push_back(line);
            line = rest;
            width = util::display_width(rest);
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        width += (empty ? 0 : 1) + w;
        empty = false;
    }
    lines.push_back(line);
    return lines;
}

/// Pads each cell of `columns` (indexes) on the left so numbers line up on the right.
void align_right(std::vector<std::vector<std::string>>& rows,
                 std::initializer_list<std::size_t> columns) {
    for (std::size_t c : columns) {
        std::size_t width = 0;
        for (const auto& row : rows) {
            width = std::max(width, util::display_width(row[c]));
        }
        for (auto& row : rows) {
            row[c] = std::string(width - util::display_width(row[c]), ' ') + row[c];
        }
    }
}

/// Prints `rows` as a table indented by two spaces, the first row in bold.
void print_table(const std::vector<std::vector<std::string>>& rows, const Ui& ui, bool header) {
    const auto lines = util::render_table(rows, 48);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        say("  {}\n", header && i == 0 ? ui.bold(lines[i]) : lines[i]);
    }
}

void heading(std::string_view title, const Ui& ui) {
    say("\n{}\n", ui.bold(title));
}

/// True when the chosen week holds today.
bool is_current_week(const Stats& stats) {
    return stats.period.week_view && stats.focus.from <= stats.today &&
           stats.today <= stats.focus.to;
}

/// "this week", "that week" or "in this range": the focus, in words.
std::string focus_words(const Stats& stats) {
    if (!stats.period.week_view) {
        return "in this range";
    }
    return is_current_week(stats) ? "this week" : "that week";
}

/// "these 8 weeks" or "this week".
std::string trend_words(const Stats& stats) {
    return stats.week_count == 1 ? "this week" : fmt::format("these {} weeks", stats.week_count);
}

/// "… 412 weeks with nothing logged …": a folded run of weeks, in the trend.
std::string folded_words(int weeks) {
    return fmt::format("… {} with nothing logged …", plural(weeks, "week"));
}

/// "This week: 2 reflections and 6 rejections logged; no wins yet." Wins and reflections come
/// first, and what is at zero is named once at the end, never counted; an empty focus is quiet.
std::string headline_counts(const Figures& f, const Stats& stats) {
    const bool current = stats.period.week_view && is_current_week(stats);
    std::string focus = focus_words(stats);
    focus[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(focus[0])));
    const int wins = static_cast<int>(f.wins.size());
    const int rejections = f.rejections.total();
    if (wins == 0 && f.reflections == 0 && rejections == 0) {
        return !stats.period.week_view ? "Nothing logged in this range."
               : current               ? "A quiet week so far."
                                       : "A quiet week.";
    }
    std::vector<std::string> logged;
    std::vector<std::string> none;
    for (const auto& [count, noun] : {std::pair<int, const char*>{wins, "win"},
                                      std::pair<int, const char*>{f.reflections, "reflection"}}) {
        if (count > 0) {
            logged.push_back(plural(count, noun));
        } else {
            none.push_back(std::string(noun) + "s");
        }
    }
    if (rejections > 0) {
        logged.push_back(plural(rejections, "rejection"));
    }
    std::string line = focus + ": " + util::and_list(logged) + " logged";
    if (!none.empty()) {
        line += "; no " + util::join(none, " or ") + (current ? " yet" : "");
    }
    return line + ".";
}

void print_headline(const Stats& stats, const Ui& ui) {
    if (stats.period.week_view) {
        const auto& week = stats.weeks.back();
        say("{}\n", ui.bold(fmt::format("Week {}, {} to {}", week.label,
                                               format_date(week.figures.from),
                                               format_date(week.figures.to))));
    } else {
        say("{}\n", ui.bold(fmt::format("{} to {}, {}", format_date(stats.period.from),
                                               format_date(stats.period.to),
                                               plural(stats.week_count, "week"))));
    }
    if (stats.goal) {
        say("{}\n", ui.dim("Your goal: " + *stats.goal));
    }
    const Figures& f = stats.focus;
    if (!stats.any_records) {
        say("Nothing logged {}{}.\n", stats.period.week_view ? "in " : "",
                   stats.period.week_view ? trend_words(stats) : "in this range");
        return;
    }
    say("{}\n", headline_counts(f, stats));
}

void print_wins(const Stats& stats, const Ui& ui) {
    heading("Small wins", ui);
    const auto& wins = stats.focus.wins;
    if (wins.empty()) {
        say("  None logged {}{}. Something went right, however small? Name it:\n"
                   "  bounceback log win \"…\"\n",
                   focus_words(stats),
                   stats.period.week_view && !is_current_week(stats) ? "" : " yet");
        return;
    }
    const std::size_t skipped = wins.size() > k_wins_listed ? wins.size() - k_wins_listed : 0;
    if (skipped > 0) {
        say("  {}\n",
                   ui.dim(fmt::format("… {} earlier (bounceback log win list)", skipped)));
    }
    for (std::size_t i = skipped; i < wins.size(); ++i) {
        say("  {}  {}\n", format_date(wins[i].date), ui.good(util::one_line(wins[i].text)));
    }
}

std::string signed_change(int change) {
    return change > 0 ? fmt::format("+{}", change) : fmt::format("{}", change);
}

void print_rejections(const Stats& stats, const Ui& ui) {
    heading("Rejections by stage", ui);
    const StageCounts& now = stats.focus.rejections;
    std::vector<std::vector<std::string>> rows;
    auto stage_rows = [&](auto&& row) {
        for (std::size_t i = 0; i < now.by_stage.size(); ++i) {
            row(stage_names()[i], now.by_stage[i],
                stats.previous ? stats.previous->rejections.by_stage[i] : 0);
        }
        row("no stage logged", now.unknown,
            stats.previous ? stats.previous->rejections.unknown : 0);
    };
    if (stats.previous) {
        const StageCounts& before = stats.previous->rejections;
        if (now.total() == 0 && before.total() == 0) {
            say("  None {}, and none the week before.\n", focus_words(stats));
            return;
        }
        rows.push_back({"", focus_words(stats), "week before", "change"});
        stage_rows([&](const std::string& name, int n, int b) {
            if (n > 0 || b > 0) {
                rows.push_back({name, std::to_string(n), std::to_string(b), signed_change(n - b)});
            }
        });
        rows.push_back({"total", std::to_string(now.total()), std::to_string(before.total()),
                        signed_change(now.total() - before.total())});
        align_right(rows, {1, 2, 3});
    } else {
        if (now.total() == 0) {
            say("  None {}.\n", focus_words(stats));
            return;
        }
        rows.push_back({"", "rejections", "share"});
        stage_rows([&](const std::string& name, int n, int) {
            if (n > 0) {
                rows.push_back({name, std::to_string(n),
                                fmt::format("{}%", std::lround(100.0 * n / now.total()))});
            }
        });
        rows.push_back({"total", std::to_string(now.total()), "100%"});
        align_right(rows, {1, 2});
    }
    print_table(rows, ui, true);
}

/// "referral (personal)": a channel as the by-source table names it.
std::string channel_cell(const SourceFigures& channel) {
    return channel.personal ? channel.written + " (personal)" : channel.written;
}

void print_sources(const Stats& stats, const Ui& ui) {
    heading(stats.period.week_view && stats.week_count > 1
                ? fmt::format("By source, {}", trend_words(stats))
                : "By source",
            ui);
    const SourceBreakdown& sources = stats.sources;
    if (sources.channels.empty()) {
        const std::string when = !stats.period.week_view ? std::string("in this range")
                                 : stats.week_count == 1 ? trend_words(stats)
                                                         : "in " + trend_words(stats);
        for (const auto& line : wrap(fmt::format("No sources logged {}. Where a job came from "
                                                 "helps you see which channels take you furthest:",
                                                 when),
                                     "  ", "  ")) {
            say("{}\n", line);
        }
        say("  bounceback log COMPANY --source referral\n");
        return;
    }
    std::vector<std::vector<std::string>> rows = {
        {"", "rejections", "got to an interview", "typical wait"}};
    bool any_few = false;
    for (const auto& channel : sources.channels) {
        std::string reached = fmt::format("{} of {}", channel.interviewed(), channel.total());
        if (channel.enough()) {
            reached += fmt::format(" ({}%)", std::lround(100.0 * channel.interviewed() /
                                                         channel.total()));
        } else {
            any_few = true;
        }
        const std::string wait = wait_words(channel);
        rows.push_back({channel_cell(channel), std::to_string(channel.total()), reached,
                        wait.empty() ? "-" : wait});
    }
    if (sources.no_source > 0) {
        rows.push_back({"no source logged", std::to_string(sources.no_source), "", ""});
    }
    align_right(rows, {1});
    print_table(rows, ui, true);
    if (any_few) {
        say("  {}\n", ui.dim(fmt::format("Shares appear once a channel has {} rejections; "
                                                "fewer are too few to compare.",
                                                k_source_min_records)));
    }
}

std::string answered_words(const Figures& f) {
    if (f.feedback_requested == 0 && f.feedback_received == 0 && f.feedback_followed_up == 0) {
        return "no requests yet";
    }
    std::string out =
        fmt::format("requested {}, received {}", f.feedback_requested, f.feedback_received);
    if (f.feedback_followed_up > 0) {
        out += fmt::format(", followed up {}", f.feedback_followed_up);
    }
    if (auto rate = f.response_rate()) {
        out += f.requests_answered == 0
                   ? std::string("; no answers yet")
                   : fmt::format("; {} of {} answered so far ({}%)", f.requests_answered,
                                 plural(f.feedback_requested, "request"),
                                 std::lround(*rate * 100));
    }
    return out;
}

void print_feedback(const Stats& stats, const Ui& ui) {
    heading("Feedback", ui);
    const Figures& f = stats.focus;
    if (stats.period.week_view) {
        say("  {:<16}{}\n", focus_words(stats), answered_words(f));
        if (stats.week_count > 1) {
            say("  {:<16}{}\n", trend_words(stats), answered_words(stats.total));
        }
    } else {
        say("  {}\n", answered_words(f));
    }
    if (stats.follow_ups_due.empty()) {
        return;
    }
    const auto& due = stats.follow_ups_due;
    const char* label = due.size() == 1 ? "follow-up due" : "follow-ups due";
    for (std::size_t i = 0; i < std::min(due.size(), k_follow_ups_listed); ++i) {
        say("  {:<16}{} {}, asked {}\n", label, due[i].id, due[i].company,
                   format_date(due[i].requested));
        label = "";
    }
    if (due.size() > k_follow_ups_listed) {
        say("  {:<16}{}\n", "",
                   ui.dim(fmt::format("… and {} more: bounceback feedback-email --due",
                                      due.size() - k_follow_ups_listed)));
    }
    say("  {}\n",
               ui.dim(fmt::format("a gentle reminder: bounceback feedback-email {} --template "
                                  "follow-up",
                                  stats.follow_ups_due.front().id)));
}

std::string median_words(const Figures& f) {
    auto median = f.median_days_to_answer();
    if (!median) {
        return "no application dates logged";
    }
    const std::string days = plural(static_cast<int>(std::lround(*median)), "day");
    const std::size_t n = f.days_to_answer.size();
    return n == 1 ? days + " (1 answer)"
                  : fmt::format("about {} (the middle value of {} answers)", days, n);
}

void print_answers(const Stats& stats, const Ui& ui) {
    heading("Days from application to answer", ui);
    if (stats.period.week_view) {
        say("  {:<16}{}\n", focus_words(stats), median_words(stats.focus));
        if (stats.week_count > 1) {
            say("  {:<16}{}\n", trend_words(stats), median_words(stats.total));
        }
    } else {
        say("  {}\n", median_words(stats.focus));
    }
    if (stats.total.days_to_answer.empty()) {
        say("  {}\n", ui.dim("log the day you applied with --applied to see this"));
    }
}

std::string theme_list(const std::vector<Theme>& themes) {
    std::vector<std::string> parts;
    for (const auto& t : themes) {
        parts.push_back(fmt::format("{} ({})", t.text, t.count));
    }
    return util::join(parts, ", ");
}

void print_reflections(const Stats& stats, const Ui& ui) {
    heading("Reflections", ui);
    const Figures& f = stats.focus;
    std::string line;
    if (stats.total.reflections == 0) {
        line = "none yet";
    } else {
        line = f.reflections == 0 ? fmt::format("none {}", focus_words(stats))
                                  : fmt::format("{} {}", plural(f.reflections, "reflection"),
                                                focus_words(stats));
        if (stats.period.week_view && stats.week_count > 1) {
            line += fmt::format(", {} in {}", stats.total.reflections, trend_words(stats));
        }
    }
    if (auto mood = f.mood()) {
        line += fmt::format("; mood about {} out of 5 ({} {})",
                            util::format_number(std::round(*mood * 10) / 10), f.moods.size(),
                            f.moods.size() == 1 ? "answer" : "answers");
    }
    say("  {}\n", line);
    if (!stats.themes.improve.empty()) {
        for (const auto& l : wrap(theme_list(stats.themes.improve), "  to work on: ", "    ")) {
            say("{}\n", l);
        }
    }
    if (!stats.themes.strengths.empty()) {
        for (const auto& l : wrap(theme_list(stats.themes.strengths), "  strengths: ", "    ")) {
            say("{}\n", l);
        }
    }
    if (stats.total.reflections == 0) {
        say("  {}\n", ui.dim("when you are ready: bounceback reflect"));
    }
}

std::string streak_words(const HabitSummary& h) {
    if (h.streak == 0) {
        return "-";
    }
    return fmt::format("{} {}", h.streak,
                       h.daily ? (h.streak == 1 ? "day" : "days")
                               : (h.streak == 1 ? "week" : "weeks"));
}

void print_routine(const Stats& stats, const Ui& ui) {
    heading("Routine", ui);
    const bool started =
        std::any_of(stats.weeks.begin(), stats.weeks.end(), [](const WeekStats& w) {
            return std::any_of(w.routine.begin(), w.routine.end(), [](const HabitWeek& h) {
                return h.tally.result != WeekResult::not_started;
            });
        });
    if (!started) {
        say("  No check-ins yet. A little movement or time with friends helps on hard\n"
                   "  weeks: bounceback routine done exercise\n");
        return;
    }
    // A habit with no target yet (not started before or in this period) shows "-", not "0 of 0".
    // Rest days are shown as `routine` shows them: they count toward the target.
    auto count = [](const HabitSummary& h) {
        if (h.target == 0 && h.done == 0 && h.skipped == 0) {
            return std::string("-");
        }
        std::string out = fmt::format("{} of {}", h.done, h.target);
        if (h.skipped > 0) {
            out += fmt::format(", {} rest", h.skipped);
        }
        return out;
    };
    std::vector<std::vector<std::string>> rows;
    if (stats.period.week_view) {
        rows.push_back({"", focus_words(stats), "", "streak"});
        for (const auto& h : stats.routine) {
            rows.push_back(
                {h.habit, count(h), std::string(week_result_words(h.last)), streak_words(h)});
        }
    } else {
        rows.push_back({"", "done", "weeks met", "streak"});
        for (const auto& h : stats.routine) {
            rows.push_back({h.habit, count(h),
                            fmt::format("{} of {}", h.weeks_met, h.weeks_met + h.weeks_missed),
                            streak_words(h)});
        }
    }
    print_table(rows, ui, true);
}

/// A bar of `value` in block characters, `scale` units per column, eighths for the rest.
std::string bar(int value, double scale) {
    static const char* const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    if (value <= 0) {
        return "";
    }
    const int total_eighths = std::max(1, static_cast<int>(std::lround(value / scale * 8)));
    std::string out;
    for (int i = 0; i < total_eighths / 8; ++i) {
        out += "█";
    }
    return out + eighths[total_eighths % 8];
}

void print_trend(const Stats& stats, int weeks, const Ui& ui) {
    const auto shown = trend(stats, weeks);
    const int trend_weeks = std::min(weeks, stats.week_count);
    heading(trend_weeks == stats.week_count
                ? fmt::format("Trend, {}", plural(trend_weeks, "week"))
                : fmt::format("Trend, last {} of {} weeks", trend_weeks, stats.week_count),
            ui);
    int most_rejections = 0;
    int most_wins = 0;
    for (const auto& w : shown) {
        most_rejections = std::max(most_rejections, w.figures.rejections.total());
        most_wins = std::max(most_wins, static_cast<int>(w.figures.wins.size()));
    }
    const double rejection_scale =
        std::max(1.0, most_rejections / static_cast<double>(k_bar_width));
    const double win_scale = std::max(1.0, most_wins / static_cast<double>(k_bar_width / 2));
    std::vector<std::vector<std::string>> cells;
    for (const auto& w : shown) {
        cells.push_back({w.label, std::to_string(w.figures.rejections.total()),
                         bar(w.figures.rejections.total(), rejection_scale),
                         std::to_string(w.figures.wins.size()),
                         bar(static_cast<int>(w.figures.wins.size()), win_scale)});
    }
    align_right(cells, {1, 3});
    std::vector<std::size_t> widths(5, 0);
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], util::display_width(row[c]));
        }
    }
    // The rejections heading spans its count and bar.
    const std::size_t rejections_width = std::max<std::size_t>(10, widths[1] + 1 + widths[2]);
    widths[2] = rejections_width - widths[1] - 1;
    auto gap = [&](const std::string& cell, std::size_t width) {
        return std::string(width - util::display_width(cell), ' ');
    };
    say("  {}\n",
               ui.bold(fmt::format("{}{}  rejections{}  wins", "week", gap("week", widths[0]),
                                   gap("rejections", rejections_width))));
    // Columns are padded on the plain text and colour is added after, so it never shifts one.
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const int folded = r == 0 ? trend_folded_before(stats, weeks) : shown[r].folded_before;
        if (folded > 0) {
            say("  {}\n", ui.dim(folded_words(folded)));
        }
        const auto& row = cells[r];
        std::string marker;
        if (stats.period.week_view && &shown[r] == &stats.weeks.back()) {
            marker = is_current_week(stats) ? "< this week" : "< that week";
        }
        std::string line = row[0] + gap(row[0], widths[0]) + "  " + row[1] + " " + row[2] +
                           gap(row[2], widths[2]) + "  " + row[3];
        if (!row[4].empty() || !marker.empty()) {
            line += " " + ui.good(row[4]);
        }
        if (!marker.empty()) {
            line += gap(row[4], widths[4]) + "  " + ui.dim(marker);
        }
        say("  {}\n", line);
    }
}

void print_signals(const Stats& stats, bool all_signals, const Ui& ui) {
    heading("Signals", ui);
    if (stats.signals.empty()) {
        say("  {}\n", no_signals_message(stats));
        return;
    }
    const std::size_t held_back = signals_held_back(stats, all_signals);
    const std::size_t shown = stats.signals.size() - held_back;
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) {
            say("\n");
        }
        const auto lines = wrap(stats.signals[i].message, "  * ", "    ");
        for (std::size_t l = 0; l < lines.size(); ++l) {
            say("{}\n", l == 0 ? "  " + ui.warm("*") + lines[l].substr(3) : lines[l]);
        }
    }
    if (held_back > 0) {
        // One step on a hard week: the rest waits until the person asks for it.
        say("\n  {}\n", ui.dim(fmt::format("{} more {} here when you are ready: bounceback "
                                                  "stats --all-signals",
                                                  held_back == 1 ? "One" : std::to_string(held_back),
                                                  held_back == 1 ? "suggestion is" : "suggestions are")));
    }
}

} // namespace

std::string plural(int n, const std::string& noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

void print_report(const Stats& stats, int weeks, bool all_signals, Context& ctx) {
    const Ui& ui = ctx.ui();
    print_headline(stats, ui);
    print_wins(stats, ui);
    if (!stats.any_records) {
        if (!ctx.store().has_records()) {
            say("\nWhen a rejection comes: bounceback log COMPANY (it takes seconds).\n");
        }
        return;
    }
    print_rejections(stats, ui);
    print_sources(stats, ui);
    print_feedback(stats, ui);
    print_answers(stats, ui);
    print_reflections(stats, ui);
    print_routine(stats, ui);
    print_trend(stats, weeks, ui);
    print_signals(stats, all_signals, ui);
}

/// `stats --sources`: the range, then the rejections by source, in the format asked for.
void print_sources_only(const Stats& stats, const StatsArgs& args, Context& ctx) {
    if (args.csv) {
        print_exact(sources_to_csv(stats));
        return;
    }
    if (args.json) {
        toml::table out = stats_to_toml(stats);
        const std::vector<std::string_view> kept = {"range",     "view",      "week_start", "today",
                                                    "by_source", "no_source", "source_min"};
        std::vector<std::string> dropped;
        for (const auto& [key, value] : out) {
            if (std::find(kept.begin(), kept.end(), key.str()) == kept.end()) {
                dropped.emplace_back(key.str());
            }
        }
        for (const auto& key : dropped) {
            out.erase(key);
        }
        print_exact(to_json(out) + "\n");
        return;
    }
    const Ui& ui = ctx.ui();
    print_headline(stats, ui);
    print_sources(stats, ui);
}

} // namespace bb::cli
