"""Folder sources watched, not only polled: a continuous poller sees a new file long
before the folder's interval, and falls back to interval polling when it cannot watch."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from feeds.config import Settings, SourceSettings
from feeds.ingest import poller
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import PollSummary, poll_continuously
from feeds.sources import watch as watch_module
from feeds.sources.watch import FolderWatch
from feeds.store import Store

HOUR = 3600
ARTICLE = "Title: {title}\n\nDock workers in Valparaiso walked out on Monday over pay.\n"


def folder_settings(folder: Path, name: str = "Inbox") -> Settings:
    return Settings(config_path=None, database_url="",
                    sources=[SourceSettings("folder", name, HOUR, path=folder)])


class Running:
    """A continuous poller in a thread, its summaries, and a way to stop it."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.stop = threading.Event()
        self.summaries: list[PollSummary] = []
        self.store = store
        self.thread = threading.Thread(target=poll_continuously, args=(
            settings, Pipeline(store), self.stop, self.summaries.append), daemon=True)

    def titles(self) -> list[str]:
        with self.store.engine.connect() as conn:
            return sorted(conn.execute(text("SELECT title FROM article")).scalars())

    def wait_for(self, check, timeout: float) -> float:  # type: ignore[no-untyped-def]
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if check():
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"not within {timeout} s; summaries: {self.summaries}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    yield opened
    opened.close()


@pytest.fixture
def running(tmp_path: Path, store: Store) -> Iterator[Running]:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "old.txt").write_text(ARTICLE.format(title="Port strike"), encoding="utf-8")
    past = time.time() - 60
    os.utime(folder / "old.txt", (past, past))
    run = Running(folder_settings(folder), store)
    run.thread.start()
    yield run
    run.stop.set()
    run.thread.join(10)
    assert not run.thread.is_alive()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")
def test_a_new_file_is_read_long_before_the_folder_s_interval(
        running: Running, tmp_path: Path) -> None:
    # the start's scan, its summary recorded too (after the poll's end-of-poll refresh)
    running.wait_for(lambda: running.titles() == ["Port strike"] and running.summaries, 30)
    passes = len(running.summaries)
    (tmp_path / "inbox" / "new.txt").write_text(ARTICLE.format(title="Harbour reopens"),
                                                encoding="utf-8")
    took = running.wait_for(lambda: running.titles() == ["Harbour reopens", "Port strike"], 20)
    assert took < 15  # the interval is an hour: only the watch can have seen it
    running.wait_for(lambda: any(s.new == 1 for s in running.summaries[passes:]), 10)
    # seen after its settle time (a note, then a read), not scanned on every tick meanwhile
    assert 2 <= len(running.summaries) - passes <= 4
    assert running.summaries[-1].new == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")
def test_a_changed_file_is_read_again(running: Running, tmp_path: Path) -> None:
    running.wait_for(lambda: running.titles() == ["Port strike"], 30)
    (tmp_path / "inbox" / "old.txt").write_text(ARTICLE.format(title="Port strike ends"),
                                                encoding="utf-8")
    running.wait_for(lambda: running.titles() == ["Port strike ends"], 20)


def test_without_watching_a_folder_is_polled_on_its_interval(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_: object, **__: object) -> Iterator[set[tuple[object, str]]]:
        raise OSError(28, "inotify watch limit reached")
        yield set()
    monkeypatch.setattr("watchfiles.watch", broken)
    monkeypatch.setattr(poller, "SETTLING_RECHECK", 0.5)
    folder = tmp_path / "inbox"
    folder.mkdir()
    settings = Settings(config_path=None, database_url="",
                        sources=[SourceSettings("folder", "Inbox", 10, path=folder)])
    run = Running(settings, store)
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll.watch"):
        run.thread.start()
        run.wait_for(lambda: len(run.summaries) == 1, 30)  # the start's scan
        (folder / "new.txt").write_text(ARTICLE.format(title="Harbour reopens"),
                                        encoding="utf-8")
        time.sleep(6)
        assert run.titles() == []  # no watch: nothing before the interval (10 s)
        took = run.wait_for(lambda: run.titles() == ["Harbour reopens"], 30)
        run.stop.set()
        run.thread.join(10)
    assert took > 1
    assert [r.getMessage() for r in caplog.records] == [
        "watching folders is unavailable (OSError: [Errno 28] inotify watch limit reached); "
        "polling them on their interval"]


def test_watch_without_watchfiles_says_so_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    watch = FolderWatch(folder_settings(tmp_path).sources)
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll.watch"):
        assert watch.start() is False
        assert watch.start() is False
        assert watch.wait(0.3) is False
    assert (watch.available, watch.take()) == (False, set())
    assert [r.getMessage() for r in caplog.records] == [
        "watching folders is unavailable (watchfiles is not installed (import of watchfiles "
        "halted; None in sys.modules)); polling them on their interval"]


def test_a_notified_source_is_due_after_its_quiet_time(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "QUIET", 0.3)
    other = tmp_path / "other"
    watch = FolderWatch([*folder_settings(tmp_path).sources,
                         SourceSettings("folder", "Other", HOUR, path=other),
                         SourceSettings("feed", "Feed", HOUR, url="https://example.org/rss")])
    assert set(watch.roots) == {"Inbox", "Other"}
    watch.notified([str(tmp_path / "a.txt"), "/elsewhere/b.txt"])
    assert (watch.take(), watch.wait(0.05)) == (set(), False)
    assert watch.wait(2.0) is True
    assert (watch.take(), watch.take()) == ({"Inbox"}, set())
    watch.again("Other", 0.0)
    watch.again("Feed", 0.0)  # not a watched folder
    assert watch.take() == {"Other"}
    stop = threading.Event()
    stop.set()
    started = time.monotonic()
    assert watch.wait(30, stop) is False and time.monotonic() - started < 1


def test_on_postgres_a_notified_folder_is_claimed_before_it_is_due(
        pg_url: str, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from feeds.ingest.poller import poll_once
    from feeds.store.lock import Claim

    folder = tmp_path / "inbox"
    folder.mkdir()
    store = Store.open(pg_url)
    try:
        settings = folder_settings(folder)
        poll_once(settings, Pipeline(store))  # due again in an hour
        due = store.claim_sources(datetime.now(UTC), due_only=True)
        assert due.take("Inbox")[0] is Claim.DONE
        due.release()
        early = store.claim_sources(datetime.now(UTC), due_only=True, early=frozenset({"Inbox"}))
        assert early.take("Inbox")[0] is Claim.MINE
        early.release()
        watch = FolderWatch(settings.sources)
        watch.again("Inbox", 0.0)  # as a notification does, once its quiet time is over
        (folder / "new.txt").write_text(ARTICLE.format(title="Harbour reopens"), encoding="utf-8")
        past = time.time() - 60
        os.utime(folder / "new.txt", (past, past))
        summary = poll_once(settings, Pipeline(store), due_only=True, watch=watch)
        assert [(p.source, p.status, p.settling) for p in summary.passes] == [("Inbox", "ok", 0)]
        assert summary.new == 1
    finally:
        store.close()
