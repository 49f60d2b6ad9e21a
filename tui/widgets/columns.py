"""Column widths computed from the room a table has, so no table scrolls sideways.

Contract: `plan_widths(natural, room, flex)` is the pure rule: every column gets its
natural width (its widest cell or label, plus one cell of gap) and the `flex` column
gets the rest of `room`, however much that is; when the room is short, the flex column
gives way first (down to `FLEX_FLOOR`), then the widest of the others, one cell at a
time, until the columns fit or every column is one cell wide. `fit_table(table, flex)`
measures a `DataTable` of `Text` cells, plans for its content width (the room left by
its border and the stable gutter of its vertical scrollbar) and applies the widths, so
the table's virtual width never exceeds its room: a long cell is cut with an ellipsis
(cells are `plain` text, `overflow="ellipsis"`) instead of growing a scrollbar. Tables
call it after their rows change and on every resize; before the first layout (no room
yet) the natural widths are used.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable

GAP = 1
"""Cells between two columns (tables use `cell_padding = 0`; this gap is each column's
last cell)."""
FLEX_FLOOR = 12
"""The flex column keeps this much before any other column is cut."""


def plan_widths(natural: Sequence[int], room: int, flex: int) -> list[int]:
    """The width of each column (see the module's contract)."""
    widths = list(natural)
    if room <= 0 or not widths:
        return widths
    others = sum(widths) - widths[flex]
    widths[flex] = max(room - others, min(widths[flex], FLEX_FLOOR), 1)
    while sum(widths) > room:
        cuttable = [i for i, w in enumerate(widths) if w > 1 and i != flex]
        if not cuttable:
            if widths[flex] <= 1:
                break
            widths[flex] -= 1
            continue
        widest = max(cuttable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def cell_width(cell: object) -> int:
    """The cells a table cell takes on one line."""
    return cell.cell_len if isinstance(cell, Text) else len(str(cell))


def natural_widths(table: DataTable[Text], rows: Sequence[Sequence[object]] | None = None
                   ) -> list[int]:
    """Each column's widest label or cell, plus the gap (`rows`: the cells, when the caller
    keeps them; else read from the table)."""
    columns = table.ordered_columns
    widest = [column.label.cell_len for column in columns]
    source = rows if rows is not None else (table.get_row_at(i) for i in range(table.row_count))
    for row in source:
        for index, cell in enumerate(row):
            width = cell_width(cell)
            if width > widest[index]:
                widest[index] = width
    return [width + GAP for width in widest]


def room_of(table: DataTable[Text]) -> int:
    """The cells a row can take without scrolling sideways (0 before the first layout)."""
    return max(table.scrollable_content_region.width, 0)


def fit_table(table: DataTable[Text], flex: int,
              rows: Sequence[Sequence[object]] | None = None) -> list[int]:
    """Size `table`'s columns to its room (see the module's contract); returns the widths."""
    widths = plan_widths(natural_widths(table, rows), room_of(table), flex)
    columns = table.ordered_columns
    changed = False
    for column, width in zip(columns, widths, strict=True):
        changed |= column.auto_width or column.width != width
        column.auto_width = False
        column.width = width
    total = sum(widths) + 2 * table.cell_padding * len(widths)
    if table.virtual_size.width != total:
        table.virtual_size = Size(total, table.virtual_size.height)
    if changed:
        # Textual caches rendered cells by its update count, not by width (its own resize
        # handler bumps the count): start afresh so no row keeps its old widths.
        table._clear_caches()
    return widths
