"""The story list's first page straight from a SQLite file, before SQLAlchemy has loaded.

Contract: `read_first_page(url, limit)` returns what the dashboard shows first, the
followed stories (first followed first) and the `limit` hottest stories (heat, then
latest update, as `feeds.store.queries.list_stories` sorts), with the number
of stories, leaving out those whose articles are all muted (`article_count` 0, as the
store's lists do; the marks are those stored, the dashboard applies changed rules later),
as `feeds.read.views.StorySummary` rows equal to the store's but for `state`, which the list
does not show and is left "" here. It returns None, and the caller reads
through `feeds.store` as usual, whenever this shortcut is not sure to be right: a URL
that is not a SQLite file, a file that does not exist, a schema it cannot read (a
migration pending), a lock held too long, any SQLite error. It opens the file read-only
with the standard library's `sqlite3` and never writes: SQLAlchemy, SQLModel and alembic
take longer to import than a whole Textual app takes to draw, so the dashboard draws
this page while they load (`tui.startup`). It is the one read outside `feeds/store`, kept
to those columns of `story` that `feeds/store/tables.py` defines (a test holds its rows
equal to `Store.list_stories`); a change there is a change here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from feeds.read.views import StorySummary

_COLUMNS = ("id, title, article_count, outlet_count, first_seen, last_seen, heat, updated_at, "
            "unread")
_SHOWN = "article_count > 0"  # as `feeds.store.queries.SHOWN`: not every article muted
_FOLLOWED = (f"SELECT {_COLUMNS} FROM story WHERE followed_at IS NOT NULL AND {_SHOWN} "
             "ORDER BY followed_at, id")
_HOTTEST = (f"SELECT {_COLUMNS} FROM story WHERE {_SHOWN} "
            "ORDER BY heat DESC, last_seen DESC LIMIT ?")


@dataclass(frozen=True, slots=True)
class FirstPage:
    """What the list shows first."""

    followed: list[StorySummary]
    page: list[StorySummary]
    """The `limit` hottest stories, followed ones included (the list shows those once, on
    top)."""
    total: int
    """Every story in the database with an article shown (not all muted)."""


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///PATH` URL (None for memory, other databases, options)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = unquote(url[len(prefix):])
    return Path(path) if path and path != ":memory:" else None


def _when(value: str | None) -> datetime | None:
    """A stored time as an aware UTC datetime, as `feeds.store.tables.aware` gives it."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _summary(row: tuple) -> StorySummary:  # type: ignore[type-arg]
    story_id, title, articles, outlets, first, last, heat, updated, unread = row
    return StorySummary(id=story_id, title=title, articles=articles, outlets=outlets,
                        first_seen=_when(first), last_seen=_when(last), state="",
                        heat=float(heat), updated_at=_when(updated), unread=unread)


def read_first_page(url: str, limit: int) -> FirstPage | None:
    """Followed stories and the `limit` hottest others, or None (see the contract)."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        followed = [_summary(row) for row in connection.execute(_FOLLOWED)]
        page = [_summary(row) for row in connection.execute(_HOTTEST, (limit,))]
        total = connection.execute(f"SELECT count(*) FROM story WHERE {_SHOWN}").fetchone()[0]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()
    return FirstPage(followed, page, int(total))
