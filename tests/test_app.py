"""The dashboard driven through Pilot on a handcrafted database (see fixtures_app).

Every test opens `WirewatchApp(settings, store, poll=False)` on a fresh SQLite
file, waits for the reading workers, then asserts what the widgets hold.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from feeds.config import Settings
from feeds.store import Store
from tests.fixtures_app import FLOOD_TEXT, HOSTILE, NOW, add_growth, build_store
from tui.app import WirewatchApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.format import stamp
from tui.widgets.panels import EventsTable
from tui.widgets.story_list import StoryList

NARROW = (80, 24)
WIDE = (160, 45)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


def make_app(store: Store, keys: dict[str, str] | None = None) -> WirewatchApp:
    """The app on `store`, not polling."""
    settings = Settings(config_path=None, database_url="sqlite://", keys=keys or {})
    return WirewatchApp(settings, store, poll=False)


async def settle(pilot: Pilot) -> None:
    """Let messages and workers finish (twice: a handler may start a worker)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(table: DataTable) -> list[list[str]]:
    """Every row of a table as plain strings."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def table(app: WirewatchApp, name: str) -> DataTable:
    """A table of the dashboard by id."""
    return app.dashboard.query_one(f"#{name}", DataTable)


def _at(hours: float) -> datetime:
    """The fixture's time `hours` ago."""
    return NOW - timedelta(hours=hours)


def screen_text(app: WirewatchApp) -> str:
    """What the terminal shows, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_story_list_shows_stories_hottest_first(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        listed = rows(table(app, "stories"))
        assert [row[-1] for row in listed] == ["Flood hits river towns", *HOSTILE[:4], "␛[31mred"]
        assert listed[0] == ["", " " * 7 + "█", "3", "3", "2", "1h", "Flood hits river towns"]
        assert listed[1][2:6] == ["1", "1", "1", "5h"]  # arts, unread, outlets, updated
        assert re.fullmatch(r"1 source ok · last fetch \d\d:\d\d · not polling", app.sub_title)


async def test_hostile_titles_show_literally(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for title in HOSTILE[:4]:
            assert title in shown
        assert "␛[31mred" in shown and "\x1b" not in shown
        await pilot.press("j")  # story 2, titled "[bold]x[/]": its panels too
        await settle(pilot)
        assert rows(table(app, "actors")) == [["[bold]x[/]", "organization", "—", "1", "1", "1"]]
        assert rows(table(app, "articles"))[0][2] == "[bold]x[/]"
        await pilot.click("#stories", offset=(30, 5))  # clicking "[@click=app.quit]z[/]"
        await settle(pilot)
        assert app.is_running
        assert app.dashboard.story_list.selected_id == 4


async def test_panels_of_selected_story(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert rows(table(app, "events")) == [
            ["2025-03-01", "Statement.Statement", "1", "Mayor Maria Lopez appealed for aid"],
            ["date unknown", "Contact.Meet", "1", "Red Cross met town officials"],
        ]
        assert rows(table(app, "actors")) == [
            ["Maria Lopez", "person", "mayor", "4", "2", "1"],
            ["Red Cross", "organization", "—", "2", "2", "2"],
        ]
        assert rows(table(app, "sources")) == [
            ["Reuters", "█" * 8 + " 2", stamp(_at(3.2))[5:], stamp(_at(2.2))[5:]],
            ["AP", "█" * 4 + " " * 4 + " 1", stamp(_at(1.2))[5:], stamp(_at(1.2))[5:]],
            ["World Health Organization", "cited by 2", "", ""],
        ]
        times = [stamp(_at(hours)) for hours in (1.2, 2.2, 3.2)]
        assert rows(table(app, "articles")) == [
            [times[0], "AP", "River flood: aid arrives"],
            [times[1], "Reuters", "Towns count flood damage"],
            [times[2], "Reuters", "Flood hits river towns"],
        ]


async def test_panel_columns_fit_rows_before_any_repaint(store: Store) -> None:
    detail = store.story_detail(1)
    assert detail is not None
    app = App()
    async with app.run_test(size=WIDE) as pilot:
        events = EventsTable(id="events")
        await app.mount(events)
        await pilot.pause()
        events.refill(detail)  # drawn at once, before the table's idle measurement
        assert events.render_line(0).text.split() == ["Date", "Type", "Reports", "Summary"]
        assert events.render_line(1).text.rstrip() == (
            "2025-03-01   Statement.Statement 1       Mayor Maria Lopez appealed for aid")


async def test_panel_columns_narrow_for_a_shorter_story(store: Store) -> None:
    detail = store.story_detail(1)
    assert detail is not None
    short = replace(detail, events=[replace(detail.events[0], summary="Aid")])
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        events = table(app, "events")
        app.dashboard.panels.show(short)
        await settle(pilot)
        # Date 10, Type 19, Reports 7 and a cell of gap each; Summary takes the rest of 69
        assert [column.width for column in events.ordered_columns] == [11, 20, 8, 30]
        assert events.virtual_size.width == events.scrollable_content_region.width == 69


async def test_j_k_and_arrows_move_and_reload_panels(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        stories = app.dashboard.story_list
        for key, expected in (("j", 2), ("down", 3), ("j", 4), ("k", 3), ("up", 2), ("k", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert stories.selected_id == expected, key
        await pilot.press("down", "down")
        await settle(pilot)
        assert rows(table(app, "events")) == []
        assert [row[:2] for row in rows(table(app, "sources"))] == [
            ["[link=file:///etc/passwd]y[/link]", "█" * 8 + " 1"]]


async def test_tab_cycles_panels_and_narrow_shows_one(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "stories"
        visited = []
        for _ in range(5):
            await pilot.press("tab")
            await settle(pilot)
            visited.append(app.focused.id if app.focused else None)
        assert visited == ["events", "actors", "sources", "articles", "stories"]
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "articles"
        shown = [name for name in ("events", "actors", "sources", "articles")
                 if table(app, name).display and table(app, name).region.height]
        assert shown == ["articles"]


async def test_wide_terminal_shows_every_panel(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for name in ("stories", "events", "actors", "sources", "articles"):
            assert table(app, name).region.height >= 5, name
        assert not app.dashboard.query_one("#panel-tabs").display


async def test_enter_on_article_opens_reader(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # the oldest: "Flood hits river towns"
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)

        def text(name: str) -> str:
            return str(reader.query_one(f"#{name}", Static).render())

        assert text("reader-title") == "Flood hits river towns"
        assert text("reader-meta") == f"Reuters · {stamp(_at(3.2))}"
        assert text("reader-url") == "https://news.example/a1"
        assert text("reader-text") == FLOOD_TEXT.replace("\n", "\n\n")
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is app.dashboard and app.is_running
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_export_writes_markdown_and_notifies(store: Store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        written = tmp_path / "wirewatch-story-1.md"
        assert written.is_file()
        assert "Flood hits river towns" in written.read_text(encoding="utf-8")
        messages = [n.message for n in app._notifications]
        assert f"Exported to {written}" in messages


async def test_help_lists_keys_and_closes(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = str(app.screen.query_one("#help-keys", Static).render())
        for line in ("j / ↓", "Move down", "e  ", "Export story", "Tab", "Next panel",
                     "r  ", "Poll now", "q  ", "Quit", "Esc / q", "Back"):
            assert line in listed, line
        assert "Export story" in screen_text(app) and "export" in listed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_q_quits(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keymap_from_settings_remaps(store: Store) -> None:
    app = make_app(store, keys={"cursor_down": "n", "quit": "x", "nonsense": "z"})
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "q")
        await settle(pilot)
        assert app.is_running and app.dashboard.story_list.selected_id == 1
        await pilot.press("n")
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == 2
        assert any("nonsense" in n.message for n in app._notifications)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = str(app.screen.query_one("#help-keys", Static).render())
        assert "n / ↓" in listed and "x  " in listed
        await pilot.press("escape", "x")
        await pilot.pause()
        assert not app.is_running


async def test_refresh_keeps_selection_marks_new_and_grown(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # story 3
        await settle(pilot)
        shows = []
        original = StoryList.show
        monkey = pytest.MonkeyPatch()
        monkey.setattr(StoryList, "show",
                       lambda self, *a, **k: (shows.append(1), original(self, *a, **k)))
        for _ in range(3):  # a burst of batches between two checks
            add_growth(store)
        app.check_changes()
        await settle(pilot)
        monkey.undo()
        assert len(shows) == 1
        listed = rows(table(app, "stories"))
        assert [row[-1] for row in listed][:4] == ["Flood hits river towns", "[bold]x[/]",
                                                  "Bridge reopens", HOSTILE[1]]
        assert [row[0] for row in listed][:4] == ["", "+1", "new", ""]
        assert app.dashboard.story_list.selected_id == 3
        assert app.dashboard.story_list.cursor_row == 3


async def test_poll_result_in_header(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(store)
    summary = SimpleNamespace(new=2, updated=1, new_stories=[7], grown_stories=[2],
                              failed=[SimpleNamespace(source="[bold]bad[/]")])
    monkeypatch.setattr(app, "_poll", lambda due_only: summary)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.sub_title.endswith(
            " · 2 new, 1 updated · 1 new stories, 1 grown · 1 failed ([bold]bad[/])")
        assert app.sub_title.startswith("1 source ok · polled ")  # "last fetch" gives way

        def boom(due_only: bool) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(app, "_poll", boom)
        await pilot.press("r")
        await settle(pilot)
        assert re.fullmatch(r"1 source ok · last fetch \d\d:\d\d · poll failed: disk on fire",
                            app.sub_title)
        assert app.is_running


async def test_empty_database_says_how_to_get_stories(tmp_path: Path) -> None:
    empty = Store.open(f"sqlite:///{tmp_path}/empty.db")
    app = make_app(empty)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert table(app, "stories").row_count == 0
        assert "no stories yet: press r to poll" in screen_text(app)
        await pilot.press("e", "j", "enter", "tab")
        await settle(pilot)
        assert app.is_running
        assert [n.message for n in app._notifications] == ["No story to export."]
    empty.close()


async def test_enter_on_story_focuses_panel_and_titles_count_rows(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        titles = [table(app, name).border_title for name in ("events", "actors", "sources",
                                                             "articles")]
        assert titles == ["Events (2)", "Actors (2) by articles", "Sources (3)", "Articles (3)"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is table(app, "events")
