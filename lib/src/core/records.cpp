#include "bounceback/core/records.hpp"

#include "bounceback/util/text.hpp"

#include <array>

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
std::string check_utf8_text(std::string_view value, bool multiline) {
    if (util::trim(value).empty()) {
        return "must not be empty";
    }
    if (!util::is_valid_utf8(value)) {
        return "is not valid UTF-8";
    }
    if (util::has_control_chars(value, multiline, multiline)) {
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
    return {};
}

bool follow_up_due(const Rejection& r, Date today, int wait_days) {
    return r.feedback.requested && !r.feedback.received &&
           util::days_between(*r.feedback.requested, today) >= wait_days;
}

std::string contact_first_name(std::string_view contact) {
    static constexpr std::array<std::string_view, 10> k_titles = {
        "mr", "mrs", "ms", "mx", "dr", "prof", "sir", "madam", "miss", "professor"};
    for (const auto& word : util::split_words(contact)) {
        std::string bare = util::to_lower(word);
        while (!bare.empty() && bare.back() == '.') {
            bare.pop_back();
        }
        bool title = false;
        for (auto t : k_titles) {
            title = title || bare == t;
        }
        if (!title) {
            return word;
        }
    }
    return {};
}

} // namespace bb
