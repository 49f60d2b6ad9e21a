"""`wirewatch poll` workers on one PostgreSQL: every article stored once, the same stories
as one worker makes from the same input, the due sources shared among workers started
together (each source polled once), and a killed worker's sources taken over."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from feeds.config import load_settings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import PollSummary, poll_once
from feeds.store import Store
from feeds.store.lock import Claim
from tests.feedserver import FeedServer, feed_server, rss

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
        _, err = process.communicate(timeout=300)
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
        total, distinct = conn.execute(
            text("SELECT count(*), count(DISTINCT key) FROM article")).one()
    engine.dispose()
    assert (total, distinct) == (24, 24)
    single = tmp_path / "single.db"
    workers(config, f"sqlite:///{single}", 1)
    together = partition(pg_url)
    assert together == partition(f"sqlite:///{single}")
    assert len(together) == 4


def test_a_claimed_source_is_skipped_by_other_workers(pg_url: str) -> None:
    first, second = Store.open(pg_url), Store.open(pg_url)
    since = datetime.now(UTC)
    mine, theirs = first.claim_sources(since), second.claim_sources(since)
    try:
        assert [mine.take(n)[0] for n in ("a", "b")] == [Claim.MINE, Claim.MINE]
        assert [theirs.take(n)[0] for n in ("b", "c")] == [Claim.BUSY, Claim.MINE]
        mine.give_back(["b"])
        assert theirs.take("b")[0] is Claim.MINE
        mine.release()
        assert theirs.take("a")[0] is Claim.MINE
        theirs.release()
    finally:
        first.close()
        second.close()


def slow_feeds(server: FeedServer, root: Path, count: int, pause: float) -> Path:
    """`count` feeds on the server, each answered after `pause` seconds; their config."""
    def route(index: int):  # type: ignore[no-untyped-def]
        def answer(_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
            time.sleep(pause)
            return 200, {}, rss([(f"g{index}", f"Harbour report {index}",
                                  f"Dock {index} of Valparaiso reopened after repairs.")])
        return answer
    for index in range(count):
        server.routes[f"/f{index}.xml"] = route(index)
    config = root / "feeds.toml"
    config.write_text("".join(f'[[sources]]\nkind="feed"\nname="F{index}"\n'
                              f'url="{server.url(f"/f{index}.xml")}"\ninterval=600\n'
                              for index in range(count)))
    return config


def polled_by_each(config: Path, url: str, count: int) -> list[list[str]]:
    """Start `count` `poll --once` workers together; the sources each one stored."""
    cmd = [sys.executable, "-m", "tui", "poll", "--once", "--config", str(config), "--db", url]
    processes = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(count)]
    stored: list[list[str]] = []
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        stored.append(re.findall(r"^stored \d+/\d+: (\S+)$", err, re.MULTILINE))
    return stored


def test_three_workers_started_together_each_poll_a_share(pg_url: str, tmp_path: Path) -> None:
    Store.open(pg_url).close()  # migrated: the workers start polling at once
    with feed_server() as server:
        config = slow_feeds(server, tmp_path, 30, 0.2)
        stored = polled_by_each(config, pg_url, 3)
        hits = dict(server.hits)
    assert sorted(name for names in stored for name in names) == sorted(f"F{i}" for i in range(30))
    assert hits == {f"/f{i}.xml": 1 for i in range(30)}  # each feed fetched exactly once
    assert all(len(names) >= 6 for names in stored), [len(names) for names in stored]


def holder(url: str, names: list[str]) -> subprocess.Popen[str]:
    """Another process claiming `names` for a full pass, then holding them until killed."""
    code = ("import sys, time\nfrom datetime import UTC, datetime\n"
            "from feeds.store import Store\n"
            f"claims = Store.open({url!r}).claim_sources(datetime.now(UTC))\n"
            f"print([claims.take(n)[0].name for n in {names!r}], flush=True)\n"
            "time.sleep(120)\n")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == f"{['MINE'] * len(names)}\n"
    return process


def test_a_killed_workers_claims_are_taken_over(pg_url: str) -> None:
    store = Store.open(pg_url)
    other = holder(pg_url, ["a", "b"])
    try:
        claims = store.claim_sources(datetime.now(UTC))
        assert [claims.take(n)[0] for n in ("a", "b", "c")] == [Claim.BUSY, Claim.BUSY,
                                                                 Claim.MINE]
        other.kill()
        other.wait()
        deadline = time.monotonic() + 10
        while claims.take("a")[0] is Claim.BUSY and time.monotonic() < deadline:
            time.sleep(0.05)  # the server notices the dead session within moments
        assert [claims.take(n)[0] for n in ("a", "b")] == [Claim.MINE, Claim.MINE]
        claims.release()
    finally:
        other.kill()
        store.close()


def test_a_pass_waits_for_a_busy_source_and_takes_it_over(pg_url: str, tmp_path: Path) -> None:
    store = Store.open(pg_url)
    with feed_server() as server:
        config = slow_feeds(server, tmp_path, 3, 0.0)
        other = holder(pg_url, ["F1"])
        result: list[PollSummary] = []
        worker = threading.Thread(target=lambda: result.append(
            poll_once(load_settings(config), Pipeline(store))))
        try:
            worker.start()
            time.sleep(2.0)
            assert worker.is_alive() and server.hits == {"/f0.xml": 1, "/f2.xml": 1}
            other.kill()
            worker.join(timeout=60)
        finally:
            other.kill()
        assert [p.source for p in result[0].passes] == ["F0", "F1", "F2"]
        assert server.hits == {"/f0.xml": 1, "/f1.xml": 1, "/f2.xml": 1}
    store.close()


def test_a_source_another_worker_stored_during_the_pass_is_skipped(pg_url: str,
                                                                    tmp_path: Path) -> None:
    first, second = Store.open(pg_url), Store.open(pg_url)
    with feed_server() as server:
        config = slow_feeds(server, tmp_path, 2, 0.0)
        settings = load_settings(config)
        since = datetime.now(UTC)
        poll_once(settings, Pipeline(first))  # another worker, done before we got to them
        claims = second.claim_sources(since)
        assert [claims.take(n)[0] for n in ("F0", "F1")] == [Claim.DONE, Claim.DONE]
        claims.release()
        later = second.claim_sources(datetime.now(UTC))
        taken, state = later.take("F0")
        assert taken is Claim.MINE and state is not None and state.location == server.url("/f0.xml")
        later.release()
        due = second.claim_sources(datetime.now(UTC), due_only=True)
        assert due.take("F1")[0] is Claim.DONE  # not due again for ten minutes
        due.release()
    first.close()
    second.close()
