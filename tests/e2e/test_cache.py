"""End-to-end: the partition cache (bounceback(5), "CACHE") never changes what commands print.

Every test edits the TOML behind bounceback's back (in place with the same size and mtime, by
rename, by hand in the same second) or damages the cache, then checks that `stats`, `log list`
and `log show` print exactly what the TOML says, as they do with no cache at all.
"""

import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import time
import unittest

from bbtest import BounceTestCase

REPO = pathlib.Path(__file__).resolve().parents[2]


class Cache(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.month = pathlib.Path(self.home, "rejections", "2026-11.toml")

    def settle(self):
        """Lets the clock move past the files' timestamps, so the next read may cache them."""
        time.sleep(0.05)

    def cache_files(self):
        return sorted(str(p.relative_to(self.home)) for p in pathlib.Path(self.home, "cache").rglob("*.cache"))

    def companies(self):
        return [e["company"] for e in self.list_json()]

    def test_generated_home_reads_the_same_with_and_without_cache(self):
        subprocess.run([sys.executable, str(REPO / "bench" / "make_stats_home.py"), self.home, "600"],
                       check=True)
        self.settle()
        commands = [("stats", "--all", "--json"), ("stats", "--json"), ("log", "list", "--json"),
                    ("reflect", "list"), ("log", "show", "300", "--json"), ("routine", "week")]
        without = {args: self.ok(*args) for args in commands}  # builds the cache
        self.assertIn("cache/rejections/2026-11.cache", self.cache_files())
        self.assertIn("cache/checkins/2026-11.cache", self.cache_files())
        with_cache = {args: self.ok(*args) for args in commands}
        self.assertEqual(with_cache, without)
        shutil.rmtree(os.path.join(self.home, "cache"))  # deleting the cache is always safe
        self.assertEqual({args: self.ok(*args) for args in commands}, without)
        self.assertEqual(json.loads(without[commands[0]])["total"]["rejections"]["total"], 600)
        doctor = self.bb("doctor")
        self.assertExit(doctor, 0)
        self.assertNotIn("cache", doctor.out + doctor.err)

    def test_cache_is_private(self):
        self.log("Acme", "--date", "2026-11-02")
        self.settle()
        self.ok("log", "list")
        cache = pathlib.Path(self.home, "cache")
        self.assertEqual(self.cache_files(), ["cache/rejections/2026-11.cache"])
        for path in [cache, cache / "rejections", cache / "rejections" / "2026-11.cache"]:
            self.assertEqual(self.mode(path), 0o700 if path.is_dir() else 0o600, path)

    def test_edit_in_place_same_size_same_mtime(self):
        self.log("Acme", "--date", "2026-11-02")
        self.settle()
        self.assertEqual(self.companies(), ["Acme"])
        before = self.month.stat()
        text = self.month.read_text().replace('"Acme"', '"Acmf"')
        with open(self.month, "r+") as f:  # same inode, same size
            f.write(text)
        os.utime(self.month, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = self.month.stat()
        self.assertEqual((after.st_size, after.st_mtime_ns, after.st_ino),
                         (before.st_size, before.st_mtime_ns, before.st_ino))
        self.assertEqual(self.companies(), ["Acmf"])
        self.assertEqual(json.loads(self.ok("log", "show", "1", "--json"))["company"], "Acmf")
        week = json.loads(self.ok("stats", "--week", "2026-11-02", "--json"))
        self.assertEqual(week["weeks"][-1]["rejections"]["total"], 1)

    def test_log_caches_the_month_it_wrote(self):
        # A writer's cache is checked against the month's text before it is trusted: reads right
        # after each log, and after a hand edit in the same second, print what the TOML says.
        for i, company in enumerate(["Acme", "Globex", "Initech"], start=1):
            self.log(company, "--date", f"2026-11-0{i}")
            self.assertEqual(self.cache_files(), ["cache/rejections/2026-11.cache"])
            self.assertEqual(self.companies()[-1], company)
        self.month.write_text(self.month.read_text().replace('"Globex"', '"Globey"'))
        self.assertEqual(self.companies(), ["Acme", "Globey", "Initech"])
        self.log("Hooli", "--date", "2026-11-04")
        with_cache = self.ok("log", "list", "--json")
        shutil.rmtree(pathlib.Path(self.home, "cache"))
        self.assertEqual(self.ok("log", "list", "--json"), with_cache)
        self.assertEqual(self.companies(), ["Acme", "Globey", "Initech", "Hooli"])

    def test_hand_edit_in_the_same_second(self):
        self.log("Acme", "--date", "2026-11-02")
        for name in ["Acmf", "Acmg", "Acmh"]:  # each right after the last read: no settling
            self.month.write_text(self.month.read_text().replace(self.companies()[0], name))
            self.assertEqual(self.companies(), [name])
            self.assertEqual(json.loads(self.ok("log", "show", "1", "--json"))["company"], name)

    def test_replaced_by_rename_with_same_size_and_mtime(self):
        self.log("Acme", "--date", "2026-11-02")
        self.settle()
        self.assertEqual(self.companies(), ["Acme"])
        before = self.month.stat()
        other = self.month.with_name(".edited")
        other.write_text(self.month.read_text().replace('"Acme"', '"Emca"'))
        os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.rename(other, self.month)
        self.assertEqual(self.companies(), ["Emca"])

    def test_record_moved_to_a_new_month_and_removed(self):
        self.log("Acme", "--date", "2026-11-02")
        self.log("Globex", "--date", "2026-10-02")
        self.settle()
        self.assertEqual(self.companies(), ["Globex", "Acme"])
        self.ok("log", "edit", "1", "--date", "2026-10-03")
        self.assertEqual(self.companies(), ["Globex", "Acme"])
        self.assertFalse(self.month.exists())
        self.ok("log", "rm", "2", "--yes")
        self.assertEqual(self.companies(), ["Acme"])
        self.assertExit(self.bb("log", "show", "2"), 66)

    def test_damaged_truncated_or_foreign_cache_is_ignored(self):
        self.log("Acme", "--date", "2026-11-02")
        self.settle()
        expected = self.ok("log", "list", "--json")
        cache = pathlib.Path(self.home, "cache", "rejections", "2026-11.cache")
        good = cache.read_bytes()
        for damaged in [good[: len(good) // 2], b"", good[:-1] + bytes([good[-1] ^ 1]),
                        good.replace(b"Acme", b"Evil"), b"version = 1\n", os.urandom(len(good))]:
            cache.write_bytes(damaged)
            self.assertEqual(self.ok("log", "list", "--json"), expected)
            rebuilt = cache.read_bytes()  # the same but for when it was made
            self.assertEqual(len(rebuilt), len(good))
            self.assertNotEqual(rebuilt, damaged)
            self.assertEqual(self.ok("log", "list", "--json"), expected)
        # The cache of another month, or another kind, is not this month's.
        self.log("Globex", "--date", "2026-10-02")
        self.settle()
        self.ok("log", "list")
        shutil.copy(pathlib.Path(self.home, "cache", "rejections", "2026-10.cache"), cache)
        self.assertEqual(self.companies(), ["Globex", "Acme"])

    def test_cache_that_cannot_be_written(self):
        self.log("Acme", "--date", "2026-11-02")
        self.settle()
        shutil.rmtree(pathlib.Path(self.home, "cache"))
        pathlib.Path(self.home, "cache").write_text("not a folder\n")  # writing is impossible
        self.assertEqual(self.companies(), ["Acme"])
        self.log("Globex", "--date", "2026-11-03")
        self.assertEqual(self.companies(), ["Acme", "Globex"])
        pathlib.Path(self.home, "cache").unlink()
        self.settle()
        self.assertEqual(self.companies(), ["Acme", "Globex"])
        folder = pathlib.Path(self.home, "cache", "rejections")
        if os.geteuid() != 0:  # root writes through modes
            os.chmod(folder, 0o500)
            self.addCleanup(os.chmod, folder, 0o700)
            self.month.write_text(self.month.read_text().replace('"Acme"', '"Acmf"'))
            self.assertEqual(self.companies(), ["Acmf", "Globex"])

    def test_xdg_cache_home(self):
        xdg = os.path.join(self.tmp, "xdg")
        env = {"XDG_DATA_HOME": os.path.join(xdg, "data"),
               "XDG_CONFIG_HOME": os.path.join(xdg, "config"),
               "XDG_CACHE_HOME": os.path.join(xdg, "cache")}
        self.assertExit(self.bb("log", "Acme", "--date", "2026-11-02", home=False, env=env), 0)
        self.settle()
        self.assertExit(self.bb("log", "list", home=False, env=env), 0)
        cache = pathlib.Path(xdg, "cache", "bounceback", "rejections", "2026-11.cache")
        self.assertTrue(cache.is_file())
        self.assertEqual(stat.S_IMODE(cache.parent.parent.stat().st_mode), 0o700)
        self.assertFalse(pathlib.Path(xdg, "data", "bounceback", "cache").exists())


if __name__ == "__main__":
    unittest.main()
