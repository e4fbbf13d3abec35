// Tests for lib/src/mail/phrase_match.cpp: words of running text, and patterns found in them
// whatever the case, accents, line breaks and punctuation.
#include "mail/phrase_match.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using bb::mail::detail::PhraseSet;
using bb::mail::detail::Token;
using bb::mail::detail::tokenize;

namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& token : tokenize(text)) {
        out.push_back(token.word);
    }
    return out;
}

/// The text of each match of `pattern` in `text`.
std::vector<std::string> matches(std::string_view pattern, std::string_view text) {
    PhraseSet set;
    set.add(pattern, 7);
    const auto tokens = tokenize(text);
    std::vector<std::string> out;
    set.each_match(tokens, [&](int tag, std::size_t first, std::size_t last) {
        CHECK(tag == 7);
        out.emplace_back(text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
    });
    return out;
}

using Texts = std::vector<std::string>;

} // namespace

TEST_CASE("mail::tokenize") {
    CHECK(words("We've decided: NOT to proceed.") ==
          Texts{"we've", "decided", "not", "to", "proceed"});
    CHECK(words("Vorstellungsgespr\xc3\xa4"
                "ch, \xc3\x89quipe") == Texts{"vorstellungsgesprach", "equipe"});
    CHECK(words("n'avons l\xe2\x80\x99int\xc3\xa9r\xc3\xaat qu'il I'm") ==
          Texts{"n'", "avons", "l'", "interet", "qu'", "il", "i'm"});
    CHECK(words("take-home on\xe2\x80\x91site 2.5 e.g. Stra\xc3\x9f"
                "e") == Texts{"take", "home", "on", "site", "2", "5", "e", "g", "strasse"});
    SUBCASE("sentences and clauses") {
        const auto tokens = tokenize("Hi Sam, thanks. Sadly\n\nno; but (maybe) yes 2.5 x");
        REQUIRE(tokens.size() == 11);
        CHECK(tokens[0].sentence_start);
        CHECK(tokens[2].clause_start);
        CHECK_FALSE(tokens[2].sentence_start);
        CHECK(tokens[3].sentence_start);       // after "."
        CHECK(tokens[4].sentence_start);       // after a blank line
        CHECK(tokens[5].sentence_start);       // after ";"
        CHECK(tokens[6].clause_start);         // after "("
        CHECK_FALSE(tokens[9].sentence_start); // "2.5" is not the end of a sentence
    }
    SUBCASE("offsets point into the text") {
        const std::string text = "  L\xe2\x80\x99\xc3\xa9quipe RH";
        const auto tokens = tokenize(text);
        REQUIRE(tokens.size() == 3);
        CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "L\xe2\x80\x99");
        CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "\xc3\xa9quipe");
        CHECK(text.substr(tokens[2].begin) == "RH");
    }
}

TEST_CASE("mail::PhraseSet") {
    CHECK(matches("move forward", "We will not MOVE\nforward.") == Texts{"MOVE\nforward"});
    CHECK(matches("candidat*", "Candidates and candidature, not a candid one") ==
          Texts{"Candidates", "candidature"});
    CHECK(matches("decided|chose not to proceed", "We chose not to proceed") ==
          Texts{"chose not to proceed"});
    SUBCASE("gaps of up to three words, or six with **") {
        CHECK(matches("invite you * interview", "invite you to an interview") ==
              Texts{"invite you to an interview"});
        CHECK(matches("invite you * interview", "invite you to a short phone interview").empty());
        CHECK(matches("invite you ** interview", "invite you to a short phone interview") ==
              Texts{"invite you to a short phone interview"});
        CHECK(matches("not * forward", "not forward") == Texts{"not forward"});
    }
    SUBCASE("never across the end of a sentence, but across commas") {
        CHECK(matches("decided * candidates", "We decided. Other candidates").empty());
        CHECK(matches("decided * candidates", "We decided, sadly, candidates") ==
              Texts{"decided, sadly, candidates"});
    }
    SUBCASE("accents and case fold on both sides") {
        CHECK(matches("entretien t\xc3\xa9"
                      "chnique",
                      "ENTRETIEN TECHNIQUE") == Texts{"ENTRETIEN TECHNIQUE"});
        CHECK(matches("pas * suite favorable", "ne pouvons pas donner une suite favorable") ==
              Texts{"pas donner une suite favorable"});
    }
    SUBCASE("a pattern must start with a word") {
        PhraseSet set;
        set.add("* word", 1);
        set.add("", 2);
        int found = 0;
        set.each_match(tokenize("a word"), [&](int, std::size_t, std::size_t) { ++found; });
        CHECK(found == 0);
    }
}
