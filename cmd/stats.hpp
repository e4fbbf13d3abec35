#pragma once
// `bounceback stats`: the week (or a range) in figures, a trend chart, and what to work on next.

#include "command.hpp"
#include "context.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/stats.hpp>

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <utility>

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
};

/// `stats` in the command table.
inline constexpr CommandSummary k_stats_command{
    "stats", "The week in figures: rejections, feedback, routine, wins, a trend and signals"};

/// Adds `stats` to `app`, recording into `args`.
CLI::App* add_stats_cli(CLI::App& app, StatsArgs& args);

/// Prints the report `args` asks for. Returns the exit status; throws bb::Error.
int run_stats(const StatsArgs& args, Context& ctx);

// ---- what `report` shares with `stats` ------------------------------------------------------

/// What a report reads: the days of each kind of record, and where check-ins were cut off.
struct StatsReadPlan {
    storage::DateRange rejections;
    storage::DateRange reflections_and_wins;
    storage::DateRange checkins;
    std::optional<Date> checkins_since; ///< nullopt when every check-in is read
};

/// The config a report uses, its signal thresholds checked before any data is read. Throws
/// bb::Error(config) naming config.toml.
Config load_stats_config(Context& ctx);

/// What a report over `period` reads, weeks starting on `start`.
StatsReadPlan reads_for(const StatsPeriod& period, WeekStart start);

/// The range `--since`, `--until` and `--all` ask for (at least one of them given), and what it
/// needs read. Throws bb::Error(usage) for a bad or reversed date.
std::pair<StatsPeriod, StatsReadPlan> range_for(const std::optional<std::string>& since,
                                                const std::optional<std::string>& until,
                                                Context& ctx, const Config& config);

/// Feeds `builder` (a StatsBuilder or a ReportBuilder) every record `reads` names, a month at
/// a time.
template <typename Builder>
void feed_records(Builder& builder, const StatsReadPlan& reads, Context& ctx) {
    const storage::Store& store = ctx.store();
    store.each_rejection(reads.rejections, [&](const Rejection& r) { builder.add(r); });
    store.each_reflection(reads.reflections_and_wins, [&](const Reflection& r) { builder.add(r); });
    store.each_win(reads.reflections_and_wins, [&](const Win& w) { builder.add(w); });
    store.each_checkin(reads.checkins, [&](const Checkin& c) { builder.add(c); });
}

} // namespace bb::cli
