"""More hostile feeds: 50,000 entries, missing and future dates, missing guids,
invalid UTF-8, a stalled server. Each ends within its budget with one clear record."""

from __future__ import annotations

import time
import tracemalloc
from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session

from feeds.sources.parse import parse_feed
from feeds.store import tables as t
from tests.test_feed_hostile import Harness, h  # noqa: F401 - the fixture

ITEM = "<item><guid>e{n}</guid><title>Entry {n}</title><description>Short {n}.</description></item>"


def feed(items: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Wire</title>{items}</channel></rss>").encode()


def test_fifty_thousand_entries_are_bounded_in_time_and_memory() -> None:
    body = feed("".join(ITEM.format(n=n) for n in range(50_000)))
    tracemalloc.start()
    started = time.monotonic()
    result = parse_feed("Wire", body, "http://127.0.0.1/feed")
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(result.documents) == 1000
    assert result.documents[0].guid == "e0"
    assert elapsed < 60 and peak < 400 * 2**20


def test_missing_and_future_dates(h: Harness) -> None:  # noqa: F811 - the fixture
    items = ("<item><guid>d1</guid><title>No date</title>"
             "<description>Text one.</description></item>"
             "<item><guid>d2</guid><title>From the future</title><description>Text two."
             "</description><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>")
    h.server.routes["/bad"] = lambda _h: (200, {}, feed(items))
    before = datetime.now(UTC)
    h.poll()
    with Session(h.store.engine) as session:
        rows = {r.key: r for r in session.scalars(
            select(t.Article).where(t.Article.key.in_(["d1", "d2"])))}
    assert rows["d1"].published_at is None and rows["d1"].date_origin == "none"
    future = rows["d2"].published_at
    assert future is not None and (
        before.replace(microsecond=0) <= future.replace(tzinfo=UTC) <= datetime.now(UTC))
    h.check_good()


def test_missing_guids_fall_back_to_link_then_content(h: Harness) -> None:  # noqa: F811
    items = ("<item><title>Linked</title><link>https://news.example/a?utm_source=x</link>"
             "<description>Has a link.</description></item>"
             "<item><title>Bare</title><description>Neither guid nor link.</description></item>")
    h.server.routes["/bad"] = lambda _h: (200, {}, feed(items))
    h.poll()
    with Session(h.store.engine) as session:
        keys = sorted(session.scalars(
            select(t.Article.key).where(t.Article.title.in_(["Linked", "Bare"]))))
    assert keys[0] == "https://news.example/a" and keys[1].startswith("sha:")
    h.check_good()


def test_invalid_utf8_is_read_or_recorded_never_raised(h: Harness) -> None:  # noqa: F811
    body = feed('<item><guid>u1</guid><title>Bad bytes</title>'
                '<description>caf</description></item>')
    body = body.replace(b"caf", b"caf\xff\xfe\xc3(")
    h.server.routes["/bad"] = lambda _h: (200, {}, body)
    h.poll()
    source = h.source()
    titles = h.titles("Bad")
    assert titles == ["Bad bytes"] or (source.status == "error" and source.last_error)
    h.check_good()


def test_stalled_server_ends_at_the_deadline(h: Harness) -> None:  # noqa: F811
    def stall(_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(6)
        return 200, {}, feed("")
    h.server.routes["/bad"] = stall
    started = time.monotonic()
    h.poll(deadline=1.0)
    assert time.monotonic() - started < 5
    assert h.source().status == "error" and "1 s" in (h.source().last_error or "")
    h.check_good()
