"""Reliability: private data stays private whatever the umask.

Under `umask 000`, every command that creates something runs in turn against a home that does
not exist yet, two folders deep. After each: every folder bounceback made is 0700, every file
0600 (the draft written with --output too). While each runs, inotify reports every temp file it
creates; the writer is stopped (SIGSTOP) right then, the temp file's mode is read while it is
still a temp file, and the writer goes on (SIGCONT) and must still succeed. A command whose temp
file was renamed before the stop landed (a busy machine) runs again from a copy of the tree as
it was. The same in both profiles.
"""

import os
import shutil
import stat
import unittest

from reltest import BounceTestCase, observe_temp_files, report

UMASK_000 = ["sh", "-c", 'umask 000; exec "$0" "$@"']

COMMANDS = [
    ("init", "--name", "Sam", "--email", "sam@example.com"),
    ("routine", "habits", "add", "exercise", "--per-week", "3"),
    ("log", "Acme", "--date", "2026-11-20", "--contact", "Jo Smith", "--email", "jo@acme.example"),
    ("log", "Globex", "--date", "2026-10-01"),
    ("log", "win", "A small win", "--date", "2026-11-21"),
    ("log", "win", "Another", "--date", "2026-11-22"),
    ("log", "feedback", "1", "Thanks for the chat", "--area", "interview"),
    ("log", "edit", "2", "--date", "2026-09-01"),
    ("reflect", "1", "--went-well", "prep", "--mood", "3"),
    ("reflect", "--went-well", "kept going", "--mood", "4"),
    ("routine", "done", "exercise", "--date", "2026-11-24"),
    ("routine", "skip", "exercise", "--date", "2026-11-23"),
    ("routine", "done", "exercise", "--date", "2026-11-22"),
    ("feedback-email", "1", "--mark-sent"),
    ("feedback-email", "1", "--output", "{tmp}/nest/draft.txt"),
    ("log", "Initech", "--date", "2026-09-05"),
    ("log", "rm", "2", "--yes"),
    ("routine", "habits", "rm", "exercise", "--yes"),
    ("doctor",),
]

# Every other command writes, so a temp file of it must have been seen.
READ_ONLY = {("doctor",)}
ATTEMPTS = 10


class Permissions(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.root = os.path.join(self.tmp, "nest")
        self.home = os.path.join(self.root, "deeper", "home")

    def folders_to_watch(self):
        found = [self.tmp]  # where `nest` appears
        for dirpath, dirnames, _ in os.walk(self.root):
            found.append(dirpath)
        return found

    def assertPrivate(self, command):
        for dirpath, dirnames, filenames in os.walk(self.root):
            self.assertEqual(self.mode(dirpath), 0o700, "%s: folder %s" % (command, dirpath))
            for name in filenames:
                path = os.path.join(dirpath, name)
                self.assertEqual(self.mode(path), 0o600, "%s: file %s" % (command, path))

    def test_every_command_under_umask_000(self):
        temp_modes = []

        def look(path):
            st = os.lstat(path)
            temp_modes.append((path, stat.S_IMODE(st.st_mode), stat.S_ISREG(st.st_mode)))

        observed = 0
        retried = 0
        backup = os.path.join(self.tmp, "backup")
        for args in COMMANDS:
            args = [a.replace("{tmp}", self.tmp) for a in args]
            with self.subTest(args=args):
                # On a busy machine the writer may rename its temp file before the SIGSTOP
                # lands; then the command runs again from the same state (a copy of the tree).
                for attempt in range(ATTEMPTS):
                    shutil.rmtree(backup, ignore_errors=True)
                    if os.path.isdir(self.root):
                        shutil.copytree(self.root, backup, symlinks=True)
                    before = len(temp_modes)
                    r, seen = observe_temp_files(self.argv(args, wrap=UMASK_000),
                                                 self.make_env(), self.folders_to_watch(), look)
                    self.assertExit(r, 0, "%s (stopped %d times on the way)" % (args, seen))
                    self.assertPrivate(args)
                    if seen >= 1 or tuple(args) in READ_ONLY:
                        break
                    retried += 1
                    shutil.rmtree(self.root)
                    if os.path.isdir(backup):
                        shutil.copytree(backup, self.root, symlinks=True)
                if tuple(args) not in READ_ONLY:
                    self.assertGreaterEqual(seen, 1, "%s: its temp file was observed in %d tries"
                                            % (args, ATTEMPTS))
                for path, mode, regular in temp_modes[before:]:
                    self.assertTrue(regular, path)
                    self.assertEqual(mode, 0o600, "%s: temp file %s" % (args, path))
                observed += seen
        self.assertEqual(self.mode(os.path.join(self.tmp, "nest", "draft.txt")), 0o600)
        self.assertTrue(os.path.exists(os.path.join(self.home, "config.toml")))
        report("permissions: %d commands under umask 000, %d temp files caught mid-write (%d "
               "runs again after a miss), all 0600; every folder 0700, every file 0600"
               % (len(COMMANDS), observed, retried))


if __name__ == "__main__":
    unittest.main()
