"""End-to-end: `log` into a big month, where a record that sorts last is appended to the
month's text and any other is written with the whole month (bounceback(5), "Writing safely").

Either way the file must stay valid TOML (checked with Python's tomllib) holding every record
in order, and `bounceback doctor` must find nothing to fix.
"""

import datetime
import pathlib
import re
import subprocess
import sys
import time
import tomllib
import unittest

from bbtest import TODAY, BounceTestCase

REPO = pathlib.Path(__file__).resolve().parents[2]

# The first write into a month of records without identities gives each one a `uid` line of its
# own, right after its header, with the line end of the header (bounceback(5), "Identities");
# a new record has its uid among its other keys.
GIVEN_UID = re.compile(rb'^(\[\[rejection\]\](\r?\n))uid = "[0-9a-f-]{36}"\2', re.M)


def without_given_uids(data):
    """The month's bytes without the uid lines inserted after headers, and how many there were."""
    return GIVEN_UID.subn(rb"\1", data)


class LogAppend(BounceTestCase):
    def setUp(self):
        super().setUp()
        # About 200 rejections in November 2026, in the form bounceback wrote before records
        # had identities (uid).
        subprocess.run([sys.executable, str(REPO / "bench" / "make_stats_home.py"), self.home,
                        "30000", TODAY], check=True)
        self.month = pathlib.Path(self.home, "rejections", "2026-11.toml")

    def records(self):
        with open(self.month, "rb") as f:
            data = tomllib.load(f)
        self.assertEqual(data["version"], 1)
        self.assertEqual(set(data), {"version", "rejection"})
        return data["rejection"]

    def test_many_logs_keep_the_month_valid_and_in_order(self):
        before = self.records()
        self.assertGreater(len(before), 150)
        expected = [(r["date"], r["id"]) for r in before]
        # Mostly today's date (appended), some backdated (whole month), some through a cache
        # filled by a reader, one with feedback, tags and text that is not ASCII.
        plan = [(TODAY, ())] * 12 + [("2026-11-03", ())] + [(TODAY, ("--tag", "remote"))] * 3
        plan += [("2026-11-20", ("--note", "zwei\nZeilen, \"Anführung\"", "--feeling", "2"))]
        plan += [(TODAY, ("--key", "k-%d" % i, "--reason", "Ünïcode ✓")) for i in range(8)]
        for step, (date, extra) in enumerate(plan):
            if step % 5 == 4:
                time.sleep(0.05)  # old enough to be cached by the next reader
                self.ok("log", "list", "--since", "2026-11-01")
            new_id = self.log("Acme %d" % step, "--stage", "screen", "--date", date, *extra)
            expected.append((datetime.date.fromisoformat(date), new_id))
            expected.sort()
            records = self.records()
            self.assertEqual([(r["date"], r["id"]) for r in records], expected,
                             "after step %d (%s)" % (step, date))
        last = self.records()[-1]
        self.assertEqual(last["reason"], "Ünïcode ✓")
        self.assertEqual(last["key"], "k-7")
        noted = [r for r in self.records() if r.get("note")]
        self.assertEqual([r["note"] for r in noted], ["zwei\nZeilen, \"Anführung\""])
        # The same key again adds nothing and prints the same ID.
        self.assertEqual(self.log("Acme", "--date", TODAY, "--key", "k-7"), last["id"])
        self.assertEqual(len(self.records()), len(expected))
        listed = self.list_json("--since", "2026-11-01")
        self.assertEqual([e["id"] for e in listed], [i for _, i in expected])
        doctor = self.bb("doctor")
        self.assertExit(doctor, 0)

    def test_a_hand_edited_month_keeps_its_comments(self):
        text = self.month.read_text(encoding="utf-8")
        edited = "# November, kept by hand\n" + text.rstrip("\n") + "  # last line, no newline"
        self.month.write_text(edited, encoding="utf-8")
        count = len(self.records())
        new_id = self.log("Globex", "--date", TODAY)
        after, given = without_given_uids(self.month.read_bytes())
        self.assertEqual(given, count, "each old record has its uid line after its header")
        after = after.decode("utf-8")
        self.assertTrue(after.startswith(edited + "\n"), after[-300:])
        records = self.records()
        self.assertEqual(len(records), count + 1)
        self.pop_uids(records)
        self.assertEqual((records[-1]["id"], records[-1]["company"]), (new_id, "Globex"))
        self.assertExit(self.bb("doctor"), 0)

    def test_a_month_with_crlf_line_ends_keeps_them(self):
        crlf = self.month.read_bytes().replace(b"\n", b"\r\n")
        self.month.write_bytes(crlf)
        count = len(self.records())
        new_id = self.log("Globex", "--date", TODAY, "--note", "appended")
        after, given = without_given_uids(self.month.read_bytes())
        self.assertEqual(given, count, "each old record has its uid line, ending in CR LF")
        self.assertTrue(after.startswith(crlf), "the month is kept byte for byte, but for uids")
        added = after[len(crlf):]
        self.assertIn(b"Globex", added)
        self.assertEqual(added.count(b"\n"), added.count(b"\r\n"), "every new line ends in CR LF")
        self.assertNotIn(b"\r\r", after)
        self.assertNotIn(b"\r\r", self.month.read_bytes())
        records = self.records()
        self.assertEqual(len(records), count + 1)
        self.pop_uids(records)
        self.assertEqual((records[-1]["id"], records[-1]["note"]), (new_id, "appended"))
        self.assertExit(self.bb("doctor"), 0)


if __name__ == "__main__":
    unittest.main()
