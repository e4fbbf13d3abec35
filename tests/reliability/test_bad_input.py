"""Reliability: a corpus of bad input, one test per case, read from bad_input.toml.

Every case starts from the same home full of data (config, habits, rejections in two months, a
win, a reflection, a check-in), overwrites or adds the files it names, runs one command and
expects:
- the documented exit code (bounceback(1): 64 usage, 65 data, 66 no such thing, 73 cannot
  create, 74 I/O, 77 permission, 78 config);
- `error`, a regular expression, found in stderr (or in stdout for `doctor`, whose findings are
  its output): what is wrong and where, FILE:LINE:COL when it is a file;
- every file under the test's folder (the home and anything outside it) byte-identical
  afterwards, and no temp file left.

Adding a case is one [[case]] entry in bad_input.toml; its comment says what the keys mean. The
same in both profiles.
"""

import os
import pathlib
import re
import shutil
import sys
import tomllib
import unittest

from reltest import BounceTestCase, checksums, report, temp_files

CASES_FILE = pathlib.Path(__file__).with_name("bad_input.toml")
with open(CASES_FILE, "rb") as f:
    CASES = tomllib.load(f)["case"]

HUGE_LINE = "# " + "x" * 1021 + "\n"  # 1 KiB

# Everything a case may overwrite, built once by the first test and copied for each.
SEED_COMMANDS = [
    ("init", "--name", "Sam", "--email", "sam@example.com"),
    ("routine", "habits", "add", "exercise", "--per-week", "3"),
    ("log", "Acme", "--date", "2026-11-20", "--stage", "onsite", "--contact", "Jo Smith",
     "--email", "jo@acme.example", "--tag", "remote", "--feeling", "2"),
    ("log", "Initech", "--date", "2026-10-10", "--stage", "screen"),
    ("log", "win", "Sent three applications", "--date", "2026-11-21"),
    ("reflect", "1", "--went-well", "prep", "--improve", "sleep", "--mood", "3"),
    ("routine", "done", "exercise", "--date", "2026-11-24"),
]


def file_bytes(spec, case):
    """The bytes a `files` entry describes (see the comment at the top of bad_input.toml)."""
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "encoding" in spec:
        return spec["text"].encode(spec["encoding"])
    if "nested" in spec:
        depth = spec["nested"]
        return (spec["text"] + "[" * depth + "]" * depth + "\n").encode()
    if "size_mb" in spec:
        return spec.get("text", "").encode() + HUGE_LINE.encode() * (spec["size_mb"] * 1024)
    raise ValueError("case %r: unknown file spec %r" % (case["name"], spec))


class BadInput(BounceTestCase):
    seed = None

    def setUp(self):
        super().setUp()
        cls = type(self)
        if cls.seed is None or not os.path.isdir(cls.seed):
            for args in SEED_COMMANDS:
                self.ok(*args)
            cls.seed = self.tmp + "-seed"  # beside this test's folder, which goes when it passes
            shutil.copytree(self.home, cls.seed, symlinks=True)
        else:
            shutil.copytree(cls.seed, self.home, symlinks=True)

    @classmethod
    def tearDownClass(cls):
        if cls.seed:
            shutil.rmtree(cls.seed, ignore_errors=True)

    def expand(self, text):
        return text.replace("{home}", self.home).replace("{tmp}", self.tmp)

    def apply(self, case):
        for name, spec in case.get("files", {}).items():
            path = pathlib.Path(self.home, self.expand(name))
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if isinstance(spec, dict) and "symlink" in spec:
                os.symlink(self.expand(spec["symlink"]), path)
            elif isinstance(spec, dict) and spec.get("directory"):
                path.mkdir(mode=0o700)
            else:
                path.write_bytes(file_bytes(spec, case))
                os.chmod(path, 0o600)

    def check_case(self, case):
        self.apply(case)
        before = checksums(self.tmp)
        args = [self.expand(a) for a in case["args"]]
        home = self.expand(case["home"]) if "home" in case else True
        r = self.bb(*args, env=case.get("env"), home=home)
        self.assertExit(r, case["exit"], "case %r" % case["name"])
        stream = r.out if case.get("stream") == "stdout" else r.err
        pattern = self.expand(case["error"]).replace(self.home, re.escape(self.home))
        self.assertRegex(stream, pattern, "case %r: what and where" % case["name"])
        if case.get("stream") != "stdout":
            self.assertEqual(r.out, "", "case %r: nothing on stdout" % case["name"])
            self.assertIn("bounceback: error:", r.err)
        self.assertEqual(checksums(self.tmp), before, "case %r: no file changed" % case["name"])
        self.assertEqual(temp_files(self.tmp), [], "case %r" % case["name"])


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _make_test(case):
    def test(self):
        self.check_case(case)
    test.__doc__ = case["name"]
    return test


for _number, _case in enumerate(CASES, 1):
    setattr(BadInput, "test_%03d_%s" % (_number, _slug(_case["name"])), _make_test(_case))


class Corpus(unittest.TestCase):
    def test_the_corpus_covers_what_issue_9_lists(self):
        self.assertGreaterEqual(len(CASES), 40)
        names = [c["name"] for c in CASES]
        self.assertEqual(len(names), len(set(names)), "case names are unique")
        codes = {c["exit"] for c in CASES}
        self.assertTrue({64, 65, 66, 78} <= codes, codes)
        report("bad input: %d cases (%s)" % (len(CASES), ", ".join(
            "%d x exit %d" % (sum(1 for c in CASES if c["exit"] == code), code)
            for code in sorted(codes))))


if __name__ == "__main__":
    unittest.main(argv=sys.argv)
