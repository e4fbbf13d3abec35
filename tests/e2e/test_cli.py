"""End-to-end: global options, help, suggestions for typos, colour."""

import re
import subprocess
import unittest

from bbtest import BounceTestCase

SUBCOMMANDS = [
    ["log"], ["log", "list"], ["log", "show"], ["log", "edit"], ["log", "rm"], ["log", "feedback"],
    ["log", "win"], ["log", "win", "list"], ["log", "win", "rm"], ["init"], ["doctor"], ["check"],
]

ANSI = "\x1b["

# "Example:" or "Examples:" followed by at least one indented command line.
EXAMPLES = r"\bExamples?:\n[ \t]+bounceback\b"


class Cli(BounceTestCase):
    def test_version(self):
        r = self.bb("--version", home=False)
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\d+\.\d+\.\d+")
        self.assertEqual(r.err, "")

    def test_top_level_help_has_examples(self):
        for flag in ("--help", "-h"):
            with self.subTest(flag=flag):
                r = self.bb(flag, home=False)
                self.assertExit(r, 0)
                self.assertIn("log", r.out)
                self.assertRegex(r.out, EXAMPLES, "an Example section")

    def test_every_subcommand_help_has_examples(self):
        for words in SUBCOMMANDS:
            for flag in ("--help", "-h"):
                with self.subTest(command=" ".join(words), flag=flag):
                    r = self.bb(*words, flag, home=False)
                    self.assertExit(r, 0)
                    self.assertIn("Usage", r.out)
                    self.assertRegex(r.out, EXAMPLES, "an Example section")
        self.assertIsNone(self.snapshot(), "help touches no files")

    def test_each_help_example_shows_its_own_command(self):
        for words in SUBCOMMANDS:
            command = "bounceback " + " ".join(["doctor"] if words == ["check"] else words)
            with self.subTest(command=" ".join(words)):
                r = self.bb(*words, "--help", home=False)
                examples = r.out[re.search(EXAMPLES, r.out).start():] if re.search(EXAMPLES, r.out) else ""
                self.assertIn(command, examples)

    def test_top_level_help_matches_each_command(self):
        # Only a subcommand the command line names gets its options; the top-level help lists
        # the others from their summaries. Each name and alias listed must reach the command,
        # whose own help opens with the same line.
        r = self.bb("--help", home=False)
        listing = r.out.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
        self.assertGreater(len(listing), 5)
        for line in listing:
            names, description = re.fullmatch(r"  (\S+(?:, \S+)*) {2,}(\S.*)", line).groups()
            for name in names.split(", "):
                with self.subTest(command=name):
                    own = self.bb(name, "--help", home=False)
                    self.assertExit(own, 0)
                    self.assertEqual(own.out.splitlines()[0], description)

    def test_help_needs_no_home(self):
        r = self.bb("log", "--help", home=False, env={"HOME": None})
        self.assertExit(r, 0)

    def test_mistyped_subcommand(self):
        r = self.bb("lgo")
        self.assertExit(r, 64)
        self.assertIn("did you mean 'log'", r.err)
        r = self.bb("doctr")
        self.assertExit(r, 64)
        self.assertIn("did you mean 'doctor'", r.err)
        self.assertIsNone(self.snapshot())

    def test_mistyped_option(self):
        r = self.bb("log", "list", "--stag", "x")
        self.assertExit(r, 64)
        self.assertIn("--stag", r.err)
        self.assertIn("--stage", r.err)
        self.assertIn("did you mean", r.err)
        r = self.bb("log", "Acme", "--feelng", "3")
        self.assertExit(r, 64)
        self.assertIn("--feeling", r.err)
        self.assertIsNone(self.snapshot(), "nothing was logged")

    def test_mistyped_log_subcommand(self):
        r = self.bb("log", "shwo", "3")
        self.assertExit(r, 64)
        self.assertIn("'show'", r.err)
        self.assertIsNone(self.snapshot(), "no company called 'shwo' was logged")

    def test_empty_home_option(self):
        r = self.bb("--home", "", "log", "list", home=False)
        self.assertExit(r, 64)
        self.assertIn("--home", r.err)

    def test_errors_go_to_stderr_with_the_program_name(self):
        r = self.bb("log", "Acme", "--stage", "nope")
        self.assertEqual(r.out, "")
        self.assertTrue(r.err.startswith("bounceback: error:"), r.err)

    def test_bare_command_on_an_empty_home(self):
        r = self.bb()
        self.assertExit(r, 0)
        self.assertIn("init", r.out)
        self.assertIn("log", r.out)
        self.assertIsNone(self.snapshot(), "a bare command creates nothing")

    def test_bare_command_with_data(self):
        self.log("Acme")
        self.ok("log", "win", "Sent two applications")
        r = self.bb()
        self.assertExit(r, 0)
        # Wins first; the rejection is counted last and not named.
        self.assertTrue(r.out.startswith("So far: 1 win and 1 rejection logged."), r.out)
        self.assertNotIn("Acme", r.out)

    # ---- colour ---------------------------------------------------------------------------

    def add_entries(self):
        self.log("Acme", "--stage", "screen")
        self.log("Globex", "--stage", "onsite")

    def test_color_always(self):
        self.add_entries()
        for env in ({}, {"NO_COLOR": "1"}):
            with self.subTest(env=env):
                out = self.ok("--color", "always", "log", "list", env=env)
                self.assertIn(ANSI, out)
                self.assertIn("Acme", out)

    def test_color_option_after_the_subcommand(self):
        self.add_entries()
        self.assertIn(ANSI, self.ok("log", "list", "--color", "always"))

    def test_color_auto_on_a_pipe_has_no_escapes(self):
        self.add_entries()
        for args in (("log", "list"), ("--color", "auto", "log", "list"), ("log", "show", "1"),
                     ("log", "Initech")):
            with self.subTest(args=args):
                r = self.bb(*args, env={"TERM": "xterm-256color"})
                self.assertExit(r, 0)
                self.assertNotIn(ANSI, r.out)
                self.assertNotIn(ANSI, r.err)

    def test_color_never_ignores_no_color(self):
        self.add_entries()
        for env in ({}, {"NO_COLOR": "1"}, {"NO_COLOR": ""}):
            with self.subTest(env=env):
                out = self.ok("--color", "never", "log", "list", env=env)
                self.assertNotIn(ANSI, out)
                self.assertIn("Globex", out)

    def test_color_auto_on_a_terminal(self):
        self.add_entries()
        code, output = self.bb_pty("--color", "auto", "log", "list", env={"TERM": "xterm-256color"})
        self.assertEqual(code, 0, output)
        self.assertIn(ANSI, output)
        code, output = self.bb_pty("log", "list", env={"TERM": "xterm-256color", "NO_COLOR": "1"})
        self.assertEqual(code, 0, output)
        self.assertNotIn(ANSI, output, "NO_COLOR turns auto colour off")
        self.assertIn("Globex", output)
        code, output = self.bb_pty("--color", "never", "log", "list", env={"TERM": "xterm-256color"})
        self.assertEqual(code, 0, output)
        self.assertNotIn(ANSI, output)

    def test_bad_color_value(self):
        for value in ("purple", ""):
            with self.subTest(value=value):
                r = self.bb("--color", value, "log", "list")
                self.assertExit(r, 64)
                self.assertIn("--color", r.err)
        r = self.bb("--color", "purple", "log", "list")
        self.assertIn("purple", r.err)

    def test_machine_output_has_no_escapes_even_with_color_always(self):
        self.add_entries()
        for args in (("log", "list", "--json"), ("log", "list", "--csv"), ("log", "X", "--porcelain"),
                     ("log", "show", "1", "--json")):
            with self.subTest(args=args):
                out = self.ok("--color", "always", *args)
                self.assertNotIn(ANSI, out)


class OutputAndEnvironment(BounceTestCase):
    def test_a_full_disk_on_stdout_is_exit_74(self):
        with open("/dev/full", "w") as full:
            r = subprocess.run(self.argv(["log", "Acme", "--porcelain"]), stdout=full,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env=self.make_env(), text=True)
        self.assertEqual(r.returncode, 74, r.stderr)
        self.assertIn("cannot write the output", r.stderr)

    def test_a_bad_bounceback_today_is_exit_78(self):
        r = self.bb("log", "list", env={"BOUNCEBACK_TODAY": "someday"})
        self.assertExit(r, 78)
        self.assertIn("BOUNCEBACK_TODAY", r.err)

    def test_no_home_at_all_is_exit_78(self):
        env = self.make_env()
        env.pop("HOME", None)
        r = subprocess.run(self.argv(["log", "list"], home=False), capture_output=True, text=True,
                           env=env, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 78, r.stderr)

    def test_dates_outside_the_supported_years_are_refused(self):
        for value in ("50000 days ago", "1899-12-31", "10000-01-01"):
            with self.subTest(value=value):
                r = self.bb("log", "Acme", "--date", value)
                self.assertExit(r, 64)
                self.assertIn("--date", r.err)
        self.assertEqual(self.list_json(), [])


if __name__ == "__main__":
    unittest.main()
