#pragma once
// Calendar dates as people type them. Knows nothing of bounceback.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace bb::util {

/// A calendar day with no time zone: the unit every record is dated in.
using Date = std::chrono::year_month_day;

/// Parses `text` as a date relative to `today`. Accepts `YYYY-MM-DD`, `today`, `yesterday`,
/// `N days ago`, `N weeks ago` and `last WEEKDAY` (the most recent such day before today; full
/// names or three-letter abbreviations), case-insensitive. Anything else, including impossible
/// days such as 2026-02-30, returns nullopt and sets `*err` to a short reason; nothing is guessed.
std::optional<Date> parse_date(std::string_view text, Date today, std::string* err);

/// True for the days bounceback stores: years 1900 to 9999.
bool is_supported_date(Date date);

/// Parses exactly `YYYY-MM-DD` into a valid calendar day in the supported years.
std::optional<Date> parse_iso_date(std::string_view text);

/// Formats `date` as `YYYY-MM-DD`.
std::string format_date(Date date);

/// The number of days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

/// Today's date in the local time zone.
Date local_today();

} // namespace bb::util
