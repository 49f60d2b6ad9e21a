"""Event benchmark, end to end: each story's card (and its timeline) against gold facts.

Usage: python bench/events.py [--data ../shared/data] [--sets gvc-dev ecbplus-dev]
                              [--runs 3] [--verbose]

For each set, every article of `DATA/stories/SET.jsonl` becomes a file of a temporary
folder, in the stories protocol's order (dated by date, then undated; the folder is
read in name order): a `Title:`, `Date:` (left out when the article has none),
`Source:` (left out when it has none) and `URL:` header block, a blank line, the text.
The file name is the order number and the article id; the URL
(https://bench.invalid/article/ID) carries the id into `show --json`. A config.toml
with one folder source on that folder is polled by the real command,
`wirewatch --config CFG --db DB poll --once` (timed, after the files are older than the
folder source's settle time). Every story is then read as `wirewatch show ID --json`
prints it, in-process (`Store.story_detail` + `feeds.read.serialize.story_detail`, the code
behind that command), and each article id is found in its story's `article_list`.
The story of a gold incident or subtopic is the one holding most of its articles.

GVC table (sets `gvc-*`, gold `DATA/events/gvc-facts-*.jsonl`), two rows a set:
  timeline  the measure of events/README.md on the story's timeline and actors: a
            violent event (CAMEO 18, 19, 20) dated the incident's day; the city named
            by a violent event's place or a place actor (name or alias); killed /
            injured right when the gold count is among the violent events' `killed` /
            `wounded` figures, or is 0 and none is reported; people: the story's
            person actors (names and aliases).
  card      the story's `card`: its date; its place or aliases; figures.get("killed",
            0) and figures.get("injured", 0) equal to the counts; people: its
            participants of kind person. A story without a card scores nothing.
Columns: incidents; date (exact day); ±1 day (a day at most one day off); city (equal,
ignoring case, to the gold city or one of its `city_alt`); killed; injured; all 3 (date,
city and killed right: the headline); recall (gold participants named by a person of
the story, a last-name match counts), precision (the story's persons that name a gold
participant) and F1 of those two, over all incidents together.

ECB+ table (sets `ecbplus-*`, gold `DATA/events/ecb-types-*.json`), two rows a set:
  timeline  the type of the story's most reported timeline event (first of equals);
  card      `card.type`.
Columns: subtopics; subtype (the type is one of the accepted "Type.Subtype", "Type.*"
accepting any subtype of Type); type (its part before the dot is that of an accepted
one). --verbose adds one line a subtopic: label, accepted, card type, timeline type,
card summary.

Speed table, every set: articles in the file; stored (articles found in the stories'
article lists: a duplicate is stored once); stories; cards (stories with a card);
extract/s (articles a second through `feeds.extract.extract` alone, in-process, the
articles built as `wirewatch cluster` builds them, best of `--runs`, timed while the
files settle); poll s (wall time of the `poll --once` process, start-up and worker
processes included); poll/s.

A `-` is a share of nothing. The data is read from ../shared/data and never copied
into the project; the folder and database live in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from feeds.config import load_settings
from feeds.extract import extract
from feeds.ingest.offline import _article
from feeds.read.serialize import story_detail
from feeds.sources.folder import SETTLE_SECONDS
from feeds.store import Store, StoryStates

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
URL = "https://bench.invalid/article/"
VIOLENT = ("18", "19", "20")
GVC_MEASURES = ("date", "day1", "city", "killed", "injured", "all3")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
Row = dict[str, Any]
Story = dict[str, Any]


@dataclass
class Polled:
    """One set polled into a fresh database, its stories as `show --json` prints them."""

    name: str
    rows: list[Row]
    poll_seconds: float
    stories: dict[int, Story]
    story_of: dict[str, int]
    """Article id -> story id."""
    extract_seconds: float


# --- the folder, the poll and the stories -------------------------------------------


def load_rows(path: Path) -> list[Row]:
    """The set's articles in the protocol's order: dated by date, then undated."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    dated = sorted((r for r in rows if r.get("date")), key=lambda r: r["date"])
    return dated + [r for r in rows if not r.get("date")]


def file_text(row: Row) -> str:
    """An article file: the header block, a blank line, the text."""
    header = [f"Title: {' '.join(str(row.get('title') or '').split())}"]
    if row.get("date"):
        header.append(f"Date: {row['date']}")
    if row.get("source"):
        header.append(f"Source: {row['source']}")
    header.append(f"URL: {URL}{quote(str(row['id']), safe='')}")
    return "\n".join(header) + "\n\n" + str(row.get("text") or "").strip() + "\n"


def write_folder(rows: Sequence[Row], folder: Path) -> None:
    """One file per article, named by its order and id."""
    folder.mkdir(parents=True)
    for number, row in enumerate(rows):
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", str(row["id"]))
        (folder / f"{number:05d}-{name}.txt").write_text(file_text(row), encoding="utf-8")


def wait_settled(folder: Path) -> None:
    """Wait until the folder source would read every file (it leaves a file changed
    within its settle time for the next pass)."""
    newest = max((f.stat().st_mtime for f in folder.iterdir()), default=0.0)
    time.sleep(max(0.0, newest + SETTLE_SECONDS + 0.1 - time.time()))


def write_config(folder: Path, path: Path, name: str) -> Path:
    """A config.toml with one folder source."""
    path.write_text(f'[[sources]]\nkind = "folder"\nname = "{name}"\n'
                    f'path = "{folder.as_posix()}"\ninterval = "1h"\n', encoding="utf-8")
    return path


def wirewatch() -> list[str]:
    """The installed `wirewatch` command beside this interpreter, else `python -m tui`."""
    script = Path(sys.executable).parent / "wirewatch"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tui"]


def run_poll(config: Path, db: Path) -> float:
    """Wall time of `wirewatch --config CFG --db DB poll --once`."""
    started = time.perf_counter()
    done = subprocess.run([*wirewatch(), "--config", str(config), "--db", str(db), "poll",
                           "--once"], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"poll --once failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def read_stories(config: Path, db: Path) -> dict[int, Story]:
    """Every story as `wirewatch show ID --json` prints it, by id."""
    settings = load_settings(config, str(db))
    store = Store.open(settings.database_url, states=StoryStates(settings.developing_seconds,
                                                                 settings.dormant_seconds))
    try:
        ids = [s.id for s in store.list_stories(sort="size", limit=store.count_stories() + 1)]
        details = (store.story_detail(story_id) for story_id in ids)
        return {d.story.id: story_detail(d) for d in details if d is not None}
    finally:
        store.close()


def article_stories(stories: dict[int, Story]) -> dict[str, int]:
    """Article id (from the URL the bench gave it) -> story id."""
    found: dict[str, int] = {}
    for story_id, story in stories.items():
        for article in story["article_list"]:
            url = article.get("url") or ""
            if url.startswith(URL):
                found[unquote(url[len(URL):])] = story_id
    return found


def poll_set(name: str, rows: list[Row], work: Path, runs: int = 3) -> Polled:
    """Write the folder and config, time `extract` while the files settle, poll once,
    read the stories back."""
    write_folder(rows, work / "articles")
    config = write_config(work / "articles", work / "config.toml", name)
    extracting = extract_seconds(rows, runs)
    wait_settled(work / "articles")
    seconds = run_poll(config, work / "wirewatch.db")
    stories = read_stories(config, work / "wirewatch.db")
    return Polled(name, rows, seconds, stories, article_stories(stories), extracting)


def extract_seconds(rows: Sequence[Row], runs: int) -> float:
    """Best time of `extract` over the articles, built as `wirewatch cluster` builds them."""
    articles = [_article(row, normalise=True) for row in rows]
    if articles:
        extract(articles[0])  # load the lexicons outside the timing
    best = float("inf")
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        for article in articles:
            extract(article)
        best = min(best, time.perf_counter() - started)
    return best


def majority_story(ids: Iterable[str], polled: Polled) -> Story | None:
    """The story holding most of the articles `ids` (first of equals), if any is stored."""
    counts = Counter(polled.story_of[i] for i in ids if i in polled.story_of)
    return polled.stories[counts.most_common(1)[0][0]] if counts else None


# --- GVC: incident facts -------------------------------------------------------------


def _name_parts(name: str) -> tuple[str, str]:
    tokens = [t for t in re.findall(r"[a-z0-9']+", name.lower()) if t not in _NAME_SUFFIXES]
    return " ".join(tokens), (tokens[-1] if tokens else "")


def same_person(gold: str, names: Iterable[str]) -> bool:
    """Whether one of `names` is the gold participant: the full name or the last name."""
    full, last = _name_parts(gold)
    return bool(last) and any(p[0] == full or p[1] == last for p in map(_name_parts, names))


def people_scores(gold: Sequence[str], persons: Sequence[Sequence[str]]) -> Counter[str]:
    """found/gold (recall) and matched/persons (precision); each person is its names."""
    return Counter(found=sum(any(same_person(g, p) for p in persons) for g in gold),
                   gold=len(gold), persons=len(persons),
                   matched=sum(any(same_person(g, p) for g in gold) for p in persons))


def _days_apart(value: str | None, precision: str | None, gold: str) -> int | None:
    if not value or precision != "day":
        return None
    try:
        return abs((date.fromisoformat(value) - date.fromisoformat(gold)).days)
    except ValueError:
        return None


def _city_named(names: Iterable[str | None], fact: Row) -> bool:
    gold = {c.lower() for c in [fact["city"], *fact.get("city_alt", [])] if c}
    return any(n and n.lower() in gold for n in names)


def _count_right(gold: int, values: Sequence[int]) -> bool:
    return gold in values or (gold == 0 and not values)


def timeline_scores(story: Story | None, fact: Row) -> Counter[str]:
    """The events/README.md measure on the story's violent events and actors."""
    gold_people = [p["name"] for p in fact["participants"]]
    if story is None:
        return Counter(incidents=1, gold=len(gold_people))
    violent = [e for e in story["events"] if str(e.get("cameo", ""))[:2] in VIOLENT]
    days = [_days_apart(e.get("date"), e.get("precision"), fact["date"]) for e in violent]
    places = [e.get("place") for e in violent] + [
        n for a in story["actors"] if a["kind"] == "place" for n in [a["name"], *a["aliases"]]]
    killed = [v for e in violent for v in e.get("figures", {}).get("killed", [])]
    wounded = [v for e in violent for v in e.get("figures", {}).get("wounded", [])]
    persons = [[a["name"], *a["aliases"]] for a in story["actors"] if a["kind"] == "person"]
    marks = Counter(incidents=1, date=0 in days, day1=any(d is not None and d <= 1 for d in days),
                    city=_city_named(places, fact), killed=_count_right(fact["killed"], killed),
                    injured=_count_right(fact["injured"], wounded))
    marks["all3"] = int(marks["date"] and marks["city"] and marks["killed"])
    return marks + people_scores(gold_people, persons)


def card_scores(story: Story | None, fact: Row) -> Counter[str]:
    """The story card's date, place, figures and participants against the facts."""
    gold_people = [p["name"] for p in fact["participants"]]
    card = (story or {}).get("card")
    if not card:
        return Counter(incidents=1, gold=len(gold_people))
    apart = _days_apart(card.get("date"), card.get("date_precision"), fact["date"])
    figures = card.get("figures") or {}
    persons = [[str(p.get("name") or "")] for p in card.get("participants") or []
               if p.get("kind") == "person"]
    marks = Counter(incidents=1, date=apart == 0, day1=apart is not None and apart <= 1,
                    city=_city_named([card.get("place"), *(card.get("aliases") or [])], fact),
                    killed=figures.get("killed", 0) == fact["killed"],
                    injured=figures.get("injured", 0) == fact["injured"])
    marks["all3"] = int(marks["date"] and marks["city"] and marks["killed"])
    return marks + people_scores(gold_people, persons)


def gvc_rows(polled: Polled, facts_path: Path) -> list[tuple[str, str, Counter[str]]]:
    """(set, measure, totals) of the timeline and the card over every gold incident."""
    facts = [json.loads(line) for line in facts_path.open(encoding="utf-8") if line.strip()]
    timeline: Counter[str] = Counter()
    card: Counter[str] = Counter()
    for fact in facts:
        story = majority_story(fact["articles"], polled)
        timeline.update(timeline_scores(story, fact))
        card.update(card_scores(story, fact))
    return [(polled.name, "timeline", timeline), (polled.name, "card", card)]


# --- ECB+: main-event types ----------------------------------------------------------


def type_right(got: str | None, accepted: Sequence[str]) -> tuple[bool, bool]:
    """(exact subtype, type before the dot) of `got` among the accepted types."""
    if not got:
        return False, False
    top = got.partition(".")[0]
    exact = any(got == a or (a.endswith(".*") and a[:-2] == top) for a in accepted)
    return exact, top in {a.partition(".")[0] for a in accepted}


def top_event_type(story: Story | None) -> str | None:
    """The type of the story's most reported timeline event (first of equals)."""
    events = (story or {}).get("events") or []
    return max(events, key=lambda e: e.get("articles", 0)).get("type") if events else None


def ecb_rows(polled: Polled,
             types_path: Path) -> tuple[list[tuple[str, str, Counter[str]]], list[str]]:
    """(set, measure, totals) of the timeline's and the card's type over every subtopic,
    and one line a subtopic: label, accepted, card type, timeline type, card summary."""
    gold: dict[str, list[str]] = json.loads(types_path.read_text(encoding="utf-8"))
    members: dict[str, list[str]] = {}
    for row in polled.rows:
        members.setdefault(str(row["story"]), []).append(str(row["id"]))
    totals = {"timeline": Counter[str](), "card": Counter[str]()}
    lines = []
    for label, accepted in gold.items():
        story = majority_story(members.get(label, []), polled)
        card = (story or {}).get("card") or {}
        got = {"timeline": top_event_type(story), "card": card.get("type")}
        for measure, value in got.items():
            exact, top = type_right(value, accepted)
            totals[measure].update(subtopics=1, subtype=exact, type=top)
        lines.append(f"{label:<22}{'/'.join(accepted)[:44]:<46}{got['card'] or '-':<26}"
                     f"{got['timeline'] or '-':<26}{str(card.get('summary') or '-')[:80]}")
    return [(polled.name, measure, counts) for measure, counts in totals.items()], lines


# --- tables --------------------------------------------------------------------------


def share(part: float, whole: float) -> str:
    """A percentage with one decimal, or '-' of nothing."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def f1(precision: float | None, recall: float | None) -> str:
    """F1 of two fractions as a percentage, '-' when either is undefined."""
    if precision is None or recall is None:
        return "-"
    total = precision + recall
    return f"{200 * precision * recall / total:.1f}%" if total else "0.0%"


def print_gvc(rows: Sequence[tuple[str, str, Counter[str]]]) -> None:
    """The GVC table: one line per set and measure."""
    print(f"{'set':<14}{'measure':<10}{'incidents':>10}{'date':>8}{'±1 day':>8}{'city':>8}"
          f"{'killed':>8}{'injured':>8}{'all 3':>8}{'recall':>8}{'precision':>10}{'F1':>8}")
    for name, measure, c in rows:
        n = c["incidents"]
        recall = c["found"] / c["gold"] if c["gold"] else None
        precision = c["matched"] / c["persons"] if c["persons"] else None
        cells = "".join(f"{share(c[m], n):>8}" for m in GVC_MEASURES)
        print(f"{name:<14}{measure:<10}{n:>10}{cells}{share(c['found'], c['gold']):>8}"
              f"{share(c['matched'], c['persons']):>10}{f1(precision, recall):>8}")


def print_ecb(rows: Sequence[tuple[str, str, Counter[str]]], lines: Sequence[str] = ()) -> None:
    """The ECB+ table, one line per set and measure, then `lines` (the subtopics)."""
    print(f"{'set':<14}{'measure':<10}{'subtopics':>10}{'subtype':>9}{'type':>8}")
    for name, measure, c in rows:
        n = c["subtopics"]
        print(f"{name:<14}{measure:<10}{n:>10}{share(c['subtype'], n):>9}{share(c['type'], n):>8}")
    if lines:
        print(f"\n{'subtopic':<22}{'accepted':<46}{'card':<26}{'timeline':<26}card summary")
        print("\n".join(lines))


def print_speed(sets: Sequence[Polled]) -> None:
    """The speed table: one line per set."""
    print(f"{'set':<14}{'articles':>9}{'stored':>8}{'stories':>8}{'cards':>7}{'extract/s':>10}"
          f"{'poll s':>8}{'poll/s':>8}")
    for p in sets:
        cards = sum(1 for s in p.stories.values() if s.get("card"))
        print(f"{p.name:<14}{len(p.rows):>9}{len(p.story_of):>8}{len(p.stories):>8}{cards:>7}"
              f"{len(p.rows) / p.extract_seconds:>10.0f}{p.poll_seconds:>8.2f}"
              f"{len(p.rows) / p.poll_seconds:>8.0f}")


# --- main ----------------------------------------------------------------------------


def gold_path(data: Path, name: str) -> Path | None:
    """The gold file of a set: gvc-X -> gvc-facts-X.jsonl, ecbplus-X -> ecb-types-X.json."""
    for prefix, pattern in (("gvc", "gvc-facts{}.jsonl"), ("ecbplus", "ecb-types{}.json")):
        if name.startswith(prefix):
            path = data / "events" / pattern.format(name[len(prefix):])
            return path if path.is_file() else None
    return None


def run(data: Path, names: Sequence[str], runs: int = 3, verbose: bool = False) -> list[Polled]:
    """Poll and score every set, print the tables; the polled sets."""
    gvc: list[tuple[str, str, Counter[str]]] = []
    ecb: list[tuple[str, str, Counter[str]]] = []
    lines: list[str] = []
    polled: list[Polled] = []
    for name in names:
        rows = load_rows(data / "stories" / f"{name}.jsonl")
        with tempfile.TemporaryDirectory(prefix=f"wirewatch-bench-{name}-") as work:
            one = poll_set(name, rows, Path(work), runs)
        polled.append(one)
        gold = gold_path(data, name)
        if gold is not None and name.startswith("gvc"):
            gvc += gvc_rows(one, gold)
        elif gold is not None:
            ecb_of, lines_of = ecb_rows(one, gold)
            ecb += ecb_of
            lines += lines_of if verbose else []
    if gvc:
        print()
        print_gvc(gvc)
    if ecb:
        print()
        print_ecb(ecb, lines)
    print()
    print_speed(polled)
    return polled


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments, run every set, print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA,
                        help="folder holding stories/ and events/ (default ../shared/data)")
    parser.add_argument("--sets", nargs="+", default=["gvc-dev", "ecbplus-dev"])
    parser.add_argument("--runs", type=int, default=3, help="timed extract passes; the best counts")
    parser.add_argument("--verbose", action="store_true", help="one line per ECB+ subtopic")
    args = parser.parse_args(argv)
    run(args.data, args.sets, args.runs, args.verbose)


if __name__ == "__main__":
    main()
