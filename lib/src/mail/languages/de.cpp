// German: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"und",  "der",   "die",   "das", "wir", "sie",
                                                 "ihre", "ihnen", "nicht", "für", "mit", "uns",
                                                 "ist",  "dass",  "haben", "den"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"absage|absagen", K::rejection, decisive},
    {"für|zugunsten * anderen|andere|anderer|anderes * bewerber*|kandidat*|person*|profil*",
     K::rejection, decisive},
    {"entschieden * mit * andere|anderen|anderer bewerber*|kandidat*|person*|profil*", K::rejection,
     decisive},
    {"nicht * berücksichtig*", K::rejection, decisive},
    {"nicht * engere|engeren * wahl|auswahl", K::rejection, decisive},
    {"nicht * weiter|weiterhin * verfolgen|berücksichtigen|betrachten|fortsetzen|fortführen",
     K::rejection, decisive},
    {"keine * positive|positiven|erfreuliche|erfreulichen * rückmeldung|nachricht|entscheidung|"
     "antwort",
     K::rejection, decisive},
    {"keine zusage", K::rejection, decisive},
    {"nicht * einladen|einzuladen", K::rejection, decisive},
    {"nicht * erfolgreich", K::rejection, decisive},
    {"gegen * entschieden", K::rejection, decisive},
    {"anderweitig * besetzt|vergeben|entschieden", K::rejection, decisive},
    {"stelle|position|vakanz * bereits|inzwischen|mittlerweile * besetz*|vergeben", K::rejection,
     decisive},
    {"entspricht|entsprechen|passt|passen * nicht * anforderung*|vorstellung*|profil|suche",
     K::rejection, decisive},
    {"profil * nicht * überein|entspricht|passt", K::rejection, decisive},
    {"bedauern * mitteilen|mitzuteilen", K::rejection, decisive},
    {"leider * mitteilen|mitzuteilen * dass", K::rejection, supporting},
    {"leider", K::rejection, supporting},
    {"bedauern|bedauerlicherweise", K::rejection, supporting},
    {"viel erfolg|glück", K::rejection, supporting},
    {"unterlagen * zurück|löschen|vernichten", K::rejection, supporting},
    {"zukünftig*|künftig* * stellen|ausschreibung*|positionen", K::rejection, supporting},
    // ---- acknowledgement ----
    {"bewerbung|unterlagen * erhalten|eingegangen|empfangen", K::acknowledgement, decisive},
    {"eingangsbestätigung", K::acknowledgement, decisive},
    {"bestätigen * eingang", K::acknowledgement, decisive},
    {"bewerbung * prüfen|sichten|ansehen|anschauen", K::acknowledgement, decisive},
    {"werden|wird * bewerbung|unterlagen * prüfen|sichten|bearbeiten", K::acknowledgement,
     decisive},
    {"melden uns * bei ihnen|dir|bald|zeitnah", K::acknowledgement, supporting},
    {"danke|dank * für * bewerbung", K::acknowledgement, supporting},
    // ---- interview ----
    {"laden * zu|zum * gespräch*|vorstellungsgespräch*|interview*|kennenlernen|termin*",
     K::interview, decisive},
    {"gespräch*|vorstellungsgespräch*|interview*|kennenlernen * einladen|einzuladen", K::interview,
     decisive},
    {"einladung * gespräch*|vorstellungsgespräch*|interview*|kennenlern*|termin", K::interview,
     decisive},
    {"termin* * vorschlag|vorschläge|vereinbaren|abstimmen|finden|bestätig*|auswählen",
     K::interview, decisive},
    {"verfügbarkeit|verfügbarkeiten", K::interview, decisive},
    {"nächste|nächsten * runde|schritt|phase", K::interview, supporting},
    {"kennenlernen|kennenzulernen", K::interview, supporting},
    {"freuen uns * gespräch", K::interview, supporting},
    // ---- assessment ----
    {"bitte * bearbeiten|lösen|absolvieren|ausfüllen * aufgabe|test|assessment|case|fragebogen",
     K::assessment, decisive},
    {"aufgabe|test|assessment * bis zum|innerhalb", K::assessment, decisive},
    {"online test|onlinetest|probeaufgabe|testaufgabe|codingaufgabe|programmieraufgabe",
     K::assessment, supporting},
    // ---- offer ----
    {"freuen * ihnen|dir * angebot|vertragsangebot|zusage|vertrag", K::offer, decisive},
    {"willkommen * team|bord", K::offer, decisive},
    {"arbeitsvertrag|vertragsangebot", K::offer, supporting},
    {"herzlichen glückwunsch", K::offer, supporting},
    // ---- update ----
    {"noch * keine entscheidung", K::update, decisive},
    {"noch nicht * entschieden|abgeschlossen", K::update, decisive},
    {"dauert * länger", K::update, decisive},
    {"noch * sichtung|prüfung|auswahlprozess|auswahlverfahren", K::update, decisive},
    {"auf dem laufenden", K::update, supporting},
    // ---- job alert or newsletter ----
    {"jobalarm|jobagent|newsletter|stellenalarm", K::newsletter, decisive},
    {"job alarm|agent", K::newsletter, decisive},
    {"neue|passende * jobs|stellen|stellenangebote * für sie|dich", K::newsletter, decisive},
    {"abmelden|abbestellen", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"finale|finalen|letzte|letzten runde|gespräch|gesprächsrunde", Stage::final},
    {"abschlussgespräch*", Stage::final},
    {"vor ort", Stage::onsite},
    {"persönliche|persönlichen gespräch*|kennenlernen", Stage::onsite},
    {"assessment center", Stage::onsite},
    {"technische|technischen|technisches interview*|gespräch*|test|runde", Stage::technical},
    {"fachgespräch*|fachinterview*|coding*|programmieraufgabe*|probeaufgabe*|testaufgabe*|"
     "fallstudie*|codingaufgabe*",
     Stage::technical},
    {"take home", Stage::technical},
    {"pair programming", Stage::technical},
    {"telefoninterview*|telefongespräch*|telefonat|kennenlerngespräch*|erstgespräch*|"
     "videointerview*|videocall|videogespräch*|vorstellungsgespräch*|interview*",
     Stage::screen},
    {"gespräch|gespräche|gesprächs|austausch", Stage::screen},
};

constexpr std::string_view k_negations[] = {"nicht",  "kein",   "keine", "keinen",
                                            "keinem", "keiner", "nie",   "niemals"};
constexpr std::string_view k_conditionals[] = {"falls", "wenn", "sofern", "^sollten", "^sollte"};
constexpr std::string_view k_role_lead_ins[] = {
    "bewerbung|bewerbungen als|für|auf",
    "stelle|position|tätigkeit als",
    "stelle|position des|der|zum|zur",
    "interesse an der stelle|position",
};
constexpr std::string_view k_company_lead_ins[] = {
    "bewerbung|bewerbungen bei", "interesse an|am|für", "karriere bei",
    "arbeiten bei|für",          "einstieg bei",        "team von",
};
constexpr std::string_view k_title_words[] = {
    "entwickler", "entwicklerin",   "ingenieur",    "ingenieurin",   "berater",       "beraterin",
    "leiter",     "leiterin",       "manager",      "managerin",     "architekt",     "architektin",
    "analyst",    "analystin",      "designer",     "designerin",    "administrator", "referent",
    "referentin", "sachbearbeiter", "techniker",    "werkstudent",   "praktikant",    "praktikum",
    "trainee",    "spezialist",     "spezialistin", "experte",       "expertin",      "consultant",
    "engineer",   "developer",      "informatiker", "programmierer", "kaufmann",      "kauffrau",
};
constexpr std::string_view k_title_stops[] = {"bei", "in",  "für", "an",  "am", "im",
                                              "zum", "zur", "und", "mit", "ab", "vom"};
constexpr std::string_view k_team_words[] = {
    "personalabteilung",
    "personal",
    "personalwesen",
    "recruiting",
    "recruitingteam",
    "team",
    "karriere",
    "bewerbermanagement",
    "talent",
    "hr",
    "personalmanagement",
    "abteilung",
    "personalteam",
    "bewerbungsteam",
};
constexpr std::string_view k_forward_markers[] = {"weitergeleitete nachricht",
                                                  "weitergeleitete e-mail"};
constexpr std::string_view k_apple_forward_markers[] = {"anfang der weitergeleiteten nachricht"};
constexpr std::string_view k_original_markers[] = {"ursprüngliche nachricht", "originalnachricht"};
constexpr std::string_view k_wrote[] = {"schrieb"};
constexpr std::string_view k_from[] = {"von"};
constexpr std::string_view k_date[] = {"datum", "gesendet"};
constexpr std::string_view k_subject[] = {"betreff"};
constexpr std::string_view k_to[] = {"an", "cc", "kopie"};
constexpr std::string_view k_forward_prefixes[] = {"wg", "wtr", "weitergeleitet"};
constexpr std::string_view k_reply_prefixes[] = {"aw", "antw"};

} // namespace

const Language k_german = {
    .code = "de",
    .name = "German",
    .function_words = k_function_words,
    .cues = k_cues,
    .stages = k_stages,
    .negations = k_negations,
    .conditionals = k_conditionals,
    .role_lead_ins = k_role_lead_ins,
    .role_nouns_after = {},
    .company_lead_ins = k_company_lead_ins,
    .title_words = k_title_words,
    .title_stops = k_title_stops,
    .team_words = k_team_words,
    .forward_markers = k_forward_markers,
    .apple_forward_markers = k_apple_forward_markers,
    .original_markers = k_original_markers,
    .wrote_words = k_wrote,
    .from_fields = k_from,
    .date_fields = k_date,
    .subject_fields = k_subject,
    .to_fields = k_to,
    .forward_prefixes = k_forward_prefixes,
    .reply_prefixes = k_reply_prefixes,
};

} // namespace bb::mail::detail
