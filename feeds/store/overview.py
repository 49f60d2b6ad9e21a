"""Read-only queries for the dashboard's overview: pinned stories, activity sparklines.

Contract: like `feeds.store.queries`, every function takes an engine, opens a
short read transaction and returns plain values; none writes. `activity` reads
only the story and publication-time columns of a page of stories (the
`ix_article_story_published` index serves it), so the story list can show a
sparkline per row without touching article texts. `filtered_stories` and
`count_filtered` match the same words as `queries.list_stories` (title words,
actor names and aliases, outlet names; every word must match) but resolve each
word through small tables and indexes first (actor and alias names, distinct
outlets via `ix_article_outlet_story`), never scanning mention or article rows
with LIKE, so the filter answers as you type on 100,000 articles. Like `queries`, they
leave out muted articles and the stories whose articles are all muted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, Select, func, select, union
from sqlalchemy.orm import Session

from feeds.read.views import StorySummary
from feeds.store import tables as t
from feeds.store.queries import SHOWN, SORTS, StoryStates, _escape_like, _summary
from feeds.store.tables import aware

SPARK_BUCKETS = 8
SPARK_HOURS = 6


def stories_by_ids(engine: Engine, story_ids: list[int],
                   states: StoryStates) -> list[StorySummary]:
    """The stories with these ids that still exist, in the order of `story_ids`."""
    if not story_ids:
        return []
    with Session(engine) as session:
        rows = session.scalars(select(t.Story).where(t.Story.id.in_(story_ids), SHOWN)).all()
        found = {row.id: _summary(row, states) for row in rows}
    return [found[i] for i in story_ids if i in found]


MAX_WORDS = 8


def _word_stories(word: str) -> Select:
    """Ids of the stories one word matches: title, actor name or alias, outlet name."""
    like = f"%{_escape_like(word)}%"
    actors = union(
        select(t.Actor.id).where(t.Actor.name.ilike(like, escape="\\")),
        select(t.ActorAlias.actor_id).where(t.ActorAlias.alias.ilike(like, escape="\\")),
    )
    outlets = (select(t.Article.outlet).distinct()
               .where(t.Article.outlet.ilike(like, escape="\\")))
    return union(
        select(t.Story.id).where(t.Story.title.ilike(like, escape="\\")),
        select(t.Article.story_id).where(  # IN, not a join: SQLite reads mentions first
            t.Article.id.in_(select(t.Mention.article_id).where(t.Mention.actor_id.in_(actors))),
            t.Article.story_id.is_not(None), t.Article.muted == 0),
        select(t.Article.story_id).where(t.Article.outlet.in_(outlets),
                                         t.Article.story_id.is_not(None), t.Article.muted == 0),
    )


def _filter(statement: Select, query: str) -> Select:
    statement = statement.where(SHOWN)
    for word in query.split()[:MAX_WORDS]:
        statement = statement.where(t.Story.id.in_(_word_stories(word)))
    return statement


def filtered_stories(engine: Engine, query: str, states: StoryStates, *, sort: str = "heat",
                     limit: int = 200, offset: int = 0) -> list[StorySummary]:
    """A page of the stories every word of `query` matches, best first by `sort`."""
    statement = _filter(select(t.Story), query).order_by(*SORTS.get(sort, SORTS["heat"]))
    with Session(engine) as session:
        rows = session.scalars(statement.limit(limit).offset(offset)).all()
        return [_summary(row, states) for row in rows]


def followed_stories(engine: Engine, states: StoryStates, query: str = "") -> list[StorySummary]:
    """The followed stories, first followed first; with `query`, those every word matches."""
    statement = select(t.Story).where(t.Story.followed_at.is_not(None), SHOWN)
    if query.strip():
        statement = _filter(statement, query)
    with Session(engine) as session:
        rows = session.scalars(statement.order_by(t.Story.followed_at, t.Story.id)).all()
        return [_summary(row, states) for row in rows]


def count_filtered(engine: Engine, query: str) -> int:
    """How many stories every word of `query` matches."""
    statement = _filter(select(func.count()).select_from(t.Story), query)
    with Session(engine) as session:
        return int(session.scalar(statement) or 0)


def activity(engine: Engine, stories: list[StorySummary], buckets: int = SPARK_BUCKETS,
             hours: int = SPARK_HOURS) -> dict[int, list[int]]:
    """Articles per `hours`-long bucket over the `buckets` buckets before each story's last update.

    The last bucket ends at the story's `last_seen`, so a quiet old story still
    shows how it grew. Stories without dates get an empty series.
    """
    ends = {s.id: aware(s.last_seen) for s in stories if s.last_seen is not None}
    series = {s.id: [0] * buckets for s in stories}
    if not ends:
        return series
    seen = t.seen_time()
    span = timedelta(hours=hours)
    earliest = min(ends.values()) - span * buckets
    ids = sorted(ends)
    with Session(engine) as session:
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(t.Article.story_id, seen)
                .where(t.Article.story_id.in_(ids[start:start + 500]), seen >= earliest,
                       t.Article.muted == 0)
            ).all()
            for story_id, when in rows:
                _count(series[story_id], ends[story_id], aware(when), span, buckets)
    return series


def _count(series: list[int], end: datetime, when: datetime | None, span: timedelta,
           buckets: int) -> None:
    if when is None:
        return
    back = int((end - when) / span) if when <= end else 0
    if back < buckets:
        series[buckets - 1 - back] += 1
