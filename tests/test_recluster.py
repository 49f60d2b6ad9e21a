"""`wirewatch recluster` rebuilds the stories from the stored articles, ids and all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


def out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_recluster_gives_back_the_same_stories(
        capsys: pytest.CaptureFixture[str], seed_config: Path, db_url: str) -> None:
    args = ["--config", str(seed_config), "--db", db_url]
    out(capsys, "poll", "--once", *args)
    before = json.loads(out(capsys, "show", "1", "--json", *args))
    assert out(capsys, "recluster", *args) == (
        "reclustered 2 articles: 1 stories before, 1 now\n")
    after = json.loads(out(capsys, "show", "1", "--json", *args))
    assert after["events"] == before["events"]
    assert after["actors"] == before["actors"]
    assert (after["articles"], after["outlets"]) == (2, 2)
    assert len(out(capsys, "stories", "--json", *args).splitlines()) == 1


def test_recluster_extracts_every_article_again(
        capsys: pytest.CaptureFixture[str], seed_config: Path, db_url: str) -> None:
    """A database whose articles were extracted by an older Wirewatch (here: no actors,
    attributions or events at all) gets the current extraction back from recluster."""
    from sqlalchemy import delete, update

    from feeds.store import Store
    from feeds.store import tables as t

    args = ["--config", str(seed_config), "--db", db_url]
    out(capsys, "poll", "--once", *args)
    before = json.loads(out(capsys, "show", "1", "--json", *args))
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.execute(delete(t.Mention))
        conn.execute(delete(t.Attribution))
        conn.execute(update(t.Article).values(events_json="[]"))
    store.close()
    assert out(capsys, "recluster", *args) == (
        "reclustered 2 articles: 1 stories before, 1 now\n")
    after = json.loads(out(capsys, "show", "1", "--json", *args))
    assert [a["name"] for a in after["actors"]] == [a["name"] for a in before["actors"]]
    assert "Asaad al-Shaibani" in [a["name"] for a in after["actors"]]
    assert after["events"] == before["events"] and after["card"] == before["card"]


def test_recluster_keeps_an_article_the_extractor_fails_on(
        capsys: pytest.CaptureFixture[str], seed_config: Path, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import feeds.ingest.prepare
    from feeds.store import Store
    from feeds.store import tables as t

    args = ["--config", str(seed_config), "--db", db_url]
    out(capsys, "poll", "--once", *args)

    def broken(article: object) -> object:
        raise ValueError("an extractor bug")

    monkeypatch.setattr(feeds.ingest.prepare, "extract", broken)
    assert out(capsys, "recluster", *args) == (
        "reclustered 2 articles: 1 stories before, 1 now\n")
    assert json.loads(out(capsys, "show", "1", "--json", *args))["actors"] == []
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(t.Story.__table__.select()).first() is not None
    store.close()


def test_replaced_extractions_mark_their_stories_stale(
        capsys: pytest.CaptureFixture[str], seed_config: Path, db_url: str) -> None:
    from sqlalchemy import select, update

    from feeds.model import Extraction
    from feeds.store import Store
    from feeds.store import tables as t

    out(capsys, "poll", "--once", "--config", str(seed_config), "--db", db_url)
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.execute(update(t.Story).values(stale=False))
        first = conn.execute(select(t.Article.id).order_by(t.Article.id)).scalar()
    counter = store.change_counter()
    store.replace_extractions({first: Extraction()})
    with store.engine.connect() as conn:
        assert conn.execute(select(t.Story.stale)).scalars().all() == [True]
        assert conn.execute(select(t.Mention).where(t.Mention.article_id == first)).first() is None
    assert store.change_counter() == counter + 1
    store.close()


def test_reextract_hands_the_headline_events_to_the_engine(
        capsys: pytest.CaptureFixture[str], seed_config: Path, tmp_path: Path) -> None:
    from feeds.ingest.recluster import reextract
    from feeds.model import HeadlineEvent
    from feeds.store import Store

    db_url = f"sqlite:///{tmp_path / 'w.db'}"
    out(capsys, "poll", "--once", "--config", str(seed_config), "--db", db_url)
    store = Store.open(db_url)
    events = reextract(store, store.count_articles())
    store.close()
    assert sorted(events.values(), key=lambda e: e.day or 0) == [
        HeadlineEvent("violence", None, "Palmyra", frozenset({"daesh"})),
        HeadlineEvent("violence", 739598, "Palmyra", frozenset({"daesh"}))]
