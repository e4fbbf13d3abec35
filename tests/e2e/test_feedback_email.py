"""End-to-end: `bounceback feedback-email`, every format and every error.

The .eml output is read with email.parser.BytesParser(policy=email.policy.default) and the mailto
URI with urllib.parse; both must give back exactly the subject, addresses and body that the text
form shows, for ASCII and non-ASCII names and companies.
"""

import datetime
import email.policy
import json
import os
import pathlib
import re
import sys
import unittest
import urllib.parse
from email.parser import BytesParser

from bbtest import BounceTestCase

D = datetime.date
REPO = pathlib.Path(__file__).resolve().parents[2]
BUILTINS = ("after-application", "after-interview", "follow-up")
INTERVIEW_STAGES = ("screen", "technical", "onsite", "final", "offer")


def split_text_draft(text):
    """(headers dict, body) of a text draft: header lines, a blank line, the body."""
    head, sep, body = text.partition("\n\n")
    assert sep, "no blank line in the draft:\n" + text
    headers = {}
    for line in head.split("\n"):
        name, colon, value = line.partition(": ")
        assert colon, "not a header line: %r" % line
        headers[name] = value
    return headers, body


def parse_eml(raw):
    """The message in `raw` (bytes) after checking line ends and lengths."""
    assert raw.endswith(b"\r\n"), raw[-20:]
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF in the message"
    assert b"\r" not in raw.replace(b"\r\n", b""), "bare CR in the message"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 998, "line of %d octets" % len(line)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(c < 128 for c in head), "non-ASCII bytes in the headers"
    msg = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert not msg.defects, msg.defects
    return msg


def addresses(msg, name):
    header = msg[name]
    if header is None:
        return []
    return [(a.display_name, a.addr_spec) for a in header.addresses]


def parse_mailto(uri):
    """(recipients, fields) of a mailto: URI, every value unquoted as UTF-8."""
    assert uri.isascii() and " " not in uri, uri
    parts = urllib.parse.urlsplit(uri)
    assert parts.scheme == "mailto", uri
    fields = {}
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        assert key not in fields, "repeated " + key
        fields[key] = urllib.parse.unquote(value, errors="strict")
    return urllib.parse.unquote(parts.path, errors="strict"), fields


class FeedbackEmailCase(BounceTestCase):
    """Helpers: a config, a templates folder, editors."""

    def init(self, *args):
        self.ok("init", *args)

    def templates_dir(self):
        return self.path("templates")

    def write_template(self, name, text):
        return self.write_file(self.templates_dir() / (name + ".mustache"), text)

    def editor(self, body):
        """An editor: a Python script run with the draft's path as argv[1]."""
        return str(self.write_script("editor.py", "#!%s\nimport sys\npath = sys.argv[1]\n%s"
                                     % (sys.executable, body)))

    def requested(self, entry_id):
        for r in self.read_toml("rejections", "2026-11.toml")["rejection"]:
            if r["id"] == entry_id:
                return r.get("feedback", {}).get("requested")
        self.fail("no rejection %d" % entry_id)

    def draft(self, *args, **kwargs):
        """The text draft of feedback-email ARGS, split into (headers, body)."""
        return split_text_draft(self.ok("feedback-email", *args, **kwargs))


class Templates(FeedbackEmailCase):
    def test_stage_picks_the_template(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        no_stage = self.log("Acme", "--role", "Backend Engineer")
        application = self.log("Globex", "--stage", "application")
        for entry_id in (no_stage, application):
            with self.subTest(entry=entry_id):
                default = self.ok("feedback-email", entry_id)
                self.assertEqual(default, self.ok("feedback-email", entry_id, "--template",
                                                  "after-application"))
                self.assertNotEqual(default, self.ok("feedback-email", entry_id, "--template",
                                                     "after-interview"))
        for stage in INTERVIEW_STAGES:
            with self.subTest(stage=stage):
                entry_id = self.log("Initech " + stage, "--stage", stage, "--role", "SRE")
                default = self.ok("feedback-email", entry_id)
                self.assertEqual(default, self.ok("feedback-email", entry_id, "--template",
                                                  "after-interview"))
                headers, body = split_text_draft(default)
                self.assertIn(stage, body, "after-interview mentions the stage")
                self.assertIn("Initech " + stage, body)
                self.assertIn("SRE", headers["Subject"])

    def test_every_builtin_renders_warm_short_and_asks_questions(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("O'Brien & Co", "--role", "Data Engineer", "--stage", "onsite",
                            "--contact", "Dr. Jane Doe", "--email", "jane@obrien.example")
        for name in BUILTINS:
            with self.subTest(template=name):
                # A follow-up of a request never made needs --force; the name is quoted as in .eml.
                force = ["--force"] if name == "follow-up" else []
                headers, body = self.draft(entry_id, "--template", name, *force)
                self.assertEqual(headers["To"], '"Dr. Jane Doe" <jane@obrien.example>')
                self.assertIn("Data Engineer", headers["Subject"])
                self.assertTrue(body.startswith("Dear Jane,\n"), body)
                self.assertIn("O'Brien & Co", body, "no HTML escaping")
                self.assertNotIn("&amp;", body)
                self.assertNotIn("&#39;", body)
                self.assertNotIn("{{", body)
                self.assertIn("thank", body.lower())
                self.assertTrue(body.rstrip("\n").endswith("Sam Lee"), body)
                self.assertLess(len(body.split()), 200, "short")
                questions = body.count("?")
                self.assertGreaterEqual(questions, 1 if name != "follow-up" else 0)
                self.assertLessEqual(questions, 3)

    def test_greeting_without_and_with_contact(self):
        bare = self.log("Acme")
        _, body = self.draft(bare)
        self.assertTrue(body.startswith("Hello,\n"), body)
        self.assertNotIn("Dear ,", body)
        self.assertNotIn("Dear", body)
        titled = self.log("Globex", "--contact", "Dr. Jane Doe")
        _, body = self.draft(titled)
        self.assertTrue(body.startswith("Dear Jane,\n"), body)

    def test_no_recipient_in_text_form_when_entry_has_no_email(self):
        entry_id = self.log("Acme")
        headers, _ = self.draft(entry_id)
        self.assertEqual(list(headers), ["Subject"])

    def test_builtins_come_from_templates_folder(self):
        rows = json.loads(self.ok("feedback-email", "--list-templates", "--json"))
        self.assertEqual([r["name"] for r in rows], list(BUILTINS))
        for row in rows:
            with self.subTest(template=row["name"]):
                self.assertEqual(row["origin"], "built-in")
                source = (REPO / "templates" / (row["name"] + ".mustache")).read_text()
                self.assertEqual(row["first_line"], source.split("\n")[0])

    def test_list_templates_table_and_json_with_user_templates(self):
        self.write_template("after-interview", "Subject: My own interview note\n\nHi {{company}}\n")
        self.write_template("nudge", "Subject: Just checking in\n\nHi\n")
        self.write_template("bad.name", "Subject: skipped\n\nx\n")
        table = self.ok("feedback-email", "--list-templates")
        lines = table.splitlines()
        self.assertIn("NAME", lines[0])
        row = {line.split()[0]: line for line in lines[1:] if line.strip()}
        self.assertIn("built-in", row["after-application"])
        self.assertIn("user (overrides built-in)", row["after-interview"])
        self.assertIn("Subject: My own interview note", row["after-interview"])
        self.assertIn("built-in", row["follow-up"])
        self.assertIn("user", row["nudge"])
        self.assertNotIn("bad.name", table)
        rows = {r["name"]: r for r in json.loads(self.ok("feedback-email", "--list-templates",
                                                          "--json"))}
        self.assertEqual(sorted(rows), ["after-application", "after-interview", "follow-up",
                                        "nudge"])
        self.assertEqual(rows["after-application"]["origin"], "built-in")
        self.assertTrue(rows["after-interview"]["origin"].startswith("user (overrides built-in)"),
                        rows["after-interview"])
        self.assertIn(str(self.templates_dir() / "after-interview.mustache"),
                      rows["after-interview"]["origin"])
        self.assertEqual(rows["after-interview"]["first_line"], "Subject: My own interview note")
        self.assertTrue(rows["nudge"]["origin"].startswith("user"), rows["nudge"])

    def test_user_template_overrides_builtin(self):
        self.write_template("after-application",
                            "Subject: Mine for {{company}}\n\nHello from my template, {{company}}.\n")
        entry_id = self.log("O'Brien & Co")
        headers, body = self.draft(entry_id)
        self.assertEqual(headers["Subject"], "Mine for O'Brien & Co")
        self.assertEqual(body, "Hello from my template, O'Brien & Co.\n")

    def test_user_template_with_unknown_variable(self):
        path = self.write_template("mine", "Subject: Hi\n\nDear team,\n\nAt {{compnay}} I...\n")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--template", "mine")
        self.assertExit(r, 65)
        self.assertEqual(r.out, "")
        self.assertIn("compnay", r.err)
        self.assertIn("%s:5:" % path, r.err)
        self.assertIn("company", r.err, "suggests the closest name")

    def test_user_template_bare_absent_variable(self):
        path = self.write_template("mine", "Subject: Hi\n\nDear {{contact}},\n")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--template", "mine")
        self.assertExit(r, 65)
        self.assertIn("%s:3:6" % path, r.err)
        self.assertIn("contact", r.err)
        # Guarded, it is fine.
        self.write_template("mine", "Subject: Hi\n\n{{#contact}}Dear {{contact}},{{/contact}}"
                                    "{{^contact}}Hello,{{/contact}}\n")
        self.assertEqual(self.draft(entry_id, "--template", "mine")[1], "Hello,\n")

    def test_user_template_unclosed_section(self):
        path = self.write_template("mine", "Subject: Hi\n\nLine\n  {{#role}}for {{role}}\n")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--template", "mine")
        self.assertExit(r, 65)
        self.assertEqual(r.out, "")
        self.assertIn("%s:4:3" % path, r.err)
        self.assertIn("role", r.err)

    def test_template_name_rules(self):
        entry_id = self.log("Acme")
        self.write_file(self.path("x.mustache"), "Subject: outside\n\nx\n")
        for name in ("../x", "/etc/passwd", "a.b", "a/b", ""):
            with self.subTest(name=name):
                r = self.bb("feedback-email", entry_id, "--template", name)
                self.assertExit(r, 64)
                self.assertEqual(r.out, "")

    def test_unknown_template(self):
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--template", "folow-up")
        self.assertExit(r, 66)
        self.assertEqual(r.out, "")
        self.assertIn("folow-up", r.err)
        self.assertIn("follow-up", r.err, "did you mean")

    def test_symlinked_template_is_refused(self):
        secret = self.write_file(pathlib.Path(self.tmp, "secret.txt"), "Subject: SECRET\n\nSECRET\n")
        self.templates_dir().mkdir(parents=True, exist_ok=True)
        os.symlink(secret, self.templates_dir() / "evil.mustache")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--template", "evil")
        self.assertExit(r, 65)
        self.assertEqual(r.out, "")
        self.assertNotIn("SECRET", r.err)


class Formats(FeedbackEmailCase):
    def test_eml_ascii(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme", "--role", "Backend Engineer", "--stage", "screen",
                            "--contact", "Jane Doe", "--email", "jane@acme.example")
        headers, body = self.draft(entry_id)
        r = self.bb("feedback-email", entry_id, "--format", "eml")
        self.assertExit(r, 0)
        msg = parse_eml(r.out.encode())
        self.assertEqual(addresses(msg, "From"), [("Sam Lee", "sam@example.com")])
        self.assertEqual(addresses(msg, "To"), [("Jane Doe", "jane@acme.example")])
        self.assertIsNone(msg["Cc"])
        self.assertEqual(str(msg["Subject"]), headers["Subject"])
        self.assertEqual(msg["MIME-Version"], "1.0")
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertEqual(msg["Content-Transfer-Encoding"], "7bit")
        self.assertIsNotNone(msg["Date"].datetime)
        self.assertRegex(msg["Message-ID"], r"^<[^<>@\s]+@example\.com>$")
        self.assertEqual(msg.get_content(), body.replace("\n", "\r\n"))

    def test_eml_non_ascii(self):
        self.init("--name", "José Müller", "--email", "jose@example.com")
        cases = [
            ("Müller & Söhne GmbH", "Zoë Ångström", "zoe@soehne.example", "Ingénieur"),
            ("王氏科技", "王小明", "wang@example.cn", "数据工程师"),
            ("Party Co 🎉", "Dr. José Núñez", "jose.n@party.example", "Fun 🎉 Engineer"),
        ]
        for company, contact, address, role in cases:
            with self.subTest(company=company):
                entry_id = self.log(company, "--contact", contact, "--email", address,
                                    "--role", role, "--stage", "technical")
                headers, body = self.draft(entry_id)
                self.assertIn(company, body)
                self.assertIn(role, headers["Subject"])
                r = self.bb("feedback-email", entry_id, "--format", "eml")
                self.assertExit(r, 0)
                raw = r.out.encode()
                self.assertTrue(raw.isascii(), "the whole message is 7-bit")
                msg = parse_eml(raw)
                self.assertEqual(addresses(msg, "From"), [("José Müller", "jose@example.com")])
                self.assertEqual(addresses(msg, "To"), [(contact, address)])
                self.assertEqual(str(msg["Subject"]), headers["Subject"])
                self.assertEqual(msg["Content-Transfer-Encoding"], "quoted-printable")
                self.assertEqual(msg.get_content(), body.replace("\n", "\r\n"))

    def test_eml_header_lines_are_folded(self):
        # RFC 2047 section 2: a header line holding an encoded word is at most 76 characters;
        # RFC 5322 section 2.1.1: other lines should stay within 78.
        self.init("--name", "José María García de la Fuente Müller", "--email", "jose@example.com")
        entry_id = self.log("Müller & Söhne GmbH", "--role", "Ingénieur données", "--stage",
                            "onsite", "--contact", "Zoë Ångström-Núñez y Pérez de Guzmán",
                            "--email", "zoe@soehne.example")
        raw = self.ok("feedback-email", entry_id, "--format", "eml").encode()
        msg = parse_eml(raw)
        self.assertEqual(str(msg["Subject"]), self.draft(entry_id)[0]["Subject"])
        head = raw.split(b"\r\n\r\n", 1)[0]
        long_lines = [line for line in head.split(b"\r\n")
                      if len(line) > (76 if b"=?" in line else 78)]
        self.assertEqual(long_lines, [])

    def test_eml_long_non_ascii_name_reads_back_exactly(self):
        # A display name too long for one encoded word (45 bytes of UTF-8) must still read back
        # exactly, without a space added where the words are split.
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        contact = "Zoë Ångström-Núñez y Pérez de Guzmán Hernández"
        entry_id = self.log("Acme", "--contact", contact, "--email", "zoe@acme.example")
        msg = parse_eml(self.ok("feedback-email", entry_id, "--format", "eml").encode())
        self.assertEqual(addresses(msg, "To"), [(contact, "zoe@acme.example")])

    def test_eml_needs_your_address(self):
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        r = self.bb("feedback-email", entry_id, "--format", "eml")
        self.assertExit(r, 78)
        self.assertEqual(r.out, "")
        self.assertIn("email", r.err)
        self.init("--name", "Sam Lee")  # a name but still no address
        self.assertExit(self.bb("feedback-email", entry_id, "--format", "eml"), 78)

    def test_eml_needs_a_recipient(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--format", "eml")
        self.assertExit(r, 64)
        self.assertEqual(r.out, "")
        self.assertIn("--to", r.err)

    def test_to_overrides_the_entry(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme", "--contact", "Jane Doe", "--email", "jane@acme.example")
        r = self.bb("feedback-email", entry_id, "--format", "eml", "--to",
                    '"Doe, Bob" <bob@acme.example>, hr@acme.example')
        self.assertExit(r, 0)
        msg = parse_eml(r.out.encode())
        self.assertEqual(addresses(msg, "To"), [("Doe, Bob", "bob@acme.example"),
                                                ("", "hr@acme.example")])
        headers, _ = self.draft(entry_id, "--to", "bob@acme.example")
        self.assertEqual(headers["To"], "bob@acme.example")
        # A recipient for an entry without one.
        bare = self.log("Globex")
        r = self.bb("feedback-email", bare, "--format", "eml", "--to", "hr@globex.example")
        self.assertExit(r, 0)
        self.assertEqual(addresses(parse_eml(r.out.encode()), "To"), [("", "hr@globex.example")])

    def test_template_to_and_cc(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        self.write_template("team", "Subject: Thanks, {{company}}\nTo: Hiring <hiring@acme.example>\n"
                                    "Cc: {{#email}}{{email}}{{/email}}\n\nThanks!\n")
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        r = self.bb("feedback-email", entry_id, "--template", "team", "--format", "eml")
        self.assertExit(r, 0)
        msg = parse_eml(r.out.encode())
        self.assertEqual(addresses(msg, "To"), [("Hiring", "hiring@acme.example")])
        self.assertEqual(addresses(msg, "Cc"), [("", "jane@acme.example")])
        self.assertEqual(str(msg["Subject"]), "Thanks, Acme")

    def test_invalid_to(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme")
        for to in ("not an address", "jane@", "jane <jane>", "josé@example.com"):
            for fmt in ("text", "eml", "mailto"):
                with self.subTest(to=to, format=fmt):
                    r = self.bb("feedback-email", entry_id, "--to", to, "--format", fmt)
                    self.assertExit(r, 64)
                    self.assertEqual(r.out, "")

    def test_mailto(self):
        self.init("--name", "José Müller", "--email", "jose@example.com")
        for company, role in (("Acme", "Backend Engineer"), ("Müller & Söhne? #1 100%", "数据 🎉")):
            with self.subTest(company=company):
                entry_id = self.log(company, "--role", role, "--email", "jane+jobs@acme.example",
                                    "--contact", "Jane")
                headers, body = self.draft(entry_id)
                out = self.ok("feedback-email", entry_id, "--format", "mailto")
                self.assertTrue(out.endswith("\n"))
                self.assertEqual(out.count("\n"), 1)
                self.assertIn("%0D%0A", out)
                to, fields = parse_mailto(out.strip())
                self.assertEqual(to, "jane+jobs@acme.example")
                self.assertEqual(sorted(fields), ["body", "subject"])
                self.assertEqual(fields["subject"], headers["Subject"])
                self.assertEqual(fields["body"], body.replace("\n", "\r\n"))
                self.assertIn(company, fields["body"])

    def test_bad_format(self):
        entry_id = self.log("Acme")
        for fmt in ("html", "EML", ""):
            with self.subTest(format=fmt):
                r = self.bb("feedback-email", entry_id, "--format", fmt)
                self.assertExit(r, 64)
                self.assertEqual(r.out, "")


class Output(FeedbackEmailCase):
    def test_output_file(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        for fmt in ("text", "mailto"):
            with self.subTest(format=fmt):
                printed = self.ok("feedback-email", entry_id, "--format", fmt)
                target = pathlib.Path(self.tmp, "draft-%s.txt" % fmt)
                r = self.bb("feedback-email", entry_id, "--format", fmt, "--output", target)
                self.assertExit(r, 0)
                self.assertEqual(r.out, "")
                self.assertEqual(target.read_text(), printed)
                self.assertEqual(self.mode(target), 0o600)
        # eml: the same but for the Date and Message-ID, which are made fresh each time.
        printed = self.ok("feedback-email", entry_id, "--format", "eml")
        target = pathlib.Path(self.tmp, "draft.eml")
        self.assertExit(self.bb("feedback-email", entry_id, "--format", "eml", "--output", target), 0)

        def stable(raw):
            return [l for l in raw.split(b"\r\n") if not l.startswith((b"Date:", b"Message-ID:"))]

        self.assertEqual(stable(target.read_bytes()), stable(printed.encode()))
        self.assertEqual(self.mode(target), 0o600)
        parse_eml(target.read_bytes())

    def test_output_is_private_whatever_the_umask(self):
        entry_id = self.log("Acme")
        target = pathlib.Path(self.tmp, "draft.txt")
        r = self.bb("feedback-email", entry_id, "--output", target,
                    wrap=["/bin/sh", "-c", 'umask 000; exec "$@"', "sh"])
        self.assertExit(r, 0)
        self.assertEqual(self.mode(target), 0o600)

    def test_output_refuses_to_overwrite_without_force(self):
        entry_id = self.log("Acme")
        target = pathlib.Path(self.tmp, "draft.txt")
        self.ok("feedback-email", entry_id, "--output", target)
        first = target.read_bytes()
        r = self.bb("feedback-email", entry_id, "--template", "after-interview", "--output", target)
        self.assertExit(r, 73)
        self.assertEqual(r.out, "")
        self.assertIn(str(target), r.err)
        self.assertEqual(target.read_bytes(), first)
        self.ok("feedback-email", entry_id, "--template", "after-interview", "--output", target, "--force")
        replaced = target.read_bytes()
        self.assertNotEqual(replaced, first)
        self.assertEqual(replaced.decode(), self.ok("feedback-email", entry_id, "--template",
                                                    "after-interview"))
        self.assertEqual(self.mode(target), 0o600)
        self.assertNoLeftovers()


class Edit(FeedbackEmailCase):
    def test_edit_changes_the_subject(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        editor = self.editor(
            "text = open(path, encoding='utf-8').read()\n"
            "lines = text.split('\\n')\n"
            "lines = ['Subject: Edited — thank you, Acme' if l.startswith('Subject:') else l"
            " for l in lines]\n"
            "open(path, 'w', encoding='utf-8').write('\\n'.join(lines).replace('Hello,', 'Hi there,'))\n")
        headers, body = self.draft(entry_id, "--edit", env={"EDITOR": editor})
        self.assertEqual(headers["Subject"], "Edited — thank you, Acme")
        self.assertTrue(body.startswith("Hi there,\n"), body)
        r = self.bb("feedback-email", entry_id, "--edit", "--format", "eml", env={"EDITOR": editor})
        self.assertExit(r, 0)
        msg = parse_eml(r.out.encode())
        self.assertEqual(str(msg["Subject"]), "Edited — thank you, Acme")
        self.assertNoLeftovers()

    def test_visual_beats_editor(self):
        entry_id = self.log("Acme")
        visual = self.write_script("visual.sh", "#!/bin/sh\nsed -i 's/^Subject: .*/Subject: From VISUAL/' \"$1\"\n")
        editor = self.write_script("editor.sh", "#!/bin/sh\nexit 3\n")
        headers, _ = self.draft(entry_id, "--edit", env={"VISUAL": str(visual), "EDITOR": str(editor)})
        self.assertEqual(headers["Subject"], "From VISUAL")

    def test_edit_that_breaks_the_headers(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        target = pathlib.Path(self.tmp, "draft.txt")
        for name, script in (
            ("no blank line", "open(path, 'w').write('Subject: x\\nno blank line')\n"),
            ("bad header", "open(path, 'w').write('Subject: x\\nBcc: spy@example.com\\n\\nbody\\n')\n"),
            ("no subject", "open(path, 'w').write('To: a@example.com\\n\\nbody\\n')\n"),
        ):
            with self.subTest(case=name):
                before = self.snapshot()
                r = self.bb("feedback-email", entry_id, "--edit", "--output", target, "--mark-sent",
                            env={"EDITOR": self.editor(script)})
                self.assertExit(r, 65)
                self.assertEqual(r.out, "")
                self.assertFalse(target.exists())
                # The draft as saved is kept where the message says, and offered back.
                kept = re.search(r"kept in (\S+\.toml);", r.err)
                self.assertIsNotNone(kept, r.err)
                self.assertIn("bounceback feedback-email %d --edit" % entry_id, r.err)
                self.assertIn("body" if name != "no blank line" else "no blank line",
                              pathlib.Path(kept.group(1)).read_text())
                os.unlink(kept.group(1))
                self.assertEqual(self.snapshot(), before, "nothing written, not marked")
                self.assertNoLeftovers()

    def test_editor_failure_writes_nothing(self):
        entry_id = self.log("Acme")
        target = pathlib.Path(self.tmp, "draft.txt")
        before = self.snapshot()
        editor = self.editor("open(path, 'w').write('Subject: changed\\n\\nbody\\n')\nsys.exit(2)\n")
        r = self.bb("feedback-email", entry_id, "--edit", "--output", target, "--mark-sent",
                    env={"EDITOR": editor})
        self.assertExit(r, 1)
        self.assertEqual(r.out, "")
        self.assertFalse(target.exists())
        self.assertEqual(self.snapshot(), before)
        self.assertNoLeftovers()

    def test_editor_command_is_not_run_by_a_shell(self):
        entry_id = self.log("Acme")
        marker = pathlib.Path(self.tmp, "pwned")
        r = self.bb("feedback-email", entry_id, "--edit",
                    env={"EDITOR": "true; touch %s" % marker})
        # Split at spaces and run directly: there is no program called "true;".
        self.assertExit(r, 1)
        self.assertEqual(r.out, "")
        self.assertFalse(marker.exists())


class Tracking(FeedbackEmailCase):
    def test_mark_sent(self):
        entry_id = self.log("Acme", "--date", "2026-11-20")
        self.assertIsNone(self.requested(entry_id))
        r = self.bb("feedback-email", entry_id, "--mark-sent")
        self.assertExit(r, 0)
        self.assertTrue(r.out.startswith("Subject: "), "the draft is still printed")
        self.assertEqual(self.requested(entry_id), D(2026, 11, 25))
        shown = json.loads(self.ok("log", "show", entry_id, "--json"))
        self.assertEqual(shown["feedback"]["requested"], "2026-11-25")
        self.assertNoLeftovers()

    def test_mark_sent_only_after_success(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme")
        before = self.snapshot()
        for args, code in ((("--format", "eml"), 64),            # no recipient
                           (("--template", "nope"), 66),
                           (("--template", "../x"), 64),
                           (("--to", "bad address"), 64),
                           (("--format", "pdf"), 64)):
            with self.subTest(args=args):
                r = self.bb("feedback-email", entry_id, "--mark-sent", *args)
                self.assertExit(r, code)
                self.assertEqual(r.out, "")
                self.assertEqual(self.snapshot(), before)
        self.assertIsNone(self.requested(entry_id))
        target = pathlib.Path(self.tmp, "exists.txt")
        target.write_text("keep me")
        r = self.bb("feedback-email", entry_id, "--mark-sent", "--output", target)
        self.assertExit(r, 73)
        self.assertIsNone(self.requested(entry_id), "not marked when the output file is refused")
        self.assertEqual(target.read_text(), "keep me")

    def test_due_after_seven_days(self):
        waited = self.log("Acme", "--date", "2026-11-10")
        recent = self.log("Globex", "--date", "2026-11-10")
        answered = self.log("Initech", "--date", "2026-11-10")
        never = self.log("Umbrella", "--date", "2026-11-10")
        self.ok("feedback-email", waited, "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-18"})
        self.ok("feedback-email", recent, "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-20"})
        self.ok("feedback-email", answered, "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-11"})
        self.ok("log", "feedback", answered, "Thanks for asking")
        self.assertEqual(self.requested(waited), D(2026, 11, 18))
        self.assertIsNone(self.requested(never))
        out = self.ok("feedback-email", "--due")
        self.assertIn("Acme", out)
        self.assertNotIn("Globex", out)
        self.assertNotIn("Initech", out)
        self.assertNotIn("Umbrella", out)
        self.assertIn("follow-up", out, "suggests the follow-up template")
        self.assertIn("7 days", out)
        due = json.loads(self.ok("feedback-email", "--due", "--json"))
        self.assertEqual([d["id"] for d in due], [waited])
        self.assertEqual(due[0]["company"], "Acme")
        self.assertEqual(due[0]["feedback"]["requested"], "2026-11-18")
        # Six days: not yet.
        self.assertEqual(json.loads(self.ok("feedback-email", "--due", "--json",
                                            env={"BOUNCEBACK_TODAY": "2026-11-24"})), [])
        # Later, the recent one is due too.
        later = json.loads(self.ok("feedback-email", "--due", "--json",
                                   env={"BOUNCEBACK_TODAY": "2026-11-27"}))
        self.assertEqual(sorted(d["id"] for d in later), [waited, recent])

    def test_due_with_configured_wait(self):
        self.init("--name", "Sam Lee")
        config = self.path("config.toml")
        text = config.read_text()
        self.assertIn("# follow_up_days = 7", text)
        config.write_text(text.replace("# follow_up_days = 7", "follow_up_days = 3"))
        entry_id = self.log("Acme", "--date", "2026-11-10")
        self.ok("feedback-email", entry_id, "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-22"})
        due = json.loads(self.ok("feedback-email", "--due", "--json"))
        self.assertEqual([d["id"] for d in due], [entry_id])
        self.assertEqual(json.loads(self.ok("feedback-email", "--due", "--json",
                                            env={"BOUNCEBACK_TODAY": "2026-11-24"})), [])

    def test_nothing_due(self):
        self.log("Acme")
        out = self.ok("feedback-email", "--due")
        self.assertNotIn("Acme", out)
        self.assertEqual(json.loads(self.ok("feedback-email", "--due", "--json")), [])

    def test_follow_up_recalls_the_request_date(self):
        entry_id = self.log("Acme", "--date", "2026-11-10")
        self.ok("feedback-email", entry_id, "--mark-sent", env={"BOUNCEBACK_TODAY": "2026-11-12"})
        _, body = self.draft(entry_id, "--template", "follow-up")
        self.assertIn("2026-11-12", body)


class Errors(FeedbackEmailCase):
    def test_unknown_id(self):
        self.log("Acme")
        r = self.bb("feedback-email", "42")
        self.assertExit(r, 66)
        self.assertEqual(r.out, "")
        self.assertIn("42", r.err)

    def test_no_id_and_no_flag(self):
        r = self.bb("feedback-email")
        self.assertExit(r, 64)
        self.assertEqual(r.out, "")

    def test_modes_are_exclusive(self):
        entry_id = self.log("Acme")
        for args in ((entry_id, "--due"), (entry_id, "--list-templates"),
                     ("--due", "--list-templates"), (entry_id, "--json")):
            with self.subTest(args=args):
                r = self.bb("feedback-email", *args)
                self.assertExit(r, 64)
                self.assertEqual(r.out, "")

    def test_header_injection_from_a_hand_edited_file(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        self.write_file(self.path("rejections", "2026-11.toml"),
                        'version = 1\n\n[[rejection]]\ncompany = "Acme"\n'
                        'contact = "Jane\\r\\nBcc: evil@example.com"\ndate = 2026-11-20\n'
                        'email = "jane@acme.example"\nid = 1\n')
        self.write_file(self.path("store.toml"), "version = 1\n\n[next]\nrejection = 2\n")
        before = self.snapshot()
        for fmt in ("text", "eml", "mailto"):
            with self.subTest(format=fmt):
                r = self.bb("feedback-email", "1", "--format", fmt, "--mark-sent")
                self.assertExit(r, 65)
                self.assertEqual(r.out, "")
                self.assertNotIn("Bcc: evil", r.out)
                self.assertIn("2026-11.toml", r.err)
                self.assertEqual(self.snapshot(), before)

    def test_header_injection_through_to(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme")
        for to in ("a@b.com\r\nBcc: x@y.com", "a@b.com\nBcc: x@y.com",
                   "Jane\r\nBcc: x@y.com <a@b.com>"):
            for fmt in ("text", "eml", "mailto"):
                with self.subTest(to=to, format=fmt):
                    r = self.bb("feedback-email", entry_id, "--to", to, "--format", fmt)
                    self.assertExit(r, 65)
                    self.assertIn("header injection", r.err)
                    self.assertEqual(r.out, "")

    def test_an_empty_to_is_a_usage_error(self):
        entry_id = self.log("Acme", "--email", "jane@acme.example")
        for fmt in ("text", "mailto"):
            with self.subTest(format=fmt):
                r = self.bb("feedback-email", entry_id, "--to", "", "--format", fmt)
                self.assertExit(r, 64)
                self.assertEqual(r.out, "")

    def test_header_injection_message_names_it(self):
        self.init("--name", "Sam Lee", "--email", "sam@example.com")
        entry_id = self.log("Acme")
        r = self.bb("feedback-email", entry_id, "--to", "Jane\nBcc: x@y.com <a@b.com>",
                    "--format", "eml")
        self.assertExit(r, 65)
        self.assertIn("header injection", r.err)

    def test_help_lists_every_option(self):
        out = self.ok("feedback-email", "--help")
        for option in ("--template", "--format", "--to", "--output", "--force", "--edit",
                       "--mark-sent", "--list-templates", "--due", "--json"):
            self.assertIn(option, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
