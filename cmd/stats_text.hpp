#pragma once
// `stats` as people read it: the weekly report and the by-source view, in words, tables and
// bars (stats_text.cpp). stats.cpp parses the options, reads the figures and picks the format.

#include "stats.hpp"

#include <bounceback/core/stats.hpp>

#include <string>

namespace bb::cli {

/// The report: headline, wins, rejections, sources, feedback, reflections, routine, the trend
/// over `weeks` weeks and the signals (each one when `all_signals`).
void print_report(const Stats& stats, int weeks, bool all_signals, Context& ctx);

/// `stats --sources`: the rejections by source, as text (or JSON and CSV, as `args` ask).
void print_sources_only(const Stats& stats, const StatsArgs& args, Context& ctx);

/// "1 rejection", "3 rejections".
std::string plural(int n, const std::string& noun);

} // namespace bb::cli
