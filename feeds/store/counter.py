"""The change counter: one number in `meta` that every write transaction moves by one.

Contract: `bump_changes(conn)` raises it by one inside the caller's transaction and returns
its new value; on PostgreSQL it also NOTIFYs `NOTIFY_CHANNEL`, which listeners hear on
commit. Dashboards compare the counter with the one they last read
(`feeds.store.queries.change_counter`, `feeds.store.changes`) to know when to read again.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, text, update

from feeds.store import tables as t

CHANGES_KEY = "changes"
NOTIFY_CHANNEL = "wirewatch_changes"


def bump_changes(conn: Connection) -> int:
    """The change counter goes up by one (its new value); PostgreSQL LISTENers hear of it
    on commit."""
    value = conn.execute(select(t.Meta.value).where(t.Meta.key == CHANGES_KEY)).scalar()
    counter = int(value) + 1 if value and value.isdigit() else 1
    if value is None:
        conn.execute(insert(t.Meta).values(key=CHANGES_KEY, value=str(counter)))
    else:
        conn.execute(update(t.Meta).where(t.Meta.key == CHANGES_KEY).values(value=str(counter)))
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    return counter
