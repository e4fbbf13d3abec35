#pragma once
// What kind of mail a message is: a rejection, something else (an acknowledgement, an interview
// invitation, assessment instructions, an offer, a "still reviewing" update, a job alert or
// newsletter), or unsure. Pure logic over the letter (see letter.hpp), explainable: the
// decision comes with the phrases that made it.
//
// The rules are phrase lists per language (English, German, French, Spanish, Dutch and
// Portuguese; see languages.hpp), read with negation ("we will not be inviting you") and
// hypotheticals ("if your profile matches, we will invite you") in mind, over the letter's own
// text: quoted replies and the signature do not count. Only a phrase that decides on its own
// ("we have decided to move forward with other candidates") makes a rejection; a message with
// only weak signs ("unfortunately") is unsure, and so is one that both declines and invites.

#include "bounceback/mail/letter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bb::mail {

/// The kinds of mail, as `--dry-run --json` names them.
enum class MailKind {
    rejection,
    acknowledgement, ///< "we have received your application"
    interview,       ///< an invitation to interview, or scheduling one
    assessment,      ///< instructions for a test, take-home or assignment
    offer,           ///< a job offer
    update,          ///< "still reviewing", "taking longer than planned"
    newsletter,      ///< a job alert or newsletter
    other,           ///< nothing that says what it is
    unsure,          ///< signs of a rejection, but none that decides, or signs both ways
};

/// The name of `kind` in JSON: "rejection", "acknowledgement", "interview", "assessment",
/// "offer", "update", "newsletter", "other", "unsure".
std::string_view kind_name(MailKind kind);

/// `kind` as a person reads it, with an article: "a rejection", "an interview invitation",
/// "an application acknowledgement" …
std::string_view kind_description(MailKind kind);

/// A phrase found in the letter that counts toward its kind.
struct Cue {
    MailKind kind;         ///< what it is a sign of (never other or unsure)
    bool decisive = false; ///< decides on its own; else it only supports
    std::string phrase;    ///< the words as written in the letter
    std::string language;  ///< "en", "de", "fr", "es", "nl" or "pt"
    bool in_subject = false;
};

/// The kind of a letter and why.
struct Classification {
    MailKind kind = MailKind::other;
    /// The cues that decided, the strongest first (for a rejection: its decisive phrases; for
    /// unsure: what pointed each way). Empty for `other`.
    std::vector<Cue> decided_by;
    /// Every cue found, for `--dry-run --json`, in the order found.
    std::vector<Cue> cues;
    /// The language most of the cues are in ("" when none was found).
    std::string language;
    /// One short line on why: `'we would love to invite you'`, `only 'unfortunately', which
    /// alone does not say no`.
    std::string why;
};

/// Reads what kind of mail `letter` is.
Classification classify(const Letter& letter);

} // namespace bb::mail
