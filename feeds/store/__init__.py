"""The only package that talks SQL: open a store, write batches, run read queries.

Contract: `Store.open(url, states=...)` builds the engine from settings (never at
import time), migrates the schema to head, and raises `StorageError` with a one-line
message on any storage problem. Stories are read with the `StoryStates` it was opened
with (`[stories]` in the configuration), passed to every query: no module global.
Writing goes through `Store.transaction()` (`feeds.store.transaction`: a poll's
batches, stories read for a rebuild and written back, recluster's reassignment; one
transaction, committed or rolled back whole), `replace_extractions`, `set_followed`,
`mark_read`, `set_saved` (what a user follows, has read and saved is kept in the
database) and `store_mute_rules` (the `[[mute]]` rules stored and the articles' mute
marks recomputed: `feeds.store.mutes`); every other method reads (`search`: the
full-text index the database keeps current). The store reads and writes rows and
builds nothing: which stories are rebuilt, when, and how is `feeds.ingest.rebuild`'s, and no
module of this package imports a builder (`.importlinter`). `tui` imports only the
package itself (this facade and the names it exports), never its modules.

Imports: `feeds.model`, `feeds.read` (the objects it returns, the mute rules it applies)
and pure helpers of the packages above it (such as fingerprints from `feeds.ingest.dedup`,
`feeds.ingest.collector.paused`, name keys from `feeds.extract.names`, `HEALTHY` from
`feeds.sources`); never the poll itself (`feeds.ingest` but those two helpers): checked
by `.importlinter`, as is that no other package imports sqlalchemy, sqlmodel or alembic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime

from sqlalchemy import Engine

from feeds.ingest import collector
from feeds.ingest.dedup import NearIndex
from feeds.model import Extraction, HeadlineEvent
from feeds.read.mutes import MuteRule
from feeds.read.views import (
    ArticleView,
    SearchGroup,
    SourceArticle,
    SourceHealth,
    StoryDetail,
    StorySummary,
)
from feeds.store import overview, queries
from feeds.store.bysource import source_articles
from feeds.store.changes import ChangeWatcher
from feeds.store.engine import (
    StorageError,
    describe_open_error,
    describe_storage_error,
    make_engine,
    migrate,
)
from feeds.store.lock import PollerBusy, PollerLock, SourceClaims, assignment_lock
from feeds.store.marks import mark_read, set_followed, set_saved
from feeds.store.mutes import rule_counts, rules_stored, store_rules
from feeds.store.queries import KnownArticles, SourceState, StoryStates
from feeds.store.reextract import replace_extractions
from feeds.store.refresh import BuiltStory, StoryArticles
from feeds.store.search import SearchError
from feeds.store.search import search as search_articles
from feeds.store.transaction import WriteTransaction
from feeds.store.writer import Batch, ProcessedArticle, SourceUpdate

__all__ = ["Batch", "BuiltStory", "KnownArticles", "PollerBusy", "PollerLock",
           "ProcessedArticle", "SearchError", "SourceState", "SourceUpdate", "StorageError",
           "Store", "StoryArticles", "StoryStates", "WriteTransaction"]


class Store:
    """A database handle with the read queries and the write transactions."""

    def __init__(self, engine: Engine, states: StoryStates | None = None) -> None:
        self.engine = engine
        self.states = states or StoryStates()
        """When a story read counts as developing or dormant (`[stories]`)."""

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True, create_folder: bool = False,
             states: StoryStates | None = None) -> Store:
        """Open (and create or upgrade) the database at `url`; with `create_folder`, a
        SQLite file's missing folder is made (for the default data folder only); stories
        are read with `states` (the defaults when None)."""
        try:
            engine = make_engine(url, create_folder=create_folder)
            if migrate_schema:
                migrate(engine)
        except StorageError:
            raise
        except Exception as exc:  # noqa: BLE001 - a driver or a server: one line, not a trace
            raise StorageError(describe_open_error(url, exc)) from None
        return cls(engine, states)

    @contextmanager
    def _one_line_errors(self) -> Iterator[None]:
        """Driver errors in a write become a `StorageError` with a readable message."""
        try:
            yield
        except StorageError:
            raise
        except Exception as exc:  # noqa: BLE001 - turn driver errors into one line
            if exc.__class__.__module__.startswith(("sqlalchemy", "sqlite3", "psycopg")):
                raise StorageError(describe_storage_error(exc, self.engine)) from exc
            raise

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    @contextmanager
    def transaction(self, *, pause_collector: bool = True) -> Iterator[WriteTransaction]:
        """One write transaction (`feeds.store.transaction`): kept only if `commit()` is
        called in it (the change counter it sets is one more than before, unless another
        writer committed in between); StorageError with a readable message on a failure.
        The cyclic garbage collector is paused inside unless `pause_collector` is false
        (for work of unbounded length)."""
        with self._one_line_errors(), \
                (collector.paused() if pause_collector else nullcontext()), \
                self.engine.connect().execution_options(write=True) as conn:
            yield WriteTransaction(conn)

    def replace_extractions(self, extractions: dict[int, Extraction]) -> None:
        """Write stored articles' new extractions, by row id, in one transaction
        (`feeds.store.reextract`); the caller rebuilds the stories."""
        with self._one_line_errors():
            replace_extractions(self.engine, extractions)

    def assignment_lock(self) -> AbstractContextManager[None]:
        """Held while a batch's stories are assigned and written (see `feeds.store.lock`)."""
        return assignment_lock(self.engine)

    def articles_added_after(
        self, article_id: int
    ) -> Iterator[tuple[int, int, str, str, str, datetime | None, HeadlineEvent | None]]:
        """Articles stored after row `article_id`, in storing order: (id, story, key,
        title, text, published, stored headline event)."""
        return queries.articles_added_after(self.engine, article_id)

    def max_article_id(self) -> int:
        """The newest article row id."""
        return queries.max_article_id(self.engine)

    def count_articles(self) -> int:
        """How many articles are stored."""
        return queries.count_articles(self.engine)

    def known_hashes(self, source_name: str) -> set[str]:
        """Content hashes of the newest articles the source carried (what need not be
        extracted again when its feed changes)."""
        return queries.known_hashes(self.engine, source_name)

    def claim_sources(self, since: datetime, *, due_only: bool = False,
                      early: frozenset[str] = frozenset()) -> SourceClaims:
        """This worker's claims for a pass started at `since`, taken one source at a time
        (another worker skips or waits for a claimed source; see `feeds.store.lock`);
        `early` sources are claimed in a pass over due sources even when due later."""
        with self._one_line_errors():
            return SourceClaims(self.engine, since, due_only, early)

    def change_watcher(self) -> ChangeWatcher:
        """Something to block on (in a worker) until the next batch lands."""
        return ChangeWatcher(self.engine)

    def change_counter(self) -> int:
        """Goes up by one per committed batch (cheap: one row)."""
        return queries.change_counter(self.engine)

    def list_stories(self, *, query: str | None = None, sort: str = "heat",
                     limit: int = 500, offset: int = 0, unread: bool = False) -> list[StorySummary]:
        """A page of stories, best first by `sort`, filtered by `query` (and to those with
        unread articles)."""
        return queries.list_stories(self.engine, self.states, query=query, sort=sort,
                                    limit=limit, offset=offset, unread=unread)

    def mark_read(self, story_ids: list[int] | None, read: bool = True) -> int:
        """Mark stories read as of now (every story's when `story_ids` is None), or unread;
        how many."""
        with self._one_line_errors():
            return mark_read(self.engine, story_ids, read)

    def set_followed(self, story_id: int, followed: bool) -> bool:
        """Follow a story or stop following it (kept in the database, for every dashboard
        of it); whether the story exists."""
        with self._one_line_errors():
            return set_followed(self.engine, story_id, followed)

    def set_saved(self, kind: str, item_id: int, saved: bool) -> bool:
        """Save a "story" or an "article" for later, or let it go; whether it exists."""
        with self._one_line_errors():
            return set_saved(self.engine, kind, item_id, saved)

    def mute_rules_stored(self, rules: list[MuteRule]) -> bool:
        """Whether the articles' mute marks follow `rules` already (one small read)."""
        with self._one_line_errors():
            return rules_stored(self.engine, rules)

    def store_mute_rules(self, rules: list[MuteRule]) -> tuple[int, list[int]] | None:
        """Store `rules` (the settings' `[[mute]]` tables) and recompute every article's
        mark, in one transaction, unless they are those stored (None): how many articles
        changed mark, and the stories whose shown articles changed (marked stale, for the
        caller to rebuild; it holds the assignment lock: `feeds.store.mutes`)."""
        with self._one_line_errors():
            return store_rules(self.engine, rules)

    def mute_counts(self) -> list[tuple[MuteRule, int]]:
        """Each stored mute rule with how many articles it matches."""
        return rule_counts(self.engine)

    def source_articles(self, name: str, limit: int = 200) -> list[SourceArticle]:
        """The newest `limit` articles the source named carried, with their stories."""
        return source_articles(self.engine, name, limit)

    def is_saved(self, kind: str, item_id: int) -> bool:
        """Whether the "story" or "article" is saved."""
        return queries.is_saved(self.engine, kind, item_id)

    def saved_stories(self) -> list[StorySummary]:
        """The saved stories, last saved first."""
        return queries.saved_stories(self.engine, self.states)

    def saved_articles(self) -> list[tuple[ArticleView, int | None]]:
        """The saved articles, last saved first, with their story ids."""
        return queries.saved_articles(self.engine)

    def followed_stories(self, query: str = "") -> list[StorySummary]:
        """The followed stories, in the order they were followed; with `query`, those it
        matches."""
        return overview.followed_stories(self.engine, self.states, query)

    def filtered_stories(self, query: str, *, sort: str = "heat",
                         limit: int = 200) -> list[StorySummary]:
        """A page of the stories every word of `query` matches, best first by `sort`,
        each word looked up through small tables first (`feeds.store.overview`)."""
        return overview.filtered_stories(self.engine, query, self.states, sort=sort,
                                         limit=limit)

    def count_filtered(self, query: str) -> int:
        """How many stories `filtered_stories` would find for `query`."""
        return overview.count_filtered(self.engine, query)

    def stories_by_ids(self, story_ids: list[int]) -> list[StorySummary]:
        """The stories with these ids that still exist, in the order of `story_ids`."""
        return overview.stories_by_ids(self.engine, story_ids, self.states)

    def activity(self, stories: list[StorySummary]) -> dict[int, list[int]]:
        """Each story's articles per bucket over the hours before its last update (the
        story list's sparklines)."""
        return overview.activity(self.engine, stories)

    def count_stories(self, query: str | None = None) -> int:
        """How many stories match `query`."""
        return queries.count_stories(self.engine, query)

    def find_story(self, ref: str) -> int | None:
        """A story id from an id or words of a title."""
        return queries.find_story(self.engine, ref)

    def search(self, query: str, limit: int = 20) -> list[SearchGroup]:
        """Stories with their articles holding every word of `query` in the title or text,
        best first, matches marked (`feeds.store.search`; `SearchError`: no word in it)."""
        return search_articles(self.engine, query, limit, self.states)

    def story_detail(self, story_id: int) -> StoryDetail | None:
        """Events, actors, outlets, cited bodies and articles of one story."""
        return queries.story_detail(self.engine, story_id, self.states)

    def article(self, article_id: int) -> ArticleView | None:
        """One article with its text."""
        return queries.article(self.engine, article_id)

    def source_state(self, name: str) -> SourceState:
        """ETag, Last-Modified, next due time and error count of one source."""
        return queries.source_state(self.engine, name)

    def source_states(self) -> dict[str, SourceState]:
        """Every stored source's poller state, by name (one query)."""
        return queries.source_states(self.engine)

    def sources_health(self) -> list[SourceHealth]:
        """Every source's health."""
        return queries.sources_health(self.engine)

    def known_articles(self, keys: list[str]) -> dict[str, tuple[str, int | None]]:
        """(content hash, story id) of the stored articles among `keys`."""
        return queries.known_articles(self.engine, keys)

    def find_duplicates(self, keys: list[str], urls: list[str], hashes: list[str],
                        fingerprints: Iterable[int] = (),
                        index: NearIndex | None = None) -> KnownArticles:
        """Stored articles sharing a key, canonical URL or content hash with a batch, or
        with a fingerprint near one of its `fingerprints` (`feeds.ingest.dedup.simhash`), looked
        up in `index` when given (the newest stored fingerprints, kept current by the
        caller), else in the database."""
        return queries.find_duplicates(self.engine, keys, urls, hashes, fingerprints, index)

    def fingerprints(self, after_id: int, keys: Iterable[str] = (),
                     limit: int | None = None) -> list[tuple[int, int]]:
        """(id, simhash) of the articles stored after row `after_id` (the newest `limit`)
        and of those among `keys` (what a `NearIndex` has not seen), in id order."""
        return queries.fingerprints(self.engine, after_id, keys, limit)

    def articles_for_clustering(
        self, since: datetime | None = None
    ) -> Iterator[tuple[int, str, str, str, datetime | None, HeadlineEvent | None]]:
        """Stored articles, oldest first, to rebuild the story engine: (story, key, title,
        text, published, stored headline event)."""
        return queries.articles_for_clustering(self.engine, since)
