// Internal to the rejection guess: job titles, and the role a message names.

#include "guessing.hpp"

#include "guess_words.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace bb::mail::detail {

using util::to_lower;
using util::trim;

// ---- job titles -----------------------------------------------------------------------------

namespace {

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

} // namespace

/// The job title at the start of `text`: articles, general nouns ("the position of") and a
/// requisition number skipped, up to a stop word, punctuation or " - ", at most seven words.
/// `*stopped_at` is set to the stop word (folded), "" at punctuation or the end; `*length`
/// (when not null) to how much of `text` the title takes, up to the end of its last word.
std::string title_at(std::string_view text, std::string* stopped_at, std::size_t* length) {
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

namespace {

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

} // namespace

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

} // namespace bb::mail::detail
