"""One political beat: the made-up week of bench/data after a history of the same cast.

Usage: python bench/beat.py [--history 0 100 300]

`bench/data/political-week.jsonl` is ten events of one week told by several outlets, one
cast of politicians named in nearly every article (see bench/data/README.md). A stream
that has run for a while has seen that cast in many other stories; this bench puts
`--history` synthetic articles before the week (each naming three of the cast beside a
dozen words drawn from the background word table, seeded, dated over the 200 days
before), runs the baseline of bench/stories.py and the product's clustering entry over
history and week in the data README's order, and prints BCubed P/R/F1 over the week's
articles only. A stand-in for the held-out set of one event across framings: made-up
text, to watch a failure mode, not to tune on.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import baseline, bcubed, load, ours  # noqa: E402

from feeds.stories.background import zipf_table  # noqa: E402

WEEK = Path(__file__).resolve().parent / "data" / "political-week.jsonl"
CAST = ("President Mark Delaney", "Senate Majority Leader Tom Harlan",
        "Democratic leader Rosa Quintero", "Speaker Jim Cortland", "Republicans",
        "Democrats", "the Senate", "Congress", "the White House")
SEED = 7


def history(count: int, before: date) -> list[dict]:
    """`count` synthetic articles of the cast, each its own story."""
    rng = random.Random(SEED)
    vocab = sorted(w for w, f in zipf_table().items()
                   if 3.0 <= f <= 4.5 and w.isalpha() and len(w) > 4)
    rows = []
    for k in range(count):
        words = rng.sample(vocab, 12)
        who = rng.sample(CAST, 3)
        day = before - timedelta(days=rng.randint(5, 200))
        text = (f"WASHINGTON — {who[0]} on Monday {words[3]} the {words[4]} {words[5]}, and "
                f"{who[1]} said the {words[6]} would {words[7]}. {who[2]} called the "
                f"{words[8]} {words[9]}. The {words[10]} {words[11]} is expected next week.")
        rows.append({"id": f"h{k}", "story": f"h{k}", "date": day.isoformat(),
                     "title": f"{who[0].split()[-1]} {' '.join(words[:3])}", "text": text,
                     "source": "example.com"})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", type=int, nargs="+", default=[0, 100, 300])
    args = parser.parse_args()
    week = load(WEEK)
    first = min(date.fromisoformat(r["date"]) for r in week)
    gold = {r["id"]: r["story"] for r in week}
    print(f"{'history':>8} {'system':<10} {'P':>6} {'R':>6} {'F1':>6}   (the week's "
          f"{len(week)} articles)")
    for count in args.history:
        rows = sorted(history(count, first) + week, key=lambda r: r["date"])
        for system, run in (("baseline", baseline), ("wirewatch", ours)):
            predicted = run(rows)
            p, r, f = bcubed(gold, {i: predicted[i] for i in gold})
            print(f"{count:>8} {system:<10} {p:6.3f} {r:6.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
