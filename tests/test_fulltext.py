"""`fulltext = true`: a feed's summaries are replaced by the article pages' text; a page
that fails keeps its summary and is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import poll_once
from feeds.store import Store
from feeds.store import tables as t
from tests.feedserver import feed_server

PAGE = ("<html><head><title>Dam holds</title><meta name=\"author\" content=\"Jane Roe\">"
        "<meta property=\"article:published_time\" content=\"2025-03-04T10:00:00Z\"></head>"
        "<body><nav>Home | World</nav><article>"
        "<h1>Dam holds after record rain</h1>"
        + "".join(f"<p>Engineers inspected the Kariba dam wall on day {n} of the storm and said "
                  f"the spillway gates worked as designed, sending water downstream safely.</p>"
                  for n in range(8))
        + "</article><footer>Copyright</footer></body></html>")


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><guid>{g}</guid><title>{title}</title><link>{base}{path}</link>"
        f"<description>Short summary {g}.</description></item>"
        for g, title, path in (("f1", "Dam holds", "/story"), ("f2", "Gone page", "/missing")))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            f'{items}</channel></rss>').encode()


def poll_fulltext(tmp_path: Path) -> tuple[dict[str, t.Article], t.Source, str]:
    """Serve the feed and its pages, poll once with fulltext on: (articles by key, source,
    the server's base URL)."""
    with feed_server() as server:
        server.routes["/feed"] = lambda _h: (200, {}, feed(server.url("")))
        server.routes["/story"] = lambda _h: (200, {"Content-Type": "text/html"}, PAGE.encode())
        store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
        settings = Settings(config_path=None, database_url="", sources=[
            SourceSettings("feed", "Wire", 60, url=server.url("/feed"), fulltext=True)],
            allow_private_addresses=True)  # the pages are on 127.0.0.1
        poll_once(settings, Pipeline(store))
        base = server.url("")
    with Session(store.engine, expire_on_commit=False) as session:
        rows = {row.key: row for row in session.scalars(select(t.Article))}
        return rows, session.scalars(select(t.Source)).one(), base


def test_full_text_replaces_summaries_and_failures_keep_them(tmp_path: Path) -> None:
    rows, source, base = poll_fulltext(tmp_path)
    texts = {key: row.text for key, row in rows.items()}
    assert texts["f1"].startswith("Dam holds after record rain\nEngineers inspected the Kariba dam")
    assert "Copyright" not in texts["f1"] and "Home | World" not in texts["f1"]
    assert (rows["f1"].author, str(rows["f1"].published_at)[:10]) == ("Jane Roe", "2025-03-04")
    assert texts["f2"] == "Short summary f2."
    assert source.status == "ok"
    assert source.last_error == (f"full text: {base + '/missing'}: HTTP 404; kept the summary")


def test_a_broken_extractor_never_costs_the_feed_its_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import feeds.sources.fulltext as fulltext

    def broken(body: bytes, url: str) -> None:
        raise ImportError("no extractor")

    monkeypatch.setattr(fulltext, "_extract", broken)
    rows, source, base = poll_fulltext(tmp_path)
    texts = {key: row.text for key, row in rows.items()}
    assert texts == {"f1": "Short summary f1.", "f2": "Short summary f2."}
    assert source.status == "ok"
    assert (source.last_error or "").startswith(
        f"full text: {base + '/story'}: ImportError; kept the summary")
