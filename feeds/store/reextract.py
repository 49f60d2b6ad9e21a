"""Replace stored articles' extractions: what `wirewatch recluster` does after an upgrade.

Contract: `replace_extractions(engine, extractions)` writes, in one transaction, each
stored article's new extraction (by row id): its mentions and attributions are
replaced (actors found or created by name and kind, as a poll does) and its events and
headline event (`terms.event`; how a database stored before migration 0014 fills it)
rewritten; their stories are marked stale (a poll's refresh rebuilds their timelines
and cards from the events written here, should the caller not rebuild them first) and
the change counter goes up. An id with no stored article is skipped.
"""

from __future__ import annotations

from sqlalchemy import Engine, bindparam, delete, select, update

from feeds.model import Extraction
from feeds.store import tables as t
from feeds.store.counter import bump_changes
from feeds.store.writer import actor_ids, events_json, headline_json, store_mentions


def replace_extractions(engine: Engine, extractions: dict[int, Extraction]) -> None:
    """Write the articles' new extractions in one transaction (see the contract)."""
    with engine.connect().execution_options(write=True) as conn:
        ids = sorted(row[0] for row in conn.execute(
            select(t.Article.id).where(t.Article.id.in_(list(extractions)))))
        if not ids:
            return
        conn.execute(delete(t.Mention).where(t.Mention.article_id.in_(ids)))
        conn.execute(delete(t.Attribution).where(t.Attribution.article_id.in_(ids)))
        table = t.Article.__table__
        conn.execute(table.update().where(table.c.id == bindparam("i"))
                     .values(events_json=bindparam("e"), headline_event=bindparam("h")),
                     [{"i": i, "e": events_json(extractions[i]),
                       "h": headline_json(extractions[i])} for i in ids])
        found = [extractions[i] for i in ids]
        store_mentions(conn, ids, found, actor_ids(conn, found))
        stories = select(t.Article.story_id).where(t.Article.id.in_(ids))
        conn.execute(update(t.Story).where(t.Story.id.in_(stories)).values(stale=True))
        bump_changes(conn)
        conn.commit()
