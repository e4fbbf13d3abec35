"""Shared helpers for bounceback's end-to-end tests.

Every test gets a fresh temp folder (removed when the test passes, kept and named on stderr when
it fails) and runs the real binary ($BOUNCEBACK_BIN) with `--home` pointing into it, a clean
environment (no XDG_*, BOUNCEBACK_*, NO_COLOR or TERM unless a test sets them), stdin from
/dev/null, and BOUNCEBACK_TODAY=2026-11-25 (a Wednesday) so relative dates are deterministic.
"""

import csv
import io
import json
import os
import pathlib
import re
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
import unittest
from collections import namedtuple

TODAY = "2026-11-25"

# A record's identity: a UUIDv7, lowercase (bounceback(5), "Identities").
UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# A record's `uid = "..."` line in a month file (random: tests that compare bytes mask it).
UID_LINE = re.compile(rb'^uid = "[0-9a-f-]{36}"(?=\r?$)', re.M)


def mask_uid_lines(data):
    """The bytes (or text) of a month file with every `uid = "..."` value replaced by a mask."""
    if isinstance(data, str):
        return UID_LINE.sub(b'uid = "UID"', data.encode()).decode()
    return UID_LINE.sub(b'uid = "UID"', data)


def _find_binary():
    path = os.environ.get("BOUNCEBACK_BIN")
    if not path:
        # Run by hand from a checkout: the default build folder.
        guess = pathlib.Path(__file__).resolve().parents[2] / "build" / "cmd" / "bounceback"
        if guess.exists():
            path = str(guess)
    if not path or not os.access(path, os.X_OK):
        sys.exit("bbtest: set BOUNCEBACK_BIN to the built bounceback binary (got %r)" % path)
    return os.path.abspath(path)


BIN = _find_binary()

Result = namedtuple("Result", "code out err")

UNSET = object()


def _make_writable(root):
    """chmod u+rwx every folder under `root`, so a test that locked one can still be cleaned up."""
    for dirpath, dirnames, _ in os.walk(root):
        for name in dirnames:
            try:
                os.chmod(os.path.join(dirpath, name), 0o700)
            except OSError:
                pass
    try:
        os.chmod(root, 0o700)
    except OSError:
        pass


class BounceTestCase(unittest.TestCase):
    """A TestCase with a throw-away home and helpers to run bounceback in it."""

    maxDiff = None

    # ---- lifecycle ------------------------------------------------------------------------

    def run(self, result=None):
        if result is None:
            result = self.defaultTestResult()
        before = len(result.failures) + len(result.errors)
        super().run(result)
        tmp = getattr(self, "tmp", None)
        if tmp is None or not os.path.exists(tmp):
            return result
        if len(result.failures) + len(result.errors) > before:
            sys.stderr.write("\n[bbtest] kept the temp folder of %s: %s\n" % (self.id(), tmp))
        else:
            _make_writable(tmp)
            shutil.rmtree(tmp, ignore_errors=True)
        return result

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bb-e2e-")
        self.user_home = os.path.join(self.tmp, "user")  # $HOME of the process under test
        os.mkdir(self.user_home)
        self.home = os.path.join(self.tmp, "home")  # --home; not created, bounceback does that

    # ---- running the binary ---------------------------------------------------------------

    def base_env(self):
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": self.user_home,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "BOUNCEBACK_TODAY": TODAY,
        }
        # A sanitizer build's settings (scripts/dev test sends its reports to a log folder).
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                env[name] = os.environ[name]
        return env

    def make_env(self, env=None):
        full = self.base_env()
        for key, value in (env or {}).items():
            if value is None or value is UNSET:
                full.pop(key, None)
            else:
                full[key] = value
        return full

    def argv(self, args, home=True, wrap=None):
        argv = list(wrap or []) + [BIN]
        if home is True:
            argv += ["--home", self.home]
        elif home:
            argv += ["--home", str(home)]
        return argv + [str(a) for a in args]

    def bb(self, *args, home=True, env=None, input=None, timeout=60, wrap=None, cwd=None):
        """Runs bounceback with `args`; returns Result(code, out, err) with text decoded as UTF-8.

        `home`: True for --home <temp home>, a path for another --home, False for no --home.
        `env`: variables to add (None as a value removes one). `input`: text for stdin.
        `wrap`: a command prefix, e.g. a shell that sets the umask.
        """
        proc = subprocess.run(
            self.argv(args, home, wrap),
            input=input.encode() if input is not None else None,
            stdin=subprocess.DEVNULL if input is None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.make_env(env),
            timeout=timeout,
            cwd=cwd or self.tmp,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))

    def bb_pty(self, *args, answer=b"", env=None, timeout=15, home=True):
        """Runs bounceback with stdin, stdout and stderr on a pseudo-terminal, typing `answer`.
        Returns (code, everything it printed)."""
        import pty  # noqa: PLC0415 (only some tests need it)

        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen(
                self.argv(args, home),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.make_env(env),
                cwd=self.tmp,
                close_fds=True,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        if answer:
            os.write(master, answer)
        chunks = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            ready = select.select([master], [], [], max(remaining, 0))[0] if remaining > 0 else []
            if not ready:  # still waiting for input we did not give, or hung: stop it
                proc.kill()
                chunks.append(b"\n[bbtest: killed after %d s]\n" % timeout)
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        code = proc.wait(timeout=timeout)
        return code, b"".join(chunks).decode("utf-8", "replace")

    # ---- assertions and shortcuts ---------------------------------------------------------

    def assertExit(self, result, code, msg=None):
        """Asserts the exit status, showing both streams when it differs."""
        if result.code != code:
            detail = "exit status %s, expected %s\n--- stdout:\n%s--- stderr:\n%s" % (
                result.code, code, result.out, result.err)
            self.fail(detail + ("\n" + msg if msg else ""))

    def ok(self, *args, **kwargs):
        """Runs bounceback, asserts exit 0 and returns stdout."""
        result = self.bb(*args, **kwargs)
        self.assertExit(result, 0, "command: %s" % (args,))
        return result.out

    def log(self, company, *args, **kwargs):
        """Logs a rejection with --porcelain and returns its ID as an int."""
        out = self.ok("log", company, *args, "--porcelain", **kwargs)
        self.assertRegex(out, r"^\d+\n$")
        return int(out)

    def list_json(self, *args, **kwargs):
        data = json.loads(self.ok("log", "list", "--json", *args, **kwargs))
        self.assertIsInstance(data, list)
        return data

    def list_csv(self, *args, **kwargs):
        return list(csv.DictReader(io.StringIO(self.ok("log", "list", "--csv", *args, **kwargs),
                                               newline="")))

    def path(self, *parts):
        return pathlib.Path(self.home, *parts)

    def read_toml(self, *parts):
        with open(self.path(*parts), "rb") as f:
            return tomllib.load(f)

    def write_file(self, path, text, mode=0o600):
        path = pathlib.Path(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        os.chmod(path, mode)
        return path

    def write_script(self, name, body, folder=None):
        """An executable script in the temp folder (or `folder`)."""
        path = pathlib.Path(folder or self.tmp, name)
        path.write_text(body)
        os.chmod(path, 0o755)
        return path

    def snapshot(self, root=None):
        """Every file and folder under `root` (default: the home): relative path → (mode, bytes).
        The home's cache/ is left out: it is derived from the data, not data (bounceback(5))."""
        root = pathlib.Path(root or self.home)
        if not root.exists():
            return None
        snap = {}
        for dirpath, dirnames, filenames in os.walk(root):
            if pathlib.Path(dirpath) == root and "cache" in dirnames:
                dirnames.remove("cache")
            for name in dirnames + filenames:
                full = pathlib.Path(dirpath, name)
                st = full.lstat()
                content = full.read_bytes() if stat.S_ISREG(st.st_mode) else None
                snap[str(full.relative_to(root))] = (stat.S_IMODE(st.st_mode), content)
        return snap

    def leftovers(self, root=None):
        """Temp and scratch files left behind under `root` (default: the temp folder)."""
        found = []
        for dirpath, dirnames, filenames in os.walk(root or self.tmp):
            for name in filenames + dirnames:
                if ".tmp-" in name or name.startswith(".edit-"):
                    found.append(os.path.join(dirpath, name))
        return found

    def assertNoLeftovers(self, root=None):
        self.assertEqual(self.leftovers(root), [], "temp files left behind")

    def assertUid(self, value, msg=None):
        self.assertIsInstance(value, str, msg)
        self.assertRegex(value, UUID7, msg)

    def pop_uids(self, records):
        """Checks and removes the identities of a record (a dict) or of every record in a list:
        `uid` must be there, a UUIDv7; a record linked to a rejection (a `rejection` key) must
        also carry `rejection_uid`, a UUIDv7. Returns `records`, changed in place, so that the
        rest compares exactly."""
        for record in records if isinstance(records, list) else [records]:
            self.assertIn("uid", record, "a record without uid: %r" % (record,))
            self.assertUid(record.pop("uid"))
            if "rejection" in record:
                self.assertIn("rejection_uid", record,
                              "a linked record without rejection_uid: %r" % (record,))
            if "rejection_uid" in record:
                self.assertUid(record.pop("rejection_uid"))
        return records

    def mode(self, path):
        return stat.S_IMODE(os.lstat(path).st_mode)


def is_root():
    return os.geteuid() == 0
