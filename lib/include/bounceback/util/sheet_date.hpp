#pragma once
// Dates as spreadsheet programs and trackers write them, and the one decision a sheet of slash
// dates needs: day first or month first. Knows nothing of bounceback.

#include "bounceback/util/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::util {

/// Which number comes first in a date such as 03/11/2026.
enum class DayOrder {
    dmy, ///< day/month/year: Excel and Sheets in most of Europe and Latin America
    mdy, ///< month/day/year: Excel and Sheets in the United States
};

/// "dmy" or "mdy".
std::string_view day_order_name(DayOrder order);

/// The order called `name` ("dmy" or "mdy"), or nullopt.
std::optional<DayOrder> parse_day_order(std::string_view name);

/// What a date cell says about the order of its numbers.
enum class OrderHint {
    none,      ///< not a numeric date with the year last (ISO, dotted, written month, or no date)
    ambiguous, ///< both numbers 12 or less: 03/11/2026
    day_first, ///< the first number is above 12: 13/11/2026
    month_first, ///< the second number is above 12: 11/13/2026
};

/// The order hint of `cell`: a numeric date written NUMBER SEP NUMBER SEP YEAR with `/` or `-`
/// (a time after it allowed), the year in 4 or 2 digits.
OrderHint order_hint(std::string_view cell);

/// Parses a date cell as spreadsheets and trackers write it, with white space around trimmed:
///   - ISO: `2026-11-03`, `2026/11/03`, and timestamps `2026-11-03T09:30:00.000Z`,
///     `2026-11-03 09:30`, with any offset (the calendar day as written is kept);
///   - dotted, always day first: `3.11.2026`, `03.11.26`;
///   - slash or dash with the year last: `11/3/2026`, `03-11-2026`, read in `order`; one whose
///     first or second number is above 12 is read only in the order it allows;
///   - a written month in English, German, French, Spanish, Dutch or Portuguese, full or
///     abbreviated, in either order: `November 3, 2026`, `Nov 3, 2026`, `3 Nov 2026`,
///     `3. November 2026`, `3 novembre 2026`, `3 de noviembre de 2026`, `03-Nov-26`, with an
///     optional weekday before it (`Tuesday, November 3, 2026`);
/// each with an optional time after it (`9:30`, `9:30 AM`, `09:30:00`).
/// Two-digit years are read as spreadsheets do: 00-29 as 2000-2029, 30-99 as 1930-1999.
/// On failure returns nullopt and sets `*why` (when not null): "no such day in the calendar",
/// "needs the order of day and month", "not a date", "day/month/year order does not fit" …
std::optional<Date> parse_sheet_date(std::string_view cell, std::optional<DayOrder> order,
                                     std::string* why);

/// Where a sheet's slash dates stand: the order decided for it, and the cells that decided.
struct OrderEvidence {
    std::optional<DayOrder> order;     ///< decided from the cells; nullopt if none decides
    std::size_t day_first_at = 0;      ///< index (from 1) of the first cell with a day above 12
    std::size_t month_first_at = 0;    ///< index (from 1) of the first cell with it second
    std::size_t ambiguous_at = 0;      ///< index (from 1) of the first cell that needs an order
    bool conflict() const { return day_first_at > 0 && month_first_at > 0; }
};

/// Decides the day order of a whole sheet from every date cell in `cells` at once, never row by
/// row: a cell whose first number is above 12 means day first, one whose second is means month
/// first. Both present is a conflict (order stays nullopt); neither leaves it nullopt too, which
/// matters only when a cell is ambiguous (`ambiguous_at`).
OrderEvidence decide_day_order(const std::vector<std::string_view>& cells);

} // namespace bb::util
