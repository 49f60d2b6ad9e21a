"""Issue 23, item 2: moving in an empty story list (a fresh database, or a filter that
matches nothing) keeps the cursor on row 0 and the app running. Pilot on real stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from feeds.store import Store
from tests.fixtures_app import build_store
from tests.test_app import NARROW, settle, table
from tests.test_app_keys import make_app, titles

MOVES = ("k", "G", "up", "end", "j", "g", "pageup", "pagedown", "k", "G")


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database: no source, no story."""
    store = Store.open(f"sqlite:///{tmp_path}/empty.db")
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


async def test_k_and_G_on_a_fresh_database(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        stories = table(app, "stories")
        assert app.focused is stories and stories.row_count == 0
        for key in MOVES:
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running, key
            assert (stories.cursor_coordinate.row, stories.cursor_coordinate.column) == (0, 0)
            assert app.dashboard.story_list.selected_id is None, key
        assert stories.border_subtitle == "no stories yet: press r to poll"
        assert app.dashboard.requested is None and app.focused is stories


async def test_k_and_G_when_the_filter_matches_nothing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        stories = table(app, "stories")
        await pilot.press("slash", *"zqxv", "enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.focused is stories and titles(app) == []
        for key in MOVES:
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running, key
            assert stories.cursor_coordinate.row == 0, key
            assert app.dashboard.story_list.selected_id is None, key
        assert app.dashboard.requested is None
        await pilot.press("escape")  # the filter cleared: the six stories, the first selected
        await settle(pilot)
        assert len(titles(app)) == 6 and stories.cursor_coordinate.row == 0
        assert app.dashboard.story_list.selected_id == 1 == app.dashboard.requested
        await pilot.press("G")
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == 6 == app.dashboard.requested
