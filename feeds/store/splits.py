"""A story split in two: the articles of its second event move to a new story.

Contract: `apply_splits(conn, splits, arrivals)` takes article key -> (the story it
leaves, the story it joins) from the story engine (`StoryEngine.take_splits`): each new
story is created when missing and takes what a user marked on the story its articles
left (followed, read up to when, saved: a followed story's split-off part is followed
too, and no read article turns unread), the articles move, and both stories are named in
`arrivals` so the batch recounts them and marks them stale (their titles and timelines
are rebuilt), with the story the database held an article in when that is another (the
engine moved it twice within one write, and the split names the last move only). Runs
inside the batch's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from feeds.store import tables as t


def apply_splits(conn: Connection, splits: dict[str, tuple[int, int]],
                 arrivals: dict[int, list[datetime]], now: datetime) -> None:
    """Move the split-off articles (see the module's contract)."""
    for old, new in sorted(set(splits.values())):
        if old == new:
            continue
        marks = conn.execute(select(t.Story.followed_at, t.Story.read_at, t.Story.saved_at)
                             .where(t.Story.id == old)).first()
        followed, read, saved = marks if marks is not None else (None, None, None)
        if conn.execute(select(t.Story.id).where(t.Story.id == new)).first() is None:
            conn.execute(insert(t.Story).values(id=new, title="", created_at=now,
                                                updated_at=now))
        conn.execute(update(t.Story).where(t.Story.id == new).values(
            followed_at=followed, read_at=read, saved_at=saved))
        keys = sorted(k for k, (was, now_in) in splits.items() if (was, now_in) == (old, new))
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for (held_in,) in conn.execute(select(t.Article.story_id).distinct()
                                           .where(t.Article.key.in_(chunk))):
                arrivals.setdefault(held_in, [])  # moved twice in one write: held elsewhere
            conn.execute(update(t.Article).where(t.Article.key.in_(chunk)).values(story_id=new))
        arrivals.setdefault(old, [])
        arrivals.setdefault(new, [])
