#pragma once
// `routine`'s views: today, the week grid and the habit list, as text and JSON
// (routine_views.cpp), and what they share with the actions that change check-ins and habits
// (routine.cpp).

#include "routine.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/routine.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace bb::cli {

/// The config and the habits in effect (the defaults when config.toml names none).
struct RoutineSetup {
    Config config;
    std::map<std::string, HabitConfig> habits;
};

/// Reads config.toml and the habits it sets.
RoutineSetup load_setup(Context& ctx);

/// `value` as a whole number that passes `rule`; an error (exit 64) names `option`.
std::int64_t number_option(const std::string& option, const std::string& value,
                           std::string (*rule)(std::int64_t));

/// "" when `weeks` is 1 to 52, else why not.
std::string check_weeks(std::int64_t weeks);

/// "Wed 2026-11-25".
std::string day_name(Date date);

/// "3 days", "1 day": `count` and the word that fits it.
std::string plural(int count, const char* one, const char* many);

/// `routine` (today): each habit's state today and this week.
int show_today(const RoutineArgs& args, Context& ctx);

/// `routine week`: the grid of the last weeks.
int show_week(const RoutineArgs& args, Context& ctx);

/// `routine habits`: the habits in effect.
int list_habits(const RoutineArgs& args, Context& ctx);

} // namespace bb::cli
