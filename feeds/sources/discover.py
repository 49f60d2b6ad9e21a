"""Feed autodiscovery for `wirewatch sources add URL`.

Contract: `discover(url)` fetches `url` with the feed source's limits; when it
is a feed, returns it; when it is an HTML page, follows the first
`<link rel="alternate">` of an RSS/Atom type (relative links resolved) and
returns that feed. The result is `Discovered(url, title)` or raises
`DiscoveryError` with a one-line reason. The URL given may be http(s) or file://;
a page's links are followed only from an http(s) page (only an http(s) answer's body is
read for links: a local file is read as a feed or refused) and only to http(s) URLs (a
page never makes Wirewatch read a local file), and, unless `allow_private`, a link found
on a public page must not lead to a private, loopback or link-local address
(`feeds.sources.netpolicy`).
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from feeds.sources import SourcePass, netpolicy
from feeds.sources.feed import DEFAULT_MAX_BYTES, fetch_feed, make_client

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/rdf+xml", "application/xml", "text/xml")


class DiscoveryError(Exception):
    """No feed was found; the message says why."""


@dataclass(frozen=True, slots=True)
class Discovered:
    """A feed found at or from a URL."""

    url: str
    title: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if tag in ("link", "a") and "alternate" in rels and kind in FEED_TYPES \
                and values.get("href"):
            self.links.append(values["href"].strip())


def feed_links(html: str, base: str) -> list[str]:
    """The feed URLs an HTML page announces, absolute, in page order."""
    parser = _Links()
    with suppress(Exception):  # hostile HTML: keep what was found
        parser.feed(html[:2_000_000])
    return list(dict.fromkeys(urljoin(base, link) for link in parser.links))


def discover(url: str, max_bytes: int = DEFAULT_MAX_BYTES, *,
             allow_private: bool = False) -> Discovered:
    """The feed at `url`, or the one its page links to."""
    return asyncio.run(_discover(url, max_bytes, allow_private))


def is_web(url: str) -> bool:
    """Whether `url` is an http(s) URL."""
    try:
        return urlsplit(url).scheme.lower() in ("http", "https")
    except ValueError:
        return False


async def _discover(url: str, max_bytes: int, allow_private: bool) -> Discovered:
    async with make_client() as client:
        result = await fetch_feed(client, "new", url, max_bytes=max_bytes, keep_body=True,
                                  allow_private=allow_private)
        if result.status == "ok":
            return Discovered(result.moved_to or url, _title(result, url))
        if (result.body is None or not result.errors
                or result.errors[0] != "an HTML page, not a feed"):
            raise DiscoveryError(f"{url}: {result.error_text or result.status}")
        page = result.final_url or url
        link = _web_link(feed_links(result.body.decode("utf-8", errors="replace"), page), page)
        checked = not allow_private and await netpolicy.is_public(page)
        feed = await fetch_feed(client, "new", link, max_bytes=max_bytes,
                                allow_private=allow_private, linked=checked)
        if feed.status != "ok":
            raise DiscoveryError(f"{link} (linked from {url}): {feed.error_text or feed.status}")
        return Discovered(feed.moved_to or link, _title(feed, link))


def _web_link(links: list[str], page: str) -> str:
    """The first http(s) feed link of a page; DiscoveryError says why there is none."""
    if not links:
        raise DiscoveryError(f"{page}: an HTML page that links to no RSS or Atom feed")
    web = [link for link in links if is_web(link)]
    if not web:
        raise DiscoveryError(f"{page}: links only to feeds that are not http(s) URLs "
                             f"({links[0][:120]}); not followed")
    return web[0]


def _title(result: SourcePass, url: str) -> str:
    return result.feed_title or url
