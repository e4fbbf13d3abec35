#include "bounceback/core/reflection_flow.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <sstream>

namespace bb {

namespace {

/// `text` as a TOML basic string, quotes and escapes included.
std::string toml_string(const std::string& text) {
    std::ostringstream out;
    out << toml::toml_formatter{toml::value<std::string>(text),
                                toml::format_flags::allow_unicode_strings};
    return out.str();
}

const ReflectionQuestion* question_for(const std::vector<ReflectionQuestion>& questions,
                                       ReflectionField field) {
    for (const auto& q : questions) {
        if (q.field == field) {
            return &q;
        }
    }
    return nullptr;
}

} // namespace

const std::vector<ReflectionField>& reflection_fields() {
    static const std::vector<ReflectionField> fields = {
        ReflectionField::went_well, ReflectionField::improve, ReflectionField::strengths,
        ReflectionField::targeting, ReflectionField::next};
    return fields;
}

std::string_view field_key(ReflectionField field) {
    switch (field) {
    case ReflectionField::went_well:
        return "went_well";
    case ReflectionField::improve:
        return "improve";
    case ReflectionField::strengths:
        return "strengths";
    case ReflectionField::targeting:
        return "targeting";
    case ReflectionField::next:
        return "next";
    }
    return "next";
}

std::vector<std::string>& answers_of(Reflection& reflection, ReflectionField field) {
    switch (field) {
    case ReflectionField::went_well:
        return reflection.went_well;
    case ReflectionField::improve:
        return reflection.improve;
    case ReflectionField::strengths:
        return reflection.strengths;
    case ReflectionField::targeting:
        return reflection.targeting;
    case ReflectionField::next:
        return reflection.next;
    }
    return reflection.next;
}

const std::vector<std::string>& answers_of(const Reflection& reflection, ReflectionField field) {
    return answers_of(const_cast<Reflection&>(reflection), field);
}

const std::vector<ReflectionQuestion>& default_reflection_questions() {
    static const std::vector<ReflectionQuestion> questions = {
        {ReflectionField::went_well,
         "What went well? Think of moments when you felt confident, or connected with someone."},
        {ReflectionField::improve,
         "What would you do differently next time? Your resume, your preparation, a skill to "
         "build?"},
        {ReflectionField::strengths, "Which of your strengths showed?"},
        {ReflectionField::targeting,
         "Is this the kind of role and field you want, or is it time to widen the search?"},
        {ReflectionField::next, "What is one small next step?"},
    };
    return questions;
}

std::vector<ReflectionQuestion> reflection_questions(const std::vector<std::string>& configured) {
    if (configured.empty()) {
        return default_reflection_questions();
    }
    if (configured.size() > k_max_reflect_questions) {
        throw Error(ExitCode::config,
                    "[reflect] questions has " + std::to_string(configured.size()) +
                        " questions; at most 5, which fill went_well, improve, strengths, "
                        "targeting and next in that order");
    }
    std::vector<ReflectionQuestion> out;
    for (std::size_t i = 0; i < configured.size(); ++i) {
        out.push_back({reflection_fields()[i], configured[i]});
    }
    return out;
}

std::string rejection_phrase(const Rejection& r) {
    const std::string on = " on " + util::format_date(r.date);
    if (!r.stage) {
        return "what happened with " + r.company + on;
    }
    switch (*r.stage) {
    case Stage::application:
        return "your application to " + r.company + on;
    case Stage::screen:
        return "your screening call with " + r.company + on;
    case Stage::technical:
        return "your technical interview at " + r.company + on;
    case Stage::onsite:
        return "your onsite at " + r.company + on;
    case Stage::final:
        return "your final interview at " + r.company + on;
    case Stage::offer:
        return "your offer talks with " + r.company + on;
    }
    return "what happened with " + r.company + on;
}

std::string mood_question(const std::optional<Rejection>& linked) {
    if (linked) {
        return "How do you feel about " + rejection_phrase(*linked) + "? 1 (awful) to 5 (great)";
    }
    return "How do you feel today? 1 (awful) to 5 (great)";
}

std::string parse_mood_answer(std::string_view typed, std::optional<int>* mood) {
    const std::string_view answer = util::trim(typed);
    if (answer.empty()) {
        return {};
    }
    if (auto typed_mood = parse_feeling(answer, nullptr)) {
        *mood = typed_mood;
        return {};
    }
    // Whatever was typed is an answer; ask for it as a number without correcting the person.
    return "Thank you. As a number, please: 1 (awful) to 5 (great), or press Enter to skip.";
}

ReflectionFlow::ReflectionFlow(Reflection draft, std::string mood_question,
                               std::vector<ReflectionQuestion> questions)
    : m_reflection(std::move(draft)), m_mood_question(std::move(mood_question)),
      m_questions(std::move(questions)) {}

const std::string& ReflectionFlow::question() const {
    return m_step == 0 ? m_mood_question : m_questions.at(m_step - 1).text;
}

std::string ReflectionFlow::take(std::string_view line) {
    if (done()) {
        return "every question has been answered";
    }
    if (m_step == 0) {
        std::optional<int> mood;
        if (auto reason = parse_mood_answer(line, &mood); !reason.empty()) {
            return reason;
        }
        if (mood) {
            m_reflection.mood = mood;
        }
        ++m_step;
        return {};
    }
    const std::string_view answer = util::trim(line);
    if (answer.empty()) {
        ++m_step;
        m_lines_taken = 0;
        return {};
    }
    if (auto reason = check_text(answer); !reason.empty()) {
        return "that line " + reason + "; type it again";
    }
    answers_of(m_reflection, m_questions[m_step - 1].field).emplace_back(answer);
    ++m_lines_taken;
    return {};
}

bool has_no_answers(const Reflection& reflection) {
    if (reflection.mood) {
        return false;
    }
    for (ReflectionField field : reflection_fields()) {
        if (!answers_of(reflection, field).empty()) {
            return false;
        }
    }
    return true;
}

std::string reflection_template(const Reflection& draft,
                                const std::vector<ReflectionQuestion>& questions,
                                std::string_view about) {
    std::string out =
        "# A reflection for bounceback, as TOML. Write each answer between double quotes,\n"
        "# one per line, each followed by a comma; add lines for more answers. A list left\n"
        "# empty skips its question. Save and quit to keep it; empty the file to cancel.\n";
    if (!about.empty()) {
        out += "# About " + std::string(about) + ".\n";
    }
    out += "\ndate = " + util::format_date(draft.date) + "\n\n";
    out += "# How do you feel, from 1 (awful) to 5 (great)?";
    if (draft.mood) {
        out += "\nmood = " + std::to_string(*draft.mood) + "\n";
    } else {
        out += " Remove the # to answer.\n# mood = 3\n";
    }
    for (ReflectionField field : reflection_fields()) {
        const auto* question = question_for(questions, field);
        const auto& answers = answers_of(draft, field);
        if (question == nullptr && answers.empty()) {
            continue;
        }
        out += "\n";
        if (question != nullptr) {
            out += "# " + question->text + "\n";
        }
        out += std::string(field_key(field)) + " = [\n";
        for (const auto& answer : answers) {
            out += "    " + toml_string(answer) + ",\n";
        }
        if (answers.empty()) {
            out += "    \"\",\n";
        }
        out += "]\n";
    }
    return out;
}

std::optional<Reflection> reflection_from_template(std::string_view text, std::string_view file,
                                                   const Reflection& draft) {
    bool blank = true;
    for (const auto& line : util::split_lines(text)) {
        const auto t = util::trim(line);
        blank = blank && (t.empty() || t.front() == '#');
    }
    if (blank) {
        return std::nullopt;
    }
    toml::table table = parse_toml_text(text, file, ExitCode::data);
    for (const char* key : {"id", "rejection"}) {
        if (const toml::node* node = table.get(key)) {
            throw Error(ExitCode::data,
                        located(file, node->source(),
                                std::string(key) + " cannot be set here; the rejection is linked "
                                                   "on the command line (bounceback reflect ID "
                                                   "--edit), so remove this line"));
        }
    }
    for (ReflectionField field : reflection_fields()) {
        if (auto* array = table.get_as<toml::array>(field_key(field))) {
            for (std::size_t i = array->size(); i-- > 0;) {
                const auto* s = array->get(i)->as_string();
                if (s != nullptr && util::trim(s->get()).empty()) {
                    array->erase(array->cbegin() + static_cast<std::ptrdiff_t>(i));
                }
            }
        }
    }
    if (!table.contains("date")) {
        table.insert_or_assign("date", to_toml_date(draft.date));
    }
    table.insert_or_assign("id", std::int64_t{1}); // required by the reader; the store assigns it
    Reflection r = reflection_from_toml(table, file);
    r.id = draft.id;
    r.rejection = draft.rejection;
    if (has_no_answers(r)) {
        return std::nullopt;
    }
    return r;
}

} // namespace bb
