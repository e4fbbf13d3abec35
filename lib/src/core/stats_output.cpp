#include "bounceback/core/stats_output.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/util/text.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace bb {

namespace {

/// Rounded to two decimals, so JSON and CSV stay short and stable.
double rounded(double value) {
    return std::round(value * 100.0) / 100.0;
}

/// A table of `counts`: each stage by name, then `unknown`.
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

/// One CSV record of `cells` (RFC 4180, CRLF).
std::string csv_line(const std::vector<std::string>& cells) {
    std::vector<std::string> fields;
    for (const auto& c : cells) {
        fields.push_back(util::csv_field(c));
    }
    return util::join(fields, ",") + "\r\n";
}

} // namespace

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
