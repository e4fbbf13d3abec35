// Internal to the rejection guess (rejection_guess.cpp): the company a rejection email names.

#include "guessing.hpp"

#include "guess_words.hpp"

#include "bounceback/mail/rejection_guess.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace bb::mail::detail {

using util::to_lower;
using util::trim;

namespace {

/// The first company a lead-in phrase names in `text` ("application to Acme", "Bewerbung bei
/// Acme", "candidature chez Château Logiciels"), with the phrase.
std::optional<std::pair<std::string, std::string>> company_after_lead_in(const Text& source) {
    const std::string_view text = source.text;
    const auto& tokens = source.tokens;
    std::optional<std::pair<std::size_t, std::pair<std::string, std::string>>> best;
    tables().company_lead_ins.each_match(tokens, [&](int, std::size_t first, std::size_t last) {
        if (best && best->first <= first) {
            return;
        }
        std::string name = name_after_at(text, tokens[last].end);
        if (usable_company(name)) {
            const std::string phrase(
                text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
            best = {first, {name, phrase + " " + name}};
        }
    });
    if (best) {
        return best->second;
    }
    return std::nullopt;
}

/// Words that show the other side of a subject separator is about the application.
constexpr std::array<std::string_view, 14> k_status_words = {
    "application", "candidacy",    "update",     "status",   "your ",   "bewerbung", "candidature",
    "candidatura", "sollicitatie", "next steps", "processo", "proceso", "feedback",  "decision",
};

} // namespace

std::optional<Guessed<std::string>> company_from_subject(const Text& source) {
    const std::string_view subject = source.text;
    if (auto found = company_after_lead_in(source)) {
        return Guessed<std::string>{found->first, "Subject: " + quoted(subject)};
    }
    // "… for Senior Engineer at Acme"
    const std::string lowered = to_lower(subject);
    for (auto at = lowered.find(" at "); at != std::string::npos;
         at = lowered.find(" at ", at + 1)) {
        std::string name = name_at(subject.substr(at + 4));
        if (usable_company(name)) {
            return Guessed<std::string>{name, "Subject: " + quoted(subject)};
        }
    }
    // "Acme | Application status", "Acme: update on your application"
    for (std::string_view separator : k_subject_separators) {
        const auto at = subject.find(separator);
        if (at == std::string_view::npos) {
            continue;
        }
        const std::string_view left = trim(subject.substr(0, at));
        const std::string right = fold(trim(subject.substr(at + separator.size())));
        // "Acme | Application status", or "Acme – Data Engineer": the other side is about the
        // application, or is a job title.
        const bool right_is_status =
            std::any_of(k_status_words.begin(), k_status_words.end(),
                        [&](std::string_view w) { return right.find(w) != std::string::npos; }) ||
            usable_title(title_at(trim(subject.substr(at + separator.size()))));
        if (right_is_status && name_at(left) == left && usable_company(left)) {
            return Guessed<std::string>{std::string(left), "Subject: " + quoted(subject)};
        }
    }
    return std::nullopt;
}

/// The company in a sender name such as "Acme Recruiting", "Acme via Greenhouse" or
/// "Zahnrad-Werke GmbH Personalabteilung", and whether team words were found in it.
std::string company_in_sender_name(std::string_view display, bool* org_words) {
    std::string name(trim(display));
    const std::string lowered_all = to_lower(name);
    if (auto via = lowered_all.find(" via "); via != std::string::npos) {
        // "Acme via Greenhouse" is the company; "Jane Doe via LinkedIn" is a person writing
        // through a network, and says nothing of which company.
        const std::string through(trim(std::string_view(lowered_all).substr(via + 5)));
        for (std::string_view network : {"linkedin", "xing", "indeed", "glassdoor", "wellfound"}) {
            if (through.starts_with(network)) {
                return {};
            }
        }
        name = name.substr(0, via);
        *org_words = true;
    }
    // Split at spaces and at separators such as "|", " - " and ":".
    std::vector<std::string> words;
    for (auto& word : util::split_words(name)) {
        if (word == "|" || word == "-" || word == "\xe2\x80\x93" || word == "@" || word == "&") {
            words.push_back(word);
            continue;
        }
        while (!word.empty() && (word.back() == ':' || word.back() == ',' || word.back() == '|')) {
            word.pop_back();
        }
        if (word.ends_with("'s") || word.ends_with("\xe2\x80\x99s")) {
            word.erase(word.size() - (word.ends_with("'s") ? 2 : 4));
        }
        if (!word.empty()) {
            words.push_back(word);
        }
    }
    auto is_filler = [](const std::string& w) {
        const std::string folded = bare_word(w);
        return w == "|" || w == "-" || w == "\xe2\x80\x93" || w == "@" || w == "&" ||
               is_connector(w) || folded == "the" || folded == "at" || folded == "bei" ||
               folded == "chez" || folded == "en" || folded == "bij" || folded == "from" ||
               folded == "von" || folded == "de" || folded == "da" || folded == "do";
    };
    bool changed = true;
    while (changed && !words.empty()) {
        changed = false;
        if (is_team_word(words.back())) {
            words.pop_back();
            *org_words = true;
            changed = true;
        } else if (is_team_word(words.front())) {
            words.erase(words.begin());
            *org_words = true;
            changed = true;
        } else if (*org_words && is_filler(words.back())) {
            words.pop_back();
            changed = true;
        } else if (*org_words && is_filler(words.front())) {
            words.erase(words.begin());
            changed = true;
        }
    }
    return util::join(words, " ");
}

/// True when one of the words of `name` names a team ("Talent", "Recrutement").
bool has_team_word(std::string_view name) {
    const auto words = util::split_words(name);
    return std::any_of(words.begin(), words.end(),
                       [](const std::string& w) { return is_team_word(w); });
}

/// "From" for a letter as received, "forwarded From" for the original inside a forward.
std::string from_label(const Letter& letter) {
    return letter.forwarded == ForwardStyle::none ? "From" : "forwarded From";
}

bool is_own_address(const Letter& letter, std::string_view address) {
    const std::string lowered = to_lower(address);
    return std::find(letter.own_addresses.begin(), letter.own_addresses.end(), lowered) !=
           letter.own_addresses.end();
}

/// The sender's display name when it names the company, not a person.
std::optional<Guessed<std::string>> company_from_sender(const Letter& m, bool role_address) {
    if (m.from_name.empty() || is_own_address(m, m.from_address)) {
        return std::nullopt;
    }
    bool org_words = false;
    std::string name = company_in_sender_name(m.from_name, &org_words);
    // A bare name counts only on a no-reply or team address: on a personal address, even one at
    // an applicant-tracking system ("Priya <priya@hire.lever.co>"), it is a person's.
    if ((org_words || role_address) && usable_company(name)) {
        return Guessed<std::string>{name, from_label(m) + ": display name " + quoted(m.from_name)};
    }
    return std::nullopt;
}

std::optional<Guessed<std::string>> company_from_body(const Text& body) {
    if (auto found = company_after_lead_in(body)) {
        return Guessed<std::string>{found->first, "body: " + quoted(found->second)};
    }
    return std::nullopt;
}

/// The company named by the sender's domain: "Umbrella Health" for umbrella-health.com when the
/// body spells it so (a signature), else the label capitalised ("Umbrella-Health").
std::optional<Guessed<std::string>>
company_from_domain(const Letter& letter, std::string_view address, const Text& source) {
    const std::string_view body = source.text;
    const std::string domain = domain_of(address);
    if (domain.empty() || is_ats_domain(domain) || is_mail_provider(domain)) {
        return std::nullopt;
    }
    const std::string label = registrable_label(domain);
    if (label.find('-') != std::string::npos) {
        // "lumbre-energia" spelled "Lumbre Energía" in a signature: the same words, folded.
        const auto parts = util::split_at(label, '-');
        const auto& tokens = source.tokens;
        for (std::size_t t = 0; t + parts.size() <= tokens.size(); ++t) {
            bool same = true;
            for (std::size_t p = 0; p < parts.size() && same; ++p) {
                same = tokens[t + p].word == parts[p] && (p == 0 || !tokens[t + p].sentence_start);
            }
            if (!same) {
                continue;
            }
            const std::string written(
                body.substr(tokens[t].begin, tokens[t + parts.size() - 1].end - tokens[t].begin));
            if (name_at(written) == written && usable_company(written)) {
                return Guessed<std::string>{written, from_label(letter) + ": domain " + domain +
                                                         ", spelled as in the body"};
            }
        }
    }
    const std::string name = name_from_label(label);
    if (!usable_company(name)) {
        return std::nullopt;
    }
    return Guessed<std::string>{name, from_label(letter) + ": domain " + domain};
}

} // namespace bb::mail::detail
