#!/usr/bin/env python3
"""Writes a bounceback home for the stats benchmark: N rejections spread evenly over the ten years
before 2026-11-25 (stages, tags, feelings, application dates, feedback asked for and received),
a reflection for every fourth rejection (at least one a week), a win a week, and check-ins of the
four suggested habits on most days. Files are in exactly the format bounceback writes (one per
kind and month, keys sorted), so `bounceback doctor` accepts them.

Usage: bench/make_stats_home.py HOME N [END]   (END: the last day, YYYY-MM-DD; 2026-11-25)
"""
import datetime
import os
import random
import sys

END = datetime.date(2026, 11, 25)
START = END - datetime.timedelta(days=3650)
STAGES = ["application", "application", "screen", "technical", "onsite", "final"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries",
             "Wayne Enterprises", "Zürich Software AG", "Soylent", "Tyrell", "Cyberdyne",
             "Wonka Industries"]
TAGS = ["fintech", "health", "cloud", "retail", "remote"]
AREAS = ["technical", "communication", "experience", "resume", "fit"]
IMPROVE = ["system design", "kubernetes depth", "behavioral questions", "tailored cover letter",
           "salary negotiation", "live coding under time pressure"]
WENT_WELL = ["clear communication", "rapport with the interviewer", "good questions",
             "calm under pressure"]
# habit: weekdays it is usually done on (Monday is 0)
HABITS = {"exercise": [0, 2, 4], "mindfulness": [0, 1, 3, 5], "hobby": [2, 6], "connect": [3, 5]}


def toml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_array(values):
    return "[ " + ", ".join(toml_string(v) for v in values) + " ]"


def spread(i, count):
    """The date of the i-th of `count` records spread over the ten years (i from 1)."""
    return START + datetime.timedelta(days=(i * 3650) // count)


class Writer:
    """Collects records by kind and month, then writes one file per month."""

    def __init__(self, home):
        self.home = home
        self.files = {}

    def add(self, kind, date, text):
        self.files.setdefault((kind, date.year, date.month), []).append((date, text))

    def write(self):
        for (kind, year, month), records in self.files.items():
            folder = os.path.join(self.home, kind + "s")
            os.makedirs(folder, mode=0o700, exist_ok=True)
            records.sort(key=lambda r: r[0])
            path = os.path.join(folder, f"{year:04d}-{month:02d}.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write("version = 1\n\n" + "\n".join(text for _, text in records))
            os.chmod(path, 0o600)
            os.chmod(folder, 0o700)


def table(header, fields):
    """`[[header]]` and its keys, sorted; a value of None is left out, a dict is a sub-table."""
    lines = [f"[[{header}]]"]
    subtables = []
    for key in sorted(fields):
        value = fields[key]
        if value is None:
            continue
        if isinstance(value, dict):
            subtables.append((key, value))
        else:
            lines.append(f"{key} = {value}")
    for key, sub in subtables:
        lines.append("")
        lines.append(f"[{header}.{key}]")
        lines.extend(f"{k} = {v}" for k, v in sorted(sub.items()) if v is not None)
    return "\n".join(lines) + "\n"


def main():
    global END, START
    home, count = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3:
        END = datetime.date.fromisoformat(sys.argv[3])
        START = END - datetime.timedelta(days=3650)
    rng = random.Random(42)
    out = Writer(home)
    os.makedirs(home, mode=0o700, exist_ok=True)

    for i in range(1, count + 1):
        date = spread(i, count)
        applied = date - datetime.timedelta(days=rng.randint(3, 40))
        feedback = None
        if rng.random() < 0.3:
            requested = date + datetime.timedelta(days=rng.randint(0, 3))
            received = requested + datetime.timedelta(days=rng.randint(2, 20))
            answered = rng.random() < 0.5 and received <= END
            feedback = {
                "requested": requested.isoformat() if requested <= END else None,
                "received": received.isoformat() if answered and requested <= END else None,
                "areas": toml_array(rng.sample(AREAS, 2)) if answered and requested <= END else None,
            }
            if feedback["requested"] is None:
                feedback = None
        out.add("rejection", date, table("rejection", {
            "applied": applied.isoformat(),
            "company": toml_string(rng.choice(COMPANIES)),
            "date": date.isoformat(),
            "feeling": str(rng.randint(1, 5)),
            "id": str(i),
            "role": toml_string("Software Engineer"),
            "stage": toml_string(rng.choice(STAGES)),
            "tags": toml_array([rng.choice(TAGS)]),
            "feedback": feedback,
        }))

    reflections = max(520, count // 4)
    for i in range(1, reflections + 1):
        date = spread(i, reflections)
        out.add("reflection", date, table("reflection", {
            "date": date.isoformat(),
            "id": str(i),
            "improve": toml_array([rng.choice(IMPROVE)]),
            "mood": str(rng.randint(1, 5)),
            "went_well": toml_array([rng.choice(WENT_WELL)]),
        }))

    wins = 520
    for i in range(1, wins + 1):
        date = spread(i, wins)
        out.add("win", date, table("win", {
            "date": date.isoformat(),
            "id": str(i),
            "text": toml_string(f"Small win number {i}"),
        }))

    day = START
    while day <= END:
        for habit, weekdays in sorted(HABITS.items()):
            if day.weekday() in weekdays and rng.random() < 0.9:
                status = "skip" if rng.random() < 0.05 else "done"
                out.add("checkin", day, table("checkin", {
                    "date": day.isoformat(),
                    "habit": toml_string(habit),
                    "status": toml_string(status),
                }))
        day += datetime.timedelta(days=1)

    out.write()
    with open(os.path.join(home, "store.toml"), "w", encoding="utf-8") as f:
        f.write("# The next ID of each kind of record. IDs are never reused.\nversion = 1\n\n"
                f"[next]\nreflection = {reflections + 1}\nrejection = {count + 1}\n"
                f"win = {wins + 1}\n")
    os.chmod(os.path.join(home, "store.toml"), 0o600)
    os.chmod(home, 0o700)


if __name__ == "__main__":
    main()
