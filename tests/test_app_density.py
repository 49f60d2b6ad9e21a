"""Density of the dashboard (issue 24 item 8), through the running app with Pilot.

The fixture database plus one story with a long title. At 120x40 and 160x48 the
title column gets every cell the other columns do not need (exact widths), the long
title is cut with an ellipsis, no table has a horizontal scrollbar or a virtual width
beyond its room, the widths follow a resize, and the focused table is marked (heavy
accent border, title on an accent bar, bright cursor row) while the others are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import DataTable

from feeds.ingest.rebuild import commit_batches
from feeds.model import Extraction
from feeds.store import Batch, ProcessedArticle, SourceUpdate, Store
from tests.fixtures_app import _article, build_store
from tests.test_app import make_app, settle
from tui.app import WirewatchApp
from tui.widgets.columns import plan_widths

LONG = ("Parliament votes on the emergency budget after a night of talks between the "
        "coalition partners and the opposition")
OTHERS = [1, 9, 5, 4, 5, 4]
"""The story list's columns before the title: mark, Heat (8 cells), Arts, New, Outl, Upd,
each its widest cell or label and one cell of gap."""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The six-story fixture plus story 7, titled `LONG`."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    article = _article("long", LONG, "Agence France-Presse", 0.1, "Text.")
    commit_batches(built, Batch(SourceUpdate(name="wire", kind="folder", location="/srv/wire"),
                                articles=[ProcessedArticle(article, Extraction(), 7)], new_count=1))
    yield built
    built.close()


def shown_tables(app: WirewatchApp) -> list[DataTable]:
    """The dashboard's tables that are on screen."""
    return [t for t in app.dashboard.query(DataTable) if t.display and t.region.width]


def list_line(app: WirewatchApp, title_start: str) -> str:
    """The story list's screen line of the story whose title starts so."""
    stories = app.dashboard.story_list
    lines = [stories.render_line(y).text for y in range(stories.size.height)]
    return next(line for line in lines if title_start in line)


@pytest.mark.parametrize(("size", "title", "pane"), [((120, 40), 29, 60), ((160, 48), 57, 88)])
async def test_title_takes_the_room_the_columns_leave(store: Store, size: tuple[int, int],
                                                      title: int, pane: int) -> None:
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        stories = app.dashboard.story_list
        assert stories.region.width == pane  # the panels keep 45% (at least 60 columns)
        assert stories.scrollable_content_region.width == pane - 3  # border, scrollbar gutter
        assert [c.width for c in stories.ordered_columns] == [*OTHERS, title]
        assert sum(OTHERS) + title == pane - 3
        line = list_line(app, "Parliament")
        assert line.endswith(LONG[:title - 1] + "… ")  # cut at the column, then the gutter


@pytest.mark.parametrize("size", [(120, 40), (160, 48), (200, 50)])
async def test_no_table_scrolls_sideways(store: Store, size: tuple[int, int]) -> None:
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for step in ("", "j", "tab", "tab", "tab", "tab"):  # the long story's panels too
            if step:
                await pilot.press(step)
                await settle(pilot)
            tables = shown_tables(app)
            assert [t.id for t in tables] == ["stories", "events", "actors", "sources",
                                              "articles"]
            for table in tables:
                room = table.scrollable_content_region.width
                assert not table.show_horizontal_scrollbar, (table.id, step)
                assert table.virtual_size.width == room, (table.id, step)
                assert table.scrollbars_enabled == (table.show_vertical_scrollbar, False)


async def test_widths_follow_a_resize(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        stories = app.dashboard.story_list
        assert stories.ordered_columns[-1].width == 57
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert stories.ordered_columns[-1].width == 29
        events = app.dashboard.query_one("#events", DataTable)
        assert events.virtual_size.width == events.scrollable_content_region.width == 57
        assert not any(t.show_horizontal_scrollbar for t in shown_tables(app))
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert stories.ordered_columns[-1].width == 57
        assert events.virtual_size.width == 69


def cursor_style(table: DataTable) -> Style:
    """The style of the cursor row's first cell as drawn."""
    line = table.render_line(table.header_height + table.cursor_row - int(table.scroll_y))
    return next(seg.style for seg in line if seg.text.strip() and seg.style)


async def test_focused_table_is_unmistakable(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        for focus in ("stories", "events", "actors"):
            tables = {t.id: t for t in shown_tables(app)}
            assert app.focused is tables[focus]
            for name, table in tables.items():
                edges = {edge for edge, _ in (table.styles.border_top, table.styles.border_left,
                                              table.styles.border_bottom)}
                assert edges == ({"heavy"} if name == focus else {"round"}), name
            focused, other = tables[focus], tables["sources"]
            assert focused.styles.border_title_background != other.styles.border_title_background
            assert focused.styles.border_top[1] == focused.styles.border_title_background
            bright, dim = cursor_style(focused), cursor_style(other)
            assert bright.bgcolor != dim.bgcolor and bright.color != dim.color
            await pilot.press("tab")
            await settle(pilot)


def test_plan_widths_gives_the_rest_to_the_flex_column() -> None:
    assert plan_widths([2, 5, 10], 40, 2) == [2, 5, 33]  # more room than needed: the flex
    assert plan_widths([2, 5, 30], 20, 2) == [2, 5, 13]  # cut to fit
    assert plan_widths([20, 8, 30], 22, 2) == [5, 5, 12]  # flex keeps 12, widest cut first
    assert plan_widths([4, 4, 4], 2, 0) == [1, 1, 1]  # no room: one cell each, over
    assert plan_widths([3, 9], 0, 1) == [3, 9]  # not laid out yet: natural
