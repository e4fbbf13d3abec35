#pragma once
// What bounceback knows of each language mail comes in: the phrase lists that classify a
// message, find its stage, role and company, and take a forwarded or quoted message apart.
// One table per language (languages/en.cpp …); patterns use the syntax of phrase_match.hpp and
// are written as people write them, accents included (matching folds case and accents).
// Internal to lib/mail.

#include "bounceback/core/records.hpp"
#include "bounceback/mail/classify.hpp"
#include "phrase_match.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace bb::mail::detail {

/// A phrase that is a sign of a kind of mail. A decisive one settles the kind on its own.
struct CuePhrase {
    std::string_view pattern;
    MailKind kind;
    bool decisive;
};

/// A phrase that names a stage of the hiring process.
struct StagePhrase {
    std::string_view pattern;
    Stage stage;
};

using Words = std::span<const std::string_view>;

/// Everything bounceback knows of one language.
struct Language {
    std::string_view code; ///< "en", "de", "fr", "es", "nl", "pt"
    std::string_view name; ///< "English"
    /// Short words common in any text of the language ("the", "und", "vous"), folded: they tell
    /// which language a text is in.
    Words function_words;
    std::span<const CuePhrase> cues;
    std::span<const StagePhrase> stages;
    /// Words that deny what follows them in a clause ("not", "nicht", "pas", "no", "niet", "não").
    Words negations;
    /// Words that make the rest of a sentence hypothetical ("if", "falls", "si", "indien").
    /// A word written with a leading `^` counts only as the first word of a sentence.
    Words conditionals;
    /// Patterns a job title follows: "application for", "Bewerbung als", "le poste de".
    Words role_lead_ins;
    /// Nouns a job title stands before: "the Data Engineer position".
    Words role_nouns_after;
    /// Patterns a company name follows: "application to", "Bewerbung bei", "candidature chez".
    Words company_lead_ins;
    /// The ends of words that name a job ("engineer", "entwickler", "développeur"), folded.
    Words title_words;
    /// Words that end a job title in running text ("at", "bei", "chez", "en", "bij", "na").
    Words title_stops;
    /// Words of a team or department name, never a person: "Personalabteilung", "Équipe".
    Words team_words;
    /// The words between the dashes of an inline forward: "Forwarded message".
    Words forward_markers;
    /// The line Apple Mail writes above a forward: "Begin forwarded message".
    Words apple_forward_markers;
    /// The words between the dashes above a quoted original: "Original Message".
    Words original_markers;
    /// The verb of a reply's attribution line: "wrote" in "On …, Jordan wrote:".
    Words wrote_words;
    /// Header names above a forwarded or quoted original, lower case.
    Words from_fields;
    Words date_fields;
    Words subject_fields;
    Words to_fields;
    /// Subject prefixes of a forward ("fwd", "wg", "tr") and of a reply ("re", "aw"), lower case.
    Words forward_prefixes;
    Words reply_prefixes;
};

extern const Language k_english;
extern const Language k_german;
extern const Language k_french;
extern const Language k_spanish;
extern const Language k_dutch;
extern const Language k_portuguese;

/// Every language, English first.
std::span<const Language* const> languages();

/// The language with `code`, or nullptr.
const Language* language(std::string_view code);

/// The language `tokens` are most likely in, by their function words; English when no
/// language's words stand out.
const Language& detect_language(const std::vector<Token>& tokens);

/// True when the folded `word` denies what follows it in some language ("not", "won't",
/// "nicht", "pas", "no", "niet", "não").
bool is_negation(std::string_view word);

/// True when the phrase `tokens[first..last]`, found by a pattern that holds no negation of its
/// own, is denied: a negation shortly before it in its clause (at most six words back), or
/// one inside it ("you have not been selected").
bool is_negated(const std::vector<Token>& tokens, std::size_t first, std::size_t last);

/// True when the phrase `tokens[first..last]` is only a hypothesis: a conditional word before
/// it in its sentence ("if your profile matches, we will invite you") or right after it in its
/// clause ("happy to chat if that helps").
bool is_hypothetical(const std::vector<Token>& tokens, std::size_t first, std::size_t last);

} // namespace bb::mail::detail
