#include "bounceback/core/config.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/core/reflection_flow.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace bb {

namespace {

[[noreturn]] void config_fail(std::string_view file, const toml::node& node,
                              const std::string& message) {
    throw Error(ExitCode::config, located(file, node.source(), message));
}

void refuse_unknown(std::string_view file, const toml::table& table, std::string_view where,
                    const std::set<std::string_view>& known) {
    for (const auto& [key, node] : table) {
        if (!known.contains(key.str())) {
            config_fail(file, node,
                        "unknown key '" + std::string(key.str()) + "' in " + std::string(where) +
                            " (see bounceback(5) for the keys)");
        }
    }
}

const toml::table& section(std::string_view file, const toml::node& node, std::string_view name) {
    const auto* t = node.as_table();
    if (t == nullptr) {
        config_fail(file, node, "[" + std::string(name) + "] must be a table");
    }
    return *t;
}

std::optional<std::string> line_value(std::string_view file, const toml::table& t,
                                      std::string_view key, bool multiline = false) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto* s = node->as_string();
    if (s == nullptr) {
        config_fail(file, *node, std::string(key) + " must be a string");
    }
    if (auto reason = multiline ? check_text(s->get()) : check_line(s->get()); !reason.empty()) {
        config_fail(file, *node, std::string(key) + " " + reason);
    }
    return s->get();
}

std::int64_t int_value(std::string_view file, const toml::node& node, std::string_view key,
                       std::int64_t min, std::int64_t max) {
    const auto* i = node.as_integer();
    if (i == nullptr || i->get() < min || i->get() > max) {
        config_fail(file, node,
                    std::string(key) + " must be a whole number from " + std::to_string(min) +
                        " to " + std::to_string(max));
    }
    return i->get();
}

/// `key` of a habit's table as a date in the supported years.
util::Date date_value(std::string_view file, const toml::node& node, std::string_view key) {
    const auto* d = node.as_date();
    const util::Date date = d == nullptr ? util::Date{}
                                         : util::Date{std::chrono::year{d->get().year},
                                                      std::chrono::month{d->get().month},
                                                      std::chrono::day{d->get().day}};
    if (d == nullptr || !util::is_supported_date(date)) {
        config_fail(file, node,
                    std::string(key) + " must be a date such as 2026-11-29 (years 1900 to 9999)");
    }
    return date;
}

/// The `earlier_targets` array of the habit `where`: tables of `per_week` and `until`, oldest
/// first.
std::vector<EarlierTarget> earlier_targets(std::string_view file, const toml::node& node,
                                           const std::string& where) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        config_fail(file, node,
                    where + ".earlier_targets must be a list of tables with per_week and until");
    }
    std::vector<EarlierTarget> out;
    for (const auto& item : *array) {
        const auto* t = item.as_table();
        if (t == nullptr) {
            config_fail(file, item,
                        where + ".earlier_targets: each entry must be a table with per_week and "
                                "until, such as { per_week = 3, until = 2026-11-29 }");
        }
        refuse_unknown(file, *t, where + ".earlier_targets", {"per_week", "until"});
        const toml::node* per_week = t->get("per_week");
        const toml::node* until = t->get("until");
        if (per_week == nullptr || until == nullptr) {
            config_fail(file, item,
                        where + ".earlier_targets: each entry needs both per_week and until");
        }
        EarlierTarget target;
        target.per_week = static_cast<int>(int_value(file, *per_week, "per_week", 1, 7));
        target.until = date_value(file, *until, "until");
        if (!out.empty() && target.until <= out.back().until) {
            config_fail(file, *until,
                        where + ".earlier_targets must be oldest first: " +
                            util::format_date(target.until) + " is not after " +
                            util::format_date(out.back().until));
        }
        out.push_back(target);
    }
    return out;
}

/// `[sources] key`: a list of one-line strings (an empty list is allowed).
std::vector<std::string> source_names(std::string_view file, const toml::node& node,
                                      const std::string& key) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        config_fail(file, node,
                    "sources." + key + " must be a list of names, such as [\"LinkedIn Jobs\"]");
    }
    std::vector<std::string> out;
    for (const auto& item : *array) {
        const auto* s = item.as_string();
        if (s == nullptr) {
            config_fail(file, item, "sources." + key + ": each entry must be a name in quotes");
        }
        if (auto reason = check_name(s->get()); !reason.empty()) {
            config_fail(file, item, "sources." + key + ": '" + s->get() + "' " + reason);
        }
        out.push_back(s->get());
    }
    return out;
}

/// The `[sources]` table. A way of writing a source belongs to one channel at most, so an alias
/// named twice (folded as stats folds sources) is refused where it is written the second time.
SourcesConfig sources_config(std::string_view file, const toml::table& table) {
    SourcesConfig out;
    std::map<std::string, std::string> owner; // folded spelling → the channel that claims it
    auto claim = [&](const toml::node& node, const std::string& spelling,
                     const std::string& channel) {
        const std::string folded = util::fold_key(spelling);
        if (folded.empty()) {
            config_fail(file, node, "sources." + channel + ": '" + spelling + "' has no letters");
        }
        auto [it, added] = owner.emplace(folded, channel);
        if (!added && it->second != channel) {
            config_fail(file, node,
                        "sources." + channel + ": '" + spelling + "' is already a name of '" +
                            it->second + "'; a source can belong to one channel only");
        }
    };
    // In the order they are written, so a clash is reported where it is made.
    std::vector<std::pair<std::string, const toml::node*>> entries;
    for (const auto& [key, node] : table) {
        entries.emplace_back(std::string(key.str()), &node);
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& x = a.second->source().begin;
        const auto& y = b.second->source().begin;
        return std::pair{x.line, x.column} < std::pair{y.line, y.column};
    });
    for (const auto& entry : entries) {
        const std::string& name = entry.first;
        const toml::node& node = *entry.second;
        if (name == "personal") {
            continue;
        }
        if (auto reason = check_name(name); !reason.empty()) {
            config_fail(file, node, "source name '" + name + "' " + reason);
        }
        claim(node, name, name);
        auto names = source_names(file, node, name);
        const auto* array = node.as_array();
        for (std::size_t i = 0; i < names.size(); ++i) {
            claim(*array->get(i), names[i], name);
        }
        out.aliases.emplace(name, std::move(names));
    }
    if (const toml::node* personal = table.get("personal")) {
        out.personal = source_names(file, *personal, "personal");
    }
    return out;
}

/// What a threshold measures, which sets the values it may take.
enum class Kind { share, count, weeks, mood };

/// A `[signals]` key: its name, its kind, and the field of SignalThresholds it sets.
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

/// The `[signals]` table: each key a threshold, a number in the range of its kind.
SignalThresholds signal_thresholds(std::string_view file, const toml::table& table) {
    SignalThresholds thresholds;
    const auto& keys = threshold_keys();
    for (const auto& [key, node] : table) {
        const std::string name(key.str());
        double value = 0.0;
        if (const auto* i = node.as_integer()) {
            value = static_cast<double>(i->get());
        } else if (const auto* f = node.as_floating_point()) {
            value = f->get();
        } else {
            config_fail(file, node, "signals." + name + " must be a number");
        }
        auto it = std::find_if(keys.begin(), keys.end(),
                               [&name](const ThresholdKey& k) { return name == k.name; });
        if (it == keys.end()) {
            std::vector<std::string> names;
            for (const auto& k : keys) {
                names.push_back(k.name);
            }
            const std::string near = util::closest_match(name, names);
            config_fail(file, node,
                        "[signals] unknown key '" + name + "'" +
                            (near.empty() ? "" : "; did you mean '" + near + "'?") +
                            " (keys: " + util::join(names, ", ") + "; see bounceback(5))");
        }
        if (auto reason = check_threshold(it->kind, value); !reason.empty()) {
            config_fail(file, node,
                        "[signals] " + name + " = " + util::format_number(value) + ": " + reason);
        }
        it->set(thresholds, value);
    }
    return thresholds;
}

} // namespace

std::string check_goal(std::string_view goal) {
    if (auto reason = check_name(goal); !reason.empty()) {
        return reason;
    }
    const auto length = static_cast<std::size_t>(std::count_if(
        goal.begin(), goal.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (length > k_max_goal_length) {
        return "is " + std::to_string(length) + " characters long; please keep it to " +
               std::to_string(k_max_goal_length) + " (one sentence is enough)";
    }
    return "";
}

std::optional<WeekStart> parse_week_start(std::string_view name) {
    const std::string lowered = util::to_lower(util::trim(name));
    if (lowered == "monday") {
        return WeekStart::monday;
    }
    if (lowered == "sunday") {
        return WeekStart::sunday;
    }
    return std::nullopt;
}

int HabitConfig::target_for_week(util::Date first_day) const {
    for (const auto& earlier : earlier_targets) {
        if (first_day <= earlier.until) {
            return earlier.per_week;
        }
    }
    return per_week;
}

Config config_from_toml(const toml::table& table, std::string_view file) {
    Config config;
    refuse_unknown(file, table, "config.toml",
                   {"me", "week", "routine", "reflect", "signals", "feedback", "sources"});
    if (const toml::node* node = table.get("me")) {
        const toml::table& me = section(file, *node, "me");
        refuse_unknown(file, me, "[me]", {"name", "email", "signature", "goal"});
        config.name = line_value(file, me, "name");
        config.email = line_value(file, me, "email");
        if (config.email) {
            if (auto reason = check_email(*config.email); !reason.empty()) {
                // The value is not repeated: a token pasted into the wrong key is a secret, and
                // errors end up in terminals, logs and bug reports. The position points at it.
                config_fail(file, *me.get("email"),
                            "email " + reason + "; the value is not shown, in case it is private");
            }
        }
        config.signature = line_value(file, me, "signature", true);
        config.goal = line_value(file, me, "goal");
        if (config.goal) {
            if (auto reason = check_goal(*config.goal); !reason.empty()) {
                config_fail(file, *me.get("goal"), "goal " + reason);
            }
        }
    }
    if (const toml::node* node = table.get("week")) {
        const toml::table& week = section(file, *node, "week");
        refuse_unknown(file, week, "[week]", {"start"});
        if (auto start = line_value(file, week, "start")) {
            if (auto day = parse_week_start(*start)) {
                config.week_start = *day;
            } else {
                config_fail(file, *week.get("start"),
                            "start must be \"monday\" or \"sunday\" (got \"" + *start + "\")");
            }
        }
    }
    if (const toml::node* node = table.get("routine")) {
        const toml::table& routine = section(file, *node, "routine");
        refuse_unknown(file, routine, "[routine]", {"habits"});
        if (const toml::node* habits_node = routine.get("habits")) {
            const toml::table& habits = section(file, *habits_node, "routine.habits");
            for (const auto& [name, habit_node] : habits) {
                const std::string where = "routine.habits." + std::string(name.str());
                if (auto reason = check_word(name.str()); !reason.empty()) {
                    config_fail(file, habit_node,
                                "habit name '" + std::string(name.str()) + "' " + reason);
                }
                const toml::table& habit = section(file, habit_node, where);
                refuse_unknown(file, habit, "[" + where + "]",
                               {"per_week", "description", "earlier_targets"});
                HabitConfig h;
                if (const toml::node* per_week = habit.get("per_week")) {
                    h.per_week = static_cast<int>(int_value(file, *per_week, "per_week", 1, 7));
                }
                h.description = line_value(file, habit, "description").value_or("");
                if (const toml::node* earlier = habit.get("earlier_targets")) {
                    h.earlier_targets = earlier_targets(file, *earlier, where);
                }
                config.habits.emplace(std::string(name.str()), std::move(h));
            }
        }
    }
    if (const toml::node* node = table.get("reflect")) {
        const toml::table& reflect = section(file, *node, "reflect");
        refuse_unknown(file, reflect, "[reflect]", {"questions"});
        if (const toml::node* questions = reflect.get("questions")) {
            const auto* array = questions->as_array();
            if (array == nullptr) {
                config_fail(file, *questions, "questions must be an array of strings");
            }
            for (const auto& q : *array) {
                const auto* s = q.as_string();
                if (s == nullptr || !check_line(s->get()).empty()) {
                    config_fail(file, q, "each question must be a non-empty one-line string");
                }
                config.reflect_questions.push_back(s->get());
            }
            // One question per list of a reflection; a sixth would have nowhere to go.
            if (array->size() > k_max_reflect_questions) {
                config_fail(file, *questions,
                            "questions: at most 5; they fill went_well, improve, strengths, "
                            "targeting and next, in that order");
            }
        }
    }
    if (const toml::node* node = table.get("signals")) {
        config.signals = signal_thresholds(file, section(file, *node, "signals"));
    }
    if (const toml::node* node = table.get("feedback")) {
        const toml::table& feedback = section(file, *node, "feedback");
        refuse_unknown(file, feedback, "[feedback]", {"follow_up_days"});
        if (const toml::node* days = feedback.get("follow_up_days")) {
            config.follow_up_days =
                static_cast<int>(int_value(file, *days, "follow_up_days", 1, 365));
        }
    }
    if (const toml::node* node = table.get("sources")) {
        config.sources = sources_config(file, section(file, *node, "sources"));
    }
    return config;
}

namespace {
// `key = "value"` with TOML escaping, or the same line commented out with an example value.
std::string setting_line(std::string_view key, const std::optional<std::string>& value,
                         std::string_view example) {
    if (!value) {
        return "# " + std::string(key) + " = \"" + std::string(example) + "\"\n";
    }
    toml::table one;
    one.insert_or_assign(key, *value);
    return to_toml_text(one) + "\n";
}
} // namespace

std::string starter_config_text(const StarterConfig& starter) {
    std::string out;
    out += "# bounceback settings. Every key is optional; see bounceback(5).\n"
           "# bounceback reads this file and never overwrites it with `init`.\n\n";
    out += "[me]\n"
           "# Used to sign the emails bounceback drafts for you.\n";
    out += setting_line("name", starter.name, "Your Name");
    out += setting_line("email", starter.email, "you@example.com");
    out += setting_line("signature", starter.signature, "Your Name");
    out += "# The long-term goal you are working toward, in your own words. `stats`, the report\n"
           "# and `reflect` show it back to you.\n";
    out += setting_line("goal", starter.goal, "A role where I build tools people rely on");
    out += "\n[week]\n"
           "# The first day of the week in reports: \"monday\" or \"sunday\".\n";
    out += setting_line("start",
                        std::string(starter.week_start == WeekStart::sunday ? "sunday" : "monday"),
                        "monday");
    out += "\n[feedback]\n"
           "# Days to wait for an answer before a follow-up is due.\n"
           "# follow_up_days = 7\n";
    out += "\n[sources]\n"
           "# Other ways you write a source, so `stats` counts them as one channel, and the\n"
           "# channels that come through people (referral always does). See bounceback(5).\n"
           "# linkedin = [\"LinkedIn Jobs\", \"linked in\"]\n"
           "# personal = [\"meetup\", \"former colleague\"]\n";
    return out;
}

} // namespace bb
