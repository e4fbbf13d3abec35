#pragma once
// The questions a reflection asks, and how typed answers become a Reflection. Pure logic: the
// command shows the prompts and reads the lines, this decides what they mean.

#include "bounceback/core/records.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// The lists of a reflection that questions fill, in the order they are asked.
enum class ReflectionField { went_well, improve, strengths, targeting, next };

/// Every ReflectionField, in asking order: went_well, improve, strengths, targeting, next.
const std::vector<ReflectionField>& reflection_fields();

/// The TOML (and JSON) key of `field`: "went_well", "improve", "strengths", "targeting", "next".
std::string_view field_key(ReflectionField field);

/// The answers `reflection` holds for `field`.
std::vector<std::string>& answers_of(Reflection& reflection, ReflectionField field);
const std::vector<std::string>& answers_of(const Reflection& reflection, ReflectionField field);

/// One question and the list its answers go to.
struct ReflectionQuestion {
    ReflectionField field;
    std::string text;
};

/// The most text questions config.toml may set: one per ReflectionField.
inline constexpr std::size_t k_max_reflect_questions = 5;

/// The built-in questions, one per field in asking order.
const std::vector<ReflectionQuestion>& default_reflection_questions();

/// The questions to ask. `configured` is `[reflect] questions` from config.toml: when it is
/// empty, the defaults; otherwise its questions in order, the first filling went_well, the
/// second improve, then strengths, targeting and next, so three questions ask for went_well,
/// improve and strengths only. Throws Error(config) for more than k_max_reflect_questions.
std::vector<ReflectionQuestion> reflection_questions(const std::vector<std::string>& configured);

/// How a prompt names `rejection`: "your onsite at Acme on 2026-11-20", "your application to
/// Globex on 2026-11-02", or "the process at Initech on …" when no stage is recorded.
std::string rejection_phrase(const Rejection& rejection);

/// The mood question, about `linked` when it is given ("How do you feel about your onsite at
/// Acme on 2026-11-20? 1 (awful) to 5 (great)"), otherwise about today.
std::string mood_question(const std::optional<Rejection>& linked);

/// Reads a typed mood. Returns "" and sets `*mood` for "1" to "5" (spaces around allowed),
/// returns "" and leaves `*mood` unset for an empty answer (the question is skipped), else
/// returns a kind reason to show before asking again.
std::string parse_mood_answer(std::string_view typed, std::optional<int>* mood);

/// Asking the questions one line at a time, without any I/O: the caller shows question(),
/// reads one line, passes it to take() and repeats until done(). The mood question comes
/// first and takes one line. Every text question takes one answer per line until an empty
/// line; an empty first line skips it. Nothing is stored anywhere until the caller stores
/// reflection(), so stopping half-way leaves no trace.
class ReflectionFlow {
  public:
    /// Starts with the answers in `draft` (its date and link are kept), asking `mood_question`
    /// and then `questions`.
    ReflectionFlow(Reflection draft, std::string mood_question,
                   std::vector<ReflectionQuestion> questions);

    /// True when every question has been answered or skipped.
    bool done() const { return m_step > m_questions.size(); }

    /// The question being asked (undefined once done()).
    const std::string& question() const;

    /// True when the current question has taken at least one line, so the next line continues
    /// the answer (and an empty one ends it).
    bool continuing() const { return m_lines_taken > 0; }

    /// 1 for the mood question, 2 for the first text question, and so on.
    std::size_t number() const { return m_step + 1; }

    /// How many questions there are, the mood question included.
    std::size_t total() const { return m_questions.size() + 1; }

    /// Takes one typed line (without its newline). Returns "" when it was taken, else why it
    /// was refused (a mood out of range, a control character); a refused line changes nothing
    /// and the same question stays open.
    std::string take(std::string_view line);

    /// The reflection with every answer taken so far.
    const Reflection& reflection() const { return m_reflection; }

  private:
    Reflection m_reflection;
    std::string m_mood_question;
    std::vector<ReflectionQuestion> m_questions;
    std::size_t m_step = 0; ///< 0: mood; i: m_questions[i - 1]; size() + 1: done
    std::size_t m_lines_taken = 0;
};

/// True when `reflection` holds no answer at all: no mood and every list empty.
bool has_no_answers(const Reflection& reflection);

/// The text `reflect --edit` opens in the editor: comments that explain the format, the date,
/// the mood (commented out unless `draft` has one), and each question as a comment above its
/// list, pre-filled with `draft`'s answers or one empty string to write in. `about` names the
/// linked rejection in a comment ("" for none).
std::string reflection_template(const Reflection& draft,
                                const std::vector<ReflectionQuestion>& questions,
                                std::string_view about);

/// Reads back an edited reflection_template. `draft` gives the ID, link and date when the
/// date line was removed; `file` names the file in messages. Empty strings in the lists are
/// the template's blanks and are dropped. Returns nullopt when the text holds nothing but
/// comments and blank lines, or no answer at all. Throws Error(data) with FILE:LINE:COL for
/// text that is not TOML, an unknown key, an `id` or `rejection` key (the link is set on the
/// command line), or a value that breaks a field rule.
std::optional<Reflection> reflection_from_template(std::string_view text, std::string_view file,
                                                   const Reflection& draft);

} // namespace bb
