#include "bounceback/core/themes.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utf8proc.h>

namespace bb {

namespace {

// Word lists stay packed: one word per line would make them hundreds of lines long.
// clang-format off
// Function words, plus the filler that answers about a job search are full of ("really",
// "felt", "next", "better"). Kept in the apostrophe-' spelling; words are normalised to it.
const std::unordered_set<std::string_view>& stop_words() {
    static const std::unordered_set<std::string_view> words = {
        // articles, pronouns, determiners
        "a", "an", "the", "i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
        "ourselves", "you", "your", "yours", "yourself", "he", "him", "his", "himself", "she",
        "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs",
        "themselves", "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
        "some", "any", "all", "each", "every", "both", "either", "neither", "other", "another",
        "such", "own", "same", "few", "many", "much", "more", "most", "less", "least", "lot",
        "lots", "bit", "enough", "everything", "something", "anything", "nothing", "someone",
        "anyone", "everyone", "thing", "stuff", "way", "kind", "sort", "one", "ones", "two",
        "three", "first", "second", "last", "next",
        // be, have, do, modal and vague verbs
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having",
        "do", "does", "did", "doing", "done", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "ought", "get", "gets", "got", "getting", "go", "goes", "going",
        "went", "gone", "make", "makes", "made", "making", "feel", "feels", "felt", "feeling",
        "think", "thought", "know", "knew", "need", "needs", "needed", "want", "wanted", "seem",
        "seemed", "let", "keep", "kept", "try", "tried", "say", "said", "saw", "see",
        // contractions
        "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "he'd",
        "he'll", "she's", "she'd", "she'll", "it's", "it'd", "we're", "we've", "we'd", "we'll",
        "they're", "they've", "they'd", "they'll", "that's", "there's", "here's", "what's",
        "who's", "let's", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
        "haven't", "hasn't", "hadn't", "won't", "wouldn't", "can't", "couldn't", "shouldn't",
        "mustn't", "shan't", "mightn't", "needn't",
        // prepositions and conjunctions
        "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
        "before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite",
        "down", "during", "except", "for", "from", "in", "inside", "into", "like", "near", "of",
        "off", "on", "onto", "out", "outside", "over", "per", "since", "than", "through",
        "throughout", "till", "to", "toward", "towards", "under", "until", "up", "upon", "via",
        "with", "within", "without", "and", "but", "or", "nor", "so", "yet", "if", "because",
        "while", "whereas", "although", "though", "unless", "whether", "then", "else", "also",
        // adverbs and filler
        "not", "no", "yes", "yeah", "ok", "okay", "very", "really", "quite", "pretty", "rather",
        "too", "just", "only", "even", "still", "already", "again", "always", "never", "ever",
        "often", "sometimes", "maybe", "perhaps", "probably", "definitely", "actually",
        "basically", "especially", "overall", "instead", "however", "here", "there", "now", "when",
        "where", "why", "how", "once", "well", "good", "great", "nice", "better", "best", "bad",
        "worse", "worst", "new", "etc", "today", "yesterday", "tomorrow", "day", "week", "able",
    };
    return words;
}

// Words that end like a plural but are not one (or whose singular would mislead).
const std::unordered_set<std::string_view>& invariant_words() {
    static const std::unordered_set<std::string_view> words = {
        "news", "series", "species", "means", "sales", "kubernetes", "analytics", "economics",
        "statistics", "mathematics", "physics", "logistics", "ethics", "politics", "graphics",
        "electronics", "robotics", "linguistics", "genomics", "lens", "canvas", "atlas", "bias",
        "alias", "chaos", "whereas", "perhaps", "always", "diabetes", "aws",
    };
    return words;
}

// Singulars ending in -ie, whose plural must not become -y ("movies" is not "movy").
const std::unordered_set<std::string_view>& ie_singulars() {
    static const std::unordered_set<std::string_view> words = {
        "movie", "cookie", "rookie", "selfie", "zombie", "calorie", "newbie", "hippie", "goalie",
    };
    return words;
}

// Singulars ending in -che or -xe, whose plural must lose only the s ("caches" is "cache").
const std::unordered_set<std::string_view>& e_singulars() {
    static const std::unordered_set<std::string_view> words = {
        "cache", "niche", "headache", "ache", "avalanche", "cliche", "axe", "moustache",
    };
    return words;
}

// clang-format on

bool ends_with(std::string_view word, std::string_view suffix) {
    return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

/// How a code point takes part in words.
enum class CharRole {
    letter,     ///< part of a word: letters, digits, marks
    apostrophe, ///< inside a word ("didn't"); otherwise a word break
    hyphen,     ///< between two letters a word break ("take-home"); otherwise a phrase break
    suffix,     ///< '+' and '#' right after a word ("c++", "c#")
    space,      ///< ends a word, not a phrase
    stop,       ///< ends a phrase: punctuation, symbols, line breaks
};

CharRole role_of(utf8proc_int32_t cp) {
    switch (cp) {
    case '\'':
    case 0x2019: // right single quotation mark, the apostrophe most keyboards on phones type
        return CharRole::apostrophe;
    case '-':
    case '_':
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
        return CharRole::hyphen;
    case '+':
    case '#':
        return CharRole::suffix;
    case ' ':
    case '\t':
        return CharRole::space;
    default:
        break;
    }
    if (util::is_word_code_point(static_cast<char32_t>(cp))) {
        return CharRole::letter;
    }
    return util::is_space_code_point(static_cast<char32_t>(cp)) ? CharRole::space
                                                                 : CharRole::stop;
}

/// The words of `folded` as typed, with an empty string wherever a phrase ends.
std::vector<std::string> raw_words(std::string_view folded) {
    std::vector<std::pair<utf8proc_int32_t, std::string_view>> chars;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
    std::size_t at = 0;
    while (at < folded.size()) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n =
            utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(folded.size() - at), &cp);
        if (n <= 0) {
            chars.emplace_back(-1, folded.substr(at, 1)); // invalid UTF-8: a phrase break
            at += 1;
            continue;
        }
        chars.emplace_back(cp, folded.substr(at, static_cast<std::size_t>(n)));
        at += static_cast<std::size_t>(n);
    }

    std::vector<std::string> out;
    std::string word;
    auto end_word = [&] {
        if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    };
    auto end_phrase = [&] {
        end_word();
        if (!out.empty() && !out.back().empty()) {
            out.emplace_back();
        }
    };
    auto is_letter = [&](std::size_t i) {
        return i < chars.size() && chars[i].first >= 0 &&
               role_of(chars[i].first) == CharRole::letter;
    };
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const auto [cp, text] = chars[i];
        const CharRole role = cp < 0 ? CharRole::stop : role_of(cp);
        const bool between_letters = i > 0 && is_letter(i - 1) && is_letter(i + 1);
        switch (role) {
        case CharRole::letter:
            word += text;
            break;
        case CharRole::apostrophe:
            if (between_letters) {
                word += '\'';
            } else {
                end_word();
            }
            break;
        case CharRole::hyphen:
            if (between_letters) {
                end_word();
            } else {
                end_phrase();
            }
            break;
        case CharRole::suffix:
            if (!word.empty()) {
                word += text;
            } else {
                end_phrase();
            }
            break;
        case CharRole::space:
            end_word();
            break;
        case CharRole::stop:
            end_phrase();
            break;
        }
    }
    end_word();
    return out;
}

/// The normalised form of one typed word, or "" when it cannot be part of a theme.
std::string normalise_word(std::string word) {
    if (ends_with(word, "'s")) {
        word.resize(word.size() - 2);
    }
    if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {};
    }
    // One letter ("a", "x") says nothing; count code points, not bytes.
    std::size_t letters = 0;
    for (char c : word) {
        letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (letters < 2 || is_stop_word(word)) {
        return {};
    }
    std::string one = singular(word);
    return is_stop_word(one) ? std::string() : one;
}

/// Every run of one to three consecutive words of `phrase`, joined by spaces.
void add_ngrams(const std::vector<std::string>& phrase, std::set<std::string>& grams) {
    for (std::size_t start = 0; start < phrase.size(); ++start) {
        std::string gram;
        for (std::size_t n = 0; n < 3 && start + n < phrase.size(); ++n) {
            gram += (n == 0 ? "" : " ") + phrase[start + n];
            grams.insert(gram);
        }
    }
}

std::size_t word_count(const std::string& gram) {
    return static_cast<std::size_t>(std::count(gram.begin(), gram.end(), ' ')) + 1;
}

} // namespace

/// The phrases of one theme list (improve, or strengths), counted one source at a time.
class ThemeCounter::Phrases {
  public:
    /// Counts the phrases of `answers` (one source, dated `date`) once each.
    void add(Date date, std::initializer_list<const std::vector<std::string>*> answers) {
        // People repeat their answers (that is what a theme is), so each distinct answer is
        // split into phrases once, and phrases are counted by number: over years of
        // reflections this is most of the work.
        m_grams.clear();
        for (const auto* list : answers) {
            for (const auto& answer : *list) {
                auto known = m_grams_of_answer.find(answer);
                if (known == m_grams_of_answer.end()) {
                    known = m_grams_of_answer.emplace(answer, grams_of(answer)).first;
                }
                m_grams.insert(m_grams.end(), known->second.begin(), known->second.end());
            }
        }
        std::sort(m_grams.begin(), m_grams.end());
        m_grams.erase(std::unique(m_grams.begin(), m_grams.end()), m_grams.end());
        for (std::size_t number : m_grams) {
            Theme& theme = m_counted[number];
            if (theme.count == 0 || theme.last < date) {
                theme.last = date;
            }
            ++theme.count;
        }
    }

    /// The themes that came up in at least `min_count` sources, ranked.
    std::vector<Theme> ranked(int min_count) const {
        std::map<std::string, Theme> seen;
        for (const auto& theme : m_counted) {
            if (theme.count > 0) {
                seen.emplace(theme.text, theme);
            }
        }
        // A phrase inside a longer theme that every one of its sources also mentions adds
        // nothing.
        std::set<std::string> folded;
        for (const auto& [text, theme] : seen) {
            if (theme.count < min_count || word_count(text) < 2) {
                continue;
            }
            std::set<std::string> parts;
            add_ngrams(util::split_words(text), parts);
            for (const auto& part : parts) {
                if (part != text && seen.at(part).count == theme.count) {
                    folded.insert(part);
                }
            }
        }
        std::vector<Theme> out;
        for (auto& [text, theme] : seen) {
            if (theme.count >= min_count && folded.count(text) == 0) {
                out.push_back(std::move(theme));
            }
        }
        std::sort(out.begin(), out.end(), [](const Theme& a, const Theme& b) {
            if (a.count != b.count) {
                return a.count > b.count;
            }
            if (a.last != b.last) {
                return a.last > b.last;
            }
            return a.text < b.text;
        });
        return out;
    }

  private:
    /// The numbers of the phrases of one answer, numbering phrases not seen before.
    std::vector<std::size_t> grams_of(const std::string& answer) {
        std::set<std::string> texts;
        for (const auto& phrase : phrases_of(answer)) {
            add_ngrams(phrase, texts);
        }
        std::vector<std::size_t> numbers;
        for (const auto& text : texts) {
            auto [entry, added] = m_numbers.try_emplace(text, m_counted.size());
            if (added) {
                m_counted.push_back(Theme{text, 0, Date{}});
            }
            numbers.push_back(entry->second);
        }
        return numbers;
    }

    std::unordered_map<std::string, std::size_t> m_numbers;
    std::vector<Theme> m_counted; // by number
    std::unordered_map<std::string, std::vector<std::size_t>> m_grams_of_answer;
    std::vector<std::size_t> m_grams; // of the source being added
};


bool is_stop_word(std::string_view word) {
    return stop_words().count(word) != 0;
}

std::string singular(std::string_view word) {
    const std::string w(word);
    if (w.size() <= 3 || invariant_words().count(w) != 0) {
        return w;
    }
    if (ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "is") || !ends_with(w, "s")) {
        return w; // process, status, analysis, skill
    }
    const std::string without_s = w.substr(0, w.size() - 1);
    if (ends_with(w, "ies") && w.size() > 4) {
        return ie_singulars().count(without_s) != 0 ? without_s : w.substr(0, w.size() - 3) + "y";
    }
    if (ends_with(w, "sses") || ends_with(w, "xes") || ends_with(w, "ches") ||
        ends_with(w, "shes")) {
        return e_singulars().count(without_s) != 0 ? without_s : w.substr(0, w.size() - 2);
    }
    return without_s;
}

std::vector<std::vector<std::string>> phrases_of(std::string_view text) {
    std::vector<std::vector<std::string>> phrases(1);
    for (auto& typed : raw_words(util::fold_case(text))) {
        std::string word = typed.empty() ? std::string() : normalise_word(std::move(typed));
        if (word.empty()) {
            if (!phrases.back().empty()) {
                phrases.emplace_back();
            }
            continue;
        }
        phrases.back().push_back(std::move(word));
    }
    if (phrases.back().empty()) {
        phrases.pop_back();
    }
    return phrases;
}

ThemeCounter::ThemeCounter(ThemeOptions options)
    : m_options(options), m_improve(std::make_unique<Phrases>()),
      m_strengths(std::make_unique<Phrases>()) {}

ThemeCounter::~ThemeCounter() = default;
ThemeCounter::ThemeCounter(ThemeCounter&&) noexcept = default;
ThemeCounter& ThemeCounter::operator=(ThemeCounter&&) noexcept = default;

bool ThemeCounter::in_range(Date date) const {
    return (!m_options.since || date >= *m_options.since) &&
           (!m_options.until || date <= *m_options.until);
}

void ThemeCounter::add(const Reflection& r) {
    if (!in_range(r.date)) {
        return;
    }
    ++m_reflections;
    if (!r.improve.empty()) {
        m_improve->add(r.date, {&r.improve});
    }
    if (!r.strengths.empty() || !r.went_well.empty()) {
        m_strengths->add(r.date, {&r.strengths, &r.went_well});
    }
}

void ThemeCounter::add(const Rejection& r) {
    const Date received = r.feedback.received.value_or(r.date);
    if (r.feedback.areas.empty() || !in_range(received)) {
        return;
    }
    ++m_feedback;
    m_improve->add(received, {&r.feedback.areas});
}

Themes ThemeCounter::themes() const {
    Themes themes;
    themes.improve = m_improve->ranked(m_options.min_count);
    themes.strengths = m_strengths->ranked(m_options.min_count);
    themes.reflections = m_reflections;
    themes.feedback = m_feedback;
    return themes;
}

Themes find_themes(const std::vector<Reflection>& reflections,
                   const std::vector<Rejection>& rejections, const ThemeOptions& options) {
    ThemeCounter counter(options);
    for (const auto& r : reflections) {
        counter.add(r);
    }
    for (const auto& r : rejections) {
        counter.add(r);
    }
    return counter.themes();
}

} // namespace bb
