#include "bounceback/core/stats.hpp"

#include "bounceback/core/signals.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <tuple>

namespace bb {

namespace {


// ---- figures --------------------------------------------------------------------------

/// Where each record goes: bucket 0 is the week before the first week, bucket i is week i of the
/// period (from 1). Days of the first week before `from` belong to no bucket.
class Buckets {
  public:
    Buckets(const StatsPeriod& period, WeekStart start)
        : m_from(period.from), m_to(period.to),
          m_origin(util::add_days(week_start_of(period.from, start), -7)) {}

    std::optional<std::size_t> of(Date date) const {
        if (date < m_origin || date > m_to || (date < m_from && date >= util::add_days(m_origin, 7))) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(util::days_between(m_origin, date) / 7);
    }

    /// The bucket of the last week of the period.
    std::size_t last() const {
        return static_cast<std::size_t>(util::days_between(m_origin, m_to) / 7);
    }

    /// The first day of bucket `b`'s whole week.
    Date first_day(std::size_t b) const { return util::add_days(m_origin, 7 * static_cast<int>(b)); }

    Date origin() const { return m_origin; }

  private:
    Date m_from;
    Date m_to;
    Date m_origin;
};

void count_rejection(Figures& f, const Rejection& r) {
    if (r.stage) {
        ++f.rejections.by_stage[static_cast<std::size_t>(*r.stage)];
    } else {
        ++f.rejections.unknown;
    }
    if (r.applied && !r.date_estimated) { // a stand-in date says nothing of the wait
        f.days_to_answer.push_back(util::days_between(*r.applied, r.date));
    }
    if (r.feeling) {
        f.moods.push_back(*r.feeling);
    }
}

void count_request(Figures& f, const Rejection& r) {
    ++f.feedback_requested;
    if (r.feedback.received) {
        ++f.requests_answered;
    }
}

void count_reflection(Figures& f, const Reflection& r) {
    ++f.reflections;
    if (r.mood) {
        f.moods.push_back(*r.mood);
    }
}

/// Sorts `values` by counting them when they span a narrow range, as days do (a report over
/// years has one per rejection), else by comparing.
void sort_days(std::vector<int>& values) {
    if (values.size() < 64) {
        std::sort(values.begin(), values.end());
        return;
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const auto span = static_cast<std::size_t>(static_cast<std::int64_t>(*high) - *low) + 1;
    if (span > 4 * values.size()) {
        std::sort(values.begin(), values.end());
        return;
    }
    const int first = *low;
    std::vector<std::size_t> counts(span);
    for (int v : values) {
        ++counts[static_cast<std::size_t>(v - first)];
    }
    auto out = values.begin();
    for (std::size_t i = 0; i < span; ++i) {
        out = std::fill_n(out, counts[i], first + static_cast<int>(i));
    }
}

/// Figures kept in order: answers sorted (for the median), wins by date then ID.
void tidy(Figures& f) {
    sort_days(f.days_to_answer);
    std::stable_sort(f.wins.begin(), f.wins.end(), [](const Win& a, const Win& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
}

// ---- routine --------------------------------------------------------------------------

/// Sums one habit's weeks of the focus of a report into `s`: the listed weeks from `focus_from`
/// on, and the folded weeks between them. A folded run holds no check-in and never the week of
/// today, so all its weeks share one result: not started (before the habit's first check-in),
/// missed (after it, finished) or running (after today).
void sum_focus_weeks(HabitSummary& s, std::size_t index, const std::vector<WeekStats>& weeks,
                     std::size_t focus_from, const HabitHistory& history, Date this_week) {
    const auto first = history.first_day();
    for (std::size_t i = focus_from; i < weeks.size(); ++i) {
        const WeekStats& week = weeks[i];
        if (i > focus_from && week.folded_before > 0 && first) {
            const Date run_first = util::add_days(week.first_day, -7 * week.folded_before);
            if (run_first > *first && run_first <= this_week) {
                s.weeks_missed += week.folded_before;
                s.target += static_cast<int>(target_sum(s.config, run_first, week.folded_before));
            }
        }
        const WeekTally& t = week.routine[index].tally;
        s.done += t.done;
        s.skipped += t.skipped;
        // Weeks that have begun count toward the target; a week still to come asks nothing yet.
        if (t.result != WeekResult::not_started && t.first_day <= this_week) {
            s.target += t.target;
        }
        s.weeks_met += t.result == WeekResult::met ? 1 : 0;
        s.weeks_missed += t.result == WeekResult::missed ? 1 : 0;
        s.last = t.result;
    }
}

} // namespace

std::string week_label(Date first_day, WeekStart start) {
    return util::format_iso_week(start == WeekStart::sunday ? util::add_days(first_day, 1) : first_day);
}

int StageCounts::total() const {
    return std::accumulate(by_stage.begin(), by_stage.end(), unknown);
}

std::optional<double> Figures::response_rate() const {
    if (feedback_requested == 0) {
        return std::nullopt;
    }
    return static_cast<double>(requests_answered) / feedback_requested;
}

std::optional<double> Figures::median_days_to_answer() const {
    return median_days(days_to_answer);
}

std::optional<double> Figures::mood() const {
    if (moods.empty()) {
        return std::nullopt;
    }
    return static_cast<double>(std::accumulate(moods.begin(), moods.end(), 0)) /
           static_cast<double>(moods.size());
}

/// Everything a report keeps while records are added: figures, not records (but for the few
/// kinds a report lists: wins, follow-ups, and the check-ins of the habits in effect).
struct StatsBuilder::State {
    StatsPeriod period;
    Date today;
    WeekStart week_start;
    int follow_up_days;
    SignalThresholds thresholds;
    std::map<std::string, HabitConfig> habits;
    Buckets where;
    /// The weeks something was counted in, by bucket (Buckets): only those, so a report over
    /// centuries with two records holds two weeks.
    std::map<std::size_t, Figures> buckets;
    Figures total;
    std::vector<Checkin> checkins; ///< of the habits in effect
    bool any_checkin = false;      ///< a check-in is dated inside the period
    std::vector<FollowUp> follow_ups_due;
    ThemeCounter themes;
    SignalTally signals; ///< over the rejections dated inside the period
    SourceTally sources; ///< over the rejections dated inside the period
    std::optional<std::string> goal;
    std::vector<HabitHistory> histories; ///< of the habits in effect, by name (once finished)

    State(const StatsPeriod& p, const Config& config, Date day)
        : period(p), today(day), week_start(config.week_start),
          follow_up_days(config.follow_up_days), thresholds(config.signals),
          habits(habits_in_effect(config)), where(p, config.week_start),
          themes(ThemeOptions{p.from, p.to}), sources(config.sources), goal(config.goal) {
        total.from = period.from;
        total.to = period.to;
    }

    /// The figures of bucket `b`, empty until something is counted in it. The week before the
    /// first one is counted whole: it is there for the first change.
    Figures& bucket(std::size_t b) {
        auto [it, added] = buckets.try_emplace(b);
        if (added) {
            const Date first = where.first_day(b);
            it->second.from = b == 0 ? first : std::max(first, period.from);
            it->second.to = std::min(util::add_days(first, 6), period.to);
        }
        return it->second;
    }

    /// The figures of bucket `b` as they are, or empty ones with its days.
    Figures take(std::size_t b) {
        if (auto it = buckets.find(b); it != buckets.end()) {
            return std::move(it->second);
        }
        Figures empty;
        const Date first = where.first_day(b);
        empty.from = b == 0 ? first : std::max(first, period.from);
        empty.to = std::min(util::add_days(first, 6), period.to);
        return empty;
    }

    bool inside(Date date) const { return date >= period.from && date <= period.to; }

    /// Counts into the week of `date` and into the total, where the date falls inside them.
    template <typename Count> void count(Date date, Count&& count_into) {
        if (auto b = where.of(date)) {
            count_into(bucket(*b));
        }
        if (inside(date)) {
            count_into(total);
        }
    }
};

StatsBuilder::StatsBuilder(const StatsPeriod& period, const Config& config, Date today)
    : m_state(std::make_unique<State>(period, config, today)) {}

StatsBuilder::~StatsBuilder() = default;

void StatsBuilder::add(const Rejection& r) {
    State& s = *m_state;
    s.count(r.date, [&](Figures& f) { count_rejection(f, r); });
    if (r.feedback.requested) {
        s.count(*r.feedback.requested, [&](Figures& f) { count_request(f, r); });
    }
    if (r.feedback.followed_up) {
        s.count(*r.feedback.followed_up, [](Figures& f) { ++f.feedback_followed_up; });
    }
    if (r.feedback.received) {
        s.count(*r.feedback.received, [](Figures& f) { ++f.feedback_received; });
    }
    if (follow_up_due(r, s.today, s.follow_up_days)) {
        s.follow_ups_due.push_back({r.id, r.company, *r.feedback.requested, r.date});
    }
    s.themes.add(r);
    if (s.inside(r.date)) {
        s.signals.add(r);
        s.sources.add(r);
    }
}

void StatsBuilder::add(const Reflection& r) {
    m_state->count(r.date, [&](Figures& f) { count_reflection(f, r); });
    m_state->themes.add(r);
}

void StatsBuilder::add(const Win& w) {
    m_state->count(w.date, [&](Figures& f) { f.wins.push_back(w); });
}

void StatsBuilder::add(const Checkin& c) {
    State& s = *m_state;
    if (s.habits.count(c.habit) != 0) {
        s.checkins.push_back(c);
    }
    s.any_checkin = s.any_checkin || s.inside(c.date);
}

Stats StatsBuilder::finish() {
    State& s = *m_state;
    const StatsPeriod& period = s.period;
    Stats stats;
    stats.period = period;
    stats.today = s.today;
    stats.week_start = s.week_start;
    for (auto& [b, f] : s.buckets) {
        tidy(f);
    }
    tidy(s.total);
    stats.total = std::move(s.total);

    auto by_day = [](const Checkin& a, const Checkin& b) {
        return a.date != b.date ? a.date < b.date : a.habit < b.habit;
    };
    if (!std::is_sorted(s.checkins.begin(), s.checkins.end(), by_day)) { // as the store reads them
        std::sort(s.checkins.begin(), s.checkins.end(), by_day);
    }
    std::vector<HabitHistory> histories;
    for (const auto& [habit, habit_config] : s.habits) {
        histories.emplace_back(habit, s.checkins);
    }

    // The weeks listed: those something was counted in or a habit was checked in, the first and
    // the last, and the week holding today; between them, runs of empty weeks shorter than
    // k_fold_weeks. Longer runs are folded.
    const Buckets& where = s.where;
    const std::size_t last = where.last();
    stats.week_count = static_cast<int>(last);
    std::vector<std::size_t> busy = {1, last};
    for (const auto& [b, f] : s.buckets) {
        if (b >= 1) {
            busy.push_back(b);
        }
    }
    for (const auto& c : s.checkins) {
        if (auto b = where.of(c.date); b && *b >= 1) {
            busy.push_back(*b);
        }
    }
    if (s.inside(s.today)) {
        busy.push_back(*where.of(s.today));
    }
    std::sort(busy.begin(), busy.end());
    busy.erase(std::unique(busy.begin(), busy.end()), busy.end());

    const Date this_week = week_start_of(s.today, s.week_start);
    const Figures before_first = s.take(0);
    auto add_week = [&](std::size_t b, int folded_before) {
        WeekStats week;
        week.first_day = where.first_day(b);
        week.last_day = std::min(util::add_days(week.first_day, 6), k_last_report_day);
        week.label = week_label(week.first_day, s.week_start);
        week.whole = week.first_day >= period.from && util::add_days(week.first_day, 6) <= period.to;
        week.folded_before = folded_before;
        week.figures = s.take(b);
        // The week before: the one listed, a folded (empty, whole) one, or the one before the
        // period (counted whole).
        const bool previous_whole = b == 1 || folded_before > 0 || stats.weeks.back().whole;
        if (week.whole && previous_whole) {
            const int before = b == 1              ? before_first.rejections.total()
                               : folded_before > 0 ? 0
                                                   : stats.weeks.back().figures.rejections.total();
            week.change = week.figures.rejections.total() - before;
        }
        auto history = histories.begin();
        for (const auto& [habit, habit_config] : s.habits) {
            week.routine.push_back(
                {habit, tally_week(*history++, habit_config, week.first_day, s.today)});
        }
        stats.weeks.push_back(std::move(week));
    };
    std::size_t previous = 0;
    for (std::size_t b : busy) {
        const std::size_t gap = previous == 0 ? 0 : b - previous - 1;
        if (gap >= static_cast<std::size_t>(k_fold_weeks)) {
            add_week(b, static_cast<int>(gap));
        } else {
            for (std::size_t quiet = b - gap; quiet < b; ++quiet) {
                add_week(quiet, 0);
            }
            add_week(b, 0);
        }
        previous = b;
    }

    std::size_t focus_from = 0;
    if (period.week_view) {
        const WeekStats& focus = stats.weeks.back();
        stats.focus = focus.figures;
        if (stats.weeks.size() == 1) {
            stats.previous = before_first;
        } else if (focus.folded_before > 0) {
            stats.previous = s.take(last - 1);
        } else {
            stats.previous = stats.weeks[stats.weeks.size() - 2].figures;
        }
        focus_from = stats.weeks.size() - 1;
    } else {
        stats.focus = stats.total;
    }
    for (std::size_t i = 0; i < histories.size(); ++i) {
        const auto& [habit, habit_config] = *std::next(s.habits.begin(), static_cast<long>(i));
        HabitSummary summary;
        summary.habit = habit;
        summary.config = habit_config;
        sum_focus_weeks(summary, i, stats.weeks, focus_from, histories[i], this_week);
        // The streak as it stands at the end of the period (or today, if that is earlier).
        const Streak streak =
            habit_streak(histories[i], habit_config, period.to, s.today, s.week_start);
        summary.daily = streak.daily;
        summary.streak = streak.length;
        stats.routine.push_back(std::move(summary));
    }
    s.histories = std::move(histories);

    stats.follow_ups_due = std::move(s.follow_ups_due);
    std::sort(stats.follow_ups_due.begin(), stats.follow_ups_due.end(),
              [](const FollowUp& a, const FollowUp& b) {
                  return std::tie(a.requested, a.date, a.id) < std::tie(b.requested, b.date, b.id);
              });

    stats.themes = s.themes.themes();
    if (stats.themes.improve.size() > k_top_themes) {
        stats.themes.improve.resize(k_top_themes);
    }
    if (stats.themes.strengths.size() > k_top_themes) {
        stats.themes.strengths.resize(k_top_themes);
    }

    stats.any_records = stats.total.rejections.total() > 0 || stats.total.reflections > 0 ||
                        !stats.total.wins.empty() || stats.total.feedback_requested > 0 ||
                        stats.total.feedback_received > 0 || s.any_checkin;

    stats.sources = s.sources.finish();
    stats.goal = s.goal;

    stats.signals = find_signals(stats, s.thresholds, s.signals, s.histories);
    return stats;
}

Stats compute_stats(const StatsPeriod& period, const StatsInput& input, const Config& config,
                    Date today) {
    StatsBuilder builder(period, config, today);
    for (const auto& r : input.rejections) {
        builder.add(r);
    }
    for (const auto& r : input.reflections) {
        builder.add(r);
    }
    for (const auto& w : input.wins) {
        builder.add(w);
    }
    for (const auto& c : input.checkins) {
        builder.add(c);
    }
    return builder.finish();
}

namespace {
/// The first day of the trend of `weeks` weeks: that many weeks back from the last one.
Date trend_start(const Stats& stats, int weeks) {
    return util::add_days(stats.weeks.back().first_day, -7 * (std::max(weeks, 1) - 1));
}
} // namespace

std::span<const WeekStats> trend(const Stats& stats, int weeks) {
    if (stats.weeks.empty() || weeks <= 0) {
        return {};
    }
    const Date start = trend_start(stats, weeks);
    auto first = std::lower_bound(stats.weeks.begin(), stats.weeks.end(), start,
                                  [](const WeekStats& w, Date d) { return w.first_day < d; });
    return {first, stats.weeks.end()};
}

int trend_folded_before(const Stats& stats, int weeks) {
    const auto shown = trend(stats, weeks);
    if (shown.empty()) {
        return 0;
    }
    return std::min(shown.front().folded_before,
                    util::days_between(trend_start(stats, weeks), shown.front().first_day) / 7);
}

} // namespace bb
