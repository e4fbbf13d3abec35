#include "bounceback/core/vocabulary.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace bb {

namespace {

/// Words for each stage, folded (util::fold_key), in the six languages; bounceback's own
/// names first.
const std::vector<std::pair<Stage, std::vector<std::string_view>>>& stage_words() {
    static const std::vector<std::pair<Stage, std::vector<std::string_view>>> words = {
        {Stage::application,
         {"application", "applied", "apply", "submitted", "application submitted", "sent",
          "cv sent", "resume sent", "cv screen", "resume screen", "resume review",
          // de
          "beworben", "bewerbung", "bewerbung gesendet", "bewerbung verschickt",
          "unterlagen gesendet",
          // fr
          "candidature", "candidature envoyee", "postule", "cv envoye",
          // es
          "solicitud", "solicitud enviada", "aplicado", "postulado", "postulacion", "cv enviado",
          // nl
          "sollicitatie", "gesolliciteerd", "sollicitatie verstuurd", "cv verstuurd",
          // pt
          "candidatura", "candidatura enviada", "candidatado", "aplicacao"}},
        {Stage::screen,
         {"screen", "screening", "phone screen", "phone screening", "phone call",
          "phone interview", "recruiter screen", "recruiter call", "recruiter interview",
          "hr screen", "hr interview", "hr call", "intro call", "introductory call",
          "initial call", "first call", "first interview", "first round", "interview",
          "video call",
          // de
          "telefoninterview", "telefonat", "telefonisches interview", "erstgesprach",
          "erstes gesprach", "hr gesprach", "kennenlerngesprach", "vorstellungsgesprach",
          "gesprach",
          // fr
          "entretien telephonique", "appel", "appel telephonique", "appel rh", "entretien rh",
          "preselection", "premier entretien", "entretien",
          // es
          "entrevista telefonica", "llamada", "llamada telefonica", "entrevista rrhh",
          "entrevista de rrhh", "primera entrevista", "preseleccion", "entrevista",
          // nl
          "telefonisch interview", "telefoongesprek", "telefonisch gesprek", "eerste gesprek",
          "kennismakingsgesprek", "hr gesprek", "sollicitatiegesprek", "gesprek",
          // pt
          "entrevista por telefone", "triagem", "primeira entrevista", "entrevista rh",
          "ligacao"}},
        {Stage::technical,
         {"technical", "tech", "technical interview", "tech interview", "technical screen",
          "tech screen", "coding interview", "coding challenge", "coding test",
          "coding exercise", "take home", "take home test", "take home assignment",
          "take home challenge", "home assignment", "assignment", "case study",
          "case interview", "assessment", "online assessment", "technical test",
          "technical assessment", "pair programming", "live coding", "system design", "test",
          "online test", "hackerrank", "codesignal", "codility",
          // de
          "technisches interview", "technisches gesprach", "fachgesprach", "fachinterview",
          "fachliches gesprach", "probeaufgabe", "programmieraufgabe", "coding aufgabe",
          "fallstudie", "einstufungstest",
          // fr
          "entretien technique", "test technique", "exercice technique", "exercice",
          "cas pratique", "etude de cas",
          // es
          "entrevista tecnica", "prueba tecnica", "prueba", "caso practico",
          "ejercicio tecnico", "reto tecnico",
          // nl
          "technisch interview", "technisch gesprek", "technische test", "technische opdracht",
          "opdracht", "thuisopdracht", "case",
          // pt
          "teste tecnico", "desafio tecnico", "teste", "estudo de caso"}},
        {Stage::onsite,
         {"onsite", "on site", "onsite interview", "on site interview", "virtual onsite",
          "panel", "panel interview", "loop", "interview loop", "superday", "in person",
          "in person interview",
          // de
          "vor ort", "vor ort termin", "vor ort gesprach", "panelgesprach", "assessment center",
          "assessment centre", "prasenzgesprach",
          // fr
          "sur site", "entretien sur site", "entretien sur place", "panel d entretiens",
          "centre d evaluation",
          // es, pt
          "presencial", "entrevista presencial", "panel de entrevistas", "painel",
          "dinamica de grupo",
          // nl
          "op locatie", "op kantoor", "panelgesprek", "gesprek op locatie"}},
        {Stage::final,
         {"final", "final round", "final interview", "final stage", "last round",
          "final round interview", "finals", "executive interview",
          // de
          "endrunde", "finale runde", "letzte runde", "abschlussgesprach", "finales gesprach",
          // fr
          "entretien final", "dernier entretien", "tour final", "derniere etape",
          // es
          "entrevista final", "ronda final", "ultima ronda", "ultima entrevista",
          // nl
          "laatste ronde", "eindgesprek", "laatste gesprek",
          // pt
          "rodada final", "ultima etapa", "etapa final"}},
        {Stage::offer,
         {"offer", "offer received", "offer stage", "angebot", "vertragsangebot", "offre",
          "offre recue", "oferta", "oferta recibida", "aanbod", "aanbieding", "proposta",
          "oferta recebida"}},
    };
    return words;
}

/// Status words, folded, in the six languages.
const std::vector<std::pair<RowStatus, std::vector<std::string_view>>>& status_words() {
    static const std::vector<std::pair<RowStatus, std::vector<std::string_view>>> words = {
        {RowStatus::rejected,
         {"rejected", "rejection", "not selected", "declined", "turned down", "no offer",
          "not moving forward", "not progressing", "unsuccessful", "position filled",
          "role filled", "denied", "no",
          // de
          "abgelehnt", "absage", "abgesagt", "ablehnung", "nicht ausgewahlt",
          "nicht berucksichtigt", "negativ",
          // fr
          "refuse", "refusee", "refus", "rejete", "rejetee", "non retenu", "non retenue",
          "candidature refusee", "pas retenu", "pas retenue",
          // es
          "rechazado", "rechazada", "rechazo", "descartado", "descartada", "no seleccionado",
          "no seleccionada", "denegado", "no aceptado",
          // nl
          "afgewezen", "afwijzing", "niet geselecteerd", "niet aangenomen",
          // pt
          "recusado", "recusada", "recusa", "rejeitado", "rejeitada", "nao selecionado",
          "nao selecionada", "reprovado", "reprovada", "negado"}},
        {RowStatus::ghosted,
         {"ghosted", "ghost", "no answer", "no response", "no reply", "never heard back",
          "no news", "silence",
          // de
          "keine antwort", "keine ruckmeldung", "ohne antwort", "ohne ruckmeldung",
          // fr
          "pas de reponse", "sans reponse", "sans nouvelles", "aucune reponse",
          // es
          "sin respuesta", "sin noticias", "sin contestacion",
          // nl
          "geen reactie", "geen antwoord", "nooit iets gehoord",
          // pt
          "sem resposta", "sem retorno", "sem noticias"}},
        {RowStatus::offer,
         {"accepted", "offer accepted", "hired", "got the job", "job accepted", "negotiating",
          "negotiation",
          // de
          "zusage", "eingestellt", "angenommen", "vertrag unterschrieben",
          // fr
          "offre acceptee", "accepte", "embauche", "recrute",
          // es
          "oferta aceptada", "contratado", "contratada", "aceptado",
          // nl
          "aangenomen", "aanbod geaccepteerd",
          // pt
          "proposta aceita", "aceito", "aprovado"}},
        {RowStatus::withdrawn,
         {"withdrawn", "withdrew", "withdraw", "i withdrew", "declined offer", "offer declined",
          "not interested", "no longer interested", "cancelled", "canceled", "abandoned",
          // de
          "zuruckgezogen", "abgebrochen", "kein interesse",
          // fr
          "retire", "retiree", "desiste", "desistement", "abandonne", "plus interesse",
          // es
          "retirado", "retirada", "desisti", "desistido", "cancelado", "cancelada",
          "ya no me interesa",
          // nl
          "teruggetrokken", "ingetrokken", "geannuleerd", "geen interesse",
          // pt
          "desistencia", "desistiu"}},
        {RowStatus::open,
         {"wishlist", "wish list", "saved", "bookmarked", "interested", "to apply",
          "not applied", "not yet applied", "planned", "applying", "in progress", "pending",
          "waiting", "awaiting response", "interviewing", "active", "open", "ongoing",
          "under review", "in review", "in process", "follow up", "followed up",
          // de
          "merkliste", "wunschliste", "gespeichert", "offen", "in bearbeitung", "laufend",
          "ausstehend", "in prufung", "warten", "wartet", "interessant", "zu bewerben",
          // fr
          "a postuler", "en cours", "en attente", "en cours d examen", "interesse",
          "sauvegarde",
          // es
          "en curso", "en proceso", "pendiente", "en espera", "en revision", "guardado",
          "por aplicar",
          // nl
          "lopend", "in behandeling", "wachten", "in afwachting", "bewaard",
          "te solliciteren",
          // pt
          "em andamento", "em processo", "pendente", "aguardando", "em analise", "salvo",
          "a candidatar"}},
    };
    return words;
}

/// Words that join a rejection word to the stage it came at: "after", "nach", "apres" …
bool is_joining_word(std::string_view word) {
    static constexpr std::string_view words[] = {
        "after", "at", "in", "during", "following", "nach", "im", "beim", "bei", "in der",
        "apres", "au", "a", "lors", "lors du", "tras", "despues de", "en", "durante", "na", "bij",
        "apos", "no", "on"};
    return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

struct Index {
    std::unordered_map<std::string_view, Stage> stages;
    std::unordered_map<std::string_view, RowStatus> statuses;
    std::vector<VocabularyEntry> entries;
};

const Index& index() {
    static const Index built = [] {
        Index ix;
        for (const auto& [stage, words] : stage_words()) {
            for (auto w : words) {
                ix.stages.emplace(w, stage);
            }
        }
        for (const auto& [status, words] : status_words()) {
            for (auto w : words) {
                ix.statuses.emplace(w, status);
            }
        }
        for (const auto& [word, stage] : ix.stages) {
            auto it = ix.statuses.find(word);
            ix.entries.push_back(VocabularyEntry{
                word, it == ix.statuses.end() ? std::nullopt : std::optional(it->second), stage});
        }
        for (const auto& [word, status] : ix.statuses) {
            if (!ix.stages.contains(word)) {
                ix.entries.push_back(VocabularyEntry{word, status, std::nullopt});
            }
        }
        std::sort(ix.entries.begin(), ix.entries.end(),
                  [](const auto& a, const auto& b) { return a.word < b.word; });
        return ix;
    }();
    return built;
}

/// `text` without spaces and punctuation at either end: "(onsite)" → "onsite".
std::string_view strip_punctuation(std::string_view text) {
    auto edge = [](char c) {
        return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80);
    };
    while (!text.empty() && edge(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && edge(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<Stage> stage_of_folded(std::string_view folded) {
    const auto& stages = index().stages;
    if (auto it = stages.find(folded); it != stages.end()) {
        return it->second;
    }
    return std::nullopt;
}

} // namespace

std::string_view row_status_name(RowStatus status) {
    switch (status) {
    case RowStatus::rejected:
        return "rejected";
    case RowStatus::ghosted:
        return "ghosted";
    case RowStatus::offer:
        return "offer";
    case RowStatus::open:
        return "open";
    case RowStatus::withdrawn:
        break;
    }
    return "withdrawn";
}

std::optional<Stage> stage_from_word(std::string_view cell) {
    const std::string folded = util::fold_key(cell);
    return stage_of_folded(strip_punctuation(folded));
}

std::optional<CellMeaning> status_from_word(std::string_view cell) {
    const std::string folded_cell = util::fold_key(cell);
    const std::string_view folded = strip_punctuation(folded_cell);
    const auto& statuses = index().statuses;
    if (auto it = statuses.find(folded); it != statuses.end()) {
        CellMeaning meaning{it->second, stage_of_folded(folded)};
        if (it->second != RowStatus::offer) {
            meaning.stage.reset();
        }
        return meaning;
    }
    if (auto stage = stage_of_folded(folded)) {
        return CellMeaning{*stage == Stage::offer ? RowStatus::offer : RowStatus::open, stage};
    }
    // "Rejected - onsite", "Absage nach Telefoninterview": an ending status, then a stage.
    for (std::size_t cut = folded.find(' '); cut != std::string_view::npos;
         cut = folded.find(' ', cut + 1)) {
        const std::string_view head = strip_punctuation(folded.substr(0, cut));
        auto it = statuses.find(head);
        if (it == statuses.end() || it->second == RowStatus::open ||
            it->second == RowStatus::offer) {
            continue;
        }
        std::string_view rest = strip_punctuation(folded.substr(cut));
        for (bool stripped = true; stripped;) {
            stripped = false;
            const auto space = rest.find(' ');
            if (space != std::string_view::npos && is_joining_word(rest.substr(0, space))) {
                rest = strip_punctuation(rest.substr(space));
                stripped = true;
            }
        }
        if (auto stage = stage_of_folded(rest)) {
            return CellMeaning{it->second, stage};
        }
    }
    return std::nullopt;
}

bool names_status_only(const CellMeaning& meaning) {
    if (!meaning.status) {
        return false;
    }
    switch (*meaning.status) {
    case RowStatus::rejected:
    case RowStatus::ghosted:
    case RowStatus::withdrawn:
        return true;
    case RowStatus::open:
        return !meaning.stage.has_value();
    case RowStatus::offer:
        return false;
    }
    return false;
}

const std::vector<VocabularyEntry>& vocabulary() {
    return index().entries;
}

} // namespace bb
