"""The search box: full-text search of article titles and texts from the dashboard.

Contract: `SearchScreen(store, query)` shows a box (filled with `query`) over the
results. Typing searches after a short pause (`SEARCH_DELAY`), Enter at once and moves
to the results; the query runs in a thread worker (`Store.search`, one at a time: a newer
query cancels the wait for an older one, whose answer is dropped), so the screen never
blocks. Results are grouped by story, matched words highlighted (`tui.widgets.
search_results`). Enter on a result dismisses the screen with a `SearchChoice` naming the
story or article, Esc with one naming none; either way it carries the query, so the app
can open the story (or the article in the reader) and offer the same query next time.
This module imports no other screen: the app acts on the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static

from feeds.store import SearchError, Store
from tui import keys
from tui.messages import SearchFound
from tui.widgets.search_results import ResultList, choice

SEARCH_DELAY = 0.25
RESULT_STORIES = 30
EMPTY_STATUS = "Type words: every one must be in the article's title or text."


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """What the search screen was left with: the query, and the story or article chosen
    ("story" / "article" and its id, and the story it belongs to) or none."""

    query: str
    kind: str | None = None
    item_id: int | None = None
    story_id: int | None = None


def status_line(found: SearchFound) -> str:
    """What the search found, in one line."""
    if found.error:
        return found.error
    if not found.groups:
        return f"No article holds every word of {found.query!r}."
    articles = sum(len(group.matches) for group in found.groups)
    stories = "1 story" if len(found.groups) == 1 else f"{len(found.groups)} stories"
    return (f"{stories}, {articles} matching article{'s' if articles != 1 else ''} "
            "(best first; Enter opens)")


class SearchScreen(Screen[SearchChoice]):
    """A search box over the stories and articles it finds."""

    BINDINGS = keys.SEARCH_BINDINGS

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__()
        self.store = store
        self.initial = query
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """The box, one status line, the results."""
        yield Input(self.initial, placeholder="search article titles and texts: words "
                    "(Enter: results, Esc: back)", id="search-box")
        yield Static(EMPTY_STATUS, id="search-status", markup=False)
        yield ResultList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        """Type into the box; search for the query it opened with."""
        self.query_one("#search-box", Input).focus()
        if self.initial.strip():
            self.run_search(self.initial.strip())

    @property
    def query_text(self) -> str:
        """The words in the box."""
        return self.query_one("#search-box", Input).value.strip()

    @on(Input.Changed, "#search-box")
    def box_changed(self, event: Input.Changed) -> None:
        """Search as you type, after a short pause (a burst of keys searches once)."""
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        if query:
            self._timer = self.set_timer(SEARCH_DELAY, lambda: self.run_search(query))
        else:
            self.query_one("#search-status", Static).update(EMPTY_STATUS)
            self.query_one(ResultList).show([])

    @on(Input.Submitted, "#search-box")
    def box_submitted(self, event: Input.Submitted) -> None:
        """Enter: search now, then move to the results."""
        if self._timer is not None:
            self._timer.stop()
        if self.query_text:
            self.run_search(self.query_text)
        self.query_one(ResultList).focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Ask the store off the event loop; the answer comes back as `SearchFound`."""
        try:
            self.post_message(SearchFound(query, self.store.search(query, RESULT_STORIES)))
        except SearchError as exc:
            self.post_message(SearchFound(query, [], str(exc)))
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.post_message(SearchFound(query, [], f"Cannot search: {exc}"))

    def on_search_found(self, message: SearchFound) -> None:
        """Show the results if the box still holds that query."""
        if message.query != self.query_text:
            return
        self.query_one("#search-status", Static).update(status_line(message))
        self.query_one(ResultList).show(message.groups)

    @on(OptionList.OptionSelected, "#search-results")
    def result_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a story opens it in the dashboard, on an article in the reader."""
        chosen = choice(event.option_id)
        if chosen is not None:
            kind, item_id = chosen
            story_id = item_id if kind == "story" else self.query_one(ResultList).story_of.get(
                item_id)
            self.dismiss(SearchChoice(self.query_text, kind, item_id, story_id))

    def action_close(self) -> None:
        """Esc: back to the dashboard."""
        self.dismiss(SearchChoice(self.query_text))
