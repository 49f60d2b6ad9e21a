"""Entity declarations are refused wherever they are in a feed and however it is encoded
(issue 23, item 3): past the first 64 KiB, in UTF-16, or in an encoding the document or
its Content-Type names (UTF-7, EBCDIC), and without a second copy of the document."""

from __future__ import annotations

import base64
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import poll_once
from feeds.sources import parse
from feeds.sources.parse import declares_entities, parse_feed
from feeds.store import Store
from feeds.store import tables as t
from tests.feedserver import feed_server

REFUSED = "feed declares XML entities in a DOCTYPE; refused unparsed"
LAUGHS = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
          '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>')
ITEMS = "".join(f"<item><guid>x{n}</guid><title>Laughs {n} &e;</title><description>&e;&e;"
                "</description></item>" for n in range(40))


def padded_feed(padding: int = 70_000) -> str:
    """The issue's feed: a comment of `padding` characters, then the DOCTYPE with entities."""
    return (f'<?xml version="1.0"?><!-- {"p" * padding} -->{LAUGHS}'
            f'<rss version="2.0"><channel><title>Laughs</title>{ITEMS}</channel></rss>')


def utf7(text: str) -> bytes:
    """UTF-7 in its base64 form, so that no "<" byte is left."""
    return b"+" + base64.b64encode(text.encode("utf-16-be")).rstrip(b"=") + b"-"


@pytest.fixture
def never_parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Neither parser may see the document."""
    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a parser was handed a document that declares entities")
    monkeypatch.setattr(parse.feedparser, "parse", boom)
    monkeypatch.setattr(parse, "read_entries", boom)
    yield


def test_a_declaration_after_a_64_kib_comment_is_refused_over_http(tmp_path: Path) -> None:
    body = padded_feed().encode()
    assert len(body) > 65536 and body.find(b"<!ENTITY") > 65536
    with feed_server() as server:
        server.routes["/laughs"] = lambda _h: (200, {"Content-Type": "application/rss+xml"}, body)
        store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
        settings = Settings(config_path=None, database_url="", sources=[
            SourceSettings("feed", "Laughs", 60, url=server.url("/laughs"))])
        summary = poll_once(settings, Pipeline(store))
    with Session(store.engine) as session:
        source = session.scalars(select(t.Source)).one()
        stored = session.scalar(select(func.count()).select_from(t.Article))
    store.close()
    assert (source.status, source.last_error, stored, summary.new) == ("error", REFUSED, 0, 0)


@pytest.mark.parametrize("padding", [70_000, 65_530, 200_000, 1_000_000])
def test_a_declaration_anywhere_is_refused_before_any_parser(never_parsed: None,
                                                            padding: int) -> None:
    result = parse_feed("Laughs", padded_feed(padding).encode(), "http://feed.example/")
    assert (result.status, result.errors, result.documents) == ("error", [REFUSED], [])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_or_32_declaration_past_64_kib_is_refused(never_parsed: None, codec: str) -> None:
    body = padded_feed().replace('<?xml version="1.0"?>', "").encode(codec)
    assert b"<!ENTITY" not in body
    result = parse_feed("Laughs", body, "http://feed.example/")
    assert (result.status, result.errors) == ("error", [REFUSED])


def test_utf7_named_by_the_declaration_or_the_content_type_is_read_as_utf7(
        never_parsed: None) -> None:
    hidden = padded_feed(100).split("?>", 1)[1].replace("<!", utf7("<!").decode())
    declared = b'<?xml version="1.0" encoding="utf-7"?>' + hidden.encode()
    assert b"<!ENTITY" not in declared.upper()
    assert parse_feed("Laughs", declared, "http://feed.example/").errors == [REFUSED]
    served = hidden.encode()
    assert parse_feed("Laughs", served, "http://feed.example/",
                      "application/rss+xml; charset=UTF-7").errors == [REFUSED]


def test_ebcdic_named_by_the_content_type_is_read_as_ebcdic(never_parsed: None) -> None:
    body = padded_feed(100_000).split("?>", 1)[1].encode("cp500")
    assert b"<!ENTITY" not in body.upper()
    result = parse_feed("Laughs", body, "http://feed.example/", "application/xml; charset=cp500")
    assert result.errors == [REFUSED]


def test_the_scan_holds_no_second_copy_of_the_document() -> None:
    body = padded_feed(4_000_000).replace('<?xml version="1.0"?>', "").encode("utf-16")
    tracemalloc.start()
    try:
        assert declares_entities(body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(body) > 8_000_000 and peak < 1_000_000


def test_clean_feeds_in_any_encoding_are_not_refused() -> None:
    text = ('<rss version="2.0"><channel><title>Wire</title><item><guid>g</guid>'
            "<title>Caf\u00e9 opens</title><description>+ADw- is not a tag; ~{ neither"
            "</description></item></channel></rss>")
    for codec, kind in (("utf-8", None), ("utf-16", None),
                        ("cp500", "application/xml; charset=cp500"),
                        ("utf-7", "application/xml; charset=utf-7")):
        assert not declares_entities(text.encode(codec), kind), codec
    assert [d.title for d in parse_feed("W", text.encode("utf-16"), "http://w/").documents] == [
        "Caf\u00e9 opens"]
