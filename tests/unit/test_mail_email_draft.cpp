// Tests for lib/src/mail/email_draft.cpp: the entry drafted from an email, with the source of
// each field, and the entries logged by hand that it probably repeats.
#include "bounceback/mail/email_draft.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace std::chrono;
using bb::Rejection;
using bb::mail::draft_from_email;
using bb::mail::Guessed;
using bb::mail::probably_logged_as;
using bb::mail::RejectionGuess;

namespace {

RejectionGuess a_guess() {
    RejectionGuess guess;
    guess.company = Guessed<std::string>{"Acme", "Subject: \"Your application to Acme\""};
    guess.role = Guessed<std::string>{"Data Engineer", "body: \"the Data Engineer role\""};
    guess.stage = {bb::Stage::screen, "body: \"phone screen\""};
    guess.date = Guessed<bb::Date>{2026y / 12 / 4, "Date: \"Fri, 4 Dec 2026 18:00 CET\""};
    guess.date_note = "CET read as +0100";
    guess.contact = Guessed<std::string>{"Sam Lee", "From: display name"};
    guess.key = Guessed<std::string>{"abc@acme.example", "Message-ID"};
    return guess;
}

Rejection logged(std::int64_t id, std::string company, bb::Date date, bool keyed = false) {
    Rejection r;
    r.id = id;
    r.company = std::move(company);
    r.date = date;
    if (keyed) {
        r.key = "k" + std::to_string(id);
    }
    return r;
}

} // namespace

TEST_CASE("mail::draft_from_email") {
    SUBCASE("every field from the guess, with its source, in order") {
        const auto draft = draft_from_email(a_guess(), 2026y / 12 / 7, {});
        CHECK(draft.rejection.company == "Acme");
        CHECK(draft.rejection.role == "Data Engineer");
        CHECK(draft.rejection.stage == bb::Stage::screen);
        CHECK(draft.rejection.date == bb::Date{2026y / 12 / 4});
        CHECK(draft.rejection.key == "abc@acme.example");
        REQUIRE(draft.sources.size() == 6);
        CHECK(draft.sources[0].first == "company");
        CHECK(draft.sources[3] ==
              std::pair<std::string, std::string>{
                  "date", "Date: \"Fri, 4 Dec 2026 18:00 CET\" (CET read as +0100)"});
        CHECK(draft.sources[4].first == "contact");
        CHECK(draft.sources[5].first == "key");
    }
    SUBCASE("a field given on the command line is left for the caller, its source the option") {
        const auto draft = draft_from_email(
            a_guess(), 2026y / 12 / 7,
            {{"stage", "--stage"}, {"tags", "--tag"}, {"company", "COMPANY argument"}});
        CHECK_FALSE(draft.rejection.stage);
        CHECK(draft.rejection.company.empty());
        CHECK(draft.sources[0] ==
              std::pair<std::string, std::string>{"company", "COMPANY argument"});
        CHECK(draft.sources[2] == std::pair<std::string, std::string>{"stage", "--stage"});
        CHECK(draft.sources.back() == std::pair<std::string, std::string>{"tags", "--tag"});
    }
    SUBCASE("no date: today, and said so") {
        RejectionGuess guess = a_guess();
        guess.date.reset();
        const auto draft = draft_from_email(guess, 2026y / 12 / 7, {});
        CHECK(draft.rejection.date == bb::Date{2026y / 12 / 7});
        CHECK(draft.sources[3].second == "today: the message has no readable date");
    }
}

TEST_CASE("mail::probably_logged_as") {
    Rejection draft = logged(0, "Ch\xc3\xa2teau Logiciels SAS", 2026y / 12 / 4);
    SUBCASE("the same company by hand within 14 days, whatever its case and accents") {
        CHECK(probably_logged_as({logged(12, "chateau logiciels", 2026y / 11 / 20)}, draft) == 12);
        CHECK(probably_logged_as({logged(12, "CH\xc3\x82TEAU LOGICIELS", 2026y / 12 / 18)},
                                 draft) == 12);
    }
    SUBCASE("the nearest in time, then the lowest ID") {
        CHECK(probably_logged_as({logged(3, "Chateau Logiciels", 2026y / 11 / 25),
                                  logged(5, "Chateau Logiciels", 2026y / 12 / 3),
                                  logged(4, "Chateau Logiciels", 2026y / 12 / 5)},
                                 draft) == 4);
    }
    SUBCASE("not: too far apart, another company, or logged from another message") {
        CHECK_FALSE(probably_logged_as({logged(1, "Chateau Logiciels", 2026y / 11 / 19)}, draft));
        CHECK_FALSE(probably_logged_as({logged(1, "Chateau Software", 2026y / 12 / 4)}, draft));
        CHECK_FALSE(
            probably_logged_as({logged(1, "Chateau Logiciels", 2026y / 12 / 4, true)}, draft));
        CHECK_FALSE(probably_logged_as({}, draft));
    }
}
