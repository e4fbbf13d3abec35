// Internal to the rejection guess: the phrase tables it reads a message with.

#include "guessing.hpp"

#include "guess_words.hpp"
#include "languages.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace bb::mail::detail {

using util::to_lower;
using util::trim;

const Tables& tables() {
    static const Tables k_tables = [] {
        Tables t;
        int tag = 0;
        for (const Language* language : detail::languages()) {
            for (std::string_view p : language->company_lead_ins) {
                t.company_lead_ins.add(p, 0);
            }
            for (std::string_view p : language->role_lead_ins) {
                t.role_lead_ins.add(p, 0);
            }
            for (std::string_view p : language->role_nouns_after) {
                t.role_nouns_after.add(p, 0);
            }
            for (const auto& phrase : language->stages) {
                t.stages.add(phrase.pattern, tag++);
                t.stage_of.push_back(phrase.stage);
                t.stage_language.push_back(language);
            }
            for (std::string_view w : language->title_words) {
                const std::string folded = util::fold_case_and_accents(w);
                if (t.title_words.insert(folded).second && folded.size() >= 6) {
                    t.long_title_words.push_back(folded);
                }
            }
            for (std::string_view w : language->title_stops) {
                t.title_stops.insert(util::fold_case_and_accents(w));
            }
            for (std::string_view w : language->team_words) {
                t.team_words.insert(util::fold_case_and_accents(w));
            }
        }
        return t;
    }();
    return k_tables;
}

std::string fold(std::string_view word) {
    return util::fold_case_and_accents(word);
}

/// `word` folded, without the punctuation around it and a French elision ("L'équipe").
std::string bare_word(std::string_view word) {
    while (!word.empty() &&
           std::string_view(".,;:!?()[]\"'|«»").find(word.back()) != std::string_view::npos) {
        word.remove_suffix(1);
    }
    while (!word.empty() &&
           std::string_view("([\"'«").find(word.front()) != std::string_view::npos) {
        word.remove_prefix(1);
    }
    std::string folded = fold(word);
    for (std::string_view elision : {"l'", "d'", "l\xe2\x80\x99", "d\xe2\x80\x99"}) {
        if (folded.size() > elision.size() && folded.starts_with(elision)) {
            folded.erase(0, elision.size());
        }
    }
    return folded;
}

bool is_team_word(std::string_view word) {
    const std::string folded = bare_word(word);
    // German compounds: "Talentteam", "Personalteam", "Recruitingteam".
    return tables().team_words.contains(folded) || (folded.size() >= 8 && folded.ends_with("team"));
}

namespace {

/// True when `word` (folded) names a job: a job word ("Engineer"), its German feminine form
/// ("Managerin"), or a compound ending in a long job word ("Softwareentwickler",
/// "Projektmanagerin"); a short one ("lead", "sre") only counts alone.
bool is_title_word(const std::string& folded) {
    const Tables& t = tables();
    if (t.title_words.contains(folded) ||
        (folded.ends_with("in") && t.title_words.contains(folded.substr(0, folded.size() - 2)))) {
        return true;
    }
    return std::any_of(
        t.long_title_words.begin(), t.long_title_words.end(), [&](const std::string& title) {
            return folded.ends_with(title) ||
                   (folded.ends_with("in") &&
                    std::string_view(folded).substr(0, folded.size() - 2).ends_with(title));
        });
}

} // namespace

/// True when a word of `name` ends like a job title ("Softwareentwickler", "Data Engineer").
bool has_title_word(std::string_view name) {
    for (const auto& word : util::split_words(name)) {
        if (is_title_word(bare_word(word))) {
            return true;
        }
    }
    return false;
}

/// True when `name` ends like a job title ("Data Engineer").
bool looks_like_role(std::string_view name) {
    const auto words = util::split_words(name);
    return !words.empty() && is_title_word(bare_word(words.back()));
}

/// `name` without a legal form at its end ("Zahnrad-Werke GmbH" gives "Zahnrad-Werke").
std::string without_legal_form(std::string_view name) {
    auto words = util::split_words(name);
    while (words.size() > 1) {
        std::string last = bare_word(words.back());
        last.erase(std::remove(last.begin(), last.end(), '.'), last.end());
        if (!contains_folded(k_legal_forms, last)) {
            break;
        }
        words.pop_back();
    }
    std::string out = util::join(words, " ");
    while (!out.empty() && (out.back() == ',' || out.back() == ' ')) {
        out.pop_back();
    }
    return out;
}

namespace {

/// Words that show a phrase is about the application, not a company's name ("Ihre Bewerbung",
/// "Your application"), folded.
constexpr std::array<std::string_view, 24> k_application_words = {
    "application", "applications", "candidacy",   "candidature", "bewerbung", "bewerbungen",
    "candidatura", "sollicitatie", "postulacion", "inscricao",   "your",      "ihre",
    "ihr",         "deine",        "dein",        "votre",       "ta",        "tu",
    "su",          "sua",          "je",          "uw",          "jouw",      "seu",
};

} // namespace

bool usable_company(std::string_view name) {
    const std::string folded = to_lower(trim(name));
    if (folded.empty() || name.size() > 80 || contains_word(k_not_companies, folded) ||
        looks_like_role(name) || !check_line(name).empty()) {
        return false;
    }
    for (const auto& word : util::split_words(name)) {
        if (contains_folded(k_application_words, bare_word(word))) {
            return false;
        }
    }
    // A team is not a company: "Talent Team", "Équipe Recrutement".
    const auto words = util::split_words(name);
    return !std::all_of(words.begin(), words.end(),
                        [](const std::string& w) { return is_team_word(w) || is_connector(w); });
}

std::string quoted(std::string_view text) {
    return "\"" + util::truncate_to_width(util::join(util::split_words(text), " "), 70) + "\"";
}

/// The name after `text[at]`, an article before it skipped ("an der Zahnrad-Werke GmbH").
std::string name_after_at(std::string_view text, std::size_t at) {
    std::string_view rest = text.substr(std::min(at, text.size()));
    const auto words = util::split_words(rest.substr(0, 40));
    // "an der Zahnrad-Werke GmbH": a lower-case article goes; "De Vries Logistiek" stays.
    if (!words.empty() && !starts_like_name(words.front()) &&
        contains_folded(k_articles, fold(words.front())) && words.size() > 1 &&
        starts_like_name(words[1])) {
        const auto skip = rest.find(words.front());
        rest.remove_prefix(skip + words.front().size());
    }
    return name_at(rest);
}

} // namespace bb::mail::detail
