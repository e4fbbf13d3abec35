#!/usr/bin/env python3
"""Writes a bounceback home with N rejections spread evenly over ten years (and a win a week),
in exactly the format bounceback writes, so benchmarks start from a realistic history."""
import datetime
import os
import random
import sys

STAGES = ["application", "screen", "technical", "onsite", "final"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
             "Zürich Software AG", "Soylent", "Tyrell", "Cyberdyne", "Wonka Industries"]


def toml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    home, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    end = datetime.date(2026, 11, 25)
    start = end - datetime.timedelta(days=3650)
    by_month = {}
    for i in range(1, count + 1):
        date = start + datetime.timedelta(days=(i * 3650) // count)
        applied = date - datetime.timedelta(days=rng.randint(3, 40))
        record = {
            "applied": applied.isoformat(),
            "company": toml_string(rng.choice(COMPANIES)),
            "date": date.isoformat(),
            "feeling": str(rng.randint(1, 5)),
            "id": str(i),
            "role": toml_string("Software Engineer"),
            "stage": toml_string(rng.choice(STAGES)),
            "tags": '[ "remote" ]',
        }
        by_month.setdefault((date.year, date.month), []).append(record)
    os.makedirs(os.path.join(home, "rejections"), mode=0o700, exist_ok=True)
    for (year, month), records in by_month.items():
        lines = ["version = 1", ""]
        for record in records:
            lines.append("[[rejection]]")
            lines.extend(f"{key} = {value}" for key, value in sorted(record.items()))
            lines.append("")
        path = os.path.join(home, "rejections", f"{year:04d}-{month:02d}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        os.chmod(path, 0o600)
    with open(os.path.join(home, "store.toml"), "w", encoding="utf-8") as f:
        f.write(f"version = 1\n\n[next]\nrejection = {count + 1}\n")
    os.chmod(os.path.join(home, "store.toml"), 0o600)
    os.chmod(os.path.join(home, "rejections"), 0o700)
    os.chmod(home, 0o700)


if __name__ == "__main__":
    main()
