"""Writes a poll's batches, and recluster's reassignment, as rows inside a transaction.

Contract: `write_rows(conn, batches, now)` writes the batches (one source pass each, in
order) inside the caller's write transaction (`feeds.store.transaction`), which commits
all of it or nothing. Articles are upserted by `key` (an updated article keeps its row,
and a later batch sees an earlier one's); actors are found or created by (name, kind);
every story the batches touch gets exact counts and dates and is marked stale (its
title, card and timeline are rebuilt by whoever decides to: `feeds.ingest.rebuild`); stories
merged away lose their articles to the story they joined, after every batch's articles
are in, the joined story keeping what a user marked on either (followed, read:
`feeds.store.marks`). Each article row keeps its events and its headline event (the
extraction's `terms.event`, `headline_json`) as JSON. Each stored article is marked
with the `[[mute]]` rules it matches (`feeds.store.mutes`); a muted one is counted by
no story. Each source's ETag/Last-Modified are written after its articles. Rows are
written with SQLAlchemy Core, many per statement: a batch costs a few dozen statements
whatever its size.
`reassign_stories(conn, stories_by_key, now)` puts every article in the story named for
it (recluster), the new stories left for the caller to rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
    update,
)

from feeds.ingest.dedup import simhash_columns
from feeds.model import Article, Extraction
from feeds.model.eventcodec import dump_events, dump_headline
from feeds.sources import HEALTHY
from feeds.store import tables as t
from feeds.store.marks import carry_marks, mark_again, marks_by_article
from feeds.store.mutes import mark_articles, remark_all
from feeds.store.refresh import count_unread, delete_stories, mark_grown
from feeds.store.splits import apply_splits


@dataclass(slots=True)
class SourceUpdate:
    """A source's identity and how this pass went for it."""

    name: str
    kind: str
    location: str
    status: str = "ok"
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_due: datetime | None = None
    http_status: int | None = None
    moved_to: str | None = None
    attempted_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(slots=True)
class ProcessedArticle:
    """An article with its extraction and the story it was assigned to."""

    article: Article
    extraction: Extraction
    story_id: int


@dataclass(slots=True)
class Batch:
    """Everything one source pass adds to the database."""

    source: SourceUpdate
    articles: list[ProcessedArticle] = field(default_factory=list)
    merges: dict[int, int] = field(default_factory=dict)
    """Stories merged away: old id -> the id they joined."""
    splits: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Articles split off into a new story: key -> (old story, new story)."""
    new_count: int = 0
    updated_count: int = 0
    links: list[str] = field(default_factory=list)
    """Keys of stored, unchanged articles this source also carried (linked, not rewritten)."""


def write_rows(conn: Connection, batches: Sequence[Batch], now: datetime) -> None:
    """Write several batches as if one after the other (a later one sees the earlier
    ones' articles; merges apply after all of them), stories counted and marked stale."""
    items = [item for batch in batches for item in batch.articles]
    merges = {old: into for batch in batches for old, into in batch.merges.items()}
    _ensure_stories(conn, {i.story_id for i in items} | set(merges.values()), now)
    actors = actor_ids(conn, [item.extraction for item in items])
    source_ids = _source_ids(conn, [batch.source for batch in batches])
    stored = _store_and_link(conn, batches, source_ids, now)
    store_mentions(conn, list(stored), [item.extraction for item in stored.values()], actors)
    masks = mark_articles(conn, list(stored))
    muted = {stored[article_id].article.key for article_id, mask in masks.items() if mask}
    arrivals: dict[int, list[datetime]] = {}
    titles: dict[int, str] = {}
    for item in items:  # a muted article is counted by no story, nor notified
        times = arrivals.setdefault(item.story_id, [])
        if item.article.key not in muted:
            times.append(now if item.article.date_uncertain else item.article.published or now)
            titles.setdefault(item.story_id, item.article.title)
    apply_splits(conn, {k: v for batch in batches for k, v in batch.splits.items()}, arrivals, now)
    for old, into in merges.items():
        _merge_story(conn, old, into)
        arrivals.setdefault(into, []).extend(arrivals.pop(old, []))
    mark_grown(conn, arrivals, titles, now)
    _record_source_results(conn, source_ids, batches)


def _source_ids(conn: Connection, sources: list[SourceUpdate]) -> list[int]:
    """Each source's row id, in order, created when new; a changed location forgets its
    validators. One lookup and one insert for all of them."""
    found = {name: (row_id, kind, location) for name, row_id, kind, location in _in_chunks(
        conn, lambda chunk: select(t.Source.name, t.Source.id, t.Source.kind, t.Source.location)
        .where(t.Source.name.in_(chunk)), sorted({source.name for source in sources}))}
    new = {source.name: source for source in sources if source.name not in found}
    if new:
        for name, row_id in conn.execute(insert(t.Source).returning(t.Source.name, t.Source.id),
                                         [{"name": source.name, "kind": source.kind,
                                           "location": source.location}
                                          for source in new.values()]):
            found[name] = (row_id, new[name].kind, new[name].location)
    for source in sources:
        row_id, kind, location = found[source.name]
        if (kind, location) != (source.kind, source.location):
            values: dict[str, Any] = {"kind": source.kind, "location": source.location}
            if location != source.location:
                values.update(moved_to=None, etag=None, last_modified=None)
            conn.execute(update(t.Source).where(t.Source.id == row_id).values(values))
            found[source.name] = (row_id, source.kind, source.location)
    return [found[source.name][0] for source in sources]


_HEALTHY = bindparam("healthy")
_RECORD = update(t.Source).where(t.Source.id == bindparam("sid")).values(
    status=bindparam("status"), last_attempt=bindparam("attempted"),
    next_due=bindparam("due"), last_error=bindparam("error"),
    http_status=bindparam("http"), items_new=bindparam("new"),
    items_updated=bindparam("updated"),
    consecutive_errors=case((_HEALTHY, 0), else_=t.Source.consecutive_errors + 1),
    # an error keeps the last good validators
    last_success=case((_HEALTHY, bindparam("attempted")), else_=t.Source.last_success),
    etag=case((_HEALTHY, bindparam("etag")), else_=t.Source.etag),
    last_modified=case((_HEALTHY, bindparam("modified")), else_=t.Source.last_modified),
    moved_to=func.coalesce(bindparam("moved"), t.Source.moved_to))
"""Each pass's health, one row a source (in order, so a source twice counts twice)."""


def _record_source_results(conn: Connection, source_ids: list[int],
                           batches: Sequence[Batch]) -> None:
    conn.execute(_RECORD, [
        {"sid": source_id, "healthy": batch.source.status in HEALTHY,
         "status": batch.source.status, "attempted": batch.source.attempted_at,
         "due": batch.source.next_due, "error": batch.source.error,
         "http": batch.source.http_status, "new": batch.new_count,
         "updated": batch.updated_count, "etag": batch.source.etag,
         "modified": batch.source.last_modified, "moved": batch.source.moved_to}
        for batch, source_id in zip(batches, source_ids, strict=True)])


def _ensure_stories(conn: Connection, story_ids: set[int], now: datetime) -> None:
    existing = set(_in_chunks(conn, lambda ids: select(t.Story.id).where(t.Story.id.in_(ids)),
                              sorted(story_ids)))
    missing = sorted(story_ids - {row[0] for row in existing})
    if missing:
        conn.execute(insert(t.Story), [{"id": story_id, "title": "", "created_at": now,
                                        "updated_at": now} for story_id in missing])


def _store_and_link(conn: Connection, batches: Sequence[Batch], source_ids: list[int],
                    now: datetime) -> dict[int, ProcessedArticle]:
    """Each batch's articles stored (in order: a later batch finds an earlier one's) and
    linked to its source with the stored ones it carried; what was stored, by row id
    (the last text of each)."""
    ids = _ids_by_key(conn, [item.article.key for batch in batches for item in batch.articles]
                      + [key for batch in batches for key in batch.links])  # stored already
    stored: dict[int, ProcessedArticle] = {}
    inserted: set[int] = set()
    carried: list[tuple[int, list[int]]] = []
    for batch, source_id in zip(batches, source_ids, strict=True):
        article_ids, new_ids = _store_articles(conn, source_id, batch.articles, now, ids)
        stored.update(zip(article_ids, batch.articles, strict=True))
        inserted |= new_ids
        carried.append((source_id, article_ids))
    _link(conn, [(source_id, article_ids + [ids[key] for key in batch.links if key in ids])
                 for batch, (source_id, article_ids) in zip(batches, carried, strict=True)],
          inserted, now)
    return stored


def _store_articles(conn: Connection, source_id: int, items: list[ProcessedArticle],
                    now: datetime, stored: dict[str, int]) -> tuple[list[int], set[int]]:
    """Insert the new articles and update the changed ones (those `stored`: row id by key,
    to which the inserted are added); their row ids, in order, and the ids of those
    inserted."""
    keys = [item.article.key for item in items]
    changed = [stored[key] for key in keys if key in stored]
    for chunk in _chunks(changed):
        conn.execute(delete(t.Mention).where(t.Mention.article_id.in_(chunk)))
        conn.execute(delete(t.Attribution).where(t.Attribution.article_id.in_(chunk)))
    new_rows = []
    for item in items:
        values = _article_values(item)
        if item.article.key in stored:
            conn.execute(update(t.Article).where(t.Article.id == stored[item.article.key])
                         .values({**values, "updated_at": now}))
        else:
            new_rows.append({**values, "key": item.article.key, "source_id": source_id,
                             "fetched_at": now, "updated_at": now})
    inserted: dict[str, int] = {}
    if new_rows:
        inserted = {key: row_id for key, row_id in conn.execute(  # matched by key, not order
            insert(t.Article).returning(t.Article.key, t.Article.id), new_rows)}
        stored.update(inserted)
    return [stored[key] for key in keys], set(inserted.values())


def _article_values(item: ProcessedArticle) -> dict[str, Any]:
    article = item.article
    return {"story_id": item.story_id, "url": article.url, "guid": article.guid,
            "content_hash": article.content_hash, "title": article.title, "text": article.text,
            "published_at": article.published, "date_origin": article.date_origin,
            "date_uncertain": article.date_uncertain, "outlet": article.outlet,
            "via": article.via, "author": article.author, "locator": article.locator,
            "events_json": events_json(item.extraction),
            "headline_event": headline_json(item.extraction),
            **simhash_columns(article.simhash)}


def events_json(extraction: Extraction) -> str:
    """The events as stored: encoded ahead in a worker, else here."""
    if extraction.events_json is not None:
        return extraction.events_json
    return dump_events(extraction.events)


def headline_json(extraction: Extraction) -> str | None:
    """The headline event as stored (`dump_headline`), from the extraction's terms."""
    return dump_headline(extraction.terms.event if extraction.terms is not None else None)


def _ids_by_key(conn: Connection, keys: list[str]) -> dict[str, int]:
    return {key: row_id for key, row_id in _in_chunks(
        conn, lambda chunk: select(t.Article.key, t.Article.id).where(t.Article.key.in_(chunk)),
        sorted(set(keys)))}


def _link(conn: Connection, carried: list[tuple[int, list[int]]], inserted: set[int],
          now: datetime) -> None:
    """Record that each source carried its articles (once per pair); the articles
    `inserted` by this transaction have no link but these (most of a first pass: not
    looked up)."""
    pairs = dict.fromkeys((source_id, article_id) for source_id, article_ids in carried
                          for article_id in article_ids)
    known = {(row[0], row[1]) for row in _in_chunks(
        conn, lambda chunk: select(t.ArticleSource.source_id, t.ArticleSource.article_id)
        .where(t.ArticleSource.article_id.in_(chunk)),
        sorted({article_id for _, article_id in pairs if article_id not in inserted}))}
    rows = [{"article_id": article_id, "source_id": source_id, "first_seen": now}
            for source_id, article_id in pairs if (source_id, article_id) not in known]
    if rows:
        conn.execute(insert(t.ArticleSource), rows)


def store_mentions(conn: Connection, article_ids: list[int], extractions: list[Extraction],
                   actors: dict[tuple[str, str], int]) -> None:
    """Insert the mentions and attributions of each article's extraction (`actors`: the
    ids `actor_ids` gave)."""
    mentions, attributions = [], []
    for article_id, extraction in zip(article_ids, extractions, strict=True):
        mentions.extend({"article_id": article_id, "actor_id": actors[(a.name[:300], a.kind)],
                         "count": a.mentions, "role": a.role,
                         "aliases": "\n".join(a.aliases)[:2000]}
                        for a in extraction.actors)
        attributions.extend({"article_id": article_id, "cited": a.cited[:300], "kind": a.kind}
                            for a in extraction.attributions)
    if mentions:
        conn.execute(insert(t.Mention), mentions)
    if attributions:
        conn.execute(insert(t.Attribution), attributions)


def actor_ids(conn: Connection, extractions: list[Extraction]) -> dict[tuple[str, str], int]:
    """Ids of every actor the extractions name (created where new), and their new aliases
    stored: a few statements per batch instead of several per mention."""
    aliases = {(a.name[:300], a.kind): {x[:300] for x in a.aliases if x != a.name}
               for extraction in extractions for a in extraction.actors}
    names = sorted({name for name, _ in aliases})
    ids: dict[tuple[str, str], int] = {
        (name, kind): actor_id for name, kind, actor_id in _in_chunks(
            conn, lambda chunk: select(t.Actor.name, t.Actor.kind, t.Actor.id)
            .where(t.Actor.name.in_(chunk)), names)}
    missing = [{"name": name, "kind": kind} for name, kind in sorted(aliases)
               if (name, kind) not in ids]
    if missing:
        inserted = conn.execute(insert(t.Actor).returning(t.Actor.name, t.Actor.kind, t.Actor.id),
                                missing)
        ids.update({(name, kind): actor_id for name, kind, actor_id in inserted})
    _store_aliases(conn, {ids[key]: forms for key, forms in aliases.items() if forms})
    return ids


def _store_aliases(conn: Connection, wanted: dict[int, set[str]]) -> None:
    known = {(row[0], row[1]) for row in _in_chunks(
        conn, lambda chunk: select(t.ActorAlias.actor_id, t.ActorAlias.alias)
        .where(t.ActorAlias.actor_id.in_(chunk)), sorted(wanted))}
    rows = [{"actor_id": actor_id, "alias": alias}
            for actor_id, forms in sorted(wanted.items()) for alias in sorted(forms)
            if (actor_id, alias) not in known]
    if rows:
        conn.execute(insert(t.ActorAlias), rows)


def _merge_story(conn: Connection, old: int, into: int) -> None:
    """`old`'s articles go to `into`, which keeps what a user marked on either. `old` may be
    a story the database never held: the engine split it off, merged it, and split its
    articles off again within one write, so the splits moved them on already."""
    carry_marks(conn, old, into)
    conn.execute(update(t.Article).where(t.Article.story_id == old).values(story_id=into))
    delete_stories(conn, [old])


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _in_chunks(conn: Connection, query: Callable[[Sequence[Any]], Select[Any]],
               values: Sequence[Any]) -> Iterator[Row[Any]]:
    """The rows of `query(chunk)` for every chunk of at most 500 `values`."""
    for chunk in _chunks(values):
        yield from conn.execute(query(chunk))


def reassign_stories(conn: Connection, stories_by_key: dict[str, int],
                     now: datetime) -> list[int]:
    """Reassign every article to the story `stories_by_key` names: old stories and
    timelines go, the new ones (returned, to rebuild) keep what a user marked on their
    articles' old stories (`feeds.store.marks`), their unread counts set."""
    marks = marks_by_article(conn)
    conn.execute(delete(t.EventReport))
    conn.execute(delete(t.Event))
    conn.execute(update(t.Article).values(story_id=None))
    conn.execute(delete(t.Story))
    story_ids = sorted(set(stories_by_key.values()))
    _ensure_stories(conn, set(story_ids), now)
    table = t.Article.__table__
    assign = (table.update().where(table.c.key == bindparam("k"))
              .values(story_id=bindparam("s")))
    rows = [{"k": key, "s": story} for key, story in stories_by_key.items()]
    for chunk in _chunks(rows, 1000):
        conn.execute(assign, list(chunk))
    mark_again(conn, marks, stories_by_key)
    remark_all(conn)  # the actors may have changed (`recluster` extracts again)
    count_unread(conn)
    return story_ids
