"""Misbehaving servers and hostile feeds, end to end: poll_once → Pipeline → Store (SQLite).

Each test serves one good feed beside the bad one from a real server on
127.0.0.1, polls once (or twice) and asserts what was stored, the status and
error recorded for the bad source, and that the good one was unaffected.
"""

from __future__ import annotations

import gzip
import re
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import brotli
import pytest
from sqlalchemy import select
from sqlmodel import Session

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import PollSummary, poll_once
from feeds.sources.parse import parse_feed
from feeds.store import Store
from feeds.store import tables as t
from tests.feedserver import FeedServer, feed_server, rss

GOOD = [("g1", "Quake hits coast", "A strong earthquake struck the coast on Sunday."),
        ("g2", "Floods in the north", "Rivers burst their banks after days of storms.")]
BAD = [("b1", "Strike closes port", "Dock workers walked out over pay on Monday."),
       ("b2", "Election date set", "The commission set the vote for March.")]
LIMIT = 200_000


class Harness:
    """A server with a good feed, a store on a temporary database, and helpers."""

    def __init__(self, server: FeedServer, tmp_path: Path) -> None:
        self.server = server
        self.store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
        self.pipeline = Pipeline(self.store)
        server.routes["/good"] = lambda _h: (200, {"ETag": '"g"'}, rss(GOOD, "Good Wire"))

    def poll(self, path: str = "/bad", *, deadline: float = 10.0,
             url: str | None = None) -> PollSummary:
        sources = [SourceSettings("feed", "Good", 60, url=self.server.url("/good")),
                   SourceSettings("feed", "Bad", 60, url=url or self.server.url(path))]
        settings = Settings(config_path=None, database_url="", sources=sources,
                            max_file_bytes=LIMIT)
        return poll_once(settings, self.pipeline, deadline=deadline)

    def source(self, name: str = "Bad") -> t.Source:
        with Session(self.store.engine) as session:
            return session.scalars(select(t.Source).where(t.Source.name == name)).one()

    def titles(self, name: str) -> list[str]:
        with Session(self.store.engine) as session:
            query = (select(t.Article.title).join(t.ArticleSource,
                                                  t.ArticleSource.article_id == t.Article.id)
                     .join(t.Source, t.Source.id == t.ArticleSource.source_id)
                     .where(t.Source.name == name).order_by(t.Article.key))
            return list(session.scalars(query))

    def check_good(self) -> None:
        good = self.source("Good")
        assert (good.status, good.last_error, good.consecutive_errors) == ("ok", None, 0)
        assert self.titles("Good") == ["Quake hits coast", "Floods in the north"]


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    with feed_server() as server:
        harness = Harness(server, tmp_path)
        yield harness
        harness.store.close()


def test_304_costs_no_parsing_and_keeps_articles(h: Harness) -> None:
    def route(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Sun, 14 Dec 2025 10:00:00 GMT"}, rss(BAD)
    h.server.routes["/bad"] = route
    first = h.poll()
    second = h.poll()
    bad = h.source()
    assert (first.new, second.new, second.updated) == (4, 0, 0)
    assert (bad.status, bad.etag, bad.last_modified, bad.http_status) == (
        "not_modified", '"v1"', "Sun, 14 Dec 2025 10:00:00 GMT", 304)
    sent = [hd for path, hd in h.server.requests if path == "/bad"][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Sun, 14 Dec 2025 10:00:00 GMT"
    assert "Wirewatch" in sent["User-Agent"] and "gzip" in sent["Accept-Encoding"]
    assert h.titles("Bad") == ["Strike closes port", "Election date set"]
    h.check_good()


def test_etag_change_brings_new_and_updated_items(h: Harness) -> None:
    version = {"n": 1}

    def route(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        tag = f'"v{version["n"]}"'
        if headers.get("If-None-Match") == tag:
            return 304, {}, b""
        items = BAD if version["n"] == 1 else [
            ("b1", "Strike closes port", "Dock workers walked out over pay; talks resume."),
            *BAD[1:], ("b3", "Bridge reopens", "The bridge reopened to traffic on Friday.")]
        return 200, {"ETag": tag}, rss(items)
    h.server.routes["/bad"] = route
    h.poll()
    version["n"] = 2
    second = h.poll()
    bad = h.source()
    assert (second.new, second.updated) == (1, 1)
    assert (bad.status, bad.etag, bad.items_new, bad.items_updated) == ("ok", '"v2"', 1, 1)
    with Session(h.store.engine) as session:
        text = session.scalars(select(t.Article.text).where(t.Article.key == "b1")).one()
    assert "talks resume" in text


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirect_updates_the_stored_url(h: Harness, code: int) -> None:
    h.server.routes["/old"] = lambda _h: (code, {"Location": "/new"}, b"")
    h.server.routes["/new"] = lambda _h: (200, {"ETag": '"n"'}, rss(BAD))
    h.poll("/old")
    h.poll("/old")
    bad = h.source()
    assert (bad.status, bad.moved_to, bad.location) == ("ok", h.server.url("/new"),
                                                          h.server.url("/old"))
    assert (h.server.hits["/old"], h.server.hits["/new"]) == (1, 2)
    assert h.titles("Bad") == ["Strike closes port", "Election date set"]
    h.check_good()


def test_temporary_redirect_keeps_the_url(h: Harness) -> None:
    h.server.routes["/old"] = lambda _h: (302, {"Location": h.server.url("/tmp")}, b"")
    h.server.routes["/tmp"] = lambda _h: (200, {}, rss(BAD))
    h.poll("/old")
    h.poll("/old")
    bad = h.source()
    assert (bad.status, bad.moved_to) == ("ok", None)
    assert (h.server.hits["/old"], h.server.hits["/tmp"]) == (2, 2)


def test_redirect_loop_and_too_many_redirects(h: Harness) -> None:
    h.server.routes["/a"] = lambda _h: (302, {"Location": "/b"}, b"")
    h.server.routes["/b"] = lambda _h: (301, {"Location": "/a"}, b"")
    for hop in range(8):
        h.server.routes[f"/r{hop}"] = lambda _h, n=hop: (302, {"Location": f"/r{n + 1}"}, b"")
    h.poll("/a")
    assert (h.source().status, h.source().last_error) == (
        "error", f"redirect loop at {h.server.url('/a')}")
    h.poll("/r0")
    assert (h.source().status, h.source().last_error) == ("error", "more than 5 redirects")
    assert h.server.hits["/r6"] == 0
    h.check_good()


def test_redirect_to_a_file_url_is_refused(h: Harness) -> None:
    h.server.routes["/sneaky"] = lambda _h: (301, {"Location": "file:///etc/passwd"}, b"")
    h.poll("/sneaky")
    bad = h.source()
    assert (bad.status, bad.moved_to) == ("error", None)
    assert bad.last_error.startswith("redirect to a non-http URL refused: file:")


def test_429_with_retry_after_is_rate_limited_until_then(h: Harness) -> None:
    h.server.routes["/bad"] = lambda _h: (429, {"Retry-After": "7200"}, b"slow down")
    before = datetime.now(UTC)
    h.poll()
    bad = h.source()
    due = bad.next_due.replace(tzinfo=UTC)
    assert (bad.status, bad.last_error, bad.consecutive_errors) == ("rate_limited", "HTTP 429", 1)
    assert due >= before + timedelta(seconds=7190)
    assert h.titles("Bad") == []
    h.check_good()


def test_500s_back_off_and_keep_the_stored_articles(h: Harness) -> None:
    state = {"fail": False}
    h.server.routes["/bad"] = lambda _h: ((500, {}, b"oops") if state["fail"]
                                          else (200, {}, rss(BAD)))
    h.poll()
    state["fail"] = True
    h.poll()
    h.poll()
    bad = h.source()
    due = bad.next_due.replace(tzinfo=UTC)
    assert (bad.status, bad.last_error, bad.consecutive_errors, bad.http_status) == (
        "error", "HTTP 500", 2, 500)
    assert due >= bad.last_attempt.replace(tzinfo=UTC) + timedelta(seconds=60 * 4 * 0.8 - 1)
    assert bad.last_success is not None
    assert h.titles("Bad") == ["Strike closes port", "Election date set"]
    h.check_good()


def test_slow_body_hits_the_whole_request_deadline(h: Harness) -> None:
    def trickle() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
        for _ in range(40):
            time.sleep(0.1)
            yield b"<!-- -->"
    h.server.routes["/bad"] = lambda _h: (200, {}, trickle())
    started = time.monotonic()
    h.poll(deadline=1.0)
    assert time.monotonic() - started < 3.5
    assert (h.source().status, h.source().last_error) == ("error", "no complete answer within 1 s")
    h.check_good()


def test_endless_body_is_cut_off(h: Harness) -> None:
    def endless() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>'
        while True:
            yield b"x" * 16384
    h.server.routes["/bad"] = lambda _h: (200, {}, endless())
    h.poll()
    assert (h.source().status, h.source().last_error) == (
        "error", f"body larger than {LIMIT} bytes; cut off")
    h.check_good()


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compression_bomb_is_stopped_while_inflating(h: Harness, encoding: str) -> None:
    plain = b"<rss>" + b"\0" * 20_000_000
    packed = {"gzip": gzip.compress, "deflate": zlib.compress,
              "br": brotli.compress}[encoding](plain)
    assert len(packed) < LIMIT
    h.server.routes["/bad"] = lambda _h: (200, {"Content-Encoding": encoding}, packed)
    h.poll()
    assert (h.source().status, h.source().last_error) == (
        "error", f"body larger than {LIMIT} bytes; cut off")
    h.check_good()


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_feeds_are_read(h: Harness, encoding: str) -> None:
    packed = {"gzip": gzip.compress, "deflate": zlib.compress,
              "br": brotli.compress}[encoding](rss(BAD))
    h.server.routes["/bad"] = lambda _h: (200, {"Content-Encoding": encoding}, packed)
    h.poll()
    assert (h.source().status, h.source().last_error) == ("ok", None)
    assert h.titles("Bad") == ["Strike closes port", "Election date set"]


def test_corrupt_gzip_is_an_error(h: Harness) -> None:
    h.server.routes["/bad"] = lambda _h: (200, {"Content-Encoding": "gzip"}, b"\x1f\x8bnot gzip")
    h.poll()
    bad = h.source()
    assert bad.status == "error" and bad.last_error.startswith("corrupt gzip body")
    h.check_good()


def test_wrong_charset_is_read_with_a_warning(h: Harness) -> None:
    body = rss([("c1", "Café réouvre à Paris", "Le café rouvre ses portes.")]).decode()
    h.server.routes["/bad"] = lambda _h: (200, {"Content-Type": "text/xml; charset=utf-8"},
                                          body.encode("latin-1"))
    h.server.routes["/declared"] = lambda _h: (
        200, {"Content-Type": "text/xml; charset=iso-8859-1"}, body.encode("latin-1"))
    h.poll()
    bad = h.source()
    assert bad.status == "ok" and bad.last_error.startswith("warning: malformed feed, read anyway")
    assert h.titles("Bad") == ["Café réouvre à Paris"]
    h.poll("/declared")
    assert (h.source().status, h.source().last_error) == ("ok", None)
    h.check_good()


def test_invalid_xml_still_yields_entries_with_a_warning(h: Harness) -> None:
    body = rss(BAD).replace(b"Strike closes port", b"Strike & lockout close <b>port")
    h.server.routes["/bad"] = lambda _h: (200, {}, body)
    h.poll()
    bad = h.source()
    assert bad.status == "ok"
    assert bad.last_error.startswith("warning: malformed feed, read anyway: <unknown>:1:")
    assert len(h.titles("Bad")) == 2
    h.check_good()


def test_unreadable_xml_is_an_error(h: Harness) -> None:
    h.server.routes["/bad"] = lambda _h: (200, {}, b"<?xml version='1.0'?><rss><<<>>>\x00\x01")
    h.poll()
    bad = h.source()
    assert bad.status == "error" and bad.last_error.startswith("not a readable feed")
    h.check_good()


def test_html_page_instead_of_a_feed(h: Harness) -> None:
    page = b"<!DOCTYPE html><html><head><title>News</title></head><body><p>Hi</p></body></html>"
    h.server.routes["/bad"] = lambda _h: (200, {"Content-Type": "text/html"}, page)
    h.poll()
    assert (h.source().status, h.source().last_error) == ("error", "an HTML page, not a feed")
    h.check_good()


def test_empty_body(h: Harness) -> None:
    h.server.routes["/bad"] = lambda _h: (200, {}, b"")
    h.poll()
    assert (h.source().status, h.source().last_error) == ("error", "empty body: no feed")
    h.check_good()


def test_duplicate_guids_are_stored_once(h: Harness) -> None:
    items = [BAD[0], ("b1", "Strike closes port again", "Second copy."), BAD[1]]
    h.server.routes["/bad"] = lambda _h: (200, {}, rss(items))
    summary = h.poll()
    assert h.titles("Bad") == ["Strike closes port", "Election date set"]
    assert summary.new == 4
    h.check_good()


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    '<!DOCTYPE r [<!ENTITY big "' + "x" * 50_000 + '">]>',
])
def test_entity_declarations_are_refused_before_parsing(h: Harness, doctype: str) -> None:
    body = rss([("e1", "Laughs &d;", "&d;&d;&d;&d;")]).replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0"?>' + doctype.encode())
    h.server.routes["/bad"] = lambda _h: (200, {}, body)
    h.poll()
    assert (h.source().status, h.source().last_error) == (
        "error", "feed declares XML entities in a DOCTYPE; refused unparsed")
    h.check_good()


def test_control_sequences_and_huge_fields_never_reach_the_store(h: Harness) -> None:
    title = "Red \x1b[31malert\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil\u202c"
    author = "A" * 100_000
    body = rss([("id\x1b[2J1", title, "Text with \x07bell and \u2066isolate\u2069 ok.")])
    body = body.replace(b"</title><link>", f"</title><author>{author}</author><link>".encode(), 1)
    h.server.routes["/bad"] = lambda _h: (200, {"ETag": '"\x1b[31m"'}, body)
    summary = h.poll()
    with Session(h.store.engine) as session:
        rows = session.scalars(select(t.Article).where(t.Article.key.like("id%"))).all()
    assert len(rows) == 1, (summary, h.source().last_error)
    row = rows[0]
    assert (row.key, row.guid) == ("id1", "id1")
    assert row.title == "Red alert link evil"
    assert row.text == "Text with bell and isolate ok."
    assert len(row.author or "") <= 300
    assert h.source().etag == '""'
    h.check_good()


def test_eight_bit_controls_in_a_clean_utf8_feed_are_stripped() -> None:
    body = rss([("k1", "Calm \x9b2J\x9d0;title\x9c headline \u202ereversed", "Body.")])
    result = parse_feed("Wire", body, "http://127.0.0.1/feed")
    title = result.documents[0].title or ""
    assert result.errors == [] and title.startswith("Calm ")
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", title)


def _sleepy(name: str, data: bytes, url: str, content_type: str | None) -> object:
    time.sleep(60)
    return None


async def test_runaway_parse_is_stopped_and_other_parses_survive() -> None:
    import asyncio

    from feeds.sources.pool import parse_bounded

    started = time.monotonic()
    slow, good = await asyncio.gather(
        parse_bounded("Slow", b"<rss/>", "http://x/slow", timeout=1.0, func=_sleepy),
        parse_bounded("Good", rss(GOOD), "http://x/good", timeout=60.0))
    assert time.monotonic() - started < 40
    assert (slow.status, slow.errors) == (
        "error", ["parser ran away: no result within 1 s; stopped"])
    assert (good.status, [d.guid for d in good.documents]) == ("ok", ["g1", "g2"])


async def test_a_file_feed_is_parsed_in_a_bounded_worker_too(tmp_path: Path) -> None:
    import httpx

    from feeds.sources.feed import fetch_feed

    path = tmp_path / "feed.xml"
    path.write_bytes(rss(GOOD))
    async with httpx.AsyncClient() as client:
        slow = await fetch_feed(client, "Slow", path.as_uri(), parse_timeout=1.0, parser=_sleepy)
        good = await fetch_feed(client, "Good", path.as_uri(), parse_timeout=60.0)
    assert (slow.status, slow.errors) == (
        "error", ["parser ran away: no result within 1 s; stopped"])
    assert (good.status, [d.guid for d in good.documents]) == ("ok", ["g1", "g2"])
