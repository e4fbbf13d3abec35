#pragma once
// What a rejection email says about the rejection: company, role, stage, date, contact and a
// key, each with where it came from. Pure logic over a parsed message (see inbound.hpp).

#include "bounceback/core/records.hpp"
#include "bounceback/mail/inbound.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace bb::mail {

/// A value read from an email and where it was found, e.g. `Subject: "Your application to
/// Acme"` or `body: "technical interview"`, for `--dry-run` to show.
template <typename T> struct Guessed {
    T value;
    std::string source;
};

/// Everything guessed from one message. Absent fields were not found; `stage` always has a
/// value (`application` when no interview is mentioned).
struct RejectionGuess {
    std::optional<Guessed<std::string>> company;
    std::optional<Guessed<std::string>> role;
    Guessed<Stage> stage{Stage::application, ""};
    std::optional<Guessed<Date>> date;
    std::optional<Guessed<std::string>> contact;
    std::optional<Guessed<std::string>> email;
    std::optional<Guessed<std::string>> key;
};

/// Reads a rejection from `message`. Conservative: a field is left out rather than guessed
/// from weak evidence, and a company is never a word like "noreply" or "notifications".
///
/// - company: the Subject ("Your application to Acme", "… for Senior Engineer at Acme",
///   "Acme | Application status", "Thank you for your interest in Acme"), else the From display
///   name when it names an organisation ("Acme Recruiting", "Acme via Greenhouse", or any name
///   on a no-reply or team address), else a phrase in the body ("your
///   interest in Acme"), else the sender's domain unless it belongs to an applicant-tracking
///   system or a mail provider.
/// - role: the Subject, else the body ("for the Data Engineer position", "the Senior Engineer
///   role").
/// - stage: the latest stage the body mentions, skipping phrases that are negated ("not to
///   invite you to an interview") and quoted lines; `application` when none is.
/// - date: the Date header as a calendar day in the local time zone (TZ).
/// - contact and email: the From name and address when the sender is a person (not a no-reply,
///   role or applicant-tracking address, and no organisation words in the name).
/// - key: the Message-ID, so the same email logged twice is one entry.
RejectionGuess guess_rejection(const InboundMessage& message);

/// True when `domain` (or a domain it is under) belongs to an applicant-tracking system, whose
/// domain says nothing about the employer (greenhouse.io, lever.co, myworkday.com …).
bool is_ats_domain(std::string_view domain);

/// True when `domain` belongs to a mail provider (gmail.com, outlook.com …).
bool is_mail_provider(std::string_view domain);

} // namespace bb::mail
