#pragma once
// What the command table needs to list a subcommand without building its options.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

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

/// A check that an option's value is one of `choices`, worded as bounceback words errors:
/// "--color: 'sometimes' must be auto, always or never" (CLI11 prefixes the option's name).
inline CLI::Validator one_of(std::vector<std::string> choices) {
    return CLI::Validator(
        [choices](std::string& value) -> std::string {
            if (std::find(choices.begin(), choices.end(), value) != choices.end()) {
                return {};
            }
            std::string words;
            for (std::size_t i = 0; i < choices.size(); ++i) {
                words += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
            }
            return "'" + value + "' must be " + words;
        },
        "", "");
}

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
