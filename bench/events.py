"""Event extraction benchmark: dates, types and speed on the dev story sets (no event gold needed).

Usage: taskset -c 0 python bench/events.py [--data ../shared/data/stories]
                                          [--sets ecbplus-dev gvc-dev gva-silver] [--runs 3]

For every article of each set (built as `wirewatch cluster` builds them, through
`feeds.offline`), runs `feeds.extract.extract` and measures:
- events per article, and the share of events with a resolved date (resolved
  against the article's own publication date; undated articles only resolve
  absolute dates);
- "in span": the share of resolved dates that fall within the article's gold
  story time span (earliest to latest publication date of the story's dated
  articles, at the date's precision), and "span-7d" with a 7-day lead-in (events
  happen before they are reported);
- "near/hist": the share of resolved dates within 30 days of the article's
  publication date, or explicitly historical (a stated year or month that lies
  before publication: `y:`, `ym:`, `ymd:`, `m:` and `md:` expressions). Target >= 80%;
- the CAMEO root distribution, and per story the timeline (`build_timeline`):
  story events and reports per story event;
- articles/s of the `extract` call alone, the best of `--runs` passes (the
  machine may be shared); pin one core with `taskset -c 0`; target >= 200/s.
The data is read from ../shared/data/stories and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from feeds.extract import extract
from feeds.extract.triggers import root_name
from feeds.model import Article, EventCandidate, PartialDate
from feeds.offline import _article
from feeds.timeline import ArticleReports, build_timeline

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "stories"
_STATED = ("y", "ym", "ymd", "m", "md")


def _interval(value: PartialDate) -> tuple[date, date]:
    """The first and last day a partial date can mean."""
    d = value.value
    if value.precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if value.precision == "month":
        nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return date(d.year, d.month, 1), nxt - timedelta(days=1)
    return d, d


def _overlaps(value: PartialDate, lo: date, hi: date) -> bool:
    a, b = _interval(value)
    return a <= hi and b >= lo


def _near_or_historical(event: EventCandidate, published: date) -> bool:
    assert event.date is not None
    if _overlaps(event.date, published - timedelta(days=30), published + timedelta(days=30)):
        return True
    kind = (event.date_expr or "").split(":", 1)[0]
    return kind in _STATED and _interval(event.date)[1] < published


def _load(path: Path) -> list[tuple[str, Article]]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out.append((str(record["story"]), _article(record, normalise=True)))
    return out


def run_set(path: Path, runs: int = 3) -> dict:
    """Extraction figures of one set."""
    items = _load(path)
    extract(items[0][1])  # load the lexicons outside the timing
    elapsed = float("inf")
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        results = [extract(article).events for _, article in items]
        elapsed = min(elapsed, time.perf_counter() - started)
    spans: dict[str, tuple[date, date]] = {}
    for story, article in items:
        if article.published:
            day = article.published.date()
            lo, hi = spans.get(story, (day, day))
            spans[story] = (min(lo, day), max(hi, day))
    counts: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for (story, article), events in zip(items, results, strict=True):
        counts["events"] += len(events)
        for event in events:
            types[event.cameo[:2]] += 1
            if event.date is None:
                continue
            counts["dated"] += 1
            if article.published is None:
                continue
            published = article.published.date()
            counts["dated_pub"] += 1
            lo, hi = spans[story]
            counts["in_span"] += _overlaps(event.date, lo, hi)
            counts["in_span7"] += _overlaps(event.date, lo - timedelta(days=7), hi)
            counts["near"] += _near_or_historical(event, published)
    by_story: dict[str, list[ArticleReports]] = defaultdict(list)
    for (story, article), events in zip(items, results, strict=True):
        by_story[story].append(ArticleReports(article.key, article.outlet or "",
                                              article.published.date() if article.published else None,
                                              events))
    timelines = [build_timeline(reports) for reports in by_story.values()]
    story_events = sum(len(t) for t in timelines)
    reports = sum(len(e.article_keys) for t in timelines for e in t)
    multi = sum(1 for t in timelines for e in t if len(e.article_keys) > 1)
    return {"name": path.stem, "articles": len(items), "seconds": elapsed, "counts": counts,
            "types": types, "stories": len(timelines), "story_events": story_events,
            "reports": reports, "multi": multi}


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def print_tables(rows: list[dict]) -> None:
    """The quality, timeline and type tables."""
    print(f"{'set':<14}{'articles':>9}{'ev/art':>8}{'dated':>8}{'in span':>9}{'span-7d':>9}"
          f"{'near/hist':>11}{'art/s':>8}")
    for r in rows:
        c = r["counts"]
        print(f"{r['name']:<14}{r['articles']:>9}{c['events'] / r['articles']:>8.2f}"
              f"{_share(c['dated'], c['events']):>8}{_share(c['in_span'], c['dated_pub']):>9}"
              f"{_share(c['in_span7'], c['dated_pub']):>9}{_share(c['near'], c['dated_pub']):>11}"
              f"{r['articles'] / r['seconds']:>8.0f}")
    print()
    print(f"{'set':<14}{'stories':>8}{'events':>8}{'ev/story':>9}{'rep/event':>10}{'multi-art':>10}")
    for r in rows:
        print(f"{r['name']:<14}{r['stories']:>8}{r['story_events']:>8}"
              f"{r['story_events'] / max(1, r['stories']):>9.1f}"
              f"{r['reports'] / max(1, r['story_events']):>10.2f}"
              f"{_share(r['multi'], r['story_events']):>10}")
    print()
    codes = sorted({code for r in rows for code in r["types"]})
    print(f"{'CAMEO root':<28}" + "".join(f"{r['name']:>14}" for r in rows))
    for code in codes:
        cells = "".join(f"{_share(r['types'][code], r['counts']['events']):>14}" for r in rows)
        print(f"{code + ' ' + root_name(code):<28}{cells}")


def main() -> None:
    """Parse arguments, run every set, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", nargs="+", default=["ecbplus-dev", "gvc-dev", "gva-silver"])
    parser.add_argument("--runs", type=int, default=3, help="timed passes; the best counts")
    args = parser.parse_args()
    rows = [run_set(args.data / f"{name}.jsonl", args.runs) for name in args.sets]
    print_tables(rows)


if __name__ == "__main__":
    main()
