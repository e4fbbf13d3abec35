#pragma once
// `bounceback report`: the search as pictures, in one private, self-contained HTML file.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// Everything `report` was given. Dates are kept as text so that a bad one gets our own message.
struct ReportArgs {
    std::optional<std::string> since;
    std::optional<std::string> until;
    bool all = false;
    std::optional<std::string> output;
    bool force = false;
    bool open = false;
};

/// `report` in the command table.
inline constexpr CommandSummary k_report_command{
    "report", "Draw the search as pictures in one private HTML file: flow, weeks, routine"};

/// Adds `report` to `app`, recording into `args`.
CLI::App* add_report_cli(CLI::App& app, ReportArgs& args);

/// Writes the report `args` asks for. Returns the exit status; throws bb::Error.
int run_report(const ReportArgs& args, Context& ctx);

} // namespace bb::cli
