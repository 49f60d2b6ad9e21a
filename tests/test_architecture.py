"""Rules of the house: `feeds` never imports textual; the schema equals its migrations."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import feeds
from feeds.ingest.rebuild import refresh_stale
from feeds.store import (
    Store,
    tables,  # noqa: F401
)


def test_feeds_never_imports_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(feeds.__path__, "feeds.")]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert len(modules) > 15
    assert result.stdout.strip() == "[]"


def test_migrations_build_exactly_the_tables(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": tables.modelled})
        diff = compare_metadata(context, SQLModel.metadata)
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        foreign = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert diff == []
    assert (journal, foreign) == ("wal", 1)


def _old_database(tmp_path: Path, revision: str,
                  rows: list[tuple[str, dict[str, object]]]) -> str:
    """The URL of a database at `revision` holding one folder source (id 1) and `rows`
    (SQL and its parameters, run in order)."""
    from alembic import command
    from sqlalchemy import text

    from feeds.store.engine import alembic_config, make_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), revision)
    with engine.connect().execution_options(write=True) as conn:
        conn.execute(text("INSERT INTO source (id, name, kind, location, status,"
                          " consecutive_errors, items_new, items_updated)"
                          " VALUES (1, 'S', 'folder', '/x', 'ok', 0, 0, 0)"))
        for sql, params in rows:
            conn.execute(text(sql), params)
        conn.commit()
    engine.dispose()
    return url


def test_a_populated_database_upgrades_to_head(tmp_path: Path) -> None:
    story = ("INSERT INTO story (id, title, article_count, outlet_count, state, heat,"
             " created_at, updated_at) VALUES (7, 'Old story', 1, 1, 'active', 1.0,"
             " '2025-01-01 00:00:00', '2025-01-01 00:00:00')")
    article = ("INSERT INTO article (id, key, source_id, story_id, content_hash, title, text,"
               " date_origin, date_uncertain, outlet, locator, events_json, fetched_at,"
               " updated_at) VALUES (1, 'k', 1, 7, 'h', 'T', 'Text.', 'none', 0, 'O', '',"
               " '[]', '2025-01-01 00:00:00', '2025-01-01 00:00:00')")
    url = _old_database(tmp_path, "0003", [(story, {}), (article, {})])
    store = Store.open(url)
    assert [(s.id, s.title, s.articles) for s in store.list_stories()] == [(7, "Old story", 1)]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migration_0007_recomputes_every_stored_fingerprint(tmp_path: Path) -> None:
    from sqlalchemy import text

    from feeds.ingest.dedup import simhash, simhash_columns
    from tests.test_dedup import BASE

    article = ("INSERT INTO article (id, key, source_id, content_hash, title, text, date_origin,"
               " date_uncertain, outlet, locator, events_json, fetched_at, updated_at, simhash,"
               " sim_band0) VALUES (:id, :key, 1, 'h', 'T', :text, 'none', 0, 'O', '', '[]',"
               " '2025-01-01 00:00:00', '2025-01-01 00:00:00', -1780222740384585674, 7)")
    url = _old_database(tmp_path, "0006", [
        (article, {"id": row_id, "key": f"k{row_id}", "text": body})
        for row_id, body in ((1, BASE), (2, "Too short to judge."), (3, BASE.upper()))])
    store = Store.open(url)
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, simhash, sim_band0, sim_band1, sim_band2, sim_band3"
                                 " FROM article ORDER BY id")).all()
    fresh = (*simhash_columns(simhash(BASE)).values(),)
    assert fresh[0] == -627278145604245482
    assert [tuple(row) for row in rows] == [(1, *fresh), (2, None, None, None, None, None),
                                           (3, *fresh)]


def test_migration_0008_gives_old_stories_a_card_at_the_next_refresh(tmp_path: Path) -> None:
    from sqlalchemy import text

    story = ("INSERT INTO story (id, title, article_count, outlet_count, heat,"
             " created_at, updated_at, stale) VALUES (7, 'Old story', 1, 1, 1.0,"
             " '2025-01-01 00:00:00', '2025-01-01 00:00:00', 0)")
    events = ('[{"cameo":"19","type":"fight","sentence":"s","start":0,"end":1,'
              '"summary":"Gunmen attacked a convoy","date_expr":null,"actors":[],'
              '"target":null,"place":"Homs","figures":{"killed":2},"attributed_to":null}]')
    article = ("INSERT INTO article (id, key, source_id, story_id, content_hash, title, text,"
               " date_origin, date_uncertain, outlet, locator, events_json, fetched_at,"
               " updated_at) VALUES (1, 'k', 1, 7, 'h', 'T', 'Text.', 'none', 0, 'O', '',"
               " :events, '2025-01-01 00:00:00', '2025-01-01 00:00:00')")
    url = _old_database(tmp_path, "0007", [(story, {}), (article, {"events": events})])
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT stale, card FROM story")).one() == (1, None)
    refresh_stale(store)
    card = store.story_detail(7).card
    assert card is not None
    assert (card.type, card.cameo, card.summary, card.place, card.figures) == (
        "Conflict.Attack", "19", "Gunmen attacked a convoy", "Homs", {"killed": 2})
