"""End-to-end: `bounceback log COMPANY …` adds a rejection."""

import datetime
import json
import pathlib
import unittest

from bbtest import UID_LINE, BounceTestCase, mask_uid_lines

D = datetime.date

EVERY_FIELD = [
    "--role", "Backend Engineer",
    "--stage", "onsite",
    "--date", "2026-11-20",
    "--applied", "2026-11-01",
    "--source", "referral",
    "--contact", "Jane Q. Doe",
    "--email", "jane@acme.example",
    "--reason", "Went with someone more senior",
    "--note", "Line one\nLine two, with \"quotes\"",
    "--tag", "remote",
    "--tag", "backend",
    "--feeling", "2",
    "--key", "msg-0001",
]

EVERY_FIELD_TOML = {
    "id": 1,
    "company": "Zürich Software AG",
    "role": "Backend Engineer",
    "stage": "onsite",
    "date": D(2026, 11, 20),
    "applied": D(2026, 11, 1),
    "source": "referral",
    "contact": "Jane Q. Doe",
    "email": "jane@acme.example",
    "reason": "Went with someone more senior",
    "note": "Line one\nLine two, with \"quotes\"",
    "tags": ["remote", "backend"],
    "feeling": 2,
    "key": "msg-0001",
}


def jsonable(record):
    """A TOML record as its JSON form should look: dates as ISO strings."""
    out = {}
    for key, value in record.items():
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, dict):
            value = jsonable(value)
        out[key] = value
    return out


class LogAdd(BounceTestCase):
    def test_every_field_option_is_stored_in_the_month_file(self):
        r = self.bb("log", "Zürich Software AG", *EVERY_FIELD)
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"[Rr]ejection 1\b", "human output names the new ID")
        self.assertEqual(r.err, "")
        doc = self.read_toml("rejections", "2026-11.toml")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(set(doc), {"version", "rejection"})
        self.assertEqual(self.pop_uids(doc["rejection"]), [EVERY_FIELD_TOML])

    def test_minimal_entry_omits_absent_values_and_defaults_to_today(self):
        self.ok("log", "Acme")
        doc = self.read_toml("rejections", "2026-11.toml")
        self.assertEqual(self.pop_uids(doc["rejection"]),
                         [{"id": 1, "company": "Acme", "date": D(2026, 11, 25)}])

    def test_porcelain_prints_exactly_the_id(self):
        r = self.bb("log", "Acme", "--porcelain")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "1\n")
        r = self.bb("log", "Globex", "--stage", "screen", "--porcelain")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "2\n")

    def test_json_keys_and_values_match_the_toml_file(self):
        out = self.ok("log", "Zürich Software AG", *EVERY_FIELD, "--json")
        entry = json.loads(out)
        self.assertIsInstance(entry, dict)
        stored = self.read_toml("rejections", "2026-11.toml")["rejection"][0]
        self.assertEqual(set(entry), set(stored))
        self.assertEqual(entry, jsonable(stored))

    def test_json_of_a_minimal_entry_has_no_empty_values(self):
        entry = json.loads(self.ok("log", "Acme", "--json"))
        self.assertEqual(self.pop_uids(entry), {"id": 1, "company": "Acme", "date": "2026-11-25"})

    def test_date_forms(self):
        # BOUNCEBACK_TODAY is 2026-11-25, a Wednesday.
        forms = [
            ("2026-11-20", "2026-11-20"),
            ("today", "2026-11-25"),
            ("yesterday", "2026-11-24"),
            ("3 days ago", "2026-11-22"),
            ("2 weeks ago", "2026-11-11"),
            ("last monday", "2026-11-23"),
            ("last wednesday", "2026-11-18"),
            ("2024-02-29", "2024-02-29"),
        ]
        for form, expected in forms:
            with self.subTest(date=form):
                entry_id = self.log("Acme " + form, "--date", form)
                shown = json.loads(self.ok("log", "show", entry_id, "--json"))
                self.assertEqual(shown["date"], expected)
                applied_id = self.log("Applied " + form, "--applied", form, "--date", "2026-11-25")
                shown = json.loads(self.ok("log", "show", applied_id, "--json"))
                self.assertEqual(shown["applied"], expected)

    def test_bad_dates_are_usage_errors_and_change_nothing(self):
        for option in ("--date", "--applied"):
            for n, value in enumerate(("2026-02-30", "soon", "", "2026-13-01", "3 parsecs ago")):
                if (option, value) == ("--applied", ""):
                    continue  # test_empty_applied_is_not_a_date
                with self.subTest(option=option, value=value):
                    # On a fresh home nothing is created...
                    home = pathlib.Path(self.tmp, "fresh%s%d" % (option, n))
                    r = self.bb("log", "Acme", option, value, home=home)
                    self.assertExit(r, 64)
                    self.assertIn(option, r.err)
                    self.assertIn("'%s'" % value, r.err)
                    self.assertFalse(home.exists(), "the home must not be created")
        # ...and on a home with data nothing changes.
        self.log("Initech", "--date", "2026-11-02")
        before = self.snapshot()
        for option in ("--date", "--applied"):
            for value in ("2026-02-30", "soon", "") if option == "--date" else ("2026-02-30", "soon"):
                with self.subTest(existing_home=True, option=option, value=value):
                    r = self.bb("log", "Acme", option, value)
                    self.assertExit(r, 64)
                    self.assertIn(option, r.err)
                    self.assertIn("'%s'" % value, r.err)
                    self.assertEqual(self.snapshot(), before)

    def test_dates_later_than_tomorrow_are_refused(self):
        self.log("Acme")
        before = self.snapshot()
        cases = (("log", "Globex", "--date", "2062-11-20"),
                 ("log", "Globex", "--date", "2026-11-27"),
                 ("log", "Globex", "--applied", "9999-12-31"),
                 ("log", "edit", "1", "--date", "2062-11-20"),
                 ("log", "feedback", "1", "Kind words", "--date", "2027-01-01"),
                 ("log", "win", "A win", "--date", "2062-11-20"),
                 ("reflect", "--mood", "3", "--date", "2062-11-20"))
        for args in cases:
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 64)
                value = args[args.index("--date") + 1] if "--date" in args else args[-1]
                option = "--date" if "--date" in args else "--applied"
                self.assertIn("%s: '%s' is later than tomorrow (today is 2026-11-25)"
                              % (option, value), r.err)
                self.assertIn("is the year right?", r.err)
                self.assertEqual(self.snapshot(), before)
        # Tomorrow is fine: the day may have begun where it happened.
        self.assertEqual(self.log("Initech", "--date", "2026-11-26"), 2)

    def test_date_errors_read_cleanly(self):
        for value, reason in (("2026-02-30", "February 2026 has days 01 to 28"),
                              ("2026-13-01", "a year has months 01 to 12"),
                              ("1899-12-31", "bounceback keeps the years 1900 to 9999"),
                              ("soon", "write YYYY-MM-DD, today, yesterday")):
            with self.subTest(value=value):
                r = self.bb("log", "Acme", "--date", value)
                self.assertExit(r, 64)
                self.assertIn("--date: '%s' is not a date: %s" % (value, reason), r.err)
                self.assertNotIn("((", r.err)
                self.assertNotIn("))", r.err)

    def test_empty_applied_is_not_a_date(self):
        # DESIGN.md: "a date that is not a date is an error, never a guess"; in `log` (unlike
        # `log edit`, where '' removes a field) an empty --applied must not be silently dropped.
        r = self.bb("log", "Acme", "--applied", "")
        self.assertExit(r, 64)
        self.assertIn("--applied", r.err)
        self.assertIn("''", r.err)
        self.assertIsNone(self.snapshot(), "the home must not be created")

    def test_bad_stage_suggests_the_nearest(self):
        r = self.bb("log", "Acme", "--stage", "scren")
        self.assertExit(r, 64)
        self.assertIn("--stage", r.err)
        self.assertIn("scren", r.err)
        self.assertIn("did you mean 'screen'", r.err)
        self.assertIsNone(self.snapshot())

    def test_every_stage_is_accepted(self):
        for stage in ("application", "screen", "technical", "onsite", "final", "offer"):
            with self.subTest(stage=stage):
                entry_id = self.log("Acme", "--stage", stage)
                self.assertEqual(json.loads(self.ok("log", "show", entry_id, "--json"))["stage"], stage)

    def test_bad_feeling(self):
        for value in ("0", "6", "x"):
            with self.subTest(feeling=value):
                r = self.bb("log", "Acme", "--feeling", value)
                self.assertExit(r, 64)
                self.assertIn("--feeling", r.err)
                self.assertIn(value, r.err)
                self.assertIsNone(self.snapshot())

    def test_feelings_one_to_five_are_stored(self):
        for value in range(1, 6):
            entry_id = self.log("Acme", "--feeling", str(value))
            self.assertEqual(json.loads(self.ok("log", "show", entry_id, "--json"))["feeling"], value)

    def test_bad_email(self):
        for value in ("not-an-email", "jane@", "jane doe@acme.example", "<jane@acme.example>"):
            with self.subTest(email=value):
                r = self.bb("log", "Acme", "--email", value)
                self.assertExit(r, 64)
                self.assertIn("--email", r.err)
                self.assertIn(value, r.err)
                self.assertIsNone(self.snapshot())

    def test_bad_tags_and_fractional_feeling(self):
        for args, option, value in ((("--tag", "a;b"), "--tag", "a;b"),
                                    (("--tag", "a,b"), "--tag", "a,b"),
                                    (("--feeling", "2.5"), "--feeling", "2.5"),
                                    (("--role", "Dev\nOps"), "--role", "Dev")):
            with self.subTest(args=args):
                r = self.bb("log", "Acme", *args)
                self.assertExit(r, 64)
                self.assertIn(option, r.err)
                self.assertIn(value, r.err)
                self.assertIsNone(self.snapshot())

    def test_company_named_like_a_subcommand(self):
        # `bounceback log --help` documents: "A company literally named like a subcommand
        # (list, show …) can be logged with: bounceback log -- list".
        r = self.bb("log", "--", "list")
        self.assertExit(r, 0)
        self.assertNotIn("did you mean", r.err, "the name was meant")
        r = self.bb("log", "--stage", "screen", "--porcelain", "--", "show")
        self.assertExit(r, 0)
        entries = self.list_json()
        self.assertEqual([e["company"] for e in entries], ["list", "show"])
        self.assertEqual(r.out, "%d\n" % entries[1]["id"])

    def test_a_company_that_looks_like_a_typo_is_logged_with_a_note(self):
        r = self.bb("log", "lsit")
        self.assertExit(r, 0)
        self.assertIn("list", r.err, "a hint that `log list` may have been meant")
        self.assertEqual([e["company"] for e in self.list_json()], ["lsit"])

    def test_applied_after_the_rejection_date(self):
        r = self.bb("log", "Acme", "--date", "2026-11-20", "--applied", "2026-11-21")
        self.assertExit(r, 64)
        self.assertIn("applied", r.err)
        self.assertIn("2026-11-21", r.err)
        self.assertIsNone(self.snapshot())

    def test_company_must_be_one_nonempty_line(self):
        for company in ("", "Acme\nCorp", "Acme\rCorp", "Acme\x1b[31m"):
            with self.subTest(company=company):
                r = self.bb("log", company)
                self.assertExit(r, 64)
                self.assertTrue(r.err.startswith("bounceback: error:"), r.err)
                self.assertIsNone(self.snapshot())

    def test_no_company_at_all(self):
        r = self.bb("log")
        self.assertExit(r, 64)
        self.assertIsNone(self.snapshot())

    def test_same_key_twice_makes_one_entry(self):
        first = self.log("Acme", "--key", "mail-42")
        second = self.log("Acme", "--key", "mail-42")
        self.assertEqual(first, second)
        # A different company with the same key is still the same entry, and human output names it.
        r = self.bb("log", "Acme Again", "--key", "mail-42")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\b%d\b" % first)
        entries = self.list_json()
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["company"], "Acme")
        self.assertEqual(entries[0]["key"], "mail-42")
        # Another key makes another entry.
        self.assertNotEqual(self.log("Acme", "--key", "mail-43"), first)
        self.assertEqual(len(self.list_json()), 2)

    def test_ids_count_up_across_months(self):
        self.assertEqual(self.log("A", "--date", "2026-11-03"), 1)
        self.assertEqual(self.log("B", "--date", "2026-09-30"), 2)
        self.assertEqual(self.log("C", "--date", "2026-11-01"), 3)
        ids = [e["id"] for e in self.list_json()]
        self.assertEqual(sorted(ids), [1, 2, 3])
        self.assertEqual(self.read_toml("rejections", "2026-09.toml")["rejection"][0]["id"], 2)
        self.assertEqual([e["id"] for e in self.read_toml("rejections", "2026-11.toml")["rejection"]],
                         [3, 1])

    def test_json_and_porcelain_together_is_a_usage_error(self):
        r = self.bb("log", "Acme", "--json", "--porcelain")
        self.assertExit(r, 64)
        self.assertIn("--json", r.err)
        self.assertIsNone(self.snapshot())

    def test_written_file_is_deterministic(self):
        # The same entries logged into two homes give byte-identical files, but for the random
        # identity (its line is in the same place in both).
        self.bb("log", "Zürich Software AG", *EVERY_FIELD)
        first = self.path("rejections", "2026-11.toml").read_bytes()
        other = pathlib.Path(self.tmp, "other")
        r = self.bb("log", "Zürich Software AG", *EVERY_FIELD, home=other)
        self.assertExit(r, 0)
        self.assertEqual(mask_uid_lines((other / "rejections" / "2026-11.toml").read_bytes()),
                         mask_uid_lines(first))
        self.assertEqual(len(UID_LINE.findall(first)), 1, first)
        self.assertTrue(first.startswith(b"version = 1\n"), first[:40])


if __name__ == "__main__":
    unittest.main()
