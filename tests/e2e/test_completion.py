"""End-to-end tests of shell completion: `bounceback completion bash|zsh|fish` run in the real
shells, and the hidden `bounceback __complete KIND [PREFIX]` they call for IDs, habits and
templates.

- bash: the completion function is called the way readline calls it (COMP_WORDS split at
  COMP_WORDBREAKS, COMP_CWORD, COMP_LINE, COMP_POINT), with bash-completion loaded and without.
- zsh: an interactive `zsh -f` on a pseudo-terminal runs compinit and presses Tab; a compadd
  wrapper prints each match and its description (the technique of zsh-capture-completion).
- fish: `complete -C`, fish's own completion query.
- All three, once more, in a real terminal (tmux send-keys + capture-pane) when tmux is installed.

A shell that is not installed is skipped with the reason (scripts/dev installs them all).
"""

import os
import pathlib
import re
import select
import shutil
import subprocess
import sys
import time
import unittest

import bbtest

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
STAGES = ["application", "screen", "technical", "onsite", "final", "offer"]
TEMPLATES = ["after-application", "after-interview", "follow-up"]

CONFIG = """\
[routine.habits.reading]
per_week = 3
description = "Twenty pages of a novel"

[routine.habits.running]
per_week = 2
"""

# Not TOML: an unterminated string on line 3.
BROKEN = 'version = 1\n[[rejection]]\ncompany = "Initech\nid = 3\n'


def need(program):
    path = shutil.which(program)
    if path is None:
        raise unittest.SkipTest(f"{program} is not installed (scripts/dev installs it)")
    return path


def comp_words(line):
    """The words readline gives a bash completion function for `line` (no quotes in it): split at
    blanks and at '=' (one of COMP_WORDBREAKS), with an empty word when the line ends in a blank."""
    words = re.findall(r"=+|[^\s=]+", line)
    if line.endswith(" "):
        words.append("")
    return words


class CompletionCase(bbtest.BounceTestCase):
    """A temp home with rejections 1 (Acme), 2 (Globex), 3 (Initech, October), a win, a
    reflection, two habits of one's own and a template of one's own; `bounceback` on PATH is the
    binary under test."""

    def setUp(self):
        super().setUp()
        self.bin_dir = pathlib.Path(self.tmp, "bin")
        self.bin_dir.mkdir()
        (self.bin_dir / "bounceback").symlink_to(bbtest.BIN)
        self.assertEqual(self.log("Acme", "--stage", "onsite", "--source", "referral"), 1)
        self.assertEqual(self.log("Globex", "--source", "LinkedIn"), 2)
        self.assertEqual(self.log("Initech", "--date", "2026-10-05", "--stage", "screen",
                                  "--source", "linkedin"), 3)
        self.ok("log", "win", "Finished the take-home")
        self.ok("reflect", "1", "--went-well", "Clear answers", "--next", "Mock interview")
        self.write_file(self.path("config.toml"), CONFIG)
        self.write_file(self.path("templates", "thanks.mustache"), "Subject: Thanks\n\nThank you.\n")

    def shell_env(self, **extra):
        env = self.base_env()
        env["PATH"] = f"{self.bin_dir}:{env['PATH']}"
        env["BOUNCEBACK_HOME"] = self.home
        env.update(extra)
        return env

    def script(self, shell, name):
        path = pathlib.Path(self.tmp, "completions", name)
        path.parent.mkdir(exist_ok=True)
        path.write_text(self.ok("completion", shell, home=False))
        return path

    def break_october(self):
        self.write_file(self.path("rejections", "2026-10.toml"), BROKEN)


class Complete(CompletionCase):
    """`bounceback __complete`: value<TAB>description lines, never an error."""

    def complete(self, *args, **kwargs):
        result = self.bb("__complete", *args, **kwargs)
        self.assertExit(result, 0)
        self.assertEqual(result.err, "")
        return [line.split("\t") for line in result.out.splitlines()]

    def test_rejections_with_company_stage_and_date(self):
        self.assertEqual(self.complete("rejections"), [
            ["1", "Acme, onsite, 2026-11-25"],
            ["2", "Globex, 2026-11-25"],
            ["3", "Initech, screen, 2026-10-05"],
        ])
        self.assertEqual(self.complete("rejections", "3"), [["3", "Initech, screen, 2026-10-05"]])

    def test_wins_reflections_habits_templates(self):
        self.assertEqual(self.complete("wins"), [["1", "2026-11-25: Finished the take-home"]])
        self.assertEqual(self.complete("reflections"),
                         [["1", "2026-11-25, on rejection 1: next Mock interview"]])
        self.assertEqual(self.complete("habits"),
                         [["reading", "Twenty pages of a novel"], ["running", "2 days a week"]])
        self.assertEqual([v for v, _ in self.complete("templates")], sorted(TEMPLATES + ["thanks"]))
        self.assertEqual(self.complete("templates", "th"), [["thanks", "your template"]])

    def test_sources_grouped_as_stats_groups_them(self):
        # LinkedIn and linkedin are one channel, named as its earliest rejection spells it.
        self.assertEqual(self.complete("sources"),
                         [["linkedin", "2 rejections"], ["referral", "1 rejection, personal"]])
        self.assertEqual(self.complete("sources", "r"), [["referral", "1 rejection, personal"]])
        with self.subTest("a bad config: grouped without it, no error"):
            self.write_file(self.path("config.toml"), "[sources\n")
            self.assertEqual([v for v, _ in self.complete("sources")], ["linkedin", "referral"])

    def test_a_broken_month_hides_only_itself(self):
        self.break_october()
        self.assertEqual([v for v, _ in self.complete("rejections")], ["1", "2"])
        # The strict commands still report it.
        self.assertExit(self.bb("log", "list"), 65)

    def test_never_an_error(self):
        with self.subTest("a bad config: no habits, no error"):
            self.write_file(self.path("config.toml"), "[routine\n")
            self.assertEqual(self.complete("habits"), [])
        with self.subTest("no home at all: the built-in templates"):
            result = self.bb("__complete", "templates", home=False,
                             env={"HOME": None, "XDG_DATA_HOME": None, "XDG_CONFIG_HOME": None})
            self.assertEqual((result.code, result.err), (0, ""))
            self.assertEqual([line.split("\t")[0] for line in result.out.splitlines()], TEMPLATES)
        with self.subTest("no home at all: no IDs"):
            result = self.bb("__complete", "rejections", home=False, env={"HOME": None})
            self.assertEqual(result, bbtest.Result(0, "", ""))
        with self.subTest("an unknown kind, or none"):
            self.assertEqual(self.complete("stages"), [])
            self.assertEqual(self.complete(), [])
        with self.subTest("a data folder that is a file"):
            shutil.rmtree(self.path("wins"))
            self.write_file(self.path("wins"), "not a folder")
            self.assertEqual(self.complete("wins"), [])
        with self.subTest("a BOUNCEBACK_TODAY that is not a date"):
            result = self.bb("__complete", "rejections", env={"BOUNCEBACK_TODAY": "someday"})
            self.assertEqual((result.code, result.err), (0, ""))
        with self.subTest("a prefix that looks like an option, after --"):
            self.assertEqual(self.complete("rejections", "--", "-1"), [])

    def test_hidden_from_help(self):
        self.assertNotIn("__complete", self.ok("--help"))
        self.assertIn("completion", self.ok("--help"))

    def test_every_month_of_a_long_history(self):
        # Three years of monthly files, 20 rejections each. (Speed is measured by a benchmark,
        # not asserted here.)
        for month in range(36):
            year, mon = 2024 + month // 12, month % 12 + 1
            records = "".join(
                f'[[rejection]]\ncompany = "Company {month}-{i}"\ndate = {year}-{mon:02d}-10\n'
                f'id = {100 + month * 20 + i}\n\n' for i in range(20))
            self.write_file(self.path("rejections", f"{year}-{mon:02d}.toml"),
                            "version = 1\n\n" + records)
        lines = self.complete("rejections")
        self.assertEqual(len(lines), 36 * 20)


class Script(CompletionCase):
    """What `bounceback completion` prints, and its errors."""

    def test_every_shell(self):
        self.assertTrue(self.ok("completion", "bash").startswith("# bash completion for bounceback"))
        self.assertTrue(self.ok("completion", "zsh").startswith("#compdef bounceback\n"))
        self.assertIn("complete -c bounceback", self.ok("completion", "fish"))

    def test_unknown_shell(self):
        result = self.bb("completion", "tcsh")
        self.assertExit(result, 64)
        self.assertIn("choose bash, zsh or fish", result.err)
        self.assertExit(self.bb("completion"), 64)

    def test_generated_from_the_command_tree(self):
        """Every visible subcommand and option of `--help` is in each script; __complete is not."""
        scripts = {shell: self.ok("completion", shell) for shell in ("bash", "zsh", "fish")}
        commands = [()]
        while commands:
            path = commands.pop()
            help_text = self.ok(*path, "--help")
            options = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", help_text))
            section = re.search(r"^Subcommands:\n(.*?)(?:\n\n|\Z)", help_text, re.M | re.S)
            subs = re.findall(r"^  ([a-z][a-z-]*)", section.group(1), re.M) if section else []
            for shell, text in scripts.items():
                for option in options:
                    name = option[2:] if shell == "fish" else option
                    self.assertIn(name, text, f"{shell}: {option} of '{' '.join(path)}'")
                for sub in subs:
                    self.assertIn(sub, text, f"{shell}: subcommand {sub}")
            commands += [path + (sub,) for sub in subs]
            self.assertLess(len(path), 5, "the command tree is not that deep")
        for shell, text in scripts.items():
            self.assertNotIn("'__complete'", text, shell)


class Bash(CompletionCase):
    def setUp(self):
        super().setUp()
        self.bash = need("bash")
        self.file = self.script("bash", "bounceback.bash")
        self.driver = self.write_script("driver.bash", """\
# driver.bash WITH_BASH_COMPLETION SCRIPT LINE WORD...: calls the completion function as readline
# does and prints COMPREPLY, one a line.
if [ "$1" = 1 ]; then
    source "$BASH_COMPLETION" || exit 90
    declare -F _init_completion >/dev/null || exit 91
fi
source "$2"
COMP_LINE=$3
COMP_POINT=${#COMP_LINE}
shift 3
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_bounceback
printf '%s\\n' "${COMPREPLY[@]}"
""")

    def complete(self, line, bash_completion):
        if bash_completion and not os.path.exists(BASH_COMPLETION):
            self.skipTest("bash-completion is not installed (scripts/dev installs it)")
        proc = subprocess.run(
            [self.bash, "--norc", "--noprofile", str(self.driver), "1" if bash_completion else "0",
             str(self.file), line, *comp_words(line)],
            capture_output=True, text=True, timeout=30, cwd=self.tmp,
            env=self.shell_env(BASH_COMPLETION=BASH_COMPLETION))
        self.assertEqual((proc.returncode, proc.stderr), (0, ""), f"bash on {line!r}")
        return [w for w in proc.stdout.splitlines() if w]

    def check(self, line, expected, bash_completion):
        with self.subTest(line=line, bash_completion=bash_completion):
            self.assertEqual(sorted(self.complete(line, bash_completion)), sorted(expected))

    def test_cases(self):
        for bash_completion in (False, True):
            self.check("bounceback lo", ["log"], bash_completion)
            self.check("bounceback log --st", ["--stage"], bash_completion)
            self.check("bounceback log --stage ", STAGES, bash_completion)
            self.check("bounceback log --stage o", ["onsite", "offer"], bash_completion)
            self.check("bounceback log --stage=o", ["onsite", "offer"], bash_completion)
            self.check("bounceback log list --stage=", STAGES, bash_completion)
            self.check("bounceback feedback-email ", ["1", "2", "3"], bash_completion)
            self.check("bounceback log show 3", ["3"], bash_completion)
            self.check("bounceback log win rm ", ["1"], bash_completion)
            self.check("bounceback reflect show ", ["1"], bash_completion)
            self.check("bounceback reflect ", ["list", "show", "themes", "rm", "1", "2", "3"],
                       bash_completion)
            self.check("bounceback routine done ", ["reading", "running"], bash_completion)
            self.check("bounceback routine habits rm r", ["reading", "running"], bash_completion)
            self.check("bounceback log list --source ", ["linkedin", "referral"], bash_completion)
            self.check("bounceback log list --source=r", ["referral"], bash_completion)
            self.check("bounceback log Hooli --source l", ["linkedin"], bash_completion)
            self.check("bounceback feedback-email 1 --template ", TEMPLATES + ["thanks"],
                       bash_completion)
            self.check("bounceback --color ", ["auto", "always", "never"], bash_completion)
            self.check("bounceback log list --color=n", ["never"], bash_completion)
            self.check("bounceback completion ", ["bash", "zsh", "fish"], bash_completion)
            self.check("bounceback init --week-start s", ["sunday"], bash_completion)
            self.check("bounceback check --j", ["--json"], bash_completion)  # an alias
            self.check("bounceback log Acme ", [], bash_completion)  # COMPANY: free text
            self.check("bounceback log --note ", [], bash_completion)

    def test_home_on_the_command_line(self):
        other = os.path.join(self.tmp, "other")
        self.bb("log", "Umbrella", home=other)
        for bash_completion in (False, True):
            self.check(f"bounceback --home {other} log show ", ["1"], bash_completion)
            self.check(f"bounceback log rm --home={other} ", ["1"], bash_completion)

    def test_files_and_folders(self):
        pathlib.Path(self.tmp, "drafts").mkdir()
        pathlib.Path(self.tmp, "draft.eml").write_text("")
        for bash_completion in (False, True):
            self.check("bounceback feedback-email 1 --output dra", ["drafts", "draft.eml"],
                       bash_completion)
            self.check("bounceback --home dra", ["drafts"], bash_completion)

    def test_broken_data_file(self):
        self.break_october()
        for bash_completion in (False, True):
            self.check("bounceback feedback-email ", ["1", "2"], bash_completion)


ZSH_SETUP = r"""
PROMPT='> '
fpath=($BB_COMPLETIONS $fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
# Print every match compadd is given, with its description, instead of showing a menu.
compadd() {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return $?
    fi
    local -a __hits __dscr
    if (( $@[(I)-d] )); then
        __dscr=("${(@P)${@[$[${@[(i)-d]}+1]]}}")
    fi
    builtin compadd -A __hits -D __dscr "$@"
    local i
    for (( i = 1; i <= $#__hits; i++ )); do
        print -r -- "MATCH<${IPREFIX}${__hits[i]}>DESC<${__dscr[i]}>"
    done
}
bb_done() { print -r -- '<<DONE>>'; exit 0 }
comppostfuncs=(bb_done)
print -r -- '<<READY>>'
"""


class Zsh(CompletionCase):
    def setUp(self):
        super().setUp()
        self.zsh = need("zsh")
        self.file = self.script("zsh", "_bounceback")
        self.setup = pathlib.Path(self.tmp, "setup.zsh")
        self.setup.write_text(ZSH_SETUP)

    def complete(self, line):
        """Types `line` and Tab into an interactive zsh; returns {match: description}."""
        import pty  # noqa: PLC0415

        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [self.zsh, "-f", "-i"], stdin=slave, stdout=slave, stderr=slave, cwd=self.tmp,
            env=self.shell_env(TERM="xterm", BB_COMPLETIONS=str(self.file.parent)),
            start_new_session=True)
        os.close(slave)
        output = b""
        try:
            os.write(master, f"source {self.setup}\n".encode())
            output = self.read_until(master, b"<<READY>>\r\n", proc)
            os.write(master, line.encode() + b"\t")
            output = self.read_until(master, b"<<DONE>>", proc)
        finally:
            os.close(master)
            proc.kill()
            proc.wait()
        text = output.decode("utf-8", "replace")
        self.assertNotIn("error", text.lower(), f"zsh on {line!r}")
        matches = {}
        for value, description in re.findall(r"MATCH<([^>]*)>DESC<([^>]*)>", text):
            # zsh shows "value  -- description"; keep the description.
            matches[value] = re.sub(rf"^{re.escape(value)}\s*(--\s*)?", "", description)
        return matches

    @staticmethod
    def read_until(master, marker, proc, timeout=20):
        data = b""
        deadline = time.monotonic() + timeout
        while marker not in data:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([master], [], [], remaining)[0]:
                raise AssertionError(f"zsh: no {marker!r} after {timeout} s; it printed:\n"
                                     + data.decode("utf-8", "replace"))
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError("zsh exited early; it printed:\n"
                                     + data.decode("utf-8", "replace"))
            data += chunk
        return data

    def check(self, line, expected):
        with self.subTest(line=line):
            got = self.complete(line)
            if isinstance(expected, dict):
                self.assertEqual(got, expected)
            else:
                self.assertEqual(sorted(got), sorted(expected))

    def test_cases(self):
        self.check("bounceback lo", {"log": "Log a rejection, feedback or a small win"})
        self.check("bounceback log --st", ["--stage"])
        self.assertIn("Furthest stage", self.complete("bounceback log --st")["--stage"])
        self.check("bounceback log --stage ", STAGES)
        self.check("bounceback log --stage=o", ["--stage=onsite", "--stage=offer"])
        self.check("bounceback feedback-email ", {
            "1": "Acme, onsite, 2026-11-25",
            "2": "Globex, 2026-11-25",
            "3": "Initech, screen, 2026-10-05",
        })
        self.check("bounceback routine done ",
                   {"reading": "Twenty pages of a novel", "running": "2 days a week"})
        self.check("bounceback feedback-email 1 --template ", TEMPLATES + ["thanks"])
        self.check("bounceback log list --source ",
                   {"linkedin": "2 rejections", "referral": "1 rejection, personal"})
        self.check("bounceback --color ", ["auto", "always", "never"])
        self.check("bounceback reflect ", ["list", "show", "themes", "rm", "1", "2", "3"])
        self.check("bounceback log win rm ", {"1": "2026-11-25: Finished the take-home"})
        self.check("bounceback completion ", ["bash", "zsh", "fish"])

    def test_broken_data_file(self):
        self.break_october()
        self.check("bounceback feedback-email ", ["1", "2"])


class Fish(CompletionCase):
    def setUp(self):
        super().setUp()
        self.fish = need("fish")
        self.file = self.script("fish", "bounceback.fish")

    def complete(self, line):
        """fish's own answer for `line`: {value: description}."""
        proc = subprocess.run(
            [self.fish, "--no-config", "-c", 'source $argv[1]; complete -C"$argv[2]"',
             str(self.file), line],
            capture_output=True, text=True, timeout=30, cwd=self.tmp, env=self.shell_env())
        self.assertEqual((proc.returncode, proc.stderr), (0, ""), f"fish on {line!r}")
        return dict((l.split("\t") + [""])[:2] for l in proc.stdout.splitlines())

    def check(self, line, expected):
        with self.subTest(line=line):
            got = self.complete(line)
            if isinstance(expected, dict):
                self.assertEqual(got, expected)
            else:
                self.assertEqual(sorted(got), sorted(expected))

    def test_cases(self):
        self.check("bounceback lo", {"log": "Log a rejection, feedback or a small win"})
        self.check("bounceback log --st", ["--stage"])
        self.check("bounceback log --stage ", STAGES)
        self.check("bounceback log --stage=o", ["--stage=onsite", "--stage=offer"])
        self.check("bounceback feedback-email ", {
            "1": "Acme, onsite, 2026-11-25",
            "2": "Globex, 2026-11-25",
            "3": "Initech, screen, 2026-10-05",
        })
        self.check("bounceback routine done ",
                   {"reading": "Twenty pages of a novel", "running": "2 days a week"})
        self.check("bounceback routine skip r", ["reading", "running"])
        self.check("bounceback log list --source ",
                   {"linkedin": "2 rejections", "referral": "1 rejection, personal"})
        self.check("bounceback log edit 1 --source r", ["referral"])
        self.check("bounceback feedback-email 1 --template ", TEMPLATES + ["thanks"])
        self.check("bounceback --color ", ["auto", "always", "never"])
        self.check("bounceback reflect ", ["list", "show", "themes", "rm", "1", "2", "3"])
        self.check("bounceback reflect rm ", ["1"])
        self.check("bounceback completion ", ["bash", "zsh", "fish"])
        self.check("bounceback log Acme ", [])

    def test_home_on_the_command_line(self):
        other = os.path.join(self.tmp, "other")
        self.bb("log", "Umbrella", home=other)
        self.check(f"bounceback --home {other} log show ", {"1": "Umbrella, 2026-11-25"})

    def test_broken_data_file(self):
        self.break_october()
        self.check("bounceback feedback-email ", ["1", "2"])


class RealTerminal(CompletionCase):
    """Each shell in tmux: type, press Tab, read the screen."""

    def setUp(self):
        super().setUp()
        self.tmux = need("tmux")
        self.socket = os.path.join(self.tmp, "tmux.sock")
        self.addCleanup(subprocess.run, [self.tmux, "-S", self.socket, "kill-server"],
                        capture_output=True)

    def start(self, command):
        env = self.shell_env(TERM="xterm-256color")
        subprocess.run([self.tmux, "-S", self.socket, "-f", "/dev/null", "new-session", "-d",
                        "-x", "160", "-y", "40", "env", *[f"{k}={v}" for k, v in env.items()],
                        *command], check=True, env=env, timeout=30)

    def screen(self):
        return subprocess.run([self.tmux, "-S", self.socket, "capture-pane", "-p"],
                              capture_output=True, text=True, timeout=30).stdout

    def keys(self, *keys):
        subprocess.run([self.tmux, "-S", self.socket, "send-keys", *keys], check=True, timeout=30)

    def wait_for(self, pattern, timeout=15):
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if re.search(pattern, screen, re.M):
                return screen
            if time.monotonic() > deadline:
                self.fail(f"no {pattern!r} on the screen after {timeout} s:\n{screen}")
            time.sleep(0.1)

    def session(self, prompt, list_keys):
        """The common cases; `list_keys` is what makes the shell list ambiguous matches."""
        self.wait_for(prompt)
        self.keys("bounceback lo", "Tab")
        self.wait_for(r"bounceback log\s*$")  # capture-pane drops trailing blanks
        self.keys("C-u", "bounceback log --stage ", *list_keys)
        screen = self.wait_for(r"technical")
        for stage in STAGES:
            self.assertIn(stage, screen)
        self.keys("C-u", "bounceback routine done re", "Tab")
        self.wait_for(r"bounceback routine done reading\s*$")
        self.keys("C-u", "bounceback feedback-email ", *list_keys)

    def test_bash(self):
        rc = self.write_file(pathlib.Path(self.tmp, "bashrc"),
                             f"PS1='bash$ '\n[ -r {BASH_COMPLETION} ] && . {BASH_COMPLETION}\n"
                             f". {self.script('bash', 'bounceback.bash')}\n")
        self.start([need("bash"), "--noprofile", "--rcfile", str(rc), "-i"])
        self.session(r"^bash\$", ["Tab", "Tab"])
        self.wait_for(r"^1\s+2\s+3\s*$")  # bash lists the values, without descriptions

    def test_zsh(self):
        folder = self.script("zsh", "_bounceback").parent
        self.write_file(pathlib.Path(self.tmp, "zdot", ".zshrc"),
                        f"PS1='zsh%% '\nfpath=({folder} $fpath)\nautoload -Uz compinit\n"
                        "compinit -u -D\n")
        self.start(["env", f"ZDOTDIR={self.tmp}/zdot", need("zsh"), "-i"])
        self.session(r"^zsh%", ["Tab"])
        self.wait_for(r"^1\s+--\s+Acme, onsite, 2026-11-25\s*$")  # with descriptions

    def test_fish(self):
        script = self.script("fish", "bounceback.fish")
        self.start([need("fish"), "--no-config", "-i", "-C",
                    f"set -g fish_greeting; function fish_prompt; echo -n 'fish> '; end; "
                    f"source {script}"])
        self.session(r"^fish>", ["Tab"])
        self.wait_for(r"\b1\s+\(Acme, onsite, 2026-11-25\)")  # the pager shows descriptions


if __name__ == "__main__":
    program = unittest.main(exit=False, verbosity=2)
    sys.exit(0 if program.result.wasSuccessful() else 1)
