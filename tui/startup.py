"""The dashboard's start: its first page on screen before the store's modules have loaded.

Contract: `DeferredStore(opener, first_page)` stands for the `feeds.store.Store` that
`opener()` opens (with whether this dashboard may poll: the one-poller lock); it is
handed to `tui.app.WirewatchApp` in its place. The app shows `first_page` (read by
`feeds.read.firstpage` with the standard library) at once, and once that page is on screen
calls `open()` in a worker: SQLAlchemy, SQLModel and alembic load and the database is
opened and migrated only then. Every other attribute is the open store's: a worker that
reads before `open()` has finished waits for it, and if opening failed gets the error,
which also stays in `error` (the `dashboard` command reports it as any storage error).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from feeds.read.firstpage import FirstPage
    from feeds.store import Store


class DeferredStore:
    """A store opened after the first screen (see the module's contract)."""

    def __init__(self, opener: Callable[[], tuple[Store, bool]],
                 first_page: FirstPage | None) -> None:
        self.first_page = first_page
        self.error: BaseException | None = None
        self._opener = opener
        self._store: Store | None = None
        self._opened = threading.Event()

    def open(self) -> bool:
        """Open the store (once); returns whether this dashboard may poll."""
        try:
            self._store, may_poll = self._opener()
        except BaseException as exc:
            self.error = exc
            raise
        finally:
            self._opened.set()
        return may_poll

    @property
    def store(self) -> Store:
        """The open store (waits for `open`; raises what it raised)."""
        self._opened.wait()
        if self._store is None:
            raise self.error or RuntimeError("the store did not open")
        return self._store

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)
