#include "routine.hpp"

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

// ---- option values ---------------------------------------------------------------------

/// `value` as a whole number that passes `rule`; an error names `option`.
std::int64_t number_option(const std::string& option, const std::string& value,
                           std::string (*rule)(std::int64_t)) {
    const std::string_view text = util::trim(value);
    std::int64_t number = std::numeric_limits<std::int64_t>::min();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        number = std::numeric_limits<std::int64_t>::min();
    }
    if (auto reason = rule(number); !reason.empty()) {
        usage_error(option + ": '" + value + "' " + reason);
    }
    return number;
}

std::string check_weeks(std::int64_t weeks) {
    if (weeks < 1 || weeks > 52) {
        return "must be a whole number of weeks from 1 to 52";
    }
    return "";
}

/// The HABIT argument, checked as a habit name.
const std::string& habit_argument(const RoutineArgs& args) {
    if (auto reason = check_habit_name(args.habit); !reason.empty()) {
        usage_error("HABIT: '" + args.habit + "' " + reason);
    }
    return args.habit;
}

Date date_argument(const RoutineArgs& args, Context& ctx) {
    return args.date ? parse_date_option("--date", *args.date, ctx.today()) : ctx.today();
}

// ---- words and cells ---------------------------------------------------------------------

constexpr std::array<const char*, 7> k_weekday_short = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> k_month_short = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// "Wed 2026-11-25".
std::string day_name(Date date) {
    const std::chrono::weekday wd{std::chrono::sys_days{date}};
    return fmt::format("{} {}", k_weekday_short[wd.c_encoding()], format_date(date));
}

/// "Nov 23".
std::string month_day(Date date) {
    return fmt::format("{} {}", k_month_short[static_cast<unsigned>(date.month()) - 1],
                       static_cast<unsigned>(date.day()));
}

std::string plural(int count, const char* one, const char* many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
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

// ---- actions ---------------------------------------------------------------------------

struct Setup {
    Config config;
    std::map<std::string, HabitConfig> habits;
};

Setup load_setup(Context& ctx) {
    Setup setup;
    setup.config = storage::load_config(ctx.paths());
    setup.habits = habits_in_effect(setup.config);
    return setup;
}

int show_today(const RoutineArgs& args, Context& ctx) {
    const Setup setup = load_setup(ctx);
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

/// The count of the week holding `date`, for the message after a check-in.
std::string week_sentence(const std::string& habit, const HabitConfig& config, Date date,
                          Context& ctx, WeekStart start) {
    const Date week = week_start_of(date, start);
    // The week's target depends on when the habit started, so read from the beginning. The
    // check-in is already saved: a damaged old file must not turn that success into an error.
    std::vector<Checkin> checkins;
    try {
        checkins = ctx.store().checkins(DateRange{std::nullopt, util::add_days(week, 6)});
    } catch (const Error&) {
        return "Saved. (The week's count is not shown: a check-in file does not parse; "
               "`bounceback doctor` says which.)";
    }
    const WeekTally tally = tally_week(HabitHistory(habit, checkins), config, week, ctx.today());
    const bool this_week = week == week_start_of(ctx.today(), start);
    std::string out = fmt::format("{}: {} of {} done", this_week ? "This week" : "That week",
                                  tally.done, tally.target);
    if (tally.skipped > 0) {
        out += fmt::format(", {}", plural(tally.skipped, "rest day", "rest days"));
    }
    if (tally.result == WeekResult::met) {
        out += this_week ? "; the week's target is met" : "; the target was met";
    }
    return out + ".";
}

int check_in(const RoutineArgs& args, Context& ctx, CheckinStatus status) {
    const std::string& habit = habit_argument(args);
    const Setup setup = load_setup(ctx);
    Checkin draft;
    draft.habit = habit;
    draft.status = status;
    draft.date = date_argument(args, ctx);
    if (auto reason = check_checkin_date(status, draft.date, ctx.today()); !reason.empty()) {
        usage_error("--date: " + format_date(draft.date) + " " + reason);
    }
    if (args.minutes) {
        draft.minutes = static_cast<int>(number_option("--minutes", *args.minutes, check_minutes));
    }
    if (args.note) {
        if (auto reason = check_text(*args.note); !reason.empty()) {
            usage_error("--note: '" + *args.note + "' " + reason);
        }
        draft.note = *args.note;
    }
    require_habit(setup.habits, habit);

    const auto [stored, created] = ctx.store().add_checkin(draft);
    Ui& ui = ctx.ui();
    const std::string when = day_name(stored.date);
    if (!created) {
        if (stored.status == status) {
            say("{} is already {} on {}; nothing changed.\n", habit,
                       status == CheckinStatus::done ? "checked in as done" : "a rest day", when);
        } else {
            say("{} is already {} on {}; nothing changed. To change it, undo it first:\n"
                       "  bounceback routine undo {} --date {}\n",
                       habit,
                       stored.status == CheckinStatus::done ? "checked in as done" : "a rest day",
                       when, habit, format_date(stored.date));
        }
        return 0;
    }
    if (status == CheckinStatus::done) {
        say("{} {} on {}{}.\n", ui.good("Done:"), habit, when,
                   stored.minutes ? fmt::format(" ({} min)", *stored.minutes) : "");
    } else {
        say("{} {} on {}. Rest counts toward the week and never breaks a streak.\n",
                   ui.calm("Rest day:"), habit, when);
    }
    say("{}\n", week_sentence(habit, setup.habits.at(habit), stored.date, ctx,
                                     setup.config.week_start));
    return 0;
}

int undo_checkin(const RoutineArgs& args, Context& ctx) {
    const std::string& habit = habit_argument(args);
    const Date date = date_argument(args, ctx);
    const Setup setup = load_setup(ctx);
    const auto that_day = ctx.store().checkins(DateRange{date, date});
    const bool found = std::any_of(that_day.begin(), that_day.end(),
                                   [&](const Checkin& c) { return c.habit == habit; });
    if (!found) {
        // A check-in of a habit no longer configured can still be undone; nothing else can.
        require_habit(setup.habits, habit);
        say("No check-in of {} on {}; nothing to undo.\n", habit, day_name(date));
        return 0;
    }
    const auto removed = ctx.store().remove_checkin(habit, date);
    if (!removed) {
        say("No check-in of {} on {}; nothing to undo.\n", habit, day_name(date));
        return 0;
    }
    say("Undone: {} {} on {}.\n", habit,
               removed->status == CheckinStatus::done ? "done" : "rest day", day_name(date));
    return 0;
}

int show_week(const RoutineArgs& args, Context& ctx) {
    const int weeks =
        args.weeks ? static_cast<int>(number_option("--weeks", *args.weeks, check_weeks)) : 4;
    const Setup setup = load_setup(ctx);
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
    const Setup setup = load_setup(ctx);
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

/// Says what a rewrite of config.toml did beyond the change itself.
void report_rewrite(const storage::HabitSaved& saved, Context& ctx) {
    if (saved.defaults_written) {
        std::vector<std::string> names;
        for (const auto& [habit, config] : default_habits()) {
            names.push_back(habit);
        }
        say("The suggested habits ({}) are in config.toml now too, so they stay.\n",
                   util::join(names, ", "));
    }
    if (saved.rewrite.created) {
        say("{}\n", ctx.ui().dim("Created " + ctx.paths().config_file.string()));
    }
    if (saved.rewrite.dropped_comments) {
        say_err(
                   "bounceback: note: {} had comments; rewriting it does not keep them "
                   "(see bounceback(5))\n",
                   ctx.paths().config_file.string());
    }
}

int add_habit(const RoutineArgs& args, Context& ctx) {
    std::optional<int> per_week;
    if (args.per_week) {
        per_week = static_cast<int>(number_option("--per-week", *args.per_week, check_per_week));
    }
    if (auto reason = check_habit_name(args.habit); !reason.empty()) {
        usage_error("NAME: '" + args.habit + "' " + reason);
    }
    if (args.description && !args.description->empty()) {
        if (auto reason = check_line(*args.description); !reason.empty()) {
            usage_error("--description: '" + *args.description + "' " + reason);
        }
    }
    // Checked here too, so that a refused change takes no lock and creates no folder.
    require_target_for_new_habit(load_setup(ctx).habits, args.habit, per_week);
    const auto saved =
        storage::save_habit(ctx.paths(), args.habit, per_week, args.description, ctx.today());
    const int target = per_week.value_or(saved.before ? saved.before->per_week : 0);
    if (!saved.rewrite.written) {
        say("Habit {} already has that target and description; nothing changed.\n",
                   args.habit);
        return 0;
    }
    if (!saved.before) {
        say("{} habit {}: {}.\n", ctx.ui().good("Added"), args.habit,
                   plural(target, "day a week", "days a week"));
    } else if (saved.before->per_week != target) {
        say("{} habit {}: {} a week, was {}.\n", ctx.ui().good("Changed"), args.habit,
                   plural(target, "day", "days"), saved.before->per_week);
    } else {
        say("{} habit {}.\n", ctx.ui().good("Changed"), args.habit);
    }
    report_rewrite(saved, ctx);
    return 0;
}

int remove_habit(const RoutineArgs& args, Context& ctx) {
    if (auto reason = check_habit_name(args.habit); !reason.empty()) {
        usage_error("NAME: '" + args.habit + "' " + reason);
    }
    require_removable_habit(load_setup(ctx).habits, args.habit);
    if (!ctx.ui().confirm_removal("habit " + args.habit, "Its check-ins stay in your files.",
                                  args.yes)) {
        say("Kept it.\n");
        return 0;
    }
    const auto saved = storage::remove_habit(ctx.paths(), args.habit);
    say("Removed habit {}. Its check-ins stay in your files; add it again to see them.\n",
               args.habit);
    report_rewrite(saved, ctx);
    return 0;
}

} // namespace

CLI::App* add_routine_cli(CLI::App& app, RoutineArgs& args) {
    using Action = RoutineArgs::Action;
    CLI::App* routine = add_command(app, k_routine_command);
    routine->footer(R"(Examples:
  bounceback routine
  bounceback routine done exercise --minutes 30
  bounceback routine skip exercise --date 2026-12-24
  bounceback routine week --weeks 8
  bounceback routine habits add reading --per-week 3 --description "Twenty pages")");
    routine->add_flag("--json", args.json, "Print today's status as JSON");

    CLI::App* done = routine->add_subcommand("done", "Check in a habit as done today (or --date)");
    done->callback([&args] { args.action = Action::done; });
    done->add_option("HABIT", args.habit, "The habit, e.g. exercise")->type_name("")->required();
    done->add_option("--date", args.date, "The day it was done (default: today)")
        ->type_name("DATE");
    done->add_option("--minutes", args.minutes, "How long, 1 to 1440 minutes")->type_name("N");
    done->add_option("--note", args.note, "A note of your own")->type_name("TEXT");
    done->footer("Examples:\n  bounceback routine done exercise\n"
                 "  bounceback routine done connect --date yesterday --note \"Lunch with Sam\"\n"
                 "  bounceback routine done mindfulness --minutes 10");

    CLI::App* skip = routine->add_subcommand(
        "skip", "Take a planned rest day: it counts toward the week and never breaks a streak");
    skip->callback([&args] { args.action = Action::skip; });
    skip->add_option("HABIT", args.habit, "The habit, e.g. exercise")->type_name("")->required();
    skip->add_option("--date", args.date, "The rest day; it may be ahead (default: today)")
        ->type_name("DATE");
    skip->add_option("--note", args.note, "Why, if you like (travel, a cold …)")->type_name("TEXT");
    skip->footer("Examples:\n  bounceback routine skip exercise\n"
                 "  bounceback routine skip exercise --date 2026-12-24 --note \"Family day\"");

    CLI::App* undo = routine->add_subcommand("undo", "Remove a habit's check-in on a day");
    undo->callback([&args] { args.action = Action::undo; });
    undo->add_option("HABIT", args.habit, "The habit")->type_name("")->required();
    undo->add_option("--date", args.date, "The day (default: today)")->type_name("DATE");
    undo->footer("Examples:\n  bounceback routine undo exercise\n"
                 "  bounceback routine undo hobby --date yesterday");

    CLI::App* week =
        routine->add_subcommand("week", "Show a grid of habits by day for the last weeks");
    week->callback([&args] { args.action = Action::week; });
    week->add_option("--weeks", args.weeks,
                     "How many weeks, 1 to 52, this one included (default: 4)")
        ->type_name("N");
    week->add_flag("--json", args.json, "Print the grid as JSON");
    week->footer("Examples:\n  bounceback routine week\n"
                 "  bounceback routine week --weeks 12\n"
                 "  NO_COLOR=1 bounceback routine week --weeks 2");

    CLI::App* habits = routine->add_subcommand("habits", "List the habits and their targets");
    habits->callback([&args] {
        if (args.action == Action::today) {
            args.action = Action::habits;
        }
    });
    habits->add_flag("--json", args.json, "Print the habits as JSON");
    habits->footer("Examples:\n  bounceback routine habits\n"
                   "  bounceback routine habits add reading --per-week 3\n"
                   "  bounceback routine habits rm hobby --yes");

    CLI::App* add = habits->add_subcommand(
        "add", "Add a habit, or change one's target or description (rewrites config.toml)");
    add->callback([&args] { args.action = Action::habits_add; });
    add->add_option("NAME", args.habit, "The habit's name: one word")->type_name("")->required();
    add->add_option("--per-week", args.per_week, "Days a week to aim for, 1 to 7 (7: every day)")
        ->type_name("N");
    add->add_option("--description", args.description, "What counts ('' removes it)")
        ->type_name("TEXT");
    add->footer("Examples:\n  bounceback routine habits add reading --per-week 3 --description "
                "\"Twenty pages of a novel\"\n"
                "  bounceback routine habits add exercise --per-week 4");

    CLI::App* rm = habits->add_subcommand(
        "rm", "Remove a habit (asks first; --yes for scripts); its check-ins are kept");
    rm->callback([&args] { args.action = Action::habits_remove; });
    rm->add_option("NAME", args.habit, "The habit's name")->type_name("")->required();
    rm->add_flag("-y,--yes", args.yes, "Do not ask");
    rm->footer("Example:\n  bounceback routine habits rm hobby --yes");
    return routine;
}

int run_routine(const RoutineArgs& args, Context& ctx) {
    using Action = RoutineArgs::Action;
    switch (args.action) {
    case Action::today:
        return show_today(args, ctx);
    case Action::done:
        return check_in(args, ctx, CheckinStatus::done);
    case Action::skip:
        return check_in(args, ctx, CheckinStatus::skip);
    case Action::undo:
        return undo_checkin(args, ctx);
    case Action::week:
        return show_week(args, ctx);
    case Action::habits:
        return list_habits(args, ctx);
    case Action::habits_add:
        return add_habit(args, ctx);
    case Action::habits_remove:
        return remove_habit(args, ctx);
    }
    return 1;
}

} // namespace bb::cli
