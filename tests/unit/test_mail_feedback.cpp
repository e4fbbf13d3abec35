// Tests for lib/src/mail/feedback.cpp: which template a rejection gets, the values templates
// can use, and the built-in templates rendered with them.
#include "bounceback/mail/feedback.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono;
using bb::Config;
using bb::Rejection;
using bb::Stage;
using bb::mail::TemplateValues;

namespace {

Rejection full_rejection() {
    Rejection r;
    r.id = 12;
    r.company = "O'Brien & Co";
    r.role = "Data Engineer";
    r.stage = Stage::onsite;
    r.date = 2026y / 11 / 20;
    r.applied = 2026y / 10 / 2;
    r.source = "referral";
    r.contact = "Dr. Jane Doe";
    r.email = "jane@obrien.example";
    r.reason = "went with someone more senior";
    r.note = "a private note";
    r.feedback.requested = 2026y / 11 / 21;
    r.feedback.received = 2026y / 11 / 24;
    return r;
}

Rejection minimal_rejection() {
    Rejection r;
    r.id = 3;
    r.company = "Acme";
    r.date = 2026y / 11 / 5;
    return r;
}

Config full_config() {
    Config c;
    c.name = "Jos\xc3\xa9 M\xc3\xbcller";
    c.email = "jose@example.com";
    c.signature = "Jos\xc3\xa9\n+49 30 1234567";
    return c;
}

/// The value of `name`, or "(absent)"; "(unknown)" when it is not a key at all.
std::string value_of(const TemplateValues& values, const std::string& name) {
    const auto it = values.find(name);
    if (it == values.end()) {
        return "(unknown)";
    }
    return it->second ? *it->second : "(absent)";
}

std::vector<std::string> keys_of(const TemplateValues& values) {
    std::vector<std::string> keys;
    for (const auto& [name, value] : values) {
        keys.push_back(name);
    }
    return keys;
}

bb::mail::Draft render_builtin(const std::string& name, const Rejection& r, const Config& c) {
    const auto* source = bb::mail::find_builtin_template(name);
    REQUIRE_MESSAGE(source != nullptr, name);
    return bb::mail::render_template(*source, bb::mail::feedback_values(r, c));
}

/// The lines of `body` that ask something.
int questions_in(const std::string& body) {
    int count = 0;
    std::size_t start = 0;
    while (start < body.size()) {
        auto end = body.find('\n', start);
        end = end == std::string::npos ? body.size() : end;
        const std::string line = body.substr(start, end - start);
        if (line.starts_with("- ") && line.ends_with("?")) {
            ++count;
        }
        start = end + 1;
    }
    return count;
}

} // namespace

TEST_CASE("mail::default_template_for") {
    CHECK(bb::mail::default_template_for(std::nullopt) == "after-application");
    CHECK(bb::mail::default_template_for(Stage::application) == "after-application");
    for (Stage s : {Stage::screen, Stage::technical, Stage::onsite, Stage::final, Stage::offer}) {
        CAPTURE(bb::stage_name(s));
        CHECK(bb::mail::default_template_for(s) == "after-interview");
    }
    // Every name it gives is a built-in template.
    for (const auto& stage : {std::optional<Stage>(), std::optional<Stage>(Stage::final)}) {
        CHECK(bb::mail::find_builtin_template(bb::mail::default_template_for(stage)) != nullptr);
    }
}

TEST_CASE("mail::feedback_values") {
    SUBCASE("every documented variable is known, and nothing else") {
        CHECK(keys_of(bb::mail::feedback_values(minimal_rejection(), Config{})) ==
              std::vector<std::string>{"applied", "company", "contact", "contact_first_name",
                                       "contact_greeting", "date", "email", "followed_up",
                                       "me.email", "me.name", "me.signature", "received",
                                       "requested", "role", "source", "stage", "stage_phrase", "stage_thanks",
                                       "url"});
    }

    SUBCASE("a full entry and config") {
        const TemplateValues v = bb::mail::feedback_values(full_rejection(), full_config());
        CHECK(value_of(v, "company") == "O'Brien & Co");
        CHECK(value_of(v, "role") == "Data Engineer");
        CHECK(value_of(v, "stage") == "onsite");
        CHECK(value_of(v, "stage_phrase") == "the onsite interviews");
        CHECK(value_of(v, "date") == "2026-11-20");
        CHECK(value_of(v, "applied") == "2026-10-02");
        CHECK(value_of(v, "source") == "referral");
        CHECK(value_of(v, "contact") == "Dr. Jane Doe");
        CHECK(value_of(v, "contact_first_name") == "Jane");
        CHECK(value_of(v, "email") == "jane@obrien.example");
        CHECK(value_of(v, "requested") == "2026-11-21");
        CHECK(value_of(v, "received") == "2026-11-24");
        CHECK(value_of(v, "me.name") == "Jos\xc3\xa9 M\xc3\xbcller");
        CHECK(value_of(v, "me.email") == "jose@example.com");
        CHECK(value_of(v, "me.signature") == "Jos\xc3\xa9\n+49 30 1234567");
        // Private fields never reach an email.
        CHECK(value_of(v, "note") == "(unknown)");
        CHECK(value_of(v, "reason") == "(unknown)");
    }

    SUBCASE("absent fields are known but have no value") {
        const TemplateValues v = bb::mail::feedback_values(minimal_rejection(), Config{});
        for (const char* name :
             {"role", "stage", "applied", "source", "contact", "contact_first_name", "email",
              "requested", "received", "me.name", "me.email", "me.signature"}) {
            CAPTURE(name);
            CHECK(value_of(v, name) == "(absent)");
        }
        CHECK(value_of(v, "company") == "Acme");
        CHECK(value_of(v, "date") == "2026-11-05");
        CHECK(value_of(v, "stage_phrase") == "the process");
    }

    SUBCASE("contact_first_name") {
        for (const auto& entry :
             {std::pair{"Dr. Jane Doe", "Jane"}, std::pair{"Jane", "Jane"},
              std::pair{"Ms Ann Lee", "Ann"}, std::pair{"prof. Zo\xc3\xab Kim", "Zo\xc3\xab"},
              std::pair{"Dr.", "(absent)"}, std::pair{"Mr. Dr.", "(absent)"}}) {
            const auto& contact = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& first = entry.second;
            CAPTURE(contact);
            Rejection r = minimal_rejection();
            r.contact = contact;
            CHECK(value_of(bb::mail::feedback_values(r, Config{}), "contact_first_name") == first);
        }
    }

    SUBCASE("a phrase for every stage") {
        const std::vector<std::pair<Stage, std::string>> phrases = {
            {Stage::application, "your review of my application"},
            {Stage::screen, "our screening call"},
            {Stage::technical, "the technical interview"},
            {Stage::onsite, "the onsite interviews"},
            {Stage::final, "the final interview"},
            {Stage::offer, "the offer stage"},
        };
        for (const auto& [stage, phrase] : phrases) {
            Rejection r = minimal_rejection();
            r.stage = stage;
            const TemplateValues v = bb::mail::feedback_values(r, Config{});
            CHECK(value_of(v, "stage_phrase") == phrase);
            CHECK(value_of(v, "stage") == std::string(bb::stage_name(stage)));
        }
    }
}

TEST_CASE("mail: the built-in templates render for any entry") {
    const std::vector<std::string> names = {"after-application", "after-interview", "follow-up"};

    SUBCASE("a full entry: greeting by first name, role and company, signed") {
        for (const auto& name : names) {
            CAPTURE(name);
            const auto d = render_builtin(name, full_rejection(), full_config());
            CHECK_FALSE(d.header("Subject").empty());
            BB_CHECK_CONTAINS(d.header("Subject"), "Data Engineer");
            CHECK(d.body.starts_with("Dear Jane,\n"));
            BB_CHECK_CONTAINS(d.body, "O'Brien & Co");
            BB_CHECK_CONTAINS(d.body, "Data Engineer");
            CHECK(d.body.ends_with("Jos\xc3\xa9\n+49 30 1234567\n"));
            CHECK(d.body.find("{{") == std::string::npos);
            CHECK(d.body.find("&amp;") == std::string::npos);
            CHECK(d.body.find("&#39;") == std::string::npos);
        }
    }

    SUBCASE("a minimal entry and no config: 'Hello,', never 'Dear ,'") {
        for (const auto& name : names) {
            CAPTURE(name);
            const auto d = render_builtin(name, minimal_rejection(), Config{});
            CHECK_FALSE(d.header("Subject").empty());
            CHECK(d.body.starts_with("Hello,\n"));
            CHECK(d.body.find("Dear ,") == std::string::npos);
            CHECK(d.body.find("Dear") == std::string::npos);
            CHECK(d.body.find("  ") == std::string::npos);
            CHECK(d.body.find(" ,") == std::string::npos);
            CHECK(d.body.find(" .") == std::string::npos);
            BB_CHECK_CONTAINS(d.body, "Acme");
        }
    }

    SUBCASE("a name but no signature: signed with the name") {
        Config c = full_config();
        c.signature.reset();
        for (const auto& name : names) {
            CAPTURE(name);
            CHECK(render_builtin(name, full_rejection(), c)
                      .body.ends_with("\nJos\xc3\xa9 M\xc3\xbcller\n"));
        }
    }

    SUBCASE("after-application and after-interview ask one to three questions") {
        for (const auto& name : {"after-application", "after-interview"}) {
            CAPTURE(name);
            const int n = questions_in(render_builtin(name, full_rejection(), full_config()).body);
            CHECK(n >= 1);
            CHECK(n <= 3);
        }
    }

    SUBCASE("after-interview names the stage") {
        for (Stage s :
             {Stage::screen, Stage::technical, Stage::onsite, Stage::final, Stage::offer}) {
            Rejection r = full_rejection();
            r.stage = s;
            const std::string phrase =
                value_of(bb::mail::feedback_values(r, Config{}), "stage_phrase");
            CAPTURE(phrase);
            BB_CHECK_CONTAINS(render_builtin("after-interview", r, full_config()).body, phrase);
        }
    }

    SUBCASE("follow-up recalls when the request went out, when that is known") {
        BB_CHECK_CONTAINS(render_builtin("follow-up", full_rejection(), full_config()).body,
                          "2026-11-21");
        Rejection r = full_rejection();
        r.feedback.requested.reset();
        r.feedback.received.reset();
        const auto body = render_builtin("follow-up", r, full_config()).body;
        CHECK(body.find("2026-11-21") == std::string::npos);
        CHECK(body.find("On ") == std::string::npos);
    }

    SUBCASE("no To or Cc line in a built-in: the entry's email is the recipient") {
        for (const auto& name : names) {
            CAPTURE(name);
            const auto d = render_builtin(name, full_rejection(), full_config());
            CHECK(d.header("To").empty());
            CHECK(d.header("Cc").empty());
        }
    }
}
