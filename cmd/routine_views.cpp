#include "routine_views.hpp"

#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/routine.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <limits>

namespace bb::cli {

using util::format_date;

namespace {

// ---- words and cells ---------------------------------------------------------------------

constexpr std::array<const char*, 7> k_weekday_short = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> k_month_short = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// "Nov 23".
std::string month_day(Date date) {
    return fmt::format("{} {}", k_month_short[static_cast<unsigned>(date.month()) - 1],
                       static_cast<unsigned>(date.day()));
}

/// `painted` (the text `plain` with colour) followed by spaces up to `width` columns.
std::string pad(const std::string& painted, const std::string& plain, std::size_t width) {
    const std::size_t used = util::display_width(plain);
    return painted + std::string(width > used ? width - used : 0, ' ');
}

/// The mark for a day: shapes differ, so the grid reads the same without colour.
std::string mark_text(DayMark mark) {
    switch (mark) {
    case DayMark::done:
        return "●";
    case DayMark::skip:
        return "○";
    case DayMark::open:
        return "·";
    case DayMark::future:
        return " ";
    }
    return " ";
}

std::string paint_mark(DayMark mark, const Ui& ui) {
    switch (mark) {
    case DayMark::done:
        return ui.good(mark_text(mark));
    case DayMark::skip:
        return ui.calm(mark_text(mark));
    case DayMark::open:
        return ui.dim(mark_text(mark));
    case DayMark::future:
        return mark_text(mark);
    }
    return mark_text(mark);
}

/// "2/3", "2/3, 1 rest": the week's count against its target.
std::string week_count(const WeekTally& week) {
    std::string out = fmt::format("{}/{}", week.done, week.target);
    if (week.skipped > 0) {
        out += fmt::format(", {} rest", week.skipped);
    }
    return out;
}

std::string streak_text(const HabitStatus& status) {
    if (status.streak == 0) {
        return "–";
    }
    return status.daily ? plural(status.streak, "day", "days")
                        : plural(status.streak, "week", "weeks");
}

int percent(double strength) {
    return static_cast<int>(std::lround(strength * 100));
}

// ---- JSON ------------------------------------------------------------------------------

toml::table habit_fields(const std::string& habit, const HabitConfig& config) {
    toml::table t;
    t.insert_or_assign("habit", habit);
    t.insert_or_assign("per_week", static_cast<std::int64_t>(config.per_week));
    if (!config.description.empty()) {
        t.insert_or_assign("description", config.description);
    }
    return t;
}

toml::table week_fields(const WeekTally& week) {
    toml::table t;
    t.insert_or_assign("from", to_toml_date(week.first_day));
    t.insert_or_assign("to", to_toml_date(util::add_days(week.first_day, 6)));
    t.insert_or_assign("done", static_cast<std::int64_t>(week.done));
    t.insert_or_assign("skipped", static_cast<std::int64_t>(week.skipped));
    t.insert_or_assign("target", static_cast<std::int64_t>(week.target));
    t.insert_or_assign("result", std::string(week_result_name(week.result)));
    return t;
}
} // namespace

/// "Wed 2026-11-25".
std::string day_name(Date date) {
    const std::chrono::weekday wd{std::chrono::sys_days{date}};
    return fmt::format("{} {}", k_weekday_short[wd.c_encoding()], format_date(date));
}

/// "3 days", "1 day".
std::string plural(int count, const char* one, const char* many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
}


int show_today(const RoutineArgs& args, Context& ctx) {
    const RoutineSetup setup = load_setup(ctx);
    const Date today = ctx.today();
    const WeekStart start = setup.config.week_start;
    const auto checkins = ctx.store().checkins();
    std::vector<HabitStatus> statuses;
    for (const auto& [habit, config] : setup.habits) {
        statuses.push_back(habit_status(habit, config, checkins, today, start));
    }
    const Date week = week_start_of(today, start);

    if (args.json) {
        toml::table out;
        out.insert_or_assign("date", to_toml_date(today));
        out.insert_or_assign("week_start", std::string(week_start_name(start)));
        toml::table range;
        range.insert_or_assign("from", to_toml_date(week));
        range.insert_or_assign("to", to_toml_date(util::add_days(week, 6)));
        out.insert_or_assign("week", std::move(range));
        toml::array habits;
        for (const auto& s : statuses) {
            toml::table t = habit_fields(s.habit, s.config);
            t.insert_or_assign("status",
                               s.today ? std::string(checkin_status_name(*s.today)) : "open");
            t.insert_or_assign("done", static_cast<std::int64_t>(s.this_week.done));
            t.insert_or_assign("skipped", static_cast<std::int64_t>(s.this_week.skipped));
            t.insert_or_assign("target", static_cast<std::int64_t>(s.this_week.target));
            t.insert_or_assign("streak", static_cast<std::int64_t>(s.streak));
            t.insert_or_assign("streak_unit", std::string(s.daily ? "days" : "weeks"));
            if (s.strength) {
                t.insert_or_assign("strength", static_cast<std::int64_t>(percent(*s.strength)));
            }
            habits.push_back(std::move(t));
        }
        out.insert_or_assign("habits", std::move(habits));
        print_exact(to_json(out) + "\n");
        return 0;
    }

    Ui& ui = ctx.ui();
    say("{}\n\n", ui.bold(fmt::format("Routine for {}, week of {}", day_name(today),
                                             month_day(week))));
    // Each row as plain text (to measure) and painted (to print).
    struct Cell {
        std::string plain;
        std::string painted;
    };
    std::vector<std::vector<Cell>> rows;
    rows.push_back({{"HABIT", "HABIT"},
                    {"TODAY", "TODAY"},
                    {"THIS WEEK", "THIS WEEK"},
                    {"STREAK", "STREAK"},
                    {"STRENGTH", "STRENGTH"}});
    bool any_open = false;
    for (const auto& s : statuses) {
        Cell today_cell;
        if (!s.today) {
            any_open = true;
            today_cell.plain = mark_text(DayMark::open) + " open";
            today_cell.painted = ui.dim(today_cell.plain);
        } else if (*s.today == CheckinStatus::done) {
            today_cell.plain = mark_text(DayMark::done) + " done";
            today_cell.painted = ui.good(today_cell.plain);
        } else {
            today_cell.plain = mark_text(DayMark::skip) + " rest day";
            today_cell.painted = ui.calm(today_cell.plain);
        }
        Cell week_cell;
        week_cell.plain = week_count(s.this_week);
        week_cell.painted = week_cell.plain;
        if (s.this_week.result == WeekResult::met) {
            week_cell.plain += " ✓";
            week_cell.painted = ui.good(week_cell.plain);
        }
        const std::string streak = streak_text(s);
        const std::string strength = s.strength ? fmt::format("{}%", percent(*s.strength)) : "–";
        rows.push_back(
            {{s.habit, s.habit}, today_cell, week_cell, {streak, streak}, {strength, strength}});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], util::display_width(row[c].plain));
        }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const bool last = c + 1 == rows[r].size();
            line += last ? rows[r][c].painted
                         : pad(rows[r][c].painted, rows[r][c].plain, widths[c] + 2);
        }
        say("{}\n", r == 0 ? ui.bold(line) : line);
    }
    if (setup.config.habits.empty()) {
        say("\n{}\n", ui.dim("These are the suggested habits; make them yours with "
                                    "`bounceback routine habits add` and `rm`."));
    }
    if (any_open) {
        say("\n{}\n", ui.dim("An open day is not a failure. Check in with `bounceback "
                                    "routine done HABIT`, or take a rest day with `skip`."));
    }
    return 0;
}

int show_week(const RoutineArgs& args, Context& ctx) {
    const int weeks =
        args.weeks ? static_cast<int>(number_option("--weeks", *args.weeks, check_weeks)) : 4;
    const RoutineSetup setup = load_setup(ctx);
    const Date today = ctx.today();
    const WeekStart start = setup.config.week_start;
    // Tallies need to know when each habit started, so read from the beginning.
    const Date last_day = util::add_days(week_start_of(today, start), 6);
    const auto checkins = ctx.store().checkins(DateRange{std::nullopt, last_day});
    const WeekGrid grid = week_grid(setup.habits, checkins, today, start, weeks);

    if (args.json) {
        toml::table out;
        out.insert_or_assign("from", to_toml_date(grid.first_day));
        out.insert_or_assign("to", to_toml_date(last_day));
        out.insert_or_assign("today", to_toml_date(today));
        out.insert_or_assign("week_start", std::string(week_start_name(start)));
        toml::array habits;
        for (const auto& row : grid.rows) {
            toml::table h = habit_fields(row.habit, row.config);
            toml::array week_list;
            for (std::size_t w = 0; w < row.weeks.size(); ++w) {
                toml::table wt = week_fields(row.weeks[w]);
                toml::array day_list;
                for (std::size_t d = 7 * w; d < 7 * w + 7; ++d) {
                    const GridDay& day = row.days[d];
                    toml::table dt;
                    dt.insert_or_assign("date", to_toml_date(day.date));
                    dt.insert_or_assign("status", std::string(day_mark_name(day.mark)));
                    if (day.checkin && day.checkin->minutes) {
                        dt.insert_or_assign("minutes",
                                            static_cast<std::int64_t>(*day.checkin->minutes));
                    }
                    if (day.checkin && day.checkin->note) {
                        dt.insert_or_assign("note", *day.checkin->note);
                    }
                    day_list.push_back(std::move(dt));
                }
                wt.insert_or_assign("days", std::move(day_list));
                week_list.push_back(std::move(wt));
            }
            h.insert_or_assign("weeks", std::move(week_list));
            habits.push_back(std::move(h));
        }
        out.insert_or_assign("habits", std::move(habits));
        print_exact(to_json(out) + "\n");
        return 0;
    }

    Ui& ui = ctx.ui();
    say("{}\n", ui.bold(fmt::format("Routine, {} to {} (weeks start on {})",
                                           format_date(grid.first_day), format_date(last_day),
                                           start == WeekStart::sunday ? "Sunday" : "Monday")));
    std::size_t name_width = 0;
    for (const auto& row : grid.rows) {
        name_width = std::max(name_width, util::display_width(row.habit));
    }
    const std::string letters = start == WeekStart::sunday ? "SMTWTFS" : "MTWTFSS";
    const int today_index = util::days_between(grid.first_day, today);
    // Four weeks side by side fit in 80 columns; more are printed in bands of four.
    constexpr int k_band = 4;
    for (int band_start = 0; band_start < grid.weeks; band_start += k_band) {
        const int band_end = std::min(grid.weeks, band_start + k_band);
        const bool last_band = band_end == grid.weeks;
        std::string dates = std::string(name_width + 2, ' ');
        std::string days = dates;
        for (int w = band_start; w < band_end; ++w) {
            const Date first = util::add_days(grid.first_day, 7 * w);
            const std::string label = month_day(first);
            const bool last_week = w + 1 == band_end;
            dates += last_week ? label : util::pad_to_width(label, 15);
            for (int d = 0; d < 7; ++d) {
                const std::string letter(1, letters[static_cast<std::size_t>(d)]);
                days += 7 * w + d == today_index ? ui.bold(letter) : ui.dim(letter);
                days += d < 6 ? " " : (last_week ? "" : "  ");
            }
        }
        if (last_band) {
            days += "  " + ui.dim("this week");
        }
        say("\n{}\n{}\n", dates, days);
        for (const auto& row : grid.rows) {
            std::string line = util::pad_to_width(row.habit, name_width + 2);
            for (int w = band_start; w < band_end; ++w) {
                const bool last_week = w + 1 == band_end;
                for (int d = 0; d < 7; ++d) {
                    line += paint_mark(row.days[static_cast<std::size_t>(7 * w + d)].mark, ui);
                    line += d < 6 ? " " : (last_week ? "" : "  ");
                }
            }
            if (last_band) {
                const WeekTally& current = row.weeks.back();
                const std::string count =
                    week_count(current) + (current.result == WeekResult::met ? " ✓" : "");
                line += "  " + (current.result == WeekResult::met ? ui.good(count) : count);
            }
            // Future days are blank; no trailing spaces on the line.
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            say("{}\n", line);
        }
    }
    say("\n{}\n",
               ui.dim(fmt::format("{} done   {} rest day   {} no check-in   (blank) still to come",
                                  mark_text(DayMark::done), mark_text(DayMark::skip),
                                  mark_text(DayMark::open))));
    return 0;
}

int list_habits(const RoutineArgs& args, Context& ctx) {
    const RoutineSetup setup = load_setup(ctx);
    if (args.json) {
        toml::table out;
        for (const auto& [habit, config] : setup.habits) {
            toml::table t = habit_fields(habit, config);
            t.erase("habit");
            out.insert_or_assign(habit, std::move(t));
        }
        print_exact(to_json(out) + "\n");
        return 0;
    }
    Ui& ui = ctx.ui();
    if (setup.config.habits.empty()) {
        say("{}\n", ui.bold("Suggested habits (config.toml defines none, so these apply):"));
    } else {
        say("{}\n", ui.bold("Your habits:"));
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [habit, config] : setup.habits) {
        rows.push_back({habit,
                        config.per_week == 7 ? "every day"
                                             : plural(config.per_week, "day a week", "days a week"),
                        config.description});
    }
    for (const auto& line : util::render_table(rows, 72)) {
        say("  {}\n", line);
    }
    say("{}\n", ui.dim("Change them with `bounceback routine habits add NAME --per-week N` "
                              "and `bounceback routine habits rm NAME`."));
    return 0;
}

} // namespace bb::cli
