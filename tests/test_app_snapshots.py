"""A few layout snapshots (SVG) of the dashboard at 80x24 and 160x48 (Textual is pinned).

The last one adds a story with a long title (cut with an ellipsis where the list's
room ends) and moves the focus to the Events panel (heavy accent border, title bar).

Snapshots break on every Textual bump, so they are few; behaviour is tested in
test_app*.py. Times on screen (clock, "last fetch", stamps, ages) are pinned so
the pictures do not depend on when the test runs. After an intended layout
change: `.venv/bin/pytest tests/test_app_snapshots.py --snapshot-update`, then
look at the SVGs in tests/__snapshots__/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._header import HeaderClock
from textual.worker import WorkerState

from feeds.config import Settings
from feeds.ingest.rebuild import commit_batches
from feeds.model import Extraction
from feeds.store import Batch, ProcessedArticle, SourceUpdate
from tests.fixtures_app import _article, build_store
from tests.test_app import settle
from tests.test_app_density import LONG
from tui.app import WirewatchApp


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        request: pytest.FixtureRequest) -> WirewatchApp:
    """The fixture database in a non-polling app, times pinned."""
    monkeypatch.setattr("tui.widgets.panels.stamp", lambda value: "2025-03-01 12:00")
    monkeypatch.setattr("tui.widgets.story_list.age", lambda value, now=None: "1h")
    monkeypatch.setattr(WirewatchApp, "CHANGE_SECONDS", 3600.0)  # no change check mid-picture
    store = build_store(f"sqlite:///{tmp_path}/t.db")
    if request.node.name.startswith("test_long_title"):
        story = ProcessedArticle(_article("long", LONG, "Agence France-Presse", 0.1, "Text."),
                                 Extraction(), 7)
        commit_batches(store, Batch(SourceUpdate(name="wire", kind="folder", location="/srv/wire"),
                                    articles=[story], new_count=1))
    return WirewatchApp(Settings(config_path=None, database_url="sqlite://"), store, poll=False)


def quiet(app: WirewatchApp) -> bool:
    """No worker running, the panels show the story under the cursor, every table measured.

    A table measures new rows' columns only when idle, and the panels arrive after
    two workers (list, then detail); under CPU load a fixed number of pauses is not
    enough, so the picture waits for this state.
    """
    screen = app.screen
    if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        return False
    if getattr(screen, "shown", None) != screen.story_list.selected_id:  # type: ignore[attr-defined]
        return False
    return not any(t._require_update_dimensions or t._updated_cells
                   for t in screen.query(DataTable))


def steady(*keys: str):  # type: ignore[no-untyped-def]
    """A run_before that waits for the workers, presses keys, and pins the header."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        for clock in pilot.app.query(HeaderClock):
            clock.display = False
        pilot.app.sub_title = "1 source ok · not polling"
        calm = 0
        for _ in range(400):  # three quiet checks in a row, 20 s at most
            await pilot.pause(0.05)
            calm = calm + 1 if quiet(pilot.app) else 0
            if calm == 3:
                break
        assert calm == 3, "the dashboard did not settle"
        await settle(pilot)

    return run_before


def test_dashboard_80x24(app: WirewatchApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady())


def test_dashboard_160x48(app: WirewatchApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(160, 48), run_before=steady())


def test_filter_and_actors_80x24(app: WirewatchApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=steady("slash", *"lopez", "wait:300", "enter", "tab", "tab"))


def test_long_title_focused_events_160x48(app: WirewatchApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(160, 48), run_before=steady("tab"))
