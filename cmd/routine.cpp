#include "routine.hpp"

#include "options.hpp"
#include "routine_views.hpp"

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

// ---- shared with routine_views.cpp ------------------------------------------------------

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

RoutineSetup load_setup(Context& ctx) {
    RoutineSetup setup;
    setup.config = storage::load_config(ctx.paths());
    setup.habits = habits_in_effect(setup.config);
    return setup;
}

namespace {

// ---- option values ---------------------------------------------------------------------

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

// ---- actions ---------------------------------------------------------------------------

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
    const RoutineSetup setup = load_setup(ctx);
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
    const RoutineSetup setup = load_setup(ctx);
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
