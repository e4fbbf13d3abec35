// Tests for lib/src/util/sheet_date.cpp: dates as sheets write them, and the day-order rule.
#include "bounceback/util/sheet_date.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::util::DayOrder;
using bb::util::OrderHint;

namespace {

/// The date `cell` reads as, YYYY-MM-DD, or "refused: WHY".
std::string read(std::string_view cell, std::optional<DayOrder> order = std::nullopt) {
    std::string why;
    auto date = bb::util::parse_sheet_date(cell, order, &why);
    return date ? bb::util::format_date(*date) : "refused: " + why;
}

} // namespace

TEST_CASE("util::parse_sheet_date") {
    SUBCASE("ISO dates and the timestamps trackers write") {
        CHECK(read("2026-11-03") == "2026-11-03");
        CHECK(read(" 2026/11/03 ") == "2026-11-03");
        CHECK(read("2026-11-01T09:30:00.000Z") == "2026-11-01");
        CHECK(read("2026-11-01T23:30:00+01:00") == "2026-11-01");
        CHECK(read("2026-11-01 09:30") == "2026-11-01");
        CHECK(read("2026-11-01T09:30:00 nonsense") == "refused: not a date");
    }
    SUBCASE("dotted dates are day first everywhere") {
        CHECK(read("03.11.2026") == "2026-11-03");
        CHECK(read("3.11.26") == "2026-11-03");
        CHECK(read("03.11.2026", DayOrder::mdy) == "2026-11-03");
        CHECK(read("31.02.2026") == "refused: no such day in the calendar");
    }
    SUBCASE("slash and dash dates in the file's order") {
        CHECK(read("11/3/2026", DayOrder::mdy) == "2026-11-03");
        CHECK(read("03/11/2026", DayOrder::dmy) == "2026-11-03");
        CHECK(read("03-11-26", DayOrder::dmy) == "2026-11-03");
        CHECK(read("10/22/26 4:05 PM", DayOrder::mdy) == "2026-10-22");
        CHECK(read("03/11/2026") == "refused: needs the order of day and month");
        CHECK(read("25/11/2026", DayOrder::mdy) == "refused: month/day/year order does not fit");
        // Without an order, a cell whose numbers allow only one reading is read that way.
        CHECK(read("25/11/2026") == "2026-11-25");
        CHECK(read("11/25/2026") == "2026-11-25");
        CHECK(read("13/13/2026") == "refused: no such day in the calendar");
        CHECK(read("02/30/2026", DayOrder::mdy) == "refused: no such day in the calendar");
    }
    SUBCASE("two-digit years as spreadsheets read them") {
        CHECK(read("1.1.29") == "2029-01-01");
        CHECK(read("1.1.30") == "1930-01-01");
    }
    SUBCASE("written months in six languages, with weekdays, ordinals and times") {
        CHECK(read("November 3, 2026") == "2026-11-03");
        CHECK(read("Nov 3, 2026 9:30 AM") == "2026-11-03");
        CHECK(read("Tuesday, November 3, 2026") == "2026-11-03");
        CHECK(read("3rd November 2026") == "2026-11-03");
        CHECK(read("03-Nov-26") == "2026-11-03");
        CHECK(read("3. November 2026") == "2026-11-03");
        CHECK(read("3. März 2026") == "2026-03-03");
        CHECK(read("1er décembre 2026") == "2026-12-01");
        CHECK(read("3 févr. 2026") == "2026-02-03");
        CHECK(read("3 de noviembre de 2026") == "2026-11-03");
        CHECK(read("3 november 2026") == "2026-11-03");
        CHECK(read("3 mrt 2026") == "2026-03-03");
        CHECK(read("3 de nov. de 2026") == "2026-11-03");
        CHECK(read("3 de março de 2026") == "2026-03-03");
        CHECK(read("February 30, 2026") == "refused: no such day in the calendar");
        CHECK(read("Smarch 3, 2026") == "refused: not a date");
        CHECK(read("3 November") == "refused: not a date");
    }
    SUBCASE("not dates") {
        CHECK(read("") == "refused: empty");
        CHECK(read("soon") == "refused: not a date");
        CHECK(read("11/3") == "refused: not a date");
        CHECK(read("2026-11-03-04") == "refused: not a date");
    }
}

TEST_CASE("util::decide_day_order: once per file, from the evidence, never row by row") {
    using bb::util::decide_day_order;
    SUBCASE("one day above 12 anywhere decides for every cell") {
        const auto e = decide_day_order({"03/11/2026", "2026-11-01", "04/11/2026", "23/10/2026"});
        CHECK(e.order == DayOrder::dmy);
        CHECK(e.day_first_at == 4);
        CHECK(e.ambiguous_at == 1);
    }
    SUBCASE("a second number above 12 means month first") {
        const auto e = decide_day_order({"11/3/2026", "10/23/2026 9:00"});
        CHECK(e.order == DayOrder::mdy);
        CHECK(e.month_first_at == 2);
    }
    SUBCASE("both kinds of evidence: a conflict, no order") {
        const auto e = decide_day_order({"13/10/2026", "10/14/2026"});
        CHECK(e.conflict());
        CHECK(e.order == std::nullopt);
    }
    SUBCASE("no evidence: no order, and the first cell that needs one") {
        const auto e = decide_day_order({"2026-11-03", "03.11.2026", "01/02/2026", "03/04/2026"});
        CHECK(e.order == std::nullopt);
        CHECK(e.ambiguous_at == 3);
        CHECK_FALSE(e.conflict());
    }
    SUBCASE("no slash dates at all") {
        const auto e = decide_day_order({"2026-11-03", "3. November 2026", "", "n/a"});
        CHECK(e.order == std::nullopt);
        CHECK(e.ambiguous_at == 0);
    }
    SUBCASE("hints") {
        CHECK(bb::util::order_hint("13/01/2026") == OrderHint::day_first);
        CHECK(bb::util::order_hint("01/13/26") == OrderHint::month_first);
        CHECK(bb::util::order_hint("01-02-2026") == OrderHint::ambiguous);
        CHECK(bb::util::order_hint("01.02.2026") == OrderHint::none);
        CHECK(bb::util::order_hint("2026/01/02") == OrderHint::none);
    }
}
