#include "bounceback/core/records.hpp"

#include "bounceback/core/fields.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

namespace bb {

const std::vector<std::string>& stage_names() {
    static const std::vector<std::string> names = {"application", "screen", "technical",
                                                   "onsite",      "final",  "offer"};
    return names;
}

std::string_view stage_name(Stage stage) {
    return stage_names()[static_cast<std::size_t>(stage)];
}

std::optional<Stage> parse_stage(std::string_view name) {
    const auto& names = stage_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<Stage>(i);
        }
    }
    return std::nullopt;
}

namespace {
/// The invisible characters a name may not hold, with what to call them: bidi controls, which
/// reorder what follows, and zero-width spaces. The zero-width (non-)joiners U+200C and U+200D
/// are allowed: Persian, Indic scripts and emoji need them.
struct Invisible {
    char32_t code;
    std::string_view name;
};
constexpr std::array<Invisible, 19> k_invisible = {{
    {0x061C, "ARABIC LETTER MARK"},
    {0x180E, "MONGOLIAN VOWEL SEPARATOR"},
    {0x200B, "ZERO WIDTH SPACE"},
    {0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2060, "WORD JOINER"},
    {0x2061, "FUNCTION APPLICATION"},
    {0x2062, "INVISIBLE TIMES"},
    {0x2063, "INVISIBLE SEPARATOR"},
    {0x2064, "INVISIBLE PLUS"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
}};

/// "U+202E RIGHT-TO-LEFT OVERRIDE" for a code point of the table above, else "U+0085": how a
/// refused invisible character is named, never shown.
std::string invisible_name(char32_t code) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) {
        out += k_hex[(code >> shift) & 0xFu];
    }
    if (code == 0xFEFF) {
        return out + " ZERO WIDTH NO-BREAK SPACE";
    }
    for (const auto& invisible : k_invisible) {
        if (invisible.code == code) {
            return out + " " + std::string(invisible.name);
        }
    }
    return out;
}

/// True when every byte of `value` is printable ASCII, or newline or tab when `multiline`: then
/// it is valid UTF-8 without a control character, found in one pass. Nearly every field is so,
/// and the cache's records are checked on every read.
bool plain_ascii(std::string_view value, bool multiline) {
    return std::all_of(value.begin(), value.end(), [multiline](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte >= 0x20 && byte < 0x7f) || (multiline && (c == '\n' || c == '\t'));
    });
}

std::string check_utf8_text(std::string_view value, bool multiline) {
    if (value.size() > k_max_text_bytes) {
        return "is longer than " + std::to_string(k_max_text_bytes / 1024) +
               " KiB, the most a field holds; keep the text shorter";
    }
    if (plain_ascii(value, multiline)) {
        return util::trim(value).empty() ? "must not be empty" : "";
    }
    if (util::trim(value).empty()) {
        return "must not be empty";
    }
    if (!util::is_valid_utf8(value)) {
        return "is not valid UTF-8";
    }
    if (const auto control = util::find_control_char(value, multiline, multiline)) {
        if (*control >= 0x80) {
            // C1 and bidirectional controls: invisible, yet they can reorder or hide text on a
            // screen, or act as an escape sequence on some terminals.
            return "must not hold " + invisible_name(*control) +
                   ", an invisible control character that can reorder or hide text";
        }
        return multiline ? "must not contain control characters"
                         : "must be one line without control characters (no CR, LF, tab or NUL)";
    }
    return {};
}
} // namespace

std::string check_line(std::string_view value) {
    return check_utf8_text(value, false);
}

std::string check_text(std::string_view value) {
    return check_utf8_text(value, true);
}

std::string find_invisible(std::string_view value) {
    if (std::all_of(value.begin(), value.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }) ||
        !util::is_valid_utf8(value)) {
        return {}; // every invisible character is outside ASCII
    }
    for (std::size_t i = 0; i < value.size();) {
        const auto lead = static_cast<unsigned char>(value[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code = length == 1   ? lead
                        : length == 2 ? lead & 0x1Fu
                        : length == 3 ? lead & 0x0Fu
                                      : lead & 0x07u;
        for (std::size_t k = 1; k < length; ++k) {
            code = (code << 6) | (static_cast<unsigned char>(value[i + k]) & 0x3Fu);
        }
        i += length;
        if (code == 0xFEFF || std::any_of(k_invisible.begin(), k_invisible.end(),
                                          [&](const Invisible& entry) { return entry.code == code; })) {
            return invisible_name(code);
        }
    }
    return {};
}

std::string check_name(std::string_view value) {
    if (auto reason = check_line(value); !reason.empty()) {
        return reason;
    }
    if (auto invisible = find_invisible(value); !invisible.empty()) {
        return "holds an invisible character (" + invisible +
               ") that can make one name look like another; type the name without it";
    }
    return {};
}

std::string check_email(std::string_view value) {
    if (auto reason = check_line(value); !reason.empty()) {
        return reason;
    }
    const auto at = value.find('@');
    const bool shape_ok = at != std::string_view::npos && at > 0 &&
                          value.find('@', at + 1) == std::string_view::npos &&
                          value.find_first_of(" <>,;:\"()[]\\") == std::string_view::npos;
    const std::string_view domain = shape_ok ? value.substr(at + 1) : std::string_view{};
    const auto dot = domain.find('.');
    if (!shape_ok || dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos) {
        return "is not an email address (expected name@example.com)";
    }
    return {};
}

std::string check_word(std::string_view value) {
    if (auto reason = check_line(value); !reason.empty()) {
        return reason;
    }
    if (value.find_first_of(" ,") != std::string_view::npos) {
        return "must be one word without spaces or commas (use - or _ to join words)";
    }
    return {};
}

std::string check_tag(std::string_view value) {
    if (auto reason = check_line(value); !reason.empty()) {
        return reason;
    }
    if (value.find_first_of(",;") != std::string_view::npos) {
        return "must not hold a comma or a semicolon (they separate tags)";
    }
    if (value.front() == ' ' || value.back() == ' ') {
        return "must not start or end with a space";
    }
    return {};
}

std::string check_feeling(std::int64_t value) {
    if (value < 1 || value > 5) {
        return "must be a whole number from 1 (awful) to 5 (great)";
    }
    return {};
}

std::optional<int> parse_feeling(std::string_view text, std::string* err) {
    const bool digit = text.size() == 1 && text[0] >= '0' && text[0] <= '9';
    const int value = digit ? text[0] - '0' : 0;
    if (auto reason = check_feeling(value); !reason.empty()) {
        if (err != nullptr) {
            *err = std::move(reason);
        }
        return std::nullopt;
    }
    return value;
}

std::string check_minutes(std::int64_t value) {
    if (value < 1 || value > 1440) {
        return "must be a whole number of minutes from 1 to 1440";
    }
    return {};
}

std::string_view checkin_status_name(CheckinStatus status) {
    return status == CheckinStatus::done ? "done" : "skip";
}

std::string check_rejection(const Rejection& r) {
    if (r.applied && *r.applied > r.date) {
        return "applied (" + util::format_date(*r.applied) + ") is after the rejection date (" +
               util::format_date(r.date) + ")";
    }
    if (r.feedback.requested && r.feedback.received &&
        *r.feedback.received < *r.feedback.requested) {
        return "feedback.received (" + util::format_date(*r.feedback.received) +
               ") is before feedback.requested (" + util::format_date(*r.feedback.requested) + ")";
    }
    if (r.feedback.followed_up && !r.feedback.requested) {
        return "feedback.followed_up is set but feedback.requested is not (a follow-up follows a "
               "request)";
    }
    if (r.feedback.followed_up && *r.feedback.followed_up < *r.feedback.requested) {
        return "feedback.followed_up (" + util::format_date(*r.feedback.followed_up) +
               ") is before feedback.requested (" + util::format_date(*r.feedback.requested) + ")";
    }
    return {};
}

std::string check_record(const Rejection& r) {
    if (auto reason = check_fields(r); !reason.empty()) {
        return reason;
    }
    return check_rejection(r);
}

std::string check_record(const Win& w) { return check_fields(w); }

std::string check_record(const Reflection& r) { return check_fields(r); }

std::string check_record(const Checkin& c) { return check_fields(c); }

std::string check_entry_date(Date date, Date today) {
    if (util::days_between(today, date) <= 1) {
        return {};
    }
    return "is later than tomorrow (today is " + util::format_date(today) +
           "); bounceback keeps what has already happened: is the year right?";
}

namespace {

/// The first date field of `record` that check_entry_date refuses, as a reason.
template <typename Record> std::string first_date_ahead(const Record& record, Date today) {
    for (const auto& field : fields_of<Record>()) {
        const auto date = visit_field(field, record, [](const auto& value) -> std::optional<Date> {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, std::optional<Date>>) {
                return value;
            } else {
                return std::nullopt;
            }
        });
        if (!date) {
            continue;
        }
        if (auto reason = check_entry_date(*date, today); !reason.empty()) {
            return dotted_name(field) + " " + util::format_date(*date) + " " + reason;
        }
    }
    return {};
}

} // namespace

std::string check_entry_dates(const Rejection& r, Date today) {
    return first_date_ahead(r, today);
}

std::string check_entry_dates(const Win& w, Date today) { return first_date_ahead(w, today); }

std::string check_entry_dates(const Reflection& r, Date today) {
    return first_date_ahead(r, today);
}

void add_tag(std::vector<std::string>& tags, std::string tag) {
    const std::string folded = util::fold_case(tag);
    if (std::none_of(tags.begin(), tags.end(),
                     [&](const std::string& t) { return util::fold_case(t) == folded; })) {
        tags.push_back(std::move(tag));
    }
}

bool follow_up_due(const Rejection& r, Date today, int wait_days) {
    if (!r.feedback.requested || r.feedback.received) {
        return false;
    }
    const Date last_asked = r.feedback.followed_up.value_or(*r.feedback.requested);
    return util::days_between(last_asked, today) >= wait_days;
}

namespace {

/// `word` lower-cased without the dots and commas that end it: "Dr." -> "dr".
std::string bare_word(std::string_view word) {
    std::string bare = util::to_lower(word);
    while (!bare.empty() && (bare.back() == '.' || bare.back() == ',')) {
        bare.pop_back();
    }
    return bare;
}

bool is_one_of(std::string_view bare, std::span<const std::string_view> words) {
    return std::find(words.begin(), words.end(), bare) != words.end();
}

constexpr std::array<std::string_view, 10> k_titles = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "sir", "madam", "miss", "professor"};
constexpr std::array<std::string_view, 12> k_suffixes = {
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "msc", "bsc", "dds"};

/// The words of `part` without a trailing comma each, the titles before them added to `title`.
std::vector<std::string> name_words(std::string_view part, std::string& title) {
    std::vector<std::string> words;
    for (auto word : util::split_words(part)) {
        while (!word.empty() && word.back() == ',') {
            word.pop_back();
        }
        if (word.empty()) {
            continue;
        }
        if (words.empty() && is_one_of(bare_word(word), k_titles)) {
            title += (title.empty() ? "" : " ") + word; // "Prof. Dr."
            continue;
        }
        words.push_back(std::move(word));
    }
    return words;
}

} // namespace

ContactName parse_contact(std::string_view contact) {
    ContactName name;
    const auto comma = contact.find(',');
    std::string_view before = contact.substr(0, comma);
    std::string_view after = comma == std::string_view::npos ? "" : contact.substr(comma + 1);
    bool suffixes_only = true;
    for (const auto& word : util::split_words(after)) {
        suffixes_only = suffixes_only && is_one_of(bare_word(word), k_suffixes);
    }
    if (!suffixes_only) {
        // "Doe, Jane": the family name first.
        const auto family = name_words(before, name.title);
        const auto given = name_words(after, name.title);
        name.last = util::join(family, " ");
        name.first = given.empty() ? "" : given.front();
        return name;
    }
    auto words = name_words(before, name.title);
    while (words.size() > 1 && is_one_of(bare_word(words.back()), k_suffixes)) {
        words.pop_back(); // "Jane Doe Jr."
    }
    if (words.size() == 1 && !name.title.empty()) {
        name.last = words.front(); // "Dr. Doe"
    } else if (!words.empty()) {
        name.first = words.front();
        name.last = words.size() > 1 ? words.back() : "";
    }
    return name;
}

std::string contact_first_name(std::string_view contact) {
    return parse_contact(contact).first;
}

std::string contact_greeting(std::string_view contact) {
    const ContactName name = parse_contact(contact);
    if (!name.first.empty()) {
        return name.first;
    }
    if (!name.title.empty() && !name.last.empty()) {
        return name.title + " " + name.last;
    }
    return name.last;
}

} // namespace bb
