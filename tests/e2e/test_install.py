"""End-to-end: `cmake --install` into a DESTDIR, and the Debian packages that debian/ makes.

Install: the build folder ($BOUNCEBACK_BUILD_DIR, set by ctest; else two levels above
$BOUNCEBACK_BIN) installed with `--prefix /usr` into a temp folder, never onto the machine.

Packages: the .deb files listed in the .changes file that $BOUNCEBACK_CHANGES names, which
`scripts/dev test` sets after `dpkg-buildpackage -us -uc -b` (skipped without it). Their files,
fields and lintian; then, as root, each is installed into a fresh minimal Debian system
(fresh_system.py: a cached `debootstrap --variant=minbase` copied for every check) and used there:
`bounceback --version`, `man bounceback-log`, completion in bash, and programs built against
libbounceback-dev with pkg-config and with CMake. By hand, as root:

    BOUNCEBACK_CHANGES=build-deb/bounceback_0.1.0_amd64.changes BOUNCEBACK_BIN=build/cmd/bounceback \\
        python3 tests/e2e/test_install.py -v
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sysconfig
import tempfile
import unittest

import bbtest
import fresh_system

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("BOUNCEBACK_BUILD_DIR")
                     or pathlib.Path(bbtest.BIN).resolve().parents[1])
# Debian's multiarch folder name, e.g. x86_64-linux-gnu.
MULTIARCH = sysconfig.get_config_var("MULTIARCH")
LIBDIR = f"lib/{MULTIARCH}"

MAN_PAGES = [f"share/man/man{p.suffix[1:]}/{p.name}" for p in sorted((REPO / "man").glob("*.[15]"))]
TEMPLATES = [f"share/bounceback/templates/{p.name}"
             for p in sorted((REPO / "templates").glob("*.mustache"))]
HEADERS = [f"include/bounceback/{p.relative_to(REPO / 'lib/include/bounceback')}"
           for p in sorted((REPO / "lib/include/bounceback").rglob("*.hpp"))]
COMPLETIONS = {"share/bash-completion/completions/bounceback": "bounceback.bash",
               "share/zsh/vendor-completions/_bounceback": "_bounceback",
               "share/fish/vendor_completions.d/bounceback.fish": "bounceback.fish"}
DEV_FILES = [f"{LIBDIR}/libbounceback.so",
             f"{LIBDIR}/cmake/bounceback/bouncebackConfig.cmake",
             f"{LIBDIR}/cmake/bounceback/bouncebackConfigVersion.cmake",
             f"{LIBDIR}/cmake/bounceback/bouncebackTargets.cmake",
             f"{LIBDIR}/pkgconfig/bounceback.pc"] + HEADERS

# Installed relative to the prefix; every one must be there.
REQUIRED = ["bin/bounceback", f"{LIBDIR}/libbounceback.so.0", *DEV_FILES, *COMPLETIONS,
            *MAN_PAGES, *TEMPLATES]

# Where installed files may go, relative to the prefix.
ALLOWED = re.compile(rf"^(bin/bounceback|{LIBDIR}/libbounceback\.so[.0-9]*"
                     rf"|{LIBDIR}/cmake/bounceback/[^/]+|{LIBDIR}/pkgconfig/bounceback\.pc"
                     r"|include/bounceback/.+\.hpp"
                     r"|share/man/man[15]/bounceback[-a-z]*\.[15]|share/bounceback/templates/.+"
                     r"|share/bash-completion/completions/bounceback"
                     r"|share/zsh/vendor-completions/_bounceback"
                     r"|share/fish/vendor_completions\.d/bounceback\.fish)$")

CONSUMER = """\
#include <bounceback/core/records.hpp>
#include <iostream>

int main() {
    for (const auto& stage : bb::stage_names()) {
        std::cout << stage << "\\n";
    }
}
"""
CONSUMER_CMAKE = """\
cmake_minimum_required(VERSION 3.25)
project(consumer CXX)
find_package(bounceback 0.1 REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE bounceback::bounceback)
"""
STAGES = "application\nscreen\ntechnical\nonsite\nfinal\noffer\n"

# Completion in bash as a user gets it: bash-completion's loader finds the installed script by
# the command's name; then the words "bounceback lo" and "bounceback feedback-email " are completed.
BASH_COMPLETION = """\
source /usr/share/bash-completion/bash_completion
__load_completion bounceback || { echo "no completion found for bounceback" >&2; exit 1; }
function=$(complete -p bounceback | sed -E 's/.* -F ([^ ]+) .*/\\1/')
for line in "bounceback lo" "bounceback feedback-email "; do
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$line COMP_POINT=${#line} COMPREPLY=()
    "$function" bounceback "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    echo "${COMPREPLY[*]}"
done
"""


def run(args, **kwargs):
    kwargs.setdefault("timeout", 120)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False,
                          **kwargs)


def cmake_cache(name):
    for line in (BUILD / "CMakeCache.txt").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.partition("=")[2]
    return None


def changelog_version():
    first = (REPO / "debian/changelog").read_text().splitlines()[0]
    return re.match(r"^bounceback \(([^)]+)\) ", first).group(1)


class Install(bbtest.BounceTestCase):
    def setUp(self):
        super().setUp()
        if not (BUILD / "CMakeCache.txt").is_file():
            self.fail(f"no CMake build folder at {BUILD} (set BOUNCEBACK_BUILD_DIR)")
        self.destdir = pathlib.Path(self.tmp, "root")
        result = run(["cmake", "--install", BUILD, "--prefix", "/usr"],
                     env={**os.environ, "DESTDIR": str(self.destdir)})
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.prefix = self.destdir / "usr"

    def installed(self):
        return sorted(str(p.relative_to(self.prefix)) for p in self.prefix.rglob("*")
                      if p.is_file() or p.is_symlink())

    def test_file_list(self):
        files = self.installed()
        missing = [f for f in REQUIRED if f not in files]
        self.assertEqual(missing, [], "not installed")
        stray = [f for f in files if not ALLOWED.match(f)]
        self.assertEqual(stray, [], "installed where nothing of bounceback belongs")
        self.assertEqual(sorted(str(p.relative_to(self.destdir)) for p in self.destdir.iterdir()),
                         ["usr"], "everything goes under the prefix")
        for installed, shipped in COMPLETIONS.items():
            self.assertEqual((self.prefix / installed).read_text(),
                             (REPO / "completions" / shipped).read_text(), installed)

    def test_version_is_the_changelogs(self):
        result = run([bbtest.BIN, "--version"], env=self.base_env())
        self.assertEqual((result.returncode, result.stdout), (0, changelog_version() + "\n"))

    def test_installed_binary_runs(self):
        binary = self.prefix / "bin/bounceback"
        # Configured for /usr (as the Debian package is), it has no RUNPATH: the loader finds the
        # library there. Configured elsewhere, RUNPATH $ORIGIN/../lib/ARCH finds it next to it.
        dynamic = run(["readelf", "-d", binary]).stdout
        env = self.base_env()
        if cmake_cache("CMAKE_INSTALL_PREFIX") == "/usr":
            self.assertNotRegex(dynamic, r"\((RUNPATH|RPATH)\)")
            env["LD_LIBRARY_PATH"] = str(self.prefix / LIBDIR)
        else:
            self.assertIn(f"[$ORIGIN/../{LIBDIR}]", dynamic)
        ldd = run(["ldd", binary], env=env)
        self.assertRegex(ldd.stdout, rf"libbounceback\.so\.0 => {re.escape(str(self.prefix))}"
                                     rf"/(bin/\.\./)?{re.escape(LIBDIR)}/libbounceback\.so\.0 ")
        result = run([binary, "--version"], env=env)
        self.assertEqual((result.returncode, result.stdout), (0, changelog_version() + "\n"))
        home = pathlib.Path(self.tmp, "home")
        result = run([binary, "--home", home, "log", "Acme", "--stage", "onsite", "--porcelain"],
                     env=env)
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "1\n", ""))
        result = run([binary, "--home", home, "log", "list", "--json"], env=env)
        self.assertEqual([r["company"] for r in json.loads(result.stdout)], ["Acme"])

    def test_man_pages_render(self):
        pages = sorted(self.prefix.glob("share/man/man*/*"))
        self.assertGreaterEqual(len(pages), 3)
        man = shutil.which("man")
        for page in pages:
            with self.subTest(page=page.name):
                if man:
                    result = run([man, "-l", page],
                                 env={**self.base_env(), "MANPAGER": "cat", "MANWIDTH": "80"})
                else:
                    result = run(["mandoc", "-Tutf8", page])
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("bounceback", result.stdout)
        if man:
            result = run([man, "-l", self.prefix / "share/man/man1/bounceback.1"],
                         env={**self.base_env(), "MANPAGER": "cat", "MANWIDTH": "80"})
            self.assertIn("COMPLETION", result.stdout)

    def test_installed_completions_work(self):
        home = pathlib.Path(self.tmp, "home")
        # The installed binary answers the scripts' questions (IDs, names); LD_LIBRARY_PATH for a
        # build configured for /usr, whose binary relies on the loader to find the library.
        env = {**self.base_env(), "PATH": f"{self.prefix / 'bin'}:{os.environ['PATH']}",
               "BOUNCEBACK_HOME": str(home), "LD_LIBRARY_PATH": str(self.prefix / LIBDIR)}
        self.assertEqual(run(["bounceback", "log", "Acme", "--porcelain"], env=env).stdout, "1\n")
        script = self.prefix / "share/bash-completion/completions/bounceback"
        result = run(["bash", "--norc", "--noprofile", "-c",
                      'source "$1"; for line in "bounceback lo" "bounceback feedback-email "; do '
                      'read -ra COMP_WORDS <<<"$line"; [[ $line == *" " ]] && COMP_WORDS+=(""); '
                      'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$line; '
                      'COMP_POINT=${#line}; COMPREPLY=(); _bounceback; echo "${COMPREPLY[*]}"; done',
                      "bash", script], env=env)
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "log\n1\n", ""))
        if shutil.which("zsh"):
            result = run(["zsh", "-n", self.prefix / "share/zsh/vendor-completions/_bounceback"])
            self.assertEqual((result.returncode, result.stderr), (0, ""))
        if shutil.which("fish"):
            result = run(["fish", "--no-config", "-c",
                          'source $argv[1]; complete -C"bounceback feedback-email "',
                          self.prefix / "share/fish/vendor_completions.d/bounceback.fish"], env=env)
            self.assertEqual((result.returncode, result.stderr), (0, ""))
            self.assertEqual(result.stdout, "1\tAcme, 2026-11-25\n")

    def test_other_programs_link_it(self):
        if os.environ.get("BOUNCEBACK_SANITIZED"):
            self.skipTest("a sanitizer build's libbounceback needs the sanitizer runtime in every "
                          "program that links it (see tests/e2e/CMakeLists.txt)")
        source = pathlib.Path(self.tmp, "consumer", "main.cpp")
        source.parent.mkdir()
        source.write_text(CONSUMER)
        libdir = self.prefix / LIBDIR
        env = {**os.environ, "PKG_CONFIG_PATH": str(libdir / "pkgconfig")}
        with self.subTest("pkg-config"):
            flags = run(["pkg-config", "--cflags", "--libs", "bounceback"], env=env)
            self.assertEqual(flags.returncode, 0, flags.stderr)
            paths = {f[:2]: os.path.normpath(f[2:]) for f in flags.stdout.split()
                     if f[:2] in ("-I", "-L") and f[2:].startswith(str(self.prefix))}
            self.assertEqual(paths, {"-I": str(self.prefix / "include"), "-L": str(libdir)})
            program = source.parent / "with-pkg-config"
            result = run(["g++", "-std=c++20", source, "-o", program, *flags.stdout.split(),
                          f"-Wl,-rpath,{libdir}"])
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(run([program]).stdout, STAGES)
        with self.subTest("CMake find_package"):
            (source.parent / "CMakeLists.txt").write_text(CONSUMER_CMAKE)
            build = source.parent / "build"
            result = run(["cmake", "-S", source.parent, "-B", build, "-G", "Ninja",
                          f"-DCMAKE_PREFIX_PATH={self.prefix}",
                          f"-DCMAKE_BUILD_RPATH={libdir}"])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            result = run(["cmake", "--build", build])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(run([build / "consumer"]).stdout, STAGES)


def read_changes():
    """{package name: .deb path} from the .changes file $BOUNCEBACK_CHANGES names."""
    changes = pathlib.Path(os.environ["BOUNCEBACK_CHANGES"])
    debs, in_files = {}, False
    for line in changes.read_text().splitlines():
        if not line.startswith(" "):
            in_files = line.startswith("Files:")
        elif in_files and line.endswith(".deb"):
            name = line.split()[-1]
            debs[name.split("_")[0]] = changes.parent / name
    return debs


PACKAGES = ["bounceback", "libbounceback0", "libbounceback-dev"]


def needs_packages(cls):
    """Skips the class unless $BOUNCEBACK_CHANGES names the packages to check."""
    if not os.environ.get("BOUNCEBACK_CHANGES"):
        return unittest.skip("no packages to check: scripts/dev test builds them with "
                             "dpkg-buildpackage and sets BOUNCEBACK_CHANGES")(cls)
    return cls


@needs_packages
class Packages(unittest.TestCase):
    """The three .deb files: their files, their fields, and lintian."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.debs = read_changes()
        cls.version = changelog_version()

    def field(self, package, name):
        return run(["dpkg-deb", "--field", self.debs[package], name]).stdout.strip()

    def files(self, package):
        listing = run(["dpkg-deb", "--contents", self.debs[package]]).stdout
        return sorted(re.sub(r"^\./usr/", "", line.split()[5]) for line in listing.splitlines()
                      if not line.startswith("d"))

    def test_three_packages_of_the_changelogs_version(self):
        self.assertEqual(sorted(p for p in self.debs if not p.endswith("-dbgsym")), sorted(PACKAGES))
        for package in PACKAGES:
            self.assertEqual(self.field(package, "Version"), self.version, package)
            self.assertEqual(self.field(package, "Architecture"),
                             run(["dpkg", "--print-architecture"]).stdout.strip())

    def test_file_lists(self):
        docs = [f"share/doc/{{}}/{name}" for name in ("changelog.gz", "copyright")]
        expected = {
            "bounceback": ["bin/bounceback", *COMPLETIONS, *TEMPLATES,
                           *[page + ".gz" for page in MAN_PAGES]],
            "libbounceback0": [f"{LIBDIR}/libbounceback.so.0",
                               f"{LIBDIR}/libbounceback.so.{self.version}"],
            "libbounceback-dev": [*DEV_FILES, f"{LIBDIR}/cmake/bounceback/bouncebackTargets-none.cmake"],
        }
        for package, files in expected.items():
            with self.subTest(package):
                self.assertEqual(self.files(package),
                                 sorted(files + [doc.format(package) for doc in docs]))

    def test_fields(self):
        version = self.version

        def depends(package):
            return {d.split(" (")[0]: d for d in self.field(package, "Depends").split(", ")}

        self.assertEqual(self.field("bounceback", "Section"), "utils")
        self.assertEqual(depends("bounceback")["libbounceback0"], f"libbounceback0 (>= {version})")
        self.assertNotIn("libfmt9", depends("bounceback"))  # fmt is compiled into the program
        self.assertEqual(self.field("libbounceback0", "Section"), "libs")
        self.assertEqual(self.field("libbounceback-dev", "Section"), "libdevel")
        for library in ("libtomlplusplus3", "libutf8proc2", "libstdc++6", "libc6"):
            self.assertIn(library, depends("libbounceback0"))
        self.assertEqual(depends("libbounceback-dev")["libbounceback0"], f"libbounceback0 (= {version})")
        self.assertIn("libtomlplusplus-dev", depends("libbounceback-dev"))  # its headers include toml++
        for package in ("libbounceback0", "libbounceback-dev"):
            self.assertEqual(self.field(package, "Multi-Arch"), "same", package)
        # The library is declared for programs that link it and registered with ldconfig.
        with tempfile.TemporaryDirectory() as control:
            self.assertEqual(run(["dpkg-deb", "--control", self.debs["libbounceback0"], control])
                             .returncode, 0)
            self.assertEqual(pathlib.Path(control, "shlibs").read_text(),
                             f"libbounceback 0 libbounceback0 (>= {version})\n")
            self.assertIn("activate-noawait ldconfig", pathlib.Path(control, "triggers").read_text())

    def test_lintian_pedantic_says_nothing(self):
        if shutil.which("lintian") is None:
            self.fail("lintian is not installed (scripts/dev test installs it)")
        changes = os.environ["BOUNCEBACK_CHANGES"]
        result = run(["lintian", "--pedantic", changes], timeout=600)
        # As root lintian says once that it would rather not be; that is no finding.
        stderr = result.stderr.replace("running with root privileges is not recommended!\n", "")
        self.assertEqual((result.returncode, result.stdout, stderr), (0, "", ""))


@needs_packages
class FreshDebian(unittest.TestCase):
    """The packages installed into a fresh minimal Debian system, and used there."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        reason = fresh_system.why_not_available()
        if reason:
            raise unittest.SkipTest(reason)
        cls.debs = read_changes()
        cls.version = changelog_version()
        cls.minbase, with_tools = fresh_system.prepare()
        # One system for the checks that need the tools: the three packages installed into a
        # fresh copy of minbase with man, bash-completion, g++, cmake and pkg-config.
        cls._system = fresh_system.fresh_copy(with_tools)
        cls.root = cls._system.__enter__()
        try:
            result = fresh_system.install(cls.root, [cls.debs[p] for p in PACKAGES])
            if result.returncode != 0:
                raise AssertionError(f"apt-get install of the three packages failed:\n"
                                     f"{result.stdout}{result.stderr}")
        except BaseException:
            cls._system.__exit__(None, None, None)
            raise

    @classmethod
    def tearDownClass(cls):
        cls._system.__exit__(None, None, None)

    def run_in(self, command, **kwargs):
        return fresh_system.run_in(self.root, command, **kwargs)

    def test_program_alone_on_minbase(self):
        # bounceback's Depends bring all it needs to a system that has nothing else.
        with fresh_system.fresh_copy(self.minbase) as root:
            result = fresh_system.install(root, [self.debs["bounceback"], self.debs["libbounceback0"]])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            result = fresh_system.run_in(root, "bounceback --version && "
                                         "bounceback --home /tmp/h log Acme --stage onsite --porcelain && "
                                         "bounceback --home /tmp/h log list --json")
            self.assertEqual(result.returncode, 0, result.stderr)
            version, rejection, listing = result.stdout.split("\n", 2)
            self.assertEqual((version, rejection), (self.version, "1"))
            self.assertEqual([r["company"] for r in json.loads(listing)], ["Acme"])
            libraries = fresh_system.run_in(root, "ldd /usr/bin/bounceback").stdout
            self.assertRegex(libraries, rf"libbounceback\.so\.0 => (/usr)?/lib/{MULTIARCH}/"
                                        r"libbounceback\.so\.0 ")

    def test_version(self):
        result = self.run_in("bounceback --version")
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, self.version + "\n", ""))

    def test_man_page(self):
        result = self.run_in("man -w bounceback-log && MANPAGER=cat MANWIDTH=80 man bounceback-log")
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        where, page = result.stdout.split("\n", 1)
        self.assertEqual(where, "/usr/share/man/man1/bounceback-log.1.gz")
        self.assertRegex(page, r"(?m)^NAME\n +bounceback-log ")

    def test_bash_completion(self):
        self.assertEqual(self.run_in("bounceback --home /tmp/c log Globex --porcelain").stdout, "1\n")
        result = self.run_in(BASH_COMPLETION, env={"BOUNCEBACK_HOME": "/tmp/c"})
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "log\n1\n", ""))

    def test_program_built_with_pkg_config(self):
        self.write_consumer("/tmp/pc")
        result = self.run_in("cd /tmp/pc && g++ -std=c++20 main.cpp -o consumer "
                             "$(pkg-config --cflags --libs bounceback) && ./consumer")
        self.assertEqual((result.returncode, result.stdout), (0, STAGES), result.stderr)

    def test_program_built_with_cmake_find_package(self):
        self.write_consumer("/tmp/cm")
        result = self.run_in("cd /tmp/cm && cmake -S . -B build >/dev/null && "
                             "cmake --build build >/dev/null && build/consumer")
        self.assertEqual((result.returncode, result.stdout), (0, STAGES), result.stderr)

    def write_consumer(self, folder):
        path = pathlib.Path(self.root, folder.lstrip("/"))
        path.mkdir()
        (path / "main.cpp").write_text(CONSUMER)
        (path / "CMakeLists.txt").write_text(CONSUMER_CMAKE)


if __name__ == "__main__":
    unittest.main()
