#pragma once
// Internal to lib/mail: the pieces guess_rejection (rejection_guess.cpp) is made of. Names in
// addresses and running text (guess_names.cpp), the phrase tables and the words read through
// them (guess_tables.cpp), job titles and the role (guess_titles.cpp), and the company
// (guess_company.cpp).

#include "phrase_match.hpp"

#include "bounceback/core/records.hpp"
#include "bounceback/mail/letter.hpp"
#include "bounceback/mail/rejection_guess.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace bb::mail::detail {

struct Language;

/// A text and its words, found once and read by every guess.
struct Text {
    std::string_view text;
    std::vector<Token> tokens;

    explicit Text(std::string_view t) : text(t), tokens(detail::tokenize(t)) {}
};

/// The phrase lists of every language that guessing uses, compiled once.
struct Tables {
    PhraseSet company_lead_ins;
    PhraseSet role_lead_ins;
    PhraseSet role_nouns_after;
    PhraseSet stages;
    std::vector<Stage> stage_of;
    std::vector<const Language*> stage_language;
    std::unordered_set<std::string> title_words;
    std::vector<std::string> long_title_words; ///< six letters or more: compounds end with them
    std::unordered_set<std::string> title_stops;
    std::unordered_set<std::string> team_words;
};

// ---- guess_names.cpp: domains and names in running text

/// The registrable label of `domain`: "acme" for careers.acme.co.uk and mail.acme.com.
std::string registrable_label(std::string_view domain);

/// The domain of `address`, in lower case; "" when it has no "@".
std::string domain_of(std::string_view address);

/// True when `address` belongs to a system or a team (noreply@, careers@ …), not a person.
bool is_role_address(std::string_view address);

/// "Zahnrad-Werke" from "zahnrad-werke": each hyphenated piece capitalised.
std::string name_from_label(std::string_view label);

/// True when `word` may start a name: an upper-case ASCII letter or a non-ASCII letter (names
/// such as "Ångström" or "王"), not a dash or quotation mark.
bool starts_like_name(std::string_view word);

/// True when `word` joins two capitalised words of one name ("Bank of America").
bool is_connector(std::string_view word);

/// The name (a run of capitalised words, at most six) at the start of `text`, or "".
std::string name_at(std::string_view text);

// ---- guess_tables.cpp: phrase tables and the words read through them

/// The phrase tables, compiled on first use.
const Tables& tables();

/// `word` with case and accents folded.
std::string fold(std::string_view word);

/// `word` folded, without the punctuation around it and a French elision ("L'équipe").
std::string bare_word(std::string_view word);

/// True when `word` names a team ("Talent", "Recrutement", "Personalteam").
bool is_team_word(std::string_view word);

/// True when a word of `name` ends like a job title ("Softwareentwickler", "Data Engineer").
bool has_title_word(std::string_view name);

/// True when `name` ends like a job title ("Data Engineer").
bool looks_like_role(std::string_view name);

/// `name` without a legal form at its end ("Zahnrad-Werke GmbH" gives "Zahnrad-Werke").
std::string without_legal_form(std::string_view name);

/// True when `name` can be logged as a company: not a role, a team, an application or a word
/// such as "noreply".
bool usable_company(std::string_view name);

/// `text` on one line, shortened and in quotation marks, for a source.
std::string quoted(std::string_view text);

/// The name after `text[at]`, an article before it skipped ("an der Zahnrad-Werke GmbH").
std::string name_after_at(std::string_view text, std::size_t at);

// ---- guess_titles.cpp: job titles and the role

/// The job title at the start of `text`: articles, general nouns ("the position of") and a
/// requisition number skipped, up to a stop word, punctuation or " - ", at most seven words.
/// `*stopped_at` is set to the stop word (folded), "" at punctuation or the end; `*length`
/// (when not null) to how much of `text` the title takes, up to the end of its last word.
std::string title_at(std::string_view text, std::string* stopped_at = nullptr,
                     std::size_t* length = nullptr);

/// True when `title` can be logged as a role: one line, not too long, with a job word.
bool usable_title(std::string_view title);

/// A job title in `text`, after a lead-in ("application for …", "Bewerbung als …", "le poste
/// de …") or before a job noun ("… position"); `where` starts the source.
std::optional<Guessed<std::string>> role_in(const Text& source, std::string_view where);

/// The role a Subject names ("Your application for Data Engineer", "Acme | Senior Engineer").
std::optional<Guessed<std::string>> role_from_subject(const Text& source);

// ---- guess_company.cpp: the company

/// The company a Subject names ("Your application to Acme", "… at Acme", "Acme | Update").
std::optional<Guessed<std::string>> company_from_subject(const Text& source);

/// The company in a sender name such as "Acme Recruiting", "Acme via Greenhouse" or
/// "Zahnrad-Werke GmbH Personalabteilung", and whether team words were found in it.
std::string company_in_sender_name(std::string_view display, bool* org_words);

/// True when one of the words of `name` names a team ("Talent", "Recrutement").
bool has_team_word(std::string_view name);

/// "From" for a letter as received, "forwarded From" for the original inside a forward.
std::string from_label(const Letter& letter);

/// True when `address` is one of the person's own addresses.
bool is_own_address(const Letter& letter, std::string_view address);

/// The sender's display name when it names the company, not a person.
std::optional<Guessed<std::string>> company_from_sender(const Letter& m, bool role_address);

/// The first company a lead-in phrase names in the body ("your interest in Acme").
std::optional<Guessed<std::string>> company_from_body(const Text& body);

/// The company named by the sender's domain: "Umbrella Health" for umbrella-health.com when the
/// body spells it so (a signature), else the label capitalised ("Umbrella-Health").
std::optional<Guessed<std::string>>
company_from_domain(const Letter& letter, std::string_view address, const Text& source);

} // namespace bb::mail::detail
