"""The pipeline's copies of database state (`feeds.ingest.mirror.StoreMirror`): each invariant of
its docstring, held directly: catch-up on other writers' commits, own articles learned
once, a full replay after a failed write, the near index seeing fingerprints updated in
place. Run on SQLite, and on PostgreSQL when WIREWATCH_TEST_PG is set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feeds.ingest.dedup import content_hash, simhash
from feeds.ingest.mirror import StoreMirror
from feeds.ingest.rebuild import commit_batches
from feeds.model import Article, Extraction
from feeds.store import Batch, ProcessedArticle, SourceUpdate, StorageError, Store
from feeds.stories import ClusterDoc
from tests.test_dedup import BASE, EDITED, OTHER, TITLE

WHEN = datetime(2025, 5, 2, tzinfo=UTC)
QUAKE = ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso in Chile, "
         "toppling walls; seismologists recorded aftershocks near the Chilean coast.")
VOTE = ("Ghana counts votes", "Electoral officers in Accra counted ballots after Ghana's "
        "presidential election; turnout in Kumasi was high, the commission said.")


def article(key: str, title: str, text: str) -> Article:
    return Article(key=key, source_name="Wire", title=title, text=text,
                   content_hash=content_hash(title, text), published=WHEN,
                   simhash=simhash(text))


def batch(*items: tuple[Article, int]) -> Batch:
    return Batch(SourceUpdate("Wire", "feed", "http://127.0.0.1/feed"),
                 articles=[ProcessedArticle(a, Extraction(), story) for a, story in items])


def doc(a: Article) -> ClusterDoc:
    return ClusterDoc(a.key, a.title, a.text, a.published)


def assigned(mirror: StoreMirror, a: Article) -> tuple[Article, int]:
    """`a` with the story the mirror's engine gives it (and learns)."""
    return a, mirror.assign(doc(a)).story


def test_catch_up_learns_what_other_writers_commit_and_only_that(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch((article("v1", *VOTE), 1)))  # before the mirror looked
    mirror = StoreMirror(store)
    mirror.catch_up()  # the first time: a full replay
    assert (mirror.engine.documents, mirror.synced_at, mirror.last_article) == (1, 1, 1)
    mirror.catch_up()  # the counter did not move: nothing read
    assert mirror.engine.documents == 1

    def no_replay() -> None:
        raise AssertionError("caught up incrementally, not by a full replay")

    monkeypatch.setattr(store, "articles_for_clustering", no_replay)
    commit_batches(store, batch((article("q1", *QUAKE), 2)))  # another writer
    store.set_followed(1, True)  # a mark moves the counter too
    mirror.catch_up()
    assert (mirror.engine.documents, mirror.synced_at, mirror.last_article) == (2, 3, 2)
    related = mirror.assign(doc(article("q2", QUAKE[0] + " again", QUAKE[1] + " More news.")))
    assert (related.story, related.new) == (2, False)  # joins the other writer's story
    store.close()


def test_own_articles_are_learned_once_whether_or_not_another_commit_came_between(
        db_url: str) -> None:
    store = Store.open(db_url)
    mirror = StoreMirror(store)
    mirror.catch_up()
    mine = batch(assigned(mirror, article("v1", *VOTE)))
    counter = mirror.write([mine], lambda: commit_batches(store, mine))
    # alone: the engine is current at once, nothing to catch up on
    assert (counter, mirror.synced_at, mirror.last_article, mirror.learned) == (1, 1, 1, set())
    mine = batch(assigned(mirror, article("q1", *QUAKE)))

    def others_first() -> int:
        store.set_followed(1, True)  # a dashboard's mark
        commit_batches(store, batch((article("x1", "Storm hits Lisbon", "Storm in Lisbon."), 9)))
        return commit_batches(store, mine)

    assert mirror.write([mine], others_first) == 4
    assert (mirror.synced_at, mirror.learned) == (1, {"q1"})  # not current: catch up later
    assert mirror.engine.documents == 2
    mirror.catch_up()  # learns the other writer's article, skips its own
    assert mirror.engine.documents == 3
    assert (mirror.synced_at, mirror.last_article, mirror.learned) == (4, 3, set())
    store.close()


def test_a_failed_write_replays_the_database_into_a_fresh_engine(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch((article("v1", *VOTE), 1)))
    mirror = StoreMirror(store)
    mirror.catch_up()
    lost = batch(assigned(mirror, article("q1", *QUAKE)))
    assert mirror.engine.documents == 2

    def fails() -> int:
        raise StorageError("database or disk is full")

    before = mirror.engine
    with pytest.raises(StorageError, match="disk is full"):
        mirror.write([lost], fails)
    assert mirror.synced_at is None  # the engine holds an article the database did not keep
    mirror.catch_up()
    assert mirror.engine is not before and mirror.engine.documents == 1
    assert mirror.synced_at == store.change_counter() == 1
    again = mirror.assign(doc(article("q1", *QUAKE)))
    assert (again.story, again.new) == (2, True)  # story 2 is free again
    store.close()


@pytest.mark.parametrize("named", [True, False])
def test_the_near_index_sees_a_fingerprint_updated_in_place_when_named(
        db_url: str, named: bool) -> None:
    store = Store.open(db_url)
    mirror = StoreMirror(store)
    first = article("a", TITLE, OTHER)
    mirror.write([one := batch((first, 1))], lambda: commit_batches(store, one))
    assert mirror.find_duplicates([]).near == [] and len(mirror.near) == 1
    rewritten = article("a", TITLE, BASE)  # the same article, its text replaced
    mirror.write([one := batch((rewritten, 1))], lambda: commit_batches(store, one),
                 updated=["a"] if named else [])
    near = mirror.find_duplicates([article("b", TITLE, EDITED)]).near
    if named:  # looked up again: the new fingerprint answers
        assert [(n.key, n.simhash) for n in near] == [("a", simhash(BASE))]
    else:  # its row id is not above `last_id`: the index keeps the old fingerprint
        assert near == []
    assert mirror.updated == set() and mirror.near.last_id == 1
    store.close()

