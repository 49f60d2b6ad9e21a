"""A story's aggregates and timeline: the rows a rebuild reads and writes.

Contract: every function runs inside the caller's write transaction (a SQLAlchemy Core
connection); none builds anything: titles, cards and timelines are built by the caller
(`feeds.ingest.rebuild`, with `feeds.stories.storybuild`), and this module imports no builder.

`story_articles(conn, story_ids)` reads what stories are rebuilt from: their shown
articles (`muted = 0`), oldest first, in one query. `write_built(conn, found, built)`
writes what was built from them: each story's title and card, its article and outlet
counts, first/last seen and heat (from the rows read), its timeline (events and their
reports) in place of the old one, its `stale` mark cleared; a story `found` with no
article is deleted, one whose articles are all muted (`feeds.store.mutes`) keeps its row
with nothing counted. The events of all the stories go in one INSERT.

`mark_grown(conn, arrivals, titles)` is the cheap step a batch takes instead:
exact article and outlet counts and first/last seen (aggregated by the
database), heat raised by the new arrivals, a title for a story that has none,
and the story marked `stale` until it is rebuilt. A timeline costs as much as its
story is long; rebuilding it once every few seconds rather than once per batch keeps a
long first pass linear. `stale_story_ids` says which stories wait (the hottest first).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, case, delete, func, insert, or_, select, update

from feeds.store import tables as t
from feeds.store.tables import aware

HEAT_HALF_LIFE_HOURS = 12.0
CHUNK = 500

Row = Sequence[Any]
"""An article as a rebuild reads it: (id, key, title, outlet, published_at, seen_at,
events_json, date_uncertain, story_id)."""

EventRow = tuple[dict[str, Any], list[str]]
"""An `event` row's values and the keys of the articles reporting it."""
BuiltStory = tuple[int, str, list[EventRow], str | None]
"""What the caller built for a story: (story id, title, event rows in timeline order,
card JSON), as `feeds.stories.storybuild.build_stories` returns it."""


@dataclass(frozen=True, slots=True)
class StoryArticles:
    """The shown articles of some stories, read to rebuild them."""

    story_ids: list[int]
    """The stories asked for."""
    rows: dict[int, list[Row]]
    """Each story's shown articles (`Row`), oldest first; a story with none is absent."""


def story_articles(conn: Connection, story_ids: list[int]) -> StoryArticles:
    """The shown articles of `story_ids` (see the contract)."""
    return StoryArticles(story_ids, _articles_of(conn, story_ids))


def write_built(conn: Connection, found: StoryArticles, built: Iterable[BuiltStory],
                now: datetime) -> None:
    """The stories of `found` as `built` from its rows (see the contract)."""
    delete_timelines(conn, list(found.rows))
    empty_stories(conn, [story_id for story_id in found.story_ids
                         if story_id not in found.rows])
    stories = list(built)
    _update_stories(conn, found.rows, {story[0]: story for story in stories}, now)
    _insert_timelines(conn, found.rows, stories)


def mark_grown(conn: Connection, arrivals: dict[int, list[datetime]], titles: dict[int, str],
               now: datetime | None = None) -> None:
    """Counts and dates of the stories `arrivals` names (story -> the new articles' times)
    from the database, heat raised by those arrivals, `titles` given to untitled ones."""
    now = now or datetime.now(UTC)
    seen = t.seen_time()
    ids = sorted(arrivals)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = conn.execute(
            select(t.Article.story_id, func.count(), func.count(func.nullif(t.Article.outlet, "")
                                                                .distinct()),
                   func.min(seen), func.max(seen))
            .where(t.Article.story_id.in_(chunk), t.Article.muted == 0)
            .group_by(t.Article.story_id)).all()
        values = [{"sid": story_id, "n": count, "o": outlets, "f": aware(first),
                   "l": aware(last), "h": _heat(arrivals[story_id], now),
                   "t": titles.get(story_id, "")[:1000], "now": now}
                  for story_id, count, outlets, first, last in rows]
        if values:
            conn.execute(update(t.Story).where(t.Story.id == bindparam("sid")).values(
                article_count=bindparam("n"), outlet_count=bindparam("o"),
                first_seen=bindparam("f"), last_seen=bindparam("l"),
                heat=t.Story.heat + bindparam("h"), updated_at=bindparam("now"), stale=True,
                title=case((t.Story.title == "", bindparam("t")), else_=t.Story.title)), values)
        empty_stories(conn, sorted(set(chunk) - {row[0] for row in rows}))
    count_unread(conn, ids)


def count_unread(conn: Connection, story_ids: Iterable[int] | None = None) -> None:
    """Each story's `unread`: its articles first fetched after its `read_at` (all of them
    when it has none); every story's when `story_ids` is None."""
    unread = (select(func.count()).select_from(t.Article)
              .where(t.Article.story_id == t.Story.id, t.Article.muted == 0,
                     or_(t.Story.read_at.is_(None), t.Article.fetched_at > t.Story.read_at))
              .correlate(t.Story).scalar_subquery())
    if story_ids is None:
        conn.execute(update(t.Story).values(unread=unread))
        return
    ids = sorted(story_ids)
    for start in range(0, len(ids), CHUNK):
        conn.execute(update(t.Story).where(t.Story.id.in_(ids[start:start + CHUNK]))
                     .values(unread=unread))


def stale_story_ids(conn: Connection, articles: int | None = None) -> list[int]:
    """The stories waiting for their title and timeline; with `articles`, only the
    hottest (those a dashboard lists first) whose articles add up to at most that many
    (at least one story), which bounds the cost of rebuilding them."""
    query = select(t.Story.id, t.Story.article_count).where(t.Story.stale)
    if articles is None:
        return sorted(conn.execute(query).scalars())
    chosen, total = [], 0
    for story_id, count in conn.execute(query.order_by(t.Story.heat.desc(), t.Story.id)):
        if chosen and total + count > articles:
            break
        chosen.append(story_id)
        total += count
    return sorted(chosen)


def delete_timelines(conn: Connection, story_ids: list[int]) -> None:
    """Remove the events (and their reports) of `story_ids`."""
    if not story_ids:
        return
    event_ids = select(t.Event.id).where(t.Event.story_id.in_(story_ids))
    conn.execute(delete(t.EventReport).where(t.EventReport.event_id.in_(event_ids)))
    conn.execute(delete(t.Event).where(t.Event.story_id.in_(story_ids)))


def empty_stories(conn: Connection, story_ids: list[int]) -> None:
    """Stories with no article shown: those with none at all are deleted, those whose
    articles are all muted count nothing (no list shows them) and lose their timeline."""
    if not story_ids:
        return
    muted = set(conn.execute(select(t.Article.story_id).distinct()
                             .where(t.Article.story_id.in_(story_ids))).scalars())
    delete_stories(conn, [story_id for story_id in story_ids if story_id not in muted])
    if muted:
        delete_timelines(conn, sorted(muted))
        conn.execute(update(t.Story).where(t.Story.id.in_(sorted(muted))).values(
            article_count=0, outlet_count=0, heat=0.0, unread=0, card=None, stale=False))


def delete_stories(conn: Connection, story_ids: list[int]) -> None:
    """Remove `story_ids` with their timelines (their articles must have left them)."""
    if not story_ids:
        return
    delete_timelines(conn, story_ids)
    conn.execute(delete(t.Story).where(t.Story.id.in_(story_ids)))


def _articles_of(conn: Connection, story_ids: list[int]) -> dict[int, list[Row]]:
    """Each story's articles, oldest first (by publication, else fetch time)."""
    seen = t.seen_time()
    found: dict[int, list[Row]] = defaultdict(list)
    for row in conn.execute(
            select(t.Article.id, t.Article.key, t.Article.title, t.Article.outlet,
                   t.Article.published_at, seen, t.Article.events_json,
                   t.Article.date_uncertain, t.Article.story_id)
            .where(t.Article.story_id.in_(story_ids), t.Article.muted == 0)
            .order_by(seen, t.Article.id)):
        found[row[8]].append(row)
    return found


def _update_stories(conn: Connection, rows_by_story: dict[int, list[Row]],
                    built: dict[int, BuiltStory], now: datetime) -> None:
    """Each story's title and card as `built`, and counts, dates and heat from its rows,
    in one statement."""
    values = []
    for story_id, rows in rows_by_story.items():
        times = [aware(row[5]) for row in rows]
        values.append({"sid": story_id, "t": built[story_id][1], "c": built[story_id][3],
                       "n": len(rows), "o": len({row[3] for row in rows if row[3]}),
                       "f": times[0], "l": times[-1], "h": _heat(times, now)})
    if values:
        conn.execute(update(t.Story).where(t.Story.id == bindparam("sid")).values(
            title=bindparam("t"), card=bindparam("c"), article_count=bindparam("n"),
            outlet_count=bindparam("o"),
            first_seen=bindparam("f"), last_seen=bindparam("l"), heat=bindparam("h"),
            updated_at=now, stale=False), values)


def _heat(times: list[datetime], now: datetime) -> float:
    """Each article counts 1 when new, halving every `HEAT_HALF_LIFE_HOURS`."""
    return sum(math.pow(0.5, max(0.0, (now - seen_at).total_seconds()) / 3600
                        / HEAT_HALF_LIFE_HOURS) for seen_at in times)


def _insert_timelines(conn: Connection, rows_by_story: dict[int, list[Row]],
                      stories: list[BuiltStory]) -> None:
    """Insert the stories' event rows: all events in one INSERT, all reports in another.
    The new events' ids are matched by (story, position), not by the order the rows come
    back in: SQLite can only keep that order one INSERT a row."""
    event_rows: list[dict[str, Any]] = []
    report_keys: dict[tuple[int, int], tuple[dict[str, int], list[str]]] = {}
    for story_id, _, events, _ in stories:
        ids_by_key = {row[1]: row[0] for row in rows_by_story[story_id]}
        for position, (values, article_keys) in enumerate(events):
            event_rows.append(values)
            report_keys[(story_id, position)] = (ids_by_key, article_keys)
    if not event_rows:
        return
    inserted = conn.execute(insert(t.Event).returning(t.Event.id, t.Event.story_id,
                                                      t.Event.position), event_rows)
    reports = [{"event_id": event_id, "article_id": ids_by_key[key]}
               for event_id, story_id, position in inserted
               for ids_by_key, keys in [report_keys[(story_id, position)]]
               for key in dict.fromkeys(keys) if key in ids_by_key]
    if reports:
        conn.execute(insert(t.EventReport), reports)


def stale_among(conn: Connection, story_ids: list[int]) -> list[int]:
    """Those of `story_ids` still marked stale (another writer may have rebuilt some)."""
    return list(conn.execute(select(t.Story.id).where(t.Story.id.in_(story_ids), t.Story.stale))
                .scalars())
