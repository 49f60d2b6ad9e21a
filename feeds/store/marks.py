"""What a user marks on a story, kept with the stories: followed, read up to when, saved.

Contract: `set_followed(engine, story, on)` follows a story (from now) or stops;
`set_saved(engine, "story" | "article", id, on)` saves one for later or lets it go;
`mark_read(engine, stories, read)` marks stories read as of now (every story when
`stories` is None) or unread; each runs in its own short transaction and moves the change
counter, so every dashboard of the database shows it. A story's `unread` is the count of
its articles first fetched after its `read_at` (`feeds.store.refresh.count_unread`). When
stories merge (`carry_marks`) or are all rebuilt (`marks_by_article`, then `mark_again`),
a story is followed and saved if one it takes articles from was (since the earliest), and it keeps
the earliest read time of those, none if one was never read: no read article turns
unread, no unread one read.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, bindparam, or_, select, update

from feeds.store import tables as t
from feeds.store.counter import bump_changes

Marks = dict[str, tuple[datetime | None, datetime | None, datetime | None]]
"""Article key -> its story's (followed_at, read_at, saved_at)."""


def set_followed(engine: Engine, story_id: int, followed: bool) -> bool:
    """Follow a story or stop; whether the story exists."""
    with engine.connect().execution_options(write=True) as conn:
        done = conn.execute(update(t.Story).where(t.Story.id == story_id).values(
            followed_at=datetime.now(UTC) if followed else None)).rowcount
        if done:
            bump_changes(conn)
        conn.commit()
        return bool(done)


def set_saved(engine: Engine, kind: str, item_id: int, saved: bool) -> bool:
    """Save a story or an article (`kind`) for later, or let it go; whether it exists."""
    table = {"story": t.Story, "article": t.Article}[kind]
    with engine.connect().execution_options(write=True) as conn:
        done = conn.execute(update(table).where(table.id == item_id).values(
            saved_at=datetime.now(UTC) if saved else None)).rowcount
        if done:
            bump_changes(conn)
        conn.commit()
        return bool(done)


def mark_read(engine: Engine, story_ids: list[int] | None, read: bool = True) -> int:
    """Mark the stories read as of now, or unread; how many stories there were."""
    with engine.connect().execution_options(write=True) as conn:
        statement = update(t.Story)
        if story_ids is not None:
            statement = statement.where(t.Story.id.in_(story_ids))
        values = ({"read_at": datetime.now(UTC), "unread": 0} if read
                  else {"read_at": None, "unread": t.Story.article_count})
        done = conn.execute(statement.values(**values)).rowcount
        bump_changes(conn)
        conn.commit()
        return int(done)


def carry_marks(conn: Connection, old: int, into: int) -> None:
    """`into` takes `old`'s articles: the earlier follow of the two, the earlier read time
    (none if `old` was never read). An `old` the database does not hold (see
    `feeds.store.writer._merge_story`) carries nothing."""
    row = conn.execute(select(t.Story.followed_at, t.Story.read_at, t.Story.saved_at)
                       .where(t.Story.id == old)).first()
    if row is None:
        return
    followed, read, saved = row
    for column, since in ((t.Story.followed_at, followed), (t.Story.saved_at, saved)):
        if since is not None:
            conn.execute(update(t.Story).where(
                t.Story.id == into, or_(column.is_(None), column > since))
                .values({column: since}))
    keep_earlier = or_(t.Story.read_at.is_(None), t.Story.read_at > read) if read else None
    conn.execute(update(t.Story).where(t.Story.id == into, *([keep_earlier] if read else []))
                 .values(read_at=read))


def marks_by_article(conn: Connection) -> Marks:
    """Every stored article's story's marks, before a rebuild."""
    return {key: (followed, read, saved) for key, followed, read, saved in conn.execute(
        select(t.Article.key, t.Story.followed_at, t.Story.read_at, t.Story.saved_at)
        .join(t.Story, t.Article.story_id == t.Story.id))}


def mark_again(conn: Connection, marks: Marks, stories_by_key: dict[str, int]) -> None:
    """After a rebuild: each new story's marks from its articles' old stories."""
    followed: dict[int, datetime] = {}
    saved: dict[int, datetime] = {}
    read: dict[int, datetime | None] = {}
    for key, story in stories_by_key.items():
        follow, seen, keep = marks.get(key, (None, None, None))
        for earliest, when in ((followed, follow), (saved, keep)):
            if when is not None:
                earliest[story] = min(earliest.get(story, when), when)
        before = read.get(story, seen)
        read[story] = None if before is None or seen is None else min(before, seen)
    marked = set(followed) | set(saved) | {s for s, when in read.items() if when is not None}
    rows = [{"sid": story, "f": followed.get(story), "r": read.get(story), "v": saved.get(story)}
            for story in marked]
    if rows:
        conn.execute(update(t.Story).where(t.Story.id == bindparam("sid")).values(
            followed_at=bindparam("f"), read_at=bindparam("r"), saved_at=bindparam("v")), rows)
