"""The story list: one row per story, keyed by story id, with new/grown marks.

Contract: `StoryList.show(stories, marks, now, pinned, sparks)` replaces the
rows and keeps the cursor on the same story id when that story is still listed
(else on the same position). Followed (pinned) stories carry a ★; `sparks`
maps a story id to its activity series, drawn as a sparkline; a story with unread
articles shows how many ("New") and its title in bold. `selected_id` is
the story under the cursor. Cells are `Text`, never markup. The title takes the room the
other columns leave (`tui.widgets.columns`, measured again on every show and resize), cut
with an ellipsis. j/k move like the
arrows, PgUp/PgDn by a page, g/G to the first and last row. The cursor never leaves
row 0 of an empty list, so no key posts a highlight of a row that does not exist.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from feeds.read.views import StorySummary
from tui import keys
from tui.listing import spark
from tui.widgets.columns import fit_table
from tui.widgets.format import age, plain

COLUMNS = (("", "mark"), ("Heat", "spark"), ("Arts", "articles"), ("New", "unread"),
           ("Outl", "outlets"), ("Upd", "age"), ("Story", "title"))
TITLE_COLUMN = len(COLUMNS) - 1


def mark_text(mark: str, pinned: bool = False) -> Text:
    """The mark cell: ★ if followed, "new" for a new story, "+N" for N articles since."""
    text = Text("★" if pinned else "", style="bold cyan")
    text.append(mark, style="bold green" if mark == "new" else "bold yellow")
    return text


def title_text(story: StorySummary) -> Text:
    """The title cell: bold while the story has unread articles."""
    text = plain(story.title)
    if story.unread:
        text.stylize("bold")
    return text


def count_label(count: int) -> str:
    """The list's subtitle: how many stories, or how to get some."""
    if count == 0:
        return "no stories yet: press r to poll"
    return "1 story" if count == 1 else f"{count} stories"


class StoryList(DataTable[Text]):
    """The list of stories, hottest first."""

    BINDINGS = keys.TABLE_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", cursor_foreground_priority="renderable",
                         cell_padding=0)
        self.border_title = "Stories"
        self.pinned: frozenset[int] = frozenset()
        self._ids: list[int] = []
        self._cells: dict[int, tuple[Text, ...]] = {}

    def on_mount(self) -> None:
        """Create the columns."""
        for label, key in COLUMNS:
            self.add_column(label, key=key)

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        """The cursor clamped to the table, and to row 0 when it is empty: Textual's clamp
        gives row -1 there (`k`, `G`), whose `RowHighlighted` has no row key."""
        row, column = super().validate_cursor_coordinate(value)
        return Coordinate(max(row, 0), max(column, 0))

    @property
    def selected_id(self) -> int | None:
        """The story id under the cursor, or None when the list is empty."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def show(self, stories: list[StorySummary], marks: dict[int, str], now: datetime,
             pinned: frozenset[int] = frozenset(), sparks: dict[int, list[int]] | None = None,
             total: int | None = None, more: bool = False) -> None:
        """Replace the rows, keeping the cursor on the same story where possible."""
        keep_id, keep_row = self.selected_id, self.cursor_row
        self.pinned = pinned
        sparks = sparks or {}
        rows = [(story.id, (mark_text(marks.get(story.id, ""), story.id in pinned),
                            Text(spark(sparks.get(story.id, [])), style="green"),
                            Text(str(story.articles)),
                            Text(str(story.unread) if story.unread else "", style="bold"),
                            Text(str(story.outlets)), Text(age(story.last_seen, now)),
                            title_text(story)))
                for story in stories]
        self._update_rows(rows)
        self.fit_columns()
        self.show_total(len(stories), total, more)
        if not self.row_count:
            return
        target = min(keep_row, self.row_count - 1)
        if keep_id is not None:
            with suppress(RowDoesNotExist):
                target = self.get_row_index(str(keep_id))
        self.move_cursor(row=target, animate=False, scroll=True)

    def fit_columns(self) -> None:
        """The title takes the room the other columns leave (see the module's contract)."""
        fit_table(self, TITLE_COLUMN, list(self._cells.values()))

    def on_resize(self) -> None:
        """The room changed: size the columns again."""
        self.fit_columns()

    def show_total(self, listed: int, total: int | None, more: bool = False) -> None:
        """The subtitle: "N stories", "N of M stories", or "N+ stories" while counting."""
        label = count_label(listed if total is None else total)
        if more:
            label = f"{listed}+ stories"
        elif total is not None and total > listed:
            label = f"{listed} of {label}"
        self.border_subtitle = label

    def _update_rows(self, rows: list[tuple[int, tuple[Text, ...]]]) -> None:
        """Show `rows`: when the listed ids are unchanged or only extended (a refresh, the
        next page), change just the cells that differ and append; else rebuild."""
        ids = [story_id for story_id, _ in rows]
        if not self._ids or ids[:len(self._ids)] != self._ids:
            self.clear()
            self._ids, self._cells = [], {}
        for story_id, cells in rows[:len(self._ids)]:
            before = self._cells[story_id]
            for (_, column), old, new in zip(COLUMNS, before, cells, strict=True):
                if old != new:
                    self.update_cell(str(story_id), column, new)
            self._cells[story_id] = cells
        for story_id, cells in rows[len(self._ids):]:
            self.add_row(*cells, key=str(story_id))
            self._cells[story_id] = cells
        self._ids = ids

    def clear_mark(self, story_id: int) -> None:
        """Remove the new/grown mark of one story (it has been looked at)."""
        cell = mark_text("", story_id in self.pinned)
        try:
            self.update_cell(str(story_id), "mark", cell)
        except CellDoesNotExist:
            return
        if story_id in self._cells:
            self._cells[story_id] = (cell, *self._cells[story_id][1:])
