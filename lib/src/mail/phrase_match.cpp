#include "phrase_match.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <utf8proc.h>

namespace bb::mail::detail {

namespace {

enum class CharClass { word, apostrophe, hyphen, space, line_break, comma, stop, other };

/// The class of the character at `text[i]` and its length in bytes.
CharClass classify_char(std::string_view text, std::size_t i, std::size_t* length) {
    const auto c = static_cast<unsigned char>(text[i]);
    *length = 1;
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return CharClass::word;
        }
        switch (c) {
        case '\'':
            return CharClass::apostrophe;
        case '-':
            return CharClass::hyphen;
        case ' ':
        case '\t':
        case '\r':
            return CharClass::space;
        case '\n':
            return CharClass::line_break;
        case ',':
        case '(':
        case ')':
        case '[':
        case ']':
            return CharClass::comma;
        case '.':
        case '!':
        case '?':
        case ';':
        case ':':
            return CharClass::stop;
        default:
            return CharClass::other;
        }
    }
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) {
        return CharClass::other;
    }
    *length = static_cast<std::size_t>(n);
    switch (cp) {
    case 0x2019: // ’
    case 0x2018: // ‘
    case 0x02bc: // ʼ
        return CharClass::apostrophe;
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
        return CharClass::hyphen;
    case 0x2013: // – and — set off a clause
    case 0x2014:
        return CharClass::comma;
    case 0x2026: // …
    case 0x00bf: // ¿ and ¡ open a Spanish sentence
    case 0x00a1:
    case 0x2022: // • starts a list item
        return CharClass::stop;
    default:
        break;
    }
    if (util::is_word_code_point(static_cast<char32_t>(cp))) {
        return CharClass::word;
    }
    return util::is_space_code_point(static_cast<char32_t>(cp)) ? CharClass::space
                                                                 : CharClass::other;
}

/// French elisions that are words of their own: "n'avons" is "n'" + "avons". Not "i'": English
/// "I'm" stays one word.
std::size_t elision_length(std::string_view word) {
    const auto apostrophe = word.find('\'');
    if (apostrophe == std::string_view::npos || apostrophe + 1 >= word.size()) {
        return 0;
    }
    const std::string_view head = word.substr(0, apostrophe);
    static constexpr std::string_view k_single = "ldnjmtsc";
    if ((head.size() == 1 && k_single.find(head[0]) != std::string_view::npos) || head == "qu" ||
        head == "jusqu" || head == "lorsqu" || head == "puisqu") {
        return apostrophe + 1;
    }
    return 0;
}

std::string fold_word(std::string_view raw) {
    // Typographic apostrophes become "'" before folding.
    std::string word;
    word.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw.substr(i).starts_with("\xe2\x80\x99") ||
            raw.substr(i).starts_with("\xe2\x80\x98")) {
            word += '\'';
            i += 2;
        } else if (raw.substr(i).starts_with("\xca\xbc")) {
            word += '\'';
            i += 1;
        } else {
            word += raw[i];
        }
    }
    return util::fold_case_and_accents(word);
}

} // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 5);
    bool sentence_start = true;
    bool clause_start = true;
    int line_breaks = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = 0;
        const CharClass cls = classify_char(text, i, &length);
        if (cls == CharClass::word) {
            // A word runs over letters, digits and apostrophes between them.
            const std::size_t begin = i;
            std::size_t end = i + length;
            while (end < text.size()) {
                std::size_t next_length = 0;
                const CharClass next = classify_char(text, end, &next_length);
                if (next == CharClass::word) {
                    end += next_length;
                } else if (next == CharClass::apostrophe && end + next_length < text.size()) {
                    std::size_t after_length = 0;
                    if (classify_char(text, end + next_length, &after_length) != CharClass::word) {
                        break;
                    }
                    end += next_length;
                } else {
                    break;
                }
            }
            std::string word = fold_word(text.substr(begin, end - begin));
            const bool starts = sentence_start || line_breaks >= 2;
            const bool clause = clause_start || starts;
            if (const std::size_t elision = elision_length(word); elision > 0) {
                // Offsets: the elided letter and its apostrophe, then the rest of the word.
                const std::size_t raw_apostrophe =
                    text.substr(begin, end - begin).find_first_of("'\xe2\xca");
                const std::size_t split =
                    begin + (raw_apostrophe == std::string_view::npos ? elision : raw_apostrophe);
                std::size_t apostrophe_length = 0;
                classify_char(text, split, &apostrophe_length);
                tokens.push_back(Token{word.substr(0, elision), begin, split + apostrophe_length,
                                       starts, clause});
                tokens.push_back(
                    Token{word.substr(elision), split + apostrophe_length, end, false, false});
            } else {
                tokens.push_back(Token{std::move(word), begin, end, starts, clause});
            }
            sentence_start = false;
            clause_start = false;
            line_breaks = 0;
            i = end;
            continue;
        }
        switch (cls) {
        case CharClass::stop: {
            // "2.5" and "e.g" are not the end of a sentence: a stop must be followed by space.
            const std::size_t next = i + length;
            std::size_t next_length = 0;
            if (text[i] != '.' || next >= text.size() ||
                classify_char(text, next, &next_length) != CharClass::word) {
                sentence_start = true;
            }
            break;
        }
        case CharClass::comma:
            clause_start = true;
            break;
        case CharClass::line_break:
            ++line_breaks;
            break;
        default:
            break;
        }
        i += length;
    }
    return tokens;
}

void PhraseSet::add(std::string_view pattern, int tag) {
    Pattern compiled;
    compiled.tag = tag;
    for (const auto& piece : util::split_words(pattern)) {
        Element element;
        if (piece == "*" || piece == "**") {
            element.max_gap = piece == "*" ? 3 : 6;
            compiled.elements.push_back(std::move(element));
            continue;
        }
        for (const auto& alternative : util::split_at(piece, '|')) {
            const bool stem = alternative.size() > 1 && alternative.back() == '*';
            element.words.push_back(
                fold_word(stem ? std::string_view(alternative).substr(0, alternative.size() - 1)
                               : std::string_view(alternative)));
            element.prefix.push_back(stem);
        }
        compiled.elements.push_back(std::move(element));
    }
    if (compiled.elements.empty() || compiled.elements.front().words.empty()) {
        return; // nothing to anchor on: not a pattern
    }
    const std::size_t index = m_patterns.size();
    const Element& first = compiled.elements.front();
    for (std::size_t a = 0; a < first.words.size(); ++a) {
        if (first.prefix[a]) {
            m_by_first_stem.emplace_back(first.words[a], index);
        } else {
            m_by_first_word[first.words[a]].push_back(index);
        }
    }
    m_patterns.push_back(std::move(compiled));
}

bool PhraseSet::matches(const Element& element, const Token& token) const {
    for (std::size_t a = 0; a < element.words.size(); ++a) {
        if (element.prefix[a] ? token.word.starts_with(element.words[a])
                              : token.word == element.words[a]) {
            return true;
        }
    }
    return false;
}

long PhraseSet::match_from(const Pattern& pattern, std::size_t e, std::size_t t,
                           const std::vector<Token>& tokens) const {
    if (e == pattern.elements.size()) {
        return static_cast<long>(t) - 1;
    }
    const Element& element = pattern.elements[e];
    if (element.words.empty()) {
        // A gap: skip 0..max_gap words, never into the next sentence.
        for (int skip = 0; skip <= element.max_gap; ++skip) {
            const std::size_t at = t + static_cast<std::size_t>(skip);
            if (skip > 0 && (at - 1 >= tokens.size() || tokens[at - 1].sentence_start)) {
                break;
            }
            const long end = match_from(pattern, e + 1, at, tokens);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }
    if (t >= tokens.size() || (e > 0 && tokens[t].sentence_start) || !matches(element, tokens[t])) {
        return -1;
    }
    return match_from(pattern, e + 1, t + 1, tokens);
}

void PhraseSet::each_match(
    const std::vector<Token>& tokens,
    const std::function<void(int tag, std::size_t first, std::size_t last)>& found) const {
    std::vector<std::size_t> candidates;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        candidates.clear();
        if (auto it = m_by_first_word.find(tokens[t].word); it != m_by_first_word.end()) {
            candidates = it->second;
        }
        for (const auto& [stem, index] : m_by_first_stem) {
            if (tokens[t].word.starts_with(stem)) {
                candidates.push_back(index);
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (std::size_t index : candidates) {
            const Pattern& pattern = m_patterns[index];
            const long last = match_from(pattern, 1, t + 1, tokens);
            if (last >= 0) {
                found(pattern.tag, t, static_cast<std::size_t>(last));
            }
        }
    }
}

} // namespace bb::mail::detail
