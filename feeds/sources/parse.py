"""Feed parsing on untrusted bytes, with guards against parser runaway.

Contract: `parse_feed(name, data, url, content_type)` hands its parsers only the
bytes (never a URL or a path) and returns a `SourcePass`. Before parsing it
refuses empty bodies and any document that declares XML entities (billion laughs,
quadratic expansion) anywhere in it and in any encoding feedparser may read it in
(`declares_entities`: the bytes searched whole, other encodings decoded a chunk at a
time; never a second copy of the document), and cuts person fields (author, name,
dc:creator, ...) to 1,000 bytes, which feedparser handles in quadratic time.
`feeds.sources.pool` bounds the parse's time as a backstop. After parsing it keeps at most
`MAX_ENTRIES` entries and cuts every field to a bounded, sanitised size, so a
huge `<author>` or title never reaches the store. A malformed feed feedparser
can still read yields its entries plus a warning line, except a truncated one (the
document ends before its root element does): its entries, status "truncated" and an
error line. An unreadable feed, or an HTML page, is an error. `<ttl>` and
`sy:updatePeriod`/`sy:updateFrequency` become `min_interval` (a lower bound on the
polling interval, in seconds).
An entry dated in the future is clamped to the fetch time, with a warning line.
Plain RSS 2.0 and Atom 1.0 take a fast path (`feeds.sources.fastparse`, lxml, about six
times cheaper) that reads them exactly as feedparser does; whatever it is not certain
about goes to feedparser. `fast=False` forces feedparser: both give the same `SourcePass`.
A JSON Feed (1.0 or 1.1, `feeds.sources.jsonfeed.looks_like_json`) is read by
`feeds.sources.jsonfeed` into the same entry shape and bounded the same way; invalid JSON
or a wrong type where the structure needs one is one error line.
"""

from __future__ import annotations

import calendar
import codecs
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.parsers.expat import errors as expat_errors

import feedparser

from feeds.model import RawDocument
from feeds.model.text import one_line, sanitize
from feeds.sources import SourcePass
from feeds.sources.fastparse import read_entries
from feeds.sources.jsonfeed import JsonFeedError, looks_like_json, read_json_feed

MAX_ENTRIES = 1000
MAX_BODY = 200_000
FUTURE_SLACK = timedelta(minutes=15)
"""Dates later than the fetch time by more than this are clamped to it (and flagged)."""
MAX_BOUND = 86400
"""The longest lower bound a feed or server may impose on our interval."""
_ENTITY_BYTES = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_TEXT = re.compile("<!ENTITY", re.IGNORECASE)
SCAN_CHUNK = 65536
"""Bytes decoded at a time when a document is searched in an encoding other than ASCII's."""
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^;\"'\s]{1,40})", re.IGNORECASE)
_DECLARED = re.compile(rb"encoding\s*=\s*['\"]([^'\"\r\n]{1,40})['\"]")
_DECLARED_TEXT = re.compile(r"encoding\s*=\s*['\"]([^'\"\r\n]{1,40})['\"]")
_SNIFFED = {b"\x4c\x6f\xa7\x94": ("cp037",)}
"""feedparser reads a document starting with these bytes (EBCDIC "<?xm") as cp037."""
_HINTS = ((b"\x00", ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")),
          (b"\x1b", ("iso2022-jp", "iso2022-kr")), (b"~{", ("hz",)))
"""Bytes without which `<!ENTITY` cannot be written in these encodings (feedparser's own
UTF-16/32 sniffing, and chardet's guesses where feedparser asks chardet)."""
_TRUNCATED = frozenset({
    expat_errors.XML_ERROR_NO_ELEMENTS, expat_errors.XML_ERROR_UNCLOSED_TOKEN,
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION, expat_errors.XML_ERROR_PARTIAL_CHAR})
"""expat's errors for a document that ends before its root element does."""
_HTML = re.compile(rb"<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_LONG_PERSON = re.compile(
    rb"(<(?:[\w-]+:)?(?:author|creator|managingEditor|webMaster|name|email|contributor)\b[^>]{0,200}>)"
    rb"([^<]{1000})[^<]*", re.IGNORECASE)
"""Person fields feedparser handles in quadratic time: cut to 1,000 bytes before parsing."""
_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400,
            "yearly": 365 * 86400}
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def parse_feed(name: str, data: bytes, url: str, content_type: str | None = None, *,
               fast: bool = True) -> SourcePass:
    """Entries of a feed document as raw documents (a warning if it was malformed)."""
    if not data or data.isspace():
        return SourcePass(status="error", errors=["empty body: no feed"])
    if looks_like_json(data, content_type):
        return _json_feed_pass(name, data, url)
    if declares_entities(data, content_type):
        return SourcePass(status="error",
                          errors=["feed declares XML entities in a DOCTYPE; refused unparsed"])
    data = _LONG_PERSON.sub(rb"\1\2", data)
    quick = read_entries(data, content_type) if fast else None
    if quick is not None:
        return _source_pass(name, url, quick.feed, quick.entries)
    return _feedparser_pass(name, data, url, content_type)


def _json_feed_pass(name: str, data: bytes, url: str) -> SourcePass:
    """A JSON Feed's items as raw documents, or its one error line."""
    try:
        found = read_json_feed(data)
    except JsonFeedError as exc:
        return SourcePass(status="error", errors=[str(exc)[:300]])
    result = _source_pass(name, url, found.feed, found.entries)
    if found.skipped:
        result.errors.append(f"warning: {found.skipped} JSON Feed items are not objects; skipped")
    return result


def _feedparser_pass(name: str, data: bytes, url: str, content_type: str | None) -> SourcePass:
    """The document read by feedparser: anything from a clean feed to an HTML page."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False,
                              response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        if _HTML.search(data[:4096]):
            return SourcePass(status="error", errors=["an HTML page, not a feed"])
        problem = parsed.get("bozo_exception")
        return SourcePass(status="error",
                          errors=[f"not a readable feed: {problem or 'no entries'}"[:300]])
    warning = None
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and _cut_off(problem):
        result = _source_pass(name, url, parsed.get("feed") or {}, entries)
        result.status = "truncated"
        count = len(result.documents)
        result.errors.insert(0, f"truncated feed: the document ends before its root element "
                                f"closes ({problem}); kept the {count} "
                                f"{'entry' if count == 1 else 'entries'} read"[:300])
        return result
    if parsed.get("bozo"):
        warning = f"warning: malformed feed, read anyway: {problem}"[:300]
    return _source_pass(name, url, parsed.get("feed") or {}, entries, warning)


def _cut_off(problem: object) -> bool:
    """Whether feedparser's XML error says the document ended before its root element."""
    message = getattr(problem, "getMessage", None)
    return callable(message) and message() in _TRUNCATED


def _source_pass(name: str, url: str, feed: dict[str, Any], entries: list[Any],
                 warning: str | None = None) -> SourcePass:
    """The pass for feedparser-shaped `feed` and `entries`, whichever reader produced them."""
    outlet = one_line(feed.get("title"), 200) or name
    result = SourcePass(min_interval=_feed_interval(feed),
                        feed_title=one_line(feed.get("title"), 200))
    if warning:
        result.errors.append(warning)
    if len(entries) > MAX_ENTRIES:
        result.errors.append(f"warning: {len(entries)} entries; kept the first {MAX_ENTRIES}")
    now = datetime.now(UTC)
    for entry in entries[:MAX_ENTRIES]:
        result.documents.append(_entry_document(name, entry, outlet, url, now))
    future = sum(1 for d in result.documents if d.published == now)
    if future:
        result.errors.append(
            f"warning: {future} entries dated in the future; clamped to the fetch time")
    return result


def declares_entities(data: bytes, content_type: str | None = None) -> bool:
    """Whether `<!ENTITY` occurs anywhere in the document, in any encoding feedparser may
    read it in: the bytes as they are (every ASCII-compatible encoding), then each other
    candidate (the Content-Type's charset, an XML declaration's encoding, a UTF-16/32 or
    EBCDIC start) decoded a chunk at a time."""
    if _ENTITY_BYTES.search(data):
        return True
    return any(_decoded_declares(data, name) for name in _other_encodings(data, content_type))


def _other_encodings(data: bytes, content_type: str | None) -> Iterator[str]:
    """The encodings, not ASCII-compatible, that feedparser might read `data` in."""
    candidates = _CHARSET.findall(content_type or "")
    candidates += _SNIFFED.get(data[:4], ())
    for hint, names in _HINTS:
        if data.find(hint) >= 0:
            candidates += names
    candidates += _declared_encodings(data, candidates)
    for name in dict.fromkeys(c.strip().lower() for c in candidates if c.strip()):
        if not _ascii_compatible(name):
            yield name


def _declared_encodings(data: bytes, sniffed: list[str]) -> list[str]:
    """Every `encoding="..."` on the first line (feedparser's regex takes the last one), read
    in ASCII and in each sniffed encoding."""
    start = 3 if data[:3] == codecs.BOM_UTF8 else 0
    found: list[str] = []
    if data[start:start + 2] == b"<?":
        end = data.find(b"\n", start)
        for match in _DECLARED.finditer(data, start, end if end >= 0 else len(data)):
            found.append(match.group(1).decode("ascii", "replace"))
    for name in sniffed:
        try:
            head = data[:SCAN_CHUNK].decode(name, "ignore")
        except LookupError:
            continue
        found += _DECLARED_TEXT.findall(head.split("\n", 1)[0])
    return found


def _ascii_compatible(name: str) -> bool:
    """Whether `<!ENTITY` can only be written in this encoding as its ASCII bytes (an
    unknown encoding counts as compatible: feedparser cannot read the document in it)."""
    try:
        canonical = codecs.lookup(name).name
        b"".decode(name)  # LookupError for a bytes-to-bytes codec (base64, ...), as in feedparser
    except LookupError:
        return True
    return canonical in ("utf-8", "utf-8-sig", "ascii") or canonical.startswith(
        ("iso8859-", "cp125"))


def _decoded_declares(data: bytes, name: str) -> bool:
    """Whether `<!ENTITY` occurs in `data` decoded as `name`, decoded a chunk at a time (with
    an overlap of a few characters); the search ends where the bytes stop decoding."""
    decoder, tail = codecs.getincrementaldecoder(name)("strict"), ""
    try:
        for at in range(0, len(data), SCAN_CHUNK):
            chunk = data[at:at + SCAN_CHUNK]
            text = tail + decoder.decode(chunk, final=at + SCAN_CHUNK >= len(data))
            if _ENTITY_TEXT.search(text):
                return True
            tail = text[-7:]
    except (UnicodeError, ValueError):
        return False
    return False


def _entry_document(name: str, entry: dict, outlet: str, feed_url: str,
                    now: datetime) -> RawDocument:
    contents = entry.get("content") or []
    body = (max((c.get("value", "") for c in contents), key=len, default="")
            or entry.get("summary", ""))
    source = entry.get("source") or {}
    published = _entry_time(entry)
    if published is not None and published > now + FUTURE_SLACK:
        published = now
    link = one_line(entry.get("link"), 2000) or None
    return RawDocument(
        source_name=name, locator=link or feed_url, body=sanitize(body or "", MAX_BODY),
        media_type="text/html", url=link, guid=one_line(entry.get("id"), 600) or None,
        title=one_line(entry.get("title"), 1000) or None, published=published,
        published_origin="feed" if published else "none",
        outlet=one_line(source.get("title"), 200) or outlet,
        author=one_line(entry.get("author"), 300) or None,
    )


def _entry_time(entry: dict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _feed_interval(feed: dict) -> float | None:
    """The feed's own lower bound: <ttl> minutes, or sy:updatePeriod / sy:updateFrequency."""
    bounds: list[float] = []
    minutes = _whole(str(feed.get("ttl") or "").strip())
    if minutes is not None:
        bounds.append(minutes * 60)
    period = _PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        frequency = _whole(str(feed.get("sy_updatefrequency") or "1").strip())
        bounds.append(period / max(1, frequency if frequency is not None else 1))
    return min(max(bounds), MAX_BOUND) if bounds else None


def _whole(text: str) -> int | None:
    """A decimal count from a feed, or None. Not `isdigit`, which passes "²" to int(); a
    number too long for int() (over 4,300 digits) saturates, as it is over any bound anyway."""
    if not text.isdecimal():
        return None
    return int(text) if len(text) <= 18 else 10 ** 18


def max_age(cache_control: str | None) -> float | None:
    """Seconds of `Cache-Control: max-age` (bounded), or None."""
    match = _MAX_AGE.search(cache_control or "")
    return float(min(int(match.group(1)), MAX_BOUND)) if match else None
