"""End-to-end: `bounceback stats` on a realistic two-month sample built through the CLI.

The human report is compared with tests/e2e/golden/stats_week.txt (colour off). After a deliberate
change to the report, regenerate it with:
    BOUNCEBACK_UPDATE_GOLDEN=1 BOUNCEBACK_BIN=build/cmd/bounceback python3 tests/e2e/test_stats.py
and review the diff.
"""

import atexit
import csv
import datetime
import io
import json
import os
import pathlib
import re
import shutil
import tempfile
import unittest

from bbtest import TODAY, BounceTestCase

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden" / "stats_week.txt"

CONFIG = """\
[me]
name = "Alex Example"
email = "alex@example.com"
goal = "A platform team where reliability is the product"

[week]
start = "monday"

[routine.habits.exercise]
per_week = 3

[routine.habits.connect]
per_week = 2

[routine.habits.mindfulness]
per_week = 4

[feedback]
follow_up_days = 7

[sources]
# Two spellings of one site, and channels that came through people.
linkedin = ["LinkedIn Jobs"]
personal = ["meetup", "former colleague"]
"""

# (company, role, stage, date, applied, tag, feeling)
REJECTIONS = [
    ("Acme", "Backend Engineer", "application", "2026-09-29", "2026-09-10", "fintech", "3"),
    ("Globex", "Platform Engineer", "screen", "2026-10-01", "2026-09-15", "fintech", "2"),
    ("Initech", "Backend Engineer", "application", "2026-10-06", "2026-09-22", "fintech", None),
    ("Hooli", "Site Reliability Engineer", "technical", "2026-10-08", "2026-09-14", "cloud", "2"),
    ("Umbrella", "Data Engineer", "application", "2026-10-14", "2026-10-01", "health", None),
    ("Soylent", "Backend Engineer", "onsite", "2026-10-21", "2026-09-20", "fintech", "1"),
    ("Tyrell", "Platform Engineer", "application", "2026-10-23", None, "fintech", None),
    ("Cyberdyne", "Backend Engineer", "technical", "2026-10-28", "2026-10-05", "cloud", "2"),
    ("Wonka Industries", "Backend Engineer", "application", "2026-11-03", "2026-10-20", "fintech", None),
    ("Stark Industries", "Site Reliability Engineer", "final", "2026-11-05", "2026-10-01", "cloud", "1"),
    ("Wayne Enterprises", "Backend Engineer", "application", "2026-11-10", "2026-10-27", "fintech", None),
    ("Zürich Software AG", "Backend Engineer", "screen", "2026-11-17", "2026-11-02", "fintech", "2"),
    ("Oscorp", "Data Engineer", "application", "2026-11-19", None, None, None),
    ("Massive Dynamic", "Platform Engineer", "technical", "2026-11-23", "2026-10-30", "cloud", "2"),
    ("Vandelay Industries", "Backend Engineer", "application", "2026-11-24", "2026-11-09", "fintech", "2"),
]

# Where each job came from (`--source`), spelled as people do; Oscorp has none.
SOURCES = {
    "Acme": "job board", "Globex": "Referral", "Initech": "Job board", "Hooli": "referral",
    "Umbrella": "LinkedIn Jobs", "Soylent": "company site", "Tyrell": "linkedin",
    "Cyberdyne": "Job Board", "Wonka Industries": "job board", "Stark Industries": "Referral",
    "Wayne Enterprises": "LinkedIn", "Zürich Software AG": "meetup",
    "Massive Dynamic": "former colleague", "Vandelay Industries": "job-board",
}

# (rejection ID, requested, received, text, areas)
FEEDBACK = [
    (4, "2026-10-09", "2026-10-16", "Strong on systems, less depth on Kubernetes", ["technical"]),
    (6, "2026-10-22", "2026-10-30", "Good conversation; the system design answers were thin",
     ["technical", "communication"]),
    (8, "2026-10-29", "2026-11-23", "Wanted more production Kubernetes experience", ["experience"]),
    (10, "2026-11-06", None, None, []),
    (12, "2026-11-18", None, None, []),
    (14, "2026-11-24", None, None, []),
]

WINS = [
    ("2026-10-02", "Rewrote my resume summary"),
    ("2026-10-15", "Mock interview with Sam went well"),
    ("2026-11-04", "Finished the system design course"),
    ("2026-11-24", "Got a first interview at Initrode"),
    ("2026-11-25", "Ran 5 km without stopping"),
]

# (date, rejection ID or None, mood, went well, improve, strength)
REFLECTIONS = [
    ("2026-10-10", 4, "3", "clear communication", "kubernetes depth", "debugging"),
    ("2026-10-23", 6, "2", "clear communication", "system design practice", None),
    ("2026-11-07", None, "2", None, "system design under time pressure", "calm under pressure"),
    ("2026-11-18", None, "2", None, "system design", None),
    ("2026-11-24", 14, "2", "rapport with the interviewer", "kubernetes depth", "debugging"),
]


def checkin_days():
    """(habit, date) for the routine: exercise slips in W46 and W47, connect never misses."""
    out = []
    monday = datetime.date(2026, 9, 28)
    while monday <= datetime.date.fromisoformat(TODAY):
        week = monday.isocalendar()[1]
        def on(offsets):
            return [monday + datetime.timedelta(days=o) for o in offsets
                    if monday + datetime.timedelta(days=o) <= datetime.date.fromisoformat(TODAY)]
        exercise = {46: [1], 47: [], 48: [2]}.get(week, [0, 2, 4])
        connect = [2, 5] if week != 48 else [1]
        mindfulness = [0, 1, 3, 5] if week >= 44 else [0, 3]
        out += [("exercise", d) for d in on(exercise)]
        out += [("connect", d) for d in on(connect)]
        out += [("mindfulness", d) for d in on(mindfulness)]
        monday += datetime.timedelta(days=7)
    return out


class StatsCase(BounceTestCase):
    def at(self, date, *args):
        """Runs bounceback on `date` (BOUNCEBACK_TODAY), asserting exit 0; returns stdout."""
        return self.ok(*args, env={"BOUNCEBACK_TODAY": date})

    built = None  # a folder holding the sample home: logged once per test process, then copied

    def build_sample(self):
        """Two months of a job search, logged day by day through the CLI (once; copied after)."""
        if StatsCase.built is not None:
            shutil.copytree(os.path.join(StatsCase.built, "home"), self.home, symlinks=True)
            return
        self.log_sample()
        StatsCase.built = tempfile.mkdtemp(prefix="bb-e2e-stats-sample-")
        atexit.register(shutil.rmtree, StatsCase.built, True)
        shutil.copytree(self.home, os.path.join(StatsCase.built, "home"), symlinks=True)

    def log_sample(self):
        self.write_file(self.path("config.toml"), CONFIG)
        for company, role, stage, date, applied, tag, feeling in REJECTIONS:
            args = [company, "--role", role, "--stage", stage, "--date", date]
            if applied:
                args += ["--applied", applied]
            if tag:
                args += ["--tag", tag]
            if feeling:
                args += ["--feeling", feeling]
            if company in SOURCES:
                args += ["--source", SOURCES[company]]
            self.at(date, "log", *args, "--porcelain")
        for rid, requested, received, text, areas in FEEDBACK:
            self.at(requested, "feedback-email", str(rid), "--mark-sent")
            if received:
                area_args = [a for area in areas for a in ("--area", area)]
                self.at(received, "log", "feedback", str(rid), text, *area_args, "--date", received)
        for date, text in WINS:
            self.at(date, "log", "win", text, "--date", date)
        for date, rid, mood, went_well, improve, strength in REFLECTIONS:
            args = ["reflect"] + ([str(rid)] if rid else []) + ["--mood", mood, "--date", date]
            if went_well:
                args += ["--went-well", went_well]
            if improve:
                args += ["--improve", improve]
            if strength:
                args += ["--strength", strength]
            self.at(date, *args)
        for habit, day in checkin_days():
            self.at(day.isoformat(), "routine", "done", habit, "--date", day.isoformat())

    def stats_json(self, *args, **kwargs):
        return json.loads(self.ok("stats", "--json", *args, **kwargs))


class Report(StatsCase):
    def setUp(self):
        super().setUp()
        self.build_sample()

    def test_golden_week_report(self):
        out = self.ok("stats", "--color", "never")
        self.assertNotIn("\x1b[", out)
        if os.environ.get("BOUNCEBACK_UPDATE_GOLDEN"):
            GOLDEN.parent.mkdir(exist_ok=True)
            GOLDEN.write_text(out, encoding="utf-8")
        self.assertEqual(out, GOLDEN.read_text(encoding="utf-8"))

    def test_wins_come_first_after_the_headline(self):
        out = self.ok("stats", "--color", "never")
        headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
        self.assertTrue(headings[0].startswith("Week 2026-W48"), headings)
        self.assertEqual(headings[1],
                         "Your goal: A platform team where reliability is the product", headings)
        self.assertEqual(headings[3], "Small wins", headings)
        self.assertEqual(headings[4:], ["Rejections by stage", "By source, these 8 weeks",
                                        "Feedback",
                                        "Days from application to answer", "Reflections",
                                        "Routine", "Trend, 8 weeks", "Signals"])
        self.assertIn("Got a first interview at Initrode", out)
        self.assertIn("Ran 5 km without stopping", out)

    def test_colour_only_when_asked(self):
        coloured = self.ok("stats", "--color", "always")
        self.assertIn("\x1b[", coloured)
        self.assertEqual(re.sub(r"\x1b\[[0-9;]*m", "", coloured),
                         self.ok("stats", "--color", "never"))
        self.assertNotIn("\x1b[", self.ok("stats"))  # a pipe is not a terminal

    def test_trend_bars_line_up(self):
        out = self.ok("stats", "--color", "never")
        trend = out.split("Trend, 8 weeks\n")[1].split("\n\n")[0].splitlines()
        self.assertEqual(len(trend), 9)
        rows = trend[1:]
        # The bar starts in the same column on every row that has one.
        starts = {line.index("█") for line in rows if "█" in line}
        self.assertEqual(len(starts), 1, trend)
        self.assertTrue(rows[-1].rstrip().endswith("< this week"), rows[-1])
        self.assertRegex(rows[0], r"^\s+2026-W41\s+2 ██\s+0$")

    def test_json_contract(self):
        data = self.stats_json()
        self.assertEqual(data["range"], {"from": "2026-10-05", "to": "2026-11-29"})
        self.assertEqual(data["view"], "week")
        self.assertEqual([w["week"] for w in data["weeks"]],
                         ["2026-W%02d" % n for n in range(41, 49)])
        w48 = data["weeks"][-1]
        self.assertEqual(w48["rejections"]["total"], 2)
        self.assertEqual(w48["rejections"]["by_stage"],
                         {"application": 1, "screen": 0, "technical": 1, "onsite": 0, "final": 0,
                          "offer": 0, "unknown": 0})
        self.assertEqual(w48["rejections"]["change"], 0)
        self.assertEqual(w48["feedback"]["requested"], 1)
        self.assertEqual(w48["feedback"]["received"], 1)
        self.assertEqual(w48["wins"], 2)
        self.assertEqual([w["text"] for w in w48["win_list"]],
                         ["Got a first interview at Initrode", "Ran 5 km without stopping"])
        self.assertEqual(w48["reflections"], 1)
        self.assertEqual(w48["routine"]["exercise"]["done"], 1)
        self.assertEqual(w48["routine"]["exercise"]["target"], 3)
        self.assertEqual(w48["routine"]["connect"], {"done": 1, "skipped": 0, "target": 2,
                                                     "result": "running"})
        w47 = data["weeks"][-2]
        self.assertEqual(w47["routine"]["exercise"]["result"], "missed")
        self.assertEqual(data["routine"]["connect"]["streak"], 8)
        self.assertEqual(data["routine"]["connect"]["streak_unit"], "weeks")
        self.assertEqual([f["id"] for f in data["follow_ups_due"]], [10, 12])
        self.assertEqual(data["themes"]["improve"][0], {"text": "system design", "count": 3})
        ids = [s["id"] for s in data["signals"]]
        self.assertEqual(ids, ["take-a-break", "tailor-applications", "practise-interviews",
                               "widen-search", "reach-people", "protect-routine"])
        for s in data["signals"]:
            self.assertEqual(set(s), {"id", "message"})
            self.assertRegex(s["message"], r"\d")
        self.assertIn("technical (2)", data["signals"][2]["message"])
        self.assertIn("exercise (1, then 0, of 3 a week)", data["signals"][5]["message"])
        self.assertIn("about 2 out of 5, last week and this week", data["signals"][0]["message"])

    def test_csv_one_row_per_week(self):
        rows = list(csv.DictReader(io.StringIO(self.ok("stats", "--csv"), newline="")))
        self.assertEqual([r["week"] for r in rows], ["2026-W%02d" % n for n in range(41, 49)])
        self.assertEqual(rows[-1]["rejections"], "2")
        self.assertEqual(rows[-1]["application"], "1")
        self.assertEqual(rows[-1]["wins"], "2")
        self.assertEqual(rows[-1]["routine_exercise_done"], "1")
        self.assertEqual(rows[-1]["routine_exercise_target"], "3")
        self.assertEqual(rows[0]["mood"], "2.5")  # a feeling of 2, a reflection at 3
        self.assertEqual(sum(int(r["rejections"]) for r in rows), 13)

    def test_another_week_and_more_weeks(self):
        data = self.stats_json("--week", "2026-W45", "--weeks", "2")
        self.assertEqual(data["range"], {"from": "2026-10-26", "to": "2026-11-08"})
        self.assertEqual([w["week"] for w in data["weeks"]], ["2026-W44", "2026-W45"])
        self.assertEqual(data["weeks"][1]["rejections"]["total"], 2)
        same = self.stats_json("--week", "2026-11-05", "--weeks", "2")
        self.assertEqual(same["weeks"], data["weeks"])
        self.assertEqual(len(self.stats_json("--weeks", "12")["weeks"]), 12)
        out = self.ok("stats", "--week", "2026-W45", "--color", "never")
        self.assertIn("that week", out)

    def test_range_and_all(self):
        data = self.stats_json("--since", "2026-10-01", "--until", "2026-10-31")
        self.assertEqual(data["view"], "range")
        self.assertEqual(data["range"], {"from": "2026-10-01", "to": "2026-10-31"})
        self.assertEqual(data["weeks"][0]["week"], "2026-W40")
        self.assertEqual(data["weeks"][0]["from"], "2026-10-01")
        self.assertEqual(data["weeks"][-1]["week"], "2026-W44")
        self.assertEqual(data["total"]["rejections"]["total"], 7)
        everything = self.stats_json("--all")
        self.assertEqual(everything["range"], {"from": "2026-09-28", "to": TODAY})
        self.assertEqual(everything["total"]["rejections"]["total"], len(REJECTIONS))
        self.assertEqual(everything["total"]["wins"], len(WINS))
        out = self.ok("stats", "--all", "--weeks", "3", "--color", "never")
        self.assertIn("Trend, last 3 of 9 weeks", out)
        self.assertIn("weeks met", out)

    def test_thresholds_come_from_config(self):
        with open(self.path("config.toml"), "a", encoding="utf-8") as f:
            f.write("\n[signals]\ninterview_min = 10\nfeedback_share = 0.9\n")
        ids = [s["id"] for s in self.stats_json()["signals"]]
        self.assertNotIn("practise-interviews", ids)
        self.assertIn("ask-for-feedback", ids)

    def test_only_the_partitions_of_the_range_are_read(self):
        # A broken file from years ago does not stop this week's report; --all needs it.
        self.write_file(self.path("rejections", "2019-03.toml"), "version = 1\n[[rejection]\n")
        self.ok("stats")
        self.ok("stats", "--week", "2026-W45")
        r = self.bb("stats", "--all")
        self.assertExit(r, 65)
        self.assertIn("2019-03.toml", r.err)


class Empty(StatsCase):
    def test_empty_home(self):
        out = self.ok("stats", "--color", "never")
        self.assertIn("Week 2026-W48, 2026-11-23 to 2026-11-29", out)
        self.assertIn("Nothing logged in these 8 weeks.", out)
        self.assertIn("bounceback log win", out)
        data = self.stats_json()
        self.assertEqual(len(data["weeks"]), 8)
        self.assertEqual(data["signals"], [])
        self.assertEqual(self.ok("stats", "--csv").count("\r\n"), 9)

    def test_only_wins_says_so_kindly(self):
        self.ok("log", "win", "Updated my portfolio")
        out = self.ok("stats", "--color", "never")
        self.assertIn("This week: 1 win logged; no reflections yet.", out)
        self.assertIn("Updated my portfolio", out)

    def test_a_habit_not_started_shows_no_target(self):
        self.ok("routine", "done", "exercise")
        out = self.ok("stats", "--color", "never")
        self.assertNotIn("0 of 0", out)
        self.assertRegex(out, r"hobby +- +not started")

    def test_rest_days_shown_as_routine_shows_them(self):
        self.ok("routine", "done", "exercise", "--date", "2026-11-23")
        self.ok("routine", "skip", "exercise", "--date", "2026-11-24")
        self.assertRegex(self.ok("stats", "--color", "never"), r"exercise +1 of 3, 1 rest ")
        data = self.stats_json("--weeks", "1")
        self.assertEqual(data["weeks"][0]["routine"]["exercise"]["skipped"], 1)
        self.assertEqual(data["routine"]["exercise"]["skipped"], 1)

    def test_sunday_week_start(self):
        self.write_file(self.path("config.toml"), '[week]\nstart = "sunday"\n')
        self.log("Acme", "--date", "2026-11-22")  # a Sunday: first day of the week
        self.log("Globex", "--date", "2026-11-21")  # a Saturday: the week before
        data = self.stats_json("--weeks", "2")
        self.assertEqual(data["week_start"], "sunday")
        self.assertEqual([(w["week"], w["from"], w["to"]) for w in data["weeks"]],
                         [("2026-W47", "2026-11-15", "2026-11-21"),
                          ("2026-W48", "2026-11-22", "2026-11-28")])
        self.assertEqual([w["rejections"]["total"] for w in data["weeks"]], [1, 1])

    def test_across_the_year_end(self):
        later = {"BOUNCEBACK_TODAY": "2027-01-06"}
        self.log("Acme", "--date", "2027-01-01", env=later)
        self.log("Globex", "--date", "2027-01-05", env=later)
        data = self.stats_json("--week", "2027-W01", "--weeks", "2",
                               env={"BOUNCEBACK_TODAY": "2027-01-06"})
        self.assertEqual([w["week"] for w in data["weeks"]], ["2026-W53", "2027-W01"])
        self.assertEqual([w["rejections"]["total"] for w in data["weeks"]], [1, 1])


class Errors(StatsCase):
    def assertUsage(self, *args, message):
        r = self.bb("stats", *args)
        self.assertExit(r, 64)
        self.assertIn(message, r.err)
        self.assertTrue(r.err.startswith("bounceback: error: "), r.err)
        self.assertEqual(r.out, "")

    def test_bad_weeks_and_dates(self):
        self.assertUsage("--week", "2027-W53", message="2027 has weeks W01 to W52")
        self.assertUsage("--week", "2026-W1", message="expected YYYY-Www")
        self.assertUsage("--week", "soon", message="--week: 'soon' is not a week or a date")
        self.assertUsage("--since", "2026-02-30", message="--since: '2026-02-30' is not a date")
        self.assertUsage("--since", "2026-11-01", "--until", "2026-10-01",
                         message="is after --until")
        self.assertUsage("--since", "2027-01-01", message="is after today")
        self.assertUsage("--weeks", "0", message="--weeks: '0' must be a whole number")
        self.assertUsage("--weeks", "many", message="--weeks: 'many'")

    def test_conflicting_options(self):
        self.assertUsage("--week", "2026-W47", "--since", "2026-11-01", message="--week shows one week")
        self.assertUsage("--all", "--until", "2026-11-01", message="--all shows everything")
        self.assertUsage("--json", "--csv", message="choose one output format")

    def test_config_errors_are_78(self):
        self.write_file(self.path("config.toml"), "[signals]\ninterview_mni = 2\n")
        r = self.bb("stats")
        self.assertExit(r, 78)
        self.assertIn("config.toml", r.err)
        self.assertIn("did you mean 'interview_min'", r.err)
        self.write_file(self.path("config.toml"), "[signals]\ntag_share = 3\n")
        r = self.bb("stats")
        self.assertExit(r, 78)
        self.assertIn("tag_share", r.err)
        self.write_file(self.path("config.toml"), "[week\n")
        self.assertExit(self.bb("stats"), 78)

    def test_help_has_examples(self):
        r = self.bb("stats", "--help", home=False)
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\bExamples:\n  bounceback stats\n")
        for option in ("--week", "--since", "--until", "--all", "--weeks", "--json", "--csv"):
            self.assertIn(option, r.out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
