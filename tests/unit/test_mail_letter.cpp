// Tests for lib/src/mail/letter.cpp: the letter inside a message, through every forward style,
// and the letter's own words without quoted replies and the signature.
#include "bounceback/mail/letter.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::mail::ForwardStyle;
using bb::mail::Letter;
using bb::mail::parse_inbound;
using bb::mail::read_letter;
using bb::mail::strip_subject_prefixes;
using bb::test::contains;

namespace {

Letter letter_of(const std::string& raw, std::vector<std::string> own = {}) {
    return read_letter(parse_inbound(raw), own);
}

std::string forward(const std::string& subject, const std::string& body) {
    return "From: Jordan Lee <jordan@example.org>\nTo: jordan@example.org\nSubject: " + subject +
           "\nDate: Mon, 07 Dec 2026 08:45:00 +0000\nMessage-ID: <fwd@example.org>\n\n" + body;
}

} // namespace

TEST_CASE("mail::read_letter follows forwards") {
    SUBCASE("Gmail") {
        const Letter l = letter_of(forward("Fwd: Your application",
                                           "FYI\n\n---------- Forwarded message ---------\n"
                                           "From: Stark Recruiting <no-reply@stark.example>\n"
                                           "Date: Fri, 4 Dec 2026 at 14:03\n"
                                           "Subject: Your application to Stark\n"
                                           "To: <jordan@example.org>\n\nDear Jordan,\nNo.\n"),
                                   {"Jordan@Example.org"});
        CHECK(l.forwarded == ForwardStyle::inline_text);
        CHECK(l.from_name == "Stark Recruiting");
        CHECK(l.from_address == "no-reply@stark.example");
        CHECK(l.subject == "Your application to Stark");
        REQUIRE(l.dates.size() == 2);
        CHECK(l.dates[0].text == "Fri, 4 Dec 2026 at 14:03");
        CHECK(l.dates[0].where == "forwarded Date");
        CHECK(l.dates[1].where == "the forward's Date");
        CHECK(l.text == "Dear Jordan,\nNo.\n");
        CHECK(l.message_id == "fwd@example.org");
        CHECK(l.own_addresses == std::vector<std::string>{"jordan@example.org"});
        CHECK(contains(l.forward_marker, "Forwarded message"));
    }
    SUBCASE("Gmail in German, with German field names") {
        const Letter l =
            letter_of(forward("WG: Ihre Bewerbung",
                              "---------- Weitergeleitete Nachricht ---------\n"
                              "Von: Zahnrad-Werke <karriere@zahnrad.example>\n"
                              "Date: Fr., 4. Dez. 2026 um 14:03 Uhr\n"
                              "Subject: Ihre Bewerbung\nTo: <jordan@example.org>\n\nLeider.\n"));
        CHECK(l.from_address == "karriere@zahnrad.example");
        CHECK(l.text == "Leider.\n");
    }
    SUBCASE("Outlook, with the rule and with a line of underscores") {
        for (const std::string rule :
             {"-----Original Message-----", "________________________________"}) {
            CAPTURE(rule);
            const Letter l = letter_of(
                forward("FW: Update",
                        "Please log this.\n\n" + rule +
                            "\nFrom: Globex Talent [mailto:talent@globex.example]\n"
                            "Sent: Friday, December 4, 2026 2:03 PM\nTo: Jordan Lee\n"
                            "Subject: Update on your application\n\nHi Jordan,\nSadly no.\n"));
            CHECK(l.forwarded == ForwardStyle::inline_text);
            CHECK(l.from_name == "Globex Talent");
            CHECK(l.from_address == "talent@globex.example");
            CHECK(l.dates.front().where == "forwarded Sent");
            CHECK(l.text == "Hi Jordan,\nSadly no.\n");
        }
    }
    SUBCASE("Apple Mail, its lines quoted") {
        const Letter l = letter_of(forward(
            "Fwd: Hooli", "\n\nBegin forwarded message:\n\n"
                          "> From: Hooli Talent <talent@hooli.example>\n"
                          "> Subject: An update from Hooli\n"
                          "> Date: December 4, 2026 at 2:03:12 PM GMT+1\n"
                          "> To: Jordan Lee <jordan@example.org>\n>\n> Hi Jordan,\n> Sadly no.\n"));
        CHECK(l.forwarded == ForwardStyle::apple_mail);
        CHECK(l.from_address == "talent@hooli.example");
        CHECK(l.text == "Hi Jordan,\nSadly no.\n");
        CHECK(l.own_text == "Hi Jordan,\nSadly no.\n");
    }
    SUBCASE("attached whole as message/rfc822") {
        const Letter l = letter_of(
            "From: Jordan <jordan@example.org>\nSubject: Fwd: Update\nMessage-ID: <outer@x>\n"
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
            "Content-Type: text/plain\n\nsee attached\n--b\nContent-Type: message/rfc822\n"
            "Content-Disposition: attachment; filename=\"update.eml\"\n\n"
            "From: Initech <no-reply@initech.example>\nSubject: Your application\n"
            "Date: Thu, 3 Dec 2026 10:00:00 +0000\nMessage-ID: <inner@initech.example>\n\n"
            "We regret.\n--b--\n");
        CHECK(l.forwarded == ForwardStyle::attached);
        CHECK(l.from_address == "no-reply@initech.example");
        CHECK(l.message_id == "inner@initech.example");
        CHECK(l.text == "We regret."); // the line break before the boundary is the boundary's
        CHECK(l.own_addresses == std::vector<std::string>{"jordan@example.org"});
    }
    SUBCASE("a forward of a forward") {
        const Letter l = letter_of(forward(
            "Fwd: Fwd: News", "---------- Forwarded message ---------\n"
                              "From: Sam <sam@friend.example>\nDate: Thu, 3 Dec 2026 at 09:00\n"
                              "Subject: Fwd: News\n\nfor you\n\n"
                              "---------- Forwarded message ---------\n"
                              "From: Acme <jobs@acme.example>\nDate: Wed, 2 Dec 2026 at 17:00\n"
                              "Subject: News\n\nThe real text.\n"));
        CHECK(l.from_address == "jobs@acme.example");
        CHECK(l.text == "The real text.\n");
        CHECK(l.own_addresses ==
              std::vector<std::string>{"jordan@example.org", "sam@friend.example"});
    }
    SUBCASE("not followed: a reply's quoted original, or a marker with no sender") {
        const Letter reply = letter_of(forward(
            "RE: Update", "Thanks, understood.\n\n-----Original Message-----\n"
                          "From: Globex <talent@globex.example>\nSent: Friday\nSubject: Update\n\n"
                          "No.\n"));
        CHECK(reply.forwarded == ForwardStyle::none);
        CHECK(reply.from_address == "jordan@example.org");
        CHECK(reply.own_text == "Thanks, understood.\n\n");
        const Letter odd =
            letter_of(forward("Fwd: x", "---------- Forwarded message ---------\nHello\n"));
        CHECK(odd.forwarded == ForwardStyle::none);
    }
}

TEST_CASE("mail::read_letter sets quoted replies and the signature apart") {
    auto own = [](const std::string& body) {
        return letter_of("From: Sam <sam@acme.example>\nSubject: Re: hi\n\n" + body).own_text;
    };
    CHECK(own("We chose someone else.\n\n> Looking forward to the final round!\n") ==
          "We chose someone else.\n\n");
    CHECK(own("No, sorry.\n\nOn Mon, Nov 30, 2026 at 10:00 AM Jordan <jordan@example.org> "
              "wrote:\nthe final round went well\n") == "No, sorry.\n\n");
    CHECK(own("No, sorry.\n\nOn Mon, Nov 30, 2026 at 10:00 AM Jordan <\njordan@example.org> "
              "wrote:\nthe final round went well\n") == "No, sorry.\n\n");
    CHECK(own("Leider nein.\nAm 30.11.2026 um 10:00 schrieb Jordan <j@example.org>:\nx\n") ==
          "Leider nein.\n");
    CHECK(own("Malheureusement non.\nLe lun. 30 nov. 2026 \xc3\xa0 10:00, Jordan a "
              "\xc3\xa9"
              "crit :\nx\n") == "Malheureusement non.\n");
    CHECK(own("No.\nEl lun, 30 nov 2026 a las 10:00, Jordan escribi\xc3\xb3:\nx\n") == "No.\n");
    CHECK(own("Helaas.\nOp ma 30 nov. 2026 om 10:00 schreef Jordan <j@example.org>:\nx\n") ==
          "Helaas.\n");
    CHECK(own("Infelizmente.\nEm seg., 30 de nov. de 2026 \xc3\xa0s 10:00, Jordan escreveu:\n") ==
          "Infelizmente.\n");
    CHECK(own("Thanks.\n-- \nSam, Acme: final round champions\n") == "Thanks.\n");
}

TEST_CASE("mail::strip_subject_prefixes") {
    CHECK(strip_subject_prefixes("Re: Fwd: Your application") == "Your application");
    CHECK(strip_subject_prefixes("AW: WG: Ihre Bewerbung") == "Ihre Bewerbung");
    CHECK(strip_subject_prefixes("TR: RE: Votre candidature") == "Votre candidature");
    CHECK(strip_subject_prefixes("RV: Tu candidatura") == "Tu candidatura");
    CHECK(strip_subject_prefixes("Doorst: Je sollicitatie") == "Je sollicitatie");
    CHECK(strip_subject_prefixes("ENC: Sua candidatura") == "Sua candidatura");
    CHECK(strip_subject_prefixes("[External] Update: next steps") == "Update: next steps");
    CHECK(strip_subject_prefixes("Acme: Application update") == "Acme: Application update");
}
