// Internal to the rejection guess: domains, and names in running text.

#include "guessing.hpp"

#include "guess_words.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <string>
#include <vector>

namespace bb::mail::detail {

using util::to_lower;

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

namespace {

std::string local_part_of(std::string_view address) {
    return to_lower(address.substr(0, address.rfind('@')));
}

} // namespace

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

namespace {

/// True when `word` may continue a name after its first word ("Corp", "3M", "GmbH", "&").
bool continues_name(std::string_view word) {
    if (starts_like_name(word) || word == "&" || word == "+") {
        return true;
    }
    return !word.empty() && word[0] >= '0' && word[0] <= '9';
}

} // namespace

bool is_connector(std::string_view word) {
    static constexpr std::array<std::string_view, 17> k_connectors = {
        "of",  "and", "&",   "de", "du", "la",  "von", "van", "der",
        "und", "des", "del", "da", "do", "dos", "das", "y"};
    return contains_word(k_connectors, word);
}

namespace {

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

} // namespace

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

} // namespace bb::mail::detail
