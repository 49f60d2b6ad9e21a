"""The store: one transaction per batch, upserts, merges, health, clear storage errors."""

from __future__ import annotations

import dataclasses
import gc
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from feeds.ingest import collector, rebuild
from feeds.ingest.rebuild import commit_batches, refresh_stale, replace_stories
from feeds.model import Actor, Article, EventCandidate, Extraction, PartialDate
from feeds.model.eventcodec import dump_events, load_events
from feeds.store import Batch, ProcessedArticle, SourceUpdate, StorageError, Store, transaction
from feeds.store import tables as t


def article(key: str, title: str, outlet: str = "Wire", day: int = 1) -> Article:
    return Article(key=key, source_name="Wire", title=title, text=f"{title}.",
                   content_hash=f"h-{key}-{title}", outlet=outlet,
                   published=datetime(2025, 3, day, tzinfo=UTC), date_origin="feed")


def extraction(*names: str) -> Extraction:
    events = [EventCandidate(cameo="19", type="Conflict.Attack", sentence="Clashes.", start=0,
                             end=8, summary="Clashes", date_expr="ymd:2025-03-01",
                             actors=list(names))]
    return Extraction(actors=[Actor(n, "person", None, [n.split()[-1]], 2) for n in names],
                      events=events)


def batch(*items: ProcessedArticle, status: str = "ok", error: str | None = None,
          merges: dict[int, int] | None = None) -> Batch:
    return Batch(SourceUpdate("Wire", "feed", "http://127.0.0.1/feed", status=status, error=error,
                              etag='"e1"' if status == "ok" else None),
                 list(items), merges or {})


def test_batches_upsert_and_aggregate(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(ProcessedArticle(article("a", "Clashes erupt"),
                                                 extraction("Ann Lee"), 1),
                                ProcessedArticle(article("b", "More clashes", "Post", 2),
                                                 extraction("Ann Lee"), 1)))
    assert store.change_counter() == 1
    story = store.list_stories()[0]
    assert (story.id, story.articles, story.outlets, story.title) == (1, 2, 2, "Clashes erupt")
    detail = store.story_detail(1)
    assert detail is not None
    assert [(a.name, a.mentions, a.articles, a.outlets, a.aliases) for a in detail.actors] == [
        ("Ann Lee", 4, 2, 2, ["Lee"])]
    assert [(e.date, e.cameo, e.articles) for e in detail.events] == [("2025-03-01", "19", 2)]
    commit_batches(store, batch(ProcessedArticle(article("a", "Clashes erupt again"),
                                                 extraction("Bo Chen"), 1)))
    detail = store.story_detail(1)
    assert detail is not None
    assert sorted(a.title for a in detail.articles) == ["Clashes erupt again", "More clashes"]
    assert [(a.name, a.articles) for a in detail.actors] == [("Ann Lee", 1), ("Bo Chen", 1)]
    assert store.change_counter() == 2


def test_merge_moves_articles_into_the_older_story(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(ProcessedArticle(article("a", "One"), extraction(), 1),
                                ProcessedArticle(article("b", "Two"), extraction(), 2)))
    commit_batches(store, batch(merges={2: 1}))
    assert [(s.id, s.articles) for s in store.list_stories()] == [(1, 2)]


def test_a_merged_story_stays_followed(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("abcd", start=1))))
    assert store.set_followed(2, True) and store.set_followed(3, True)
    commit_batches(store, batch(merges={2: 1}))  # the followed newer story joins the older one
    commit_batches(store, batch(merges={4: 3}))  # an unfollowed one joins a followed one
    assert [s.id for s in store.followed_stories()] == [1, 3]
    assert store.change_counter() == 5  # each follow moved the counter: dashboards reread


def test_a_rebuild_keeps_the_follows_by_article(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("abc", start=1))))
    assert store.set_followed(2, True)
    replace_stories(store, {"a": 7, "b": 8, "c": 8})  # b's new story holds c as well
    assert [(s.id, s.articles) for s in store.followed_stories()] == [(8, 2)]


def unread(store: Store) -> dict[int, int]:
    return {s.id: s.unread for s in store.list_stories()}


def test_read_state_counts_the_articles_since(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("abc", start=1)),
                                ProcessedArticle(article("d", "D"), extraction(), 1)))
    assert unread(store) == {1: 2, 2: 1, 3: 1}
    assert store.mark_read([1, 2]) == 2 and unread(store) == {1: 0, 2: 0, 3: 1}
    commit_batches(store, batch(ProcessedArticle(article("e", "E"), extraction(), 1)))
    assert unread(store) == {1: 1, 2: 0, 3: 1}  # one new article since it was read
    assert sorted(s.id for s in store.list_stories(unread=True)) == [1, 3]
    assert store.mark_read([1], read=False) == 1 and unread(store)[1] == 3
    assert store.mark_read(None) == 3 and set(unread(store).values()) == {0}
    commit_batches(store, batch(merges={3: 2}))  # two read stories join: nothing becomes unread
    assert unread(store) == {1: 0, 2: 0}


def test_a_merge_with_an_unread_story_keeps_its_articles_unread(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("ab", start=1))))
    store.mark_read([1])
    commit_batches(store, batch(merges={2: 1}))
    assert unread(store) == {1: 2}  # the read time of the never-read story: none


def test_a_rebuild_keeps_what_was_read(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("abc", start=1))))
    store.mark_read([1, 2])
    replace_stories(store, {"a": 7, "b": 7, "c": 8})
    assert unread(store) == {7: 0, 8: 1}


def test_saved_stories_and_articles(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in enumerate("abc", start=1))))
    assert store.set_saved("story", 2, True) and store.set_saved("story", 3, True)
    assert store.set_saved("article", 1, True) and not store.set_saved("article", 99, True)
    assert [s.id for s in store.saved_stories()] == [3, 2]  # last saved first
    assert [(view.title, story) for view, story in store.saved_articles()] == [("A", 1)]
    commit_batches(store, batch(merges={3: 1}))  # a saved story joins an unsaved one
    assert [s.id for s in store.saved_stories()] == [1, 2]
    replace_stories(store, {"a": 5, "b": 6, "c": 5})
    assert sorted(s.id for s in store.saved_stories()) == [5, 6]
    assert store.set_saved("story", 5, False) and [s.id for s in store.saved_stories()] == [6]


def test_source_health_counts_errors_and_keeps_etag(db_url: str) -> None:
    store = Store.open(db_url)
    assert store.change_counter() == 0
    assert commit_batches(store, batch()) == 1  # each batch moves the change counter by one
    assert commit_batches(store, batch(status="error", error="HTTP 500")) == 2
    assert commit_batches(store, batch(status="error", error="HTTP 502")) == 3
    assert store.change_counter() == 3
    health = store.sources_health()[0]
    assert (health.status, health.last_error, health.consecutive_errors) == ("error", "HTTP 502", 2)
    assert health.last_success is not None
    assert store.source_state("Wire").etag == '"e1"'
    commit_batches(store, batch())
    assert store.sources_health()[0].consecutive_errors == 0


def test_a_write_transaction_runs_with_the_collector_paused(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    enabled: list[bool] = []
    real = transaction.bump_changes
    monkeypatch.setattr(transaction, "bump_changes",
                        lambda conn: enabled.append(gc.isenabled()) or real(conn))
    store = Store.open(db_url)
    waiting = batch(ProcessedArticle(article("a", "Clashes erupt"), extraction("Ann Lee"), 1))
    commit_batches(store, waiting, refresh=False)  # the story waits, stale, for refresh_stale
    assert refresh_stale(store) == 1
    assert enabled == [False, False] and gc.isenabled()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("a failed write")
    assert gc.isenabled()


def test_passes_of_one_transaction_record_health_in_order(db_url: str) -> None:
    store = Store.open(db_url)
    assert commit_batches(store, batch(status="error", error="HTTP 500"),
                                 batch(status="error", error="HTTP 502")) == 1
    health = store.sources_health()[0]
    assert (health.status, health.last_error, health.consecutive_errors) == ("error", "HTTP 502", 2)
    assert health.last_success is None and store.source_state("Wire").etag is None
    other = Batch(SourceUpdate("Other", "feed", "http://127.0.0.2/feed", etag='"o1"'))
    moved = Batch(SourceUpdate("Wire", "feed", "http://127.0.0.1/feed", status="error",
                               error="HTTP 503", moved_to="http://127.0.0.3/feed"))
    commit_batches(store, batch(), other, moved)
    assert [(h.name, h.status, h.consecutive_errors, h.last_success is not None)
            for h in store.sources_health()] == [("Other", "ok", 0, True),
                                                 ("Wire", "error", 1, True)]
    assert (store.source_state("Wire").etag, store.source_state("Other").etag) == ('"e1"', '"o1"')
    assert store.source_state("Wire").moved_to == "http://127.0.0.3/feed"


def test_filter_matches_title_actor_and_outlet(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(ProcessedArticle(article("a", "Clashes erupt", "Post"),
                                                 extraction("Ann Lee"), 1),
                                ProcessedArticle(article("b", "Quake", "Wire"), extraction(), 2)))
    assert [s.id for s in store.list_stories(query="lee")] == [1]
    assert [s.id for s in store.list_stories(query="post clashes")] == [1]
    assert [s.id for s in store.list_stories(query="quake")] == [2]
    assert store.list_stories(query="100%_") == []
    assert store.count_stories("wire") == 1


def test_database_from_a_newer_version_is_refused(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(StorageError, match="written by a newer Wirewatch .*upgrade Wirewatch"):
        Store.open(db_url)


def test_corrupt_file_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as caught:
        Store.open(f"sqlite:///{path}")
    assert str(caught.value) == (f"{path} is not a Wirewatch database or is corrupt: "
                                 "move it aside or use --db")


def test_event_json_round_trips_every_field() -> None:
    event = EventCandidate(cameo="193", type="Conflict.Attack", sentence="Troops shelled Avdiivka.",
                           start=4, end=28, summary="Troops shelled Avdiivka",
                           date_expr="ymd:2025-03-01", date=PartialDate(date(2025, 3, 1), "month"),
                           actors=["Russia", "Ukraine"], target="Ukraine", place="Avdiivka",
                           figures={"killed": 3}, attributed_to="UN", sentence_no=2,
                           participants=[("Russia", "country", "agent"),
                                         ("Ukraine", "country", "target")])
    text = dump_events([event])
    assert '"date":["2025-03-01","month"]' in text
    assert load_events(text) == [event]
    legacy = text.replace('"Conflict.Attack"', '"fight"')  # stored before the ontology
    assert [e.type for e in load_events(legacy)] == ["Conflict.Attack"]
    assert load_events("not json") == [] and load_events('[{"cameo": 1}]') == []


def test_a_refreshing_batch_rebuilds_the_hottest_stale_stories_first(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rebuild, "REFRESH_ARTICLES", 2)  # story 2's two articles, no more
    store = Store.open(db_url)
    quiet = batch(ProcessedArticle(article("a", "Clashes erupt"), extraction("Ann Lee"), 1))
    commit_batches(store, quiet, refresh=False)
    fresh = [dataclasses.replace(article(key, title), published=datetime.now(UTC))
             for key, title in (("b", "Storm hits"), ("c", "Storm grows"))]
    commit_batches(store, batch(*(ProcessedArticle(a, extraction("Bo Chen"), 2) for a in fresh)))
    # story 2 is hotter (two articles of today), so it is rebuilt and story 1 waits
    with Session(store.engine) as session:
        stale = dict(session.execute(select(t.Story.id, t.Story.stale)).all())
    assert stale == {1: True, 2: False}
    assert refresh_stale(store) == 1  # the rest, on its own
    store.close()
