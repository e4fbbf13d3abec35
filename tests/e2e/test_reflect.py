"""End-to-end: `bounceback reflect` (options, $EDITOR, questions on a terminal), `reflect list`,
`show`, `themes` and `rm`."""

import datetime
import fcntl
import json
import os
import pathlib
import re
import select
import signal
import subprocess
import sys
import termios
import time
import unittest

from bbtest import BounceTestCase

D = datetime.date

# An editor script in Python: `path` is the file it is given, `text` its content; BODY edits it.
PY_EDITOR = """#!{python}
import sys, pathlib
path = pathlib.Path(sys.argv[-1])
text = path.read_text()
{body}
"""


class Conversation:
    """bounceback on a pseudo-terminal that is its controlling terminal, so Ctrl-C is a real
    SIGINT and Ctrl-D a real end of input. Type only after the program has asked, like a person,
    so the transcript reads as a session would. NO_COLOR is set unless `env` says otherwise,
    so the transcript is plain text."""

    def __init__(self, test, *args, env=None):
        import pty  # noqa: PLC0415

        master, slave = pty.openpty()

        def take_the_terminal():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(test.argv(args), stdin=slave, stdout=slave, stderr=slave,
                                     env=test.make_env({"NO_COLOR": "1", **(env or {})}),
                                     cwd=test.tmp,
                                     preexec_fn=take_the_terminal)
        os.close(slave)
        self.master = master
        self.transcript = ""
        self.unread = ""

    def _read(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.master], [], [], remaining)[0]:
            return None
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the program has gone
            return ""
        return chunk.decode("utf-8", "replace").replace("\r\n", "\n")

    def expect(self, text, timeout=10):
        """Waits until the program prints `text` (after what earlier calls consumed)."""
        deadline = time.monotonic() + timeout
        while text not in self.unread:
            chunk = self._read(deadline)
            if not chunk:
                raise AssertionError("waited for %r; the program printed:\n%s%s"
                                     % (text, self.transcript, self.unread))
            self.unread += chunk
        end = self.unread.index(text) + len(text)
        self.transcript += self.unread[:end]
        self.unread = self.unread[end:]

    def answer(self, line, prompt="> "):
        """Waits for the prompt, then types `line` and Enter."""
        self.expect(prompt)
        os.write(self.master, line.encode() + b"\n")

    def press(self, key, prompt="> "):
        """Waits for the prompt, then sends a control key such as b"\\x04" (Ctrl-D)."""
        self.expect(prompt)
        os.write(self.master, key)

    def finish(self, timeout=10):
        """Reads to the end; returns the exit status (negative: killed by that signal)."""
        deadline = time.monotonic() + timeout
        while True:
            chunk = self._read(deadline)
            if chunk is None:
                self.proc.kill()
                self.unread += "\n[killed: still running after %d s]\n" % timeout
                break
            if not chunk:
                break
            self.unread += chunk
        self.transcript += self.unread
        self.unread = ""
        os.close(self.master)
        return self.proc.wait(timeout=timeout)


class ReflectTestCase(BounceTestCase):
    def reflect(self, *args, **kwargs):
        """`reflect ARGS --porcelain`; returns the new ID."""
        out = self.ok("reflect", *args, "--porcelain", **kwargs)
        self.assertRegex(out, r"^\d+\n$")
        return int(out)

    def stored(self, month="2026-11"):
        data = self.read_toml("reflections", month + ".toml")
        self.assertEqual(data["version"], 1)
        return data["reflection"]

    def stored_records(self, month="2026-11"):
        """The stored reflections with their identities checked and removed (pop_uids)."""
        return self.pop_uids(self.stored(month))

    def acme(self):
        """An onsite rejection at Acme on 2026-11-20."""
        return self.log("Acme", "--stage", "onsite", "--date", "2026-11-20", "--role", "Backend")

    def reflections_written(self):
        folder = self.path("reflections")
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class Scripted(ReflectTestCase):
    def test_general_reflection_from_options(self):
        r = self.bb("reflect", "--went-well", "Stayed calm", "--went-well", "Asked good questions",
                    "--improve", "Practise system design", "--strength", "Curiosity",
                    "--target", "Widen to platform teams", "--next", "Book a mock interview",
                    "--mood", "4")
        self.assertExit(r, 0)
        self.assertIn("Saved reflection 1", r.out)
        self.assertIn("Book a mock interview", r.out, "the summary repeats the next step")
        self.assertEqual(r.err, "")
        self.assertEqual(self.stored_records(), [{
            "id": 1, "date": D(2026, 11, 25), "mood": 4,
            "went_well": ["Stayed calm", "Asked good questions"],
            "improve": ["Practise system design"], "strengths": ["Curiosity"],
            "targeting": ["Widen to platform teams"], "next": ["Book a mock interview"]}])
        self.assertNoLeftovers()

    def test_linked_reflection(self):
        rejection = self.acme()
        r = self.bb("reflect", rejection, "--improve", "Slow down on the whiteboard")
        self.assertExit(r, 0)
        self.assertIn("your onsite at Acme on 2026-11-20", r.out)
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25), "rejection": rejection,
                                          "improve": ["Slow down on the whiteboard"]}])

    def test_a_mood_alone_is_a_reflection(self):
        self.assertEqual(self.reflect("--mood", "1"), 1)
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25), "mood": 1}])

    def test_porcelain_and_json(self):
        rejection = self.acme()
        self.assertEqual(self.reflect(rejection, "--next", "Rest"), 1)
        shown = json.loads(self.ok("reflect", "--went-well", "Clear answers", "--json"))
        self.assertEqual(self.pop_uids(dict(shown)),
                         {"id": 2, "date": "2026-11-25", "went_well": ["Clear answers"]})
        self.assertEqual(set(shown), set(self.stored()[1]))
        r = self.bb("reflect", "--mood", "3", "--json", "--porcelain")
        self.assertExit(r, 64)

    def test_date_option(self):
        self.reflect("--mood", "3", "--date", "2026-10-03")
        self.reflect("--mood", "4", "--date", "yesterday")
        self.assertEqual(self.stored_records("2026-10"), [{"id": 1, "date": D(2026, 10, 3), "mood": 3}])
        self.assertEqual(self.stored_records(), [{"id": 2, "date": D(2026, 11, 24), "mood": 4}])

    def test_each_text_option_takes_one_value(self):
        rejection = self.acme()
        # The word after the value is the rejection ID, not a second answer.
        self.ok("reflect", "--went-well", "Stayed calm", str(rejection))
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25), "rejection": rejection,
                                          "went_well": ["Stayed calm"]}])
        r = self.bb("reflect", "--went-well", "one", "two")
        self.assertExit(r, 64)
        self.assertIn("two", r.err)

    def test_answers_may_span_lines(self):
        self.reflect("--next", "Email Sam\nand ask about the platform team")
        self.assertEqual(self.stored_records()[0]["next"], ["Email Sam\nand ask about the platform team"])

    def test_unknown_rejection(self):
        before = self.snapshot()
        r = self.bb("reflect", "7", "--mood", "3")
        self.assertExit(r, 66)
        self.assertIn("7", r.err)
        self.assertEqual(self.snapshot(), before)
        self.acme()
        before = self.snapshot()
        for args in (("99", "--improve", "x"), ("99", "--edit")):
            with self.subTest(args=args):
                r = self.bb(*(("reflect",) + args), env={"EDITOR": "false"})
                self.assertExit(r, 66)
                self.assertIn("99", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_bad_ids(self):
        self.acme()
        before = self.snapshot()
        for bad in ("abc", "0", "-3", "1.5", "99999999999999999999"):
            with self.subTest(id=bad):
                r = self.bb("reflect", bad, "--mood", "3")
                self.assertExit(r, 64)
                self.assertEqual(self.snapshot(), before)
        r = self.bb("reflect", "lsit")
        self.assertExit(r, 64)
        self.assertIn("did you mean 'list'", r.err)

    def test_bad_mood(self):
        before = self.snapshot()
        for bad in ("0", "6", "x", "2.5", "", "10"):
            with self.subTest(mood=bad):
                r = self.bb("reflect", "--mood", bad, "--next", "Rest")
                self.assertExit(r, 64)
                self.assertIn("--mood", r.err)
                self.assertIn("1 (awful) to 5 (great)", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_bad_dates(self):
        before = self.snapshot()
        for bad in ("soon", "2026-02-30", "", "next week"):
            with self.subTest(date=bad):
                r = self.bb("reflect", "--mood", "3", "--date", bad)
                self.assertExit(r, 64)
                self.assertIn("--date", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_empty_or_broken_answers(self):
        before = self.snapshot()
        for option in ("--went-well", "--improve", "--strength", "--target", "--next"):
            for bad in ("", "   ", "bell\x07"):
                with self.subTest(option=option, value=bad):
                    r = self.bb("reflect", option, bad)
                    self.assertExit(r, 64)
                    self.assertIn(option, r.err)
                    self.assertEqual(self.snapshot(), before)

    def test_no_terminal_and_no_options(self):
        rejection = self.acme()
        before = self.snapshot()
        for args in ((), (rejection,), ("--date", "yesterday")):
            with self.subTest(args=args):
                r = self.bb("reflect", *args)
                self.assertExit(r, 64)
                self.assertEqual(r.out, "")
                for option in ("--went-well", "--improve", "--next", "--mood", "--edit"):
                    self.assertIn(option, r.err)
                self.assertIn("nothing was saved", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_ids_are_not_reused(self):
        self.assertEqual(self.reflect("--mood", "3"), 1)
        self.assertEqual(self.reflect("--mood", "3"), 2)
        self.ok("reflect", "rm", "2", "--yes")
        self.assertEqual(self.reflect("--mood", "3"), 3)


class Help(ReflectTestCase):
    def test_every_help_has_its_own_examples(self):
        for path, example in ((("reflect",), "bounceback reflect 3"),
                              (("reflect", "list"), "bounceback reflect list --since"),
                              (("reflect", "show"), "bounceback reflect show 4"),
                              (("reflect", "themes"), "bounceback reflect themes --json"),
                              (("reflect", "rm"), "bounceback reflect rm 4 --yes")):
            with self.subTest(command=path):
                out = self.ok(*path, "--help", home=False)
                self.assertRegex(out, r"(?m)^Examples?:$")
                self.assertIn(example, out)


class ReadBack(ReflectTestCase):
    def setUp(self):
        super().setUp()
        self.rejection = self.acme()
        self.first = self.reflect(self.rejection, "--mood", "2", "--date", "2026-11-21",
                                  "--went-well", "Explained the cache clearly",
                                  "--improve", "Practise system design\nout loud",
                                  "--next", "Book a mock interview")
        self.second = self.reflect("--mood", "4", "--strength", "Persistence")

    def test_list(self):
        r = self.bb("reflect", "list")
        self.assertExit(r, 0)
        lines = r.out.splitlines()
        self.assertRegex(lines[0], r"^ID\s+DATE\s+ABOUT\s+MOOD\s+NEXT STEP$")
        self.assertRegex(lines[1], r"^1\s+2026-11-21\s+Acme, onsite\s+2/5\s+Book a mock interview$")
        self.assertRegex(lines[2], r"^2\s+2026-11-25\s+\(general\)\s+4/5$")
        self.assertIn("2 reflections", r.out)
        self.assertNotIn("\x1b[", r.out)

    def test_list_json_and_range(self):
        listed = json.loads(self.ok("reflect", "list", "--json"))
        stored = self.stored()
        self.assertEqual([e["id"] for e in listed], [1, 2])
        self.assertEqual([(e["uid"], e["rejection_uid"]) for e in listed[:1]],
                         [(e["uid"], e["rejection_uid"]) for e in stored[:1]])
        self.assertEqual(self.pop_uids(dict(listed[0])), {"id": 1, "date": "2026-11-21", "rejection": self.rejection,
                                     "mood": 2, "went_well": ["Explained the cache clearly"],
                                     "improve": ["Practise system design\nout loud"],
                                     "next": ["Book a mock interview"]})
        self.assertEqual([set(e) for e in listed], [set(e) for e in stored])
        since = json.loads(self.ok("reflect", "list", "--since", "2026-11-22", "--json"))
        self.assertEqual([e["id"] for e in since], [2])
        until = json.loads(self.ok("reflect", "list", "--until", "2026-11-21", "--json"))
        self.assertEqual([e["id"] for e in until], [1])
        self.assertEqual(json.loads(self.ok("reflect", "list", "--since", "2027-01-01", "--json")), [])
        self.assertIn("No reflections", self.ok("reflect", "list", "--since", "2027-01-01"))
        r = self.bb("reflect", "list", "--since", "2026-11-25", "--until", "2026-11-01")
        self.assertExit(r, 64)
        r = self.bb("reflect", "list", "--since", "whenever")
        self.assertExit(r, 64)

    def test_show(self):
        r = self.bb("reflect", "show", self.first)
        self.assertExit(r, 0)
        for text in ("Reflection 1", "2026-11-21", "your onsite at Acme on 2026-11-20", "2/5",
                     "Explained the cache clearly", "Practise system design", "out loud",
                     "Book a mock interview", "What went well", "To do differently", "Next steps"):
            self.assertIn(text, r.out)
        general = self.ok("reflect", "show", self.second)
        self.assertIn("the search in general", general)
        self.assertIn("Persistence", general)

    def test_show_json(self):
        shown = json.loads(self.ok("reflect", "show", self.first, "--json"))
        self.assertEqual(shown["rejection"], self.rejection)
        self.assertEqual(shown["date"], "2026-11-21")
        self.assertEqual(set(shown), set(self.stored()[0]))

    def test_show_unknown_or_bad_id(self):
        r = self.bb("reflect", "show", "9")
        self.assertExit(r, 66)
        self.assertIn("9", r.err)
        self.assertIn("bounceback reflect list", r.err)
        r = self.bb("reflect", "show", "first")
        self.assertExit(r, 64)

    def test_a_removed_rejection_is_named_as_such(self):
        self.ok("log", "rm", self.rejection, "--yes")
        self.assertIn("since removed", self.ok("reflect", "show", self.first))
        self.assertRegex(self.ok("reflect", "list"), r"rejection 1 \(removed\)")

    def test_empty_list(self):
        for rid in (self.first, self.second):
            self.ok("reflect", "rm", rid, "--yes")
        self.assertIn("No reflections yet", self.ok("reflect", "list"))
        self.assertEqual(json.loads(self.ok("reflect", "list", "--json")), [])

    def test_rm(self):
        r = self.bb("reflect", "rm", self.first)
        self.assertExit(r, 64)
        self.assertIn("--yes", r.err)
        self.assertEqual(len(self.stored()), 2)
        r = self.bb("reflect", "rm", self.first, "--yes")
        self.assertExit(r, 0)
        self.assertIn("Removed reflection 1", r.out)
        self.assertEqual([e["id"] for e in self.stored()], [2])
        self.assertExit(self.bb("reflect", "show", self.first), 66)
        self.assertExit(self.bb("reflect", "rm", "42", "--yes"), 66)
        # The rejection it was about is still there.
        self.ok("log", "show", self.rejection)

    def test_rm_asks_on_a_terminal(self):
        code, output = self.bb_pty("reflect", "rm", str(self.first), answer=b"n\n")
        self.assertEqual(code, 0, output)
        self.assertIn("Kept it", output)
        self.assertEqual(len(self.stored()), 2)
        code, output = self.bb_pty("reflect", "rm", str(self.first), answer=b"y\n")
        self.assertEqual(code, 0, output)
        self.assertEqual([e["id"] for e in self.stored()], [2])


# A month of rejections and reflections, as people write them: (company, stage, date, feedback
# received, areas) and (rejection index or None, date, mood, went_well, improve, strengths,
# targeting, next).
SAMPLE_REJECTIONS = [
    ("Acme", "onsite", "2026-10-08", "2026-10-12", ["technical", "system-design"]),
    ("Globex", "screen", "2026-10-20", "2026-10-22", ["experience"]),
    ("Initech", "technical", "2026-11-03", "2026-11-05", ["system-design", "communication"]),
    ("Umbrella", "application", "2026-11-10", None, []),
    ("Hooli", "final", "2026-11-20", "2026-11-23", ["interview"]),
]
SAMPLE_REFLECTIONS = [
    (0, "2026-10-09", 2,
     ["Explained my caching approach clearly", "Good rapport with the hiring manager"],
     ["Practise system design out loud", "Prepare stories for behavioral questions"],
     ["Clear communication"], [], ["Book a mock interview"]),
    (1, "2026-10-21", 3, ["Asked thoughtful questions about the team"],
     ["Tailor my resume to the job description"],
     ["Curiosity", "Clear communication under pressure"],
     ["Platform roles might suit me better than pure backend"], []),
    (2, "2026-11-04", 2, ["Stayed calm when I got stuck on the coding problem"],
     ["More system design practice, especially scaling databases",
      "Talk through trade-offs before coding"],
     ["Calm under pressure", "Debugging skills"], [], []),
    (None, "2026-11-08", 4, ["Three tailored applications this week", "Kept my exercise routine"],
     ["Update my resume with the migration project"], ["Persistence"], [],
     ["Ask Sam for a referral at Hooli"]),
    (3, "2026-11-11", 3, [], ["Tailor the cover letter to the job description"], [],
     ["Widen the search to fintech companies"], []),
    (4, "2026-11-21", 2, ["Connected with the interviewer over our debugging stories"],
     ["Prepare shorter answers for behavioral questions", "Practise system design with a friend"],
     ["Communication", "Debugging skills"], [], ["Schedule two mock interviews"]),
    (None, "2026-11-24", 4, ["Good conversation at the meetup", "Felt confident explaining my projects"],
     ["Keep practising system design"], ["Clear communication", "Persistence"], [], []),
]


def theme(text, count, last):
    return {"theme": text, "count": count, "last": last}


class Themes(ReflectTestCase):
    def load_sample(self):
        ids = []
        for company, stage, date, received, areas in SAMPLE_REJECTIONS:
            ids.append(self.log(company, "--stage", stage, "--date", date))
            if received:
                args = ["log", "feedback", ids[-1], "Thanks for your time", "--date", received]
                for area in areas:
                    args += ["--area", area]
                self.ok(*args)
        for linked, date, mood, went_well, improve, strengths, targeting, next_ in SAMPLE_REFLECTIONS:
            args = [] if linked is None else [ids[linked]]
            args += ["--date", date, "--mood", mood]
            for option, answers in (("--went-well", went_well), ("--improve", improve),
                                    ("--strength", strengths), ("--target", targeting),
                                    ("--next", next_)):
                for answer in answers:
                    args += [option, answer]
            self.reflect(*args)

    def test_themes_of_a_realistic_month(self):
        self.load_sample()
        themes = json.loads(self.ok("reflect", "themes", "--json"))
        self.assertEqual(themes["reflections"], 7)
        self.assertEqual(themes["feedback"], 4)
        self.assertEqual(themes["improve"], [
            theme("system design", 6, "2026-11-24"),
            theme("behavioral question", 2, "2026-11-21"),
            theme("practise system design", 2, "2026-11-21"),
            theme("prepare", 2, "2026-11-21"),
            theme("job description", 2, "2026-11-11"),
            theme("tailor", 2, "2026-11-11"),
            theme("resume", 2, "2026-11-08"),
        ])
        self.assertEqual(themes["strengths"], [
            theme("communication", 4, "2026-11-24"),
            theme("clear communication", 3, "2026-11-24"),
            theme("persistence", 2, "2026-11-24"),
            theme("debugging skill", 2, "2026-11-21"),
            theme("pressure", 2, "2026-11-04"),
        ])

    def test_human_output(self):
        self.load_sample()
        r = self.bb("reflect", "themes", "--limit", "3")
        self.assertExit(r, 0)
        self.assertIn("7 reflections and the feedback on 4 rejections", r.out)
        self.assertIn("To work on", r.out)
        self.assertIn("Strengths you keep showing", r.out)
        self.assertRegex(r.out, r"(?m)^\s+system design\s+6\s+2026-11-24$")
        self.assertRegex(r.out, r"(?m)^\s+communication\s+4\s+2026-11-24$")
        self.assertNotRegex(r.out, r"(?m)^\s+resume\s", "--limit 3 keeps the top three")
        self.assertIn("and 4 more", r.out)
        self.assertNotIn("\x1b[", r.out)

    def test_range_and_limit(self):
        self.load_sample()
        november = json.loads(self.ok("reflect", "themes", "--since", "2026-11-01", "--json"))
        self.assertEqual(november["reflections"], 5)
        self.assertEqual(november["feedback"], 2)
        self.assertEqual(november["improve"][0], theme("system design", 4, "2026-11-24"))
        october = json.loads(self.ok("reflect", "themes", "--until", "2026-10-31", "--json"))
        self.assertEqual(october["reflections"], 2)
        self.assertEqual(october["improve"], [theme("system design", 2, "2026-10-12")])
        top = json.loads(self.ok("reflect", "themes", "--limit", "1", "--json"))
        self.assertEqual([t["theme"] for t in top["improve"]], ["system design"])
        self.assertEqual([t["theme"] for t in top["strengths"]], ["communication"])
        every = json.loads(self.ok("reflect", "themes", "--limit", "0", "--json"))
        self.assertEqual(len(every["improve"]), 7)
        for bad in (("--limit", "-1"), ("--limit", "many"), ("--since", "soon")):
            with self.subTest(args=bad):
                self.assertExit(self.bb("reflect", "themes", *bad), 64)

    def test_feedback_counts_on_the_day_it_was_received(self):
        first = self.log("Acme", "--date", "2026-11-02")
        self.ok("log", "feedback", first, "Show more work", "--area", "portfolio",
                "--date", "2026-11-03")
        second = self.log("Globex", "--date", "2026-11-04")
        self.ok("log", "feedback", second, "A portfolio", "--area", "portfolio",
                "--date", "2026-11-05")
        # The rejection's date moves past the range; the feedback was still received inside it.
        self.ok("log", "edit", second, "--date", "2026-11-20")
        themes = json.loads(self.ok("reflect", "themes", "--until", "2026-11-10", "--json"))
        self.assertEqual(themes["feedback"], 2)
        self.assertEqual(themes["improve"], [theme("portfolio", 2, "2026-11-05")])
        later = json.loads(self.ok("reflect", "themes", "--since", "2026-11-06", "--json"))
        self.assertEqual(later["feedback"], 0)

    def test_nothing_yet(self):
        out = self.ok("reflect", "themes")
        self.assertIn("No reflections yet", out)
        self.assertEqual(json.loads(self.ok("reflect", "themes", "--json")),
                         {"improve": [], "strengths": [], "reflections": 0, "feedback": 0})
        self.reflect("--improve", "Networking")
        out = self.ok("reflect", "themes")
        self.assertIn("Nothing has come up twice yet", out)


class Edit(ReflectTestCase):
    def editor(self, body, name="ed"):
        return str(self.write_script(name, PY_EDITOR.format(python=sys.executable, body=body)))

    def test_template_then_saved(self):
        rejection = self.acme()
        keep = pathlib.Path(self.tmp, "template.toml")
        ed = self.editor("pathlib.Path(%r).write_text(text)\n"
                         "text = text.replace('went_well = [\\n    \"\",', "
                         "'went_well = [\\n    \"Stayed calm\",\\n    \"Asked about on-call\",')\n"
                         "path.write_text(text)\n" % str(keep))
        r = self.bb("reflect", rejection, "--edit", "--mood", "3", "--next", "Rest today",
                    env={"EDITOR": ed})
        self.assertExit(r, 0)
        self.assertIn("Saved reflection 1", r.out)
        template = keep.read_text()
        self.assertIn("your onsite at Acme on 2026-11-20 (rejection %d)" % rejection, template)
        self.assertIn("date = 2026-11-25", template)
        self.assertIn("\nmood = 3\n", template)
        self.assertIn('"Rest today"', template)
        for question in ("What went well?", "What would you do differently", "strengths",
                         "widen the search", "next step"):
            self.assertIn(question, template)
        self.assertEqual(self.stored_records(), [{
            "id": 1, "date": D(2026, 11, 25), "rejection": rejection, "mood": 3,
            "went_well": ["Stayed calm", "Asked about on-call"], "next": ["Rest today"]}])
        self.assertNoLeftovers()

    def test_config_questions_make_the_template(self):
        self.write_file(self.path("config.toml"),
                        '[reflect]\nquestions = ["What felt good?", "What will I change?"]\n')
        keep = pathlib.Path(self.tmp, "template.toml")
        ed = self.editor("pathlib.Path(%r).write_text(text)\n"
                         "path.write_text('improve = [\"Sleep before interviews\"]\\n')\n"
                         % str(keep))
        r = self.bb("reflect", "--edit", "--json", env={"EDITOR": ed})
        self.assertExit(r, 0)
        self.assertEqual(self.pop_uids(json.loads(r.out)), {"id": 1, "date": "2026-11-25",
                                             "improve": ["Sleep before interviews"]})
        template = keep.read_text()
        self.assertIn("# What felt good?\nwent_well = [", template)
        self.assertIn("# What will I change?\nimprove = [", template)
        self.assertNotIn("strengths", template)

    def test_nothing_saved(self):
        cases = {
            "untouched": "",
            "emptied": "path.write_text('')\n",
            "only comments": "path.write_text('# nothing\\n')\n",
        }
        for name, body in cases.items():
            with self.subTest(case=name):
                r = self.bb("reflect", "--edit", env={"EDITOR": self.editor(body)})
                self.assertExit(r, 0)
                self.assertIn("nothing was saved", r.out)
                self.assertEqual(self.reflections_written(), [])
                self.assertNoLeftovers()

    def test_invalid_edits_save_nothing(self):
        rejection = self.acme()
        cases = {
            "not TOML": ("path.write_text('mood = \"unterminated\\n')\n", r":1:\d+:"),
            "bad mood": ("path.write_text('mood = 9\\n')\n", r":1:\d+:.*1 \(awful\) to 5"),
            "a link in the file": ("path.write_text('mood = 3\\nrejection = 1\\n')\n",
                                   r":2:\d+:.*command line"),
            "unknown key": ("path.write_text('mood = 3\\nfeeling = 2\\n')\n", r":2:\d+:.*feeling"),
        }
        for name, (body, message) in cases.items():
            with self.subTest(case=name):
                before = self.snapshot()
                r = self.bb("reflect", rejection, "--edit", env={"EDITOR": self.editor(body)})
                self.assertExit(r, 65)
                self.assertRegex(r.err, message)
                self.assertIn("Nothing was saved", r.err)
                # The text is kept where the message says, and offered back.
                kept = re.search(r"kept in (\S+\.toml);", r.err)
                self.assertIsNotNone(kept, r.err)
                self.assertIn("bounceback reflect %s --edit" % rejection, r.err)
                os.unlink(kept.group(1))
                self.assertEqual(self.snapshot(), before)
                self.assertNoLeftovers()

    def test_a_date_later_than_tomorrow_is_refused(self):
        ed = self.editor("path.write_text(text.replace('date = 2026-11-25', 'date = 2062-11-25'))\n")
        r = self.bb("reflect", "--edit", "--mood", "3", env={"EDITOR": ed})
        self.assertExit(r, 64)
        self.assertIn("date 2062-11-25 is later than tomorrow (today is 2026-11-25)", r.err)
        kept = re.search(r"kept in (\S+\.toml);", r.err)
        self.assertIsNotNone(kept, r.err)
        self.assertIn("date = 2062-11-25", pathlib.Path(kept.group(1)).read_text())
        os.unlink(kept.group(1))
        self.assertEqual(self.reflections_written(), [])
        self.assertNoLeftovers()

    def test_failing_editor(self):
        r = self.bb("reflect", "--edit", env={"EDITOR": self.editor("sys.exit(3)")})
        self.assertExit(r, 1)
        self.assertIn("status 3", r.err)
        self.assertEqual(self.reflections_written(), [])
        self.assertNoLeftovers()

    def test_edit_again_on_a_terminal(self):
        # First save is invalid, the second fixes it: "Edit again?" → yes.
        ed = self.editor("if 'mood = 9' in text:\n"
                         "    path.write_text('mood = 4\\n')\n"
                         "else:\n"
                         "    path.write_text('mood = 9\\n')\n")
        code, output = self.bb_pty("reflect", "--edit", answer=b"y\n",
                                   env={"EDITOR": ed, "NO_COLOR": "1"})
        self.assertEqual(code, 0, output)
        self.assertIn("Edit again?", output)
        self.assertIn("Saved reflection 1", output)
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25), "mood": 4}])


class Interactive(ReflectTestCase):
    def test_a_whole_session_linked_to_a_rejection(self):
        rejection = self.acme()
        talk = Conversation(self, "reflect", rejection)
        talk.expect("Reflecting on your onsite at Acme on 2026-11-20.")
        talk.expect("(1/6) How do you feel about your onsite at Acme on 2026-11-20?")
        talk.answer("2")
        talk.expect("(2/6) What went well?")
        talk.answer("Explained the caching design clearly")
        talk.answer("Good rapport with the hiring manager")
        talk.answer("")
        talk.expect("(3/6) What would you do differently")
        talk.answer("Practise system design out loud")
        talk.answer("")
        talk.expect("(4/6) Which of your strengths showed?")
        talk.answer("")
        talk.expect("(5/6) Is this the kind of role and field you want")
        talk.answer("Backend still fits; maybe platform teams too")
        talk.answer("")
        talk.expect("(6/6) What is one small next step?")
        talk.answer("Book a mock interview for Friday")
        talk.answer("")
        code = talk.finish()
        self.assertEqual(code, 0, talk.transcript)
        self.assertIn("Saved reflection 1, about your onsite at Acme on 2026-11-20.", talk.transcript)
        self.assertIn("Your next step: Book a mock interview for Friday", talk.transcript)
        self.assertEqual(self.stored_records(), [{
            "id": 1, "date": D(2026, 11, 25), "rejection": rejection, "mood": 2,
            "went_well": ["Explained the caching design clearly",
                          "Good rapport with the hiring manager"],
            "improve": ["Practise system design out loud"],
            "targeting": ["Backend still fits; maybe platform teams too"],
            "next": ["Book a mock interview for Friday"]}])
        if os.environ.get("BB_SHOW_TRANSCRIPT"):
            sys.stderr.write("\n" + talk.transcript)

    def test_a_mood_out_of_range_is_asked_again(self):
        talk = Conversation(self, "reflect")
        talk.expect("How do you feel today?")
        talk.answer("7")
        talk.expect("As a number, please: 1 (awful) to 5 (great)")
        talk.answer("4")
        talk.expect("(2/6)")
        for _ in range(5):
            talk.answer("")
        code = talk.finish()
        self.assertEqual(code, 0, talk.transcript)
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25), "mood": 4}])

    def test_end_of_input_half_way_saves_nothing(self):
        rejection = self.acme()
        before = self.snapshot()
        # Typed ahead through bbtest's helper: a mood, one answer, then Ctrl-D on an empty line.
        code, output = self.bb_pty("reflect", str(rejection), answer=b"3\nStayed calm\n\x04")
        self.assertEqual(code, 0, output)
        self.assertIn("Stopped, and nothing was saved: your answers so far (mood 3/5, 1 went "
                      "well) were discarded.", output)
        self.assertNotIn("Saved reflection", output)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.reflections_written(), [])

    def test_ctrl_c_half_way_saves_nothing(self):
        self.acme()
        before = self.snapshot()
        talk = Conversation(self, "reflect", "1")
        talk.answer("3")
        talk.answer("Stayed calm")
        talk.answer("")
        talk.press(b"\x03")
        code = talk.finish()
        self.assertEqual(code, -signal.SIGINT, talk.transcript)
        self.assertIn("Stopped, and nothing was saved: your answers so far (mood 3/5, 1 went "
                      "well) were discarded.", talk.transcript)
        self.assertEqual(self.snapshot(), before)

    def test_ctrl_c_before_any_answer_says_so(self):
        before = self.snapshot()
        talk = Conversation(self, "reflect")
        talk.expect("How do you feel today?")
        talk.press(b"\x03")
        code = talk.finish()
        self.assertEqual(code, -signal.SIGINT, talk.transcript)
        self.assertIn("Stopped before any answer; nothing was saved.", talk.transcript)
        self.assertEqual(self.snapshot(), before)

    def test_everything_skipped_saves_nothing(self):
        talk = Conversation(self, "reflect")
        for _ in range(6):
            talk.answer("")
        code = talk.finish()
        self.assertEqual(code, 0, talk.transcript)
        self.assertIn("nothing to save", talk.transcript)
        self.assertFalse(self.path("reflections").exists())

    def test_config_questions_replace_the_defaults(self):
        self.write_file(self.path("config.toml"),
                        '[reflect]\nquestions = ["What felt good?", "What will I change?"]\n')
        talk = Conversation(self, "reflect")
        talk.expect("(1/3) How do you feel today?")
        talk.answer("")
        talk.expect("(2/3) What felt good?")
        talk.answer("The walk after the call")
        talk.answer("")
        talk.expect("(3/3) What will I change?")
        talk.answer("Sleep more before interviews")
        talk.answer("")
        code = talk.finish()
        self.assertEqual(code, 0, talk.transcript)
        self.assertNotIn("strengths", talk.transcript)
        self.assertEqual(self.stored_records(), [{"id": 1, "date": D(2026, 11, 25),
                                          "went_well": ["The walk after the call"],
                                          "improve": ["Sleep more before interviews"]}])

    def test_too_many_configured_questions(self):
        self.write_file(self.path("config.toml"),
                        '[reflect]\nquestions = ["1", "2", "3", "4", "5", "6"]\n')
        code, output = self.bb_pty("reflect")
        self.assertEqual(code, 78, output)
        self.assertRegex(output, r"config\.toml:2:\d+:.*at most 5")

    def test_unknown_rejection_is_refused_before_asking(self):
        code, output = self.bb_pty("reflect", "5")
        self.assertEqual(code, 66, output)
        self.assertNotIn("How do you feel", output)


if __name__ == "__main__":
    unittest.main(verbosity=2)
