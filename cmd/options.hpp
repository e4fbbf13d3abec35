#pragma once
// Option values as commands read them: dates and date ranges. Every error is a usage error
// (exit 64) that names the option and the value as typed.

#include <bounceback/core/date_range.hpp>
#include <bounceback/util/date.hpp>

#include <optional>
#include <string>

namespace bb::cli {

/// Throws bb::Error(usage) with `message`: a bad option value or a missing argument.
[[noreturn]] void usage_error(const std::string& message);

/// Parses the value of a date option (`option` names it in errors) relative to `today`.
/// Throws bb::Error(usage): "--date: '2026-02-30' is not a date: February 2026 has days 01 to 28".
util::Date parse_date_option(const std::string& option, const std::string& value, util::Date today);

/// Parses the date of something being logged (a rejection, when you applied, feedback, a win, a
/// reflection) like parse_date_option, and refuses one later than the day after `today`
/// (check_entry_date): Error(usage) saying why.
util::Date parse_entry_date_option(const std::string& option, const std::string& value,
                                   util::Date today);

/// The days that `--since` `since` and `--until` `until` span (an absent one leaves that end
/// open), each parsed like parse_date_option. Throws bb::Error(usage) for a bad date, or for
/// since after until: "--since 2026-11-10 is after --until 2026-11-01".
DateRange parse_range_options(const std::optional<std::string>& since,
                              const std::optional<std::string>& until, util::Date today);

} // namespace bb::cli
