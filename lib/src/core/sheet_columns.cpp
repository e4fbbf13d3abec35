#include "bounceback/core/sheet_columns.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace bb {

namespace {

/// Header names for each field, folded (util::fold_key), in the six languages. The record's
/// own key comes first, so a bounceback export maps column for column.
const std::vector<std::pair<SheetField, std::vector<std::string_view>>>& alias_table() {
    static const std::vector<std::pair<SheetField, std::vector<std::string_view>>> table = {
        {SheetField::id, {"id"}},
        {SheetField::company,
         {"company", "company name", "employer", "organisation", "organization", "org", "firm",
          "firma", "unternehmen", "arbeitgeber", "firmenname", "entreprise", "societe",
          "employeur", "nom de l'entreprise", "empresa", "compania", "empleador", "bedrijf",
          "werkgever", "organisatie", "bedrijfsnaam", "companhia", "empregador"}},
        {SheetField::role,
         {"role", "position", "job", "job title", "title", "job position", "position title",
          "job role", "role title", "stelle", "jobtitel", "stellenbezeichnung", "rolle",
          "berufsbezeichnung", "poste", "intitule du poste", "titre du poste", "fonction",
          "puesto", "cargo", "titulo del puesto", "rol", "functie", "vacature", "functietitel",
          "vaga", "funcao", "titulo da vaga"}},
        {SheetField::stage,
         {"stage", "stage reached", "phase", "round", "interview stage", "furthest stage",
          "last stage", "stufe", "runde", "etape", "tour", "etapa", "fase", "ronda", "ronde"}},
        {SheetField::status,
         {"status", "state", "list", "outcome", "result", "application status", "pipeline",
          "stand", "ergebnis", "bewerbungsstatus", "statut", "etat", "resultat", "estado",
          "resultado", "situacion", "uitkomst", "resultaat", "situacao"}},
        {SheetField::date,
         {"date", "rejected", "rejected on", "date rejected", "rejection date", "rejected date",
          "response date", "answer date", "date of rejection", "decision date", "response on",
          "responded", "responded on", "heard back", "heard back on", "absage am",
          "absagedatum", "datum der absage", "abgelehnt am", "date de refus", "date du refus",
          "refuse le", "date de reponse", "fecha de rechazo", "rechazado el",
          "fecha de respuesta", "datum afwijzing", "afgewezen op", "datum reactie",
          "data da recusa", "data de rejeicao", "recusado em", "data da resposta"}},
        {SheetField::applied,
         {"applied", "applied on", "applied date", "date applied", "application date",
          "applied at", "date of application", "submitted", "date submitted",
          "submission date", "beworben am", "bewerbungsdatum", "datum der bewerbung",
          "beworben", "date de candidature", "candidature le", "postule le", "date d'envoi",
          "fecha de solicitud", "fecha de postulacion", "fecha de aplicacion", "aplicado el",
          "sollicitatiedatum", "gesolliciteerd op", "datum sollicitatie", "data de candidatura",
          "data da candidatura", "candidatado em", "data de aplicacao"}},
        {SheetField::status_change,
         {"last status change", "status changed", "status change date", "status updated",
          "status date", "last status update", "stage changed", "statusanderung",
          "status geandert", "letzte statusanderung", "changement de statut", "date du statut",
          "cambio de estado", "fecha de estado", "statuswijziging", "mudanca de status",
          "data do status"}},
        {SheetField::last_contact,
         {"last contact", "last contacted", "last contact date", "last activity",
          "last response", "last heard", "letzter kontakt", "dernier contact",
          "ultimo contacto", "laatste contact", "ultimo contato"}},
        {SheetField::updated,
         {"updated", "last updated", "updated at", "last modified", "modified", "last edited",
          "last edited time", "edited", "aktualisiert", "zuletzt bearbeitet", "geandert",
          "mis a jour", "modifie", "derniere modification", "actualizado",
          "ultima modificacion", "modificado", "bijgewerkt", "laatst bijgewerkt", "gewijzigd",
          "atualizado", "ultima atualizacao"}},
        {SheetField::source,
         {"source", "found on", "found via", "channel", "platform", "job board", "where found",
          "via", "quelle", "kanal", "gefunden uber", "plattform", "jobborse", "canal",
          "plateforme", "trouve via", "fuente", "portal", "bron", "kanaal", "vindplaats", "fonte",
          "origem"}},
        {SheetField::contact,
         {"contact", "contact person", "recruiter", "contact name", "hiring manager",
          "recruiter name", "point of contact", "ansprechpartner", "ansprechperson", "kontakt",
          "kontaktperson", "interlocuteur", "recruteur", "personne de contact", "contacto",
          "reclutador", "persona de contacto", "contactpersoon", "contato", "recrutador",
          "pessoa de contato"}},
        {SheetField::email,
         {"email", "e mail", "contact email", "email address", "mail", "recruiter email",
          "e mail adresse", "adresse e mail", "courriel", "correo", "correo electronico",
          "e mailadres"}},
        {SheetField::reason,
         {"reason", "rejection reason", "reason given", "why", "grund", "absagegrund",
          "ablehnungsgrund", "begrundung", "raison", "motif", "motif du refus",
          "raison du refus", "motivo", "razon", "motivo del rechazo", "reden",
          "reden afwijzing", "razao", "motivo da recusa"}},
        {SheetField::note,
         {"note", "notes", "comment", "comments", "remarks", "notizen", "notiz", "bemerkung",
          "bemerkungen", "kommentar", "anmerkungen", "remarques", "commentaire",
          "commentaires", "observations", "notas", "nota", "comentarios", "observaciones",
          "notities", "opmerkingen", "aantekeningen", "observacoes"}},
        {SheetField::tags,
         {"tags", "tag", "labels", "label", "keywords", "categories", "category",
          "schlagworter", "stichworter", "schlagworte", "kategorien", "etiquettes",
          "mots cles", "etiquetas", "categorias", "trefwoorden", "etiketten", "categorieen",
          "marcadores"}},
        {SheetField::feeling,
         {"feeling", "mood", "how i feel", "gefuhl", "stimmung", "ressenti", "humeur",
          "sentimiento", "animo", "gevoel", "stemming", "sentimento", "humor"}},
        {SheetField::key, {"key"}},
        {SheetField::feedback_requested, {"feedback requested"}},
        {SheetField::feedback_received, {"feedback received"}},
        {SheetField::feedback_followed_up, {"feedback followed up"}},
        {SheetField::feedback_text,
         {"feedback text", "feedback", "ruckmeldung", "retour", "retroalimentacion",
          "devolutiva"}},
        {SheetField::feedback_areas, {"feedback areas"}},
        {SheetField::date_estimated, {"date estimated"}},
        {SheetField::location,
         {"location", "city", "place", "ort", "standort", "arbeitsort", "lieu", "ville",
          "localisation", "ubicacion", "ciudad", "lugar", "locatie", "plaats", "stad", "local",
          "localizacao", "cidade"}},
        {SheetField::url,
         {"url", "link", "job link", "job url", "posting", "job posting", "posting url",
          "website", "stellenanzeige", "anzeige", "lien", "annonce", "enlace", "link da vaga"}},
        {SheetField::uid, {"uid"}},
    };
    return table;
}

const std::unordered_map<std::string_view, SheetField>& alias_index() {
    static const std::unordered_map<std::string_view, SheetField> index = [] {
        std::unordered_map<std::string_view, SheetField> out;
        for (const auto& [field, names] : alias_table()) {
            for (auto name : names) {
                out.emplace(name, field);
            }
        }
        return out;
    }();
    return index;
}

} // namespace

std::string_view sheet_field_name(SheetField field) {
    switch (field) {
    case SheetField::id:
        return "id";
    case SheetField::company:
        return "company";
    case SheetField::role:
        return "role";
    case SheetField::stage:
        return "stage";
    case SheetField::date:
        return "date";
    case SheetField::applied:
        return "applied";
    case SheetField::source:
        return "source";
    case SheetField::contact:
        return "contact";
    case SheetField::email:
        return "email";
    case SheetField::reason:
        return "reason";
    case SheetField::note:
        return "note";
    case SheetField::tags:
        return "tags";
    case SheetField::feeling:
        return "feeling";
    case SheetField::key:
        return "key";
    case SheetField::feedback_requested:
        return "feedback_requested";
    case SheetField::feedback_received:
        return "feedback_received";
    case SheetField::feedback_followed_up:
        return "feedback_followed_up";
    case SheetField::feedback_text:
        return "feedback_text";
    case SheetField::feedback_areas:
        return "feedback_areas";
    case SheetField::date_estimated:
        return "date_estimated";
    case SheetField::status:
        return "status";
    case SheetField::status_change:
        return "status change";
    case SheetField::last_contact:
        return "last contact";
    case SheetField::updated:
        return "updated";
    case SheetField::location:
        return "location";
    case SheetField::uid:
        return "uid";
    case SheetField::url:
        break;
    }
    return "url";
}

bool is_record_field(SheetField field) {
    switch (field) {
    case SheetField::status:
    case SheetField::status_change:
    case SheetField::last_contact:
    case SheetField::updated:
    case SheetField::location:
        return false;
    default:
        return true;
    }
}

std::optional<SheetField> field_of_header(std::string_view header) {
    const std::string folded = util::fold_key(header);
    if (auto it = alias_index().find(folded); it != alias_index().end()) {
        return it->second;
    }
    return std::nullopt;
}

const std::vector<HeaderAlias>& header_aliases() {
    static const std::vector<HeaderAlias> all = [] {
        std::vector<HeaderAlias> out;
        for (const auto& [field, names] : alias_table()) {
            for (auto name : names) {
                out.push_back(HeaderAlias{name, field});
            }
        }
        return out;
    }();
    return all;
}

std::vector<std::optional<SheetField>> map_sheet_columns(const std::vector<std::string>& header,
                                                         std::vector<std::size_t>* duplicates) {
    std::vector<std::optional<SheetField>> fields;
    std::vector<SheetField> taken;
    std::optional<std::size_t> name_column;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (util::fold_key(header[i]) == "name" && !name_column) {
            name_column = i;
            fields.emplace_back();
            continue;
        }
        auto field = field_of_header(header[i]);
        if (field && std::find(taken.begin(), taken.end(), *field) != taken.end()) {
            if (duplicates != nullptr) {
                duplicates->push_back(i);
            }
            field.reset();
        }
        if (field) {
            taken.push_back(*field);
        }
        fields.push_back(field);
    }
    if (name_column) {
        // Notion's title column: the role beside a company column, else the company.
        const bool has_company =
            std::find(taken.begin(), taken.end(), SheetField::company) != taken.end();
        const SheetField field = has_company ? SheetField::role : SheetField::company;
        if (std::find(taken.begin(), taken.end(), field) == taken.end()) {
            fields[*name_column] = field;
        } else if (duplicates != nullptr) {
            duplicates->push_back(*name_column);
        }
    }
    return fields;
}

} // namespace bb
