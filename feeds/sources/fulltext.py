"""Full text for feeds that carry only a summary: fetch the article page, extract its text.

Contract: `complete(client, result, max_bytes, deadline)` returns the pass with
each short entry (under `SHORT_TEXT` characters of text) whose link is http(s)
replaced by the main text of its page, extracted with trafilatura, for at most
`MAX_PAGES` entries a pass, one page at a time; the page's author and date fill
in where the feed gave none. The same limits as feeds apply
(body size, whole-request deadline, redirects). A feed names its links, so a page (and
each redirect) on a private, loopback or link-local address is refused unless
`allow_private` (`feeds.sources.netpolicy`; `[network] allow_private_addresses`). A page
that fails or is refused keeps the feed's summary and adds one "full text: …" line saying
why to the pass's errors; the pass's status is unchanged. Never raises for a bad page.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from feeds.model import RawDocument
from feeds.model.text import html_to_text
from feeds.sources import SourcePass
from feeds.sources.decode import BodyTooLarge, DecodeError

SHORT_TEXT = 600
MAX_PAGES = 30


def needs_page(document: RawDocument) -> bool:
    """Whether the entry carries only a summary and links to a web page."""
    url = document.url or ""
    return url.startswith(("http://", "https://")) and \
        len(html_to_text(document.body)[1]) < SHORT_TEXT


async def complete(client: httpx.AsyncClient, result: SourcePass, max_bytes: int,
                   deadline: float, *, allow_private: bool = False) -> SourcePass:
    """The pass with summaries replaced by page text where a page could be read."""
    documents = list(result.documents)
    wanted = [i for i, d in enumerate(documents) if needs_page(d)][:MAX_PAGES]
    for index in wanted:
        document = documents[index]
        try:
            page, problem = await _page_text(client, document.url or "", max_bytes, deadline,
                                             allow_private)
        except Exception as exc:  # noqa: BLE001 - a page's trouble never costs the feed's entries
            page, problem = None, f"{type(exc).__name__}"
        if page is not None:
            documents[index] = _with_page(document, page)
        else:
            result.errors.append(f"full text: {document.url}: {problem}; kept the summary"[:300])
    result.documents = documents
    return result


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found on an article page."""

    text: str
    author: str | None = None
    published: datetime | None = None


def _with_page(document: RawDocument, page: Page) -> RawDocument:
    """The entry with the page's text, and its author and date where the feed had none."""
    published, origin = document.published, document.published_origin
    if published is None and page.published is not None:
        published, origin = page.published, "header"
    return dataclasses.replace(document, body=page.text, media_type="text/plain",
                               author=document.author or page.author, published=published,
                               published_origin=origin)


async def _page_text(client: httpx.AsyncClient, url: str, max_bytes: int, deadline: float,
                     allow_private: bool) -> tuple[Page | None, str]:
    from feeds.sources.feed import fetch_page

    try:
        async with asyncio.timeout(deadline):
            status, body = await fetch_page(client, url, max_bytes, allow_private=allow_private)
    except TimeoutError:
        return None, f"no complete answer within {deadline:g} s"
    except (BodyTooLarge, DecodeError) as exc:
        return None, str(exc) or "page too large"
    except ValueError as exc:  # a refused request or redirect: the reason
        return None, str(exc) or "ValueError"
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}"
    if status != 200:
        return None, f"HTTP {status}"
    page = await asyncio.to_thread(_extract, body, url)
    return (page, "") if page is not None else (None, "no article text found on the page")


def _extract(body: bytes, url: str) -> Page | None:
    try:
        import trafilatura

        found = trafilatura.bare_extraction(body, url=url, include_comments=False,
                                            include_tables=False, with_metadata=True)
    except Exception:  # noqa: BLE001 - a hostile page must not stop the pass
        return None
    if found is None or not (found.text or "").strip():
        return None
    return Page(text=found.text, author=found.author or None, published=_day(found.date))


def _day(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
    except ValueError:
        return None
