"""One write transaction, in the steps its caller chooses: rows read and written, nothing built.

Contract: `Store.transaction()` opens a write connection (SQLite: BEGIN IMMEDIATE), by
default with the cyclic garbage collector paused (`feeds.ingest.collector.paused`: its rows die
with it; not for recluster's unbounded one), and yields a `WriteTransaction`. Nothing is
kept unless `commit()` is called, which moves the change counter by one
(`feeds.store.counter`: dashboards notice) and returns it; leaving the block without
it, or by an exception, rolls all of it back. Its steps:

- `write(batches)`: a poll's passes (`feeds.store.writer.write_rows`): articles, links,
  actors, mentions, mute marks, merges, source health; the stories they touch counted
  and marked stale.
- `stale_story_ids(articles)`, `stale_among(ids)`: which stories wait for a rebuild.
- `story_articles(ids)`: what those stories are rebuilt from;
  `write_built(found, built)`: what was built from it (`feeds.store.refresh`).
- `reassign_stories(stories_by_key)`: every article put in a new story (recluster).

Which stories are rebuilt, when, and with what builder is the caller's
(`feeds.ingest.rebuild`): the store imports no builder (an import contract says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection

from feeds.store.counter import bump_changes
from feeds.store.refresh import (
    BuiltStory,
    StoryArticles,
    stale_among,
    stale_story_ids,
    story_articles,
    write_built,
)
from feeds.store.writer import Batch, reassign_stories, write_rows


class WriteTransaction:
    """Steps of one write transaction (see the module's contract)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.now = datetime.now(UTC)
        """The time every row of this transaction is written at."""

    def write(self, batches: Sequence[Batch]) -> None:
        """Write the batches in order (a later one finds an earlier one's articles);
        their stories counted and marked stale."""
        write_rows(self._conn, batches, self.now)

    def stale_story_ids(self, articles: int | None = None) -> list[int]:
        """The stories waiting to be rebuilt; with `articles`, the hottest whose articles
        add up to at most that many (at least one story)."""
        return stale_story_ids(self._conn, articles)

    def stale_among(self, story_ids: list[int]) -> list[int]:
        """Those of `story_ids` still waiting to be rebuilt."""
        return stale_among(self._conn, story_ids)

    def story_articles(self, story_ids: list[int]) -> StoryArticles:
        """The shown articles of `story_ids`, oldest first: what they are rebuilt from."""
        return story_articles(self._conn, story_ids)

    def write_built(self, found: StoryArticles, built: Iterable[BuiltStory]) -> None:
        """The stories of `found` as `built` from it: titles, cards, counts, heat and
        timelines, no longer stale (`feeds.store.refresh.write_built`)."""
        write_built(self._conn, found, built, self.now)

    def reassign_stories(self, stories_by_key: dict[str, int]) -> list[int]:
        """Every article (by key) in the story named for it, old stories gone; the new
        stories' ids, to rebuild."""
        return reassign_stories(self._conn, stories_by_key, self.now)

    def commit(self) -> int:
        """Keep all of it: the change counter goes up by one; returns the counter set."""
        counter = bump_changes(self._conn)
        self._conn.commit()
        return counter
