#!/usr/bin/env python3
"""Checks the man pages against mandoc and against the binary they document.

1. `mandoc -Tlint -W warning` prints nothing for any page in man/.
2. Every long option that `bounceback PATH --help` lists appears in the page
   that documents PATH (searched in the rendered text, not the mdoc source).
3. bounceback(1) documents every exit status in its EXIT STATUS section.
4. bounceback-routine(1) names every key that `routine --json` and `routine week --json`
   print, every [[checkin]] key the binary writes, and states the streak and strength rules.
5. bounceback-reflect(1) names every [[reflection]] key the binary writes (FILES) and every key
   `reflect themes --json` prints (OUTPUT FORMATS), and lists the built-in questions as asked.

The binary comes from $BOUNCEBACK_BIN; the pages from ../../man next to this file.
Standard library only. Exit status 0 when every check passes, 1 otherwise.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

MAN_DIR = Path(__file__).resolve().parent.parent.parent / "man"
BIN = os.environ.get("BOUNCEBACK_BIN", "")

# Each subcommand path and the page that must document its options.
COMMAND_PAGES = {
    "": "bounceback.1",
    "log": "bounceback-log.1",
    "log list": "bounceback-log.1",
    "log show": "bounceback-log.1",
    "log edit": "bounceback-log.1",
    "log rm": "bounceback-log.1",
    "log feedback": "bounceback-log.1",
    "log win": "bounceback-log.1",
    "log win list": "bounceback-log.1",
    "log win rm": "bounceback-log.1",
    "init": "bounceback-init.1",
    "doctor": "bounceback-doctor.1",
    "reflect": "bounceback-reflect.1",
    "reflect list": "bounceback-reflect.1",
    "reflect show": "bounceback-reflect.1",
    "reflect themes": "bounceback-reflect.1",
    "reflect rm": "bounceback-reflect.1",
    "routine": "bounceback-routine.1",
    "routine done": "bounceback-routine.1",
    "routine skip": "bounceback-routine.1",
    "routine undo": "bounceback-routine.1",
    "routine week": "bounceback-routine.1",
    "routine habits": "bounceback-routine.1",
    "routine habits add": "bounceback-routine.1",
    "routine habits rm": "bounceback-routine.1",
    "feedback-email": "bounceback-feedback-email.1",
    "stats": "bounceback-stats.1",
    "report": "bounceback-report.1",
    "export": "bounceback-export.1",
    "import": "bounceback-import.1",
    "sync": "bounceback-sync.1",
    "completion": "bounceback.1",
}

EXIT_CODES = ["0", "1", "64", "65", "66", "73", "74", "75", "77", "78"]

# A long option in --help output: "--stage", "--week-start", "-y,--yes".
LONG_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)


def render(page: Path) -> str:
    """The page as plain text: ASCII output, overstrikes removed, very wide lines so that
    nothing is broken across lines."""
    result = run(["mandoc", "-Tascii", "-O", "width=400", str(page)])
    if result.returncode != 0:
        raise AssertionError(f"mandoc cannot render {page.name}: {result.stderr}")
    # Bold is "c\bc", underline "_\bc": keep the last character of each overstrike.
    return re.sub(r".\x08", "", result.stdout)


def section(text: str, name: str) -> str:
    """The body of the section called `name` in rendered text (headings start in column 0)."""
    match = re.search(rf"^{re.escape(name)}\n(.*?)(?=^\S|\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def json_keys(value) -> set:
    """Every object key anywhere in the JSON `value`."""
    if isinstance(value, dict):
        return set(value).union(*(json_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(json_keys(v) for v in value))
    return set()


def mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


class ManPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pages = sorted(p for p in MAN_DIR.iterdir() if re.fullmatch(r".+\.[1-8]", p.name))
        cls.rendered = {}

    def text(self, name: str) -> str:
        if name not in self.rendered:
            page = MAN_DIR / name
            self.assertTrue(page.is_file(), f"{page} is missing")
            self.rendered[name] = render(page)
        return self.rendered[name]

    def test_pages_exist(self):
        names = {p.name for p in self.pages}
        for needed in set(COMMAND_PAGES.values()) | {"bounceback.5"}:
            self.assertIn(needed, names)

    def test_lint_clean(self):
        for page in self.pages:
            with self.subTest(page=page.name):
                result = run(["mandoc", "-Tlint", "-W", "warning", str(page)])
                output = (result.stdout + result.stderr).strip()
                self.assertEqual(output, "", f"mandoc -Tlint -W warning {page.name}:\n{output}")

    def test_every_help_option_is_documented(self):
        self.assertTrue(BIN, "set BOUNCEBACK_BIN to the built bounceback binary")
        self.assertTrue(os.access(BIN, os.X_OK), f"BOUNCEBACK_BIN={BIN} is not executable")
        for path, page in COMMAND_PAGES.items():
            with self.subTest(command=f"bounceback {path}".strip(), page=page):
                result = run([BIN, *path.split(), "--help"])
                self.assertEqual(result.returncode, 0, result.stderr)
                options = sorted(set(LONG_OPTION.findall(result.stdout)))
                self.assertIn("--help", options, "the help text lists no options")
                missing = [o for o in options if not mentions(self.text(page), o)]
                self.assertEqual(missing, [], f"{page} does not mention {', '.join(missing)}")

    def test_routine_json_keys_are_documented(self):
        """Every key that `routine --json` and `routine week --json` print is named in OUTPUT
        FORMATS, and every [[checkin]] key the binary writes is named in FILES."""
        self.assertTrue(BIN, "set BOUNCEBACK_BIN to the built bounceback binary")
        page = self.text("bounceback-routine.1")
        output_formats = section(page, "OUTPUT FORMATS")
        files = section(page, "FILES")
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "BOUNCEBACK_TODAY": "2026-11-25", "NO_COLOR": "1"}

            def bounceback(*args):
                result = run([BIN, "--home", home, *args], env=env)
                self.assertEqual(result.returncode, 0, result.stderr)
                return result.stdout

            bounceback("routine", "done", "exercise", "--minutes", "20", "--note", "walk")
            bounceback("routine", "skip", "hobby", "--note", "tired")
            keys = set()
            for args in (["routine", "--json"], ["routine", "week", "--json"]):
                keys |= json_keys(json.loads(bounceback(*args)))
            with open(Path(home, "checkins", "2026-11.toml"), "rb") as f:
                checkin_keys = {k for c in tomllib.load(f)["checkin"] for k in c}
        missing = sorted(k for k in keys if not mentions(output_formats, k))
        self.assertEqual(missing, [], "OUTPUT FORMATS in bounceback-routine.1 lacks these keys")
        self.assertEqual(checkin_keys, {"date", "habit", "status", "minutes", "note"})
        missing = sorted(k for k in checkin_keys if not mentions(files, k))
        self.assertEqual(missing, [], "FILES in bounceback-routine.1 lacks these [[checkin]] keys")

    def test_routine_rules_are_documented(self):
        rules = section(self.text("bounceback-routine.1"), "WEEKS, STREAKS AND STRENGTH")
        self.assertTrue(rules, "bounceback-routine.1 has no WEEKS, STREAKS AND STRENGTH section")
        for word in ("streak", "strength", "rest", "missed", "running", "per_week", "/ 4"):
            self.assertIn(word, rules)

    def test_reflect_keys_and_questions_are_documented(self):
        """Every [[reflection]] key the binary writes is named in FILES, every key of
        `reflect themes --json` in OUTPUT FORMATS, and each built-in question, as the --edit
        template shows it, appears word for word."""
        self.assertTrue(BIN, "set BOUNCEBACK_BIN to the built bounceback binary")
        page = self.text("bounceback-reflect.1")
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as copies:
            env = {**os.environ, "BOUNCEBACK_TODAY": "2026-11-25", "NO_COLOR": "1",
                   "VISUAL": "", "EDITOR": f"cp -t {copies}"}

            def bounceback(*args):
                result = run([BIN, "--home", home, *args], env=env, stdin=subprocess.DEVNULL)
                self.assertEqual(result.returncode, 0, result.stderr)
                return result.stdout

            rejection = bounceback("log", "Acme", "--porcelain").strip()
            for _ in range(2):
                bounceback("reflect", rejection, "--mood", "3", "--went-well", "Calm",
                           "--improve", "System design", "--strength", "Curiosity",
                           "--target", "Platform teams", "--next", "Mock interview")
            with open(Path(home, "reflections", "2026-11.toml"), "rb") as f:
                written = {k for r in tomllib.load(f)["reflection"] for k in r}
            themes = json.loads(bounceback("reflect", "themes", "--json"))
            self.assertTrue(themes["improve"] and themes["strengths"], themes)
            bounceback("reflect", "--edit")  # the "editor" copies the template, saving nothing
            [template] = list(Path(copies).iterdir())
            lines = template.read_text().splitlines()
            # Each question is the comment just above its list: `# What went well? …`, `went_well = [`.
            questions = [line[2:] for line, below in zip(lines, lines[1:])
                         if line.startswith("# ") and re.fullmatch(r"[a-z_]+ = \[", below)]
        self.assertEqual(written, {"id", "date", "rejection", "mood", "went_well", "improve",
                                   "strengths", "targeting", "next", "uid", "rejection_uid"})
        files = section(page, "FILES")
        missing = sorted(k for k in written if not mentions(files, k))
        self.assertEqual(missing, [], "FILES in bounceback-reflect.1 lacks these keys")
        output_formats = section(page, "OUTPUT FORMATS")
        missing = sorted(k for k in json_keys(themes) if not mentions(output_formats, k))
        self.assertEqual(missing, [], "OUTPUT FORMATS in bounceback-reflect.1 lacks these keys")
        self.assertEqual(len(questions), 5, questions)
        flat = " ".join(page.split())
        missing = [q for q in questions if q not in flat]
        self.assertEqual(missing, [], "bounceback-reflect.1 does not list these questions")

    def test_exit_statuses_are_documented(self):
        body = section(self.text("bounceback.1"), "EXIT STATUS")
        self.assertTrue(body, "bounceback.1 has no EXIT STATUS section")
        listed = set(re.findall(r"^\s+(\d+)\s", body, re.M))
        missing = [code for code in EXIT_CODES if code not in listed]
        self.assertEqual(missing, [], f"EXIT STATUS in bounceback.1 lacks {', '.join(missing)}")


if __name__ == "__main__":
    program = unittest.main(exit=False, verbosity=2)
    sys.exit(0 if program.result.wasSuccessful() else 1)
