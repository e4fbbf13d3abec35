#include "stats.hpp"

#include "options.hpp"
#include "stats_text.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/signals.hpp>
#include <bounceback/core/stage_flow.hpp>
#include <bounceback/core/stats.hpp>
#include <bounceback/core/stats_output.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/stats_reader.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <initializer_list>

namespace bb::cli {

using util::format_date;

namespace {

/// The default length of the trend, in weeks.
constexpr int k_default_weeks = 8;

// ---- the range asked for ----------------------------------------------------------------

int weeks_option(const StatsArgs& args) {
    if (!args.weeks) {
        return k_default_weeks;
    }
    const std::string_view text = util::trim(*args.weeks);
    int weeks = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), weeks);
    if (ec != std::errc{} || end != text.data() + text.size() || weeks < 1 ||
        weeks > k_max_report_weeks) {
        usage_error(fmt::format("--weeks: '{}' must be a whole number of weeks from 1 to {}",
                                *args.weeks, k_max_report_weeks));
    }
    return weeks;
}

/// The day named by --week: a week `YYYY-Www` (its Monday) or any date inside the week.
Date week_option(const std::string& value, Date today) {
    const std::string_view text = util::trim(value);
    std::string reason;
    if (auto monday = util::parse_iso_week(text, &reason)) {
        return *monday;
    }
    const bool looks_like_week =
        text.size() >= 6 && text[4] == '-' && (text[5] == 'W' || text[5] == 'w');
    if (looks_like_week) {
        usage_error("--week: '" + value + "' is not a week (" + reason + ")");
    }
    if (auto date = util::parse_date(text, today, nullptr)) {
        return *date;
    }
    usage_error("--week: '" + value +
                "' is not a week or a date (expected YYYY-Www such as 2026-W48, or a day inside "
                "the week: YYYY-MM-DD, today, '3 weeks ago', 'last monday' …)");
}

} // namespace

StatsPlan range_plan_for(const std::optional<std::string>& since_option,
                         const std::optional<std::string>& until_option, const Config& config,
                         Context& ctx) {
    const Date today = ctx.today();
    const DateRange range = parse_range_options(since_option, until_option, today);
    if (range.since && !range.until && *range.since > today) {
        usage_error("--since " + format_date(*range.since) + " is after today; add --until");
    }
    return storage::range_or_everything_plan(ctx.store(), range.since, range.until,
                                             config.week_start, today);
}

namespace {

/// The report the options ask for: what it covers and what it reads.
StatsPlan plan_for(const StatsArgs& args, int weeks, const Config& config, Context& ctx) {
    if (args.week || (!args.since && !args.until && !args.all)) {
        const Date today = ctx.today();
        return week_plan(args.week ? week_option(*args.week, today) : today, weeks,
                         config.week_start);
    }
    return range_plan_for(args.since, args.until, config, ctx);
}

} // namespace

CLI::App* add_stats_cli(CLI::App& app, StatsArgs& args) {
    CLI::App* stats = add_command(app, k_stats_command);
    stats->footer(R"(Examples:
  bounceback stats
  bounceback stats --week 2026-W47
  bounceback stats --week "last monday" --weeks 12
  bounceback stats --since 2026-09-01 --until 2026-11-30
  bounceback stats --all --csv > weeks.csv
  bounceback stats --all --sources             # which channels take you furthest
  bounceback stats --json | jq '.signals[].message'
  bounceback stats --all --sankey > flow.txt     # paste into SankeyMATIC

Weeks start on [week] start in config.toml (Monday by default) and carry the ISO week of
their Monday. Signal thresholds are the [signals] keys; see bounceback-stats(1).)");
    stats
        ->add_option("--week", args.week,
                     "The week to show: YYYY-Www or a day inside it (default: this week)")
        ->type_name("WEEK");
    stats->add_option("--since", args.since, "Show a range from this day instead of one week")
        ->type_name("DATE");
    stats->add_option("--until", args.until, "End the range on this day (default: today)")
        ->type_name("DATE");
    stats->add_flag("--all", args.all, "Show everything logged, week by week");
    stats
        ->add_option("--weeks", args.weeks,
                     fmt::format("Weeks in the trend, 1 to {} (default: {}); with --week or by "
                                 "default, also the weeks the report covers",
                                 k_max_report_weeks, k_default_weeks))
        ->type_name("N");
    stats->add_flag("--json", args.json, "Print one JSON object (keys in bounceback-stats(1))");
    stats->add_flag("--csv", args.csv, "Print CSV, one row per week, with a header row");
    stats->add_flag("--sankey", args.sankey,
                    "Print how far applications went as SankeyMATIC text (Applied [12] Screen)");
    stats->add_flag("--mermaid", args.mermaid,
                    "Print how far applications went as a Mermaid sankey-beta diagram");
    stats->add_flag("--all-signals", args.all_signals,
                    "On a hard week, show every suggestion, not only the first step");
    stats->add_flag("--sources", args.sources,
                    "Show only the rejections by source: how far each channel got (a table, or "
                    "with --csv one row per source, with --json the by_source keys)");
    return stats;
}

int run_stats(const StatsArgs& args, Context& ctx) {
    if (int{args.json} + int{args.csv} + int{args.sankey} + int{args.mermaid} > 1) {
        usage_error("choose one output format: --json, --csv, --sankey or --mermaid");
    }
    if (args.week && (args.since || args.until || args.all)) {
        usage_error("--week shows one week; leave out --since, --until and --all, or use them "
                    "without --week");
    }
    if (args.all && (args.since || args.until)) {
        usage_error("--all shows everything; leave out --since and --until, or use them without "
                    "--all");
    }
    if (args.sources && (args.sankey || args.mermaid)) {
        usage_error("--sources shows the rejections by source; leave out --sankey and --mermaid");
    }
    const int weeks = weeks_option(args);
    const Config config = storage::load_config(ctx.paths());
    const Stats stats =
        storage::read_stats(ctx.store(), plan_for(args, weeks, config, ctx), config, ctx.today());
    if (args.sources) {
        print_sources_only(stats, args, ctx);
    } else if (args.json) {
        print_exact(to_json(stats_to_toml(stats)) + "\n");
    } else if (args.csv) {
        print_exact(stats_to_csv(stats));
    } else if (args.sankey || args.mermaid) {
        const StageCounts& counts = stats.total.rejections;
        const StageFlow flow = stage_flow(counts.by_stage, counts.unknown);
        const std::string comment =
            fmt::format("bounceback stats: {} from {} to {}, by the furthest stage reached",
                        plural(counts.total(), "application"), format_date(stats.period.from),
                        format_date(stats.period.to));
        // Text for another program (SankeyMATIC, Mermaid), as it is.
        print_exact(args.sankey ? stage_flow_sankeymatic(flow, comment)
                                : stage_flow_mermaid(flow, comment));
    } else {
        print_report(stats, weeks, args.all_signals, ctx);
    }
    return 0;
}

} // namespace bb::cli
