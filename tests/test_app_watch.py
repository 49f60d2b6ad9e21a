"""The dashboard polls a folder source as soon as the folder gets a new file, not only on
the folder's interval (an hour here), and shows the story."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from feeds.config import Settings, SourceSettings
from feeds.sources.pool import run_bounded
from feeds.store import Store
from tui.app import WirewatchApp

ARTICLE = "Title: Harbour reopens\n\nDock workers in Valparaiso went back to work on Monday.\n"


async def wait_until(pilot: Pilot, check: Callable[[], bool], timeout: float) -> float:
    """Seconds until `check()` held (the app keeps running meanwhile)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        await pilot.pause()
        if check():
            return time.monotonic() - started
        await asyncio.sleep(0.2)
    raise AssertionError(f"not within {timeout} s")


def titles(app: WirewatchApp) -> list[str]:
    stories = app.dashboard.query_one("#stories", DataTable)
    return [str(stories.get_row_at(i)[-1]) for i in range(stories.row_count)]


async def test_a_new_file_in_a_watched_folder_shows_without_waiting_for_its_interval(
        tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    settings = Settings(config_path=None, database_url="sqlite://",
                        sources=[SourceSettings("folder", "Inbox", 3600, path=folder)])
    app = WirewatchApp(settings, store, poll=True)
    # the worker pool started before the app: under run_test, standard output and error
    # are not files, which the forkserver cannot hand on
    assert await run_bounded(len, "abc", timeout=120) == 3
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.poll_status.startswith("polled"), 120)
            assert titles(app) == []
            (folder / "new.txt").write_text(ARTICLE, encoding="utf-8")
            took = await wait_until(pilot, lambda: titles(app) == ["Harbour reopens"], 30)
            assert took < 20
            app.folder_watch.close()
    finally:
        store.close()
