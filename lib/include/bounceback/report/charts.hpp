#pragma once
// Chart geometry: where each box, bar, band and point of a report's pictures goes. Pure
// arithmetic over counts, in the SVG's own units; nothing here writes markup. Every size it
// returns is finite and at least 0, whatever the counts (none, one, a hundred thousand).

#include "bounceback/core/stage_flow.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bb::report {

/// A rectangle: its top-left corner and its size.
struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

/// A point.
struct Point {
    double x = 0;
    double y = 0;
};

/// `value` mapped from [`low`, `high`] onto [`to_low`, `to_high`]; `to_low` when the first
/// range is empty or `value` is not finite.
double linear(double value, double low, double high, double to_low, double to_high);

/// An axis for counts from 0 up to `largest`: a round top (1, 2 or 5 times a power of ten, at
/// least `largest` and at least 1) and the ticks from 0 to it, at most `max_ticks` + 1 of them.
struct Axis {
    double top = 1;
    std::vector<double> ticks;
};
Axis count_axis(double largest, int max_ticks = 4);

// ---- stage flow -----------------------------------------------------------------------------

/// One band of a Sankey diagram: a link drawn from the right edge of its source node to the
/// left edge of its target, as wide as its value.
struct SankeyBand {
    std::size_t link = 0; ///< index into StageFlow::links
    double x0 = 0;        ///< the source's right edge
    double y0 = 0;        ///< the band's top at the source
    double x1 = 0;        ///< the target's left edge
    double y1 = 0;        ///< the band's top at the target
    double width = 0;     ///< the band's thickness: value × scale
};

/// Where a stage flow's nodes and bands go.
struct SankeyLayout {
    std::vector<Rect> nodes;       ///< one per StageFlow::nodes, in order
    std::vector<SankeyBand> bands; ///< one per StageFlow::links, in order
    double scale = 0;              ///< units of height per application
};

/// Lays `flow` out in `area`: a column per FlowNode::column, nodes `node_width` wide stacked
/// from the top of their column in order with `gap` between them, each as tall as its value
/// times one scale for all (the largest that fits every column). A node's bands leave from its
/// top down and arrive at its top down, in order, so the bands of a node add up to its height.
SankeyLayout layout_sankey(const StageFlow& flow, Rect area, double node_width, double gap);

/// The SVG path (`d`) of `band`: a ribbon of constant thickness between two curves.
std::string band_path(const SankeyBand& band);

// ---- bars, rows, stacks, lines ------------------------------------------------------------------

/// Vertical bars for `values` side by side across `area`, as tall as value / `top` of its
/// height, standing on its bottom edge; a gap between bars once they are wide enough to spare
/// one. A value of 0 (or less) gets a bar of height 0.
std::vector<Rect> layout_columns(std::span<const int> values, Rect area, double top);

/// The x of the middle of slot `index` of `count` slots across `area`.
double slot_middle(std::size_t index, std::size_t count, Rect area);

/// Horizontal bars for `values`, one row each from the top of `area`, `row_height` apart and a
/// little thinner, as long as value / `top` of its width.
std::vector<Rect> layout_rows(std::span<const int> values, Rect area, double top,
                              double row_height);

/// `values` as segments of one horizontal bar filling `area` left to right, each as wide as its
/// share of the sum; every segment has width 0 when the sum is 0.
std::vector<Rect> layout_stack(std::span<const int> values, Rect area);

/// A line through `values` (one per slot across `area`, as slot_middle places them; nullopt
/// where there is no value) on a scale from `low` (bottom) to `high` (top).
struct LineLayout {
    std::vector<std::vector<Point>> runs; ///< unbroken runs of two or more points
    std::vector<Point> points;            ///< every point, in order
    std::vector<std::size_t> slots;       ///< the slot of each point
};
LineLayout layout_line(std::span<const std::optional<double>> values, double low, double high,
                       Rect area);

/// The SVG path (`d`) of many rectangles at once ("Mx,yh…v…h…Z" each), for charts with more
/// bars than are worth an element each; rectangles with no width or height are left out.
std::string rects_path(std::span<const Rect> rects);

/// The SVG path (`d`) of a line through `points`: "M x,y L x,y …"; "" for no points.
std::string line_path(std::span<const Point> points);

// ---- calendar ----------------------------------------------------------------------------

/// A calendar of `weeks` columns of seven days, from the top-left of `area`: each day a square
/// `cell` wide with `gap` between days.
struct CalendarLayout {
    Rect area;
    int weeks = 0;
    double cell = 11;
    double gap = 2;

    /// The square of day `day` (0 to 6, the first day of the week first) of week `week`.
    Rect day(int week, int day) const;
    /// The width and height the calendar takes.
    double width() const;
    double height() const;
};

} // namespace bb::report
