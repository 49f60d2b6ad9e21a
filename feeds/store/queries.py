"""Read-only queries that return `feeds.read.views` objects.

Contract: every function takes an engine, opens a short read transaction, and
returns plain view objects; none writes. Story lists are paged (`limit`,
`offset`) and filtered in SQL so a 100,000-article database answers quickly.
A filter matches words of the title, actor names and aliases, and outlet names.
Muted articles (`feeds.store.mutes`) are left out of every story and count; a story
whose articles are all muted (no article counted) is left out of every list. A story's
state (developing, active, dormant) is computed as it is read, with the `StoryStates`
the caller passes (`Store.states`, from the configuration's `[stories]`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from feeds.ingest.dedup import NearCandidate, NearIndex, band_probes, near_fingerprints
from feeds.model import Article
from feeds.model.eventcodec import load_card, load_headline
from feeds.read.views import (
    ActorView,
    ArticleView,
    EventView,
    OutletView,
    SourceHealth,
    StoryDetail,
    StorySummary,
)
from feeds.store import tables as t
from feeds.store.counter import CHANGES_KEY
from feeds.store.storyactors import merge_actors
from feeds.store.tables import aware

SHOWN = t.Story.article_count > 0
"""A story with an article shown (not all of them muted)."""
SORTS = {
    "heat": (t.Story.heat.desc(), t.Story.last_seen.desc()),
    "latest": (t.Story.last_seen.desc(), t.Story.id.desc()),
    "size": (t.Story.article_count.desc(), t.Story.last_seen.desc()),
}


def change_counter(engine: Engine) -> int:
    """A number that goes up whenever a batch is committed."""
    with engine.connect() as conn:
        value = conn.execute(select(t.Meta.value).where(t.Meta.key == CHANGES_KEY)).scalar()
    return int(value) if value and value.isdigit() else 0


def list_stories(engine: Engine, states: StoryStates, *, query: str | None = None,
                 sort: str = "heat", limit: int = 500, offset: int = 0,
                 unread: bool = False) -> list[StorySummary]:
    """Stories, best first by `sort` (heat, latest, size), optionally filtered; with
    `unread`, only those with unread articles."""
    statement = (_filtered(select(t.Story), query).where(SHOWN)
                 .order_by(*SORTS.get(sort, SORTS["heat"])))
    if unread:
        statement = statement.where(t.Story.unread > 0)
    with Session(engine) as session:
        rows = session.scalars(statement.limit(limit).offset(offset)).all()
        return [_summary(row, states) for row in rows]


def count_stories(engine: Engine, query: str | None = None) -> int:
    """How many stories match the filter."""
    statement = _filtered(select(func.count()).select_from(t.Story), query).where(SHOWN)
    with Session(engine) as session:
        return int(session.scalar(statement) or 0)


def _filtered(statement: Select, query: str | None) -> Select:
    for word in (query or "").split()[:8]:
        like = f"%{_escape_like(word)}%"
        actor_match = (
            select(t.Mention.article_id).join(t.Actor, t.Actor.id == t.Mention.actor_id)
            .where(or_(t.Actor.name.ilike(like, escape="\\"),
                       t.Mention.aliases.ilike(like, escape="\\")))
        )
        in_articles = exists().where(
            t.Article.story_id == t.Story.id, t.Article.muted == 0,
            or_(t.Article.outlet.ilike(like, escape="\\"), t.Article.id.in_(actor_match)),
        )
        statement = statement.where(or_(t.Story.title.ilike(like, escape="\\"), in_articles))
    return statement


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class StoryStates:
    """When a story counts as developing or dormant (from `[stories]` in the config)."""

    developing_seconds: int = 6 * 3600
    dormant_seconds: int = 3 * 86400

    def state(self, last_seen: datetime | None, now: datetime) -> str:
        """developing, active or dormant, as of `now`."""
        if last_seen is None:
            return "active"
        age = (now - aware(last_seen)).total_seconds()
        if age <= self.developing_seconds:
            return "developing"
        return "active" if age <= self.dormant_seconds else "dormant"


def _summary(row: t.Story, states: StoryStates) -> StorySummary:
    """A story row as the screens see it; its state as of now, not as of its last write."""
    return StorySummary(id=row.id or 0, title=row.title, articles=row.article_count,
                        outlets=row.outlet_count, first_seen=row.first_seen,
                        last_seen=row.last_seen,
                        state=states.state(row.last_seen, datetime.now(UTC)),
                        heat=row.heat, updated_at=row.updated_at, unread=row.unread)


def find_story(engine: Engine, ref: str) -> int | None:
    """A story id from an id, or the hottest story matching words (title, actors, outlets)."""
    with Session(engine) as session:
        if ref.strip().isdigit():
            story = session.get(t.Story, int(ref))
            return int(ref) if story is not None and story.article_count > 0 else None
        statement = (_filtered(select(t.Story.id), ref).where(SHOWN)
                     .order_by(*SORTS["heat"]).limit(1))
        return session.scalar(statement)


def story_detail(engine: Engine, story_id: int, states: StoryStates) -> StoryDetail | None:
    """Everything the story panels show, or None if there is no such story."""
    with Session(engine) as session:
        story = session.get(t.Story, story_id)
        if story is None:
            return None
        return StoryDetail(
            story=_summary(story, states),
            events=_events(session, story_id),
            actors=_actors(session, story_id),
            outlets=_outlets(session, story_id),
            cited=_cited(session, story_id),
            articles=_articles(session, story_id),
            card=load_card(story.card),
            muted=muted_count(session, story_id),
        )


def muted_count(session: Session, story_id: int) -> int:
    """How many of the story's articles are muted."""
    return int(session.scalar(select(func.count()).select_from(t.Article).where(
        t.Article.story_id == story_id, t.Article.muted != 0)) or 0)


def _events(session: Session, story_id: int) -> list[EventView]:
    rows = session.scalars(select(t.Event).where(t.Event.story_id == story_id)
                           .order_by(t.Event.position)).all()
    return [
        EventView(date=row.date, precision=row.precision, cameo=row.cameo, type=row.type,
                  summary=row.summary, actors=[a for a in row.actors.split("\n") if a],
                  place=row.place, articles=row.articles, outlets=row.outlets,
                  figures=_figures(row.figures))
        for row in rows
    ]


def _figures(text: str) -> dict[str, list[int]]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _actors(session: Session, story_id: int) -> list[ActorView]:
    seen = t.seen_time()
    rows = session.execute(
        select(t.Actor.name, t.Actor.kind, t.Mention.role, t.Mention.aliases, t.Mention.count,
               t.Article.id, t.Article.outlet, seen)
        .join(t.Mention, t.Mention.actor_id == t.Actor.id)
        .join(t.Article, t.Article.id == t.Mention.article_id)
        .where(t.Article.story_id == story_id, t.Article.muted == 0)
    ).all()
    grouped: dict[tuple[str, str], dict] = {}
    for name, kind, role, aliases, count, article_id, outlet, seen_at in rows:
        entry = grouped.setdefault((name, kind), {"roles": {}, "aliases": {}, "mentions": 0,
                                                  "articles": set(), "outlets": set(),
                                                  "times": []})
        if role:
            entry["roles"][role] = entry["roles"].get(role, 0) + 1
        entry["aliases"].update(dict.fromkeys(a for a in aliases.split("\n") if a and a != name))
        entry["mentions"] += count
        entry["articles"].add(article_id)
        if outlet:
            entry["outlets"].add(outlet)
        entry["times"].append(aware(seen_at))
    views = [_actor_view(name, kind, entry)
             for (name, kind), entry in merge_actors(grouped).items()]
    return sorted(views, key=lambda a: (-a.articles, -a.mentions, a.name))


def _actor_view(name: str, kind: str, entry: dict) -> ActorView:
    roles = entry["roles"]
    role = max(roles, key=lambda r: (roles[r], len(r))) if roles else None
    return ActorView(name=name, kind=kind, role=role, aliases=list(entry["aliases"]),
                     mentions=entry["mentions"], articles=len(entry["articles"]),
                     outlets=len(entry["outlets"]), first_seen=min(entry["times"]),
                     last_seen=max(entry["times"]))


def _outlets(session: Session, story_id: int) -> list[OutletView]:
    seen = t.seen_time()
    rows = session.execute(
        select(t.Article.outlet, func.count(), func.min(seen), func.max(seen))
        .where(t.Article.story_id == story_id, t.Article.muted == 0).group_by(t.Article.outlet)
        .order_by(func.count().desc(), t.Article.outlet)
    ).all()
    return [OutletView(name=outlet or "(unknown)", articles=count, first_report=aware(first),
                       latest_report=aware(latest)) for outlet, count, first, latest in rows]


def _cited(session: Session, story_id: int) -> list[tuple[str, int]]:
    rows = session.execute(
        select(t.Attribution.cited, func.count(func.distinct(t.Attribution.article_id)))
        .join(t.Article, t.Article.id == t.Attribution.article_id)
        .where(t.Article.story_id == story_id, t.Article.muted == 0)
        .group_by(t.Attribution.cited)
        .order_by(func.count(func.distinct(t.Attribution.article_id)).desc(), t.Attribution.cited)
    ).all()
    return [(cited, count) for cited, count in rows]


def _articles(session: Session, story_id: int, limit: int = 1000) -> list[ArticleView]:
    seen = t.seen_time()
    rows = session.scalars(select(t.Article).where(t.Article.story_id == story_id,
                                                   t.Article.muted == 0)
                           .order_by(seen.desc(), t.Article.id.desc()).limit(limit)).all()
    return [_article_view(session, row, with_text=False) for row in rows]


def article(engine: Engine, article_id: int) -> ArticleView | None:
    """One article with its clean text, for the reader."""
    with Session(engine) as session:
        row = session.get(t.Article, article_id)
        return _article_view(session, row, with_text=True) if row else None


def _article_view(session: Session, row: t.Article, with_text: bool) -> ArticleView:
    source = session.get(t.Source, row.source_id)
    return ArticleView(id=row.id or 0, title=row.title, outlet=row.outlet,
                       published=row.published_at, date_origin=row.date_origin, url=row.url,
                       source_name=source.name if source else "",
                       text=row.text if with_text else "",
                       via=row.via)


def is_saved(engine: Engine, kind: str, item_id: int) -> bool:
    """Whether the "story" or "article" is saved."""
    table = {"story": t.Story, "article": t.Article}[kind]
    with Session(engine) as session:
        return session.scalar(select(table.saved_at).where(table.id == item_id)) is not None


def saved_stories(engine: Engine, states: StoryStates) -> list[StorySummary]:
    """The saved stories, last saved first."""
    with Session(engine) as session:
        rows = session.scalars(select(t.Story).where(t.Story.saved_at.is_not(None), SHOWN)
                               .order_by(t.Story.saved_at.desc(), t.Story.id)).all()
        return [_summary(row, states) for row in rows]


def saved_articles(engine: Engine) -> list[tuple[ArticleView, int | None]]:
    """The saved articles, last saved first, each with its story id (text left out)."""
    with Session(engine) as session:
        rows = session.scalars(select(t.Article).where(t.Article.saved_at.is_not(None))
                               .order_by(t.Article.saved_at.desc(), t.Article.id)).all()
        return [(_article_view(session, row, with_text=False), row.story_id) for row in rows]


def known_articles(engine: Engine, keys: list[str]) -> dict[str, tuple[str, int | None]]:
    """(content hash, story id) of each already stored article among `keys`."""
    found: dict[str, tuple[str, int | None]] = {}
    with Session(engine) as session:
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = session.execute(select(t.Article.key, t.Article.content_hash, t.Article.story_id)
                                   .where(t.Article.key.in_(chunk))).all()
            found.update({key: (digest, story) for key, digest, story in rows})
    return found


@dataclass(slots=True)
class KnownArticles:
    """Stored articles an incoming batch may duplicate: by key, canonical URL and content
    hash, and (`near`) by a fingerprint near one of the batch's."""

    by_key: dict[str, tuple[str, int | None]]
    """key -> (content hash, story id), for every article found (`near` ones too)."""
    key_by_url: dict[str, str]
    key_by_hash: dict[str, str]
    near: list[NearCandidate] = field(default_factory=list)
    """Articles not found by key, URL or hash whose fingerprint is `near_fingerprints`
    to one of the batch's, oldest first, with their title and text to compare."""

    def remember(self, article: Article, story_id: int | None) -> None:
        """Count `article` as stored (by a pass written before the next one reads this;
        `feeds.ingest.dedup.Twins` keeps its fingerprint)."""
        self.by_key[article.key] = (article.content_hash, story_id)
        if article.url:
            self.key_by_url.setdefault(article.url, article.key)
        self.key_by_hash.setdefault(article.content_hash, article.key)


def find_duplicates(engine: Engine, keys: list[str], urls: list[str], hashes: list[str],
                    fingerprints: Iterable[int] = (),
                    index: NearIndex | None = None) -> KnownArticles:
    """The stored articles sharing a key, a canonical URL or a content hash with the
    batch, and those near its fingerprints (an article stored under its own key is not
    re-routed, so a fingerprint it has stored is not looked up), found in `index` when
    given (the newest stored fingerprints, kept current by the caller), else by band
    probes over all of them in the database."""
    found = KnownArticles({}, {}, {})
    columns = (t.Article.id, t.Article.key, t.Article.content_hash, t.Article.story_id,
               t.Article.url, t.Article.simhash)
    ids: set[int] = set()
    prints = set(fingerprints)
    with Session(engine) as session:
        for column, values in ((t.Article.key, keys), (t.Article.url, urls),
                               (t.Article.content_hash, hashes)):
            values = sorted(set(values))
            for start in range(0, len(values), 500):
                rows = session.execute(select(*columns).where(
                    column.in_(values[start:start + 500])).order_by(t.Article.id)).all()
                for row_id, key, digest, story, url, fingerprint in rows:
                    ids.add(row_id)
                    if column is t.Article.key:
                        prints.discard(fingerprint)
                    found.by_key[key] = (digest, story)
                    if url:
                        found.key_by_url.setdefault(url, key)
                    found.key_by_hash.setdefault(digest, key)
        near_ids = index.near(prints) if index is not None else _near_ids(session, prints)
        found.near = _near_articles(session, near_ids - ids, found.by_key)
    return found


_BAND_COLUMNS = (t.Article.sim_band0, t.Article.sim_band1, t.Article.sim_band2, t.Article.sim_band3)


def _near_articles(session: Session, near_ids: set[int],
                   by_key: dict[str, tuple[str, int | None]]) -> list[NearCandidate]:
    """The articles `near_ids`, oldest first, with their text; each is added to `by_key`."""
    ids = sorted(near_ids)
    near: list[NearCandidate] = []
    for start in range(0, len(ids), 500):
        for fingerprint, key, digest, story, title, text in session.execute(
                select(t.Article.simhash, t.Article.key, t.Article.content_hash, t.Article.story_id,
                       t.Article.title, t.Article.text)
                .where(t.Article.id.in_(ids[start:start + 500])).order_by(t.Article.id)):
            near.append(NearCandidate(fingerprint, key, digest, title, text))
            by_key[key] = (digest, story)
    return near


def _near_ids(session: Session, prints: set[int]) -> set[int]:
    """Ids of the articles near a fingerprint: found by band probes (indexed), kept when
    the whole fingerprint is near (only those are read in full)."""
    wanted: list[dict[int, list[int]]] = [{} for _ in _BAND_COLUMNS]  # probe -> fingerprints
    for value in prints:
        for by_probe, probes in zip(wanted, band_probes(value), strict=True):
            for probe in probes:
                by_probe.setdefault(probe, []).append(value)
    ids: set[int] = set()
    for column, by_probe in zip(_BAND_COLUMNS, wanted, strict=True):
        probes = sorted(by_probe)
        for start in range(0, len(probes), 500):
            rows = session.execute(select(t.Article.id, t.Article.simhash, column)
                                   .where(column.in_(probes[start:start + 500])))
            ids.update(row_id for row_id, stored, band in rows if stored is not None
                       and any(near_fingerprints(stored, value) for value in by_probe[band]))
    return ids


def fingerprints(engine: Engine, after_id: int, keys: Iterable[str] = (),
                 limit: int | None = None) -> list[tuple[int, int]]:
    """(id, simhash) of the fingerprinted articles stored after row `after_id` (the
    newest `limit` of them), and of those among `keys`; in id order."""
    condition = t.Article.id > after_id
    keys = sorted(set(keys))
    if keys:
        condition = or_(condition, t.Article.key.in_(keys))
    statement = (select(t.Article.id, t.Article.simhash)
                 .where(condition, t.Article.simhash.is_not(None)).order_by(t.Article.id.desc()))
    if limit is not None:
        statement = statement.limit(limit)
    with engine.connect() as conn:
        return [(row_id, value) for row_id, value in conn.execute(statement)][::-1]


def known_hashes(engine: Engine, source_name: str, limit: int = 2000) -> set[str]:
    """Content hashes of the `limit` newest articles linked to the source named."""
    with engine.connect() as conn:
        return set(conn.execute(
            select(t.Article.content_hash)
            .join(t.ArticleSource, t.ArticleSource.article_id == t.Article.id)
            .join(t.Source, t.Source.id == t.ArticleSource.source_id)
            .where(t.Source.name == source_name)
            .order_by(t.Article.id.desc()).limit(limit)).scalars())


def articles_for_clustering(engine: Engine, since: datetime | None = None):
    """(story_id, key, title, text, published, headline event) of stored articles, oldest
    first; a file-time date (uncertain) is given as None, as the pipeline clusters it, and
    the headline event as `load_headline` reads it (None when none is stored)."""
    seen = t.seen_time()
    statement = (select(t.Article.story_id, t.Article.key, t.Article.title, t.Article.text,
                        t.Article.published_at, t.Article.date_uncertain,
                        t.Article.headline_event)
                 .where(t.Article.story_id.is_not(None)).order_by(seen, t.Article.id))
    if since is not None:
        statement = statement.where(seen >= since)
    with Session(engine) as session:
        for story_id, key, title, text, published, uncertain, event in session.execute(
                statement.execution_options(yield_per=1000)):
            yield (story_id, key, title, text, None if uncertain else aware(published),
                   load_headline(event))


def articles_added_after(engine: Engine, article_id: int):
    """(id, story_id, key, title, text, published, headline event) of articles stored
    after `article_id`, in the order they were stored (file-time dates given as None)."""
    statement = (select(t.Article.id, t.Article.story_id, t.Article.key, t.Article.title,
                        t.Article.text, t.Article.published_at, t.Article.date_uncertain,
                        t.Article.headline_event)
                 .where(t.Article.id > article_id, t.Article.story_id.is_not(None))
                 .order_by(t.Article.id))
    with Session(engine) as session:
        for row_id, story_id, key, title, text, published, uncertain, event in session.execute(
                statement.execution_options(yield_per=1000)):
            yield (row_id, story_id, key, title, text, None if uncertain else aware(published),
                   load_headline(event))


def max_article_id(engine: Engine) -> int:
    """The newest article row id (0 for none)."""
    with Session(engine) as session:
        return int(session.scalar(select(func.max(t.Article.id))) or 0)


def count_articles(engine: Engine) -> int:
    """How many articles are stored."""
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(t.Article)) or 0)


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the poller needs to remember about a source between passes."""

    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_due: datetime | None = None
    consecutive_errors: int = 0
    moved_to: str | None = None


def source_state(engine: Engine, name: str) -> SourceState:
    """The stored state of a source (defaults for one never polled)."""
    with Session(engine) as session:
        row = session.scalars(select(t.Source).where(t.Source.name == name)).first()
        if row is None:
            return SourceState()
        return SourceState(location=row.location, etag=row.etag, last_modified=row.last_modified,
                           next_due=aware(row.next_due), consecutive_errors=row.consecutive_errors,
                           moved_to=row.moved_to)


def source_states(engine: Engine) -> dict[str, SourceState]:
    """The stored state of every source, by name, in one query."""
    with Session(engine) as session:
        return {row.name: SourceState(location=row.location, etag=row.etag,
                                      last_modified=row.last_modified,
                                      next_due=aware(row.next_due),
                                      consecutive_errors=row.consecutive_errors,
                                      moved_to=row.moved_to)
                for row in session.scalars(select(t.Source))}


def sources_health(engine: Engine) -> list[SourceHealth]:
    """Each source with its health and how many articles it brought."""
    counts = (select(t.ArticleSource.source_id, func.count().label("n"))
              .group_by(t.ArticleSource.source_id).subquery())
    with Session(engine) as session:
        rows = session.execute(
            select(t.Source, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.source_id == t.Source.id).order_by(t.Source.name)
        ).all()
        return [
            SourceHealth(name=src.name, kind=src.kind, location=src.location, status=src.status,
                         last_error=src.last_error, consecutive_errors=src.consecutive_errors,
                         last_attempt=aware(src.last_attempt),
                         last_success=aware(src.last_success),
                         next_due=aware(src.next_due), articles=int(n),
                         http_status=src.http_status, moved_to=src.moved_to,
                         items_new=src.items_new, items_updated=src.items_updated)
            for src, n in rows
        ]
