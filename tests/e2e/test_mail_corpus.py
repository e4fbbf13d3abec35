"""The labelled mail corpus: is each message read as what it is, and is a rejection logged right?

tests/fixtures/mail holds messages written for this test (rejections and everything that is not
one: acknowledgements, interview invitations, assessments, offers, updates, job alerts …, in six
languages, through every forward style, applicant-tracking systems and charsets); labels.toml
says what each is and, for a rejection, the company, stage and date it must be logged with.

Each message goes through `bounceback log --from-email FILE --dry-run --json`, as a mail filter
would send it, for a person whose `[me] email` is the corpus's recipient, in Europe/Berlin. The
test prints precision and recall of "is a rejection" and the share of right companies, stages
and dates, per language and per kind, and fails below: precision 1.0 (no message that is not a
rejection may be logged), recall 0.95, each field 0.9. A second test reads the whole corpus as
one mbox and as a Maildir and checks that a mailbox is read exactly as its messages are, one by
one.
"""

import collections
import json
import os
import pathlib
import shutil
import sys
import tomllib
import unittest

from bbtest import BounceTestCase

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "mail"
ME = "jordan.lee@example.org"
TZ = "Europe/Berlin"
FIELDS = ("company", "stage", "date")
MIN_PRECISION = 1.0
MIN_RECALL = 0.95
MIN_FIELDS = 0.9


def labels():
    with open(CORPUS / "labels.toml", "rb") as f:
        return tomllib.load(f)["message"]


def share(right, total):
    return right / total if total else 1.0


class MailCorpus(BounceTestCase):
    def setUp(self):
        super().setUp()
        self.write_file(pathlib.Path(self.home, "config.toml"), f'[me]\nemail = "{ME}"\n')
        # The corpus's letters are dated up to 2027-01-02: read them on a day after all of them
        # (a date later than tomorrow is refused at entry).
        self.env = {"TZ": TZ, "BOUNCEBACK_TODAY": "2027-01-04"}

    def read(self, label):
        """The --dry-run --json report on one labelled message, and the exit status."""
        result = self.bb("log", "--from-email", CORPUS / label["file"], "--dry-run", "--json",
                         env=self.env)
        # 0: logged; 3: not a rejection; 65: a rejection that names no company.
        self.assertIn(result.code, (0, 3, 65), f"{label['file']}: {result.err}")
        return json.loads(result.out), result.code

    def test_the_corpus_is_big_and_varied_enough(self):
        all_labels = labels()
        files = sorted(p.name for p in CORPUS.glob("*.eml"))
        self.assertEqual(sorted(l["file"] for l in all_labels), files)
        self.assertGreaterEqual(len(all_labels), 80)
        self.assertGreaterEqual(sum(l["kind"] != "rejection" for l in all_labels), 25)
        languages = collections.Counter(l["language"] for l in all_labels)
        for language in ("de", "fr", "es", "nl", "pt"):
            self.assertGreaterEqual(languages[language], 5, language)
        styles = " ".join(l.get("style", "") for l in all_labels)
        for style in ("gmail forward", "outlook forward", "apple mail forward", "message/rfc822",
                      "greenhouse", "lever", "workday", "ashby"):
            self.assertIn(style, styles)
        charsets = " ".join(l.get("charset", "") for l in all_labels)
        for charset in ("iso-8859-1", "windows-1252", "quoted-printable", "base64"):
            self.assertIn(charset, charsets)

    def test_precision_recall_and_fields(self):
        by_language = collections.defaultdict(lambda: collections.Counter())
        by_kind = collections.defaultdict(lambda: collections.Counter())
        totals = collections.Counter()
        misses = []
        for label in labels():
            report, code = self.read(label)
            expected_rejection = label["kind"] == "rejection"
            logged = report["would_log"]
            expected_code = 0 if logged else 3
            if report["kind"] == "rejection" and "company" not in report["rejection"]:
                expected_code = 65
            self.assertEqual(code, expected_code, label["file"])
            rows = (by_language[label["language"]], by_kind[label["kind"]], totals)
            for row in rows:
                row["messages"] += 1
                row["kind right"] += report["kind"] == label["kind"]
                row["true positive"] += expected_rejection and logged
                row["false positive"] += (not expected_rejection) and logged
                row["false negative"] += expected_rejection and not logged
            if report["kind"] != label["kind"]:
                misses.append(f"{label['file']}: read as {report['kind']} ({report['why']}), "
                              f"labelled {label['kind']}")
            if not expected_rejection:
                continue
            entry = report["rejection"]
            for field in FIELDS:
                right = entry.get(field) == label[field]
                for row in rows:
                    row[field] += right
                    row["rejections"] += field == FIELDS[0]
                if not right:
                    misses.append(f"{label['file']}: {field} {entry.get(field)!r}, labelled "
                                  f"{label[field]!r} ({report['sources'].get(field, '-')})")

        def figures(row):
            tp, fp, fn = row["true positive"], row["false positive"], row["false negative"]
            out = [str(row["messages"]), f"{share(row['kind right'], row['messages']):.2f}",
                   f"{share(tp, tp + fp):.2f}", f"{share(tp, tp + fn):.2f}"]
            out += [f"{share(row[f], row['rejections']):.2f}" if row["rejections"] else "-"
                    for f in FIELDS]
            return out

        header = ["", "messages", "kind", "precision", "recall", *FIELDS]
        table = [header]
        table += [[language, *figures(row)] for language, row in sorted(by_language.items())]
        table += [[f"kind {kind}", *figures(row)] for kind, row in sorted(by_kind.items())]
        table += [["all", *figures(totals)]]
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        lines = ["", "Mail corpus: \"is a rejection\" and the fields of each rejection logged"]
        lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table]
        lines += ["  miss: " + m for m in misses] or ["  no misses"]
        print("\n".join(lines), file=sys.stderr)

        tp, fp, fn = totals["true positive"], totals["false positive"], totals["false negative"]
        self.assertGreaterEqual(share(tp, tp + fp), MIN_PRECISION, "a non-rejection was logged")
        self.assertGreaterEqual(share(tp, tp + fn), MIN_RECALL)
        for field in FIELDS:
            self.assertGreaterEqual(share(totals[field], totals["rejections"]), MIN_FIELDS, field)

    def test_a_mailbox_is_read_as_its_messages_one_by_one(self):
        all_labels = labels()
        singles = {}
        for label in all_labels:
            report, _ = self.read(label)
            singles[label["file"]] = report
        # The corpus as one mbox (mboxrd: "From " lines in a text are quoted) and as a Maildir.
        mbox = pathlib.Path(self.tmp, "corpus.mbox")
        maildir = pathlib.Path(self.tmp, "Maildir")
        for sub in ("cur", "new", "tmp"):
            (maildir / sub).mkdir(parents=True)
        with open(mbox, "wb") as out:
            for i, label in enumerate(all_labels):
                raw = (CORPUS / label["file"]).read_bytes().replace(b"\r\n", b"\n")
                quoted = b"".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                                  for line in raw.splitlines(keepends=True))
                out.write(b"From MAILER-DAEMON Thu Dec 10 10:00:00 2026\n" + quoted)
                out.write(b"\n" if quoted.endswith(b"\n") else b"\n\n")
                shutil.copy(CORPUS / label["file"], maildir / "cur" / f"{1800000000 + i}.M{i}.host:2,S")
        for source in (["--from-mbox", mbox], ["--from-maildir", maildir]):
            with self.subTest(source[0]):
                result = self.bb("log", *source, "--dry-run", "--json", env=self.env)
                self.assertExit(result, 0)
                report = json.loads(result.out)
                self.assertEqual(report["messages"], len(all_labels))
                rows = report["rows"]
                for label, row in zip(all_labels, rows):
                    single = singles[label["file"]]
                    self.assertEqual(row["kind"], single["kind"], label["file"])
                    self.assertEqual(row["logged"], single["would_log"], label["file"])
                    # A mailbox shows a stage only for a rejection.
                    fields = ["company", "role", "date"]
                    fields += ["stage"] if single["kind"] == "rejection" else []
                    for field in fields:
                        self.assertEqual(row.get(field), single["rejection"].get(field),
                                         f"{label['file']} {field}")
                self.assertEqual(report["logged"], sum(r["would_log"] for r in singles.values()))
        self.assertIsNone(self.snapshot(pathlib.Path(self.home, "rejections")))


if __name__ == "__main__":
    unittest.main()
