"""End-to-end: where files go, their permissions, refusing to write over what does not parse,
temp files, and the write lock."""

import fcntl
import os
import pathlib
import subprocess
import time
import unittest

from bbtest import BounceTestCase, is_root

UMASK_000 = ["sh", "-c", 'umask 000; exec "$0" "$@"']

BROKEN = b"[[rejection]]\ncompany = \n"


class Permissions(BounceTestCase):
    def assertPrivateTree(self, root):
        root = pathlib.Path(root)
        checked = 0
        for dirpath, dirnames, filenames in os.walk(root):
            self.assertEqual(self.mode(dirpath), 0o700, "folder %s" % dirpath)
            for name in filenames:
                path = os.path.join(dirpath, name)
                self.assertEqual(self.mode(path), 0o600, "file %s" % path)
                checked += 1
        return checked

    def test_files_0600_and_folders_0700_under_umask_000(self):
        for args in (("log", "Acme", "--date", "2026-11-20"), ("log", "Globex", "--date", "2026-10-01"),
                     ("log", "win", "A win"), ("init", "--name", "Sam", "--email", "sam@example.com"),
                     ("log", "edit", "1", "--date", "2026-09-01"), ("log", "feedback", "2", "thanks")):
            self.assertExit(self.bb(*args, wrap=UMASK_000), 0)
        self.assertGreaterEqual(self.assertPrivateTree(self.home), 5)
        self.assertTrue(self.path("rejections", "2026-09.toml").exists())
        self.assertTrue(self.path("config.toml").exists())

    def test_xdg_folders_created_private_under_umask_000(self):
        env = {"XDG_DATA_HOME": os.path.join(self.tmp, "xdg-data"),
               "XDG_CONFIG_HOME": os.path.join(self.tmp, "xdg-config")}
        self.assertExit(self.bb("log", "Acme", home=False, env=env, wrap=UMASK_000), 0)
        self.assertExit(self.bb("init", "--name", "Sam", "--email", "s@example.com", home=False,
                                env=env, wrap=UMASK_000), 0)
        self.assertPrivateTree(os.path.join(self.tmp, "xdg-data", "bounceback"))
        self.assertPrivateTree(os.path.join(self.tmp, "xdg-config", "bounceback"))
        self.assertEqual(self.mode(os.path.join(self.tmp, "xdg-data")), 0o700)

    def test_unwritable_home_is_a_permission_error(self):
        if is_root():
            self.skipTest("running as root: permission checks do not apply")
        os.mkdir(self.home, 0o700)
        os.chmod(self.home, 0o500)
        r = self.bb("log", "Acme")
        self.assertExit(r, 77)
        self.assertIn(self.home, r.err)
        self.assertEqual(os.listdir(self.home), [])


class BrokenFiles(BounceTestCase):
    def break_november(self, content=BROKEN):
        """A home with entries in October and November, then November's file hand-broken."""
        self.log("Initech", "--date", "2026-10-10")
        self.log("Acme", "--date", "2026-11-02")
        path = self.path("rejections", "2026-11.toml")
        path.write_bytes(content)
        return path

    def test_a_broken_month_refuses_writes_to_it(self):
        path = self.break_november()
        before = self.snapshot()
        r = self.bb("log", "X", "--date", "2026-11-20")
        self.assertExit(r, 65)
        self.assertRegex(r.err, r"2026-11\.toml:2:\d+:")
        self.assertIn(str(path), r.err)
        self.assertEqual(path.read_bytes(), BROKEN, "the broken file is byte-identical")
        self.assertEqual(self.snapshot(), before, "nothing else changed either (store.toml)")
        self.assertNoLeftovers()

    def test_a_broken_month_does_not_block_other_months(self):
        path = self.break_november()
        r = self.bb("log", "X", "--date", "2026-10-01", "--porcelain")
        self.assertExit(r, 0)
        new_id = int(r.out)
        self.assertEqual(new_id, 3, "IDs still count on")
        october = self.list_json("--since", "2026-10-01", "--until", "2026-10-31")
        self.assertEqual(sorted(e["company"] for e in october), ["Initech", "X"])
        self.ok("log", "show", new_id)
        self.ok("log", "edit", new_id, "--role", "Dev")
        self.ok("log", "win", "still going", "--date", "2026-11-20")
        self.assertEqual(path.read_bytes(), BROKEN)

    def test_listing_everything_names_the_broken_file(self):
        path = self.break_november()
        r = self.bb("log", "list")
        self.assertExit(r, 65)
        self.assertIn(str(path), r.err)
        self.assertRegex(r.err, r"2026-11\.toml:\d+:\d+:")
        r = self.bb("log", "list", "--since", "2026-11-01")
        self.assertExit(r, 65)
        self.assertEqual(path.read_bytes(), BROKEN)

    def test_edit_and_rm_refuse_to_rewrite_a_broken_month(self):
        self.break_november(b"version = 1\n\n[[rejection]]\ncompany = \"Acme\"\ndate = 2026-11-02\n"
                            b"id = 2\nrole = \n")
        before = self.snapshot()
        for args in (("log", "edit", "2", "--role", "x"), ("log", "rm", "2", "--yes"),
                     ("log", "feedback", "2", "thanks"), ("log", "edit", "1", "--date", "2026-11-03")):
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 65)
                self.assertIn("2026-11.toml:", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_a_newer_format_version_is_refused(self):
        newer = b"version = 2\n\n[[rejection]]\ncompany = \"Acme\"\ndate = 2026-11-02\nid = 2\n"
        path = self.break_november(newer)
        before = self.snapshot()
        for args in (("log", "list"), ("log", "X", "--date", "2026-11-20")):
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 65)
                self.assertIn(str(path), r.err)
                self.assertIn("newer", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_an_unknown_key_in_a_record_is_refused(self):
        text = (b"version = 1\n\n[[rejection]]\ncompany = \"Acme\"\ndate = 2026-11-02\nid = 2\n"
                b"colour = \"red\"\n")
        self.break_november(text)
        before = self.snapshot()
        for args in (("log", "list"), ("log", "X", "--date", "2026-11-20"), ("log", "show", "2")):
            with self.subTest(args=args):
                r = self.bb(*args)
                self.assertExit(r, 65)
                self.assertIn("colour", r.err)
                self.assertRegex(r.err, r"2026-11\.toml:7:\d+:")
                self.assertEqual(self.snapshot(), before)

    def test_a_hand_edited_valid_file_is_read(self):
        self.log("Initech", "--date", "2026-11-01")
        self.path("rejections", "2026-11.toml").write_text(
            "# my own comment\nversion = 1\n\n[[rejection]]\nid = 1\ncompany = \"Initech\"\n"
            "date = 2026-11-01\nstage = \"final\"\ntags = [\"x\"]\n")
        self.assertEqual(self.list_json(), [{"id": 1, "company": "Initech", "date": "2026-11-01",
                                             "stage": "final", "tags": ["x"]}])
        self.assertEqual(self.log("Acme", "--date", "2026-11-02"), 2)
        doc = self.read_toml("rejections", "2026-11.toml")
        self.assertEqual([r["id"] for r in doc["rejection"]], [1, 2])


class TempFiles(BounceTestCase):
    def test_no_temp_files_are_left_behind(self):
        editor = self.write_script("ed.sh", "#!/bin/sh\nsed -i 's/^company = .*/company = \"B\"/' \"$1\"\n")
        commands = [
            ("log", "Acme", "--date", "2026-11-20"),
            ("log", "Globex", "--key", "k"),
            ("log", "Globex", "--key", "k"),
            ("log", "edit", "1", "--date", "2026-10-01"),
            ("log", "edit", "1", "--note", "n"),
            ("log", "feedback", "1", "ok", "--area", "fit"),
            ("log", "win", "yes"),
            ("log", "win", "rm", "1", "--yes"),
            ("log", "rm", "2", "--yes"),
            ("log", "X", "--date", "soon"),
            ("log", "show", "9"),
            ("init", "--name", "Sam"),
            ("init", "--name", "Sam"),
            ("doctor",),
        ]
        for args in commands:
            with self.subTest(args=args):
                self.bb(*args)
                self.assertNoLeftovers()
        self.assertExit(self.bb("log", "edit", "1", env={"EDITOR": str(editor)}), 0)
        self.assertNoLeftovers()
        self.assertEqual(self.list_json()[0]["company"], "B")


class Lock(BounceTestCase):
    def hold_lock(self):
        os.makedirs(self.home, mode=0o700, exist_ok=True)
        fd = os.open(os.path.join(self.home, ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def test_lock_timeout(self):
        self.log("Initech")
        before = self.snapshot()
        fd = self.hold_lock()
        try:
            start = time.monotonic()
            r = self.bb("log", "Acme", timeout=60)
            elapsed = time.monotonic() - start
        finally:
            os.close(fd)
        self.assertExit(r, 75)
        self.assertIn(os.path.join(self.home, ".lock"), r.err)
        self.assertGreaterEqual(elapsed, 8, "it waits about 10 s before giving up")
        self.assertLess(elapsed, 20)
        self.assertEqual(self.snapshot(), before)
        # Once the lock is free, writing works again.
        self.assertEqual(self.log("Acme"), 2)

    def test_a_lock_released_soon_is_waited_for(self):
        fd = self.hold_lock()
        try:
            start = time.monotonic()
            proc = subprocess.Popen(self.argv(["log", "Acme", "--porcelain"]), env=self.make_env(),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            # While the lock is held, reading still works.
            self.assertEqual(self.list_json(), [])
            time.sleep(1.5)
            self.assertIsNone(proc.poll(), "the writer waits for the lock")
        finally:
            os.close(fd)
        out, err = proc.communicate(timeout=30)
        elapsed = time.monotonic() - start
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(out, b"1\n")
        self.assertLess(elapsed, 8)
        self.assertEqual([e["company"] for e in self.list_json()], ["Acme"])


class WhereDataLives(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.flag_home = os.path.join(self.tmp, "flag-home")
        self.env_home = os.path.join(self.tmp, "env-home")
        self.xdg_data = os.path.join(self.tmp, "xdg-data")
        self.xdg_config = os.path.join(self.tmp, "xdg-config")
        self.xdg = {"XDG_DATA_HOME": self.xdg_data, "XDG_CONFIG_HOME": self.xdg_config}

    def run_both(self, home, env):
        self.assertExit(self.bb("log", "Acme", home=home, env=env), 0)
        self.assertExit(self.bb("init", "--name", "Sam", "--email", "s@example.com", home=home,
                                env=env), 0)

    def assertNothingAt(self, *paths):
        for path in paths:
            self.assertFalse(os.path.exists(path), "%s should not exist" % path)

    def test_home_flag_beats_environment(self):
        self.run_both(self.flag_home, dict(self.xdg, BOUNCEBACK_HOME=self.env_home))
        self.assertTrue(os.path.exists(os.path.join(self.flag_home, "rejections", "2026-11.toml")))
        self.assertTrue(os.path.exists(os.path.join(self.flag_home, "config.toml")))
        self.assertNothingAt(self.env_home, self.xdg_data, self.xdg_config,
                             os.path.join(self.user_home, ".local"), os.path.join(self.user_home, ".config"))

    def test_home_flag_after_the_subcommand(self):
        self.assertExit(self.bb("log", "Acme", "--home", self.flag_home, home=False), 0)
        self.assertTrue(os.path.exists(os.path.join(self.flag_home, "rejections", "2026-11.toml")))

    def test_bounceback_home_beats_xdg(self):
        self.run_both(False, dict(self.xdg, BOUNCEBACK_HOME=self.env_home))
        self.assertTrue(os.path.exists(os.path.join(self.env_home, "rejections", "2026-11.toml")))
        self.assertTrue(os.path.exists(os.path.join(self.env_home, "config.toml")))
        self.assertNothingAt(self.xdg_data, self.xdg_config, os.path.join(self.user_home, ".local"))

    def test_xdg_folders(self):
        self.run_both(False, self.xdg)
        self.assertTrue(os.path.exists(os.path.join(self.xdg_data, "bounceback", "rejections",
                                                    "2026-11.toml")))
        self.assertTrue(os.path.exists(os.path.join(self.xdg_config, "bounceback", "config.toml")))
        self.assertNothingAt(os.path.join(self.xdg_data, "bounceback", "config.toml"),
                             os.path.join(self.xdg_config, "bounceback", "rejections"),
                             os.path.join(self.user_home, ".local"), os.path.join(self.user_home, ".config"))

    def test_xdg_defaults_under_home(self):
        self.run_both(False, {})
        self.assertTrue(os.path.exists(os.path.join(self.user_home, ".local", "share", "bounceback",
                                                    "rejections", "2026-11.toml")))
        self.assertTrue(os.path.exists(os.path.join(self.user_home, ".config", "bounceback",
                                                    "config.toml")))

    def test_relative_xdg_values_are_ignored(self):
        cwd = os.path.join(self.tmp, "cwd")
        os.mkdir(cwd)
        env = {"XDG_DATA_HOME": "rel-data", "XDG_CONFIG_HOME": "rel-config"}
        self.assertExit(self.bb("log", "Acme", home=False, env=env, cwd=cwd), 0)
        self.assertExit(self.bb("init", "--name", "Sam", home=False, env=env, cwd=cwd), 0)
        self.assertEqual(os.listdir(cwd), [], "nothing relative to the working folder")
        self.assertTrue(os.path.exists(os.path.join(self.user_home, ".local", "share", "bounceback",
                                                    "rejections", "2026-11.toml")))
        self.assertTrue(os.path.exists(os.path.join(self.user_home, ".config", "bounceback",
                                                    "config.toml")))

    def test_all_commands_read_from_the_same_place(self):
        env = dict(self.xdg)
        self.assertExit(self.bb("log", "Acme", home=False, env=env), 0)
        self.assertEqual(len(self.list_json(home=False, env=env)), 1)
        self.assertEqual(self.list_json(home=False, env={"BOUNCEBACK_HOME": self.env_home}), [])


if __name__ == "__main__":
    unittest.main()
