"""Folder sources watched for new and changed files, so a polling loop polls them early.

Contract: `FolderWatch(sources)` watches the folders of the folder sources among `sources`
(recursively, with `watchfiles`: inotify on Linux) from `start()` on, in a daemon thread,
for article files (`feeds.sources.folder.SUFFIXES`, no hidden part) and folders created or
changed. A source notified becomes due `QUIET` seconds after its last notification (the
folder scan never reads a file changed within `SETTLE_SECONDS`, so a scan sooner would
find nothing to read); `again(name)` makes a watched source due `RECHECK` seconds from
now (a scan that found files still settling: their second look, safe this soon because
any write meanwhile is notified and pushes the source back). `take()` hands over the
names of the due sources, once. `wait(timeout, stop)` returns True as soon as a source is
due, False after `timeout` seconds or once `stop` is set. The watch never replaces the
scans: the poller still scans every folder on start and on its interval.

When watching is unavailable (watchfiles not installed, no inotify, the watch limit
reached, any error of the watcher), one warning is logged on "wirewatch.poll.watch",
`available` turns False, and the loops poll the folders on their interval as they did
before; a folder that does not exist when watching starts is not watched (one warning)
but still polled. `close()` stops the thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from feeds.config import SourceSettings
from feeds.sources.folder import SETTLE_SECONDS, SUFFIXES

QUIET = SETTLE_SECONDS + 0.2
"""Seconds after a source's last notification before it is due."""
RECHECK = 1.0
"""Seconds before a watched folder with files still settling is scanned again."""
DEBOUNCE_MS = 300
"""watchfiles groups the changes of this many milliseconds into one notification."""
SLICE = 0.25
"""`wait` looks at its `stop` event at least this often (seconds)."""

log = logging.getLogger("wirewatch.poll.watch")


class FolderWatch:
    """The folder sources' watcher and the sources it has made due."""

    def __init__(self, sources: Iterable[SourceSettings]) -> None:
        self.roots = {s.name: s.path.resolve() for s in sources
                      if s.kind == "folder" and s.path is not None}
        self.available = bool(self.roots)
        self._due: dict[str, float] = {}
        """Source name -> the monotonic time it is due at."""
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start watching; False (after one warning) when watching is unavailable."""
        if not self.available or self._thread is not None:
            return self.available
        try:
            import watchfiles  # noqa: F401 - is it installed?
        except ImportError as exc:
            return self._unavailable(f"watchfiles is not installed ({exc})")
        missing = [name for name, root in self.roots.items() if not root.is_dir()]
        if missing:
            log.warning("not watching %d folder(s) that do not exist (%s); they are polled on "
                        "their interval", len(missing), ", ".join(missing)[:300])
            self.roots = {n: r for n, r in self.roots.items() if n not in missing}
            if not self.roots:
                self.available = False
                return False
        self._thread = threading.Thread(target=self._run, name="wirewatch-watch", daemon=True)
        self._thread.start()
        return True

    def close(self) -> None:
        """Stop watching (the thread ends within a few tenths of a second)."""
        self._stop.set()
        with self._changed:
            self._changed.notify_all()

    def take(self) -> set[str]:
        """The names of the sources due now; each is handed over once."""
        now = time.monotonic()
        with self._changed:
            ready = {name for name, when in self._due.items() if when <= now}
            for name in ready:
                del self._due[name]
        return ready

    def again(self, name: str, delay: float = RECHECK) -> None:
        """Make a watched source due `delay` seconds from now (sooner if it is already)."""
        if not self.available or name not in self.roots:
            return
        when = time.monotonic() + delay
        with self._changed:
            self._due[name] = min(self._due.get(name, when), when)
            self._changed.notify_all()

    def wait(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Block until a source is due (True), `timeout` passes or `stop` is set (False)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                now = time.monotonic()
                if any(when <= now for when in self._due.values()):
                    return True
                if now >= deadline or (stop is not None and stop.is_set()) or self._stop.is_set():
                    return False
                soonest = min(self._due.values(), default=deadline)
                self._changed.wait(min(SLICE, max(0.01, min(soonest, deadline) - now)))

    def notified(self, paths: Iterable[str]) -> None:
        """Files or folders changed: the sources holding them are due after `QUIET`."""
        when = time.monotonic() + QUIET
        names = {name for path in paths for name, root in self.roots.items()
                 if _inside(Path(path), root)}
        if not names:
            return
        with self._changed:
            for name in names:
                self._due[name] = when
            self._changed.notify_all()

    def _run(self) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(
                    *self.roots.values(), watch_filter=_wanted, debounce=DEBOUNCE_MS, step=50,
                    stop_event=self._stop, raise_interrupt=False, recursive=True,
                    ignore_permission_denied=True):
                self.notified(path for _, path in changes)
        except Exception as exc:  # noqa: BLE001 - any failure of the watcher: poll instead
            self._unavailable(f"{type(exc).__name__}: {exc}")

    def _unavailable(self, why: str) -> bool:
        self.available = False
        log.warning("watching folders is unavailable (%s); polling them on their interval",
                    str(why)[:300])
        return False


def _wanted(change: object, path: str) -> bool:
    """An article file or a folder, created or changed (deletions change nothing stored)."""
    import watchfiles

    if change == watchfiles.Change.deleted:
        return False
    name = os.path.basename(path)
    if name.startswith("."):
        return False
    return Path(name).suffix.lower() in SUFFIXES or os.path.isdir(path)


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)
