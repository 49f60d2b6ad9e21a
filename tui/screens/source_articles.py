"""One source's latest articles: date, title and the story each belongs to.

Contract: `SourceArticlesScreen(store, name)` reads `Store.source_articles(name)` (the
newest `LIMIT`, newest first) in a thread worker and lists them as plain text: Date
(local time, or "—"), Title, Story ("#ID title"), and "muted" for an article `[[mute]]`
rules hide (listed here, dimmed, so the user sees what a rule took away). Enter on an
article posts `OpenArticle` (the app opens the reader: screens do not import each other);
Esc goes back to the sources screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from feeds.read.views import SourceArticle
from feeds.store import Store
from tui import keys
from tui.messages import OpenArticle
from tui.widgets.format import clean, plain, stamp
from tui.widgets.panels import fit_columns

LIMIT = 200
COLUMNS = ("Date", "Title", "Story", "")


class SourceArticlesTable(DataTable[Text]):
    """One row per article."""

    BINDINGS = keys.TABLE_BINDINGS


def story_text(item: SourceArticle) -> Text:
    """ "#12 Flood hits river towns", or "—" for an article in no story."""
    if item.story_id is None:
        return Text("—")
    return plain(f"#{item.story_id} {clean(item.story_title)}")


class SourceArticlesScreen(Screen[None]):
    """A source's newest articles, full screen."""

    BINDINGS = keys.SOURCE_ARTICLES_BINDINGS

    def __init__(self, store: Store, name: str) -> None:
        super().__init__()
        self.store = store
        self.source_name = name

    def compose(self) -> ComposeResult:
        """Header, the table, footer."""
        yield Header(show_clock=True)
        table = SourceArticlesTable(id="source-articles", cursor_type="row")
        table.border_title = Text(f"{clean(self.source_name)}: latest articles")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Create the columns, read the articles."""
        table = self.query_one(SourceArticlesTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="source-articles", exit_on_error=False)
    def load(self) -> None:
        """Read the articles off the event loop."""
        try:
            items = self.store.source_articles(self.source_name, LIMIT)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot read articles: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, items)

    def show(self, items: list[SourceArticle]) -> None:
        """Fill the table, newest first."""
        table = self.query_one(SourceArticlesTable)
        table.clear()
        for item in items:
            style = "dim" if item.muted else ""
            table.add_row(Text(stamp(item.article.published), style=style),
                          plain(item.article.title, style), story_text(item),
                          Text("muted" if item.muted else "", style="italic"),
                          key=str(item.article.id))
        fit_columns(table)
        muted = sum(1 for item in items if item.muted)
        table.border_subtitle = (f"{len(items)} article{'s' if len(items) != 1 else ''}"
                                 + (f" · {muted} muted" if muted else ""))

    @on(DataTable.RowSelected, "#source-articles")
    def article_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an article: the reader (opened by the app)."""
        if event.row_key.value is not None:
            self.post_message(OpenArticle(int(event.row_key.value)))

    def action_close(self) -> None:
        """Back to the sources screen."""
        self.dismiss()
