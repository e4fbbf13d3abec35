"""End-to-end: many bounceback processes writing at once lose nothing and share no ID."""

import os
import pathlib
import subprocess
import sys
import time
import tomllib
import unittest

from bbtest import BIN, BounceTestCase

PROCESSES = 8
CALLS = 50

# One worker: wait for the start file, then run `log` CALLS times, writing "ID EXIT" per call.
WORKER = r"""
go="$1"; home="$2"; worker="$3"; calls="$4"; shift 4
while [ ! -e "$go" ]; do sleep 0.01; done
i=0
while [ "$i" -lt "$calls" ]; do
    id=$("$BIN" --home "$home" log "Company $worker-$i" --date "$(date_for "$i")" "$@" --porcelain 2>>"$home.err.$worker")
    echo "$id $?"
    i=$((i + 1))
done
"""

DATE_FOR = r"""
date_for() {
    case $(( $1 % 3 )) in
        0) echo 2026-11-20 ;;
        1) echo 2026-10-0$(( $1 % 9 + 1 )) ;;
        *) echo "3 days ago" ;;
    esac
}
"""


class Concurrency(BounceTestCase):
    def start_workers(self, count, calls, extra_args=()):
        go = pathlib.Path(self.tmp, "go")
        procs = []
        env = self.make_env({"BIN": BIN})
        for worker in range(count):
            procs.append(subprocess.Popen(
                ["sh", "-c", DATE_FOR + WORKER, "worker", str(go), self.home, str(worker), str(calls),
                 *extra_args],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env))
        time.sleep(0.3)  # let every worker reach the barrier
        go.touch()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 0, err)
            results.extend(line.split() for line in out.decode().splitlines())
        return results

    def worker_errors(self):
        text = ""
        for name in sorted(os.listdir(self.tmp)):
            if name.startswith("home.err."):
                text += pathlib.Path(self.tmp, name).read_text()
        return text

    def test_eight_processes_times_fifty_logs(self):
        os.makedirs(self.home, mode=0o700)
        started = time.monotonic()
        results = self.start_workers(PROCESSES, CALLS)
        elapsed = time.monotonic() - started
        self.assertEqual(len(results), PROCESSES * CALLS)
        failed = [r for r in results if len(r) != 2 or r[1] != "0"]
        self.assertEqual(failed, [], "every call exits 0; stderr:\n" + self.worker_errors()[:3000])
        printed_ids = [int(r[0]) for r in results]
        self.assertEqual(len(set(printed_ids)), PROCESSES * CALLS, "400 distinct IDs printed")

        entries = self.list_json()
        self.assertEqual(len(entries), PROCESSES * CALLS)
        listed_ids = [e["id"] for e in entries]
        self.assertEqual(len(set(listed_ids)), PROCESSES * CALLS)
        self.assertEqual(set(listed_ids), set(printed_ids))
        companies = {e["company"] for e in entries}
        self.assertEqual(companies, {"Company %d-%d" % (w, i)
                                     for w in range(PROCESSES) for i in range(CALLS)})

        on_disk = 0
        files = sorted(self.path("rejections").iterdir())
        self.assertGreaterEqual(len(files), 2)
        for path in files:
            self.assertRegex(path.name, r"^\d{4}-\d{2}\.toml$", "no temp file left")
            with open(path, "rb") as f:
                doc = tomllib.load(f)
            self.assertEqual(doc["version"], 1)
            on_disk += len(doc["rejection"])
        self.assertEqual(on_disk, PROCESSES * CALLS)
        with open(self.path("store.toml"), "rb") as f:
            tomllib.load(f)
        self.assertNoLeftovers()
        self.assertExit(self.bb("doctor"), 0)
        sys.stderr.write("\n[concurrency] %d logs by %d processes in %.1f s\n"
                         % (PROCESSES * CALLS, PROCESSES, elapsed))

    def test_same_key_from_eight_processes_makes_one_entry(self):
        os.makedirs(self.home, mode=0o700)
        results = self.start_workers(PROCESSES, 1, extra_args=("--key", "the-same-email"))
        self.assertEqual(len(results), PROCESSES)
        self.assertTrue(all(r[1] == "0" for r in results), results)
        ids = {r[0] for r in results}
        self.assertEqual(len(ids), 1, "every process printed the same ID: %s" % results)
        entries = self.list_json()
        self.assertEqual(len(entries), 1)
        self.assertEqual(str(entries[0]["id"]), ids.pop())
        self.assertEqual(entries[0]["key"], "the-same-email")


if __name__ == "__main__":
    unittest.main()
