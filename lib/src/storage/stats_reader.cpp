#include "bounceback/storage/stats_reader.hpp"

namespace bb::storage {

namespace {

/// Feeds `builder` (a StatsBuilder or a ReportBuilder) each kind of record over its range in
/// `reads`, a month at a time.
template <typename Builder>
void feed(const Store& store, const StatsReads& reads, Builder& builder) {
    store.each_rejection(reads.rejections, [&](const Rejection& r) { builder.add(r); });
    store.each_reflection(reads.reflections_and_wins, [&](const Reflection& r) { builder.add(r); });
    store.each_win(reads.reflections_and_wins, [&](const Win& w) { builder.add(w); });
    store.each_checkin(reads.checkins, [&](const Checkin& c) { builder.add(c); });
}

} // namespace

Stats read_stats(const Store& store, const StatsPlan& plan, const Config& config, Date today) {
    StatsBuilder builder(plan.period, config, today);
    feed(store, plan.reads, builder);
    return builder.finish();
}

ReportFigures read_report(const Store& store, const StatsPlan& plan, const Config& config,
                          Date today) {
    ReportBuilder builder(plan.period, config, today);
    feed(store, plan.reads, builder);
    return builder.finish();
}

StatsPlan range_or_everything_plan(const Store& store, std::optional<Date> since,
                                   std::optional<Date> until, WeekStart start, Date today) {
    return bb::range_or_everything_plan(since, until, start, today, [&](std::optional<Date> end) {
        return store.record_span(DateRange{std::nullopt, end});
    });
}

} // namespace bb::storage
