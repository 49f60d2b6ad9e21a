"""The fast feed reader (`feeds.sources.fastparse`) gives exactly what feedparser gives.

Every feed here goes through `parse_feed` twice, once forced through feedparser
(`fast=False`), and the two `SourcePass`es must be equal field for field; the fetch-time
clock is frozen so that future dates clamp alike. Plain RSS 2.0 and Atom 1.0 must take the
fast path; documents it cannot be sure about must not. With WIREWATCH_FEEDPARSER_TESTS set
(by .ci/run), feedparser's own test corpus is compared the same way.
"""

from __future__ import annotations

import os
import random
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.sources import SourcePass
from feeds.sources import parse as parse_module
from feeds.sources.fastparse import read_entries
from feeds.sources.feedencoding import _XML_ENCODING, _declared_encoding
from feeds.sources.parse import parse_feed

URL = "https://wire.example/feed"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
NS = {"content": "http://purl.org/rss/1.0/modules/content/", "dc": "http://purl.org/dc/elements/1.1/",
      "atom": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/",
      "sy": "http://purl.org/rss/1.0/modules/syndication/", "wfw": "http://wellformedweb.org/CommentAPI/",
      "slash": "http://purl.org/rss/1.0/modules/slash/"}


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return NOW


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "datetime", _FrozenClock)


def rss(items: str, channel: str = "<title>Wire</title>", head: str = "") -> bytes:
    namespaces = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
    return (f'{head}<rss version="2.0"{namespaces}><channel>{channel}\n{items}'
            "</channel></rss>").encode()


def atom(entries: str, feed: str = "<title>Wire</title><id>urn:wire</id>") -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
            f' xmlns:media="{NS["media"]}">{feed}\n{entries}</feed>').encode()


def both(body: bytes, content_type: str | None = None) -> tuple[SourcePass, SourcePass]:
    """(feedparser's pass, the default pass) for one document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # feedparser's updated_parsed
        return (parse_feed("Wire", body, URL, content_type, fast=False),
                parse_feed("Wire", body, URL, content_type))


def takes_fast_path(body: bytes, content_type: str | None = None) -> bool:
    return read_entries(body, content_type) is not None


PLAIN_RSS = rss("".join(
    f'<item><guid isPermaLink="false">w-{i}</guid><title>Story {i}</title>'
    f"<link>https://wire.example/{i}</link><description>Body {i} &quot;quoted&quot;.</description>"
    "<pubDate>Sat, 14 Feb 2026 12:37:10 GMT</pubDate></item>" for i in range(3)),
    head='<?xml version="1.0" encoding="utf-8"?>')
PLAIN_ATOM = atom("".join(
    f"<entry><id>tag:wire.example,2026:{i}</id><title>Story {i}</title>"
    f'<link rel="alternate" type="text/html" href="https://wire.example/{i}"/>'
    "<updated>2026-02-14T12:00:00Z</updated><published>2026-02-14T11:00:00+02:00</published>"
    "<author><name>Jane Doe</name><email>jane@wire.example</email></author>"
    f'<summary>Short {i}</summary>'
    f'<content type="html">&lt;p&gt;Long {i}&lt;/p&gt;</content></entry>'
    for i in range(3)))

FAST = {
    "plain rss": PLAIN_RSS,
    "plain atom": PLAIN_ATOM,
    "content:encoded beats description": rss(
        "<item><title>T</title><description>Short teaser.</description>"
        "<content:encoded><![CDATA[<p>The <b>full</b> story, longer.</p>]]></content:encoded>"
        "<dc:creator>Jane Doe</dc:creator></item>"),
    "cdata and entities in titles": rss(
        "<item><title><![CDATA[Floods & <em>storms</em>]]></title>"
        "<description>x</description></item>"
        "<item><title>\n  Tom &amp; Jerry &lt;3 &#8217;s &#150; caf&#233; "
        "\u00c3\u00a9t\u00c3\u00a9 </title></item>"
        "<item><title></title><title>Second title wins over an empty one</title>"
        "<title>Not this</title></item>"),
    "guid isPermaLink true, false, absent": rss(
        "<item><title>a</title><guid>https://wire.example/a</guid></item>"
        '<item><title>b</title><guid isPermaLink="true">https:////wire.example/b</guid></item>'
        '<item><title>c</title><guid isPermaLink="false">c-1</guid></item>'
        '<item><title>d</title><guid isPermaLink="True">d-1</guid></item>'
        "<item><title>e</title><link>https://wire.example/e?x=1&amp;y=2</link><guid>g-e</guid></item>"
        "<item><title>f</title><guid>g-f</guid><link>https://wire.example/f</link></item>"),
    "wordpress": rss(
        "<item><title>Post</title><link>https://blog.example/?p=1</link>"
        "<dc:creator><![CDATA[admin]]></dc:creator>"
        "<pubDate>Mon, 02 Feb 2026 10:00:00 +0000</pubDate>"
        '<category><![CDATA[News]]></category><guid isPermaLink="false">https://blog.example/?p=1</guid>'
        "<description><![CDATA[Teaser [&#8230;]]]></description>"
        "<content:encoded><![CDATA[<p>The full post.</p>]]></content:encoded>"
        "<wfw:commentRss>https://blog.example/?p=1&amp;feed=rss2</wfw:commentRss>"
        "<slash:comments>0</slash:comments></item>",
        channel='<title>Blog</title><atom:link href="https://blog.example/feed" rel="self"'
                ' type="application/rss+xml"/><sy:updatePeriod>\n\thourly\t</sy:updatePeriod>'
                "<sy:updateFrequency>\n\t1\t</sy:updateFrequency><generator>https://wordpress.org/</generator>"
                '<site xmlns="com-wordpress:feed-additions:1">12345</site>'),
    "google news source": rss(
        '<item><title>Quake - AP News</title><link>https://news.google.com/x</link>'
        '<source url="https://apnews.com">AP News</source></item>'
        '<item><title>No outlet</title><source url="https://x.example"> </source></item>'),
    "ttl and sy:updatePeriod": rss(
        "<item><title>t</title></item>",
        channel="<title>Wire</title><ttl>90</ttl><sy:updatePeriod>daily</sy:updatePeriod>"
                "<sy:updateFrequency>4</sy:updateFrequency>"),
    "authors": rss(
        "<item><title>a</title><author>jane@wire.example (Jane Doe)</author></item>"
        "<item><title>b</title><author>jane@wire.example (Jane)</author>"
        "<atom:author><atom:name>Joe</atom:name></atom:author></item>"
        "<item><title>c</title><dc:creator>First</dc:creator><dc:creator>Second</dc:creator></item>"),
    "dates": rss(
        "<item><title>rfc822</title><pubDate>Mon, 02 Feb 2026 10:00:00 +0100</pubDate></item>"
        "<item><title>zone name</title><pubDate>02 Feb 2026 10:00 EST</pubDate></item>"
        "<item><title>iso8601</title><dc:date>2026-02-02T10:00:00.5+02:00</dc:date></item>"
        "<item><title>date only</title><pubDate>2026-02-02</pubDate></item>"
        "<item><title>future</title><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>"
        "<item><title>garbage</title><pubDate>soon</pubDate></item>"),
    "media elements": rss(
        "<item><title>t</title><description>Short.</description>"
        '<media:content url="https://img/x.jpg"><media:description>A much longer caption'
        "</media:description><media:credit>Photo: AP</media:credit></media:content>"
        '<media:thumbnail url="https://img/t.jpg"/></item>'),
    "channel image before the title": rss(
        "<item><title>t</title></item>",
        channel="<image><title>Logo</title><url>https://img/l.png</url><link>https://wire.example</link>"
                "</image><title>Wire after its image</title>"),
    "atom text, html, links": atom(
        '<entry><id>tag:x,1</id><title type="html">A &amp;amp; B</title>'
        '<link rel="enclosure" href="https://x/a.mp3"/><link rel="self" href="https://x/self"/>'
        '<link rel="alternate" type="application/pdf" href="https://x/a.pdf"/>'
        '<link href="https://x/the-story"/><link rel="related" href="https://x/other"/>'
        '<content type="text">Plain text content</content>'
        '<updated>2026-02-01T00:00:00Z</updated></entry>'
        '<entry><id>https://x/id-as-link</id><title type="text">no alternate link</title>'
        '<summary type="html">&lt;b&gt;bold&lt;/b&gt;</summary></entry>'
        '<entry><id>tag:x,3</id><title>pdf after html</title><link href="https://x/html"/>'
        '<link rel="alternate" type="application/pdf" href="https://x/pdf"/>'
        '<link rel="enclosure" href="https://x/e.mp3"/></entry>'
        '<entry><title>youtube</title><link rel="alternate" href="https://x/v"/><media:group>'
        "<media:title>Video</media:title><media:description>Words</media:description></media:group></entry>"),
}

SLOW = {
    "a DOCTYPE": rss("<item><title>t</title></item>", head='<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">'),
    "latin-1 declared": rss("<item><title>caf\u00e9</title></item>",
                            head='<?xml version="1.0" encoding="ISO-8859-1"?>'),
    "xml:base": rss("<item><title>t</title><link>/a</link></item>").replace(
        b"<channel>", b'<channel xml:base="https://base.example/">'),
    "markup nested in a description": rss(
        "<item><title>t</title><description><p>x</p></description></item>"),
    "atom xhtml content": atom('<entry><title>t</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                               "<p>x &amp; <b>y</b></p></div></content></entry>"),
    "rss 1.0": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
               b'<channel rdf:about="u"><title>W</title></channel>'
               b'<item rdf:about="i"><title>t</title></item></rdf:RDF>',
}


@pytest.mark.parametrize("body", list(FAST.values()), ids=list(FAST))
def test_plain_feeds_take_the_fast_path_and_read_as_feedparser_reads_them(body: bytes) -> None:
    assert takes_fast_path(body)
    assert takes_fast_path(body, "application/rss+xml")
    slow, fast = both(body)
    assert fast == slow
    assert fast.documents


@pytest.mark.parametrize("body", list(SLOW.values()), ids=list(SLOW))
def test_what_the_fast_path_is_unsure_of_goes_to_feedparser(body: bytes) -> None:
    assert not takes_fast_path(body)
    slow, fast = both(body)
    assert fast == slow


@pytest.mark.parametrize(("content_type", "fast"), [
    (None, True), ("application/rss+xml", True), ("application/xml; charset=UTF-8", True),
    ("text/xml; charset=utf-8", True), ("text/xml", False), ("text/html", False),
    ("application/rss+xml; charset=iso-8859-1", False), ("application/octet-stream", False),
])
def test_content_type_decides_the_decoding_as_feedparser_does(content_type: str | None,
                                                              fast: bool) -> None:
    body = rss("<item><title>caf\u00e9 \u2013 na\u00efve</title></item>")
    assert takes_fast_path(body, content_type) is fast
    slow, quick = both(body, content_type)
    assert quick == slow


def test_a_plain_feed_reads_as_expected() -> None:
    result = parse_feed("Wire", FAST["guid isPermaLink true, false, absent"], URL)
    assert [(d.url, d.guid) for d in result.documents] == [
        ("https://wire.example/a", "https://wire.example/a"),
        ("https://wire.example/b", "https://wire.example/b"),
        (None, "c-1"), (None, "d-1"),
        ("https://wire.example/e?x=1&y=2", "g-e"), ("https://wire.example/f", "g-f")]
    news = parse_feed("Wire", FAST["google news source"], URL).documents
    assert [d.outlet for d in news] == ["AP News", "Wire"]
    assert parse_feed("Wire", FAST["ttl and sy:updatePeriod"], URL).min_interval == 21600


@pytest.mark.parametrize("body", [
    b'<rss version="2.0"><channel><title>W</title><item><title>t</title></item></channel>',
    b'<rss version="2.0"><channel><item><title>a &nbsp; b</title></item></channel></rss>',
    (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>\xff</title>'
     b"</item></channel></rss>"),
    b"<html><body><p>Hello</p></body></html>",
    b"not a feed at all",
    b"",
    (b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title>'
     b"</item></channel></rss>"),
], ids=["unclosed", "undefined entity", "bad utf-8", "html", "text", "empty", "entity declaration"])
def test_malformed_documents_give_the_same_warnings_and_errors(body: bytes) -> None:
    assert not (body.strip() and takes_fast_path(body))
    slow, fast = both(body)
    assert fast == slow
    if slow.status == "truncated":  # "unclosed": the document ends before </rss>
        assert slow.errors[0].startswith("truncated feed: ") and slow.documents
    elif slow.documents:
        assert slow.errors[0].startswith("warning: malformed feed, read anyway: ")
    else:
        assert slow.status == "error"


def test_hostile_counts_in_ttl_do_not_raise() -> None:
    for ttl in ("\u00b2", "9" * 5000, "-5"):
        slow, fast = both(rss("<item><title>t</title></item>", channel=f"<ttl>{ttl}</ttl>"))
        assert fast == slow
    assert both(rss("<item><title>t</title></item>",
                    channel="<ttl>\u00b2</ttl>"))[1].min_interval is None


def test_declared_encoding_reads_the_declaration_as_feedparser_regex_does() -> None:
    atoms = [b"<?", b"?>", b"encoding=", b'"', b"'", b"utf-8", b"ISO-8859-1", b" ", b"\n", b"x"]
    rng = random.Random(7)
    for _ in range(20_000):
        body = b"<?" + b"".join(rng.choice(atoms) for _ in range(rng.randint(0, 10)))
        match = _XML_ENCODING.match(body)
        assert _declared_encoding(body) == (match.group(1).decode().lower() if match else "")


CORPUS = os.environ.get("WIREWATCH_FEEDPARSER_TESTS")


@pytest.mark.skipif(not CORPUS, reason="set WIREWATCH_FEEDPARSER_TESTS (done by .ci/run)")
def test_feedparser_corpus_reads_the_same_on_both_paths() -> None:
    files = sorted(p for p in Path(CORPUS or ".").rglob("*") if p.is_file())
    fast = 0
    for path in files:
        body = path.read_bytes()[:5_000_000]
        slow, quick = both(body)
        assert quick == slow, path
        fast += bool(body.strip()) and takes_fast_path(
            parse_module._LONG_PERSON.sub(rb"\1\2", body), None)
    assert len(files) > 1000 and fast > 500
