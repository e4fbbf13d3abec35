"""End-to-end: rejections by source (`stats`, `stats --sources`, `log list --source`), the
reach-people signal, and the long-term goal (`init --goal`, `stats`, `report`, `reflect`).

The sample is test_stats.py's two months, whose rejections name sources in several spellings,
with a [sources] table and a goal in config.toml. JSON, CSV and TOML are read back with Python's
own json, csv and tomllib.
"""

import csv
import io
import json
import os
import tomllib
import unittest

from test_stats import CONFIG, StatsCase


class BySource(StatsCase):
    def setUp(self):
        super().setUp()
        self.build_sample()

    def test_text_block_in_the_week_report(self):
        out = self.ok("stats", "--color", "never")
        block = out.split("By source, these 8 weeks\n")[1].split("\n\n")[0].splitlines()
        self.assertRegex(block[0], r"^\s+rejections\s+got to an interview\s+typical wait$")
        # Grouped whatever the spelling: Job board, Job Board, job board and job-board are one;
        # "LinkedIn Jobs" is linkedin by the [sources] table, which names it by its key.
        self.assertRegex(block[1], r"^  Job board\s+4  1 of 4\s+about \d+ days$")
        self.assertRegex(block[2], r"^  linkedin\s+3  0 of 3\s+")
        self.assertRegex(block[3], r"^  referral \(personal\)\s+2  2 of 2\s+")
        self.assertIn("  former colleague (personal)", out)
        self.assertIn("  meetup (personal)", out)
        self.assertRegex(block[-2], r"^  no source logged\s+1\s*$")
        # Every channel has fewer than 5: no percentages, and the minimum is said.
        self.assertNotIn("%", "\n".join(block[:-1]))
        self.assertIn("Shares appear once a channel has 5 rejections", block[-1])

    def test_the_signal_cites_its_numbers(self):
        # The sample's mood is low: the text report shows that one step first (test_voice.py).
        out = self.ok("stats", "--color", "never", "--all-signals")
        signals = " ".join(out.split("Signals\n")[1].split())
        self.assertIn("6 of the 12 rejections in these 8 weeks that name a source came at the "
                      "application stage through Job board and linkedin, while referral, former "
                      "colleague and meetup got to an interview in 4 of 4.", signals)
        self.assertIn("a professional group, or a message to a former colleague", signals)
        self.assertIn("`bounceback routine done connect`", signals)

    def test_the_signal_is_quiet_on_a_few_weeks(self):
        ids = [s["id"] for s in self.stats_json("--weeks", "2")["signals"]]
        self.assertNotIn("reach-people", ids)

    def test_json_keys(self):
        data = self.stats_json()
        self.assertEqual(data["goal"], "A platform team where reliability is the product")
        self.assertEqual(data["no_source"], 1)
        self.assertEqual(data["source_min"], 5)
        by = {c["source"]: c for c in data["by_source"]}
        self.assertEqual(list(by), ["Job board", "linkedin", "referral", "company site",
                                    "former colleague", "meetup"])
        self.assertEqual(by["Job board"]["rejections"], 4)
        self.assertEqual(by["Job board"]["by_stage"]["application"], 3)
        self.assertEqual(by["Job board"]["by_stage"]["technical"], 1)
        self.assertEqual(by["Job board"]["interviewed"], 1)
        self.assertFalse(by["Job board"]["personal"])
        self.assertTrue(by["meetup"]["personal"])
        self.assertNotIn("interview_share", by["Job board"])  # too few for a share
        self.assertIsInstance(by["Job board"]["median_days_to_answer"], (int, float))
        self.assertEqual(sum(c["rejections"] for c in data["by_source"]) + data["no_source"],
                         data["total"]["rejections"]["total"])
        only = json.loads(self.ok("stats", "--sources", "--json"))
        self.assertEqual(set(only), {"range", "view", "week_start", "today", "by_source",
                                     "no_source", "source_min"})
        self.assertEqual(only["by_source"], data["by_source"])

    def test_shares_from_five(self):
        everything = {c["source"]: c for c in self.stats_json("--all")["by_source"]}
        # Acme in September makes five, and names the channel as it came first.
        board = everything["job board"]
        self.assertEqual(board["rejections"], 5)
        self.assertEqual(board["interview_share"], 0.2)
        out = self.ok("stats", "--all", "--sources", "--color", "never")
        self.assertRegex(out, r"job board\s+5  1 of 5 \(20%\)")

    def test_csv(self):
        rows = list(csv.DictReader(io.StringIO(self.ok("stats", "--sources", "--csv"),
                                               newline="")))
        self.assertEqual([r["source"] for r in rows][:3], ["Job board", "linkedin", "referral"])
        self.assertEqual(rows[0]["rejections"], "4")
        self.assertEqual(rows[0]["application"], "3")
        self.assertEqual(rows[0]["personal"], "no")
        self.assertEqual(rows[0]["interview_share"], "")
        self.assertEqual(rows[2]["personal"], "yes")
        self.assertEqual(rows[2]["interviewed"], "2")
        # The week CSV is as it was.
        self.assertTrue(self.ok("stats", "--csv").startswith("week,from,to,rejections,"))

    def test_log_list_by_source(self):
        out = self.ok("log", "list", "--source", "JOB BOARD", "--color", "never")
        for company in ("Acme", "Initech", "Cyberdyne", "Wonka Industries", "Vandelay Industries"):
            self.assertIn(company, out)
        self.assertNotIn("Tyrell", out)
        self.assertIn("From job board: 5 rejections; got to an interview in 1 of 5 (20%)", out)
        linked = [r["company"] for r in self.list_json("--source", "linkedin")]
        self.assertEqual(sorted(linked), ["Tyrell", "Umbrella", "Wayne Enterprises"])
        rows = self.list_csv("--source", "LinkedIn Jobs")
        self.assertEqual(len(rows), 3)
        out = self.ok("log", "list", "--source", "Meetup", "--color", "never")
        self.assertIn("From meetup (a personal channel): 1 rejection", out)
        self.assertIn("Shares appear from 5 rejections.", out)
        self.assertIn("No rejections match.", self.ok("log", "list", "--source", "newspaper"))
        r = self.bb("log", "list", "--source", " ")
        self.assertExit(r, 64)
        self.assertIn("--source", r.err)

    def test_completion_offers_the_sources(self):
        out = self.ok("__complete", "sources", "--", "")
        values = [line.split("\t")[0] for line in out.splitlines()]
        self.assertEqual(values[:3], ["job board", "linkedin", "Referral"])
        self.assertIn("5 rejections", out.splitlines()[0])
        self.assertIn("personal", out.splitlines()[2])
        self.assertEqual([line.split("\t")[0] for line in
                          self.ok("__complete", "sources", "--", "li").splitlines()], ["linkedin"])


class NoSources(StatsCase):
    def test_says_how_to_start(self):
        self.log("Acme", "--stage", "application")
        out = self.ok("stats", "--color", "never")
        self.assertIn("No sources logged in these 8 weeks.", out)
        self.assertIn("--source referral", out)
        data = self.stats_json()
        self.assertEqual(data["by_source"], [])
        self.assertEqual(data["no_source"], 1)
        self.assertNotIn("goal", data)
        self.assertNotIn("Your goal", out)

    def test_bad_sources_table_is_78_with_place(self):
        self.write_file(self.path("config.toml"),
                        '[sources]\nlinkedin = ["LinkedIn Jobs"]\nindeed = ["linkedin jobs"]\n')
        r = self.bb("stats")
        self.assertExit(r, 78)
        self.assertIn("config.toml:3:", r.err)
        self.assertIn("already a name of 'linkedin'", r.err)

    def test_network_thresholds_from_config(self):
        for i in range(3):
            self.log("Cold %d" % i, "--stage", "application", "--source", "job board")
        self.log("Warm", "--stage", "final", "--source", "referral")
        self.assertNotIn("reach-people", [s["id"] for s in self.stats_json()["signals"]])
        self.write_file(self.path("config.toml"),
                        "[signals]\nnetwork_min = 3\nnetwork_personal_min = 1\n")
        self.assertIn("reach-people", [s["id"] for s in self.stats_json()["signals"]])
        self.write_file(self.path("config.toml"), "[signals]\nnetwork_share = 2\n")
        r = self.bb("stats")
        self.assertExit(r, 78)
        self.assertIn("config.toml:2:", r.err)
        self.assertIn("network_share", r.err)


class Goal(StatsCase):
    def test_init_goal_keeps_the_rest_of_the_file(self):
        self.write_file(self.path("config.toml"), CONFIG.replace(
            'goal = "A platform team where reliability is the product"\n', ""))
        before = self.path("config.toml").read_text(encoding="utf-8")
        out = self.ok("init", "--goal", "Lead a small team")
        self.assertIn("Goal saved: Lead a small team", out)
        after = self.path("config.toml").read_text(encoding="utf-8")
        self.assertEqual(after, before.replace('[me]\n', '[me]\ngoal = "Lead a small team"\n', 1))
        with open(self.path("config.toml"), "rb") as f:
            self.assertEqual(tomllib.load(f)["me"]["goal"], "Lead a small team")
        out = self.ok("init", "--goal", 'Lead a "kind" team')
        self.assertIn("It was: Lead a small team", out)
        self.assertEqual(self.path("config.toml").read_text(encoding="utf-8"),
                         before.replace('[me]\n', '[me]\ngoal = "Lead a \\"kind\\" team"\n', 1))
        self.assertIn("unchanged", self.ok("init", "--goal", 'Lead a "kind" team'))
        self.assertNoLeftovers()

    def test_init_goal_refuses_bad_text_and_changes_nothing(self):
        self.ok("init", "--name", "Sam", "--email", "sam@example.com")
        before = self.path("config.toml").read_bytes()
        for bad in ("two\nlines", "x" * 301, "bell\x07", ""):
            with self.subTest(bad=bad[:10]):
                r = self.bb("init", "--goal", bad)
                self.assertExit(r, 64)
                self.assertIn("--goal", r.err)
                self.assertEqual(self.path("config.toml").read_bytes(), before)
        # With other options on an existing config, init still refuses.
        self.assertExit(self.bb("init", "--goal", "Grow", "--name", "Other"), 73)

    def test_init_goal_on_a_new_home_writes_the_starter(self):
        self.ok("init", "--goal", "Grow into design")
        with open(self.path("config.toml"), "rb") as f:
            doc = tomllib.load(f)
        self.assertEqual(doc["me"]["goal"], "Grow into design")
        self.assertIn("#", self.path("config.toml").read_text())

    def test_init_goal_fills_in_the_starter_example(self):
        self.ok("init", "--name", "Sam", "--email", "sam@example.com")
        before = self.path("config.toml").read_text(encoding="utf-8")
        example = next(l for l in before.splitlines() if l.startswith("# goal = "))
        self.ok("init", "--goal", "Grow into design")
        self.assertEqual(self.path("config.toml").read_text(encoding="utf-8"),
                         before.replace(example, 'goal = "Grow into design"'))

    def test_goal_shown_in_stats_report_and_reflect(self):
        self.write_file(self.path("config.toml"), '[me]\ngoal = "Work on tools <for> nurses"\n')
        rid = self.log("Acme", "--stage", "screen")
        out = self.ok("stats", "--color", "never")
        self.assertEqual(out.splitlines()[1], "Your goal: Work on tools <for> nurses")
        html = self.ok("report", "--output", "-")
        self.assertIn('<p class="goal">Your goal: Work on tools &lt;for&gt; nurses</p>', html)
        # mood, went well, improve, strengths, then the targeting question, which offers the goal.
        code, output = self.bb_pty("reflect", str(rid), answer=b"3\n\n\n\nYes, mostly\n\n\n",
                                   env={"NO_COLOR": "1"})
        self.assertEqual(code, 0, output)
        self.assertIn("Your goal: Work on tools <for> nurses. Is this role on the way to it?",
                      output)
        code, output = self.bb_pty("reflect", answer=b"3\n\n\n\n\n\n", env={"NO_COLOR": "1"})
        self.assertIn("Are the roles you apply for on the way to it?", output)
        # In the editor's template, a comment under the targeting question.
        keep = os.path.join(self.tmp, "template.txt")
        ed = self.write_script("ed", '#!/bin/sh\ncp "$1" %s\n: > "$1"\n' % keep)
        self.bb("reflect", str(rid), "--edit", env={"EDITOR": str(ed)})
        with open(keep, encoding="utf-8") as f:
            template = f.read()
        self.assertIn("\n# Your goal: Work on tools <for> nurses. Is this role on the way to it?\n"
                      "targeting = [", template)


if __name__ == "__main__":
    unittest.main(verbosity=2)
