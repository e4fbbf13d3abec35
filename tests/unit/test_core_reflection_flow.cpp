// Tests for lib/src/core/reflection_flow.cpp.
#include "bounceback/core/reflection_flow.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono;
using bb::Reflection;
using bb::ReflectionField;
using bb::ReflectionFlow;
using bb::Rejection;
using bb::test::error_from;

namespace {

constexpr std::string_view k_file = "/home/u/.local/share/bounceback/.edit-reflection-x.toml";

Rejection acme_onsite() {
    Rejection r;
    r.id = 3;
    r.company = "Acme";
    r.stage = bb::Stage::onsite;
    r.date = 2026y / 11 / 20;
    return r;
}

Reflection draft_on(bb::Date date, std::optional<std::int64_t> rejection = std::nullopt) {
    Reflection r;
    r.date = date;
    r.rejection = rejection;
    return r;
}

/// A flow over the default questions, fed `lines`; every line must be taken.
Reflection answered(const std::vector<std::string>& lines) {
    ReflectionFlow flow(draft_on(2026y / 11 / 25, 3), bb::mood_question(acme_onsite()),
                        bb::default_reflection_questions());
    for (const auto& line : lines) {
        CAPTURE(line);
        REQUIRE_FALSE(flow.done());
        CHECK(flow.take(line) == "");
    }
    CHECK(flow.done());
    return flow.reflection();
}

/// The TOML table of `r`, printed: two reflections are equal when these are.
std::string text_of(const Reflection& r) {
    return bb::to_toml_text(bb::to_toml(r));
}

} // namespace

TEST_CASE("core::reflection_fields") {
    const auto& fields = bb::reflection_fields();
    REQUIRE(fields.size() == bb::k_max_reflect_questions);
    std::string keys;
    for (ReflectionField field : fields) {
        keys += std::string(bb::field_key(field)) + " ";
    }
    CHECK(keys == "went_well improve strengths targeting next ");

    Reflection r;
    bb::answers_of(r, ReflectionField::went_well).push_back("a");
    bb::answers_of(r, ReflectionField::improve).push_back("b");
    bb::answers_of(r, ReflectionField::strengths).push_back("c");
    bb::answers_of(r, ReflectionField::targeting).push_back("d");
    bb::answers_of(r, ReflectionField::next).push_back("e");
    CHECK(r.went_well == std::vector<std::string>{"a"});
    CHECK(r.improve == std::vector<std::string>{"b"});
    CHECK(r.strengths == std::vector<std::string>{"c"});
    CHECK(r.targeting == std::vector<std::string>{"d"});
    CHECK(r.next == std::vector<std::string>{"e"});
}

TEST_CASE("core::reflection_questions") {
    SUBCASE("the defaults ask the guide's questions, one per list, in order") {
        const auto& defaults = bb::default_reflection_questions();
        REQUIRE(defaults.size() == 5);
        for (std::size_t i = 0; i < defaults.size(); ++i) {
            CHECK(defaults[i].field == bb::reflection_fields()[i]);
            CHECK(bb::check_line(defaults[i].text) == "");
        }
        BB_CHECK_CONTAINS(defaults[0].text, "went well");
        BB_CHECK_CONTAINS(defaults[0].text, "confident");
        BB_CHECK_CONTAINS(defaults[1].text, "differently");
        BB_CHECK_CONTAINS(defaults[2].text, "strengths");
        BB_CHECK_CONTAINS(defaults[3].text, "widen the search");
        BB_CHECK_CONTAINS(defaults[4].text, "next step");
        const auto chosen = bb::reflection_questions({});
        REQUIRE(chosen.size() == 5);
        CHECK(chosen[3].text == defaults[3].text);
    }
    SUBCASE("configured questions replace the defaults and fill the lists by position") {
        const auto chosen =
            bb::reflection_questions({"What felt good?", "What would I change?", "My strengths?"});
        REQUIRE(chosen.size() == 3);
        CHECK(chosen[0].field == ReflectionField::went_well);
        CHECK(chosen[0].text == "What felt good?");
        CHECK(chosen[1].field == ReflectionField::improve);
        CHECK(chosen[2].field == ReflectionField::strengths);
        CHECK(chosen[2].text == "My strengths?");
    }
    SUBCASE("a sixth question has no list to fill") {
        const auto error = error_from([] {
            bb::reflection_questions({"1", "2", "3", "4", "5", "6"});
        });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_CONTAINS(error->what(), "at most 5");
    }
}

TEST_CASE("core::rejection_phrase") {
    Rejection r = acme_onsite();
    CHECK(bb::rejection_phrase(r) == "your onsite at Acme on 2026-11-20");
    r.stage = bb::Stage::application;
    CHECK(bb::rejection_phrase(r) == "your application to Acme on 2026-11-20");
    r.stage = bb::Stage::screen;
    CHECK(bb::rejection_phrase(r) == "your screening call with Acme on 2026-11-20");
    r.stage.reset();
    CHECK(bb::rejection_phrase(r) == "what happened with Acme on 2026-11-20");

    BB_CHECK_CONTAINS(bb::mood_question(acme_onsite()), "your onsite at Acme on 2026-11-20");
    BB_CHECK_CONTAINS(bb::mood_question(acme_onsite()), "1 (awful) to 5 (great)");
    BB_CHECK_CONTAINS(bb::mood_question(std::nullopt), "today");
}

TEST_CASE("core::parse_mood_answer") {
    std::optional<int> mood;
    CHECK(bb::parse_mood_answer("3", &mood) == "");
    CHECK(mood == 3);
    mood.reset();
    CHECK(bb::parse_mood_answer("  5 ", &mood) == "");
    CHECK(mood == 5);
    mood.reset();
    CHECK(bb::parse_mood_answer("", &mood) == "");
    CHECK_FALSE(mood.has_value());
    for (const char* bad : {"0", "6", "x", "3.5", "-1", "33", "three"}) {
        CAPTURE(bad);
        const std::string reason = bb::parse_mood_answer(bad, &mood);
        BB_CHECK_CONTAINS(reason, "1 (awful) to 5 (great)");
        CHECK_FALSE(mood.has_value());
    }
}

TEST_CASE("core::ReflectionFlow") {
    SUBCASE("every question answered, several lines for some") {
        const Reflection r = answered({"2", "Explained the cache design clearly",
                                       "  Good rapport with the manager  ", "",
                                       "Practise system design", "", "Calm under pressure", "",
                                       "Backend still fits", "", "Book a mock interview", ""});
        CHECK(r.mood == 2);
        CHECK(r.went_well == std::vector<std::string>{"Explained the cache design clearly",
                                                      "Good rapport with the manager"});
        CHECK(r.improve == std::vector<std::string>{"Practise system design"});
        CHECK(r.strengths == std::vector<std::string>{"Calm under pressure"});
        CHECK(r.targeting == std::vector<std::string>{"Backend still fits"});
        CHECK(r.next == std::vector<std::string>{"Book a mock interview"});
        CHECK(r.rejection == 3);
        CHECK(r.date == 2026y / 11 / 25);
    }
    SUBCASE("an empty first line skips a question") {
        const Reflection r = answered({"", "", "", "", "", "Rest this weekend", ""});
        CHECK_FALSE(r.mood.has_value());
        CHECK(r.went_well.empty());
        CHECK(r.targeting.empty());
        CHECK(r.next == std::vector<std::string>{"Rest this weekend"});
        CHECK_FALSE(bb::has_no_answers(r));
        CHECK(bb::has_no_answers(answered({"", "", "", "", "", ""})));
    }
    SUBCASE("where the flow is, for the prompts") {
        ReflectionFlow flow(draft_on(2026y / 11 / 25), bb::mood_question(std::nullopt),
                            bb::reflection_questions({"Good?", "Change?"}));
        CHECK(flow.total() == 3);
        CHECK(flow.number() == 1);
        CHECK(flow.question() == bb::mood_question(std::nullopt));
        CHECK(flow.take("4") == "");
        CHECK(flow.number() == 2);
        CHECK(flow.question() == "Good?");
        CHECK_FALSE(flow.continuing());
        CHECK(flow.take("the walk") == "");
        CHECK(flow.continuing());
        CHECK(flow.question() == "Good?");
        CHECK(flow.take("") == "");
        CHECK(flow.question() == "Change?");
        CHECK_FALSE(flow.continuing());
        CHECK(flow.take("") == "");
        CHECK(flow.done());
        CHECK(flow.take("more") != "");
        CHECK(flow.reflection().went_well == std::vector<std::string>{"the walk"});
        CHECK(flow.reflection().mood == 4);
    }
    SUBCASE("a refused line changes nothing and asks again") {
        ReflectionFlow flow(draft_on(2026y / 11 / 25), bb::mood_question(std::nullopt),
                            bb::default_reflection_questions());
        BB_CHECK_CONTAINS(flow.take("7"), "As a number, please: 1 (awful) to 5 (great)");
        BB_CHECK_CONTAINS(flow.take("bad"), "Thank you. As a number, please");
        CHECK(flow.number() == 1);
        CHECK_FALSE(flow.reflection().mood.has_value());
        CHECK(flow.take("1") == "");
        BB_CHECK_CONTAINS(flow.take("bell\x07"), "control characters");
        CHECK_FALSE(flow.continuing());
        CHECK(flow.reflection().went_well.empty());
        CHECK(flow.take("\xff\xfe") != "");
        CHECK(flow.take("ok") == "");
        CHECK(flow.reflection().went_well == std::vector<std::string>{"ok"});
    }
}

TEST_CASE("core::reflection_template") {
    SUBCASE("a template edited in place reads back as the reflection") {
        Reflection draft = draft_on(2026y / 11 / 25, 3);
        draft.mood = 2;
        draft.next = {"Ask \"Sam\" for a referral\nat Hooli", "Rest"};
        const std::string text =
            bb::reflection_template(draft, bb::default_reflection_questions(),
                                    "your onsite at Acme on 2026-11-20 (rejection 3)");
        BB_CHECK_CONTAINS(text, "# About your onsite at Acme on 2026-11-20 (rejection 3).");
        BB_CHECK_CONTAINS(text, "date = 2026-11-25");
        BB_CHECK_CONTAINS(text, "\nmood = 2\n");
        for (const auto& q : bb::default_reflection_questions()) {
            BB_CHECK_CONTAINS(text, "# " + q.text + "\n" + std::string(bb::field_key(q.field)) +
                                        " = [\n");
        }
        const auto back = bb::reflection_from_template(text, k_file, draft);
        REQUIRE(back);
        CHECK(text_of(*back) == text_of(draft));

        std::string edited = text;
        const std::string blank = "went_well = [\n    \"\",";
        edited.replace(edited.find(blank), blank.size(), "went_well = [\n    \"Stayed calm\",");
        const auto filled = bb::reflection_from_template(edited, k_file, draft);
        REQUIRE(filled);
        CHECK(filled->went_well == std::vector<std::string>{"Stayed calm"});
        CHECK(filled->rejection == 3);
        CHECK(filled->mood == 2);
    }
    SUBCASE("an untouched blank template, or an emptied file, holds nothing to save") {
        const Reflection draft = draft_on(2026y / 11 / 25);
        const std::string text =
            bb::reflection_template(draft, bb::default_reflection_questions(), "");
        CHECK_FALSE(bb::test::contains(text, "# About"));
        BB_CHECK_CONTAINS(text, "# mood = 3\n");
        CHECK_FALSE(bb::reflection_from_template(text, k_file, draft).has_value());
        CHECK_FALSE(bb::reflection_from_template("", k_file, draft).has_value());
        CHECK_FALSE(
            bb::reflection_from_template("# only a comment\n\n", k_file, draft).has_value());
    }
    SUBCASE("configured questions: only their lists, plus lists already answered") {
        Reflection draft = draft_on(2026y / 11 / 25);
        draft.targeting = {"Widen to fintech"};
        const std::string text =
            bb::reflection_template(draft, bb::reflection_questions({"Good?", "Change?"}), "");
        BB_CHECK_CONTAINS(text, "# Good?\nwent_well = [");
        BB_CHECK_CONTAINS(text, "# Change?\nimprove = [");
        BB_CHECK_CONTAINS(text, "targeting = [\n    \"Widen to fintech\",\n]");
        CHECK_FALSE(bb::test::contains(text, "strengths"));
        CHECK_FALSE(bb::test::contains(text, "next ="));
    }
    SUBCASE("a removed date line means the draft's date") {
        const auto r = bb::reflection_from_template("mood = 4\n", k_file, draft_on(2026y / 11 / 2));
        REQUIRE(r);
        CHECK(r->date == 2026y / 11 / 2);
        CHECK(r->mood == 4);
    }
    SUBCASE("what cannot be saved is refused with its position") {
        const Reflection draft = draft_on(2026y / 11 / 25);
        const std::pair<const char*, int> cases[] = {
            {"date = 2026-11-25\nwent_well = [\"unterminated\n", 2},
            {"date = 2026-11-25\nmood = 9\n", 2},
            {"date = 2026-11-25\nmood = 3\nrejection = 2\n", 3},
            {"id = 4\nmood = 3\n", 1},
            {"mood = 3\nfeeling = 2\n", 2},
            {"mood = 3\nimprove = \"not a list\"\n", 2},
            {"mood = 3\nnext = [\"ok\", 4]\n", 2},
            {"date = 2026-02-30\nmood = 3\n", 1},
        };
        for (const auto& entry : cases) {
            const auto& text = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& line = entry.second;
            CAPTURE(text);
            const auto error =
                error_from([&] { bb::reflection_from_template(text, k_file, draft); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::data);
            BB_CHECK_POSITION(error->what(), ".edit-reflection-x.toml", line);
        }
    }
}
