#include "bounceback/storage/stats_reader.hpp"

namespace bb::storage {

Stats read_stats(const Store& store, const StatsPlan& plan, const Config& config, Date today) {
    StatsBuilder builder(plan.period, config, today, plan.reads.checkins_since);
    store.each_rejection(plan.reads.rejections, [&](const Rejection& r) { builder.add(r); });
    store.each_reflection(plan.reads.reflections_and_wins,
                          [&](const Reflection& r) { builder.add(r); });
    store.each_win(plan.reads.reflections_and_wins, [&](const Win& w) { builder.add(w); });
    store.each_checkin(plan.reads.checkins, [&](const Checkin& c) { builder.add(c); });
    return builder.finish();
}

StatsPlan everything_plan(const Store& store, std::optional<Date> until, Date today) {
    return bb::everything_plan(until, store.record_span(DateRange{std::nullopt, until}), today);
}

} // namespace bb::storage
