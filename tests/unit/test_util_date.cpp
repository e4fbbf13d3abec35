// Tests for lib/src/util/date.cpp.
#include "bounceback/util/date.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>

using namespace std::chrono;
using bb::util::add_days;
using bb::util::Date;
using bb::util::days_between;
using bb::util::format_date;
using bb::util::parse_date;
using bb::util::parse_iso_date;

namespace {

constexpr Date k_thursday = 2026y / 11 / 26;
constexpr Date k_monday = 2026y / 11 / 23;
constexpr Date k_new_year_friday = 2027y / 1 / 1;

/// parse_date of `text` from `today` written YYYY-MM-DD, or "refused" (with the reason set).
std::string parsed(std::string_view text, Date today) {
    std::string err;
    auto date = parse_date(text, today, &err);
    if (!date) {
        return err.empty() ? "refused without a reason" : "refused";
    }
    return format_date(*date);
}

} // namespace

TEST_CASE("util::parse_date") {
    SUBCASE("ISO dates") {
        CHECK(parsed("2026-11-05", k_thursday) == "2026-11-05");
        CHECK(parsed("1999-12-31", k_thursday) == "1999-12-31");
        CHECK(parsed("2030-01-01", k_thursday) == "2030-01-01");
        CHECK(parsed("  2026-11-05\t", k_thursday) == "2026-11-05");
    }
    SUBCASE("today and yesterday") {
        CHECK(parsed("today", k_thursday) == "2026-11-26");
        CHECK(parsed("yesterday", k_thursday) == "2026-11-25");
        CHECK(parsed("yesterday", 2026y / 3 / 1) == "2026-02-28");
    }
    SUBCASE("N days ago") {
        CHECK(parsed("3 days ago", k_thursday) == "2026-11-23");
        CHECK(parsed("1 day ago", k_thursday) == "2026-11-25");
        CHECK(parsed("0 days ago", k_thursday) == "2026-11-26");
        CHECK(parsed("30 days ago", k_thursday) == "2026-10-27");
        CHECK(parsed("3  days   ago", k_thursday) == "2026-11-23");
    }
    SUBCASE("N weeks ago") {
        CHECK(parsed("1 week ago", k_thursday) == "2026-11-19");
        CHECK(parsed("2 weeks ago", k_thursday) == "2026-11-12");
        CHECK(parsed("52 weeks ago", k_thursday) == "2025-11-27");
    }
    SUBCASE("last WEEKDAY is the most recent such day strictly before today") {
        CHECK(parsed("last monday", k_thursday) == "2026-11-23");
        CHECK(parsed("last tuesday", k_thursday) == "2026-11-24");
        CHECK(parsed("last wednesday", k_thursday) == "2026-11-25");
        CHECK(parsed("last thursday", k_thursday) == "2026-11-19");
        CHECK(parsed("last friday", k_thursday) == "2026-11-20");
        CHECK(parsed("last saturday", k_thursday) == "2026-11-21");
        CHECK(parsed("last sunday", k_thursday) == "2026-11-22");
    }
    SUBCASE("last monday from a Monday is the Monday before") {
        CHECK(parsed("last monday", k_monday) == "2026-11-16");
        CHECK(parsed("last sunday", k_monday) == "2026-11-22");
    }
    SUBCASE("three-letter abbreviations") {
        CHECK(parsed("last mon", k_thursday) == "2026-11-23");
        CHECK(parsed("last tue", k_thursday) == "2026-11-24");
        CHECK(parsed("last wed", k_thursday) == "2026-11-25");
        CHECK(parsed("last thu", k_thursday) == "2026-11-19");
        CHECK(parsed("last fri", k_thursday) == "2026-11-20");
        CHECK(parsed("last sat", k_thursday) == "2026-11-21");
        CHECK(parsed("last sun", k_thursday) == "2026-11-22");
    }
    SUBCASE("case does not matter") {
        CHECK(parsed("TODAY", k_thursday) == "2026-11-26");
        CHECK(parsed("Yesterday", k_thursday) == "2026-11-25");
        CHECK(parsed("Last Monday", k_thursday) == "2026-11-23");
        CHECK(parsed("LAST FRI", k_thursday) == "2026-11-20");
        CHECK(parsed("2 Weeks AGO", k_thursday) == "2026-11-12");
    }
    SUBCASE("impossible days are refused, not guessed") {
        CHECK(parsed("2026-02-30", k_thursday) == "refused");
        CHECK(parsed("2026-13-01", k_thursday) == "refused");
        CHECK(parsed("2026-00-10", k_thursday) == "refused");
        CHECK(parsed("2026-04-31", k_thursday) == "refused");
        CHECK(parsed("2026-11-00", k_thursday) == "refused");
    }
    SUBCASE("leap years") {
        CHECK(parsed("2024-02-29", k_thursday) == "2024-02-29");
        CHECK(parsed("2000-02-29", k_thursday) == "2000-02-29");
        CHECK(parsed("2025-02-29", k_thursday) == "refused");
        CHECK(parsed("2100-02-29", k_thursday) == "refused");
        CHECK(parsed("yesterday", 2024y / 3 / 1) == "2024-02-29");
    }
    SUBCASE("garbage is refused with a reason") {
        CHECK(parsed("tomorrowish", k_thursday) == "refused");
        CHECK(parsed("tomorrow", k_thursday) == "refused");
        CHECK(parsed("2026-1-5", k_thursday) == "refused");
        CHECK(parsed("2026/11/05", k_thursday) == "refused");
        CHECK(parsed("05-11-2026", k_thursday) == "refused");
        CHECK(parsed("2026-11-05x", k_thursday) == "refused");
        CHECK(parsed("", k_thursday) == "refused");
        CHECK(parsed("   ", k_thursday) == "refused");
        CHECK(parsed("5 days", k_thursday) == "refused");
        CHECK(parsed("days ago", k_thursday) == "refused");
        CHECK(parsed("-3 days ago", k_thursday) == "refused");
        CHECK(parsed("three days ago", k_thursday) == "refused");
        CHECK(parsed("3 months ago", k_thursday) == "refused");
        CHECK(parsed("last", k_thursday) == "refused");
        CHECK(parsed("last mo", k_thursday) == "refused");
        CHECK(parsed("last month", k_thursday) == "refused");
        CHECK(parsed("next monday", k_thursday) == "refused");
        CHECK(parsed("today yesterday", k_thursday) == "refused");
    }
    SUBCASE("across the end of a year") {
        CHECK(parsed("last friday", k_new_year_friday) == "2026-12-25");
        CHECK(parsed("last thursday", k_new_year_friday) == "2026-12-31");
        CHECK(parsed("yesterday", k_new_year_friday) == "2026-12-31");
        CHECK(parsed("1 week ago", k_new_year_friday) == "2026-12-25");
        CHECK(parsed("2 days ago", k_new_year_friday) == "2026-12-30");
    }
    SUBCASE("err may be null") {
        CHECK_FALSE(parse_date("nonsense", k_thursday, nullptr).has_value());
        CHECK(parse_date("today", k_thursday, nullptr) == k_thursday);
    }
}

TEST_CASE("util::parse_date says why a date is refused, in words that read after the value") {
    auto reason = [](std::string_view text) {
        std::string err;
        CHECK_FALSE(parse_date(text, 2026y / 11 / 25, &err).has_value());
        return err;
    };
    CHECK(reason("2026-02-30") == "February 2026 has days 01 to 28");
    CHECK(reason("2024-02-30") == "February 2024 has days 01 to 29");
    CHECK(reason("2026-11-00") == "November 2026 has days 01 to 30");
    CHECK(reason("2026-13-01") == "a year has months 01 to 12");
    CHECK(reason("1899-12-31") == "bounceback keeps the years 1900 to 9999");
    CHECK(reason("") == "it is empty");
    CHECK(reason("soonish") ==
          "write YYYY-MM-DD, today, yesterday, 'N days ago', 'N weeks ago' or 'last monday'");
    for (const auto* text : {"2026-02-30", "1899-12-31", "soon", ""}) {
        CAPTURE(text);
        const std::string err = reason(text);
        CHECK(err.find('(') == std::string::npos); // no nested brackets in the message
    }
}

TEST_CASE("util::parse_iso_date") {
    SUBCASE("exactly YYYY-MM-DD") {
        CHECK(parse_iso_date("2026-11-05") == Date{2026y / 11 / 5});
        CHECK(parse_iso_date("2024-02-29") == Date{2024y / 2 / 29});
    }
    SUBCASE("anything else is refused") {
        CHECK_FALSE(parse_iso_date("2026-11-5").has_value());
        CHECK_FALSE(parse_iso_date(" 2026-11-05").has_value());
        CHECK_FALSE(parse_iso_date("2026-11-05 ").has_value());
        CHECK_FALSE(parse_iso_date("2026_11_05").has_value());
        CHECK_FALSE(parse_iso_date("+026-11-05").has_value());
        CHECK_FALSE(parse_iso_date("2026-1a-05").has_value());
        CHECK_FALSE(parse_iso_date("today").has_value());
        CHECK_FALSE(parse_iso_date("").has_value());
        CHECK_FALSE(parse_iso_date("2025-02-29").has_value());
    }
}

TEST_CASE("util::format_date") {
    SUBCASE("zero-padded YYYY-MM-DD") {
        CHECK(format_date(2026y / 1 / 5) == "2026-01-05");
        CHECK(format_date(2026y / 12 / 31) == "2026-12-31");
    }
    SUBCASE("parse_iso_date reads it back") {
        for (Date date : {Date{2024y / 2 / 29}, Date{1999y / 12 / 31}, Date{2026y / 11 / 26}}) {
            CHECK(parse_iso_date(format_date(date)) == date);
        }
    }
}

TEST_CASE("util::add_days") {
    SUBCASE("forwards, backwards and none") {
        CHECK(add_days(k_monday, 3) == k_thursday);
        CHECK(add_days(k_thursday, -3) == k_monday);
        CHECK(add_days(k_thursday, 0) == k_thursday);
    }
    SUBCASE("across a month, a leap day and a year end") {
        CHECK(add_days(2026y / 10 / 31, 1) == Date{2026y / 11 / 1});
        CHECK(add_days(2024y / 2 / 28, 1) == Date{2024y / 2 / 29});
        CHECK(add_days(2025y / 2 / 28, 1) == Date{2025y / 3 / 1});
        CHECK(add_days(2026y / 12 / 31, 1) == k_new_year_friday);
        CHECK(add_days(k_new_year_friday, -1) == Date{2026y / 12 / 31});
    }
    SUBCASE("whole weeks keep the weekday") {
        CHECK(add_days(k_monday, -7 * 52) == Date{2025y / 11 / 24});
        CHECK(weekday{sys_days{add_days(k_monday, 7 * 100)}} == Monday);
    }
    SUBCASE("undoes days_between") {
        for (long n : {-400L, -1L, 1L, 29L, 366L}) {
            CHECK(days_between(k_thursday, add_days(k_thursday, n)) == n);
        }
    }
}

TEST_CASE("util::days_between") {
    SUBCASE("forwards and backwards") {
        CHECK(days_between(k_thursday, k_thursday) == 0);
        CHECK(days_between(2026y / 11 / 1, k_thursday) == 25);
        CHECK(days_between(k_thursday, 2026y / 11 / 1) == -25);
    }
    SUBCASE("across a month, a leap day and a year end") {
        CHECK(days_between(2026y / 10 / 31, 2026y / 11 / 1) == 1);
        CHECK(days_between(2024y / 2 / 28, 2024y / 3 / 1) == 2);
        CHECK(days_between(2025y / 2 / 28, 2025y / 3 / 1) == 1);
        CHECK(days_between(2026y / 12 / 31, k_new_year_friday) == 1);
        CHECK(days_between(2026y / 1 / 1, 2027y / 1 / 1) == 365);
    }
}

TEST_CASE("util::local_today") {
    const Date today = bb::util::local_today();
    CHECK(today.ok());
    // Local time is never more than a day away from UTC.
    const Date utc_today{floor<days>(system_clock::now())};
    CHECK(std::abs(days_between(utc_today, today)) <= 1);
}

TEST_CASE("util::is_supported_date") {
    using namespace std::chrono;
    CHECK(bb::util::is_supported_date(1900y / 1 / 1));
    CHECK(bb::util::is_supported_date(9999y / 12 / 31));
    CHECK_FALSE(bb::util::is_supported_date(1899y / 12 / 31));
    CHECK_FALSE(bb::util::is_supported_date(10000y / 1 / 1));
    std::string reason;
    CHECK_FALSE(bb::util::parse_date("50000 days ago", 2026y / 11 / 25, &reason).has_value());
    CHECK(reason.find("1900") != std::string::npos);
}

TEST_CASE("util::parse_iso_week") {
    using bb::util::parse_iso_week;
    auto monday_of = [](std::string_view text) {
        std::string err;
        auto date = parse_iso_week(text, &err);
        return date ? format_date(*date) : "refused: " + err;
    };
    SUBCASE("a week gives its Monday") {
        CHECK(monday_of("2026-W48") == "2026-11-23");
        CHECK(monday_of("2026-w48") == "2026-11-23");
        CHECK(monday_of("2026-W01") == "2025-12-29");
        CHECK(monday_of("2027-W01") == "2027-01-04");
        CHECK(monday_of("2020-W53") == "2020-12-28");
    }
    SUBCASE("week 53 only in years that have it") {
        CHECK(monday_of("2026-W53") == "2026-12-28");
        CHECK(monday_of("2027-W53") == "refused: 2027 has weeks W01 to W52");
        CHECK(monday_of("2025-W53") == "refused: 2025 has weeks W01 to W52");
        CHECK(monday_of("2026-W54") == "refused: 2026 has weeks W01 to W53");
        CHECK(monday_of("2026-W00") == "refused: 2026 has weeks W01 to W53");
    }
    SUBCASE("anything else is refused with a reason") {
        for (std::string_view text : {"2026-W1", "2026W48", "2026-48", "2026-W048", " 2026-W48",
                                      "2026-X48", "26-W48", "2026-W4a", "", "2026-11-23"}) {
            CHECK_MESSAGE(monday_of(text) == "refused: expected YYYY-Www, such as 2026-W48", text);
        }
        CHECK(monday_of("1899-W52") == "refused: outside the years 1900 to 9999");
        CHECK_FALSE(parse_iso_week("nonsense", nullptr).has_value());
    }
}

TEST_CASE("util::format_iso_week") {
    using bb::util::format_iso_week;
    SUBCASE("the ISO week-numbering year, not the calendar year") {
        CHECK(format_iso_week(2026y / 11 / 25) == "2026-W48");
        CHECK(format_iso_week(2026y / 12 / 28) == "2026-W53");
        CHECK(format_iso_week(k_new_year_friday) == "2026-W53");
        CHECK(format_iso_week(2027y / 1 / 3) == "2026-W53");
        CHECK(format_iso_week(2027y / 1 / 4) == "2027-W01");
        CHECK(format_iso_week(2025y / 12 / 29) == "2026-W01");
        CHECK(format_iso_week(2026y / 1 / 4) == "2026-W01");
    }
    SUBCASE("parse_iso_week reads it back to the week's Monday") {
        for (Date date : {Date{2026y / 11 / 26}, Date{2027y / 1 / 2}, Date{2024y / 2 / 29}}) {
            const auto monday = bb::util::parse_iso_week(format_iso_week(date), nullptr);
            REQUIRE(monday.has_value());
            CHECK(format_iso_week(*monday) == format_iso_week(date));
            CHECK(weekday{sys_days{*monday}} == Monday);
            CHECK(days_between(*monday, date) >= 0);
            CHECK(days_between(*monday, date) <= 6);
        }
    }
}
