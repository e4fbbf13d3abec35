#pragma once
// What keeps coming up: recurring words and short phrases in reflections and feedback areas.
// Pure logic over records already read; `reflect themes` prints it and `stats` builds signals
// on it.

#include "bounceback/core/records.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// A word or short phrase (one to three words) that recurs, as normalised: case-folded, each
/// word in the singular, words separated by one space ("system design", "behavioral question").
struct Theme {
    std::string text;
    int count = 0; ///< how many reflections (or rejections, for feedback areas) mention it
    Date last;     ///< the latest date among those
};

/// The themes of a set of reflections and feedback, each list sorted by count (highest first),
/// then by `last` (most recent first), then by text.
struct Themes {
    /// From the `improve` answers of reflections and the feedback areas of rejections.
    std::vector<Theme> improve;
    /// From the `strengths` and `went_well` answers of reflections.
    std::vector<Theme> strengths;
    /// How many reflections were read (those inside the date range).
    int reflections = 0;
    /// How many rejections contributed feedback areas (those received inside the date range).
    int feedback = 0;
};

/// What find_themes looks at and how often a theme must come up.
struct ThemeOptions {
    std::optional<Date> since; ///< only reflections and feedback dated on or after
    std::optional<Date> until; ///< only reflections and feedback dated on or before
    int min_count = 2;         ///< a theme must come up in at least this many sources
};

/// Counts themes one record at a time, in any order, so that themes over years of records need
/// not hold the records: what find_themes does, fed by the caller. Keeps each distinct answer
/// once, and the count of each phrase.
class ThemeCounter {
  public:
    explicit ThemeCounter(ThemeOptions options = {});
    ~ThemeCounter();
    ThemeCounter(ThemeCounter&&) noexcept;
    ThemeCounter& operator=(ThemeCounter&&) noexcept;

    /// Counts a reflection (when it is dated inside the options' range).
    void add(const Reflection& reflection);
    /// Counts a rejection's feedback areas (when received inside the options' range).
    void add(const Rejection& rejection);
    /// The themes of everything added so far.
    Themes themes() const;

  private:
    class Phrases;
    bool in_range(Date date) const;

    ThemeOptions m_options;
    int m_reflections = 0;
    int m_feedback = 0;
    std::unique_ptr<Phrases> m_improve;
    std::unique_ptr<Phrases> m_strengths;
};

/// The themes of `reflections` and of the feedback areas of `rejections`. Each reflection is
/// one source for `improve` and one for `strengths` (its `strengths` and `went_well` together);
/// each rejection with feedback areas is one source for `improve`, dated when the feedback was
/// received (the rejection's date when that is not recorded). A source counts a theme once,
/// however often it repeats it. Text is split into words at spaces, hyphens and punctuation;
/// stop-words (is_stop_word) and numbers end a phrase and are never part of one. When a
/// phrase is only a part of a longer theme with the same count ("design" inside "system
/// design"), only the longer one is kept.
Themes find_themes(const std::vector<Reflection>& reflections,
                   const std::vector<Rejection>& rejections, const ThemeOptions& options = {});

/// `word` (already case-folded) in the singular by simple English rules: "skills" → "skill",
/// "companies" → "company", "classes" → "class", "approaches" → "approach". Words that only
/// look plural ("process", "analysis", "status", "news", "analytics") are left as they are.
std::string singular(std::string_view word);

/// True when `word` (case-folded, apostrophes written ') is too common to be a theme: "the",
/// "didn't", "really", "more", "felt" …
bool is_stop_word(std::string_view word);

/// The phrases of `text`: runs of normalised words (case-folded, singular) between
/// punctuation, stop-words and numbers. "Practise more system design, and mock interviews!"
/// gives {"practise"}, {"system", "design"}, {"mock", "interview"}.
std::vector<std::vector<std::string>> phrases_of(std::string_view text);

} // namespace bb
