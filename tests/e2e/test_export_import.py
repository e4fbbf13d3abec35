"""bounceback export and import: round trips, idempotence, spreadsheets, all-or-nothing."""

import csv
import hashlib
import io
import json
import os
import pathlib
import unittest

import bbtest


class ExportImport(bbtest.BounceTestCase):
    def setUp(self):
        super().setUp()
        self.other = os.path.join(self.tmp, "other")

    def fill(self):
        """A home with every kind of record, awkward text included, and a removed ID."""
        self.log("Zürich \"Soft\", AG", "--role", "Dev, Sr", "--stage", "onsite", "--tag", "remote",
                 "--feeling", "2", "--note", "two\nlines", "--applied", "2026-10-30")
        gone = self.log("Globex", "--date", "2026-10-20")
        self.log("Initech", "--key", "<m1@example.com>", "--date", "2026-09-02")
        self.ok("log", "feedback", "1", "More depth", "--area", "technical")
        self.ok("log", "rm", str(gone), "--yes")
        for _ in range(2):  # the same win logged twice: both must survive a round trip
            self.ok("log", "win", "Finished the take-home", "--date", "2026-11-18")
        self.ok("reflect", "1", "--went-well", "Calm, mostly", "--went-well", "two\nlines",
                "--improve", "[prep] more", "--mood", "3")
        self.ok("routine", "done", "exercise", "--minutes", "20", "--note", "walk")
        self.ok("routine", "skip", "hobby", "--date", "2026-11-20")

    def files(self, root):
        """Every data file under `root` → sha256 (the empty lock file and the derived cache/
        left out)."""
        out = {}
        for dirpath, dirnames, names in os.walk(root):
            if os.path.samefile(dirpath, root) and "cache" in dirnames:
                dirnames.remove("cache")
            for name in names:
                if name == ".lock":
                    continue
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    out[os.path.relpath(path, root)] = hashlib.sha256(f.read()).hexdigest()
        return out

    def test_json_round_trip_is_byte_identical_and_idempotent(self):
        self.fill()
        exported = self.ok("export")
        data = json.loads(exported)
        self.assertEqual(data["schema"], 1)
        self.assertEqual(set(data), {"schema", "next", "rejection", "reflection", "checkin", "win"})
        self.assertEqual(data["next"], {"rejection": 4, "reflection": 2, "win": 3})
        # Keys are exactly the TOML keys.
        toml_keys = {k for r in self.read_toml("rejections", "2026-11.toml")["rejection"] for k in r}
        self.assertEqual({k for r in data["rejection"] if r["id"] == 1 for k in r}, toml_keys)
        source = pathlib.Path(self.tmp, "export.json")
        source.write_text(exported)
        result = self.bb("import", source, home=self.other)
        self.assertExit(result, 0)
        self.assertIn("Imported 2 rejections, 1 reflection, 2 check-ins and 2 wins.", result.err)
        self.assertEqual(result.out, "")
        # Every data file arrives byte for byte but deleted.toml: the tombstone of the removed
        # rejection 2 stays on this machine (an export carries records, not deletions; the
        # retired ID travels in "next").
        self.assertIn("deleted.toml", self.files(self.home))
        self.assertNotIn("deleted.toml", self.files(self.other))
        before = {home: self.files(home) for home in (self.home, self.other)}
        self.assertEqual({**before[self.other], "deleted.toml": before[self.home]["deleted.toml"]},
                         before[self.home])
        self.assertGreaterEqual(len(before[self.other]), 6)
        # Again, into both homes: nothing changes.
        for home in (self.other, self.home):
            result = self.bb("import", source, "--json", home=home)
            self.assertExit(result, 0)
            summary = json.loads(result.out)
            self.assertEqual(summary["imported"], {"rejection": 0, "reflection": 0, "checkin": 0, "win": 0})
            self.assertEqual(summary["skipped"], {"rejection": 2, "reflection": 1, "checkin": 2, "win": 2})
            self.assertEqual(self.files(home), before[home])
        # The removed ID 2 stays retired in the new home.
        self.assertEqual(self.log("Hooli", home=self.other), 4)

    def test_merge_renumbers_taken_ids_and_keeps_links(self):
        self.fill()
        source = pathlib.Path(self.tmp, "export.json")
        self.ok("export", "--output", source)
        self.assertEqual(self.mode(source), 0o600)
        self.log("Mine", home=self.other)
        result = self.bb("import", source, "--json", home=self.other)
        self.assertExit(result, 0)
        summary = json.loads(result.out)
        self.assertEqual(summary["renumbered"], [{"kind": "rejection", "from": 1, "to": 4}])
        self.assertIn("rejection 1 was imported as 4", result.err)
        reflections = json.loads(self.ok("reflect", "list", "--json", home=self.other))
        self.assertEqual(reflections[0]["rejection"], 4)
        shown = json.loads(self.ok("log", "show", "4", "--json", home=self.other))
        self.assertEqual(shown["company"], "Zürich \"Soft\", AG")
        before = self.files(self.other)
        self.assertExit(self.bb("import", source, home=self.other), 0)
        self.assertEqual(self.files(self.other), before)

    def test_csv_export_reads_back_with_python_and_round_trips(self):
        self.fill()
        for kind, count in (("rejection", 2), ("reflection", 1), ("checkin", 2), ("win", 2)):
            with self.subTest(kind=kind):
                out = self.ok("export", "--csv", "--kind", kind)
                self.assertTrue(out.endswith("\r\n"))
                rows = list(csv.DictReader(io.StringIO(out, newline="")))
                self.assertEqual(len(rows), count)
                path = pathlib.Path(self.tmp, f"{kind}.csv")
                path.write_text(out, newline="")
                self.assertExit(self.bb("import", path, home=self.other), 0)
                self.assertEqual(self.ok("export", "--csv", "--kind", kind, home=self.other), out)
        rows = list(csv.DictReader(io.StringIO(self.ok("export", "--csv", "--kind", "rejection"),
                                               newline="")))
        first = next(r for r in rows if r["id"] == "1")
        self.assertEqual(first["company"], "Zürich \"Soft\", AG")
        self.assertEqual(first["note"], "two\nlines")
        self.assertEqual(first["feedback_areas"], "technical")
        reflection = next(csv.DictReader(io.StringIO(
            self.ok("export", "--csv", "--kind", "reflection"), newline="")))
        self.assertEqual(json.loads(reflection["went_well"]), ["Calm, mostly", "two\nlines"])
        # `log list --csv` has the same columns, so it imports too.
        listed = pathlib.Path(self.tmp, "listed.csv")
        listed.write_text(self.ok("log", "list", "--csv"), newline="")
        self.assertExit(self.bb("import", listed, home=os.path.join(self.tmp, "third")), 0)

    def test_csv_needs_one_kind(self):
        result = self.bb("export", "--csv")
        self.assertExit(result, 64)
        self.assertIn("--kind", result.err)
        self.assertEqual(result.out, "")

    def test_spreadsheet_with_odd_columns(self):
        sheet = self.write_file(pathlib.Path(self.tmp, "apps.csv"),
                                "\ufeffCompany,ROLE,date,Stage,Notes,Salary,Date Applied\r\n"
                                "Acme,Dev,2026-11-03,Onsite,\"Nice team, slow process\",100,2026-10-01\r\n"
                                "Initech,QA,2026-11-04,screen,,,\r\n")
        result = self.bb("import", sheet, "--dry-run")
        self.assertExit(result, 0)
        self.assertIn("Would import 2 rejections", result.err)
        self.assertRegex(result.err, r"Salary +\(not used\)")
        self.assertFalse(self.path("rejections").exists())
        result = self.bb("import", sheet)
        self.assertExit(result, 0)
        self.assertIn("column 'Salary' is not a rejection field; ignored", result.err)
        self.assertIn("separated by a comma", result.err)
        rows = self.list_json()
        self.assertEqual([(r["id"], r["company"]) for r in rows], [(1, "Acme"), (2, "Initech")])
        self.assertEqual(rows[0]["note"], "Nice team, slow process")
        self.assertEqual(rows[0]["applied"], "2026-10-01")
        self.assertEqual(rows[0]["stage"], "onsite")
        before = self.snapshot()
        result = self.bb("import", sheet)
        self.assertExit(result, 0)
        self.assertIn("Imported nothing; 2 skipped as already there", result.err)
        self.assertEqual(self.snapshot(), before)

    def test_bad_row_imports_nothing(self):
        self.fill()
        sheet = self.write_file(pathlib.Path(self.tmp, "bad.csv"),
                                "company,date,feeling\n"
                                "Good,2026-11-01,3\n"
                                "Bad,2026-11-01,9\n"
                                "Worse,2026-02-30,1\n")
        before = self.snapshot()
        result = self.bb("import", sheet)
        self.assertExit(result, 65)
        self.assertIn("bad.csv:3: column 'feeling', value '9': a feeling must be a whole number "
                      "from 1", result.err)
        self.assertIn("bad.csv:4: column 'date', value '2026-02-30': not a date", result.err)
        self.assertIn("nothing was imported", result.err)
        self.assertEqual(self.snapshot(), before)
        bad_json = self.write_file(pathlib.Path(self.tmp, "bad.json"), json.dumps(
            {"schema": 1, "win": [{"id": 9, "date": "2026-11-01", "text": "ok"},
                                  {"id": 10, "date": "2026-11-01", "text": ""}]}))
        snap = self.snapshot()
        result = self.bb("import", bad_json)
        self.assertExit(result, 65)
        self.assertIn("bad.json: win[1]: text", result.err)
        self.assertEqual(self.snapshot(), snap)

    def test_unparseable_month_stops_the_import(self):
        self.fill()
        source = pathlib.Path(self.tmp, "export.json")
        self.ok("export", "--output", source)
        self.write_file(os.path.join(self.other, "rejections", "2020-01.toml"), "version = 1\n[[rejection]\nx")
        before = self.snapshot(self.other)
        result = self.bb("import", source, home=self.other)
        self.assertExit(result, 65)
        self.assertIn("2020-01.toml:2", result.err)
        after = self.snapshot(self.other)
        self.assertEqual(after.pop(".lock"), (0o600, b""))  # taking the lock made it
        self.assertEqual(after, before)
        self.assertNoLeftovers()

    def test_stdin_format_and_errors(self):
        self.fill()
        exported = self.ok("export", "--kind", "win")
        self.assertEqual(set(json.loads(exported)), {"schema", "next", "win"})
        result = self.bb("import", "-", "--json", input=exported, home=self.other)
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.out)["imported"]["win"], 2)
        self.assertExit(self.bb("import", "-", input="hello there", home=self.other), 64)
        self.assertExit(self.bb("import", "-", "--format", "json", input="{", home=self.other), 65)
        self.assertExit(self.bb("import", os.path.join(self.tmp, "missing.json")), 66)
        # --kind picks one kind out of a full export.
        full = pathlib.Path(self.tmp, "full.json")
        self.ok("export", "--output", full)
        third = os.path.join(self.tmp, "third")
        result = self.bb("import", full, "--kind", "checkin", "--json", home=third)
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.out)["imported"],
                         {"rejection": 0, "reflection": 0, "checkin": 2, "win": 0})

    def test_output_file_is_not_replaced_without_force(self):
        target = self.write_file(os.path.join(self.tmp, "out.json"), "keep me")
        result = self.bb("export", "--output", target)
        self.assertExit(result, 73)
        self.assertIn("--force", result.err)
        self.assertEqual(target.read_text(), "keep me")
        self.assertExit(self.bb("export", "--output", target, "--force"), 0)
        self.assertEqual(json.loads(target.read_text())["schema"], 1)

    def test_progress_bar_only_on_a_terminal(self):
        rows = "".join(f"Company {i},2026-11-{1 + i % 28:02d}\n" for i in range(2500))
        sheet = self.write_file(pathlib.Path(self.tmp, "many.csv"), "company,date\n" + rows)
        code, output = self.bb_pty("import", sheet)
        self.assertEqual(code, 0, output)
        self.assertIn("Importing [", output)
        self.assertIn("Imported 2500 rejections", output)
        result = self.bb("import", sheet, home=self.other)
        self.assertExit(result, 0)
        self.assertNotIn("Importing [", result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
