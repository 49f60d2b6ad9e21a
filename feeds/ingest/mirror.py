"""The pipeline's in-memory copies of database state, and the rules that keep them true.

Contract: a `StoreMirror` holds, for one `feeds.ingest.pipeline.Pipeline` and as long as it
lives (the dashboard and the `poll` daemon keep theirs across polls), copies of what the
database holds, so that a group of passes is deduplicated and clustered without reading
every stored article again:

- the story engine (`engine`, `feeds.stories.StoryEngine`): every stored article
  replayed in storing order with its story and its stored headline event (so a story
  another process or an earlier run wrote weighs its events as the one that wrote it
  did), and the articles this pipeline assigns;
- the merge map, inside the engine (`StoryEngine.merged` and its pending merges): young
  stories the engine merged, old id -> the id joined; `take_merges` hands the new ones
  once to the write that follows (the store moves their articles), `final_story` renames
  an id through them;
- the near-duplicate index (`near`, `feeds.ingest.dedup.NearIndex`): the newest
  `NearIndex.window` stored fingerprints, by band.

Invariants (`tests/test_mirror.py` holds each):

1. Caught up. The engine is current when `synced_at` equals the change counter.
   `catch_up()` (under the assignment lock, before a group's new articles are
   assigned) makes it so: a full replay (`articles_for_clustering`) the first time and
   after a failed write; otherwise, when the counter moved, the articles any writer
   stored after row `last_article` (`articles_added_after`), in storing order.
2. Own writes are not learned twice. An article this pipeline writes was learned when
   it was assigned. `write(batches, commit)` runs the commit; if the counter moved by
   exactly one (its own transaction: nothing else committed since the catch-up), the
   engine is current at once (`synced_at`, `last_article` move past the write).
   Otherwise another commit came between (a user's mark, another writer): the keys it
   wrote are kept in `learned`, and the next catch-up reads the others' articles but
   skips these.
3. A failed write rebuilds. When the commit raises, the engine holds assignments and
   merges the database did not keep: `synced_at` becomes None, and the next catch-up
   replays everything into a fresh engine.
4. The near index sees every stored fingerprint it may need. `find_duplicates` first
   indexes the fingerprints stored since its last look by any writer (rows above
   `near.last_id`; at first the newest of all), and the new fingerprints of the articles
   this pipeline updated in place (their row ids do not change, so the rows above
   `last_id` miss them: `write(..., updated=keys)` names them). Older articles are never
   near-duplicate candidates (key, URL and content hash are still looked up in the
   database).

Not followed: articles another writer moves between stories (its merges, `recluster` on
PostgreSQL) keep their old story in the engine, a fingerprint another writer updates
in place keeps its old value in the index, and a headline event rewritten in place (an
updated article, a re-extraction) its old value in the engine, until the next start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from feeds.ingest.dedup import NearIndex
from feeds.model import Article
from feeds.store import Batch, KnownArticles, Store
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import Assignment


class StoreMirror:
    """The story engine, its merge map and the near-duplicate index of one pipeline, kept
    as the database is (see the module's invariants)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = StoryEngine()
        self.near = NearIndex()
        self.synced_at: int | None = None
        """The change counter the engine is current with; None: replay it in full."""
        self.last_article = 0
        """The newest article row the engine has learned (from the database or itself)."""
        self.learned: set[str] = set()
        """Keys this pipeline wrote in transactions it could not count as caught up (another
        commit came between): the next catch-up must not learn them twice."""
        self.updated: set[str] = set()
        """Articles updated in place here since the index last read their fingerprints."""

    def catch_up(self) -> None:
        """Bring the engine up to the database (invariant 1)."""
        counter = self.store.change_counter()
        if counter == self.synced_at:
            return
        if self.synced_at is None:
            self.engine = StoryEngine()
            self.last_article = self.store.max_article_id()
            for story_id, key, title, text, published, event in \
                    self.store.articles_for_clustering():
                self.engine.restore(ClusterDoc(key, title, text, published), story_id, event)
        else:
            for row_id, story_id, key, title, text, published, event in \
                    self.store.articles_added_after(self.last_article):
                if key not in self.learned:
                    self.engine.restore(ClusterDoc(key, title, text, published), story_id,
                                        event)
                self.last_article = row_id
        self.learned.clear()
        self.synced_at = counter

    def assign(self, doc: ClusterDoc) -> Assignment:
        """The story of a new article, learned by the engine (kept only if its write is)."""
        return self.engine.assign(doc)

    def take_merges(self) -> dict[int, int]:
        """Stories merged since the last call (old id -> id joined), for the next write."""
        return self.engine.take_merges()

    def take_splits(self) -> dict[str, tuple[int, int]]:
        """Articles the engine split off into new stories since the last call (key -> old,
        new story), for the writer."""
        return self.engine.take_splits()

    def final_story(self, story_id: int) -> int:
        """The story `story_id` is now, through the merges."""
        return self.engine.final_story(story_id)

    def find_duplicates(self, articles: Sequence[Article]) -> KnownArticles:
        """The stored articles that `articles` may duplicate, near ones looked up in the
        index once it is caught up (invariant 4)."""
        for row_id, value in self.store.fingerprints(self.near.last_id, self.updated,
                                                     limit=self.near.window):
            self.near.add(row_id, value)
        self.updated.clear()
        return self.store.find_duplicates([a.key for a in articles],
                                          [a.url for a in articles if a.url],
                                          [a.content_hash for a in articles],
                                          [a.simhash for a in articles if a.simhash is not None],
                                          self.near)

    def write(self, batches: Sequence[Batch], commit: Callable[[], int],
              updated: Iterable[str] = ()) -> int:
        """Run `commit` (it writes `batches` in one transaction and returns the change
        counter it set), keeping the copies true whether it succeeds or fails
        (invariants 2 and 3); `updated`: keys of stored articles it rewrote in place."""
        synced = self.synced_at
        try:
            counter = commit()
        except Exception:
            self.synced_at = None  # the engine saw articles the database did not keep
            raise
        if synced is not None and counter == synced + 1:  # our articles are in the engine
            self.synced_at, self.last_article = counter, self.store.max_article_id()
            self.learned.clear()
        else:  # a mark or another writer committed too: catch up, but not on our own
            self.learned.update(item.article.key for batch in batches for item in batch.articles)
        self.updated.update(updated)
        return counter
