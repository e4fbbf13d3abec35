// Tests for lib/src/report/page.cpp. The page is also parsed by real parsers (Python's
// html.parser and xml.etree) and drawn by a real browser in tests/e2e/test_report.py.
#include "bounceback/report/page.hpp"

#include "bounceback/core/report_figures.hpp"
#include "bounceback/util/date.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

using bb::Checkin;
using bb::CheckinStatus;
using bb::Config;
using bb::Date;
using bb::Rejection;
using bb::ReportBuilder;
using bb::Stage;
using bb::test::contains;
using bb::test::day;

namespace {

Date plus(Date date, int days) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

const Date k_today = day("2026-11-25");

bb::report::PageOptions options() {
    return {k_today, "bounceback 0.0.0"};
}

/// The offsets of `parts` in `text`, which must all be there.
std::vector<std::size_t> offsets(const std::string& text, const std::vector<std::string>& parts) {
    std::vector<std::size_t> out;
    for (const auto& part : parts) {
        const auto at = text.find(part);
        CHECK_MESSAGE(at != std::string::npos, "missing: " << part);
        out.push_back(at);
    }
    return out;
}

std::size_t count(const std::string& text, std::string_view part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("report::render_page") {
    Config config;
    config.habits["exercise"] = bb::HabitConfig{3, "A walk counts"};
    config.follow_up_days = 7;

    SUBCASE("an empty home: a headline, an invitation, nothing drawn") {
        const auto period = bb::range_period(day("2026-06-01"), k_today);
        ReportBuilder builder(period, config, k_today);
        const std::string page = bb::report::render_page(builder.finish(), options());
        CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        BB_CHECK_CONTAINS(page, "A quiet stretch: nothing logged in this range.");
        BB_CHECK_CONTAINS(page, "bounceback log COMPANY");
        CHECK_FALSE(contains(page, "<svg"));
        CHECK_FALSE(contains(page, "<script"));
    }

    SUBCASE("a search: sections in order, kind first, everything escaped") {
        const auto period = bb::range_period(day("2026-09-28"), k_today);
        ReportBuilder builder(period, config, k_today);
        const std::string evil = "<script>alert(1)</script> \"onload=alert(2)";
        for (int i = 0; i < 12; ++i) {
            Rejection r;
            r.id = i + 1;
            r.company = i == 0 ? evil : "Company " + std::to_string(i);
            r.date = plus(day("2026-10-01"), 4 * i);
            r.applied = plus(r.date, -10 - i);
            r.stage = static_cast<Stage>(i % 4);
            r.feeling = 2 + i % 3;
            if (i == 0) {
                r.feedback.requested = day("2026-10-05"); // waiting: a follow-up is due
            }
            builder.add(r);
        }
        builder.add(bb::Win{1, day("2026-10-02"), "Finished the course & <b>passed</b>"});
        bb::Reflection reflection;
        reflection.id = 1;
        reflection.date = day("2026-11-01");
        reflection.mood = 3;
        reflection.improve = {"system design"};
        builder.add(reflection);
        reflection.id = 2;
        reflection.date = day("2026-11-08");
        builder.add(reflection);
        for (Date d = day("2026-10-05"); d <= k_today; d = plus(d, 2)) {
            builder.add(Checkin{d, "exercise", CheckinStatus::done, std::nullopt, std::nullopt});
        }
        const std::string page = bb::report::render_page(builder.finish(), options());

        const auto at = offsets(page, {"id=\"wins\"", "id=\"flow\"", "id=\"weeks\"",
                                       "id=\"answers\"", "id=\"feedback\"", "id=\"reflections\"",
                                       "id=\"routine\"", "id=\"signals\"", "<footer>"});
        CHECK(std::is_sorted(at.begin(), at.end()));
        BB_CHECK_CONTAINS(page, "1 small win, 2 reflections and 12 rejections logged.");
        BB_CHECK_CONTAINS(page, "Finished the course &amp; &lt;b&gt;passed&lt;/b&gt;");
        BB_CHECK_CONTAINS(page, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onload=alert(2)");
        CHECK_FALSE(contains(page, "<script"));
        CHECK_FALSE(contains(page, "\"onload"));
        CHECK_FALSE(contains(page, "<b>"));
        // Nothing from anywhere: no URL but fragments, and a policy that forbids loading.
        CHECK_FALSE(contains(page, "http:"));
        CHECK_FALSE(contains(page, "https:"));
        CHECK_FALSE(contains(page, "url("));
        CHECK_FALSE(contains(page, "@import"));
        BB_CHECK_CONTAINS(page, "Content-Security-Policy");
        // Every chart has a table of its numbers.
        CHECK(count(page, "<svg") >= 5);
        CHECK(count(page, "<table") >= count(page, "<svg") - 1); // the feedback bar shares one
        BB_CHECK_CONTAINS(page, "prefers-color-scheme: dark");
        BB_CHECK_CONTAINS(page, "@media print");
        BB_CHECK_CONTAINS(page, "A walk counts");
    }

    SUBCASE("ten years and a hundred thousand records stay under 2 MB") {
        const auto period = bb::range_period(day("2016-11-28"), k_today);
        Config defaults; // the four suggested habits
        ReportBuilder builder(period, defaults, k_today);
        const int days = bb::util::days_between(period.from, k_today);
        for (int i = 0; i < 100000; ++i) {
            Rejection r;
            r.id = i + 1;
            r.company = "Company " + std::to_string(i % 50);
            r.date = plus(period.from, static_cast<int>(static_cast<long long>(i) * days / 100000));
            r.applied = plus(r.date, -(i % 60));
            r.stage = static_cast<Stage>(i % 6);
            r.feeling = 1 + i % 5;
            r.tags = {"tag" + std::to_string(i % 7)};
            if (i % 3 == 0) {
                r.feedback.requested = r.date;
            }
            builder.add(r);
            if (i % 10 == 0) {
                builder.add(
                    bb::Win{i + 1, r.date, "A win worth naming, number " + std::to_string(i)});
            }
        }
        for (Date d = period.from; d <= k_today; d = plus(d, 1)) {
            for (const char* habit : {"exercise", "mindfulness", "hobby", "connect"}) {
                builder.add(Checkin{d, habit,
                                    (bb::util::days_between(period.from, d) % 9 == 0)
                                        ? CheckinStatus::skip
                                        : CheckinStatus::done,
                                    std::nullopt, std::nullopt});
            }
        }
        const std::string page = bb::report::render_page(builder.finish(), options());
        MESSAGE("a ten-year, 100,000-record report: " << page.size() << " bytes");
        CHECK(page.size() < 2'000'000);
        BB_CHECK_CONTAINS(page, "The latest 10 of 10,000");
        CHECK_FALSE(contains(page, "nan"));
        CHECK_FALSE(contains(page, "inf\""));
    }
}
