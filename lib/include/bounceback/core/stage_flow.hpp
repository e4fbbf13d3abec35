#pragma once
// The stage flow: how far applications went before each one ended, as the nodes and links of a
// Sankey diagram. `stats --sankey` and `--mermaid` print it as text for other tools, and
// `report` draws it. Pure logic over counts; nothing here touches a file.
//
// The rules, as bounceback-stats(1) documents them:
//
// - Every rejection is an application: "Applied" holds them all.
// - A rejection's stage is the furthest stage it reached. Stages come in order (application,
//   screen, technical, onsite, final, offer), and reaching one counts as passing those before
//   it, so a stage's node holds every rejection that reached it or a later one.
// - From each stage, the applications that ended there flow to "Ended at STAGE"; the rest flow
//   on to the next stage. Stages after the furthest one reached are left out, and so are links
//   of 0.
// - Rejections with no stage logged flow from "Applied" to "Stage not logged".

#include "bounceback/core/records.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// What a node of the stage flow stands for.
enum class FlowNodeKind {
    applied,  ///< every application ("Applied")
    stage,    ///< the applications that reached a stage or a later one ("Screen")
    ended,    ///< the applications that ended at a stage ("Ended at screen")
    unlogged, ///< the applications whose stage was not logged ("Stage not logged")
};

/// One node: a box of the diagram.
struct FlowNode {
    std::string name; ///< unique in the flow: "Applied", "Screen", "Ended at screen" …
    FlowNodeKind kind = FlowNodeKind::applied;
    std::optional<Stage> stage; ///< for `stage` and `ended` nodes
    int value = 0;              ///< the applications it holds
    int column = 0;             ///< 0 for "Applied", then one more per stage
};

/// One link: a band from `source` to `target` (indexes into StageFlow::nodes).
struct FlowLink {
    std::size_t source = 0;
    std::size_t target = 0;
    int value = 0; ///< the applications that flow along it, at least 1
};

/// The whole flow. Nodes come column by column, and in a column the stage first, then "Ended
/// at" the stage before, then "Stage not logged"; links come in the order of their source.
struct StageFlow {
    std::vector<FlowNode> nodes; ///< empty when there is no rejection
    std::vector<FlowLink> links;
    int total = 0;   ///< every application
    int columns = 0; ///< the number of columns the nodes use

    /// The links into node `node`, in order.
    std::vector<FlowLink> links_into(std::size_t node) const;
    /// The links out of node `node`, in order.
    std::vector<FlowLink> links_out_of(std::size_t node) const;
};

/// The stage flow of rejections counted by stage: `by_stage` indexed by Stage, `unlogged` with
/// no stage logged.
StageFlow stage_flow(const std::array<int, 6>& by_stage, int unlogged);

/// The node name of `stage`: "Screen", "Technical" …; "Applied" for the application stage.
std::string flow_stage_name(Stage stage);

/// `flow` as SankeyMATIC text: `// COMMENT` (when `comment` is not empty), one
/// `Source [value] Target` line per link, then a colour for each node (`:Screen #0072B2`),
/// stages in blue and endings in orange from the Okabe–Ito palette. Ends with a newline.
std::string stage_flow_sankeymatic(const StageFlow& flow, std::string_view comment);

/// `flow` as a Mermaid `sankey-beta` diagram in a Markdown code block (```` ```mermaid ````):
/// `%% COMMENT` (when `comment` is not empty), `sankey-beta`, a blank line, then one
/// `Source,Target,value` line per link. Ends with a newline.
std::string stage_flow_mermaid(const StageFlow& flow, std::string_view comment);

} // namespace bb
