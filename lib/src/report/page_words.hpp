#pragma once
// Internal to the report page (page.cpp and its sections): dates, counts and lists in words.

#include "bounceback/core/records.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bb::report::detail {

constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};

/// The month of `date` from 0 (January), an index into `k_months`.
unsigned month_index(Date date);

/// "5 October 2026".
std::string day_words(Date date);

/// "5 Oct".
std::string short_day(Date date);

/// "5 October to 29 November 2026", or with both years when they differ.
std::string range_words(Date from, Date to);

/// "1 week", "3 weeks": `n` and `noun`, or `nouns` (default `noun` + "s") when `n` is not 1.
std::string plural(long long n, std::string_view noun, std::string_view nouns = {});

/// "a, b and c".
std::string and_list(const std::vector<std::string>& items);

/// A count with thousands separated: "12,345".
std::string count_text(long long n);

/// One decimal at most: "2", "2.5".
std::string decimal(double value);

} // namespace bb::report::detail
