"""Feed source: fetch an RSS, Atom or JSON Feed politely and turn its entries into raw documents.

Contract: `fetch_feed(client, name, url, ...)` never raises for network or feed
problems: it returns a `SourcePass` whose status is ok, not_modified, error,
truncated, rate_limited or gone, with one error line when something went wrong. It sends
the stored ETag / Last-Modified (a 304 costs no parsing), follows at most
`max_redirects` redirects itself (a loop is an error; a chain of 301/308 only
sets `moved_to`), reads the raw body and inflates it within `max_bytes`
(`feeds.sources.decode`), and gives up after `deadline` seconds for the whole
request. Address policy (`feeds.sources.netpolicy`), unless `allow_private`: a redirect
from a public host to a private, loopback or link-local address is refused (an error
pass), while a feed the user configured on such an address is fetched; a `linked` feed
(found on a public page) and every `fetch_page` are checked from their first request.
Parsing (`feeds.sources.parse`) only ever sees the fetched bytes; a caller may
`choose_parser` once the bytes are there (the poller then reads what it needs to parse
and prepare in one worker task, and a 304 costs it nothing).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from feeds.model.text import one_line
from feeds.sources import SourcePass, netpolicy
from feeds.sources.decode import ACCEPT_ENCODING, BodyTooLarge, BoundedDecoder, DecodeError
from feeds.sources.parse import max_age, parse_feed
from feeds.sources.pool import ParseFunc, parse_bounded

USER_AGENT = "Wirewatch/0.1 (+terminal newsroom; feed reader)"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_DEADLINE = 30.0
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MAX_BYTES", "USER_AGENT", "fetch_feed", "make_client",
           "parse_feed"]


def make_client(max_connections: int = 64) -> httpx.AsyncClient:
    """The one shared client: timeouts, our User-Agent, HTTP/2 where offered; no auto-redirects."""
    try:
        import h2  # noqa: F401

        http2 = True
    except ImportError:  # pragma: no cover - h2 is a declared dependency
        http2 = False
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING,
                 "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                 "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"},
        timeout=httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=30.0),
        follow_redirects=False, http2=http2,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=32),
    )


async def fetch_feed(client: httpx.AsyncClient, name: str, url: str, *, etag: str | None = None,
                     last_modified: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                     deadline: float = DEFAULT_DEADLINE,
                     max_redirects: int = MAX_REDIRECTS, keep_body: bool = False,
                     parse_timeout: float | None = None,
                     parser: ParseFunc = parse_feed,
                     choose_parser: Callable[[], Awaitable[ParseFunc]] | None = None,
                     allow_private: bool = False, linked: bool = False) -> SourcePass:
    """One conditional fetch and parse of a feed.

    `keep_body` keeps the bytes in the result; with `parse_timeout` the parse
    (`parser`, of a file:// feed too) runs in a worker process and is stopped after
    that many seconds (`feeds.sources.pool`), else it runs here. `choose_parser`,
    when given, is awaited for the parser once there are bytes to parse.
    `allow_private` turns the address policy off; `linked` (the URL was found on a public
    page) checks the URL itself too, and refuses anything but http(s).
    """
    async def parse(data: bytes, final_url: str, content_type: str | None) -> SourcePass:
        chosen = parser if choose_parser is None else await choose_parser()
        return await _parse(chosen, parse_timeout, name, data, final_url, content_type)

    if linked and urlparse(url).scheme not in ("http", "https"):
        return SourcePass(status="error", errors=[f"not an http(s) URL: {url[:200]}"])
    if url.startswith("file://"):
        data, error = await asyncio.to_thread(_read_file, url, max_bytes)
        if error is not None:
            return error
        return await parse(data, url, None)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(deadline):
            status, response_headers, body, final_url, moved = await _fetch(
                client, url, headers, max_bytes, max_redirects,
                vet=Vet(allow_private, on=linked))
    except TimeoutError:
        return SourcePass(status="error", errors=[f"no complete answer within {deadline:g} s"])
    except BodyTooLarge:
        return SourcePass(status="error", errors=[f"body larger than {max_bytes} bytes; cut off"])
    except DecodeError as exc:
        return SourcePass(status="error", errors=[str(exc)])
    except _Refused as exc:
        return SourcePass(status="error", errors=[str(exc)])
    except httpx.HTTPError as exc:
        return SourcePass(status="error",
                          errors=[f"network error: {type(exc).__name__}: {exc}"[:300]])
    parsed = None
    if status == 200:
        parsed = await parse(body, final_url, response_headers.get("Content-Type"))
    result = _answer(name, status, response_headers, body, final_url, headers, parsed)
    result.http_status, result.moved_to, result.final_url = status, moved, final_url
    if keep_body:
        result.body = body
    return result


async def fetch_page(client: httpx.AsyncClient, url: str, max_bytes: int, *,
                     allow_private: bool = False) -> tuple[int, bytes]:
    """(status, decoded body) of a web page, with the feed's redirect and size rules; unless
    `allow_private`, the page and every redirect must be on public addresses (ValueError)."""
    try:
        status, _, body, _, _ = await _fetch(client, url, {}, max_bytes, MAX_REDIRECTS,
                                             vet=Vet(allow_private, on=True))
    except _Refused as exc:
        raise ValueError(str(exc)) from None
    return status, body


class _Refused(Exception):
    """A request or redirect we will not make (loop, too many, not http, private address)."""


@dataclass(slots=True)
class Vet:
    """The address policy along one chain of redirects: off when `allow_private`, else on
    from the start when `on`, or from the first redirect off a public host."""

    allow_private: bool
    on: bool = False

    async def check(self, url: str, hop: int) -> None:
        """Refuse (`_Refused`) a request to a private address while the policy is on."""
        if self.allow_private or not self.on:
            return
        reason = await netpolicy.url_refusal(url)
        if reason is not None:
            what = f"redirect to {url[:200]} refused" if hop else "refused"
            raise _Refused(f"{what}: {reason} ({netpolicy.SETTING_HINT})")

    async def redirecting(self, url: str) -> None:
        """`url` redirects: when it is on a public host, every later request is checked."""
        if not (self.allow_private or self.on):
            self.on = await netpolicy.is_public(url)


async def _fetch(client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int,
                 max_redirects: int, vet: Vet) -> tuple[int, httpx.Headers, bytes, str, str | None]:
    """(status, headers, decoded body, final URL, new permanent URL or None)."""
    current, permanent, seen = url, True, {url}
    for hop in range(max_redirects + 1):
        await vet.check(current, hop)
        async with client.stream("GET", current, headers=headers) as response:
            location = response.headers.get("Location")
            if response.status_code in _REDIRECTS and location:
                target = str(response.url.join(location.strip()))
                if urlparse(target).scheme not in ("http", "https"):
                    raise _Refused(f"redirect to a non-http URL refused: {target[:200]}")
                if target in seen:
                    raise _Refused(f"redirect loop at {target[:200]}")
                await vet.redirecting(current)
                permanent = permanent and response.status_code in (301, 308)
                seen.add(target)
                current = target
                continue
            body = b""
            if response.status_code == 200:
                body = await _read_body(response, max_bytes)
            moved = current if permanent and current != url else None
            return response.status_code, response.headers, body, current, moved
    raise _Refused(f"more than {max_redirects} redirects")


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The raw body, inflated within the limit (httpx's own decoder is not used)."""
    declared = response.headers.get("Content-Length", "")
    encoding = response.headers.get("Content-Encoding")
    if declared.isdigit() and int(declared) > max_bytes and not encoding:
        raise BodyTooLarge
    decoder = BoundedDecoder(encoding, max_bytes)
    async for chunk in response.aiter_raw(65536):
        decoder.feed(chunk)
    return bytes(decoder.body)


def _answer(name: str, status: int, headers: httpx.Headers, body: bytes, url: str,
            sent: dict[str, str], parsed: SourcePass | None = None) -> SourcePass:
    if status == 304:
        return SourcePass(status="not_modified",
                          etag=one_line(headers.get("ETag"), 500) or sent.get("If-None-Match"),
                          last_modified=one_line(headers.get("Last-Modified"), 200)
                          or sent.get("If-Modified-Since"),
                          min_interval=max_age(headers.get("Cache-Control")))
    if status in (429, 503):
        return SourcePass(status="rate_limited", errors=[f"HTTP {status}"],
                          retry_after=_retry_after(headers.get("Retry-After")))
    if status == 410:
        return SourcePass(status="gone", errors=["HTTP 410: the feed is gone"])
    if status != 200:
        return SourcePass(status="error", errors=[f"HTTP {status}"],
                          retry_after=_retry_after(headers.get("Retry-After")))
    result = parsed or parse_feed(name, body, url, headers.get("Content-Type"))
    if result.status == "error" and result.errors[0].startswith("parser "):
        return result  # a stopped parse: keep the old validators so the next poll re-fetches
    result.etag = one_line(headers.get("ETag"), 500) or None
    result.last_modified = one_line(headers.get("Last-Modified"), 200) or None
    header_age = max_age(headers.get("Cache-Control"))
    if header_age is not None:
        result.min_interval = max(result.min_interval or 0, header_age)
    return result


async def _parse(parser: ParseFunc, timeout: float | None, name: str, data: bytes, url: str,
                 content_type: str | None) -> SourcePass:
    """`parser` on the bytes: in a bounded worker with a `timeout`, else here."""
    if timeout is None:
        return parser(name, data, url, content_type)
    return await parse_bounded(name, data, url, content_type, timeout=timeout, func=parser)


def _read_file(url: str, max_bytes: int) -> tuple[bytes, SourcePass | None]:
    """A file:// feed's bytes, or the error pass when it cannot be read whole."""
    path = Path(unquote(urlparse(url).path))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return b"", SourcePass(status="error", errors=[f"{path}: {exc.strerror or exc}"])
    if len(data) > max_bytes:
        return b"", SourcePass(status="error", errors=[f"{path}: larger than {max_bytes} bytes"])
    return data, None


def _retry_after(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        wait = min(int(value), 7 * 86400)
        return datetime.fromtimestamp(datetime.now(UTC).timestamp() + wait, UTC)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
