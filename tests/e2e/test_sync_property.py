"""End-to-end property test of `bounceback sync`: three homes, one bare repository, random work.

Each round every home does a few random offline operations (log, log edit — some to a date in
another month —, log rm, log feedback, log win, win rm, reflect linked to a rejection, reflect rm,
routine done/skip/undo, routine habits add/rm), then some homes sync, in a random order. At the end
every home syncs twice; then the tracked files (settings/ included) and config.toml are
byte-identical everywhere, every record any
home made is there exactly once unless its tombstone says it is gone (and none is gone that nobody
removed), no number is held twice per kind, links follow their rejection, and doctor is happy.

BOUNCEBACK_SYNC_ROUNDS sets the number of rounds (defaults below); BOUNCEBACK_SYNC_SEED replays a
run: the seed is printed when the test fails, and every operation is written to ops.log in the kept
temp folder.
"""

import json
import os
import pathlib
import random
import sys
import time
import tomllib
import unittest

import synctest

# Rounds: BOUNCEBACK_SYNC_ROUNDS when set; else 200 in CI's plain run, 40 under the sanitizers
# (each run there is several times slower), and 5,000 in the long profile (BB_RELIABILITY=long,
# as the reliability tests).
if os.environ.get("BOUNCEBACK_SYNC_ROUNDS"):
    ROUNDS = int(os.environ["BOUNCEBACK_SYNC_ROUNDS"])
elif os.environ.get("BB_RELIABILITY") == "long":
    ROUNDS = 5000
elif os.environ.get("BOUNCEBACK_SANITIZED") == "1":
    ROUNDS = 40
else:
    ROUNDS = 200

COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Zürich AG"]
STAGES = ["application", "screen", "technical", "onsite", "final"]
KEYS = ["<k1@example.com>", "<k2@example.com>", "<k3@example.com>"]
ROLES = ["Engineer", "Staff engineer", "Analyst", "Lead", "Data engineer"]
MONTH_DAYS = ["2026-09-%02d", "2026-10-%02d", "2026-11-%02d"]  # today is 2026-11-25
NEW_HABITS = ["reading", "running", "journal"]


def a_date(rng):
    day = rng.randint(1, 25)
    return rng.choice(MONTH_DAYS) % day


class Machine:
    def __init__(self, name, home):
        self.name = name
        self.home = home


class RandomWork(synctest.SyncCase):
    def setUp(self):
        super().setUp()
        self.seed = int(os.environ.get("BOUNCEBACK_SYNC_SEED", random.randrange(10**9)))
        self.rng = random.Random(self.seed)
        self.machines = [Machine(name, self.home_of(name)) for name in "abc"]
        self.created = {}       # uid → kind, for every record a home made (keyed rejections apart)
        self.keyed = {}         # uid → key, for rejections logged with --key
        self.removed = set()    # uids some home removed
        self.ops = open(os.path.join(self.tmp, "ops.log"), "w", encoding="utf-8")
        self.addCleanup(self.ops.close)

    # ---- running and noting ----------------------------------------------------------------

    def do(self, machine, *args):
        self.ops.write("%s: %s\n" % (machine.name, " ".join(map(str, args))))
        self.ops.flush()
        r = self.bb(*args, home=machine.home)
        self.assertExit(r, 0, "%s on %s (seed %d)" % (" ".join(map(str, args)), machine.name, self.seed))
        return r.out

    def listed(self, machine, kind):
        args = {"rejection": ("log", "list", "--json"), "win": ("log", "win", "list", "--json"),
                "reflection": ("reflect", "list", "--json")}[kind]
        return json.loads(self.ok(*args, home=machine.home))

    def pick(self, machine, kind):
        records = self.listed(machine, kind)
        return self.rng.choice(records) if records else None

    def habits(self, machine):
        data = json.loads(self.ok("routine", "--json", home=machine.home))
        return [h["habit"] for h in data["habits"]]

    def checkins(self, machine):
        found = []
        folder = os.path.join(machine.home, "checkins")
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as f:
                    found += tomllib.load(f).get("checkin", [])
        return found

    # ---- the operations --------------------------------------------------------------------

    def op_log(self, m):
        args = ["log", self.rng.choice(COMPANIES), "--date", a_date(self.rng), "--porcelain"]
        if self.rng.random() < 0.5:
            args += ["--stage", self.rng.choice(STAGES)]
        key = self.rng.choice(KEYS) if self.rng.random() < 0.2 else None
        if key:
            args += ["--key", key]
        number = int(self.do(m, *args))
        uid = json.loads(self.ok("log", "show", number, "--json", home=m.home))["uid"]
        self.assertRegex(uid, synctest.UID)
        if key:
            self.keyed[uid] = key
        else:
            self.created[uid] = "rejection"

    def op_edit(self, m):
        record = self.pick(m, "rejection")
        if record is None:
            return self.op_log(m)
        choice = self.rng.randrange(4)
        if choice == 0:
            extra = ["--role", self.rng.choice(ROLES)]
        elif choice == 1:
            extra = ["--stage", self.rng.choice(STAGES)]
        elif choice == 2:
            extra = ["--note", "note %d" % self.rng.randrange(1000)]
        else:
            extra = ["--date", a_date(self.rng)]  # often another month: the record moves file
        self.do(m, "log", "edit", record["id"], *extra)

    def op_rm(self, m):
        record = self.pick(m, "rejection")
        if record is None:
            return self.op_log(m)
        self.do(m, "log", "rm", record["id"], "--yes")
        self.removed.add(record["uid"])

    def op_feedback(self, m):
        record = self.pick(m, "rejection")
        if record is None:
            return self.op_log(m)
        self.do(m, "log", "feedback", record["id"], "feedback %d" % self.rng.randrange(1000),
                "--area", self.rng.choice(["technical", "fit", "resume"]))

    def op_win(self, m):
        number = int(self.do(m, "log", "win", "win %d" % self.rng.randrange(10**6), "--date",
                             a_date(self.rng), "--porcelain"))
        uid = [w["uid"] for w in self.listed(m, "win") if w["id"] == number]
        self.assertEqual(len(uid), 1)
        self.created[uid[0]] = "win"

    def op_win_rm(self, m):
        record = self.pick(m, "win")
        if record is None:
            return self.op_win(m)
        self.do(m, "log", "win", "rm", record["id"], "--yes")
        self.removed.add(record["uid"])

    def op_reflect(self, m):
        record = self.pick(m, "rejection")
        args = ["reflect"]
        if record is not None:
            args.append(record["id"])
        args += ["--improve", "improve %d" % self.rng.randrange(1000), "--mood",
                 str(self.rng.randint(1, 5)), "--porcelain"]
        number = int(self.do(m, *args))
        shown = json.loads(self.ok("reflect", "show", number, "--json", home=m.home))
        if record is not None:
            self.assertEqual(shown["rejection_uid"], record["uid"])
        self.created[shown["uid"]] = "reflection"

    def op_reflect_rm(self, m):
        record = self.pick(m, "reflection")
        if record is None:
            return self.op_reflect(m)
        self.do(m, "reflect", "rm", record["id"], "--yes")
        self.removed.add(record["uid"])

    def op_routine(self, m):
        verb = self.rng.choice(["done", "done", "skip", "undo"])
        if verb == "undo":
            existing = self.checkins(m)
            if existing:
                c = self.rng.choice(existing)
                self.do(m, "routine", "undo", c["habit"], "--date", str(c["date"]))
                return
            verb = "done"
        habit = self.rng.choice(self.habits(m))
        args = ["routine", verb, habit, "--date", "2026-11-%02d" % self.rng.randint(15, 25)]
        if verb == "done" and self.rng.random() < 0.5:
            args += ["--minutes", str(self.rng.randint(5, 60))]
        self.do(m, *args)

    def op_habits(self, m):
        have = self.habits(m)
        extra = [h for h in have if h in NEW_HABITS]
        if extra and self.rng.random() < 0.5:
            self.do(m, "routine", "habits", "rm", self.rng.choice(extra), "--yes")
        else:
            missing = [h for h in NEW_HABITS if h not in have]
            if missing:
                self.do(m, "routine", "habits", "add", self.rng.choice(missing), "--per-week",
                        self.rng.randint(1, 5))

    OPS = [(op_log, 6), (op_edit, 4), (op_rm, 2), (op_feedback, 2), (op_win, 2), (op_win_rm, 1),
           (op_reflect, 2), (op_reflect_rm, 1), (op_routine, 4), (op_habits, 1)]

    def random_op(self, m):
        ops, weights = zip(*self.OPS)
        self.rng.choices(ops, weights)[0](self, m)

    def sync(self, m, *args):
        self.ops.write("%s: sync %s\n" % (m.name, " ".join(args)))
        self.ops.flush()
        r = self.bb("sync", *args, home=m.home)
        self.assertExit(r, 0, "sync on %s (seed %d)" % (m.name, self.seed))

    # ---- the test --------------------------------------------------------------------------

    def test_random_offline_work_converges(self):
        started = time.monotonic()
        try:
            self.run_rounds()
            self.check_converged()
        except BaseException:
            sys.stderr.write("\n[test_sync_property] failed with seed %d, %d rounds (replay: "
                             "BOUNCEBACK_SYNC_SEED=%d BOUNCEBACK_SYNC_ROUNDS=%d)\n"
                             % (self.seed, ROUNDS, self.seed, ROUNDS))
            raise
        sys.stderr.write("\n[test_sync_property] %d rounds, seed %d, %.1f s\n"
                         % (ROUNDS, self.seed, time.monotonic() - started))

    def run_rounds(self):
        first = self.machines[0]
        self.op_log(first)
        self.op_win(first)
        self.sync(first, "--init", self.bare)
        for m in self.machines[1:]:
            self.op_log(m)
            self.sync(m, "--init", self.bare)
        for _ in range(ROUNDS):
            for m in self.machines:
                for _ in range(self.rng.randint(0, 4)):
                    self.random_op(m)
            order = list(self.machines)
            self.rng.shuffle(order)
            for m in order[:self.rng.randint(0, len(order))]:
                self.sync(m)
        order = list(self.machines)
        self.rng.shuffle(order)
        for m in order + order:
            self.sync(m)

    def check_converged(self):
        homes = [m.home for m in self.machines]
        self.assertSameData(*homes)
        # The settings travel too: each home's own config.toml is the merged one.
        configs = {m.name: pathlib.Path(m.home, "config.toml").read_bytes()
                   if pathlib.Path(m.home, "config.toml").exists() else None for m in self.machines}
        self.assertEqual(len(set(configs.values())), 1, configs)
        for m in self.machines:
            self.assertEqual(self.git("-C", m.home, "status", "--porcelain").strip(), "", m.name)
        tombstones = set()
        path = os.path.join(homes[0], "deleted.toml")
        if os.path.exists(path):
            with open(path, "rb") as f:
                tombstones = {d["uid"] for d in tomllib.load(f).get("deleted", [])}
        self.assertLessEqual(tombstones, self.removed | set(self.keyed), "a tombstone nobody made")
        for m in self.machines:
            found = {}
            for kind in ("rejection", "win", "reflection"):
                records = self.listed(m, kind)
                for r in records:
                    self.assertNotIn(r["uid"], found, "uid %s twice in %s" % (r["uid"], m.name))
                    found[r["uid"]] = (kind, r)
                ids = [r["id"] for r in records]
                self.assertEqual(len(ids), len(set(ids)), "a %s number held twice in %s: %s"
                                 % (kind, m.name, sorted(ids)))
            for uid, kind in self.created.items():
                if uid in tombstones:
                    self.assertNotIn(uid, found, "%s %s is both present and tombstoned in %s"
                                     % (kind, uid, m.name))
                else:
                    self.assertIn(uid, found, ("%s %s lost in %s (nobody removed it)"
                                               if uid not in self.removed else
                                               "%s %s is gone from %s without a tombstone")
                                  % (kind, uid, m.name))
                    self.assertEqual(found[uid][0], kind)
            for key in set(self.keyed.values()):
                holders = [r for kind, r in found.values() if kind == "rejection" and r.get("key") == key]
                uids = {u for u, k in self.keyed.items() if k == key}
                self.assertLessEqual(len(holders), 1, "key %s held by %d entries in %s"
                                     % (key, len(holders), m.name))
                if holders:
                    self.assertIn(holders[0]["uid"], uids)
                elif not (uids & self.removed):
                    self.fail("key %s lost in %s" % (key, m.name))
            self.assertLessEqual(set(found), set(self.created) | set(self.keyed),
                                 "a record nobody made in %s" % m.name)
            numbers = {r["uid"]: r["id"] for kind, r in found.values() if kind == "rejection"}
            for kind, r in found.values():
                if kind == "reflection" and "rejection_uid" in r and r["rejection_uid"] in numbers:
                    self.assertEqual(r.get("rejection"), numbers[r["rejection_uid"]],
                                     "reflection %d follows its rejection in %s" % (r["id"], m.name))
            self.assertDoctorOk(m.home)


if __name__ == "__main__":
    unittest.main()
