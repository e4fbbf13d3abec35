#pragma once
// The short words people write in a status or stage cell of a job-search sheet or tracker
// ("Rejected", "Absage", "Phone screen", "Take-home", "Entretien final"), in English, German,
// French, Spanish, Dutch and Portuguese, and what they mean to bounceback. Matching folds case,
// accents, spaces, hyphens and underscores (util::fold_key). For cell words, not for prose.

#include "bounceback/core/records.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// Where an application stands, as a status cell says it.
enum class RowStatus {
    rejected,  ///< the employer said no
    ghosted,   ///< no answer ever came
    offer,     ///< an offer (accepted or not)
    open,      ///< still going: saved, applied, interviewing
    withdrawn, ///< the person stepped back
};

/// "rejected", "ghosted", "offer", "open" or "withdrawn".
std::string_view row_status_name(RowStatus status);

/// What a status or stage cell says: a status, a stage, or both ("Rejected after onsite").
struct CellMeaning {
    std::optional<RowStatus> status;
    std::optional<Stage> stage;
};

/// The meaning of a status cell such as "Not selected", "Absage", "En cours", "Wishlist",
/// "Phone screen" (a stage alone means the application is still open at that stage), or a
/// rejection word followed by a stage ("Rejected - onsite", "Absage nach Telefoninterview").
/// nullopt for a word it does not know.
std::optional<CellMeaning> status_from_word(std::string_view cell);

/// The stage a stage cell names: "phone screen" → screen, "take-home" → technical,
/// "final round" → final, "panel" → onsite, "applied" → application, and bounceback's own
/// names. nullopt for a word it does not know.
std::optional<Stage> stage_from_word(std::string_view cell);

/// True when `meaning`, read from a stage column, can only be a status: a rejection, no
/// answer, a withdrawal, or an open word that is not a stage ("Wishlist", "Interviewing").
/// A stage column holding such a cell is a pipeline column: it holds the status.
bool names_status_only(const CellMeaning& meaning);

/// One entry of the vocabulary, for documentation and tests.
struct VocabularyEntry {
    std::string_view word;            ///< folded
    std::optional<RowStatus> status;  ///< set for a status word
    std::optional<Stage> stage;       ///< set for a stage word
};

/// Every word known, folded, as the lookups see them.
const std::vector<VocabularyEntry>& vocabulary();

} // namespace bb
