"""Article identity: canonical URLs, content hashes and keys."""

from __future__ import annotations

from feeds.dedup import article_key, canonical_url, content_hash
from feeds.model import Article


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=z#c") == (
        "https://news.example.org/a/b?id=7")
    assert canonical_url("http://x.org:8080") == "http://x.org:8080/"
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("http://[bad") is None


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("T", "Some  text\n") == content_hash("t", "some text")
    assert content_hash("T", "Some text") != content_hash("T", "Other text")


def test_article_key_prefers_guid_then_url_then_hash() -> None:
    assert article_key(" g1 ", "https://x/", "h") == "g1"
    assert article_key(None, "https://x/", "h") == "https://x/"
    assert article_key("", None, "h") == "sha:h"


def _article(key: str, url: str | None, text: str) -> Article:
    return Article(key=key, source_name="s", title="T", text=text,
                   content_hash=content_hash("T", text), url=url)


def test_unify_keys_duplicates_as_the_stored_article_and_drops_repeats() -> None:
    from feeds.dedup import unify
    from feeds.store.queries import KnownArticles

    known = KnownArticles(by_key={"old": ("h", 1)}, key_by_url={"https://x/a": "old"},
                          key_by_hash={content_hash("T", "same words"): "old2"})
    batch = [_article("g1", "https://x/a", "new text"), _article("g2", "https://x/b", "same words"),
             _article("g3", "https://x/b", "other"), _article("old", None, "z"),
             _article("g4", "https://x/c", "fresh")]
    assert [a.key for a in unify(batch, known)] == ["old", "old2", "g4"]


def test_same_article_from_two_feeds_is_stored_once_and_linked_to_both(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select
    from sqlmodel import Session

    from feeds.config import Settings, SourceSettings
    from feeds.pipeline import Pipeline
    from feeds.poller import poll_once
    from feeds.store import Store
    from feeds.store import tables as t
    from tests.feedserver import feed_server, rss

    store = Store.open(f"sqlite:///{tmp_path / 'd.db'}")
    pipeline = Pipeline(store)
    text = {"v": "The port closed after dock workers walked out."}
    with feed_server() as server:
        # Same story, different guids; the links differ only in tracking parameters.
        server.routes["/a"] = lambda _h: (200, {}, rss([("a-1", "Strike closes port", text["v"])]))
        server.routes["/b"] = lambda _h: (200, {}, rss([("b-9", "Strike closes port", text["v"])])
                                          .replace(b"/b-9?utm_source=rss", b"/a-1?utm_medium=x"))
        settings = Settings(config_path=None, database_url="", sources=[
            SourceSettings("feed", "A", 60, url=server.url("/a")),
            SourceSettings("feed", "B", 60, url=server.url("/b"))])
        first = poll_once(settings, pipeline)
        text["v"] = "The port closed after dock workers walked out. Talks resume Monday."
        second = poll_once(settings, pipeline)
    with Session(store.engine) as session:
        rows = session.scalars(select(t.Article)).all()
        links = session.scalar(select(func.count()).select_from(t.ArticleSource))
    assert (first.new, second.updated, second.new) == (1, 1, 0)
    assert len(rows) == 1 and links == 2
    assert rows[0].key == "a-1" and rows[0].text.endswith("Talks resume Monday.")
    assert {h.name: h.articles for h in store.sources_health()} == {"A": 1, "B": 1}
    store.close()
