#include "bounceback/core/stage_flow.hpp"

#include <numeric>

namespace bb {

namespace {

/// The Okabe–Ito blue and orange: told apart by readers with any common colour-vision
/// deficiency.
constexpr const char* k_stage_colour = "#0072B2";
constexpr const char* k_ended_colour = "#E69F00";
constexpr const char* k_unlogged_colour = "#999999";

/// `text` on one line: a line break would end a comment early.
std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return out;
}

} // namespace

std::string flow_stage_name(Stage stage) {
    if (stage == Stage::application) {
        return "Applied";
    }
    std::string name(stage_name(stage));
    name.front() = static_cast<char>(name.front() - 'a' + 'A');
    return name;
}

StageFlow stage_flow(const std::array<int, 6>& by_stage, int unlogged) {
    StageFlow flow;
    flow.total = std::accumulate(by_stage.begin(), by_stage.end(), unlogged);
    if (flow.total <= 0) {
        flow.total = 0;
        return flow;
    }
    // reached[i]: the rejections whose stage is i or later.
    std::array<int, 6> reached{};
    int later = 0;
    std::size_t furthest = 0;
    for (std::size_t i = by_stage.size(); i-- > 0;) {
        later += by_stage[i];
        reached[i] = later;
        if (furthest == 0 && by_stage[i] > 0) {
            furthest = i;
        }
    }
    flow.nodes.push_back({"Applied", FlowNodeKind::applied, Stage::application, flow.total, 0});
    std::size_t previous = 0; // the node of the stage before
    for (std::size_t i = 0; i < by_stage.size() && reached[i] > 0; ++i) {
        const auto stage = static_cast<Stage>(i);
        const int column = static_cast<int>(i) + 1;
        std::size_t next = 0;
        if (i + 1 < by_stage.size() && reached[i + 1] > 0) {
            const auto next_stage = static_cast<Stage>(i + 1);
            next = flow.nodes.size();
            flow.nodes.push_back({flow_stage_name(next_stage), FlowNodeKind::stage, next_stage,
                                  reached[i + 1], column});
            flow.links.push_back({previous, next, reached[i + 1]});
        }
        if (by_stage[i] > 0) {
            flow.nodes.push_back({"Ended at " + std::string(stage_name(stage)), FlowNodeKind::ended,
                                  stage, by_stage[i], column});
            flow.links.push_back({previous, flow.nodes.size() - 1, by_stage[i]});
        }
        if (i == 0 && unlogged > 0) {
            flow.nodes.push_back(
                {"Stage not logged", FlowNodeKind::unlogged, std::nullopt, unlogged, 1});
            flow.links.push_back({0, flow.nodes.size() - 1, unlogged});
        }
        previous = next;
        flow.columns = column + 1;
        if (i == furthest) {
            break;
        }
    }
    if (reached[0] == 0) { // only rejections with no stage logged
        flow.nodes.push_back(
            {"Stage not logged", FlowNodeKind::unlogged, std::nullopt, unlogged, 1});
        flow.links.push_back({0, 1, unlogged});
        flow.columns = 2;
    }
    return flow;
}

std::vector<FlowLink> StageFlow::links_into(std::size_t node) const {
    std::vector<FlowLink> out;
    for (const auto& link : links) {
        if (link.target == node) {
            out.push_back(link);
        }
    }
    return out;
}

std::vector<FlowLink> StageFlow::links_out_of(std::size_t node) const {
    std::vector<FlowLink> out;
    for (const auto& link : links) {
        if (link.source == node) {
            out.push_back(link);
        }
    }
    return out;
}

std::string stage_flow_sankeymatic(const StageFlow& flow, std::string_view comment) {
    std::string out;
    if (!comment.empty()) {
        out += "// " + one_line(comment) + "\n";
    }
    for (const auto& link : flow.links) {
        out += flow.nodes[link.source].name + " [" + std::to_string(link.value) + "] " +
               flow.nodes[link.target].name + "\n";
    }
    if (!flow.nodes.empty()) {
        out += "\n";
    }
    for (const auto& node : flow.nodes) {
        const char* colour = node.kind == FlowNodeKind::ended      ? k_ended_colour
                             : node.kind == FlowNodeKind::unlogged ? k_unlogged_colour
                                                                   : k_stage_colour;
        out += ":" + node.name + " " + colour + "\n";
    }
    return out;
}

std::string stage_flow_mermaid(const StageFlow& flow, std::string_view comment) {
    std::string out = "```mermaid\n";
    if (!comment.empty()) {
        out += "%% " + one_line(comment) + "\n";
    }
    out += "sankey-beta\n\n";
    for (const auto& link : flow.links) {
        out += flow.nodes[link.source].name + "," + flow.nodes[link.target].name + "," +
               std::to_string(link.value) + "\n";
    }
    out += "```\n";
    return out;
}

} // namespace bb
