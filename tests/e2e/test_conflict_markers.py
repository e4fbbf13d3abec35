"""End-to-end: a data file holding the markers git leaves where it could not merge is refused by
every command that reads it, with the line of the conflict and what to do, and nothing is written.
"""

import unittest

from bbtest import BounceTestCase

MESSAGE = "unresolved merge conflict: run bounceback sync, or resolve it"


def with_conflict(text, line, ours, theirs):
    """`text` with its line `line` (exact) replaced by a conflict between `ours` and `theirs`, as
    git writes it; returns (new text, the 1-based line of the `<<<<<<<` marker)."""
    lines = text.split("\n")
    at = lines.index(line)
    lines[at:at + 1] = ["<<<<<<< HEAD", ours, "=======", theirs, ">>>>>>> origin/main"]
    return "\n".join(lines), at + 1


class ConflictMarkers(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.log("Initech", "--date", "2026-10-10")
        self.log("Acme", "--date", "2026-11-02", "--role", "Engineer")
        self.ok("log", "list")  # the months are cached: the cache must not hide the markers
        self.november = self.path("rejections", "2026-11.toml")

    def conflict_in_november(self):
        text, line = with_conflict(self.november.read_text(), 'role = "Engineer"',
                                   'role = "Staff engineer"', 'role = "Senior engineer"')
        self.november.write_text(text)
        return "%s:%d: %s" % (self.november, line, MESSAGE)

    def assertRefused(self, args, expected):
        before = self.snapshot()
        r = self.bb(*args)
        self.assertExit(r, 65)
        self.assertIn(expected, r.out + r.err)
        self.assertEqual(self.snapshot(), before, "nothing was written")
        self.assertNoLeftovers()
        return r

    def test_reading_commands_refuse_a_month_with_markers(self):
        expected = self.conflict_in_november()
        for args in (("log", "list"), ("log", "list", "--json"),
                     ("log", "list", "--since", "2026-11-01"), ("log", "show", "2"),
                     ("stats", "--all")):
            with self.subTest(args=args):
                r = self.assertRefused(args, expected)
                self.assertEqual(r.out, "", "no partial listing")

    def test_writing_commands_refuse_a_month_with_markers(self):
        expected = self.conflict_in_november()
        for args in (("log", "Globex", "--date", "2026-11-20"), ("log", "edit", "2", "--role", "x"),
                     ("log", "rm", "2", "--yes"), ("log", "feedback", "2", "thanks"),
                     ("log", "edit", "1", "--date", "2026-11-03")):
            with self.subTest(args=args):
                self.assertRefused(args, expected)

    def test_other_months_still_work(self):
        self.conflict_in_november()
        broken = self.november.read_bytes()
        self.log("Globex", "--date", "2026-10-20")
        october = self.list_json("--since", "2026-10-01", "--until", "2026-10-31")
        self.assertEqual(sorted(e["company"] for e in october), ["Globex", "Initech"])
        self.assertEqual(self.november.read_bytes(), broken)

    def test_doctor_reports_the_conflict_the_same_way(self):
        expected = self.conflict_in_november()
        r = self.assertRefused(("doctor",), expected)
        self.assertNotIn("all good", r.out)
        r = self.assertRefused(("doctor", "--fix"), expected)

    def test_markers_inside_a_note_that_still_parses(self):
        # bounceback writes a note of several lines as one line with \n, but a person may write
        # a multi-line string by hand; a conflict inside one leaves a file TOML reads.
        text = self.november.read_text().replace(
            'role = "Engineer"', 'note = """\nfirst line\nsecond line\n"""\nrole = "Engineer"')
        text, line = with_conflict(text, "second line", "mine", "theirs")
        self.november.write_text(text)
        expected = "%s:%d: %s" % (self.november, line, MESSAGE)
        self.assertRefused(("log", "list"), expected)
        self.assertRefused(("doctor",), expected)

    def test_marker_like_lines_that_are_no_conflict_are_text(self):
        note = "Title\n=======\n<<<<<<< not a conflict"
        self.ok("log", "edit", "2", "--note", note)
        self.assertEqual(self.ok("log", "show", "2", "--json").count("not a conflict"), 1)
        self.assertEqual([e.get("note") for e in self.list_json() if e["id"] == 2], [note])
        self.assertExit(self.bb("doctor"), 0)

    def test_config_with_markers(self):
        self.ok("init", "--name", "Sam")
        path = self.path("config.toml")
        text, at = with_conflict(path.read_text(), 'name = "Sam"', 'name = "Sam Lee"',
                                 'name = "Samantha"')
        path.write_text(text)
        expected = "%s:%d: %s" % (path, at, MESSAGE)
        self.assertRefused(("stats",), expected)
        self.assertRefused(("doctor",), expected)

    def test_store_with_markers(self):
        # store.toml is derived (never synced): doctor names the conflict, and log reads the
        # file as missing, counting the next ID after every ID on disk.
        path = self.path("store.toml")
        text, at = with_conflict(path.read_text(), "rejection = 3", "rejection = 4",
                                 "rejection = 5")
        path.write_text(text)
        self.assertRefused(("doctor",), "%s:%d: %s" % (path, at, MESSAGE))
        self.assertEqual(self.log("Globex", "--date", "2026-11-20"), 3)
        self.assertNotIn("<<<<<<<", path.read_text())


if __name__ == "__main__":
    unittest.main()
