#include "languages.hpp"

#include "bounceback/util/text.hpp"

#include <array>
#include <unordered_map>
#include <unordered_set>

namespace bb::mail::detail {

namespace {

/// How far back a negation reaches, in words: "we will not be inviting you to an interview".
constexpr std::size_t k_negation_reach = 6;

struct ConditionalWords {
    std::unordered_set<std::string> anywhere;
    std::unordered_set<std::string> sentence_start; // written with a leading '^'
};

const std::unordered_set<std::string>& negations() {
    static const std::unordered_set<std::string> k_words = [] {
        std::unordered_set<std::string> words;
        for (const Language* l : languages()) {
            for (std::string_view word : l->negations) {
                words.insert(util::fold_case_and_accents(word));
            }
        }
        return words;
    }();
    return k_words;
}

const ConditionalWords& conditionals() {
    static const ConditionalWords k_words = [] {
        ConditionalWords words;
        for (const Language* l : languages()) {
            for (std::string_view word : l->conditionals) {
                if (word.starts_with("^")) {
                    // "^en caso": the first word is what starts the sentence.
                    const auto first = util::split_words(word.substr(1));
                    words.sentence_start.insert(util::fold_case_and_accents(first.front()));
                } else {
                    words.anywhere.insert(util::fold_case_and_accents(word));
                }
            }
        }
        return words;
    }();
    return k_words;
}

bool is_conditional(const Token& token) {
    return conditionals().anywhere.contains(token.word) ||
           (token.sentence_start && conditionals().sentence_start.contains(token.word));
}

} // namespace

std::span<const Language* const> languages() {
    static const std::array<const Language*, 6> k_all = {&k_english, &k_german, &k_french,
                                                         &k_spanish, &k_dutch,  &k_portuguese};
    return k_all;
}

const Language* language(std::string_view code) {
    for (const Language* l : languages()) {
        if (l->code == code) {
            return l;
        }
    }
    return nullptr;
}

const Language& detect_language(const std::vector<Token>& tokens) {
    // Each function word, with a bit for each language it belongs to.
    static const std::unordered_map<std::string, unsigned> k_words = [] {
        std::unordered_map<std::string, unsigned> words;
        for (std::size_t i = 0; i < languages().size(); ++i) {
            for (std::string_view word : languages()[i]->function_words) {
                words[util::fold_case_and_accents(word)] |= 1u << i;
            }
        }
        return words;
    }();
    std::array<std::size_t, 6> counts{};
    for (const auto& token : tokens) {
        const auto found = k_words.find(token.word);
        if (found == k_words.end()) {
            continue;
        }
        for (std::size_t i = 0; i < counts.size(); ++i) {
            counts[i] += (found->second >> i) & 1u;
        }
    }
    std::size_t best = 0; // English on a tie
    for (std::size_t i = 1; i < counts.size(); ++i) {
        if (counts[i] > counts[best]) {
            best = i;
        }
    }
    return *languages()[best];
}

bool is_negation(std::string_view word) {
    return negations().contains(std::string(word)) || word.ends_with("n't");
}

bool is_negated(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i <= last && i < tokens.size(); ++i) {
        if (is_negation(tokens[i].word)) {
            return true;
        }
    }
    for (std::size_t back = 1; back <= k_negation_reach && back <= first; ++back) {
        const Token& token = tokens[first - back];
        if (is_negation(token.word)) {
            return true;
        }
        if (token.clause_start) {
            break;
        }
    }
    return false;
}

bool is_hypothetical(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    if (first < tokens.size() && !tokens[first].sentence_start) {
        for (std::size_t i = first; i-- > 0;) {
            if (is_conditional(tokens[i])) {
                return true;
            }
            if (tokens[i].sentence_start) {
                break;
            }
        }
    } else if (first < tokens.size() && is_conditional(tokens[first])) {
        return true;
    }
    // "… if that helps": a conditional right after the phrase, in the same clause.
    for (std::size_t i = last + 1; i < tokens.size() && i <= last + 2; ++i) {
        if (tokens[i].clause_start) {
            break;
        }
        if (conditionals().anywhere.contains(tokens[i].word)) {
            return true;
        }
    }
    return false;
}

} // namespace bb::mail::detail
