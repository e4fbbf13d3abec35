"""bounceback import of sheets and tracker exports as real programs save them: the corpus in
tests/fixtures/sheets (expected.json holds each file's expected result), re-imports that update,
and the problem listing in text and JSON."""

import datetime
import json
import pathlib
import shutil
import tomllib
import unittest

import bbtest

SHEETS = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "sheets"
EXPECTED = json.loads((SHEETS / "expected.json").read_text(encoding="utf-8"))


def plain(value):
    """A tomllib value as the JSON of expected.json writes it (dates as YYYY-MM-DD)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class ImportSheets(bbtest.BounceTestCase):
    def stored(self, home=None):
        """Every rejection in the month files, read with tomllib, without IDs and uids (checked),
        by company."""
        folder = pathlib.Path(home or self.home, "rejections")
        records = []
        for month in sorted(folder.glob("*.toml")) if folder.exists() else []:
            with open(month, "rb") as f:
                data = tomllib.load(f)
            self.assertEqual(data["version"], 1)
            for r in data.get("rejection", []):
                r = plain(r)
                r.pop("id")
                self.pop_uids(r)
                records.append(r)
        return sorted(records, key=lambda r: r["company"])

    def test_corpus(self):
        self.assertGreaterEqual(len(EXPECTED), 20)
        for name, expected in EXPECTED.items():
            with self.subTest(export=name, program=expected["program"]):
                home = pathlib.Path(self.tmp, name)
                result = self.bb("import", SHEETS / name, "--json", *expected["args"], home=home)
                self.assertExit(result, expected["exit"])
                # No byte of a windows-1252 file reaches the terminal undecoded (bb() decodes
                # strictly as UTF-8, so a raw byte would have failed above).
                self.assertNotIn("\ufffd", result.err)
                summary = json.loads(result.out)
                if expected["exit"] != 0:
                    self.assertFalse(summary["ok"])
                    self.assertFalse(home.joinpath("rejections").exists())
                    if "message" in expected:
                        self.assertIn(expected["message"], result.err)
                        for program in ("Excel", "LibreOffice", "Numbers", "Google Sheets"):
                            self.assertIn(program, result.err)
                    else:
                        got = [[p["line"], p["column"], p["value"]]
                               for p in summary["problems"]]
                        self.assertEqual(got, expected["problems"])
                        for p in summary["problems"]:
                            self.assertTrue(p["message"] and p["fix"], p)
                            self.assertIn(f":{p['line']}: ", result.err)
                    continue
                self.assertTrue(summary["ok"])
                self.assertEqual(summary["imported"]["rejection"], expected["imported"])
                rows = summary["sheet"]["rows"]
                self.assertEqual({k: rows[k] for k in expected["left_out"]},
                                 expected["left_out"])
                self.assertEqual(self.stored(home), expected["records"])
                self.assertIn(f"Imported {expected['imported']} rejection", result.err)
                # The same file again: nothing changes.
                before = self.snapshot(home)
                again = self.bb("import", SHEETS / name, "--json", *expected["args"], home=home)
                self.assertExit(again, 0)
                self.assertEqual(json.loads(again.out)["imported"]["rejection"], 0)
                self.assertEqual(json.loads(again.out)["updated"], [])
                self.assertEqual(self.snapshot(home), before)
                self.ok("doctor", home=home)

    def test_german_excel_dry_run_lists_the_columns_and_writes_nothing(self):
        result = self.bb("import", SHEETS / "excel-de.csv", "--dry-run")
        self.assertExit(result, 0)
        self.assertIn("as windows-1252 (ISO-8859-1), separated by a semicolon", result.err)
        for line in ("Firma        → company", "Stelle       → role",
                     "Status       → status (decides which rows are rejections)",
                     "Beworben am  → applied", "Absage am    → date", "Phase        → stage",
                     "Gehalt       (not used)"):
            self.assertIn(line, result.err)
        self.assertIn("Would import 4 rejections; 1 still open, 1 offer and 1 withdrawn would "
                      "be left out. Nothing was written (--dry-run).", result.err)
        self.assertFalse(self.path("rejections").exists())

    def test_every_problem_at_once_in_text_and_json(self):
        result = self.bb("import", SHEETS / "excel-de-problems.csv", "--dry-run")
        self.assertExit(result, 65)
        err = result.err
        self.assertIn("excel-de-problems.csv:2: column 'Absage am', value '31.02.2026': "
                      "not a date: no such day in the calendar", err)
        self.assertIn("excel-de-problems.csv:3: column 'Status', value 'Vielleicht': "
                      "not a status bounceback knows", err)
        self.assertIn(":4: column 'Phase', value 'Kaffeeklatsch'", err)
        self.assertIn(":4: column 'Gefühl', value '9'", err)
        self.assertIn(":5: column 'Absage am': a rejection with no date", err)
        self.assertEqual(err.count("  fix: "), 5)
        self.assertIn("5 problems in", err)
        self.assertIn("Gefühl       → feeling", err)  # the mapping, to see what went where
        result = self.bb("import", SHEETS / "excel-de-problems.csv", "--json")
        self.assertExit(result, 65)
        data = json.loads(result.out)
        self.assertEqual(len(data["problems"]), 5)
        self.assertEqual(data["problems"][1], {
            "line": 3, "column": "Status", "value": "Vielleicht",
            "message": "not a status bounceback knows", "fix": data["problems"][1]["fix"]})
        self.assertEqual(data["sheet"]["encoding"], "windows-1252 (ISO-8859-1)")
        self.assertEqual(data["sheet"]["separator"], ";")
        self.assertFalse(self.path("rejections").exists())
        # A JSON export that does not parse says so on stdout too.
        bad = self.write_file(pathlib.Path(self.tmp, "bad.json"), "{")
        result = self.bb("import", bad, "--json")
        self.assertExit(result, 65)
        self.assertFalse(json.loads(result.out)["ok"])

    def test_date_order_is_decided_once_per_file(self):
        result = self.bb("import", SHEETS / "excel-fr-ambiguous.csv")
        self.assertExit(result, 65)
        self.assertIn("could be day/month/year or month/day/year", result.err)
        self.assertIn("--date-order dmy", result.err)
        self.assertEqual(result.err.count("  fix: "), 1)  # said once, not per cell
        result = self.bb("import", SHEETS / "excel-fr-ambiguous.csv", "--date-order", "mdy",
                         "--dry-run")
        self.assertExit(result, 0)
        self.assertIn("slash dates read month first (--date-order)", result.err)
        # With one day above 12 in any column, the whole file follows it.
        sheet = self.write_file(pathlib.Path(self.tmp, "s.csv"),
                                "Company,Status,Applied,Rejected\r\n"
                                "A,Rejected,01/02/2026,03/04/2026\r\n"
                                "B,Rejected,05/06/2026,25/06/2026\r\n")
        self.assertExit(self.bb("import", sheet), 0)
        self.assertEqual([(r["company"], r["applied"], r["date"]) for r in self.stored()],
                         [("A", "2026-02-01", "2026-04-03"), ("B", "2026-06-05", "2026-06-25")])
        # --date-order against a cell that cannot be read that way: the cell is named.
        result = self.bb("import", sheet, "--date-order", "mdy", "--dry-run")
        self.assertExit(result, 65)
        self.assertIn("value '25/06/2026': not a date: month/day/year order does not fit", result.err)

    def test_ghosted_rows_follow_one_rule(self):
        result = self.bb("import", SHEETS / "excel-us.csv", "--ghosted", "skip", "--json")
        self.assertExit(result, 0)
        self.assertIn("1 with no answer", result.err)
        self.assertNotIn("Hooli", [r["company"] for r in self.stored()])
        self.assertEqual(json.loads(result.out)["sheet"]["rows"]["ghosted_left_out"], 1)
        other = pathlib.Path(self.tmp, "other")
        self.assertExit(self.bb("import", SHEETS / "excel-us.csv", home=other), 0)
        hooli = next(r for r in self.stored(other) if r["company"] == "Hooli")
        self.assertEqual((hooli["stage"], hooli["reason"], hooli["date_estimated"]),
                         ("application", "no answer", True))

    def test_stand_in_dates_are_left_out_of_days_to_answer(self):
        self.assertExit(self.bb("import", SHEETS / "numbers.csv"), 0)
        shown = self.ok("log", "show", "1")
        self.assertIn("stands in for the day the answer came", shown)
        stats = json.loads(self.ok("stats", "--all", "--json"))
        self.assertNotIn("median_days_to_answer", json.dumps(stats))
        # Telling the real date clears the mark.
        self.ok("log", "edit", "1", "--date", "2026-10-30")
        edited = next(r for r in self.read_toml("rejections", "2026-10.toml")["rejection"]
                      if r["id"] == 1)
        self.assertEqual(edited["date"], datetime.date(2026, 10, 30))
        self.assertNotIn("date_estimated", edited)

    def test_reimport_after_an_edit_updates_the_entry(self):
        sheet = pathlib.Path(self.tmp, "Bewerbungen.csv")
        shutil.copy(SHEETS / "excel-de.csv", sheet)
        self.assertExit(self.bb("import", sheet), 0)
        before = {r["company"]: r for r in self.list_json()}
        weiss = before["Weiß Logistik"]
        self.ok("log", "feedback", str(weiss["id"]), "Mehr Tiefe bei SQL")  # kept through updates
        # The person edits two cells in Excel and saves again (windows-1252, ';').
        text = sheet.read_bytes().decode("cp1252")
        text = text.replace("Weiß Logistik;Backend-Entwickler;Abgelehnt;05.10.2026;03.11.2026;"
                            "Fachgespräch;",
                            "Weiß Logistik;Backend-Entwickler;Abgelehnt;05.10.2026;04.11.2026;"
                            "Endrunde;Zweite Runde war gut")
        self.assertIn("Zweite Runde", text)
        sheet.write_bytes(text.encode("cp1252"))
        result = self.bb("import", sheet, "--dry-run", "--json")
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.out)["updated"],
                         [{"id": weiss["id"], "company": "Weiß Logistik",
                           "fields": ["date", "note", "stage"]}])
        self.assertIn("would be updated from the sheet: date, note, stage", result.err)
        result = self.bb("import", sheet)
        self.assertExit(result, 0)
        self.assertIn(f"rejection {weiss['id']} (Weiß Logistik, Backend-Entwickler, applied "
                      "2026-10-05) was updated from the sheet", result.err)
        self.assertIn("Imported nothing and updated 1 rejection; 3 skipped as already there",
                      result.err)
        after = {r["company"]: r for r in self.list_json()}
        self.assertEqual(len(after), len(before))
        updated = after["Weiß Logistik"]
        self.assertEqual(updated["id"], weiss["id"])
        self.assertEqual((updated["stage"], updated["date"], updated["note"]),
                         ("final", "2026-11-04", "Zweite Runde war gut"))
        self.assertEqual(updated["feedback"]["text"], "Mehr Tiefe bei SQL")
        self.assertIn("Weiß Logistik", self.read_toml("rejections", "2026-11.toml")["rejection"][0]
                      ["company"])

    def test_stdin_tsv_and_csv(self):
        text = (SHEETS / "applications.tsv").read_text()
        result = self.bb("import", "-", input=text)
        self.assertExit(result, 0)
        self.assertIn("separated by a tab", result.err)
        result = self.bb("import", "-", "--format", "csv",
                         input=(SHEETS / "excel-us-utf8.csv").read_text(encoding="utf-8-sig"))
        self.assertExit(result, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
