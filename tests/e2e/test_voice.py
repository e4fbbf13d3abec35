"""End-to-end: every sentence a person reads keeps to ../VOICE rules (the project's VOICE.md).

Three homes are built through the CLI: a good week, a bad week (six rejections, mood about 1 of 5,
no check-ins) and an empty home. Every command's human output in each, and a few mistakes a person
makes, are checked against phrases that must never come back (failure counts, verdicts, parser
and storage words, week codes inside sentences). The three weekly reports are golden files,
reviewed as text in the change; after a deliberate change to the wording, regenerate them with:
    BOUNCEBACK_UPDATE_GOLDEN=1 BOUNCEBACK_BIN=build/cmd/bounceback python3 tests/e2e/test_voice.py
and read the diff.
"""

import json
import os
import pathlib
import re
import unittest

from bbtest import BounceTestCase

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"

# Phrases that must never appear in output for people (lower case; matched case-insensitively).
NEVER = [
    "0 wins", "0 reflections", "0 check-ins",   # counts of what is missing
    "on 0 of", "asked for on",                 # feedback as an audit
    "fell short", "fall short", "not done",     # verdicts on the person or the routine
    "keeps saying no", "carry more", "carry them",  # rejection given a voice; idioms
    "and that is fair", "disappointed",        # read as "the rejection was fair"; oversharing
    "is not a mood",                           # correcting the person's words
    "could not convert", "has been writing", "is held", "partition",  # parser and storage words
    "averaging", "latest:",                    # lab results; the overview naming a rejection
]
WEEK_CODE = re.compile(r"\b\d{4}-W\d{2}\b")


class VoiceCase(BounceTestCase):
    def at(self, date, *args):
        return self.ok(*args, env={"BOUNCEBACK_TODAY": date})

    def setUp(self):
        super().setUp()
        self.seen = []  # (command, text) of every output checked

    def say(self, *args, code=0, env=None):
        """Runs a command, checks its exit status and keeps both streams for the phrase check."""
        r = self.bb(*args, "--color", "never", env=env) if args and args[0] in (
            "stats",) else self.bb(*args, env=env)
        self.assertExit(r, code, "command: %s" % (args,))
        self.seen.append((" ".join(args) or "(no command)", r.out + r.err))
        return r

    def assert_voice(self):
        for command, text in self.seen:
            lowered = text.lower()
            for phrase in NEVER:
                self.assertNotIn(phrase, lowered, "`bounceback %s` says %r:\n%s"
                                 % (command, phrase, text))
            for line in text.splitlines():
                stripped = line.strip()
                if not WEEK_CODE.search(stripped) or "YYYY-Www" in stripped:
                    continue  # none, or an error showing how to write a week
                # Week codes belong in tables and headings: a row that starts with one, or the
                # heading "Week 2026-W48, ...". Never inside a sentence.
                self.assertTrue(WEEK_CODE.match(stripped) or stripped.startswith("Week "),
                                "`bounceback %s`: a week code inside a sentence: %r"
                                % (command, line))

    def check_golden(self, name, text):
        for line in text.splitlines():  # the report is read in an 80-column terminal
            self.assertLessEqual(len(line), 80, "%s: a line too wide: %r" % (name, line))
        path = GOLDEN / name
        if os.environ.get("BOUNCEBACK_UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        self.assertEqual(text, path.read_text(encoding="utf-8"))

    def every_command(self):
        """The human output of every reading command in this home."""
        self.say()
        self.say("stats")
        self.say("stats", "--all-signals")
        self.say("stats", "--week", "2026-W47")
        self.say("routine")
        self.say("routine", "week")
        self.say("log", "list")
        self.say("log", "win", "list")
        self.say("doctor")
        # Mistakes a person makes: each said in their words, with what to do.
        self.say("log", "show", "abc", code=64)
        self.say("log", "edit", "two", "--note", "x", code=64)
        self.say("feedback-email", "x", code=64)
        self.say("log", "show", "99", code=66)
        self.say("stats", "--week", "someday", code=64)


class BadWeek(VoiceCase):
    """Six rejections this week, feeling and mood about 1 of 5, a habit with no check-ins."""

    def setUp(self):
        super().setUp()
        self.at("2026-11-02", "routine", "habits", "add", "exercise", "--per-week", "3")
        self.at("2026-11-18", "log", "Wayne", "--stage", "application", "--date", "2026-11-18")
        self.at("2026-11-19", "reflect", "1", "--mood", "1", "--date", "2026-11-19")
        self.at("2026-11-20", "reflect", "--mood", "1", "--date", "2026-11-20")
        for company, stage, day in (("Acme", "onsite", "23"), ("Globex", "application", "23"),
                                    ("Initech", "screen", "24"), ("Umbrella", "application", "24"),
                                    ("Hooli", "technical", "25"), ("Stark", "application", "25")):
            self.at("2026-11-" + day, "log", company, "--stage", stage, "--date", "2026-11-" + day,
                    "--role", "Backend Engineer", "--feeling", "1", "--porcelain")
        self.at("2026-11-24", "reflect", "2", "--mood", "1", "--date", "2026-11-24")
        self.at("2026-11-25", "reflect", "--mood", "1", "--date", "2026-11-25")

    def test_one_step_on_a_hard_week(self):
        report = self.say("stats").out
        self.check_golden("voice_bad_week.txt", report)
        signals = " ".join(report[report.index("Signals"):].split())  # unwrapped
        self.assertEqual(signals.count(" * "), 1, signals)
        self.assertIn("Your mood has been low", signals)
        self.assertIn("about 1 out of 5, last week and this week", signals)
        self.assertIn("when you are ready: bounceback stats --all-signals", signals)
        everything = self.say("stats", "--all-signals").out
        self.assertGreater(everything.count("  * "), 1, everything)
        self.assertNotIn("--all-signals", everything[everything.index("Signals"):])
        # Scripts still get every signal.
        data = json.loads(self.ok("stats", "--json"))
        self.assertEqual(data["signals"][0]["id"], "take-a-break")
        self.assertGreater(len(data["signals"]), 1)

    def test_headline_puts_wins_and_facts_first(self):
        out = self.say("stats").out
        self.assertIn("This week: 2 reflections and 6 rejections logged; no wins yet.", out)
        overview = self.say().out
        self.assertTrue(overview.startswith("So far: 1 habit")
                        or overview.startswith("So far: 4 reflections"), overview)
        self.assertNotIn("Stark", overview)

    def test_drafts_fit_the_stage_and_warn_when_unsigned(self):
        # Globex: application stage; Acme: onsite; Initech: one screening call.
        application = self.say("feedback-email", "3")
        onsite = self.say("feedback-email", "2")
        screen = self.say("feedback-email", "4")
        self.assertIn("Subject: Thank you for considering my application", application.out)
        self.assertIn("Subject: Thank you for the interviews for Backend Engineer", onsite.out)
        self.assertIn("Subject: Thank you for the call for Backend Engineer", screen.out)
        self.assertNotIn("interviews", screen.out.splitlines()[0])
        self.assertIn("What could make my interviews stronger for a role like this?", onsite.out)
        for draft in (application, onsite, screen):
            self.assertIn("no name under its closing line", draft.err)
            self.assertIn("config.toml", draft.err)
        self.write_file(self.path("config.toml"), '[me]\nname = "Sam Lee"\n')
        signed = self.say("feedback-email", "3")
        self.assertEqual(signed.err, "")
        self.assertTrue(signed.out.rstrip().endswith("Sam Lee"), signed.out)

    def test_a_word_for_a_mood_is_taken_kindly(self):
        code, out = self.bb_pty("reflect", answer=b"bad\n3\n" + b"\n" * 8)
        self.assertIn("Thank you. As a number, please: 1 (awful) to 5 (great)", out)
        self.seen.append(("reflect (typed 'bad')", out))
        self.assert_voice()

    def test_every_command_keeps_the_voice(self):
        self.every_command()
        self.say("feedback-email", "2")
        self.say("log", "show", "2")
        self.say("log", "Pied Piper", "--feeling", "1", "--stage", "screen")
        self.assert_voice()


class GoodWeek(VoiceCase):
    """Two wins, a reflection in good spirits, the routine going, one rejection this week."""

    def setUp(self):
        super().setUp()
        self.write_file(self.path("config.toml"), '[me]\nname = "Sam Lee"\n')
        self.at("2026-11-09", "routine", "habits", "add", "exercise", "--per-week", "2")
        self.at("2026-11-12", "log", "Wayne", "--stage", "application", "--date", "2026-11-12")
        self.at("2026-11-18", "log", "Globex", "--stage", "technical", "--date", "2026-11-18",
                "--applied", "2026-10-30")
        self.at("2026-11-24", "log", "Initech", "--stage", "screen", "--date", "2026-11-24",
                "--applied", "2026-11-03")
        self.at("2026-11-24", "feedback-email", "3", "--mark-sent")
        self.at("2026-11-23", "log", "win", "Sent two tailored applications", "--date",
                "2026-11-23")
        self.at("2026-11-24", "log", "win", "A good talk with a former colleague", "--date",
                "2026-11-24")
        self.at("2026-11-24", "reflect", "3", "--mood", "4", "--went-well", "Clear answers",
                "--date", "2026-11-24")
        for day in ("2026-11-16", "2026-11-19", "2026-11-23", "2026-11-25"):
            self.at(day, "routine", "done", "exercise", "--date", day)

    def test_the_week_report(self):
        out = self.say("stats").out
        self.check_golden("voice_good_week.txt", out)
        self.assertIn("This week: 2 wins, 1 reflection and 1 rejection logged.", out)
        self.assertTrue(self.say().out.startswith("So far: 2 wins, 4 check-ins, 1 reflection "
                                                  "and 3 rejections logged."))
        # The Monday after: nothing yet this week, said without a row of zeros.
        monday = self.say("stats", env={"BOUNCEBACK_TODAY": "2026-11-30"}).out
        self.assertIn("A quiet week so far.", monday)

    def test_every_command_keeps_the_voice(self):
        self.every_command()
        self.say("feedback-email", "3", "--template", "follow-up", "--force")
        self.assert_voice()


class EmptyHome(VoiceCase):
    def test_the_week_report(self):
        out = self.say("stats").out
        self.check_golden("voice_empty_home.txt", out)
        self.assertIn("Nothing logged in these 8 weeks.", out)

    def test_every_command_keeps_the_voice(self):
        self.say()
        self.say("stats")
        self.say("routine")
        self.say("log", "list")
        self.say("log", "show", "abc", code=64)
        self.say("log", "show", "1", code=66)
        self.assert_voice()


if __name__ == "__main__":
    unittest.main()
