"""Schedules the configured sources and hands each pass to the pipeline.

Contract: `poll_once(settings, pipeline, due_only=False, progress=None)` fetches
every source (feeds concurrently on one shared HTTP client, at most
`MAX_CONCURRENT` at once), then stores each pass through the pipeline one at a
time, and returns a `PollSummary`. A bad source never stops the others; only a
storage error propagates. `progress(done, total, name)` is called after each
source is stored. The next due time of each source is stored with it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from feeds.config import Settings, SourceSettings
from feeds.pipeline import PassSummary, Pipeline
from feeds.sources import SourcePass
from feeds.sources.feed import fetch_feed, make_client
from feeds.sources.folder import scan_folder

MAX_CONCURRENT = 16
MAX_BACKOFF = 6 * 3600

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class PollSummary:
    """What a whole pass over the sources did."""

    passes: list[PassSummary] = field(default_factory=list)

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
        return [p for p in self.passes if p.status not in ("ok", "not_modified")]

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
              progress: Progress | None = None) -> PollSummary:
    """One pass over the (due) sources; storage errors propagate."""
    sources = _due(settings.sources, pipeline, due_only)
    results = asyncio.run(_fetch_all(sources, pipeline, settings.max_file_bytes))
    summary = PollSummary()
    for done, (source, result) in enumerate(zip(sources, results, strict=True), start=1):
        state = pipeline.store.source_state(source.name)
        failures = (state.consecutive_errors + 1) if result.status not in ("ok", "not_modified") else 0
        summary.passes.append(pipeline.process(source, result, next_due(source, result, failures)))
        if progress is not None:
            progress(done, len(sources), source.name)
    return summary


def _due(sources: list[SourceSettings], pipeline: Pipeline, due_only: bool) -> list[SourceSettings]:
    if not due_only:
        return list(sources)
    now = datetime.now(UTC)
    due = []
    for source in sources:
        when = pipeline.store.source_state(source.name).next_due
        if when is None or when <= now:
            due.append(source)
    return due


async def _fetch_all(sources: list[SourceSettings], pipeline: Pipeline,
                     max_bytes: int) -> list[SourcePass]:
    gate = asyncio.Semaphore(MAX_CONCURRENT)
    async with make_client() as client:

        async def one(source: SourceSettings) -> SourcePass:
            async with gate:
                if source.kind == "folder" and source.path is not None:
                    return await asyncio.to_thread(scan_folder, source.name, source.path, max_bytes)
                state = pipeline.store.source_state(source.name)
                same_url = state.location == source.location
                return await fetch_feed(client, source.name, source.url or "",
                                        etag=state.etag if same_url else None,
                                        last_modified=state.last_modified if same_url else None,
                                        max_bytes=max_bytes)

        return await asyncio.gather(*(one(source) for source in sources))


def next_due(source: SourceSettings, result: SourcePass, failures: int) -> datetime:
    """When to poll again: the interval, backed off exponentially (with jitter) on errors."""
    now = datetime.now(UTC)
    delay = float(source.interval)
    if failures:
        delay = min(MAX_BACKOFF, source.interval * 2 ** min(failures, 10))
        delay *= random.uniform(0.8, 1.2)
    due = now + timedelta(seconds=delay)
    if result.retry_after is not None and result.retry_after > due:
        due = result.retry_after
    return due
