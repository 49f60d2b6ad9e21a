"""Waiting for the database to change: LISTEN/NOTIFY on PostgreSQL, a cheap counter on SQLite.

Contract: `ChangeWatcher(engine).wait(seen, timeout)` returns the change counter as
soon as it differs from `seen`, or after `timeout` seconds at the latest. On
PostgreSQL it sleeps on LISTEN (the writer NOTIFYs in each batch's transaction);
on SQLite it reads the one-row counter every `poll_interval` seconds. Call it
from a worker thread, never from the UI loop. `close()` releases the connection.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine

from feeds.store.counter import NOTIFY_CHANNEL
from feeds.store.queries import change_counter


class ChangeWatcher:
    """Blocks until the change counter moves (or a timeout)."""

    def __init__(self, engine: Engine, poll_interval: float = 0.5) -> None:
        self.engine = engine
        self.poll_interval = poll_interval
        self._listener: Any = None

    def wait(self, seen: int, timeout: float) -> int:
        """The counter once it differs from `seen`, else after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            current = change_counter(self.engine)
            remaining = deadline - time.monotonic()
            if current != seen or remaining <= 0:
                return current
            self._sleep(min(remaining, 5.0))

    def _sleep(self, seconds: float) -> None:
        if self.engine.dialect.name != "postgresql":
            time.sleep(min(seconds, self.poll_interval))
            return
        listener = self._listen()
        for _ in listener.notifies(timeout=seconds, stop_after=1):
            pass

    def _listen(self) -> Any:
        if self._listener is None:
            raw = self.engine.raw_connection()
            driver = raw.driver_connection
            driver.autocommit = True
            driver.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._listener = driver
            self._raw = raw
        return self._listener

    def close(self) -> None:
        """Stop listening and give the connection back."""
        if self._listener is not None:
            self._raw.close()
            self._listener = None
