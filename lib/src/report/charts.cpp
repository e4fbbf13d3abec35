#include "bounceback/report/charts.hpp"

#include "bounceback/report/html.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bb::report {

namespace {

/// `value` when it is finite and at least 0, else 0: no size in a picture is ever negative.
double size(double value) {
    return std::isfinite(value) && value > 0 ? value : 0.0;
}

Rect sized(Rect r) {
    return {std::isfinite(r.x) ? r.x : 0.0, std::isfinite(r.y) ? r.y : 0.0, size(r.width),
            size(r.height)};
}

std::string point(double x, double y) {
    return number(x) + "," + number(y);
}

} // namespace

double linear(double value, double low, double high, double to_low, double to_high) {
    if (!std::isfinite(value) || !std::isfinite(low) || !std::isfinite(high) || high == low) {
        return to_low;
    }
    return to_low + (value - low) / (high - low) * (to_high - to_low);
}

Axis count_axis(double largest, int max_ticks) {
    Axis axis;
    largest = std::max(size(largest), 1.0);
    max_ticks = std::max(max_ticks, 1);
    // The smallest step of 1, 2 or 5 times a power of ten that covers `largest` in max_ticks.
    double step = 1;
    for (double magnitude = 1;; magnitude *= 10) {
        const double steps[] = {magnitude, 2 * magnitude, 5 * magnitude};
        bool found = false;
        for (double s : steps) {
            if (s * max_ticks >= largest) {
                step = s;
                found = true;
                break;
            }
        }
        if (found) {
            break;
        }
    }
    axis.top = std::ceil(largest / step) * step;
    for (double t = 0; t <= axis.top + step / 2; t += step) {
        axis.ticks.push_back(t);
    }
    return axis;
}

SankeyLayout layout_sankey(const StageFlow& flow, Rect area, double node_width, double gap) {
    area = sized(area);
    node_width = std::min(size(node_width), area.width);
    gap = size(gap);
    SankeyLayout layout;
    layout.nodes.resize(flow.nodes.size());
    layout.bands.resize(flow.links.size());
    if (flow.nodes.empty() || flow.total <= 0) {
        return layout;
    }
    const int columns = std::max(flow.columns, 1);
    // The scale that fits the fullest column: its values plus its gaps in the area's height.
    std::vector<double> column_sum(static_cast<std::size_t>(columns), 0.0);
    std::vector<int> column_nodes(static_cast<std::size_t>(columns), 0);
    for (const auto& node : flow.nodes) {
        const auto c = static_cast<std::size_t>(std::clamp(node.column, 0, columns - 1));
        column_sum[c] += std::max(node.value, 0);
        ++column_nodes[c];
    }
    double scale = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < column_sum.size(); ++c) {
        if (column_sum[c] > 0) {
            const double room = size(area.height - gap * (column_nodes[c] - 1));
            scale = std::min(scale, room / column_sum[c]);
        }
    }
    layout.scale = size(scale);
    const double step = columns > 1 ? (area.width - node_width) / (columns - 1) : 0.0;
    std::vector<double> next_top(static_cast<std::size_t>(columns), area.y);
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        const auto c = static_cast<std::size_t>(std::clamp(flow.nodes[i].column, 0, columns - 1));
        const double height = size(std::max(flow.nodes[i].value, 0) * layout.scale);
        layout.nodes[i] = {area.x + size(step) * static_cast<double>(c), next_top[c], node_width,
                           height};
        next_top[c] += height + gap;
    }
    // Bands leave a node from its top down in link order, and arrive likewise.
    std::vector<double> out_at(flow.nodes.size());
    std::vector<double> in_at(flow.nodes.size());
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        out_at[i] = in_at[i] = layout.nodes[i].y;
    }
    for (std::size_t l = 0; l < flow.links.size(); ++l) {
        const FlowLink& link = flow.links[l];
        const double width = size(std::max(link.value, 0) * layout.scale);
        const Rect& from = layout.nodes[link.source];
        const Rect& to = layout.nodes[link.target];
        layout.bands[l] = {l,    from.x + from.width, out_at[link.source],
                           to.x, in_at[link.target],  width};
        out_at[link.source] += width;
        in_at[link.target] += width;
    }
    return layout;
}

std::string band_path(const SankeyBand& band) {
    const double middle = (band.x0 + band.x1) / 2;
    const double w = size(band.width);
    return "M" + point(band.x0, band.y0) + "C" + point(middle, band.y0) + " " +
           point(middle, band.y1) + " " + point(band.x1, band.y1) + "L" +
           point(band.x1, band.y1 + w) + "C" + point(middle, band.y1 + w) + " " +
           point(middle, band.y0 + w) + " " + point(band.x0, band.y0 + w) + "Z";
}

double slot_middle(std::size_t index, std::size_t count, Rect area) {
    area = sized(area);
    if (count == 0) {
        return area.x;
    }
    return area.x + (static_cast<double>(index) + 0.5) * area.width / static_cast<double>(count);
}

std::vector<Rect> layout_columns(std::span<const int> values, Rect area, double top) {
    area = sized(area);
    std::vector<Rect> bars;
    if (values.empty()) {
        return bars;
    }
    top = std::max(size(top), 1.0);
    const double slot = area.width / static_cast<double>(values.size());
    // Thin bars touch; wider ones keep a fifth of their slot free (at most 6 units).
    const double gap = slot >= 4 ? std::min(slot / 5, 6.0) : 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double height = std::min(size(values[i] / top) * area.height, area.height);
        bars.push_back(sized({area.x + slot * static_cast<double>(i) + gap / 2,
                              area.y + area.height - height, slot - gap, height}));
    }
    return bars;
}

std::vector<Rect> layout_rows(std::span<const int> values, Rect area, double top,
                              double row_height) {
    area = sized(area);
    row_height = size(row_height);
    top = std::max(size(top), 1.0);
    std::vector<Rect> bars;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double width = std::min(size(values[i] / top) * area.width, area.width);
        bars.push_back(sized({area.x, area.y + row_height * static_cast<double>(i) + row_height / 8,
                              width, row_height * 0.75}));
    }
    return bars;
}

std::vector<Rect> layout_stack(std::span<const int> values, Rect area) {
    area = sized(area);
    double total = 0;
    for (int v : values) {
        total += std::max(v, 0);
    }
    std::vector<Rect> segments;
    double x = area.x;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double width = total > 0 ? std::max(values[i], 0) / total * area.width : 0.0;
        segments.push_back(sized({x, area.y, width, area.height}));
        x += width;
    }
    return segments;
}

LineLayout layout_line(std::span<const std::optional<double>> values, double low, double high,
                       Rect area) {
    area = sized(area);
    LineLayout line;
    std::vector<Point> run;
    auto end_run = [&] {
        if (run.size() >= 2) {
            line.runs.push_back(run);
        }
        run.clear();
    };
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i] || !std::isfinite(*values[i])) {
            end_run();
            continue;
        }
        const double v = std::clamp(*values[i], std::min(low, high), std::max(low, high));
        const Point p{slot_middle(i, values.size(), area),
                      linear(v, low, high, area.y + area.height, area.y)};
        line.points.push_back(p);
        line.slots.push_back(i);
        run.push_back(p);
    }
    end_run();
    return line;
}

std::string rects_path(std::span<const Rect> rects) {
    std::string d;
    for (const Rect& raw : rects) {
        const Rect r = sized(raw);
        if (r.width <= 0 || r.height <= 0) {
            continue;
        }
        d += "M" + point(r.x, r.y) + "h" + number(r.width) + "v" + number(r.height) + "h" +
             number(-r.width) + "Z";
    }
    return d;
}

std::string line_path(std::span<const Point> points) {
    std::string d;
    for (std::size_t i = 0; i < points.size(); ++i) {
        d += (i == 0 ? "M" : "L") + point(points[i].x, points[i].y);
    }
    return d;
}

Rect CalendarLayout::day(int week, int day) const {
    const double pitch = size(cell) + size(gap);
    return sized({area.x + pitch * week, area.y + pitch * day, cell, cell});
}

double CalendarLayout::width() const {
    return size(weeks * (size(cell) + size(gap)) - size(gap));
}

double CalendarLayout::height() const {
    return size(7 * (size(cell) + size(gap)) - size(gap));
}

} // namespace bb::report
