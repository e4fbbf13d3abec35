"""Shared helpers for the end-to-end tests of `bounceback sync` (test_sync.py, test_sync_property.py).

Each test has several homes (each its own --home, so its own data folder and git repository) and one
bare repository in the temp folder as their remote, all on the local filesystem. The test's own git
commands (making the bare repository, crafting what a hostile remote sends) run with a git identity
and no user or system config; bounceback's runs get bbtest's clean environment, whose $HOME has no
git config at all, as on a machine where the person never set git up.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import zlib

import bbtest

GIT = shutil.which("git")
if GIT is None:
    # Not a skip: a build that cannot run these tests must not look as if it passed them.
    sys.exit("the sync tests need git (bounceback sync runs it): apt install git")

# The files sync tracks: the month files of each kind, the tombstones, the settings (config.toml and
# the person's templates, copied into settings/), and bounceback's two git files.
DATA_FOLDERS = ("rejections", "wins", "reflections", "checkins", "settings")
DATA_FILE = re.compile(r"^(?:(?:rejections|wins|reflections|checkins)/\d{4}-\d{2}\.toml|deleted\.toml"
                       r"|settings/config\.toml|settings/templates/[A-Za-z0-9_-]+\.mustache)$")
UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class SyncCase(bbtest.BounceTestCase):
    """A BounceTestCase with homes named by letter and a bare repository as their remote."""

    def setUp(self):
        super().setUp()
        self.bare = os.path.join(self.tmp, "remote.git")
        self.git("init", "--quiet", "--bare", "--initial-branch=main", self.bare)

    def home_of(self, name):
        return os.path.join(self.tmp, "home-" + name)

    # ---- git, as the test runs it --------------------------------------------------------

    def git_env(self):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(self.tmp, "git-home"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "LC_ALL": "C.UTF-8", "TZ": "UTC",
        }
        return env

    def git(self, *args, cwd=None, input=None, check=True, status=False):
        """Runs git (not bounceback) and returns its stdout as text (its exit status with
        `status`)."""
        proc = subprocess.run([GIT] + [str(a) for a in args], cwd=cwd or self.tmp,
                              input=input.encode() if isinstance(input, str) else input,
                              stdin=None if input is not None else subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.git_env(),
                              timeout=60)
        if check and proc.returncode != 0:
            self.fail("git %s: exit %d\n%s%s" % (" ".join(map(str, args)), proc.returncode,
                                                 proc.stdout.decode(errors="replace"),
                                                 proc.stderr.decode(errors="replace")))
        return proc.returncode if status else proc.stdout.decode("utf-8", "replace")

    def head(self, home):
        return self.git("-C", home, "rev-parse", "HEAD").strip()

    def tracked(self, home):
        return set(self.git("-C", home, "ls-files").split("\n")) - {""}

    # ---- bounceback in a home --------------------------------------------------------------

    def sync(self, home, *args, **kwargs):
        return self.bb("sync", *args, home=home, **kwargs)

    def synced(self, home, *args, **kwargs):
        """Runs `sync ARGS` in `home`, asserts exit 0, returns stdout + stderr (where it says what
        happened is not the test's business)."""
        r = self.sync(home, *args, **kwargs)
        self.assertExit(r, 0, "sync %s in %s" % (" ".join(args), home))
        return r.out + r.err

    def sync_json(self, home, *args):
        r = self.sync(home, *args, "--json")
        self.assertExit(r, 0, "sync --json in %s" % home)
        return json.loads(r.out)

    def converge(self, *homes):
        """Syncs each home once in the order given; returns their outputs."""
        return [self.synced(home) for home in homes]

    def json_of(self, home, *args):
        return json.loads(self.ok(*args, home=home))

    def rejections(self, home):
        return self.json_of(home, "log", "list", "--json")

    def wins(self, home):
        return self.json_of(home, "log", "win", "list", "--json")

    def reflections(self, home):
        return self.json_of(home, "reflect", "list", "--json")

    def everything(self, home):
        return {"rejection": self.rejections(home), "win": self.wins(home),
                "reflection": self.reflections(home)}

    def uid_of(self, home, entry_id):
        uid = self.json_of(home, "log", "show", entry_id, "--json")["uid"]
        self.assertRegex(uid, UID)
        return uid

    def by_uid(self, records):
        return {r["uid"]: r for r in records}

    # ---- the files -------------------------------------------------------------------------

    def data_files(self, home):
        """relative path → bytes of every data file in `home` (settings/ included), plus .gitignore
        and .gitattributes."""
        root = pathlib.Path(home)
        found = {}
        for folder in DATA_FOLDERS:
            for path in sorted((root / folder).rglob("*")):
                if not path.is_dir():
                    found[str(path.relative_to(root))] = path.read_bytes()
        for name in ("deleted.toml", ".gitignore", ".gitattributes"):
            if (root / name).exists():
                found[name] = (root / name).read_bytes()
        return found

    def working_files(self, home):
        """Everything under `home` but .git/, the derived cache/ and the lock: path → (mode, bytes)."""
        snap = self.snapshot(home)
        return {k: v for k, v in snap.items()
                if not (k == ".git" or k.startswith(".git/") or k == ".lock")}

    def assertSameData(self, *homes):
        first = self.data_files(homes[0])
        self.assertTrue(any(DATA_FILE.match(k) for k in first), "no data files at all in %s" % homes[0])
        for home in homes[1:]:
            other = self.data_files(home)
            self.assertEqual(sorted(other), sorted(first), "the same files in %s and %s" % (homes[0], home))
            for name in first:
                self.assertEqual(other[name], first[name], "%s differs between %s and %s"
                                 % (name, homes[0], home))

    def assertNumbersUnique(self, home):
        for kind, records in self.everything(home).items():
            ids = [r["id"] for r in records]
            self.assertEqual(len(ids), len(set(ids)), "a %s number held twice in %s: %s"
                             % (kind, home, sorted(ids)))
            uids = [r["uid"] for r in records]
            self.assertEqual(len(uids), len(set(uids)), "a %s uid twice in %s" % (kind, home))

    def assertDoctorOk(self, home):
        r = self.bb("doctor", home=home)
        self.assertExit(r, 0, "doctor in %s" % home)

    def contains_bytes(self, root, needle):
        """The files under `root` whose bytes (or, for git's loose objects, inflated bytes) hold
        `needle`."""
        hits = []
        for dirpath, _, names in os.walk(root):
            for name in names:
                path = os.path.join(dirpath, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                data = pathlib.Path(path).read_bytes()
                if needle in data:
                    hits.append(path)
                    continue
                try:
                    if needle in zlib.decompress(data):
                        hits.append(path)
                except zlib.error:
                    pass
        return hits

    # ---- crafting what a remote holds ------------------------------------------------------

    def remote_tree(self, ref="main"):
        """path → (mode, sha) of every entry of the bare repository's `ref`."""
        out = self.git("--git-dir", self.bare, "ls-tree", "-r", "-z", "--full-tree", ref)
        tree = {}
        for line in out.split("\0"):
            if not line:
                continue
            meta, path = line.split("\t", 1)
            mode, _, sha = meta.split()
            tree[path] = (mode, sha)
        return tree

    def blob(self, data):
        if isinstance(data, str):
            data = data.encode()
        return self.git("--git-dir", self.bare, "hash-object", "-w", "--stdin", input=data).strip()

    def write_tree(self, flat):
        """Writes a tree from path → (mode, sha) (paths split at '/', any names, even '..')."""
        children = {}
        for path, entry in flat.items():
            first, _, rest = path.partition("/")
            if rest:
                children.setdefault(first, {})[rest] = entry
            else:
                children[first] = entry
        lines = []
        for name, entry in children.items():
            if isinstance(entry, dict):
                lines.append("040000 tree %s\t%s" % (self.write_tree(entry), name))
            else:
                mode, sha = entry
                kind = {"160000": "commit", "040000": "tree"}.get(mode, "blob")
                lines.append("%s %s %s\t%s" % (mode, kind, sha, name))
        return self.git("--git-dir", self.bare, "mktree", input="\n".join(lines) + "\n").strip()

    def push_crafted(self, flat, message="crafted"):
        """Makes a commit on top of the remote's main with the tree `flat` and moves main to it, as
        a push from a hostile or broken machine would. Returns the commit."""
        parent = self.git("--git-dir", self.bare, "rev-parse", "main").strip()
        tree = self.write_tree(flat)
        commit = self.git("--git-dir", self.bare, "commit-tree", tree, "-p", parent, "-m", message).strip()
        self.git("--git-dir", self.bare, "update-ref", "refs/heads/main", commit, parent)
        return commit
