#pragma once
// `bounceback stats`: the week (or a range) in figures, a trend chart, and what to work on next.

#include "command.hpp"
#include "context.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/stats.hpp>

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// Everything `stats` was given. Values are kept as text so that a bad one gets our own
/// message, naming the option.
struct StatsArgs {
    std::optional<std::string> week;
    std::optional<std::string> since;
    std::optional<std::string> until;
    bool all = false;
    std::optional<std::string> weeks;
    bool json = false;
    bool csv = false;
    bool sankey = false;
    bool mermaid = false;
    bool all_signals = false;
    bool sources = false; // only the rejections by source
};

/// `stats` in the command table.
inline constexpr CommandSummary k_stats_command{
    "stats", "The week in figures: rejections, feedback, routine, wins, a trend and signals"};

/// Adds `stats` to `app`, recording into `args`.
CLI::App* add_stats_cli(CLI::App& app, StatsArgs& args);

/// Prints the report `args` asks for. Returns the exit status; throws bb::Error.
int run_stats(const StatsArgs& args, Context& ctx);

// ---- what `report` shares with `stats` ------------------------------------------------------

/// The range `--since` and `--until` ask for, or everything logged (up to `--until`) when
/// `since` is absent. Throws bb::Error(usage) for a bad date, or `since` after `until` (or after
/// today, without `until`).
StatsPlan range_plan_for(const std::optional<std::string>& since,
                         const std::optional<std::string>& until, const Config& config,
                         Context& ctx);

} // namespace bb::cli
