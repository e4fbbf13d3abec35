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
    if (value.size() > k_max_text_bytes) {
        return "is longer than " + std::to_string(k_max_text_bytes / 1024) +
               " KiB, the most a field holds; keep the text shorter";
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
            return "must not hold " + util::code_point_name(*control) +
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

namespace {

/// Applies the rules of one record's fields in turn, keeping the first that is broken.
class RecordCheck {
  public:
    RecordCheck& id(std::string_view key, std::int64_t value) {
        return add(key, value >= 1 ? "" : "must be 1 or more");
    }
    RecordCheck& date(std::string_view key, const std::optional<Date>& value) {
        return add(key, !value || util::is_supported_date(*value)
                            ? ""
                            : "must be a date written YYYY-MM-DD (years 1900 to 9999)");
    }
    RecordCheck& text(std::string_view key, std::string_view value,
                      std::string (*rule)(std::string_view) = check_line) {
        return add(key, rule(value));
    }
    RecordCheck& text(std::string_view key, const std::optional<std::string>& value,
                      std::string (*rule)(std::string_view) = check_line) {
        return value ? text(key, std::string_view(*value), rule) : *this;
    }
    RecordCheck& list(std::string_view key, const std::vector<std::string>& values,
                      std::string (*rule)(std::string_view)) {
        if (values.size() > k_max_list_values) {
            return add(key, "holds more than " + std::to_string(k_max_list_values) + " values");
        }
        for (const auto& value : values) {
            add(key, rule(value));
        }
        return *this;
    }
    RecordCheck& number(std::string_view key, const std::optional<int>& value,
                        std::string (*rule)(std::int64_t)) {
        return add(key, value ? rule(*value) : "");
    }
    RecordCheck& relation(std::string reason) {
        if (m_broken.empty() && !reason.empty()) {
            m_broken = std::move(reason);
        }
        return *this;
    }
    std::string result() { return std::move(m_broken); }

  private:
    RecordCheck& add(std::string_view key, const std::string& reason) {
        if (m_broken.empty() && !reason.empty()) {
            m_broken = std::string(key) + " " + reason;
        }
        return *this;
    }
    std::string m_broken;
};

} // namespace

std::string check_record(const Rejection& r) {
    RecordCheck check;
    check.id("id", r.id)
        .text("company", std::string_view(r.company))
        .text("role", r.role)
        .date("date", r.date)
        .date("applied", r.applied)
        .text("source", r.source)
        .text("contact", r.contact)
        .text("email", r.email, check_email)
        .text("reason", r.reason, check_text)
        .text("note", r.note, check_text)
        .list("tags", r.tags, check_word)
        .number("feeling", r.feeling, check_feeling)
        .text("key", r.key)
        .date("feedback.requested", r.feedback.requested)
        .date("feedback.received", r.feedback.received)
        .text("feedback.text", r.feedback.text, check_text)
        .list("feedback.areas", r.feedback.areas, check_word);
    if (r.stage && static_cast<std::size_t>(*r.stage) >= stage_names().size()) {
        check.relation("stage must be one of " + util::join(stage_names(), ", "));
    }
    return check.relation(check_rejection(r)).result();
}

std::string check_record(const Win& w) {
    return RecordCheck()
        .id("id", w.id)
        .date("date", w.date)
        .text("text", std::string_view(w.text), check_text)
        .result();
}

std::string check_record(const Reflection& r) {
    RecordCheck check;
    check.id("id", r.id)
        .date("date", r.date)
        .number("mood", r.mood, check_feeling)
        .list("went_well", r.went_well, check_text)
        .list("improve", r.improve, check_text)
        .list("strengths", r.strengths, check_text)
        .list("targeting", r.targeting, check_text)
        .list("next", r.next, check_text);
    if (r.rejection && *r.rejection < 1) {
        check.relation("rejection must be the ID of a rejection (1 or more)");
    }
    return check.result();
}

std::string check_record(const Checkin& c) {
    RecordCheck check;
    check.date("date", c.date)
        .text("habit", std::string_view(c.habit), check_word)
        .number("minutes", c.minutes, check_minutes)
        .text("note", c.note, check_text);
    if (c.status != CheckinStatus::done && c.status != CheckinStatus::skip) {
        check.relation("status must be \"done\" or \"skip\"");
    }
    return check.result();
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
