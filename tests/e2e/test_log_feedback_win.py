"""End-to-end: `bounceback log feedback` and `bounceback log win`."""

import csv
import datetime
import io
import json
import unittest

from bbtest import BounceTestCase

D = datetime.date


class Feedback(BounceTestCase):
    def test_feedback_is_stored_with_text_received_and_areas(self):
        entry_id = self.log("Acme", "--date", "2026-11-20", "--role", "Dev")
        text = "Strong, but wanted more system design depth.\nTry again in a year."
        r = self.bb("log", "feedback", entry_id, text, "--area", "interview", "--area", "technical")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\b%d\b" % entry_id)
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"][0]
        self.assertEqual(stored["feedback"], {"text": text, "received": D(2026, 11, 25),
                                              "areas": ["interview", "technical"]})
        self.assertEqual(stored["role"], "Dev", "other fields are kept")
        shown = json.loads(self.ok("log", "show", entry_id, "--json"))
        self.assertEqual(shown["feedback"], {"text": text, "received": "2026-11-25",
                                             "areas": ["interview", "technical"]})

    def test_feedback_without_areas(self):
        entry_id = self.log("Acme")
        self.ok("log", "feedback", entry_id, "Not this time")
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"][0]
        self.assertEqual(stored["feedback"], {"text": "Not this time", "received": D(2026, 11, 25)})

    def test_show_displays_feedback(self):
        entry_id = self.log("Acme")
        self.ok("log", "feedback", entry_id, "Less cloud experience than others", "--area", "experience")
        out = self.ok("log", "show", entry_id)
        self.assertIn("Less cloud experience than others", out)
        self.assertIn("experience", out)
        self.assertIn("2026-11-25", out)
        # The list shows that feedback came.
        self.assertIn("received", self.ok("log", "list"))

    def test_feedback_for_an_unknown_id(self):
        self.log("Acme")
        before = self.snapshot()
        r = self.bb("log", "feedback", "9", "text")
        self.assertExit(r, 66)
        self.assertIn("9", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_feedback_bad_values(self):
        entry_id = self.log("Acme")
        before = self.snapshot()
        for args in (("",), ("ok", "--area", "two words"), ("ok", "--area", "a,b")):
            with self.subTest(args=args):
                r = self.bb("log", "feedback", entry_id, *args)
                self.assertExit(r, 64)
                self.assertEqual(self.snapshot(), before)
        r = self.bb("log", "feedback", entry_id)
        self.assertExit(r, 64)


class Wins(BounceTestCase):
    def test_log_win(self):
        r = self.bb("log", "win", "Finished the take-home I was dreading")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\b1\b")
        doc = self.read_toml("wins", "2026-11.toml")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(self.pop_uids(doc["win"]), [{"id": 1, "date": D(2026, 11, 25),
                                       "text": "Finished the take-home I was dreading"}])

    def test_win_ids_are_their_own(self):
        self.log("Acme")
        self.log("Globex")
        r = self.bb("log", "win", "Went for a run", "--porcelain")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "1\n")
        self.assertEqual(self.bb("log", "win", "Called a friend", "--porcelain").out, "2\n")
        self.assertEqual(self.log("Initech"), 3)

    def test_win_date(self):
        for form, expected in (("2026-10-02", D(2026, 10, 2)), ("yesterday", D(2026, 11, 24)),
                               ("last monday", D(2026, 11, 23))):
            with self.subTest(date=form):
                win_id = int(self.ok("log", "win", "on " + form, "--date", form, "--porcelain"))
                month = "%04d-%02d.toml" % (expected.year, expected.month)
                wins = {w["id"]: w for w in self.read_toml("wins", month)["win"]}
                self.assertEqual(wins[win_id]["date"], expected)
        r = self.bb("log", "win", "x", "--date", "soon")
        self.assertExit(r, 64)
        self.assertIn("--date", r.err)
        self.assertIn("soon", r.err)

    def test_win_json(self):
        out = self.ok("log", "win", "Sent three tailored applications", "--json")
        self.assertEqual(self.pop_uids(json.loads(out)), {"id": 1, "date": "2026-11-25",
                                           "text": "Sent three tailored applications"})

    def test_empty_win_is_a_usage_error(self):
        for args in (("",), ()):
            with self.subTest(args=args):
                r = self.bb("log", "win", *args)
                self.assertExit(r, 64)
                self.assertIsNone(self.snapshot(), "nothing is created")

    def add_wins(self):
        a = int(self.ok("log", "win", "Got a second interview at Initech", "--porcelain"))
        b = int(self.ok("log", "win", 'Said "no", kindly, to a bad fit\nand meant it', "--date",
                        "2026-10-02", "--porcelain"))
        c = int(self.ok("log", "win", "株式会社テスト replied", "--date", "2026-11-01", "--porcelain"))
        return a, b, c

    def test_win_list_table(self):
        a, b, c = self.add_wins()
        out = self.ok("log", "win", "list")
        lines = out.splitlines()
        self.assertIn("Got a second interview at Initech", out)
        self.assertIn("株式会社テスト replied", out)
        order = [out.index("2026-10-02"), out.index("2026-11-01"), out.index("2026-11-25")]
        self.assertEqual(order, sorted(order), "by date")
        self.assertTrue(any(line.lstrip().startswith("%d " % a) for line in lines), out)

    def test_win_list_json_and_csv(self):
        a, b, c = self.add_wins()
        data = json.loads(self.ok("log", "win", "list", "--json"))
        uids = [w["uid"] for w in data]
        self.assertEqual(len(set(uids)), 3, "each win has its own uid")
        self.assertEqual(self.pop_uids(data), [
            {"id": b, "date": "2026-10-02", "text": 'Said "no", kindly, to a bad fit\nand meant it'},
            {"id": c, "date": "2026-11-01", "text": "株式会社テスト replied"},
            {"id": a, "date": "2026-11-25", "text": "Got a second interview at Initech"},
        ])
        rows = list(csv.DictReader(io.StringIO(self.ok("log", "win", "list", "--csv"), newline="")))
        self.assertEqual([dict(row) for row in rows], [
            {"id": str(w["id"]), "date": w["date"], "text": w["text"], "uid": uid}
            for w, uid in zip(data, uids)])
        self.assertEqual(list(rows[0])[-1], "uid", "uid is the last column")
        since = json.loads(self.ok("log", "win", "list", "--json", "--since", "2026-11-01"))
        self.assertEqual([w["id"] for w in since], [c, a])

    def test_win_list_empty(self):
        r = self.bb("log", "win", "list")
        self.assertExit(r, 0)
        self.assertTrue(r.out.strip())
        self.assertEqual(json.loads(self.ok("log", "win", "list", "--json")), [])

    def test_win_rm(self):
        a, b, c = self.add_wins()
        before = self.snapshot()
        r = self.bb("log", "win", "rm", b)
        self.assertExit(r, 64)
        self.assertEqual(self.snapshot(), before)
        self.ok("log", "win", "rm", b, "--yes")
        ids = [w["id"] for w in json.loads(self.ok("log", "win", "list", "--json"))]
        self.assertEqual(ids, [c, a])
        self.assertFalse(self.path("wins", "2026-10.toml").exists())
        r = self.bb("log", "win", "rm", b, "--yes")
        self.assertExit(r, 66)
        # Win IDs are not reused either.
        self.ok("log", "win", "rm", a, "--yes")
        self.assertEqual(int(self.ok("log", "win", "new", "--porcelain")), max(a, b, c) + 1)


if __name__ == "__main__":
    unittest.main()
