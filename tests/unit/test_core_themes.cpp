// Tests for lib/src/core/themes.cpp.
#include "bounceback/core/themes.hpp"

#include "bounceback/util/text.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono;
using bb::Reflection;
using bb::Rejection;
using bb::Theme;
using bb::Themes;

namespace {

/// Themes as "text count last" lines, so a failed comparison shows the whole list.
std::string lines_of(const std::vector<Theme>& themes) {
    std::string out;
    for (const auto& t : themes) {
        out += t.text + " " + std::to_string(t.count) + " " + bb::util::format_date(t.last) + "\n";
    }
    return out;
}

/// The phrases of `text`, as "a b | c" (words joined by spaces, phrases by " | ").
std::string phrases(std::string_view text) {
    std::string out;
    for (const auto& phrase : bb::phrases_of(text)) {
        out += (out.empty() ? "" : " | ") + bb::util::join(phrase, " ");
    }
    return out;
}

Reflection reflection(bb::Date date, std::vector<std::string> improve,
                      std::vector<std::string> strengths = {},
                      std::vector<std::string> went_well = {}) {
    Reflection r;
    r.date = date;
    r.improve = std::move(improve);
    r.strengths = std::move(strengths);
    r.went_well = std::move(went_well);
    return r;
}

Rejection with_feedback(bb::Date date, std::vector<std::string> areas,
                        std::optional<bb::Date> received = std::nullopt) {
    Rejection r;
    r.company = "Acme";
    r.date = date;
    r.feedback.areas = std::move(areas);
    r.feedback.received = received;
    return r;
}

/// Seven reflections after a month of interviews, written the way people write them, and the
/// feedback areas of four rejections.
std::vector<Reflection> realistic_reflections() {
    Reflection r1 = reflection(
        2026y / 10 / 9,
        {"Practise system design out loud", "Prepare stories for behavioral questions"},
        {"Clear communication"},
        {"Explained my caching approach clearly", "Good rapport with the hiring manager"});
    Reflection r2 = reflection(2026y / 10 / 21, {"Tailor my resume to the job description"},
                               {"Curiosity", "Clear communication under pressure"},
                               {"Asked thoughtful questions about the team"});
    r2.targeting = {"Platform roles might suit me better than pure backend"};
    Reflection r3 = reflection(2026y / 11 / 4,
                               {"More system design practice, especially scaling databases",
                                "Talk through trade-offs before coding"},
                               {"Calm under pressure", "Debugging skills"},
                               {"Stayed calm when I got stuck on the coding problem"});
    Reflection r4 =
        reflection(2026y / 11 / 8, {"Update my resume with the migration project"}, {"Persistence"},
                   {"Three tailored applications this week", "Kept my exercise routine"});
    r4.next = {"Ask Sam for a referral at Hooli"};
    Reflection r5 = reflection(2026y / 11 / 11, {"Tailor the cover letter to the job description"});
    r5.targeting = {"Widen the search to fintech companies"};
    Reflection r6 = reflection(2026y / 11 / 21,
                               {"Prepare shorter answers for behavioral questions",
                                "Practise system design with a friend"},
                               {"Communication", "Debugging skills"},
                               {"Connected with the interviewer over our debugging stories"});
    r6.next = {"Schedule two mock interviews"};
    Reflection r7 = reflection(
        2026y / 11 / 24, {"Keep practising system design"}, {"Clear communication", "Persistence"},
        {"Good conversation at the meetup", "Felt confident explaining my projects"});
    return {r1, r2, r3, r4, r5, r6, r7};
}

std::vector<Rejection> realistic_rejections() {
    return {
        with_feedback(2026y / 10 / 8, {"technical", "system-design"}, 2026y / 10 / 12),
        with_feedback(2026y / 10 / 20, {"experience"}, 2026y / 10 / 22),
        with_feedback(2026y / 11 / 3, {"system-design", "communication"}, 2026y / 11 / 5),
        with_feedback(2026y / 11 / 10, {}),
        with_feedback(2026y / 11 / 20, {"interview"}, 2026y / 11 / 23),
    };
}

} // namespace

TEST_CASE("core::singular") {
    SUBCASE("plurals become singular") {
        CHECK(bb::singular("skills") == "skill");
        CHECK(bb::singular("interviews") == "interview");
        CHECK(bb::singular("resumes") == "resume");
        CHECK(bb::singular("companies") == "company");
        CHECK(bb::singular("activities") == "activity");
        CHECK(bb::singular("classes") == "class");
        CHECK(bb::singular("processes") == "process");
        CHECK(bb::singular("businesses") == "business");
        CHECK(bb::singular("approaches") == "approach");
        CHECK(bb::singular("wishes") == "wish");
        CHECK(bb::singular("boxes") == "box");
        CHECK(bb::singular("ties") == "tie");
    }
    SUBCASE("words that only look plural are kept") {
        CHECK(bb::singular("process") == "process");
        CHECK(bb::singular("analysis") == "analysis");
        CHECK(bb::singular("status") == "status");
        CHECK(bb::singular("nervous") == "nervous");
        CHECK(bb::singular("news") == "news");
        CHECK(bb::singular("series") == "series");
        CHECK(bb::singular("analytics") == "analytics");
        CHECK(bb::singular("kubernetes") == "kubernetes");
        CHECK(bb::singular("aws") == "aws");
        CHECK(bb::singular("bus") == "bus");
    }
    SUBCASE("singulars ending in -ie and -che lose only the s") {
        CHECK(bb::singular("movies") == "movie");
        CHECK(bb::singular("rookies") == "rookie");
        CHECK(bb::singular("caches") == "cache");
        CHECK(bb::singular("niches") == "niche");
    }
    SUBCASE("singular words are left alone") {
        CHECK(bb::singular("skill") == "skill");
        CHECK(bb::singular("company") == "company");
        CHECK(bb::singular("design") == "design");
        CHECK(bb::singular("") == "");
    }
}

TEST_CASE("core::is_stop_word") {
    for (const char* word :
         {"the", "i", "didn't", "i'm", "really", "more", "felt", "next", "with"}) {
        CAPTURE(word);
        CHECK(bb::is_stop_word(word));
    }
    for (const char* word : {"resume", "interview", "design", "communication", "practise"}) {
        CAPTURE(word);
        CHECK_FALSE(bb::is_stop_word(word));
    }
}

TEST_CASE("core::phrases_of") {
    SUBCASE("stop-words and punctuation end phrases") {
        CHECK(phrases("Practise more system design, and mock interviews!") ==
              "practise | system design | mock interview");
        CHECK(phrases("I really felt that it was good") == "");
    }
    SUBCASE("case and plurals are normalised") {
        CHECK(phrases("SYSTEM Design") == "system design");
        CHECK(phrases("Behavioral Questions") == "behavioral question");
        CHECK(phrases("ZÜRICH Companies") == "zürich company");
    }
    SUBCASE("hyphens join words, dashes end phrases") {
        CHECK(phrases("take-home exercise") == "take home exercise");
        CHECK(phrases("cover-letter") == "cover letter");
        CHECK(phrases("resume - interview") == "resume | interview");
        CHECK(phrases("resume \xe2\x80\x94 interview") == "resume | interview"); // em dash
    }
    SUBCASE("apostrophes") {
        CHECK(phrases("the company's values") == "company value");
        CHECK(phrases("I didn't prepare") == "prepare");
        CHECK(phrases("I didn\xe2\x80\x99t prepare") == "prepare"); // typographic apostrophe
        CHECK(phrases("'quoted' words") == "quoted word");
    }
    SUBCASE("numbers and single letters are not words") {
        CHECK(phrases("3 mock interviews in 2 weeks") == "mock interview");
        CHECK(phrases("plan b") == "plan");
        CHECK(phrases("k8s and s3") == "k8s | s3");
    }
    SUBCASE("language names keep their symbols") {
        CHECK(phrases("C++ and C# depth") == "c++ | c# depth");
    }
    SUBCASE("lines split phrases") {
        CHECK(phrases("system\ndesign") == "system | design");
    }
    SUBCASE("nothing in, nothing out") {
        CHECK(bb::phrases_of("").empty());
        CHECK(bb::phrases_of("  ...  ").empty());
    }
}

TEST_CASE("core::find_themes") {
    SUBCASE("nothing to read") {
        const Themes themes = bb::find_themes({}, {});
        CHECK(themes.improve.empty());
        CHECK(themes.strengths.empty());
        CHECK(themes.reflections == 0);
        CHECK(themes.feedback == 0);
    }

    SUBCASE("a realistic month") {
        const Themes themes = bb::find_themes(realistic_reflections(), realistic_rejections());
        CHECK(themes.reflections == 7);
        CHECK(themes.feedback == 4);
        CHECK(lines_of(themes.improve) == "system design 6 2026-11-24\n"
                                          "behavioral question 2 2026-11-21\n"
                                          "practise system design 2 2026-11-21\n"
                                          "prepare 2 2026-11-21\n"
                                          "job description 2 2026-11-11\n"
                                          "tailor 2 2026-11-11\n"
                                          "resume 2 2026-11-08\n");
        CHECK(lines_of(themes.strengths) == "communication 4 2026-11-24\n"
                                            "clear communication 3 2026-11-24\n"
                                            "persistence 2 2026-11-24\n"
                                            "debugging skill 2 2026-11-21\n"
                                            "pressure 2 2026-11-04\n");
    }

    SUBCASE("plural and singular, any case, are one theme") {
        const Themes themes =
            bb::find_themes({reflection(2026y / 11 / 1, {"Mock Interviews"}),
                             reflection(2026y / 11 / 2, {"one more mock interview"})},
                            {});
        CHECK(lines_of(themes.improve) == "mock interview 2 2026-11-02\n");
    }

    SUBCASE("a theme must recur in two sources; repeating it in one does not count") {
        const Themes once = bb::find_themes(
            {reflection(2026y / 11 / 1, {"Networking", "more networking", "networking events"})},
            {});
        CHECK(once.improve.empty());
        const Themes twice =
            bb::find_themes({reflection(2026y / 11 / 1, {"Networking", "more networking"}),
                             reflection(2026y / 11 / 3, {"networking"})},
                            {});
        CHECK(lines_of(twice.improve) == "networking 2 2026-11-03\n");
        bb::ThemeOptions every;
        every.min_count = 1;
        CHECK(lines_of(bb::find_themes({reflection(2026y / 11 / 1, {"Networking"})}, {}, every)
                           .improve) == "networking 1 2026-11-01\n");
    }

    SUBCASE("stop-words alone are never themes") {
        const Themes themes = bb::find_themes({reflection(2026y / 11 / 1, {"I think it was okay"}),
                                               reflection(2026y / 11 / 2, {"I think it was okay"})},
                                              {});
        CHECK(themes.improve.empty());
    }

    SUBCASE("a part with the same count folds into the longer phrase, not with a higher one") {
        const Themes themes =
            bb::find_themes({reflection(2026y / 11 / 1, {"system design"}),
                             reflection(2026y / 11 / 2, {"system design interview"}),
                             reflection(2026y / 11 / 3, {"API design"})},
                            {});
        // "system" (2) folds into "system design" (2); "design" (3) is more than that, so stays.
        CHECK(lines_of(themes.improve) == "design 3 2026-11-03\n"
                                          "system design 2 2026-11-02\n");
    }

    SUBCASE("feedback areas count as things to work on, dated when received") {
        const Themes themes =
            bb::find_themes({reflection(2026y / 11 / 4, {"Rewrite the cover letter"})},
                            {with_feedback(2026y / 11 / 1, {"cover-letter"}, 2026y / 11 / 6),
                             with_feedback(2026y / 11 / 2, {"technical"}),
                             with_feedback(2026y / 11 / 3, {"Technical", "fit"})});
        CHECK(themes.feedback == 3);
        CHECK(lines_of(themes.improve) == "cover letter 2 2026-11-06\n"
                                          "technical 2 2026-11-03\n");
        CHECK(themes.strengths.empty());
    }

    SUBCASE("strengths and what went well are one source per reflection") {
        const Themes themes = bb::find_themes(
            {reflection(2026y / 11 / 1, {}, {"Calm under pressure"}, {"Stayed calm"}),
             reflection(2026y / 11 / 2, {}, {}, {"I kept calm"})},
            {});
        CHECK(lines_of(themes.strengths) == "calm 2 2026-11-02\n");
        CHECK(themes.improve.empty());
    }

    SUBCASE("sorted by count, then the most recent, then by text") {
        const Themes themes = bb::find_themes(
            {reflection(2026y / 11 / 1, {"resume", "portfolio", "networking"}),
             reflection(2026y / 11 / 5, {"resume", "networking"}),
             reflection(2026y / 11 / 3, {"resume", "portfolio"}),
             reflection(2026y / 11 / 5, {"github"}), reflection(2026y / 11 / 1, {"github"})},
            {});
        CHECK(lines_of(themes.improve) == "resume 3 2026-11-05\n"
                                          "github 2 2026-11-05\n"
                                          "networking 2 2026-11-05\n"
                                          "portfolio 2 2026-11-03\n");
    }

    SUBCASE("only reflections and feedback inside the range") {
        bb::ThemeOptions november;
        november.since = 2026y / 11 / 1;
        november.until = 2026y / 11 / 30;
        const Themes themes =
            bb::find_themes(realistic_reflections(), realistic_rejections(), november);
        CHECK(themes.reflections == 5);
        CHECK(themes.feedback == 2);
        REQUIRE_FALSE(themes.improve.empty());
        CHECK(lines_of({themes.improve.front()}) == "system design 4 2026-11-24\n");
        // Feedback received in range counts even when the rejection came before it.
        bb::ThemeOptions late;
        late.since = 2026y / 10 / 12;
        late.until = 2026y / 10 / 12;
        const Themes one_day = bb::find_themes({}, realistic_rejections(), late);
        CHECK(one_day.feedback == 1);
    }
}
