"""End-to-end: `bounceback report` writes one private, self-contained HTML file.

The page is read with Python's html.parser through a strict checker of our own (reportcheck.py:
balanced tags, no script, no event handler, no reference to anything outside the file) and every
inline SVG with xml.etree. Its figures are compared with what `stats --json` says of the same
range. test_report_browser.py draws it in a real browser.
"""

import html
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import reportcheck
from bbtest import TODAY
from test_stats import StatsCase

HERE = pathlib.Path(__file__).resolve().parent
MAKE_HOME = HERE.parent.parent / "bench" / "make_stats_home.py"
DEFAULT_NAME = f"bounceback-report-{TODAY}.html"
# What a report covers by default: up to 26 weeks, from the week of the first record in them
# (the sample's first check-in is on Monday 2026-09-28).
DEFAULT_SINCE = "2026-09-28"
EVIL = '<script>alert(1)</script> "onload=alert(2)'

SECTIONS = ["Small wins", "How far applications went", "Rejections and wins, week by week",
            "Days from application to answer", "Feedback", "Reflections", "Routine", "Signals"]


class ReportCase(StatsCase):
    sample = None  # a home with the sample search, built once and copied for each test

    def setUp(self):
        super().setUp()
        if ReportCase.sample is None:
            ReportCase.sample = tempfile.mkdtemp(prefix="bb-e2e-report-sample-")
            self.build_sample()
            self.add_evil()
            shutil.copytree(self.home, os.path.join(ReportCase.sample, "home"))
        else:
            shutil.copytree(os.path.join(ReportCase.sample, "home"), self.home)

    def add_evil(self):
        """A company and a win whose names are markup, and a follow-up due for the company."""
        rid = self.log(EVIL, "--date", "2026-11-02", "--stage", "screen",
                       "--applied", "2026-10-20", env={"BOUNCEBACK_TODAY": "2026-11-02"})
        self.at("2026-11-03", "feedback-email", str(rid), "--mark-sent")
        self.at("2026-11-04", "log", "win", EVIL, "--date", "2026-11-04")

    def report(self, *args, **kwargs):
        """Runs `report --output -` and returns the page, after checking it strictly."""
        page = self.ok("report", "--output", "-", *args, **kwargs)
        self.assertCleanHtml(page)
        return page

    def assertCleanHtml(self, page):
        checker = reportcheck.check_html(page)
        self.assertEqual(checker.problems, [])
        svgs = reportcheck.parse_svgs(page)  # raises on an SVG that is not XML
        for svg in svgs:
            self.assertEqual(svg.tag, "svg")
            self.assertTrue(svg.get("viewBox"), "an SVG without a viewBox")
            self.assertEqual(svg.get("role"), "img")
            self.assertTrue(svg.get("aria-label"))
        return checker


def text_of(page):
    return " ".join("".join(reportcheck.check_html(page).text).split())


def table_after(page, caption):
    """The rows of the table captioned `caption`: lists of cell texts."""
    start = page.index(f"<caption>{caption}</caption>")
    body = page[start:page.index("</table>", start)]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        rows.append([re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)])
    return rows


class Report(ReportCase):
    def test_writes_a_private_file_named_by_the_day(self):
        result = self.bb("report")
        self.assertExit(result, 0)
        self.assertEqual(result.out, "")
        path = pathlib.Path(self.tmp, DEFAULT_NAME)
        self.assertTrue(path.is_file(), result.err)
        self.assertEqual(self.mode(path), 0o600)
        self.assertIn(f"Wrote your report to {DEFAULT_NAME} (", result.err)
        self.assertIn(f"Open it in any browser: file://{path}", result.err)
        self.assertCleanHtml(path.read_text(encoding="utf-8"))
        self.assertNoLeftovers()

    def test_never_replaces_a_file_without_force(self):
        path = pathlib.Path(self.tmp, "mine.html")
        path.write_text("keep me")
        result = self.bb("report", "--output", "mine.html")
        self.assertExit(result, 73)
        self.assertIn("mine.html", result.err)
        self.assertIn("--force", result.err)
        self.assertEqual(path.read_text(), "keep me")
        result = self.bb("report", "--output", "mine.html", "--force")
        self.assertExit(result, 0)
        self.assertTrue(path.read_text().startswith("<!DOCTYPE html>"))
        self.assertEqual(self.mode(path), 0o600)
        self.assertNoLeftovers()

    def test_a_folder_that_does_not_exist_is_exit_73(self):
        result = self.bb("report", "--output", "no/such/folder/report.html")
        self.assertExit(result, 73)
        self.assertIn("no/such/folder", result.err)

    def test_sections_in_order_kind_first(self):
        page = self.report()
        self.assertEqual(re.findall(r"<h2>(.*?)</h2>", page), SECTIONS)
        text = text_of(page)
        self.assertIn("6 small wins, 5 reflections and 16 rejections logged.", text)
        self.assertIn("28 September to 25 November 2026 · 9 weeks", text)

    def test_markup_in_names_is_text(self):
        page = self.report()
        checker = reportcheck.check_html(page)
        text = "".join(checker.text)
        self.assertIn(EVIL, text)  # the win, the follow-up and a signal name it
        self.assertGreaterEqual(text.count(EVIL), 2)
        self.assertNotIn("script", [tag for tag, _ in checker.tags])
        for tag, attrs in checker.tags:
            self.assertFalse([a for a in attrs if a.startswith("on")], (tag, attrs))
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &quot;onload=alert(2)", page)

    def test_nothing_outside_the_file(self):
        page = self.report()
        checker = reportcheck.check_html(page)
        links = [attrs["href"] for tag, attrs in checker.tags if "href" in attrs]
        self.assertTrue(links)
        self.assertTrue(all(link.startswith("#") for link in links), links)
        ids = {attrs["id"] for _, attrs in checker.tags if "id" in attrs}
        self.assertTrue({link[1:] for link in links} <= ids, "a link to a missing section")
        policy = [attrs["content"] for tag, attrs in checker.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
        self.assertEqual(len(policy), 1)
        self.assertIn("default-src 'none'", policy[0])
        self.assertNotRegex(page, r"(?i)https?:|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\((?!#)")

    def test_signals_word_for_word_as_stats(self):
        for report_args, stats_args in (
                ((), ("--since", DEFAULT_SINCE, "--until", TODAY)),
                (("--all",), ("--all",)),
                (("--since", "2026-10-01", "--until", "2026-10-31"),
                 ("--since", "2026-10-01", "--until", "2026-10-31"))):
            with self.subTest(args=report_args):
                page = self.report(*report_args)
                stats = self.stats_json(*stats_args)
                self.assertTrue(stats["signals"], "the sample should give signals")
                found = re.findall(r'<li data-signal="([a-z-]+)">(.*?)</li>', page, re.S)
                self.assertEqual([(sid, html.unescape(m)) for sid, m in found],
                                 [(s["id"], s["message"]) for s in stats["signals"]])

    def test_numbers_tables_match_stats(self):
        page = self.report("--all")
        stats = self.stats_json("--all")
        by_stage = stats["total"]["rejections"]["by_stage"]
        rows = table_after(page, "How far applications went, in numbers")
        self.assertEqual(rows[0], ["Stage", "Reached it", "Ended there"])
        ended = {row[0]: int(row[2]) for row in rows[1:] if row[2]}
        self.assertEqual(ended, {stage: n for stage, n in by_stage.items() if n})
        reached = [int(row[1]) for row in rows[1:-1] if row[1]]
        self.assertEqual(reached, sorted(reached, reverse=True))
        self.assertEqual(rows[-1], ["every application", str(stats["total"]["rejections"]["total"]), ""])
        weeks = table_after(page, "Wins and rejections per week") if len(stats["weeks"]) <= 12 \
            else None
        summary = re.search(r"<summary>Wins and rejections per week \((\d+) rows\)</summary>", page)
        if weeks is None:
            self.assertIsNotNone(summary)
            self.assertEqual(int(summary.group(1)), len(stats["weeks"]))
        feedback = dict((r[0], r[1]) for r in table_after(page, "Feedback in numbers")[1:])
        self.assertEqual(int(feedback["asked for in this range"]),
                         stats["total"]["feedback"]["requested"])

    def test_routine_calendar_shows_each_day(self):
        page = self.report("--since", "2026-11-16", "--until", "2026-11-29")
        titles = re.findall(r'class="([a-z]+)"><title>(\d{4}-\d\d-\d\d): ([a-z -]+)</title>', page)
        exercise = titles[14:28]  # connect, exercise, mindfulness: by name, 14 days each
        self.assertEqual(len(titles), 3 * 14, titles)
        # exercise: nothing in W47, done on Wednesday 2026-11-25, the rest of W48 to come.
        self.assertEqual(exercise[0], ("open", "2026-11-16", "no check-in"))
        self.assertEqual(exercise[9], ("done", "2026-11-25", "done"))
        self.assertEqual(exercise[10], ("future", "2026-11-26", "still to come"))
        self.assertEqual({c for c, _, _ in exercise}, {"open", "done", "future"})
        self.assertIn("Rest counts toward the week and never breaks a streak.", page)
        self.assertNotIn("not done", page)
        routine = table_after(page, "The routine, week by week")
        self.assertEqual(routine[0], ["Week", "From", "connect", "exercise", "mindfulness"])
        self.assertEqual(routine[1], ["2026-W47", "2026-11-16", "2 of 2, met", "0 of 3, not met",
                                      "4 of 4, met"])

    def test_a_range_that_ends_today_shows_no_day_after_it(self):
        page = self.report("--since", "2026-11-16", "--until", TODAY)
        self.assertNotIn("still to come", page)
        self.assertNotIn("2026-11-26", page)

    def test_by_default_up_to_26_weeks(self):
        """A search older than half a year is drawn over the last 26 weeks, from the week of
        the first record in them."""
        self.at("2026-01-05", "log", "Early Corp", "--date", "2026-01-05")
        page = self.report()
        self.assertIn("28 September to 25 November 2026 · 9 weeks", text_of(page))
        self.at("2026-06-03", "log", "Summer Corp", "--date", "2026-06-03")
        page = self.report()
        self.assertIn("1 June to 25 November 2026 · 26 weeks", text_of(page))
        rows = table_after(page, "How far applications went, in numbers")
        self.assertEqual(rows[-1], ["every application", "17", ""])  # not Early Corp

    def test_an_empty_home(self):
        empty = os.path.join(self.tmp, "empty")
        result = self.bb("report", "--output", "-", home=empty)
        self.assertExit(result, 0)
        self.assertCleanHtml(result.out)
        self.assertIn("A quiet stretch: nothing logged in this range.", result.out)
        self.assertNotIn("<svg", result.out)

    def test_options_that_do_not_go_together(self):
        for args, words in ((("--all", "--since", "2026-01-01"), "--all"),
                            (("--since", "soon"), "--since: 'soon' is not a date"),
                            (("--since", "2026-12-01"), "after today"),
                            (("--since", "2026-11-01", "--until", "2026-10-01"), "after --until"),
                            (("--output", "-", "--open"), "--open needs a file")):
            with self.subTest(args=args):
                result = self.bb("report", *args)
                self.assertExit(result, 64)
                self.assertIn(words, result.err)
        self.assertFalse(list(pathlib.Path(self.tmp).glob("*.html")))

    def test_bad_signal_thresholds_are_exit_78_before_anything_is_written(self):
        config = self.path("config.toml")
        config.write_text(config.read_text() + "\n[signals]\napplication_share = 2\n")
        result = self.bb("report")
        self.assertExit(result, 78)
        self.assertIn("application_share", result.err)
        self.assertFalse(pathlib.Path(self.tmp, DEFAULT_NAME).exists())


class Open(ReportCase):
    def fake_xdg_open(self, status=0):
        folder = pathlib.Path(self.tmp, "bin")
        folder.mkdir(exist_ok=True)
        self.calls = pathlib.Path(self.tmp, "xdg-open-calls")
        self.write_script("xdg-open", f'#!/bin/sh\necho "$@" >> "{self.calls}"\nexit {status}\n',
                          folder=folder)
        return {"PATH": f"{folder}:{os.environ.get('PATH', '/usr/bin:/bin')}"}

    def test_opens_with_xdg_open_when_there_is_a_display(self):
        for display in ({"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}):
            with self.subTest(display=display):
                env = {**self.fake_xdg_open(), **display}
                result = self.bb("report", "--open", "--force", env=env)
                self.assertExit(result, 0)
                self.assertEqual(self.calls.read_text(), DEFAULT_NAME + "\n")
                self.assertNotIn("Open it in any browser", result.err)
                self.calls.unlink()

    def test_says_how_to_open_it_without_a_display(self):
        env = {**self.fake_xdg_open(), "DISPLAY": None, "WAYLAND_DISPLAY": None}
        result = self.bb("report", "--open", env=env)
        self.assertExit(result, 0)
        self.assertFalse(self.calls.exists(), "xdg-open ran with no display")
        self.assertIn("There is no display here to open it on", result.err)
        self.assertIn(f"file://{self.tmp}/{DEFAULT_NAME}", result.err)

    def test_a_failing_xdg_open_is_reported_and_the_file_kept(self):
        env = {**self.fake_xdg_open(status=3), "DISPLAY": ":0"}
        result = self.bb("report", "--open", env=env)
        self.assertExit(result, 0)
        self.assertIn("It could not be opened: xdg-open ended with status 3.", result.err)
        self.assertTrue(pathlib.Path(self.tmp, DEFAULT_NAME).is_file())

    def test_a_file_url_is_percent_encoded(self):
        result = self.bb("report", "--output", "my report #1.html")
        self.assertExit(result, 0)
        self.assertIn("file://" + self.tmp + "/my%20report%20%231.html", result.err)


class TenYears(ReportCase):
    def test_a_ten_year_home_stays_small_and_well_formed(self):
        """Everything is aggregated, so the size follows the weeks (520), not the records; the
        benchmark (bench/report) measures the same with 100,000 records."""
        big = os.path.join(self.tmp, "big")
        subprocess.run([sys.executable, str(MAKE_HOME), big, "20000", TODAY], check=True)
        result = self.bb("report", "--all", "--output", "-", home=big, timeout=300)
        self.assertExit(result, 0)
        size = len(result.out.encode("utf-8"))
        print(f"\n[report] a ten-year home of 20,000 records: {size} bytes", file=sys.stderr)
        self.assertLess(size, 2_000_000)
        checker = self.assertCleanHtml(result.out)
        self.assertIn("The latest 10 of", "".join(checker.text))
        # Weeks beyond the calendar's year are shown by their result, one square each.
        self.assertIn("Every week of the range", result.out)


def tearDownModule():
    if ReportCase.sample:
        shutil.rmtree(ReportCase.sample, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
