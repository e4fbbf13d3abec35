#pragma once
// What the command table needs to list a subcommand without building its options.

#include <CLI/CLI.hpp>

namespace bb::cli {

/// A subcommand's name, alias and one-line description: all that `bounceback --help`, `--version`
/// and "did you mean" need from a subcommand the command line does not name. main.cpp builds the
/// options of only the named subcommands (a full command table was most of the start-up time).
struct CommandSummary {
    const char* name;
    const char* description;
    const char* alias = nullptr; // a second name, or none
    bool hidden = false;         // left out of --help and of suggestions (for scripts)
};

/// Adds the subcommand `summary` describes to `app`, without options; add_*_cli adds the rest.
inline CLI::App* add_command(CLI::App& app, const CommandSummary& summary) {
    CLI::App* command = app.add_subcommand(summary.name, summary.description);
    if (summary.alias != nullptr) {
        command->alias(summary.alias);
    }
    if (summary.hidden) {
        command->group("");
    }
    return command;
}

} // namespace bb::cli
