"""End-to-end: `bounceback routine`, its check-ins, the week grid and the habits in config.toml."""

import datetime
import json
import os
import re
import tomllib
import unittest

from bbtest import BounceTestCase

D = datetime.date

ANSI = re.compile(r"\x1b\[[0-9;]*m")

DEFAULTS = {"connect", "exercise", "hobby", "mindfulness"}

SUBCOMMANDS = [
    ["routine"], ["routine", "done"], ["routine", "skip"], ["routine", "undo"], ["routine", "week"],
    ["routine", "habits"], ["routine", "habits", "add"], ["routine", "habits", "rm"],
]

# "Example:" or "Examples:" followed by at least one indented command line.
EXAMPLES = r"\bExamples?:\n[ \t]+(?:[A-Z_]+=\S+ )?bounceback\b"

MARKS = "●○· "


class RoutineCase(BounceTestCase):
    def rt(self, *args, **kwargs):
        return self.bb("routine", *args, **kwargs)

    def checkins(self, month="2026-11"):
        path = self.path("checkins", month + ".toml")
        if not path.exists():
            return []
        return self.read_toml("checkins", month + ".toml").get("checkin", [])

    def today_json(self, **kwargs):
        data = json.loads(self.ok("routine", "--json", **kwargs))
        return {h["habit"]: h for h in data["habits"]}, data

    def json(self, *args, **kwargs):
        return json.loads(self.ok(*args, **kwargs))

    def config(self):
        with open(self.path("config.toml"), "rb") as f:
            return tomllib.load(f)

    def write_config(self, text):
        return self.write_file(self.path("config.toml"), text)


class Help(RoutineCase):
    def test_every_routine_help_has_its_own_examples(self):
        for words in SUBCOMMANDS:
            for flag in ("--help", "-h"):
                with self.subTest(command=" ".join(words), flag=flag):
                    r = self.bb(*words, flag, home=False)
                    self.assertExit(r, 0)
                    self.assertIn("Usage", r.out)
                    match = re.search(EXAMPLES, r.out)
                    self.assertIsNotNone(match, "an Example section")
                    self.assertIn("bounceback " + " ".join(words), r.out[match.start():])
        self.assertIsNone(self.snapshot(), "help touches no files")

    def test_routine_is_listed_in_the_top_level_help(self):
        self.assertIn("routine", self.ok("--help", home=False))

    def test_mistyped_routine_subcommand(self):
        r = self.rt("dnoe", "exercise")
        self.assertExit(r, 64)
        self.assertIn("did you mean 'done'", r.err)


class Today(RoutineCase):
    def test_an_empty_home_shows_the_suggested_habits_and_writes_nothing(self):
        r = self.rt()
        self.assertExit(r, 0)
        for habit in DEFAULTS:
            self.assertIn(habit, r.out)
        self.assertIn("Wed 2026-11-25", r.out)
        self.assertIn("suggested", r.out)
        self.assertEqual(r.err, "")
        self.assertIsNone(self.snapshot(), "reading writes nothing")

    def test_today_shows_done_rest_and_open(self):
        self.ok("routine", "done", "exercise")
        self.ok("routine", "skip", "hobby")
        out = self.ok("routine")
        rows = {line.split()[0]: line for line in out.splitlines() if line.split()}
        self.assertIn("● done", rows["exercise"])
        self.assertIn("1/3", rows["exercise"])
        self.assertIn("○ rest day", rows["hobby"])
        self.assertIn("0/2, 1 rest", rows["hobby"])
        self.assertIn("· open", rows["connect"])
        # The columns line up: each row's cells start where the header's do.
        header = next(line for line in out.splitlines() if line.startswith("HABIT"))
        column = header.index("THIS WEEK")
        for habit in DEFAULTS:
            self.assertRegex(rows[habit][column:], r"^\d+/\d+", habit)

    def test_json(self):
        self.ok("routine", "done", "exercise", "--minutes", "30")
        habits, data = self.today_json()
        self.assertEqual(data["date"], "2026-11-25")
        self.assertEqual(data["week"], {"from": "2026-11-23", "to": "2026-11-29"})
        self.assertEqual(data["week_start"], "monday")
        self.assertEqual(set(habits), DEFAULTS)
        exercise = habits["exercise"]
        self.assertEqual(exercise["status"], "done")
        self.assertEqual(exercise["per_week"], 3)
        # A first week asks for the days left, rounded up: 3 × 5/7 (Wednesday to Sunday) is 3.
        self.assertEqual((exercise["done"], exercise["skipped"], exercise["target"]), (1, 0, 3))
        self.assertEqual(exercise["streak"], 0)
        self.assertEqual(exercise["streak_unit"], "weeks")
        self.assertEqual(exercise["strength"], 8)  # a quarter of the way to 1/3
        self.assertEqual(habits["connect"]["status"], "open")
        self.assertNotIn("strength", habits["connect"], "nothing to judge yet: left out")
        self.assertNotIn("\x1b", self.ok("--color", "always", "routine", "--json"))

    def test_streaks_and_strength_over_weeks(self):
        # exercise, 3 a week: three met weeks, then this week (Monday 23rd on) still running.
        for day in ("2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11",
                    "2026-11-13", "2026-11-16", "2026-11-18", "2026-11-22", "2026-11-23"):
            self.ok("routine", "done", "exercise", "--date", day)
        # hobby, 2 a week: met, then a week off (rest days only), then met.
        for day in ("2026-11-03", "2026-11-05", "2026-11-17", "2026-11-19"):
            self.ok("routine", "done", "hobby", "--date", day)
        for day in ("2026-11-10", "2026-11-12"):
            self.ok("routine", "skip", "hobby", "--date", day)
        habits, _ = self.today_json()
        self.assertEqual(habits["exercise"]["streak"], 3)
        self.assertEqual(habits["exercise"]["done"], 1)
        # 0.25, 0.4375, 0.578125; this week (1 of 3) would lower it, so it does not count yet.
        self.assertEqual(habits["exercise"]["strength"], 58)
        self.assertEqual(habits["hobby"]["streak"], 2, "a week off neither breaks nor adds")
        self.assertEqual(habits["hobby"]["strength"], 44)
        out = self.ok("routine")
        self.assertRegex(out, r"exercise .*3 weeks\s+58%")
        # Next Monday, last week's 1 of 3 is missed: the streak ends, the strength only dips.
        habits, _ = self.today_json(env={"BOUNCEBACK_TODAY": "2026-11-30"})
        self.assertEqual(habits["exercise"]["streak"], 0)
        self.assertEqual(habits["exercise"]["strength"], 52)

    def test_a_new_target_does_not_rewrite_the_past(self):
        # exercise, 3 a week: three met weeks, then this week (Monday 23rd on) running.
        for day in ("2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11",
                    "2026-11-13", "2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23"):
            self.ok("routine", "done", "exercise", "--date", day)
        before, _ = self.today_json()
        stats_before = self.json("stats", "--weeks", "4", "--json")
        self.assertEqual(before["exercise"]["streak"], 3)

        out = self.ok("routine", "habits", "add", "exercise", "--per-week", "4")
        self.assertIn("4 days a week, was 3", out)
        after, _ = self.today_json()
        self.assertEqual(after["exercise"]["streak"], before["exercise"]["streak"])
        self.assertEqual(after["exercise"]["strength"], before["exercise"]["strength"])
        self.assertEqual(after["exercise"]["target"], 4, "this week asks for the new target")
        stats_after = self.json("stats", "--weeks", "4", "--json")
        for week_before, week_after in zip(stats_before["weeks"][:-1], stats_after["weeks"][:-1]):
            self.assertEqual(week_after["routine"]["exercise"], week_before["routine"]["exercise"])
            self.assertEqual(week_after["routine"]["exercise"]["result"], "met")
        self.assertEqual(stats_after["weeks"][-1]["routine"]["exercise"]["target"], 4)
        self.assertEqual(stats_after["routine"]["exercise"]["streak"], 3)
        self.assertNotIn("protect-routine", [s["id"] for s in stats_after["signals"]])
        grid = self.json("routine", "week", "--weeks", "4", "--json")
        weeks = {h["habit"]: h["weeks"] for h in grid["habits"]}["exercise"]
        self.assertEqual([(w["target"], w["result"]) for w in weeks],
                         [(3, "met"), (3, "met"), (3, "met"), (4, "running")])
        # A week later the new target has a week of its own; the old weeks are as they were.
        later = self.json("stats", "--weeks", "5", "--json", env={"BOUNCEBACK_TODAY": "2026-12-02"})
        self.assertEqual([w["routine"]["exercise"]["target"] for w in later["weeks"]],
                         [3, 3, 3, 4, 4])

    def test_a_daily_habit_counts_days(self):
        self.ok("routine", "habits", "add", "stretch", "--per-week", "7")
        for day in ("2026-11-21", "2026-11-22", "2026-11-24"):
            self.ok("routine", "done", "stretch", "--date", day)
        self.ok("routine", "skip", "stretch", "--date", "2026-11-23")
        habits, _ = self.today_json()
        self.assertEqual((habits["stretch"]["streak"], habits["stretch"]["streak_unit"]), (3, "days"))
        self.assertRegex(self.ok("routine"), r"stretch .*3 days")

    def test_sunday_weeks(self):
        self.write_config('[week]\nstart = "sunday"\n')
        self.ok("routine", "done", "exercise", "--date", "2026-11-22")
        habits, data = self.today_json()
        self.assertEqual(data["week"], {"from": "2026-11-22", "to": "2026-11-28"})
        self.assertEqual(data["week_start"], "sunday")
        self.assertEqual(habits["exercise"]["done"], 1, "Sunday the 22nd is in this week")

    def test_a_broken_config_is_exit_78_with_its_position(self):
        self.write_config("[routine.habits.run]\nper_week = 9\n")
        for args in ((), ("week",), ("habits",), ("done", "run")):
            with self.subTest(args=args):
                r = self.rt(*args)
                self.assertExit(r, 78)
                self.assertRegex(r.err, r"config\.toml:2:\d+:")


class CheckIns(RoutineCase):
    def test_done_is_stored_as_a_checkin(self):
        r = self.rt("done", "exercise", "--minutes", "30", "--note", "Long walk\nin the rain")
        self.assertExit(r, 0)
        self.assertIn("exercise", r.out)
        self.assertIn("This week: 1 of 3 done", r.out)
        doc = self.read_toml("checkins", "2026-11.toml")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(doc["checkin"], [{"date": D(2026, 11, 25), "habit": "exercise",
                                           "status": "done", "minutes": 30,
                                           "note": "Long walk\nin the rain"}])
        self.assertEqual(self.mode(self.path("checkins", "2026-11.toml")), 0o600)
        self.assertNoLeftovers()

    def test_a_damaged_old_month_does_not_turn_a_saved_check_in_into_an_error(self):
        self.write_file(self.path("checkins", "2025-03.toml"),
                        'version = 1\n\n[[checkin]]\ndate = 2025-03-02\nhabit = "hobby"\nstatus = "maybe"\n')
        r = self.rt("done", "exercise")
        self.assertExit(r, 0)
        self.assertIn("doctor", r.out)
        self.assertEqual(self.read_toml("checkins", "2026-11.toml")["checkin"][0]["habit"], "exercise")

    def test_done_twice_says_so_and_changes_nothing(self):
        self.ok("routine", "done", "exercise", "--minutes", "30")
        before = self.snapshot()
        r = self.rt("done", "exercise", "--minutes", "45", "--note", "again")
        self.assertExit(r, 0)
        self.assertIn("already", r.out)
        self.assertEqual(self.snapshot(), before)

    def test_a_rest_day_then_done_keeps_the_rest_day_and_says_how_to_change_it(self):
        self.ok("routine", "skip", "exercise", "--note", "Sore knee")
        before = self.snapshot()
        r = self.rt("done", "exercise")
        self.assertExit(r, 0)
        self.assertIn("already a rest day", r.out)
        self.assertIn("bounceback routine undo exercise --date 2026-11-25", r.out)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.checkins(), [{"date": D(2026, 11, 25), "habit": "exercise",
                                            "status": "skip", "note": "Sore knee"}])

    def test_skip_may_be_planned_ahead_but_done_may_not(self):
        r = self.rt("skip", "exercise", "--date", "2026-12-24")
        self.assertExit(r, 0)
        self.assertEqual(self.checkins("2026-12"), [{"date": D(2026, 12, 24), "habit": "exercise",
                                                     "status": "skip"}])
        before = self.snapshot()
        r = self.rt("done", "exercise", "--date", "2026-11-26")
        self.assertExit(r, 64)
        self.assertIn("future", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_dates(self):
        self.ok("routine", "done", "connect", "--date", "yesterday")
        self.ok("routine", "done", "connect", "--date", "2026-11-20")
        self.ok("routine", "done", "connect", "--date", "last monday")
        self.assertEqual([c["date"] for c in self.checkins()],
                         [D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24)])
        r = self.rt("done", "connect", "--date", "2026-11-20")
        self.assertIn("That week", self.rt("done", "connect", "--date", "2026-11-19").out)
        self.assertIn("already", r.out)

    def test_the_year_end_week_spans_two_files(self):
        for day in ("2026-12-29", "2026-12-31", "2027-01-02"):
            self.ok("routine", "done", "exercise", "--date", day, env={"BOUNCEBACK_TODAY": "2027-01-03"})
        self.assertEqual(len(self.checkins("2026-12")), 2)
        self.assertEqual(len(self.checkins("2027-01")), 1)
        habits, data = self.today_json(env={"BOUNCEBACK_TODAY": "2027-01-03"})
        self.assertEqual(data["week"], {"from": "2026-12-28", "to": "2027-01-03"})
        self.assertEqual(habits["exercise"]["done"], 3)
        self.assertEqual(habits["exercise"]["streak"], 1)

    def test_a_leap_day(self):
        env = {"BOUNCEBACK_TODAY": "2024-03-01"}
        self.ok("routine", "done", "exercise", "--date", "2024-02-29", env=env)
        self.assertEqual(self.checkins("2024-02")[0]["date"], D(2024, 2, 29))
        grid = json.loads(self.ok("routine", "week", "--weeks", "1", "--json", env=env))
        days = grid["habits"][1]["weeks"][0]["days"]
        self.assertEqual([d["date"] for d in days][3], "2024-02-29")
        self.assertEqual(days[3]["status"], "done")

    def test_undo(self):
        self.ok("routine", "done", "exercise")
        self.ok("routine", "done", "hobby")
        r = self.rt("undo", "exercise")
        self.assertExit(r, 0)
        self.assertIn("Undone", r.out)
        self.assertEqual([c["habit"] for c in self.checkins()], ["hobby"])
        # Nothing left to undo: said, and not an error (undo is safe to repeat).
        before = self.snapshot()
        r = self.rt("undo", "exercise")
        self.assertExit(r, 0)
        self.assertIn("nothing to undo", r.out)
        self.assertEqual(self.snapshot(), before)

    def test_undo_with_a_date_and_on_an_empty_home(self):
        r = self.rt("undo", "exercise", "--date", "2026-11-01")
        self.assertExit(r, 0)
        self.assertIn("nothing to undo", r.out)
        self.assertIsNone(self.snapshot(), "nothing is created")
        self.ok("routine", "skip", "exercise", "--date", "yesterday")
        self.ok("routine", "undo", "exercise", "--date", "yesterday")
        self.assertEqual(self.checkins(), [])

    def test_unknown_habits_are_66_with_a_suggestion(self):
        for action in ("done", "skip", "undo"):
            with self.subTest(action=action):
                r = self.rt(action, "exercize")
                self.assertExit(r, 66)
                self.assertIn("did you mean 'exercise'?", r.err)
        r = self.rt("done", "gardening")
        self.assertExit(r, 66)
        self.assertIn("routine habits add gardening", r.err)
        self.assertIsNone(self.snapshot())

    def test_bad_values_are_64_and_write_nothing(self):
        for args in (("done", "exercise", "--minutes", "0"),
                     ("done", "exercise", "--minutes", "1441"),
                     ("done", "exercise", "--minutes", "half an hour"),
                     ("done", "exercise", "--date", "someday"),
                     ("done", "exercise", "--date", "2026-02-30"),
                     ("done", "exercise", "--note", "bell\x07"),
                     ("done", "two words"),
                     ("done", ""),
                     ("skip", "exercise", "--minutes", "5"),
                     ("undo", "exercise", "--date", "soon"),
                     ("done",)):
            with self.subTest(args=args):
                r = self.rt(*args)
                self.assertExit(r, 64)
                self.assertTrue(r.err.startswith("bounceback: error: "), r.err)
        self.assertIsNone(self.snapshot())

    def test_a_checkin_of_a_removed_habit_can_still_be_undone(self):
        self.ok("routine", "done", "hobby")
        self.ok("routine", "habits", "rm", "hobby", "--yes")
        r = self.rt("done", "hobby", "--date", "yesterday")
        self.assertExit(r, 66)
        r = self.rt("undo", "hobby")
        self.assertExit(r, 0)
        self.assertEqual(self.checkins(), [])


def grid_columns(out):
    """The day-letter line of a plain grid, the columns of its letters and the habit rows."""
    lines = out.splitlines()
    day_line = next(line for line in lines if re.match(r"^ +[MS] [TM] [WT] ", line))
    columns = [i for i, ch in enumerate(day_line) if ch in "MTWFS" and not day_line[i:].startswith("this")]
    columns = [c for c in columns if c < day_line.find("this week")] if "this week" in day_line else columns
    return day_line, columns, lines


class Week(RoutineCase):
    def populate(self):
        for day in ("2026-11-02", "2026-11-04", "2026-11-10", "2026-11-23", "2026-11-25"):
            self.ok("routine", "done", "exercise", "--date", day, "--minutes", "25")
        self.ok("routine", "skip", "exercise", "--date", "2026-11-24")
        self.ok("routine", "skip", "exercise", "--date", "2026-11-28")
        self.ok("routine", "done", "connect", "--date", "2026-11-08", "--note", "Dinner at Mum's")

    def check_alignment(self, out, habits):
        day_line, columns, lines = grid_columns(out)
        self.assertEqual(len(columns), 28, day_line)
        count_column = day_line.index("this week")
        rows = {line.split()[0]: line for line in lines
                if line.split() and line.split()[0] in habits}
        self.assertEqual(set(rows), set(habits))
        for habit, row in rows.items():
            with self.subTest(habit=habit):
                padded = row.ljust(count_column)
                marks = [padded[c] for c in columns]
                self.assertTrue(all(m in MARKS for m in marks), row)
                # Between the name and the count, nothing but marks and spaces.
                body = padded[len(habit):count_column]
                self.assertEqual(set(body) - set(MARKS), set(), row)
                self.assertRegex(padded[count_column:], r"^\d+/\d+", row)
        return rows, columns

    def test_grid_without_colour_is_aligned_and_readable_by_shape(self):
        self.populate()
        r = self.rt("week", env={"NO_COLOR": "1"})
        self.assertExit(r, 0)
        self.assertNotIn("\x1b", r.out)
        rows, columns = self.check_alignment(r.out, DEFAULTS)
        exercise = [rows["exercise"].ljust(200)[c] for c in columns]
        # Nov 2 to 29: done on the 2nd, 4th, 10th, 23rd and 25th, rest on the 24th and 28th.
        self.assertEqual("".join(exercise),
                         "●·●····" "·●·····" "·······" "●○●  ○ ")
        connect = [rows["connect"].ljust(200)[c] for c in columns]
        self.assertEqual(connect[6], "●")
        self.assertIn("2/3, 2 rest ✓", rows["exercise"])
        self.assertIn("Nov 2", r.out)
        self.assertIn("Nov 23", r.out)
        self.assertIn("● done", r.out, "a legend")
        for line in r.out.splitlines():
            self.assertEqual(line, line.rstrip(), "no trailing spaces")

    def test_grid_with_colour_always_has_the_same_layout(self):
        self.populate()
        plain = self.ok("routine", "week", env={"NO_COLOR": "1"})
        coloured = self.ok("--color", "always", "routine", "week", env={"NO_COLOR": "1"})
        self.assertIn("\x1b[", coloured)
        self.assertEqual(ANSI.sub("", coloured), plain)

    def test_grid_on_a_terminal_with_no_color(self):
        self.populate()
        code, output = self.bb_pty("routine", "week", env={"TERM": "xterm-256color", "NO_COLOR": "1"})
        self.assertEqual(code, 0, output)
        self.assertNotIn("\x1b[", output)
        self.check_alignment(output.replace("\r\n", "\n"), DEFAULTS)

    def test_wide_habit_names_still_align(self):
        self.ok("routine", "habits", "add", "散歩", "--per-week", "2")
        self.ok("routine", "done", "散歩")
        out = self.ok("routine", "week", env={"NO_COLOR": "1"})
        day_line, columns, lines = grid_columns(out)
        row = next(line for line in lines if line.startswith("散歩"))
        # Each wide character takes two columns: one string index less per character.
        width_fix = 2
        marks = [row[c - width_fix] if c - width_fix < len(row) else " " for c in columns]
        self.assertEqual(marks[21:24], ["·", "·", "●"])

    def test_weeks_option(self):
        out = self.ok("routine", "week", "--weeks", "1", env={"NO_COLOR": "1"})
        _, columns, _ = grid_columns(out)
        self.assertEqual(len(columns), 7)
        self.assertIn("2026-11-23 to 2026-11-29", out)
        out = self.ok("routine", "week", "--weeks", "6", env={"NO_COLOR": "1"})
        self.assertEqual(len(re.findall(r"^ +M T W T F S S", out, re.M)), 2, "bands of four weeks")
        self.assertIn("2026-10-19 to 2026-11-29", out)
        for bad in ("0", "53", "four", ""):
            with self.subTest(weeks=bad):
                r = self.rt("week", "--weeks", bad)
                self.assertExit(r, 64)
                self.assertIn("--weeks", r.err)

    def test_sunday_weeks(self):
        self.write_config('[week]\nstart = "sunday"\n')
        out = self.ok("routine", "week", "--weeks", "1", env={"NO_COLOR": "1"})
        self.assertRegex(out, r"(?m)^ +S M T W T F S")
        self.assertIn("2026-11-22 to 2026-11-28", out)

    def test_json(self):
        self.populate()
        data = json.loads(self.ok("routine", "week", "--json"))
        self.assertEqual((data["from"], data["to"], data["today"], data["week_start"]),
                         ("2026-11-02", "2026-11-29", "2026-11-25", "monday"))
        habits = {h["habit"]: h for h in data["habits"]}
        self.assertEqual(set(habits), DEFAULTS)
        exercise = habits["exercise"]
        self.assertEqual(exercise["per_week"], 3)
        self.assertEqual(len(exercise["weeks"]), 4)
        first, _, _, this = exercise["weeks"]
        self.assertEqual(first["from"], "2026-11-02")
        self.assertEqual(first["to"], "2026-11-08")
        self.assertEqual(first["days"][0], {"date": "2026-11-02", "status": "done", "minutes": 25})
        self.assertEqual(first["days"][1], {"date": "2026-11-03", "status": "open"})
        self.assertEqual((first["done"], first["target"], first["result"]), (2, 3, "missed"))
        self.assertEqual((this["done"], this["skipped"], this["result"]), (2, 2, "met"))
        self.assertEqual([d["status"] for d in this["days"]],
                         ["done", "skip", "done", "future", "future", "skip", "future"])
        self.assertEqual(habits["connect"]["weeks"][0]["days"][6]["note"], "Dinner at Mum's")
        self.assertEqual(habits["hobby"]["weeks"][0]["result"], "not_started")


class Habits(RoutineCase):
    def test_list_defaults(self):
        out = self.ok("routine", "habits")
        self.assertIn("Suggested", out)
        self.assertRegex(out, r"exercise +3 days a week")
        data = json.loads(self.ok("routine", "habits", "--json"))
        self.assertEqual(set(data), DEFAULTS)
        self.assertEqual(data["exercise"]["per_week"], 3)
        self.assertTrue(data["exercise"]["description"])
        self.assertIsNone(self.snapshot())

    def test_add_round_trip_keeps_the_defaults(self):
        r = self.rt("habits", "add", "reading", "--per-week", "3", "--description", "Twenty pages")
        self.assertExit(r, 0)
        self.assertIn("Added habit reading", r.out)
        self.assertIn("suggested habits", r.out)
        config = self.config()
        self.assertEqual(set(config["routine"]["habits"]), DEFAULTS | {"reading"})
        self.assertEqual(config["routine"]["habits"]["reading"],
                         {"per_week": 3, "description": "Twenty pages"})
        self.assertEqual(self.mode(self.path("config.toml")), 0o600)
        data = json.loads(self.ok("routine", "habits", "--json"))
        self.assertEqual(data["reading"], {"per_week": 3, "description": "Twenty pages"})
        self.assertNotIn("Suggested", self.ok("routine", "habits"))
        self.ok("routine", "done", "reading")
        self.assertNoLeftovers()

    def test_add_keeps_other_settings_and_notes_lost_comments(self):
        self.write_config('# my settings\n[me]\nname = "Jane Doe"  # me\n\n[week]\nstart = "sunday"\n')
        r = self.rt("habits", "add", "reading", "--per-week", "2")
        self.assertExit(r, 0)
        self.assertRegex(r.err, r"^bounceback: note: .*config\.toml had comments")
        self.assertEqual(len(r.err.splitlines()), 1)
        config = self.config()
        self.assertEqual(config["me"], {"name": "Jane Doe"})
        self.assertEqual(config["week"], {"start": "sunday"})
        self.assertIn("reading", config["routine"]["habits"])
        # No comments now, so no note the next time.
        r = self.rt("habits", "add", "reading", "--per-week", "4")
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        self.assertIn("was 2", r.out)

    def test_changing_a_habit(self):
        self.ok("routine", "habits", "add", "exercise", "--per-week", "4")
        self.assertEqual(self.config()["routine"]["habits"]["exercise"]["per_week"], 4)
        before = self.snapshot()
        r = self.rt("habits", "add", "exercise", "--per-week", "4")
        self.assertExit(r, 0)
        self.assertIn("nothing changed", r.out)
        self.assertEqual(self.snapshot(), before)
        self.ok("routine", "habits", "add", "exercise", "--description", "")
        # The weeks before this one (Monday 2026-11-23) keep the target they had.
        self.assertEqual(self.config()["routine"]["habits"]["exercise"],
                         {"per_week": 4, "earlier_targets": [
                             {"per_week": 3, "until": datetime.date(2026, 11, 22)}]})

    def test_add_errors(self):
        for args, named in ((("reading",), "--per-week"),
                            (("reading", "--per-week", "0"), "--per-week"),
                            (("reading", "--per-week", "8"), "--per-week"),
                            (("reading", "--per-week", "three"), "--per-week"),
                            (("two words", "--per-week", "2"), "NAME"),
                            (("reading", "--per-week", "2", "--description", "a\nb"),
                             "--description")):
            with self.subTest(args=args):
                r = self.rt("habits", "add", *args)
                self.assertExit(r, 64)
                self.assertIn(named, r.err)
        self.assertIsNone(self.snapshot(), "a refused change creates nothing")

    def test_rm_round_trip(self):
        r = self.rt("habits", "rm", "hobby", "--yes")
        self.assertExit(r, 0)
        self.assertIn("Removed habit hobby", r.out)
        self.assertEqual(set(self.config()["routine"]["habits"]), DEFAULTS - {"hobby"})
        self.assertNotIn("hobby", json.loads(self.ok("routine", "habits", "--json")))
        self.assertNotIn("hobby", self.ok("routine"))

    def test_rm_needs_confirmation(self):
        r = self.rt("habits", "rm", "hobby")
        self.assertExit(r, 64)
        self.assertIn("--yes", r.err)
        self.assertIsNone(self.snapshot())
        code, output = self.bb_pty("routine", "habits", "rm", "hobby", answer=b"n\n")
        self.assertEqual(code, 0, output)
        self.assertIn("?", output)
        self.assertFalse(self.path("config.toml").exists())
        code, output = self.bb_pty("routine", "habits", "rm", "hobby", answer=b"y\n")
        self.assertEqual(code, 0, output)
        self.assertNotIn("hobby", self.config()["routine"]["habits"])

    def test_rm_unknown_is_66_with_a_suggestion(self):
        r = self.rt("habits", "rm", "hoby", "--yes")
        self.assertExit(r, 66)
        self.assertIn("did you mean 'hobby'?", r.err)
        self.assertIsNone(self.snapshot())

    def test_rm_of_the_last_habit_is_refused(self):
        self.write_config("[routine.habits.run]\nper_week = 2\n")
        before = self.snapshot()
        r = self.rt("habits", "rm", "run", "--yes")
        self.assertExit(r, 64)
        self.assertIn("only habit", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_a_config_that_does_not_parse_is_never_rewritten(self):
        text = '# mine\n[me]\nname = "Jane\n'
        self.write_config(text)
        for args in (("add", "reading", "--per-week", "2"), ("rm", "hobby", "--yes")):
            with self.subTest(args=args):
                r = self.rt("habits", *args)
                self.assertExit(r, 78)
                self.assertRegex(r.err, r"config\.toml:3:\d+:")
                self.assertEqual(self.path("config.toml").read_text(), text)
        self.assertNoLeftovers()


if __name__ == "__main__":
    unittest.main(verbosity=2)
