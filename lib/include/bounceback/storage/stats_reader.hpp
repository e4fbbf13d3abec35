#pragma once
// Reports over the records on disk: core/stats computes them; this reads what they need.

#include "bounceback/core/report_figures.hpp"
#include "bounceback/core/stats.hpp"
#include "bounceback/storage/store.hpp"

#include <optional>

namespace bb::storage {

/// The report `plan` describes, as of `today` with the settings of `config`, from the records
/// of `store`: each kind is read over its range in `plan.reads`, a month at a time, into a
/// StatsBuilder, so a report over years holds figures rather than every record. Throws like
/// Store's readers (Error(data) naming the position of a month that does not parse).
Stats read_stats(const Store& store, const StatsPlan& plan, const Config& config, Date today);

/// What `report` draws over `plan`: read as read_stats() reads, into a ReportBuilder, so its
/// figures are those of read_stats() and a report over years holds figures too.
ReportFigures read_report(const Store& store, const StatsPlan& plan, const Config& config,
                          Date today);

/// range_or_everything_plan() over the records of `store`: `store` is read (for the span of
/// its records) only when `since` is absent.
StatsPlan range_or_everything_plan(const Store& store, std::optional<Date> since,
                                   std::optional<Date> until, WeekStart start, Date today);

} // namespace bb::storage
