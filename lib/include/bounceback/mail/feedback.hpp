#pragma once
// Feedback requests: which template a rejection gets, and the values a template can use.

#include "bounceback/core/config.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/mail/template.hpp"

#include <string>

namespace bb::mail {

/// The built-in template for a rejection at `stage`: `after-application` when there was no
/// interview (or no stage was logged), `after-interview` otherwise.
std::string default_template_for(const std::optional<Stage>& stage);

/// Every variable a feedback template can use, filled from `rejection` and `config`: company,
/// role, stage, stage_phrase ("the onsite interviews"), date, applied, source, contact,
/// contact_first_name, email, requested, received, and me.name, me.email, me.signature. Values
/// the entry or config lack are present but empty (nullopt).
TemplateValues feedback_values(const Rejection& rejection, const Config& config);

} // namespace bb::mail
