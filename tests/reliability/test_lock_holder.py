"""Reliability: a lock holder that dies never blocks the next writer; one that hangs makes the
next writer give up after its timeout (about 10 s) with exit 75, naming the lock file.

Two kinds of holder:
- a small process that takes the lock exactly as lib/src/storage/lock.cpp does;
- a real `bounceback log`, stopped with SIGSTOP the moment it creates its temp file (inotify),
  which /proc/locks confirms is while it holds the lock.

A writer that waited for a dead holder would take the whole timeout and exit 75; the tests ask
for exit 0 well within it (5 s, for a busy machine). The wait is not shortened for tests (no
variable sets it; the 10 s is the contract), so one test here pays it, twice: `log` and a config
change take the lock by different paths. The same in both profiles.
"""

import os
import signal
import subprocess
import time
import unittest

from reltest import (BounceTestCase, kill_lock_holder, lock_holders, parse_all, records, report,
                     start_lock_holder, stop_at_first_temp_file, temp_files, wait_stopped)


class LockHolder(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.log("Initech", "--date", "2026-11-02")
        self.lock_file = os.path.join(self.home, ".lock")

    def stop_a_real_writer(self, *args):
        """A `bounceback` writer stopped while it holds the lock, before its first rename
        (retried until one is caught there, nearly always the first try; a writer caught too
        late is killed, so at most its own record lands)."""
        for attempt in range(50):
            proc, temp = stop_at_first_temp_file(self.argv(args), self.make_env(),
                                                 [self.home, self.path("rejections")])
            if (temp is not None and wait_stopped(proc) and os.path.exists(temp)
                    and proc.pid in lock_holders(self.lock_file)):
                return proc, temp, attempt + 1
            proc.kill()
            proc.communicate(timeout=30)
        self.fail("never caught a writer holding the lock")

    def timed(self, *args):
        started = time.monotonic()
        r = self.bb(*args, timeout=60)
        return r, time.monotonic() - started

    def test_a_holder_killed_while_holding_never_blocks(self):
        holder = start_lock_holder(self.lock_file)
        self.assertEqual(lock_holders(self.lock_file), {holder.pid})
        kill_lock_holder(holder)
        r, took = self.timed("log", "Acme", "--porcelain")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "2\n")
        self.assertLess(took, 5, "the kernel freed the dead holder's lock")

    def test_a_real_writer_killed_while_holding_never_blocks(self):
        catches = 0
        for n in range(10):
            proc, temp, attempts = self.stop_a_real_writer("log", "Stopped %d" % n)
            catches += attempts
            self.assertTrue(os.path.exists(temp), "stopped mid-write, its temp file is there")
            proc.kill()
            proc.communicate()
            r, took = self.timed("log", "After %d" % n, "--porcelain")
            self.assertExit(r, 0)
            self.assertLess(took, 5, "no wait for a dead writer")
        parse_all(self.home)
        companies = [r["company"] for r in records(self.home, "rejection")]
        self.assertEqual([c for c in companies if c.startswith("After")],
                         ["After %d" % n for n in range(10)])
        self.assertExit(self.bb("doctor", "--fix"), 0)
        self.assertEqual(temp_files(self.home), [])
        report("lock: 10 real writers SIGKILLed while holding the lock (caught in %d tries); "
               "the next writer never waited" % catches)

    def test_a_hung_holder_times_out_the_next_writer_with_75(self):
        proc, temp, _ = self.stop_a_real_writer("log", "Hung")
        try:
            listed = [e["company"] for e in self.list_json()]
            before = {p: p.read_bytes() for p in (self.path("store.toml"),
                                                  self.path("rejections", "2026-11.toml"))}
            for args in (("log", "Acme"), ("routine", "habits", "add", "walk", "--per-week", "2")):
                r, took = self.timed(*args)
                self.assertExit(r, 75)
                self.assertIn(self.lock_file, r.err)
                self.assertIn("try again", r.err)
                self.assertEqual(r.out, "")
                self.assertGreaterEqual(took, 9, "it waits about 10 s")
                self.assertLess(took, 20)
                if args[0] == "routine":
                    break
                # Reading needs no lock: it works while a writer hangs.
                self.assertEqual([e["company"] for e in self.list_json()], listed)
            for path, content in before.items():
                self.assertEqual(path.read_bytes(), content, "a timed-out writer changed nothing")
        finally:
            proc.send_signal(signal.SIGCONT)
        out, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 0, "the stopped writer finishes once continued: %r" % err)
        self.log("Acme")
        self.assertEqual(sorted(r["company"] for r in records(self.home, "rejection")),
                         sorted(listed + ["Acme", "Hung"]))
        self.assertEqual(temp_files(self.home), [])

    def test_a_stopped_holder_blocks_only_until_it_dies(self):
        holder = start_lock_holder(self.lock_file)
        holder.send_signal(signal.SIGSTOP)
        writer = subprocess.Popen(self.argv(["log", "Waiting", "--porcelain"]), env=self.make_env(),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        time.sleep(1)
        self.assertIsNone(writer.poll(), "the writer waits while the holder lives")
        kill_lock_holder(holder)
        out, err = writer.communicate(timeout=30)
        self.assertEqual(writer.returncode, 0, err)
        self.assertEqual(out, b"2\n")


if __name__ == "__main__":
    unittest.main()
