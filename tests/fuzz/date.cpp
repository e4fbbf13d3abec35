// Fuzz target: the date parser (util/date). The input is a date as a person types it, then
// optionally a NUL and the "today" to read it against (YYYY-MM-DD; 2026-11-25 otherwise, as in
// the end-to-end tests). The same text is also read as an ISO week.
//
// Invariants: a parsed date is a supported calendar day; its YYYY-MM-DD form reads back to the
// same day; a relative date is never after today; a failure always says why. An ISO week reads
// to a Monday whose week, formatted, reads back to that Monday, and every day of it formats the
// same.

#include "fuzz_support.hpp"

#include "bounceback/util/date.hpp"

#include <chrono>

namespace {

using bb::util::Date;
using namespace std::chrono;

std::string show(const std::optional<Date>& date) {
    return date ? bb::util::format_date(*date) : std::string("(none)");
}

void check_date(std::string_view text, Date today) {
    std::string err;
    const auto date = bb::util::parse_date(text, today, &err);
    if (!date) {
        BB_FUZZ_CHECK(!err.empty(), std::string(text));
        return;
    }
    BB_FUZZ_CHECK(bb::util::is_supported_date(*date), std::string(text));
    const std::string iso = bb::util::format_date(*date);
    BB_FUZZ_CHECK(bb::util::parse_iso_date(iso) == date, iso);
    std::string again_err;
    BB_FUZZ_CHECK(bb::util::parse_date(iso, today, &again_err) == date, iso + ": " + again_err);
    if (!bb::util::parse_iso_date(std::string(text)) && text.find('-') == std::string_view::npos) {
        // today, yesterday, N days/weeks ago, last WEEKDAY: never in the future.
        BB_FUZZ_CHECK(bb::util::days_between(*date, today) >= 0, std::string(text) + " -> " + iso +
                                                                     " after today " +
                                                                     bb::util::format_date(today));
    }
}

void check_week_of(Date day) {
    const std::string week = bb::util::format_iso_week(day);
    std::string err;
    const auto monday = bb::util::parse_iso_week(week, &err);
    BB_FUZZ_CHECK(monday.has_value(), bb::util::format_date(day) + " -> " + week + ": " + err);
    const int offset = bb::util::days_between(*monday, day);
    BB_FUZZ_CHECK(offset >= 0 && offset < 7,
                  bb::util::format_date(day) + " -> " + week + " -> " + show(monday));
}

void check_week(std::string_view text) {
    std::string err;
    const auto monday = bb::util::parse_iso_week(text, &err);
    if (!monday) {
        BB_FUZZ_CHECK(!err.empty(), std::string(text));
        return;
    }
    BB_FUZZ_CHECK(weekday{sys_days{*monday}} == Monday, std::string(text) + " -> " + show(monday));
    const std::string week = bb::util::format_iso_week(*monday);
    BB_FUZZ_CHECK(bb::util::parse_iso_week(week, nullptr) == monday,
                  std::string(text) + " -> " + show(monday) + " -> " + week);
    for (int i = 0; i < 7; ++i) {
        const Date day{sys_days{*monday} + days{i}};
        BB_FUZZ_CHECK(bb::util::format_iso_week(day) == week,
                      bb::util::format_date(day) + " is not in " + week);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto fields = bb::fuzz::split_fields(bb::fuzz::as_text(data, size));
    Date today{year{2026}, November, day{25}};
    if (fields.size() > 1) {
        if (auto given = bb::util::parse_iso_date(fields[1])) {
            today = *given;
        }
    }
    check_date(fields[0], today);
    check_week(fields[0]);
    std::string err;
    if (auto date = bb::util::parse_date(fields[0], today, &err)) {
        check_week_of(*date);
    }
    return 0;
}
