"""Reliability: a write that fails leaves every file as it was and says so.

Each writing command (`log`, `log edit`, `routine done`, `reflect`, `feedback-email --mark-sent`,
`init`) runs against a home full of data while its writes fail:

- a file-size limit (RLIMIT_FSIZE, as `prlimit --fsize` sets it): write() fails with EFBIG, and
  the SIGXFSZ that would kill the process must be ignored by bounceback itself (the test does not
  ignore it for it);
- libfiu's POSIX preload (`fiu-run -x`, Debian package fiu-utils): write() fails with ENOSPC
  (disk full) or EDQUOT, fsync() with EIO;
- renameat() and renameat2() fail with EIO (the preload fail_rename.cpp: bounceback renames
  relative to its open folders, and libfiu wraps only rename()).

Each time: exit 74, the error names the file and the reason, no success message on stdout or
stderr, every file under the home byte-identical, no temp file left. The same in both profiles.
"""

import errno
import os
import re
import resource
import subprocess
import unittest

from reltest import (ERRNO_NAMES, BounceTestCase, Result, checksums, fiu_wrap, records,
                     rename_fail_wrap, report, temp_files)

# What each command prints when it worked; none of it may appear when it did not.
SUCCESS = re.compile(r"Logged|Updated|Done:|Saved|Marked|Created|Changed|records will be kept")

COMMANDS = {
    "log": ["log", "Globex", "--date", "2026-11-21", "--stage", "screen"],
    "log edit": ["log", "edit", "1", "--note", "changed", "--feeling", "4"],
    "log edit (move)": ["log", "edit", "1", "--date", "2026-10-03"],
    "routine done": ["routine", "done", "exercise", "--minutes", "30"],
    "reflect": ["reflect", "1", "--went-well", "prep", "--improve", "sleep", "--mood", "3"],
    "feedback-email --mark-sent": ["feedback-email", "1", "--mark-sent"],
}
# init refuses a home that has a config (73), so it gets its own test, in a home without one.
INIT = ["init", "--name", "Sam", "--email", "sam@example.com"]

FAULTS = {
    "file-size limit (EFBIG)": ("fsize", errno.EFBIG),
    "disk full (ENOSPC)": ("posix/io/rw/write", errno.ENOSPC),
    "quota (EDQUOT)": ("posix/io/rw/write", errno.EDQUOT),
    "fsync EIO": ("posix/io/sync/fsync", errno.EIO),
    "rename EIO": ("renameat", errno.EIO),
}


def limit_file_size(size):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


class FailingWrites(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.ok("init", "--name", "Sam", "--email", "sam@example.com")
        self.ok("routine", "habits", "add", "exercise", "--per-week", "3")
        self.log("Acme", "--date", "2026-11-20", "--stage", "onsite", "--contact", "Jo Smith",
                 "--email", "jo@acme.example")
        self.log("Initech", "--date", "2026-10-10")
        self.ok("routine", "done", "exercise", "--date", "2026-11-24")
        self.ok("reflect", "2", "--went-well", "calm", "--mood", "2")

    def run_failing(self, args, fault, size=8):
        point, code = fault
        if point == "fsize":
            return self.run_limited(args, size)
        if point == "renameat":
            return self.bb(*args, wrap=rename_fail_wrap(code))
        return self.bb(*args, wrap=fiu_wrap(point, code))

    def run_limited(self, args, size):
        proc = subprocess.run(self.argv(args), env=self.make_env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp,
                              preexec_fn=limit_file_size(size), timeout=60)
        return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())

    def assertFailedCleanly(self, r, code, before, what):
        self.assertExit(r, 74, what)
        self.assertIn("bounceback: error:", r.err, what)
        self.assertIn(ERRNO_NAMES[code], r.err, what)
        self.assertIn(self.home, r.err, "%s: the error names the file" % what)
        self.assertNotRegex(r.err, SUCCESS, what)
        self.assertNotRegex(r.out, SUCCESS, what)
        self.assertEqual(checksums(self.home), before, "%s: every file byte-identical" % what)
        self.assertEqual(temp_files(self.tmp), [], what)

    def test_every_writer_under_every_fault(self):
        runs = 0
        for command, args in COMMANDS.items():
            for fault_name, fault in FAULTS.items():
                what = "%s under %s" % (command, fault_name)
                with self.subTest(what):
                    before = checksums(self.home)
                    r = self.run_failing(args, fault)
                    self.assertFailedCleanly(r, fault[1], before, what)
                    runs += 1
        # The same commands work once the disk is fine again.
        for command, args in COMMANDS.items():
            self.assertExit(self.bb(*args), 0, command)
        report("I/O failure: %d commands x %d faults = %d failing writes (and init under 4 in its "
               "own test), each exit 74 with every file byte-identical"
               % (len(COMMANDS), len(FAULTS), runs))

    def test_init_in_a_home_without_config(self):
        os.unlink(self.path("config.toml"))
        for fault_name, fault in FAULTS.items():
            with self.subTest(fault_name):
                before = checksums(self.home)
                r = self.run_failing(INIT, fault)
                self.assertFailedCleanly(r, fault[1], before, "init under " + fault_name)
                self.assertFalse(self.path("config.toml").exists())
        self.assertExit(self.bb(*INIT), 0)

    def test_when_the_month_cannot_be_written_nothing_changes_and_no_id_is_skipped(self):
        """`log` makes the month's new text durable before it moves the next ID (store.toml) and
        renames the month in: a month that cannot be written leaves every file as it was, and
        the next `log` gets the ID this one would have had (bounceback(5))."""
        store = self.path("store.toml")
        month = self.path("rejections", "2026-11.toml")
        before = checksums(self.home)
        size = store.stat().st_size + 16  # room for store.toml, not for the month
        self.assertGreater(month.stat().st_size, size)
        r = self.run_limited(COMMANDS["log"], size)
        self.assertExit(r, 74)
        self.assertIn(str(month), r.err)
        self.assertNotRegex(r.err + r.out, SUCCESS)
        self.assertEqual(checksums(self.home), before)
        self.assertEqual(temp_files(self.tmp), [])
        self.assertEqual(sorted(r["id"] for r in records(self.home, "rejection")), [1, 2])
        self.assertEqual(self.log("Globex"), 3, "no ID was used up by the failed log")

if __name__ == "__main__":
    unittest.main()
