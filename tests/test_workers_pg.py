"""Three `wirewatch poll` workers on one PostgreSQL: every article stored once, and the
same stories as one worker makes from the same input."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from feeds.store import Store

TOPICS = {
    "quake": ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso in "
              "Chile, toppling walls; seismologists recorded aftershocks near the Chilean coast."),
    "vote": ("Ghana counts votes", "Electoral officers in Accra counted ballots after Ghana's "
             "presidential election; turnout in Kumasi was high, the electoral commission said."),
    "flood": ("Danube floods Passau", "The Danube burst its banks in Passau, Bavaria, flooding "
              "the old town; firefighters evacuated residents as river levels rose."),
    "chess": ("Chess final in Chennai", "Grandmasters met in Chennai for the chess olympiad "
              "final; the Indian team led after the opening rounds of the tournament."),
}


def corpus(root: Path, sources: int = 6) -> Path:
    old = time.time() - 60
    lines = []
    for s in range(sources):
        folder = root / f"desk{s}"
        folder.mkdir()
        for topic, (title, text) in TOPICS.items():
            path = folder / f"{topic}.txt"
            path.write_text(f"Title: {title} ({s})\nDate: 2025-05-0{1 + s % 5}\n\n{text} "
                            f"Desk {s} adds its own line {s * 7}.\n")
            os.utime(path, (old, old))
        lines.append(f'[[sources]]\nkind="folder"\nname="desk{s}"\npath="{folder}"\n')
    config = root / "c.toml"
    config.write_text("\n".join(lines))
    return config


def workers(config: Path, url: str, count: int) -> None:
    cmd = [sys.executable, "-m", "tui", "poll", "--once", "--config", str(config), "--db", url]
    processes = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(count)]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err


def partition(url: str) -> set[frozenset[str]]:
    """The stories as sets of article titles."""
    store = Store.open(url)
    try:
        details = [store.story_detail(s.id) for s in store.list_stories(limit=100)]
        return {frozenset(a.title for a in d.articles) for d in details if d is not None}
    finally:
        store.close()


def test_three_workers_store_once_and_agree_with_one(pg_url: str, tmp_path: Path) -> None:
    config = corpus(tmp_path)
    workers(config, pg_url, 3)
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url)
    with engine.connect() as conn:
        total, distinct = conn.execute(text("SELECT count(*), count(DISTINCT key) FROM article")).one()
    engine.dispose()
    assert (total, distinct) == (24, 24)
    single = tmp_path / "single.db"
    workers(config, f"sqlite:///{single}", 1)
    together = partition(pg_url)
    assert together == partition(f"sqlite:///{single}")
    assert len(together) == 4


def test_a_claimed_source_is_skipped_by_other_workers(pg_url: str) -> None:
    first, second = Store.open(pg_url), Store.open(pg_url)
    try:
        mine = first.claim_sources(["a", "b"])
        assert mine.names == {"a", "b"}
        theirs = second.claim_sources(["b", "c"])
        assert theirs.names == {"c"}
        mine.release()
        later = second.claim_sources(["a", "b"])
        assert later.names == {"a", "b"}
        later.release()
        theirs.release()
    finally:
        first.close()
        second.close()
