"""End-to-end: `bounceback log list` as a table, JSON and CSV, with filters."""

import csv
import io
import unicodedata
import unittest

from bbtest import BounceTestCase


def display_width(text):
    """Terminal columns: East Asian wide/full-width characters take 2, combining marks 0."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


class LogList(BounceTestCase):
    def add_sample(self):
        """Four entries over three months; returns name → ID."""
        ids = {}
        ids["acme"] = self.log("Acme Corp", "--date", "2026-10-05", "--stage", "screen",
                               "--tag", "remote")
        ids["globex"] = self.log("Globex", "--date", "2026-11-02", "--stage", "onsite",
                                 "--tag", "remote", "--tag", "senior")
        ids["labs"] = self.log("ACME Labs", "--date", "2026-11-20", "--stage", "screen")
        ids["initech"] = self.log("Initech", "--date", "2026-09-15", "--stage", "application",
                                  "--tag", "senior")
        return ids

    def ids(self, *args):
        return [e["id"] for e in self.list_json(*args)]

    # ---- table ----------------------------------------------------------------------------

    def test_table_columns_align_with_unicode_company_names(self):
        companies = ["Zürich Software AG", "株式会社テスト", "Cafe\u0301 Noir", "Acme", "Ünïcödé GmbH"]
        roles = ["Role%d" % i for i in range(len(companies))]
        for company, role in zip(companies, roles):
            self.log(company, "--role", role, "--stage", "screen", "--date", "2026-11-20")
        out = self.ok("log", "list")
        lines = out.splitlines()
        header = lines[0]
        self.assertIn("COMPANY", header)
        self.assertIn("ROLE", header)
        expected_column = display_width(header[: header.index("ROLE")])
        rows = [line for line in lines[1:] if any(c in line for c in companies)]
        self.assertEqual(len(rows), len(companies), out)
        for company, role in zip(companies, roles):
            line = next(l for l in rows if company in l)
            with self.subTest(company=company):
                self.assertIn(role, line)
                column = display_width(line[: line.index(role)])
                self.assertEqual(column, expected_column,
                                 "ROLE column starts at %d, expected %d:\n%s" % (column, expected_column, out))
                # The company cell starts where the header's COMPANY does.
                self.assertEqual(display_width(line[: line.index(company)]),
                                 display_width(header[: header.index("COMPANY")]))

    def test_table_shows_the_entries_in_date_order(self):
        ids = self.add_sample()
        out = self.ok("log", "list")
        self.assertNotIn("\x1b[", out, "no colour on a pipe")
        order = [out.index(name) for name in ("Initech", "Acme Corp", "Globex", "ACME Labs")]
        self.assertEqual(order, sorted(order), out)
        self.assertIn("2026-09-15", out)
        self.assertRegex(out, r"(?m)^\s*%d\s+2026-11-02\s+Globex" % ids["globex"])

    def test_empty_list_messages(self):
        r = self.bb("log", "list")
        self.assertExit(r, 0)
        self.assertNotRegex(r.out, r"ID\s+DATE", "no table header")
        self.assertIn("bounceback log", r.out, "an empty list says how to log one")
        self.add_sample()
        r = self.bb("log", "list", "--company", "no such company")
        self.assertExit(r, 0)
        self.assertNotRegex(r.out, r"ID\s+DATE", "no table header")
        self.assertTrue(r.out.strip(), "an empty filtered list still says so")
        self.assertEqual(self.list_json("--company", "no such company"), [])
        rows = self.list_csv("--company", "no such company")
        self.assertEqual(rows, [])

    # ---- filters --------------------------------------------------------------------------

    def test_filters(self):
        ids = self.add_sample()
        a, g, l, i = ids["acme"], ids["globex"], ids["labs"], ids["initech"]
        cases = [
            ((), [i, a, g, l]),
            (("--since", "2026-10-01"), [a, g, l]),
            (("--until", "2026-10-31"), [i, a]),
            (("--since", "2026-10-05", "--until", "2026-11-02"), [a, g]),  # both ends inclusive
            (("--since", "4 weeks ago"), [g, l]),  # 2026-10-28
            (("--until", "yesterday"), [i, a, g, l]),
            (("--since", "2026-11-21"), []),
            (("--stage", "screen"), [a, l]),
            (("--stage", "application"), [i]),
            (("--company", "acme"), [a, l]),  # case-insensitive substring
            (("--company", "ACME"), [a, l]),
            (("--company", "me la"), [l]),
            (("--company", "glob"), [g]),
            (("--tag", "senior"), [i, g]),
            (("--tag", "remote", "--stage", "screen"), [a]),
            (("--company", "acme", "--since", "2026-11-01"), [l]),
        ]
        for args, expected in cases:
            with self.subTest(args=args):
                self.assertEqual(self.ids(*args), expected)
                csv_ids = [int(row["id"]) for row in self.list_csv(*args)]
                self.assertEqual(csv_ids, expected)

    def test_company_and_tag_filters_ignore_case_beyond_ascii(self):
        zurich = self.log("Zürich Software AG", "--tag", "Öffentlich", "--date", "2026-11-20")
        self.log("Zug Labs", "--date", "2026-11-21")
        self.assertEqual(self.ids("--company", "ZÜRICH"), [zurich])
        self.assertEqual(self.ids("--tag", "öffentlich"), [zurich])

    def test_filters_apply_to_the_table(self):
        self.add_sample()
        out = self.ok("log", "list", "--stage", "screen")
        self.assertIn("Acme Corp", out)
        self.assertIn("ACME Labs", out)
        self.assertNotIn("Globex", out)
        self.assertNotIn("Initech", out)

    def test_bad_filter_values(self):
        self.add_sample()
        for args, option, value in [
            (("--since", "soon"), "--since", "soon"),
            (("--until", "2026-02-30"), "--until", "2026-02-30"),
            (("--stage", "intervew"), "--stage", "intervew"),
        ]:
            with self.subTest(args=args):
                r = self.bb("log", "list", *args)
                self.assertExit(r, 64)
                self.assertIn(option, r.err)
                self.assertIn(value, r.err)
                self.assertEqual(r.out, "")

    def test_json_and_csv_together_is_a_usage_error(self):
        r = self.bb("log", "list", "--json", "--csv")
        self.assertExit(r, 64)

    # ---- machine output -------------------------------------------------------------------

    def test_json_is_an_array_of_records_with_toml_keys(self):
        ids = self.add_sample()
        self.ok("log", "edit", ids["globex"], "--role", "SRE", "--feeling", "3", "--note", "n")
        data = self.list_json()
        self.assertEqual([e["id"] for e in data], [ids["initech"], ids["acme"], ids["globex"], ids["labs"]])
        globex = dict(data[2])
        self.assertEqual(self.pop_uids(globex), {"id": ids["globex"], "company": "Globex", "date": "2026-11-02",
                                  "stage": "onsite", "tags": ["remote", "senior"], "role": "SRE",
                                  "feeling": 3, "note": "n"})
        on_disk = {r["id"]: r for r in self.read_toml("rejections", "2026-11.toml")["rejection"]}
        for entry in data:
            if entry["id"] in on_disk:
                self.assertEqual(set(entry), set(on_disk[entry["id"]]))
        self.assertEqual(self.list_json("--company", "zzz"), [])

    def test_json_on_an_empty_home(self):
        self.assertEqual(self.list_json(), [])

    def test_csv_round_trips_commas_quotes_and_newlines(self):
        note = 'He said "no", politely.\nSecond line, too; and a tab\there'
        company = 'Foo, "Bar" & Baz'
        entry_id = self.log(company, "--note", note, "--role", "Dev, Backend", "--tag", "a",
                            "--tag", "b", "--date", "2026-11-20", "--stage", "final")
        self.log("Plain", "--date", "2026-11-21")
        text = self.ok("log", "list", "--csv")
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = list(reader)
        header = rows[0]
        for column in ("id", "date", "company", "role", "stage", "note"):
            self.assertIn(column, header)
        self.assertEqual(len(header), len(set(header)), "column names are unique")
        self.assertEqual(len(rows), 3, text)
        for row in rows[1:]:
            self.assertEqual(len(row), len(header))
        first = dict(zip(header, rows[1]))
        self.assertEqual(first["id"], str(entry_id))
        self.assertEqual(first["company"], company)
        self.assertEqual(first["note"], note)
        self.assertEqual(first["role"], "Dev, Backend")
        self.assertEqual(first["date"], "2026-11-20")
        self.assertEqual(first["stage"], "final")
        second = dict(zip(header, rows[2]))
        self.assertEqual(second["company"], "Plain")
        self.assertEqual(second["note"], "")

    def test_csv_header_only_when_empty(self):
        text = self.ok("log", "list", "--csv")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], "id")


if __name__ == "__main__":
    unittest.main()
