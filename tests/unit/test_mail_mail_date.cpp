// Tests for lib/src/mail/mail_date.cpp: dates as mail writes them, in headers and above
// forwarded messages, in the six languages, and what is said when a zone is guessed.
#include "bounceback/mail/mail_date.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

using bb::mail::local_day;
using bb::mail::parse_mail_date;
using bb::mail::read_mail_date;
using bb::mail::received_date;
using bb::test::TimeZoneGuard;
using bb::util::format_date;

namespace {

/// The day and time (UTC) `text` is read as, "YYYY-MM-DD HH:MM:SS", or "" when it is not read.
std::string utc(std::string_view text) {
    auto date = read_mail_date(text);
    if (!date) {
        return "";
    }
    std::tm tm{};
    gmtime_r(&date->when, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return buffer;
}

std::string note(std::string_view text) {
    auto date = read_mail_date(text);
    return date ? date->zone_note : "(not a date)";
}

} // namespace

TEST_CASE("mail::parse_mail_date") {
    CHECK(parse_mail_date("Wed, 25 Nov 2026 18:04:05 +0100") == 1795626245);
    CHECK(parse_mail_date("25 Nov 2026 17:04:05 +0000") == 1795626245);
    CHECK(parse_mail_date("Wed, 25 Nov 2026 12:04:05 -0500 (EST)") == 1795626245);
    CHECK(parse_mail_date("Wed, 25 Nov 2026 09:04:05 PST") == 1795626245);
    CHECK(parse_mail_date("Wed, 25 Nov 2026 17:04:05 GMT") == 1795626245);
    CHECK(parse_mail_date("Wed,25 Nov 26 17:04 UT") == 1795626240);
    CHECK(parse_mail_date("25 nov 2026 17:04:05") == 1795626245); // no zone: read as UTC
    CHECK_FALSE(parse_mail_date(""));
    CHECK_FALSE(parse_mail_date("yesterday"));
    CHECK_FALSE(parse_mail_date("31 Feb 2026 10:00:00 +0000"));
    CHECK_FALSE(parse_mail_date("25 Foo 2026 10:00:00 +0000"));
    CHECK_FALSE(parse_mail_date("25 Nov 2026 25:00:00 +0000"));
    CHECK_FALSE(parse_mail_date("Nov 2026 10:00"));
}

TEST_CASE("mail::read_mail_date zones mail really writes") {
    SUBCASE("numeric zones in every spelling") {
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 +01:00") == "2026-11-25 17:04:05");
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 +01") == "2026-11-25 17:04:05");
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 GMT+1") == "2026-11-25 17:04:05");
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 UTC+01:00") == "2026-11-25 17:04:05");
        CHECK(utc("Wed, 25 Nov 2026 12:04:05 GMT-0500") == "2026-11-25 17:04:05");
        CHECK(note("Wed, 25 Nov 2026 18:04:05 +0100") == "");
        CHECK(note("Wed, 25 Nov 2026 18:04:05 -0000") == "");
    }
    SUBCASE("common zone names are read, and the reading is said") {
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 CET") == "2026-11-25 17:04:05");
        CHECK(note("Wed, 25 Nov 2026 18:04:05 CET") == "CET read as +0100");
        CHECK(utc("Tue, 14 Jul 2026 19:00:00 CEST") == "2026-07-14 17:00:00");
        CHECK(utc("Tue, 14 Jul 2026 19:00:00 MESZ") == "2026-07-14 17:00:00");
        CHECK(utc("Tue, 14 Jul 2026 18:00:00 BST") == "2026-07-14 17:00:00");
        CHECK(note("Wed, 25 Nov 2026 18:04:05 +0100 (CET)") == "");
        CHECK(utc("Wed, 25 Nov 2026 18:04:05 (CET)") == "2026-11-25 17:04:05");
        CHECK(note("Wed, 25 Nov 2026 17:04:05 GMT") == "");
    }
    SUBCASE("no zone, or one not known: the day as written, and said so") {
        auto none = read_mail_date("Wed, 25 Nov 2026 23:30:00");
        REQUIRE(none);
        CHECK_FALSE(none->zone_known);
        CHECK(none->zone_note == "no time zone: the day as written");
        auto unknown = read_mail_date("Wed, 25 Nov 2026 23:30:00 XYZ");
        REQUIRE(unknown);
        CHECK_FALSE(unknown->zone_known);
        CHECK(unknown->zone_note == "time zone 'XYZ' unknown: the day as written");
        // IST is India, Ireland or Israel: not guessed.
        CHECK_FALSE(read_mail_date("Wed, 25 Nov 2026 23:30:00 IST")->zone_known);
    }
}

TEST_CASE("mail::read_mail_date other shapes") {
    CHECK(utc("Wed Nov 25 17:04:05 2026") == "2026-11-25 17:04:05"); // an mbox From line
    CHECK(utc("2026-11-25T18:04:05+01:00") == "2026-11-25 17:04:05");
    CHECK(utc("2026-11-25T17:04:05.250Z") == "2026-11-25 17:04:05");
    CHECK(utc("2026-11-25 17:04:05") == "2026-11-25 17:04:05");
    CHECK(utc("25 Nov 2026") == "2026-11-25 00:00:00");
    SUBCASE("as mail programs write them above a forwarded message") {
        CHECK(utc("Fri, 4 Dec 2026 at 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("Fri, Dec 4, 2026 at 2:03 PM") == "2026-12-04 14:03:00");
        CHECK(utc("Friday, December 4, 2026 2:03 PM") == "2026-12-04 14:03:00");
        CHECK(utc("Friday, December 4, 2026 12:15 AM") == "2026-12-04 00:15:00");
        CHECK(utc("4 December 2026 at 14:03:12 CET") == "2026-12-04 13:03:12");
        CHECK(utc("December 4, 2026 at 2:03:12 PM GMT+1") == "2026-12-04 13:03:12");
        CHECK(utc("Fr., 4. Dez. 2026 um 14:03 Uhr") == "2026-12-04 14:03:00");
        CHECK(note("Fr., 4. Dez. 2026 um 14:03 Uhr") == "no time zone: the day as written");
        CHECK(utc("Freitag, 4. Dezember 2026 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("ven. 4 d\xc3\xa9"
                  "c. 2026 \xc3\xa0 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("mar. 24 nov. 2026 \xc3\xa0 10h15") == "2026-11-24 10:15:00");
        CHECK(utc("mar. 24 mars 2026") == "2026-03-24 00:00:00");
        CHECK(utc("viernes, 4 de diciembre de 2026 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("vr 4 dec. 2026 om 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("sex., 4 de dez. de 2026 \xc3\xa0s 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("quinta-feira, 3 de mar\xc3\xa7o de 2026 09:00") == "2026-03-03 09:00:00");
    }
    SUBCASE("numeric days: day first with dots, ISO, and slashes only when plain") {
        CHECK(utc("04.12.2026 14:03") == "2026-12-04 14:03:00");
        CHECK(utc("2026-12-04") == "2026-12-04 00:00:00");
        CHECK(utc("13/04/2026 10:00") == "2026-04-13 10:00:00");
        CHECK(utc("04/13/2026 10:00") == "2026-04-13 10:00:00");
        CHECK(utc("03/04/2026 10:00") == ""); // March or April: not a guess
    }
}

TEST_CASE("mail::local_day and received_date") {
    auto evening = read_mail_date("Mon, 23 Nov 2026 22:10:00 -0500");
    REQUIRE(evening);
    {
        TimeZoneGuard zone("Europe/Berlin");
        CHECK(format_date(local_day(*evening)) == "2026-11-24");
        // No zone: the day as written, not moved by the reader's zone.
        CHECK(format_date(local_day(*read_mail_date("Mon, 23 Nov 2026 23:10:00"))) == "2026-11-23");
    }
    {
        TimeZoneGuard zone("America/Los_Angeles");
        CHECK(format_date(local_day(*evening)) == "2026-11-23");
    }
    auto received = received_date("from mx.acme.example (mx.acme.example [192.0.2.7]) by "
                                  "mail.example.org (Postfix) with ESMTPS id 4F2; Tue, 24 Nov "
                                  "2026 10:15:33 +0100 (CET)");
    REQUIRE(received);
    CHECK(received->zone_known);
    CHECK(received->when == *parse_mail_date("Tue, 24 Nov 2026 09:15:33 +0000"));
    CHECK_FALSE(received_date("from a by b with SMTP"));
}
