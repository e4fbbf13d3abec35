"""End-to-end: `routine`, `routine week`, `stats` and their --json tell one story about each week
and each streak, on random homes (habits with changed targets, gaps short and long, rest days
planned after today, Monday and Sunday weeks, ranges that end mid-week).
"""

import datetime
import json
import os
import random
import unittest

from bbtest import BounceTestCase

D = datetime.date


def week_start(day, start):
    """The first day of the week holding `day`."""
    offset = (day.weekday() + 1) % 7 if start == "sunday" else day.weekday()
    return day - datetime.timedelta(days=offset)


class RandomHomes(BounceTestCase):
    HOMES = 14

    def make_home(self, rng):
        """Writes a random home; returns (today, week start, {habit: per_week now})."""
        start = rng.choice(["monday", "sunday"])
        today = D(2025, 1, 1) + datetime.timedelta(days=rng.randrange(3 * 365))
        habits = {}
        config = [f'[week]\nstart = "{start.capitalize() if rng.random() < 0.5 else start}"\n']
        checkins = {}
        for h in range(rng.randint(1, 3)):
            name = f"habit{h}"
            per_week = rng.randint(1, 7)
            # Earlier targets, oldest first: each ends the day before a week starts.
            earlier = []
            ends = sorted({week_start(today - datetime.timedelta(days=rng.randrange(400)), start)
                           - datetime.timedelta(days=1) for _ in range(rng.randint(0, 2))})
            for end in ends:
                earlier.append(f"{{ per_week = {rng.randint(1, 7)}, until = {end} }}")
            habits[name] = per_week
            config.append(f"[routine.habits.{name}]\nper_week = {per_week}\n")
            if earlier:
                config.append(f"earlier_targets = [ {', '.join(earlier)} ]\n")
            density = rng.choice([0.15, 0.5, 0.9])
            day = today - datetime.timedelta(days=rng.randrange(700))
            while day <= today + datetime.timedelta(days=rng.randrange(10)):
                if rng.random() < 0.01:
                    day += datetime.timedelta(days=rng.randint(10, 420))
                    continue
                if rng.random() < density:
                    status = "skip" if day > today or rng.random() < 0.2 else "done"
                    checkins.setdefault((day.year, day.month), []).append((day, name, status))
                day += datetime.timedelta(days=1)
        self.write_file(self.path("config.toml"), "".join(config))
        for (year, month), items in checkins.items():
            text = "version = 1\n"
            for day, name, status in sorted(items):
                text += f'\n[[checkin]]\ndate = {day}\nhabit = "{name}"\nstatus = "{status}"\n'
            self.write_file(self.path("checkins", f"{year:04d}-{month:02d}.toml"), text)
        return today, start, habits

    def json_of(self, today, *args):
        return json.loads(self.ok(*args, "--json", env={"BOUNCEBACK_TODAY": str(today)}))

    def test_every_view_tells_the_same_story(self):
        rng = random.Random(15)
        for home in range(self.HOMES):
            with self.subTest(home=home):
                self.home = os.path.join(self.tmp, f"home{home}")  # a fresh home each time
                today, start, habits = self.make_home(rng)
                routine = {h["habit"]: h for h in self.json_of(today, "routine")["habits"]}
                grid = self.json_of(today, "routine", "week", "--weeks", "52")
                grid_weeks = {h["habit"]: {w["from"]: w for w in h["weeks"]}
                              for h in grid["habits"]}
                since = today - datetime.timedelta(days=rng.randrange(200))
                until = since + datetime.timedelta(days=rng.randrange(230))
                reports = [
                    self.json_of(today, "stats", "--weeks", str(rng.randint(1, 12))),
                    self.json_of(today, "stats", "--since", str(since), "--until", str(until)),
                    self.json_of(today, "stats", "--week", str(since)),
                ]
                for report in reports:
                    self.assertEqual(report["week_start"], start)
                    for week in report["weeks"]:
                        first = str(week_start(D.fromisoformat(week["from"]), start))
                        for habit in habits:
                            in_grid = grid_weeks[habit].get(first)
                            if in_grid is None:
                                continue
                            mine = week["routine"][habit]
                            self.assertEqual(
                                (mine["result"], mine["done"], mine["skipped"], mine["target"]),
                                (in_grid["result"], in_grid["done"], in_grid["skipped"],
                                 in_grid["target"]),
                                f"{habit} in {week['week']} ({report['range']})")
                    end = min(D.fromisoformat(report["range"]["to"]), today)
                    for habit in habits:
                        streak = report["routine"][habit]["streak"]
                        if end == today:
                            self.assertEqual(streak, routine[habit]["streak"], habit)
                        elif habits[habit] < 7:
                            # Read off the grid: met weeks back from the week holding `end`.
                            count, known = 0, False
                            for first in sorted(grid_weeks[habit], reverse=True):
                                if D.fromisoformat(first) > week_start(end, start):
                                    continue
                                result = grid_weeks[habit][first]["result"]
                                if result == "met":
                                    count += 1
                                elif result in ("missed", "not_started"):
                                    known = True
                                    break
                            if known:
                                self.assertEqual(streak, count, habit)
                this_week = str(week_start(today, start))
                for habit in habits:
                    self.assertEqual(grid_weeks[habit][this_week]["target"],
                                     routine[habit]["target"])
                    self.assertEqual(grid_weeks[habit][this_week]["done"], routine[habit]["done"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
