#include "bounceback/mail/rejection_guess.hpp"

#include "languages.hpp"
#include "phrase_match.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <unordered_set>
#include <vector>

namespace bb::mail {

namespace {

using detail::Language;
using detail::PhraseSet;
using detail::Token;
using util::to_lower;
using util::trim;

// ---- word lists ---------------------------------------------------------------------------

/// Registrable names (the label before the public suffix) of applicant-tracking systems.
constexpr std::array<std::string_view, 40> k_ats_labels = {
    "greenhouse",      "greenhouse-mail", "lever",      "hire-lever",
    "ashbyhq",         "ashby",           "myworkday",  "myworkdayjobs",
    "workday",         "smartrecruiters", "workable",   "workablemail",
    "icims",           "jobvite",         "taleo",      "successfactors",
    "sapsf",           "bamboohr",        "recruitee",  "teamtailor",
    "teamtailor-mail", "personio",        "breezy",     "breezyhr",
    "jazzhr",          "applytojob",      "softgarden", "pinpointhq",
    "avature",         "rippling",        "hibob",      "join",
    "recruiterbox",    "comeet",          "linkedin",   "indeed",
    "indeedemail",     "wellfound",       "dover",      "oraclecloud",
};

/// Registrable names of mail providers: a person's address there says nothing of an employer.
constexpr std::array<std::string_view, 32> k_provider_labels = {
    "gmail",    "googlemail", "outlook", "hotmail", "live",   "msn",    "yahoo",    "ymail",
    "icloud",   "me",         "mac",     "aol",     "gmx",    "web",    "proton",   "protonmail",
    "pm",       "fastmail",   "zoho",    "mail",    "yandex", "qq",     "163",      "126",
    "t-online", "orange",     "free",    "laposte", "libero", "posteo", "tutanota", "hey",
};

/// Local parts of addresses that belong to a system or a team, not a person, in the six
/// languages.
constexpr std::array<std::string_view, 46> k_role_locals = {
    "noreply",     "no-reply",  "no_reply", "donotreply",    "do-not-reply",  "do_not_reply",
    "careers",     "career",    "jobs",     "job",           "recruiting",    "recruitment",
    "talent",      "hr",        "hiring",   "notifications", "notification",  "mail",
    "mailer",      "info",      "team",     "people",        "applications",  "apply",
    "bounce",      "system",    "karriere", "bewerbung",     "bewerbungen",   "personal",
    "recrutement", "rh",        "emploi",   "candidatures",  "empleo",        "rrhh",
    "seleccion",   "talento",   "werving",  "vacatures",     "sollicitaties", "recrutamento",
    "vagas",       "carreiras", "talentos", "jobs-noreply",
};

/// Words that are never a company, whatever the source.
constexpr std::array<std::string_view, 24> k_not_companies = {
    "noreply",       "no-reply",     "no reply",    "donotreply", "mail",    "email",
    "notifications", "notification", "team",        "careers",    "jobs",    "recruiting",
    "talent",        "hiring",       "hr",          "info",       "support", "admin",
    "hello",         "us",           "our company", "your",       "the",     "mailer-daemon",
};

/// Legal forms that end a company's name; left out of the name logged and of comparisons.
/// ("Co." is not one: "Sable & Co." is a name.)
constexpr std::array<std::string_view, 35> k_legal_forms = {
    "gmbh", "ag",   "inc", "llc", "ltd",  "limited", "corp", "corporation", "sa",
    "sas",  "sarl", "bv",  "nv",  "plc",  "lda",     "ltda", "sl",          "slu",
    "ug",   "kg",   "se",  "oy",  "ab",   "a/s",     "spa",  "srl",         "pty",
    "llp",  "gbr",  "ohg", "mbh", "eurl", "sasu",    "me",   "eireli",
};

/// Articles and determiners before a title or a name, in the six languages (folded).
constexpr std::array<std::string_view, 62> k_articles = {
    "the",   "a",       "an",      "our",     "your", "this", "that",  "le",    "la",
    "l'",    "les",     "un",      "une",     "du",   "des",  "notre", "votre", "cette",
    "ce",    "der",     "die",     "das",     "den",  "dem",  "des",   "ein",   "eine",
    "einen", "einer",   "unsere",  "unserer", "ihre", "el",   "los",   "las",   "una",
    "del",   "nuestra", "nuestro", "tu",      "su",   "het",  "een",   "onze",  "jouw",
    "uw",    "de",      "o",       "os",      "as",   "um",   "uma",   "do",    "da",
    "dos",   "das",     "nossa",   "nosso",   "sua",  "seu",  "d'",    "van",
};

/// Nouns that name a job in general ("the position of …"): skipped before a title.
constexpr std::array<std::string_view, 27> k_job_nouns = {
    "position", "role",     "job",   "opening", "vacancy", "opportunity", "poste",
    "offre",    "stelle",   "post",  "vaga",    "puesto",  "posicion",    "vacante",
    "functie",  "vacature", "cargo", "funcao",  "rol",     "rolle",       "positie",
    "of",       "as",       "als",   "como",    "for",     "programme",
};

template <std::size_t N>
bool contains_folded(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

template <std::size_t N>
bool contains_word(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// ---- domains --------------------------------------------------------------------------------

/// The registrable label of `domain`: "acme" for careers.acme.co.uk and mail.acme.com.
std::string registrable_label(std::string_view domain) {
    const auto labels = util::split_at(to_lower(domain), '.');
    if (labels.size() < 2) {
        return labels.empty() ? "" : labels.front();
    }
    const std::string& second = labels[labels.size() - 2];
    const std::string& top = labels.back();
    static constexpr std::array<std::string_view, 8> k_second_levels = {"co", "com", "org", "net",
                                                                        "ac", "gov", "edu", "ne"};
    if (labels.size() >= 3 && top.size() == 2 && contains_word(k_second_levels, second)) {
        return labels[labels.size() - 3];
    }
    return second;
}

std::string domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? "" : to_lower(address.substr(at + 1));
}

std::string local_part_of(std::string_view address) {
    return to_lower(address.substr(0, address.rfind('@')));
}

bool is_role_address(std::string_view address) {
    const std::string local = local_part_of(address);
    if (contains_word(k_role_locals, local)) {
        return true;
    }
    for (std::string_view prefix : {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply",
                                    "notification", "bounce", "mailer"}) {
        if (local.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

/// "Zahnrad-Werke" from "zahnrad-werke": each hyphenated piece capitalised.
std::string name_from_label(std::string_view label) {
    std::string out(label);
    bool start = true;
    for (char& c : out) {
        if (start && c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        start = c == '-';
    }
    return out;
}

// ---- names in running text -------------------------------------------------------------------

/// True when `word` may start a name: an upper-case ASCII letter or a non-ASCII letter (names
/// such as "Ångström" or "王"), not a dash or quotation mark.
bool starts_like_name(std::string_view word) {
    if (word.empty()) {
        return false;
    }
    const auto c = static_cast<unsigned char>(word[0]);
    if (c >= 'A' && c <= 'Z') {
        return true;
    }
    if (c < 0x80) {
        return false;
    }
    // General punctuation (U+2000–U+206F: dashes, quotes, bullets) and Latin-1 punctuation.
    if (word.starts_with("\xe2\x80") || word.starts_with("\xe2\x81")) {
        return false;
    }
    if (c == 0xc2) {
        return false; // U+0080–U+00BF: «, », ·, NBSP …
    }
    return true;
}

/// True when `word` may continue a name after its first word ("Corp", "3M", "GmbH", "&").
bool continues_name(std::string_view word) {
    if (starts_like_name(word) || word == "&" || word == "+") {
        return true;
    }
    return !word.empty() && word[0] >= '0' && word[0] <= '9';
}

bool is_connector(std::string_view word) {
    static constexpr std::array<std::string_view, 17> k_connectors = {
        "of",  "and", "&",   "de", "du", "la",  "von", "van", "der",
        "und", "des", "del", "da", "do", "dos", "das", "y"};
    return contains_word(k_connectors, word);
}

/// Ends of a word that end a name: "Acme." "Acme," "Acme's" → "Acme" and stop.
std::string_view strip_name_end(std::string_view word, bool* stop) {
    for (std::string_view possessive : {"'s", "\xe2\x80\x99s"}) {
        if (word.size() > possessive.size() && word.ends_with(possessive)) {
            *stop = true;
            return word.substr(0, word.size() - possessive.size());
        }
    }
    static constexpr std::array<std::string_view, 8> k_abbreviations = {
        "inc.", "corp.", "ltd.", "co.", "bros.", "s.a.", "n.v.", "b.v."};
    if (contains_word(k_abbreviations, to_lower(word))) {
        *stop = true;
        return word;
    }
    while (!word.empty() && std::string_view(".,;:!?)\"'").find(word.back()) != std::string::npos) {
        word.remove_suffix(1);
        *stop = true;
    }
    return word;
}

/// How far around a phrase names are looked for: a name is a few words, and a bound keeps the
/// work linear on a long body with many phrases.
constexpr std::size_t k_name_window = 240;

/// The name (a run of capitalised words, at most six) at the start of `text`, or "".
std::string name_at(std::string_view text) {
    if (text.size() > k_name_window) {
        // Cut at white space, so no word (or UTF-8 sequence) is split.
        const auto cut = text.find_last_of(" \t\n", k_name_window);
        text = text.substr(0, cut == std::string_view::npos ? 0 : cut);
    }
    const auto words = util::split_words(text);
    std::vector<std::string> taken;
    for (std::size_t i = 0; i < words.size() && taken.size() < 6; ++i) {
        bool stop = false;
        const std::string_view word = strip_name_end(words[i], &stop);
        if (word.empty()) {
            break;
        }
        const bool fits = taken.empty() ? starts_like_name(word) : continues_name(word);
        if (!fits) {
            // "Bank of America": a connector joins two capitalised words.
            if (!taken.empty() && !stop && is_connector(word) && i + 1 < words.size() &&
                starts_like_name(words[i + 1])) {
                taken.emplace_back(word);
                continue;
            }
            break;
        }
        taken.emplace_back(word);
        if (stop) {
            break;
        }
    }
    return util::join(taken, " ");
}

/// A text and its words, found once and read by every guess.
struct Text {
    std::string_view text;
    std::vector<Token> tokens;

    explicit Text(std::string_view t) : text(t), tokens(detail::tokenize(t)) {}
};

// ---- phrase tables --------------------------------------------------------------------------

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

/// Words that show a phrase is about the application, not a company's name ("Ihre Bewerbung",
/// "Your application"), folded.
constexpr std::array<std::string_view, 24> k_application_words = {
    "application", "applications", "candidacy",   "candidature", "bewerbung", "bewerbungen",
    "candidatura", "sollicitatie", "postulacion", "inscricao",   "your",      "ihre",
    "ihr",         "deine",        "dein",        "votre",       "ta",        "tu",
    "su",          "sua",          "je",          "uw",          "jouw",      "seu",
};

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

// ---- job titles -----------------------------------------------------------------------------

/// Characters that end a title in running text. A single line break does not: mail wraps
/// lines anywhere ("the Embedded Engineer\nposition").
bool ends_title(char c) {
    return std::string_view(",;:!?()[]\"|").find(c) != std::string_view::npos;
}

/// True at a blank line (a paragraph's end): `text[at]` is a line break and the next line holds
/// nothing but white space.
bool paragraph_end(std::string_view text, std::size_t at) {
    if (text[at] != '\n') {
        return false;
    }
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\n') {
            return true;
        }
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
            return false;
        }
    }
    return false; // the end of the text, not a blank line
}

/// True for a requisition number before a title: "R-104233", "JR12345", "#4411", "REQ-7".
bool is_requisition(std::string_view word) {
    if (word.starts_with("#")) {
        return true;
    }
    const bool has_digit =
        std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    return has_digit && word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
           });
}

/// The job title at the start of `text`: articles, general nouns ("the position of") and a
/// requisition number skipped, up to a stop word, punctuation or " - ", at most seven words.
/// `*stopped_at` is set to the stop word (folded), "" at punctuation or the end; `*length`
/// (when not null) to how much of `text` the title takes, up to the end of its last word.
std::string title_at(std::string_view text, std::string* stopped_at = nullptr,
                     std::size_t* length = nullptr) {
    std::size_t end = 0;
    while (end < text.size() && end < 160 && !ends_title(text[end]) && !paragraph_end(text, end)) {
        if (text[end] == '.' &&
            (end + 1 >= text.size() || text[end + 1] == ' ' || text[end + 1] == '\n')) {
            break; // the end of a sentence, not "Node.js"
        }
        if (text.substr(end).starts_with(" - ") || text.substr(end).starts_with(" \xe2\x80\x93") ||
            text.substr(end).starts_with(" \xe2\x80\x94")) {
            break;
        }
        ++end;
    }
    auto words = util::split_words(text.substr(0, end));
    std::size_t i = 0;
    while (i < words.size() &&
           (contains_folded(k_articles, bare_word(words[i])) ||
            contains_folded(k_job_nouns, bare_word(words[i])) || is_requisition(words[i]))) {
        ++i;
    }
    std::vector<std::string> taken;
    if (stopped_at != nullptr) {
        stopped_at->clear();
    }
    if (i < words.size()) {
        // "poste d'Analyste Risques": the elided article is not part of the title.
        for (std::string_view elision : {"d'", "l'", "d\xe2\x80\x99", "l\xe2\x80\x99"}) {
            if (words[i].size() > elision.size() && to_lower(words[i]).starts_with(elision)) {
                words[i].erase(0, elision.size());
                break;
            }
        }
    }
    for (; i < words.size() && taken.size() < 7; ++i) {
        const std::string folded = bare_word(words[i]);
        if (!taken.empty() &&
            (tables().title_stops.contains(folded) || contains_folded(k_job_nouns, folded)) &&
            folded != "of" && folded != "de") {
            if (stopped_at != nullptr) {
                *stopped_at = folded;
            }
            break;
        }
        if (taken.empty() && tables().title_stops.contains(folded)) {
            break;
        }
        // A title written capitalised ends at the first word that is not ("Développeur Backend
        // après l'entretien"), joining words aside ("Head of Engineering", "Engenheiro de
        // Dados"); one written in lower case runs to a stop word.
        if (!taken.empty() && starts_like_name(taken.front()) && !starts_like_name(words[i]) &&
            !is_connector(words[i]) && !(words[i][0] >= '0' && words[i][0] <= '9')) {
            break;
        }
        taken.push_back(words[i]);
    }
    while (!taken.empty() && (bare_word(taken.back()) == "of" || bare_word(taken.back()) == "de" ||
                              contains_folded(k_articles, bare_word(taken.back())))) {
        taken.pop_back();
    }
    if (length != nullptr) {
        // Words are found again in order, so the span ends where the last one does.
        std::size_t at = 0;
        for (std::size_t w = 0; w < i && w < words.size(); ++w) {
            at = text.find(words[w], at) + words[w].size();
        }
        *length = at;
    }
    return util::join(taken, " ");
}

bool usable_title(std::string_view title) {
    return !title.empty() && title.size() <= 80 && check_line(title).empty() &&
           has_title_word(title);
}

/// The job title just before `text[end]`, read backwards: "Senior Backend Engineer" before
/// " position".
std::string title_before(std::string_view text, std::size_t end) {
    std::size_t start = end > 160 ? end - 160 : 0;
    std::string_view before = text.substr(start, end - start);
    for (std::size_t i = before.size(); i > 0; --i) {
        if (ends_title(before[i - 1]) || paragraph_end(before, i - 1) ||
            (before[i - 1] == '.' && i < before.size() &&
             (before[i] == ' ' || before[i] == '\n'))) {
            before.remove_prefix(i);
            break;
        }
    }
    const auto words = util::split_words(before);
    std::vector<std::string> taken;
    for (auto it = words.rbegin(); it != words.rend() && taken.size() < 6; ++it) {
        const std::string folded = bare_word(*it);
        if (contains_folded(k_articles, folded) || tables().title_stops.contains(folded) ||
            is_requisition(*it)) {
            if (folded == "of" && !taken.empty()) {
                taken.push_back(*it); // "Head of Engineering"
                continue;
            }
            break;
        }
        taken.push_back(*it);
    }
    while (!taken.empty() && bare_word(taken.back()) == "of") {
        taken.pop_back();
    }
    std::reverse(taken.begin(), taken.end());
    return util::join(taken, " ");
}

// ---- company ----------------------------------------------------------------------------------

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

/// What separates a company from the rest of a subject ("Acme | Application status").
constexpr std::array<std::string_view, 5> k_subject_separators = {" | ", " - ", " \xe2\x80\x93 ",
                                                                  " \xe2\x80\x94 ", ": "};

/// Words that show the other side of a subject separator is about the application.
constexpr std::array<std::string_view, 14> k_status_words = {
    "application", "candidacy",    "update",     "status",   "your ",   "bewerbung", "candidature",
    "candidatura", "sollicitatie", "next steps", "processo", "proceso", "feedback",  "decision",
};

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

// ---- role -------------------------------------------------------------------------------------

/// A job title in `text`, after a lead-in ("application for …", "Bewerbung als …", "le poste
/// de …") or before a job noun ("… position"); `where` starts the source.
std::optional<Guessed<std::string>> role_in(const Text& source, std::string_view where) {
    const std::string_view text = source.text;
    const auto& tokens = source.tokens;
    std::optional<std::pair<std::size_t, Guessed<std::string>>> best;
    auto offer = [&](std::size_t at, const std::string& role, const std::string& phrase) {
        if (!best || at < best->first) {
            best = {at, Guessed<std::string>{role, std::string(where) + quoted(phrase)}};
        }
    };
    tables().role_lead_ins.each_match(tokens, [&](int, std::size_t first, std::size_t last) {
        std::string stop;
        std::size_t length = 0;
        const std::string_view after = text.substr(tokens[last].end);
        const std::string role = title_at(after, &stop, &length);
        if (role.empty() || !check_line(role).empty() || role.size() > 80) {
            return;
        }
        // "… for Senior Engineer at Acme": a title before "at" and a name needs no job word.
        bool before_company = false;
        if (stop == "at") {
            const auto at = to_lower(after).find(" at ");
            before_company = at != std::string::npos && !name_at(after.substr(at + 4)).empty();
        }
        if (usable_title(role) || (before_company && name_at(role) == role)) {
            offer(first, role,
                  std::string(text.substr(tokens[first].begin,
                                          tokens[last].end + length - tokens[first].begin)));
        }
    });
    if (best) {
        return best->second;
    }
    tables().role_nouns_after.each_match(tokens, [&](int, std::size_t first, std::size_t last) {
        const std::string role = title_before(text, tokens[first].begin);
        if (usable_title(role)) {
            const std::string noun(
                text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
            offer(first, role, role + " " + noun);
        }
    });
    if (best) {
        return best->second;
    }
    return std::nullopt;
}

std::optional<Guessed<std::string>> role_from_subject(const Text& source) {
    const std::string_view subject = source.text;
    if (auto role = role_in(source, "Subject: ")) {
        role->source = "Subject: " + quoted(subject);
        return role;
    }
    // "Your application at Acme – Data Engineer", "Acme | Senior Engineer"
    for (std::string_view separator : k_subject_separators) {
        for (auto at = subject.find(separator); at != std::string_view::npos;
             at = subject.find(separator, at + 1)) {
            const std::string role = title_at(trim(subject.substr(at + separator.size())));
            if (usable_title(role) && looks_like_role(role)) {
                return Guessed<std::string>{role, "Subject: " + quoted(subject)};
            }
        }
    }
    return std::nullopt;
}

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
