"""The contract for scripts: every command that prints records takes --json, prints only that
JSON on stdout (Python's json reads all of it), and uses the keys listed under JSON OUTPUT in
bounceback(5)."""

import json
import os
import pathlib
import re
import subprocess
import unittest

import bbtest

MAN5 = pathlib.Path(__file__).resolve().parents[2] / "man" / "bounceback.5"


def documented_entries():
    """JSON OUTPUT of bounceback(5), rendered: each entry's tag line → its text."""
    rendered = subprocess.run(["mandoc", "-Tascii", "-O", "width=400", str(MAN5)],
                              capture_output=True, text=True, check=True).stdout
    rendered = re.sub(r".\x08", "", rendered)
    body = re.search(r"^JSON OUTPUT\n(.*?)(?=^\S)", rendered, re.M | re.S).group(1)
    entries = {}
    tag = None
    for line in body.splitlines():
        if re.match(r"^ {5}bounceback ", line):
            tag = line.strip()
            entries[tag] = ""
        elif tag is not None:
            entries[tag] += " " + line.strip()
    return entries


def element_keys(value):
    """The keys of an object, or of every object in an array."""
    if isinstance(value, list):
        return set().union(*(element_keys(v) for v in value))
    return set(value) if isinstance(value, dict) else set()


class JsonContract(bbtest.BounceTestCase):
    def setUp(self):
        super().setUp()
        self.log("Acme", "--role", "Dev", "--stage", "onsite", "--date", "2026-11-02",
                 "--applied", "2026-10-01", "--source", "board", "--contact", "Jo Doe",
                 "--email", "jo@example.com", "--reason", "fit", "--note", "n", "--tag", "remote",
                 "--feeling", "2", "--key", "k-1")
        self.ok("log", "feedback", "1", "More depth", "--area", "technical")
        self.log("Globex", "--date", "2026-11-03")
        self.ok("feedback-email", "2", "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-10"})
        self.ok("log", "win", "A win")
        self.ok("reflect", "1", "--mood", "3", "--went-well", "Calm", "--improve", "Design",
                "--strength", "Curious", "--target", "Platform", "--next", "Practise")
        self.ok("reflect", "1", "--improve", "Design", "--strength", "Curious")
        self.ok("routine", "done", "exercise", "--minutes", "20", "--note", "walk")
        self.entries = documented_entries()

    def json_of(self, *args):
        result = self.bb(*args)
        self.assertIn(result.code, (0,), f"{args}: {result.err}")
        try:
            return json.loads(result.out)  # the whole of stdout, nothing else
        except json.JSONDecodeError as error:
            self.fail(f"{args}: stdout is not just JSON ({error}):\n{result.out}")

    def entry(self, command):
        matches = [text for tag, text in self.entries.items() if command in tag]
        self.assertEqual(len(matches), 1, f"bounceback(5) JSON OUTPUT: no one entry for {command}")
        return matches[0]

    def assertDocumented(self, command, keys):
        text = self.entry(command)
        missing = sorted(k for k in keys if f"`{k}'" not in text)
        self.assertEqual(missing, [], f"bounceback(5) JSON OUTPUT, {command}: keys not listed")

    def test_every_command_prints_documented_json(self):
        rejection = self.json_of("log", "show", "1", "--json")
        with open(self.path("rejections", "2026-11.toml"), "rb") as f:
            import tomllib  # noqa: PLC0415
            stored = next(r for r in tomllib.load(f)["rejection"] if r["id"] == 1)
        self.assertEqual(set(rejection), set(stored))  # JSON keys are the TOML keys
        self.assertEqual(set(rejection["feedback"]), set(stored["feedback"]))
        cases = [
            ("log show --json", ["log", "show", "1", "--json"], element_keys),
            ("log list --json", ["log", "list", "--json"], element_keys),
            ("log --json", ["log", "Initech", "--json"], element_keys),
            ("log win --json", ["log", "win", "Another", "--json"], element_keys),
            ("log win list --json", ["log", "win", "list", "--json"], element_keys),
            ("reflect --json", ["reflect", "--mood", "4", "--next", "Rest", "--json"], element_keys),
            ("reflect show --json", ["reflect", "show", "1", "--json"], element_keys),
            ("reflect list --json", ["reflect", "list", "--json"], element_keys),
            ("reflect themes --json", ["reflect", "themes", "--json"],
             lambda d: set(d) | element_keys(d["improve"])),
            ("routine --json", ["routine", "--json"],
             lambda d: set(d) | set(d["week"]) | element_keys(d["habits"])),
            ("routine week --json", ["routine", "week", "--json"],
             lambda d: set(d) | element_keys(d["habits"])
             | element_keys([w for h in d["habits"] for w in h["weeks"]])
             | element_keys([day for h in d["habits"] for w in h["weeks"] for day in w["days"]])),
            ("routine habits --json", ["routine", "habits", "--json"],
             lambda d: element_keys(list(d.values()))),
            ("stats --json", ["stats", "--json"],
             lambda d: set(d) | set(d["range"]) | element_keys(d["by_source"])),
            ("feedback-email --list-templates --json",
             ["feedback-email", "--list-templates", "--json"], element_keys),
            ("feedback-email --due --json", ["feedback-email", "--due", "--json"], None),
            ("doctor --json", ["doctor", "--json"],
             lambda d: set(d) | element_keys(d["findings"])),
            ("export --json", ["export", "--json"], element_keys),
            ("import --json", ["import", "-", "--json"], element_keys),
        ]
        for command, args, keys in cases:
            with self.subTest(command=command):
                if args[0] == "import":
                    result = self.bb(*args, input=self.ok("export"))
                    self.assertExit(result, 0)
                    data = json.loads(result.out)
                else:
                    data = self.json_of(*args)
                if keys is None:  # rejections, as log show prints them
                    self.assertEqual(len(data), 1, data)
                    self.assertEqual(data[0]["id"], 2)
                    self.assertDocumented(command, [])
                    self.assertIn("log show --json", self.entry(command))
                    continue
                found = keys(data)
                self.assertTrue(found, f"{command} printed no keys")
                self.assertDocumented(command, found)

    def test_doctor_json_on_a_broken_home_is_still_only_json(self):
        self.write_file(self.path("wins", "2026-01.toml"), "version = 1\n[[win]\n")
        result = self.bb("doctor", "--json")
        self.assertExit(result, 65)
        self.assertFalse(json.loads(result.out)["ok"])

    def test_export_json_keys_are_the_toml_keys_of_every_kind(self):
        data = self.json_of("export")
        for kind, folder in (("rejection", "rejections"), ("reflection", "reflections"),
                             ("checkin", "checkins"), ("win", "wins")):
            with self.subTest(kind=kind):
                import tomllib  # noqa: PLC0415
                stored = []
                for name in sorted(os.listdir(self.path(folder))):
                    with open(self.path(folder, name), "rb") as f:
                        stored += tomllib.load(f)[kind]
                self.assertEqual(element_keys(data[kind]), element_keys(stored))


if __name__ == "__main__":
    unittest.main(verbosity=2)
