#include "bounceback/mail/feedback.hpp"

namespace bb::mail {

std::string default_template_for(const std::optional<Stage>& stage) {
    return !stage || *stage == Stage::application ? "after-application" : "after-interview";
}

namespace {
std::string stage_phrase(const std::optional<Stage>& stage) {
    if (!stage) {
        return "the process";
    }
    switch (*stage) {
    case Stage::application:
        return "your review of my application";
    case Stage::screen:
        return "our screening call";
    case Stage::technical:
        return "the technical interview";
    case Stage::onsite:
        return "the onsite interviews";
    case Stage::final:
        return "the final interview";
    case Stage::offer:
        return "the offer stage";
    }
    return "the process";
}

/// What a thank-you fits: one call, one interview or several rounds ("Thank you for the call").
std::string stage_thanks(const std::optional<Stage>& stage) {
    if (!stage || *stage == Stage::application) {
        return "considering my application";
    }
    switch (*stage) {
    case Stage::screen:
        return "the call";
    case Stage::technical:
        return "the interview";
    default: // onsite, final and offer come after several rounds
        return "the interviews";
    }
}

std::optional<std::string> date_text(const std::optional<Date>& date) {
    return date ? std::optional<std::string>(util::format_date(*date)) : std::nullopt;
}
} // namespace

TemplateValues feedback_values(const Rejection& r, const Config& config) {
    auto from_contact = [&](std::string (*part)(std::string_view)) -> std::optional<std::string> {
        if (!r.contact) {
            return std::nullopt;
        }
        std::string value = part(*r.contact);
        return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
    };
    return TemplateValues{
        {"company", r.company},
        {"role", r.role},
        {"stage",
         r.stage ? std::optional<std::string>(std::string(stage_name(*r.stage))) : std::nullopt},
        {"stage_phrase", stage_phrase(r.stage)},
        {"stage_thanks", stage_thanks(r.stage)},
        {"date", util::format_date(r.date)},
        {"applied", date_text(r.applied)},
        {"source", r.source},
        {"contact", r.contact},
        {"contact_first_name", from_contact(contact_first_name)},
        {"contact_greeting", from_contact(contact_greeting)},
        {"email", r.email},
        {"requested", date_text(r.feedback.requested)},
        {"followed_up", date_text(r.feedback.followed_up)},
        {"received", date_text(r.feedback.received)},
        {"me.name", config.name},
        {"me.email", config.email},
        {"me.signature", config.signature},
    };
}

} // namespace bb::mail
