#pragma once
// A report as `stats --json` and `stats --csv` print it: keys and columns are part of the
// contract, documented in bounceback-stats(1).

#include "bounceback/core/stats.hpp"

#include <string>
#include <toml++/toml.h>

namespace bb {

/// `stats` as the table `stats --json` prints (keys documented in bounceback-stats(1)):
/// `range`, `view`, `week_start`, `today`, `weeks`, `total`, `routine`, `follow_ups_due`,
/// `themes`, `signals`, `by_source` (sources_to_toml), `no_source`, `source_min`, and `goal`
/// when it is set.
toml::table stats_to_toml(const Stats& stats);

/// The rejections of `stats` by channel, as a list of tables: `source`, `personal`,
/// `rejections`, `by_stage`, `interviewed`, `median_days_to_answer` (when known) and
/// `interview_share` (only from k_source_min_records rejections).
toml::array sources_to_toml(const Stats& stats);

/// `stats --sources --csv`: one row per channel, with a header row (RFC 4180, CRLF).
std::string sources_to_csv(const Stats& stats);

/// `stats` as `stats --csv` prints it: a header row, then one row per week (RFC 4180, CRLF).
std::string stats_to_csv(const Stats& stats);

} // namespace bb
