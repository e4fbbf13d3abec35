"""End-to-end: `bounceback init` and `bounceback doctor` (alias `check`)."""

import json
import os
import tomllib
import unittest

from bbtest import BounceTestCase


class Init(BounceTestCase):
    def test_init_writes_a_private_config_that_parses(self):
        r = self.bb("init", "--name", 'Sam "Q" Lee', "--email", "sam@example.com",
                    "--week-start", "sunday")
        self.assertExit(r, 0)
        config = self.path("config.toml")
        self.assertIn(str(config), r.out)
        self.assertEqual(self.mode(config), 0o600)
        self.assertEqual(self.mode(self.home), 0o700)
        with open(config, "rb") as f:
            doc = tomllib.load(f)
        self.assertEqual(doc["me"]["name"], 'Sam "Q" Lee')
        self.assertEqual(doc["me"]["email"], "sam@example.com")
        self.assertEqual(doc["week"]["start"], "sunday")
        self.assertIn("#", config.read_text(), "a commented starter config")
        self.assertExit(self.bb("doctor"), 0)

    def test_init_with_defaults_off_a_terminal(self):
        r = self.bb("init")
        self.assertExit(r, 0)
        with open(self.path("config.toml"), "rb") as f:
            doc = tomllib.load(f)
        self.assertEqual(doc.get("week", {}).get("start", "monday"), "monday")
        self.assertNotIn("email", doc.get("me", {}))

    def test_init_asks_on_a_terminal(self):
        # name, email, signature, goal, week start; an invalid email is asked again.
        answers = b"Ana Lima\nnot-an-email\nana@example.com\nAna\nLead a data team\nSunday\n"
        code, output = self.bb_pty("init", answer=answers)
        self.assertEqual(code, 0, output)
        self.assertIn("not-an-email", output, "the bad answer is named")
        with open(self.path("config.toml"), "rb") as f:
            doc = tomllib.load(f)
        self.assertEqual(doc["me"], {"name": "Ana Lima", "email": "ana@example.com", "signature": "Ana",
                                     "goal": "Lead a data team"})
        self.assertEqual(doc["week"]["start"], "sunday")

    def test_init_never_overwrites(self):
        self.ok("init", "--name", "Sam", "--email", "sam@example.com")
        before = self.path("config.toml").read_bytes()
        r = self.bb("init", "--name", "Other", "--email", "other@example.com", "--week-start", "sunday")
        self.assertExit(r, 73)
        self.assertIn("config.toml", r.err)
        self.assertEqual(self.path("config.toml").read_bytes(), before)
        self.assertNoLeftovers()

    def test_init_never_overwrites_a_hand_written_config(self):
        mine = b"# mine\n[me]\nname = \"Me\"\n"
        self.write_file(self.path("config.toml"), mine)
        self.assertExit(self.bb("init", "--name", "Sam"), 73)
        self.assertEqual(self.path("config.toml").read_bytes(), mine)

    def test_init_bad_values(self):
        for args, option in ((("--email", "not-an-email"), "--email"),
                             (("--name", "Sam", "--email", "sam@"), "--email"),
                             (("--week-start", "friday"), "--week-start"),
                             (("--name", "Sam\nLee"), "--name")):
            with self.subTest(args=args):
                r = self.bb("init", *args)
                self.assertExit(r, 64)
                self.assertIn(option, r.err)
                self.assertIsNone(self.snapshot(), "nothing is created")


class Doctor(BounceTestCase):
    def add_data(self):
        self.log("Acme", "--date", "2026-11-20")
        self.log("Initech", "--date", "2026-10-02", "--key", "k1")
        self.ok("log", "win", "A win")

    def test_clean_home(self):
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertIn("all good", r.out)
        self.add_data()
        self.ok("init", "--name", "Sam")
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertIn("all good", r.out)

    def test_broken_file(self):
        self.add_data()
        path = self.path("rejections", "2026-11.toml")
        path.write_bytes(b"version = 1\n[[rejection]]\ncompany = \n")
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn(str(path) + ":3:", r.out + r.err)
        self.assertRegex(r.out + r.err, r"2026-11\.toml:\d+:\d+:")
        self.assertEqual(path.read_bytes(), b"version = 1\n[[rejection]]\ncompany = \n",
                         "doctor changes nothing it does not own")

    def test_bad_record(self):
        self.add_data()
        path = self.path("rejections", "2026-11.toml")
        path.write_text(path.read_text().replace('company = "Acme"', 'company = "Acme"\nstage = "lunch"'))
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertRegex(r.out + r.err, r"2026-11\.toml:\d+:\d+:.*stage")

    def test_duplicate_ids_across_months(self):
        self.add_data()  # rejection 1 in November, 2 in October
        october = self.path("rejections", "2026-10.toml")
        october.write_text(october.read_text() +
                           '\n[[rejection]]\ncompany = "Dup"\ndate = 2026-10-03\nid = 1\n')
        r = self.bb("doctor")
        self.assertExit(r, 65)
        report = r.out + r.err
        self.assertIn("2026-10.toml", report)
        self.assertIn("2026-11.toml", report)
        self.assertRegex(report, r"\b1\b")

    def test_leftover_temp_file_is_reported_and_removed_by_fix(self):
        self.add_data()
        leftover = self.write_file(self.path("rejections", ".2026-11.toml.tmp-abcdef"), b"half a file")
        r = self.bb("doctor")
        self.assertExit(r, 0)
        self.assertTrue(leftover.exists(), "without --fix nothing changes")
        self.assertIn(".2026-11.toml.tmp-abcdef", r.out)
        self.assertIn("doctor --fix", r.out)
        r = self.bb("doctor", "--fix")
        self.assertExit(r, 0)
        self.assertFalse(leftover.exists())
        self.assertIn("fixed: %s" % leftover, r.out)
        self.assertEqual(len(self.list_json()), 2, "the data is intact")
        r = self.bb("doctor")
        self.assertNotIn("tmp-abcdef", r.out, "reported, then gone")

    def test_file_readable_by_others(self):
        self.add_data()
        path = self.path("rejections", "2026-11.toml")
        os.chmod(path, 0o644)
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("chmod", r.out + r.err)
        self.assertIn(str(path), r.out + r.err)
        os.chmod(self.path("rejections"), 0o755)
        os.chmod(path, 0o600)
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("chmod", r.out + r.err)

    def test_doctor_json(self):
        r = self.bb("doctor", "--json")
        self.assertExit(r, 0)
        self.assertIsInstance(json.loads(r.out), dict)
        self.add_data()
        path = self.path("rejections", "2026-11.toml")
        path.write_bytes(b"version = 1\n[[rejection]]\ncompany = \n")
        r = self.bb("doctor", "--json")
        self.assertExit(r, 65)
        report = json.loads(r.out)
        self.assertIsInstance(report, dict)
        self.assertIn(str(path), json.dumps(report))

    def test_bad_config(self):
        self.write_file(self.path("config.toml"), '[week]\nstart = "friday"\n')
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("config.toml", r.out + r.err)
        self.assertRegex(r.out + r.err, r"config\.toml:2:\d+:")

    def test_signal_thresholds_that_stats_would_refuse(self):
        self.write_file(self.path("config.toml"), '[signals]\nmood_lo = 2\n')
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertIn("mood_lo", r.out + r.err)
        self.assertExit(self.bb("stats"), 78)

    def test_config_that_does_not_parse(self):
        self.write_file(self.path("config.toml"), '[me]\nname = "unterminated\n')
        r = self.bb("doctor")
        self.assertExit(r, 65)
        self.assertRegex(r.out + r.err, r"config\.toml:2:\d+:")

    def test_check_is_an_alias_of_doctor(self):
        clean_doctor = self.bb("doctor")
        clean_check = self.bb("check")
        self.assertExit(clean_check, 0)
        self.assertEqual(clean_check.out, clean_doctor.out)
        self.add_data()
        self.path("rejections", "2026-11.toml").write_bytes(b"version = 1\n[[rejection]]\ncompany = \n")
        doctor = self.bb("doctor")
        check = self.bb("check")
        self.assertExit(check, 65)
        self.assertEqual(check, doctor)


if __name__ == "__main__":
    unittest.main()
