#pragma once
// Finding phrases in running text, whatever its case, accents, line breaks and punctuation:
// the engine under the phrase lists of languages.hpp. Internal to lib/mail.
//
// A pattern is words separated by spaces, each one of:
//   word        the word itself (matched case- and accent-folded: "gespräch" finds "GESPRACH")
//   a|b|c       any of these words
//   stem*       any word starting with `stem` ("candidat*" finds "candidates", "candidature")
//   *           zero to three words of any kind
//   **          zero to six words
// A match never runs across the end of a sentence. Commas do not interrupt a phrase, but they
// end the stretch of text a negation reaches back over.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bb::mail::detail {

/// One word of a text: folded, and where it is in the text.
struct Token {
    std::string word;      ///< lower case, accents removed; apostrophes kept ("n'", "we've")
    std::size_t begin = 0; ///< byte offsets of the word in the text
    std::size_t end = 0;
    bool sentence_start = false; ///< first word of a sentence (after . ! ? ; : or a blank line)
    bool clause_start = false;   ///< first word after a comma, dash or bracket (or of a sentence)
};

/// The words of `text` (UTF-8). Hyphens split words ("take-home" is "take" "home"); a French
/// elision is its own word ("n'avons" is "n'" "avons"); typographic apostrophes count as "'".
std::vector<Token> tokenize(std::string_view text);

/// A set of compiled patterns, each with a caller's tag, matched together in one pass.
class PhraseSet {
  public:
    /// Adds `pattern` (syntax above) under `tag`. A pattern starts with a word, not a gap.
    void add(std::string_view pattern, int tag);

    /// Calls `found(tag, first, last)` for every match: `first` and `last` are the indexes of
    /// the first and last token of the match. Each pattern is reported at most once per start
    /// token, with its shortest match.
    void each_match(
        const std::vector<Token>& tokens,
        const std::function<void(int tag, std::size_t first, std::size_t last)>& found) const;

  private:
    struct Element {
        std::vector<std::string> words; ///< alternatives; empty for a gap
        std::vector<bool> prefix;       ///< per alternative: a stem
        int max_gap = 0;                ///< for a gap: how many words it may skip
    };
    struct Pattern {
        std::vector<Element> elements;
        int tag = 0;
    };

    bool matches(const Element& element, const Token& token) const;
    /// The last token index of a match of `pattern` from element `e` at token `t`, or -1.
    long match_from(const Pattern& pattern, std::size_t e, std::size_t t,
                    const std::vector<Token>& tokens) const;

    std::vector<Pattern> m_patterns;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_first_word;
    std::vector<std::pair<std::string, std::size_t>> m_by_first_stem;
};

} // namespace bb::mail::detail
