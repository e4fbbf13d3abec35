#include "bounceback/mail/feedback.hpp"

#include "bounceback/core/fields.hpp"

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

} // namespace

TemplateValues feedback_values(const Rejection& r, const Config& config) {
    auto from_contact = [&](std::string (*part)(std::string_view)) -> std::optional<std::string> {
        if (!r.contact) {
            return std::nullopt;
        }
        std::string value = part(*r.contact);
        return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
    };
    TemplateValues values{
        {"stage_phrase", stage_phrase(r.stage)},
        {"stage_thanks", stage_thanks(r.stage)},
        {"contact_first_name", from_contact(contact_first_name)},
        {"contact_greeting", from_contact(contact_greeting)},
        {"me.name", config.name},
        {"me.email", config.email},
        {"me.signature", config.signature},
    };
    for (const auto& field : fields_of<Rejection>()) {
        if (field.template_value) {
            values[std::string(field.key)] =
                field_present(field, r) ? std::optional(field_text(field, r)) : std::nullopt;
        }
    }
    return values;
}

} // namespace bb::mail
