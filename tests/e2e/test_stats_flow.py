"""End-to-end: `stats --sankey` (SankeyMATIC text) and `stats --mermaid` (a Mermaid sankey-beta
block) print how far applications went, and agree with `stats --json` over the same weeks."""

import csv
import io
import re
import unittest

from test_stats import StatsCase

LINK = re.compile(r"^(?P<source>[^\[\]:]+?) \[(?P<value>\d+)\] (?P<target>[^\[\]]+)$")
COLOUR = re.compile(r"^:(?P<node>.+) (?P<colour>#[0-9A-F]{6})$")
STAGES = ["application", "screen", "technical", "onsite", "final", "offer"]


def node_name(stage):
    return "Applied" if stage == "application" else stage.capitalize()


def expected_links(counts):
    """The flow bounceback-stats(1) describes, from `stats --json`'s `by_stage` counts."""
    by_stage = dict(counts)
    unknown = by_stage.pop("unknown")
    links = []
    reached = [sum(by_stage[s] for s in STAGES[i:]) for i in range(len(STAGES))]
    for i, stage in enumerate(STAGES):
        if reached[i] == 0:
            break
        if i + 1 < len(STAGES) and reached[i + 1]:
            links.append((node_name(stage), reached[i + 1], node_name(STAGES[i + 1])))
        if by_stage[stage]:
            links.append((node_name(stage), by_stage[stage], f"Ended at {stage}"))
        if i == 0 and unknown:
            links.append(("Applied", unknown, "Stage not logged"))
    if reached[0] == 0 and unknown:
        links.append(("Applied", unknown, "Stage not logged"))
    return links


class Flow(StatsCase):
    def setUp(self):
        super().setUp()
        self.build_sample()
        self.log("Nostage Inc", "--date", "2026-11-20")

    def sankey(self, *args):
        out = self.ok("stats", "--sankey", *args)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("// bounceback stats: "), lines[0])
        blank = lines.index("")
        links = []
        for line in lines[1:blank]:
            match = LINK.match(line)
            self.assertIsNotNone(match, f"not a SankeyMATIC flow line: {line!r}")
            links.append((match["source"], int(match["value"]), match["target"]))
        colours = {}
        for line in lines[blank + 1:]:
            match = COLOUR.match(line)
            self.assertIsNotNone(match, f"not a SankeyMATIC node colour: {line!r}")
            colours[match["node"]] = match["colour"]
        return links, colours

    def test_sankeymatic_matches_the_figures(self):
        for args in ((), ("--all",), ("--since", "2026-10-01", "--until", "2026-10-31")):
            with self.subTest(args=args):
                links, colours = self.sankey(*args)
                total = self.stats_json(*args)["total"]["rejections"]
                self.assertEqual(links, expected_links(total["by_stage"]))
                applied = sum(v for s, v, _ in links if s == "Applied")
                self.assertEqual(applied, total["total"])
                nodes = {s for s, _, _ in links} | {t for _, _, t in links}
                self.assertEqual(set(colours), nodes)
                self.assertTrue(all(colours[n] == "#E69F00" for n in nodes if n.startswith("Ended")))

    def test_sample_flow(self):
        links, _ = self.sankey("--all")
        self.assertEqual(links[:4], [("Applied", 7, "Screen"),
                                     ("Applied", 8, "Ended at application"),
                                     ("Applied", 1, "Stage not logged"),
                                     ("Screen", 5, "Technical")])
        out = self.ok("stats", "--sankey", "--all")
        self.assertIn("// bounceback stats: 16 applications from 2026-09-28 to 2026-11-25, by "
                      "the furthest stage reached\n", out)

    def test_mermaid_block(self):
        out = self.ok("stats", "--mermaid", "--all")
        lines = out.splitlines()
        self.assertEqual(lines[0], "```mermaid")
        self.assertTrue(lines[1].startswith("%% bounceback stats: "))
        self.assertEqual(lines[2:4], ["sankey-beta", ""])
        self.assertEqual(lines[-1], "```")
        rows = list(csv.reader(io.StringIO("\n".join(lines[4:-1]))))
        total = self.stats_json("--all")["total"]["rejections"]
        self.assertEqual([(s, int(v), t) for s, t, v in rows],
                         expected_links(total["by_stage"]))

    def test_no_rejection_no_flow(self):
        out = self.ok("stats", "--sankey", "--since", "2026-09-01", "--until", "2026-09-10")
        self.assertEqual(out, "// bounceback stats: 0 applications from 2026-09-01 to "
                              "2026-09-10, by the furthest stage reached\n")
        out = self.ok("stats", "--mermaid", "--since", "2026-09-01", "--until", "2026-09-10")
        self.assertTrue(out.endswith("sankey-beta\n\n```\n"), out)

    def test_one_output_format(self):
        for pair in (("--sankey", "--json"), ("--mermaid", "--csv"), ("--sankey", "--mermaid")):
            with self.subTest(pair=pair):
                result = self.bb("stats", *pair)
                self.assertExit(result, 64)
                self.assertIn("choose one output format: --json, --csv, --sankey or --mermaid",
                              result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
