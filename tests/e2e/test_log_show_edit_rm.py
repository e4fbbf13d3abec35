"""End-to-end: `bounceback log show`, `log edit` (options and $EDITOR) and `log rm`."""

import datetime
import json
import os
import pathlib
import re
import sys
import tomllib
import unittest

from bbtest import BounceTestCase

D = datetime.date

# An editor script in Python: `path` is the file it is given, `text` its content; BODY edits it.
PY_EDITOR = """#!{python}
import sys, pathlib
path = pathlib.Path(sys.argv[-1])
text = path.read_text()
{body}
"""


class Show(BounceTestCase):
    def test_show_human(self):
        entry_id = self.log("Zürich Software AG", "--role", "Data Engineer", "--stage", "technical",
                            "--date", "2026-11-20", "--applied", "2026-11-02", "--note",
                            "Ask about the team\nand the on-call", "--tag", "remote",
                            "--contact", "Jane Doe", "--feeling", "4")
        r = self.bb("log", "show", entry_id)
        self.assertExit(r, 0)
        for text in ("Zürich Software AG", "Data Engineer", "technical", "2026-11-20",
                     "2026-11-02", "Ask about the team", "and the on-call", "remote", "Jane Doe"):
            self.assertIn(text, r.out)
        self.assertRegex(r.out, r"\b%d\b" % entry_id)
        self.assertNotIn("\x1b[", r.out)

    def test_show_json_matches_the_toml_record(self):
        entry_id = self.log("Acme", "--role", "Dev", "--stage", "final", "--date", "2026-11-20",
                            "--tag", "x", "--feeling", "1", "--key", "k1")
        shown = json.loads(self.ok("log", "show", entry_id, "--json"))
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"][0]
        self.assertEqual(set(shown), set(stored))
        self.assertEqual(shown["uid"], stored["uid"])
        self.assertEqual(self.pop_uids(shown), {"id": entry_id, "company": "Acme", "role": "Dev", "stage": "final",
                                 "date": "2026-11-20", "tags": ["x"], "feeling": 1, "key": "k1"})

    def test_show_unknown_id(self):
        r = self.bb("log", "show", "7")
        self.assertExit(r, 66)
        self.assertIn("7", r.err)
        self.log("Acme")
        r = self.bb("log", "show", "99")
        self.assertExit(r, 66)
        self.assertIn("99", r.err)
        r = self.bb("log", "show", "99", "--json")
        self.assertExit(r, 66)
        self.assertEqual(r.out, "")

    def test_show_needs_a_numeric_id(self):
        self.log("Acme")
        r = self.bb("log", "show", "first")
        self.assertExit(r, 64)


class EditWithOptions(BounceTestCase):
    def test_edit_fields(self):
        entry_id = self.log("Acme", "--role", "Dev", "--stage", "screen", "--date", "2026-11-20",
                            "--tag", "old", "--email", "a@acme.example")
        uid = self.read_toml("rejections", "2026-11.toml")["rejection"][0]["uid"]
        r = self.bb("log", "edit", entry_id, "--company", "Acme Inc", "--role", "Staff Dev",
                    "--stage", "final", "--feeling", "5", "--tag", "new", "--tag", "remote",
                    "--applied", "2026-11-01", "--source", "board", "--contact", "Jo",
                    "--reason", "timing", "--email", "jo@acme.example", "--key", "k9")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\b%d\b" % entry_id)
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"]
        self.assertEqual(stored[0]["uid"], uid, "an edit keeps the identity")
        self.assertEqual(self.pop_uids(stored), [{
            "id": entry_id, "company": "Acme Inc", "role": "Staff Dev", "stage": "final",
            "date": D(2026, 11, 20), "applied": D(2026, 11, 1), "source": "board", "contact": "Jo",
            "email": "jo@acme.example", "reason": "timing", "tags": ["new", "remote"],
            "feeling": 5, "key": "k9"}])

    def test_edit_date_moves_the_entry_to_another_month(self):
        entry_id = self.log("Acme", "--date", "2026-11-20", "--role", "Dev")
        self.assertTrue(self.path("rejections", "2026-11.toml").exists())
        uid = self.read_toml("rejections", "2026-11.toml")["rejection"][0]["uid"]
        self.ok("log", "edit", entry_id, "--date", "2026-10-03")
        self.assertFalse(self.path("rejections", "2026-11.toml").exists(),
                         "the emptied month file is removed")
        moved = self.read_toml("rejections", "2026-10.toml")
        self.assertEqual(moved["version"], 1)
        self.assertEqual(moved["rejection"][0]["uid"], uid, "a move keeps the identity")
        self.assertEqual(self.pop_uids(moved["rejection"]), [{"id": entry_id, "company": "Acme", "role": "Dev",
                                               "date": D(2026, 10, 3)}])
        self.assertEqual(json.loads(self.ok("log", "show", entry_id, "--json"))["date"], "2026-10-03")
        self.assertEqual([e["id"] for e in self.list_json()], [entry_id])
        self.assertNoLeftovers()

    def test_edit_date_keeps_the_other_entries_of_the_month(self):
        first = self.log("Acme", "--date", "2026-11-20")
        second = self.log("Globex", "--date", "2026-11-21")
        self.ok("log", "edit", first, "--date", "2026-10-31")
        nov = self.read_toml("rejections", "2026-11.toml")["rejection"]
        oct_ = self.read_toml("rejections", "2026-10.toml")["rejection"]
        self.assertEqual([r["id"] for r in nov], [second])
        self.assertEqual([r["id"] for r in oct_], [first])
        # The next new entry still gets a new ID.
        self.assertEqual(self.log("Initech"), second + 1)

    def test_empty_note_removes_the_note(self):
        entry_id = self.log("Acme", "--note", "remember this", "--role", "Dev")
        self.ok("log", "edit", entry_id, "--note", "")
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"][0]
        self.assertNotIn("note", stored)
        self.assertEqual(stored["role"], "Dev")
        self.assertNotIn("note", json.loads(self.ok("log", "show", entry_id, "--json")))

    def test_empty_tag_clears_the_tags(self):
        entry_id = self.log("Acme", "--tag", "a", "--tag", "b")
        self.ok("log", "edit", entry_id, "--tag", "")
        self.assertNotIn("tags", self.read_toml("rejections", "2026-11.toml")["rejection"][0])

    def test_bad_values_change_nothing(self):
        entry_id = self.log("Acme", "--date", "2026-11-20")
        before = self.snapshot()
        for args in (("--stage", "bogus"), ("--date", "soon"), ("--feeling", "9"),
                     ("--email", "nope"), ("--applied", "2026-11-21"), ("--company", ""),
                     ("--date", "2026-02-30")):
            with self.subTest(args=args):
                r = self.bb("log", "edit", entry_id, *args)
                self.assertExit(r, 64)
                self.assertIn(args[0].lstrip("-"), r.err)
                self.assertEqual(self.snapshot(), before)

    def test_edit_cannot_duplicate_another_entrys_key(self):
        # Keys are unique (DESIGN.md: the same key makes one entry; `doctor` reports duplicates),
        # so an edit must not give an entry the key of another one.
        self.log("Acme", "--key", "k1")
        second = self.log("Globex", "--key", "k2")
        before = self.snapshot()
        r = self.bb("log", "edit", second, "--key", "k1")
        self.assertIn(r.code, (64, 65), "refused; stdout: %s stderr: %s" % (r.out, r.err))
        self.assertIn("k1", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assertExit(self.bb("doctor"), 0)

    def test_edit_unknown_id(self):
        self.log("Acme")
        before = self.snapshot()
        r = self.bb("log", "edit", "42", "--role", "x")
        self.assertExit(r, 66)
        self.assertIn("42", r.err)
        self.assertEqual(self.snapshot(), before)


class EditInEditor(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.entry_id = self.log("Acme", "--role", "Dev", "--stage", "screen", "--date", "2026-11-20",
                                 "--note", "keep me")
        self.before = self.snapshot()

    def editor(self, body, name="editor.py"):
        return str(self.write_script(name, PY_EDITOR.format(python=sys.executable, body=body)))

    def edit(self, env, home=True):
        return self.bb("log", "edit", self.entry_id, env=env, home=home)

    def stored(self):
        return self.read_toml("rejections", "2026-11.toml")["rejection"][0]

    def assertUnchanged(self):
        self.assertEqual(self.snapshot(), self.before, "nothing may change")
        self.assertNoLeftovers()

    def assertKept(self, message, holding):
        """The message names the file the person's text is kept in; it exists and holds
        `holding`. Once it is removed, nothing else changed."""
        kept = re.search(r"kept in (\S+\.toml);", message)
        self.assertIsNotNone(kept, message)
        path = pathlib.Path(kept.group(1))
        self.assertTrue(path.exists(), "the file the message names is there")
        self.assertIn(holding, path.read_text())
        self.assertEqual(self.mode(path), 0o600)
        self.assertIn("bounceback log edit %d" % self.entry_id, message, "offered back")
        path.unlink()
        self.assertUnchanged()

    def test_a_changed_field_is_saved(self):
        seen = pathlib.Path(self.tmp, "seen.toml")
        ed = self.editor("(pathlib.Path(%r)).write_text(text)\n"
                         "path.write_text(text.replace('role = \"Dev\"', 'role = \"Staff Engineer\"'))"
                         % str(seen))
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 0)
        stored = self.stored()
        self.assertEqual(stored["role"], "Staff Engineer")
        self.assertEqual(stored["note"], "keep me")
        self.assertEqual(stored["id"], self.entry_id)
        # The editor was given the entry as TOML.
        shown = tomllib.loads(seen.read_text())
        self.assertEqual(shown["company"], "Acme")
        self.assertEqual(shown["role"], "Dev")
        self.assertEqual(shown["date"], D(2026, 11, 20))
        self.assertNoLeftovers()

    def test_invalid_toml_is_refused_with_its_position(self):
        ed = self.editor("path.write_text(text + '\\nthis is = = not toml\\n')")
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 65)
        place = re.search(r"(\S+\.toml):\d+:\d+:", r.err)
        self.assertIsNotNone(place, r.err)
        self.assertTrue(os.path.exists(place.group(1)), "the message never names a file that is gone")
        self.assertKept(r.err, "this is = = not toml")

    def test_an_invalid_value_is_refused(self):
        ed = self.editor("path.write_text(text.replace('stage = \"screen\"', 'stage = \"lunch\"'))")
        r = self.edit({"EDITOR": ed})
        self.assertIn(r.code, (64, 65), r.err)
        self.assertIn("stage", r.err)
        self.assertRegex(r.err, r"\.toml:\d+:\d+:")
        self.assertKept(r.err, 'stage = "lunch"')

    def test_a_date_later_than_tomorrow_is_refused(self):
        ed = self.editor("path.write_text(text.replace('2026-11-20', '2062-11-20'))")
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 64)
        self.assertIn("date 2062-11-20 is later than tomorrow", r.err)
        self.assertKept(r.err, "2062-11-20")

    def test_an_emptied_file_changes_nothing(self):
        ed = self.editor("path.write_text('')")
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 0)
        self.assertUnchanged()

    def test_an_unchanged_file_changes_nothing(self):
        ed = self.editor("pass")
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 0)
        self.assertUnchanged()

    def test_adding_an_id_line_is_refused(self):
        ed = self.editor("path.write_text('id = 99\\n' + text)")
        r = self.edit({"EDITOR": ed})
        self.assertIn(r.code, (64, 65), r.err)
        self.assertIn("id", r.err)
        self.assertKept(r.err, "id = 99")
        self.assertExit(self.bb("log", "show", "99"), 66)

    def test_a_change_made_while_the_editor_is_open_is_not_undone(self):
        # The editor changes the role, but while it is open a script records feedback.
        ed = self.editor(
            "import subprocess\n"
            "subprocess.run([%r, '--home', %r, 'log', 'feedback', '%d', 'Great answers'], check=True)\n"
            "path.write_text(text.replace('role = \"Dev\"', 'role = \"Lead\"'))"
            % (self.argv([])[0], self.home, self.entry_id))
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 75)
        self.assertIn("changed while you were editing", r.err)
        kept = re.search(r"kept in (\S+\.toml)", r.err)
        self.assertIsNotNone(kept, r.err)
        self.assertIn('role = "Lead"', pathlib.Path(kept.group(1)).read_text())
        stored = self.stored()
        self.assertEqual(stored["role"], "Dev")
        self.assertEqual(stored["feedback"]["text"], "Great answers")

    def test_editor_failure_changes_nothing(self):
        ed = self.editor("path.write_text(text.replace('Dev', 'Changed'))\nsys.exit(3)")
        r = self.edit({"EDITOR": ed})
        self.assertExit(r, 1)
        self.assertIn("3", r.err)
        self.assertUnchanged()

    def test_missing_editor_changes_nothing(self):
        r = self.edit({"EDITOR": os.path.join(self.tmp, "no-such-editor")})
        self.assertExit(r, 1)
        self.assertIn("no-such-editor", r.err)
        self.assertUnchanged()

    def test_on_a_terminal_an_invalid_edit_can_be_edited_again(self):
        # First run: break the file; second run (given the same, broken text back): repair it
        # and make a change. "Edit again?" is answered yes.
        marker = pathlib.Path(self.tmp, "ran-once")
        ed = self.editor("marker = pathlib.Path(%r)\n"
                         "if not marker.exists():\n"
                         "    marker.touch()\n"
                         "    path.write_text(text + '\\nbroken = = =\\n')\n"
                         "else:\n"
                         "    text = text.replace('broken = = =', '')\n"
                         "    path.write_text(text.replace('Dev', 'Second Try'))\n" % str(marker))
        code, output = self.bb_pty("log", "edit", self.entry_id, answer=b"y\n", env={"EDITOR": ed})
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"\.toml:\d+:\d+:", "the error was shown with its position")
        self.assertEqual(self.stored()["role"], "Second Try")
        self.assertNoLeftovers()

    def test_on_a_terminal_declining_to_edit_again_saves_nothing(self):
        ed = self.editor("path.write_text(text + '\\nbroken = = =\\n')")
        code, output = self.bb_pty("log", "edit", self.entry_id, answer=b"n\n", env={"EDITOR": ed})
        self.assertEqual(code, 65, output)
        self.assertKept(output.replace("\r\n", " "), "broken = = =")

    def test_visual_beats_editor(self):
        bad = self.editor("sys.exit(7)", name="editor-bad.py")
        good = self.editor("path.write_text(text.replace('Dev', 'Visual'))", name="visual.py")
        r = self.edit({"EDITOR": bad, "VISUAL": good})
        self.assertExit(r, 0)
        self.assertEqual(self.stored()["role"], "Visual")

    def test_editor_with_arguments_and_a_home_with_spaces(self):
        home = pathlib.Path(self.tmp, "my home; $(touch pwned) 'x'")
        entry_id = self.log("Acme", "--role", "Dev", home=home)
        args_log = pathlib.Path(self.tmp, "args.txt")
        script = self.write_script("edit.sh", """#!/bin/sh
printf '%%s\\n' "$#" "$1" > '%s'
sed -i 's/^role = .*/role = "Shell"/' "$1"
""" % args_log)
        r = self.bb("log", "edit", entry_id, home=home, env={"EDITOR": "sh %s" % script})
        self.assertExit(r, 0)
        count, path = args_log.read_text().splitlines()
        self.assertEqual(count, "1", "the file name is one argument")
        self.assertTrue(path.startswith(str(home) + "/"), path)
        self.assertEqual(json.loads(self.ok("log", "show", entry_id, "--json", home=home))["role"],
                         "Shell")
        self.assertFalse(pathlib.Path(self.tmp, "pwned").exists(), "no shell ran the file name")
        self.assertNoLeftovers()


class Remove(BounceTestCase):
    def test_rm_without_yes_off_a_terminal_is_refused(self):
        entry_id = self.log("Acme")
        before = self.snapshot()
        r = self.bb("log", "rm", entry_id)
        self.assertExit(r, 64)
        self.assertIn("--yes", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual([e["id"] for e in self.list_json()], [entry_id])

    def test_rm_yes_removes(self):
        keep = self.log("Globex", "--date", "2026-11-19")
        gone = self.log("Acme", "--date", "2026-11-20")
        r = self.bb("log", "rm", gone, "--yes")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\b%d\b" % gone)
        self.assertEqual([e["id"] for e in self.list_json()], [keep])
        self.assertExit(self.bb("log", "show", gone), 66)
        self.ok("log", "rm", keep, "-y")
        self.assertEqual(self.list_json(), [])
        self.assertFalse(self.path("rejections", "2026-11.toml").exists())

    def test_ids_are_never_reused(self):
        ids = [self.log(c) for c in ("A", "B", "C")]
        self.assertEqual(ids, [1, 2, 3])
        self.ok("log", "rm", "3", "--yes")
        self.assertEqual(self.log("D"), 4)
        self.ok("log", "rm", "4", "--yes")
        self.ok("log", "rm", "1", "--yes")
        self.ok("log", "rm", "2", "--yes")
        self.assertEqual(self.list_json(), [])
        self.assertEqual(self.log("E"), 5)

    def test_rm_unknown_id(self):
        r = self.bb("log", "rm", "5", "--yes")
        self.assertExit(r, 66)
        self.log("Acme")
        before = self.snapshot()
        r = self.bb("log", "rm", "5", "--yes")
        self.assertExit(r, 66)
        self.assertIn("5", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_rm_asks_on_a_terminal(self):
        entry_id = self.log("Acme")
        code, output = self.bb_pty("log", "rm", entry_id, answer=b"n\n")
        self.assertEqual(code, 0, output)
        self.assertIn("?", output, "it asks")
        self.assertEqual([e["id"] for e in self.list_json()], [entry_id])
        code, output = self.bb_pty("log", "rm", entry_id, answer=b"y\n")
        self.assertEqual(code, 0, output)
        self.assertEqual(self.list_json(), [])


class FreshHome(BounceTestCase):
    """Commands that need an entry, on a home where nothing was ever written."""

    def test_changes_to_a_missing_entry_are_66_not_an_io_error(self):
        for args in (("log", "edit", "1", "--role", "x"), ("log", "feedback", "1", "thanks"),
                     ("log", "rm", "1", "--yes"), ("log", "win", "rm", "1", "--yes")):
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 66)
                self.assertIn("no ", r.err)

    def test_a_bad_option_value_is_64_even_for_a_missing_entry(self):
        r = self.bb("log", "edit", "9", "--date", "soon")
        self.assertExit(r, 64)
        self.assertIn("--date", r.err)


if __name__ == "__main__":
    unittest.main()
