"""Full text for feeds that carry only a summary: fetch the article page, extract its text.

Contract: `complete(client, result, max_bytes, deadline)` returns the pass with
each short entry (under `SHORT_TEXT` characters of text) whose link is http(s)
replaced by the main text of its page, extracted with trafilatura, for at most
`MAX_PAGES` entries a pass, one page at a time. The same limits as feeds apply
(body size, whole-request deadline, redirects). A page that fails keeps the
feed's summary and adds one "full text: …" line to the pass's errors; the pass's
status is unchanged. Never raises for a bad page.
"""

from __future__ import annotations

import asyncio
import dataclasses

import httpx

from feeds.model import RawDocument
from feeds.sources import SourcePass
from feeds.sources.decode import BodyTooLarge, DecodeError
from feeds.text import html_to_text

SHORT_TEXT = 600
MAX_PAGES = 30


def needs_page(document: RawDocument) -> bool:
    """Whether the entry carries only a summary and links to a web page."""
    url = document.url or ""
    return url.startswith(("http://", "https://")) and \
        len(html_to_text(document.body)[1]) < SHORT_TEXT


async def complete(client: httpx.AsyncClient, result: SourcePass, max_bytes: int,
                   deadline: float) -> SourcePass:
    """The pass with summaries replaced by page text where a page could be read."""
    documents = list(result.documents)
    wanted = [i for i, d in enumerate(documents) if needs_page(d)][:MAX_PAGES]
    for index in wanted:
        document = documents[index]
        text, problem = await _page_text(client, document.url or "", max_bytes, deadline)
        if text:
            documents[index] = dataclasses.replace(document, body=text, media_type="text/plain")
        else:
            result.errors.append(f"full text: {document.url}: {problem}; kept the summary"[:300])
    result.documents = documents
    return result


async def _page_text(client: httpx.AsyncClient, url: str, max_bytes: int,
                     deadline: float) -> tuple[str | None, str]:
    from feeds.sources.feed import fetch_page

    try:
        async with asyncio.timeout(deadline):
            status, body = await fetch_page(client, url, max_bytes)
    except TimeoutError:
        return None, f"no complete answer within {deadline:g} s"
    except (BodyTooLarge, DecodeError) as exc:
        return None, str(exc) or "page too large"
    except (httpx.HTTPError, ValueError) as exc:
        return None, f"{type(exc).__name__}"
    if status != 200:
        return None, f"HTTP {status}"
    text = await asyncio.to_thread(_extract, body, url)
    return (text, "") if text else (None, "no article text found on the page")


def _extract(body: bytes, url: str) -> str | None:
    import trafilatura

    try:
        return trafilatura.extract(body, url=url, include_comments=False, include_tables=False)
    except Exception:  # noqa: BLE001 - a hostile page must not stop the pass
        return None
