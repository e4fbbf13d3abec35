// Portuguese: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"os",    "e",     "que", "para", "com",  "não",
                                                 "você",  "sua",   "seu", "uma",  "pela", "pelo",
                                                 "nosso", "nossa", "na",  "em"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"não * seguir*|avanç*|prossegu*|continu* * com|na|no|em * candidatura|processo|você|seu|sua|"
     "perfil",
     K::rejection, decisive},
    {"optamos|decidimos|escolhemos|seguir|seguiremos|avançar * por|com * outro|outros|outra|"
     "outras candidat*|perfi*|pessoa*",
     K::rejection, decisive},
    {"não * selecionad*|aprovad*|escolhid*", K::rejection, decisive},
    {"vaga * preenchida|encerrada|fechada", K::rejection, decisive},
    {"foi|foram|sido preenchida|preenchido|encerrada|encerrado", K::rejection, decisive},
    {"perfil * não * adequa|aderente|alinhado|encaixa|corresponde", K::rejection, decisive},
    {"lamentamos|lamento * informar|comunicar|dizer", K::rejection, decisive},
    {"não * poderemos|podemos * oferecer|seguir|avançar", K::rejection, decisive},
    {"infelizmente", K::rejection, supporting},
    {"sucesso * jornada|carreira|busca|caminho", K::rejection, supporting},
    {"banco de talentos", K::rejection, supporting},
    {"futuras oportunidades|vagas", K::rejection, supporting},
    // ---- acknowledgement ----
    {"recebemos * candidatura|currículo|inscrição|cv", K::acknowledgement, decisive},
    {"candidatura|inscrição * recebida|registrada|enviada|confirmada", K::acknowledgement,
     decisive},
    {"analisar*|avaliar* * candidatura|perfil|currículo|inscrição", K::acknowledgement, decisive},
    {"entraremos em contato", K::acknowledgement, supporting},
    {"obrigad* * por * candidatar|candidatura|inscrição|interesse", K::acknowledgement, supporting},
    // ---- interview ----
    {"convidar|convidamos|convite * entrevista|conversa|bate papo|reunião", K::interview, decisive},
    {"agendar|marcar * entrevista|conversa|reunião|horário|bate papo", K::interview, decisive},
    {"disponibilidade", K::interview, decisive},
    {"avançou|passou|aprovad* * próxima etapa|fase", K::interview, decisive},
    {"próxima etapa|fase", K::interview, supporting},
    // ---- assessment ----
    {"realiz*|complet*|respond*|faça|fazer * teste|desafio|avaliação|case|questionário",
     K::assessment, decisive},
    {"teste|desafio técnico|prático", K::assessment, supporting},
    // ---- offer ----
    {"proposta * trabalho|emprego|contratação", K::offer, decisive},
    {"oferecer * vaga|posição|cargo|contrato", K::offer, decisive},
    {"bem vind* * equipe|time|equipa", K::offer, decisive},
    {"parabéns", K::offer, supporting},
    // ---- update ----
    {"ainda * analisando|avaliando|em andamento", K::update, decisive},
    {"ainda não * decisão|decidimos", K::update, decisive},
    {"processo * em andamento", K::update, decisive},
    // ---- job alert or newsletter ----
    {"alerta de vagas|emprego", K::newsletter, decisive},
    {"novas vagas", K::newsletter, decisive},
    {"vagas para você", K::newsletter, decisive},
    {"newsletter", K::newsletter, decisive},
    {"descadastrar|descadastre", K::newsletter, supporting},
    {"cancelar * inscrição", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"entrevista|etapa|fase final", Stage::final},
    {"última|últimas etapa|entrevista|fase", Stage::final},
    {"presencial", Stage::onsite},
    {"nos nossos|em nosso escritório|escritórios", Stage::onsite},
    {"entrevista técnica", Stage::technical},
    {"teste|desafio|case|etapa técnico|técnica|prático", Stage::technical},
    {"entrevista*|conversa|chamada|videochamada", Stage::screen},
    {"bate papo", Stage::screen},
};

constexpr std::string_view k_negations[] = {"não", "nunca", "nenhum", "nenhuma", "nem"};
constexpr std::string_view k_conditionals[] = {"caso", "^se"};
constexpr std::string_view k_role_lead_ins[] = {
    "vaga|cargo|posição|função de|para|como",
    "vaga|cargo|posição|função",
    "candidatura para|à|a",
};
constexpr std::string_view k_company_lead_ins[] = {
    "candidatura na|no|à|ao",
    "interesse na|no|em|pela|pelo",
    "trabalhar na|no|conosco",
    "fazer parte da|do",
};
constexpr std::string_view k_title_words[] = {
    "desenvolvedor", "desenvolvedora", "engenheiro", "engenheira",  "analista",     "gerente",
    "coordenador",   "coordenadora",   "consultor",  "consultora",  "designer",     "arquiteto",
    "arquiteta",     "estagiário",     "estagiária", "programador", "especialista", "técnico",
    "developer",     "engineer",       "manager",    "lead",        "gestor",       "gestora",
    "diretor",       "diretora",       "assistente", "supervisor",
};
constexpr std::string_view k_title_stops[] = {"na",  "no", "em", "para", "e",   "com",
                                              "que", "à",  "ao", "pela", "pelo"};
constexpr std::string_view k_team_words[] = {
    "equipe", "equipa",  "recrutamento", "recursos", "humanos", "rh",           "talentos",
    "gente",  "pessoas", "carreiras",    "seleção",  "time",    "departamento",
};
constexpr std::string_view k_forward_markers[] = {"mensagem encaminhada", "mensagem reencaminhada"};
constexpr std::string_view k_apple_forward_markers[] = {"início da mensagem reencaminhada",
                                                        "início da mensagem encaminhada"};
constexpr std::string_view k_original_markers[] = {"mensagem original"};
constexpr std::string_view k_wrote[] = {"escreveu"};
constexpr std::string_view k_from[] = {"de"};
constexpr std::string_view k_date[] = {"data", "enviada", "enviado", "enviada em"};
constexpr std::string_view k_subject[] = {"assunto"};
constexpr std::string_view k_to[] = {"para", "cc"};
constexpr std::string_view k_forward_prefixes[] = {"enc", "encaminhada", "fwd"};
constexpr std::string_view k_reply_prefixes[] = {"re", "res"};

} // namespace

const Language k_portuguese = {
    .code = "pt",
    .name = "Portuguese",
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
