#include "bounceback/core/signals.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>

namespace bb {

namespace {

/// "1 rejection", "3 rejections".
std::string count_of(int n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

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

void signal_applications(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t) {
    const int n = stats.total.rejections.total();
    const int at_application = stats.total.rejections.at(Stage::application);
    if (at_application < t.application_min || at_application < t.application_share * n) {
        return;
    }
    out.push_back(
        {"tailor-applications",
         std::to_string(at_application) + " of the " + count_of(n, "rejection") + " " +
             range_phrase(stats) +
             " came at the application stage, before any interview. Early screening is often "
             "done against the job description, so tailoring your resume and cover letter to "
             "each posting, in its own keywords, can help more of them reach an interview."});
}

void signal_interviews(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t,
                       const SignalTally& tally) {
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
    out.push_back(
        {"practise-interviews",
         count_of(after_interviews, "rejection") + " " + range_phrase(stats) +
             " came after interviews (" + util::join(by_stage, ", ") +
             "). Being invited to interview means your applications work; practice can take "
             "you further. Try mock interviews with a friend, a family member or a career "
             "coach, " +
             (areas.empty() ? std::string("starting with the questions that felt hardest.")
                            : "starting with what the feedback named: " + areas + ".")});
}

void signal_tags(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t,
                 const SignalTally& tally) {
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
    out.push_back(
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

void signal_network(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t) {
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
    out.push_back(
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

void signal_feedback(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t,
                     const SignalTally& tally) {
    const int n = tally.rejections;
    if (n < t.feedback_min) {
        return;
    }
    const int asked = tally.asked;
    const auto& latest_unasked = tally.latest_unasked;
    if (asked >= t.feedback_share * n || !latest_unasked) {
        return;
    }
    out.push_back(
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

void signal_routine(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t,
                    const std::vector<HabitHistory>& histories) {
    // The last finished weeks of the period, judged like every other week (folded ones too).
    const Date first_week = week_start_of(stats.period.from, stats.week_start);
    const Date last_finished = std::min(util::add_days(week_start_of(stats.today, stats.week_start), -7),
                                        week_start_of(stats.period.to, stats.week_start));
    if (last_finished < util::add_days(first_week, 7 * (t.routine_weeks - 1))) {
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
                                               util::add_days(last_finished, -7 * w), stats.today);
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
    out.push_back(
        {"protect-routine",
         (t.routine_weeks == 1
              ? std::string("Last week")
              : "In each of the last " + std::to_string(t.routine_weeks) + " weeks") +
             ", there were fewer check-ins than planned for " + util::and_list(habits) +
             ". The routine is what keeps your energy up through a search; setting aside a "
             "fixed time for " +
             (habits.size() == 1 ? "it" : "them") + " in the week ahead can help."});
}

void signal_mood(const Stats& stats, std::vector<Signal>& out, const SignalThresholds& t) {
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
        when.push_back(from == this_week                ? std::string("this week")
                       : from == util::add_days(this_week, -7) ? std::string("last week")
                                                          : "the week of " + util::format_date(from));
        values.push_back(util::format_number(std::round(*mood * 2.0) / 2.0));
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
    out.push_back(
        {"take-a-break",
         "Your mood has been low" +
             (t.mood_weeks == 1 ? std::string()
                                : " for " + std::to_string(t.mood_weeks) + " weeks in a row") +
             ": " + about +
             ". That is a lot to carry. It is fine to pause the applications for a few days, "
             "and to talk to someone: a friend, a career coach or a counsellor."});
}

void signal_wins(const Stats& stats, std::vector<Signal>& out) {
    if (!stats.total.wins.empty() || !stats.any_records) {
        return;
    }
    out.push_back(
        {"name-a-win",
         "No wins logged " + range_phrase(stats) +
             ". Something went right, however small: an application sent, a good conversation, "
             "a skill practised. Name it with `bounceback log win \"…\"`."});
}

} // namespace

void SignalTally::add(const Rejection& r) {
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

std::vector<Signal> find_signals(const Stats& stats, const SignalThresholds& thresholds,
                                 const SignalTally& tally,
                                 const std::vector<HabitHistory>& histories) {
    // How the person is doing comes first; then the search itself; then the wins.
    std::vector<Signal> out;
    signal_mood(stats, out, thresholds);
    signal_applications(stats, out, thresholds);
    signal_interviews(stats, out, thresholds, tally);
    signal_tags(stats, out, thresholds, tally);
    signal_network(stats, out, thresholds);
    signal_feedback(stats, out, thresholds, tally);
    signal_routine(stats, out, thresholds, histories);
    signal_wins(stats, out);
    return out;
}

std::size_t signals_held_back(const Stats& stats, bool all) {
    const bool hard_week = !stats.signals.empty() && stats.signals.front().id == "take-a-break";
    return all || !hard_week ? 0 : stats.signals.size() - 1;
}

std::string no_signals_message(const Stats& stats) {
    return stats.any_records ? "Nothing stands out. Keep going at your own pace."
                             : "Nothing to go on yet; signals appear as you log.";
}

} // namespace bb
