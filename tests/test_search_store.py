"""Full-text search in the store: found as soon as written, kept current through updates,
merges, rebuilds and deletes, hostile queries harmless, old databases indexed on upgrade
(SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from alembic import command
from sqlalchemy import text

from feeds.ingest.rebuild import commit_batches, replace_stories
from feeds.read.views import Marked
from feeds.store import ProcessedArticle, SearchError, Store
from feeds.store import search as search_module
from feeds.store.engine import alembic_config, make_engine
from feeds.store.search import CANDIDATES, PER_STORY, search_words
from tests.test_store import article, batch, extraction


def item(key: str, title: str, body: str, story: int, outlet: str = "Wire",
         day: int = 1) -> ProcessedArticle:
    return ProcessedArticle(dataclasses.replace(article(key, title, outlet, day), text=body),
                            extraction(), story)


def found(store: Store, query: str) -> list[tuple[int, list[int]]]:
    """(story id, its matching article ids) for each group, in order."""
    return [(g.story.id, [m.article_id for m in g.matches]) for g in store.search(query)]


def stocked(url: str) -> Store:
    store = Store.open(url)
    commit_batches(store, batch(
        item("a", "Floods sweep Valencia", "Rivers burst their banks in Valencia.", 1),
        item("b", "Valencia counts the cost", "Insurers expect claims after the flooding.", 1,
             "Post", 2),
        item("c", "Election delayed", "Officials postponed the vote in two districts.", 2),
        item("d", "Harbour strike ends", "Dockers voted to return to work.", 3, day=3)))
    return store


def test_written_articles_are_found_grouped_by_story(db_url: str) -> None:
    store = stocked(db_url)
    assert found(store, "flood") == [(1, [1, 2])]  # the title match ranks first
    assert found(store, "Valencia") == [(1, [1, 2])]
    assert found(store, "vote") == [(3, [4]), (2, [3])]  # stemmed: voted; the shorter first
    assert found(store, "valencia insurers") == [(1, [2])]  # every word must match
    assert found(store, "volcano") == []
    group = store.search("flooding")[0]
    first = group.matches[0]
    assert (group.story.title, first.outlet, first.published.date().isoformat()) == (
        "Floods sweep Valencia", "Wire", "2025-03-01")
    assert first.title == Marked("Floods sweep Valencia", ((0, 6),))
    assert first.snippet == Marked("Rivers burst their banks in Valencia.", ())
    assert group.matches[1].snippet == Marked("Insurers expect claims after the flooding.",
                                              ((33, 41),))
    assert group.words == ("floods", "flooding")


def test_an_updated_text_is_found_by_its_new_words_only(db_url: str) -> None:
    store = stocked(db_url)
    commit_batches(store, batch(item("c", "Election held", "Turnout was high despite the rain.",
                                     2)))
    assert found(store, "postponed") == []
    assert found(store, "turnout") == [(2, [3])]
    assert found(store, "election") == [(2, [3])]


def test_merges_and_rebuilds_move_the_matches_to_their_new_story(db_url: str) -> None:
    store = stocked(db_url)
    commit_batches(store, batch(merges={3: 2}))
    assert found(store, "vote") == [(2, [4, 3])]
    replace_stories(store, {"a": 5, "b": 6, "c": 6, "d": 7})
    assert found(store, "valencia") == [(5, [1]), (6, [2])]
    assert found(store, "vote") == [(7, [4]), (6, [3])]


def test_a_reextraction_keeps_the_index(db_url: str) -> None:
    store = stocked(db_url)
    store.replace_extractions({1: extraction("Ann Lee"), 3: extraction()})
    assert found(store, "valencia") == [(1, [1, 2])]
    assert found(store, "districts") == [(2, [3])]


def test_deleted_articles_are_no_longer_found(db_url: str) -> None:
    store = stocked(db_url)
    with store.engine.connect() as conn:
        for table in ("mention", "attribution", "article_source", "event_report"):
            conn.execute(text(f"DELETE FROM {table} WHERE article_id = 1"))
        conn.execute(text("DELETE FROM article WHERE id = 1"))
        conn.commit()
    assert found(store, "valencia") == [(1, [2])]
    assert found(store, "rivers") == []


@pytest.mark.parametrize("query", [
    '"', '""floods', 'flood"', "NEAR(", "NEAR(floods valencia)", "*", "flood*", "-",
    "-flood", "OR", "flood OR vote", "flood AND NOT vote", ":", "title:flood", "^flood",
    "(flood", "flood)", "{title}: flood", "'; DROP TABLE article; --", "floods & !vote",
    "flood <-> valencia", "Valéncia", "naïve café", "洪水", "🌊 flood", "\x00flood",
    "flood\\", "a" * 5000, " ".join(["flood"] * 100)])
def test_hostile_queries_are_plain_words(db_url: str, query: str) -> None:
    store = stocked(db_url)
    if not re.search(r"\w", query):
        with pytest.raises(SearchError):
            store.search(query)
        return
    groups = store.search(query)
    assert all(g.story.id in (1, 2, 3) for g in groups)
    assert store.search("floods")[0].story.id == 1  # and the index is still there


@pytest.mark.parametrize("query", ["", "   ", '"', "*", "-", ":", "()", "!?…", "—"])
def test_a_query_without_words_is_an_error(query: str) -> None:
    with pytest.raises(SearchError, match="nothing to search for"):
        search_words(query)


def test_hostile_words_are_matched_literally(db_url: str) -> None:
    store = stocked(db_url)
    assert found(store, "flood OR strike") == []  # OR is a word, not an operator
    assert found(store, "NEAR(strike") == []
    assert found(store, "harbour-strike") == [(3, [4])]  # two words
    assert found(store, "strike*") == [(3, [4])]  # no prefix query either
    assert found(store, "title:harbour") == []  # "title" is a word, not a column
    assert found(store, '"harbour" "strike"') == [(3, [4])]


def test_results_are_bounded(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(item(f"k{n}", f"Storm report {n}", "A storm hit the coast.",
                                       n // 5 + 1) for n in range(60))))
    groups = store.search("storm", limit=4)
    assert len(groups) == 4
    assert all(len(g.matches) == PER_STORY for g in groups)
    assert len(store.search("storm", limit=1000)) == 12
    assert CANDIDATES >= 60


@pytest.mark.parametrize("bitmap_below", [20_000, 0])  # PostgreSQL: both ways to the newest
def test_a_common_word_is_ranked_among_its_newest_articles(
        db_url: str, monkeypatch: pytest.MonkeyPatch, bitmap_below: int) -> None:
    monkeypatch.setattr(search_module, "PG_BITMAP_BELOW", bitmap_below)
    store = stocked(db_url)
    assert found(store, "valencia") == [(1, [1, 2])]  # the title match first
    monkeypatch.setattr(search_module, "RANK_WINDOW", 1)
    monkeypatch.setattr(search_module, "PG_RANK_WINDOW", 1)
    assert found(store, "valencia") == [(1, [2])]  # only the newest is ranked
    assert found(store, "vote") == [(3, [4])]
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    monkeypatch.setattr(search_module, "PG_RANK_WINDOW", 2)
    assert found(store, "vote") == [(3, [4]), (2, [3])]


def test_the_index_and_its_triggers_exist_at_head(db_url: str) -> None:
    """A later migration that rebuilds `article` (SQLite's batch mode) must recreate them."""
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = conn.execute(text("SELECT type, name FROM sqlite_master WHERE name LIKE "
                                      "'article_fts%' ORDER BY name")).all()
            assert [tuple(row) for row in names] == [
                ("table", "article_fts"), ("table", "article_fts_config"),
                ("table", "article_fts_data"), ("trigger", "article_fts_delete"),
                ("table", "article_fts_docsize"), ("table", "article_fts_idx"),
                ("trigger", "article_fts_insert"), ("trigger", "article_fts_update")]
        else:
            assert conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                     "'ix_article_search'")).scalar() == (
                "CREATE INDEX ix_article_search ON public.article USING gin (search)")


def test_an_old_database_is_searchable_after_the_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0011")
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO source (name, kind, location, status,"
                          " consecutive_errors, items_new, items_updated)"
                          " VALUES ('S', 'folder', '/x', 'ok', 0, 0, 0)"))  # ids by sequence
        conn.execute(text("INSERT INTO story (id, title, article_count, outlet_count, heat,"
                          " created_at, updated_at, stale, unread) VALUES (7, 'Old story', 2,"
                          " 1, 1.0, '2025-01-01 00:00:00', '2025-01-01 00:00:00', false, 2)"))
        for n, (title, body) in enumerate([("Quake shakes Lima", "Buildings swayed."),
                                           ("Lima rebuilds", "Cranes over the quake zone.")]):
            conn.execute(text(
                "INSERT INTO article (key, source_id, story_id, content_hash, title, text,"
                " date_origin, date_uncertain, outlet, locator, events_json, fetched_at,"
                " updated_at) VALUES (:key, 1, 7, :key, :title, :body, 'none', false,"
                " 'O', '', '[]', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"),
                {"key": f"k{n}", "title": title, "body": body})
        conn.commit()
    engine.dispose()
    store = Store.open(db_url)
    assert found(store, "quake") == [(7, [1, 2])]
    assert found(store, "cranes") == [(7, [2])]
    commit_batches(store, batch(item("new", "Aftershock in Lima", "Another quake.", 7)))
    assert found(store, "aftershock") == [(7, [3])]
