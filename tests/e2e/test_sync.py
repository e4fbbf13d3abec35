"""End-to-end: `bounceback sync` between homes through a bare repository (issue 21).

Two homes (A, B) and a bare repository on the local filesystem: what one machine logs reaches the
other; offline changes on both merge record by record; numbers both handed out are settled the same
way everywhere; deletions stick; a remote that sends something hostile changes nothing local; a
sync killed at any moment is finished or undone by the next one.
"""

import json
import os
import pathlib
import random
import re
import signal
import subprocess
import sys
import time
import unittest

import synctest
from synctest import DATA_FILE, UID

CONFLICT = """version = 1

[[rejection]]
id = 1
company = "Acme"
date = 2026-11-20
<<<<<<< ours
role = "Engineer"
=======
role = "Staff engineer"
>>>>>>> theirs
"""


NOTHING = r"(?i)\bnothing to send or receive\b"


class TwoHomes(synctest.SyncCase):
    """A with two rejections, a win and a reflection, sent to the remote; B made from it; A has
    what B's first sync sent (both are where the remote is)."""

    def setUp(self):
        super().setUp()
        self.a = self.home_of("a")
        self.b = self.home_of("b")
        self.log("Acme", "--role", "Engineer", "--stage", "onsite", "--date", "2026-11-20", home=self.a)
        self.log("Globex", "--date", "2026-10-02", "--note", "two\nlines", home=self.a)
        self.ok("log", "win", "Finished the take-home", "--date", "2026-11-18", home=self.a)
        self.ok("reflect", "1", "--improve", "Slow down", "--mood", "3", home=self.a)
        self.synced(self.a, "--init", self.bare)
        self.synced(self.b, "--init", self.bare)
        self.synced(self.a)


class FirstSync(TwoHomes):
    def test_init_on_an_empty_home_gets_everything(self):
        self.assertSameData(self.a, self.b)
        names = set(self.data_files(self.b))
        self.assertTrue({"rejections/2026-11.toml", "rejections/2026-10.toml", "wins/2026-11.toml",
                         "reflections/2026-11.toml", ".gitignore", ".gitattributes"} <= names, names)
        self.assertEqual(sorted(r["company"] for r in self.rejections(self.b)), ["Acme", "Globex"])
        for record in self.rejections(self.b) + self.wins(self.b) + self.reflections(self.b):
            self.assertRegex(record["uid"], UID)
        self.assertEqual(self.by_uid(self.rejections(self.a)), self.by_uid(self.rejections(self.b)))
        # The next numbers follow what came in (store.toml is derived, not sent).
        self.assertEqual(self.log("Initech", home=self.b), 3)
        self.assertDoctorOk(self.b)

    def test_init_again_is_harmless(self):
        head = self.head(self.a)
        before = self.data_files(self.a)
        self.synced(self.a, "--init", self.bare)
        self.assertEqual(self.head(self.a), head)
        self.assertEqual(self.data_files(self.a), before)
        self.assertEqual(self.git("-C", self.a, "remote", "get-url", "origin").strip(), self.bare)
        self.assertRegex(self.synced(self.a), NOTHING)

    def test_modes_after_init(self):
        folders, files = 0, 0
        for dirpath, dirnames, names in os.walk(self.b):
            if ".git" in dirnames:
                dirnames.remove(".git")
            self.assertEqual(self.mode(dirpath), 0o700, dirpath)
            folders += 1
            for name in names:
                path = os.path.join(dirpath, name)
                self.assertFalse(os.path.islink(path), path)
                self.assertEqual(self.mode(path), 0o600, path)
                files += 1
        self.assertGreaterEqual(folders, 4)
        self.assertGreaterEqual(files, 5)
        self.assertEqual(self.mode(os.path.join(self.b, ".git")), 0o700)

    def test_git_files_and_what_is_not_tracked(self):
        self.ok("log", "list", home=self.a)
        self.ok("stats", home=self.a)
        self.assertTrue(os.path.exists(os.path.join(self.a, "store.toml")))
        tracked = self.tracked(self.a)
        self.assertTrue({".gitignore", ".gitattributes", "rejections/2026-11.toml"} <= tracked, tracked)
        for name in tracked:
            self.assertTrue(DATA_FILE.match(name) or name in (".gitignore", ".gitattributes"),
                            "%s is tracked" % name)
        for name in (".lock", "store.toml"):
            self.assertNotIn(name, tracked)
        self.assertFalse(any(n.startswith("cache/") for n in tracked), tracked)
        attributes = pathlib.Path(self.a, ".gitattributes").read_text()
        for pattern in ("rejections/*.toml", "wins/*.toml", "reflections/*.toml", "checkins/*.toml",
                        "deleted.toml"):
            self.assertRegex(attributes, r"(?m)^%s\s+merge=bounceback\s*$" % re.escape(pattern))
        for name in (".lock", "store.toml", "cache/rejections-2026-11.bin", "rejections/.2026-11.toml.tmp-1",
                     ".edit-1.toml", "move.toml", "config.toml", "templates/mine.mustache"):
            self.assertEqual(self.git("-C", self.a, "check-ignore", "-q", "--no-index", name,
                                      check=False, status=True), 0, "%s is ignored" % name)
        driver = self.git("-C", self.a, "config", "--local", "merge.bounceback.driver").strip()
        self.assertIn("__merge-driver", driver)
        self.assertEqual(self.git("-C", self.b, "config", "--local", "merge.bounceback.driver").strip(),
                         driver)
        self.assertEqual(self.git("-C", self.a, "symbolic-ref", "--short", "HEAD").strip(), "main")
        # Nothing is left to commit after a sync.
        self.assertEqual(self.git("-C", self.a, "status", "--porcelain").strip(), "")


class OfflineChanges(TwoHomes):
    def test_both_log_offline_and_converge(self):
        self.ok("log", "win", "A good chat", home=self.a)
        self.log("Hooli", "--date", "2026-09-09", home=self.a)
        self.ok("log", "win", "Sent three applications", home=self.b)
        self.ok("routine", "done", "exercise", home=self.b)
        self.converge(self.a, self.b, self.a)
        self.assertSameData(self.a, self.b)
        for home in (self.a, self.b):
            self.assertEqual(sorted(r["company"] for r in self.rejections(home)),
                             ["Acme", "Globex", "Hooli"])
            self.assertEqual(sorted(w["text"] for w in self.wins(home)),
                             ["A good chat", "Finished the take-home", "Sent three applications"])
            self.assertNumbersUnique(home)
            self.assertDoctorOk(home)
        self.assertRegex(self.synced(self.b), NOTHING)

    def test_the_same_number_on_both_is_settled(self):
        first = self.log("Initech", "--date", "2026-11-21", home=self.a)
        second = self.log("Umbrella", "--date", "2026-11-22", home=self.b)
        self.assertEqual((first, second), (3, 3))
        uid_a, uid_b = self.uid_of(self.a, 3), self.uid_of(self.b, 3)
        out_a = self.synced(self.a)
        self.assertNotIn("is now", out_a)
        r = self.sync(self.b, "--json")
        self.assertExit(r, 0)
        report = json.loads(r.out)
        out_a2 = self.synced(self.a)
        # UUIDv7 grows with time: A's record is older, keeps 3; B's gets the next free number.
        self.assertLess(uid_a, uid_b)
        self.assertEqual(report["renumbered"], [{"kind": "rejection", "from": 3, "to": 4, "uid": uid_b,
                                                 "label": report["renumbered"][0]["label"]}])
        self.assertIn("Umbrella", report["renumbered"][0]["label"])
        self.assertEqual(len(report["received"]), 1, report)
        self.assertEqual(len(report["sent"]), 1, report)
        self.assertNotIn("is now", out_a2, "A's own record kept its number")
        for home in (self.a, self.b):
            listed = {r["id"]: r for r in self.rejections(home)}
            self.assertEqual((listed[3]["company"], listed[3]["uid"]), ("Initech", uid_a))
            self.assertEqual((listed[4]["company"], listed[4]["uid"]), ("Umbrella", uid_b))
            self.assertNumbersUnique(home)
            self.assertDoctorOk(home)
        self.assertSameData(self.a, self.b)
        self.assertEqual(self.log("Next", home=self.a), 5)
        self.assertEqual(self.log("Other", home=self.b), 5)

    def test_renumbering_is_said_in_words(self):
        self.log("Initech", home=self.a)
        self.log("Umbrella", home=self.b)
        self.synced(self.a)
        out = self.synced(self.b)
        said = [line for line in out.split("\n") if "is now" in line]
        self.assertEqual(len(said), 1, out)
        self.assertRegex(said[0], r"\brejection 3\b.* is now\b.*\b4\b")
        self.assertIn("Umbrella", said[0])
        self.assertIn("another machine", said[0])

    def test_different_fields_are_combined(self):
        self.ok("log", "edit", "1", "--role", "Staff engineer", home=self.a)
        self.ok("log", "edit", "1", "--stage", "final", "--note", "From B", home=self.b)
        self.converge(self.a, self.b, self.a)
        for home in (self.a, self.b):
            shown = self.json_of(home, "log", "show", "1", "--json")
            self.assertEqual((shown["role"], shown["stage"], shown["note"]),
                             ("Staff engineer", "final", "From B"), home)
        self.assertSameData(self.a, self.b)

    def test_the_same_field_later_change_wins_and_is_reported(self):
        self.ok("log", "edit", "1", "--role", "Lead engineer", home=self.a)
        self.synced(self.a)
        time.sleep(1.1)  # git's commit times are in seconds: B's change is the later one
        self.ok("log", "edit", "1", "--role", "Staff engineer", home=self.b)
        r = self.sync(self.b, "--json")
        self.assertExit(r, 0)
        reports = json.loads(r.out)["notes"]
        self.synced(self.a)
        for home in (self.a, self.b):
            self.assertEqual(self.json_of(home, "log", "show", "1", "--json")["role"], "Staff engineer")
        said = [line for line in reports if "role" in line]
        self.assertEqual(len(said), 1, reports)
        self.assertIn('"Staff engineer"', said[0])
        self.assertIn('replacing "Lead engineer"', said[0])
        self.assertIn("Acme", said[0])
        self.assertSameData(self.a, self.b)

    def test_rm_on_one_machine_is_rm_everywhere_and_stays(self):
        uid = self.uid_of(self.a, 2)
        old_copy = pathlib.Path(self.tmp, "before.json")
        self.ok("export", "--output", old_copy, home=self.b)
        self.ok("log", "rm", "2", "--yes", home=self.a)
        self.ok("log", "win", "Unrelated", home=self.b)  # B changes something else meanwhile
        self.converge(self.a, self.b, self.a)
        for home in (self.a, self.b):
            self.assertNotIn(uid, self.by_uid(self.rejections(home)))
            self.assertExit(self.bb("log", "show", "2", home=home), 66)
            deleted = self.read_toml_at(home, "deleted.toml")["deleted"]
            self.assertIn(("rejection", uid, 2), [(d["kind"], d["uid"], d["id"]) for d in deleted])
        self.assertSameData(self.a, self.b)
        # An old copy that still holds it (an export from before) does not bring it back.
        self.ok("import", old_copy, home=self.b)
        self.converge(self.b, self.a, self.b)
        for home in (self.a, self.b):
            self.assertNotIn(uid, self.by_uid(self.rejections(home)))
        # Numbers are never reused.
        self.assertEqual(self.log("Hooli", home=self.b), 3)

    def test_rm_on_one_and_edit_on_the_other_keeps_it_and_says_so(self):
        uid = self.uid_of(self.a, 2)
        self.ok("log", "rm", "2", "--yes", home=self.a)
        self.ok("log", "edit", "2", "--role", "Analyst", home=self.b)
        self.synced(self.a)
        notes = self.sync_json(self.b)["notes"] + self.sync_json(self.a)["notes"]
        for home in (self.a, self.b):
            kept = self.by_uid(self.rejections(home)).get(uid)
            self.assertIsNotNone(kept, "the edited record is kept in %s" % home)
            self.assertEqual((kept["company"], kept.get("role")), ("Globex", "Analyst"))
            path = pathlib.Path(home, "deleted.toml")
            if path.exists():
                self.assertNotIn(uid, [d["uid"] for d in self.read_toml_at(home, "deleted.toml")
                                       .get("deleted", [])], "its tombstone is dropped")
        said = [note for note in notes if re.search(r"Globex|rejection 2\b", note)]
        self.assertEqual(len(said), 1, "the sync says the removed record was kept: %s" % notes)
        self.assertSameData(self.a, self.b)

    def test_the_same_key_on_both_is_one_entry(self):
        self.log("Initech", "--key", "<m1@initech.example>", "--role", "Dev", home=self.a)
        self.log("Initech", "--key", "<m1@initech.example>", "--stage", "screen", home=self.b)
        self.converge(self.a, self.b, self.a)
        self.assertSameData(self.a, self.b)
        for home in (self.a, self.b):
            keyed = [r for r in self.rejections(home) if r.get("key") == "<m1@initech.example>"]
            self.assertEqual(len(keyed), 1, keyed)
            self.assertEqual((keyed[0]["role"], keyed[0]["stage"]), ("Dev", "screen"))
            self.assertNumbersUnique(home)
            self.assertDoctorOk(home)
            # The key still makes `log` idempotent: the one entry's number comes back.
            self.assertEqual(self.log("Initech", "--key", "<m1@initech.example>", home=home),
                             keyed[0]["id"])

    def test_routine_check_ins_merge_per_habit_and_day(self):
        self.ok("routine", "done", "exercise", "--date", "2026-11-24", "--minutes", "20", home=self.a)
        self.ok("routine", "done", "exercise", "--date", "2026-11-24", "--minutes", "20", home=self.b)
        self.ok("routine", "done", "exercise", "--date", "2026-11-23", home=self.a)
        self.ok("routine", "skip", "hobby", "--date", "2026-11-22", home=self.b)
        self.ok("routine", "done", "connect", "--date", "2026-10-30", home=self.b)
        self.converge(self.a, self.b, self.a)
        for home in (self.a, self.b):
            got = sorted((c["habit"], str(c["date"]), c["status"])
                         for month in ("2026-10", "2026-11")
                         for c in self.read_toml_at(home, "checkins", month + ".toml")["checkin"])
            self.assertEqual(got, [("connect", "2026-10-30", "done"), ("exercise", "2026-11-23", "done"),
                                   ("exercise", "2026-11-24", "done"), ("hobby", "2026-11-22", "skip")])
        self.assertSameData(self.a, self.b)

    def test_a_reflection_follows_its_renumbered_rejection(self):
        self.log("Initech", home=self.a)
        self.log("Umbrella", home=self.b)
        reflection = int(self.ok("reflect", "3", "--improve", "Ask about the team", "--porcelain",
                                 home=self.b))
        umbrella = self.uid_of(self.b, 3)
        self.assertEqual(self.json_of(self.b, "reflect", "show", reflection, "--json")["rejection_uid"],
                         umbrella)
        self.converge(self.a, self.b, self.a)
        for home in (self.a, self.b):
            number = self.by_uid(self.rejections(home))[umbrella]["id"]
            self.assertEqual(number, 4)
            shown = self.json_of(home, "reflect", "show", reflection, "--json")
            self.assertEqual((shown["rejection"], shown["rejection_uid"]), (4, umbrella), home)
        self.assertSameData(self.a, self.b)

    def test_an_edit_that_moves_a_record_to_another_month_meets_an_edit_in_the_old_month(self):
        uid = self.uid_of(self.a, 1)
        self.ok("log", "edit", "1", "--date", "2026-10-15", home=self.a)
        self.ok("log", "edit", "1", "--note", "From B", home=self.b)
        self.converge(self.a, self.b, self.a)
        for home in (self.a, self.b):
            found = [r for r in self.rejections(home) if r["uid"] == uid]
            self.assertEqual(len(found), 1, found)
            self.assertEqual((found[0]["date"], found[0].get("note")), ("2026-10-15", "From B"))
            self.assertIn(uid, pathlib.Path(home, "rejections", "2026-10.toml").read_text())
            november = pathlib.Path(home, "rejections", "2026-11.toml")
            self.assertFalse(november.exists() and uid in november.read_text(), "kept in its old month")
        self.assertSameData(self.a, self.b)

    def read_toml_at(self, home, *parts):
        import tomllib  # noqa: PLC0415
        with open(os.path.join(home, *parts), "rb") as f:
            return tomllib.load(f)


class StatusAndOutput(TwoHomes):
    def test_status_before_and_after(self):
        status = self.json_of(self.a, "sync", "--status", "--json")
        self.assertEqual(set(status), {"remote", "unsent", "ahead", "behind"})
        self.assertEqual((status["remote"], status["unsent"], status["ahead"], status["behind"]),
                         (self.bare, [], 0, 0))
        self.log("Initech", home=self.a)
        status = self.json_of(self.a, "sync", "--status", "--json")
        self.assertEqual(len(status["unsent"]), 1, status)
        self.assertIn("Initech", status["unsent"][0])
        words = self.ok("sync", "--status", home=self.a)
        self.assertIn("Initech", words)
        self.synced(self.a)
        status = self.json_of(self.a, "sync", "--status", "--json")
        self.assertEqual((status["unsent"], status["ahead"], status["behind"]), ([], 0, 0))
        # B has not synced: one commit to receive, nothing to send.
        before = self.data_files(self.b)
        status = self.json_of(self.b, "sync", "--status", "--json")
        self.assertEqual((status["unsent"], status["ahead"], status["behind"]), ([], 0, 1))
        self.assertEqual(self.data_files(self.b), before, "--status receives nothing")
        self.synced(self.b)
        status = self.json_of(self.b, "sync", "--status", "--json")
        self.assertEqual((status["ahead"], status["behind"]), (0, 0))

    def test_json_has_the_spec_keys(self):
        self.log("Initech", home=self.a)
        self.ok("log", "win", "Two chats", home=self.a)
        sent = self.sync_json(self.a)
        self.assertEqual(set(sent), {"remote", "sent", "received", "renumbered", "notes"})
        self.assertEqual((len(sent["sent"]), sent["received"], sent["renumbered"], sent["remote"]),
                         (2, [], [], self.bare))
        self.assertTrue(any("Initech" in line for line in sent["sent"]), sent)
        self.assertIsInstance(sent["notes"], list)
        got = self.sync_json(self.b)
        self.assertEqual((got["sent"], len(got["received"])), ([], 2))
        self.assertTrue(any("Initech" in line for line in got["received"]), got)
        nothing = self.sync_json(self.b)
        self.assertEqual((nothing["sent"], nothing["received"], nothing["renumbered"], nothing["notes"]),
                         ([], [], [], []))

    def test_words_say_what_was_sent_and_received(self):
        self.log("Initech", home=self.a)
        self.ok("log", "win", "Two chats", home=self.a)
        self.assertIn("Sent 2 changes", self.synced(self.a))
        self.assertIn("Received 2 changes", self.synced(self.b))
        message = self.git("-C", self.a, "log", "-1", "--format=%B")
        self.assertTrue(message.startswith("bounceback: 2 changes\n"), message)
        self.assertIn("Initech", message)


class NoRemote(synctest.SyncCase):
    def test_not_initialised(self):
        self.log("Acme")
        before = self.snapshot()
        for args in ((), ("--status",), ("--json",)):
            r = self.bb("sync", *args)
            self.assertExit(r, 64)
            self.assertIn("sync --init", r.err)
            self.assertEqual(self.snapshot(), before)
        self.assertFalse(self.path(".git").exists())

    def test_without_git(self):
        self.log("Acme")
        empty = os.path.join(self.tmp, "no-git-here")
        os.mkdir(empty)
        before = self.snapshot()
        for args in (("sync", "--init"), ("sync",), ("sync", "--status")):
            r = self.bb(*args, env={"PATH": empty})
            self.assertExit(r, 1, " ".join(args))
            self.assertIn("apt install git", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(len(self.list_json(env={"PATH": empty})), 1, "other commands need no git")

    def test_sync_without_a_remote_only_commits(self):
        self.log("Acme")
        self.synced(self.home, "--init")
        self.assertIn("rejections/2026-11.toml", self.tracked(self.home))
        self.log("Globex")
        data = self.sync_json(self.home)
        self.assertNotIn("remote", data)
        self.assertEqual(data["received"], [])
        self.assertEqual(len(data["sent"]), 1, data)
        self.assertEqual(self.git("-C", self.home, "status", "--porcelain").strip(), "")
        self.assertIn("Globex", self.git("-C", self.home, "log", "-1", "--format=%B"))
        self.assertEqual(self.git("-C", self.home, "remote").strip(), "")

    def test_an_unreachable_remote_is_exit_74(self):
        self.log("Acme")
        self.synced(self.home, "--init")
        self.git("-C", self.home, "remote", "add", "origin", os.path.join(self.tmp, "nowhere.git"))
        self.assertExit(self.bb("sync"), 74)

    def test_conflict_markers_are_refused_with_file_and_line(self):
        self.log("Acme")
        self.write_file(self.path("rejections", "2026-11.toml"), CONFLICT)
        for args in (("log", "list"), ("log", "show", "1"), ("stats",), ("log", "Globex")):
            r = self.bb(*args)
            self.assertExit(r, 65, " ".join(args))
            self.assertRegex(r.err, r"2026-11\.toml:7: unresolved merge conflict: run bounceback sync, "
                                    r"or resolve it")
        self.assertEqual(self.path("rejections", "2026-11.toml").read_text(), CONFLICT)


class PlainGitPull(TwoHomes):
    def test_a_plain_git_pull_uses_the_driver(self):
        self.log("Initech", "--date", "2026-11-21", home=self.a)
        self.ok("log", "edit", "1", "--role", "Lead", home=self.a)
        self.synced(self.a)
        self.log("Umbrella", "--date", "2026-11-22", home=self.b)
        self.ok("log", "edit", "1", "--stage", "final", home=self.b)
        self.git("-C", self.b, "add", "-A")
        self.git("-C", self.b, "commit", "-q", "-m", "by hand")
        self.git("-C", self.b, "pull", "--no-rebase", "--no-edit", "origin", "main")
        for path, data in self.data_files(self.b).items():
            self.assertNotIn(b"<<<<<<<", data, path)
            self.assertNotIn(b">>>>>>>", data, path)
        companies = sorted(r["company"] for r in self.rejections(self.b))
        self.assertEqual(companies, ["Acme", "Globex", "Initech", "Umbrella"])
        shown = self.json_of(self.b, "log", "show", "1", "--json")
        self.assertEqual((shown["role"], shown["stage"]), ("Lead", "final"))
        # Both hold number 3 now; the next sync settles it, on both machines.
        self.converge(self.b, self.a)
        for home in (self.a, self.b):
            self.assertNumbersUnique(home)
            self.assertDoctorOk(home)
        self.assertSameData(self.a, self.b)


class UntrustedRemote(TwoHomes):
    """What the remote sends is checked before anything local changes."""

    def setUp(self):
        super().setUp()
        self.secret = pathlib.Path(self.tmp, "secret.txt")
        self.token = b"TOP-SECRET-%d" % random.Random().randrange(10**12)
        self.secret.write_bytes(self.token + b"\n")
        self.marker = pathlib.Path(self.tmp, "PWNED")
        self.evil = "#!/bin/sh\ntouch %s\n" % self.marker
        self.good = self.git("--git-dir", self.bare, "rev-parse", "main").strip()

    def assertRefused(self, flat, named):
        head = self.head(self.b)
        before = self.working_files(self.b)
        self.push_crafted(flat)
        r = self.sync(self.b)
        self.assertExit(r, 65)
        self.assertIn(named, r.out + r.err)
        self.assertEqual(self.head(self.b), head)
        self.assertEqual(self.working_files(self.b), before)
        self.assertEqual(self.contains_bytes(self.b, self.token), [], "the secret was read in")
        self.assertFalse(self.marker.exists(), "a command from the remote ran")
        # Once the remote is sane again, sync works and sends what B did meanwhile.
        self.git("--git-dir", self.bare, "update-ref", "refs/heads/main", self.good)
        self.ok("log", "win", "Still here", home=self.b)
        self.synced(self.b)
        self.synced(self.a)
        self.assertSameData(self.a, self.b)
        self.good = self.git("--git-dir", self.bare, "rev-parse", "main").strip()

    def test_a_data_file_replaced_by_a_symlink(self):
        tree = self.remote_tree()
        tree["rejections/2026-11.toml"] = ("120000", self.blob(str(self.secret)))
        self.assertRefused(tree, "rejections/2026-11.toml")

    def test_a_new_month_that_is_a_symlink(self):
        tree = self.remote_tree()
        tree["rejections/2026-08.toml"] = ("120000", self.blob(str(self.secret)))
        self.assertRefused(tree, "rejections/2026-08.toml")

    def test_paths_outside_the_allowed_set(self):
        for path in ("evil.sh", "rejections/../x", "rejections/2026-11.toml.bak", "notes/2026-11.toml",
                     "rejections/sub/2026-11.toml", ".git/hooks/post-merge", ".githooks/post-merge",
                     "..", "rejections/2026-1.toml", "store.toml", ".lock", "cache/rejections.bin",
                     "config.toml", "settings/run.sh", "settings/templates/x.sh",
                     "settings/templates/a b.mustache", "settings/templates/../../evil.sh"):
            with self.subTest(path=path):
                tree = self.remote_tree()
                tree[path] = ("100644", self.blob(self.evil))
                self.assertRefused(tree, path)

    def test_another_merge_driver_in_gitattributes(self):
        tree = self.remote_tree()
        text = "rejections/*.toml merge=evil\n* filter=evil diff=evil\n"
        tree[".gitattributes"] = ("100644", self.blob(text))
        self.assertRefused(tree, ".gitattributes")

    def test_a_changed_gitignore(self):
        tree = self.remote_tree()
        tree[".gitignore"] = ("100644", self.blob("*\n"))
        self.assertRefused(tree, ".gitignore")

    def test_an_executable_file(self):
        tree = self.remote_tree()
        mode, sha = tree["rejections/2026-11.toml"]
        tree["rejections/2026-11.toml"] = ("100755", sha)
        self.assertRefused(tree, "rejections/2026-11.toml")

    def test_a_submodule(self):
        tree = self.remote_tree()
        tree["rejections/2026-07.toml"] = ("160000", self.good)
        self.assertRefused(tree, "rejections/2026-07.toml")

    def test_a_month_that_does_not_parse(self):
        tree = self.remote_tree()
        tree["rejections/2026-11.toml"] = ("100644", self.blob('version = 1\n[[rejection]]\nid = "'))
        self.assertRefused(tree, "rejections/2026-11.toml")

    def test_settings_that_do_not_read_as_a_config(self):
        tree = self.remote_tree()
        tree["settings/config.toml"] = ("100644", self.blob("[routine.habits.x]\nper_week = \"lots\"\n"))
        self.assertRefused(tree, "settings/config.toml")

    def test_a_month_over_16_mib(self):
        tree = self.remote_tree()
        current = self.git("--git-dir", self.bare, "cat-file", "blob", tree["rejections/2026-11.toml"][1])
        padded = current + "# " + "x" * (16 * 1024 * 1024) + "\n"  # valid TOML, only too big
        tree["rejections/2026-11.toml"] = ("100644", self.blob(padded))
        self.assertRefused(tree, "rejections/2026-11.toml")


class Killed(synctest.SyncCase):
    """kill -9 at random moments of a sync; the next syncs finish or undo it and converge."""

    TRIALS = 12

    def bulk(self, home, tag, count, rng):
        """`count` rejections and wins made in one `import`, plus a few single commands."""
        rejections = [{"id": i + 1, "company": "%s Co %d" % (tag, i), "stage": rng.choice(
            ["screen", "technical", "onsite"]), "date": "2026-%02d-%02d" % (rng.randint(9, 11),
                                                                            rng.randint(1, 25))}
                      for i in range(count)]
        wins = [{"id": i + 1, "text": "%s win %d" % (tag, i), "date": "2026-11-%02d" % rng.randint(1, 25)}
                for i in range(count // 4)]
        source = pathlib.Path(self.tmp, "bulk-%s.json" % tag)
        source.write_text(json.dumps({"schema": 1, "rejection": rejections, "win": wins}))
        self.ok("import", source, home=home)
        self.companies[home] |= {r["company"] for r in rejections}

    def test_sigkill_at_random_moments_converges(self):
        seed = int(os.environ.get("BOUNCEBACK_SYNC_SEED", random.randrange(10**9)))
        rng = random.Random(seed)
        homes = [self.home_of("a"), self.home_of("b")]
        self.companies = {home: set() for home in homes}
        self.bulk(homes[0], "a0", 200, rng)
        self.synced(homes[0], "--init", self.bare)
        self.bulk(homes[1], "b0", 200, rng)
        started = time.monotonic()
        self.synced(homes[1], "--init", self.bare)
        took = time.monotonic() - started
        killed = 0
        try:
            for trial in range(1, self.TRIALS + 1):
                for home in homes:
                    self.bulk(home, "%s%d" % (home[-1], trial), rng.randint(50, 200), rng)
                    if rng.random() < 0.5:
                        listed = self.rejections(home)
                        victim = rng.choice(listed)
                        self.ok("log", "edit", victim["id"], "--role", "Role %d" % trial, home=home)
                home = rng.choice(homes)
                proc = subprocess.Popen(self.argv(["sync"], home), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=self.make_env(), cwd=self.tmp, start_new_session=True)
                time.sleep(rng.uniform(0, took * 1.2))
                whole_group = rng.random() < 0.5
                if proc.poll() is None:
                    killed += 1
                    if whole_group:  # bounceback and the git it runs die together, as in a crash
                        os.killpg(proc.pid, signal.SIGKILL)
                    else:  # only bounceback: its git runs on to the end
                        proc.send_signal(signal.SIGKILL)
                proc.wait()
                self.wait_for_group(proc.pid)
                # A remote on a server is not killed with the client: its half-written ref lock,
                # left only because the test kills the local receive-pack too, is the server's own
                # business, not bounceback's; clear it as a server's git would on its next start.
                for lock in pathlib.Path(self.bare).rglob("*.lock"):
                    lock.unlink()
                if rng.random() < 0.5:  # sometimes another machine syncs before the killed one again
                    self.synced(rng.choice(homes))
            self.converge(homes[0], homes[1], homes[0], homes[1])
            self.assertSameData(*homes)
            for home in homes:
                listed = self.rejections(home)
                self.assertEqual({r["company"] for r in listed}, set().union(*self.companies.values()),
                                 "no record lost or added in %s" % home)
                self.assertEqual(len(listed), len({r["company"] for r in listed}))
                self.assertNumbersUnique(home)
                self.assertDoctorOk(home)
                self.assertEqual(self.git("-C", home, "status", "--porcelain").strip(), "")
            self.assertGreaterEqual(killed, 1, "no sync was still running when its kill came")
        except BaseException:
            sys.stderr.write("\n[test_sync] Killed: seed %d (replay: BOUNCEBACK_SYNC_SEED=%d)\n" % (seed, seed))
            raise

    def wait_for_group(self, pgid):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)
        self.fail("the processes of a killed sync did not end")


if __name__ == "__main__":
    unittest.main()
