#include "page_words.hpp"

#include <cmath>
#include <cstdio>

namespace bb::report::detail {

unsigned month_index(Date date) {
    return static_cast<unsigned>(date.month()) - 1;
}

/// "5 October 2026".
std::string day_words(Date date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " + k_months[month_index(date)] +
           " " + std::to_string(static_cast<int>(date.year()));
}

/// "5 Oct".
std::string short_day(Date date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string(k_months[month_index(date)]).substr(0, 3);
}

/// "5 October to 29 November 2026", or with both years when they differ.
std::string range_words(Date from, Date to) {
    if (from == to) {
        return day_words(from);
    }
    if (from.year() == to.year()) {
        return std::to_string(static_cast<unsigned>(from.day())) + " " +
               k_months[month_index(from)] + " to " + day_words(to);
    }
    return day_words(from) + " to " + day_words(to);
}

std::string plural(long long n, std::string_view noun, std::string_view nouns) {
    const std::string many = nouns.empty() ? std::string(noun) + "s" : std::string(nouns);
    return std::to_string(n) + " " + (n == 1 ? std::string(noun) : many);
}

/// "a, b and c".
std::string and_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
}

/// A count with thousands separated: "12,345".
std::string count_text(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), 1, ',');
    }
    return (n < 0 ? "-" : "") + digits;
}

/// One decimal at most: "2", "2.5".
std::string decimal(double value) {
    char buf[32];
    const double rounded = std::round(value * 10) / 10;
    std::snprintf(buf, sizeof buf, rounded == std::floor(rounded) ? "%.0f" : "%.1f", rounded);
    return buf;
}

} // namespace bb::report::detail
