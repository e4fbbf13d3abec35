// Dutch: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"het",  "een", "en",   "je",   "we", "van",
                                                 "voor", "met", "niet", "jouw", "uw", "bij",
                                                 "ons",  "dat", "wij",  "zijn"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"niet * verder|door * met|in|naar", K::rejection, decisive},
    {"niet * uitnodigen|uit te nodigen", K::rejection, decisive},
    {"gekozen|keuze|besloten|gaan * voor * ander|andere kandida*|sollicitant*|profiel*|persoon",
     K::rejection, decisive},
    {"afwijzing|afwijzen", K::rejection, decisive},
    {"aan een andere kandidaat|kandidate|sollicitant", K::rejection, decisive},
    {"niet * geselecteerd", K::rejection, decisive},
    {"vacature|functie|positie * vervuld|ingevuld|invulling", K::rejection, decisive},
    {"past|passen|sluit|sluiten * niet * aan|bij", K::rejection, decisive},
    {"moeten * teleurstellen", K::rejection, decisive},
    {"niet * in aanmerking", K::rejection, decisive},
    {"helaas", K::rejection, supporting},
    {"succes * verdere|zoektocht|toekomst|loopbaan", K::rejection, supporting},
    {"bewaren * cv|gegevens|sollicitatie", K::rejection, supporting},
    // ---- acknowledgement ----
    {"sollicitatie * ontvangen", K::acknowledgement, decisive},
    {"ontvangstbevestiging", K::acknowledgement, decisive},
    {"bekijken|beoordelen|bestuderen * sollicitatie|cv|profiel|gegevens", K::acknowledgement,
     decisive},
    {"zo snel mogelijk * terug|contact", K::acknowledgement, supporting},
    {"bedankt|dank * voor * sollicitatie|solliciteren", K::acknowledgement, supporting},
    // ---- interview ----
    {"uitnodigen|nodigen ** gesprek*|kennismak*|interview*|sollicitatiegesprek*", K::interview,
     decisive},
    {"uitnodiging * gesprek*|interview*|kennismak*|sollicitatiegesprek*", K::interview, decisive},
    {"inplannen|plannen|afspreken * gesprek|afspraak|interview|moment", K::interview, decisive},
    {"beschikbaarheid", K::interview, decisive},
    {"graag * kennismaken|spreken|ontmoeten", K::interview, decisive},
    {"volgende ronde|stap|fase", K::interview, supporting},
    // ---- assessment ----
    {"maken|invullen|afronden|uitvoeren * opdracht|test|assessment|vragenlijst", K::assessment,
     decisive},
    {"opdracht|assessment|praktijkopdracht", K::assessment, supporting},
    // ---- offer ----
    {"aanbieden * functie|baan|contract|positie", K::offer, decisive},
    {"arbeidsovereenkomst|contractvoorstel|arbeidsvoorwaardenvoorstel", K::offer, decisive},
    {"welkom * team", K::offer, decisive},
    {"gefeliciteerd", K::offer, supporting},
    // ---- update ----
    {"nog * geen * beslissing|besluit", K::update, decisive},
    {"nog * bezig|in behandeling", K::update, decisive},
    {"langer * dan verwacht", K::update, decisive},
    // ---- job alert or newsletter ----
    {"vacaturealert|vacature alert|nieuwsbrief", K::newsletter, decisive},
    {"nieuwe vacatures", K::newsletter, decisive},
    {"vacatures voor jou|u", K::newsletter, decisive},
    {"afmelden|uitschrijven", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"laatste ronde|gesprek|fase", Stage::final},
    {"eindgesprek|finale ronde", Stage::final},
    {"op locatie|kantoor", Stage::onsite},
    {"op ons kantoor", Stage::onsite},
    {"technisch|technische gesprek|interview|opdracht|test", Stage::technical},
    {"praktijkopdracht|programmeeropdracht|case|assessment", Stage::technical},
    {"code review", Stage::technical},
    {"gesprek|gesprekken|sollicitatiegesprek*|kennismakingsgesprek*|kennismaking|videogesprek|"
     "interview*|belafspraak",
     Stage::screen},
    {"telefonisch gesprek", Stage::screen},
};

constexpr std::string_view k_negations[] = {"niet", "geen", "nooit", "noch"};
constexpr std::string_view k_conditionals[] = {"indien", "^als", "^mocht", "^mochten"};
constexpr std::string_view k_role_lead_ins[] = {
    "functie|positie|rol|vacature van|als|voor",
    "functie|positie|vacature",
    "sollicitatie als|voor|naar",
};
constexpr std::string_view k_company_lead_ins[] = {
    "sollicitatie|solliciteren bij",
    "werken bij",
    "interesse in",
    "interesse voor",
};
constexpr std::string_view k_title_words[] = {
    "ontwikkelaar", "engineer",   "developer",   "medewerker", "adviseur",    "consultant",
    "analist",      "beheerder",  "manager",     "architect",  "ontwerper",   "designer",
    "stagiair",     "specialist", "coördinator", "teamleider", "programmeur", "lead",
};
constexpr std::string_view k_title_stops[] = {"bij", "in",  "voor", "en",  "met",
                                              "op",  "aan", "die",  "dat", "binnen"};
constexpr std::string_view k_team_words[] = {
    "werving",   "selectie", "recruitment", "recruiting", "hr",    "personeelszaken", "team",
    "vacatures", "p&o",      "talent",      "afdeling",   "human", "resources",
};
constexpr std::string_view k_forward_markers[] = {"doorgestuurd bericht"};
constexpr std::string_view k_apple_forward_markers[] = {"begin doorgestuurd bericht"};
constexpr std::string_view k_original_markers[] = {"oorspronkelijk bericht", "origineel bericht"};
constexpr std::string_view k_wrote[] = {"schreef"};
constexpr std::string_view k_from[] = {"van"};
constexpr std::string_view k_date[] = {"datum", "verzonden"};
constexpr std::string_view k_subject[] = {"onderwerp"};
constexpr std::string_view k_to[] = {"aan", "cc"};
constexpr std::string_view k_forward_prefixes[] = {"doorst", "fw", "fwd"};
constexpr std::string_view k_reply_prefixes[] = {"re", "antw"};

} // namespace

const Language k_dutch = {
    .code = "nl",
    .name = "Dutch",
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
