"""Reliability: many writers at once lose nothing and share no ID, and readers never see a half
written file.

N processes each run `log` M times. They all wait behind one barrier (a pipe they read until the
test closes it), so they start together. Meanwhile readers loop on `log list --json` and
`stats --all --json`. Afterwards: exactly N×M entries with distinct IDs, the IDs each `log`
printed, every file parses (tomllib), no reader ever saw an error or a shrinking list.

A `log` that waited its 10 s for the lock exits 75, having changed nothing; the writer then
tries again, as that status asks (the exact count of entries proves a 75 never wrote). How often
that happened is part of the figures: it grows with the number of writers, the size of the
month files (each `log` rewrites one) and the load of the machine. Each round starts from an
empty home.

    fast (CI):  16 processes × 100 logs, once
    long:       32 processes × 500 logs, 3 times
                (BB_RELIABILITY=long, or scripts/reliability --long)
"""

import json
import os
import subprocess
import threading
import time
import unittest

from reltest import (BIN, LONG, BounceTestCase, parse_all, pick, records, report, temp_files,
                     use_tmpfs)

PROCESSES = pick(16, 32)
CALLS = pick(100, 500, sanitized=25)
REPETITIONS = pick(1, 3)

use_tmpfs()  # the lock sets the pace, not fsync

# One writer: block on the barrier (its stdin, a pipe that reaches EOF when the test closes the
# other end), then run `log` CALLS times and print "ID EXIT" for each. Dates spread over three
# months and a relative date, so several partitions are written at once.
WRITER = r"""
read -r _
exec </dev/null
i=0
while [ "$i" -lt "$CALLS" ]; do
    case $(( i % 4 )) in
        0) d=2026-11-20 ;;
        1) d=2026-10-0$(( i % 9 + 1 )) ;;
        2) d="3 days ago" ;;
        *) d=2026-09-15 ;;
    esac
    while :; do
        id=$("$BIN" --home "$HOME_DIR" log "Company $WORKER-$i" --date "$d" "$@" --porcelain \
             2>>"$ERR")
        status=$?
        [ "$status" -ne 75 ] && break
        echo "lock-timeout"
    done
    echo "$id $status"
    i=$((i + 1))
done
"""


class Readers:
    """Threads that run read-only commands in a loop until stopped, keeping every failure."""

    def __init__(self, case):
        self.case = case
        self.stop = threading.Event()
        self.failures = []
        self.runs = 0
        self.threads = [threading.Thread(target=self.loop, args=(args, check))
                        for args, check in ((("log", "list", "--json"), self.check_list),
                                            (("stats", "--all", "--json"), self.check_stats))]
        self.last_count = 0
        self.last_total = 0

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join()

    def loop(self, args, check):
        while not self.stop.is_set():
            r = self.case.bb(*args, timeout=120)
            self.runs += 1
            if r.code != 0:
                self.failures.append("%s: exit %d: %s" % (" ".join(args), r.code, r.err.strip()))
                continue
            try:
                check(json.loads(r.out))
            except (ValueError, KeyError, TypeError, AssertionError) as error:
                self.failures.append("%s: %r on %r" % (" ".join(args), error, r.out[:200]))

    def check_list(self, entries):
        count = len(entries)
        if len({e["id"] for e in entries}) != count:
            raise AssertionError("duplicate IDs in a listing")
        if count < self.last_count:
            raise AssertionError("the listing shrank from %d to %d" % (self.last_count, count))
        self.last_count = count

    def check_stats(self, stats):
        total = sum(w["rejections"]["total"] for w in stats["weeks"])
        if total < self.last_total:
            raise AssertionError("the total shrank from %d to %d" % (self.last_total, total))
        self.last_total = total


class Concurrency(BounceTestCase):
    def run_writers(self, count, calls, extra_args=()):
        """Starts `count` writers behind the barrier, releases them together, returns
        ([(id, exit)], lock timeouts retried, seconds)."""
        barrier_read, barrier_write = os.pipe()
        procs = []
        try:
            for worker in range(count):
                env = self.make_env({"BIN": BIN, "HOME_DIR": self.home, "WORKER": str(worker),
                                     "CALLS": str(calls),
                                     "ERR": os.path.join(self.tmp, "writer-%d.err" % worker)})
                procs.append(subprocess.Popen(
                    ["sh", "-c", WRITER, "writer", *extra_args], stdin=barrier_read,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env))
            time.sleep(0.2)
        finally:
            os.close(barrier_read)
            started = time.monotonic()
            os.close(barrier_write)  # every writer's read returns at once
        results = []
        timeouts = 0
        outputs = [proc.communicate(timeout=4 * 3600) for proc in procs]
        for proc, (out, err) in zip(procs, outputs):
            self.assertEqual(proc.returncode, 0, err)
            for line in out.decode().splitlines():
                if line == "lock-timeout":
                    timeouts += 1
                    continue
                fields = line.split()
                results.append((fields[0] if len(fields) == 2 else "", fields[-1]))
        return results, timeouts, time.monotonic() - started

    def writer_errors(self):
        text = ""
        for name in sorted(os.listdir(self.tmp)):
            if name.endswith(".err"):
                with open(os.path.join(self.tmp, name)) as f:
                    text += f.read()
        return text

    def one_round(self):
        readers = Readers(self)
        readers.start()
        try:
            results, timeouts, elapsed = self.run_writers(PROCESSES, CALLS)
        finally:
            readers.finish()
        expected = PROCESSES * CALLS
        self.assertEqual(len(results), PROCESSES * CALLS)
        failed = [r for r in results if r[1] != "0" or not r[0].isdigit()]
        self.assertEqual(failed, [], "every log exits 0; stderr:\n" + self.writer_errors()[:3000])
        self.assertEqual(readers.failures, [], "no reader ever fails")
        printed = [int(r[0]) for r in results]
        self.assertEqual(len(set(printed)), len(printed), "every log printed its own ID")

        on_disk = records(self.home, "rejection")
        self.assertEqual(len(on_disk), expected)
        ids = [r["id"] for r in on_disk]
        self.assertEqual(len(set(ids)), expected, "distinct IDs on disk")
        self.assertTrue(set(printed) <= set(ids), "every printed ID is on disk")
        companies = {r["company"] for r in on_disk}
        self.assertTrue({"Company %d-%d" % (w, i) for w in range(PROCESSES) for i in range(CALLS)}
                        <= companies)
        listed = json.loads(self.ok("log", "list", "--json"))
        self.assertEqual(sorted(e["id"] for e in listed), sorted(ids))
        parse_all(self.home)
        self.assertEqual(temp_files(self.home), [])
        self.assertExit(self.bb("doctor"), 0)
        return elapsed, readers.runs, timeouts

    def test_writers_behind_a_barrier_with_readers(self):
        for round_number in range(1, REPETITIONS + 1):
            self.home = os.path.join(self.tmp, "home-%d" % round_number)
            os.makedirs(self.home, mode=0o700)
            elapsed, reads, timeouts = self.one_round()
            report("concurrency round %d/%d: %d processes x %d logs = %d entries in %.1f s "
                   "(%.0f logs/s) with %d reads alongside, %d lock timeouts (75) retried; "
                   "all held" % (round_number, REPETITIONS, PROCESSES, CALLS, PROCESSES * CALLS,
                                 elapsed, PROCESSES * CALLS / elapsed, reads, timeouts))

    def test_same_key_from_every_process_makes_one_entry(self):
        os.makedirs(self.home, mode=0o700)
        results, _, _ = self.run_writers(PROCESSES, 1, extra_args=("--key", "the-same-email"))
        self.assertEqual(len(results), PROCESSES)
        self.assertTrue(all(code == "0" for _, code in results), results)
        self.assertEqual(len({i for i, _ in results}), 1, "every process printed the same ID")
        entries = self.list_json()
        self.assertEqual(len(entries), 1)
        self.assertEqual(str(entries[0]["id"]), results[0][0])
        self.assertEqual(entries[0]["key"], "the-same-email")


if __name__ == "__main__":
    unittest.main(verbosity=2 if LONG else 1)
