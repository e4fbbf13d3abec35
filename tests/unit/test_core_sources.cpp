// Tests for lib/src/core/sources.cpp.
#include "bounceback/core/sources.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using bb::Rejection;
using bb::SourceBreakdown;
using bb::SourceChannels;
using bb::SourcesConfig;
using bb::Stage;
using bb::test::day;

namespace {

Rejection from(std::int64_t id, std::optional<std::string> source, std::optional<Stage> stage,
               std::string_view date = "2026-11-10", std::optional<std::string_view> applied = {}) {
    Rejection r;
    r.id = id;
    r.company = "Company " + std::to_string(id);
    r.date = day(date);
    r.source = std::move(source);
    r.stage = stage;
    if (applied) {
        r.applied = day(*applied);
    }
    return r;
}

const bb::SourceFigures* channel(const SourceBreakdown& b, std::string_view name) {
    for (const auto& c : b.channels) {
        if (c.channel == name) {
            return &c;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("core::SourceChannels") {
    SUBCASE("without [sources], spellings that fold alike are one channel") {
        const SourceChannels channels;
        CHECK(channels.channel_of("Job Board") == "job board");
        CHECK(channels.channel_of("job-board") == "job board");
        CHECK(channels.channel_of("  JOB_BOARD ") == "job board");
        CHECK(channels.channel_of("Récruteur") == channels.channel_of("recruteur"));
        CHECK(channels.channel_of("LinkedIn Jobs") != channels.channel_of("linkedin"));
        CHECK(channels.channel_of("  ") == "");
    }
    SUBCASE("aliases name one channel by its key") {
        SourcesConfig config;
        config.aliases["linkedin"] = {"LinkedIn Jobs", "linked in"};
        const SourceChannels channels(config);
        CHECK(channels.channel_of("LinkedIn Jobs") == "linkedin");
        CHECK(channels.channel_of("linkedin jobs") == "linkedin");
        CHECK(channels.channel_of("Linked-In") == "linkedin");
        CHECK(channels.channel_of("LINKEDIN") == "linkedin");
        CHECK(channels.channel_of("indeed") == "indeed");
        CHECK(channels.is_named("linkedin"));
        CHECK_FALSE(channels.is_named("indeed"));
    }
    SUBCASE("referral is personal, and so is what `personal` names") {
        SourcesConfig config;
        config.aliases["meetup"] = {"Meet-up group"};
        config.personal = {"Meet-up group", "Former Colleague"};
        const SourceChannels channels(config);
        CHECK(channels.is_personal("referral"));
        CHECK(channels.is_personal(channels.channel_of("Referrals")));
        CHECK(channels.is_personal("meetup"));
        CHECK(channels.is_personal(channels.channel_of("former colleague")));
        CHECK_FALSE(channels.is_personal("job board"));
        CHECK_FALSE(SourceChannels().is_personal("meetup"));
    }
}

TEST_CASE("core::source_breakdown") {
    SUBCASE("counts by channel and stage, largest first, with the middle wait") {
        std::vector<Rejection> list = {
            from(1, "Referral", Stage::onsite, "2026-11-10", "2026-10-31"),
            from(2, "referral", Stage::screen, "2026-11-11", "2026-11-01"),
            from(3, "Job board", Stage::application, "2026-11-02", "2026-10-01"),
            from(4, "job board", Stage::application, "2026-11-03"),
            from(5, "JOB BOARD", Stage::screen, "2026-11-04", "2026-10-25"),
            from(6, std::nullopt, Stage::application),
            from(7, "  ", Stage::application),
            from(8, "job board", std::nullopt),
        };
        const SourceBreakdown b = bb::source_breakdown(list, {});
        REQUIRE(b.channels.size() == 2);
        CHECK(b.channels[0].channel == "job board");
        CHECK(b.channels[0].written == "Job board"); // the earliest spelling
        CHECK(b.channels[0].total() == 4);
        CHECK(b.channels[0].interviewed() == 1);
        CHECK(b.channels[0].unknown_stage == 1);
        CHECK_FALSE(b.channels[0].personal);
        CHECK(b.channels[0].median_days_to_answer() == doctest::Approx(21)); // 32 and 10 days
        CHECK(b.channels[1].channel == "referral");
        CHECK(b.channels[1].personal);
        CHECK(b.channels[1].interviewed() == 2);
        CHECK(b.no_source == 2);
    }
    SUBCASE("an estimated date says nothing of the wait") {
        Rejection r = from(1, "referral", Stage::screen, "2026-11-10", "2026-11-01");
        r.date_estimated = true;
        const SourceBreakdown b = bb::source_breakdown({r}, {});
        CHECK_FALSE(b.channels.front().median_days_to_answer());
    }
    SUBCASE("aliases group spellings under the key; the key names the channel") {
        SourcesConfig config;
        config.aliases["LinkedIn"] = {"LinkedIn Jobs", "linked in"};
        const SourceBreakdown b = bb::source_breakdown(
            {from(1, "linked in", Stage::application), from(2, "LinkedIn Jobs", Stage::screen),
             from(3, "linkedin", Stage::application)},
            config);
        REQUIRE(b.channels.size() == 1);
        CHECK(b.channels[0].written == "LinkedIn");
        CHECK(b.channels[0].total() == 3);
        REQUIRE(channel(b, "LinkedIn"));
    }
    SUBCASE("shares only from the documented minimum") {
        std::vector<Rejection> list;
        for (int i = 1; i < bb::k_source_min_records; ++i) {
            list.push_back(from(i, "referral", i == 1 ? Stage::application : Stage::final));
        }
        const SourceBreakdown few = bb::source_breakdown(list, {});
        CHECK_FALSE(few.channels[0].enough());
        CHECK(bb::interview_words(few.channels[0]) == "got to an interview in 3 of 4");
        BB_CHECK_CONTAINS(bb::source_summary(few.channels[0]), "Shares appear from 5");
        list.push_back(from(9, "Referral", Stage::final));
        const SourceBreakdown enough = bb::source_breakdown(list, {});
        CHECK(enough.channels[0].enough());
        CHECK(bb::interview_words(enough.channels[0]) == "got to an interview in 4 of 5 (80%)");
        CHECK(bb::source_summary(enough.channels[0]) ==
              "From referral (a personal channel): 5 rejections; got to an interview in 4 of 5 "
              "(80%).");
    }
    SUBCASE("the wait in words") {
        const SourceBreakdown b = bb::source_breakdown(
            {from(1, "indeed", Stage::application, "2026-11-10", "2026-11-09")}, {});
        CHECK(bb::wait_words(b.channels[0]) == "about 1 day");
        CHECK(bb::source_summary(b.channels[0]) ==
              "From indeed: 1 rejection; got to an interview in 0 of 1; about 1 day from "
              "application to answer (the middle value). Shares appear from 5 rejections.");
    }
}
