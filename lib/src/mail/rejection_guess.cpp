#include "bounceback/mail/rejection_guess.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <vector>

namespace bb::mail {

namespace {

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

/// Local parts of addresses that belong to a system or a team, not a person.
constexpr std::array<std::string_view, 26> k_role_locals = {
    "noreply", "no-reply", "no_reply", "donotreply",    "do-not-reply", "do_not_reply",
    "careers", "career",   "jobs",     "job",           "recruiting",   "recruitment",
    "talent",  "hr",       "hiring",   "notifications", "notification", "mail",
    "mailer",  "info",     "team",     "people",        "applications", "apply",
    "bounce",  "system",
};

/// Words that are never a company, whatever the source.
constexpr std::array<std::string_view, 24> k_not_companies = {
    "noreply",       "no-reply",     "no reply",    "donotreply", "mail",    "email",
    "notifications", "notification", "team",        "careers",    "jobs",    "recruiting",
    "talent",        "hiring",       "hr",          "info",       "support", "admin",
    "hello",         "us",           "our company", "your",       "the",     "mailer-daemon",
};

/// Organisation words that surround a company's name in a sender name, longest first.
constexpr std::array<std::string_view, 27> k_org_suffixes = {
    "talent acquisition team",
    "talent acquisition",
    "recruiting team",
    "recruitment team",
    "hiring team",
    "talent team",
    "people team",
    "careers team",
    "jobs team",
    "hr team",
    "human resources",
    "people & culture",
    "people and culture",
    "careers",
    "career",
    "jobs",
    "recruiting",
    "recruitment",
    "recruiter",
    "talent",
    "hiring",
    "hr",
    "team",
    "notifications",
    "karriere",
    "no-reply",
    "noreply",
};
constexpr std::array<std::string_view, 12> k_org_prefixes = {
    "talent team at ",
    "hiring team at ",
    "recruiting team at ",
    "people team at ",
    "careers at ",
    "jobs at ",
    "recruiting at ",
    "talent at ",
    "hiring at ",
    "team ",
    "the ",
    "karriere bei ",
};

/// The last word of a job title ("Engineer"), so "Your application to Data Engineer" is read
/// as a role, not a company.
constexpr std::array<std::string_view, 34> k_role_nouns = {
    "engineer",      "developer",   "manager",        "designer",   "analyst",   "scientist",
    "consultant",    "specialist",  "lead",           "architect",  "intern",    "internship",
    "administrator", "coordinator", "director",       "officer",    "associate", "researcher",
    "writer",        "editor",      "accountant",     "technician", "sre",       "devops",
    "programmer",    "assistant",   "representative", "owner",      "head",      "position",
    "role",          "job",         "opening",        "vacancy",
};

/// Phrases that mark a stage, with the stage. Longer phrases come before the words they hold.
struct StagePhrase {
    std::string_view phrase;
    Stage stage;
};
constexpr std::array<StagePhrase, 52> k_stage_phrases = {{
    {"final round", Stage::final},
    {"final-round", Stage::final},
    {"final interview", Stage::final},
    {"final stage", Stage::final},
    {"last round", Stage::final},
    {"final conversation", Stage::final},
    {"onsite", Stage::onsite},
    {"on-site", Stage::onsite},
    {"on site", Stage::onsite},
    {"panel", Stage::onsite},
    {"interview loop", Stage::onsite},
    {"interview day", Stage::onsite},
    {"in-person interview", Stage::onsite},
    {"superday", Stage::onsite},
    {"technical interview", Stage::technical},
    {"technical round", Stage::technical},
    {"technical assessment", Stage::technical},
    {"technical challenge", Stage::technical},
    {"technical test", Stage::technical},
    {"coding", Stage::technical},
    {"take-home", Stage::technical},
    {"take home", Stage::technical},
    {"home assignment", Stage::technical},
    {"pair programming", Stage::technical},
    {"system design", Stage::technical},
    {"case study", Stage::technical},
    {"after speaking with you", Stage::screen},
    {"speaking with you", Stage::screen},
    {"speaking to you", Stage::screen},
    {"spoke with you", Stage::screen},
    {"talking with you", Stage::screen},
    {"talking to you", Stage::screen},
    {"chatting with you", Stage::screen},
    {"meeting with you", Stage::screen},
    {"met with you", Stage::screen},
    {"phone screen", Stage::screen},
    {"phone interview", Stage::screen},
    {"screening call", Stage::screen},
    {"intro call", Stage::screen},
    {"introductory call", Stage::screen},
    {"our conversation", Stage::screen},
    {"first round", Stage::screen},
    {"our call", Stage::screen},
    {"the call", Stage::screen},
    {"phone call", Stage::screen},
    {"video call", Stage::screen},
    {"call with you", Stage::screen},
    {"interviewing", Stage::screen},
    {"interviews", Stage::screen},
    {"interviewed", Stage::screen},
    {"interview", Stage::screen},
    {"conversation with", Stage::screen},
}};

/// Words that, shortly before a stage phrase in the same sentence, deny it ("we will not be
/// inviting you to an interview").
constexpr std::array<std::string_view, 8> k_negations = {
    " not ", "n't ", " no ", "unable", "cannot", "without", "instead of", "rather than",
};

template <std::size_t N>
bool contains_word(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
    static constexpr std::array<std::string_view, 10> k_connectors = {
        "of", "and", "&", "de", "du", "la", "von", "van", "der", "und"};
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

bool is_role_noun(std::string_view word) {
    return contains_word(k_role_nouns, to_lower(word));
}

/// True when `name` ends like a job title ("Data Engineer").
bool looks_like_role(std::string_view name) {
    const auto words = util::split_words(name);
    return !words.empty() && is_role_noun(words.back());
}

/// True when one of the words of `name` is a job noun ("Engineer" in "Software Engineer II").
bool has_role_word(std::string_view name) {
    const auto words = util::split_words(name);
    return std::any_of(words.begin(), words.end(),
                       [](const std::string& w) { return is_role_noun(w); });
}

bool usable_company(std::string_view name) {
    const std::string folded = to_lower(trim(name));
    return !folded.empty() && name.size() <= 80 && !contains_word(k_not_companies, folded) &&
           !looks_like_role(name) && check_line(name).empty();
}

/// `subject` without reply and forward prefixes ("Re: ", "Fwd: ", "AW: ", "[External] ").
std::string_view strip_subject_prefixes(std::string_view subject) {
    static constexpr std::array<std::string_view, 9> k_prefixes = {
        "re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "[external]", "external:", "[ext]"};
    bool again = true;
    while (again) {
        again = false;
        subject = trim(subject);
        const std::string lowered = to_lower(subject.substr(0, 12));
        for (std::string_view prefix : k_prefixes) {
            if (lowered.starts_with(prefix)) {
                subject.remove_prefix(prefix.size());
                again = true;
            }
        }
    }
    return subject;
}

/// Finds `phrase` in `lowered` (the lower-cased `text`, same offsets) at a word start and
/// returns the name after it, or "". Sets `*found_at` to where the phrase is.
std::string name_after(std::string_view text, const std::string& lowered, std::string_view phrase,
                       std::size_t* found_at = nullptr) {
    for (auto at = lowered.find(phrase); at != std::string::npos;
         at = lowered.find(phrase, at + 1)) {
        if (at > 0 && is_ascii_alnum(phrase.front()) && is_ascii_alnum(lowered[at - 1])) {
            continue; // "reapplication to" is not "application to"
        }
        std::string name = name_at(text.substr(at + phrase.size()));
        if (!name.empty()) {
            if (found_at != nullptr) {
                *found_at = at;
            }
            return name;
        }
    }
    return {};
}

/// The title just before `lowered[end]`: capitalised words read backwards, e.g. "Senior
/// Backend Engineer" before " position".
std::string name_before(std::string_view text, std::size_t end) {
    std::size_t start = 0;
    if (end > k_name_window) {
        // Start after white space, so no word (or UTF-8 sequence) is split.
        const auto space = text.find_first_of(" \t\n", end - k_name_window);
        start = space == std::string_view::npos || space > end ? end : space;
    }
    const auto words = util::split_words(text.substr(start, end - start));
    std::vector<std::string> taken;
    for (auto it = words.rbegin(); it != words.rend() && taken.size() < 8; ++it) {
        std::string_view word = *it;
        if (word.ends_with(",") || word.ends_with(".") || word.ends_with(":")) {
            break;
        }
        if (continues_name(word) || word == "/" || (is_connector(word) && !taken.empty())) {
            taken.emplace_back(word);
            continue;
        }
        break;
    }
    while (!taken.empty() && !starts_like_name(taken.back())) {
        taken.pop_back(); // a title starts with a capitalised word
    }
    std::reverse(taken.begin(), taken.end());
    static constexpr std::array<std::string_view, 7> k_leading = {"The",  "This", "That", "Our",
                                                                  "Your", "A",    "An"};
    while (!taken.empty() && contains_word(k_leading, taken.front())) {
        taken.erase(taken.begin());
    }
    return util::join(taken, " ");
}

std::string quoted(std::string_view text) {
    return "\"" + util::truncate_to_width(text, 70) + "\"";
}

// ---- company ----------------------------------------------------------------------------------

/// Phrases a company's name follows, in the text as in the subject. Not "interview with" or
/// "message from": a person's name follows those as often.
constexpr std::array<std::string_view, 20> k_company_phrases = {
    "application to ", "application with ", "application at ",   "applying to ",
    "applying at ",    "applying with ",    "applied to ",       "applied at ",
    "interest in ",    "interest at ",      "candidacy at ",     "candidacy with ",
    "position at ",    "role at ",          "opportunity at ",   "opportunities at ",
    "team at ",        "bewerbung bei ",    "candidature chez ", "career at ",
};

/// More phrases, for the subject only ("An update from Acme").
constexpr std::array<std::string_view, 2> k_subject_company_phrases = {"update from ",
                                                                       "news from "};

/// What separates a company from the rest of a subject ("Acme | Application status").
constexpr std::array<std::string_view, 5> k_subject_separators = {" | ", " - ", " \xe2\x80\x93 ",
                                                                  " \xe2\x80\x94 ", ": "};

std::optional<Guessed<std::string>> company_from_subject(std::string_view subject) {
    const std::string lowered = to_lower(subject);
    auto from_phrases = [&](const auto& phrases) -> std::optional<Guessed<std::string>> {
        for (std::string_view phrase : phrases) {
            std::string name = name_after(subject, lowered, phrase);
            if (usable_company(name)) {
                return Guessed<std::string>{name, "Subject: " + quoted(subject)};
            }
        }
        return std::nullopt;
    };
    if (auto found = from_phrases(k_company_phrases)) {
        return found;
    }
    if (auto found = from_phrases(k_subject_company_phrases)) {
        return found;
    }
    // "… for Senior Engineer at Acme"
    std::string at_name = name_after(subject, lowered, " at ");
    if (usable_company(at_name)) {
        return Guessed<std::string>{at_name, "Subject: " + quoted(subject)};
    }
    // "Acme | Application status", "Acme: update on your application"
    for (std::string_view separator : k_subject_separators) {
        const auto at = subject.find(separator);
        if (at == std::string_view::npos) {
            continue;
        }
        const std::string_view left = trim(subject.substr(0, at));
        const std::string_view right = trim(subject.substr(at + separator.size()));
        const std::string right_lowered = to_lower(right);
        const bool right_is_status = right_lowered.find("application") != std::string::npos ||
                                     right_lowered.find("candidacy") != std::string::npos ||
                                     right_lowered.find("update") != std::string::npos ||
                                     right_lowered.find("status") != std::string::npos ||
                                     right_lowered.find("your ") != std::string::npos ||
                                     right_lowered.find("bewerbung") != std::string::npos;
        if (right_is_status && name_at(left) == left && usable_company(left)) {
            return Guessed<std::string>{std::string(left), "Subject: " + quoted(subject)};
        }
    }
    return std::nullopt;
}

/// The company in a sender name such as "Acme Recruiting" or "Acme via Greenhouse", and
/// whether organisation words were found in it.
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
    bool changed = true;
    while (changed && !name.empty()) {
        changed = false;
        name = std::string(trim(name));
        while (!name.empty() && std::string_view("|-:,").find(name.back()) != std::string::npos) {
            name.pop_back();
            name = std::string(trim(name));
        }
        while (!name.empty() && std::string_view("|-:,").find(name.front()) != std::string::npos) {
            name.erase(0, 1);
            name = std::string(trim(name));
        }
        if (name.ends_with("'s") || name.ends_with("\xe2\x80\x99s")) {
            name.erase(name.size() - (name.ends_with("'s") ? 2 : 4));
            changed = true;
            continue;
        }
        const std::string lowered = to_lower(name);
        for (std::string_view suffix : k_org_suffixes) {
            if (lowered == suffix) {
                name.clear();
                *org_words = true;
                changed = true;
                break;
            }
            if (lowered.size() > suffix.size() && lowered.ends_with(suffix) &&
                !is_ascii_alnum(lowered[lowered.size() - suffix.size() - 1])) {
                name.erase(name.size() - suffix.size());
                *org_words = true;
                changed = true;
                break;
            }
        }
        if (changed) {
            continue;
        }
        for (std::string_view prefix : k_org_prefixes) {
            if (lowered.starts_with(prefix) && lowered.size() > prefix.size()) {
                name.erase(0, prefix.size());
                *org_words = true;
                changed = true;
                break;
            }
        }
    }
    return name;
}

/// The sender's display name when it names the company, not a person.
std::optional<Guessed<std::string>> company_from_sender(const InboundMessage& m,
                                                        bool role_address) {
    if (m.from_name.empty()) {
        return std::nullopt;
    }
    bool org_words = false;
    std::string name = company_in_sender_name(m.from_name, &org_words);
    // A bare name counts only on a no-reply or team address: on a personal address, even one at
    // an applicant-tracking system ("Priya <priya@hire.lever.co>"), it is a person's.
    if ((org_words || role_address) && usable_company(name)) {
        return Guessed<std::string>{name, "From: display name " + quoted(m.from_name)};
    }
    return std::nullopt;
}

std::optional<Guessed<std::string>> company_from_body(std::string_view body) {
    const std::string lowered = to_lower(body);
    std::optional<std::pair<std::size_t, Guessed<std::string>>> first;
    for (std::string_view phrase : k_company_phrases) {
        std::size_t at = 0;
        std::string name = name_after(body, lowered, phrase, &at);
        if (usable_company(name) && (!first || at < first->first)) {
            first = {at, Guessed<std::string>{name, "body: " + quoted(std::string(phrase) + name)}};
        }
    }
    if (first) {
        return first->second;
    }
    return std::nullopt;
}

/// The company named by the sender's domain: "Umbrella Health" for umbrella-health.com when the
/// body spells it so (a signature), else the label capitalised ("Umbrella-Health").
std::optional<Guessed<std::string>> company_from_domain(std::string_view address,
                                                        std::string_view body) {
    const std::string domain = domain_of(address);
    if (domain.empty() || is_ats_domain(domain) || is_mail_provider(domain)) {
        return std::nullopt;
    }
    const std::string label = registrable_label(domain);
    if (label.find('-') != std::string::npos) {
        std::string spaced = label;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        const std::string lowered = to_lower(body);
        for (auto at = lowered.find(spaced); at != std::string::npos;
             at = lowered.find(spaced, at + 1)) {
            const std::size_t end = at + spaced.size();
            const bool whole = (at == 0 || !is_ascii_alnum(lowered[at - 1])) &&
                               (end >= lowered.size() || !is_ascii_alnum(lowered[end]));
            const std::string written(body.substr(at, spaced.size()));
            if (whole && name_at(written) == written && usable_company(written)) {
                return Guessed<std::string>{written,
                                            "From: domain " + domain + ", spelled as in the body"};
            }
        }
    }
    const std::string name = name_from_label(label);
    if (!usable_company(name)) {
        return std::nullopt;
    }
    return Guessed<std::string>{name, "From: domain " + domain};
}

// ---- role -------------------------------------------------------------------------------------

std::optional<Guessed<std::string>> role_in(std::string_view text, std::string_view where) {
    const std::string lowered = to_lower(text);
    auto result = [&](const std::string& role, std::string_view phrase) {
        return Guessed<std::string>{role, std::string(where) + quoted(phrase)};
    };
    // "application for Senior Engineer at Acme"
    for (std::string_view phrase :
         {"application for ", "applying for ", "applied for ", "candidacy for ", "application to ",
          "applying to ", "interest in "}) {
        std::size_t at = 0;
        std::string role = name_after(text, lowered, phrase, &at);
        if (role.empty()) {
            continue;
        }
        const std::size_t after = at + phrase.size() + role.size();
        // "… at Acme", not "… at this time".
        const bool before_at =
            lowered.substr(after).starts_with(" at ") && !name_at(text.substr(after + 4)).empty();
        if ((before_at || looks_like_role(role)) && check_line(role).empty()) {
            return result(role, std::string(phrase) + role + (before_at ? " at" : ""));
        }
    }
    // "the Senior Engineer position", "for the Data Engineer role"
    for (std::string_view noun : {" position", " role", " opening", " vacancy"}) {
        for (auto at = lowered.find(noun); at != std::string::npos;
             at = lowered.find(noun, at + 1)) {
            const std::size_t end = at + noun.size();
            if (end < lowered.size() && is_ascii_alnum(lowered[end])) {
                continue; // "roles", "jobs"
            }
            std::string role = name_before(text, at);
            if (has_role_word(role) && role.size() <= 80 && check_line(role).empty()) {
                return result(role, role + std::string(noun));
            }
        }
    }
    // "the position of Data Engineer", "the role as Site Reliability Engineer"
    for (std::string_view phrase : {"position of ", "position as ", "role of ", "role as "}) {
        std::string role = name_after(text, lowered, phrase);
        if (!role.empty() && looks_like_role(role)) {
            return result(role, std::string(phrase) + role);
        }
    }
    return std::nullopt;
}

std::optional<Guessed<std::string>> role_from_subject(std::string_view subject) {
    if (auto role = role_in(subject, "Subject: ")) {
        role->source = "Subject: " + quoted(subject);
        return role;
    }
    // "Your application at Acme – Data Engineer", "Acme | Senior Engineer"
    for (std::string_view separator : k_subject_separators) {
        for (auto at = subject.find(separator); at != std::string_view::npos;
             at = subject.find(separator, at + 1)) {
            const std::string_view right = trim(subject.substr(at + separator.size()));
            const std::string name = name_at(right);
            if (!name.empty() && looks_like_role(name) && name.size() <= 80) {
                return Guessed<std::string>{name, "Subject: " + quoted(subject)};
            }
        }
    }
    return std::nullopt;
}

// ---- stage ------------------------------------------------------------------------------------

/// The body without quoted lines (">"), the signature and a forwarded or replied-to original.
std::string own_text(std::string_view body) {
    std::string out;
    for (const auto& line : util::split_lines(body)) {
        if (line == "-- " || to_lower(line).find("original message") != std::string::npos) {
            break;
        }
        if (line.starts_with(">")) {
            continue;
        }
        out += line + "\n";
    }
    return out;
}

bool negated_before(const std::string& lowered, std::size_t at) {
    std::size_t start = at > 60 ? at - 60 : 0;
    for (std::size_t i = at; i > start; --i) {
        const char c = lowered[i - 1];
        if (c == '.' || c == '!' || c == '?' || (c == '\n' && i >= 2 && lowered[i - 2] == '\n')) {
            start = i;
            break;
        }
    }
    const std::string window = " " + lowered.substr(start, at - start);
    for (std::string_view negation : k_negations) {
        if (window.find(negation) != std::string::npos) {
            return true;
        }
    }
    return false;
}

Guessed<Stage> stage_from_body(std::string_view body) {
    std::string lowered = to_lower(own_text(body));
    for (char& c : lowered) {
        if (c == '\t') {
            c = ' ';
        }
    }
    Guessed<Stage> best{Stage::application, "default: no interview mentioned"};
    bool found = false;
    for (const auto& [phrase, stage] : k_stage_phrases) {
        if (found && stage <= best.value) {
            continue;
        }
        for (auto at = lowered.find(phrase); at != std::string::npos;
             at = lowered.find(phrase, at + 1)) {
            const std::size_t end = at + phrase.size();
            const bool word_start = at == 0 || !is_ascii_alnum(lowered[at - 1]);
            const bool word_end = end >= lowered.size() || !is_ascii_alnum(lowered[end]);
            if (!word_start || !word_end || negated_before(lowered, at)) {
                continue;
            }
            best = {stage, "body: " + quoted(phrase)};
            found = true;
            break;
        }
    }
    return best;
}

// ---- date -------------------------------------------------------------------------------------

std::optional<Guessed<Date>> date_from_header(std::string_view header) {
    const auto when = parse_mail_date(header);
    if (!when) {
        return std::nullopt;
    }
    std::tm local{};
    if (localtime_r(&*when, &local) == nullptr) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{local.tm_year + 1900},
                    std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                    std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
    if (!util::is_supported_date(date)) {
        return std::nullopt;
    }
    return Guessed<Date>{date, "Date: " + quoted(header)};
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

RejectionGuess guess_rejection(const InboundMessage& m) {
    RejectionGuess guess;
    const std::string domain = domain_of(m.from_address);
    const bool ats = !domain.empty() && is_ats_domain(domain);
    const bool role_address = !m.from_address.empty() && is_role_address(m.from_address);
    const bool sender_is_system = ats || role_address;

    const std::string_view subject = strip_subject_prefixes(m.subject);
    guess.company = company_from_subject(subject);
    if (!guess.company) {
        guess.company = company_from_sender(m, role_address);
    }
    if (!guess.company) {
        guess.company = company_from_body(own_text(m.body));
    }
    if (!guess.company && !m.from_address.empty()) {
        guess.company = company_from_domain(m.from_address, own_text(m.body));
    }

    guess.role = role_from_subject(subject);
    if (!guess.role) {
        guess.role = role_in(own_text(m.body), "body: ");
    }

    guess.stage = stage_from_body(m.body);

    if (!m.date.empty()) {
        guess.date = date_from_header(m.date);
    }

    // A person wrote it: their name and address are the contact.
    bool org_words = false;
    company_in_sender_name(m.from_name, &org_words);
    if (!sender_is_system && !org_words) {
        if (!m.from_name.empty() && check_line(m.from_name).empty() &&
            m.from_name.find('@') == std::string::npos) {
            guess.contact = Guessed<std::string>{m.from_name, "From: display name"};
        }
        if (!m.from_address.empty() && check_email(m.from_address).empty()) {
            guess.email = Guessed<std::string>{m.from_address, "From: address"};
        }
    }

    if (!m.message_id.empty() && check_line(m.message_id).empty()) {
        guess.key = Guessed<std::string>{m.message_id, "Message-ID"};
    }
    return guess;
}

} // namespace bb::mail
