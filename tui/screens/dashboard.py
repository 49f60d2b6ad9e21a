"""The dashboard: story list, the selected story's panels, header and footer.

Contract: `DashboardScreen(store)` shows what `StoriesLoaded` messages bring
(posted by the app's change watcher) and reads the selected story's detail in
a thread worker. The cursor stays on the same story id across refreshes. A
story that appeared since the first load is marked "new", one that received
articles since it was last under the cursor "+N". Tab / Shift+Tab cycle focus
through the story list and the four panels; Enter on an article opens the
reader; `e` exports the selected story as Markdown in a worker.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from feeds.store import Store
from feeds.views import StorySummary
from tui import keys
from tui.messages import DetailLoaded, StoriesLoaded
from tui.screens.reader import ReaderScreen
from tui.widgets.panels import PANELS, ArticlesTable, PanelTable, StoryPanels
from tui.widgets.story_list import StoryList

FOCUS_ORDER = ("stories", *PANELS)


def compute_marks(stories: list[StorySummary], looked: dict[int, int]) -> dict[int, str]:
    """ "new" for stories never seen, "+N" for stories with N articles since the last look."""
    marks: dict[int, str] = {}
    for story in stories:
        seen = looked.get(story.id)
        if seen is None:
            marks[story.id] = "new"
        elif story.articles > seen:
            marks[story.id] = f"+{story.articles - seen}"
    return marks


class DashboardScreen(Screen[None]):
    """Stories on one side, the selected story's panels on the other."""

    BINDINGS = keys.DASHBOARD_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.stories: list[StorySummary] = []
        self.looked: dict[int, int] | None = None
        """Story id -> its article count when last looked at (None before the first load)."""
        self.requested: int | None = None
        self.shown: int | None = None

    def compose(self) -> ComposeResult:
        """Header, the body (list and panels), footer."""
        yield Header(show_clock=True)
        with Container(id="body"):
            yield StoryList(id="stories")
            yield StoryPanels(id="panels")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the story list; age cells are redrawn every minute."""
        self.query_one(StoryList).focus()
        self.set_interval(60, self.redraw_list)

    @property
    def story_list(self) -> StoryList:
        """The story list widget."""
        return self.query_one(StoryList)

    @property
    def panels(self) -> StoryPanels:
        """The panels container."""
        return self.query_one(StoryPanels)

    def on_stories_loaded(self, message: StoriesLoaded) -> None:
        """Show a fresh story list; reload the selected story's panels."""
        self.stories = message.stories
        if self.looked is None:
            self.looked = {story.id: story.articles for story in message.stories}
        self.redraw_list()
        self.request_detail(self.story_list.selected_id, force=True)

    def redraw_list(self) -> None:
        """Repaint the list from the last stories read (no database access)."""
        with self.app.batch_update():
            self.story_list.show(self.stories, compute_marks(self.stories, self.looked or {}),
                                 datetime.now(UTC))
        self.look_at(self.story_list.selected_id)

    def look_at(self, story_id: int | None) -> None:
        """The user sees this story now: remember its size, drop its mark."""
        if story_id is None or self.looked is None:
            return
        for story in self.stories:
            if story.id == story_id:
                self.looked[story_id] = story.articles
        self.story_list.clear_mark(story_id)

    @on(DataTable.RowHighlighted, "#stories")
    def story_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Another story is under the cursor: load its panels."""
        story_id = int(event.row_key.value) if event.row_key.value else None
        if story_id != self.story_list.selected_id:
            return  # a stale event from repopulating the list
        self.look_at(story_id)
        self.request_detail(story_id)

    def request_detail(self, story_id: int | None, *, force: bool = False) -> None:
        """Load the panels of `story_id` unless they are already loading."""
        if story_id is None:
            self.requested = None
            self.panels.show(None)
            return
        if story_id != self.requested or force:
            self.requested = story_id
            self.load_detail(story_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, story_id: int) -> None:
        """Read one story's detail off the event loop."""
        try:
            detail = self.store.story_detail(story_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot read story {story_id}: {exc}", severity="error",
                            markup=False)
            return
        self.post_message(DetailLoaded(story_id, detail))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        """Fill the panels if this is still the story under the cursor."""
        if message.story_id != self.requested:
            return
        with self.app.batch_update():
            self.panels.show(message.detail, keep_cursor=message.story_id == self.shown)
        self.shown = message.story_id

    @on(DataTable.RowSelected, "#articles")
    def article_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an article opens the reader."""
        if event.row_key.value is not None:
            self.app.push_screen(ReaderScreen(self.store, int(event.row_key.value)))

    @on(DataTable.RowSelected, "#stories")
    def story_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a story moves to its current panel."""
        self.focus_panel(self.current_panel())

    def current_panel(self) -> str:
        """The panel marked current (the one a narrow terminal shows)."""
        for table in self.query(PanelTable):
            if table.has_class("-current") and table.id:
                return table.id
        return PANELS[0]

    def focus_panel(self, name: str) -> None:
        """Focus the story list or a panel (making the panel current first)."""
        if name != "stories":
            self.panels.select(name)
        target = self.query_one(f"#{name}")
        self.call_after_refresh(target.focus)

    def cycle_focus(self, step: int) -> None:
        """Move focus `step` places along FOCUS_ORDER."""
        focused = self.focused.id if self.focused is not None else None
        index = FOCUS_ORDER.index(focused) if focused in FOCUS_ORDER else 0
        self.focus_panel(FOCUS_ORDER[(index + step) % len(FOCUS_ORDER)])

    def action_next_panel(self) -> None:
        """Tab: the next panel."""
        self.cycle_focus(1)

    def action_previous_panel(self) -> None:
        """Shift+Tab: the previous panel."""
        self.cycle_focus(-1)

    def action_export(self) -> None:
        """Export the selected story as Markdown, in a worker."""
        story_id = self.story_list.selected_id
        if story_id is None:
            self.notify("No story to export.", severity="warning")
            return
        self.export_story(story_id)

    @work(thread=True, group="export", exit_on_error=False)
    def export_story(self, story_id: int) -> None:
        """Write the Markdown snapshot and say where it went."""
        from feeds.export import export_story

        try:
            path = export_story(self.store, story_id, fmt="md")
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        self.app.notify(f"Exported to {path}", title="Export", markup=False)

    def articles_table(self) -> ArticlesTable:
        """The Articles panel."""
        return self.query_one(ArticlesTable)
