"""Feed source: fetch an RSS/Atom feed politely and turn its entries into raw documents.

Contract: `fetch_feed(client, name, url, ...)` never raises for network or feed
problems: it returns a `SourcePass` whose status is ok, not_modified, error,
rate_limited or gone, with one error line when something went wrong. It sends
the stored ETag / Last-Modified (a 304 costs no parsing), stops reading past
`max_bytes`, and gives up after `deadline` seconds for the whole request.
feedparser only ever sees the fetched bytes, never a URL or a path.
"""

from __future__ import annotations

import asyncio
import calendar
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser
import httpx

from feeds.model import RawDocument
from feeds.sources import SourcePass

USER_AGENT = "Wirewatch/0.1 (+terminal newsroom; feed reader)"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_DEADLINE = 30.0


def make_client() -> httpx.AsyncClient:
    """The one shared client: timeouts, redirects bounded, our User-Agent."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, "
                 "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"},
        timeout=httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=30.0),
        follow_redirects=True, max_redirects=5,
    )


async def fetch_feed(client: httpx.AsyncClient, name: str, url: str, *, etag: str | None = None,
                     last_modified: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                     deadline: float = DEFAULT_DEADLINE) -> SourcePass:
    """One conditional fetch and parse of a feed."""
    if url.startswith("file://"):
        return _parse_file(name, url, max_bytes)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        return await asyncio.wait_for(_fetch(client, name, url, headers, max_bytes), deadline)
    except TimeoutError:
        return SourcePass(status="error", errors=[f"no complete answer within {deadline:.0f} s"])
    except httpx.TooManyRedirects:
        return SourcePass(status="error", errors=["too many redirects"])
    except httpx.HTTPError as exc:
        return SourcePass(status="error", errors=[f"network error: {type(exc).__name__}: {exc}"[:300]])


async def _fetch(client: httpx.AsyncClient, name: str, url: str, headers: dict[str, str],
                 max_bytes: int) -> SourcePass:
    async with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return SourcePass(status="not_modified", etag=headers.get("If-None-Match"),
                              last_modified=headers.get("If-Modified-Since"))
        if response.status_code in (429, 503):
            return SourcePass(status="rate_limited", errors=[f"HTTP {response.status_code}"],
                              retry_after=_retry_after(response.headers.get("Retry-After")))
        if response.status_code == 410:
            return SourcePass(status="gone", errors=["HTTP 410: the feed is gone"])
        if response.status_code >= 400:
            return SourcePass(status="error", errors=[f"HTTP {response.status_code}"])
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                return SourcePass(status="error",
                                  errors=[f"body larger than {max_bytes} bytes; cut off"])
    result = parse_feed(name, bytes(body), str(response.url))
    result.etag = response.headers.get("ETag")
    result.last_modified = response.headers.get("Last-Modified")
    return result


def _parse_file(name: str, url: str, max_bytes: int) -> SourcePass:
    path = Path(unquote(urlparse(url).path))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return SourcePass(status="error", errors=[f"{path}: {exc.strerror or exc}"])
    if len(data) > max_bytes:
        return SourcePass(status="error", errors=[f"{path}: larger than {max_bytes} bytes"])
    return parse_feed(name, data, url)


def parse_feed(name: str, data: bytes, url: str) -> SourcePass:
    """Entries of a feed document as raw documents (a warning if it was malformed)."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        return SourcePass(status="error", errors=[f"not a readable feed: {problem or 'no entries'}"[:300]])
    outlet = (parsed.get("feed") or {}).get("title") or name
    result = SourcePass()
    if parsed.get("bozo"):
        result.errors.append(f"warning: malformed feed, read anyway: {parsed.get('bozo_exception')}"[:300])
    for entry in entries:
        result.documents.append(_entry_document(name, entry, outlet, url))
    return result


def _entry_document(name: str, entry: dict, outlet: str, feed_url: str) -> RawDocument:
    contents = entry.get("content") or []
    body = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    source = entry.get("source") or {}
    published = _entry_time(entry)
    return RawDocument(
        source_name=name, locator=entry.get("link") or feed_url, body=body or "",
        media_type="text/html", url=entry.get("link"), guid=entry.get("id"),
        title=entry.get("title"), published=published,
        published_origin="feed" if published else "none",
        outlet=source.get("title") or outlet, author=entry.get("author"),
    )


def _entry_time(entry: dict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _retry_after(value: str | None) -> datetime | None:
    if not value:
        return None
    if value.strip().isdigit():
        return datetime.fromtimestamp(datetime.now(UTC).timestamp() + int(value.strip()), UTC)
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
