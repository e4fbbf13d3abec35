// Tests for lib/src/mail/classify.cpp: what kind of mail a letter is, and the phrases that say
// so, with negation, hypotheticals and quotes in mind. (The labelled corpus in
// tests/fixtures/mail and tests/e2e/test_mail_corpus.py measure it on whole messages.)
#include "bounceback/mail/classify.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::mail::Classification;
using bb::mail::classify;
using bb::mail::kind_name;
using bb::mail::Letter;
using bb::mail::MailKind;
using bb::test::contains;

namespace {

Classification of(const std::string& text, const std::string& subject = "Your application") {
    Letter letter;
    letter.subject = subject;
    letter.text = text;
    letter.own_text = text;
    return classify(letter);
}

std::string kind(const std::string& text, const std::string& subject = "Your application") {
    return std::string(kind_name(of(text, subject).kind));
}

} // namespace

TEST_CASE("mail::classify rejections, in six languages") {
    CHECK(kind("After careful consideration, we have decided to move forward with other "
               "candidates.") == "rejection");
    CHECK(kind("We regret to inform you that the position has been filled.") == "rejection");
    CHECK(kind("Unfortunately we will not be moving forward with your application.") ==
          "rejection");
    CHECK(kind("We've decided to go with someone who has more experience.") == "rejection");
    CHECK(kind("Unfortunately the position you applied for has been filled.") == "rejection");
    CHECK(kind("While your background is impressive, we have chosen to proceed with candidates "
               "whose experience better aligns with the role.") == "rejection");
    CHECK(kind("Leider m\xc3\xbcssen wir Ihnen mitteilen, dass wir uns f\xc3\xbcr einen anderen "
               "Bewerber entschieden haben.") == "rejection");
    CHECK(kind("Malheureusement, nous ne pouvons pas donner une suite favorable \xc3\xa0 votre "
               "candidature.") == "rejection");
    CHECK(kind("Lamentamos informarte que hemos decidido continuar con otros candidatos.") ==
          "rejection");
    CHECK(kind("Helaas hebben we gekozen voor een andere kandidaat.") == "rejection");
    CHECK(kind("Infelizmente optamos por seguir com outros candidatos.") == "rejection");
}

TEST_CASE("mail::classify what is not a rejection") {
    CHECK(kind("We have received your application and will review it shortly.") ==
          "acknowledgement");
    CHECK(kind("Great news! We would love to invite you to an onsite interview.") == "interview");
    CHECK(kind("Please complete the online assessment within 5 days.") == "assessment");
    CHECK(kind("We are delighted to offer you the position of Data Engineer.") == "offer");
    CHECK(kind("We are still reviewing applications and have not yet made a decision.") ==
          "update");
    CHECK(kind("The position you applied for has not been filled yet; we are still interviewing.")
          != "rejection");
    CHECK(kind("Unfortunately, we need to reschedule your technical interview to Thursday.") ==
          "interview");
    CHECK(kind("New jobs for you: 12 roles match your job alert.") == "newsletter");
    CHECK(kind("Hi Jordan, are you free for coffee on Friday?") == "other");
    CHECK(kind("Wir laden Sie herzlich zu einem Vorstellungsgespr\xc3\xa4"
               "ch ein.") == "interview");
    CHECK(kind("Nous avons bien re\xc3\xa7u votre candidature.") == "acknowledgement");
}

TEST_CASE("mail::classify negation, hypotheticals and doubt") {
    SUBCASE("a denied invitation is no invitation") {
        CHECK(kind("We regret to inform you that we will not be inviting you to an interview.") ==
              "rejection");
        CHECK(kind("Leider k\xc3\xb6nnen wir Sie nicht zu einem Gespr\xc3\xa4"
                   "ch einladen.") == "rejection");
    }
    SUBCASE("a hypothetical rejection is no rejection") {
        CHECK(kind("We have received your application. If you are not selected, we will keep "
                   "your details.") == "acknowledgement");
        CHECK(kind("Thank you for applying. Should we decide not to proceed, we will let you "
                   "know.") == "acknowledgement");
        CHECK(kind("Merci pour votre candidature. Si votre profil n'a pas \xc3\xa9t\xc3\xa9 "
                   "retenu, vous recevrez un message.") == "acknowledgement");
    }
    SUBCASE("a rejection that also invites is unsure") {
        const auto c = of("We have decided to move forward with other candidates. We would "
                          "love to invite you to an interview for our new role.");
        CHECK(c.kind == MailKind::unsure);
        CHECK(contains(c.why, "says no, but"));
        REQUIRE(c.decided_by.size() == 2);
    }
    SUBCASE("only weak signs are unsure") {
        const auto c = of("Unfortunately the office is closed on Friday.");
        CHECK(c.kind == MailKind::unsure);
        CHECK(c.why == "only 'Unfortunately', which alone does not say no");
    }
    SUBCASE("a weak sign does not outweigh an invitation") {
        CHECK(kind("Unfortunately we need to reschedule your interview; please pick a new "
                   "time.") == "interview");
    }
    SUBCASE("an offer to chat after a rejection, if it helps, stays a rejection") {
        CHECK(kind("We've decided to go with someone else. Happy to chat if that helps.") ==
              "rejection");
    }
}

TEST_CASE("mail::classify explains itself") {
    const auto c = of("Thank you for your time. Regrettably, we have decided to pursue other "
                      "candidates.",
                      "Your application to Acme");
    CHECK(c.kind == MailKind::rejection);
    CHECK(c.why == "'pursue other candidates'");
    REQUIRE_FALSE(c.decided_by.empty());
    CHECK(c.decided_by.front().phrase == "pursue other candidates");
    CHECK(c.decided_by.front().decisive);
    CHECK(c.language == "en");
    CHECK(of("Leider m\xc3\xbcssen wir absagen.").language == "de");
    SUBCASE("the subject counts too") {
        const auto s = of("Dear Jordan, see below.", "Application unsuccessful");
        CHECK(s.kind == MailKind::rejection);
        CHECK(s.decided_by.front().in_subject);
    }
}
