"""Reliability: SIGKILL at any moment of a write loses nothing that was confirmed.

A supervisor starts `log`, `log edit`, `log edit --date` into another month (a move) and
`routine done` one after another and SIGKILLs each at a random moment of its run (the delay is
drawn up to a little more than the measured run time, so kills land before the lock, under it,
between the temp file and the rename, and after). Every few dozen kills and at the end:

- every file parses (tomllib) and no rejection ID is held twice, in the month files or in what
  bounceback reads (`log list --json`, which applies a move that was cut short);
- every `log` that exited 0 is there exactly once, a killed one at most once;
- every `log edit` that exited 0 holds (or a later, killed edit of the same entry does);
- every move that exited 0 holds, and a killed one left the entry in its old month or its new
  one, never in both (bounceback(5): the move is written down first and finished by the next
  writer);
- every `routine done` that exited 0 is there exactly once;
- the command after a killed one never waits for a lock: the kernel freed it.

The homes live on the usual temp folder (a real disk): fsync makes the write the longest part of
a run, so most kills land while the lock is held. At the end `bounceback doctor --fix` removes
the temp files the kills left (plain `doctor` changes nothing), then `doctor` reports no problem,
and every file is 0600, every folder 0700.

    fast (CI):  300 kills
    long:       10,000 kills      (BB_RELIABILITY=long or scripts/reliability --long)
"""

import datetime
import json
import os
import random
import signal
import statistics
import subprocess
import time
import tomllib
import unittest

from reltest import (LONG, BounceTestCase, modes, parse_all, pick, records, report,
                     temp_files)

MOVE_FILE = ".move.toml"

KILLS = pick(300, 10_000, sanitized=100)
CHECK_EVERY = pick(50, 500)
SEED = int(os.environ.get("BB_RELIABILITY_SEED", "0")) or random.randrange(1, 2**31)

MONTHS = ("2026-09", "2026-10", "2026-11")  # days up to the 25th: BOUNCEBACK_TODAY is 2026-11-25


class KillDuringWrite(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.rng = random.Random(SEED)
        self.confirmed_logs = set()  # companies whose `log` exited 0
        self.killed_logs = set()
        self.known_ids = []  # IDs known to exist (seeded or confirmed)
        self.notes = {}  # id -> set of notes it may hold now
        self.dates = {}  # id -> set of dates it may hold now
        self.confirmed_checkins = set()
        self.counter = 0
        self.killed = {"log": 0, "edit": 0, "move": 0, "done": 0}
        self.completed = {"log": 0, "edit": 0, "move": 0, "done": 0}
        self.cut_short = 0  # moves found pending (written down, not finished) after a kill
        self.duplicates = 0
        self.longest_completed = 0.0

    def argv_for(self, op):
        self.counter += 1
        n = self.counter
        if op == "log":
            month = self.rng.choice(MONTHS)
            company = "K%d" % n
            date = "%s-%02d" % (month, self.rng.randint(1, 25))
            return company, ["log", company, "--date", date, "--note", "first", "--porcelain"]
        if op == "edit":
            entry = self.rng.choice(self.known_ids)
            note = "E%d" % n
            return (entry, note), ["log", "edit", str(entry), "--note", note]
        if op == "move":
            entry = self.rng.choice(self.known_ids)
            now = sorted(self.dates[entry])[-1][:7]
            month = self.rng.choice([m for m in MONTHS if m != now])
            date = "%s-%02d" % (month, self.rng.randint(1, 25))
            return (entry, date), ["log", "edit", str(entry), "--date", date]
        # Not after BOUNCEBACK_TODAY (2026-11-25): done is for today or the past. Three years of
        # days, so even the long profile seldom repeats one (a repeat writes nothing).
        first = datetime.date(2024, 1, 1)
        date = (first + datetime.timedelta(days=self.rng.randint(0, 1059))).isoformat()
        return date, ["routine", "done", "exercise", "--date", date]

    def start(self, args):
        return subprocess.Popen(self.argv(args), env=self.make_env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)

    def measure(self, op, times=5):
        """Median run time of `op`, recording what it did like any completed run."""
        durations = []
        for _ in range(times):
            started = time.monotonic()
            self.one(op, delay=None)
            durations.append(time.monotonic() - started)
        return statistics.median(durations)

    def one(self, op, delay):
        what, args = self.argv_for(op)
        started = time.monotonic()
        proc = self.start(args)
        if delay is not None:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        took = time.monotonic() - started
        if proc.returncode == -signal.SIGKILL:
            self.killed[op] += 1
            if op == "log":
                self.killed_logs.add(what)
            elif op == "edit":
                self.notes[what[0]].add(what[1])  # the edit may have landed, or not
            elif op == "move":
                self.dates[what[0]].add(what[1])
                if os.path.exists(os.path.join(self.home, MOVE_FILE)):
                    self.cut_short += 1
            return
        self.assertEqual(proc.returncode, 0, "%s after %d kills: %s"
                         % (args, sum(self.killed.values()), err.decode()))
        self.completed[op] += 1
        self.longest_completed = max(self.longest_completed, took)
        if op == "log":
            self.confirmed_logs.add(what)
            entry = int(out)
            self.known_ids.append(entry)
            self.notes[entry] = {"first"}
            self.dates[entry] = {args[3]}
        elif op == "edit":
            self.notes[what[0]] = {what[1]}
        elif op == "move":
            self.dates[what[0]] = {what[1]}
        else:
            self.confirmed_checkins.add(what)

    def stored_rejections(self):
        """The rejections as the month files hold them, and as bounceback reads them: with a
        move that was cut short (.move.toml) applied, as bounceback(5) says every reader does."""
        in_files = records(self.home, "rejection")
        ids = [r["id"] for r in in_files]
        self.duplicates += len(ids) - len(set(ids))
        self.assertEqual(len(ids), len(set(ids)), "no rejection ID is in the files twice")
        seen = in_files
        move = os.path.join(self.home, MOVE_FILE)
        if os.path.exists(move):
            with open(move, "rb") as f:
                pending = tomllib.load(f)
            moved = pending["rejection"]
            seen = [r for r in in_files if r["id"] != moved["id"]] + [moved]
        listed = json.loads(self.ok("log", "list", "--json"))
        self.assertEqual(sorted(r["id"] for r in listed), sorted(r["id"] for r in seen),
                         "bounceback reads each rejection once, as the files and the move say")
        return seen

    def check(self):
        parse_all(self.home)
        rejections = self.stored_rejections()
        by_company = {}
        for r in rejections:
            by_company.setdefault(r["company"], []).append(r)
        for company in self.confirmed_logs:
            self.assertEqual(len(by_company.get(company, [])), 1, "%s exactly once" % company)
        for company, found in by_company.items():
            self.assertEqual(len(found), 1, "%s at most once" % company)
            self.assertIn(company, self.confirmed_logs | self.killed_logs, "no invented entry")
        by_id = {r["id"]: r for r in rejections}
        for entry, allowed in self.notes.items():
            self.assertIn(entry, by_id, "entry %d is still there" % entry)
            self.assertIn(by_id[entry].get("note"), allowed, "entry %d holds its last edit" % entry)
            self.assertIn(by_id[entry]["date"].isoformat(), self.dates[entry],
                          "entry %d is in its old month or its new one" % entry)
        checkins = [(c["date"].isoformat(), c["habit"]) for c in records(self.home, "checkin")]
        self.assertEqual(len(checkins), len(set(checkins)), "one check-in per habit and day")
        for date in self.confirmed_checkins:
            self.assertIn((date, "exercise"), checkins)

    def test_sigkill_at_random_moments(self):
        self.ok("routine", "habits", "add", "exercise", "--per-week", "3")
        for _ in range(3):
            self.one("log", delay=None)
        run_time = {op: self.measure(op) for op in ("log", "edit", "move", "done")}
        started = time.monotonic()
        cycles = 0
        while sum(self.killed.values()) < KILLS:
            op = self.rng.choice(("log", "log", "edit", "move", "done"))
            # Mostly inside the run, weighted past start-up (exec, loading, parsing the options);
            # a few after it ends (the kill then finds nothing to kill).
            self.one(op, delay=self.rng.uniform(0.3, 1.3) * run_time[op])
            cycles += 1
            if cycles % CHECK_EVERY == 0:
                self.check()
        self.check()
        left = temp_files(self.home)
        before = temp_files(self.home)
        self.bb("doctor")
        self.assertEqual(temp_files(self.home), before, "doctor without --fix changes nothing")
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertEqual(temp_files(self.home), [], "doctor --fix removed every temp file")
        self.assertFalse(os.path.exists(os.path.join(self.home, MOVE_FILE)), "no move pending")
        self.assertExit(self.bb("doctor"), 0)
        for path, mode in modes(self.home):
            self.assertEqual(mode, 0o700 if os.path.isdir(path) else 0o600, path)
        # Well under the 10 s lock timeout, even on a busy machine: no dead writer's lock held.
        self.assertLess(self.longest_completed, 9, "no command waited for a dead writer's lock")
        self.check()
        report("kill: %d SIGKILLs (log %d, edit %d, move %d, routine done %d) among %d runs in "
               "%.0f s; %d completed runs checked; %d duplicates; %d moves cut short, each read "
               "as done and finished by the next writer; %d temp files left by kills, all "
               "removed by doctor --fix; median run ms log %.0f edit %.0f move %.0f done %.0f, "
               "longest completed run %.1f s; seed %d; all held"
               % (sum(self.killed.values()), self.killed["log"], self.killed["edit"],
                  self.killed["move"], self.killed["done"], cycles, time.monotonic() - started,
                  sum(self.completed.values()), self.duplicates, self.cut_short, len(left),
                  run_time["log"] * 1000, run_time["edit"] * 1000, run_time["move"] * 1000,
                  run_time["done"] * 1000, self.longest_completed, SEED))

    def test_a_killed_move_to_another_month_is_never_seen_twice(self):
        """`log edit --date` into another month writes the move down first (.move.toml), then
        takes the entry out of its old month, puts it in its new one and clears the note. A kill
        anywhere leaves the old state or the new one: never both in the files, never both nor
        none in what bounceback shows, and the next writer finishes a move that was cut short."""
        # Timed on an edit within the month that leaves the entry where the loop starts
        # (2026-10-10), so a kill before the first move shows that date.
        entry = self.log("Acme", "--date", "2026-10-11")
        started = time.monotonic()
        self.ok("log", "edit", entry, "--date", "2026-10-10")
        run_time = time.monotonic() - started
        moves = pick(60, 1000)
        duplicates = cut_short = landed = 0
        month = 10
        for n in range(moves):
            before = month
            month = 11 if month == 10 else 10
            proc = self.start(["log", "edit", entry, "--date", "2026-%02d-10" % month])
            time.sleep(self.rng.uniform(0.3, 1.3) * run_time)
            proc.kill()
            proc.communicate()
            in_files = [r for r in records(self.home, "rejection") if r["id"] == entry]
            duplicates += max(len(in_files) - 1, 0)
            self.assertLessEqual(len(in_files), 1, "never in two month files (move %d)" % n)
            pending = os.path.exists(self.path(MOVE_FILE))
            cut_short += pending
            if not pending:
                self.assertEqual(len(in_files), 1, "never lost (move %d)" % n)
            shown = json.loads(self.ok("log", "show", entry, "--json"))
            listed = [r for r in json.loads(self.ok("log", "list", "--json")) if r["id"] == entry]
            self.assertEqual(len(listed), 1, "listed once (move %d)" % n)
            self.assertIn(shown["date"], ("2026-%02d-10" % before, "2026-%02d-10" % month))
            if shown["date"] == "2026-%02d-10" % before:
                month = before  # the kill came before the move was written down
            else:
                landed += 1
            if n % 5 == 4 or pending:
                # The next writer, whatever it writes, finishes the move first.
                self.ok("log", "win", "W%d" % n, "--date", "2026-11-01")
                self.assertFalse(os.path.exists(self.path(MOVE_FILE)), "finished (move %d)" % n)
                in_files = [r for r in records(self.home, "rejection") if r["id"] == entry]
                self.assertEqual(len(in_files), 1)
                self.assertEqual(in_files[0]["date"].isoformat(), shown["date"])
        self.assertEqual(duplicates, 0)
        self.assertExit(self.bb("doctor"), 0)
        report("kill: %d killed month moves: %d duplicates; %d landed, %d cut short (each read "
               "once, in its new month, and finished by the next writer); none lost"
               % (moves, duplicates, landed, cut_short))


if __name__ == "__main__":
    unittest.main(verbosity=2 if LONG else 1)
