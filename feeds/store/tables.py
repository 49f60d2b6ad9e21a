"""The database schema: SQLModel tables, the one place that defines them.

Contract: these classes mirror the Alembic migrations in `migrations/versions`;
a change here needs a new migration (a test compares the two). Times are aware
UTC datetimes. JSON-ish columns hold text written by `feeds.store.writer` only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint, case, func
from sqlalchemy import false as sa_false
from sqlalchemy import text as sql_text
from sqlmodel import Field, SQLModel


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives some back naive)."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Meta(SQLModel, table=True):
    """Small key/value facts about the database (the change counter)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=256)


class Source(SQLModel, table=True):
    """A configured feed or folder and its health."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=16)
    location: str = Field(max_length=2000)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=200)
    status: str = Field(default="new", max_length=32)
    last_error: str | None = Field(default=None, max_length=4000)
    consecutive_errors: int = 0
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    next_due: datetime | None = None
    items_new: int = 0
    items_updated: int = 0
    moved_to: str | None = Field(default=None, max_length=2000)
    """Where permanent redirects (301/308) took the feed; polled instead of `location`."""
    http_status: int | None = None


class Story(SQLModel, table=True):
    """A running story: a group of articles about one happening."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", max_length=1000)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    article_count: int = 0
    outlet_count: int = 0
    heat: float = 0.0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    stale: bool = Field(default=False, index=True,
                        sa_column_kwargs={"server_default": sa_false()})
    """Counts and dates are current; the title and timeline wait for a refresh."""
    card: str | None = Field(default=None, sa_type=Text)
    """The headline event as `feeds.model.eventcodec.dump_card` JSON; None before a refresh."""
    followed_at: datetime | None = Field(default=None, index=True)
    """When a user of this database followed the story; None: not followed."""
    read_at: datetime | None = None
    """When its articles were last all marked read; None: never."""
    unread: int = Field(default=0, index=True, sa_column_kwargs={"server_default": "0"})
    """Articles first fetched after `read_at` (all of them when it is None)."""
    saved_at: datetime | None = Field(default=None, index=True)
    """When a user of this database saved the story for later; None: not saved."""


class Article(SQLModel, table=True):
    """One stored article; `key` is its stable identity."""

    __table_args__ = (Index("ix_article_story_published", "story_id", "published_at"),
                      Index("ix_article_outlet_story", "outlet", "story_id", "muted"),
                      Index("ix_article_muted", "muted", sqlite_where=sql_text("muted != 0"),
                            postgresql_where=sql_text("muted != 0")))
    """Outlet and story: the dashboard's filter finds outlets and their stories from the index
    (and whether the article is muted, so it reads no article row).
    The muted articles alone (a partial index): counted per rule from it, and `muted = 0`,
    true of nearly every row, never looks selective to the planner."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=600, unique=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    story_id: int | None = Field(default=None, foreign_key="story.id")
    url: str | None = Field(default=None, max_length=2000, index=True)
    guid: str | None = Field(default=None, max_length=600)
    content_hash: str = Field(max_length=64, index=True)
    title: str = Field(default="", max_length=1000)
    text: str = ""
    published_at: datetime | None = None
    date_origin: str = Field(default="none", max_length=16)
    date_uncertain: bool = False
    outlet: str = Field(default="", max_length=200)
    via: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=300)
    locator: str = Field(default="", max_length=2000)
    events_json: str = "[]"
    """The article's event candidates (see `feeds.model.eventcodec`)."""
    headline_event: str | None = Field(default=None, sa_type=Text)
    """Its headline event, the story engine's event evidence, as
    `feeds.model.eventcodec.dump_headline` JSON, read back when an engine is restored;
    None when it reports none, and for rows stored before migration 0014 until
    `wirewatch recluster` extracts them again."""
    simhash: int | None = Field(default=None, sa_type=BigInteger)
    """Fingerprint of the words (`feeds.ingest.dedup.simhash_columns` fills it and its bands);
    NULL for texts too short to judge and for rows stored before migration 0005."""
    sim_band0: int | None = Field(default=None, index=True)
    sim_band1: int | None = Field(default=None, index=True)
    sim_band2: int | None = Field(default=None, index=True)
    sim_band3: int | None = Field(default=None, index=True)
    fetched_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    saved_at: datetime | None = Field(default=None, index=True)
    """When a user of this database saved the article for later; None: not saved."""
    muted: int = Field(default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"})
    """The `[[mute]]` rules it matches, rule i as bit i (`feeds.store.mutes`); 0: shown.
    A muted article counts in no story list, count or notification."""


class StoredMuteRule(SQLModel, table=True):
    """The mute rules the articles' `muted` marks follow, in rule order."""

    __tablename__ = "mute_rule"

    position: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    spec: str = Field(sa_type=Text)
    """The rule as `feeds.read.mutes.rules_json` writes it."""


class ArticleSource(SQLModel, table=True):
    """Every source that carried an article (the same story from two feeds is stored once)."""

    __tablename__ = "article_source"

    article_id: int = Field(foreign_key="article.id", primary_key=True)
    source_id: int = Field(foreign_key="source.id", primary_key=True, index=True)
    first_seen: datetime = Field(default_factory=utcnow)


class Actor(SQLModel, table=True):
    """A canonical actor: a person, organisation, country or place."""

    __table_args__ = (UniqueConstraint("name", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=16)


class ActorAlias(SQLModel, table=True):
    """A surface form an actor was named by."""

    __tablename__ = "actor_alias"

    actor_id: int = Field(foreign_key="actor.id", primary_key=True)
    alias: str = Field(max_length=300, primary_key=True)


class Mention(SQLModel, table=True):
    """An actor in an article: how often, in which role, under which forms."""

    article_id: int = Field(foreign_key="article.id", primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", primary_key=True, index=True)
    count: int = 1
    role: str | None = Field(default=None, max_length=300)
    aliases: str = Field(default="", max_length=2000)
    """Surface forms, separated by a newline."""


class Attribution(SQLModel, table=True):
    """An article cites a body or an outlet."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    cited: str = Field(max_length=300)
    kind: str = Field(max_length=16)


class Event(SQLModel, table=True):
    """One event of a story's timeline, merged from its articles' reports."""

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    position: int = 0
    date: str | None = Field(default=None, max_length=10)
    precision: str | None = Field(default=None, max_length=8)
    cameo: str = Field(max_length=8)
    type: str = Field(max_length=64)
    summary: str = Field(default="", max_length=1000)
    place: str | None = Field(default=None, max_length=300)
    actors: str = Field(default="", max_length=2000)
    """Actor names, separated by a newline."""
    figures: str = Field(default="{}", max_length=1000)
    articles: int = 0
    outlets: int = 0


class EventReport(SQLModel, table=True):
    """An article reporting a story event."""

    __tablename__ = "event_report"

    event_id: int = Field(foreign_key="event.id", primary_key=True)
    article_id: int = Field(foreign_key="article.id", primary_key=True, index=True)


def seen_time():  # type: ignore[no-untyped-def]
    """When an article counts as news, in SQL: its publication time, but the time it was
    first fetched when it has none or only a guessed one (a file's modification time, which
    says when a copy was made: a checkout, a download), so a story of such files is as
    fresh as the poll that found them."""
    return case((Article.date_uncertain, Article.fetched_at),
                else_=func.coalesce(Article.published_at, Article.fetched_at))



FULLTEXT_TABLE = "article_fts"
"""SQLite: the FTS5 index of article titles and texts (migration 0013; with its shadow
tables `article_fts_*`). PostgreSQL: the generated column `article.search` and its GIN
index `ix_article_search` instead. Neither is a table model: `feeds.store.search` reads
them, the database keeps them current."""


def modelled(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """Whether Alembic's comparison should look at this object (its `include_name` hook):
    not the full-text index, which migration 0013 builds by hand."""
    if type_ == "table":
        return not (name or "").startswith(FULLTEXT_TABLE)
    if type_ == "column":
        return not (name == "search" and parent_names.get("table_name") == "article")
    return name != "ix_article_search"
