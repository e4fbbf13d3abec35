// Tests for lib/src/core/records.cpp.
#include "bounceback/core/records.hpp"
#include "bounceback/util/text.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using namespace std::chrono;
using namespace std::string_view_literals;
using bb::Rejection;
using bb::Stage;

namespace {

Rejection valid_rejection() {
    Rejection r;
    r.id = 1;
    r.company = "Acme";
    r.date = 2026y / 11 / 5;
    return r;
}

} // namespace

TEST_CASE("core::stage_names") {
    const auto& names = bb::stage_names();
    REQUIRE(names.size() == 6);
    CHECK(bb::util::join(names, " ") == "application screen technical onsite final offer");
}

TEST_CASE("core::stage_name") {
    SUBCASE("each stage by name") {
        CHECK(bb::stage_name(Stage::application) == "application");
        CHECK(bb::stage_name(Stage::screen) == "screen");
        CHECK(bb::stage_name(Stage::technical) == "technical");
        CHECK(bb::stage_name(Stage::onsite) == "onsite");
        CHECK(bb::stage_name(Stage::final) == "final");
        CHECK(bb::stage_name(Stage::offer) == "offer");
    }
    SUBCASE("the enum follows process order") {
        CHECK(Stage::application < Stage::screen);
        CHECK(Stage::screen < Stage::technical);
        CHECK(Stage::technical < Stage::onsite);
        CHECK(Stage::onsite < Stage::final);
        CHECK(Stage::final < Stage::offer);
    }
}

TEST_CASE("core::parse_stage") {
    SUBCASE("every name parses back to its stage") {
        for (const auto& name : bb::stage_names()) {
            const auto stage = bb::parse_stage(name);
            REQUIRE(stage.has_value());
            CHECK(bb::stage_name(*stage) == name);
        }
        CHECK(bb::parse_stage("onsite") == Stage::onsite);
    }
    SUBCASE("exact and lower-case only") {
        CHECK_FALSE(bb::parse_stage("Screen").has_value());
        CHECK_FALSE(bb::parse_stage(" screen").has_value());
        CHECK_FALSE(bb::parse_stage("scr").has_value());
        CHECK_FALSE(bb::parse_stage("phone").has_value());
        CHECK_FALSE(bb::parse_stage("").has_value());
    }
}

TEST_CASE("core::check_line") {
    using bb::check_line;
    SUBCASE("one line of text is fine") {
        CHECK(check_line("Acme") == "");
        CHECK(check_line("Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac, Ltd.") == "");
    }
    SUBCASE("empty or blank") {
        BB_CHECK_CONTAINS(check_line(""), "empty");
        BB_CHECK_CONTAINS(check_line("  \t "), "empty");
    }
    SUBCASE("control characters") {
        CHECK(check_line("a\nb") != "");
        CHECK(check_line("a\rb") != "");
        CHECK(check_line("a\tb") != "");
        CHECK(check_line("a\0b"sv) != "");
        CHECK(check_line("\x1b[2Jgone") != "");
        CHECK(check_line("a\x7f") != "");
    }
    SUBCASE("invalid UTF-8") {
        BB_CHECK_CONTAINS(check_line("Acme\xff"), "UTF-8");
        BB_CHECK_CONTAINS(check_line("\xc0\xaf"), "UTF-8");
    }
}

TEST_CASE("core::check_text") {
    using bb::check_text;
    SUBCASE("newlines and tabs are fine") {
        CHECK(check_text("first line\nsecond line") == "");
        CHECK(check_text("a\tb") == "");
    }
    SUBCASE("other control characters are not") {
        CHECK(check_text("windows\r\nline") != "");
        CHECK(check_text("a\0b"sv) != "");
        CHECK(check_text("\x1b]0;title\x07") != "");
    }
    SUBCASE("empty, blank or invalid UTF-8") {
        BB_CHECK_CONTAINS(check_text(""), "empty");
        BB_CHECK_CONTAINS(check_text("\n\n"), "empty");
        BB_CHECK_CONTAINS(check_text("bad \xed\xa0\x80"), "UTF-8");
    }
}

TEST_CASE("core::check_email") {
    using bb::check_email;
    SUBCASE("addresses") {
        CHECK(check_email("jane@example.com") == "");
        CHECK(check_email("jane.doe+jobs@mail.example.co.uk") == "");
    }
    SUBCASE("not addresses") {
        for (std::string_view bad :
             {"", "jane", "jane@", "@example.com", "jane@example", "jane@.com", "jane@example.com.",
              "jane@@example.com", "jane@exa..mple.com", "jane doe@example.com",
              "<jane@example.com>", "Jane <jane@example.com>", "a,b@example.com",
              "jane@example.com;x@y.z"}) {
            CAPTURE(bad);
            CHECK(check_email(bad) != "");
        }
    }
    SUBCASE("header injection is refused") {
        CHECK(check_email("jane@example.com\r\nBcc: all@example.com") != "");
        CHECK(check_email("jane@example.com\nBcc: all@example.com") != "");
        CHECK(check_email("jane@ex\tample.com") != "");
    }
}

TEST_CASE("core::check_word") {
    using bb::check_word;
    SUBCASE("one word") {
        CHECK(check_word("remote") == "");
        CHECK(check_word("data-science") == "");
        CHECK(check_word("c++") == "");
        CHECK(check_word("\xe6\x97\xa5\xe6\x9c\xac") == "");
    }
    SUBCASE("not one word") {
        CHECK(check_word("") != "");
        CHECK(check_word("two words") != "");
        CHECK(check_word("a,b") != "");
        CHECK(check_word("tab\there") != "");
        CHECK(check_word("new\nline") != "");
    }
}

TEST_CASE("core::check_feeling") {
    for (std::int64_t ok = 1; ok <= 5; ++ok) {
        CAPTURE(ok);
        CHECK(bb::check_feeling(ok) == "");
    }
    for (std::int64_t bad :
         {std::int64_t{0}, std::int64_t{6}, std::int64_t{-1}, std::int64_t{100}}) {
        CAPTURE(bad);
        CHECK(bb::check_feeling(bad) != "");
    }
}

TEST_CASE("core::parse_feeling") {
    SUBCASE("one digit from 1 to 5") {
        for (const char* ok : {"1", "2", "3", "4", "5"}) {
            CAPTURE(ok);
            std::string err;
            CHECK(bb::parse_feeling(ok, &err) == ok[0] - '0');
            CHECK(err == "");
        }
    }
    SUBCASE("anything else, with check_feeling's reason") {
        for (const char* bad : {"0", "6", "x", "", "03", "3.0", "2.5", " 3", "3 ", "-1", "10"}) {
            CAPTURE(bad);
            std::string err;
            CHECK(bb::parse_feeling(bad, &err) == std::nullopt);
            CHECK(err == bb::check_feeling(0));
        }
    }
    SUBCASE("the reason is optional") {
        CHECK(bb::parse_feeling("9", nullptr) == std::nullopt);
    }
}

TEST_CASE("core::check_rejection") {
    Rejection r = valid_rejection();
    SUBCASE("a minimal rejection is fine") {
        CHECK(bb::check_rejection(r) == "");
    }
    SUBCASE("applied on or before the rejection date") {
        r.applied = 2026y / 11 / 5;
        CHECK(bb::check_rejection(r) == "");
        r.applied = 2026y / 10 / 1;
        CHECK(bb::check_rejection(r) == "");
    }
    SUBCASE("applied after the rejection date") {
        r.applied = 2026y / 11 / 6;
        const std::string reason = bb::check_rejection(r);
        BB_CHECK_CONTAINS(reason, "applied");
        BB_CHECK_CONTAINS(reason, "2026-11-06");
        BB_CHECK_CONTAINS(reason, "2026-11-05");
    }
    SUBCASE("feedback received on or after it was requested") {
        r.feedback.requested = 2026y / 11 / 6;
        r.feedback.received = 2026y / 11 / 6;
        CHECK(bb::check_rejection(r) == "");
        r.feedback.received = 2026y / 11 / 20;
        CHECK(bb::check_rejection(r) == "");
    }
    SUBCASE("feedback dates out of order") {
        r.feedback.requested = 2026y / 11 / 10;
        r.feedback.received = 2026y / 11 / 8;
        const std::string reason = bb::check_rejection(r);
        BB_CHECK_CONTAINS(reason, "feedback.received");
        BB_CHECK_CONTAINS(reason, "feedback.requested");
    }
    SUBCASE("a follow-up follows its request") {
        r.feedback.requested = 2026y / 11 / 10;
        r.feedback.followed_up = 2026y / 11 / 17;
        CHECK(bb::check_rejection(r) == "");
        r.feedback.followed_up = 2026y / 11 / 9;
        BB_CHECK_CONTAINS(bb::check_rejection(r), "feedback.followed_up (2026-11-09) is before");
        r.feedback.requested.reset();
        BB_CHECK_CONTAINS(bb::check_rejection(r), "feedback.requested is not");
    }
    SUBCASE("a follow-up waits from the latest request") {
        r.feedback.requested = 2026y / 11 / 1;
        CHECK(bb::follow_up_due(r, 2026y / 11 / 20, 7));
        r.feedback.followed_up = 2026y / 11 / 15;
        CHECK_FALSE(bb::follow_up_due(r, 2026y / 11 / 20, 7));
        CHECK(bb::follow_up_due(r, 2026y / 11 / 22, 7));
    }
    SUBCASE("feedback received without a request is fine") {
        r.feedback.received = 2026y / 11 / 8;
        CHECK(bb::check_rejection(r) == "");
    }
}

TEST_CASE("core::check_entry_date") {
    constexpr bb::Date today = 2026y / 11 / 25;
    CHECK(bb::check_entry_date(today, today).empty());
    CHECK(bb::check_entry_date(2026y / 11 / 26, today).empty()); // a day ahead: time zones
    CHECK(bb::check_entry_date(1900y / 1 / 1, today).empty());
    CHECK(bb::check_entry_date(2026y / 11 / 27, today) ==
          "is later than tomorrow (today is 2026-11-25); bounceback keeps what has already "
          "happened: is the year right?");
    SUBCASE("every date of a rejection, named") {
        Rejection r = valid_rejection();
        CHECK(bb::check_entry_dates(r, today).empty());
        r.feedback.received = 2062y / 11 / 1;
        CHECK(bb::check_entry_dates(r, today).starts_with("feedback.received 2062-11-01 is later"));
        r.applied = 2062y / 1 / 1;
        CHECK(bb::check_entry_dates(r, today).starts_with("applied 2062-01-01 is later"));
        r.date = 9999y / 12 / 31;
        CHECK(bb::check_entry_dates(r, today).starts_with("date 9999-12-31 is later"));
    }
    SUBCASE("wins and reflections") {
        CHECK(bb::check_entry_dates(bb::Win{1, 2026y / 12 / 1, "x"}, today).starts_with("date "));
        bb::Reflection reflection;
        reflection.date = today;
        CHECK(bb::check_entry_dates(reflection, today).empty());
    }
}

TEST_CASE("core::contact_first_name") {
    using bb::contact_first_name;
    SUBCASE("titles are skipped") {
        CHECK(contact_first_name("Dr. Jane Q. Doe") == "Jane");
        CHECK(contact_first_name("Ms Jane Doe") == "Jane");
        CHECK(contact_first_name("PROF. DR. Alan Turing") == "Alan");
        CHECK(contact_first_name("Mrs. Ms. Jane Doe") == "Jane");
    }
    SUBCASE("plain names") {
        CHECK(contact_first_name("Jane") == "Jane");
        CHECK(contact_first_name("  Jane   Doe ") == "Jane");
        CHECK(contact_first_name("Jos\xc3\xa9 Garc\xc3\xad"
                                 "a") == "Jos\xc3\xa9");
    }
    SUBCASE("a name that starts like a title is a name") {
        CHECK(contact_first_name("Drew Barrymore") == "Drew");
        CHECK(contact_first_name("Missy Elliott") == "Missy");
    }
    SUBCASE("empty") {
        CHECK(contact_first_name("") == "");
        CHECK(contact_first_name("   ") == "");
    }
    SUBCASE("last name first") {
        CHECK(contact_first_name("Doe, Jane") == "Jane");
        CHECK(contact_first_name("Doe,Jane") == "Jane");
        CHECK(contact_first_name("Doe, Dr. Jane") == "Jane");
        CHECK(contact_first_name("van der Berg, Anna Maria") == "Anna");
        CHECK(contact_first_name("Doe,") == "Doe");
    }
    SUBCASE("suffixes after a comma are not a first name") {
        CHECK(contact_first_name("Jane Doe, PhD") == "Jane");
        CHECK(contact_first_name("John Smith, Jr.") == "John");
        CHECK(contact_first_name("John Smith Jr.") == "John");
    }
    SUBCASE("a title and one name: no first name") {
        CHECK(contact_first_name("Dr. Doe") == "");
        CHECK(contact_first_name("Doe, Prof.") == "");
    }
}

TEST_CASE("core::parse_contact and contact_greeting") {
    const bb::ContactName name = bb::parse_contact("Doe, Dr. Jane");
    CHECK(name.title == "Dr.");
    CHECK(name.first == "Jane");
    CHECK(name.last == "Doe");
    CHECK(bb::parse_contact("Dr. Jane Q. Doe").last == "Doe");
    CHECK(bb::contact_greeting("Doe, Jane") == "Jane");
    CHECK(bb::contact_greeting("Jane Doe") == "Jane");
    CHECK(bb::contact_greeting("Dr. Doe") == "Dr. Doe");
    CHECK(bb::contact_greeting("Doe, Prof.") == "Prof. Doe");
    CHECK(bb::contact_greeting("Prof. Dr. Doe") == "Prof. Dr. Doe");
    CHECK(bb::contact_greeting("Doe") == "Doe");
    CHECK(bb::contact_greeting("Dr.") == "");
    CHECK(bb::contact_greeting("") == "");
}

TEST_CASE("core::add_tag") {
    std::vector<std::string> tags;
    bb::add_tag(tags, "Remote");
    bb::add_tag(tags, "remote");
    bb::add_tag(tags, "REMOTE");
    bb::add_tag(tags, "Zürich");
    bb::add_tag(tags, "ZÜRICH");
    bb::add_tag(tags, "fintech");
    CHECK(tags == std::vector<std::string>{"Remote", "Zürich", "fintech"});
}

TEST_CASE("core::check_tag") {
    using bb::check_tag;
    CHECK(check_tag("remote") == "");
    CHECK(check_tag("Machine Learning") == "");
    CHECK(check_tag("big, tech") != "");
    CHECK(check_tag("a;b") != "");
    CHECK(check_tag(" padded") != "");
    CHECK(check_tag("") != "");
    CHECK(check_tag("two\nlines") != "");
}
