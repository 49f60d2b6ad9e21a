"""JSON Feed 1.0/1.1 read by the feed kind, from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import poll_once
from feeds.sources.feed import fetch_feed, make_client, parse_feed
from feeds.store import Store
from tests.feedserver import feed_server

FEED = {
    "version": "https://jsonfeed.org/version/1.1", "title": "Harbour Wire",
    "home_page_url": "https://harbour.example/", "authors": [{"name": "Desk"}],
    "items": [
        {"id": "h1", "url": "https://harbour.example/strike", "title": "Port strike",
         "content_html": "<p>Dock workers walked out on Monday.</p>",
         "summary": "Dockers strike.", "date_published": "2025-12-14T10:00:00Z",
         "authors": [{"name": "Ana Ruiz"}]},
        {"id": "h2", "title": "Storm <warning>",
         "content_text": "Winds reached 120 km/h & more.\n\nFerries stopped.",
         "date_published": "2025-12-15T08:30:00+02:00"},
        {"id": 3, "url": "https://harbour.example/3", "summary": "Only a summary."},
    ],
}


async def fetch(url: str):  # type: ignore[no-untyped-def]
    async with make_client() as client:
        return await fetch_feed(client, "Wire", url)


def serve(body: bytes, content_type: str):  # type: ignore[no-untyped-def]
    return lambda _h: (200, {"Content-Type": content_type}, body)


@pytest.mark.parametrize("content_type", ["application/feed+json", "application/json",
                                          "text/plain; charset=utf-8"])
async def test_a_json_feed_becomes_documents(content_type: str) -> None:
    with feed_server() as server:
        server.routes["/feed.json"] = serve(json.dumps(FEED).encode(), content_type)
        result = await fetch(server.url("/feed.json"))
    assert (result.status, result.errors, result.feed_title) == ("ok", [], "Harbour Wire")
    assert [(d.guid, d.url, d.title, d.body, d.published, d.outlet, d.author)
            for d in result.documents] == [
        ("h1", "https://harbour.example/strike", "Port strike",
         "<p>Dock workers walked out on Monday.</p>", datetime(2025, 12, 14, 10, tzinfo=UTC),
         "Harbour Wire", "Ana Ruiz"),
        ("h2", None, "Storm <warning>",
         "<p>Winds reached 120 km/h &amp; more.</p><p>Ferries stopped.</p>",
         datetime(2025, 12, 15, 6, 30, tzinfo=UTC), "Harbour Wire", "Desk"),
        ("3", "https://harbour.example/3", None, "Only a summary.", None, "Harbour Wire", "Desk"),
    ]
    assert server.requests[0][1]["Accept"].startswith(
        "application/rss+xml, application/atom+xml, application/feed+json")


def test_json_feed_1_0_author_is_read() -> None:
    doc = {"version": "https://jsonfeed.org/version/1", "title": "Old",
           "items": [{"id": "o1", "content_text": "Text.", "author": {"name": "Bo"}}]}
    result = parse_feed("W", json.dumps(doc).encode(), "http://x/f", None)
    assert [(d.guid, d.author, d.body) for d in result.documents] == [("o1", "Bo", "<p>Text.</p>")]


@pytest.mark.parametrize(("body", "content_type", "error"), [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json",
     "not a JSON Feed: invalid JSON: Expecting value: line 1 column 59 (char 58)"),
    (b'{"title": "no version", "items": []}', "application/json",
     'not a JSON Feed: no "version" of https://jsonfeed.org/version/'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {"id": 1}}', None,
     'JSON Feed: "items": expected a list, got an object'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": "x"}', None,
     'JSON Feed: "items": expected a list, got a string'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [],' + b'"x":' + b"[" * 200_000
     + b"]" * 200_000 + b"}", "application/feed+json", "not a JSON Feed: nested too deeply"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}\xff\xfe', "application/json",
     "not a JSON Feed: not UTF-8 (bad byte at offset 60)"),
])
async def test_a_bad_json_feed_is_one_error_line(body: bytes, content_type: str | None,
                                                 error: str) -> None:
    with feed_server() as server:
        server.routes["/f"] = lambda _h: (200, {"Content-Type": content_type} if content_type
                                          else {}, body)
        result = await fetch(server.url("/f"))
    assert (result.status, result.errors, result.documents) == ("error", [error], [])


def test_a_number_too_long_for_int_is_one_error_line() -> None:
    data = b'{"version": "https://jsonfeed.org/version/1.1", "items": [], "n": ' + b"9" * 5000
    result = parse_feed("W", data + b"}", "http://x/f", "application/json")
    assert (result.status, len(result.errors)) == ("error", 1)
    assert result.errors[0].startswith("not a JSON Feed: invalid JSON: Exceeds the limit")


def test_wrong_types_in_items_are_read_as_absent_and_odd_items_skipped() -> None:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": ["not", "a", "string"],
           "items": [{"id": "w1", "title": 5, "url": {"x": 1}, "content_html": None,
                      "summary": "Kept.", "date_published": "yesterday",
                      "authors": "nobody"}, 7, None, "item"]}
    result = parse_feed("Wire", json.dumps(doc).encode(), "http://x/f", "application/json")
    assert result.errors == ["warning: 3 JSON Feed items are not objects; skipped"]
    assert [(d.guid, d.title, d.url, d.body, d.published, d.outlet, d.author)
            for d in result.documents] == [("w1", None, None, "Kept.", None, "Wire", None)]


def test_huge_fields_are_cut_like_a_feed_s() -> None:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "T",
           "items": [{"id": "x" * 5000, "title": "t" * 5000, "content_text": "w " * 300_000}]
           + [{"id": str(i)} for i in range(1500)]}
    result = parse_feed("W", json.dumps(doc).encode(), "http://x/f", None)
    first = result.documents[0]
    assert (len(first.guid or ""), len(first.title or ""), len(first.body)) == (600, 1000, 200_000)
    assert len(result.documents) == 1000
    assert result.errors == ["warning: 1501 entries; kept the first 1000"]


def test_rss_served_as_application_json_is_still_read_as_rss() -> None:
    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
            b"<guid>r1</guid><title>Quake</title><description>d</description></item>"
            b"</channel></rss>")
    result = parse_feed("W", data, "http://x/f", "application/json")
    assert [(d.guid, d.title) for d in result.documents] == [("r1", "Quake")]


def test_a_poll_stores_a_json_feed(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'j.db'}")
    try:
        with feed_server() as server:
            server.routes["/feed.json"] = serve(json.dumps(FEED).encode(),
                                                "application/feed+json")
            settings = Settings(config_path=None, database_url="", sources=[
                SourceSettings("feed", "Harbour", 600, url=server.url("/feed.json"))])
            summary = poll_once(settings, Pipeline(store))
        assert [(p.status, p.new, p.errors) for p in summary.passes] == [("ok", 3, [])]
    finally:
        store.close()
