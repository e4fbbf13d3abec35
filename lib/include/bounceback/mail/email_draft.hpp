#pragma once
// From what an email says to the rejection bounceback logs: the draft entry with the source of
// each field, and the entries already logged that it may repeat. Pure logic (no files).

#include "bounceback/core/records.hpp"
#include "bounceback/mail/rejection_guess.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bb::mail {

/// Where each field of a drafted rejection came from, in output order: field name (the TOML
/// key) and source ("Subject: \"Your application to Acme\"", "--stage", "today: …").
using FieldSources = std::vector<std::pair<std::string, std::string>>;

/// A rejection drafted from an email, and where each of its fields came from.
struct EmailDraft {
    Rejection rejection;
    FieldSources sources;
};

/// Drafts a rejection from `guess`. `given` lists the fields the person set on the command line
/// (field name and the option that set it, such as {"stage", "--stage"}): those are left for the
/// caller to fill and their source is the option. The date is `today` when the email gives none.
/// Sources come in the order company, role, stage, date, contact, email, key, then the given
/// fields an email never holds (applied, source, reason, note, tags, feeling). A date whose
/// zone was guessed says so in its source.
EmailDraft draft_from_email(const RejectionGuess& guess, Date today,
                            const std::vector<std::pair<std::string, std::string>>& given);

/// How many days apart a logged entry and an email may be and still be taken for the same
/// rejection.
inline constexpr int k_same_rejection_days = 14;

/// The ID of an entry in `logged` that `draft` probably repeats: one logged by hand (without a
/// key) for the same company (compared with company_match_key: case, accents and legal form
/// aside) within k_same_rejection_days days of it; the nearest in time, the lowest ID on a tie.
/// nullopt when there is none.
std::optional<std::int64_t> probably_logged_as(const std::vector<Rejection>& logged,
                                               const Rejection& draft);

} // namespace bb::mail
