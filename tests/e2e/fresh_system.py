"""A fresh, minimal Debian system to install bounceback's packages into (root only).

`debootstrap --variant=minbase` of this machine's Debian release, from the mirror its apt uses, is
made once and kept in $BOUNCEBACK_FRESH_SYSTEM_CACHE (default /var/cache/bounceback-tests), next
to a copy with the tools the install checks need (TOOLS). Every check then works in its own copy,
removed afterwards, so each starts from a system nothing was installed into. Only a copy has
/proc mounted, while it is used.

    python3 tests/e2e/fresh_system.py prepare   # make the cache now (scripts/dev test runs this
                                                # in the background while the packages build)

Delete the cache folder to make it again; it is also made again when TOOLS or the release change.
"""

import contextlib
import fcntl
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

CACHE = pathlib.Path(os.environ.get("BOUNCEBACK_FRESH_SYSTEM_CACHE", "/var/cache/bounceback-tests"))

# What the checks run besides the packages: man, bash's completion loader, and a C++ build with
# pkg-config and with CMake.
TOOLS = ["bash-completion", "cmake", "g++", "make", "man-db", "pkgconf"]

# apt-get quietly, without a pseudo-terminal for dpkg (a system made here has no /dev/pts).
APT_GET = "apt-get -qq -o Dpkg::Use-Pty=0"

PROXY_VARIABLES = ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")


class SetupError(Exception):
    """The fresh system could not be made; the message says what failed and where the log is."""


def why_not_available():
    """None if fresh systems can be made here, else the reason (for a skip message)."""
    if os.geteuid() != 0:
        return ("installing the packages into a fresh Debian system needs root (debootstrap, "
                "chroot); run the test suite as root to include it")
    return None


def release():
    """This machine's Debian release (e.g. bookworm)."""
    fields = {}
    for line in pathlib.Path("/etc/os-release").read_text().splitlines():
        key, _, value = line.partition("=")
        fields[key] = value.strip('"')
    codename = fields.get("VERSION_CODENAME")
    if fields.get("ID") != "debian" or not codename:
        raise SetupError("a fresh Debian system can only be made on Debian (/etc/os-release)")
    return codename


def mirror():
    """The Debian mirror this machine's apt uses (not the security one)."""
    sources = sorted(pathlib.Path("/etc/apt/sources.list.d").glob("*.sources"))
    for path in sources:
        for line in path.read_text().splitlines():
            if line.startswith("URIs:"):
                for uri in line.split()[1:]:
                    if "security" not in uri:
                        return uri
    for path in [pathlib.Path("/etc/apt/sources.list"),
                 *sorted(pathlib.Path("/etc/apt/sources.list.d").glob("*.list"))]:
        if path.is_file():
            for line in path.read_text().splitlines():
                words = line.split()
                if words[:1] == ["deb"]:
                    uri = next(w for w in words[1:] if not w.startswith("["))
                    if "security" not in uri:
                        return uri
    return "http://deb.debian.org/debian"


def run_in(root, command, *, input=None, timeout=900, env=None):
    """Run `command` (a bash script) as root inside the system at `root`; returns the result."""
    environment = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                   "HOME": "/root", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
    environment.update({v: os.environ[v] for v in PROXY_VARIABLES if v in os.environ})
    environment.update(env or {})
    return subprocess.run(["chroot", str(root), "/usr/bin/env", "-i",
                           *[f"{k}={v}" for k, v in environment.items()],
                           "/bin/bash", "-c", command],
                          input=input, capture_output=True, text=True, timeout=timeout, check=False)


def _copy_tree(source, target):
    # cp keeps hard links, device files and extended attributes as they are.
    subprocess.run(["cp", "-a", "--reflink=auto", f"{source}/.", str(target)], check=True)


def _remove_tree(path):
    # debootstrap mounts /proc in the system it makes; one that failed may have left it there.
    prefix = f"{pathlib.Path(path).resolve()}/"
    for line in reversed(pathlib.Path("/proc/mounts").read_text().splitlines()):
        mount_point = line.split()[1]
        if mount_point.startswith(prefix):
            subprocess.run(["umount", "--lazy", mount_point], check=False)
    subprocess.run(["rm", "-rf", "--one-file-system", str(path)], check=False)


def _use_host_apt(root):
    """Point the system's apt at the mirrors (and any proxy) this machine's apt uses."""
    etc_apt = pathlib.Path(root, "etc/apt")
    (etc_apt / "sources.list").unlink(missing_ok=True)
    if pathlib.Path("/etc/apt/sources.list").is_file():
        shutil.copy2("/etc/apt/sources.list", etc_apt / "sources.list")
    for path in pathlib.Path("/etc/apt/sources.list.d").iterdir():
        if path.suffix in (".list", ".sources"):
            shutil.copy2(path, etc_apt / "sources.list.d" / path.name)
    for path in pathlib.Path("/etc/apt/apt.conf.d").iterdir():
        if path.is_file():
            shutil.copy2(path, etc_apt / "apt.conf.d" / path.name)
    shutil.copy2("/etc/resolv.conf", pathlib.Path(root, "etc/resolv.conf"))


def _log_tail(log):
    lines = log.read_text(errors="replace").splitlines()
    return "\n".join(lines[-15:])


def _make(target, build):
    """Make `target` with build(tmp), in a temp folder renamed into place only when it worked."""
    work = pathlib.Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    work.chmod(0o755)  # a system's / (apt downloads as the user _apt)
    try:
        build(work)
        _remove_tree(target)
        work.rename(target)
    finally:
        _remove_tree(work)


def prepare():
    """The cached minbase system and its copy with TOOLS, made if missing; returns both paths."""
    reason = why_not_available()
    if reason:
        raise SetupError(reason)
    codename, uri = release(), mirror()
    CACHE.mkdir(parents=True, exist_ok=True)
    minbase, tools = CACHE / f"{codename}-minbase", CACHE / f"{codename}-minbase-tools"
    # What each was made with: a cache made otherwise is made again.
    recipes = {minbase: f"debootstrap --variant=minbase {codename} {uri}\n"}
    recipes[tools] = recipes[minbase] + f"apt-get install {' '.join(TOOLS)}\n"
    log = CACHE / "prepare.log"
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # scripts/dev's early `prepare` and the test share it

        def ready(path):
            return (path / ".bounceback-recipe").is_file() and \
                (path / ".bounceback-recipe").read_text() == recipes[path]

        if not ready(minbase):
            if shutil.which("debootstrap") is None:
                raise SetupError("debootstrap is not installed (Debian package debootstrap; "
                                 "scripts/dev test installs it)")

            def bootstrap(work):
                with open(log, "w") as out:
                    done = subprocess.run(["debootstrap", "--variant=minbase", codename, str(work), uri],
                                          stdout=out, stderr=subprocess.STDOUT, check=False)
                if done.returncode != 0:
                    raise SetupError(f"debootstrap {codename} from {uri} failed (exit "
                                     f"{done.returncode}); {log} ends with:\n{_log_tail(log)}")
                _use_host_apt(work)
                (work / ".bounceback-recipe").write_text(recipes[minbase])

            _make(minbase, bootstrap)
            _remove_tree(tools)

        if not ready(tools):
            def add_tools(work):
                _copy_tree(minbase, work)
                done = run_in(work, f"{APT_GET} update && {APT_GET} install -y "
                              f"--no-install-recommends {' '.join(TOOLS)} && apt-get clean")
                log.write_text(done.stdout + done.stderr)
                if done.returncode != 0:
                    raise SetupError(f"installing {' '.join(TOOLS)} into the fresh system failed; "
                                     f"{log} ends with:\n{_log_tail(log)}")
                (work / ".bounceback-recipe").write_text(recipes[tools])

            _make(tools, add_tools)
    return minbase, tools


@contextlib.contextmanager
def fresh_copy(base):
    """A throw-away copy of the cached system `base` with /proc mounted (bash's <(...) and
    /dev/fd need it, as on any running system); unmounted and removed on exit."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob("run-*-*"):  # left by a process that was killed
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(stale.name.split("-")[1]), 0)
            continue
        _remove_tree(stale)
    root = pathlib.Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=CACHE))
    try:
        root.chmod(0o755)
        _copy_tree(base, root)
        subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")], check=True)
        yield root
    finally:
        _remove_tree(root)


def install(root, debs):
    """apt-get install the .deb files into the system at `root`, their dependencies from the
    mirror; returns the result (apt's output in stdout and stderr)."""
    folder = pathlib.Path(root, "tmp/debs")
    folder.mkdir(parents=True, exist_ok=True)
    for deb in debs:
        shutil.copy2(deb, folder / pathlib.Path(deb).name)
    names = " ".join(f"/tmp/debs/{pathlib.Path(deb).name}" for deb in debs)
    return run_in(root, f"{APT_GET} update && {APT_GET} install -y --no-install-recommends {names}")


if __name__ == "__main__":
    if sys.argv[1:] != ["prepare"]:
        sys.exit("usage: fresh_system.py prepare")
    try:
        for path in prepare():
            print(f"fresh_system: ready: {path}")
    except SetupError as error:
        sys.exit(f"fresh_system: {error}")
