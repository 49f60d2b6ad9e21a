"""Writes one batch in one transaction: articles, actors, stories, timelines, source health.

Contract: `write_batch(engine, batch)` either commits everything in `batch` or
nothing. Articles are upserted by `key` (an updated article keeps its row);
actors are found or created by (name, kind); every story the batch touches gets
its counts, title, heat and timeline recomputed from its stored articles;
stories merged away lose their articles to the story they joined. The source's
ETag/Last-Modified are written after its articles, in the same transaction.
The change counter in `meta` goes up by one per batch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, bindparam, delete, func, select, text, update
from sqlmodel import Session

from feeds.model import Article, Extraction, StoryEvent
from feeds.store import tables as t
from feeds.store.tables import aware
from feeds.store.codec import dump_events, load_events
from feeds.stories.titles import central_title
from feeds.timeline import ArticleReports, build_timeline

CHANGES_KEY = "changes"
NOTIFY_CHANNEL = "wirewatch_changes"
HEAT_HALF_LIFE_HOURS = 12.0
TIMELINE_ARTICLES = 400


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
    new_count: int = 0
    updated_count: int = 0
    links: list[str] = field(default_factory=list)
    """Keys of stored, unchanged articles this source also carried (linked, not rewritten)."""


def write_batch(engine: Engine, batch: Batch) -> None:
    """Commit the whole batch in one write transaction."""
    with engine.connect().execution_options(write=True) as conn, Session(bind=conn) as session:
        source = _upsert_source_identity(session, batch.source)
        actors = _actor_ids(session, batch.articles)
        touched: set[int] = set()
        for item in batch.articles:
            _ensure_story(session, item.story_id)
            _store_article(session, source.id or 0, item, actors)
            touched.add(item.story_id)
        _link_known(session, source.id or 0, batch.links)
        for old, into in batch.merges.items():
            _ensure_story(session, into)
            _merge_story(session, old, into)
            touched.add(into)
            touched.discard(old)
        session.flush()
        for story_id in sorted(touched):
            refresh_story(session, story_id)
        _record_source_result(source, batch)
        _bump_changes(session)
        session.commit()
        conn.commit()


def _upsert_source_identity(session: Session, update_: SourceUpdate) -> t.Source:
    source = session.scalars(select(t.Source).where(t.Source.name == update_.name)).first()
    if source is None:
        source = t.Source(name=update_.name, kind=update_.kind, location=update_.location)
        session.add(source)
    if source.location != update_.location:
        source.moved_to, source.etag, source.last_modified = None, None, None
    source.kind, source.location = update_.kind, update_.location
    session.flush()
    return source


def _record_source_result(source: t.Source, batch: Batch) -> None:
    update_ = batch.source
    source.status = update_.status
    source.last_attempt = update_.attempted_at
    source.next_due = update_.next_due
    if update_.status in ("ok", "not_modified"):
        source.last_success = update_.attempted_at
        source.consecutive_errors = 0
    else:
        source.consecutive_errors += 1
    source.last_error = update_.error
    source.http_status = update_.http_status
    if update_.moved_to is not None:
        source.moved_to = update_.moved_to
    source.items_new, source.items_updated = batch.new_count, batch.updated_count
    if update_.status in ("ok", "not_modified"):  # an error keeps the last good validators
        source.etag, source.last_modified = update_.etag, update_.last_modified


def _ensure_story(session: Session, story_id: int) -> None:
    with session.no_autoflush:
        if session.get(t.Story, story_id) is None:
            session.add(t.Story(id=story_id))


def _store_article(session: Session, source_id: int, item: ProcessedArticle,
                   actors: dict[tuple[str, str], int]) -> None:
    article = item.article
    row = session.scalars(select(t.Article).where(t.Article.key == article.key)).first()
    if row is None:
        row = t.Article(key=article.key, source_id=source_id, content_hash=article.content_hash)
        session.add(row)
    else:
        session.execute(delete(t.Mention).where(t.Mention.article_id == row.id))
        session.execute(delete(t.Attribution).where(t.Attribution.article_id == row.id))
        row.updated_at = datetime.now(UTC)
    _copy_article(row, article, item)
    session.flush()
    _link(session, row.id or 0, source_id)
    with session.no_autoflush:
        _store_mentions(session, row.id or 0, item.extraction, actors)


def _link(session: Session, article_id: int, source_id: int) -> None:
    if session.get(t.ArticleSource, (article_id, source_id)) is None:
        session.add(t.ArticleSource(article_id=article_id, source_id=source_id))


def _link_known(session: Session, source_id: int, keys: list[str]) -> None:
    for start in range(0, len(keys), 500):
        ids = session.scalars(select(t.Article.id).where(t.Article.key.in_(keys[start:start + 500])))
        for article_id in ids.all():
            _link(session, article_id, source_id)


def _copy_article(row: t.Article, article: Article, item: ProcessedArticle) -> None:
    row.story_id = item.story_id
    row.url, row.guid, row.content_hash = article.url, article.guid, article.content_hash
    row.title, row.text = article.title, article.text
    row.published_at, row.date_origin = article.published, article.date_origin
    row.date_uncertain, row.outlet, row.via = article.date_uncertain, article.outlet, article.via
    row.author, row.locator = article.author, article.locator
    row.events_json = dump_events(item.extraction.events)


def _store_mentions(session: Session, article_id: int, extraction: Extraction,
                    actors: dict[tuple[str, str], int]) -> None:
    for actor in extraction.actors:
        session.add(t.Mention(article_id=article_id, actor_id=actors[(actor.name[:300], actor.kind)],
                              count=actor.mentions, role=actor.role,
                              aliases="\n".join(actor.aliases)[:2000]))
    for attribution in extraction.attributions:
        session.add(t.Attribution(article_id=article_id, cited=attribution.cited[:300],
                                  kind=attribution.kind))


def _actor_ids(session: Session, items: list[ProcessedArticle]) -> dict[tuple[str, str], int]:
    """Ids of every actor the batch names (created where new), and their new aliases
    stored: a few queries per batch instead of several per mention."""
    aliases = {(a.name[:300], a.kind): {x[:300] for x in a.aliases if x != a.name}
               for item in items for a in item.extraction.actors}
    names = sorted({name for name, _ in aliases})
    ids: dict[tuple[str, str], int] = {}
    for start in range(0, len(names), 500):
        rows = session.execute(select(t.Actor.name, t.Actor.kind, t.Actor.id)
                               .where(t.Actor.name.in_(names[start:start + 500]))).all()
        ids.update({(name, kind): actor_id for name, kind, actor_id in rows})
    missing = [t.Actor(name=name, kind=kind) for name, kind in sorted(aliases) if (name, kind) not in ids]
    if missing:
        session.add_all(missing)
        session.flush()
        ids.update({(actor.name, actor.kind): actor.id or 0 for actor in missing})
    _store_aliases(session, {ids[key]: forms for key, forms in aliases.items() if forms})
    return ids


def _store_aliases(session: Session, wanted: dict[int, set[str]]) -> None:
    known: set[tuple[int, str]] = set()
    actor_ids = sorted(wanted)
    for start in range(0, len(actor_ids), 500):
        known.update(session.execute(select(t.ActorAlias.actor_id, t.ActorAlias.alias)
                                     .where(t.ActorAlias.actor_id.in_(actor_ids[start:start + 500]))).all())
    session.add_all(t.ActorAlias(actor_id=actor_id, alias=alias)
                    for actor_id, forms in sorted(wanted.items()) for alias in sorted(forms)
                    if (actor_id, alias) not in known)


def _merge_story(session: Session, old: int, into: int) -> None:
    session.execute(update(t.Article).where(t.Article.story_id == old).values(story_id=into))
    _delete_timeline(session, old)
    session.execute(delete(t.Story).where(t.Story.id == old))


def _delete_timeline(session: Session, story_id: int) -> None:
    event_ids = select(t.Event.id).where(t.Event.story_id == story_id)
    session.execute(delete(t.EventReport).where(t.EventReport.event_id.in_(event_ids)))
    session.execute(delete(t.Event).where(t.Event.story_id == story_id))


def replace_stories(engine: Engine, stories_by_key: dict[str, int],
                    progress: Callable[[int, int], None] | None = None) -> None:
    """Reassign every article to the story `stories_by_key` names, in one transaction:
    old stories and timelines go, the new ones are built from their articles."""
    with engine.connect().execution_options(write=True) as conn, Session(bind=conn) as session:
        session.execute(delete(t.EventReport))
        session.execute(delete(t.Event))
        session.execute(update(t.Article).values(story_id=None))
        session.execute(delete(t.Story))
        story_ids = sorted(set(stories_by_key.values()))
        session.add_all(t.Story(id=story_id) for story_id in story_ids)
        session.flush()
        rows = [{"k": key, "s": story} for key, story in stories_by_key.items()]
        table = t.Article.__table__
        assign = (table.update().where(table.c.key == bindparam("k"))
                  .values(story_id=bindparam("s")))
        for start in range(0, len(rows), 1000):
            session.connection().execute(assign, rows[start:start + 1000])
        for done, story_id in enumerate(story_ids, start=1):
            refresh_story(session, story_id)
            if progress is not None and (done % 100 == 0 or done == len(story_ids)):
                progress(done, len(story_ids))
        _bump_changes(session)
        session.commit()
        conn.commit()


def refresh_story(session: Session, story_id: int, now: datetime | None = None) -> None:
    """Recompute a story's aggregates and timeline from its stored articles."""
    story = session.get(t.Story, story_id)
    if story is None:
        return
    now = now or datetime.now(UTC)
    seen = func.coalesce(t.Article.published_at, t.Article.fetched_at)
    rows = session.execute(
        select(t.Article.id, t.Article.key, t.Article.title, t.Article.outlet,
               t.Article.published_at, seen, t.Article.events_json, t.Article.date_uncertain)
        .where(t.Article.story_id == story_id).order_by(seen, t.Article.id)
    ).all()
    if not rows:
        _delete_timeline(session, story_id)
        session.delete(story)
        return
    times = [aware(row[5]) for row in rows]
    story.title = central_title([row[2] for row in rows])
    story.article_count = len(rows)
    story.outlet_count = len({row[3] for row in rows if row[3]})
    story.first_seen, story.last_seen = times[0], times[-1]
    story.heat = sum(math.pow(0.5, max(0.0, (now - seen_at).total_seconds()) / 3600
                              / HEAT_HALF_LIFE_HOURS) for seen_at in times)
    story.updated_at = now
    _rebuild_timeline(session, story_id, rows[-TIMELINE_ARTICLES:])


def _rebuild_timeline(session: Session, story_id: int, rows: list) -> None:
    _delete_timeline(session, story_id)
    ids_by_key = {row[1]: row[0] for row in rows}
    reports = [
        ArticleReports(key=row[1], outlet=row[3] or "",
                       published=row[4].date() if row[4] and not row[7] else None,
                       events=load_events(row[6]))
        for row in rows
    ]
    events = build_timeline(reports)
    rows_out = [_event_row(story_id, position, event) for position, event in enumerate(events)]
    session.add_all(rows_out)
    session.flush()  # one INSERT for all of them, ids back
    session.add_all(t.EventReport(event_id=row.id or 0, article_id=ids_by_key[key])
                    for row, event in zip(rows_out, events, strict=True)
                    for key in dict.fromkeys(event.article_keys) if key in ids_by_key)


def _event_row(story_id: int, position: int, event: StoryEvent) -> t.Event:
    return t.Event(story_id=story_id, position=position,
                   date=event.date.iso() if event.date else None,
                   precision=event.date.precision if event.date else None,
                   cameo=event.cameo, type=event.type, summary=event.summary[:1000],
                   place=event.place, actors="\n".join(event.actors)[:2000],
                   figures=_figures_text(event.figures), articles=len(event.article_keys),
                   outlets=len(set(event.outlets)))


def _figures_text(figures: dict[str, list[int]]) -> str:
    return json.dumps({k: sorted(set(v)) for k, v in figures.items()}, sort_keys=True)[:1000]




def _bump_changes(session: Session) -> None:
    meta = session.get(t.Meta, CHANGES_KEY)
    if meta is None:
        session.add(t.Meta(key=CHANGES_KEY, value="1"))
    else:
        meta.value = str(int(meta.value or "0") + 1)
    if session.get_bind().dialect.name == "postgresql":  # delivered on commit, to LISTENers
        session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
