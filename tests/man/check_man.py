#!/usr/bin/env python3
"""Checks the man pages against mandoc and against the binary they document.

1. `mandoc -Tlint -W warning` prints nothing for any page in man/.
2. Every long option that `bounceback PATH --help` lists appears in the page
   that documents PATH (searched in the rendered text, not the mdoc source).
3. bounceback(1) documents every exit status in its EXIT STATUS section.

The binary comes from $BOUNCEBACK_BIN; the pages from ../../man next to this file.
Standard library only. Exit status 0 when every check passes, 1 otherwise.
"""

import os
import re
import subprocess
import sys
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

    def test_exit_statuses_are_documented(self):
        body = section(self.text("bounceback.1"), "EXIT STATUS")
        self.assertTrue(body, "bounceback.1 has no EXIT STATUS section")
        listed = set(re.findall(r"^\s+(\d+)\s", body, re.M))
        missing = [code for code in EXIT_CODES if code not in listed]
        self.assertEqual(missing, [], f"EXIT STATUS in bounceback.1 lacks {', '.join(missing)}")


if __name__ == "__main__":
    program = unittest.main(exit=False, verbosity=2)
    sys.exit(0 if program.result.wasSuccessful() else 1)
