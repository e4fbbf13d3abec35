"""End-to-end: `bounceback log --url`, the job posting's address, from the command line to show,
the lists, exports, imports and feedback templates."""

import csv
import io
import json
import pathlib
import re
import tomllib
import unittest

from bbtest import BounceTestCase

URL = "https://jobs.acme.example/openings/42?ref=board&lang=en#apply"
OTHER = "http://careers.globex.example/7"

# A bad address, and what the error says of it.
BAD_URLS = {
    "ftp://jobs.acme.example/42": "must start with http:// or https://",
    "javascript:alert(1)": "must start with http:// or https://",
    "https:///openings/42": "has no host name",
    "https://jobs.acme.example/open ings/42": "holds a space",
    "https://jobs.acme.example/\x1b[31m42": "without control characters",
}


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


class LogUrl(BounceTestCase):
    def stored(self, home=None):
        """The rejections of November 2026 as tomllib reads them, by ID."""
        home = pathlib.Path(home or self.home)
        with open(home / "rejections" / "2026-11.toml", "rb") as f:
            return {r["id"]: r for r in tomllib.load(f)["rejection"]}

    def test_url_is_stored_and_shown(self):
        rid = self.log("Acme", "--url", URL, "--date", "2026-11-20")
        self.assertEqual(self.stored()[rid]["url"], URL)
        shown = self.ok("log", "show", str(rid))
        self.assertRegex(shown, r"(?m)^  url +" + re.escape(URL) + "$")
        self.assertEqual(json.loads(self.ok("log", "show", str(rid), "--json"))["url"], URL)
        # A record without one shows none.
        plain = self.log("Globex", "--date", "2026-11-21")
        self.assertNotIn("url", self.ok("log", "show", str(plain)))

    def test_lists_and_csv_export_carry_a_url_column(self):
        with_url = self.log("Acme", "--url", URL, "--date", "2026-11-20")
        without = self.log("Globex", "--date", "2026-11-21")
        rows = {r["id"]: r for r in self.list_json()}
        self.assertEqual(rows[with_url]["url"], URL)
        self.assertIsNone(rows[without].get("url"))
        for name, text in (("log list --csv", self.ok("log", "list", "--csv")),
                           ("export --csv", self.ok("export", "--csv", "--kind", "rejection"))):
            with self.subTest(command=name):
                rows = {r["id"]: r for r in csv_rows(text)}
                self.assertEqual(rows[str(with_url)]["url"], URL)
                self.assertEqual(rows[str(without)]["url"], "")

    def test_edit_sets_and_removes_the_url(self):
        rid = self.log("Acme", "--date", "2026-11-20")
        self.ok("log", "edit", str(rid), "--url", OTHER)
        self.assertEqual(self.stored()[rid]["url"], OTHER)
        self.ok("log", "edit", str(rid), "--url", "")
        self.assertNotIn("url", self.stored()[rid])
        self.assertNotIn(OTHER, self.ok("log", "show", str(rid)))
        self.assertIsNone(self.list_json()[0].get("url"))
        self.assertEqual(self.list_csv()[0]["url"], "")

    def test_bad_address_is_a_usage_error_that_changes_nothing(self):
        rid = self.log("Acme", "--url", URL, "--date", "2026-11-20")
        before = self.snapshot()
        for bad, why in BAD_URLS.items():
            for args in (["log", "Globex", "--url", bad], ["log", "edit", str(rid), "--url", bad]):
                with self.subTest(url=bad, command=args[:2]):
                    r = self.bb(*args)
                    self.assertExit(r, 64)
                    self.assertIn("--url", r.err)
                    self.assertIn(why, r.err)
                    self.assertNotIn("\x1b", r.err + r.out)
                    self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.stored()[rid]["url"], URL)

    def test_user_template_renders_the_url(self):
        rid = self.log("Acme", "--url", URL, "--date", "2026-11-20")
        self.write_file(self.path("templates", "posting.mustache"),
                        "Subject: About {{company}}\n\nThe posting: {{url}}\n")
        out = self.ok("feedback-email", str(rid), "--template", "posting")
        self.assertIn("\n\nThe posting: " + URL + "\n", out)

    def test_json_export_imports_into_a_new_home_with_the_url(self):
        rid = self.log("Acme", "--url", URL, "--date", "2026-11-20")
        self.log("Globex", "--date", "2026-11-21")
        backup = pathlib.Path(self.tmp, "backup.json")
        backup.write_text(self.ok("export"), encoding="utf-8")
        other = pathlib.Path(self.tmp, "other")
        self.ok("import", backup, home=other)
        self.assertEqual(self.stored(other)[rid]["url"], URL)
        self.assertNotIn("url", self.stored(other)[rid + 1])
        self.assertEqual(self.ok("export", home=other), backup.read_text(encoding="utf-8"))

    def test_sheet_job_link_column_is_kept(self):
        sheet = pathlib.Path(self.tmp, "sheet.csv")
        sheet.write_text("Company,Position,Rejected On,Stage,Job link\n"
                         f"Acme,Engineer,2026-11-20,Screen,{URL}\n"
                         "Globex,Analyst,2026-11-21,Application,\n", encoding="utf-8")
        self.ok("import", sheet)
        by_company = {r["company"]: r for r in self.stored().values()}
        self.assertEqual(by_company["Acme"]["url"], URL)
        self.assertNotIn("url", by_company["Globex"])
        self.assertIn(URL, self.ok("log", "show", str(by_company["Acme"]["id"])))


if __name__ == "__main__":
    unittest.main()
