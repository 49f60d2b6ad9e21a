"""Full-text search at newsroom scale: how long a search takes on 100,000 articles, and how
long migration 0012 takes to index an existing database of that size.

Usage: python bench/search.py [--db /tmp/wirewatch-bench.db] [--rebuild] [--articles 100000]
                              [--repeat 21] [--data ../shared/data/stories/gva-silver.jsonl]

Builds (once; reused while it has the asked number of articles) the SQLite database of
`bench/tui.py` (its `build`: `gva-silver.jsonl` replayed through `Store.write`, about
10,000 stories), then times `Store.search` (rank, group by story, passages with the
matches marked, story rows: what `wirewatch search` and the dashboard's search box run)
for common, middling, uncommon and rare words (the rarest word of the replayed data is
in about 20 articles) and several words together: the median and 95th percentile
over `--repeat` runs after one warm-up, with how many articles hold the words. Then, on a
copy of the database taken back to revision 0011 (no index), it times the upgrade to
0012, which builds the index over every stored article. Target (issue 24): a search
under 100 ms on the 100,000-article database.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from sqlalchemy import text  # noqa: E402

from feeds.store import Store  # noqa: E402
from feeds.store.engine import alembic_config, make_engine  # noqa: E402
from feeds.store.search import _fts_query, search_words  # noqa: E402


def _bench_tui():  # type: ignore[no-untyped-def]
    """bench/tui.py, loaded under another name (`tui` is the project's package)."""
    spec = importlib.util.spec_from_file_location("bench_tui", Path(__file__).with_name("tui.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench_tui = _bench_tui()

QUERIES = [
    ("common", "police"), ("common", "shot"), ("common", "said"),
    ("middling", "hospital"), ("middling", "Chicago"), ("middling", "teenager"),
    ("uncommon", "distraught"), ("uncommon", "gunpoint"),
    ("rare", "Gravesend"), ("rare", "backdrop"), ("none", "zzyzx"),
    ("two words", "police shooting"), ("two words", "shot killed"),
    ("two words", "hospital critical condition"),
]


def matching(store: Store, query: str) -> int:
    """How many articles hold every word of `query`."""
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM article_fts WHERE article_fts "
                                     "MATCH :q"), {"q": _fts_query(search_words(query))})
                   .scalar() or 0)


def timed(store: Store, query: str, repeat: int) -> tuple[float, float, int]:
    """(median ms, 95th percentile ms, stories returned) of `Store.search(query)`."""
    groups = store.search(query)  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        store.search(query)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95, len(groups)


def backfill_seconds(db: Path) -> float:
    """Seconds the upgrade 0011 -> 0012 takes on a copy of `db` without its index."""
    with tempfile.TemporaryDirectory(prefix="wirewatch-search-bench-") as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(db, copy)
        engine = make_engine(f"sqlite:///{copy}")
        config = alembic_config(engine)
        command.downgrade(config, "0011")
        with engine.connect() as conn:  # VACUUM runs outside a transaction: on the driver's
            conn.connection.driver_connection.execute("VACUUM")
        started = time.perf_counter()
        command.upgrade(config, "0012")
        seconds = time.perf_counter() - started
        engine.dispose()
        return seconds


def main() -> int:
    """Build if needed, time the searches and the backfill, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench.db"))
    parser.add_argument("--data", type=Path, default=bench_tui.DATA)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    store = Store.open(f"sqlite:///{args.db}") if args.db.exists() else None
    if args.rebuild or store is None or bench_tui.counts(store)[0] != args.articles:
        if store is not None:
            store.close()
        if not args.data.is_file():
            print(f"bench/search.py: no data at {args.data}", file=sys.stderr)
            return 2
        seconds = bench_tui.build(args.db, args.data, args.articles)
        print(f"built {args.db} in {seconds:.0f} s", file=sys.stderr)
        store = Store.open(f"sqlite:///{args.db}")
    articles, stories = bench_tui.counts(store)
    print(f"database: {articles} articles, {stories} stories, "
          f"{args.db.stat().st_size / 1e6:.0f} MB ({args.db})")
    print(f"{'kind':<10} {'query':<28} {'articles':>8} {'stories':>7} {'median':>9} "
          f"{'p95':>9}")
    worst = 0.0
    for kind, query in QUERIES:
        median, p95, groups = timed(store, query, args.repeat)
        worst = max(worst, p95)
        print(f"{kind:<10} {query:<28} {matching(store, query):>8} {groups:>7} "
              f"{median:>6.1f} ms {p95:>6.1f} ms")
    store.close()
    print(f"slowest p95: {worst:.1f} ms (target < 100 ms)")
    print(f"migration 0012 backfill (index {articles} stored articles): "
          f"{backfill_seconds(args.db):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
