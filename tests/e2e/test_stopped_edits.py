"""End-to-end: an edit in $EDITOR that does not finish keeps the person's text (issue 15).

SIGTERM to bounceback or a hang-up of its terminal while `log edit`, `reflect --edit` or
`feedback-email --edit` has the editor open: the editor is told too, the text is kept in the
file the message names, nothing is changed, and bounceback ends by the signal. `doctor` lists
the kept text and the command that offers it back; that command, on a terminal, continues from
it (or discards it).
"""

import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import time
import unittest

from bbtest import BounceTestCase
from test_reflect import Conversation

# An editor that saves `new` for `old` in the file, says it is ready, then waits to be stopped:
# on SIGTERM or SIGHUP it notes which and exits (as editors do, after saving their own work).
WAITING_EDITOR = """#!{python}
import pathlib, signal, sys, time
path = pathlib.Path(sys.argv[-1])
folder = pathlib.Path({folder!r})
def stop(number, frame):
    (folder / "editor-got").write_text(signal.Signals(number).name)
    sys.exit(1)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGHUP, stop)
path.write_text(path.read_text().replace({old!r}, {new!r}))
(folder / "editor-ready").write_text(str(path))
time.sleep(60)
"""

# An editor that saves `new` for `old` and exits 0.
SAVING_EDITOR = """#!{python}
import pathlib, sys
path = pathlib.Path(sys.argv[-1])
path.write_text(path.read_text().replace({old!r}, {new!r}))
"""


class StoppedEdit(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.entry = self.log("Acme", "--role", "Dev", "--date", "2026-11-20")
        self.before = self.snapshot()

    def editor(self, template, old, new, name="editor.py"):
        return str(self.write_script(name, template.format(python=sys.executable, folder=self.tmp,
                                                          old=old, new=new)))

    def wait_for(self, name, timeout=20):
        path = pathlib.Path(self.tmp, name)
        deadline = time.monotonic() + timeout
        while not path.exists():
            self.assertLess(time.monotonic(), deadline, "waited for %s" % name)
            time.sleep(0.02)
        return path.read_text()

    def kept_files(self):
        return sorted(p for p in pathlib.Path(self.home).glob(".edit-*.toml"))

    def stop_during(self, args, sig, old="Dev", new="Lead"):
        """Runs bounceback ARGS with the waiting editor, sends `sig` to bounceback once the
        editor has saved, and returns (exit status, stderr)."""
        env = self.make_env({"EDITOR": self.editor(WAITING_EDITOR, old, new)})
        proc = subprocess.Popen(self.argv(args), env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)
        self.wait_for("editor-ready")
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
        return proc.returncode, err.decode()

    def test_sigterm_during_log_edit_keeps_the_text(self):
        code, err = self.stop_during(["log", "edit", str(self.entry)], signal.SIGTERM)
        self.assertEqual(code, -signal.SIGTERM, err)
        self.assertEqual(self.wait_for("editor-got"), "SIGTERM", "the editor was told too")
        self.assertIn("stopped by SIGTERM while rejection %d was open for editing" % self.entry,
                      err)
        self.assertIn("Nothing was changed.", err)
        kept = re.search(r"kept in (\S+\.toml);", err)
        self.assertIsNotNone(kept, err)
        path = pathlib.Path(kept.group(1))
        self.assertIn('role = "Lead"', path.read_text(), "the saved text is there")
        self.assertEqual(self.mode(path), 0o600)
        self.assertIn("`bounceback log edit %d` offers it back" % self.entry, err)
        self.assertEqual(self.list_json()[0]["role"], "Dev", "nothing was changed")

        # doctor lists it (and changes nothing, even with --fix: it is the person's text).
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertIn(str(path), r.out)
        self.assertIn("edit of rejection %d that was not saved" % self.entry, r.out)
        self.assertIn("`bounceback log edit %d` offers to continue from it" % self.entry, r.out)
        self.assertExit(self.bb("doctor", "--fix"), 0)
        self.assertTrue(path.exists())

        # Off a terminal, the next edit says where the text is and starts from the entry.
        saving = self.editor(SAVING_EDITOR, "Dev", "Staff", name="saving.py")
        r = self.bb("log", "edit", self.entry, env={"EDITOR": saving})
        self.assertExit(r, 0)
        self.assertIn(str(path), r.err)
        self.assertEqual(self.list_json()[0]["role"], "Staff")
        self.assertTrue(path.exists())

    def test_a_hang_up_during_log_edit_keeps_the_text(self):
        # The terminal goes away (its master side is closed): the kernel sends SIGHUP.
        env = {"EDITOR": self.editor(WAITING_EDITOR, "Dev", "Lead")}
        talk = Conversation(self, "log", "edit", str(self.entry), env=env)
        self.wait_for("editor-ready")
        os.close(talk.master)
        code = talk.proc.wait(timeout=30)
        self.assertEqual(code, -signal.SIGHUP)
        self.assertEqual(self.wait_for("editor-got"), "SIGHUP")
        kept = self.kept_files()
        self.assertEqual(len(kept), 1)
        self.assertIn('role = "Lead"', kept[0].read_text())
        self.assertEqual(self.list_json()[0]["role"], "Dev")
        self.assertIn(str(kept[0]), self.bb("doctor").out)

    def test_a_kept_edit_is_offered_back_on_a_terminal(self):
        self.stop_during(["log", "edit", str(self.entry)], signal.SIGTERM)
        [kept] = self.kept_files()
        # The next edit on a terminal continues from it; this editor only adds a note.
        saving = self.editor(SAVING_EDITOR, 'company = "Acme"', 'company = "Acme"\nnote = "x"',
                             name="saving.py")
        code, output = self.bb_pty("log", "edit", self.entry, answer=b"y\n",
                                   env={"EDITOR": saving})
        self.assertEqual(code, 0, output)
        self.assertIn("An edit of rejection %d that was not saved is kept" % self.entry, output)
        stored = self.list_json()[0]
        self.assertEqual((stored["role"], stored["note"]), ("Lead", "x"))
        self.assertFalse(kept.exists(), "taken back, so no longer kept")
        self.assertNoLeftovers()

    def test_a_kept_edit_can_be_discarded(self):
        self.stop_during(["log", "edit", str(self.entry)], signal.SIGTERM)
        [kept] = self.kept_files()
        saving = self.editor(SAVING_EDITOR, "Dev", "Staff", name="saving.py")
        code, output = self.bb_pty("log", "edit", self.entry, answer=b"n\n",
                                   env={"EDITOR": saving})
        self.assertEqual(code, 0, output)
        self.assertIn("Discarded it.", output)
        self.assertFalse(kept.exists())
        self.assertEqual(self.list_json()[0]["role"], "Staff", "a fresh edit of the entry")
        self.assertNoLeftovers()

    def test_an_editor_killed_by_a_signal_keeps_the_text(self):
        killer = self.write_script("killer.py", "#!%s\nimport os, pathlib, signal, sys\n"
                                   "path = pathlib.Path(sys.argv[-1])\n"
                                   "path.write_text(path.read_text().replace('Dev', 'Lead'))\n"
                                   "os.kill(os.getpid(), signal.SIGKILL)\n" % sys.executable)
        r = self.bb("log", "edit", self.entry, env={"EDITOR": str(killer)})
        self.assertExit(r, 1)
        self.assertIn("the editor was stopped by SIGKILL", r.err)
        [kept] = self.kept_files()
        self.assertIn(str(kept), r.err)
        self.assertIn('role = "Lead"', kept.read_text())

    def test_sigterm_during_reflect_edit_keeps_the_text(self):
        code, err = self.stop_during(["reflect", str(self.entry), "--edit"], signal.SIGTERM,
                                     old="went_well = [\n    \"\",", new="went_well = [\n    \"calm\",")
        self.assertEqual(code, -signal.SIGTERM, err)
        self.assertIn("your reflection on rejection %d" % self.entry, err)
        self.assertIn("Nothing was saved.", err)
        self.assertIn("`bounceback reflect %d --edit` offers it back" % self.entry, err)
        [kept] = self.kept_files()
        self.assertIn('"calm"', kept.read_text())
        self.assertFalse(self.path("reflections").exists())

    def test_sighup_during_feedback_email_edit_keeps_the_draft(self):
        code, err = self.stop_during(["feedback-email", str(self.entry), "--edit"], signal.SIGHUP,
                                     old="Subject:", new="Subject: Mine -")
        self.assertEqual(code, -signal.SIGHUP, err)
        self.assertIn("the email draft for rejection %d" % self.entry, err)
        [kept] = self.kept_files()
        self.assertIn("Subject: Mine -", kept.read_text())
        self.assertIn("bounceback feedback-email %d --edit" % self.entry, self.bb("doctor").out)


if __name__ == "__main__":
    unittest.main()
