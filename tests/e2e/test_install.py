"""End-to-end: `cmake --install` into a DESTDIR, and the .deb that CPack makes.

The build folder comes from $BOUNCEBACK_BUILD_DIR (set by ctest), else the folder two levels
above $BOUNCEBACK_BIN. Everything is written under a temp folder; nothing is installed on the
machine. The .deb part needs dpkg-deb and dpkg-shlibdeps (Debian package dpkg-dev).
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import unittest

import bbtest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("BOUNCEBACK_BUILD_DIR")
                     or pathlib.Path(bbtest.BIN).resolve().parents[1])

# Installed relative to the prefix; every one must be there.
REQUIRED = [
    "bin/bounceback",
    "lib/libbounceback.so",
    "lib/libbounceback.so.0",
    "lib/cmake/bounceback/bouncebackConfig.cmake",
    "lib/cmake/bounceback/bouncebackConfigVersion.cmake",
    "lib/cmake/bounceback/bouncebackTargets.cmake",
    "lib/pkgconfig/bounceback.pc",
    "include/bounceback/core/records.hpp",
    "include/bounceback/storage/store.hpp",
    "share/bash-completion/completions/bounceback",
    "share/zsh/vendor-completions/_bounceback",
    "share/fish/vendor_completions.d/bounceback.fish",
] + [f"share/man/man{p.suffix[1:]}/{p.name}" for p in sorted((REPO / "man").glob("*.[15]"))] + [
    f"share/bounceback/templates/{p.name}" for p in sorted((REPO / "templates").glob("*.mustache"))
] + [
    f"include/bounceback/{p.relative_to(REPO / 'lib/include/bounceback')}"
    for p in sorted((REPO / "lib/include/bounceback").rglob("*.hpp"))
]

# Where installed files may go, relative to the prefix.
ALLOWED = re.compile(r"^(bin/bounceback|lib/libbounceback\.so[.0-9]*|lib/cmake/bounceback/[^/]+"
                     r"|lib/pkgconfig/bounceback\.pc|include/bounceback/.+\.hpp"
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


def run(args, **kwargs):
    kwargs.setdefault("timeout", 120)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False,
                          **kwargs)


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
        for shipped, installed in [("bounceback.bash", "share/bash-completion/completions/bounceback"),
                                   ("_bounceback", "share/zsh/vendor-completions/_bounceback"),
                                   ("bounceback.fish", "share/fish/vendor_completions.d/bounceback.fish")]:
            self.assertEqual((self.prefix / installed).read_text(),
                             (REPO / "completions" / shipped).read_text(), installed)

    def test_installed_binary_runs(self):
        binary = self.prefix / "bin/bounceback"
        result = run([binary, "--version"], env=self.base_env())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^\d+\.\d+\.\d+\s*$")
        # It finds libbounceback next to it (RPATH $ORIGIN/../lib), not the build's copy.
        ldd = run(["ldd", binary])
        self.assertIn(str(self.prefix / "bin/../lib/libbounceback.so.0"), ldd.stdout)
        home = pathlib.Path(self.tmp, "home")
        result = run([binary, "--home", home, "log", "Acme", "--stage", "onsite", "--porcelain"],
                     env=self.base_env())
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "1\n", ""))
        result = run([binary, "--home", home, "log", "list", "--json"], env=self.base_env())
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
        run([self.prefix / "bin/bounceback", "--home", home, "log", "Acme", "--porcelain"],
            env=self.base_env())
        env = {**self.base_env(), "PATH": f"{self.prefix / 'bin'}:{os.environ['PATH']}",
               "BOUNCEBACK_HOME": str(home)}
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
        expected = "application\nscreen\ntechnical\nonsite\nfinal\noffer\n"
        env = {**os.environ, "PKG_CONFIG_PATH": str(self.prefix / "lib/pkgconfig")}
        with self.subTest("pkg-config"):
            flags = run(["pkg-config", "--cflags", "--libs", "bounceback"], env=env)
            self.assertEqual(flags.returncode, 0, flags.stderr)
            paths = {f[:2]: os.path.normpath(f[2:]) for f in flags.stdout.split()
                     if f[:2] in ("-I", "-L")}
            self.assertEqual(paths, {"-I": str(self.prefix / "include"),
                                     "-L": str(self.prefix / "lib")})
            program = source.parent / "with-pkg-config"
            result = run(["g++", "-std=c++20", source, "-o", program, *flags.stdout.split(),
                          f"-Wl,-rpath,{self.prefix / 'lib'}"])
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(run([program]).stdout, expected)
        with self.subTest("CMake find_package"):
            (source.parent / "CMakeLists.txt").write_text(
                "cmake_minimum_required(VERSION 3.25)\nproject(consumer CXX)\n"
                "find_package(bounceback 0.1 REQUIRED)\nadd_executable(consumer main.cpp)\n"
                "target_link_libraries(consumer PRIVATE bounceback::bounceback)\n")
            build = source.parent / "build"
            result = run(["cmake", "-S", source.parent, "-B", build, "-G", "Ninja",
                          f"-DCMAKE_PREFIX_PATH={self.prefix}"])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            result = run(["cmake", "--build", build])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(run([build / "consumer"]).stdout, expected)


class Deb(bbtest.BounceTestCase):
    """`cpack` makes a .deb with the right files and Depends."""

    def test_deb(self):
        for tool in ("dpkg-deb", "dpkg-shlibdeps"):
            if shutil.which(tool) is None:
                self.skipTest(f"{tool} is not installed (Debian package dpkg-dev; scripts/dev "
                              "installs it)")
        out = pathlib.Path(self.tmp, "pkg")
        result = run(["cpack", "--config", BUILD / "CPackConfig.cmake", "-B", out], cwd=BUILD)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        debs = list(out.glob("bounceback_*.deb"))
        self.assertEqual(len(debs), 1, result.stdout)
        deb = debs[0]
        self.assertRegex(deb.name, r"^bounceback_\d+\.\d+\.\d+-1_[a-z0-9]+\.deb$")

        listing = run(["dpkg-deb", "-c", deb]).stdout
        files = sorted(re.sub(r"^\./usr/", "", line.split()[5]) for line in listing.splitlines()
                       if not line.startswith("d"))
        missing = [f for f in REQUIRED if f not in files]
        self.assertEqual(missing, [], "not in the .deb")
        self.assertEqual([f for f in files if not ALLOWED.match(f)], [], "stray files in the .deb")

        fields = {}
        for name in ("Package", "Depends", "Section", "Maintainer", "Description", "Architecture"):
            fields[name] = run(["dpkg-deb", "-f", deb, name]).stdout.strip()
        self.assertEqual(fields["Package"], "bounceback")
        self.assertEqual(fields["Section"], "utils")
        self.assertRegex(fields["Maintainer"], r".+ <.+@.+>")
        self.assertTrue(fields["Description"].startswith("Bounce back from job rejections\n"))
        self.assertEqual(fields["Architecture"],
                         run(["dpkg", "--print-architecture"]).stdout.strip())
        depends = {d.split()[0] for d in fields["Depends"].split(", ")}
        for library in ("libc6", "libstdc++6", "libtomlplusplus3", "libutf8proc2"):
            self.assertIn(library, depends)
        # fmt is compiled into the binary (one library less to load at start-up).
        self.assertNotIn("libfmt9", depends)
        self.assertNotIn("bounceback", depends)
        # The library is registered with ldconfig and declared for packages that link it.
        control = pathlib.Path(self.tmp, "control")
        self.assertEqual(run(["dpkg-deb", "-e", deb, control]).returncode, 0)
        self.assertIn("ldconfig", (control / "postinst").read_text())
        self.assertRegex((control / "shlibs").read_text(), r"^libbounceback 0 bounceback ")


if __name__ == "__main__":
    unittest.main()
