"""End-to-end: the IDs commands take are the short number or the start of the record's uid, its
permanent identity (which stays the same when a sync gives the record another number)."""

import json
import unittest

from bbtest import BounceTestCase


class RecordIds(BounceTestCase):
    def uid_of(self, *show):
        return json.loads(self.ok(*show, "--json"))["uid"]

    def test_every_id_positional_takes_a_uid_prefix(self):
        acme = self.log("Acme", "--date", "2026-11-20")
        self.log("Globex", "--date", "2026-11-21")
        uid = self.uid_of("log", "show", str(acme))
        prefix = uid[:13]  # 8 digits, a hyphen and 4 more: never all digits
        self.assertEqual(json.loads(self.ok("log", "show", prefix, "--json"))["id"], acme)
        self.assertEqual(json.loads(self.ok("log", "show", prefix.upper(), "--json"))["id"], acme)
        self.ok("log", "edit", prefix, "--role", "Engineer")
        self.assertEqual(json.loads(self.ok("log", "show", str(acme), "--json"))["role"], "Engineer")
        self.ok("log", "feedback", prefix, "Kind words")
        self.assertIn("Acme", self.ok("feedback-email", prefix))
        self.ok("reflect", prefix, "--went-well", "calm")
        reflection = json.loads(self.ok("reflect", "list", "--json"))[0]
        self.assertEqual(reflection["rejection"], acme)
        self.assertEqual(reflection["rejection_uid"], uid)
        self.assertEqual(json.loads(self.ok("reflect", "show", reflection["uid"][:13], "--json"))["id"],
                         reflection["id"])
        self.ok("log", "win", "A calm day")
        win = json.loads(self.ok("log", "win", "list", "--json"))[0]
        self.ok("log", "win", "rm", win["uid"][:13], "--yes")
        self.assertEqual(json.loads(self.ok("log", "win", "list", "--json")), [])
        self.ok("log", "rm", uid, "--yes")
        self.assertExit(self.bb("log", "show", str(acme)), 66)

    def test_a_prefix_of_no_record_or_of_several_is_refused(self):
        month = self.path("rejections", "2026-11.toml")
        month.parent.mkdir(parents=True, mode=0o700)
        month.write_text(
            "version = 1\n\n"
            "[[rejection]]\ncompany = \"Acme\"\ndate = 2026-11-20\nid = 1\n"
            "uid = \"0193ab00-0000-7000-8000-000000000001\"\n\n"
            "[[rejection]]\ncompany = \"Globex\"\ndate = 2026-11-21\nid = 2\n"
            "uid = \"0193ab00-0000-7000-8000-000000000002\"\n")
        month.chmod(0o600)
        self.assertEqual(json.loads(self.ok("log", "show", "0193ab00-0000-7000-8000-000000000002",
                                            "--json"))["company"], "Globex")
        both = self.bb("log", "show", "0193ab")
        self.assertExit(both, 64)
        self.assertIn("'0193ab' starts the identity of more than one rejection (1, 2)", both.err)
        none = self.bb("log", "show", "0193ff")
        self.assertExit(none, 66)
        self.assertIn("no rejection has an identity (uid) that starts with '0193ff'", none.err)
        # All digits is a number, as before; and a word is still not an ID.
        self.assertExit(self.bb("log", "show", "1930"), 66)
        self.assertExit(self.bb("log", "show", "acme"), 64)

if __name__ == "__main__":
    unittest.main()
