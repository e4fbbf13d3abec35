// Tests for lib/src/mail/template.cpp: Mustache rendering with HTML escaping off, the strict
// variable check, template structure errors with their positions, headers and injection.
#include "bounceback/mail/template.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

using bb::ExitCode;
using bb::mail::Draft;
using bb::mail::TemplateSource;
using bb::mail::TemplateValues;
using bb::test::error_from;

namespace {

constexpr std::string_view k_origin = "/home/jane/.config/bounceback/templates/mine.mustache";

TemplateSource source(std::string text) {
    return TemplateSource{"mine", std::string(k_origin), std::move(text)};
}

/// A few known variables: some with values, `role` and `contact` known but absent.
TemplateValues values() {
    return TemplateValues{
        {"company", "O'Brien & Co"},
        {"role", std::nullopt},
        {"contact", std::nullopt},
        {"contact_first_name", std::nullopt},
        {"stage", "onsite"},
        {"date", "2026-11-20"},
        {"me.name", "Jos\xc3\xa9 M\xc3\xbcller"},
        {"me.signature", std::nullopt},
    };
}

Draft render(std::string text, const TemplateValues& v = values()) {
    return bb::mail::render_template(source(std::move(text)), v);
}

/// The error rendering `text` throws; fails the test when it throws none or another code.
std::string data_error(std::string text, const TemplateValues& v = values()) {
    const auto error = error_from([&] { render(text, v); });
    REQUIRE_MESSAGE(error.has_value(), "no error for template:\n" << text);
    CHECK(error->code() == ExitCode::data);
    return error->what();
}

/// `origin:LINE:COL` as the messages must show it.
std::string at(int line, int column) {
    return std::string(k_origin) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

} // namespace

TEST_CASE("mail::render_template values") {
    SUBCASE("variables in headers and body") {
        const Draft d = render(
            "Subject: Feedback for {{company}}\n\nHello from {{me.name}} ({{stage}}, {{date}}).\n");
        REQUIRE(d.headers.size() == 1);
        CHECK(d.headers[0].first == "Subject");
        CHECK(d.headers[0].second == "Feedback for O'Brien & Co");
        CHECK(d.body == "Hello from Jos\xc3\xa9 M\xc3\xbcller (onsite, 2026-11-20).\n");
    }

    SUBCASE("HTML escaping is off: & ' < > \" come out as written") {
        TemplateValues v = values();
        v["company"] = "O'Brien & Co <Ltd> \"Quoted\" `tick` a=b /x";
        const Draft d =
            render("Subject: {{company}}\n\n{{company}}|{{{company}}}|{{& company}}\n", v);
        const std::string raw = *v["company"];
        CHECK(d.header("Subject") == raw);
        CHECK(d.body == raw + "|" + raw + "|" + raw + "\n");
        CHECK(d.body.find("&amp;") == std::string::npos);
        CHECK(d.body.find("&#39;") == std::string::npos);
    }

    SUBCASE("a section shows its text only when the variable has a value") {
        const std::string text =
            "Subject: Thanks{{#role}} for {{role}}{{/role}}\n\n"
            "{{#role}}The {{role}} role.{{/role}}|{{#stage}}At {{stage}}.{{/stage}}\n";
        const Draft absent = render(text);
        CHECK(absent.header("Subject") == "Thanks");
        CHECK(absent.body == "|At onsite.\n");
        TemplateValues v = values();
        v["role"] = "Data Engineer";
        const Draft present = render(text, v);
        CHECK(present.header("Subject") == "Thanks for Data Engineer");
        CHECK(present.body == "The Data Engineer role.|At onsite.\n");
    }

    SUBCASE("an inverted section shows its text only when the variable has no value") {
        const std::string text =
            "Subject: Hi\n\n"
            "{{#contact_first_name}}Dear {{contact_first_name}},{{/contact_first_name}}"
            "{{^contact_first_name}}Hello,{{/contact_first_name}}\n";
        CHECK(render(text).body == "Hello,\n");
        TemplateValues v = values();
        v["contact_first_name"] = "Jane";
        CHECK(render(text, v).body == "Dear Jane,\n");
    }

    SUBCASE("dotted names guarded by their own section") {
        const std::string text =
            "Subject: Hi\n\n"
            "{{#me.signature}}{{me.signature}}{{/me.signature}}"
            "{{^me.signature}}{{#me.name}}{{me.name}}{{/me.name}}{{/me.signature}}\n";
        CHECK(render(text).body == "Jos\xc3\xa9 M\xc3\xbcller\n");
        TemplateValues v = values();
        v["me.signature"] = "J. M.\nData person";
        CHECK(render(text, v).body == "J. M.\nData person\n");
    }

    SUBCASE("comments render as nothing") {
        CHECK(render("Subject: Hi{{! a note }}\n\nBody{{! another }}\n").body == "Body\n");
    }

    SUBCASE("CRLF templates render like LF ones") {
        const Draft d = render("Subject: Hi {{company}}\r\n\r\nLine one\r\nLine two\r\n");
        CHECK(d.header("Subject") == "Hi O'Brien & Co");
        CHECK(d.body == "Line one\nLine two\n");
    }
}

TEST_CASE("mail::render_template strict variables") {
    SUBCASE("an unknown variable names itself, its position and the closest known name") {
        const std::string message = data_error("Subject: Thanks{{#role}} for {{role}}{{/role}}\n"
                                               "\n"
                                               "Hello,\n"
                                               "\n"
                                               "We met at {{compnay}}.\n");
        BB_CHECK_CONTAINS(message, at(5, 11));
        BB_CHECK_CONTAINS(message, "compnay");
        BB_CHECK_CONTAINS(message, "did you mean {{company}}");
    }

    SUBCASE("an unknown variable in a header line points at its column in that line") {
        const std::string message = data_error("Subject: Hi {{nope}}\n\nBody\n");
        BB_CHECK_CONTAINS(message, "nope");
        BB_CHECK_CONTAINS(message, at(1, 13));
    }

    SUBCASE("an unknown section name is an error too") {
        const std::string message = data_error("Subject: Hi\n\n{{#rol}}x{{/rol}}\n");
        BB_CHECK_CONTAINS(message, at(3, 1));
        BB_CHECK_CONTAINS(message, "rol");
        BB_CHECK_CONTAINS(message, "did you mean {{role}}");
    }

    SUBCASE("an unknown variable inside a false section is still an error") {
        const std::string message = data_error("Subject: Hi\n\n{{#role}}{{rloe}}{{/role}}\n");
        BB_CHECK_CONTAINS(message, "rloe");
        BB_CHECK_CONTAINS(message, at(3, 10));
    }

    SUBCASE("a bare use of a variable with no value is an error that says how to guard it") {
        const std::string message = data_error("Subject: Hi\n\nDear {{contact}},\n");
        BB_CHECK_CONTAINS(message, at(3, 6));
        BB_CHECK_CONTAINS(message, "contact");
        BB_CHECK_CONTAINS(message, "{{#contact}}");
    }

    SUBCASE("a bare absent variable in a header is an error") {
        const std::string message = data_error("Subject: Thanks for {{role}}\n\nBody\n");
        BB_CHECK_CONTAINS(message, "role");
        BB_CHECK_CONTAINS(message, std::string(k_origin) + ":1:");
    }

    SUBCASE(
        "inside an inverted section the variable is sure to be absent: a bare use is an error") {
        // {{^role}} guards nothing: inside it role has no value, so {{role}} would be a blank.
        const auto error =
            error_from([] { render("Subject: Hi\n\n{{^role}}Role: {{role}}{{/role}}\n"); });
        if (!error) {
            const Draft d = render("Subject: Hi\n\n{{^role}}Role: {{role}}{{/role}}\n");
            FAIL_CHECK("rendered without an error, body: '" << d.body << "'");
        } else {
            CHECK(error->code() == ExitCode::data);
            BB_CHECK_CONTAINS(std::string(error->what()), "role");
        }
    }

    SUBCASE("guarded uses of absent variables are fine") {
        CHECK_NOTHROW(render(
            "Subject: Hi{{#role}} {{role}}{{/role}}\n\n{{#contact}}{{contact}}{{/contact}}\n"));
    }

    SUBCASE("a variable is guarded only inside its own section") {
        const std::string message = data_error("Subject: Hi\n\n{{#stage}}{{contact}}{{/stage}}\n");
        BB_CHECK_CONTAINS(message, "contact");
        BB_CHECK_CONTAINS(message, at(3, 11));
    }
}

TEST_CASE("mail::render_template broken templates") {
    SUBCASE("an unclosed section names the section and where it opened") {
        const std::string message =
            data_error("Subject: Hi\n\nLine three\n  {{#role}}for {{role}}\nend\n");
        BB_CHECK_CONTAINS(message, at(4, 3));
        BB_CHECK_CONTAINS(message, "unclosed section");
        BB_CHECK_CONTAINS(message, "role");
    }

    SUBCASE("a section closed out of order") {
        const std::string message =
            data_error("Subject: Hi\n\n{{#role}}\n{{#stage}}x{{/role}}{{/stage}}\n");
        BB_CHECK_CONTAINS(message, at(4, 12));
        BB_CHECK_CONTAINS(message, "{{/role}}");
        BB_CHECK_CONTAINS(message, "stage");
    }

    SUBCASE("closing a section that was never opened") {
        const std::string message = data_error("Subject: Hi\n\nOne\nTwo {{/role}}\n");
        BB_CHECK_CONTAINS(message, at(4, 5));
        BB_CHECK_CONTAINS(message, "never opened");
    }

    SUBCASE("an unclosed tag") {
        const std::string message = data_error("Subject: Hi\n\nOne\n\nDear {{company,\nbye\n");
        BB_CHECK_CONTAINS(message, at(5, 6));
        BB_CHECK_CONTAINS(message, "unclosed tag");
    }

    SUBCASE("changing the delimiters is refused") {
        const std::string message = data_error("Subject: Hi\n\nOne\n{{=<% %>=}}\n<% company %>\n");
        BB_CHECK_CONTAINS(message, at(4, 1));
        BB_CHECK_CONTAINS(message, "delimiter");
    }

    SUBCASE("partials are refused") {
        const std::string message = data_error("Subject: Hi\n\n{{> signature}}\n");
        BB_CHECK_CONTAINS(message, at(3, 1));
        BB_CHECK_CONTAINS(message, "partial");
    }

    SUBCASE("a section may not run from a header into the body") {
        const std::string message = data_error("Subject: Hi{{#role}}\n\n{{/role}}\n");
        BB_CHECK_CONTAINS(message, std::string(k_origin) + ":1:");
    }
}

TEST_CASE("mail::render_template headers") {
    SUBCASE("To and Cc are allowed and kept in template order; names are case-insensitive") {
        const Draft d =
            render("to: hr@example.com\nSubject: Hi\nCC: Jane <jane@example.com>\n\nBody\n");
        REQUIRE(d.headers.size() == 3);
        CHECK(d.headers[0] == std::pair<std::string, std::string>{"To", "hr@example.com"});
        CHECK(d.headers[1] == std::pair<std::string, std::string>{"Subject", "Hi"});
        CHECK(d.headers[2] == std::pair<std::string, std::string>{"Cc", "Jane <jane@example.com>"});
        CHECK(d.header("cc") == "Jane <jane@example.com>");
        CHECK(d.header("Bcc") == "");
        CHECK(d.body == "Body\n");
    }

    SUBCASE("a Subject is required") {
        const std::string message = data_error("To: hr@example.com\n\nBody\n");
        BB_CHECK_CONTAINS(message, k_origin);
        BB_CHECK_CONTAINS(message, "Subject");
        const std::string empty = data_error("Subject:   \n\nBody\n");
        BB_CHECK_CONTAINS(empty, "Subject");
    }

    SUBCASE("a Subject that renders empty is refused") {
        BB_CHECK_CONTAINS(data_error("Subject: {{#role}}{{role}}{{/role}}\n\nBody\n"), "Subject");
    }

    SUBCASE("an unknown header name is refused with its line") {
        const std::string message = data_error("Subject: Hi\nBcc: spy@example.com\n\nBody\n");
        BB_CHECK_CONTAINS(message, std::string(k_origin) + ":2:");
        BB_CHECK_CONTAINS(message, "Subject, To, Cc");
        BB_CHECK_CONTAINS(data_error("Subject: Hi\nReply-To: x@example.com\n\nBody\n"),
                          std::string(k_origin) + ":2:");
    }

    SUBCASE("a header line without a colon is refused") {
        BB_CHECK_CONTAINS(data_error("Subject: Hi\nDear Jane,\n\nBody\n"),
                          std::string(k_origin) + ":2:");
    }

    SUBCASE("no blank line between headers and body") {
        const std::string message = data_error("Subject: Hi");
        BB_CHECK_CONTAINS(message, std::string(k_origin) + ":1");
        BB_CHECK_CONTAINS(message, "blank line");
    }

    SUBCASE("a template that starts with the body (no headers)") {
        BB_CHECK_CONTAINS(data_error("\nDear Jane,\n"), std::string(k_origin) + ":1");
    }

    SUBCASE("allowed_headers") {
        CHECK(bb::mail::allowed_headers() == std::vector<std::string>{"Subject", "To", "Cc"});
    }
}

TEST_CASE("mail::render_template header injection") {
    const std::vector<std::string> evils = {
        std::string("Acme\r\nBcc: evil@example.com"), std::string("Acme\nBcc: evil@example.com"),
        std::string("Acme\rBcc: evil@example.com"), std::string("Acme\0Bcc", 8)};
    for (const auto& evil : evils) {
        CAPTURE(evil);
        TemplateValues v = values();
        v["company"] = evil;
        const std::string subject = data_error("Subject: Feedback for {{company}}\n\nBody\n", v);
        BB_CHECK_CONTAINS(subject, "header injection");
        BB_CHECK_CONTAINS(subject, "Subject");
        BB_CHECK_CONTAINS(subject, std::string(k_origin) + ":1");
        BB_CHECK_CONTAINS(data_error("Subject: Hi\nTo: {{company}}\n\nBody\n", v),
                          "header injection");
        BB_CHECK_CONTAINS(data_error("Subject: Hi\nCc: {{{company}}}\n\nBody\n", v),
                          "header injection");
    }
    SUBCASE("line breaks in a value are fine in the body") {
        TemplateValues v = values();
        v["company"] = "Acme\nLabs";
        CHECK(render("Subject: Hi\n\nAt {{company}}.\n", v).body == "At Acme\nLabs.\n");
    }
}

TEST_CASE("mail::parse_draft") {
    SUBCASE("round trip through draft_text") {
        TemplateValues v = values();
        v["role"] = "Data Engineer";
        const Draft d = render("Subject: Thanks for {{role}}\nTo: Jane <jane@example.com>\n\n"
                               "Dear Jane,\n\nAt {{company}}: thanks!\n\n-- \n{{me.name}}\n",
                               v);
        const std::string text = bb::mail::draft_text(d);
        CHECK(text == "Subject: Thanks for Data Engineer\nTo: Jane <jane@example.com>\n\n"
                      "Dear Jane,\n\nAt O'Brien & Co: thanks!\n\n-- \nJos\xc3\xa9 M\xc3\xbcller\n");
        const Draft back = bb::mail::parse_draft(text, "/tmp/draft.txt");
        CHECK(back.headers == d.headers);
        CHECK(back.body == d.body);
    }

    SUBCASE("an edited draft: values trimmed, CRLF accepted, body kept as written") {
        const Draft d =
            bb::mail::parse_draft("Subject:   New subject  \r\ncc: a@example.com\r\n\r\n"
                                  "Hi {{not a tag}}\r\n",
                                  "draft");
        CHECK(d.header("Subject") == "New subject");
        CHECK(d.header("Cc") == "a@example.com");
        CHECK(d.body == "Hi {{not a tag}}\n");
    }

    SUBCASE("bad drafts are data errors naming the file and line") {
        struct Case {
            std::string text;
            std::string part;
        };
        for (const auto& c :
             {Case{"Subject: Hi\nBcc: spy@example.com\n\nBody\n", "draft.txt:2"},
              Case{"To: a@example.com\n\nBody\n", "Subject"},
              Case{"Subject: Hi\nBody without a blank line", "draft.txt:2"},
              Case{std::string("Subject: Hi\n\nNUL \0 here\n", 24), "header injection"}}) {
            CAPTURE(c.text);
            const auto error = error_from([&] { bb::mail::parse_draft(c.text, "draft.txt"); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::data);
            BB_CHECK_CONTAINS(std::string(error->what()), c.part);
        }
    }
}

TEST_CASE("mail::builtin_templates") {
    std::vector<std::string> names;
    for (const auto& t : bb::mail::builtin_templates()) {
        names.push_back(t.name);
        CHECK(t.origin == "built-in template " + t.name);
        CHECK(t.text.starts_with("Subject: "));
    }
    CHECK(names == std::vector<std::string>{"after-application", "after-interview", "follow-up"});
    REQUIRE(bb::mail::find_builtin_template("follow-up") != nullptr);
    CHECK(bb::mail::find_builtin_template("follow-up")->name == "follow-up");
    CHECK(bb::mail::find_builtin_template("nope") == nullptr);
    CHECK(bb::mail::find_builtin_template("") == nullptr);
}
