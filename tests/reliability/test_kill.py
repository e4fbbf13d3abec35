"""Reliability: SIGKILL at any moment of a write loses nothing that was confirmed.

A supervisor starts `log`, `log edit` and `routine done` one after another and SIGKILLs each at a
random moment of its run (the delay is drawn up to a little more than the measured run time, so
kills land before the lock, under it, between the temp file and the rename, and after). Every few
dozen kills and at the end:

- every file parses (tomllib) and every rejection ID is distinct;
- every `log` that exited 0 is there exactly once, a killed one at most once;
- every `log edit` that exited 0 holds (or a later, killed edit of the same entry does);
- every `routine done` that exited 0 is there exactly once;
- the command after a killed one never waits for a lock: the kernel freed it.

The homes live on the usual temp folder (a real disk): fsync makes the write the longest part of
a run, so most kills land while the lock is held. At the end `bounceback doctor` removes the
temp files the kills left and reports no problem, and every file is 0600, every folder 0700.

    fast (CI):  300 kills
    long:       10,000 kills      (BB_RELIABILITY=long or scripts/reliability --long)
"""

import datetime
import os
import random
import signal
import statistics
import subprocess
import time
import unittest

from reltest import (LONG, BounceTestCase, modes, parse_all, pick, records, report,
                     temp_files)

KILLS = pick(300, 10_000)
CHECK_EVERY = pick(50, 500)
SEED = int(os.environ.get("BB_RELIABILITY_SEED", "0")) or random.randrange(1, 2**31)

MONTHS = ("2026-09", "2026-10", "2026-11")


class KillDuringWrite(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.rng = random.Random(SEED)
        self.confirmed_logs = set()  # companies whose `log` exited 0
        self.killed_logs = set()
        self.known_ids = []  # IDs known to exist (seeded or confirmed)
        self.notes = {}  # id -> set of notes it may hold now
        self.confirmed_checkins = set()
        self.counter = 0
        self.killed = {"log": 0, "edit": 0, "done": 0}
        self.completed = {"log": 0, "edit": 0, "done": 0}
        self.longest_completed = 0.0

    def argv_for(self, op):
        self.counter += 1
        n = self.counter
        if op == "log":
            month = self.rng.choice(MONTHS)
            company = "K%d" % n
            date = "%s-%02d" % (month, self.rng.randint(1, 28))
            return company, ["log", company, "--date", date, "--note", "first", "--porcelain"]
        if op == "edit":
            entry = self.rng.choice(self.known_ids)
            note = "E%d" % n
            return (entry, note), ["log", "edit", str(entry), "--note", note]
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
        elif op == "edit":
            self.notes[what[0]] = {what[1]}
        else:
            self.confirmed_checkins.add(what)

    def check(self):
        parse_all(self.home)
        rejections = records(self.home, "rejection")
        ids = [r["id"] for r in rejections]
        self.assertEqual(len(ids), len(set(ids)), "rejection IDs are distinct")
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
        checkins = [(c["date"].isoformat(), c["habit"]) for c in records(self.home, "checkin")]
        self.assertEqual(len(checkins), len(set(checkins)), "one check-in per habit and day")
        for date in self.confirmed_checkins:
            self.assertIn((date, "exercise"), checkins)

    def test_sigkill_at_random_moments(self):
        self.ok("routine", "habits", "add", "exercise", "--per-week", "3")
        for _ in range(3):
            self.one("log", delay=None)
        run_time = {op: self.measure(op) for op in ("log", "edit", "done")}
        started = time.monotonic()
        cycles = 0
        while sum(self.killed.values()) < KILLS:
            op = self.rng.choice(("log", "log", "edit", "done"))
            # Mostly inside the run, weighted past start-up (exec, loading, parsing the options);
            # a few after it ends (the kill then finds nothing to kill).
            self.one(op, delay=self.rng.uniform(0.3, 1.3) * run_time[op])
            cycles += 1
            if cycles % CHECK_EVERY == 0:
                self.check()
        self.check()
        left = temp_files(self.home)
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertEqual(temp_files(self.home), [], "doctor removed every temp file")
        for path, mode in modes(self.home):
            self.assertEqual(mode, 0o700 if os.path.isdir(path) else 0o600, path)
        # Well under the 10 s lock timeout, even on a busy machine: no dead writer's lock held.
        self.assertLess(self.longest_completed, 9, "no command waited for a dead writer's lock")
        self.check()
        report("kill: %d SIGKILLs (log %d, edit %d, routine done %d) among %d runs in %.0f s; "
               "%d completed runs checked; %d temp files left by kills, all removed by doctor; "
               "median run ms log %.0f edit %.0f done %.0f, longest completed run %.1f s; "
               "seed %d; all held"
               % (sum(self.killed.values()), self.killed["log"], self.killed["edit"],
                  self.killed["done"], cycles, time.monotonic() - started,
                  sum(self.completed.values()), len(left), run_time["log"] * 1000,
                  run_time["edit"] * 1000, run_time["done"] * 1000, self.longest_completed,
                  SEED))

    def test_a_killed_move_to_another_month_loses_nothing(self):
        """`log edit --date` into another month writes the new month first: a kill in between
        leaves a duplicate that doctor reports, never a loss."""
        entry = self.log("Acme", "--date", "2026-10-10")
        started = time.monotonic()
        self.ok("log", "edit", entry, "--date", "2026-10-11")
        run_time = time.monotonic() - started
        moves = pick(40, 400)
        duplicates = 0
        month = 10
        for n in range(moves):
            month = 11 if month == 10 else 10
            proc = self.start(["log", "edit", entry, "--date", "2026-%02d-10" % month])
            time.sleep(self.rng.uniform(0.3, 1.3) * run_time)
            proc.kill()
            proc.communicate()
            found = [r for r in records(self.home, "rejection") if r["id"] == entry]
            self.assertGreaterEqual(len(found), 1, "never lost (move %d)" % n)
            if len(found) == 2:
                duplicates += 1
                r = self.bb("doctor")
                self.assertExit(r, 65)
                self.assertIn("rejection %d is also at" % entry, r.out)
                # Put it right the way doctor says: keep one of them.
                keep = "2026-10.toml" if month == 11 else "2026-11.toml"
                for name in ("2026-10.toml", "2026-11.toml"):
                    if name != keep:
                        os.unlink(self.path("rejections", name))
            self.assertLessEqual(len(found), 2)
        report("kill: %d killed month moves, %d left a duplicate that doctor reported, none lost"
               % (moves, duplicates))


if __name__ == "__main__":
    unittest.main(verbosity=2 if LONG else 1)
