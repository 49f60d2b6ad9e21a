"""Passes stored together (`Pipeline.process_all`, the poller's queue drained into one
transaction) give exactly what storing them one after the other gives."""

from __future__ import annotations

import queue
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session

from feeds.config import SourceSettings
from feeds.ingest import poller
from feeds.ingest.pipeline import PassSummary, Pipeline, SourceResult
from feeds.ingest.rebuild import RefreshPacer
from feeds.model import RawDocument
from feeds.sources import SourcePass
from feeds.store import Store
from feeds.store import tables as t
from tests.test_dedup import BASE, EDITED, OTHER, TITLE

QUAKE = ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso in Chile, "
         "toppling walls; seismologists recorded aftershocks near the Chilean coast.")


def source(name: str) -> SourceSettings:
    return SourceSettings("feed", name, 900, url=f"http://127.0.0.1/{name}")


def one(name: str, guid: str, text: str, title: str = TITLE) -> SourcePass:
    url = f"https://{name}.example/{guid}"
    return SourcePass(documents=[RawDocument(
        source_name=name, locator=url, body=text, guid=guid, url=url, title=title,
        published=datetime(2025, 5, 2, tzinfo=UTC), published_origin="feed")])


def passes() -> list[SourceResult]:
    """A new article; a near copy of it from another feed; its own guid with a new text
    from a third; an unrelated article."""
    return [SourceResult(source("A"), one("A", "a-1", BASE)),
            SourceResult(source("B"), one("B", "b-7", EDITED + " Read more at B.")),
            SourceResult(source("C"), one("C", "a-1", OTHER)),
            SourceResult(source("D"), one("D", "d-1", QUAKE[1], QUAKE[0]))]


def stored(store: Store) -> tuple[list[tuple[str, str, int | None]], list[tuple[str, str]]]:
    """(key, text, story) of every article, and (source, article key) of every link."""
    with Session(store.engine) as session:
        articles = [(a.key, a.text, a.story_id) for a in session.scalars(
            select(t.Article).order_by(t.Article.id))]
        links = sorted((name, key) for name, key in session.execute(
            select(t.Source.name, t.Article.key)
            .join(t.ArticleSource, t.ArticleSource.source_id == t.Source.id)
            .join(t.Article, t.Article.id == t.ArticleSource.article_id)))
    return articles, links


def counts(summary: PassSummary) -> tuple[int, int, int, list[int]]:
    return summary.new, summary.updated, summary.unchanged, summary.new_stories


def test_passes_stored_together_equal_passes_stored_one_by_one(db_url: str) -> None:
    together = Store.open(db_url)
    summaries = Pipeline(together).process_all(passes())
    assert [counts(s) for s in summaries] == [(1, 0, 0, [1]), (0, 0, 1, []), (0, 1, 0, []),
                                              (1, 0, 0, [2])]
    assert together.change_counter() == 1  # one transaction
    assert stored(together) == ([("a-1", OTHER, 1), ("d-1", QUAKE[1], 2)],
                                [("A", "a-1"), ("B", "a-1"), ("C", "a-1"), ("D", "d-1")])
    assert {h.name: h.status for h in together.sources_health()} == dict.fromkeys("ABCD", "ok")
    assert sorted((s.id, s.articles) for s in together.list_stories()) == [(1, 1), (2, 1)]
    together.close()


def test_the_same_passes_one_by_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 'one.db'}")
    pipeline = Pipeline(store)
    summaries = [pipeline.process(p.source, p.result) for p in passes()]
    assert [counts(s) for s in summaries] == [(1, 0, 0, [1]), (0, 0, 1, []), (0, 1, 0, []),
                                              (1, 0, 0, [2])]
    assert stored(store) == ([("a-1", OTHER, 1), ("d-1", QUAKE[1], 2)],
                             [("A", "a-1"), ("B", "a-1"), ("C", "a-1"), ("D", "d-1")])
    store.close()


def test_the_poller_takes_the_waiting_passes_together_up_to_a_bound(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(poller, "GROUP_DOCUMENTS", 3)
    arrived: queue.SimpleQueue[tuple[int, SourcePass]] = queue.SimpleQueue()
    for index in range(5):
        arrived.put((index, SourcePass(documents=one("A", f"g{index}", BASE).documents * 2)))
    assert [i for i, _ in poller._waiting(arrived, 5)] == [0, 1]  # 4 documents: bound reached
    assert [i for i, _ in poller._waiting(arrived, 1)] == [2]  # no more than are left
    assert [i for i, _ in poller._waiting(arrived, 2)] == [3, 4]


def test_a_pass_waits_briefly_for_others_to_join_its_transaction() -> None:
    arrived: queue.SimpleQueue[tuple[int, SourcePass]] = queue.SimpleQueue()
    arrived.put((0, one("A", "w0", BASE)))
    late = [threading.Timer(0.1, arrived.put, [(1, one("B", "w1", BASE))]),
            threading.Timer(1.0, arrived.put, [(2, one("C", "w2", BASE))])]
    for timer in late:
        timer.start()
    started = time.monotonic()
    assert [i for i, _ in poller._waiting(arrived, 3, wait=0.5)] == [0, 1]  # 2 came too late
    assert 0.45 <= time.monotonic() - started < 0.9
    assert [i for i, _ in poller._waiting(arrived, 1, wait=5.0)] == [2]  # the last: no wait
    arrived.put((3, SourcePass(status="not_modified")))
    started = time.monotonic()
    assert [i for i, _ in poller._waiting(arrived, 2, wait=5.0)] == [3]  # nothing to store
    assert time.monotonic() - started < 0.5


def test_rebuilds_are_paced_to_a_twentieth_of_a_long_poll() -> None:
    pacer = RefreshPacer(100.0)
    assert (pacer.due(102.9), pacer.due(103.0)) == (False, True)  # REFRESH_EVERY at first
    pacer.rebuilt(103.0, 103.1)  # a quick rebuild: every three seconds still
    assert (pacer.due(106.0), pacer.due(106.1)) == (False, True)
    pacer.rebuilt(106.5, 108.5)  # two seconds: then 38 seconds of other work first
    assert (pacer.due(146.4), pacer.due(146.5)) == (False, True)
