"""End-to-end: `bounceback log --from-mbox FILE` and `--from-maildir DIR` log every rejection in
a mailbox: all or nothing, once per Message-ID, passing over what is not a rejection and what
was probably logged by hand, with a table for --dry-run and JSON for scripts.
"""

import json
import os
import pathlib
import subprocess
import tomllib
import unittest

from bbtest import BIN, BounceTestCase


def message(sender, subject, body, message_id, date="Tue, 24 Nov 2026 10:00:00 +0100"):
    return (f"From: {sender}\nTo: jordan@example.org\nSubject: {subject}\nDate: {date}\n"
            f"Message-ID: <{message_id}>\nContent-Type: text/plain; charset=utf-8\n\n{body}")


REJECTION_ACME = message("Acme Recruiting <no-reply@us.greenhouse-mail.io>",
                         "Your application to Acme",
                         "Thank you for the technical interview for the Data Engineer role.\n"
                         "We have decided to move forward with other candidates.\n",
                         "acme-1@greenhouse.example", "Mon, 23 Nov 2026 17:00:00 +0100")
REJECTION_GLOBEX = message("Globex <no-reply@hire.lever.co>",
                           "Update on your application for Product Designer at Globex",
                           "Thanks for speaking with us. Unfortunately we've decided not to move "
                           "forward with your candidacy.\nFrom now on we will keep your CV.\n",
                           "globex-1@lever.example", "Tue, 17 Nov 2026 09:00:00 -0800")
ACK = message("Initech Careers <initech@myworkday.com>", "Application received",
              "Your application has been successfully submitted. We will review it.\n",
              "initech-ack@workday.example")
INVITE = message("Hooli Talent <talent@hooli.example>", "Next steps",
                 "Great news! We would love to invite you to an onsite interview.\n",
                 "hooli-inv@hooli.example")
ALERT = message("LinkedIn <jobalerts-noreply@linkedin.com>", "12 new jobs for you",
                "Your job alert: 12 new jobs match your preferences.\n", "li-1@linkedin.example")
GERMAN = message("Zahnrad-Werke GmbH Personalabteilung <karriere@zahnrad-werke.de>",
                 "Ihre Bewerbung als Softwareentwickler",
                 "vielen Dank für das angenehme Vorstellungsgespräch. Leider müssen wir Ihnen "
                 "mitteilen, dass wir uns für einen anderen Bewerber entschieden haben.\n",
                 "zw-1@zahnrad-werke.de", "Wed, 25 Nov 2026 10:00:00 +0100")


def mbox_of(*messages, crlf=False):
    """An mboxrd: each message after a `From ` line, `From ` lines of its text quoted."""
    out = []
    for text in messages:
        lines = [">" + line if line.lstrip(">").startswith("From ") else line
                 for line in text.split("\n")]
        out.append("From MAILER-DAEMON Thu Nov 26 10:00:00 2026\n" + "\n".join(lines) + "\n")
    text = "".join(out)
    return text.replace("\n", "\r\n") if crlf else text


class LogFromMailbox(BounceTestCase):
    def stored(self):
        folder = pathlib.Path(self.home, "rejections")
        entries = []
        for month in sorted(folder.glob("*.toml")) if folder.exists() else []:
            with open(month, "rb") as f:
                entries += tomllib.load(f).get("rejection", [])
        return entries

    def mbox(self, *messages, name="box.mbox", crlf=False):
        path = pathlib.Path(self.tmp, name)
        path.write_bytes(mbox_of(*messages, crlf=crlf).encode("utf-8"))
        return path

    def test_dry_run_prints_a_table_and_writes_nothing(self):
        box = self.mbox(REJECTION_ACME, ACK, INVITE, REJECTION_GLOBEX, ALERT, GERMAN)
        result = self.bb("log", "--from-mbox", box, "--dry-run")
        self.assertExit(result, 0)
        out = result.out
        self.assertIn("Would log (3):", out)
        self.assertIn("Passed over (3):", out)
        self.assertRegex(out, r"DATE\s+COMPANY\s+ROLE\s+STAGE\s+KIND\s+WHY")
        self.assertRegex(out, r"2026-11-23\s+Acme\s+Data Engineer\s+technical\s+rejection\s+"
                              r"'forward with other candidates'")
        self.assertRegex(out, r"Zahnrad-Werke\s+Softwareentwickler\s+screen\s+rejection")
        self.assertRegex(out, r"interview\s+'would love to invite")
        self.assertIn("Would log 3 rejections from 6 messages. Nothing was written", out)
        self.assertIn("Passed over: 1 acknowledgement, 1 interview invitation, 1 job alert or "
                      "newsletter.", out)
        self.assertIsNone(self.snapshot())
        as_json = json.loads(self.ok("log", "--from-mbox", box, "--dry-run", "--json"))
        self.assertTrue(as_json["dry_run"])
        self.assertEqual((as_json["messages"], as_json["logged"], as_json["passed_over"]),
                         (6, 3, 3))
        kinds = [row["kind"] for row in as_json["rows"]]
        self.assertEqual(kinds, ["rejection", "acknowledgement", "interview", "rejection",
                                 "newsletter", "rejection"])
        self.assertEqual(as_json["rows"][1]["skipped"], "not_a_rejection")
        self.assertTrue(as_json["rows"][0]["decided_by"])
        self.assertEqual(as_json["rows"][0]["where"], "line 1")
        self.assertIsNone(self.snapshot())

    def test_logs_every_rejection_once_all_or_nothing(self):
        box = self.mbox(REJECTION_ACME, ACK, REJECTION_GLOBEX, GERMAN, REJECTION_ACME)
        result = self.bb("log", "--from-mbox", box, "--tag", "imported")
        self.assertExit(result, 0)
        self.assertIn("Logged 3 rejections from 5 messages (IDs 1 to 3).", result.out)
        self.assertIn("1 repeat", result.out)
        stored = self.stored()
        self.assertEqual(sorted(e["company"] for e in stored), ["Acme", "Globex", "Zahnrad-Werke"])
        self.assertTrue(all(e["tags"] == ["imported"] for e in stored))
        self.assertEqual({e["key"] for e in stored},
                         {"acme-1@greenhouse.example", "globex-1@lever.example",
                          "zw-1@zahnrad-werke.de"})
        # Again: every message was logged before; nothing changes.
        before = self.snapshot()
        again = self.bb("log", "--from-mbox", box, "--json")
        self.assertExit(again, 0)
        report = json.loads(again.out)
        self.assertEqual(report["logged"], 0)
        self.assertEqual([r.get("existing") for r in report["rows"] if r["kind"] == "rejection"],
                         [1, 2, 3, None])
        self.assertEqual(self.snapshot(), before)
        self.assertNoLeftovers()

    def test_an_entry_logged_by_hand_is_probably_the_same(self):
        self.ok("log", "ACME", "--date", "2026-11-20")          # by hand, three days before
        self.ok("log", "Zahnrad Werke", "--date", "2026-10-01")  # too long before
        box = self.mbox(REJECTION_ACME, GERMAN)
        result = self.bb("log", "--from-mbox", box)
        self.assertExit(result, 0)
        self.assertIn("Logged 1 rejection from 2 messages", result.out)
        self.assertIn("line 1 (Acme, 2026-11-23): probably already logged as 1; --force logs it "
                      "anyway", result.err)
        self.assertEqual(len(self.stored()), 3)
        forced = self.bb("log", "--from-mbox", box, "--force")
        self.assertExit(forced, 0)
        self.assertIn("Logged 1 rejection", forced.out)
        self.assertEqual(len(self.stored()), 4)

    def test_a_month_that_does_not_parse_stops_it_before_anything_is_written(self):
        self.ok("log", "Initech", "--date", "2026-11-02")
        pathlib.Path(self.home, "rejections", "2026-11.toml").write_text(
            "version = 1\n[[rejection]]\nid = \n")
        before = self.snapshot()
        box = self.mbox(REJECTION_ACME, GERMAN)
        result = self.bb("log", "--from-mbox", box)
        self.assertExit(result, 65)
        self.assertIn("2026-11.toml:3", result.err)
        self.assertEqual(self.snapshot(), before)

    def test_maildir(self):
        maildir = pathlib.Path(self.tmp, "Mail", "INBOX")
        for sub in ("cur", "new", "tmp"):
            (maildir / sub).mkdir(parents=True)
        (maildir / "cur" / "1700000001.M1.host:2,S").write_text(REJECTION_ACME)
        (maildir / "new" / "1700000002.M2.host").write_text(ACK)
        (maildir / "cur" / "1700000003.M3.host:2,S").write_text(GERMAN)
        (maildir / "tmp" / "1700000004.M4.host").write_text(REJECTION_GLOBEX)  # not delivered
        result = self.bb("log", "--from-maildir", maildir, "--json")
        self.assertExit(result, 0)
        report = json.loads(result.out)
        self.assertEqual(report["logged"], 2)
        self.assertEqual([r["where"] for r in report["rows"]],
                         ["cur/1700000001.M1.host:2,S", "new/1700000002.M2.host",
                          "cur/1700000003.M3.host:2,S"])
        self.assertEqual([r.get("id") for r in report["rows"]], [1, None, 2])

    def test_standard_input_crlf_and_a_message_that_cannot_be_read(self):
        broken = "From: a@b.example\nSubject: x\nContent-Transfer-Encoding: base64\n\nSGVsbG8*\n"
        raw = mbox_of(REJECTION_ACME, broken, crlf=True).encode()
        proc = subprocess.run([BIN, "--home", self.home, "log", "--from-mbox", "-", "--json"],
                              input=raw, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=self.make_env(), check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        report = json.loads(proc.stdout)
        self.assertEqual(report["logged"], 1)
        self.assertEqual(report["rows"][1]["kind"], "unreadable")
        self.assertIn("base64", report["rows"][1]["why"])
        self.assertEqual(proc.stderr, b"")

    def test_errors(self):
        not_mbox = pathlib.Path(self.tmp, "one.eml")
        not_mbox.write_text(REJECTION_ACME)
        result = self.bb("log", "--from-mbox", not_mbox)
        self.assertExit(result, 65)
        self.assertIn("line 1:", result.err)
        self.assertIn("--from-email", result.err)
        self.assertExit(self.bb("log", "--from-mbox", "nowhere.mbox"), 66)
        self.assertExit(self.bb("log", "--from-maildir", self.tmp), 66)
        self.assertExit(self.bb("log", "--from-maildir", "nowhere"), 66)
        box = self.mbox(REJECTION_ACME)
        for args in (["--company", "Acme"], ["Acme"], ["--stage", "screen"], ["--porcelain"],
                     ["--from-email", box], ["--key", "k"]):
            with self.subTest(args):
                result = self.bb("log", "--from-mbox", box, *args)
                self.assertExit(result, 64)
        self.assertIsNone(self.snapshot())

    def test_progress_only_on_a_terminal(self):
        big = message("Acme <no-reply@acme.example>", "Newsletter", "news\n" * 480000,
                      "big@acme.example")
        box = self.mbox(big, REJECTION_ACME, big.replace("big@", "big2@"))
        self.assertGreater(box.stat().st_size, 4 << 20)
        piped = self.bb("log", "--from-mbox", box, "--dry-run")
        self.assertExit(piped, 0)
        self.assertNotIn("Reading mail", piped.err)
        code, out = self.bb_pty("log", "--from-mbox", box, "--dry-run", timeout=60)
        self.assertEqual(code, 0, out)
        self.assertIn("Reading mail [", out)
        self.assertIn("Would log 1 rejection from 3 messages", out)


if __name__ == "__main__":
    unittest.main()
