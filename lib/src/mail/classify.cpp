#include "bounceback/mail/classify.hpp"

#include "languages.hpp"
#include "phrase_match.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace bb::mail {

namespace {

using detail::Language;
using detail::PhraseSet;
using detail::Token;

/// Weights: a decisive phrase settles a kind, supporting ones only add up.
constexpr int k_decisive_weight = 3;
constexpr int k_supporting_weight = 1;

/// One cue phrase of the tables, compiled.
struct CueEntry {
    const detail::CuePhrase* phrase;
    const Language* language;
    bool negates; ///< the pattern holds a negation of its own ("not to proceed")
};

struct CueTables {
    std::vector<CueEntry> entries;
    PhraseSet set;
};

bool pattern_negates(std::string_view pattern) {
    for (const auto& piece : util::split_words(pattern)) {
        for (const auto& alternative : util::split_at(piece, '|')) {
            if (detail::is_negation(util::fold_case_and_accents(alternative))) {
                return true;
            }
        }
    }
    return false;
}

const CueTables& cue_tables() {
    static const CueTables k_tables = [] {
        CueTables tables;
        for (const Language* language : detail::languages()) {
            for (const auto& phrase : language->cues) {
                tables.set.add(phrase.pattern, static_cast<int>(tables.entries.size()));
                tables.entries.push_back(
                    CueEntry{&phrase, language, pattern_negates(phrase.pattern)});
            }
        }
        return tables;
    }();
    return k_tables;
}

/// The words of `text` from `tokens[first]` to `tokens[last]`, on one line.
std::string phrase_text(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                        std::size_t last) {
    const std::string_view raw =
        text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin);
    return util::truncate_to_width(util::join(util::split_words(raw), " "), 70);
}

/// Kinds other than a rejection, the most telling first (for ties).
constexpr std::array<MailKind, 6> k_other_kinds = {
    MailKind::offer,  MailKind::interview,       MailKind::assessment,
    MailKind::update, MailKind::acknowledgement, MailKind::newsletter,
};

/// True for kinds that mean the process goes on: a rejection that also says one of these is
/// not sure.
bool is_next_step(MailKind kind) {
    return kind == MailKind::interview || kind == MailKind::offer || kind == MailKind::assessment;
}

std::string quote(std::string_view phrase) {
    return "'" + std::string(phrase) + "'";
}

} // namespace

std::string_view kind_name(MailKind kind) {
    switch (kind) {
    case MailKind::rejection:
        return "rejection";
    case MailKind::acknowledgement:
        return "acknowledgement";
    case MailKind::interview:
        return "interview";
    case MailKind::assessment:
        return "assessment";
    case MailKind::offer:
        return "offer";
    case MailKind::update:
        return "update";
    case MailKind::newsletter:
        return "newsletter";
    case MailKind::other:
        return "other";
    case MailKind::unsure:
        return "unsure";
    }
    return "other";
}

std::string_view kind_description(MailKind kind) {
    switch (kind) {
    case MailKind::rejection:
        return "a rejection";
    case MailKind::acknowledgement:
        return "an application acknowledgement";
    case MailKind::interview:
        return "an interview invitation";
    case MailKind::assessment:
        return "assessment instructions";
    case MailKind::offer:
        return "a job offer";
    case MailKind::update:
        return "a status update";
    case MailKind::newsletter:
        return "a job alert or newsletter";
    case MailKind::other:
        return "not a rejection";
    case MailKind::unsure:
        return "possibly a rejection";
    }
    return "not a rejection";
}

Classification classify(const Letter& letter) {
    const CueTables& tables = cue_tables();
    Classification result;
    std::set<std::size_t> counted; // each table phrase counts once
    std::map<MailKind, int> scores;
    std::map<std::string, int> language_weight;

    auto read = [&](std::string_view text, bool in_subject) {
        const std::vector<Token> tokens = detail::tokenize(text);
        tables.set.each_match(tokens, [&](int tag, std::size_t first, std::size_t last) {
            const CueEntry& entry = tables.entries[static_cast<std::size_t>(tag)];
            if ((!entry.negates && detail::is_negated(tokens, first, last)) ||
                detail::is_hypothetical(tokens, first, last)) {
                return;
            }
            Cue cue{entry.phrase->kind, entry.phrase->decisive,
                    phrase_text(text, tokens, first, last), std::string(entry.language->code),
                    in_subject};
            if (counted.insert(static_cast<std::size_t>(tag)).second) {
                const int weight = cue.decisive ? k_decisive_weight : k_supporting_weight;
                scores[cue.kind] += weight;
                language_weight[cue.language] += weight;
            }
            result.cues.push_back(std::move(cue));
        });
    };
    read(strip_subject_prefixes(letter.subject), true);
    const std::string_view own = letter.own_text;
    read(util::trim(own).empty() ? std::string_view(letter.text) : own, false);

    auto first_cue = [&](MailKind kind, bool decisive) -> const Cue* {
        for (const auto& cue : result.cues) {
            if (cue.kind == kind && cue.decisive == decisive) {
                return &cue;
            }
        }
        return nullptr;
    };
    auto decisive_kinds = [&] {
        std::vector<MailKind> kinds;
        for (MailKind kind : k_other_kinds) {
            if (first_cue(kind, true) != nullptr) {
                kinds.push_back(kind);
            }
        }
        return kinds;
    }();
    // The other kind that weighs most (ties: the most telling).
    auto heaviest_other = [&]() -> std::optional<MailKind> {
        std::optional<MailKind> best;
        for (MailKind kind : k_other_kinds) {
            if (scores[kind] > 0 && (!best || scores[kind] > scores[*best])) {
                best = kind;
            }
        }
        return best;
    };

    const Cue* no = first_cue(MailKind::rejection, true);
    if (no != nullptr) {
        const auto next_step =
            std::find_if(decisive_kinds.begin(), decisive_kinds.end(), is_next_step);
        if (next_step != decisive_kinds.end()) {
            const Cue* yes = first_cue(*next_step, true);
            result.kind = MailKind::unsure;
            result.decided_by = {*no, *yes};
            result.why = quote(no->phrase) + " says no, but " + quote(yes->phrase) + " reads as " +
                         std::string(kind_description(*next_step));
        } else {
            result.kind = MailKind::rejection;
            for (const auto& cue : result.cues) {
                if (cue.kind == MailKind::rejection && cue.decisive &&
                    result.decided_by.size() < 3) {
                    result.decided_by.push_back(cue);
                }
            }
            result.why = quote(no->phrase);
        }
    } else if (!decisive_kinds.empty()) {
        MailKind kind = decisive_kinds.front();
        for (MailKind k : decisive_kinds) {
            if (scores[k] > scores[kind]) {
                kind = k;
            }
        }
        const Cue* cue = first_cue(kind, true);
        result.kind = kind;
        result.decided_by = {*cue};
        result.why = quote(cue->phrase);
    } else if (const Cue* weak_no = first_cue(MailKind::rejection, false)) {
        result.kind = MailKind::unsure;
        result.decided_by = {*weak_no};
        result.why = "only " + quote(weak_no->phrase) + ", which alone does not say no";
    } else if (auto kind = heaviest_other()) {
        const Cue* cue = first_cue(*kind, false);
        result.kind = *kind;
        result.decided_by = {*cue};
        result.why = quote(cue->phrase);
    } else {
        result.kind = MailKind::other;
        result.why = "nothing in it says no";
    }

    int best_weight = 0;
    for (const Language* language : detail::languages()) {
        const int weight = language_weight[std::string(language->code)];
        if (weight > best_weight) {
            best_weight = weight;
            result.language = std::string(language->code);
        }
    }
    return result;
}

} // namespace bb::mail
