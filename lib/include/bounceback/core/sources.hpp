#pragma once
// Where rejections came from: the `source` of each rejection grouped into channels, and how far
// the applications of each channel got. Pure logic; nothing here touches a file.
//
// The rules, as bounceback-stats(1) and bounceback(5) document them:
//
// - Sources are free text. Two sources are one channel when they fold alike (util::fold_key:
//   case, accents, `-` `_` `.` and spaces), or when `[sources]` in config.toml names them as one
//   (`linkedin = ["LinkedIn Jobs", "linked in"]`): then the channel is called by its key.
// - A channel is personal when it comes through people: `referral` (or `referrals`) always is,
//   and so is every channel the `[sources] personal` list names. The others are cold.
// - An application "got to an interview" when its rejection came at screen or a later stage.
// - Shares are given only for a channel with at least k_source_min_records rejections; below
//   that, the counts alone.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bb {

/// The fewest rejections from one channel for which a share ("80%") is given.
constexpr int k_source_min_records = 5;

/// How channels are named: the `[sources]` table, ready for lookups.
class SourceChannels {
  public:
    SourceChannels() = default;
    explicit SourceChannels(const SourcesConfig& config);

    /// The channel `source` belongs to: the `[sources]` key that names it, else its folded
    /// spelling (util::fold_key). "" when `source` has no letters or digits.
    std::string channel_of(std::string_view source) const;

    /// True when `channel` (as channel_of returns it) comes through people.
    bool is_personal(const std::string& channel) const;

    /// True when `channel` is a key of `[sources]`.
    bool is_named(const std::string& channel) const;

  private:
    std::vector<std::string> m_named;                       ///< the `[sources]` keys
    std::unordered_map<std::string, std::string> m_channel; ///< folded spelling → channel
    std::vector<std::string> m_personal;                    ///< channels, as channel_of says
};

/// The median of `sorted_days` (sorted, as stats keeps days to an answer); nullopt when empty.
std::optional<double> median_days(const std::vector<int>& sorted_days);

/// The rejections of one channel.
struct SourceFigures {
    std::string channel;  ///< as channel_of says ("linkedin", "job board")
    std::string written;  ///< as the earliest of its rejections wrote it, or the `[sources]` key
    bool personal = false;
    std::array<int, 6> by_stage{}; ///< indexed by Stage
    int unknown_stage = 0;
    std::vector<int> days_to_answer; ///< applied → rejection, sorted once finished

    int total() const;
    /// Rejections that came at screen or a later stage.
    int interviewed() const;
    /// The median of days_to_answer; nullopt when none.
    std::optional<double> median_days_to_answer() const;
    /// True when there are enough rejections (k_source_min_records) for shares.
    bool enough() const { return total() >= k_source_min_records; }
};

/// The rejections of a report by channel.
struct SourceBreakdown {
    /// Every channel, most rejections first, then by name.
    std::vector<SourceFigures> channels;
    int no_source = 0; ///< rejections with no source logged
};

/// Counts rejections into channels, one at a time, in any order.
class SourceTally {
  public:
    explicit SourceTally(const SourcesConfig& config) : m_channels(config) {}

    void add(const Rejection& rejection);

    /// The breakdown of everything added.
    SourceBreakdown finish() const;

  private:
    struct Entry {
        SourceFigures figures;
        std::pair<util::Date, std::int64_t> first; ///< of the rejection `written` comes from
    };
    SourceChannels m_channels;
    std::vector<Entry> m_entries;
    std::unordered_map<std::string, std::size_t> m_index; ///< channel → entry
    int m_no_source = 0;
};

/// The channels grouped as `[sources]` says, from `rejections`.
SourceBreakdown source_breakdown(const std::vector<Rejection>& rejections,
                                 const SourcesConfig& config);

/// "got to an interview in 4 of 5 (80%)", or without the share below k_source_min_records.
std::string interview_words(const SourceFigures& figures);

/// "about 12 days" (the middle wait); "" when no application date was logged.
std::string wait_words(const SourceFigures& figures);

/// One sentence on a channel: "From referral (a personal channel): 5 rejections; got to an
/// interview in 4 of 5 (80%); about 12 days from application to answer (the middle value)."
std::string source_summary(const SourceFigures& figures);

} // namespace bb
