"""Two writers on one database: each pipeline's story engine catches up with the other's
articles (incrementally), so related articles still join one story."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.config import SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.model import RawDocument
from feeds.sources import SourcePass
from feeds.store import Store

SOURCE = SourceSettings("feed", "Wire", 900, url="http://127.0.0.1/feed")
QUAKE = ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso in Chile, "
         "toppling walls; seismologists recorded aftershocks near the Chilean coast.")
VOTE = ("Ghana counts votes", "Electoral officers in Accra counted ballots after Ghana's "
        "presidential election; turnout in Kumasi was high, the commission said.")


def batch(key: str, title: str, text: str) -> SourcePass:
    return SourcePass(documents=[RawDocument(
        source_name="Wire", locator=key, body=text, guid=key, title=title,
        published=datetime(2025, 5, 2, tzinfo=UTC), published_origin="feed")])


def test_each_pipeline_sees_the_other_writers_articles(db_url: str) -> None:
    store = Store.open(db_url)
    first, second = Pipeline(store), Pipeline(store)
    assert first.process(SOURCE, batch("v1", *VOTE)).new_stories == [1]
    assert second.process(SOURCE, batch("q1", *QUAKE)).new_stories == [2]
    grown = first.process(SOURCE, batch("q2", QUAKE[0] + " again", QUAKE[1] + " More news."))
    assert (grown.new_stories, grown.grown_stories) == ([], [2])
    again = second.process(SOURCE, batch("v2", VOTE[0] + " again", VOTE[1] + " Results soon."))
    assert (again.new_stories, again.grown_stories) == ([], [1])
    assert sorted((s.id, s.articles) for s in store.list_stories()) == [(1, 2), (2, 2)]


def test_a_mark_during_a_write_does_not_make_the_engine_learn_twice(db_url: str) -> None:
    store = Store.open(db_url)
    pipeline = Pipeline(store)
    pipeline.process(SOURCE, batch("v1", *VOTE))
    transaction = store.transaction

    def transaction_after_a_follow(**options):  # type: ignore[no-untyped-def]
        store.set_followed(1, True)  # a dashboard's mark commits between look and write
        return transaction(**options)

    store.transaction = transaction_after_a_follow  # type: ignore[method-assign]
    pipeline.process(SOURCE, batch("q1", *QUAKE))
    store.transaction = transaction  # type: ignore[method-assign]
    pipeline.process(SOURCE, batch("q2", QUAKE[0] + " again", QUAKE[1] + " More news."))
    assert pipeline.engine.documents == 3  # each stored article learned once
    assert sorted((s.id, s.articles) for s in store.list_stories()) == [(1, 1), (2, 2)]
