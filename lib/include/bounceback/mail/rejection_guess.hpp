#pragma once
// What a rejection email says about the rejection: company, role, stage, date, contact and a
// key, each with where it came from. Pure logic over the letter (see letter.hpp), in the six
// languages of languages.hpp.

#include "bounceback/core/records.hpp"
#include "bounceback/mail/letter.hpp"

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

/// Everything guessed from one letter. Absent fields were not found; `stage` always has a
/// value (`application` when no interview is mentioned).
struct RejectionGuess {
    std::optional<Guessed<std::string>> company;
    std::optional<Guessed<std::string>> role;
    Guessed<Stage> stage{Stage::application, ""};
    std::optional<Guessed<Date>> date;
    /// Set when the date's time zone had to be guessed ("CET read as +0100", "no time zone:
    /// the day as written"), so `--dry-run` can say so.
    std::string date_note;
    std::optional<Guessed<std::string>> contact;
    std::optional<Guessed<std::string>> email;
    std::optional<Guessed<std::string>> key;
};

/// Reads a rejection from `letter`. Conservative: a field is left out rather than guessed
/// from weak evidence; a company is never a word like "noreply", a team ("Talent Team",
/// "Personalabteilung", "Équipe Recrutement") or the person's own domain; a legal form at the
/// end of a company's name ("GmbH", "Inc.") is dropped.
///
/// - company: the Subject ("Your application to Acme", "… for Senior Engineer at Acme",
///   "Acme | Application status", "Votre candidature chez Château Logiciels"), else the From
///   display name when it names an organisation ("Acme Recruiting", "Acme via Greenhouse",
///   "Zahnrad-Werke GmbH Personalabteilung", or any name on a no-reply or team address), else
///   a phrase in the text ("your interest in Acme", "Bewerbung bei Acme"), else the sender's
///   domain unless it belongs to an applicant-tracking system or a mail provider.
/// - role: the Subject, else the text: a job title after "application for", "Bewerbung als",
///   "le poste de", "el puesto de", "de functie", "a vaga de" …, or before "position" or
///   "role"; a requisition number ("R-104233") and "(m/w/d)" are left out.
/// - stage: the latest stage the text mentions, skipping phrases that are negated ("not to
///   invite you to an interview") or hypothetical, quoted lines and the signature;
///   `application` when none is.
/// - date: the first readable of the letter's dates (the original's when forwarded; `Date:`,
///   then `Received:`), as a calendar day in the local time zone (TZ), or as written when its
///   zone is unknown.
/// - contact and email: the From name and address when the sender is a person (not a no-reply,
///   team or applicant-tracking address, no team words in the name, and never one of the
///   person's own addresses).
/// - key: the Message-ID, so the same email logged twice is one entry; without one, a
///   checksum of the sender, date and subject, which is the same each time too.
RejectionGuess guess_rejection(const Letter& letter);

/// True when `domain` (or a domain it is under) belongs to an applicant-tracking system, whose
/// domain says nothing about the employer (greenhouse.io, lever.co, myworkday.com …).
bool is_ats_domain(std::string_view domain);

/// True when `domain` belongs to a mail provider (gmail.com, outlook.com …).
bool is_mail_provider(std::string_view domain);

/// `company` as compared with another company's name: case and accents folded, and a legal
/// form ("GmbH", "Inc.", "S.A."), punctuation and spaces left out, so "Château Logiciels SAS"
/// and "chateau logiciels", "Zahnrad Werke" and "Zahnrad-Werke GmbH" compare equal.
std::string company_match_key(std::string_view company);

} // namespace bb::mail
