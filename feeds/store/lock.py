"""Who may write: one poller per SQLite file; on PostgreSQL, one story assigner at a time
and one worker per source.

Contract: `PollerLock.acquire(database_url)` returns a held lock, or raises
`PollerBusy` naming the pid of the process that holds it. The lock is released
by `release()` or when the process exits (even on SIGKILL: the kernel drops
flock locks with the file descriptor). PostgreSQL needs no file lock: several
workers may share it (`acquire` returns a lock that holds nothing), and an
in-memory SQLite database is private to its process anyway; there
`assignment_lock(engine)` serialises story assignment instead, and `SourceClaims`
hands each source to one worker at a time, claimed as the worker is ready for it.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, Row, bindparam, select, text
from sqlalchemy.engine import make_url

from feeds.store.queries import SourceState
from feeds.store.tables import Source, aware


class PollerBusy(Exception):
    """Another poller already writes this database."""

    def __init__(self, pid: int | None, path: Path) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(f"a poller is already running on {path} ({who}); stop it first, or "
                         "open the dashboard read-only beside it")
        self.pid = pid


class PollerLock:
    """A held poller lock (or a no-op one where none is needed)."""

    def __init__(self, fd: int | None, path: Path | None) -> None:
        self._fd = fd
        self.path = path

    @classmethod
    def acquire(cls, database_url: str) -> PollerLock:
        """Take the lock without waiting; PollerBusy when another poller has it."""
        url = make_url(database_url)
        if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
            return cls(None, None)
        database = url.database.removeprefix("file:")  # SQLite URI filenames
        path = Path(f"{database}.poller.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise PollerBusy(pid, Path(database)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        return cls(fd, path)

    def release(self) -> None:
        """Let another poller in."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> PollerLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


ASSIGNMENT_LOCK_KEY = 0x5757_0001
"""The PostgreSQL advisory lock that serialises story assignment across workers."""


@contextmanager
def assignment_lock(engine: Engine) -> Iterator[None]:
    """Hold the story-assignment lock: on PostgreSQL an advisory lock shared by every
    worker, so two workers never create the same story twice; on SQLite nothing (one
    poller per file, and writes take BEGIN IMMEDIATE)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ASSIGNMENT_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ASSIGNMENT_LOCK_KEY})
            conn.commit()


SOURCE_LOCK_SPACE = 0x5757
"""First key of the per-source advisory locks (the second is hashtext(source name))."""


class Claim(Enum):
    """What `SourceClaims.take` found."""

    MINE = "mine"
    """Claimed: this worker polls the source now."""
    DONE = "done"
    """Another worker polled it during this pass (or, for due sources only, it is not due)."""
    BUSY = "busy"
    """Another worker is polling it now."""


class Taken(NamedTuple):
    """A claim and, when it is this worker's on a shared database, the source's stored state
    as read after claiming it (None for a source never stored, and on SQLite)."""

    claim: Claim
    state: SourceState | None = None


class SourceClaims:
    """Sources claimed one at a time, as a worker is ready for each, so workers share.

    On PostgreSQL each claim is a session advisory lock on one connection, held until
    `give_back` (after the source's pass is committed) or `release()`, or until the
    worker dies: the server drops a session's locks with its connection, so a killed
    worker's sources are free at once. A free source counts as DONE when its last
    attempt is at or after `since` (the pass's start: another worker polled it within
    this pass) or, with `due_only`, when it is due later (unless it is one of the `early`
    sources: a watched folder with new files). On SQLite the poller lock
    makes this the only poller: every source is MINE. Thread-safe.
    """

    def __init__(self, engine: Engine, since: datetime, due_only: bool = False,
                 early: frozenset[str] = frozenset()) -> None:
        self.since, self.due_only, self.early = since, due_only, early
        self.shared = engine.dialect.name == "postgresql"
        self._held: Counter[str] = Counter()
        self._guard = threading.Lock()
        self._conn: Connection | None = None
        if self.shared:
            self._conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def take(self, name: str) -> Taken:
        """Claim `name` if no other worker holds it and it still needs polling."""
        if not self.shared:
            return Taken(Claim.MINE)
        with self._guard:
            if self._conn is None:  # released: the pass is over
                return Taken(Claim.DONE)
            if not self._lock(self._conn, name):
                return Taken(Claim.BUSY)
            row = self._conn.execute(_STATE, {"name": name}).first()
            if row is not None and self._done(row, name):
                self._unlock(self._conn, name)
                return Taken(Claim.DONE)
            self._held[name] += 1
            return Taken(Claim.MINE, None if row is None else _state(row))

    def holds(self, name: str) -> bool:
        """Whether this worker polls `name` (always, on SQLite)."""
        with self._guard:
            return not self.shared or self._held[name] > 0

    def give_back(self, names: list[str]) -> None:
        """Let other workers have these sources again (their passes are committed)."""
        with self._guard:
            for name in names:
                if self._conn is not None and self._held[name] > 0:
                    self._held[name] -= 1
                    self._unlock(self._conn, name)

    def release(self) -> None:
        """Give every claimed source back and close the connection; later takes are DONE."""
        with self._guard:
            conn, self._conn = self._conn, None
            self._held.clear()
            if conn is not None:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock_all()"))
                finally:
                    conn.close()  # a broken connection's locks are gone with it

    def _done(self, row: Row[Any], name: str) -> bool:
        attempted, due = aware(row.last_attempt), aware(row.next_due)
        if attempted is not None and attempted >= self.since:
            return True
        return (self.due_only and name not in self.early and due is not None
                and due > datetime.now(UTC))

    @staticmethod
    def _lock(conn: Connection, name: str) -> bool:
        query = text("SELECT pg_try_advisory_lock(:space, hashtext(:name))")
        return bool(conn.execute(query, {"space": SOURCE_LOCK_SPACE, "name": name}).scalar())

    @staticmethod
    def _unlock(conn: Connection, name: str) -> None:
        conn.execute(text("SELECT pg_advisory_unlock(:space, hashtext(:name))"),
                     {"space": SOURCE_LOCK_SPACE, "name": name})


_STATE = select(Source.location, Source.etag, Source.last_modified, Source.next_due,
                Source.consecutive_errors, Source.moved_to, Source.last_attempt
                ).where(Source.name == bindparam("name"))


def _state(row: Row[Any]) -> SourceState:
    return SourceState(location=row.location, etag=row.etag, last_modified=row.last_modified,
                       next_due=aware(row.next_due), consecutive_errors=row.consecutive_errors,
                       moved_to=row.moved_to)
