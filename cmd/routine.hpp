#pragma once
// `bounceback routine`: habits that keep a job search bearable, with weekly targets, rest days,
// streaks and a week grid.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// Everything `routine` and its subcommands were given. Numbers are kept as text so that a bad
/// value gets our own message, naming the option.
struct RoutineArgs {
    enum class Action { today, done, skip, undo, week, habits, habits_add, habits_remove };
    Action action = Action::today;

    std::string habit;
    std::optional<std::string> date;
    std::optional<std::string> minutes;
    std::optional<std::string> note;
    std::optional<std::string> weeks;
    std::optional<std::string> per_week;
    std::optional<std::string> description;
    bool json = false;
    bool yes = false;
};

/// `routine` in the command table.
inline constexpr CommandSummary k_routine_command{
    "routine", "Keep a healthy routine: habits, rest days, streaks"};

/// Adds `routine` and its subcommands to `app`, recording into `args`.
CLI::App* add_routine_cli(CLI::App& app, RoutineArgs& args);

/// Runs the chosen `routine` action. Returns the exit status; throws bb::Error.
int run_routine(const RoutineArgs& args, Context& ctx);

} // namespace bb::cli
