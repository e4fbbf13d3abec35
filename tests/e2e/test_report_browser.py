"""End-to-end, in a real browser: Debian's `chromium`, headless, draws the report of the sample
search (test_stats.py's, as test_report.py builds it) at a desktop and a phone width, in the
light and the dark colour scheme, and prints it to PDF.

The screenshots are decoded with zlib (reportcheck.read_png, no PIL) and must show each chart's
colours where the charts are, in the page's order; the PDF must have one page per print group
(the print stylesheet starts the week-by-week charts, days to an answer, reflections, the routine
and the signals on new pages, and the sample fits each group on one).

Chromium runs with a new profile in the test's temp folder, no network, no sandbox (CI runs as
root) and nothing of the person's own: --headless --no-sandbox --disable-gpu --disable-quic
--no-first-run --disable-background-networking --disable-component-update --disable-sync
--user-data-dir=<temp>. scripts/dev installs it; without it these tests are skipped.
"""

import os
import pathlib
import shutil
import subprocess
import unittest

import reportcheck
from test_report import ReportCase

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# The Okabe–Ito colours the charts use (lib/src/report/page.cpp).
BLUE = reportcheck.hex_colour("#0072B2")        # stage nodes, rejection bars, answer bars
ORANGE = reportcheck.hex_colour("#E69F00")      # where applications ended, themes to work on
GREEN = reportcheck.hex_colour("#009E73")       # wins, done days, answered requests, strengths
SKY = reportcheck.hex_colour("#56B4E9")         # rest days, waiting requests
PURPLE = reportcheck.hex_colour("#CC79A7")      # mood
LIGHT_PAPER = (255, 255, 255)
DARK_PAPER = reportcheck.hex_colour("#16191d")

# Wins and flow; weeks; answers and feedback; reflections; routine; signals.
PRINT_PAGES_SAMPLE = 6


@unittest.skipIf(CHROMIUM is None, "chromium is not installed (scripts/dev test installs it)")
class Browser(ReportCase):
    def setUp(self):
        super().setUp()
        self.page = pathlib.Path(self.tmp, "report.html")
        self.ok("report", "--output", str(self.page))
        self.keep(self.page)

    def chromium(self, *args, dark=False):
        profile = pathlib.Path(self.tmp, f"profile-{len(os.listdir(self.tmp))}")
        argv = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                "--hide-scrollbars", "--disable-extensions", "--mute-audio"]
        if dark:
            argv += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.user_home,
               "LANG": "C.UTF-8", "TZ": "UTC"}
        result = subprocess.run(argv + list(args) + [self.page.as_uri()], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180,
                                stdin=subprocess.DEVNULL)
        self.assertEqual(result.returncode, 0, result.stdout.decode(errors="replace")[-3000:])
        return result

    def screenshot(self, name, width, height, dark=False):
        path = pathlib.Path(self.tmp, name)
        # Half the pixels of the CSS size keep decoding in Python quick; charts stay large.
        self.chromium(f"--window-size={width},{height}", "--force-device-scale-factor=0.5",
                      f"--screenshot={path}", dark=dark)
        self.assertTrue(path.is_file())
        self.keep(path)
        return reportcheck.read_png(path)

    @staticmethod
    def keep(path):
        """Copies `path` to $BOUNCEBACK_KEEP_SCREENSHOTS, when set, to look at by hand."""
        if os.environ.get("BOUNCEBACK_KEEP_SCREENSHOTS"):
            folder = pathlib.Path(os.environ["BOUNCEBACK_KEEP_SCREENSHOTS"])
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder / path.name)

    def rows_with(self, image, colour, minimum=3, tolerance=30):
        """The rows holding at least `minimum` pixels of `colour`."""
        rows = []
        for y in range(image.height):
            n = 0
            for x in range(0, image.width, 1):
                if reportcheck.near(image.pixel(x, y), colour, tolerance):
                    n += 1
                    if n >= minimum:
                        rows.append(y)
                        break
        return rows

    def check_charts(self, image, paper):
        # The page is drawn: paper in the corner, and far from all of it paper.
        self.assertTrue(reportcheck.near(image.pixel(1, 1), paper, 12), image.pixel(1, 1))
        colours = {"blue": BLUE, "orange": ORANGE, "green": GREEN, "sky": SKY, "purple": PURPLE}
        rows = {name: self.rows_with(image, colour) for name, colour in colours.items()}
        for name, found in rows.items():
            self.assertGreater(len(found), 4, f"no {name} where the charts are")
        # In the page's order: the flow (blue and orange) first, then the weekly bars (green and
        # blue), the mood line (purple) in the reflections, the calendars (green and sky) last.
        self.assertLess(rows["orange"][0], rows["purple"][0])
        self.assertLess(rows["blue"][0], rows["purple"][0])
        self.assertLess(rows["purple"][-1], rows["green"][-1])
        self.assertLess(rows["purple"][-1], rows["sky"][-1])
        # Not blank where the charts are: the stretch from the flow to the calendars is mostly
        # drawn, not paper alone, row band by row band.
        top, bottom = rows["blue"][0], rows["sky"][-1]
        band = max((bottom - top) // 12, 1)
        blank = 0
        for y0 in range(top, bottom, band):
            if all(reportcheck.near(image.pixel(x, y), paper, 6)
                   for y in range(y0, min(y0 + band, bottom), 2) for x in range(0, image.width, 3)):
                blank += 1
        self.assertLessEqual(blank, 2, "long blank stretches between the charts")

    def test_desktop_light(self):
        image = self.screenshot("desktop.png", 1280, 6400)
        self.assertEqual(image.width, 640)
        self.check_charts(image, LIGHT_PAPER)

    def test_phone_light(self):
        image = self.screenshot("phone.png", 390, 9000)
        self.assertEqual(image.width, 195)
        self.check_charts(image, LIGHT_PAPER)

    def test_desktop_dark(self):
        image = self.screenshot("desktop-dark.png", 1280, 6400, dark=True)
        self.check_charts(image, DARK_PAPER)

    def test_print_to_pdf(self):
        pdf = pathlib.Path(self.tmp, "report.pdf")
        self.chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        self.keep(pdf)
        self.assertEqual(reportcheck.pdf_page_count(pdf), PRINT_PAGES_SAMPLE)

    def test_an_empty_home_prints_on_one_page(self):
        self.page = pathlib.Path(self.tmp, "empty.html")
        self.ok("report", "--output", str(self.page), home=os.path.join(self.tmp, "empty"))
        pdf = pathlib.Path(self.tmp, "empty.pdf")
        self.chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        self.assertEqual(reportcheck.pdf_page_count(pdf), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
