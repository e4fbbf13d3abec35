// Fuzz target: the report page (report/html, report/page). The input is text a person wrote,
// as NUL-separated fields: a company, a win, a reflection's answer and a feedback area; each is
// put in a record of a small search, and the page is drawn.
//
// Invariants: escape() gives well-formed UTF-8 with no '<', '>', '"' or '\'', every '&' starts
// one of its five references, and no control character but tab and line feed; the page is
// UTF-8, ends as a page, and its every '<' starts a tag the page itself writes.

#include "fuzz_support.hpp"

#include "bounceback/core/report_figures.hpp"
#include "bounceback/report/html.hpp"
#include "bounceback/report/page.hpp"
#include "bounceback/util/date.hpp"
#include "bounceback/util/text.hpp"

#include <chrono>
#include <set>

namespace {

using bb::util::Date;

const std::set<std::string, std::less<>>& page_tags() {
    static const std::set<std::string, std::less<>> tags = {
        "!DOCTYPE", "html",  "head", "meta",   "title",  "style",      "body",    "header",
        "h1",       "h2",    "h3",   "p",      "nav",    "a",          "section", "ol",
        "ul",       "li",    "time", "code",   "figure", "div",        "svg",     "rect",
        "path",     "text",  "line", "circle", "span",   "figcaption", "table",   "caption",
        "thead",    "tbody", "tr",   "th",     "td",     "details",    "summary", "footer"};
    return tags;
}

void check_escaped(std::string_view input) {
    const std::string out = bb::report::escape(input);
    BB_FUZZ_CHECK(bb::util::is_valid_utf8(out), out);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        BB_FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'', out);
        BB_FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n', out);
        BB_FUZZ_CHECK(c != 0x7f, out);
        if (c == '&') {
            const std::string_view rest = std::string_view(out).substr(i);
            BB_FUZZ_CHECK(rest.starts_with("&amp;") || rest.starts_with("&lt;") ||
                              rest.starts_with("&gt;") || rest.starts_with("&quot;") ||
                              rest.starts_with("&#39;"),
                          out);
        }
    }
}

/// Every '<' of `page` opens or closes a tag of the page's own.
void check_tags(const std::string& page) {
    for (auto at = page.find('<'); at != std::string::npos; at = page.find('<', at + 1)) {
        std::size_t start = at + 1;
        if (start < page.size() && page[start] == '/') {
            ++start;
        }
        std::size_t end = start;
        while (end < page.size() && page[end] != ' ' && page[end] != '>' && page[end] != '/') {
            ++end;
        }
        const std::string_view tag = std::string_view(page).substr(start, end - start);
        BB_FUZZ_CHECK(page_tags().count(tag) == 1,
                      "unexpected tag <" + std::string(tag) + "> at " + std::to_string(at));
    }
}

Date day(int offset) {
    return Date{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} +
                std::chrono::days{offset}};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto fields = bb::fuzz::split_fields(bb::fuzz::as_text(data, size));
    for (const auto& field : fields) {
        check_escaped(field);
    }
    auto field = [&](std::size_t i) {
        return std::string(i < fields.size() ? fields[i] : fields.front());
    };
    const Date today = day(0);
    const bb::StatsPeriod period = bb::range_period(day(-60), today);
    bb::Config config;
    bb::ReportBuilder builder(period, config, today);
    for (int i = 0; i < 6; ++i) {
        bb::Rejection r;
        r.id = i + 1;
        r.company = field(0);
        r.date = day(-7 * i);
        r.applied = day(-7 * i - 20);
        r.stage = static_cast<bb::Stage>(i % 6);
        r.feedback.requested = day(-7 * i);
        r.feedback.areas = {field(3)};
        r.tags = {field(3)};
        builder.add(r);
    }
    builder.add(bb::Win{1, day(-3), field(1)});
    for (int i = 0; i < 3; ++i) {
        bb::Reflection reflection;
        reflection.id = i + 1;
        reflection.date = day(-10 * i);
        reflection.mood = 1 + i;
        reflection.improve = {field(2)};
        reflection.strengths = {field(2)};
        builder.add(reflection);
    }
    builder.add(
        bb::Checkin{day(-2), "exercise", bb::CheckinStatus::done, std::nullopt, std::nullopt});
    const std::string page = bb::report::render_page(builder.finish(), {today, "bounceback"});
    check_tags(page);
    BB_FUZZ_CHECK(bb::util::is_valid_utf8(page), "the page is not UTF-8");
    BB_FUZZ_CHECK(page.ends_with("</body>\n</html>\n"), "the page does not end as a page");
    return 0;
}
