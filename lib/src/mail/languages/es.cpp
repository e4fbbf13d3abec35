// Spanish: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"el",  "los",  "las", "y",     "que", "tu",
                                                 "su",  "para", "con", "hemos", "por", "del",
                                                 "una", "en",   "nos", "muy"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"no * continuar|avanzar|seguir|continuaremos|avanzaremos|seguiremos|avanzar * con|en * "
     "candidatura|proceso|tu|su|usted|ti",
     K::rejection, decisive},
    {"decidido|optado|elegido|seleccionado|continuar|avanzar|seguir * con|por * otro|otros|otra|"
     "otras candidat*|perfil*|persona*",
     K::rejection, decisive},
    {"no * sido seleccionad*|elegid*", K::rejection, decisive},
    {"no * seleccionad*", K::rejection, decisive},
    {"lamentamos|lamento|sentimos * informar*|comunicar*|decir*", K::rejection, decisive},
    {"no * ajusta|encaja|corresponde|adecua", K::rejection, decisive},
    {"puesto|vacante|posición * cubiert*|ocupad*", K::rejection, decisive},
    {"sido cubierta|cubierto|ocupada|ocupado", K::rejection, decisive},
    {"no * podemos * ofrecer|ofrecerte|ofrecerle", K::rejection, decisive},
    {"desafortunadamente|lamentablemente", K::rejection, supporting},
    {"por desgracia", K::rejection, supporting},
    {"éxito * búsqueda|futuro|carrera|camino", K::rejection, supporting},
    {"conservaremos|mantendremos|guardaremos * cv|perfil|datos|candidatura", K::rejection,
     supporting},
    {"futuras oportunidades|vacantes|procesos", K::rejection, supporting},
    // ---- acknowledgement ----
    {"recibido * candidatura|solicitud|cv|currículum", K::acknowledgement, decisive},
    {"candidatura|solicitud * recibida|registrada|enviada", K::acknowledgement, decisive},
    {"revisar*|evaluar*|analizar* * candidatura|perfil|cv|solicitud", K::acknowledgement, decisive},
    {"pondremos en contacto", K::acknowledgement, supporting},
    {"gracias * por * postular*|candidatura|aplicar|inscribirte", K::acknowledgement, supporting},
    // ---- interview ----
    {"invitar*|invitamos * entrevista|llamada|reunión|conversación|charla", K::interview, decisive},
    {"agendar|programar|coordinar|concertar|fijar * entrevista|llamada|reunión|cita|hora",
     K::interview, decisive},
    {"disponibilidad", K::interview, decisive},
    {"nos gustaría|encantaría * conocerte|conocerle|hablar|charlar|entrevistarte", K::interview,
     decisive},
    {"siguiente|próxima fase|etapa", K::interview, supporting},
    // ---- assessment ----
    {"completar|realizar|resolver|hacer * prueba|ejercicio|reto|test|evaluación|cuestionario",
     K::assessment, decisive},
    {"prueba|ejercicio|reto técnico|técnica", K::assessment, supporting},
    // ---- offer ----
    {"ofrecerte|ofrecerle * puesto|posición|trabajo|contrato|oferta", K::offer, decisive},
    {"carta oferta", K::offer, decisive},
    {"oferta formal", K::offer, decisive},
    {"bienvenid* * equipo", K::offer, decisive},
    {"enhorabuena|felicidades|felicitaciones", K::offer, supporting},
    // ---- update ----
    {"seguimos * revisando|evaluando|en proceso", K::update, decisive},
    {"todavía|aún * no * decisión|decidido", K::update, decisive},
    {"más tiempo de lo * previsto|esperado", K::update, decisive},
    {"proceso * en curso", K::update, supporting},
    // ---- job alert or newsletter ----
    {"alerta de empleo|empleos", K::newsletter, decisive},
    {"nuevas ofertas", K::newsletter, decisive},
    {"ofertas * para ti", K::newsletter, decisive},
    {"boletín", K::newsletter, decisive},
    {"darte|darse de baja", K::newsletter, supporting},
    {"cancelar * suscripción", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"entrevista|ronda|fase final", Stage::final},
    {"última|últimas entrevista|entrevistas|fase|ronda|etapa", Stage::final},
    {"presencial", Stage::onsite},
    {"en nuestras oficinas", Stage::onsite},
    {"entrevista|entrevistas técnica|técnicas", Stage::technical},
    {"prueba|pruebas|ejercicio|reto técnica|técnicas|técnico", Stage::technical},
    {"caso práctico", Stage::technical},
    {"prueba de código", Stage::technical},
    {"entrevista*|llamada|conversación|videollamada|charla", Stage::screen},
};

constexpr std::string_view k_negations[] = {"no", "nunca", "ningún", "ninguna", "ni", "tampoco"};
constexpr std::string_view k_conditionals[] = {"si", "^en caso"};
constexpr std::string_view k_role_lead_ins[] = {
    "puesto|posición|vacante|rol|cargo de|como",
    "puesto|posición|vacante",
    "candidatura para|a",
    "postulación para|a",
};
constexpr std::string_view k_company_lead_ins[] = {
    "candidatura en|a", "interés en|por",  "trabajar en|con",
    "formar parte de",  "unirte|unirse a", "postulación en|a",
};
constexpr std::string_view k_title_words[] = {
    "desarrollador", "desarrolladora", "ingeniero", "ingeniera",  "analista",    "jefe",
    "jefa",          "responsable",    "consultor", "consultora", "diseñador",   "diseñadora",
    "arquitecto",    "arquitecta",     "técnico",   "técnica",    "programador", "programadora",
    "becario",       "becaria",        "prácticas", "gerente",    "director",    "directora",
    "administrador", "especialista",   "developer", "engineer",   "manager",     "lead",
    "científico",    "científica",     "gestor",    "gestora",    "asistente",   "coordinador",
    "coordinadora",
};
constexpr std::string_view k_title_stops[] = {"en", "con", "para", "y", "que", "a", "del", "por"};
constexpr std::string_view k_team_words[] = {
    "equipo",        "selección", "recursos", "humanos", "rrhh",         "talento",
    "reclutamiento", "personas",  "empleo",   "gente",   "departamento", "rh",
};
constexpr std::string_view k_forward_markers[] = {"mensaje reenviado"};
constexpr std::string_view k_apple_forward_markers[] = {"inicio del mensaje reenviado"};
constexpr std::string_view k_original_markers[] = {"mensaje original"};
constexpr std::string_view k_wrote[] = {"escribió"};
constexpr std::string_view k_from[] = {"de"};
constexpr std::string_view k_date[] = {"fecha", "enviado", "enviado el"};
constexpr std::string_view k_subject[] = {"asunto"};
constexpr std::string_view k_to[] = {"para", "cc"};
constexpr std::string_view k_forward_prefixes[] = {"rv", "reenv", "fwd"};
constexpr std::string_view k_reply_prefixes[] = {"re", "resp"};

} // namespace

const Language k_spanish = {
    .code = "es",
    .name = "Spanish",
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
