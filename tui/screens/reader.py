"""The article reader: clean text, outlet, date and URL of one article.

Contract: `ReaderScreen(store, article_id)` reads the article in a thread
worker and shows it as plain text (never markup). Esc or q goes back; j/k and
the arrows scroll; `o` opens its URL in the browser (posts `OpenUrl`: the app
opens it; screens do not import each other). Texts longer than `MAX_CHARS` are cut with a note.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from feeds.read.views import ArticleView
from feeds.store import Store
from tui import keys
from tui.messages import OpenUrl
from tui.widgets.format import clean, plain, stamp

MAX_CHARS = 200_000


def meta_line(article: ArticleView) -> str:
    """Outlet · date (or "date unknown") · the outlet it came via, if any."""
    parts = [clean(article.outlet) or "unknown outlet"]
    when = stamp(article.published)
    parts.append(when if article.published else "date unknown")
    if article.via:
        parts.append(f"via {clean(article.via)}")
    return " · ".join(parts)


def body_text(article: ArticleView) -> str:
    """The article text, cut at MAX_CHARS, paragraphs separated by blank lines."""
    text = article.text if len(article.text) <= MAX_CHARS else (
        article.text[:MAX_CHARS] + "\n[… text cut: too long to show]")
    return "\n\n".join(line for line in text.split("\n") if line.strip())


class ReaderScreen(Screen[None]):
    """One article, full screen."""

    BINDINGS = keys.READER_BINDINGS

    def __init__(self, store: Store, article_id: int) -> None:
        super().__init__()
        self.store = store
        self.article_id = article_id
        self.url: str | None = None

    def compose(self) -> ComposeResult:
        """Title, meta line, URL, text, in one scrolling column."""
        with VerticalScroll(id="reader"):
            yield Static("Loading…", id="reader-title", markup=False)
            yield Static("", id="reader-meta", markup=False)
            yield Static("", id="reader-url", markup=False)
            yield Static("", id="reader-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Start reading the article; focus the scroller."""
        self.query_one("#reader", VerticalScroll).focus()
        self.load_article()

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def load_article(self) -> None:
        """Read the article off the event loop."""
        try:
            article = self.store.article(self.article_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self.show_article, article)

    def show_article(self, article: ArticleView | None) -> None:
        """Fill the reader (or say the article is gone)."""
        if article is None:
            self.show_error("This article is no longer in the database.")
            return
        self.query_one("#reader-title", Static).update(plain(article.title, one_line=False))
        self.query_one("#reader-meta", Static).update(plain(meta_line(article)))
        self.query_one("#reader-url", Static).update(plain(article.url or "no URL"))
        self.url = article.url
        self.query_one("#reader-text", Static).update(plain(body_text(article), one_line=False))

    def show_error(self, text: str) -> None:
        """Say why the article cannot be shown."""
        self.query_one("#reader-title", Static).update(plain(text, one_line=False))

    def action_open_url(self) -> None:
        """Open the article's URL in the browser."""
        self.post_message(OpenUrl(self.url))

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss()

    def action_scroll_down(self) -> None:
        """Scroll the text down one line."""
        self.query_one("#reader", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the text up one line."""
        self.query_one("#reader", VerticalScroll).scroll_up()
