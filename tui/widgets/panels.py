"""The selected story: its card line above four panels, Events, Actors, Sources, Articles.

Contract: `StoryPanels.show(detail)` fills the card line (`tui.widgets.card`, hidden
when the story has no card) and every panel from a `StoryDetail` (None empties
them); `StoryPanels.select(name)` makes a panel the current one (on narrow
terminals only the current panel shows, under a tab strip; on wide ones all four
show in a grid). Each panel is a `DataTable` of `Text` cells, so feed text is
never parsed as markup. Events name their type in the ontology ("Conflict.Attack").
The Articles table is keyed by article id; Enter on it posts
`DataTable.RowSelected`. Actors sort by articles, mentions, name or kind (`s` on
the panel, or a click on a column header); Sources show each outlet's articles as
a bar with its first and latest report.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import DataTable, Tab, Tabs

from feeds.read.serialize import figures_text
from feeds.read.views import ActorView, StoryDetail
from tui import keys
from tui.widgets.card import CardLine
from tui.widgets.columns import fit_table
from tui.widgets.format import plain, stamp

PANELS = ("events", "actors", "sources", "articles")
DATE_UNKNOWN = "date unknown"


def fit_columns(table: DataTable[Text]) -> None:
    """Size every column of `table` to its widest cell now, before the next repaint.

    Textual measures new rows only when idle, caches rows rendered before that at
    the old widths, and never narrows a column; so a repaint between filling and
    idle left columns clipped ("202…") and a short story kept a long one's widths.
    """
    for index, column in enumerate(table.ordered_columns):
        widths = [column.label.cell_len]
        widths.extend(cell.cell_len if isinstance(cell, Text) else len(str(cell))
                      for cell in table.get_column_at(index))
        column.auto_width = False
        column.width = max(widths)
    table.refresh()


class PanelTable(DataTable[Text]):
    """A read-only table with row cursor and j/k."""

    BINDINGS = keys.TABLE_BINDINGS
    COLUMNS: tuple[str, ...] = ()
    TITLE = ""
    FLEX = -1
    """The column that takes the room the others leave (`tui.widgets.columns`)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", classes="panel", cell_padding=0)
        self.border_title = self.TITLE

    def on_mount(self) -> None:
        """Create the columns."""
        self.add_columns(*self.COLUMNS)

    def fill(self, detail: StoryDetail) -> None:
        """Add the rows of `detail` (the table is empty)."""
        raise NotImplementedError

    def refill(self, detail: StoryDetail | None) -> None:
        """Replace the rows with those of `detail` and size the columns to them."""
        self.clear()
        if detail is not None:
            self.fill(detail)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns to the rows and the room now, before the next repaint: Textual
        would measure new rows only when idle, never narrow a column, and let a long cell
        grow a horizontal scrollbar."""
        fit_table(self, self.FLEX % len(self.COLUMNS))

    def on_resize(self) -> None:
        """The room changed: size the columns again."""
        self.fit_columns()


class EventsTable(PanelTable):
    """The story's timeline."""

    COLUMNS = ("Date", "Type", "Reports", "Summary")
    TITLE = "Events"
    FLEX = 3

    def fill(self, detail: StoryDetail) -> None:
        """One row per event, in timeline order."""
        for event in detail.events:
            place = f" @ {event.place}" if event.place else ""
            self.add_row(plain(event.date or DATE_UNKNOWN), plain(event.type),
                         Text(str(event.articles)),
                         plain(f"{event.summary}{place}{figures_text(event.figures)}"))


ACTOR_SORTS: dict[str, tuple[str, object]] = {
    "articles": ("Articles", lambda a: (-a.articles, -a.mentions, a.name)),
    "mentions": ("Mentions", lambda a: (-a.mentions, -a.articles, a.name)),
    "outlets": ("Outlets", lambda a: (-a.outlets, -a.articles, a.name)),
    "name": ("Name", lambda a: (a.name.casefold(), a.kind)),
    "kind": ("Kind", lambda a: (a.kind, -a.articles, a.name)),
}


class ActorsTable(PanelTable):
    """Who the story is about; sortable."""

    BINDINGS = keys.ACTOR_BINDINGS
    COLUMNS = ("Name", "Kind", "Role", "Mentions", "Articles", "Outlets")
    TITLE = "Actors"
    FLEX = 0

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.sort = "articles"
        self.detail: StoryDetail | None = None

    def sorted_actors(self, actors: list[ActorView]) -> list[ActorView]:
        """The actors in the current order."""
        return sorted(actors, key=ACTOR_SORTS[self.sort][1])  # type: ignore[arg-type]

    def fill(self, detail: StoryDetail) -> None:
        """One row per actor, in the current order."""
        self.detail = detail
        for actor in self.sorted_actors(detail.actors):
            self.add_row(plain(actor.name), plain(actor.kind), plain(actor.role or "—"),
                         Text(str(actor.mentions)), Text(str(actor.articles)),
                         Text(str(actor.outlets)))

    def title_text(self) -> str:
        """"Actors (N) by mentions"."""
        return f"{self.TITLE} ({self.row_count}) by {ACTOR_SORTS[self.sort][0].lower()}"

    def sort_by(self, sort: str) -> None:
        """Re-sort the rows already shown (no database access)."""
        self.sort = sort
        self.refill(self.detail)
        if self.detail is not None:
            self.border_title = self.title_text()

    def action_cycle_sort(self) -> None:
        """`s` on the panel: the next order."""
        names = list(ACTOR_SORTS)
        self.sort_by(names[(names.index(self.sort) + 1) % len(names)])

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column header sorts by it (where that makes sense)."""
        event.stop()
        label = str(event.label).lower()
        if label in ACTOR_SORTS:
            self.sort_by(label)


def short_stamp(value: object) -> str:
    """Month, day and time, "03-01 14:05" (the year is rarely news)."""
    full = stamp(value)  # type: ignore[arg-type]
    return full[5:] if len(full) == 16 else full


def bar(count: int, top: int, width: int = 8) -> Text:
    """`count` as a bar scaled to `top`, then the number."""
    cells = max(1, round(width * count / top)) if top and count else 0
    text = Text("█" * cells, style="blue")
    text.append(" " * (width - cells) + f" {count}")
    return text


class SourcesTable(PanelTable):
    """Outlets that report the story, with bars and first/latest report, then cited bodies."""

    COLUMNS = ("Source", "Articles", "First", "Latest")
    TITLE = "Sources"
    FLEX = 0

    def fill(self, detail: StoryDetail) -> None:
        """Outlets with their article counts, then cited bodies."""
        top = max((o.articles for o in detail.outlets), default=0)
        for outlet in detail.outlets:
            self.add_row(plain(outlet.name), bar(outlet.articles, top),
                         Text(short_stamp(outlet.first_report)),
                         Text(short_stamp(outlet.latest_report)))
        for name, count in detail.cited:
            self.add_row(plain(name), Text(f"cited by {count}", style="italic"), Text(""),
                         Text(""))


class ArticlesTable(PanelTable):
    """The story's articles, newest first; Enter opens one."""

    COLUMNS = ("Time", "Outlet", "Title")
    TITLE = "Articles"
    FLEX = 2

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.urls: dict[int, str | None] = {}
        self.titles: dict[int, str] = {}
        self.newest_url: str | None = None

    def selected_url(self) -> str | None:
        """The URL of the article under the cursor."""
        article_id = self.selected_id()
        return self.urls.get(article_id) if article_id is not None else None

    def selected_id(self) -> int | None:
        """The id of the article under the cursor."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value else None

    def selected_title(self) -> str:
        """The title of the article under the cursor."""
        return self.titles.get(self.selected_id() or 0, "")

    def fill(self, detail: StoryDetail) -> None:
        """One row per article, keyed by article id."""
        self.urls = {article.id: article.url for article in detail.articles}
        self.titles = {article.id: article.title for article in detail.articles}
        self.newest_url = next((a.url for a in detail.articles if a.url), None)
        for article in detail.articles:
            self.add_row(Text(stamp(article.published)), plain(article.outlet or "—"),
                         plain(article.title), key=str(article.id))


class StoryPanels(Container):
    """The card line, a tab strip and the four panels; which show depends on the width."""

    def compose(self) -> ComposeResult:
        """The card line, the tab strip, then the panels."""
        yield CardLine(id="card")
        tabs = Tabs(*(Tab(name.title(), id=f"tab-{name}") for name in PANELS), id="panel-tabs")
        tabs.can_focus = False
        yield tabs
        with Container(id="panel-grid"):
            yield EventsTable(id="events")
            yield ActorsTable(id="actors")
            yield SourcesTable(id="sources")
            yield ArticlesTable(id="articles")

    def on_mount(self) -> None:
        """Events is the current panel at first."""
        self.select("events")

    def table(self, name: str) -> PanelTable:
        """One panel by name."""
        return self.query_one(f"#{name}", PanelTable)

    def select(self, name: str) -> None:
        """Make `name` the current panel (the one shown on narrow terminals)."""
        for other in PANELS:
            self.table(other).set_class(other == name, "-current")
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        """A click on the tab strip selects that panel."""
        event.stop()
        if event.tab.id:
            self.select(event.tab.id.removeprefix("tab-"))

    def show(self, detail: StoryDetail | None, *, keep_cursor: bool = False) -> None:
        """Fill the card line and every panel from `detail`; `keep_cursor` keeps each cursor
        row (a refresh)."""
        self.query_one(CardLine).show(detail.card if detail else None)
        for name in PANELS:
            table = self.table(name)
            row = table.cursor_row if keep_cursor else 0
            if isinstance(table, ActorsTable):
                table.detail = detail
            table.refill(detail)
            table.border_title = f"{table.TITLE} ({table.row_count})" if detail else table.TITLE
            if isinstance(table, ActorsTable) and detail:
                table.border_title = table.title_text()
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1), animate=False)
