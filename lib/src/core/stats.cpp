#include "bounceback/core/stats.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace bb {

namespace {

using util::add_days;
using util::format_number;

/// The last day a report shows: dates stop at 9999-12-31.
constexpr Date k_last_day{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

/// "1 rejection", "3 rejections".
std::string count_of(int n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// Rounded to two decimals, so JSON and CSV stay short and stable.
double rounded(double value) {
    return std::round(value * 100.0) / 100.0;
}

// ---- thresholds -----------------------------------------------------------------------

enum class Kind { share, count, weeks, mood };

struct ThresholdKey {
    const char* name;
    Kind kind;
    std::function<void(SignalThresholds&, double)> set;
};

const std::vector<ThresholdKey>& threshold_keys() {
    static const std::vector<ThresholdKey> keys = {
        {"application_share", Kind::share,
         [](SignalThresholds& t, double v) { t.application_share = v; }},
        {"application_min", Kind::count,
         [](SignalThresholds& t, double v) { t.application_min = static_cast<int>(v); }},
        {"interview_min", Kind::count,
         [](SignalThresholds& t, double v) { t.interview_min = static_cast<int>(v); }},
        {"tag_share", Kind::share, [](SignalThresholds& t, double v) { t.tag_share = v; }},
        {"tag_min", Kind::count,
         [](SignalThresholds& t, double v) { t.tag_min = static_cast<int>(v); }},
        {"feedback_share", Kind::share,
         [](SignalThresholds& t, double v) { t.feedback_share = v; }},
        {"feedback_min", Kind::count,
         [](SignalThresholds& t, double v) { t.feedback_min = static_cast<int>(v); }},
        {"routine_weeks", Kind::weeks,
         [](SignalThresholds& t, double v) { t.routine_weeks = static_cast<int>(v); }},
        {"mood_low", Kind::mood, [](SignalThresholds& t, double v) { t.mood_low = v; }},
        {"mood_weeks", Kind::weeks,
         [](SignalThresholds& t, double v) { t.mood_weeks = static_cast<int>(v); }},
        {"network_share", Kind::share,
         [](SignalThresholds& t, double v) { t.network_share = v; }},
        {"network_min", Kind::count,
         [](SignalThresholds& t, double v) { t.network_min = static_cast<int>(v); }},
        {"network_personal_min", Kind::count,
         [](SignalThresholds& t, double v) { t.network_personal_min = static_cast<int>(v); }},
    };
    return keys;
}

/// "" when `value` suits `kind`, else what it must be.
std::string check_threshold(Kind kind, double value) {
    const bool whole = std::isfinite(value) && value == std::floor(value);
    switch (kind) {
    case Kind::share:
        return value > 0.0 && value <= 1.0 ? ""
                                           : "must be a share above 0 and at most 1, such as 0.5";
    case Kind::count:
        return whole && value >= 1 && value <= 1000 ? "" : "must be a whole number from 1 to 1000";
    case Kind::weeks:
        return whole && value >= 1 && value <= 52 ? ""
                                                  : "must be a whole number of weeks from 1 to 52";
    case Kind::mood:
        return value >= 1.0 && value <= 5.0 ? "" : "must be a mood from 1 to 5";
    }
    return "";
}

// ---- figures --------------------------------------------------------------------------

/// Where each record goes: bucket 0 is the week before the first week, bucket i is week i of the
/// period (from 1). Days of the first week before `from` belong to no bucket.
class Buckets {
  public:
    Buckets(const StatsPeriod& period, WeekStart start)
        : m_from(period.from), m_to(period.to),
          m_origin(add_days(week_start_of(period.from, start), -7)) {}

    std::optional<std::size_t> of(Date date) const {
        if (date < m_origin || date > m_to || (date < m_from && date >= add_days(m_origin, 7))) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(util::days_between(m_origin, date) / 7);
    }

    /// The bucket of the last week of the period.
    std::size_t last() const {
        return static_cast<std::size_t>(util::days_between(m_origin, m_to) / 7);
    }

    /// The first day of bucket `b`'s whole week.
    Date first_day(std::size_t b) const { return add_days(m_origin, 7 * static_cast<int>(b)); }

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
            const Date run_first = add_days(week.first_day, -7 * week.folded_before);
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

// ---- signals --------------------------------------------------------------------------

/// "in these 8 weeks", "this week", "from 2026-01-05 to 2026-03-01".
std::string range_phrase(const Stats& stats) {
    if (stats.period.week_view) {
        return stats.week_count == 1 ? "this week"
                                     : "in these " + std::to_string(stats.week_count) + " weeks";
    }
    return "from " + util::format_date(stats.period.from) + " to " +
           util::format_date(stats.period.to);
}

/// The stages that come after an interview.
constexpr Stage k_interview_stages[] = {Stage::screen, Stage::technical, Stage::onsite,
                                        Stage::final};

/// What the signals need to know of the rejections dated inside the period, counted one
/// rejection at a time.
struct SignalTally {
    /// A tag, case-folded, and how many rejections carry it.
    struct Tag {
        std::string folded;
        int count = 0;
        std::string written; ///< as the earliest of those rejections (by date, then ID) wrote it
        std::pair<Date, std::int64_t> first;
    };
    std::vector<Tag> tags;                                      // by first sight
    std::unordered_map<std::string, std::size_t> tag_numbers;   // as written → index in tags
    std::unordered_map<std::string, std::size_t> folded_number; // folded → index in tags
    std::vector<std::size_t> seen;                              // of the rejection being added
    /// Feedback areas named on rejections after interviews, and how often.
    std::map<std::string, int, std::less<>> interview_areas;
    int rejections = 0;
    int asked = 0; ///< rejections with feedback requested or received
    /// The latest rejection (by date, then ID) whose feedback was never asked for.
    struct Unasked {
        Date date;
        std::int64_t id = 0;
        std::string company;
    };
    std::optional<Unasked> latest_unasked;

    void add(const Rejection& r) {
        ++rejections;
        seen.clear();
        for (const auto& tag : r.tags) {
            auto known = tag_numbers.find(tag);
            if (known == tag_numbers.end()) {
                std::string folded = util::fold_case(tag);
                auto [entry, added] = folded_number.try_emplace(folded, tags.size());
                if (added) {
                    tags.push_back({std::move(folded), 0, tag, {r.date, r.id}});
                }
                known = tag_numbers.emplace(tag, entry->second).first;
            }
            const std::size_t number = known->second;
            if (std::find(seen.begin(), seen.end(), number) != seen.end()) {
                continue;
            }
            seen.push_back(number);
            Tag& t = tags[number];
            ++t.count;
            if (std::pair{r.date, r.id} < t.first) {
                t.first = {r.date, r.id};
                t.written = tag;
            }
        }
        const bool interviewed =
            r.stage && std::find(std::begin(k_interview_stages), std::end(k_interview_stages),
                                 *r.stage) != std::end(k_interview_stages);
        if (interviewed) {
            for (const auto& area : r.feedback.areas) {
                auto it = interview_areas.find(area);
                if (it == interview_areas.end()) {
                    it = interview_areas.emplace(area, 0).first;
                }
                ++it->second;
            }
        }
        if (r.feedback.requested || r.feedback.received) {
            ++asked;
        } else if (!latest_unasked ||
                   std::pair{r.date, r.id} > std::pair{latest_unasked->date, latest_unasked->id}) {
            latest_unasked = Unasked{r.date, r.id, r.company};
        }
    }
};

/// "technical (2), communication (1)": feedback areas and how often each was named, most named
/// first.
std::string areas_named(const std::map<std::string, int, std::less<>>& counts) {
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> parts;
    for (const auto& [area, n] : sorted) {
        parts.push_back(area + " (" + std::to_string(n) + ")");
    }
    return util::join(parts, ", ");
}

void signal_applications(Stats& stats, const SignalThresholds& t) {
    const int n = stats.total.rejections.total();
    const int at_application = stats.total.rejections.at(Stage::application);
    if (at_application < t.application_min || at_application < t.application_share * n) {
        return;
    }
    stats.signals.push_back(
        {"tailor-applications",
         std::to_string(at_application) + " of the " + count_of(n, "rejection") + " " +
             range_phrase(stats) +
             " came at the application stage, before any interview. Early screening is often "
             "done against the job description, so tailoring your resume and cover letter to "
             "each posting, in its own keywords, can help more of them reach an interview."});
}

void signal_interviews(Stats& stats, const SignalThresholds& t, const SignalTally& tally) {
    int after_interviews = 0;
    std::vector<std::string> by_stage;
    for (Stage stage : k_interview_stages) {
        if (const int n = stats.total.rejections.at(stage); n > 0) {
            after_interviews += n;
            by_stage.push_back(std::string(stage_name(stage)) + " " + std::to_string(n));
        }
    }
    if (after_interviews < t.interview_min) {
        return;
    }
    const std::string areas = areas_named(tally.interview_areas);
    stats.signals.push_back(
        {"practise-interviews",
         count_of(after_interviews, "rejection") + " " + range_phrase(stats) +
             " came after interviews (" + util::join(by_stage, ", ") +
             "). Being invited to interview means your applications work; practice can take "
             "you further. Try mock interviews with a friend, a family member or a career "
             "coach, " +
             (areas.empty() ? std::string("starting with the questions that felt hardest.")
                            : "starting with what the feedback named: " + areas + ".")});
}

void signal_tags(Stats& stats, const SignalThresholds& t, const SignalTally& tally) {
    const int n = stats.total.rejections.total();
    const SignalTally::Tag* top = nullptr;
    for (const auto& tag : tally.tags) { // the most used; on a tie, the first in folded order
        if (top == nullptr || tag.count > top->count ||
            (tag.count == top->count && tag.folded < top->folded)) {
            top = &tag;
        }
    }
    if (top == nullptr || top->count < t.tag_min || top->count < t.tag_share * n) {
        return;
    }
    stats.signals.push_back(
        {"widen-search",
         std::to_string(top->count) + " of the " + count_of(n, "rejection") + " " +
             range_phrase(stats) + " are tagged '" + top->written +
             "'. It can be worth widening the search to neighbouring roles or industries "
             "where your skills fit just as well."});
}

/// "job board, linkedin and 2 more": the channels' names, the largest first.
std::string channel_names(const std::vector<const SourceFigures*>& channels) {
    constexpr std::size_t named = 3;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < channels.size() && i < named; ++i) {
        names.push_back(channels[i]->written);
    }
    if (channels.size() > named) {
        names.push_back(std::to_string(channels.size() - named) + " more");
    }
    return util::and_list(names);
}

void signal_network(Stats& stats, const SignalThresholds& t) {
    std::vector<const SourceFigures*> cold;
    std::vector<const SourceFigures*> personal;
    int cold_total = 0;
    int cold_application = 0;
    int cold_interviewed = 0;
    int personal_total = 0;
    int personal_interviewed = 0;
    for (const auto& channel : stats.sources.channels) {
        if (channel.personal) {
            personal.push_back(&channel);
            personal_total += channel.total();
            personal_interviewed += channel.interviewed();
        } else {
            if (channel.by_stage[static_cast<std::size_t>(Stage::application)] > 0) {
                cold.push_back(&channel);
            }
            cold_total += channel.total();
            cold_application += channel.by_stage[static_cast<std::size_t>(Stage::application)];
            cold_interviewed += channel.interviewed();
        }
    }
    const int named = cold_total + personal_total;
    if (cold_application < t.network_min || cold_application < t.network_share * named ||
        personal_total < t.network_personal_min) {
        return;
    }
    // Personal channels got further: a larger share of them got to an interview.
    if (personal_interviewed * cold_total <= cold_interviewed * personal_total) {
        return;
    }
    stats.signals.push_back(
        {"reach-people",
         std::to_string(cold_application) + " of the " + count_of(named, "rejection") + " " +
             range_phrase(stats) + " that name a source came at the application stage through " +
             channel_names(cold) + ", while " + channel_names(personal) +
             " got to an interview in " + std::to_string(personal_interviewed) + " of " +
             std::to_string(personal_total) +
             ". Many roles are filled through people you know. Reaching out can open doors: an "
             "industry event, a professional group, or a message to a former colleague. That "
             "time counts for the connect habit too: `bounceback routine done connect`."});
}

void signal_feedback(Stats& stats, const SignalThresholds& t, const SignalTally& tally) {
    const int n = tally.rejections;
    if (n < t.feedback_min) {
        return;
    }
    const int asked = tally.asked;
    const auto& latest_unasked = tally.latest_unasked;
    if (asked >= t.feedback_share * n || !latest_unasked) {
        return;
    }
    stats.signals.push_back(
        {"ask-for-feedback",
         [&] {
             const std::string draft = "`bounceback feedback-email " +
                                       std::to_string(latest_unasked->id) + "` drafts one for " +
                                       latest_unasked->company;
             const std::string of_all =
                 count_of(n, "rejection") + " " + range_phrase(stats);
             return asked == 0
                        ? "A short, polite request for feedback often brings an answer worth "
                          "having. " + draft + ", the latest of the " + of_all + "."
                        : "You have asked for feedback after " + std::to_string(asked) +
                              " of the " + of_all +
                              ", and a short, polite request often brings an answer worth "
                              "having. " + draft + ".";
         }()});
}

void signal_routine(Stats& stats, const SignalThresholds& t,
                    const std::vector<HabitHistory>& histories) {
    // The last finished weeks of the period, judged like every other week (folded ones too).
    const Date first_week = week_start_of(stats.period.from, stats.week_start);
    const Date last_finished = std::min(add_days(week_start_of(stats.today, stats.week_start), -7),
                                        week_start_of(stats.period.to, stats.week_start));
    if (last_finished < add_days(first_week, 7 * (t.routine_weeks - 1))) {
        return;
    }
    std::vector<std::string> habits;
    for (std::size_t h = 0; h < stats.routine.size(); ++h) {
        const HabitSummary& summary = stats.routine[h];
        std::vector<std::string> counts;
        bool any = false;
        int target = 0;
        for (int w = t.routine_weeks - 1; w >= 0; --w) {
            const WeekTally tally = tally_week(histories[h], summary.config,
                                               add_days(last_finished, -7 * w), stats.today);
            if (tally.result == WeekResult::missed) {
                counts.push_back(std::to_string(tally.done));
                any = any || tally.done > 0;
                target = tally.target;
            }
        }
        if (static_cast<int>(counts.size()) == t.routine_weeks) {
            habits.push_back(summary.habit +
                             (any ? " (" + util::join(counts, ", then ") + ", of " +
                                        std::to_string(target) + " a week)"
                                  : " (no check-ins)"));
        }
    }
    if (habits.empty()) {
        return;
    }
    // Facts about the person's own plan, never a verdict: "fewer check-ins than planned".
    stats.signals.push_back(
        {"protect-routine",
         (t.routine_weeks == 1
              ? std::string("Last week")
              : "In each of the last " + std::to_string(t.routine_weeks) + " weeks") +
             ", there were fewer check-ins than planned for " + util::and_list(habits) +
             ". The routine is what keeps your energy up through a search; setting aside a "
             "fixed time for " +
             (habits.size() == 1 ? "it" : "them") + " in the week ahead can help."});
}

void signal_mood(Stats& stats, const SignalThresholds& t) {
    // The last weeks in a row: a folded run (nothing logged, so no mood) ends them.
    std::vector<const WeekStats*> weeks;
    for (auto it = stats.weeks.rbegin(); it != stats.weeks.rend(); ++it) {
        weeks.insert(weeks.begin(), &*it);
        if (it->folded_before > 0 || static_cast<int>(weeks.size()) > t.mood_weeks) {
            break;
        }
    }
    // A week that has only just begun may have no mood yet: look at the weeks before it.
    if (!weeks.empty() && !weeks.back()->figures.mood()) {
        weeks.pop_back();
    }
    if (static_cast<int>(weeks.size()) < t.mood_weeks) {
        return;
    }
    // In the words people use: "about 1 out of 5, last week and this week", no week codes.
    const Date this_week = week_start_of(stats.today, stats.week_start);
    std::vector<std::string> when;
    std::vector<std::string> values;
    for (auto it = weeks.end() - t.mood_weeks; it != weeks.end(); ++it) {
        const auto mood = (*it)->figures.mood();
        if (!mood || *mood > t.mood_low) {
            return;
        }
        const Date from = week_start_of((*it)->figures.from, stats.week_start);
        when.push_back(from == this_week               ? std::string("this week")
                       : from == add_days(this_week, -7) ? std::string("last week")
                                                         : "the week of " + util::format_date(from));
        values.push_back(format_number(std::round(*mood * 2.0) / 2.0));
    }
    std::string about;
    if (std::all_of(values.begin(), values.end(), [&](const std::string& v) { return v == values[0]; })) {
        about = "about " + values[0] + " out of 5, " + util::and_list(when);
    } else {
        std::vector<std::string> each;
        for (std::size_t i = 0; i < values.size(); ++i) {
            each.push_back((i == 0 ? "about " + values[i] + " out of 5 " : "about " + values[i] + " ") +
                           when[i]);
        }
        about = util::and_list(each);
    }
    stats.signals.push_back(
        {"take-a-break",
         "Your mood has been low" +
             (t.mood_weeks == 1 ? std::string()
                                : " for " + std::to_string(t.mood_weeks) + " weeks in a row") +
             ": " + about +
             ". That is a lot to carry. It is fine to pause the applications for a few days, "
             "and to talk to someone: a friend, a career coach or a counsellor."});
}

void signal_wins(Stats& stats) {
    if (!stats.total.wins.empty() || !stats.any_records) {
        return;
    }
    stats.signals.push_back(
        {"name-a-win",
         "No wins logged " + range_phrase(stats) +
             ". Something went right, however small: an application sent, a good conversation, "
             "a skill practised. Name it with `bounceback log win \"…\"`."});
}

// ---- output ---------------------------------------------------------------------------

toml::table stage_table(const StageCounts& counts) {
    toml::table by_stage;
    for (std::size_t i = 0; i < counts.by_stage.size(); ++i) {
        by_stage.insert_or_assign(stage_names()[i], static_cast<std::int64_t>(counts.by_stage[i]));
    }
    by_stage.insert_or_assign("unknown", static_cast<std::int64_t>(counts.unknown));
    return by_stage;
}

/// The figures every week and the total share.
toml::table figures_table(const Figures& f) {
    toml::table t;
    t.insert_or_assign("from", to_toml_date(f.from));
    t.insert_or_assign("to", to_toml_date(f.to));
    toml::table rejections;
    rejections.insert_or_assign("total", static_cast<std::int64_t>(f.rejections.total()));
    rejections.insert_or_assign("by_stage", stage_table(f.rejections));
    t.insert_or_assign("rejections", std::move(rejections));
    toml::table feedback;
    feedback.insert_or_assign("requested", static_cast<std::int64_t>(f.feedback_requested));
    feedback.insert_or_assign("received", static_cast<std::int64_t>(f.feedback_received));
    feedback.insert_or_assign("followed_up", static_cast<std::int64_t>(f.feedback_followed_up));
    feedback.insert_or_assign("answered", static_cast<std::int64_t>(f.requests_answered));
    if (auto rate = f.response_rate()) {
        feedback.insert_or_assign("response_rate", rounded(*rate));
    }
    t.insert_or_assign("feedback", std::move(feedback));
    if (auto median = f.median_days_to_answer()) {
        t.insert_or_assign("median_days_to_answer", rounded(*median));
    }
    if (auto mood = f.mood()) {
        t.insert_or_assign("mood", rounded(*mood));
    }
    t.insert_or_assign("reflections", static_cast<std::int64_t>(f.reflections));
    t.insert_or_assign("wins", static_cast<std::int64_t>(f.wins.size()));
    return t;
}

std::string optional_cell(const std::optional<double>& value) {
    if (!value) {
        return "";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", rounded(*value));
    return buf;
}

} // namespace

std::string week_label(Date first_day, WeekStart start) {
    return util::format_iso_week(start == WeekStart::sunday ? add_days(first_day, 1) : first_day);
}

StatsPeriod week_period(Date day, int weeks, WeekStart start) {
    constexpr Date first_day{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
    const int count = std::clamp(weeks, 1, k_max_report_weeks);
    const Date last_week = week_start_of(day, start);
    // Days stay inside the calendar bounceback keeps (1900 to 9999): the weeks at its edges are
    // cut short rather than run into 1899 or 10000.
    return {std::max(add_days(last_week, -7 * (count - 1)), first_day),
            std::min(add_days(last_week, 6), k_last_day), true};
}

StatsPeriod range_period(Date since, Date until) {
    return {since, until, false};
}

StatsReads stats_reads(const StatsPeriod& period, WeekStart start) {
    const Date first_week = week_start_of(period.from, start);
    // Check-ins to the end of the last week: a week is judged whole, however the range cuts it.
    const Date last_week_end = std::min(add_days(week_start_of(period.to, start), 6), k_last_day);
    return {{add_days(first_week, -7 * k_feedback_lookback_weeks), period.to},
            {add_days(first_week, -7), period.to},
            {std::nullopt, last_week_end}};
}

StatsPlan week_plan(Date day, int weeks, WeekStart start) {
    const StatsPeriod period = week_period(day, weeks, start);
    return {period, stats_reads(period, start)};
}

StatsPlan range_plan(Date since, Date until, WeekStart start) {
    const StatsPeriod period = range_period(since, until);
    return {period, stats_reads(period, start)};
}

StatsPlan everything_plan(std::optional<Date> until,
                          const std::optional<std::pair<Date, Date>>& span, Date today) {
    const Date end = until ? *until : std::max(today, span ? span->second : today);
    const DateRange everything{std::nullopt, until};
    // Every check-in, those after `until` too: the last week is judged whole.
    return {range_period(span ? std::min(span->first, end) : end, end),
            {everything, everything, DateRange{}}};
}

SignalThresholds signal_thresholds(const Config& config) {
    SignalThresholds thresholds;
    for (const auto& [key, value] : config.signals) {
        const auto place = config.signal_places.find(key);
        const std::string where = place == config.signal_places.end() ? "" : place->second + ": ";
        const auto& keys = threshold_keys();
        // Not [&key]: clang 14 cannot capture a structured binding.
        auto it = std::find_if(keys.begin(), keys.end(),
                               [&name = key](const ThresholdKey& k) { return name == k.name; });
        if (it == keys.end()) {
            std::vector<std::string> names;
            for (const auto& k : keys) {
                names.push_back(k.name);
            }
            const std::string near = util::closest_match(key, names);
            throw Error(ExitCode::config,
                        where + "[signals] unknown key '" + key + "'" +
                            (near.empty() ? "" : "; did you mean '" + near + "'?") +
                            " (keys: " + util::join(names, ", ") + "; see bounceback(5))");
        }
        if (auto reason = check_threshold(it->kind, value); !reason.empty()) {
            throw Error(ExitCode::config,
                        where + "[signals] " + key + " = " + format_number(value) + ": " +
                            reason);
        }
        it->set(thresholds, value);
    }
    return thresholds;
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
          follow_up_days(config.follow_up_days), thresholds(signal_thresholds(config)),
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
            it->second.to = std::min(add_days(first, 6), period.to);
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
        empty.to = std::min(add_days(first, 6), period.to);
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
        week.last_day = std::min(add_days(week.first_day, 6), k_last_day);
        week.label = week_label(week.first_day, s.week_start);
        week.whole = week.first_day >= period.from && add_days(week.first_day, 6) <= period.to;
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

    // How the person is doing comes first; then the search itself; then the wins.
    const SignalThresholds& thresholds = s.thresholds;
    signal_mood(stats, thresholds);
    signal_applications(stats, thresholds);
    signal_interviews(stats, thresholds, s.signals);
    signal_tags(stats, thresholds, s.signals);
    signal_network(stats, thresholds);
    signal_feedback(stats, thresholds, s.signals);
    signal_routine(stats, thresholds, s.histories);
    signal_wins(stats);
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

std::size_t signals_held_back(const Stats& stats, bool all) {
    const bool hard_week = !stats.signals.empty() && stats.signals.front().id == "take-a-break";
    return all || !hard_week ? 0 : stats.signals.size() - 1;
}

std::string no_signals_message(const Stats& stats) {
    return stats.any_records ? "Nothing stands out. Keep going at your own pace."
                             : "Nothing to go on yet; signals appear as you log.";
}

namespace {
/// The first day of the trend of `weeks` weeks: that many weeks back from the last one.
Date trend_start(const Stats& stats, int weeks) {
    return add_days(stats.weeks.back().first_day, -7 * (std::max(weeks, 1) - 1));
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

toml::table stats_to_toml(const Stats& stats) {
    toml::table out;
    toml::table range;
    range.insert_or_assign("from", to_toml_date(stats.period.from));
    range.insert_or_assign("to", to_toml_date(stats.period.to));
    out.insert_or_assign("range", std::move(range));
    out.insert_or_assign("view", stats.period.week_view ? "week" : "range");
    out.insert_or_assign("week_start", std::string(week_start_name(stats.week_start)));
    out.insert_or_assign("today", to_toml_date(stats.today));

    toml::array weeks;
    for (const auto& week : stats.weeks) {
        toml::table t = figures_table(week.figures);
        t.insert_or_assign("week", week.label);
        if (week.folded_before > 0) {
            t.insert_or_assign("folded_before", static_cast<std::int64_t>(week.folded_before));
        }
        if (week.change) {
            t["rejections"].as_table()->insert_or_assign("change",
                                                         static_cast<std::int64_t>(*week.change));
        }
        toml::array win_list;
        for (const auto& w : week.figures.wins) {
            win_list.push_back(to_toml(w));
        }
        t.insert_or_assign("win_list", std::move(win_list));
        toml::table routine;
        for (const auto& hw : week.routine) {
            toml::table h;
            h.insert_or_assign("done", static_cast<std::int64_t>(hw.tally.done));
            h.insert_or_assign("skipped", static_cast<std::int64_t>(hw.tally.skipped));
            h.insert_or_assign("target", static_cast<std::int64_t>(hw.tally.target));
            h.insert_or_assign("result", std::string(week_result_name(hw.tally.result)));
            routine.insert_or_assign(hw.habit, std::move(h));
        }
        t.insert_or_assign("routine", std::move(routine));
        weeks.push_back(std::move(t));
    }
    out.insert_or_assign("weeks", std::move(weeks));
    out.insert_or_assign("total", figures_table(stats.total));

    toml::table routine;
    for (const auto& s : stats.routine) {
        toml::table h;
        h.insert_or_assign("per_week", static_cast<std::int64_t>(s.config.per_week));
        h.insert_or_assign("done", static_cast<std::int64_t>(s.done));
        h.insert_or_assign("skipped", static_cast<std::int64_t>(s.skipped));
        h.insert_or_assign("target", static_cast<std::int64_t>(s.target));
        h.insert_or_assign("weeks_met", static_cast<std::int64_t>(s.weeks_met));
        h.insert_or_assign("weeks_missed", static_cast<std::int64_t>(s.weeks_missed));
        h.insert_or_assign("streak", static_cast<std::int64_t>(s.streak));
        h.insert_or_assign("streak_unit", s.daily ? "days" : "weeks");
        routine.insert_or_assign(s.habit, std::move(h));
    }
    out.insert_or_assign("routine", std::move(routine));

    toml::array follow_ups;
    for (const auto& r : stats.follow_ups_due) {
        toml::table f;
        f.insert_or_assign("id", r.id);
        f.insert_or_assign("company", r.company);
        f.insert_or_assign("requested", to_toml_date(r.requested));
        follow_ups.push_back(std::move(f));
    }
    out.insert_or_assign("follow_ups_due", std::move(follow_ups));

    auto theme_list = [](const std::vector<Theme>& themes) {
        toml::array list;
        for (const auto& theme : themes) {
            toml::table t;
            t.insert_or_assign("text", theme.text);
            t.insert_or_assign("count", static_cast<std::int64_t>(theme.count));
            list.push_back(std::move(t));
        }
        return list;
    };
    toml::table themes;
    themes.insert_or_assign("improve", theme_list(stats.themes.improve));
    themes.insert_or_assign("strengths", theme_list(stats.themes.strengths));
    out.insert_or_assign("themes", std::move(themes));

    toml::array signals;
    for (const auto& s : stats.signals) {
        toml::table t;
        t.insert_or_assign("id", s.id);
        t.insert_or_assign("message", s.message);
        signals.push_back(std::move(t));
    }
    out.insert_or_assign("signals", std::move(signals));
    out.insert_or_assign("by_source", sources_to_toml(stats));
    out.insert_or_assign("no_source", static_cast<std::int64_t>(stats.sources.no_source));
    out.insert_or_assign("source_min", static_cast<std::int64_t>(k_source_min_records));
    if (stats.goal) {
        out.insert_or_assign("goal", *stats.goal);
    }
    return out;
}

toml::array sources_to_toml(const Stats& stats) {
    toml::array list;
    for (const auto& channel : stats.sources.channels) {
        toml::table t;
        t.insert_or_assign("source", channel.written);
        t.insert_or_assign("personal", channel.personal);
        t.insert_or_assign("rejections", static_cast<std::int64_t>(channel.total()));
        StageCounts counts;
        counts.by_stage = channel.by_stage;
        counts.unknown = channel.unknown_stage;
        t.insert_or_assign("by_stage", stage_table(counts));
        t.insert_or_assign("interviewed", static_cast<std::int64_t>(channel.interviewed()));
        if (channel.enough()) {
            t.insert_or_assign("interview_share",
                               rounded(static_cast<double>(channel.interviewed()) /
                                       channel.total()));
        }
        if (auto median = channel.median_days_to_answer()) {
            t.insert_or_assign("median_days_to_answer", rounded(*median));
        }
        list.push_back(std::move(t));
    }
    return list;
}

namespace {
/// One CSV record of `cells` (RFC 4180, CRLF).
std::string csv_line(const std::vector<std::string>& cells) {
    std::vector<std::string> fields;
    for (const auto& c : cells) {
        fields.push_back(util::csv_field(c));
    }
    return util::join(fields, ",") + "\r\n";
}
} // namespace

std::string sources_to_csv(const Stats& stats) {
    std::vector<std::string> header = {"source", "personal", "rejections"};
    for (const auto& stage : stage_names()) {
        header.push_back(stage);
    }
    for (const char* name : {"unknown", "interviewed", "interview_share", "median_days_to_answer"}) {
        header.emplace_back(name);
    }
    std::string out = csv_line(header);
    for (const auto& channel : stats.sources.channels) {
        std::vector<std::string> cells = {channel.written, channel.personal ? "yes" : "no",
                                          std::to_string(channel.total())};
        for (int n : channel.by_stage) {
            cells.push_back(std::to_string(n));
        }
        cells.push_back(std::to_string(channel.unknown_stage));
        cells.push_back(std::to_string(channel.interviewed()));
        cells.push_back(channel.enough() ? optional_cell(static_cast<double>(channel.interviewed()) /
                                                         channel.total())
                                         : "");
        cells.push_back(optional_cell(channel.median_days_to_answer()));
        out += csv_line(cells);
    }
    return out;
}

std::string stats_to_csv(const Stats& stats) {
    std::vector<std::string> header = {"week", "from", "to", "rejections"};
    for (const auto& stage : stage_names()) {
        header.push_back(stage);
    }
    for (const char* name :
         {"unknown", "change", "feedback_requested", "feedback_received", "feedback_answered",
          "response_rate", "median_days_to_answer", "mood", "reflections", "wins"}) {
        header.emplace_back(name);
    }
    for (const auto& s : stats.routine) {
        header.push_back("routine_" + s.habit + "_done");
        header.push_back("routine_" + s.habit + "_target");
    }
    header.emplace_back("folded_before");
    header.emplace_back("feedback_followed_up");
    std::string out = csv_line(header);
    for (const auto& week : stats.weeks) {
        const Figures& f = week.figures;
        std::vector<std::string> cells = {week.label, util::format_date(f.from),
                                          util::format_date(f.to),
                                          std::to_string(f.rejections.total())};
        for (int n : f.rejections.by_stage) {
            cells.push_back(std::to_string(n));
        }
        cells.push_back(std::to_string(f.rejections.unknown));
        cells.push_back(week.change ? std::to_string(*week.change) : "");
        cells.push_back(std::to_string(f.feedback_requested));
        cells.push_back(std::to_string(f.feedback_received));
        cells.push_back(std::to_string(f.requests_answered));
        cells.push_back(optional_cell(f.response_rate()));
        cells.push_back(optional_cell(f.median_days_to_answer()));
        cells.push_back(optional_cell(f.mood()));
        cells.push_back(std::to_string(f.reflections));
        cells.push_back(std::to_string(f.wins.size()));
        for (const auto& hw : week.routine) {
            cells.push_back(std::to_string(hw.tally.done));
            cells.push_back(std::to_string(hw.tally.target));
        }
        cells.push_back(std::to_string(week.folded_before));
        cells.push_back(std::to_string(f.feedback_followed_up));
        out += csv_line(cells);
    }
    return out;
}

} // namespace bb
