"""Who may write: one poller per SQLite file, one story assigner at a time on PostgreSQL.

Contract: `PollerLock.acquire(database_url)` returns a held lock, or raises
`PollerBusy` naming the pid of the process that holds it. The lock is released
by `release()` or when the process exits (even on SIGKILL: the kernel drops
flock locks with the file descriptor). PostgreSQL needs no file lock: several
workers may share it (`acquire` returns a lock that holds nothing), and an
in-memory SQLite database is private to its process anyway; there
`assignment_lock(engine)` serialises story assignment instead.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url


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


class SourceClaims:
    """The sources this worker may poll now; the others are another worker's.

    On PostgreSQL each claim is a session advisory lock held on one connection
    until `release()` (or until the worker dies: the server drops its locks with
    the connection). On SQLite the poller lock already makes this the only poller,
    so every source is claimed.
    """

    def __init__(self, engine: Engine, names: list[str]) -> None:
        self.names: set[str] = set(names)
        self._conn = None
        if engine.dialect.name == "postgresql" and names:
            self._conn = engine.connect()
            self.names = {name for name in names if self._try(name)}
            self._conn.commit()

    def _try(self, name: str) -> bool:
        query = text("SELECT pg_try_advisory_lock(:space, hashtext(:name))")
        return bool(self._conn.execute(query, {"space": SOURCE_LOCK_SPACE, "name": name}).scalar())

    def release(self) -> None:
        """Give every claimed source back."""
        if self._conn is not None:
            self._conn.execute(text("SELECT pg_advisory_unlock_all()"))
            self._conn.commit()
            self._conn.close()
            self._conn = None
