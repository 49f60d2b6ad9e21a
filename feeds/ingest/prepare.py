"""Extraction ahead of storing, in the worker processes, so both cores work.

Contract: `prepare(documents, known)` normalises each document and extracts
(`extract_article`) those whose content hash is not in `known`; it returns the
articles and the extractions by content hash, cut to what the store reads
(`for_storing`). Pure and picklable both ways: the poller runs it in
the parse pool (`feeds.sources.pool.run_bounded`) while the main process stores
other passes, and the pipeline uses what it finds and extracts the rest itself.
`extract_article` is the one extraction the pipeline also uses, so an article
gets the same extraction wherever it is computed. `parse_and_prepare(name, data,
url, content_type, known=...)` is `parse_feed` followed by `prepare` in the same
worker task: a feed's documents never travel back and forth between the
processes, and those it returns keep their metadata but not their bodies (the
articles hold the text); when preparing fails there, the documents come back whole
with one error line starting `PREPARE_FAILED` (the poller takes it out, logs and counts
it, and prepares them again). `warm()` loads the extractors' data (the worker pool's
forkserver calls it once, so workers share it).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Container, Sequence

from feeds.extract import extract
from feeds.ingest.normalize import normalize
from feeds.model import Article, Extraction, RawDocument
from feeds.model.eventcodec import dump_events
from feeds.sources import SourcePass
from feeds.sources.parse import parse_feed
from feeds.stories.evidence import with_event
from feeds.stories.features import cluster_terms

_log = logging.getLogger("wirewatch.extract")

PREPARE_FAILED = "preparing in a worker failed: "
"""The start of the error line `parse_and_prepare` adds when preparing failed; the poller
takes that line out of the pass (it is a worker failure, not the source's error)."""
CHUNK = 50
"""Documents per worker task: a long feed is spread over every worker."""


def extract_article(article: Article) -> Extraction:
    """Extraction (with the story engine's terms and headline event) with a file-time
    date kept out of date resolution (it is not a dateline). An extractor that fails on a
    text is logged and the article kept without actors and events: one odd text never
    stops a poll."""
    try:
        extraction = extract(dataclasses.replace(article, published=None)
                             if article.date_uncertain else article)
    except Exception:  # noqa: BLE001 - any bug on untrusted text; the article is kept
        _log.exception("extraction failed on %s; stored without actors and events",
                       article.locator or article.key)
        extraction = Extraction()
    extraction.terms = with_event(cluster_terms(article.title, article.text), article, extraction)
    return extraction


def prepare(documents: Sequence[RawDocument],
            known: Container[str]) -> tuple[list[Article], dict[str, Extraction]]:
    """The documents normalised (those that make an article), and the extractions of
    those not already stored unchanged, by content hash."""
    articles: list[Article] = []
    found: dict[str, Extraction] = {}
    for document in documents:
        article = normalize(document)
        if article is None:
            continue
        articles.append(article)
        if article.content_hash not in known and article.content_hash not in found:
            found[article.content_hash] = for_storing(extract_article(article))
    return articles, found


def parse_and_prepare(name: str, data: bytes, url: str, content_type: str | None = None, *,
                      known: Container[str] = frozenset()) -> SourcePass:
    """A feed parsed and its documents prepared, in one task. When preparing fails the
    documents come back whole with a `PREPARE_FAILED` error line, to be prepared again."""
    result = parse_feed(name, data, url, content_type)
    if not result.documents:
        return result
    try:
        result.articles, result.extractions = prepare(result.documents, known)
    except Exception as exc:  # noqa: BLE001 - a bug must not lose the feed: the poller retries
        _log.exception("preparing %s in a worker failed; the poller prepares it", name)
        result.errors.append(f"{PREPARE_FAILED}{type(exc).__name__}: {exc}"[:300])
        return result
    result.documents = [dataclasses.replace(d, body="") for d in result.documents]
    return result


def for_storing(extraction: Extraction) -> Extraction:
    """What the store reads of an extraction: the mention spans and places stay behind
    (they are not stored) and the events come as the JSON the store keeps, so less
    crosses back from a worker and the storing process does not encode them."""
    return dataclasses.replace(extraction, mentions=[], places=[], events=[],
                               events_json=dump_events(extraction.events))


def warm() -> None:
    """Load the extractors' data now rather than on the first article."""
    extract(Article(key="warm", source_name="warm", title="Warm", content_hash="",
                    text="The President of France met officials in Geneva on Monday."))
