// Tests for lib/src/mail/rejection_guess.cpp: what a rejection email says about the rejection,
// and where each guess comes from. Messages are built directly (parse_inbound has its own tests)
// and read as letters (read_letter has its own too).
#include "bounceback/mail/rejection_guess.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using bb::Stage;
using bb::mail::company_match_key;
using bb::mail::InboundMessage;
using bb::mail::read_letter;
using bb::mail::RejectionGuess;
using bb::mail::is_ats_domain;
using bb::mail::is_mail_provider;
using bb::test::contains;
using bb::test::TimeZoneGuard;

namespace {

InboundMessage message(std::string from_name, std::string from_address, std::string subject,
                       std::string body = "") {
    InboundMessage m;
    m.from_name = std::move(from_name);
    m.from_address = std::move(from_address);
    m.subject = std::move(subject);
    m.body = std::move(body);
    return m;
}

RejectionGuess guess_rejection(const InboundMessage& m, std::vector<std::string> own = {}) {
    return bb::mail::guess_rejection(read_letter(m, own));
}

/// The company guessed from `subject` alone (a no-reply ATS sender with no name), or "".
std::string company_in_subject(const std::string& subject) {
    auto guess = guess_rejection(message("", "no-reply@greenhouse.io", subject));
    return guess.company ? guess.company->value : "";
}

std::string role_in(const std::string& subject, const std::string& body = "") {
    auto guess = guess_rejection(message("", "no-reply@greenhouse.io", subject, body));
    return guess.role ? guess.role->value : "";
}

Stage stage_in(const std::string& body) {
    return guess_rejection(message("", "no-reply@lever.co", "Update", body)).stage.value;
}

} // namespace

TEST_CASE("mail::guess_rejection company from the subject") {
    CHECK(company_in_subject("Your application to Acme") == "Acme");
    CHECK(company_in_subject("Re: Fwd: Your application to Acme Robotics") == "Acme Robotics");
    CHECK(company_in_subject("Update on your application for Senior Engineer at Acme") == "Acme");
    CHECK(company_in_subject("Acme | Application status") == "Acme");
    CHECK(company_in_subject("Acme: update on your application") == "Acme");
    CHECK(company_in_subject("Thank you for your interest in Acme") == "Acme");
    CHECK(company_in_subject("Thank you for applying to Bank of Samoa!") == "Bank of Samoa");
    CHECK(company_in_subject("Your application at Acme \xe2\x80\x93 Data Engineer") == "Acme");
    // A legal form at the end is left out.
    CHECK(company_in_subject("Your application with Zahnrad-Werke GmbH") == "Zahnrad-Werke");
    CHECK(company_in_subject("Your application to Acme Inc. has been reviewed") == "Acme");
    CHECK(company_in_subject("Your application to Senior Engineer at Acme") == "Acme");
    CHECK(company_in_subject("An update from Initech") == "Initech");
    CHECK(company_in_subject("Your interview with Jane Doe") == "");
    CHECK(company_in_subject("Acme - Software Engineer - Application Update") == "Acme");
    CHECK(company_in_subject("Your application to \xe9\xbe\x99\xe8\xbd\xaf") ==
          "\xe9\xbe\x99\xe8\xbd\xaf");
    SUBCASE("never a role, a lower-case word or a pronoun") {
        CHECK(company_in_subject("Your application to Data Engineer") == "");
        CHECK(company_in_subject("Your application to the Senior Engineer position") == "");
        CHECK(company_in_subject("Thank you for your interest in us") == "");
        CHECK(company_in_subject("Application update") == "");
        CHECK(company_in_subject("Your interview at 3pm") == "");
    }
    SUBCASE("the source quotes the subject") {
        auto guess =
            guess_rejection(message("", "x@greenhouse.io", "Re: Your application to Acme"));
        REQUIRE(guess.company);
        CHECK(guess.company->source == "Subject: \"Your application to Acme\"");
    }
}

TEST_CASE("mail::guess_rejection company from the sender, the body and the domain") {
    auto company = [](InboundMessage m) {
        auto guess = guess_rejection(m);
        return guess.company ? guess.company->value + " | " + guess.company->source : "";
    };
    SUBCASE("a sender name with organisation words") {
        CHECK(company(message("Acme Recruiting", "no-reply@greenhouse.io", "Update")) ==
              "Acme | From: display name \"Acme Recruiting\"");
        CHECK(company(message("Acme via Greenhouse", "x@greenhouse.io", "Update"))
                  .starts_with("Acme |"));
        CHECK(company(message("Careers at Globex", "jobs@globex.example", "Hi"))
                  .starts_with("Globex |"));
        CHECK(company(message("The Initech Hiring Team", "a@lever.co", "Hi"))
                  .starts_with("Initech |"));
        CHECK(company(message("Hooli's Talent Acquisition Team", "t@ashbyhq.com", "Hi"))
                  .starts_with("Hooli |"));
        CHECK(company(message("Globex", "no-reply@myworkday.com", "Hi")).starts_with("Globex |"));
        CHECK(company(message("Acme - Careers", "jobs@acme.example", "Hi")).starts_with("Acme |"));
    }
    SUBCASE("the subject comes first") {
        CHECK(company(message("Acme Careers", "no-reply@greenhouse.io",
                              "Your application to Acme Robotics"))
                  .starts_with("Acme Robotics |"));
    }
    SUBCASE("a person's name is never a company: the domain is used") {
        CHECK(company(message("Jane Doe", "jane@zahnrad-werke.de", "Re: our call")) ==
              "Zahnrad-Werke | From: domain zahnrad-werke.de");
        CHECK(company(message("Jane Doe", "jane@mail.acme.co.uk", "Re: our call")) ==
              "Acme | From: domain mail.acme.co.uk");
        CHECK(company(message("Zo\xc3\xab", "zoe@umbrella-health.com", "Re",
                              "Best,\nZo\xc3\xab\nUmbrella Health\n")) ==
              "Umbrella Health | From: domain umbrella-health.com, spelled as in the body");
    }
    SUBCASE("no company from a person named in the body") {
        CHECK(company(message("Priya", "priya@hire.lever.co", "Update",
                              "Thanks for your interview with Jane Doe and a message from Raj.")) ==
              "");
    }
    SUBCASE("a phrase in the body before the domain") {
        CHECK(company(message("Jane Doe", "jane@acme-mail.example", "Re: hello",
                              "Thank you for your interest in Acme Labs. Sadly ...")) ==
              "Acme Labs | body: \"interest in Acme Labs\"");
    }
    SUBCASE("never noreply, notifications, an ATS or a mail provider") {
        CHECK(company(message("noreply", "noreply@notifications.example.com", "Update")) ==
              "Example | From: domain notifications.example.com");
        CHECK(company(message("Notifications", "no-reply@jobvite.com", "Application update")) ==
              "");
        CHECK(company(message("No-Reply", "no-reply@hire.lever.co", "Update")) == "");
        CHECK(company(message("Hiring Team", "careers@smartrecruiters.com", "Update")) == "");
        CHECK(company(message("Jane Doe", "jane.doe@gmail.com", "Re: coffee")) == "");
        CHECK(company(message("Jane Doe via LinkedIn", "messages-noreply@linkedin.com",
                              "Jane sent you a message")) == "");
        CHECK(company(message("", "", "")) == "");
    }
}

TEST_CASE("mail::is_ats_domain and is_mail_provider") {
    for (const char* domain :
         {"greenhouse.io", "us.greenhouse-mail.io", "hire.lever.co", "ashbyhq.com", "myworkday.com",
          "acme.wd5.myworkdayjobs.com", "smartrecruiters.com", "workable.com", "icims.com",
          "jobvite.com", "taleo.net", "career2.successfactors.eu", "acme.bamboohr.com",
          "acme.recruitee.com", "teamtailor-mail.com", "acme.jobs.personio.de", "join.com"}) {
        CAPTURE(domain);
        CHECK(is_ats_domain(domain));
        CHECK_FALSE(is_mail_provider(domain));
    }
    for (const char* domain : {"gmail.com", "outlook.com", "hotmail.co.uk", "web.de", "icloud.com",
                               "proton.me", "yahoo.co.jp"}) {
        CAPTURE(domain);
        CHECK(is_mail_provider(domain));
        CHECK_FALSE(is_ats_domain(domain));
    }
    CHECK_FALSE(is_ats_domain("acme.com"));
    CHECK_FALSE(is_ats_domain("joinery.example"));
    CHECK_FALSE(is_mail_provider("acme.com"));
}

TEST_CASE("mail::guess_rejection role") {
    CHECK(role_in("Update on your application for Senior Engineer at Acme") == "Senior Engineer");
    CHECK(role_in("Your application to Senior Engineer at Acme") == "Senior Engineer");
    CHECK(role_in("Acme - Software Engineer - Application Update") == "Software Engineer");
    CHECK(role_in("Your application at Acme \xe2\x80\x93 Data Engineer") == "Data Engineer");
    CHECK(role_in("Acme | Staff Product Designer") == "Staff Product Designer");
    CHECK(role_in("Update", "Thank you for applying for the Backend Developer position.") ==
          "Backend Developer");
    CHECK(role_in("Update", "We have filled the Head of Engineering role.") ==
          "Head of Engineering");
    CHECK(role_in("Update", "your application for the position of Data Scientist at Acme") ==
          "Data Scientist");
    SUBCASE("nothing from weak evidence") {
        CHECK(role_in("Update", "We have filled the position.") == "");
        CHECK(role_in("Update", "the role was a close call") == "");
        CHECK(role_in("Acme Corp Position Update") == "");
        CHECK(role_in("Your application to Acme") == "");
        CHECK(role_in("Update", "We reviewed your application for Acme at this time.") == "");
    }
    SUBCASE("the source names the phrase") {
        auto guess = guess_rejection(
            message("", "x@lever.co", "Update", "Thanks for applying to the UX Writer role."));
        REQUIRE(guess.role);
        CHECK(guess.role->source == "body: \"applying to the UX Writer\"");
    }
}

TEST_CASE("mail::guess_rejection stage") {
    CHECK(stage_in("Thank you for applying. We decided to move on.") == Stage::application);
    CHECK(stage_in("After speaking with you, we decided ...") == Stage::screen);
    CHECK(stage_in("Thanks for the call on Monday.") == Stage::screen);
    CHECK(stage_in("Feel free to call me with questions.") == Stage::application);
    CHECK(stage_in("Thank you for interviewing with us.") == Stage::screen);
    CHECK(stage_in("Thanks for the coding exercise.") == Stage::technical);
    CHECK(stage_in("after the phone screen and the take-home ...") == Stage::technical);
    CHECK(stage_in("after the technical interview and the onsite ...") == Stage::onsite);
    CHECK(stage_in("Thank you for meeting the panel.") == Stage::onsite);
    CHECK(stage_in("after the phone screen, the on-site and the final round") == Stage::final);
    SUBCASE("negated mentions do not count") {
        CHECK(stage_in("We will not be inviting you to an interview.") == Stage::application);
        CHECK(stage_in("We are unable to offer you a phone screen.") == Stage::application);
        CHECK(stage_in("we won't move you to the technical interview stage.\nThanks for the "
                       "call.") == Stage::screen);
    }
    SUBCASE("quoted text and the signature do not count") {
        CHECK(stage_in("We decided to move on.\n> Looking forward to the onsite!\n") ==
              Stage::application);
        CHECK(stage_in("We decided to move on.\n-- \nAcme: coding since 1999\n") ==
              Stage::application);
    }
    SUBCASE("words inside other words do not count") {
        CHECK(stage_in("We recall your recallable panelling") == Stage::application);
    }
    SUBCASE("the source names the phrase, or says it is the default") {
        auto guess = guess_rejection(message("", "x@lever.co", "S", "after the phone screen"));
        CHECK(guess.stage.source == "body: \"phone screen\"");
        CHECK(guess_rejection(message("", "x@lever.co", "S", "")).stage.source ==
              "default: no interview mentioned");
    }
}

TEST_CASE("mail::guess_rejection date, contact and key") {
    SUBCASE("the date is the local calendar day (TZ)") {
        InboundMessage m = message("", "x@lever.co", "S");
        m.date = "Mon, 23 Nov 2026 22:10:00 -0500";
        {
            TimeZoneGuard zone("Europe/Berlin");
            auto guess = guess_rejection(m);
            REQUIRE(guess.date);
            CHECK(bb::util::format_date(guess.date->value) == "2026-11-24");
            CHECK(guess.date->source == "Date: \"Mon, 23 Nov 2026 22:10:00 -0500\"");
        }
        {
            TimeZoneGuard zone("America/Los_Angeles");
            CHECK(bb::util::format_date(guess_rejection(m).date->value) == "2026-11-23");
        }
        m.date = "not a date";
        CHECK_FALSE(guess_rejection(m).date);
    }
    SUBCASE("a person is the contact, a system is not") {
        auto person =
            guess_rejection(message("J\xc3\xbcrgen M\xc3\xbcller", "juergen@zahnrad.example",
                                    "Re: Ihr Gespr\xc3\xa4"
                                    "ch"));
        REQUIRE(person.contact);
        CHECK(person.contact->value == "J\xc3\xbcrgen M\xc3\xbcller");
        REQUIRE(person.email);
        CHECK(person.email->value == "juergen@zahnrad.example");
        for (auto m : {message("Acme", "no-reply@greenhouse.io", "S"),
                       message("Priya", "priya@hire.lever.co", "S"),
                       message("Acme Careers", "hr@acme.example", "S"),
                       message("Acme Recruiting", "priya@acme.example", "S")}) {
            CAPTURE(m.from_name);
            auto guess = guess_rejection(m);
            CHECK_FALSE(guess.contact);
            CHECK_FALSE(guess.email);
        }
    }
    SUBCASE("the key is the Message-ID, else a checksum that is the same each time") {
        InboundMessage m = message("", "x@lever.co", "S");
        const auto first = guess_rejection(m).key;
        REQUIRE(first);
        CHECK(first->value.starts_with("bounceback-"));
        CHECK(first->source == "no Message-ID: a checksum of sender, date and subject");
        CHECK(guess_rejection(m).key->value == first->value);
        m.subject = "T";
        CHECK(guess_rejection(m).key->value != first->value);
        m.message_id = "abc@lever.co";
        REQUIRE(guess_rejection(m).key);
        CHECK(guess_rejection(m).key->value == "abc@lever.co");
    }
    SUBCASE("the person's own address is never the contact, nor its domain the company") {
        const auto own =
            guess_rejection(message("Jordan Lee", "jordan@lee-design.example", "Note"),
                            {"Jordan@Lee-Design.example"});
        CHECK_FALSE(own.contact);
        CHECK_FALSE(own.email);
        CHECK_FALSE(own.company);
    }
    SUBCASE("a team is never the contact") {
        for (const char* name : {"\xc3\x89quipe Recrutement", "Personalabteilung",
                                 "Talent Team", "Recursos Humanos", "Werving & Selectie",
                                 "Equipe de Recrutamento"}) {
            CAPTURE(name);
            const auto guess = guess_rejection(message(name, "anna@firm.example", "Hi"));
            CHECK_FALSE(guess.contact);
            CHECK_FALSE(guess.email);
        }
    }
}

TEST_CASE("mail::guess_rejection in other languages") {
    SUBCASE("company") {
        CHECK(company_in_subject("Votre candidature chez Ch\xc3\xa2teau Logiciels") ==
              "Ch\xc3\xa2teau Logiciels");
        CHECK(company_in_subject("Ihre Bewerbung bei der Zahnrad-Werke GmbH") == "Zahnrad-Werke");
        CHECK(company_in_subject("Tu candidatura en Hormigas Rojas") == "Hormigas Rojas");
        CHECK(company_in_subject("Je sollicitatie bij De Vries Logistiek") ==
              "De Vries Logistiek");
        CHECK(company_in_subject("Sua candidatura na Ferreira Tech") == "Ferreira Tech");
        auto sender = guess_rejection(message("Zahnrad-Werke GmbH Personalabteilung",
                                              "karriere@zahnrad-werke.de", "Ihre Bewerbung"));
        REQUIRE(sender.company);
        CHECK(sender.company->value == "Zahnrad-Werke");
        CHECK_FALSE(sender.contact);
        auto team = guess_rejection(message("L\xe2\x80\x99\xc3\xa9quipe Recrutement",
                                            "recrutement@chateau-logiciels.fr", "Candidature"));
        REQUIRE(team.company);
        CHECK(team.company->value == "Chateau-Logiciels"); // the domain, never the team
    }
    SUBCASE("role") {
        CHECK(role_in("Ihre Bewerbung als Softwareentwickler (m/w/d)") == "Softwareentwickler");
        CHECK(role_in("Candidature", "pour le poste de D\xc3\xa9veloppeur Backend.") ==
              "D\xc3\xa9veloppeur Backend");
        CHECK(role_in("Candidatura", "tu candidatura para el puesto de desarrollador backend en "
                                     "Hormigas") == "desarrollador backend");
        CHECK(role_in("Sollicitatie", "je sollicitatie voor de functie van Data Analist bij ons") ==
              "Data Analist");
        CHECK(role_in("Candidatura", "para a vaga de Engenheiro de Dados, infelizmente") ==
              "Engenheiro de Dados");
        CHECK(role_in("Update", "your interest in the position R-104233 Data Engineer II at "
                                "Initech") == "Data Engineer II");
        CHECK(role_in("Re: Frontend developer role") == "Frontend developer");
        CHECK(role_in("Update", "the take-home for the Embedded Engineer\nposition.") ==
              "Embedded Engineer");
    }
    SUBCASE("stage") {
        CHECK(stage_in("vielen Dank f\xc3\xbcr das angenehme Vorstellungsgespr\xc3\xa4" "ch") ==
              Stage::screen);
        CHECK(stage_in("le temps consacr\xc3\xa9 \xc3\xa0 l'entretien technique") ==
              Stage::technical);
        CHECK(stage_in("muchas gracias por venir a la entrevista presencial en nuestras oficinas") ==
              Stage::onsite);
        CHECK(stage_in("bedankt voor het laatste gesprek") == Stage::final);
        CHECK(stage_in("obrigado pela entrevista final") == Stage::final);
        CHECK(stage_in("dass wir Sie nicht zu einem Vorstellungsgespr\xc3\xa4" "ch einladen") ==
              Stage::application);
    }
}

TEST_CASE("mail::company_match_key") {
    CHECK(company_match_key("Ch\xc3\xa2teau Logiciels SAS") == "chateaulogiciels");
    CHECK(company_match_key("CHATEAU LOGICIELS") == "chateaulogiciels");
    CHECK(company_match_key("Acme, Inc.") == "acme");
    CHECK(company_match_key("Zahnrad-Werke GmbH") == "zahnradwerke");
    CHECK(company_match_key("Zahnrad Werke") == company_match_key("Zahnrad-Werke GmbH"));
    CHECK(company_match_key("Acme") != company_match_key("Acme Robotics"));
    CHECK(company_match_key("") == "");
}
