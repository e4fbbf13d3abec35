#include "bounceback/util/date.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <date/date.h>
#include <date/iso_week.h>

namespace bb::util {

namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> k_weekday_names = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

std::optional<unsigned> weekday_index(std::string_view word) {
    for (unsigned i = 0; i < k_weekday_names.size(); ++i) {
        if (word == k_weekday_names[i] ||
            (word.size() == 3 && k_weekday_names[i].starts_with(word))) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace

Date add_days(Date date, long days) {
    return Date{sys_days{date} + std::chrono::days{days}};
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
        return std::nullopt;
    }
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 5, text.data() + 7, m);
    std::from_chars(text.data() + 8, text.data() + 10, d);
    Date date{year{y}, month{m}, day{d}};
    if (!date.ok() || !is_supported_date(date)) {
        return std::nullopt;
    }
    return date;
}

bool is_supported_date(Date date) {
    return date.ok() && date.year() >= year{1900} && date.year() <= year{9999};
}

namespace {
std::optional<Date> parse_any_date(std::string_view text, Date today, std::string* err);
} // namespace

std::optional<Date> parse_date(std::string_view text, Date today, std::string* err) {
    auto date = parse_any_date(text, today, err);
    if (date && !is_supported_date(*date)) {
        if (err != nullptr) {
            *err = "bounceback keeps the years 1900 to 9999";
        }
        return std::nullopt;
    }
    return date;
}

namespace {

constexpr std::array<std::string_view, 12> k_month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/// Why `text`, shaped YYYY-MM-DD, is not a day bounceback keeps: "February 2026 has 28 days".
std::string why_not_a_day(std::string_view text) {
    int y = 0;
    unsigned m = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 5, text.data() + 7, m);
    if (y < 1900) {
        return "bounceback keeps the years 1900 to 9999";
    }
    if (m < 1 || m > 12) {
        return "a year has months 01 to 12";
    }
    const unsigned last = static_cast<unsigned>((year{y} / month{m} / std::chrono::last).day());
    return std::string(k_month_names[m - 1]) + " " + std::to_string(y) + " has days 01 to " +
           std::to_string(last);
}

} // namespace

namespace {
std::optional<Date> parse_any_date(std::string_view text, Date today, std::string* err) {
    const std::string lowered = to_lower(trim(text));
    const std::vector<std::string> words = split_words(lowered);
    auto fail = [&](std::string reason) -> std::optional<Date> {
        if (err != nullptr) {
            *err = std::move(reason);
        }
        return std::nullopt;
    };
    if (words.empty()) {
        return fail("it is empty");
    }
    if (words.size() == 1) {
        if (words[0] == "today") {
            return today;
        }
        if (words[0] == "yesterday") {
            return add_days(today, -1);
        }
        if (auto date = parse_iso_date(words[0])) {
            return date;
        }
        if (words[0].size() == 10 && words[0][4] == '-' && words[0][7] == '-' &&
            all_digits(words[0].substr(0, 4)) && all_digits(words[0].substr(5, 2)) &&
            all_digits(words[0].substr(8, 2))) {
            return fail(why_not_a_day(words[0]));
        }
    }
    if (words.size() == 3 && words[2] == "ago" && all_digits(words[0]) && words[0].size() <= 5) {
        long n = std::stol(words[0]);
        if (words[1] == "day" || words[1] == "days") {
            return add_days(today, -n);
        }
        if (words[1] == "week" || words[1] == "weeks") {
            return add_days(today, -7 * n);
        }
    }
    if (words.size() == 2 && words[0] == "last") {
        if (auto index = weekday_index(words[1])) {
            const weekday target{*index};
            const weekday now{sys_days{today}};
            auto back = (now - target).count();
            return add_days(today, back == 0 ? -7 : -static_cast<long>(back));
        }
    }
    return fail("write YYYY-MM-DD, today, yesterday, 'N days ago', 'N weeks ago' or 'last "
                "monday'");
}
} // namespace

std::string format_date(Date date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

int days_between(Date from, Date to) {
    return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)},
                day{static_cast<unsigned>(local.tm_mday)}};
}

namespace {

date::sys_days to_date_days(Date day) {
    return date::sys_days{date::days{sys_days{day}.time_since_epoch().count()}};
}

Date from_date_days(date::sys_days day) {
    return Date{sys_days{std::chrono::days{day.time_since_epoch().count()}}};
}

} // namespace

std::optional<Date> parse_iso_week(std::string_view text, std::string* err) {
    auto fail = [&](std::string reason) -> std::optional<Date> {
        if (err != nullptr) {
            *err = std::move(reason);
        }
        return std::nullopt;
    };
    if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w') ||
        !all_digits(text.substr(0, 4)) || !all_digits(text.substr(6, 2))) {
        return fail("expected YYYY-Www, such as 2026-W48");
    }
    int y = 0;
    unsigned w = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 6, text.data() + 8, w);
    if (y < 1900) {
        return fail("outside the years 1900 to 9999");
    }
    const iso_week::year iso_year{y};
    const unsigned last = static_cast<unsigned>((iso_year / iso_week::last).weeknum());
    if (w < 1 || w > last) {
        return fail(std::to_string(y) + " has weeks W01 to W" + std::to_string(last));
    }
    const iso_week::year_weeknum_weekday monday{iso_year, iso_week::weeknum{w}, iso_week::mon};
    return from_date_days(date::sys_days{monday});
}

std::string format_iso_week(Date date) {
    const iso_week::year_weeknum_weekday week{to_date_days(date)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-W%02u", static_cast<int>(week.year()),
                  static_cast<unsigned>(week.weeknum()));
    return buf;
}

} // namespace bb::util
