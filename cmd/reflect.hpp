#pragma once
// `bounceback reflect`: a short guided reflection, linked to a rejection or not; list, show,
// remove them, and see the themes that keep coming up.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bb::cli {

/// Everything `reflect` and its subcommands were given.
struct ReflectArgs {
    enum class Action { write, list, show, themes, remove };
    Action action = Action::write;

    std::string rejection; // `reflect [ID]`, as typed, so a mistyped subcommand can be named
    std::vector<std::string> went_well;
    std::vector<std::string> improve;
    std::vector<std::string> strengths;
    std::vector<std::string> targeting;
    std::vector<std::string> next;
    std::optional<std::string> mood; // text, so that a bad value gets our message
    std::optional<std::string> date;
    bool edit = false;

    std::int64_t id = 0; // show, rm
    std::optional<std::string> since;
    std::optional<std::string> until;
    int limit = 10; // themes: per list, 0 for all
    bool json = false;
    bool porcelain = false;
    bool yes = false;

    /// True when any answer was given as an option, so nothing is asked.
    bool has_answers() const;
};

/// `reflect` in the command table.
inline constexpr CommandSummary k_reflect_command{
    "reflect",
    "Reflect on a rejection or on the search: what went well, what to change, what next"};

/// Adds `reflect` and its subcommands to `app`, recording into `args`.
CLI::App* add_reflect_cli(CLI::App& app, ReflectArgs& args);

/// Runs the chosen `reflect` action. Returns the exit status; throws bb::Error.
int run_reflect(const ReflectArgs& args, Context& ctx);

} // namespace bb::cli
