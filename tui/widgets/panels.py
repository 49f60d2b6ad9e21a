"""The four panels of the selected story: Events, Actors, Sources, Articles.

Contract: `StoryPanels.show(detail)` fills every panel from a `StoryDetail`
(None empties them); `StoryPanels.select(name)` makes a panel the current one
(on narrow terminals only the current panel shows, under a tab strip; on wide
ones all four show in a grid). Each panel is a `DataTable` of `Text` cells, so
feed text is never parsed as markup. The Articles table is keyed by article
id; Enter on it posts `DataTable.RowSelected`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import DataTable, Tab, Tabs

from feeds.views import StoryDetail
from tui import keys
from tui.widgets.format import plain, stamp

PANELS = ("events", "actors", "sources", "articles")
DATE_UNKNOWN = "date unknown"


class PanelTable(DataTable[Text]):
    """A read-only table with row cursor and j/k."""

    BINDINGS = keys.TABLE_BINDINGS
    COLUMNS: tuple[str, ...] = ()
    TITLE = ""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", classes="panel")
        self.border_title = self.TITLE

    def on_mount(self) -> None:
        """Create the columns."""
        self.add_columns(*self.COLUMNS)

    def fill(self, detail: StoryDetail) -> None:
        """Replace the rows from `detail`."""
        raise NotImplementedError


class EventsTable(PanelTable):
    """The story's timeline."""

    COLUMNS = ("Date", "Type", "Reports", "Summary")
    TITLE = "Events"

    def fill(self, detail: StoryDetail) -> None:
        """One row per event, in timeline order."""
        for event in detail.events:
            self.add_row(plain(event.date or DATE_UNKNOWN), plain(event.type),
                         Text(str(event.articles)), plain(event.summary))


class ActorsTable(PanelTable):
    """Who the story is about."""

    COLUMNS = ("Name", "Kind", "Role", "Mentions", "Articles")
    TITLE = "Actors"

    def fill(self, detail: StoryDetail) -> None:
        """One row per actor, most reported first."""
        for actor in detail.actors:
            self.add_row(plain(actor.name), plain(actor.kind), plain(actor.role or "—"),
                         Text(str(actor.mentions)), Text(str(actor.articles)))


class SourcesTable(PanelTable):
    """Outlets that report the story, then bodies its articles cite."""

    COLUMNS = ("Source", "As", "Articles")
    TITLE = "Sources"

    def fill(self, detail: StoryDetail) -> None:
        """Outlets with their article counts, then cited bodies."""
        for outlet in detail.outlets:
            self.add_row(plain(outlet.name), Text("outlet"), Text(str(outlet.articles)))
        for name, count in detail.cited:
            self.add_row(plain(name), Text("cited", style="italic"), Text(str(count)))


class ArticlesTable(PanelTable):
    """The story's articles, newest first; Enter opens one."""

    COLUMNS = ("Time", "Outlet", "Title")
    TITLE = "Articles"

    def fill(self, detail: StoryDetail) -> None:
        """One row per article, keyed by article id."""
        for article in detail.articles:
            self.add_row(Text(stamp(article.published)), plain(article.outlet or "—"),
                         plain(article.title), key=str(article.id))


class StoryPanels(Container):
    """A tab strip and the four panels; which show depends on the width."""

    def compose(self) -> ComposeResult:
        """The tab strip, then the panels."""
        tabs = Tabs(*(Tab(name.title(), id=f"tab-{name}") for name in PANELS), id="panel-tabs")
        tabs.can_focus = False
        yield tabs
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
        """Fill every panel from `detail`; `keep_cursor` keeps each cursor row (a refresh)."""
        for name in PANELS:
            table = self.table(name)
            row = table.cursor_row if keep_cursor else 0
            table.clear()
            if detail is not None:
                table.fill(detail)
            table.border_title = f"{table.TITLE} ({table.row_count})" if detail else table.TITLE
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1), animate=False)
