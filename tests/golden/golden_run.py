#!/usr/bin/env python3
"""The golden run: what every command prints and writes, recorded so a refactor can prove that
nothing changed for users.

It runs the real binary over three homes, each in a fresh temp folder with a fixed day
(BOUNCEBACK_TODAY=2026-11-25), a fixed time zone and locale, and no terminal:

  sample   the two-month job search of tests/e2e/test_stats.py, logged through the CLI, then every
           command and subcommand run on it: text, --json, --csv, --porcelain, help, errors (exit
           status and stderr), edits in a scripted $EDITOR, feedback drafts in every format,
           reflections, routine, stats in every view, export, import, doctor, completion,
           report
  email    each rejection email of tests/fixtures/email logged with --from-email (dry run first)
  bench    a home of bench/make_stats_home.py (N records over ten years): stats --all in every
           format, the lists, export, doctor, report --all

For each command it records the argument list, the exit status, stdout and stderr; after each
command, the path, mode and SHA-256 of every file in the home but the derived cache/. At the end,
the home's data files themselves.

What differs between two runs of the same binary is normalized, and nothing else:
  - the temp folder reads as <TMP>, the checkout (tests/fixtures/email paths) as <ROOT>;
  - the Date and Message-ID of .eml drafts (taken from the clock) as <DATE> and <MSGID>;
  - in the name of a kept edit's scratch file, the process ID and random part read as
    <PID>-XXXXXX (.edit-rejection-4-<PID>-XXXXXX.toml), in output, listings and the copied files
    (several of one name there get .2, .3, ... in the order of their text);
  - the clock time in the notes on edits that were not saved as <TIME>;
  - what then depends only on those names is sorted: the listings, and `doctor`'s (and
    `check`'s) findings on kept edits, in text and JSON.

Usage:
  tests/golden/golden_run.py BIN OUT                  record a run in the folder OUT
  tests/golden/golden_run.py BIN OUT --compare SAVED  record, then compare with the run in SAVED
                                                      (exit 1 and a unified diff when they differ)
  --records N   records in the bench home (default 2000)

Keep a saved run outside the repository (it depends on the binary it was made with), e.g.:
  tests/golden/golden_run.py build/cmd/bounceback /tmp/golden-before
  ... change the code, rebuild ...
  tests/golden/golden_run.py build/cmd/bounceback /tmp/golden-after --compare /tmp/golden-before
"""

import argparse
import difflib
import hashlib
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"


def load_sample():
    """The sample search of tests/e2e/test_stats.py (its module wants BOUNCEBACK_BIN set)."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    import test_stats  # noqa: PLC0415

    return test_stats


# The process ID and random part of a kept edit's scratch file: .edit-rejection-3-4711-Ab12Cd.toml.
SCRATCH = re.compile(r"(\.edit-[a-z0-9-]*?)-[0-9]+-[A-Za-z0-9]{6}\.toml")
# doctor's findings on kept edits come in the order of their names: one line each, or in --json
# one object each.
KEPT_LINES = re.compile(r"(?m)^(?:note: [^\n]*<PID>-XXXXXX\.toml[^\n]*\n)+")
KEPT_OBJECTS = re.compile(r'(?: *\{\n *"message" : "[^\n]*<PID>-XXXXXX\.toml[^\n]*\n'
                          r' *"severity" : "note"\n *\},?\n)+')


def scratch_name(text):
    return SCRATCH.sub(r"\1-<PID>-XXXXXX.toml", text)


def sort_kept_edits(text):
    """Sorts doctor's findings on kept edits, whose order follows the names normalize() hides."""
    def lines(match):
        return "".join(sorted(match.group(0).splitlines(keepends=True)))

    def objects(match):
        run = match.group(0)
        blocks = sorted(b for b in re.split(r"(?<=\}),?\n", run) if b)
        return ",\n".join(blocks) + (",\n" if run.endswith(",\n") else "\n")

    return KEPT_OBJECTS.sub(objects, KEPT_LINES.sub(lines, text))


class Recorder:
    """Runs commands in one home and writes what they did to a transcript."""

    def __init__(self, binary, tmp, name, out):
        self.binary = binary
        self.tmp = tmp
        self.name = name
        self.home = tmp / name
        self.user = tmp / (name + "-user")
        self.user.mkdir()
        self.out = out / name
        self.out.mkdir(parents=True)
        self.transcript = open(self.out / "transcript.txt", "w", encoding="utf-8", newline="")
        self.step = 0
        self.last_listing = None

    def env(self, extra=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.user),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "BOUNCEBACK_TODAY": TODAY,
        }
        for key, value in (extra or {}).items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def normalize(self, text):
        text = text.replace(str(self.tmp), "<TMP>")
        text = text.replace(str(ROOT), "<ROOT>")
        text = re.sub(r"(?m)^Date: .*$", "Date: <DATE>", text)
        text = re.sub(r"(?m)^Message-ID: .*$", "Message-ID: <MSGID>", text)
        text = scratch_name(text)
        # When an edit that was not saved was kept (the clock, not BOUNCEBACK_TODAY).
        text = re.sub(r"not saved \(\d{4}-\d\d-\d\d \d\d:\d\d\)", "not saved (<TIME>)", text)
        return text

    def run(self, *args, env=None, input=None, home=True, cwd=None):
        """Runs bounceback with `args` and records it; returns (status, stdout, stderr)."""
        self.step += 1
        argv = [self.binary] + (["--home", str(self.home)] if home else []) + [str(a) for a in args]
        proc = subprocess.run(
            argv,
            input=input.encode() if input is not None else None,
            stdin=subprocess.DEVNULL if input is None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env(env),
            cwd=str(cwd or self.tmp),
            timeout=600,
        )
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        shown = " ".join(repr(a) if (" " in str(a) or not str(a)) else str(a) for a in args)
        self.write(self.normalize(f"==== {self.step}: bounceback {shown}\n"))
        if env:
            self.write(self.normalize("env: " + " ".join(f"{k}={v}" for k, v in
                                                         sorted(env.items()))) + "\n")
        if input is not None:
            self.write(f"stdin: {len(input)} characters\n")
        self.write(f"exit {proc.returncode}\n")
        shown_out, shown_err = self.normalize(out), self.normalize(err)
        if args and args[0] in ("doctor", "check"):
            shown_out, shown_err = sort_kept_edits(shown_out), sort_kept_edits(shown_err)
        self.write("--- stdout\n" + shown_out)
        if out and not out.endswith("\n"):
            self.write("\n[no newline at the end]\n")
        self.write("--- stderr\n" + shown_err)
        if err and not err.endswith("\n"):
            self.write("\n[no newline at the end]\n")
        listing = self.listing()
        if listing != self.last_listing:
            self.write("--- files\n" + listing)
            self.last_listing = listing
        return proc.returncode, out, err

    def listing(self):
        """Every file and folder of the home but cache/: path (kept edits' names normalized),
        mode and SHA-256."""
        lines = []
        if not self.home.exists():
            return "(no home)\n"
        for dirpath, dirnames, filenames in os.walk(self.home):
            dirnames.sort()
            if pathlib.Path(dirpath) == self.home and "cache" in dirnames:
                dirnames.remove("cache")
            entries = []
            for name in dirnames + filenames:
                full = pathlib.Path(dirpath, name)
                st = full.lstat()
                rel = scratch_name(str(full.relative_to(self.home)))
                if stat.S_ISREG(st.st_mode):
                    digest = hashlib.sha256(full.read_bytes()).hexdigest()[:16]
                    entries.append((rel, f"{rel} {stat.S_IMODE(st.st_mode):04o} {digest}"))
                else:
                    entries.append((rel, f"{rel}/ {stat.S_IMODE(st.st_mode):04o}"))
            lines += [line for _, line in sorted(entries)]
        return "\n".join(lines) + "\n"

    def write(self, text):
        self.transcript.write(text)

    def finish(self):
        """Copies the home's files (not the cache) next to the transcript, kept edits under their
        normalized names: those that share one get .2, .3, ... in the order of their text."""
        self.transcript.close()
        if not self.home.exists():
            return
        files = self.out / "files"
        shutil.copytree(self.home, files,
                        ignore=lambda d, names: ["cache"] if pathlib.Path(d) == self.home else [])
        kept = {}
        for path in files.rglob("*"):
            if path.is_file() and scratch_name(path.name) != path.name:
                kept.setdefault(path.parent / scratch_name(path.name), []).append(path)
        renames = []
        for target, paths in kept.items():
            paths.sort(key=lambda p: (p.read_bytes(), p.name))
            for number, path in enumerate(paths, 1):
                renames.append((path, target if number == 1 else
                                target.with_name(f"{target.name}.{number}")))
        for path, target in renames:
            path.rename(target)

    def write_file(self, relative, text, mode=0o600):
        path = self.home / relative
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(text, encoding="utf-8")
        os.chmod(path, mode)
        return path

    def script(self, name, body):
        path = self.tmp / name
        path.write_text("#!/bin/sh\n" + body)
        os.chmod(path, 0o755)
        return str(path)


# ---- the sample home ----------------------------------------------------------------------

def build_sample(r, sample):
    r.write_file("config.toml", sample.CONFIG)

    def at(date, *args):
        return r.run(*args, env={"BOUNCEBACK_TODAY": date})

    for company, role, stage, date, applied, tag, feeling in sample.REJECTIONS:
        args = [company, "--role", role, "--stage", stage, "--date", date]
        if applied:
            args += ["--applied", applied]
        if tag:
            args += ["--tag", tag]
        if feeling:
            args += ["--feeling", feeling]
        at(date, "log", *args, "--porcelain")
    for rid, requested, received, text, areas in sample.FEEDBACK:
        at(requested, "feedback-email", str(rid), "--mark-sent")
        if received:
            area_args = [a for area in areas for a in ("--area", area)]
            at(received, "log", "feedback", str(rid), text, *area_args, "--date", received)
    for date, text in sample.WINS:
        at(date, "log", "win", text, "--date", date)
    for date, rid, mood, went_well, improve, strength in sample.REFLECTIONS:
        args = ["reflect"] + ([str(rid)] if rid else []) + ["--mood", mood, "--date", date]
        if went_well:
            args += ["--went-well", went_well]
        if improve:
            args += ["--improve", improve]
        if strength:
            args += ["--strength", strength]
        at(date, *args)
    for habit, day in sample.checkin_days():
        at(day.isoformat(), "routine", "done", habit, "--date", day.isoformat())


HELP = [
    [], ["log"], ["log", "list"], ["log", "show"], ["log", "edit"], ["log", "rm"],
    ["log", "feedback"], ["log", "win"], ["log", "win", "list"], ["log", "win", "rm"],
    ["feedback-email"], ["reflect"], ["reflect", "list"], ["reflect", "show"],
    ["reflect", "themes"], ["reflect", "rm"], ["routine"], ["routine", "done"],
    ["routine", "skip"], ["routine", "undo"], ["routine", "week"], ["routine", "habits"],
    ["routine", "habits", "add"], ["routine", "habits", "rm"], ["stats"], ["export"],
    ["import"], ["init"], ["doctor"], ["check"], ["completion"],
]


def run_help(r):
    r.run("--version")
    for words in HELP:
        r.run(*words, "--help")


def run_log(r):
    r.run()
    r.run("log", "list")
    r.run("log", "list", "--json")
    r.run("log", "list", "--csv")
    r.run("log", "list", "--since", "2026-10-15", "--until", "2026-11-10")
    r.run("log", "list", "--stage", "application", "--json")
    r.run("log", "list", "--stage", "Technical")
    r.run("log", "list", "--company", "INDUSTRIES", "--csv")
    r.run("log", "list", "--tag", "cloud")
    r.run("log", "list", "--since", "2030-01-01")
    for rid in ("1", "4", "6", "8", "14"):
        r.run("log", "show", rid)
        r.run("log", "show", rid, "--json")
    r.run("log", "show", "999")
    r.run("log", "Initrode", "--role", "Staff Engineer", "--stage", "final", "--date", "2026-11-20",
          "--applied", "2026-10-01", "--source", "referral", "--contact", "Dr. Jane Q. Doe",
          "--email", "jane.doe@initrode.example", "--reason", "Went with an internal candidate",
          "--note", "Line one\nLine two\twith a tab", "--tag", "fintech", "--tag", "remote",
          "--feeling", "1", "--key", "initrode-final")
    r.run("log", "Initrode", "--key", "initrode-final")
    r.run("log", "Initrode", "--key", "initrode-final", "--porcelain")
    r.run("log", "Initrode", "--key", "initrode-final", "--json")
    r.run("log", "--company", "Vehement Capital", "--stage", "screen", "--json")
    r.run("log", "Nakatomi Trading", "--feeling", "4")
    r.run("log", "lsit")
    r.run("log", "--", "list")
    r.run("log", "Emoji 😀 Co", "--role", "Ünïcödé Engineer", "--note", "\"quoted\" \\ backslash")
    for bad in (
        [],
        ["--company", ""],
        ["Acme", "--stage", "onsight"],
        ["Acme", "--stage", "boss"],
        ["Acme", "--date", "soon"],
        ["Acme", "--date", "2026-02-30"],
        ["Acme", "--applied", "2026-12-01", "--date", "2026-11-01"],
        ["Acme", "--email", "not-an-address"],
        ["Acme", "--feeling", "7"],
        ["Acme", "--feeling", "x"],
        ["Acme", "--feeling", ""],
        ["Acme", "--role", ""],
        ["Acme", "--tag", "two words"],
        ["Acme", "--tag", ""],
        ["Acme", "--role", "line\nbreak"],
        ["Acme", "--company", "Other"],
        ["Acme", "--json", "--porcelain"],
        ["Acme", "--dry-run"],
        ["Acme", "--bogus"],
        ["Acme", "--rol", "x"],
        ["Acme", "--role", "a", "--role", "b"],
        ["Acme", "--tag", "a", "b"],
        ["Acme", "--feeling", " 3"],
        ["Acme", "--feeling", "03"],
    ):
        r.run("log", *bad)
    r.run("log", "list", "--json", "--csv")
    r.run("log", "list", "--since", "2026-11-10", "--until", "2026-11-01")
    r.run("log", "shwo", "3")
    r.run("lgo")
    r.run("log", "edit", "2", "--stage", "technical", "--note", "Asked about Go")
    r.run("log", "edit", "2", "--note", "", "--tag", "", "--feeling", "", "--applied", "")
    r.run("log", "edit", "3", "--date", "2026-09-30")
    r.run("log", "show", "3", "--json")
    r.run("log", "edit", "3", "--stage", "nope")
    r.run("log", "edit", "999", "--stage", "screen")
    r.run("log", "edit", "5", "--key", "initrode-final")
    r.run("log", "edit", "5", "--email", "hr@umbrella.example", "--contact", "Ada")
    r.run("log", "feedback", "5", "Good fit, but the team is on hold", "--area", "Fit",
          "--area", "timing", "--date", "2026-11-20")
    r.run("log", "feedback", "5", "")
    r.run("log", "feedback", "999", "x")
    r.run("log", "show", "5")
    # $EDITOR: a scripted editor that changes the role, one that breaks the TOML, one that
    # empties the file, one that changes nothing.
    change = r.script("editor-change.sh",
                      "sed -i 's/^role = .*/role = \"Principal Engineer\"/' \"$1\"\n")
    breaks = r.script("editor-break.sh", "printf 'company = \\n' >> \"$1\"\n")
    empties = r.script("editor-empty.sh", ": > \"$1\"\n")
    same = r.script("editor-same.sh", "true\n")
    idline = r.script("editor-id.sh", "printf 'id = 9\\n' >> \"$1\"\n")
    unknown = r.script("editor-unknown.sh", "printf 'colour = \"red\"\\n' >> \"$1\"\n")
    fails = r.script("editor-fails.sh", "exit 3\n")
    r.run("log", "edit", "4", env={"EDITOR": change})
    r.run("log", "edit", "4", env={"EDITOR": breaks})
    r.run("log", "edit", "4", env={"EDITOR": empties})
    r.run("log", "edit", "4", env={"EDITOR": same})
    r.run("log", "edit", "4", env={"EDITOR": idline})
    r.run("log", "edit", "4", env={"EDITOR": unknown})
    r.run("log", "edit", "4", env={"EDITOR": fails})
    r.run("log", "show", "4")
    r.run("log", "rm", "7")
    r.run("log", "rm", "7", "--yes")
    r.run("log", "rm", "7", "--yes")
    r.run("log", "win", "Shipped my portfolio site", "--date", "2026-11-20")
    r.run("log", "win", "Another one", "--json")
    r.run("log", "win", "And another", "--porcelain")
    r.run("log", "win")
    r.run("log", "win", "list")
    r.run("log", "win", "list", "--json")
    r.run("log", "win", "list", "--csv")
    r.run("log", "win", "list", "--since", "2026-11-01", "--until", "2026-11-21")
    r.run("log", "win", "rm", "2", "--yes")
    r.run("log", "win", "rm", "2")
    r.run("log", "win", "rm", "99", "--yes")
    r.run("log", "list")
    r.run("log", "list", "--csv")


def run_feedback_email(r):
    for rid in ("1", "4", "12", "16"):
        r.run("feedback-email", rid)
    r.run("feedback-email", "16", "--format", "eml")
    r.run("feedback-email", "16", "--format", "mailto")
    r.run("feedback-email", "4", "--format", "eml")
    r.run("feedback-email", "12", "--template", "follow-up")
    r.run("feedback-email", "12", "--template", "follow-up", "--format", "mailto")
    r.run("feedback-email", "12", "--to", "Pat <pat@example.org>", "--format", "eml")
    r.run("feedback-email", "12", "--template", "nope")
    r.run("feedback-email", "12", "--template", "follow_up")
    r.run("feedback-email", "12", "--template", "../x")
    r.run("feedback-email", "12", "--format", "pdf")
    r.run("feedback-email", "999")
    r.run("feedback-email")
    r.run("feedback-email", "3", "--due")
    r.run("feedback-email", "3", "--json")
    r.run("feedback-email", "--list-templates")
    r.run("feedback-email", "--list-templates", "--json")
    r.run("feedback-email", "--due")
    r.run("feedback-email", "--due", "--json")
    r.write_file("templates/thanks.mustache",
                 "Subject: Thank you, {{company}}\n\nHi {{#contact_first_name}}"
                 "{{contact_first_name}}{{/contact_first_name}}{{^contact_first_name}}there"
                 "{{/contact_first_name}},\n\nThanks for {{stage_phrase}} ({{role}}, {{date}}"
                 "{{#applied}}, applied {{applied}}{{/applied}}{{#source}}, via {{source}}"
                 "{{/source}}{{#email}}, {{email}}{{/email}}{{#requested}}, asked {{requested}}"
                 "{{/requested}}{{#received}}, heard {{received}}{{/received}}{{#stage}}, "
                 "{{stage}}{{/stage}}).\n\n{{me.name}} {{me.email}}{{#me.signature}}"
                 "{{me.signature}}{{/me.signature}}\n")
    r.write_file("templates/after-interview.mustache",
                 "Subject: My own after-interview for {{company}}\n\nHello.\n")
    r.write_file("templates/broken.mustache", "Subject: {{company}\n\nBody {{nope}}\n")
    r.write_file("templates/unknown.mustache", "Subject: Hi {{company}}\n\nBody {{salary}}\n")
    r.run("feedback-email", "--list-templates")
    r.run("feedback-email", "--list-templates", "--json")
    for rid in ("1", "5", "16"):
        r.run("feedback-email", rid, "--template", "thanks")
    r.run("feedback-email", "16", "--template", "thanks", "--format", "eml")
    r.run("feedback-email", "4")
    r.run("feedback-email", "4", "--template", "broken")
    r.run("feedback-email", "4", "--template", "unknown")
    r.run("feedback-email", "1", "--template", "thanks", "--output", "draft.txt")
    r.run("feedback-email", "1", "--template", "thanks", "--output", "draft.txt")
    r.run("feedback-email", "1", "--format", "eml", "--output", "draft.txt", "--force")
    r.run("feedback-email", "1", "--output", "no/such/folder/draft.txt")
    subject = r.script("editor-subject.sh",
                       "sed -i 's/^Subject: .*/Subject: Edited subject/' \"$1\"\n")
    inject = r.script("editor-inject.sh", "sed -i '1i Bcc: x@example.com\\nX-Bad: y' \"$1\"\n")
    r.run("feedback-email", "1", "--edit", env={"EDITOR": subject})
    r.run("feedback-email", "1", "--edit", env={"EDITOR": inject})
    r.run("feedback-email", "15", "--mark-sent")
    r.run("feedback-email", "--due")
    r.run("log", "show", "15", "--json")


def run_reflect(r):
    r.run("reflect", "list")
    r.run("reflect", "list", "--json")
    r.run("reflect", "list", "--since", "2026-11-01")
    for rid in ("1", "3", "5"):
        r.run("reflect", "show", rid)
        r.run("reflect", "show", rid, "--json")
    r.run("reflect", "show", "99")
    r.run("reflect", "themes")
    r.run("reflect", "themes", "--json")
    r.run("reflect", "themes", "--since", "2026-11-01", "--limit", "2")
    r.run("reflect", "themes", "--limit", "0", "--json")
    r.run("reflect", "4", "--went-well", "Stayed curious", "--improve", "Ask about the team",
          "--strength", "Listening", "--target", "Smaller companies", "--next",
          "Email Sam\nand Kim", "--mood", "3", "--date", "2026-11-21")
    r.run("reflect", "--went-well", "Kept going", "--json")
    r.run("reflect", "--next", "Rest", "--porcelain")
    r.run("reflect", "--mood", "1")
    r.run("reflect", "--mood", "9")
    r.run("reflect", "--went-well", "")
    r.run("reflect", "999", "--next", "x")
    r.run("reflect", "lsit")
    r.run("reflect", "abc")
    r.run("reflect")
    r.run("reflect", "3")
    answer = r.script("editor-reflect.sh",
                      "sed -i -e '/^went_well = \\[/,/^]/s/^    \"\",/    \"Clear answers\",/' "
                      "-e '/^next = \\[/,/^]/s/^    \"\",/    \"Practise\",/' "
                      "-e 's/^# mood = 3/mood = 4/' \"$1\"\n")
    show = r.script("editor-show.sh", "cat \"$1\"\n")
    r.run("reflect", "2", "--edit", env={"EDITOR": show})
    r.run("reflect", "2", "--edit", env={"EDITOR": answer})
    r.run("reflect", "--edit", env={"EDITOR": r.script("editor-r-empty.sh", ": > \"$1\"\n")})
    r.run("reflect", "--edit", env={"EDITOR": r.script("editor-r-bad.sh",
                                                       "printf 'mood = 11\\n' >> \"$1\"\n")})
    r.run("reflect", "rm", "2")
    r.run("reflect", "rm", "2", "--yes")
    r.run("reflect", "list")


def run_routine(r):
    r.run("routine")
    r.run("routine", "--json")
    r.run("routine", "week")
    r.run("routine", "week", "--weeks", "3")
    r.run("routine", "week", "--weeks", "2", "--json")
    r.run("routine", "week", "--weeks", "0")
    r.run("routine", "habits")
    r.run("routine", "habits", "--json")
    r.run("routine", "done", "exercise", "--minutes", "45", "--note", "Long run")
    r.run("routine", "done", "exercise")
    r.run("routine", "skip", "connect", "--date", "2026-11-26", "--note", "Travel")
    r.run("routine", "done", "mindfulness", "--date", "2026-11-24")
    r.run("routine", "done", "mindfulnes")
    r.run("routine", "done", "exercise", "--minutes", "2000")
    r.run("routine", "done", "exercise", "--date", "tomorrow")
    r.run("routine", "undo", "exercise")
    r.run("routine", "undo", "exercise")
    r.run("routine", "undo", "connect", "--date", "2026-11-26")
    r.run("routine", "habits", "add", "reading", "--per-week", "3", "--description", "Books")
    r.run("routine", "habits", "add", "reading", "--per-week", "4")
    r.run("routine", "habits", "add", "daily", "--per-week", "7")
    r.run("routine", "habits", "add", "bad name")
    r.run("routine", "habits", "add", "noweek")
    r.run("routine", "done", "reading", "--date", "2026-11-23")
    r.run("routine", "habits")
    r.run("routine")
    r.run("routine", "week")
    r.run("routine", "habits", "rm", "daily")
    r.run("routine", "habits", "rm", "daily", "--yes")
    r.run("routine", "habits", "rm", "nothing", "--yes")


def run_stats(r):
    r.run("stats")
    r.run("stats", "--color", "always")
    r.run("stats", "--json")
    r.run("stats", "--csv")
    r.run("stats", "--week", "2026-W47")
    r.run("stats", "--week", "2026-10-07", "--weeks", "3", "--json")
    r.run("stats", "--week", "last monday", "--weeks", "12")
    r.run("stats", "--weeks", "1")
    r.run("stats", "--since", "2026-09-01", "--until", "2026-11-30")
    r.run("stats", "--since", "2026-10-01", "--json")
    r.run("stats", "--since", "2026-10-01", "--csv")
    r.run("stats", "--until", "2026-10-31")
    r.run("stats", "--all")
    r.run("stats", "--all", "--json")
    r.run("stats", "--all", "--csv")
    r.run("stats", "--week", "2027-W01")
    r.run("stats", "--week", "2026-W60")
    r.run("stats", "--week", "someday")
    r.run("stats", "--weeks", "0")
    r.run("stats", "--weeks", "x")
    r.run("stats", "--since", "2027-01-01")
    r.run("stats", "--since", "2026-11-10", "--until", "2026-11-01")
    r.run("stats", "--week", "2026-W47", "--all")
    r.run("stats", "--all", "--since", "2026-10-01")
    r.run("stats", "--json", "--csv")
    config = (r.home / "config.toml").read_text(encoding="utf-8")
    r.write_file("config.toml", config + "\n[signals]\napplication_min = 2\ntag_share = 0.3\n"
                 "mood_low = 3\nroutine_weeks = 1\ninterview_min = 1\nfeedback_share = 0.9\n"
                 "feedback_min = 1\n")
    r.run("stats")
    r.run("stats", "--json")
    r.write_file("config.toml", config.replace('start = "monday"', 'start = "sunday"'))
    r.run("stats")
    r.run("stats", "--csv")
    r.write_file("config.toml", config)


def run_report(r):
    """`report` and the stage flow of `stats`, last, so the steps before keep their numbers."""
    r.run("report", "--help")
    r.run("stats", "--sankey")
    r.run("stats", "--all", "--sankey")
    r.run("stats", "--all", "--mermaid")
    r.run("stats", "--sankey", "--json")
    r.run("report", "--output", "-")
    r.run("report", "--all", "--output", "-")
    r.run("report", "--since", "2026-11-01", "--until", "2026-11-15", "--output", "-")
    r.run("report")
    r.run("report")
    r.run("report", "--output", "autumn.html", "--force")
    r.run("report", "--all", "--since", "2026-10-01")
    r.run("report", "--output", "-", "--open")


def run_export_import(r, recorders):
    r.run("export")
    r.run("export", "--json", "--kind", "rejection")
    for kind in ("rejection", "reflection", "checkin", "win"):
        r.run("export", "--csv", "--kind", kind)
    r.run("export", "--csv")
    r.run("export", "--csv", "--kind", "all")
    r.run("export", "--kind", "nope")
    r.run("export", "--force")
    r.run("export", "--output", "backup.json")
    r.run("export", "--output", "backup.json")
    r.run("export", "--csv", "--kind", "rejection", "--output", "rejections.csv", "--force")
    backup = (r.tmp / "backup.json").read_text(encoding="utf-8")
    r.write("--- backup.json\n" + r.normalize(backup))
    # Into a new home: a dry run, then the import, then again (nothing new).
    other = recorders("imported")
    other.run("import", str(r.tmp / "backup.json"), "--dry-run")
    other.run("import", str(r.tmp / "backup.json"), "--json")
    other.run("import", str(r.tmp / "backup.json"))
    other.run("export")
    other.run("import", "-", "--dry-run", "--json", input=backup)
    sheet = ("Company,Position,Date Applied,Rejected On,Stage,Notes,Tags,Feedback\n"
             "Acme,Engineer,2026-10-01,2026-10-20,Screen,\"Nice, but no\",remote;fintech,\n"
             "Globex,,,2026-11-02,application,,,Too junior\n"
             ",,,,,,,\n")
    (r.tmp / "sheet.csv").write_text(sheet, encoding="utf-8")
    other.run("import", str(r.tmp / "sheet.csv"), "--dry-run")
    other.run("import", str(r.tmp / "sheet.csv"))
    other.run("log", "list", "--csv")
    (r.tmp / "bad.csv").write_text("company,date,stage\nAcme,2026-13-01,screen\n,2026-11-01,x\n",
                                   encoding="utf-8")
    other.run("import", str(r.tmp / "bad.csv"))
    (r.tmp / "wins.json").write_text('[{"date": "2026-11-01", "text": "Alone"}]', encoding="utf-8")
    other.run("import", str(r.tmp / "wins.json"))
    other.run("import", str(r.tmp / "wins.json"), "--kind", "win")
    other.run("import", str(r.tmp / "nothing.json"))
    other.run("doctor")
    other.finish()


def run_doctor_completion(r):
    r.run("doctor")
    r.run("doctor", "--json")
    r.run("check")
    for shell in ("bash", "zsh", "fish", "tcsh"):
        r.run("completion", shell)
    for kind, prefix in (("rejections", ""), ("rejections", "1"), ("wins", ""),
                         ("reflections", ""), ("habits", ""), ("habits", "ex"),
                         ("templates", ""), ("templates", "a"), ("nonsense", "")):
        r.run("__complete", kind, prefix)
    # A month that does not parse, a record in the wrong month, a counter behind.
    r.write_file("rejections/2026-08.toml", "version = 1\n[[rejection]]\nid = 3\n")
    r.write_file("wins/2026-07.toml", 'version = 1\n\n[[win]]\ndate = 2026-08-01\nid = 1\n'
                 'text = "Misplaced"\n')
    r.write_file("store.toml", "version = 1\n[next]\nrejection = 2\n")
    r.write_file("checkins/notes.txt", "hello\n")
    r.run("doctor")
    r.run("doctor", "--json")
    r.run("log", "list")
    r.run("log", "show", "3")
    r.run("stats")
    r.run("__complete", "rejections", "")
    r.run("log", "Late Co", "--date", "2026-08-15")
    r.write_file("config.toml", "[signals]\ntag_shar = 0.5\n")
    r.run("stats")
    r.run("doctor")
    r.write_file("config.toml", "[signals]\ntag_share = 2\n")
    r.run("stats")
    r.run("doctor")
    r.write_file("config.toml", "[signals]\ntag_share = \"x\"\n")
    r.run("stats")
    r.write_file("config.toml", "[week]\nstart = \"friday\"\n")
    r.run("stats")
    r.run("routine")
    r.write_file("config.toml", "[me]\nemail = \"nope\"\n")
    r.run("feedback-email", "1")
    r.write_file("config.toml", "[me\n")
    r.run("doctor")
    r.write_file("rejections/2026-08.toml", "")
    (r.home / "rejections" / "2026-08.toml").unlink()
    (r.home / "config.toml").unlink()


def run_init(recorders):
    r = recorders("init")
    r.run()
    r.run("stats")
    r.run("log", "list")
    r.run("log", "win", "list")
    r.run("reflect", "list")
    r.run("reflect", "themes")
    r.run("routine")
    r.run("routine", "week")
    r.run("export")
    r.run("doctor")
    r.run("init", "--name", "Alex Example", "--email", "alex@example.com", "--week-start", "sunday")
    r.run("init", "--name", "Again")
    r.run("feedback-email", "--list-templates")
    r.run("log", "Acme")
    r.run("stats")
    r.run("stats", "--all")
    r.run("log", "win", "First win")
    r.run("stats")
    r.run("init", "--email", "bad", home=False, env={"BOUNCEBACK_HOME": str(r.tmp / "init2")})
    r.run("init", "--week-start", "friday", home=False,
          env={"BOUNCEBACK_HOME": str(r.tmp / "init2")})
    r.finish()


def run_email(recorders):
    r = recorders("email")
    fixtures = sorted((ROOT / "tests" / "fixtures" / "email").glob("*.eml"))
    for path in fixtures:
        r.run("log", "--from-email", str(path), "--dry-run")
        r.run("log", "--from-email", str(path), "--dry-run", "--json")
    for path in fixtures:
        r.run("log", "--from-email", str(path))
    for path in fixtures[:3]:
        r.run("log", "--from-email", str(path), "--porcelain")
        r.run("log", "--from-email", "-", "--json", input=path.read_text(encoding="utf-8",
                                                                          errors="replace"))
    r.run("log", "--from-email", str(fixtures[0]), "--stage", "final", "--company", "Override",
          "--dry-run")
    r.run("log", "--from-email", str(r.tmp / "missing.eml"))
    r.run("log", "--from-email", "-", input="not an email at all")
    r.run("log", "--from-email", "-", "--porcelain", "--dry-run", input="x")
    r.run("log", "list")
    r.run("log", "list", "--json")
    r.run("log", "list", "--csv")
    r.run("export", "--csv", "--kind", "rejection")
    r.run("doctor")
    r.finish()


def run_bench(recorders, records):
    r = recorders("bench")
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_stats_home.py"), str(r.home),
                    str(records)], check=True, stdout=subprocess.DEVNULL)
    r.run("doctor")
    r.run("stats")
    r.run("stats", "--all")
    r.run("stats", "--all", "--json")
    r.run("stats", "--all", "--csv")
    r.run("stats", "--all")  # now through the cache
    r.run("stats", "--weeks", "52", "--json")
    r.run("stats", "--since", "2020-01-01", "--until", "2021-12-31", "--csv")
    r.run("log", "list", "--since", "2026-01-01")
    r.run("log", "list", "--json", "--since", "2025-06-01")
    r.run("log", "list", "--csv")
    r.run("log", "win", "list", "--since", "2026-06-01")
    r.run("reflect", "list", "--since", "2026-06-01")
    r.run("reflect", "themes", "--json")
    r.run("routine", "week", "--weeks", "4")
    r.run("log", "show", "1")
    r.run("log", "show", str(records))
    r.run("feedback-email", "--due")
    r.run("log", "Latest Co", "--stage", "onsite")
    r.run("log", "Backdated Co", "--date", "2019-03-04")
    r.run("log", "edit", "2", "--date", "2026-11-01")
    r.run("routine", "done", "hobby")
    r.run("stats", "--all", "--csv")
    r.run("export", "--csv", "--kind", "checkin")
    r.run("export")
    r.run("__complete", "rejections", "12")
    r.run("doctor")
    r.run("stats", "--all", "--sankey")
    r.run("report", "--all", "--output", "-")
    r.finish()


def record(binary, out, records):
    out.mkdir(parents=True, exist_ok=False)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bb-golden-"))
    made = []

    def recorders(name):
        rec = Recorder(binary, tmp, name, out)
        made.append(rec)
        return rec

    try:
        os.environ.setdefault("BOUNCEBACK_BIN", binary)
        sample_data = load_sample()
        sample = recorders("sample")
        build_sample(sample, sample_data)
        run_help(sample)
        run_log(sample)
        run_feedback_email(sample)
        run_reflect(sample)
        run_routine(sample)
        run_stats(sample)
        run_export_import(sample, recorders)
        run_doctor_completion(sample)
        run_report(sample)
        sample.finish()
        run_init(recorders)
        run_email(recorders)
        run_bench(recorders, records)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(out, saved):
    """Prints a unified diff of every file that differs; returns the number of differences."""
    differences = 0
    mine = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(saved) for p in saved.rglob("*") if p.is_file()}
    for rel in sorted(mine ^ theirs):
        differences += 1
        print(f"only in {'the new run' if rel in mine else 'the saved run'}: {rel}")
    for rel in sorted(mine & theirs):
        a = (saved / rel).read_bytes()
        b = (out / rel).read_bytes()
        if a == b:
            continue
        differences += 1
        print(f"differs: {rel}")
        diff = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(keepends=True),
                                    b.decode("utf-8", "replace").splitlines(keepends=True),
                                    str(saved / rel), str(out / rel))
        sys.stdout.writelines(diff)
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--compare", type=pathlib.Path, metavar="SAVED")
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    record(binary, args.out, args.records)
    if args.compare:
        differences = compare(args.out, args.compare)
        print(f"golden run: {differences} file(s) differ" if differences else
              "golden run: identical to the saved run")
        return 1 if differences else 0
    print(f"golden run recorded in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
