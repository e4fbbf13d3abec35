// French: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"le",    "la",   "les",  "et",  "vous", "nous",
                                                 "votre", "pour", "des",  "une", "est",  "avec",
                                                 "pas",   "que",  "dans", "au"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"pas * suite favorable|positive", K::rejection, decisive},
    {"pas * donner suite", K::rejection, decisive},
    {"pas suite à", K::rejection, decisive},
    {"pas * retenu|retenue|retenus|retenues|sélectionné|sélectionnée", K::rejection, decisive},
    {"non retenu|retenue", K::rejection, decisive},
    {"retenu|retenue|choisi|privilégié|opté|orienté|poursuivre|poursuivons * autre|autres "
     "candidat*|profil*|personne*|candidature*",
     K::rejection, decisive},
    {"pas * poursuivre|poursuivi|poursuivrons|continuer|avancer", K::rejection, decisive},
    {"regret * informer|annoncer|pas", K::rejection, decisive},
    {"poste * pourvu|pourvue", K::rejection, decisive},
    {"profil * ne correspond* pas", K::rejection, decisive},
    {"pas * convier|inviter|convié|invité", K::rejection, decisive},
    {"réponse négative|défavorable", K::rejection, decisive},
    {"malheureusement", K::rejection, supporting},
    {"regret|regrettons", K::rejection, supporting},
    {"bonne continuation|chance", K::rejection, supporting},
    {"conserver|garder|conservons|gardons * cv|candidature|profil", K::rejection, supporting},
    {"futures|prochaines opportunités|offres", K::rejection, supporting},
    // ---- acknowledgement ----
    {"reçu * candidature|cv", K::acknowledgement, decisive},
    {"accusé|accusons * réception", K::acknowledgement, decisive},
    {"candidature * été * enregistrée|transmise|reçue", K::acknowledgement, decisive},
    {"étudier|examiner|étudierons|examinerons|analyser|analyserons * candidature|profil|cv",
     K::acknowledgement, decisive},
    {"reviendrons vers vous", K::acknowledgement, supporting},
    {"merci * pour * candidature", K::acknowledgement, supporting},
    // ---- interview ----
    {"inviter|convier|invitons|convions * entretien|échange|rencontre|visio*", K::interview,
     decisive},
    {"proposer|proposons * entretien|rendez vous|créneau*|échange", K::interview, decisive},
    {"disponibilités", K::interview, decisive},
    {"invitation * entretien|échange", K::interview, decisive},
    {"rencontrer|échanger", K::interview, supporting},
    {"prochaine étape", K::interview, supporting},
    // ---- assessment ----
    {"merci de|veuillez * compléter|réaliser|passer|remplir * test|exercice|questionnaire|"
     "évaluation|cas",
     K::assessment, decisive},
    {"test technique|exercice technique|cas pratique", K::assessment, supporting},
    // ---- offer ----
    {"plaisir * proposer|offrir * poste|contrat|cdi", K::offer, decisive},
    {"proposition|promesse d' embauche", K::offer, decisive},
    {"bienvenue * équipe|bord", K::offer, decisive},
    {"félicitations", K::offer, supporting},
    // ---- update ----
    {"toujours en cours", K::update, decisive},
    {"pas encore * décision|pris|terminé", K::update, decisive},
    {"plus de temps que prévu", K::update, decisive},
    {"délai|délais", K::update, supporting},
    // ---- job alert or newsletter ----
    {"alerte emploi|emplois", K::newsletter, decisive},
    {"nouvelles offres", K::newsletter, decisive},
    {"offres * correspondant|pour vous", K::newsletter, decisive},
    {"newsletter|lettre d' information", K::newsletter, decisive},
    {"désabonner|désinscrire|désinscription", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"dernier|derniers entretien|entretiens|tour", Stage::final},
    {"entretien|étape final|finale", Stage::final},
    {"dernière étape", Stage::final},
    {"sur site", Stage::onsite},
    {"dans nos locaux", Stage::onsite},
    {"en présentiel", Stage::onsite},
    {"entretien|entretiens technique|techniques", Stage::technical},
    {"test|exercice|échange technique", Stage::technical},
    {"cas pratique", Stage::technical},
    {"étude de cas", Stage::technical},
    {"live coding", Stage::technical},
    {"entretien|entretiens|échange|visio|visioconférence|appel", Stage::screen},
};

constexpr std::string_view k_negations[] = {"ne", "n'", "pas", "jamais", "aucun", "aucune", "non"};
constexpr std::string_view k_conditionals[] = {"si"};
constexpr std::string_view k_role_lead_ins[] = {
    "poste de|d'", "poste", "offre de|d'", "offre", "en tant que|qu'", "candidature pour|au|à",
};
constexpr std::string_view k_company_lead_ins[] = {
    "candidature chez", "chez", "intérêt pour", "portez à", "rejoindre", "au sein de|d'",
};
constexpr std::string_view k_title_words[] = {
    "développeur", "développeuse", "ingénieur",  "ingénieure",     "chef",         "responsable",
    "consultant",  "consultante",  "analyste",   "architecte",     "designer",     "stagiaire",
    "stage",       "alternance",   "alternant",  "technicien",     "technicienne", "chargé",
    "chargée",     "directeur",    "directrice", "administrateur", "gestionnaire", "devops",
    "developer",   "engineer",     "manager",    "lead",
};
constexpr std::string_view k_title_stops[] = {"chez", "au", "à",   "dans", "pour", "et",
                                              "avec", "en", "sur", "qui",  "que",  "a"};
constexpr std::string_view k_team_words[] = {
    "équipe", "equipe",    "recrutement", "ressources", "humaines", "rh",     "talents",
    "talent", "carrières", "carrieres",   "drh",        "service",  "emploi",
};
constexpr std::string_view k_forward_markers[] = {"message transféré"};
constexpr std::string_view k_apple_forward_markers[] = {"début du message réexpédié",
                                                        "début du message transféré"};
constexpr std::string_view k_original_markers[] = {"message d'origine", "message original"};
constexpr std::string_view k_wrote[] = {"écrit"};
constexpr std::string_view k_from[] = {"de", "expéditeur"};
constexpr std::string_view k_date[] = {"date", "envoyé"};
constexpr std::string_view k_subject[] = {"objet", "sujet"};
constexpr std::string_view k_to[] = {"à", "a", "cc", "destinataire"};
constexpr std::string_view k_forward_prefixes[] = {"tr", "transf", "fwd"};
constexpr std::string_view k_reply_prefixes[] = {"re", "rép", "rep"};

} // namespace

const Language k_french = {
    .code = "fr",
    .name = "French",
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
