#include "bounceback/core/fields.hpp"

#include "bounceback/util/text.hpp"
#include "bounceback/util/uuid.hpp"

#include <algorithm>
#include <type_traits>

namespace bb {

namespace {

template <typename Member> struct member_of;
template <typename Owner, typename Type> struct member_of<Type Owner::*> {
    using owner = Owner;
    using type = Type;
};

/// The slot of a record's own member: at<&Rejection::role>.
template <auto Member>
typename member_of<decltype(Member)>::type& at(typename member_of<decltype(Member)>::owner& r) {
    return r.*Member;
}

/// The slot of a member of a rejection's feedback: feedback_at<&Feedback::received>.
template <auto Member> typename member_of<decltype(Member)>::type& feedback_at(Rejection& r) {
    return r.feedback.*Member;
}

using F = FieldType;
using S = FieldShow;

// The CSV columns of rejections came in this order before later fields were appended to them;
// `csv` keeps a file exported by any version readable by every other.
constexpr Field<Rejection> k_rejection[] = {
    {.key = "id", .type = F::id, .slot = &at<&Rejection::id>, .required = true, .csv = 0},
    {.key = "uid", .type = F::uid, .slot = &at<&Rejection::uid>, .csv = 21},
    {.key = "company", .type = F::name, .slot = &at<&Rejection::company>, .required = true,
     .csv = 2, .option = "--company", .value_name = "NAME",
     .help = "Company name (the same as COMPANY)", .edit_help = "Company name",
     .template_value = true},
    {.key = "role", .type = F::line, .slot = &at<&Rejection::role>, .csv = 3, .option = "--role",
     .value_name = "ROLE", .help = "Role applied for", .show = S::row, .template_value = true},
    {.key = "stage", .type = F::stage, .slot = &at<&Rejection::stage>, .csv = 4,
     .option = "--stage", .value_name = "STAGE", .help = "Furthest stage reached",
     .show = S::row, .template_value = true},
    {.key = "date", .type = F::date, .slot = &at<&Rejection::date>, .required = true, .csv = 1,
     .option = "--date", .value_name = "DATE", .help = "Date of the rejection (default: today)",
     .edit_help = "Date of the rejection (moves it to that month's file)", .show = S::custom,
     .template_value = true},
    {.key = "date_estimated", .type = F::flag, .slot = &at<&Rejection::date_estimated>,
     .csv = 18, .show = S::custom},
    {.key = "applied", .type = F::date, .slot = &at<&Rejection::applied>, .csv = 5,
     .option = "--applied", .value_name = "DATE", .help = "Date you applied", .show = S::custom,
     .template_value = true},
    {.key = "source", .type = F::line, .slot = &at<&Rejection::source>, .csv = 6,
     .option = "--source", .value_name = "SOURCE",
     .help = "Where the job was found (referral, job board …)", .per_entry = false,
     .show = S::row, .template_value = true},
    {.key = "contact", .type = F::name, .slot = &at<&Rejection::contact>, .csv = 7,
     .option = "--contact", .value_name = "NAME", .help = "Recruiter or interviewer name",
     .show = S::row, .template_value = true},
    {.key = "email", .type = F::email, .slot = &at<&Rejection::email>, .csv = 8,
     .option = "--email", .value_name = "ADDR", .help = "Contact's email address",
     .show = S::row, .template_value = true},
    {.key = "url", .type = F::url, .slot = &at<&Rejection::url>, .csv = 20, .option = "--url",
     .value_name = "URL", .help = "Address of the job posting (http or https)", .show = S::row,
     .template_value = true},
    {.key = "reason", .type = F::text, .slot = &at<&Rejection::reason>, .csv = 9,
     .option = "--reason", .value_name = "TEXT", .help = "Reason given, if any",
     .show = S::block},
    {.key = "note", .type = F::text, .slot = &at<&Rejection::note>, .csv = 10,
     .option = "--note", .value_name = "TEXT", .help = "Your own note", .per_entry = false,
     .show = S::block},
    {.key = "tags", .type = F::tags, .slot = &at<&Rejection::tags>, .csv = 11, .option = "--tag",
     .value_name = "TAG", .help = "Tag (repeatable)",
     .edit_help = "Replace the tags (repeatable; '' clears them)", .per_entry = false,
     .show = S::row},
    {.key = "feeling", .type = F::score, .slot = &at<&Rejection::feeling>, .csv = 12,
     .option = "--feeling", .value_name = "1-5", .help = "How you feel, 1 (awful) to 5 (great)",
     .per_entry = false, .show = S::row},
    {.key = "key", .type = F::line, .slot = &at<&Rejection::key>, .csv = 13, .option = "--key",
     .value_name = "KEY",
     .help = "Unique key for scripts: logging the same key twice makes one entry",
     .show = S::row},
    {.key = "requested", .type = F::date, .slot = &feedback_at<&Feedback::requested>,
     .group = "feedback", .csv = 14, .show = S::custom, .label = "asked", .template_value = true},
    {.key = "followed_up", .type = F::date, .slot = &feedback_at<&Feedback::followed_up>,
     .group = "feedback", .csv = 19, .show = S::custom, .template_value = true},
    {.key = "received", .type = F::date, .slot = &feedback_at<&Feedback::received>,
     .group = "feedback", .csv = 15, .show = S::custom, .label = "feedback",
     .template_value = true},
    {.key = "text", .type = F::text, .slot = &feedback_at<&Feedback::text>, .group = "feedback",
     .csv = 16, .show = S::block, .label = "what they said"},
    {.key = "areas", .type = F::words, .slot = &feedback_at<&Feedback::areas>,
     .group = "feedback", .csv = 17, .show = S::row},
};

constexpr Field<Win> k_win[] = {
    {.key = "id", .type = F::id, .slot = &at<&Win::id>, .required = true},
    {.key = "date", .type = F::date, .slot = &at<&Win::date>, .required = true},
    {.key = "text", .type = F::text, .slot = &at<&Win::text>, .required = true},
    {.key = "uid", .type = F::uid, .slot = &at<&Win::uid>},
};

constexpr Field<Reflection> k_reflection[] = {
    {.key = "id", .type = F::id, .slot = &at<&Reflection::id>, .required = true},
    {.key = "date", .type = F::date, .slot = &at<&Reflection::date>, .required = true},
    {.key = "rejection", .type = F::link, .slot = &at<&Reflection::rejection>},
    {.key = "mood", .type = F::score, .slot = &at<&Reflection::mood>},
    {.key = "went_well", .type = F::answers, .slot = &at<&Reflection::went_well>},
    {.key = "improve", .type = F::answers, .slot = &at<&Reflection::improve>},
    {.key = "strengths", .type = F::answers, .slot = &at<&Reflection::strengths>},
    {.key = "targeting", .type = F::answers, .slot = &at<&Reflection::targeting>},
    {.key = "next", .type = F::answers, .slot = &at<&Reflection::next>},
    {.key = "uid", .type = F::uid, .slot = &at<&Reflection::uid>},
    {.key = "rejection_uid", .type = F::uid, .slot = &at<&Reflection::rejection_uid>},
};

constexpr Field<Checkin> k_checkin[] = {
    {.key = "date", .type = F::date, .slot = &at<&Checkin::date>, .required = true},
    {.key = "habit", .type = F::word, .slot = &at<&Checkin::habit>, .required = true},
    {.key = "status", .type = F::status, .slot = &at<&Checkin::status>, .required = true},
    {.key = "minutes", .type = F::minutes, .slot = &at<&Checkin::minutes>},
    {.key = "note", .type = F::text, .slot = &at<&Checkin::note>},
};

template <typename T> struct is_optional : std::false_type {};
template <typename T> struct is_optional<std::optional<T>> : std::true_type {};

} // namespace

template <> std::span<const Field<Rejection>> fields_of<Rejection>() { return k_rejection; }
template <> std::span<const Field<Win>> fields_of<Win>() { return k_win; }
template <> std::span<const Field<Reflection>> fields_of<Reflection>() { return k_reflection; }
template <> std::span<const Field<Checkin>> fields_of<Checkin>() { return k_checkin; }

template <typename Record> std::vector<const Field<Record>*> csv_order() {
    std::vector<const Field<Record>*> out;
    for (const auto& field : fields_of<Record>()) {
        out.push_back(&field);
    }
    std::stable_sort(out.begin(), out.end(), [&](const Field<Record>* a, const Field<Record>* b) {
        const auto place = [&](const Field<Record>* f) {
            return f->csv >= 0 ? f->csv : static_cast<int>(f - fields_of<Record>().data());
        };
        return place(a) < place(b);
    });
    return out;
}

std::string check_url(std::string_view value) {
    if (auto reason = check_line(value); !reason.empty()) {
        return reason;
    }
    constexpr std::size_t k_max_url_bytes = 2048;
    if (value.size() > k_max_url_bytes) {
        return "is longer than 2,048 bytes, more than a web address needs";
    }
    const std::string lower = util::to_lower(value.substr(0, 8));
    const std::size_t scheme = lower.starts_with("https://") ? 8
                               : lower.starts_with("http://") ? 7
                                                              : 0;
    if (scheme == 0) {
        return "is not a web address: it must start with http:// or https://";
    }
    if (value.find_first_of(" <>\"") != std::string_view::npos) {
        return "holds a space, quote or angle bracket, which a web address cannot hold";
    }
    const std::string_view rest = value.substr(scheme);
    const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.front() == '@' || host.front() == ':') {
        return "has no host name after " + std::string(value.substr(0, scheme));
    }
    return {};
}

std::string check_field_text(FieldType type, std::string_view value) {
    switch (type) {
    case F::text:
    case F::answers:
        return check_text(value);
    case F::name:
        return check_name(value);
    case F::email:
        return check_email(value);
    case F::url:
        return check_url(value);
    case F::word:
    case F::words:
        return check_word(value);
    case F::tags:
        return check_tag(value);
    case F::uid:
        return util::is_uuid(value)
                   ? ""
                   : "must be a UUID: 36 characters, lowercase hexadecimal digits in groups of "
                     "8-4-4-4-12";
    default:
        return check_line(value);
    }
}

std::string check_field_number(FieldType type, std::int64_t value) {
    switch (type) {
    case F::score:
        return check_feeling(value);
    case F::minutes:
        return check_minutes(value);
    case F::link:
        return value >= 1 ? "" : "must be the ID of a rejection (1 or more)";
    default:
        return value >= 1 ? "" : "must be 1 or more";
    }
}

template <typename Record> std::string check_fields(const Record& record) {
    for (const auto& field : fields_of<Record>()) {
        const std::string reason = visit_field(field, record, [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return check_field_text(field.type, value);
            } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                return value ? check_field_text(field.type, *value) : std::string();
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return check_field_number(field.type, value);
            } else if constexpr (std::is_same_v<T, std::optional<int>> ||
                                 std::is_same_v<T, std::optional<std::int64_t>>) {
                return value ? check_field_number(field.type, *value) : std::string();
            } else if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, std::optional<Date>>) {
                const bool fine = [&] {
                    if constexpr (is_optional<T>::value) {
                        return !value || util::is_supported_date(*value);
                    } else {
                        return util::is_supported_date(value);
                    }
                }();
                return fine ? std::string()
                            : std::string("must be a date written YYYY-MM-DD (years 1900 to 9999)");
            } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
                return !value || static_cast<std::size_t>(*value) < stage_names().size()
                           ? std::string()
                           : "must be one of " + util::join(stage_names(), ", ");
            } else if constexpr (std::is_same_v<T, CheckinStatus>) {
                return value == CheckinStatus::done || value == CheckinStatus::skip
                           ? std::string()
                           : std::string("must be \"done\" or \"skip\"");
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (value.size() > k_max_list_values) {
                    return "holds more than " + std::to_string(k_max_list_values) + " values";
                }
                for (const auto& element : value) {
                    if (auto broken = check_field_text(field.type, element); !broken.empty()) {
                        return broken;
                    }
                }
                return std::string();
            } else {
                static_assert(std::is_same_v<T, bool>);
                return std::string();
            }
        });
        if (!reason.empty()) {
            return dotted_name(field) + " " + reason;
        }
    }
    return {};
}

template <typename Record>
std::string field_text(const Field<Record>& field, const Record& record,
                       std::string_view separator) {
    return visit_field(field, record, [&](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
            return value;
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            return value.value_or("");
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return std::to_string(value);
        } else if constexpr (std::is_same_v<T, std::optional<int>> ||
                             std::is_same_v<T, std::optional<std::int64_t>>) {
            return value ? std::to_string(*value) : "";
        } else if constexpr (std::is_same_v<T, Date>) {
            return util::format_date(value);
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            return value ? util::format_date(*value) : "";
        } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
            return value ? std::string(stage_name(*value)) : "";
        } else if constexpr (std::is_same_v<T, CheckinStatus>) {
            return std::string(checkin_status_name(value));
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            return util::join(value, std::string(separator));
        } else {
            return value ? "true" : "";
        }
    });
}

template <typename Record> bool field_present(const Field<Record>& field, const Record& record) {
    return visit_field(field, record, [](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (is_optional<T>::value) {
            return value.has_value();
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            return !value.empty();
        } else if constexpr (std::is_same_v<T, bool>) {
            return value;
        } else {
            return true;
        }
    });
}

std::uint64_t fields_fingerprint() {
    static const std::uint64_t fingerprint = [] {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto mix = [&](std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash = (hash ^ c) * 0x100000001b3ULL;
        }
        hash = (hash ^ 0xff) * 0x100000001b3ULL; // a separator, so "ab","c" differs from "a","bc"
    };
    auto kind = [&](std::string_view name, auto fields) {
        mix(name);
        for (const auto& field : fields) {
            mix(field.group);
            mix(field.key);
            mix(std::to_string(static_cast<int>(field.type)));
            mix(std::to_string(field.slot.index()));
        }
    };
    kind("rejection", fields_of<Rejection>());
    kind("win", fields_of<Win>());
    kind("reflection", fields_of<Reflection>());
    kind("checkin", fields_of<Checkin>());
    return hash;
    }();
    return fingerprint;
}

#define BB_FIELDS_FOR(Record)                                                                      \
    template std::vector<const Field<Record>*> csv_order<Record>();                                \
    template std::string check_fields<Record>(const Record&);                                      \
    template std::string field_text<Record>(const Field<Record>&, const Record&,                   \
                                            std::string_view);                                     \
    template bool field_present<Record>(const Field<Record>&, const Record&);
BB_FIELDS_FOR(Rejection)
BB_FIELDS_FOR(Win)
BB_FIELDS_FOR(Reflection)
BB_FIELDS_FOR(Checkin)
#undef BB_FIELDS_FOR

} // namespace bb
