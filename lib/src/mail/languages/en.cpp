// English: the phrase lists of languages.hpp.
#include "../languages.hpp"

namespace bb::mail::detail {

namespace {

using K = MailKind;
constexpr bool decisive = true;
constexpr bool supporting = false;

constexpr std::string_view k_function_words[] = {"the",  "and",  "you",  "your", "we",    "to",
                                                 "of",   "for",  "with", "our",  "thank", "is",
                                                 "have", "this", "that", "will"};

constexpr CuePhrase k_cues[] = {
    // ---- rejection ----
    {"regret to inform|let|tell|advise|say|share|announce", K::rejection, decisive},
    {"regret * not|unable|cannot|won't", K::rejection, decisive},
    {"sorry to inform|let|tell|say", K::rejection, decisive},
    {"forward|ahead with * other|another|different|more * candidate*|applicant*|profile*|"
     "individual*|people|person|someone|somebody",
     K::rejection, decisive},
    {"forward|ahead with * candidate*|applicant*|profile*|individual* whose|who|that", K::rejection,
     decisive},
    {"proceed*|continu*|progress*|go|going|gone|went * with * another|other|different "
     "candidate*|applicant*|profile*|person|individual*",
     K::rejection, decisive},
    {"proceed*|continu*|progress* with * candidate*|applicant*|profile*|individual* whose|who|that",
     K::rejection, decisive},
    {"pursue|pursuing|pursued * other|another|different candidate*|applicant*|profile*|option*",
     K::rejection, decisive},
    {"pursue|pursuing|pursued candidate*|applicant*|profile* whose|who|that", K::rejection,
     decisive},
    {"go|going|gone|went with someone|somebody|another|other", K::rejection, decisive},
    {"offer* * to * another|other|someone|somebody|different", K::rejection, decisive},
    {"select*|chose|chosen|choose|hired|hire|offered|appointed * another|other|different "
     "candidate*|applicant*|person|individual*|someone",
     K::rejection, decisive},
    {"another|other candidate* * more|better|closer * match*|fit*|suit*|align*|meet*", K::rejection,
     decisive},
    {"not|won't|unable|don't|didn't|aren't|isn't|wouldn't|couldn't * mov* forward|ahead",
     K::rejection, decisive},
    {"decided|decision|chosen|chose|opted not to * proceed*|progress*|continu*|pursue|move|"
     "advance|invite|offer|interview|take|consider|hire|extend|schedule|go",
     K::rejection, decisive},
    {"not|won't|unable * progress*|proceed*|advanc*|continu* * application|candidacy|"
     "candidature|profile|process|further",
     K::rejection, decisive},
    {"not|won't|unable * take|taking * application|candidacy|candidature * further|forward",
     K::rejection, decisive},
    {"not|won't|unable * mov* * application|candidacy|candidature|you forward|ahead|further",
     K::rejection, decisive},
    {"not|never|haven't|hasn't|weren't|wasn't|aren't|isn't * selected|shortlisted|chosen|"
     "successful|progressed",
     K::rejection, decisive},
    {"was|were|been|is|are unsuccessful", K::rejection, decisive},
    {"application|candidacy|candidature unsuccessful", K::rejection, decisive},
    {"unsuccessful on|at this * occasion|time", K::rejection, decisive},
    {"position|role|vacancy|job|opening|requisition ** been|was|is|now filled", K::rejection,
     decisive},
    {"filled the|this|that position|role|vacancy|job|opening", K::rejection, decisive},
    {"fill * position|role|vacancy|job * with|internally", K::rejection, decisive},
    {"position|role|vacancy|requisition|opening * been|was * closed|cancelled|canceled|withdrawn",
     K::rejection, decisive},
    {"no longer * consider*|running|available|open|hiring|moving", K::rejection, decisive},
    {"unable|not able * offer you", K::rejection, decisive},
    {"declin* * your application|candidacy|candidature", K::rejection, decisive},
    {"must * declin*", K::rejection, decisive},
    {"not * right|best|good|strong|ideal|close|perfect * fit|match", K::rejection, decisive},
    {"different|another|new direction", K::rejection, decisive},
    {"application|candidacy * been|was|is * closed|declined|rejected|archived", K::rejection,
     decisive},
    {"not|won't|unable * invit* you|any", K::rejection, decisive},
    {"unfortunately", K::rejection, supporting},
    {"regret|regrettably", K::rejection, supporting},
    {"difficult|tough|hard|not an easy decision|call|choice", K::rejection, supporting},
    {"after careful|thorough consideration|review|deliberation", K::rejection, supporting},
    {"keep your * on file|in mind", K::rejection, supporting},
    {"future opportunit*|openings|positions|roles|vacancies", K::rejection, supporting},
    {"wish you * luck|best|success|well", K::rejection, supporting},
    {"other candidate*|applicant*", K::rejection, supporting},
    // ---- acknowledgement ----
    {"receiv* * your * application|cv|resume|candidacy|submission|profile", K::acknowledgement,
     decisive},
    {"application|candidacy|submission * been|was|is * received|submitted|recorded|registered",
     K::acknowledgement, decisive},
    {"successfully submitted|applied|received", K::acknowledgement, decisive},
    {"confirm* * receipt", K::acknowledgement, decisive},
    {"this is * confirmation", K::acknowledgement, decisive},
    {"application confirmation|received", K::acknowledgement, decisive},
    {"will|we'll|shall * review|reviewing|consider|assess|evaluate * your|the * application|"
     "profile|resume|cv|experience|qualifications|materials|submission",
     K::acknowledgement, decisive},
    {"under|in review", K::acknowledgement, decisive},
    {"thank|thanks * for * applying|application|submitting", K::acknowledgement, supporting},
    {"will|we'll be in touch", K::acknowledgement, supporting},
    {"get back to you", K::acknowledgement, supporting},
    {"automated|automatic message|email|reply", K::acknowledgement, supporting},
    // ---- interview ----
    {"invit* you ** interview*|call|chat|conversation|screen*|onsite|meet*|visit|round|session|"
     "panel|talk|video|phone|discussion|site|office",
     K::interview, decisive},
    {"would|we'd|i'd love|like|want to * chat|talk|speak|meet|schedule|invite|discuss",
     K::interview, decisive},
    {"mov*|take|bring you forward|ahead|along", K::interview, decisive},
    {"mov*|take|bring * you * to|into * next * round|stage|step", K::interview, decisive},
    {"mov* forward|ahead with you|your", K::interview, decisive},
    {"schedul*|book|arrange|set|organi*|reschedul* * interview*|call|chat|time|conversation|"
     "meeting|screen*|session|slot",
     K::interview, decisive},
    {"your availability", K::interview, decisive},
    {"available for * interview*|call|chat|meeting|conversation", K::interview, decisive},
    {"pick|choose|select|book * time|slot|date|times", K::interview, decisive},
    {"you * been selected|shortlisted|chosen|invited", K::interview, decisive},
    {"interview* * confirm*|scheduled|booked|rescheduled|invitation", K::interview, decisive},
    {"confirm* * interview*", K::interview, decisive},
    {"invitation * interview*|call|meeting", K::interview, decisive},
    {"calendar invit*", K::interview, decisive},
    {"great|good news", K::interview, supporting},
    {"looking forward to * meeting|speaking|talking|chatting|seeing", K::interview, supporting},
    {"next round|stage|step|steps", K::interview, supporting},
    {"zoom|teams|calendly", K::interview, supporting},
    {"google meet", K::interview, supporting},
    // ---- assessment ----
    {"please * complete|take|finish|submit|start * assessment|test|challenge|assignment|"
     "exercise|task|quiz|questionnaire|case",
     K::assessment, decisive},
    {"invit* you * complete|take|do * assessment|test|challenge|assignment|exercise", K::assessment,
     decisive},
    {"complete * within|by * days|hours|deadline", K::assessment, decisive},
    {"please * submit|send * solution|solutions|assignment|answers", K::assessment, decisive},
    {"link * to|for * assessment|test|challenge|assignment|exercise", K::assessment, decisive},
    {"assessment|test|challenge|assignment link", K::assessment, decisive},
    {"take home|coding|technical|online * assessment|test|challenge|assignment|exercise",
     K::assessment, supporting},
    {"hackerrank|codility|codesignal|testgorilla|coderbyte|hirevue", K::assessment, supporting},
    // ---- offer ----
    {"offer you * position|role|job|employment|contract|opportunity", K::offer, decisive},
    {"pleased|delighted|happy|thrilled|excited * offer you", K::offer, decisive},
    {"pleased|delighted|happy|thrilled|excited * offer * position|role|job", K::offer, decisive},
    {"extend* you * offer", K::offer, decisive},
    {"extend* * offer to you", K::offer, decisive},
    {"offer letter", K::offer, decisive},
    {"offer of employment", K::offer, decisive},
    {"job offer", K::offer, supporting},
    {"welcome * aboard", K::offer, decisive},
    {"welcome to the team", K::offer, decisive},
    {"congratulations|congrats", K::offer, supporting},
    {"start date|compensation|salary", K::offer, supporting},
    // ---- update ----
    {"still * review*|consider*|evaluat*|assess*|interview*|deciding|finaliz*", K::update,
     decisive},
    {"not|no|haven't|hasn't * made * decision", K::update, decisive},
    {"no decision", K::update, decisive},
    {"longer than * expected|planned|anticipated|usual", K::update, decisive},
    {"process * on hold|paused|delayed", K::update, decisive},
    {"is|are|been|be|put on hold", K::update, decisive},
    {"as soon as * decision|news|update", K::update, decisive},
    {"keep you * posted|updated|informed", K::update, supporting},
    {"delay*", K::update, supporting},
    // ---- job alert or newsletter ----
    {"job alert*", K::newsletter, decisive},
    {"new jobs|roles|positions|openings * for you|match*|near", K::newsletter, decisive},
    {"jobs|roles|positions * you * may|might * like|interested", K::newsletter, decisive},
    {"recommended * jobs|roles|for you", K::newsletter, decisive},
    {"newsletter", K::newsletter, decisive},
    {"weekly|daily|monthly * digest|roundup", K::newsletter, decisive},
    {"we're|we are hiring", K::newsletter, decisive},
    {"unsubscribe", K::newsletter, supporting},
    {"manage * preferences|subscription*", K::newsletter, supporting},
    {"view * all|more * jobs", K::newsletter, supporting},
    {"talent community|network", K::newsletter, supporting},
    {"apply now", K::newsletter, supporting},
};

constexpr StagePhrase k_stages[] = {
    {"final round|interview|stage|conversation", Stage::final},
    {"last round", Stage::final},
    {"onsite", Stage::onsite},
    {"on site", Stage::onsite},
    {"panel interview*|day|session", Stage::onsite},
    {"meet|meeting|met * panel", Stage::onsite},
    {"interview loop|day", Stage::onsite},
    {"in person interview*", Stage::onsite},
    {"superday", Stage::onsite},
    {"technical interview*|round|assessment|challenge|test|screen|exercise", Stage::technical},
    {"coding", Stage::technical},
    {"take home", Stage::technical},
    {"home assignment", Stage::technical},
    {"pair programming", Stage::technical},
    {"system design", Stage::technical},
    {"case study", Stage::technical},
    {"speaking|talking|chatting|meeting|spoke|met|talked with|to you|me|us", Stage::screen},
    {"on the phone", Stage::screen},
    {"phone|video|recruiter screen*|interview|call", Stage::screen},
    {"screening call|interview", Stage::screen},
    {"intro|introductory call|chat", Stage::screen},
    {"the|our|your * conversation|conversations|chat|chats|call|calls", Stage::screen},
    {"chat|chatted|talk|talked with", Stage::screen},
    {"first round", Stage::screen},
    {"call with you", Stage::screen},
    {"interview*", Stage::screen},
    {"conversation with", Stage::screen},
};

constexpr std::string_view k_negations[] = {
    "not",     "no",      "never",  "none",   "nor",      "unable",   "cannot",    "can't",
    "won't",   "wont",    "don't",  "didn't", "doesn't",  "isn't",    "aren't",    "wasn't",
    "weren't", "haven't", "hasn't", "hadn't", "wouldn't", "couldn't", "shouldn't",
};
constexpr std::string_view k_conditionals[] = {"if", "unless", "whether", "once", "^should"};
constexpr std::string_view k_role_lead_ins[] = {
    "application|applications for|to",
    "applying|applied for|to",
    "candidacy|candidature for",
    "interest in",
    "position|role|job of|as",
    "interviewing|interview for",
    "consideration for",
};
constexpr std::string_view k_role_nouns_after[] = {"position", "role", "opening", "vacancy", "job"};
constexpr std::string_view k_company_lead_ins[] = {
    "application to|with|at",
    "applying to|at|with",
    "applied to|at",
    "interest in|at",
    "candidacy at|with",
    "position|role|opportunity|opportunities|career|careers at",
    "team at",
    "working at|for|with",
    "interviewing with|at",
    "joining",
    "update from",
    "news from",
};
constexpr std::string_view k_title_words[] = {
    "engineer",      "developer",    "manager",        "designer",     "analyst",    "scientist",
    "consultant",    "specialist",   "lead",           "architect",    "intern",     "internship",
    "administrator", "coordinator",  "director",       "officer",      "associate",  "researcher",
    "writer",        "editor",       "accountant",     "technician",   "sre",        "devops",
    "programmer",    "assistant",    "representative", "owner",        "head",       "strategist",
    "recruiter",     "planner",      "advisor",        "executive",    "tester",     "marketer",
    "illustrator",   "photographer", "nurse",          "teacher",      "chef",       "driver",
    "clerk",         "cashier",      "therapist",      "lawyer",       "paralegal",  "pharmacist",
    "electrician",   "mechanic",     "operator",       "buyer",        "translator", "copywriter",
    "producer",      "animator",     "artist",         "instructor",   "trainer",    "auditor",
    "controller",    "economist",    "statistician",   "receptionist", "secretary",  "underwriter",
    "actuary",       "attorney",     "librarian",      "surveyor",     "inspector",  "supervisor",
};
constexpr std::string_view k_title_stops[] = {"at", "with", "in",   "for",    "to",    "and",
                                              "on", "from", "here", "within", "which", "that"};
constexpr std::string_view k_team_words[] = {
    "team",          "talent",       "recruiting", "recruitment", "hiring",      "careers",
    "career",        "jobs",         "hr",         "people",      "acquisition", "staffing",
    "notifications", "notification", "noreply",    "reply",       "donotreply",  "mailer",
    "info",          "support",      "admin",      "hello",       "human",       "resources",
    "operations",    "department",   "graduate",   "graduates",   "campus",
};
constexpr std::string_view k_forward_markers[] = {"forwarded message", "forwarded e-mail",
                                                  "forwarded email"};
constexpr std::string_view k_apple_forward_markers[] = {"begin forwarded message"};
constexpr std::string_view k_original_markers[] = {"original message", "original e-mail"};
constexpr std::string_view k_wrote[] = {"wrote"};
constexpr std::string_view k_from[] = {"from"};
constexpr std::string_view k_date[] = {"date", "sent"};
constexpr std::string_view k_subject[] = {"subject"};
constexpr std::string_view k_to[] = {"to", "cc", "reply-to"};
constexpr std::string_view k_forward_prefixes[] = {"fwd", "fw", "forward"};
constexpr std::string_view k_reply_prefixes[] = {"re"};

} // namespace

const Language k_english = {
    .code = "en",
    .name = "English",
    .function_words = k_function_words,
    .cues = k_cues,
    .stages = k_stages,
    .negations = k_negations,
    .conditionals = k_conditionals,
    .role_lead_ins = k_role_lead_ins,
    .role_nouns_after = k_role_nouns_after,
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
