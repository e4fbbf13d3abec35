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

/// The day `days` days after `date` (before it when `days` is negative), across months and
/// years: add_days(2026-12-31, 1) is 2027-01-01.
Date add_days(Date date, long days);

/// The number of days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

/// Today's date in the local time zone.
Date local_today();

/// Parses an ISO 8601 week written `YYYY-Www` (such as 2026-W48; the W may be lower-case) and
/// returns its Monday. The week must exist: 2026-W53 does, 2027-W53 does not, since only years
/// that start on a Thursday (or leap years that start on a Wednesday) have 53 weeks. Anything
/// else returns nullopt and sets `*err` (when not null) to a short reason.
std::optional<Date> parse_iso_week(std::string_view text, std::string* err);

/// The ISO 8601 week holding `date`, written `YYYY-Www`. The year is the ISO week-numbering
/// year, which differs from the calendar year near New Year: 2027-01-01 is in 2026-W53.
std::string format_iso_week(Date date);

} // namespace bb::util
