"""Source passes through the pure steps and into the store, a batch each.

Contract: `Pipeline.process(source, result)` normalises the pass's documents,
skips those already stored unchanged, extracts actors and events, assigns each
new article to a story (an updated article keeps its story; a pass's new articles are
assigned oldest first, the undated last, by `assignment_order`, as `recluster` and
`wirewatch cluster` replay them, not in the feed's order), and writes all of
it, with the source's health, in one transaction. `process_all(passes)` stores
several passes in one transaction, each exactly as if stored after the one
before it: a poll that has many passes waiting pays for one commit, one catch-up
and one duplicate lookup instead of one each. Extraction runs first, outside
any lock (in the workers, or here for what no worker prepared); dedup, story
assignment and the write run under the store's assignment lock (PostgreSQL
workers take turns there). The copies of database state this needs (the story
engine, its merges, the near-duplicate index) live in `self.mirror`
(`feeds.ingest.mirror.StoreMirror`, whose docstring states how they are kept true).

The pipeline alone decides when stories are rebuilt (`feeds.ingest.rebuild` does it; the store
only marks them stale): inside `with pipeline.polling():` (a poll; the poller says where
it starts and ends) a transaction also rebuilds the hottest stale stories when its
`RefreshPacer` says so, and when the poll ends having stored anything every stale story
is rebuilt, in the worker processes (`refresh`). Outside a poll every transaction
rebuilds the hottest stale stories; `refresh=` overrides either.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from feeds.config import SourceSettings
from feeds.ingest.dedup import Twins, unify
from feeds.ingest.mirror import StoreMirror
from feeds.ingest.normalize import normalize
from feeds.ingest.prepare import extract_article
from feeds.ingest.rebuild import RefreshPacer, commit_batches, refresh_stale
from feeds.model import Article, Extraction
from feeds.sources import SourcePass
from feeds.sources.pool import map_in_workers
from feeds.store import Batch, KnownArticles, ProcessedArticle, SourceUpdate, Store
from feeds.stories import ClusterDoc, StoryEngine


@dataclass(slots=True)
class PassSummary:
    """What one source pass changed."""

    source: str
    status: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    new_stories: list[int] = field(default_factory=list)
    grown_stories: list[int] = field(default_factory=list)
    settling: int = 0
    """Files of a folder changed too recently to read: a later pass reads them."""


@dataclass(slots=True)
class SourceResult:
    """One source's pass, to store, and when the source is due again."""

    source: SourceSettings
    result: SourcePass
    next_due: datetime | None = None


class Pipeline:
    """Wires normalise → dedup → extract → cluster → store for each source pass."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.mirror = StoreMirror(store)
        self._pacer: RefreshPacer | None = None
        """The poll's pacing of rebuilds (None outside a poll)."""
        self._stored = False
        """Whether this poll stored a pass."""

    @property
    def engine(self) -> StoryEngine:
        """The story engine, as the mirror keeps it."""
        return self.mirror.engine

    def process(self, source: SourceSettings, result: SourcePass,
                next_due: datetime | None = None, *, refresh: bool | None = None) -> PassSummary:
        """Store one source pass; returns what changed. With `refresh` (by default outside a
        poll; inside one when its pacing says so) the titles and timelines of the stale
        stories (those it touched, and others; the hottest, up to `REFRESH_ARTICLES`
        articles in all) are rebuilt in the same transaction; the rest wait, marked
        stale, for `refresh()`."""
        return self.process_all([SourceResult(source, result, next_due)], refresh=refresh)[0]

    def process_all(self, passes: list[SourceResult], *,
                    refresh: bool | None = None) -> list[PassSummary]:
        """Store several passes in one transaction, each as `process` would after the one
        before it (a later pass finds an earlier one's articles stored)."""
        started = time.monotonic()
        if refresh is None:
            refresh = self._pacer is None or self._pacer.due(started)
        summaries = [PassSummary(source=p.source.name, status=p.result.status,
                                 errors=list(p.result.errors), settling=p.result.settling)
                     for p in passes]
        batches = [_batch(p) for p in passes]
        articles = [_unique(_normalized(p.result)) for p in passes]
        prepared = {h: e for p in passes for h, e in p.result.extractions.items()}
        extractions = self._extract_changed([a for p, each in zip(passes, articles, strict=True)
                                             if p.result.articles is None for a in each], prepared)
        with self.store.assignment_lock():
            known = self.mirror.find_duplicates([a for each in articles for a in each])
            if any(known.by_key.get(a.key, ("", None))[1] is None
                   for each in articles for a in each):
                self.mirror.catch_up()  # only passes with new articles pay for a catch-up
            rewritten: list[str] = []  # stored articles these passes update in place
            twins = Twins(known.near)  # each pass's kept articles join it for the next
            for each, batch, summary in zip(articles, batches, summaries, strict=True):
                rewritten += self._classify_pass(each, known, twins, extractions, batch, summary)
            self._take_merges(batches[-1], summaries)
            self.mirror.write(batches, lambda: commit_batches(self.store, *batches,
                                                              refresh=refresh), rewritten)
        self._stored = True
        if refresh and self._pacer is not None:
            self._pacer.rebuilt(started, time.monotonic())
        return summaries

    @contextmanager
    def polling(self) -> Iterator[None]:
        """One poll's groups of passes are stored inside: their transactions rebuild the
        hottest stale stories as a `RefreshPacer` started now says, and at the end, if it
        stored any pass, every stale story is rebuilt (`refresh`); not after an error."""
        self._pacer, self._stored = RefreshPacer(time.monotonic()), False
        try:
            yield
        finally:
            self._pacer = None
        if self._stored:  # an idle loop of the daemon takes no write lock
            self.refresh()

    def _classify_pass(self, articles: list[Article], known: KnownArticles, twins: Twins,
                       extractions: dict[str, Extraction], batch: Batch,
                       summary: PassSummary) -> list[str]:
        """Fill one pass's batch: unchanged articles linked, changed ones updated, new
        ones assigned a story (oldest first: `assignment_order`); each is then `known` to
        the passes after it. Returns the keys of the stored articles it updates."""
        rewritten: list[str] = []
        changed: list[tuple[Article, Extraction, tuple[str, int | None] | None]] = []
        for article in unify(articles, known, twins):
            stored = known.by_key.get(article.key)
            if stored is not None and stored[0] == article.content_hash:
                summary.unchanged += 1
                batch.links.append(article.key)  # also carried by this source
                continue
            if stored is not None:
                rewritten.append(article.key)
            extraction = extractions.get(article.content_hash) or extract_article(article)
            changed.append((article, extraction, stored))
        stories = self._assign_new([(a, e) for a, e, stored in changed
                                    if stored is None or stored[1] is None], summary)
        for article, extraction, stored in changed:
            if article.key in stories:
                summary.new += 1
                item = ProcessedArticle(article, extraction, stories[article.key])
            else:
                summary.updated += 1
                item = ProcessedArticle(article, extraction, stored[1])  # type: ignore[index]
            batch.articles.append(item)
            known.remember(article, item.story_id)
        batch.new_count, batch.updated_count = summary.new, summary.updated
        return rewritten

    def _assign_new(self, new: list[tuple[Article, Extraction]],
                    summary: PassSummary) -> dict[str, int]:
        """The story of each new article (by key), assigned in `assignment_order`; the
        stories they start or grow noted in `summary`, in that order."""
        docs = {article.key: _cluster_doc(article, extraction) for article, extraction in new}
        stories: dict[str, int] = {}
        for doc in assignment_order(docs.values()):
            assignment = self.mirror.assign(doc)
            noted = summary.new_stories if assignment.new else summary.grown_stories
            if assignment.story not in summary.new_stories + summary.grown_stories:
                noted.append(assignment.story)
            stories[doc.key] = assignment.story
        return stories

    def refresh(self) -> int:
        """Rebuild every stale story's title and timeline (built in the worker processes
        when they are running); how many there were."""
        with self.store.assignment_lock():
            return refresh_stale(self.store, map_in_workers)

    def _extract_changed(self, articles: list[Article],
                         prepared: dict[str, Extraction]) -> dict[str, Extraction]:
        """By content hash: the extractions done ahead in a worker (`prepared`), and those
        of `articles` (normalised here, no worker saw them) not already stored unchanged.
        An article a worker left unextracted was known to it (stored for the source, or
        extracted elsewhere in this poll), so it is almost always stored or in the same
        transaction: looking it up here too cost a second duplicate lookup a transaction
        (0.45 s of a 20,000-article first pass); when the hint was wrong,
        `_classify_pass` extracts it."""
        missing = [article for article in articles if article.content_hash not in prepared]
        if not missing:
            return prepared
        known = self.mirror.find_duplicates(missing)
        return {**prepared, **{article.content_hash: extract_article(article)
                               for article in unify(missing, known)
                               if known.by_key.get(article.key, ("",))[0] != article.content_hash}}

    def _take_merges(self, batch: Batch, summaries: list[PassSummary]) -> None:
        """Young stories the engine merged: the store moves their articles to the older id;
        and articles it split off into new stories."""
        batch.merges.update(self.mirror.take_merges())
        batch.splits.update(self.mirror.take_splits())
        final = self.mirror.final_story
        for summary in summaries:
            summary.new_stories = list(dict.fromkeys(final(s) for s in summary.new_stories))
            summary.grown_stories = [s for s in dict.fromkeys(map(final, summary.grown_stories))
                                     if s not in summary.new_stories]


def _batch(one: SourceResult) -> Batch:
    source, result = one.source, one.result
    return Batch(SourceUpdate(name=source.name, kind=source.kind, location=source.location,
                              status=result.status, error=result.error_text,
                              etag=result.etag, last_modified=result.last_modified,
                              next_due=one.next_due, http_status=result.http_status,
                              moved_to=result.moved_to))


def _normalized(result: SourcePass) -> Iterable[Article]:
    """The pass's articles (normalised in a worker, or here)."""
    articles = result.articles if result.articles is not None else map(normalize, result.documents)
    return (article for article in articles if article is not None)


def _cluster_doc(article: Article, extraction: Extraction) -> ClusterDoc:
    published = None if article.date_uncertain else article.published
    return ClusterDoc(article.key, article.title, article.text, published, extraction.terms)


def assignment_order(docs: Iterable[ClusterDoc]) -> list[ClusterDoc]:
    """The order in which a pass's new articles are assigned stories: oldest first (by
    published time, then key), the undated last by key, as `recluster` and `wirewatch
    cluster` replay articles; not the feed's order (usually newest first), so the same
    articles give the same stories however a feed lists them."""
    return sorted(docs, key=_oldest_first)


def _oldest_first(doc: ClusterDoc) -> tuple[int, float, str]:
    if doc.published is None:
        return (1, 0.0, doc.key)
    return (0, doc.published.timestamp(), doc.key)


def _unique(articles: object) -> list[Article]:
    seen: dict[str, Article] = {}
    for article in articles:  # type: ignore[attr-defined]
        seen.setdefault(article.key, article)
    return list(seen.values())
