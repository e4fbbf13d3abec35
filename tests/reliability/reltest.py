"""Shared helpers for the reliability suites (tests/reliability/test_*.py).

They build on tests/e2e/bbtest.py (temp home, clean environment, the real binary) and add what
only these suites need: the profile, file checksums, a real lock holder, inotify, fault injection.

Profiles:
    fast (default)        what CI runs; the whole folder stays within a few minutes on 2 cores
    long                  BB_RELIABILITY=long, or `scripts/reliability --long`: the big figures
A sanitizer build (BOUNCEBACK_SANITIZED=1, set by CMake under -DBOUNCEBACK_SANITIZE=ON) runs each
process several times slower, so the fast profile takes its smaller sanitized figures there: the
same attacks, fewer rounds; the plain build in the same CI run keeps the full fast figures.
Temp homes go to the usual temp folder ($TMPDIR), except where a suite calls `use_tmpfs()`;
BB_RELIABILITY_TMPDIR picks the folder for every suite.
Each suite prints its figures to stderr as `[reliability] ...` lines.
"""

import ctypes
import ctypes.util
import errno
import hashlib
import os
import pathlib
import re
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "e2e"))

from bbtest import BIN, BounceTestCase, Result, is_root  # noqa: E402,F401  (re-exported)

PROFILE = os.environ.get("BB_RELIABILITY", "fast") or "fast"
if PROFILE not in ("fast", "long"):
    sys.exit("reltest: BB_RELIABILITY must be 'fast' or 'long' (got %r)" % PROFILE)
LONG = PROFILE == "long"
SANITIZED = os.environ.get("BOUNCEBACK_SANITIZED") == "1"


def pick(fast, long, sanitized=None):
    """The figure for the current profile (`sanitized`, when given, for the fast one under ASan)."""
    if LONG:
        return long
    return sanitized if SANITIZED and sanitized is not None else fast


tempfile.tempdir = os.environ.get("BB_RELIABILITY_TMPDIR") or None


def use_tmpfs():
    """Temp homes on /dev/shm when it is there (and BB_RELIABILITY_TMPDIR is not set): fsync on
    tmpfs is cheap, so the lock, not the disk, sets the pace of a suite that measures the lock."""
    shm = "/dev/shm"
    if tempfile.tempdir is None and os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        tempfile.tempdir = shm


def report(text):
    """One line of figures on stderr (ctest shows it with --output-on-failure or -V)."""
    sys.stderr.write("\n[reliability:%s] %s\n" % (PROFILE, text))
    sys.stderr.flush()


# ---- files ----------------------------------------------------------------------------------

def checksums(root):
    """Relative path → sha256 of every regular file under `root` (symlinks by their target).
    A home's cache/ is left out: it is derived from the data, not data (bounceback(5))."""
    out = {}
    root = pathlib.Path(root)
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        if "cache" in dirnames and pathlib.Path(dirpath, ".lock").exists():
            dirnames.remove("cache")
        for name in filenames + dirnames:
            full = pathlib.Path(dirpath, name)
            rel = str(full.relative_to(root))
            if full.is_symlink():
                out[rel] = "-> " + os.readlink(full)
            elif full.is_file():
                out[rel] = hashlib.sha256(full.read_bytes()).hexdigest()
            else:
                out[rel] = "dir %o" % stat.S_IMODE(full.lstat().st_mode)
    return out


def toml_files(root):
    return sorted(p for p in pathlib.Path(root).rglob("*.toml") if p.is_file())


def parse_all(root):
    """Parses every .toml under `root` with tomllib; returns {path: document}, raising on error."""
    docs = {}
    for path in toml_files(root):
        with open(path, "rb") as f:
            try:
                docs[path] = tomllib.load(f)
            except tomllib.TOMLDecodeError as error:
                raise AssertionError("%s does not parse: %s" % (path, error)) from None
    return docs


def records(root, kind):
    """Every [[kind]] table of every partition of `kind`'s folder (e.g. 'rejection')."""
    folder = {"rejection": "rejections", "win": "wins", "reflection": "reflections",
              "checkin": "checkins"}[kind]
    out = []
    for path, doc in parse_all(pathlib.Path(root, folder)).items():
        out.extend(doc.get(kind, []))
    return out


def is_temp_name(name):
    """A writer's temp file: `.NAME.tmp-XXXXXX` (see AtomicFile)."""
    return re.search(r"^\..*\.tmp-\w{6}$", name) is not None


def temp_files(root):
    """Temp files under `root` (left by a writer that died, or being written now)."""
    found = []
    for dirpath, _, filenames in os.walk(root):
        found += [os.path.join(dirpath, n) for n in filenames if is_temp_name(n)]
    return found


def modes(root):
    """(path, mode) of every folder and file under `root`, the root included."""
    out = [(str(root), stat.S_IMODE(os.lstat(root).st_mode))]
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            out.append((full, stat.S_IMODE(os.lstat(full).st_mode)))
    return out


# ---- the write lock ---------------------------------------------------------------------------

# Takes the lock exactly as lib/src/storage/lock.cpp does (open O_RDWR|O_CREAT|O_NOFOLLOW 0600,
# flock LOCK_EX), says so on stdout, then sleeps until it is killed.
_HOLDER = r"""
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
sys.stdout.write("held\n"); sys.stdout.flush()
while True:
    time.sleep(3600)
"""


def start_lock_holder(lock_file):
    """A separate process that holds the write lock on `lock_file` until it is killed."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(lock_file)],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    line = proc.stdout.readline()
    if line != b"held\n":
        proc.kill()
        raise AssertionError("the lock holder did not take the lock: %r" % line)
    return proc


def kill_lock_holder(proc):
    """SIGKILLs a holder from start_lock_holder and waits for it."""
    proc.kill()
    proc.wait()
    proc.stdout.close()


def lock_holders(lock_file):
    """PIDs holding an flock on `lock_file`, from /proc/locks."""
    st = os.stat(lock_file)
    inode = "%02x:%02x:%d" % (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    pids = set()
    with open("/proc/locks") as f:
        for line in f:
            fields = line.split()
            # "1: FLOCK  ADVISORY  WRITE 1234 00:2f:5678 0 EOF"; blocked waiters have a "->" field
            if "->" in fields or len(fields) < 6 or fields[1] != "FLOCK":
                continue
            if fields[5] == inode:
                pids.add(int(fields[4]))
    return pids


# ---- inotify ------------------------------------------------------------------------------------

IN_CREATE = 0x100
IN_ISDIR = 0x40000000
_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


class Inotify:
    """A minimal inotify reader (ctypes; no third-party module): watch folders, read events."""

    def __init__(self):
        self.fd = _libc.inotify_init1(os.O_CLOEXEC | os.O_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.folders = {}

    def watch(self, folder, mask=IN_CREATE):
        wd = _libc.inotify_add_watch(self.fd, os.fsencode(folder), mask)
        if wd < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch " + str(folder))
        self.folders[wd] = str(folder)

    def events(self, timeout):
        """[(folder, name, mask)] of the events that arrive within `timeout` seconds."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return []
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        out = []
        offset = 0
        while offset < len(data):
            wd, mask, _, length = struct.unpack_from("iIII", data, offset)
            name = data[offset + 16:offset + 16 + length].rstrip(b"\0").decode()
            out.append((self.folders.get(wd, "?"), name, mask))
            offset += 16 + length
        return out

    def close(self):
        os.close(self.fd)


def _start_watched(argv, env, folders):
    """An Inotify watching `folders`, then `argv` started: (inotify, process)."""
    notify = Inotify()
    try:
        for folder in folders:
            notify.watch(folder)
    except OSError:
        notify.close()
        raise
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    return notify, proc


def stop_at_first_temp_file(argv, env, folders, timeout=10):
    """Starts `argv` and stops it (SIGSTOP) as soon as it creates a temp file in one of `folders`.

    Returns (process, temp file path) with the process stopped, or (process, None) when it ended
    without creating one (the process has then been waited for).
    """
    notify, proc = _start_watched(argv, env, folders)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for folder, name, _ in notify.events(0.05):
                if is_temp_name(name):
                    proc.send_signal(signal.SIGSTOP)
                    return proc, os.path.join(folder, name)
            if proc.poll() is not None:
                # It may have ended right after creating the file: read what is left.
                for folder, name, _ in notify.events(0):
                    if is_temp_name(name):
                        return proc, os.path.join(folder, name)
                proc.communicate()
                return proc, None
        proc.kill()
        proc.communicate()
        raise AssertionError("%s neither created a temp file nor ended in %d s" % (argv, timeout))
    finally:
        notify.close()


def observe_temp_files(argv, env, folders, look, timeout=30):
    """Runs `argv`; each time it creates a temp file in one of `folders`, stops it (SIGSTOP),
    calls `look(path)` while it is stopped, then lets it go on (SIGCONT).

    Folders it creates inside `folders` are watched as they appear (it is stopped meanwhile).
    Returns (completed process result, number of temp files `look` saw). A temp file that is
    already gone when the process has stopped is not counted.
    """
    notify, proc = _start_watched(argv, env, folders)
    seen = 0
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for folder, name, mask in notify.events(0.02):
                path = os.path.join(folder, name)
                if mask & IN_ISDIR:
                    # A new folder: stop the writer until it is watched too, then look at what
                    # it may already hold.
                    proc.send_signal(signal.SIGSTOP)
                    wait_stopped(proc)
                    for dirpath, _, filenames in os.walk(path):
                        notify.watch(dirpath)
                        for early in sorted(filenames):
                            if is_temp_name(early):
                                look(os.path.join(dirpath, early))
                                seen += 1
                    proc.send_signal(signal.SIGCONT)
                elif is_temp_name(name):
                    proc.send_signal(signal.SIGSTOP)
                    wait_stopped(proc)
                    if os.path.lexists(path):
                        look(path)
                        seen += 1
                    proc.send_signal(signal.SIGCONT)
            if proc.poll() is not None:
                break
        else:
            proc.kill()
        out, err = proc.communicate(timeout=timeout)
        return Result(proc.returncode, out.decode(), err.decode()), seen
    finally:
        notify.close()


def wait_stopped(proc, timeout=5):
    """Waits until `proc` is really in the stopped state (SIGSTOP is asynchronous)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open("/proc/%d/stat" % proc.pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in ("T", "t"):
            return True
        if state in ("Z", "X"):
            return False
        time.sleep(0.001)
    return False


# ---- fault injection ---------------------------------------------------------------------------

FIU_RUN = os.environ.get("BB_FIU_RUN") or shutil.which("fiu-run")


def fiu_wrap(point, errno_value):
    """A command prefix that makes every call of libc's `point` fail with `errno_value` (libfiu's
    POSIX preload, Debian package fiu-utils)."""
    if FIU_RUN is None:
        raise AssertionError("fiu-run not found: install the Debian package fiu-utils")
    # In the sanitizer build: libfiu's preload allocates memory it never frees, and it makes the
    # call fail in every process, the sanitizer's symbolizer too (which then never answers). So
    # under fiu-run leaks are not checked and reports are not symbolized; any other report still
    # ends the command with the sanitizer's status and fails the test.
    sanitizer = os.environ.get("ASAN_OPTIONS", "")
    options = (sanitizer + ":" if sanitizer else "") + "detect_leaks=0:symbolize=0"
    return ["env", "ASAN_OPTIONS=" + options,
            FIU_RUN, "-x", "-f", "", "-c", "enable name=%s,failinfo=%d" % (point, errno_value)]


FAIL_RENAME_PRELOAD = os.environ.get("BB_FAIL_RENAME_PRELOAD")


def rename_fail_wrap(errno_value):
    """A command prefix that makes every renameat() and renameat2() fail with `errno_value` (the
    preload tests/reliability/fail_rename.cpp: libfiu wraps only rename())."""
    if not FAIL_RENAME_PRELOAD:
        raise AssertionError("BB_FAIL_RENAME_PRELOAD is not set: run the test through ctest")
    return ["env", "LD_PRELOAD=" + FAIL_RENAME_PRELOAD, "BB_FAIL_RENAME=%d" % errno_value]


ERRNO_NAMES = {errno.ENOSPC: "No space left on device", errno.EIO: "Input/output error",
               errno.EFBIG: "File too large", errno.EDQUOT: "Disk quota exceeded"}
