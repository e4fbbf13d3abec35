"""End-to-end: `bounceback sync` through an encrypted git-remote-gcrypt remote.

Two homes share one bare repository on a local path, used through a `gcrypt::` URL, with a
throw-away GnuPG key (no passphrase) in a temp GNUPGHOME. The second home gets the first one's
records, and the remote holds none of them in a form anyone without the key can read.
"""

import json
import os
import pathlib
import shutil
import subprocess
import unittest

from bbtest import BounceTestCase

# Words of the records, and a line every record has, that must never reach the remote in clear.
# Each is at least four bytes: ciphertext is random, and a shorter word (TOML's "[[") turns up in
# it by chance: CI once found "[[" in an encrypted pack.
PLAINTEXT = (b"Acme", b"Initech", b"Globex", b"Hooli", b"Staff engineer", b"rejection", b'uid = "')

KEY_PARAMETERS = """\
%no-protection
Key-Type: EdDSA
Key-Curve: ed25519
Subkey-Type: ECDH
Subkey-Curve: cv25519
Name-Real: bounceback test
Name-Email: test@bounceback.invalid
Expire-Date: 0
%commit
"""


def need(program):
    if shutil.which(program) is None:
        raise unittest.SkipTest(f"{program} is not installed (scripts/dev test installs it)")


class GcryptRemote(BounceTestCase):
    def setUp(self):
        for program in ("git", "git-remote-gcrypt", "gpg", "gpgconf"):
            need(program)
        super().setUp()
        self.gnupg = os.path.join(self.tmp, "gnupg")
        os.mkdir(self.gnupg, 0o700)
        self.addCleanup(self.stop_gpg_agent)
        self.command("gpg", "--batch", "--quiet", "--gen-key", input=KEY_PARAMETERS)
        self.remote = os.path.join(self.tmp, "remote.git")
        self.command("git", "init", "--quiet", "--bare", self.remote)
        # With no gcrypt-participants set, git-remote-gcrypt 1.5 encrypts to the default key
        # (gpg --default-recipient-self) and signs with it: the one key of this GNUPGHOME.
        self.url = "gcrypt::" + self.remote
        self.home_b = os.path.join(self.tmp, "home-b")

    def env(self):
        return {"GNUPGHOME": self.gnupg}

    def command(self, *argv, input=None):
        """Runs a program (gpg, git) in the test's environment; asserts it succeeded."""
        proc = subprocess.run(argv, input=input, capture_output=True, text=True,
                              env=self.make_env(self.env()), cwd=self.tmp, timeout=120)
        self.assertEqual(proc.returncode, 0, "%s failed:\n%s%s" % (argv, proc.stdout, proc.stderr))
        return proc.stdout

    def stop_gpg_agent(self):
        subprocess.run(["gpgconf", "--kill", "all"], env=self.make_env(self.env()),
                       capture_output=True, timeout=60)

    def sync(self, *args, home=True):
        r = self.bb("sync", *args, home=home, env=self.env(), timeout=170)
        self.assertExit(r, 0, "sync %s" % (args,))
        return r.out

    def everything(self, home=True):
        """What `export` writes of `home`: every record, with its uid."""
        return json.loads(self.ok("export", home=home))

    def plaintext_in(self, root):
        """(where, word) for each word of PLAINTEXT found under `root`: in any file read as bytes,
        or in any git object stored there (git compresses objects, so a file read as bytes
        alone would miss a plain remote's records)."""
        found = []
        for dirpath, _, filenames in os.walk(root):
            for name in filenames:
                data = pathlib.Path(dirpath, name).read_bytes()
                found += [(os.path.join(dirpath, name), w) for w in PLAINTEXT if w in data]
        objects = subprocess.run(["git", "-C", root, "cat-file", "--batch-all-objects", "--batch"],
                                 capture_output=True, check=True, timeout=60).stdout
        found += [("git objects of " + root, w) for w in PLAINTEXT if w in objects]
        return found

    def add_records(self):
        self.log("Acme", "--date", "2026-10-12", "--stage", "onsite", "--role", "Staff engineer")
        self.log("Initech", "--date", "2026-11-03", "--stage", "screen")
        self.log("Globex", "--date", "2026-11-20")
        self.ok("log", "win", "Finished the take-home", "--date", "2026-11-21")

    def test_a_second_home_gets_the_records_and_the_remote_holds_no_plaintext(self):
        self.add_records()
        self.sync("--init", self.url)
        mine = self.everything()
        self.assertEqual(len(mine.get("rejection", [])), 3, mine)
        self.assertFalse(os.path.exists(self.home_b), "home B starts empty")
        self.sync("--init", self.url, home=self.home_b)
        self.assertEqual(self.everything(home=self.home_b), mine)
        self.assertEqual([e["company"] for e in self.list_json(home=self.home_b)],
                         [e["company"] for e in self.list_json()])

        # And back: a record logged on B reaches A.
        self.log("Hooli", "--date", "2026-11-24", home=self.home_b)
        self.sync(home=self.home_b)
        self.sync()
        self.assertEqual(self.everything(), self.everything(home=self.home_b))
        self.assertIn("Hooli", [e["company"] for e in self.list_json()])

        self.assertEqual(self.plaintext_in(self.remote), [])

    def test_the_plaintext_check_finds_a_plain_remote_s_records(self):
        # The check above could fail: the same records pushed to a plain remote are found.
        self.add_records()
        self.sync("--init")
        plain = os.path.join(self.tmp, "plain.git")
        self.command("git", "init", "--quiet", "--bare", plain)
        self.command("git", "-C", self.home, "push", "--quiet", plain, "main")
        found = {word for _, word in self.plaintext_in(plain)}
        self.assertTrue({b"Acme", b"rejection", b'uid = "'} <= found, found)


if __name__ == "__main__":
    unittest.main()
