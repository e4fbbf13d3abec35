#pragma once
// Dates as mail writes them: RFC 5322 `Date:` headers with their obsolete and common
// non-standard zones, the date at the end of a `Received:` header, and the dates mail programs
// write above a forwarded message ("Fri, 4 Dec 2026 at 14:03", "4. Dez. 2026 um 14:03",
// "vendredi 4 décembre 2026 14:03"). Pure: no files, no terminal.

#include "bounceback/util/date.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace bb::mail {

/// A date read from mail, and how sure its time zone is.
struct MailDate {
    std::time_t when = 0;     ///< the moment; a missing or unknown zone is read as UTC
    util::Date written_day{}; ///< the calendar day as written, before any zone is applied
    bool zone_known = false;  ///< false: no zone was written, or one bounceback does not know
    /// How the zone was read when that needed a guess, for `--dry-run`: "CET read as +0100",
    /// "no time zone: the day as written", "time zone 'XYZ' unknown: the day as written";
    /// "" for a numeric zone.
    std::string zone_note;
};

/// Reads `text` as a date from mail, leniently:
/// - RFC 5322 (`Wed, 25 Nov 2026 18:04:05 +0100`, the day name optional, seconds optional,
///   two-digit years, a trailing comment such as `(CET)`), `asctime` (`Wed Nov 25 18:04:05
///   2026`, as in an mbox `From ` line) and ISO 8601 (`2026-11-25T18:04:05+01:00`);
/// - zones written `+0100`, `+01:00`, `+01`, `GMT+1`, `UTC+01:00`, the RFC 822 names (UT, GMT,
///   EST … PDT) and common names mail still carries (CET, CEST, MEZ, BST, EET, JST, AEST …);
/// - month and day names in English, German, French, Spanish, Dutch and Portuguese, in either
///   order, with the words around them ("at", "um", "à", "a las", "om", "às", "de", "Uhr") and
///   12-hour times ("2:03 PM"), as mail programs write them above a forwarded message;
/// - numeric days written `04.12.2026` (day first) or `2026-12-04`; `12/04/2026` only when
///   the order is plain (one number above 12), else nullopt rather than a guess.
/// nullopt when `text` holds no such date.
std::optional<MailDate> read_mail_date(std::string_view text);

/// The calendar day `date` falls on in the local time zone (TZ); when its zone is not known,
/// the day as written, since converting an unknown zone would only move it.
util::Date local_day(const MailDate& date);

/// The date at the end of a `Received:` header value (after its last `;`), as read_mail_date.
std::optional<MailDate> received_date(std::string_view value);

/// read_mail_date(text)->when: a point in time, or nullopt.
std::optional<std::time_t> parse_mail_date(std::string_view text);

} // namespace bb::mail
