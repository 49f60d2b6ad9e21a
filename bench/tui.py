"""Dashboard speed at newsroom scale: first paint, key latency, filter as you type.

Usage: python bench/tui.py [--db /tmp/wirewatch-bench.db] [--rebuild] [--articles 100000]
                           [--data ../shared/data/stories/gva-silver.jsonl] [--mute WORDS]

Builds (once; reused while it has the asked number of articles) a SQLite
database of about 100,000 articles in about 10,000 stories by replaying
`gva-silver.jsonl` (5,258 articles, 3,200 stories): replay k gets its own
article keys, dates shifted so the newest article is an hour old, and joins
story copy k % 3, so stories grow across replays. Batches go straight through
`Store.write` with a small handcrafted `Extraction` (names from the title,
one event per article) so building takes minutes, not the pipeline's hours.
The data is read from ../shared/data and never copied into the project.

Then it opens `WirewatchApp` with Pilot (80x24 and 160x48) and prints a table:
time to the first painted story list with panels, per-key latency of j / k /
PgDn / G (key press until the screen has repainted; the panels' detail read
runs in a worker and is measured separately), filter-as-you-type latency (a
key until the filtered list is on screen) and the raw read times behind them.
Targets (issue 7): first paint < 1 s, selection move < 50 ms a key. With `--mute
police,shooting` it first times applying those words as a `[[mute]]` rule (the one-pass
recompute of every article's mark and the stories it changes), measures everything with
the rule in force, and last times removing it (the database is left as it was).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds.config import Settings  # noqa: E402
from feeds.ingest.rebuild import apply_mutes, commit_batches  # noqa: E402
from feeds.model import Actor, Article, EventCandidate, Extraction, PartialDate  # noqa: E402
from feeds.read.mutes import MuteRule  # noqa: E402
from feeds.store import Batch, ProcessedArticle, SourceUpdate, Store  # noqa: E402
from tui.listing import ListRequest, read_listing  # noqa: E402
from tui.screens.dashboard import FILTER_DELAY  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "stories" / "gva-silver.jsonl"
COPIES = 3
CHUNK = 2500
_NAME = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+)\b")
_URL = re.compile(r"https?://[^\s/]+")


def load(path: Path) -> list[dict]:
    """The replayed file's articles, oldest first."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda r: (r["date"], r["id"]))


def outlet_of(text: str) -> str:
    """The first linked site in the text, as the outlet ("gva" when none)."""
    match = _URL.search(text)
    host = urlsplit(match.group()).hostname if match else None
    return (host or "gva").removeprefix("www.")


def extraction(row: dict, when: date) -> Extraction:
    """Names of the title and first lines as actors; one dated event."""
    names = list(dict.fromkeys(_NAME.findall(row["title"] + ". " + row["text"][:400])))[:4]
    actors = [Actor(name, "person" if i else "place", mentions=1) for i, name in enumerate(names)]
    summary = row["text"].split("\n", 1)[0][:200]
    event = EventCandidate(cameo="190", type="fight", sentence=summary, start=0,
                           end=len(summary), summary=summary, date_expr=f"ymd:{when.isoformat()}",
                           date=PartialDate(when, "day"), actors=names[:2])
    return Extraction(actors=actors, events=[event])


def build(db: Path, data: Path, articles: int) -> float:
    """Write the replayed database; returns the seconds it took."""
    started = time.perf_counter()
    db.unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{db}")
    rows = load(data)
    story_index = {s: i for i, s in enumerate(dict.fromkeys(r["story"] for r in rows))}
    newest = max(datetime.fromisoformat(r["date"]) for r in rows)
    shift = datetime.now(UTC).replace(tzinfo=None) - newest - timedelta(hours=1)
    replays = -(-articles // len(rows))
    pending: list[ProcessedArticle] = []
    written = 0
    for k in range(replays):
        for row in rows:
            if written + len(pending) >= articles:
                break
            digest = hashlib.blake2b(f"{k}{row['id']}".encode(), digest_size=8).digest()
            when = (datetime.fromisoformat(row["date"]) + shift - timedelta(days=30 * k)
                    + timedelta(minutes=digest[0] * 5)).replace(tzinfo=UTC)
            text = row["text"][:1500]
            article = Article(key=f"bench:{k}:{row['id']}", source_name=f"replay-{k % 4}",
                              title=row["title"][:300], text=text,
                              content_hash=digest.hex(), url=f"https://bench.example/{k}/{row['id']}",
                              published=when, date_origin="feed", outlet=outlet_of(row["text"]))
            story = 1 + story_index[row["story"]] + len(story_index) * (k % COPIES)
            pending.append(ProcessedArticle(article, extraction(row, when.date()), story))
            if len(pending) >= CHUNK:
                written += _flush(store, pending, k)
        if pending:
            written += _flush(store, pending, k)
        print(f"  replay {k + 1}/{replays}: {written} articles, "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    store.close()
    return time.perf_counter() - started


def _flush(store: Store, pending: list[ProcessedArticle], k: int) -> int:
    count = len(pending)
    source = SourceUpdate(name=f"replay-{k % 4}", kind="folder", location=str(DATA.parent))
    commit_batches(store, Batch(source, articles=list(pending), new_count=count))
    pending.clear()
    return count


def counts(store: Store) -> tuple[int, int]:
    """(articles, stories) in the database."""
    from sqlalchemy import func, select

    from feeds.store import tables as t

    with store.engine.connect() as conn:
        return (conn.scalar(select(func.count()).select_from(t.Article)) or 0,
                conn.scalar(select(func.count()).select_from(t.Story)) or 0)


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Median milliseconds of `fn()`."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def reads(store: Store) -> list[tuple[str, str]]:
    """Raw read times behind the screen (no UI)."""
    top = store.list_stories(limit=1)[0].id
    big = store.list_stories(sort="size", limit=1)[0].id
    rows = [("read: story list page (100, heat) + sparks + health",
             f"{timed(lambda: read_listing(store, ListRequest(), 0)):.1f} ms"),
            ("read: story list page sorted by latest",
             f"{timed(lambda: read_listing(store, ListRequest(sort='latest'), 0)):.1f} ms"),
            ("read: story detail (top story)", f"{timed(lambda: store.story_detail(top)):.1f} ms"),
            ("read: story detail (largest story)",
             f"{timed(lambda: store.story_detail(big)):.1f} ms")]
    for query in ("shooting", "police chicago", "Smith", "nytimes", "zzzq"):
        rows.append((f"read: filter {query!r}",
                     f"{timed(lambda q=query: read_listing(store, ListRequest(query=q), 0), 3):.1f}"
                     f" ms ({store.count_stories(query)} stories)"))
    return rows


async def settled(app) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app's workers; one cancelled by a newer one (exclusive workers, which a
    busy machine makes overlap) is no failure."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def key_latency(pilot, key: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from a key event until the app and screen have handled every message it
    caused (cursor moved, marks, the detail worker started), and until a full repaint of the
    screen is composed on top of that. Pilot's own `press` waits for the process to go idle
    (20 ms steps, worker threads included), so it measures its polling, not the app."""
    from textual import events

    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    before = time.perf_counter()
    app._driver.send_message(event)
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()  # messages posted by the handlers of the first round
    handled = time.perf_counter()
    app.screen._compositor.render_update(full=True)
    painted = time.perf_counter()
    return (handled - before) * 1000, (painted - before) * 1000


def mute(store: Store, rules: list[MuteRule]) -> list[tuple[str, str]]:
    """The one-pass recompute when `rules` become the database's mute rules."""
    started = time.perf_counter()
    changed = apply_mutes(store, rules)
    took = time.perf_counter() - started
    label = "; ".join(rule.label() for rule in rules) or "none"
    return [(f"apply [[mute]] rules ({label}): recompute", f"{took:.1f} s ({changed} articles "
             f"changed mark, {counts(store)[1] - store.count_stories()} stories hidden)")]


async def ui(store: Store, size: tuple[int, int],
             mutes: list[MuteRule] | None = None) -> list[tuple[str, str]]:
    """First paint, key latencies and filter latency through Pilot."""
    from tui.app import WirewatchApp

    settings = Settings(config_path=None, database_url="sqlite://", mutes=mutes or [])
    app = WirewatchApp(settings, store, poll=False)
    label = f"{size[0]}x{size[1]}"
    started = time.perf_counter()
    out: list[tuple[str, str]] = []
    async with app.run_test(size=size) as pilot:
        board = app.dashboard
        while board.story_list.row_count == 0 or board.shown is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        out.append((f"{label} first paint (list + panels)",
                    f"{(time.perf_counter() - started) * 1000:.0f} ms"))
        for keys in (["j"] * 30, ["k"] * 20, ["pagedown"] * 10, ["G", "g"] * 3):
            handled, painted = [], []
            for key in keys:
                await settled(app)
                await pilot.pause()
                took = await key_latency(pilot, key)
                handled.append(took[0])
                painted.append(took[1])
            out.append((f"{label} key {keys[0]!r} x{len(keys)}: handled / handled + full repaint",
                        f"median {statistics.median(handled):.1f} / "
                        f"{statistics.median(painted):.1f} ms, max {max(handled):.1f} / "
                        f"{max(painted):.1f} ms"))
        await settled(app)
        out.append((f"{label} rows in the list after G (paged)", str(board.story_list.row_count)))
        await pilot.press("slash")
        samples = []
        for char in "police":
            before = time.perf_counter()
            await pilot.press(char)
            wanted = board.filter_input.value.strip()
            while board.request.query != wanted or board.listing.request != board.request:
                await asyncio.sleep(0.002)
            await pilot._wait_for_screen()
            app.screen._compositor.render_update(full=True)
            samples.append((time.perf_counter() - before) * 1000)
        out.append((f"{label} filter as you type 'police' (key -> list on screen, incl. "
                    f"{int(1000 * FILTER_DELAY)} ms typing pause)",
                    " ".join(f"{c}:{ms:.0f}"
                             for c, ms in zip("police", samples, strict=False)) + " ms"))
    return out


def main() -> int:
    """Build if needed, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench.db"))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--mute", metavar="WORDS", default="",
                        help="comma-separated words: time applying them as a [[mute]] rule, "
                             "measure with it, then time removing it")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    store = Store.open(f"sqlite:///{args.db}") if args.db.exists() else None
    if args.rebuild or store is None or counts(store)[0] != args.articles:
        if store is not None:
            store.close()
        if not args.data.is_file():
            print(f"bench/tui.py: no data at {args.data}", file=sys.stderr)
            return 2
        seconds = build(args.db, args.data, args.articles)
        rows.append(("build (write through Store.write)", f"{seconds:.0f} s"))
        store = Store.open(f"sqlite:///{args.db}")
    n_articles, n_stories = counts(store)
    rows.append(("database", f"{n_articles} articles, {n_stories} stories, "
                             f"{args.db.stat().st_size / 1e6:.0f} MB"))
    rules = [MuteRule(words=tuple(w.strip() for w in args.mute.split(",") if w.strip()))]
    rules = rules if args.mute.strip() else []
    rows += mute(store, rules) if rules else []
    rows += reads(store)
    for size in ((80, 24), (160, 48)):
        rows += asyncio.run(ui(store, size, rules))
    rows += mute(store, []) if rules else []
    store.close()
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
