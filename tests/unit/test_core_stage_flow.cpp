// Tests for lib/src/core/stage_flow.cpp.
#include "bounceback/core/stage_flow.hpp"

#include "bounceback/util/text.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using bb::FlowNodeKind;
using bb::StageFlow;
using bb::test::contains;

namespace {

/// "Source [value] Target" for every link, as a person reads the flow.
std::vector<std::string> link_lines(const StageFlow& flow) {
    std::vector<std::string> out;
    for (const auto& link : flow.links) {
        out.push_back(flow.nodes[link.source].name + " [" + std::to_string(link.value) + "] " +
                      flow.nodes[link.target].name);
    }
    return out;
}

/// Every node but "Applied" gets exactly what flows into it, and every node that flows on sends
/// out exactly what it holds.
void check_conserved(const StageFlow& flow) {
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        int in = 0;
        for (const auto& l : flow.links_into(i)) {
            in += l.value;
        }
        int out = 0;
        for (const auto& l : flow.links_out_of(i)) {
            out += l.value;
        }
        if (i == 0) {
            CHECK(in == 0);
            CHECK(out == flow.total);
        } else {
            CHECK(in == flow.nodes[i].value);
        }
        if (out > 0) {
            CHECK(out == flow.nodes[i].value);
        }
    }
}

} // namespace

TEST_CASE("core::stage_flow") {
    SUBCASE("no rejection: no node") {
        const StageFlow flow = bb::stage_flow({}, 0);
        CHECK(flow.nodes.empty());
        CHECK(flow.links.empty());
        CHECK(flow.total == 0);
    }

    SUBCASE("one rejection at the application stage") {
        const StageFlow flow = bb::stage_flow({1, 0, 0, 0, 0, 0}, 0);
        CHECK(link_lines(flow) == std::vector<std::string>{"Applied [1] Ended at application"});
        CHECK(flow.columns == 2);
        check_conserved(flow);
    }

    SUBCASE("each stage holds those that reached it or a later one") {
        // application 7, screen 1, technical 3, onsite 1, final 1: 13 in all.
        const StageFlow flow = bb::stage_flow({7, 1, 3, 1, 1, 0}, 2);
        CHECK(flow.total == 15);
        CHECK(link_lines(flow) == std::vector<std::string>{
                                      "Applied [6] Screen",
                                      "Applied [7] Ended at application",
                                      "Applied [2] Stage not logged",
                                      "Screen [5] Technical",
                                      "Screen [1] Ended at screen",
                                      "Technical [2] Onsite",
                                      "Technical [3] Ended at technical",
                                      "Onsite [1] Final",
                                      "Onsite [1] Ended at onsite",
                                      "Final [1] Ended at final",
                                  });
        CHECK(flow.columns == 6);
        std::map<std::string, int> columns;
        for (const auto& node : flow.nodes) {
            columns[node.name] = node.column;
        }
        CHECK(columns["Applied"] == 0);
        CHECK(columns["Screen"] == 1);
        CHECK(columns["Ended at application"] == 1);
        CHECK(columns["Stage not logged"] == 1);
        CHECK(columns["Ended at final"] == 5);
        check_conserved(flow);
    }

    SUBCASE("a stage no one ended at is passed through, with no link of 0") {
        const StageFlow flow = bb::stage_flow({0, 0, 0, 0, 0, 2}, 0);
        CHECK(link_lines(flow) ==
              std::vector<std::string>{"Applied [2] Screen", "Screen [2] Technical",
                                       "Technical [2] Onsite", "Onsite [2] Final",
                                       "Final [2] Offer", "Offer [2] Ended at offer"});
        check_conserved(flow);
    }

    SUBCASE("only rejections with no stage logged") {
        const StageFlow flow = bb::stage_flow({}, 3);
        CHECK(link_lines(flow) == std::vector<std::string>{"Applied [3] Stage not logged"});
        CHECK(flow.nodes[1].kind == FlowNodeKind::unlogged);
        check_conserved(flow);
    }

    SUBCASE("a hundred thousand rejections") {
        const StageFlow flow = bb::stage_flow({33334, 16666, 16667, 16667, 16666, 0}, 0);
        CHECK(flow.total == 100000);
        check_conserved(flow);
    }
}

TEST_CASE("core::stage_flow_sankeymatic") {
    const StageFlow flow = bb::stage_flow({7, 5, 0, 0, 0, 0}, 0);
    const std::string text = bb::stage_flow_sankeymatic(flow, "12 applications\nfrom A to B");
    CHECK(text == "// 12 applications from A to B\n"
                  "Applied [5] Screen\n"
                  "Applied [7] Ended at application\n"
                  "Screen [5] Ended at screen\n"
                  "\n"
                  ":Applied #0072B2\n"
                  ":Screen #0072B2\n"
                  ":Ended at application #E69F00\n"
                  ":Ended at screen #E69F00\n");
    CHECK(bb::stage_flow_sankeymatic(bb::stage_flow({}, 0), "") == "");
}

TEST_CASE("core::stage_flow_mermaid") {
    const StageFlow flow = bb::stage_flow({7, 5, 0, 0, 0, 0}, 1);
    const std::string text = bb::stage_flow_mermaid(flow, "13 applications");
    CHECK(text == "```mermaid\n"
                  "%% 13 applications\n"
                  "sankey-beta\n"
                  "\n"
                  "Applied,Screen,5\n"
                  "Applied,Ended at application,7\n"
                  "Applied,Stage not logged,1\n"
                  "Screen,Ended at screen,5\n"
                  "```\n");
    // Node names never hold a comma or a quote, which sankey-beta would take as CSV.
    for (const auto& node : bb::stage_flow({1, 1, 1, 1, 1, 1}, 1).nodes) {
        CHECK_FALSE(contains(node.name, ","));
        CHECK_FALSE(contains(node.name, "\""));
    }
}
