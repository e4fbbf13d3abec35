#pragma once
// The signals of a report: plain sentences about which part of the search to work on, each
// citing the numbers behind it, with thresholds from `[signals]` in config.toml
// (SignalThresholds). The rules are those bounceback-stats(1) documents. Pure logic over the
// figures of a report.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/core/routine.hpp"
#include "bounceback/core/stats.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bb {

/// What the signals need to know of the rejections dated inside a report's period, counted one
/// rejection at a time, so a report over years holds counts rather than rejections.
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

    /// Counts `r`, a rejection dated inside the period.
    void add(const Rejection& r);
};

/// The signals of `stats`, in the order Signal::id lists, judged by `thresholds`: from its
/// figures, sources and routine, `tally` (over the rejections dated inside its period) and
/// `histories` (the check-ins of each habit of `stats.routine`, in its order).
std::vector<Signal> find_signals(const Stats& stats, const SignalThresholds& thresholds,
                                 const SignalTally& tally,
                                 const std::vector<HabitHistory>& histories);

/// On a hard week (the low-mood signal, take-a-break, fired) a person is shown that one step
/// alone; the other signals wait until they ask for them. How many wait: 0 on any other week,
/// and when `all` (they asked). Machine output (JSON, CSV) always lists every signal.
std::size_t signals_held_back(const Stats& stats, bool all);

/// What `stats` says in place of signals when none applies: that nothing stands out, or, when
/// nothing was logged in the period, that signals appear as you log.
std::string no_signals_message(const Stats& stats);

} // namespace bb
