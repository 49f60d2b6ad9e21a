"""Schedules the configured sources and hands each pass to the pipeline.

Contract: `poll_once(settings, pipeline, due_only=False, progress=None)` fetches
every (due) source on one shared HTTP client, at most `max_concurrent` requests
at once overall and one at a time per host, stores the passes through the
pipeline as they arrive (those waiting together in one transaction), and returns
a `PollSummary`. On a shared PostgreSQL a worker claims each source as its turn
comes (`feeds.store.lock.SourceClaims`), so workers started together share the
sources, and gives it back once its pass is committed; a source another worker
polled during this pass is skipped, and one it is polling now is skipped by a pass
over due sources and waited for by a full pass (taken over if that worker dies).
`progress` counts only this worker's sources. A feed that moved for good (301/308) is
polled at its new URL, with its stored ETag/Last-Modified. A bad source never
stops the others; only a storage error propagates.
Feeds (file:// ones too) are parsed in worker processes, each parse bounded in
time, and their new documents extracted in the same task (`feeds.ingest.prepare`; a
full-text feed's and a folder's after their pages or files are read), so the
main process only dedups, clusters and writes. What a task's extractions arrive for
is logged (`feeds.sources.seenlog`), so a copy in a feed parsed later is not extracted.
Each pass's stories get exact counts at once; when their titles and timelines are
rebuilt is the pipeline's to decide (`Pipeline.polling`: the poll's groups are stored
inside it, `feeds.ingest.rebuild.RefreshPacer` paces them, every stale story at the end).
`progress(done, total, name)` is called after each source is stored. The next
due time of each source (`next_due`) is stored with it, so a restart does not
poll everything at once. Each kind of source fetches as its `feeds.sources.kinds`
entry says. `poll_continuously` is the loop `wirewatch poll` runs: due sources every few
seconds, and folder sources as soon as `feeds.sources.watch` is notified of new files.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import random
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from urllib.parse import urlsplit

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import PassSummary, Pipeline, SourceResult
from feeds.ingest.prepare import CHUNK, PREPARE_FAILED, parse_and_prepare, prepare
from feeds.model import Article, Extraction, RawDocument
from feeds.sources import HEALTHY, SourcePass, seenlog
from feeds.sources.feed import DEFAULT_DEADLINE, make_client
from feeds.sources.kinds import KINDS, FetchContext
from feeds.sources.pool import PARSE_TIMEOUT, ParseFunc, WorkerFailed, run_bounded
from feeds.sources.watch import FolderWatch
from feeds.store.lock import Claim, SourceClaims
from feeds.store.queries import SourceState

log = logging.getLogger("wirewatch.poll")

MAX_CONCURRENT = 16
GROUP_DOCUMENTS = 1_000
"""Passes waiting to be stored are stored together, up to about this many documents a
transaction (one commit, one duplicate lookup for all of them)."""
GROUP_WAIT = 0.25
"""Seconds a pass with documents waits for others to join its transaction: each
transaction has a cost of its own, and passes often arrive a few at a time."""
SETTLING_RECHECK = 5.0
"""Seconds before a folder with files still settling is scanned again."""
BUSY_RETRY = 0.5
"""Seconds before a full pass asks again for a source another worker is polling."""
MAX_BACKOFF = 6 * 3600
MAX_LOWER_BOUND = 86400

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class PollSummary:
    """What a whole pass over the sources did."""

    passes: list[PassSummary] = field(default_factory=list)
    worker_failures: int = 0
    """Worker tasks that died, ran away or raised while preparing a pass (each logged by
    `wirewatch.poll`); their work was redone in this process."""

    @property
    def new(self) -> int:
        """Articles stored for the first time."""
        return sum(p.new for p in self.passes)

    @property
    def updated(self) -> int:
        """Articles whose text changed."""
        return sum(p.updated for p in self.passes)

    @property
    def failed(self) -> list[PassSummary]:
        """Passes that ended in an error status."""
        return [p for p in self.passes if p.status not in HEALTHY]

    @property
    def new_stories(self) -> list[int]:
        """Stories that did not exist before this poll."""
        return [s for p in self.passes for s in p.new_stories]

    @property
    def grown_stories(self) -> list[int]:
        """Existing stories that received articles."""
        new = set(self.new_stories)
        return sorted({s for p in self.passes for s in p.grown_stories} - new)


def poll_once(settings: Settings, pipeline: Pipeline, *, due_only: bool = False,
              progress: Progress | None = None,
              max_concurrent: int = MAX_CONCURRENT,
              deadline: float = DEFAULT_DEADLINE, adaptive: bool | None = None,
              watch: FolderWatch | None = None) -> PollSummary:
    """One pass over the (due) sources; storage errors propagate.

    Fetching runs on its own thread and event loop; each pass is stored here as
    soon as it arrives, so storing overlaps with the fetches still under way.
    `deadline` bounds each whole request (connect, redirects, body) in seconds;
    `adaptive` fits each feed's interval to its publishing pace (see `next_due`);
    by default it follows `settings.adaptive` (`[poll] adaptive` in the config).
    With a `watch`, the folders it was notified of are polled now even when due later,
    and a watched folder with files still settling is made due again soon.
    """
    adaptive = settings.adaptive if adaptive is None else adaptive
    since = datetime.now(UTC)
    early = frozenset(watch.take()) if watch is not None else frozenset()
    stored = pipeline.store.source_states()
    states = {s.name: stored.get(s.name, SourceState()) for s in settings.sources}
    claims = pipeline.store.claim_sources(since, due_only=due_only, early=early)
    plan = _Plan(_due(settings.sources, states, due_only, early), states, claims,
                 wait_for_busy=not due_only, max_bytes=settings.max_file_bytes,
                 max_concurrent=max_concurrent, deadline=deadline,
                 allow_private=settings.allow_private_addresses)
    try:
        summary = _poll_sources(plan, pipeline, progress, adaptive)
    finally:
        claims.release()
    if watch is not None:
        for done in summary.passes:
            if done.settling:
                watch.again(done.source)
    return summary


def poll_continuously(settings: Settings, pipeline: Pipeline, stop: threading.Event,
                      report: Callable[[PollSummary], None], *, tick: float = 5.0) -> None:
    """Poll the due sources every `tick` seconds until `stop` is set, and the watched
    folders (`feeds.sources.watch`) as soon as they are notified of new or changed files
    (interval polling only when watching is unavailable). `report` gets each summary
    with passes in it. Storage errors propagate."""
    watch = FolderWatch(settings.sources)
    watch.start()
    try:
        while not stop.is_set():
            summary = poll_once(settings, pipeline, due_only=True, watch=watch)
            if summary.passes:
                report(summary)
            watch.wait(tick, stop)
    finally:
        watch.close()


@dataclass(slots=True)
class _Plan:
    """What one pass polls, and how."""

    sources: list[SourceSettings]
    states: dict[str, SourceState]
    """Updated with the state read when a source is claimed on a shared database."""
    claims: SourceClaims
    wait_for_busy: bool
    """Wait for a source another worker is polling (a full pass: done when it is stored,
    taken over when that worker dies); a pass over due sources skips it instead."""
    max_bytes: int
    max_concurrent: int
    deadline: float
    allow_private: bool = False
    """`[network] allow_private_addresses`: passed to `fetch_feed` and `complete`."""
    worker_failures: int = 0
    """Worker failures so far (counted on the fetch thread, read once it has ended)."""

    def worker_failed(self, source: str, error: str) -> None:
        """Log and count a worker task that failed on `source`'s pass."""
        self.worker_failures += 1
        log.warning("%s: %s; redone in this process", source, error)


Arrival = tuple[int, SourcePass | None]
"""A source's index and its pass (None: another worker's)."""


def _poll_sources(plan: _Plan, pipeline: Pipeline, progress: Progress | None,
                  adaptive: bool) -> PollSummary:
    """Fetch `plan.sources` on a thread, storing each pass here as it arrives."""
    arrived: queue.SimpleQueue[Arrival] = queue.SimpleQueue()
    delivered: set[int] = set()

    def deliver(item: Arrival) -> None:
        delivered.add(item[0])
        arrived.put(item)

    def fetch() -> None:
        try:
            asyncio.run(_fetch_all(plan, deliver, pipeline.store.known_hashes))
        except BaseException as exc:  # noqa: BLE001 - never leave the storing loop waiting
            for index in set(range(len(plan.sources))) - delivered:
                mine = plan.claims.holds(plan.sources[index].name)
                arrived.put((index, SourcePass(status="error", errors=[
                    f"fetching stopped: {type(exc).__name__}: {exc}"[:300]]) if mine else None))

    fetcher = threading.Thread(target=fetch, name="wirewatch-fetch", daemon=True)
    fetcher.start()
    with pipeline.polling():  # its transactions' rebuilds, and every stale story's at the end
        passes = _store_arrivals(plan, pipeline, arrived, progress, adaptive)
    fetcher.join()
    return PollSummary(passes=[passes[i] for i in sorted(passes)],
                       worker_failures=plan.worker_failures)


def _store_arrivals(plan: _Plan, pipeline: Pipeline, arrived: queue.SimpleQueue[Arrival],
                    progress: Progress | None, adaptive: bool) -> dict[int, PassSummary]:
    """Store the passes as they arrive, a group a transaction, giving each source back
    once its pass is committed; the summaries by source index."""
    sources, skipped = plan.sources, 0
    passes: dict[int, PassSummary] = {}
    while len(passes) + skipped < len(sources):
        group = _waiting(arrived, len(sources) - len(passes) - skipped)
        mine = [(index, result) for index, result in group if result is not None]
        skipped += len(group) - len(mine)
        if not mine:
            continue
        summaries = pipeline.process_all(
            [SourceResult(sources[i], result, _due_after(sources[i], result, plan.states,
                                                         adaptive))
             for i, result in mine])
        plan.claims.give_back([sources[index].name for index, _ in mine])
        for (index, _), summary in zip(mine, summaries, strict=True):
            passes[index] = summary
            if progress is not None:
                progress(len(passes), len(sources) - skipped, sources[index].name)
    return passes


def _waiting(arrived: queue.SimpleQueue[Arrival], left: int,
             wait: float = GROUP_WAIT) -> list[Arrival]:
    """The next pass to arrive, with those waiting behind it or arriving within `wait`
    seconds when it has documents (up to about `GROUP_DOCUMENTS` documents, and never
    more passes than are `left`), to store in one transaction."""
    group = [arrived.get()]
    size = _documents(group[0])
    until = time.monotonic() + (wait if size else 0.0)
    while len(group) < left and size < GROUP_DOCUMENTS:
        try:
            group.append(arrived.get(timeout=max(0.0, until - time.monotonic())))
        except queue.Empty:
            break
        size += _documents(group[-1])
    return group


def _documents(item: Arrival) -> int:
    return 0 if item[1] is None else len(item[1].documents)


def _due_after(source: SourceSettings, result: SourcePass, states: dict[str, SourceState],
               adaptive: bool) -> datetime:
    """When `source` is due again after this pass."""
    healthy = result.healthy
    failures = 0 if healthy else states[source.name].consecutive_errors + 1
    return next_due(source, result, failures, adaptive=adaptive)


def _due(sources: list[SourceSettings], states: dict[str, SourceState], due_only: bool,
         early: frozenset[str] = frozenset()) -> list[SourceSettings]:
    if not due_only:
        return list(sources)
    now = datetime.now(UTC)
    return [s for s in sources if states[s.name].next_due is None or states[s.name].next_due <= now
            or s.name in early]


def host_of(url: str) -> str:
    """The host a URL talks to (the per-host politeness key)."""
    try:
        return (urlsplit(url).hostname or url).lower()
    except ValueError:
        return url


async def _fetch_all(plan: _Plan, deliver: Callable[[Arrival], None],
                     known_hashes: Callable[[str], set[str]]) -> None:
    """Claim and fetch every source; hand each (index, pass) to `deliver` as soon as it is
    fetched, parsed and its new documents extracted ((index, None) for another worker's)."""
    gate = asyncio.Semaphore(plan.max_concurrent)
    hosts: dict[str, asyncio.Lock] = {}
    states = plan.states
    seenlog.start_poll()
    async with make_client(max_connections=plan.max_concurrent) as client:

        async def one(source: SourceSettings) -> SourcePass | None:
            """The source's pass, or None when another worker polls it."""
            while True:
                address = KINDS[source.kind].address(source, states[source.name])
                turn = (nullcontext() if address is None
                        else hosts.setdefault(host_of(address), asyncio.Lock()))
                async with turn, gate:  # claimed when its turn comes
                    claim = await _claim(plan, source.name)
                    if claim is Claim.MINE:
                        return await fetch(source)
                if claim is Claim.DONE or not plan.wait_for_busy:
                    return None
                await asyncio.sleep(BUSY_RETRY)

        async def fetch(source: SourceSettings) -> SourcePass:
            context = FetchContext(client, states[source.name], plan.max_bytes, plan.deadline,
                                   PARSE_TIMEOUT, partial(read_ahead, source.name),
                                   allow_private=plan.allow_private)
            return await KINDS[source.kind].fetch(source, context)

        async def stored_hashes(name: str) -> seenlog.AlreadyHave:
            """What the source has stored (nothing to look up for a source never stored),
            or this poll has extracted already."""
            if states[name].location is None:
                return seenlog.AlreadyHave()
            return seenlog.AlreadyHave(frozenset(await asyncio.to_thread(known_hashes, name)))

        async def read_ahead(name: str) -> ParseFunc:
            """Parse and prepare in one worker task, skipping what the source has stored
            or the poll has had extracted."""
            return partial(parse_and_prepare, known=await stored_hashes(name))

        async def deliver_one(index: int, source: SourceSettings) -> None:
            try:
                result = await one(source)
                if result is not None and result.documents and result.articles is None:
                    _take_prepare_failure(plan, source.name, result)
                    await _prepare(plan, source.name, result,
                                   await stored_hashes(source.name))
            except Exception as exc:  # noqa: BLE001 - one source's bug must not stop the others
                result = _failed(exc) if plan.claims.holds(source.name) else None
            if result is not None:
                seenlog.add(list(result.extractions))  # later copies elsewhere: not extracted
            deliver((index, result))

        await asyncio.gather(*(deliver_one(i, s) for i, s in enumerate(plan.sources)))


async def _claim(plan: _Plan, name: str) -> Claim:
    """Claim the source; on a shared database its state is then read afresh (as the last
    worker to poll it left it)."""
    if not plan.claims.shared:
        return Claim.MINE
    taken = await asyncio.to_thread(plan.claims.take, name)
    if taken.state is not None:
        plan.states[name] = taken.state
    return taken.claim


def _failed(exc: Exception) -> SourcePass:
    return SourcePass(status="error", errors=[f"fetch failed: {type(exc).__name__}: {exc}"[:300]])


def _take_prepare_failure(plan: _Plan, name: str, result: SourcePass) -> None:
    """Log and count the failure `parse_and_prepare` reported in the pass, if any."""
    for error in [e for e in result.errors if e.startswith(PREPARE_FAILED)]:
        result.errors.remove(error)
        plan.worker_failed(name, error)


async def _prepare(plan: _Plan, name: str, result: SourcePass,
                   known: seenlog.AlreadyHave) -> None:
    """Normalise and extract the pass's new documents in the worker pool, a chunk a
    task; when a chunk fails (logged and counted), the pipeline does the work itself."""
    async def chunk(documents: list[RawDocument]) -> tuple[list[Article], dict[str, Extraction]]:
        return await run_bounded(prepare, documents, known, timeout=PARSE_TIMEOUT)
    docs = result.documents
    try:
        parts = await asyncio.gather(*(chunk(docs[i:i + CHUNK])
                                       for i in range(0, len(docs), CHUNK)))
    except WorkerFailed as exc:
        plan.worker_failed(name, f"preparing {len(docs)} documents in a worker {exc}")
        return
    result.articles = [article for articles, _ in parts for article in articles]
    result.extractions = {h: e for _, found in parts for h, e in found.items()}


def adaptive_interval(interval: float, result: SourcePass) -> float:
    """The interval fitted to how often the feed publishes, within [interval/2, 4 × interval].

    The mean gap between the newest entries' dates: a busy feed is polled up to
    twice as often as configured, a quiet one down to four times less often.
    """
    stamps = sorted((d.published for d in result.documents if d.published), reverse=True)[:10]
    if len(stamps) < 3:
        return interval
    gap = (stamps[0] - stamps[-1]).total_seconds() / (len(stamps) - 1)
    return min(max(gap, interval / 2), interval * 4)


def next_due(source: SourceSettings, result: SourcePass, failures: int,
             now: datetime | None = None, *, adaptive: bool = False) -> datetime:
    """When to poll again.

    The source's interval (fitted to the feed's pace when `adaptive`), or a few seconds
    when a folder has files still settling (`SETTLING_RECHECK`); on errors
    backed off exponentially with jitter (up to `MAX_BACKOFF`); never sooner than
    what the feed or server asked for (`Retry-After`, `<ttl>`, `sy:updatePeriod`,
    `Cache-Control: max-age`).
    """
    now = now or datetime.now(UTC)
    delay = float(source.interval)
    if adaptive and result.status == "ok":
        delay = adaptive_interval(delay, result)
    if failures:
        delay = min(MAX_BACKOFF, source.interval * 2 ** min(failures, 10))
        delay *= random.uniform(0.8, 1.2)
    if result.min_interval:
        delay = max(delay, min(result.min_interval, MAX_LOWER_BOUND))
    if result.settling:
        delay = min(delay, SETTLING_RECHECK)
    due = now + timedelta(seconds=delay)
    if result.retry_after is not None:
        due = max(due, min(result.retry_after, now + timedelta(seconds=MAX_BACKOFF * 4)))
    return due
