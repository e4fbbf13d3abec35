#include "bounceback/mail/mail_date.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <map>
#include <vector>

namespace bb::mail {

namespace {

using util::to_lower;

/// Month names and abbreviations in the six languages, folded (lower case, no accents).
const std::map<std::string, unsigned, std::less<>>& month_names() {
    static const std::map<std::string, unsigned, std::less<>> k_months = [] {
        std::map<std::string, unsigned, std::less<>> months;
        const std::array<std::vector<std::string_view>, 12> names = {{
            {"january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "januari",
             "janeiro"},
            {"february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "februari",
             "fevereiro"},
            {"march", "mar", "marz", "mrz", "mars", "marzo", "maart", "mrt", "marco"},
            {"april", "apr", "avril", "avr", "abril", "abr"},
            {"may", "mai", "mayo", "mei", "maio"},
            {"june", "jun", "juni", "juin", "junio", "junho"},
            {"july", "jul", "juli", "juillet", "juil", "julio", "julho"},
            {"august", "aug", "aout", "agosto", "ago", "augustus"},
            {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set"},
            {"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out"},
            {"november", "nov", "novembre", "noviembre", "novembro"},
            {"december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dezembro"},
        }};
        for (unsigned m = 0; m < names.size(); ++m) {
            for (std::string_view name : names[m]) {
                months.emplace(std::string(name), m + 1);
            }
        }
        return months;
    }();
    return k_months;
}

/// Zone names mail carries, with their offsets in minutes. RFC 822's names (UT, GMT, EST …
/// PDT) and names common enough to be meant (CET, MEZ …); ambiguous ones such as IST are left
/// out, so they are reported as unknown rather than read wrongly.
const std::map<std::string, int, std::less<>>& zone_names() {
    static const std::map<std::string, int, std::less<>> k_zones = {
        {"ut", 0},      {"gmt", 0},     {"utc", 0},    {"z", 0},      {"wet", 0},    {"west", 60},
        {"bst", 60},    {"cet", 60},    {"met", 60},   {"mez", 60},   {"cest", 120}, {"mest", 120},
        {"mesz", 120},  {"eet", 120},   {"eest", 180}, {"msk", 180},  {"est", -300}, {"edt", -240},
        {"cst", -360},  {"cdt", -300},  {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
        {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"ast", -240}, {"adt", -180}, {"nst", -210},
        {"ndt", -150},  {"brt", -180},  {"art", -180}, {"jst", 540},  {"kst", 540},  {"hkt", 480},
        {"sgt", 480},   {"awst", 480},  {"acst", 570}, {"acdt", 630}, {"aest", 600}, {"aedt", 660},
        {"nzst", 720},  {"nzdt", 780},  {"wib", 420},  {"pkt", 300},
    };
    return k_zones;
}

/// Words written after a time that are not a zone ("14:03 Uhr").
bool is_clock_word(std::string_view word) {
    static constexpr std::array<std::string_view, 6> k_words = {"uhr",   "hrs", "heures",
                                                                "horas", "uur", "hours"};
    return std::find(k_words.begin(), k_words.end(), word) != k_words.end();
}

using util::all_digits;
using util::is_digit;
using util::to_int;

std::string format_offset(int minutes) {
    const char sign = minutes < 0 ? '-' : '+';
    minutes = std::abs(minutes);
    std::string out(1, sign);
    const int hours = minutes / 60;
    const int rest = minutes % 60;
    out += static_cast<char>('0' + hours / 10);
    out += static_cast<char>('0' + hours % 10);
    out += static_cast<char>('0' + rest / 10);
    out += static_cast<char>('0' + rest % 10);
    return out;
}

/// A numeric offset: `+0100`, `-05:00`, `+01`, `+1` (the sign included); nullopt otherwise.
std::optional<int> numeric_offset(std::string_view text) {
    if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) {
        return std::nullopt;
    }
    const int sign = text[0] == '-' ? -1 : 1;
    std::string digits;
    for (char c : text.substr(1)) {
        if (c == ':') {
            continue;
        }
        if (!is_digit(c)) {
            return std::nullopt;
        }
        digits += c;
    }
    int hours = 0;
    int minutes = 0;
    if (digits.size() <= 2) {
        hours = to_int(digits);
    } else if (digits.size() == 3 || digits.size() == 4) {
        hours = to_int(std::string_view(digits).substr(0, digits.size() - 2));
        minutes = to_int(std::string_view(digits).substr(digits.size() - 2));
    } else {
        return std::nullopt;
    }
    if (digits.empty() || hours > 14 || minutes > 59) {
        return std::nullopt;
    }
    return sign * (hours * 60 + minutes);
}

/// A time of day: `14:03`, `14:03:12`, `2:03pm`, `14h03`; sets the fields, nullopt-like false.
bool read_time(std::string_view token, int* hour, int* minute, int* second, bool* pm, bool* am) {
    std::string_view rest = token;
    for (std::string_view suffix : {"pm", "p.m.", "am", "a.m."}) {
        if (rest.size() > suffix.size() && rest.ends_with(suffix)) {
            (suffix[0] == 'p' ? *pm : *am) = true;
            rest.remove_suffix(suffix.size());
            break;
        }
    }
    const char separator = rest.find(':') != std::string_view::npos ? ':' : 'h';
    const auto parts = util::split_at(rest, separator);
    if (parts.size() < 2 || parts.size() > 3 || !all_digits(parts[0]) || parts[0].size() > 2 ||
        !all_digits(parts[1]) || parts[1].size() != 2 ||
        (parts.size() == 3 && (!all_digits(parts[2]) || parts[2].size() != 2))) {
        return false;
    }
    *hour = to_int(parts[0]);
    *minute = to_int(parts[1]);
    *second = parts.size() == 3 ? to_int(parts[2]) : 0;
    return true;
}

struct Pieces {
    int year = -1;
    unsigned month = 0;
    int day = -1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::optional<int> offset;
    std::string zone_name; // as written, when the zone was a name
    std::string unknown_zone;
};

/// A numeric day: `04.12.2026` (day first), `2026-12-04`, `12/04/2026` when its order is plain.
bool read_numeric_day(std::string_view token, Pieces* p) {
    for (char separator : {'.', '-', '/'}) {
        auto parts = util::split_at(token, separator);
        if (parts.size() == 4 && parts[3].empty()) {
            parts.pop_back(); // "04.12.2026."
        }
        if (parts.size() != 3 ||
            !std::all_of(parts.begin(), parts.end(), [](const auto& s) { return all_digits(s); })) {
            continue;
        }
        const int a = to_int(parts[0]);
        const int b = to_int(parts[1]);
        const int c = to_int(parts[2]);
        if (parts[0].size() == 4) {
            p->year = a;
            p->month = static_cast<unsigned>(b);
            p->day = c;
            return true;
        }
        if (parts[2].size() != 4) {
            return false;
        }
        p->year = c;
        if (separator != '/' || a > 12) {
            p->day = a;
            p->month = static_cast<unsigned>(b);
            return true;
        }
        if (b > 12) {
            p->month = static_cast<unsigned>(a);
            p->day = b;
            return true;
        }
        return false; // 03/04/2026: April or March? Not a guess.
    }
    return false;
}

/// Splits an ISO 8601 token `2026-11-25T18:04:05+01:00` into its day, time and zone.
bool read_iso(std::string_view token, Pieces* p) {
    const auto t = token.find_first_of("Tt");
    if (t != 10 || !read_numeric_day(token.substr(0, 10), p)) {
        return false;
    }
    std::string_view time = token.substr(11);
    std::string_view zone;
    if (const auto z = time.find_first_of("Zz+-"); z != std::string_view::npos) {
        zone = time.substr(z);
        time = time.substr(0, z);
    }
    if (const auto dot = time.find('.'); dot != std::string_view::npos) {
        time = time.substr(0, dot); // fractions of a second
    }
    bool pm = false;
    bool am = false;
    if (!read_time(time, &p->hour, &p->minute, &p->second, &pm, &am)) {
        return false;
    }
    if (zone == "Z" || zone == "z") {
        p->offset = 0;
    } else if (!zone.empty()) {
        p->offset = numeric_offset(zone);
        if (!p->offset) {
            return false;
        }
    }
    return true;
}

std::optional<Pieces> read_pieces(std::string_view text) {
    // Comments such as "(CET)" or "(UTC)" go; a name in one is kept in case no zone is written.
    std::string cleaned;
    std::string comment;
    int depth = 0;
    for (char c : text) {
        if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
            cleaned += ' ';
        } else if (depth > 0) {
            comment += c;
        } else {
            cleaned += c == ',' ? ' ' : c;
        }
    }
    std::vector<std::string> tokens;
    for (const auto& word : util::split_words(cleaned)) {
        tokens.push_back(util::fold_case_and_accents(word));
    }
    Pieces p;
    bool have_time = false;
    bool pm = false;
    bool am = false;
    std::vector<std::size_t> numbers; // token indexes of plain numbers
    std::vector<std::size_t> months;  // token indexes of month names
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::string_view token = tokens[i];
        if (read_iso(token, &p)) {
            have_time = true;
            continue;
        }
        if (token.find_first_of("./-") != std::string_view::npos && is_digit(token[0]) &&
            is_digit(token.back()) && p.year < 0 && read_numeric_day(token, &p)) {
            continue;
        }
        if (!have_time && is_digit(token[0]) &&
            read_time(token, &p.hour, &p.minute, &p.second, &pm, &am)) {
            have_time = true;
            continue;
        }
        if (token == "pm" || token == "p.m." || token == "am" || token == "a.m.") {
            (token[0] == 'p' ? pm : am) = true;
            continue;
        }
        if (auto offset = numeric_offset(token); offset && have_time) {
            p.offset = offset;
            continue;
        }
        for (std::string_view prefix : {"gmt", "utc", "ut"}) {
            if (token.size() > prefix.size() && token.starts_with(prefix) &&
                (token[prefix.size()] == '+' || token[prefix.size()] == '-')) {
                if (auto offset = numeric_offset(token.substr(prefix.size()))) {
                    p.offset = offset;
                    token = {};
                }
                break;
            }
        }
        if (token.empty()) {
            continue;
        }
        std::string_view word = token;
        while (!word.empty() && word.back() == '.') {
            word.remove_suffix(1);
        }
        if (all_digits(word) && word.size() <= 4) {
            numbers.push_back(i);
            tokens[i] = std::string(word);
            continue;
        }
        if (month_names().contains(word)) {
            months.push_back(i);
            tokens[i] = std::string(word);
            continue;
        }
        if (have_time && !p.offset) {
            if (auto zone = zone_names().find(word); zone != zone_names().end()) {
                p.offset = zone->second;
                p.zone_name = std::string(word);
            } else if (word.size() >= 3 && word.size() <= 5 && !is_clock_word(word) &&
                       std::all_of(word.begin(), word.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; }) &&
                       i + 1 == tokens.size()) {
                p.unknown_zone = std::string(word); // the last word after the time: a zone
            }
        }
    }
    if (!p.offset && p.zone_name.empty()) {
        const std::string name = util::to_lower(util::trim(comment));
        if (auto zone = zone_names().find(name); zone != zone_names().end() && have_time) {
            p.offset = zone->second;
            p.zone_name = name;
            p.unknown_zone.clear();
        }
    }
    if (p.year < 0) {
        // "mar" is March, and Tuesday in French and Spanish: a month only when no other is named.
        if (months.size() > 1) {
            months.erase(std::remove_if(months.begin(), months.end(),
                                        [&](std::size_t i) { return tokens[i] == "mar"; }),
                         months.end());
        }
        if (months.empty()) {
            return std::nullopt;
        }
        const std::size_t m = months.front();
        p.month = month_names().find(tokens[m])->second;
        std::optional<std::size_t> year_at;
        for (std::size_t i : numbers) {
            if (tokens[i].size() == 4) {
                year_at = i;
                p.year = to_int(tokens[i]);
                break;
            }
        }
        if (!year_at) {
            // "25 Nov 26", RFC 5322's obsolete two-digit year: the day before the month, the
            // year right after it.
            auto number_at = [&](std::size_t i) {
                return std::find(numbers.begin(), numbers.end(), i) != numbers.end();
            };
            if (m > 0 && number_at(m - 1) && number_at(m + 1) && tokens[m + 1].size() == 2) {
                year_at = m + 1;
                const int yy = to_int(tokens[m + 1]);
                p.year = yy + (yy < 50 ? 2000 : 1900);
            }
        }
        if (!year_at) {
            return std::nullopt;
        }
        // The day: the nearest number before the month, else after it (skipping "de", "of").
        std::optional<std::size_t> day_at;
        for (std::size_t i : numbers) {
            if (i == *year_at || tokens[i].size() > 2) {
                continue;
            }
            if (i < m && m - i <= 2 && (!day_at || i > *day_at)) {
                day_at = i;
            }
        }
        if (!day_at) {
            for (std::size_t i : numbers) {
                if (i != *year_at && tokens[i].size() <= 2 && i > m && i - m <= 2) {
                    day_at = i;
                    break;
                }
            }
        }
        if (!day_at) {
            return std::nullopt;
        }
        p.day = to_int(tokens[*day_at]);
    }
    if (pm && p.hour >= 1 && p.hour < 12) {
        p.hour += 12;
    } else if (am && p.hour == 12) {
        p.hour = 0;
    }
    if (p.hour > 23 || p.minute > 59 || p.second > 60) {
        return std::nullopt;
    }
    return p;
}

} // namespace

std::optional<MailDate> read_mail_date(std::string_view text) {
    if (text.size() > 200) {
        return std::nullopt; // no date is this long; a bound keeps odd headers cheap
    }
    const auto pieces = read_pieces(text);
    if (!pieces) {
        return std::nullopt;
    }
    const Pieces& p = *pieces;
    using namespace std::chrono;
    const year_month_day ymd{year{p.year}, month{p.month},
                             day{static_cast<unsigned>(std::max(p.day, 0))}};
    if (!ymd.ok() || p.day < 1 || !util::is_supported_date(ymd)) {
        return std::nullopt;
    }
    MailDate date;
    date.written_day = ymd;
    date.zone_known = p.offset.has_value();
    const int offset = p.offset.value_or(0);
    const auto since_epoch = sys_days{ymd}.time_since_epoch() + hours{p.hour} + minutes{p.minute} +
                             seconds{p.second} - minutes{offset};
    date.when = static_cast<std::time_t>(duration_cast<seconds>(since_epoch).count());
    if (!p.zone_name.empty() && p.zone_name != "gmt" && p.zone_name != "utc" &&
        p.zone_name != "ut" && p.zone_name != "z") {
        date.zone_note = util::to_lower(p.zone_name);
        for (char& c : date.zone_note) {
            c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        date.zone_note += " read as " + format_offset(offset);
    } else if (!p.unknown_zone.empty()) {
        std::string zone = p.unknown_zone;
        for (char& c : zone) {
            c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        date.zone_note = "time zone '" + zone + "' unknown: the day as written";
    } else if (!date.zone_known) {
        date.zone_note = "no time zone: the day as written";
    }
    return date;
}

util::Date local_day(const MailDate& date) {
    if (!date.zone_known) {
        return date.written_day;
    }
    std::tm local{};
    if (localtime_r(&date.when, &local) == nullptr) {
        return date.written_day;
    }
    return util::Date{std::chrono::year{local.tm_year + 1900},
                      std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                      std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

std::optional<MailDate> received_date(std::string_view value) {
    const auto semicolon = value.rfind(';');
    if (semicolon == std::string_view::npos) {
        return std::nullopt;
    }
    return read_mail_date(value.substr(semicolon + 1));
}

std::optional<std::time_t> parse_mail_date(std::string_view text) {
    if (auto date = read_mail_date(text)) {
        return date->when;
    }
    return std::nullopt;
}

} // namespace bb::mail
