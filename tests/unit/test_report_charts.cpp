// Tests for lib/src/report/charts.cpp: the geometry of a report's pictures.
#include "bounceback/report/charts.hpp"

#include "bounceback/core/stage_flow.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using bb::StageFlow;
using bb::report::Rect;
using bb::report::SankeyLayout;

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_inf = std::numeric_limits<double>::infinity();

/// A size a picture can draw: finite and at least 0.
bool drawable(double value) {
    return std::isfinite(value) && value >= 0;
}

bool drawable(const Rect& r) {
    return std::isfinite(r.x) && std::isfinite(r.y) && drawable(r.width) && drawable(r.height);
}

/// Checks a Sankey layout against its flow: every size drawable, inside the area, each node as
/// tall as its value times the scale, and the bands of each node adding up to its height.
void check_sankey(const StageFlow& flow, const SankeyLayout& layout, Rect area) {
    REQUIRE(layout.nodes.size() == flow.nodes.size());
    REQUIRE(layout.bands.size() == flow.links.size());
    CHECK(drawable(layout.scale));
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        const Rect& box = layout.nodes[i];
        CHECK(drawable(box));
        CHECK(box.height == doctest::Approx(flow.nodes[i].value * layout.scale));
        CHECK(box.x >= area.x - 1e-9);
        CHECK(box.y >= area.y - 1e-9);
        CHECK(box.x + box.width <= area.x + area.width + 1e-9);
        CHECK(box.y + box.height <= area.y + area.height + 1e-9);
        double out = 0;
        double in = 0;
        for (const auto& band : layout.bands) {
            const auto& link = flow.links[band.link];
            CHECK(drawable(band.width));
            CHECK(band.width == doctest::Approx(link.value * layout.scale));
            if (link.source == i) {
                out += band.width;
                // A band leaves from inside its node.
                CHECK(band.y0 >= box.y - 1e-9);
                CHECK(band.y0 + band.width <= box.y + box.height + 1e-6);
                CHECK(band.x0 == doctest::Approx(box.x + box.width));
            }
            if (link.target == i) {
                in += band.width;
                CHECK(band.y1 >= box.y - 1e-9);
                CHECK(band.y1 + band.width <= box.y + box.height + 1e-6);
                CHECK(band.x1 == doctest::Approx(box.x));
            }
        }
        if (i == 0) {
            // The bands out of "Applied" add up to every application.
            CHECK(out == doctest::Approx(flow.total * layout.scale));
        } else {
            CHECK(in == doctest::Approx(box.height));
        }
        if (out > 0) {
            CHECK(out == doctest::Approx(box.height));
        }
    }
}

} // namespace

TEST_CASE("report::layout_sankey") {
    const Rect area{0, 10, 850, 320};

    SUBCASE("an empty home draws nothing") {
        const StageFlow flow = bb::stage_flow({}, 0);
        const SankeyLayout layout = bb::report::layout_sankey(flow, area, 14, 34);
        CHECK(layout.nodes.empty());
        CHECK(layout.bands.empty());
        CHECK(layout.scale == 0);
    }

    SUBCASE("one record fills the height") {
        const StageFlow flow = bb::stage_flow({0, 1, 0, 0, 0, 0}, 0);
        const SankeyLayout layout = bb::report::layout_sankey(flow, area, 14, 34);
        check_sankey(flow, layout, area);
        CHECK(layout.nodes[0].height == doctest::Approx(area.height));
        CHECK(layout.nodes[0].x == 0);
        CHECK(layout.nodes.back().x + layout.nodes.back().width == doctest::Approx(850));
    }

    SUBCASE("a sample search") {
        const StageFlow flow = bb::stage_flow({7, 1, 3, 1, 1, 0}, 2);
        const SankeyLayout layout = bb::report::layout_sankey(flow, area, 14, 34);
        check_sankey(flow, layout, area);
        // Column 1 (Screen, Ended at application, Stage not logged) is the fullest: its nodes
        // and two gaps fill the height.
        CHECK(15 * layout.scale + 2 * 34 == doctest::Approx(area.height));
        // In a column, nodes come top down in order, a gap apart.
        CHECK(layout.nodes[2].y ==
              doctest::Approx(layout.nodes[1].y + layout.nodes[1].height + 34));
    }

    SUBCASE("a hundred thousand records, with a stage of one") {
        const StageFlow flow = bb::stage_flow({49999, 30000, 20000, 0, 0, 1}, 0);
        const SankeyLayout layout = bb::report::layout_sankey(flow, area, 14, 34);
        check_sankey(flow, layout, area);
        CHECK(layout.scale > 0);
    }

    SUBCASE("an area with no room left after the gaps draws nodes of height 0") {
        const StageFlow flow = bb::stage_flow({1, 1, 1, 1, 1, 1}, 1);
        const Rect tiny{0, 0, 10, 20};
        const SankeyLayout layout = bb::report::layout_sankey(flow, tiny, 14, 34);
        CHECK(layout.scale == 0);
        for (const auto& box : layout.nodes) {
            CHECK(drawable(box));
            CHECK(box.width <= 10);
        }
    }

    SUBCASE("bad sizes never become NaN or negative") {
        const StageFlow flow = bb::stage_flow({3, 2, 1, 0, 0, 0}, 0);
        for (Rect bad : {Rect{0, 0, k_nan, 300}, Rect{0, 0, 800, -5}, Rect{k_inf, 0, 800, k_inf}}) {
            const SankeyLayout layout = bb::report::layout_sankey(flow, bad, k_nan, -3);
            for (const auto& box : layout.nodes) {
                CHECK(drawable(box));
            }
            for (const auto& band : layout.bands) {
                CHECK(drawable(band.width));
                CHECK(std::isfinite(band.x0));
                CHECK(std::isfinite(band.y1));
            }
        }
    }
}

TEST_CASE("report::band_path") {
    const bb::report::SankeyBand band{0, 10, 20, 110, 60, 5.5};
    CHECK(bb::report::band_path(band) ==
          "M10,20C60,20 60,60 110,60L110,65.5C60,65.5 60,25.5 10,25.5Z");
}

TEST_CASE("report::count_axis") {
    CHECK(bb::report::count_axis(0).top == 1);
    CHECK(bb::report::count_axis(1).ticks == std::vector<double>{0, 1});
    CHECK(bb::report::count_axis(7, 4).top == 8);
    CHECK(bb::report::count_axis(7, 4).ticks == std::vector<double>{0, 2, 4, 6, 8});
    CHECK(bb::report::count_axis(100000, 4).top == 100000);
    CHECK(bb::report::count_axis(k_nan).top == 1);
    for (double largest : {3.0, 13.0, 99.0, 1234.0, 99999.0}) {
        const auto axis = bb::report::count_axis(largest, 3);
        CHECK(axis.top >= largest);
        CHECK(axis.ticks.size() <= 4);
        CHECK(axis.ticks.back() == axis.top);
    }
}

TEST_CASE("report::layout_columns") {
    const Rect area{40, 10, 600, 100};

    SUBCASE("no values, no bars") {
        CHECK(bb::report::layout_columns({}, area, 10).empty());
    }

    SUBCASE("bars stand on the bottom edge, as tall as their share of the top") {
        const std::vector<int> values{0, 5, 10, -2};
        const auto bars = bb::report::layout_columns(values, area, 10);
        REQUIRE(bars.size() == 4);
        CHECK(bars[0].height == 0);
        CHECK(bars[1].height == doctest::Approx(50));
        CHECK(bars[2].height == doctest::Approx(100));
        CHECK(bars[2].y == doctest::Approx(10));
        CHECK(bars[3].height == 0); // never negative
        for (const auto& b : bars) {
            CHECK(b.y + b.height == doctest::Approx(110));
            CHECK(b.x >= 40);
            CHECK(b.x + b.width <= 640 + 1e-9);
        }
    }

    SUBCASE("ten years of weeks fit, touching") {
        std::vector<int> values(520, 0);
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = static_cast<int>(i % 7);
        }
        const auto bars = bb::report::layout_columns(values, area, 6);
        REQUIRE(bars.size() == 520);
        double widths = 0;
        for (const auto& b : bars) {
            CHECK(drawable(b));
            widths += b.width;
        }
        CHECK(widths == doctest::Approx(600)); // no gap when bars are this thin
    }

    SUBCASE("a top of 0 or NaN is taken as 1") {
        const std::vector<int> values{1};
        CHECK(bb::report::layout_columns(values, area, 0)[0].height == doctest::Approx(100));
        CHECK(drawable(bb::report::layout_columns(values, area, k_nan)[0]));
    }
}

TEST_CASE("report::layout_stack") {
    const Rect area{0, 4, 720, 32};

    SUBCASE("segments fill the bar, in order") {
        const std::vector<int> values{3, 1, 0, 4};
        const auto parts = bb::report::layout_stack(values, area);
        REQUIRE(parts.size() == 4);
        double sum = 0;
        for (const auto& p : parts) {
            CHECK(drawable(p));
            sum += p.width;
        }
        CHECK(sum == doctest::Approx(720));
        CHECK(parts[0].width == doctest::Approx(270));
        CHECK(parts[1].x == doctest::Approx(270));
        CHECK(parts[2].width == 0);
    }

    SUBCASE("nothing to share: every segment is empty") {
        const std::vector<int> values{0, 0};
        for (const auto& p : bb::report::layout_stack(values, area)) {
            CHECK(p.width == 0);
        }
    }

    SUBCASE("a hundred thousand requests") {
        const std::vector<int> values{99999, 1};
        const auto parts = bb::report::layout_stack(values, area);
        CHECK(parts[0].width + parts[1].width == doctest::Approx(720));
        CHECK(parts[1].width > 0);
    }
}

TEST_CASE("report::layout_rows") {
    const std::vector<int> values{4, 2, 1};
    const auto rows = bb::report::layout_rows(values, {200, 0, 400, 78}, 4, 26);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].width == doctest::Approx(400));
    CHECK(rows[1].width == doctest::Approx(200));
    CHECK(rows[1].y > rows[0].y + rows[0].height);
    for (const auto& r : rows) {
        CHECK(drawable(r));
    }
}

TEST_CASE("report::layout_line") {
    const Rect area{40, 10, 600, 100};
    const std::vector<std::optional<double>> values{3.0, std::nullopt, 1.0, 5.0, k_nan, 9.0};
    const auto line = bb::report::layout_line(values, 1, 5, area);
    REQUIRE(line.points.size() == 4);
    CHECK(line.slots == std::vector<std::size_t>{0, 2, 3, 5});
    CHECK(line.points[0].y == doctest::Approx(60));  // 3 is half-way
    CHECK(line.points[1].y == doctest::Approx(110)); // 1 at the bottom
    CHECK(line.points[2].y == doctest::Approx(10));  // 5 at the top
    CHECK(line.points[3].y == doctest::Approx(10));  // 9 is kept inside the scale
    REQUIRE(line.runs.size() == 1); // a gap breaks the line; a lone point is no run
    CHECK(line.runs[0].size() == 2);
    CHECK(bb::report::line_path(line.runs[0]) == "M290,110L390,10");
    CHECK(bb::report::layout_line({}, 1, 5, area).points.empty());
}

TEST_CASE("report::rects_path") {
    const std::vector<Rect> rects{{1, 2, 3, 4}, {5, 0, 0, 9}, {7.5, 1, 2, -1}, {10, 20, 0.5, 1}};
    CHECK(bb::report::rects_path(rects) == "M1,2h3v4h-3ZM10,20h0.5v1h-0.5Z");
    CHECK(bb::report::rects_path({}) == "");
}

TEST_CASE("report::CalendarLayout") {
    bb::report::CalendarLayout layout;
    layout.area = {34, 18, 0, 0};
    layout.weeks = 53;
    CHECK(layout.width() == doctest::Approx(53 * 13 - 2));
    CHECK(layout.height() == doctest::Approx(7 * 13 - 2));
    const Rect last = layout.day(52, 6);
    CHECK(last.x + last.width == doctest::Approx(34 + layout.width()));
    CHECK(last.y + last.height == doctest::Approx(18 + layout.height()));
    layout.weeks = 0;
    CHECK(layout.width() == 0);
}

TEST_CASE("report::linear") {
    CHECK(bb::report::linear(5, 0, 10, 0, 100) == doctest::Approx(50));
    CHECK(bb::report::linear(5, 3, 3, 7, 100) == 7);
    CHECK(bb::report::linear(k_nan, 0, 1, 2, 3) == 2);
}
