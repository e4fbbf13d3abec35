"""End-to-end: the small edges a new user trips on (issue 15, part b).

Feedback requests that make sense ("Last, First" contacts, follow-up rules, feedback.followed_up),
the hint after `log`, tags in any case, names that refuse invisible characters, the greeting of a
home without rejections, option-value errors and unknown commands.
"""

import csv
import email
import email.policy
import io
import json
import unittest

from bbtest import TODAY, BounceTestCase


class Contacts(BounceTestCase):
    def draft(self, contact, *args):
        rid = self.log("Acme", "--contact", contact, "--email", "jane@acme.example")
        return self.ok("feedback-email", str(rid), *args)

    def test_last_name_first(self):
        out = self.draft("Doe, Jane")
        self.assertIn("Dear Jane,", out)
        self.assertNotIn("Doe,,", out)
        self.assertIn('To: "Doe, Jane" <jane@acme.example>', out)

    def test_title_and_last_name(self):
        self.assertIn("Dear Dr. Doe,", self.draft("Dr. Doe"))
        self.assertIn("Dear Jane,", self.draft("Doe, Dr. Jane"))
        self.assertIn("Dear Jane,", self.draft("Prof. Jane Doe"))

    def test_the_text_to_line_reads_as_the_eml_one(self):
        self.ok("init", "--name", "Sam Seeker", "--email", "sam@example.com")
        rid = self.log("Acme", "--contact", "Doe, Jane", "--email", "jane@acme.example")
        eml = self.ok("feedback-email", str(rid), "--format", "eml")
        text = self.ok("feedback-email", str(rid))
        parsed = email.message_from_string(eml, policy=email.policy.default)
        to_line = next(line for line in text.splitlines() if line.startswith("To: "))
        from_text = email.message_from_string(to_line + "\n\n", policy=email.policy.default)
        self.assertEqual(parsed["To"].addresses[0].display_name, "Doe, Jane")
        self.assertEqual(from_text["To"].addresses[0].display_name, "Doe, Jane")
        self.assertEqual(len(from_text["To"].addresses), 1)


class FollowUps(BounceTestCase):
    def test_follow_up_refused_when_never_asked(self):
        rid = self.log("Acme")
        result = self.bb("feedback-email", str(rid), "--template", "follow-up")
        self.assertExit(result, 64)
        self.assertIn("never asked for", result.err)
        self.assertIn("--force", result.err)
        self.assertEqual(result.out, "")
        forced = self.ok("feedback-email", str(rid), "--template", "follow-up", "--force")
        self.assertIn("Subject:", forced)

    def test_follow_up_refused_when_answered(self):
        rid = self.log("Acme")
        self.ok("feedback-email", str(rid), "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-10"})
        self.ok("log", "feedback", str(rid), "Thanks, we went with someone else")
        result = self.bb("feedback-email", str(rid), "--template", "follow-up")
        self.assertExit(result, 64)
        self.assertIn("already came on " + TODAY, result.err)

    def test_second_mark_sent_is_a_follow_up(self):
        rid = self.log("Acme", "--date", "2026-11-02")
        self.ok("feedback-email", str(rid), "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-03"})
        due = self.ok("feedback-email", "--due")
        self.assertIn("22 days", due)
        result = self.bb("feedback-email", str(rid), "--template", "follow-up", "--mark-sent")
        self.assertExit(result, 0)
        self.assertIn("follow-up", result.err)
        entry = self.list_json()[0]
        self.assertEqual(entry["feedback"]["requested"], "2026-11-03")
        self.assertEqual(entry["feedback"]["followed_up"], TODAY)
        show = self.ok("log", "show", str(rid))
        self.assertIn("feedback requested 2026-11-03, followed up " + TODAY, show)
        # Waiting again from the follow-up: not due today.
        self.assertIn("Nothing to chase", self.ok("feedback-email", "--due"))
        # Marked twice the same day: nothing changes.
        again = self.bb("feedback-email", str(rid), "--mark-sent")
        self.assertIn("nothing changed", again.err)
        self.assertEqual(self.list_json()[0]["feedback"], entry["feedback"])
        stats = json.loads(self.ok("stats", "--json"))
        self.assertEqual(stats["weeks"][-1]["feedback"]["followed_up"], 1)
        self.assertEqual(stats["total"]["feedback"]["followed_up"], 1)
        self.assertIn("followed up 1", self.ok("stats", "--color", "never"))
        rows = list(csv.DictReader(io.StringIO(self.ok("log", "list", "--csv"), newline="")))
        self.assertEqual(rows[0]["feedback_followed_up"], TODAY)

    def test_followed_up_survives_export_and_import(self):
        rid = self.log("Acme", "--date", "2026-11-02")
        self.ok("feedback-email", str(rid), "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-03"})
        self.ok("feedback-email", str(rid), "--mark-sent")
        for fmt in ("json", "csv"):
            args = ["export"] + (["--csv", "--kind", "rejection"] if fmt == "csv" else [])
            exported = self.ok(*args)
            other = self.path("other-" + fmt)
            self.write_file(self.path("export." + fmt), exported)
            self.bb("--home", str(other), "import", str(self.path("export." + fmt)), home=False)
            data = json.loads(self.ok("--home", str(other), "log", "list", "--json", home=False))
            self.assertEqual(data[0]["feedback"].get("followed_up"), TODAY, fmt)

    def test_a_follow_up_before_its_request_is_refused_in_the_file(self):
        self.log("Acme", "--date", "2026-11-02")
        path = next(self.path("data", "rejections").glob("*.toml")) \
            if self.path("data", "rejections").exists() else None
        if path is None:
            path = next(self.path().rglob("rejections/*.toml"))
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n[rejection.feedback]\nrequested = 2026-11-10\n"
                        "followed_up = 2026-11-05\n", encoding="utf-8")
        result = self.bb("log", "list")
        self.assertExit(result, 65)
        self.assertIn("feedback.followed_up (2026-11-05) is before", result.err)


class HintAfterLog(BounceTestCase):
    def test_a_new_entry_is_told_to_ask(self):
        out = self.ok("log", "Acme")
        self.assertIn("bounceback feedback-email 1", out)
        self.assertNotIn("log feedback", out)
        self.assertNotIn("interview", out)

    def test_an_interview_entry_is_told_to_ask_too(self):
        out = self.ok("log", "Acme", "--stage", "onsite")
        self.assertIn("bounceback feedback-email 1", out)
        self.assertNotIn("--area interview", out)


class Tags(BounceTestCase):
    def test_one_tag_whatever_its_case(self):
        rid = self.log("Acme", "--tag", "Remote", "--tag", "remote", "--tag", "REMOTE")
        self.assertEqual(self.list_json()[0]["tags"], ["Remote"])
        self.ok("log", "edit", str(rid), "--tag", "fintech", "--tag", "FinTech")
        self.assertEqual(self.list_json()[0]["tags"], ["fintech"])
        self.log("Globex", "--tag", "Remote")
        self.log("Initech", "--tag", "remote")
        self.assertEqual(len(self.list_json("--tag", "REMOTE")), 2)


class Names(BounceTestCase):
    def test_invisible_characters_are_refused(self):
        for name, code in (("Acme\u202eemca", "U+202E"), ("Ac\u200bme", "U+200B"),
                           ("\u2066Acme", "U+2066"), ("Acme\ufeff", "U+FEFF")):
            before = self.snapshot()
            result = self.bb("log", name)
            self.assertExit(result, 64, name)
            self.assertIn(code, result.err)
            self.assertNotIn(name, result.err)  # never echoed: it would reorder the message
            self.assertEqual(self.snapshot(), before)
        rid = self.log("Acme")
        result = self.bb("log", "edit", str(rid), "--contact", "Jane\u202e Doe")
        self.assertExit(result, 64)
        self.assertIn("RIGHT-TO-LEFT OVERRIDE", result.err)

    def test_joiners_that_scripts_need_are_kept(self):
        rid = self.log("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")  # ZWNJ in Persian
        self.assertIn("\u200c", self.list_json()[0]["company"])
        self.assertEqual(rid, 1)

    def test_spaces_at_either_end_are_trimmed(self):
        self.log("  Acme  ", "--contact", "  Jane Doe ")
        entry = self.list_json()[0]
        self.assertEqual((entry["company"], entry["contact"]), ("Acme", "Jane Doe"))

    def test_a_hand_edited_name_is_refused_with_its_place(self):
        self.log("Acme")
        path = next(self.path().rglob("rejections/*.toml"))
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('company = "Acme"', 'company = "Ac\u200bme"'),
                        encoding="utf-8")
        result = self.bb("log", "list")
        self.assertExit(result, 65)
        self.assertIn(path.name, result.err)
        self.assertIn("U+200B ZERO WIDTH SPACE", result.err)


class Greeting(BounceTestCase):
    def test_empty_home(self):
        self.assertIn("No rejections logged yet", self.ok())

    def test_only_checkins_and_reflections(self):
        self.ok("routine", "done", "exercise")
        self.ok("reflect", "--mood", "4", "--went-well", "A good walk")
        out = self.ok()
        self.assertNotIn("No rejections logged yet", out)
        self.assertIn("1 check-in and 1 reflection logged so far", out)
        self.assertIn("bounceback routine", out)


class OptionErrors(BounceTestCase):
    def test_bad_choice_reads_like_every_other_error(self):
        for args, message in (
                (["--color", "sometimes"], "--color: 'sometimes' must be auto, always or never"),
                (["log", "list", "--color", "sometimes"],
                 "--color: 'sometimes' must be auto, always or never"),
                (["export", "--kind", "wins"],
                 "--kind: 'wins' must be rejection, reflection, checkin, win or all"),
                (["import", "x.csv", "--date-order", "ymd"],
                 "--date-order: 'ymd' must be dmy or mdy")):
            result = self.bb(*args)
            self.assertExit(result, 64, args)
            self.assertIn(message, result.err)
            self.assertNotIn("not in {", result.err)

    def test_a_missing_value_says_so(self):
        result = self.bb("log", "list", "--since")
        self.assertExit(result, 64)
        self.assertIn("--since: needs a value (--since DATE)", result.err)
        self.assertNotIn("required DATE missing", result.err)

    def test_unknown_command_with_options_names_the_command(self):
        result = self.bb("backup", "--init")
        self.assertExit(result, 64)
        self.assertIn("unknown command 'backup'", result.err)
        result = self.bb("stat", "--json")
        self.assertIn("unknown command 'stat'; did you mean 'stats'?", result.err)
        # An unknown option alone is still an unknown option.
        self.assertIn("unknown option '--bogus'", self.bb("--bogus").err)
        self.assertIn("unknown option '--bogus' for routine", self.bb("routine", "--bogus").err)


class ManPages(BounceTestCase):
    def test_init_sample_is_what_init_writes(self):
        import pathlib
        man = (pathlib.Path(__file__).resolve().parents[2] / "man" / "bounceback-init.1").read_text()
        sample = man.split("the file reads:\n.Bd -literal -offset indent\n")[1].split("\n.Ed")[0]
        self.ok("init", "--name", "Sam Lee", "--email", "sam@example.com", "--week-start", "sunday")
        written = next(self.path().rglob("config.toml")).read_text(encoding="utf-8")
        self.assertEqual(written.rstrip("\n"), sample.replace("\\(dq", '"'))


if __name__ == "__main__":
    unittest.main()
