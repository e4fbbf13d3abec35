"""End-to-end: a record is never acted on twice, nor silently (issue 15).

- An ID two records hold (a hand edit, a bad merge, an old crash) is refused by every command
  that is given it (exit 65, both places as FILE:LINE), marked by the lists, and given a new ID
  by `doctor --fix` (a reflection linked to it follows the copy it was written after).
- A move to another month that was cut short (.move.toml left behind) is read as done by every
  command and finished by the next one that takes the lock.
- `doctor` changes nothing; `doctor --fix` repairs what it can, under the lock, printing each
  change; its advice about modes never says to chmod a symbolic link, and no line is printed
  twice.
"""

import csv
import io
import json
import os
import re
import unittest

from bbtest import BounceTestCase

INITECH = '\n[[rejection]]\ncompany = "Initech"\ndate = 2026-11-03\nid = 1\n'


class HeldTwice(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.log("Acme", "--date", "2026-10-10", "--stage", "onsite")  # rejection 1
        self.log("Globex", "--date", "2026-11-01")  # rejection 2
        # A bad merge puts another rejection 1 in November, on line 9 of the file (after
        # Globex's uid line).
        november = self.path("rejections", "2026-11.toml")
        self.write_file(november, november.read_text() + INITECH)
        self.places = [str(self.path("rejections", "2026-10.toml")) + ":3",
                       str(november) + ":9"]
        self.assertEqual(november.read_text().splitlines()[8], "[[rejection]]")

    def test_every_command_given_the_id_refuses_naming_both_places(self):
        before = self.snapshot()
        for args in (("log", "show", "1"), ("log", "show", "1", "--json"),
                     ("log", "edit", "1", "--note", "x"), ("log", "rm", "1", "--yes"),
                     ("log", "feedback", "1", "Thanks"), ("reflect", "1", "--mood", "3"),
                     ("feedback-email", "1"), ("feedback-email", "1", "--mark-sent")):
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 65)
                self.assertIn("rejection 1 is stored twice, at %s and %s" % tuple(self.places),
                              r.err)
                self.assertIn("bounceback doctor --fix", r.err)
                self.assertEqual(r.out, "")
                self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.ok("log", "show", "2", "--json").count("Globex"), 1)

    def test_the_lists_mark_it(self):
        r = self.bb("log", "list")
        self.assertExit(r, 0)
        rows = [line for line in r.out.splitlines() if re.match(r"^\d+\*?\s+\d{4}-", line)]
        self.assertEqual([row.split()[0] for row in rows], ["1*", "2", "1*"])
        self.assertIn("* rejection 1 is stored twice, at %s and %s" % tuple(self.places), r.out)
        # Machine output is the records as stored; the note goes to stderr.
        r = self.bb("log", "list", "--json")
        self.assertExit(r, 0)
        self.assertEqual([e["id"] for e in json.loads(r.out)], [1, 2, 1])
        self.assertIn("rejection 1 is stored twice", r.err)
        r = self.bb("log", "list", "--csv")
        self.assertEqual([row["id"] for row in csv.DictReader(io.StringIO(r.out, newline=""))],
                         ["1", "2", "1"])
        self.assertIn("rejection 1 is stored twice", r.err)
        # A list that leaves one copy out has nothing to mark.
        r = self.bb("log", "list", "--since", "2026-11-02")
        self.assertNotIn("*", r.out)
        self.assertEqual(r.err, "")

    def test_doctor_reports_and_fix_gives_a_new_id(self):
        self.ok("reflect", "2", "--went-well", "calm")  # reflection 1, on Globex
        # Reflections written by hand about each rejection 1: before and after Initech's date.
        folder = self.path("reflections")
        self.write_file(folder / "2026-10.toml",
                        'version = 1\n\n[[reflection]]\ndate = 2026-10-12\nid = 2\nrejection = 1\n'
                        'went_well = ["rapport"]\n')
        self.write_file(folder / "2026-11.toml",
                        (folder / "2026-11.toml").read_text() +
                        '\n[[reflection]]\ndate = 2026-11-04\nid = 3\nrejection = 1\n'
                        'went_well = ["quick answer"]\n')
        self.write_file(self.path("store.toml"),
                        "version = 1\n[next]\nrejection = 3\nreflection = 4\n")
        before = self.snapshot()
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("rejection 1 is also at", r.out)
        self.assertEqual(self.snapshot(), before, "doctor without --fix changes nothing")

        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        fixed = [line for line in r.out.splitlines() if line.startswith("fixed:")]
        self.assertEqual(len(fixed), 2, r.out)
        self.assertIn("%s: rejection 1 (Initech, 2026-11-03) is now rejection 3; the one at %s "
                      "keeps ID 1" % (self.places[1], self.places[0]), fixed[0])
        self.assertIn("reflection 3 now links to rejection 3", fixed[1])
        self.assertIn("all good", r.out)
        self.assertEqual(self.ok("log", "show", "3", "--json").count("Initech"), 1)
        self.assertIn("Acme", self.ok("log", "show", "1"))
        links = {r["id"]: r.get("rejection") for r in json.loads(self.ok("reflect", "list", "--json"))}
        self.assertEqual(links, {1: 2, 2: 1, 3: 3})
        self.assertEqual(self.log("Hooli"), 4, "the counter moved past the new ID")
        self.assertExit(self.bb("doctor"), 0)

    def test_fix_removes_a_copy_that_is_the_same_in_every_field(self):
        november = self.path("rejections", "2026-11.toml")
        self.write_file(november, november.read_text().replace(INITECH, "") +
                        '\n[[rejection]]\ncompany = "Globex"\ndate = 2026-11-01\nid = 2\n')
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertIn("removed a copy of rejection 2 that was the same in every field", r.out)
        self.assertEqual([e["id"] for e in self.list_json()], [1, 2])


class MoveCutShort(BounceTestCase):
    """The state a kill leaves after a move to another month was written down (.move.toml) and
    the old month lost the record, before the new month got it."""

    def setUp(self):
        super().setUp()
        self.log("Acme", "--date", "2026-10-10", "--note", "old")
        self.log("Globex", "--date", "2026-11-01")
        self.write_file(self.path(".move.toml"),
                        'version = 1\nfrom = "2026-10"\nto = "2026-11"\nid = 1\n\n[rejection]\n'
                        'company = "Acme"\ndate = 2026-11-05\nid = 1\nnote = "moved"\n')
        os.unlink(self.path("rejections", "2026-10.toml"))

    def test_every_reader_sees_it_once_in_its_new_month(self):
        self.assertEqual([(e["id"], e["date"]) for e in self.list_json()],
                         [(2, "2026-11-01"), (1, "2026-11-05")])
        self.assertEqual(json.loads(self.ok("log", "show", "1", "--json"))["note"], "moved")
        self.assertEqual(self.list_json("--since", "2026-10-01", "--until", "2026-10-31"), [])
        stats = json.loads(self.ok("stats", "--all", "--json"))
        self.assertEqual(sum(w["rejections"]["total"] for w in stats["weeks"]), 2)
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertIn("moving rejection 1 from 2026-10 to 2026-11 was cut short", r.out)
        self.assertTrue(self.path(".move.toml").exists(), "doctor without --fix changes nothing")

    def test_the_next_writer_finishes_it(self):
        self.ok("routine", "habits", "add", "walk", "--per-week", "3")  # writes only config.toml
        self.assertFalse(self.path(".move.toml").exists())
        november = self.read_toml("rejections", "2026-11.toml")["rejection"]
        self.assertEqual([(r["id"], r.get("note")) for r in november], [(2, None), (1, "moved")])
        self.assertFalse(self.path("rejections", "2026-10.toml").exists())
        self.assertExit(self.bb("doctor"), 0)

    def test_doctor_fix_finishes_it(self):
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertIn("finished moving rejection 1 from 2026-10 to 2026-11", r.out)
        self.assertFalse(self.path(".move.toml").exists())


class DoctorAdvice(BounceTestCase):
    def test_modes_are_restored_by_fix_only(self):
        self.log("Acme", "--date", "2026-11-20")
        month = self.path("rejections", "2026-11.toml")
        os.chmod(month, 0o644)
        os.chmod(self.path("rejections"), 0o755)
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("chmod 600 %s" % month, r.out)
        self.assertEqual(self.mode(month), 0o644)
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertIn("fixed: %s: was readable by others (mode 0644); now 0600" % month, r.out)
        self.assertEqual(self.mode(month), 0o600)
        self.assertEqual(self.mode(self.path("rejections")), 0o700)

    def test_a_symlinked_home_is_never_told_to_chmod_the_link(self):
        # A home that is a symbolic link is refused (it could send the files elsewhere): no
        # command writes through it, doctor says so once, and --fix changes nothing.
        real = os.path.join(self.tmp, "real")
        os.mkdir(real, 0o755)
        os.chmod(real, 0o755)
        os.symlink(real, self.home)
        self.assertExit(self.bb("log", "Acme"), 77)
        self.assertEqual(os.listdir(real), [])
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("%s is a symbolic link" % self.home, r.out)
        self.assertNotIn("chmod", r.out)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), len(set(lines)), "no line printed twice")
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 65)
        self.assertNotIn("fixed:", r.out)
        self.assertEqual(self.mode(real), 0o755, "never changed through the link")
        self.assertEqual(os.listdir(real), [])

    def test_the_home_line_is_printed_once_under_home(self):
        self.log("Acme")
        os.chmod(self.home, 0o755)
        r = self.bb("doctor")
        self.assertEqual(r.out.count("chmod 700 %s" % self.home), 1, r.out)

    def test_leftover_temp_files_are_removed_by_fix_only(self):
        self.log("Acme", "--date", "2026-11-20")
        leftover = self.write_file(self.path("rejections", ".2026-11.toml.tmp-abcdef"), "half")
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertIn("doctor --fix", r.out)
        self.assertTrue(leftover.exists())
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertIn("fixed: %s: removed a temp file" % leftover, r.out)
        self.assertFalse(leftover.exists())

    def test_dates_later_than_tomorrow_are_flagged(self):
        self.log("Acme", "--date", "2026-11-20")
        month = self.path("rejections", "2062-11.toml")
        self.write_file(month, 'version = 1\n\n[[rejection]]\ncompany = "Typo"\n'
                               'date = 2062-11-20\nid = 5\n')
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertRegex(r.out, r"2062-11\.toml:3:\d+: rejection 5: date 2062-11-20 is later "
                                r"than tomorrow \(today is 2026-11-25\)")
        self.assertIn("bounceback log edit 5 --date", r.out)


if __name__ == "__main__":
    unittest.main()
