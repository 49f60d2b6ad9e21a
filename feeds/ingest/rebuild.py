"""Stories rebuilt: which, when and how. The one place that decides it; the store only
reads and writes the rows.

Contract: as articles arrive the store counts each story they touch and marks it stale
(`feeds.store.refresh.mark_grown`). A story's title, card and timeline cost as much as
the story is long, so they are rebuilt here, apart: read from the store
(`WriteTransaction.story_articles`), built by `feeds.stories.storybuild.build_stories` (in
the worker processes when the `mapper` given is `feeds.sources.pool.map_in_workers`),
and written back in the same transaction (`write_built`, which clears `stale`):

- `commit_batches(store, batches, refresh=...)`: a poll's passes in one transaction;
  with `refresh` the hottest stale stories, up to `REFRESH_ARTICLES` articles in all,
  are rebuilt in it (built in this thread; the others wait, stale).
- `refresh_stale(store, mapper)`: every stale story, in one transaction.
- `replace_stories(store, stories_by_key, progress)`: recluster's new stories, each
  article reassigned and every story rebuilt, in one transaction.
- `apply_mutes(store, rules)`: when the `[[mute]]` rules changed, they are stored and
  the marks recomputed (`Store.store_mute_rules`), then the stories whose shown articles
  changed are rebuilt, `REBUILD` stories a transaction (other writers get their turn in
  between); all of it under the assignment lock. How many articles changed mark, None
  when the rules were already those stored.
- `RefreshPacer`: whether a poll's next transaction also rebuilds (the `Pipeline` keeps
  one per poll; `feeds.ingest.pipeline` decides, the poller only says when a poll starts and
  ends).
- `rebuild_stories(tx, story_ids, mapper)`: `CHUNK` stories read at a time, each chunk's
  stories built in `PARTS` runs through `mapper` while the next chunk is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from feeds.read.mutes import MuteRule
from feeds.store import Batch, Store, StoryArticles, WriteTransaction
from feeds.stories.storybuild import TITLES, BuiltStory, StoryInput, build_stories
from feeds.stories.timeline import StoredReport

REFRESH_EVERY = 3.0
"""Seconds between rebuilds of the touched stories' titles and timelines during a poll."""
REFRESH_SHARE = 0.05
"""At most this share of a long poll goes to those rebuilds (the last one, at the end,
aside); counts and new stories are written with every pass regardless."""
REFRESH_ARTICLES = 1_000
"""A transaction that refreshes rebuilds the hottest stale stories up to this many
articles in all; the others wait for `refresh_stale` (a refresh costs about the same
however large the store or the backlog)."""
TIMELINE_ARTICLES = 400
"""A story's timeline and card are built from its newest this many articles."""
CHUNK = 500
"""Stories read from the database at a time."""
PARTS = 4
"""Runs of stories a chunk's titles and timelines are split into, for `mapper` to build
apiece."""
REBUILD = 500
"""Stories rebuilt a transaction after the mute rules changed."""

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]
"""Runs a function over items like the builtin `map` (the default); the pipeline passes
one that has the worker processes do it while this process writes."""


def commit_batches(store: Store, *batches: Batch, refresh: bool = True) -> int:
    """Commit the batches in one transaction, in order, and with `refresh` rebuild the
    hottest stale stories in it; returns the change counter set."""
    with store.transaction() as tx:
        tx.write(batches)
        if refresh:
            rebuild_stories(tx, tx.stale_story_ids(REFRESH_ARTICLES))
        return tx.commit()


def refresh_stale(store: Store, mapper: Mapper = map) -> int:
    """Rebuild every stale story in one transaction (built through `mapper`); how many
    there were."""
    with store.transaction() as tx:
        story_ids = tx.stale_story_ids()
        if story_ids:
            rebuild_stories(tx, story_ids, mapper)
            tx.commit()
        return len(story_ids)


def replace_stories(store: Store, stories_by_key: dict[str, int],
                    progress: Callable[[int, int], None] | None = None) -> None:
    """Reassign every article (by key) to a story id and rebuild every story, in one
    transaction; `progress(done, total)` after each 100 stories."""
    with store.transaction(pause_collector=False) as tx:
        story_ids = tx.reassign_stories(stories_by_key)
        for start in range(0, len(story_ids), 100):
            rebuild_stories(tx, story_ids[start:start + 100])
            if progress is not None:
                progress(min(start + 100, len(story_ids)), len(story_ids))
        tx.commit()


def apply_mutes(store: Store, rules: list[MuteRule]) -> int | None:
    """Make the articles' mute marks follow `rules` and rebuild the stories that changed
    (see the contract)."""
    if store.mute_rules_stored(rules):
        return None
    with store.assignment_lock():
        applied = store.store_mute_rules(rules)
        if applied is None:  # another process applied them meanwhile
            return None
        changed, stories = applied
        for start in range(0, len(stories), REBUILD):
            with store.transaction() as tx:
                shown = tx.stale_among(stories[start:start + REBUILD])
                if shown:
                    rebuild_stories(tx, shown)
                    tx.commit()
        return changed


def rebuild_stories(tx: WriteTransaction, story_ids: Iterable[int], mapper: Mapper = map) -> None:
    """Rebuild the titles, cards, counts, heat and timelines of `story_ids` from their
    shown articles, in `tx`; the building through `mapper` (see `Mapper`)."""
    ids = sorted(set(story_ids))
    building: list[tuple[StoryArticles, Iterable[BuiltStory]]] = []
    for start in range(0, len(ids), CHUNK):
        found = tx.story_articles(ids[start:start + CHUNK])
        building.append((found, chain.from_iterable(mapper(build_stories, _parts(found)))))
        if len(building) > 1:  # the chunk before: built while this one was read
            tx.write_built(*building.pop(0))
    for found, built in building:
        tx.write_built(found, built)


class RefreshPacer:
    """When a poll's next transaction also rebuilds the stale stories' titles and
    timelines: `REFRESH_EVERY` seconds after the start or the last rebuild, or later, so
    that rebuilding takes at most `REFRESH_SHARE` of the time however long it gets."""

    def __init__(self, now: float) -> None:
        self._last, self._wait = now, REFRESH_EVERY

    def due(self, now: float) -> bool:
        """Whether the transaction starting at `now` should rebuild."""
        return now - self._last >= self._wait

    def rebuilt(self, started: float, finished: float) -> None:
        """A transaction that rebuilt ran from `started` to `finished`."""
        self._last = finished
        self._wait = max(REFRESH_EVERY, (1 / REFRESH_SHARE - 1) * (finished - started))


def _parts(found: StoryArticles) -> list[list[StoryInput]]:
    """The stories' first titles and newest `TIMELINE_ARTICLES` stored reports, in `PARTS`
    runs of about as many articles each."""
    rows_by_story = found.rows
    total = sum(min(len(rows), TIMELINE_ARTICLES) for rows in rows_by_story.values())
    parts: list[list[StoryInput]] = [[]]
    size = 0
    for story_id, rows in rows_by_story.items():
        if size >= total / PARTS * len(parts):
            parts.append([])
        newest = rows[-TIMELINE_ARTICLES:]
        parts[-1].append((story_id, [row[2] for row in rows[:TITLES]],
                          [_stored_report(row) for row in newest]))
        size += len(newest)
    return parts


def _stored_report(row: Any) -> StoredReport:
    """(key, outlet, publication date unless uncertain, events JSON) of a stored row."""
    published = row[4].date() if row[4] is not None and not row[7] else None
    return row[1], row[3] or "", published, row[6]
