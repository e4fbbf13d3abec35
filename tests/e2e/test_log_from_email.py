"""End-to-end: `bounceback log --from-email [FILE|-]` logs a rejection from an email.

Each tests/fixtures/email/NAME.eml has a NAME.json beside it: the time zone to run in (`tz`), the
entry expected in the TOML file (`rejection`, without its ID) and where each field comes from
(`sources`, as `--dry-run --json` prints them); or, for a message with no usable company, the
exit status (`exit`), a part of the error (`error`) and what was found anyway (`partial`).
"""

import json
import os
import pathlib
import subprocess
import tomllib
import unittest

from bbtest import BIN, BounceTestCase

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "email"


def fixtures():
    for eml in sorted(FIXTURES.glob("*.eml")):
        yield eml, json.loads(eml.with_suffix(".json").read_text(encoding="utf-8"))


def toml_form(entry):
    """An expected entry as tomllib gives it back: dates as date objects."""
    import datetime  # noqa: PLC0415

    out = dict(entry)
    for key in ("date", "applied"):
        if key in out:
            out[key] = datetime.date.fromisoformat(out[key])
    return out


class LogFromEmail(BounceTestCase):
    def fixture(self, name):
        return FIXTURES / name

    def stored(self, home=None):
        """Every rejection in the home's TOML files, read back with tomllib."""
        folder = pathlib.Path(home or self.home, "rejections")
        entries = []
        for month in sorted(folder.glob("*.toml")) if folder.exists() else []:
            with open(month, "rb") as f:
                entries += tomllib.load(f).get("rejection", [])
        return entries

    def test_every_fixture_gives_its_expected_entry(self):
        self.assertGreaterEqual(len(list(fixtures())), 10)
        for eml, expected in fixtures():
            with self.subTest(eml.name):
                home = os.path.join(self.tmp, eml.stem)
                env = {"TZ": expected["tz"]}
                dry = self.bb("--home", home, "log", "--from-email", eml, "--dry-run", "--json",
                              home=False, env=env)
                report = json.loads(dry.out)
                self.assertEqual(report["sources"], expected["sources"])
                self.assertFalse(os.path.exists(home), "--dry-run wrote something")
                if "exit" in expected:
                    self.assertExit(dry, expected["exit"])
                    self.assertEqual(report["rejection"], expected["partial"])
                    real = self.bb("--home", home, "log", "--from-email", eml, home=False, env=env)
                    self.assertExit(real, expected["exit"])
                    self.assertIn(expected["error"], real.err)
                    self.assertEqual(real.out, "")
                    self.assertEqual(self.stored(home), [])
                    continue
                self.assertExit(dry, 0)
                self.assertEqual(report["rejection"], expected["rejection"])
                self.assertNotIn("existing", report)

                logged = self.bb("--home", home, "log", "--from-email", eml, "--json",
                                 home=False, env=env)
                self.assertExit(logged, 0)
                entry = json.loads(logged.out)
                self.assertEqual(entry["id"], 1)
                stored = self.stored(home)
                self.assertEqual(len(stored), 1)
                self.assertEqual(entry["uid"], stored[0]["uid"])
                self.assertEqual(self.pop_uids({k: v for k, v in stored[0].items() if k != "id"}),
                                 toml_form(expected["rejection"]))

                # The same email again (its Message-ID is the key): one entry, the same ID.
                again = self.bb("--home", home, "log", "--from-email", eml, "--porcelain",
                                home=False, env=env)
                self.assertExit(again, 0)
                self.assertEqual(again.out, "1\n")
                self.assertEqual(self.stored(home), stored)
                dry_again = json.loads(self.ok("--home", home, "log", "--from-email", eml,
                                               "--dry-run", "--json", home=False, env=env))
                self.assertEqual(dry_again["existing"], 1)

    def test_standard_input_as_a_mail_filter_pipes_it(self):
        raw = self.fixture("lever-screen.eml").read_bytes()
        for args in (["--from-email", "-"], ["--from-email"]):
            with self.subTest(args):
                proc = subprocess.run(
                    [BIN, "--home", self.home, "log", *args, "--porcelain"], input=raw,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.make_env(),
                    check=False)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(proc.stdout, b"1\n")
                self.assertEqual(proc.stderr, b"")
        self.assertEqual(len(self.stored()), 1)

    def test_options_override_what_the_email_says(self):
        eml = self.fixture("ashby-technical.eml")
        args = ["log", "--from-email", eml, "--company", "Hooli XYZ", "--stage", "onsite",
                "--role", "Staff Data Engineer", "--date", "2026-11-20", "--key", "mine",
                "--tag", "remote", "--feeling", "2", "--note", "Kind words about my design"]
        report = json.loads(self.ok(*args, "--dry-run", "--json"))
        self.assertEqual(report["sources"]["company"], "--company")
        self.assertEqual(report["sources"]["stage"], "--stage")
        self.assertEqual(report["sources"]["tags"], "--tag")
        self.assertEqual(report["rejection"]["company"], "Hooli XYZ")
        self.ok(*args, "--porcelain")
        entry = self.stored()[0]
        self.assertEqual(entry["company"], "Hooli XYZ")
        self.assertEqual(entry["stage"], "onsite")
        self.assertEqual(entry["role"], "Staff Data Engineer")
        self.assertEqual(entry["date"].isoformat(), "2026-11-20")
        self.assertEqual(entry["key"], "mine")
        self.assertEqual(entry["tags"], ["remote"])
        self.assertEqual(entry["feeling"], 2)

    def test_the_positional_company_overrides_too(self):
        eml = self.fixture("noreply-no-company.eml")
        out = self.ok("log", "Vandelay Industries", "--from-email", eml, "--porcelain")
        self.assertEqual(out, "1\n")
        self.assertEqual(self.stored()[0]["company"], "Vandelay Industries")
        conflict = self.bb("log", "Acme", "--company", "Globex", "--from-email", eml)
        self.assertExit(conflict, 64)

    def test_human_dry_run_names_each_source_and_writes_nothing(self):
        result = self.bb("log", "--from-email", self.fixture("personal-onsite-mueller.eml"),
                         "--dry-run", env={"TZ": "Europe/Berlin"})
        self.assertExit(result, 0)
        self.assertIn("nothing is written", result.out)
        self.assertRegex(result.out, r"company\s+Zahnrad-Werke\s+From: domain zahnrad-werke.de")
        self.assertRegex(result.out, r"stage\s+onsite\s+body: \"onsite\"")
        self.assertRegex(result.out, r"contact\s+Jürgen Müller\s+From: display name")
        self.assertIsNone(self.snapshot())

    def test_a_message_that_is_not_one_is_a_data_error_with_its_line(self):
        cases = {
            "no blank line": ("From: a@b.example\nSubject: x\nHello there\n", "line 3"),
            "empty": ("", "empty"),
            "no boundary": ("From: a@b.example\nContent-Type: multipart/mixed\n\nx\n",
                            "boundary"),
            "bad base64": ("From: a@b.example\nContent-Transfer-Encoding: base64\n\n"
                           "SGVsbG8*\n", "line 4: the base64"),
        }
        for name, (text, message) in cases.items():
            with self.subTest(name):
                result = self.bb("log", "--from-email", "-", input=text)
                self.assertExit(result, 65)
                self.assertIn("standard input: ", result.err)
                self.assertIn(message, result.err)
                self.assertIn("nothing was logged", result.err)
                self.assertEqual(result.out, "")
        self.assertIsNone(self.snapshot())

    def test_a_message_over_the_size_limit_is_refused(self):
        big = "From: a@b.example\nSubject: big\n\n" + ("x" * 999 + "\n") * (11 * 1024)
        result = self.bb("log", "--from-email", "-", input=big)
        self.assertExit(result, 65)
        self.assertIn("larger than", result.err)
        path = self.write_file(pathlib.Path(self.tmp, "big.eml"), big)
        self.assertExit(self.bb("log", "--from-email", path), 65)
        self.assertIsNone(self.snapshot())

    def test_a_missing_file_is_66(self):
        result = self.bb("log", "--from-email", "nowhere.eml")
        self.assertExit(result, 66)
        self.assertIn("nowhere.eml", result.err)
        self.assertExit(self.bb("log", "--from-email", self.tmp), 66)

    def test_a_terminal_on_standard_input_is_not_waited_on(self):
        code, out = self.bb_pty("log", "--from-email")
        self.assertEqual(code, 64, out)
        self.assertIn("name the email file", out)

    def test_dry_run_needs_from_email_and_no_porcelain(self):
        self.assertExit(self.bb("log", "Acme", "--dry-run"), 64)
        self.assertExit(self.bb("log", "Acme", "--force"), 64)
        self.assertExit(self.bb("log", "--from-email", self.fixture("lever-screen.eml"),
                                "--dry-run", "--porcelain"), 64)

    # ---- only rejections are logged ------------------------------------------------------------

    ACK = ("From: Acme Recruiting <no-reply@us.greenhouse-mail.io>\n"
           "Subject: Thank you for your application to Acme\n"
           "Date: Mon, 07 Dec 2026 09:00:00 +0000\nMessage-ID: <ack-1@greenhouse-mail.io>\n\n"
           "Hi Jordan,\n\nWe have received your application for the Staff Engineer role and will "
           "review it.\nIf your profile matches, we will invite you to a phone screen.\n")
    INVITE = ("From: Acme Recruiting <no-reply@us.greenhouse-mail.io>\n"
              "Subject: Your application to Acme: next steps\nMessage-ID: <inv-1@gh.example>\n\n"
              "Great news! We would love to invite you to an onsite interview.\n")

    def test_a_message_that_is_not_a_rejection_writes_nothing_and_exits_3(self):
        for text, kind, said in ((self.ACK, "acknowledgement",
                                  "An application acknowledgement from Acme ('"),
                                 (self.INVITE, "interview",
                                  "An interview invitation from Acme ('would love to invite")):
            with self.subTest(kind):
                result = self.bb("log", "--from-email", "-", input=text)
                self.assertExit(result, 3)
                self.assertEqual(result.out, "")
                self.assertIn(said, result.err)
                self.assertTrue(result.err.endswith(": not logged; --force logs it anyway.\n"),
                                result.err)
                self.assertEqual(result.err.count("\n"), 1)
                self.assertIsNone(self.snapshot())
                as_json = self.bb("log", "--from-email", "-", "--json", input=text)
                self.assertExit(as_json, 3)
                report = json.loads(as_json.out)
                self.assertEqual(report["kind"], kind)
                self.assertFalse(report["logged"])
                self.assertTrue(report["decided_by"])
                dry = self.bb("log", "--from-email", "-", "--dry-run", "--json", input=text)
                self.assertExit(dry, 3)
                report = json.loads(dry.out)
                self.assertEqual(report["kind"], kind)
                self.assertFalse(report["would_log"])
                self.assertEqual(report["decided_by"][0]["language"], "en")
                self.assertIsNone(self.snapshot())
        human = self.bb("log", "--from-email", "-", "--dry-run", input=self.INVITE)
        self.assertExit(human, 3)
        self.assertIn("It reads as an interview invitation: 'would love to invite'", human.out)
        self.assertIn("It would not be logged; --force logs it anyway, as:", human.out)

    def test_force_logs_it_anyway(self):
        dry = self.bb("log", "--from-email", "-", "--dry-run", "--force", input=self.INVITE)
        self.assertExit(dry, 0)
        self.assertIn("With --force bounceback would log it anyway", dry.out)
        self.assertEqual(self.bb("log", "--from-email", "-", "--force", "--porcelain",
                                 input=self.INVITE).out, "1\n")
        self.assertEqual(self.stored()[0]["company"], "Acme")

    def test_unsure_is_not_logged(self):
        text = ("From: Sam <sam@acme.example>\nSubject: Friday\n\n"
                "Unfortunately the office is closed on Friday.\n")
        result = self.bb("log", "--from-email", "-", input=text)
        self.assertExit(result, 3)
        self.assertIn("Possibly a rejection from Acme (only 'Unfortunately', which alone does "
                      "not say no): not logged", result.err)
        self.assertIsNone(self.snapshot())

    def test_a_forward_logs_the_original_never_the_person(self):
        self.write_file(pathlib.Path(self.home, "config.toml"),
                        '[me]\nemail = "jordan@example.org"\n')
        text = ("From: Jordan Lee <Jordan@Example.org>\nTo: jordan@example.org\n"
                "Subject: Fwd: Your application\nDate: Mon, 07 Dec 2026 08:45:00 +0000\n"
                "Message-ID: <fwd-1@example.org>\n\nFYI\n\n"
                "---------- Forwarded message ---------\n"
                "From: Priya Raman <priya@lumen.example>\nDate: Fri, 4 Dec 2026 at 23:03\n"
                "Subject: Your application to Lumen\nTo: <jordan@example.org>\n\n"
                "Hi Jordan,\nAfter the final round we have decided to go with another "
                "candidate.\nPriya\n")
        # Read before the day it was sent (today is 2026-11-25 here), it is refused as a slip.
        early = self.bb("log", "--from-email", "-", "--dry-run", input=text)
        self.assertExit(early, 64)
        self.assertIn("later than tomorrow", early.err)
        report = json.loads(self.ok("log", "--from-email", "-", "--dry-run", "--json",
                                    input=text,
                                    env={"TZ": "Asia/Tokyo", "BOUNCEBACK_TODAY": "2026-12-07"}))
        self.assertEqual(report["forwarded"], "inline")
        entry = report["rejection"]
        self.assertEqual(entry["company"], "Lumen")
        self.assertEqual(entry["contact"], "Priya Raman")
        self.assertEqual(entry["email"], "priya@lumen.example")
        self.assertEqual(entry["date"], "2026-12-04")  # the original's day, as written
        self.assertEqual(entry["stage"], "final")
        self.assertEqual(report["sources"]["contact"], "forwarded From: display name")
        self.assertIn("no time zone: the day as written", report["sources"]["date"])
        self.ok("log", "--from-email", "-", input=text, env={"BOUNCEBACK_TODAY": "2026-12-07"})
        self.assertEqual(self.stored()[0]["contact"], "Priya Raman")

    def test_the_person_is_never_the_contact(self):
        self.write_file(pathlib.Path(self.home, "config.toml"),
                        '[me]\nemail = "jordan@example.org"\n')
        text = ("From: Jordan Lee <jordan@example.org>\nSubject: Re: Your application to Acme\n"
                "Message-ID: <me-1@example.org>\n\nWe regret to inform you that the position "
                "has been filled.\n")
        entry = json.loads(self.ok("log", "--from-email", "-", "--dry-run", "--json",
                                   input=text))["rejection"]
        self.assertNotIn("contact", entry)
        self.assertNotIn("email", entry)

    def test_a_team_is_never_the_contact(self):
        text = ("From: =?UTF-8?Q?=C3=89quipe_Recrutement?= <anne@chateau-logiciels.fr>\n"
                "Subject: =?UTF-8?Q?Votre_candidature_chez_Ch=C3=A2teau_Logiciels?=\n"
                "Content-Type: text/plain; charset=UTF-8\n\n"
                "Malheureusement, nous ne pouvons pas donner une suite favorable \u00e0 votre "
                "candidature pour le poste de D\u00e9veloppeur Backend apr\u00e8s "
                "l'entretien technique.\n")
        entry = json.loads(self.ok("log", "--from-email", "-", "--dry-run", "--json",
                                   input=text))["rejection"]
        self.assertEqual(entry["company"], "Ch\u00e2teau Logiciels")
        self.assertEqual(entry["role"], "D\u00e9veloppeur Backend")
        self.assertEqual(entry["stage"], "technical")
        self.assertNotIn("contact", entry)

    def test_dates_say_when_a_zone_was_guessed_and_received_stands_in(self):
        base = ("From: Acme <no-reply@acme.example>\nSubject: Your application to Acme\n"
                "Message-ID: <z-1@acme.example>\n{date}\nWe regret to inform you that we will "
                "not be moving forward.\n")
        named = json.loads(self.ok("log", "--from-email", "-", "--dry-run", "--json",
                                   input=base.format(date="Date: Wed, 2 Dec 2026 23:40:00 CET\n"),
                                   env={"TZ": "UTC", "BOUNCEBACK_TODAY": "2026-12-07"}))
        self.assertEqual(named["rejection"]["date"], "2026-12-02")  # 22:40 UTC
        self.assertTrue(named["sources"]["date"].endswith("(CET read as +0100)"))
        human = self.ok("log", "--from-email", "-", "--dry-run",
                        input=base.format(date="Date: Wed, 2 Dec 2026 23:40:00 CET\n"),
                        env={"BOUNCEBACK_TODAY": "2026-12-07"})
        self.assertIn("(CET read as +0100)", human)
        received = json.loads(self.ok(
            "log", "--from-email", "-", "--dry-run", "--json",
            env={"TZ": "Europe/Berlin", "BOUNCEBACK_TODAY": "2026-12-07"},
            input=base.format(date="Received: from mx by mail.example.org; Tue, 1 Dec 2026 "
                                   "22:47:19 -0500\nDate: yesterday evening\n")))
        self.assertEqual(received["rejection"]["date"], "2026-12-02")
        self.assertTrue(received["sources"]["date"].startswith("Received: "))

    def test_log_takes_company_as_an_option_too(self):
        self.assertEqual(self.ok("log", "--company", "Initech", "--porcelain"), "1\n")
        self.assertEqual(self.stored()[0]["company"], "Initech")


if __name__ == "__main__":
    unittest.main()
