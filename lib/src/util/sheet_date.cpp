#include "bounceback/util/sheet_date.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace bb::util {

namespace {

using namespace std::chrono;

/// A year written with 4 digits, or 2 read as spreadsheets do (00-29: 20xx, 30-99: 19xx).
std::optional<int> year_of(std::string_view digits) {
    if (!all_digits(digits)) {
        return std::nullopt;
    }
    if (digits.size() == 4) {
        return to_int(digits);
    }
    if (digits.size() == 2) {
        const int y = to_int(digits);
        return y < 30 ? 2000 + y : 1900 + y;
    }
    return std::nullopt;
}

/// A day or month number: 1 or 2 digits.
std::optional<int> small_number(std::string_view digits) {
    if (!all_digits(digits) || digits.size() > 2) {
        return std::nullopt;
    }
    return to_int(digits);
}

std::optional<Date> make_date(int y, int m, int d, std::string* why) {
    const Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (m < 1 || m > 12 || d < 1 || d > 31 || !date.ok() || !is_supported_date(date)) {
        if (why != nullptr) {
            *why = "no such day in the calendar";
        }
        return std::nullopt;
    }
    return date;
}

std::optional<Date> fail(std::string* why, std::string reason) {
    if (why != nullptr) {
        *why = std::move(reason);
    }
    return std::nullopt;
}

/// True for a time of day as sheets write it after a date: `9:30`, `09:30:00`, `09:30:00.000`,
/// then optionally `AM`/`PM` (or `a.m.`), `Z` or an offset such as `+01:00`, `UTC`, `GMT`.
bool is_time(std::string_view t) {
    t = trim(t);
    std::size_t i = 0;
    auto digits = [&](std::size_t min, std::size_t max) {
        std::size_t n = 0;
        while (i < t.size() && is_digit(t[i]) && n < max) {
            ++i;
            ++n;
        }
        return n >= min;
    };
    if (!digits(1, 2) || i >= t.size() || t[i] != ':') {
        return false;
    }
    ++i;
    if (!digits(2, 2)) {
        return false;
    }
    if (i < t.size() && t[i] == ':') {
        ++i;
        if (!digits(2, 2)) {
            return false;
        }
        if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
            ++i;
            if (!digits(1, 9)) {
                return false;
            }
        }
    }
    std::string rest = to_lower(trim(t.substr(i)));
    std::erase(rest, '.');
    std::erase(rest, ' ');
    if (rest.empty() || rest == "am" || rest == "pm" || rest == "z" || rest == "utc" ||
        rest == "gmt") {
        return true;
    }
    if (rest.starts_with("utc") || rest.starts_with("gmt")) {
        rest = rest.substr(3);
    }
    // +01:00, -0500, +01
    if (rest.size() >= 3 && (rest[0] == '+' || rest[0] == '-')) {
        std::string offset = rest.substr(1);
        std::erase(offset, ':');
        return all_digits(offset) && (offset.size() == 2 || offset.size() == 4);
    }
    return false;
}

/// `cell` without a time of day after the date: the date part, or nullopt when what follows
/// the date is not a time.
std::optional<std::string_view> without_time(std::string_view cell) {
    const auto colon = cell.find(':');
    if (colon == std::string_view::npos) {
        return cell;
    }
    // The time starts after the last space or 'T' before the colon.
    std::size_t start = cell.find_last_of(" T", colon);
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    if (!is_time(cell.substr(start + 1))) {
        return std::nullopt;
    }
    return trim(cell.substr(0, start));
}

/// The numbers of a numeric date `a SEP b SEP c` with one separator (`/`, `-` or `.`).
struct Numeric {
    std::string_view a, b, c;
    char separator = 0;
};

std::optional<Numeric> split_numeric(std::string_view s) {
    const auto first = s.find_first_of("/-.");
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    const char sep = s[first];
    const auto second = s.find(sep, first + 1);
    if (second == std::string_view::npos || s.find(sep, second + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    Numeric n{s.substr(0, first), s.substr(first + 1, second - first - 1),
              s.substr(second + 1), sep};
    // A dotted date may end in a dot: "3.11.2026." is not written, but "3. 11. 2026" is.
    n.a = trim(n.a);
    n.b = trim(n.b);
    n.c = trim(n.c);
    if (!all_digits(n.a) || !all_digits(n.b) || !all_digits(n.c)) {
        return std::nullopt;
    }
    return n;
}

/// Month names and abbreviations in English, German, French, Spanish, Dutch and Portuguese,
/// folded (lower case, no accents).
struct MonthName {
    std::string_view name;
    int month;
};

constexpr MonthName k_months[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4},
    {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11},
    {"dec", 12},
    // German
    {"januar", 1}, {"janner", 1}, {"jan", 1}, {"februar", 2}, {"marz", 3}, {"maerz", 3},
    {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"okt", 10},
    {"dez", 12}, {"mrz", 3},
    // French
    {"janvier", 1}, {"janv", 1}, {"fevrier", 2}, {"fevr", 2}, {"fev", 2}, {"mars", 3},
    {"avril", 4}, {"avr", 4}, {"juin", 6}, {"juillet", 7}, {"juil", 7}, {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"decembre", 12},
    // Spanish
    {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4},
    {"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"dic", 12},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"marco", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"set", 9}, {"outubro", 10}, {"out", 10}, {"novembro", 11},
    {"dezembro", 12},
};

std::optional<int> month_from_name(std::string_view folded) {
    for (const auto& m : k_months) {
        if (m.name == folded) {
            return m.month;
        }
    }
    return std::nullopt;
}

/// Weekdays and joining words that may surround a written date, folded.
bool is_filler(std::string_view folded) {
    static constexpr std::string_view words[] = {
        "de", "of", "the", "le", "el", "den", "der", "on",
        // weekdays, full and short
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
        "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi",
        "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miercoles", "jueves",
        "viernes", "sabado", "domingo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
        "zaterdag", "zondag", "segunda", "terca", "quarta", "quinta", "sexta"};
    return std::find(std::begin(words), std::end(words), folded) != std::end(words) ||
           folded == "feira";
}

/// A day number, with an ordinal ending allowed: 3, 03, 3rd, 1st, 1er, 1º.
std::optional<int> day_token(std::string_view token) {
    std::size_t digits = 0;
    while (digits < token.size() && is_digit(token[digits])) {
        ++digits;
    }
    const std::string_view rest = token.substr(digits);
    static constexpr std::array<std::string_view, 8> endings = {"",   "st", "nd", "rd",
                                                                "th", "er", "e",  "o"};
    if (std::find(endings.begin(), endings.end(), rest) == endings.end()) {
        return std::nullopt;
    }
    return small_number(token.substr(0, digits));
}

std::optional<Date> parse_written(std::string_view text, std::string* why) {
    // Fold case and accents; every non-alphanumeric byte separates tokens.
    std::string folded = fold_key(text);
    std::vector<std::string> tokens;
    std::string current;
    for (char c : folded) {
        const bool word = is_digit(c) || (c >= 'a' && c <= 'z');
        if (word) {
            current += c;
        } else if (!current.empty()) {
            tokens.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        tokens.push_back(std::move(current));
    }
    std::erase_if(tokens, [](const std::string& t) { return is_filler(t); });
    if (tokens.size() != 3) {
        return fail(why, "not a date");
    }
    std::optional<int> month;
    std::size_t month_at = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (auto m = month_from_name(tokens[i])) {
            month = m;
            month_at = i;
            break;
        }
    }
    if (!month || month_at == 2) {
        return fail(why, "not a date");
    }
    // "November 3 2026" or "3 November 2026": the year is last either way.
    const std::string_view day_text = month_at == 0 ? tokens[1] : tokens[0];
    const auto d = day_token(day_text);
    const auto y = year_of(tokens[2]);
    if (!d || !y) {
        return fail(why, "not a date");
    }
    return make_date(*y, *month, *d, why);
}

} // namespace

std::string_view day_order_name(DayOrder order) {
    return order == DayOrder::dmy ? "dmy" : "mdy";
}

std::optional<DayOrder> parse_day_order(std::string_view name) {
    if (name == "dmy") {
        return DayOrder::dmy;
    }
    if (name == "mdy") {
        return DayOrder::mdy;
    }
    return std::nullopt;
}

OrderHint order_hint(std::string_view cell) {
    const auto date = without_time(trim(cell));
    if (!date) {
        return OrderHint::none;
    }
    const auto n = split_numeric(*date);
    if (!n || n->separator == '.' || n->a.size() > 2 || n->b.size() > 2 || !year_of(n->c)) {
        return OrderHint::none;
    }
    const int a = to_int(n->a);
    const int b = to_int(n->b);
    if (a > 12 && b <= 12) {
        return OrderHint::day_first;
    }
    if (b > 12 && a <= 12) {
        return OrderHint::month_first;
    }
    return a <= 12 && b <= 12 ? OrderHint::ambiguous : OrderHint::none;
}

std::optional<Date> parse_sheet_date(std::string_view cell, std::optional<DayOrder> order,
                                     std::string* why) {
    const std::string_view text = trim(cell);
    if (text.empty()) {
        return fail(why, "empty");
    }
    // ISO, and ISO timestamps: the calendar day as written.
    if (text.size() >= 10 && all_digits(text.substr(0, 4)) && (text[4] == '-' || text[4] == '/')) {
        const std::string_view rest = text.substr(10);
        const bool time_ok = rest.empty() || ((rest[0] == 'T' || rest[0] == ' ') &&
                                              is_time(rest.substr(1)));
        const auto m = small_number(text.substr(5, 2));
        const auto d = small_number(text.substr(8, 2));
        if (time_ok && m && d && text[7] == text[4]) {
            return make_date(to_int(text.substr(0, 4)), *m, *d, why);
        }
    }
    const auto date = without_time(text);
    if (!date) {
        return fail(why, "not a date");
    }
    if (auto n = split_numeric(*date)) {
        if (n->a.size() == 4) { // 2026/11/3
            const auto m = small_number(n->b);
            const auto d = small_number(n->c);
            if (!m || !d) {
                return fail(why, "not a date");
            }
            return make_date(to_int(n->a), *m, *d, why);
        }
        const auto a = small_number(n->a);
        const auto b = small_number(n->b);
        const auto y = year_of(n->c);
        if (!a || !b || !y) {
            return fail(why, "not a date");
        }
        if (n->separator == '.') { // day first wherever dots are written
            return make_date(*y, *b, *a, why);
        }
        std::optional<DayOrder> use = order;
        if (!use) {
            switch (order_hint(*date)) {
            case OrderHint::day_first:
                use = DayOrder::dmy;
                break;
            case OrderHint::month_first:
                use = DayOrder::mdy;
                break;
            case OrderHint::ambiguous:
                return fail(why, "needs the order of day and month");
            case OrderHint::none:
                return fail(why, "no such day in the calendar");
            }
        }
        const int day_number = *use == DayOrder::dmy ? *a : *b;
        const int month_number = *use == DayOrder::dmy ? *b : *a;
        if (month_number > 12) {
            return fail(why, std::string(*use == DayOrder::dmy ? "day/month/year"
                                                                 : "month/day/year") +
                                 " order does not fit");
        }
        return make_date(*y, month_number, day_number, why);
    }
    return parse_written(*date, why);
}

OrderEvidence decide_day_order(const std::vector<std::string_view>& cells) {
    OrderEvidence evidence;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        switch (order_hint(cells[i])) {
        case OrderHint::day_first:
            if (evidence.day_first_at == 0) {
                evidence.day_first_at = i + 1;
            }
            break;
        case OrderHint::month_first:
            if (evidence.month_first_at == 0) {
                evidence.month_first_at = i + 1;
            }
            break;
        case OrderHint::ambiguous:
            if (evidence.ambiguous_at == 0) {
                evidence.ambiguous_at = i + 1;
            }
            break;
        case OrderHint::none:
            break;
        }
    }
    if (!evidence.conflict()) {
        if (evidence.day_first_at > 0) {
            evidence.order = DayOrder::dmy;
        } else if (evidence.month_first_at > 0) {
            evidence.order = DayOrder::mdy;
        }
    }
    return evidence;
}

} // namespace bb::util
