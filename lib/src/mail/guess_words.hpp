#pragma once
// Internal to lib/mail: the word lists guessing a rejection reads (see guessing.hpp).

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace bb::mail::detail {

/// Registrable names (the label before the public suffix) of applicant-tracking systems.
inline constexpr std::array<std::string_view, 40> k_ats_labels = {
    "greenhouse",      "greenhouse-mail", "lever",      "hire-lever",
    "ashbyhq",         "ashby",           "myworkday",  "myworkdayjobs",
    "workday",         "smartrecruiters", "workable",   "workablemail",
    "icims",           "jobvite",         "taleo",      "successfactors",
    "sapsf",           "bamboohr",        "recruitee",  "teamtailor",
    "teamtailor-mail", "personio",        "breezy",     "breezyhr",
    "jazzhr",          "applytojob",      "softgarden", "pinpointhq",
    "avature",         "rippling",        "hibob",      "join",
    "recruiterbox",    "comeet",          "linkedin",   "indeed",
    "indeedemail",     "wellfound",       "dover",      "oraclecloud",
};

/// Registrable names of mail providers: a person's address there says nothing of an employer.
inline constexpr std::array<std::string_view, 32> k_provider_labels = {
    "gmail",    "googlemail", "outlook", "hotmail", "live",   "msn",    "yahoo",    "ymail",
    "icloud",   "me",         "mac",     "aol",     "gmx",    "web",    "proton",   "protonmail",
    "pm",       "fastmail",   "zoho",    "mail",    "yandex", "qq",     "163",      "126",
    "t-online", "orange",     "free",    "laposte", "libero", "posteo", "tutanota", "hey",
};

/// Local parts of addresses that belong to a system or a team, not a person, in the six
/// languages.
inline constexpr std::array<std::string_view, 46> k_role_locals = {
    "noreply",     "no-reply",  "no_reply", "donotreply",    "do-not-reply",  "do_not_reply",
    "careers",     "career",    "jobs",     "job",           "recruiting",    "recruitment",
    "talent",      "hr",        "hiring",   "notifications", "notification",  "mail",
    "mailer",      "info",      "team",     "people",        "applications",  "apply",
    "bounce",      "system",    "karriere", "bewerbung",     "bewerbungen",   "personal",
    "recrutement", "rh",        "emploi",   "candidatures",  "empleo",        "rrhh",
    "seleccion",   "talento",   "werving",  "vacatures",     "sollicitaties", "recrutamento",
    "vagas",       "carreiras", "talentos", "jobs-noreply",
};

/// Words that are never a company, whatever the source.
inline constexpr std::array<std::string_view, 24> k_not_companies = {
    "noreply",       "no-reply",     "no reply",    "donotreply", "mail",    "email",
    "notifications", "notification", "team",        "careers",    "jobs",    "recruiting",
    "talent",        "hiring",       "hr",          "info",       "support", "admin",
    "hello",         "us",           "our company", "your",       "the",     "mailer-daemon",
};

/// Legal forms that end a company's name; left out of the name logged and of comparisons.
/// ("Co." is not one: "Sable & Co." is a name.)
inline constexpr std::array<std::string_view, 35> k_legal_forms = {
    "gmbh", "ag",   "inc", "llc", "ltd",  "limited", "corp", "corporation", "sa",
    "sas",  "sarl", "bv",  "nv",  "plc",  "lda",     "ltda", "sl",          "slu",
    "ug",   "kg",   "se",  "oy",  "ab",   "a/s",     "spa",  "srl",         "pty",
    "llp",  "gbr",  "ohg", "mbh", "eurl", "sasu",    "me",   "eireli",
};

/// Articles and determiners before a title or a name, in the six languages (folded).
inline constexpr std::array<std::string_view, 62> k_articles = {
    "the",   "a",       "an",      "our",     "your", "this", "that",  "le",    "la",
    "l'",    "les",     "un",      "une",     "du",   "des",  "notre", "votre", "cette",
    "ce",    "der",     "die",     "das",     "den",  "dem",  "des",   "ein",   "eine",
    "einen", "einer",   "unsere",  "unserer", "ihre", "el",   "los",   "las",   "una",
    "del",   "nuestra", "nuestro", "tu",      "su",   "het",  "een",   "onze",  "jouw",
    "uw",    "de",      "o",       "os",      "as",   "um",   "uma",   "do",    "da",
    "dos",   "das",     "nossa",   "nosso",   "sua",  "seu",  "d'",    "van",
};

/// Nouns that name a job in general ("the position of …"): skipped before a title.
inline constexpr std::array<std::string_view, 27> k_job_nouns = {
    "position", "role",     "job",   "opening", "vacancy", "opportunity", "poste",
    "offre",    "stelle",   "post",  "vaga",    "puesto",  "posicion",    "vacante",
    "functie",  "vacature", "cargo", "funcao",  "rol",     "rolle",       "positie",
    "of",       "as",       "als",   "como",    "for",     "programme",
};

template <std::size_t N>
bool contains_folded(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

template <std::size_t N>
bool contains_word(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}
/// What separates a company from the rest of a subject ("Acme | Application status").
inline constexpr std::array<std::string_view, 5> k_subject_separators = {
    " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ": "};
} // namespace bb::mail::detail
