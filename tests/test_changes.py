"""Dashboards wake up when a batch lands: NOTIFY on PostgreSQL, the counter on SQLite."""

from __future__ import annotations

import threading
import time

from feeds.ingest.rebuild import commit_batches
from feeds.store import Batch, SourceUpdate, Store
from feeds.store.changes import ChangeWatcher


def test_watcher_wakes_on_a_write_and_times_out_otherwise(db_url: str) -> None:
    store = Store.open(db_url)
    watcher = ChangeWatcher(store.engine, poll_interval=0.05)
    try:
        started = time.monotonic()
        assert watcher.wait(0, timeout=0.3) == 0
        assert time.monotonic() - started >= 0.29
        writer = threading.Timer(
            0.3, lambda: commit_batches(store, Batch(SourceUpdate("S", "feed", "u"))))
        writer.start()
        started = time.monotonic()
        assert watcher.wait(0, timeout=10) == 1
        assert time.monotonic() - started < 3
        writer.join()
    finally:
        watcher.close()
        store.close()
