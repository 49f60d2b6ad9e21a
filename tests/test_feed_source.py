"""Feed source against a real HTTP server on 127.0.0.1: entries, 304s, errors, limits."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from httpcore._synchronization import current_async_library

from feeds.sources.feed import fetch_feed, make_client, parse_feed
from tests.feedserver import feed_server, rss

ITEMS = [("a1", "Quake hits coast", "A strong earthquake struck the coast."),
         ("a2", "Floods in the north", "Rivers burst their banks after storms.")]


async def fetch(url: str, **kwargs: object):  # type: ignore[no-untyped-def]
    async with make_client() as client:
        return await fetch_feed(client, "Wire", url, **kwargs)  # type: ignore[arg-type]


async def test_entries_become_documents_and_etag_gives_304() -> None:
    with feed_server() as server:
        def route(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
            if headers.get("If-None-Match") == '"v1"':
                return 304, {}, b""
            return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, rss(ITEMS)
        server.routes["/feed"] = route
        first = await fetch(server.url("/feed"))
        second = await fetch(server.url("/feed"), etag=first.etag)
    assert (first.status, first.etag, first.errors) == ("ok", '"v1"', [])
    docs = first.documents
    assert [(d.guid, d.title, d.outlet) for d in docs] == [
        ("a1", "Quake hits coast", "Test Wire"), ("a2", "Floods in the north", "Test Wire")]
    assert docs[0].published == datetime(2025, 12, 14, 10, tzinfo=UTC)
    assert docs[0].body == "A strong earthquake struck the coast."
    assert (second.status, second.documents) == ("not_modified", [])


@pytest.mark.parametrize(("status", "expected", "error"), [
    (500, "error", "HTTP 500"), (404, "error", "HTTP 404"),
    (410, "gone", "HTTP 410: the feed is gone"),
    (429, "rate_limited", "HTTP 429"),
])
async def test_http_errors_are_recorded(status: int, expected: str, error: str) -> None:
    with feed_server() as server:
        server.routes["/feed"] = lambda _h: (status, {"Retry-After": "120"}, b"no")
        result = await fetch(server.url("/feed"))
    assert (result.status, result.errors) == (expected, [error])
    if expected == "rate_limited":
        assert result.retry_after is not None and result.retry_after > datetime.now(UTC)


async def test_body_over_the_limit_is_cut_off() -> None:
    with feed_server() as server:
        server.routes["/big"] = lambda _h: (200, {}, b"<rss>" + b"x" * 50_000)
        result = await fetch(server.url("/big"), max_bytes=10_000)
    assert (result.status, result.errors) == ("error", ["body larger than 10000 bytes; cut off"])


async def test_html_instead_of_a_feed_is_an_error() -> None:
    with feed_server() as server:
        server.routes["/page"] = lambda _h: (200, {"Content-Type": "text/html"},
                                             b"<html><body><p>Hello</p></body></html>")
        result = await fetch(server.url("/page"))
    assert result.status == "error"
    assert result.errors == ["an HTML page, not a feed"]


async def test_file_url(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(ITEMS[:1]))
    result = await fetch(path.as_uri())
    assert [d.guid for d in result.documents] == ["a1"]


def test_parser_never_fetches_a_url_given_as_data() -> None:
    result = parse_feed("Wire", b"http://127.0.0.1:9/never", "x")
    assert result.status == "error"


def test_future_dates_are_clamped_and_flagged() -> None:
    body = rss(ITEMS).replace(b"Sun, 14 Dec 2025", b"Sun, 14 Dec 2031", 1)
    before = datetime.now(UTC)
    result = parse_feed("Wire", body, "http://127.0.0.1/feed")
    first, second = result.documents
    assert first.published is not None and before <= first.published <= datetime.now(UTC)
    assert second.published == datetime(2025, 12, 14, 10, tzinfo=UTC)
    assert result.errors == ["warning: 1 entries dated in the future; clamped to the fetch time"]


def test_google_news_source_names_the_outlet() -> None:
    body = rss(ITEMS[:1]).replace(
        b"</title><link>", b'</title><source url="https://apnews.com">AP News</source><link>', 1)
    assert parse_feed("Wire", body, "u").documents[0].outlet == "AP News"


def test_httpcore_finds_sniffio_without_a_path_search() -> None:
    """httpcore imports sniffio on every connection step; a miss costs a search of sys.path
    each time (about 1 s of a 500-feed poll), so it is a declared dependency."""
    async def library() -> str:
        return current_async_library()

    assert asyncio.run(library()) == "asyncio"
    assert "sniffio" in sys.modules
