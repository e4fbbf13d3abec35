#include "bounceback/mail/rejection_guess.hpp"

#include "guess_words.hpp"
#include "guessing.hpp"
#include "languages.hpp"
#include "phrase_match.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <vector>

namespace bb::mail {

using namespace detail;

namespace {

using util::to_lower;

// ---- stage ------------------------------------------------------------------------------------

/// The latest stage `subject` and `text` mention, in the language of `text` or in English
/// (words such as "case" or "assessment" name a stage in Dutch, not in an English sentence).
Guessed<Stage> stage_in(const Text& subject, const Text& text) {
    Guessed<Stage> best{Stage::application, "default: no interview mentioned"};
    bool found = false;
    const Language& language = detail::detect_language(text.tokens);
    auto read = [&](std::string_view where, const Text& from) {
        const std::string_view source = from.text;
        const auto& tokens = from.tokens;
        struct Found {
            std::size_t index, first, last;
            bool denied;
        };
        std::vector<Found> found_here;
        tables().stages.each_match(tokens, [&](int tag, std::size_t first, std::size_t last) {
            const auto index = static_cast<std::size_t>(tag);
            const Language* of = tables().stage_language[index];
            if (of == &language || of == &detail::k_english) {
                found_here.push_back({index, first, last,
                                      detail::is_negated(tokens, first, last) ||
                                          detail::is_hypothetical(tokens, first, last)});
            }
        });
        for (const auto& f : found_here) {
            // "not … to the technical interview stage": "interview" inside a denied phrase is
            // denied with it.
            const bool inside_denied =
                std::any_of(found_here.begin(), found_here.end(), [&](const Found& other) {
                    return other.denied && other.first <= f.first && f.last <= other.last;
                });
            const Stage stage = tables().stage_of[f.index];
            if (f.denied || inside_denied || (found && stage <= best.value)) {
                continue;
            }
            const std::string_view phrase =
                source.substr(tokens[f.first].begin, tokens[f.last].end - tokens[f.first].begin);
            best = {stage, std::string(where) + quoted(phrase)};
            found = true;
        }
    };
    read("Subject: ", subject);
    read("body: ", text);
    return best;
}

// ---- date and key -----------------------------------------------------------------------------

/// A key for a letter without a Message-ID: a checksum (FNV-1a, 64 bits) of its sender, date
/// and subject, the same each time the same message is read.
std::string checksum_key(const Letter& letter) {
    std::uint64_t hash = 14695981039346656037ull;
    auto add = [&](std::string_view text) {
        for (char c : text) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ull;
        }
        hash ^= 0xff;
        hash *= 1099511628211ull;
    };
    add(letter.from_address);
    add(letter.from_name);
    add(letter.dates.empty() ? "" : letter.dates.front().text);
    add(letter.subject);
    add(letter.own_text.substr(0, 2000));
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string key = "bounceback-";
    for (int shift = 60; shift >= 0; shift -= 4) {
        key += k_hex[(hash >> shift) & 15];
    }
    return key;
}

} // namespace

bool is_ats_domain(std::string_view domain) {
    const std::string lowered = to_lower(domain);
    // The label itself ("greenhouse") or any label of the domain (us.greenhouse-mail.io).
    for (const auto& label : util::split_at(lowered, '.')) {
        if (contains_word(k_ats_labels, label) && label != "join" && label != "dover") {
            return true;
        }
    }
    // Short or common words count only as the registrable label (join.com, dover.com).
    const std::string registrable = registrable_label(lowered);
    return registrable == "join" || registrable == "dover" ||
           lowered.find("successfactors") != std::string::npos ||
           lowered.find("workday") != std::string::npos;
}

bool is_mail_provider(std::string_view domain) {
    return contains_word(k_provider_labels, registrable_label(domain));
}

std::string company_match_key(std::string_view company) {
    const std::string name = without_legal_form(company);
    std::string key;
    for (const auto& word : util::split_words(name)) {
        std::string folded = bare_word(word);
        folded.erase(std::remove_if(folded.begin(), folded.end(),
                                    [](char c) { return c == '.' || c == ',' || c == '-'; }),
                     folded.end());
        key += folded; // "Zahnrad Werke" and "Zahnrad-Werke" compare equal
    }
    return key;
}

RejectionGuess guess_rejection(const Letter& m) {
    RejectionGuess guess;
    const std::string domain = domain_of(m.from_address);
    const bool own = !m.from_address.empty() && is_own_address(m, m.from_address);
    const bool ats = !domain.empty() && is_ats_domain(domain);
    const bool role_address = !m.from_address.empty() && is_role_address(m.from_address);
    const bool sender_is_system = ats || role_address;

    const Text subject(strip_subject_prefixes(m.subject));
    const Text text(m.own_text);
    guess.company = company_from_subject(subject);
    if (!guess.company) {
        guess.company = company_from_sender(m, role_address);
    }
    if (!guess.company) {
        guess.company = company_from_body(text);
    }
    if (!guess.company && !m.from_address.empty() && !own) {
        guess.company = company_from_domain(m, m.from_address, text);
    }
    if (guess.company) {
        const std::string plain = without_legal_form(guess.company->value);
        if (usable_company(plain)) {
            guess.company->value = plain;
        }
    }

    guess.role = role_from_subject(subject);
    if (!guess.role) {
        guess.role = role_in(text, "body: ");
    }

    guess.stage = stage_in(subject, text);

    for (const auto& date : m.dates) {
        if (auto read = read_mail_date(date.text)) {
            const Date day = local_day(*read);
            if (util::is_supported_date(day)) {
                guess.date = Guessed<Date>{day, date.where + ": " + quoted(date.text)};
                guess.date_note = read->zone_note;
                break;
            }
        }
    }

    // A person wrote it: their name and address are the contact; never the person themself.
    bool org_words = false;
    company_in_sender_name(m.from_name, &org_words);
    if (!sender_is_system && !org_words && !own && !has_team_word(m.from_name)) {
        if (!m.from_name.empty() && check_line(m.from_name).empty() &&
            m.from_name.find('@') == std::string::npos) {
            guess.contact = Guessed<std::string>{m.from_name, from_label(m) + ": display name"};
        }
        if (!m.from_address.empty() && check_email(m.from_address).empty()) {
            guess.email = Guessed<std::string>{m.from_address, from_label(m) + ": address"};
        }
    }

    if (!m.message_id.empty() && check_line(m.message_id).empty()) {
        guess.key = Guessed<std::string>{m.message_id, "Message-ID"};
    } else {
        guess.key = Guessed<std::string>{checksum_key(m),
                                         "no Message-ID: a checksum of sender, date and subject"};
    }
    return guess;
}

} // namespace bb::mail
