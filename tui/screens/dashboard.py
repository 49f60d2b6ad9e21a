"""The dashboard: story list, the selected story's panels, header and footer.

Contract: `DashboardScreen(store)` shows what `StoriesLoaded` messages bring (posted by
the app's change watcher, or by its own list worker when the filter, sort, watch tab or
page changes; a listing read for an older request is dropped) and reads the selected
story's detail in a thread worker. The cursor stays on the same story id across
refreshes. A story that appeared since the first load is marked "new", one that received
articles since it was last under the cursor "+N"; followed stories (kept in the
database: every dashboard of it pins the same) are pinned on top with a ★ and a toast
says "Story grew: …" when one grows; a filter hides those it does not match. `/` filters
as you type (words of titles, actor names, outlet names), `s` cycles the sort, `f`
follows, `o` opens a URL in the browser (posts `OpenUrl`: the app opens it), `e`
exports, Enter on a story focuses its panels and marks it read (Enter on an article
posts `OpenArticle`: the app opens the reader), `n` / `N` go to the next / previous
story with unread articles, `A` marks every story read and `U` the selected one unread
(read state is kept in the database), Esc goes back (clears the filter, or returns to
the list). Reaching the last row loads the next page. `reveal_story(id)` (a story chosen
in the search box) puts the cursor on a story and opens it, listing it first when the
page does not hold it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Tab, Tabs

from feeds.read.views import StorySummary
from tui import keys
from tui.listing import PAGE, SORTS, ListRequest, count_matches, read_listing
from tui.messages import DetailLoaded, HealthRead, OpenArticle, OpenUrl, StoriesLoaded
from tui.widgets.format import clean
from tui.widgets.panels import PANELS, ArticlesTable, PanelTable, StoryPanels
from tui.widgets.story_list import StoryList

if TYPE_CHECKING:  # SQLAlchemy loads after the first screen (tui.startup)
    from feeds.store import Store

FOCUS_ORDER = ("stories", *PANELS)
FILTER_DELAY = 0.12
ALL_TAB = "tab-all"
SAVED_TAB = "tab-saved"


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

    def __init__(self, store: Store, watches: dict[str, str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.watches = dict(watches or {})
        """Watch name -> its query (each a tab over the story list)."""
        self.request = ListRequest()
        self.stories: list[StorySummary] = []
        self.looked: dict[int, int] | None = None
        """Story id -> its article count when last looked at (None before the first load)."""
        self.followed: dict[int, int] = {}
        """Followed story id -> its article count when last listed (-1: not listed yet)."""
        self.requested: int | None = None
        self.shown: int | None = None
        self._filter_timer: Timer | None = None
        self.revealing: int | None = None
        """A story to put the cursor on once the list holds it (from the search box)."""

    def compose(self) -> ComposeResult:
        """Header, the body (watch tabs, filter, list; panels), footer."""
        yield Header(show_clock=True)
        with Container(id="body"):
            with Vertical(id="list-pane"):
                tabs = Tabs(Tab("All", id=ALL_TAB), Tab("Saved", id=SAVED_TAB),
                            *(Tab(name, id=f"watch-{i}") for i, name in enumerate(self.watches)),
                            id="list-tabs")
                tabs.can_focus = False
                tabs.display = bool(self.watches)  # and while Saved is shown (`B`)
                yield tabs
                yield Input(placeholder="filter: words, actors, outlets (Enter: list, Esc: clear)",
                            id="filter", classes="-hidden")
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

    @property
    def filter_input(self) -> Input:
        """The filter box above the list."""
        return self.query_one("#filter", Input)

    # The list: reading, showing, following.

    def set_request(self, **changes: object) -> None:
        """Change what the list shows (a story revealed by a search stays only until then)
        and read it again."""
        self.request = replace(self.request, **{"reveal": None, **changes})  # type: ignore[arg-type]
        self.reload()

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def reload(self) -> None:
        """Read the list for the current request off the event loop."""
        request = self.request
        try:
            listing = read_listing(self.store, request, self.store.change_counter(), count=False)
            self.post_message(StoriesLoaded(listing))
            if listing.total < 0 and request == self.request:  # the page first, then the count
                total = count_matches(self.store, request.query)
                self.app.call_from_thread(self.show_total, request, total)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot read stories: {exc}", severity="error", markup=False)

    def show_total(self, request: ListRequest, total: int) -> None:
        """The count of matches arrived: show it if the list still shows that request."""
        listing = getattr(self, "listing", None)
        if listing is not None and listing.request == request == self.request:
            listing.total = total
            self.story_list.show_total(len(self.stories), total)

    def on_stories_loaded(self, message: StoriesLoaded) -> None:
        """Show a fresh story list; reload the selected story's panels."""
        if message.listing.request != self.request:
            return  # read for a filter or sort that has changed since
        self.stories = message.stories
        if self.looked is None:
            self.looked = {story.id: story.articles for story in message.stories}
        self.followed = {story_id: self.followed.get(story_id, -1)
                         for story_id in message.listing.followed}
        self.notify_followed(message.stories)
        self.listing = message.listing
        self.redraw_list()
        if self.revealing is not None and message.listing.request.reveal == self.revealing:
            self.finish_reveal()
        self.request_detail(self.story_list.selected_id, force=True)
        listing = message.listing
        if listing.counter >= 0:  # not the first page read before the store opened
            self.post_message(HealthRead(listing.healthy, listing.failing, listing.last_poll))

    def notify_followed(self, stories: list[StorySummary]) -> None:
        """A toast for each followed story that grew since the last list."""
        for story in stories:
            before = self.followed.get(story.id)
            if before is None:
                continue
            if 0 <= before < story.articles:
                self.app.notify(f"Story grew: {clean(story.title)} (+{story.articles - before})",
                                title="Following", markup=False)
            self.followed[story.id] = story.articles

    def redraw_list(self) -> None:
        """Repaint the list from the last stories read (no database access)."""
        listing = getattr(self, "listing", None)
        with self.app.batch_update():
            self.story_list.show(self.stories, compute_marks(self.stories, self.looked or {}),
                                 datetime.now(UTC), pinned=frozenset(self.followed),
                                 sparks=listing.sparks if listing else {},
                                 total=(max(listing.total, len(self.stories))
                                        if listing and listing.total >= 0 else None),
                                 more=bool(listing and listing.total < 0))
        self.look_at(self.story_list.selected_id)

    def look_at(self, story_id: int | None) -> None:
        """The user sees this story now: remember its size, drop its mark."""
        if story_id is None or self.looked is None:
            return
        for story in self.stories:
            if story.id == story_id:
                self.looked[story_id] = story.articles
        self.story_list.clear_mark(story_id)

    def selected_story(self) -> StorySummary | None:
        """The story under the cursor."""
        story_id = self.story_list.selected_id
        return next((s for s in self.stories if s.id == story_id), None)

    @on(DataTable.RowHighlighted, "#stories")
    def story_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Another story is under the cursor: load its panels (and the next page at the end)."""
        story_id = int(event.row_key.value) if event.row_key.value else None
        if story_id != self.story_list.selected_id:
            return  # a stale event from repopulating the list
        self.look_at(story_id)
        self.request_detail(story_id)
        listed = len(self.stories) - len(self.followed)
        if event.cursor_row == self.story_list.row_count - 1 and listed >= self.request.limit:
            self.set_request(limit=self.request.limit + PAGE)

    # The panels.

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
            self.post_message(OpenArticle(int(event.row_key.value)))

    @on(DataTable.RowSelected, "#stories")
    def story_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a story moves to its current panel and marks the story read."""
        self.open_selected()

    def reveal_story(self, story_id: int) -> None:
        """Put the cursor on a story and open it (from the search box): at once when the
        list holds it, else once the list is read again with it (`ListRequest.reveal`)."""
        self.revealing = story_id
        if any(story.id == story_id for story in self.stories):
            self.finish_reveal()
        else:
            self.set_request(reveal=story_id)

    def finish_reveal(self) -> None:
        """The revealed story is listed: cursor on it, its panels focused, read."""
        story_id, self.revealing = self.revealing, None
        row = next((n for n, s in enumerate(self.stories) if s.id == story_id), None)
        if row is None:
            self.notify("That story is no longer in the database.", severity="warning")
            return
        self.story_list.move_cursor(row=row, animate=False, scroll=True)
        self.open_selected()

    def open_selected(self) -> None:
        """Focus the selected story's current panel and mark the story read."""
        self.focus_panel(self.current_panel())
        story = self.selected_story()
        if story is not None and story.unread:
            self.set_read([story.id], True)

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

    # Filter, sort, watch tabs, follow, back.

    def action_filter(self) -> None:
        """`/`: show the filter box and type into it."""
        self.filter_input.remove_class("-hidden")
        self.filter_input.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Filter as you type (after a short pause, so a burst of keys reads once)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        query = event.value.strip()
        self._filter_timer = self.set_timer(
            FILTER_DELAY, lambda: self.set_request(query=query, limit=PAGE))

    @on(Input.Submitted, "#filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box: back to the (filtered) list."""
        self.story_list.focus()

    def action_back(self) -> None:
        """Esc: clear the filter, or leave a panel for the list."""
        if self.filter_input.has_focus or self.filter_input.value:
            self.filter_input.value = ""
            self.filter_input.add_class("-hidden")
            if self._filter_timer is not None:
                self._filter_timer.stop()
            if self.request.query != self.watch_query():
                self.set_request(query=self.watch_query(), limit=PAGE)
        self.story_list.focus()

    def watch_query(self) -> str:
        """The query of the watch tab shown ("" for All and Saved)."""
        tabs = self.query_one("#list-tabs", Tabs)
        active = tabs.active or ALL_TAB
        if active in (ALL_TAB, SAVED_TAB):
            return ""
        return list(self.watches.values())[int(active.removeprefix("watch-"))]

    @on(Tabs.TabActivated, "#list-tabs")
    def watch_tab(self, event: Tabs.TabActivated) -> None:
        """A watch tab shows the stories its query matches; Saved the saved stories."""
        event.stop()
        saved = event.tabs.active == SAVED_TAB
        if self.is_mounted and (self.request.query, self.request.saved) != (
                self.watch_query(), saved):
            self.filter_input.value = ""
            self.set_request(query=self.watch_query(), saved=saved, limit=PAGE)

    def action_saved_tab(self) -> None:
        """`B`: the Saved tab, or back to All."""
        tabs = self.query_one("#list-tabs", Tabs)
        tabs.active = ALL_TAB if tabs.active == SAVED_TAB else SAVED_TAB
        tabs.display = bool(self.watches) or tabs.active == SAVED_TAB

    def action_save(self) -> None:
        """`b`: save the article under the cursor (on the Articles panel) or the selected
        story for later, or let it go (kept in the database; the Saved tab and `wirewatch
        saved` list them)."""
        articles = self.query_one(ArticlesTable)
        article = articles.selected_id() if self.focused is articles else None
        story = self.selected_story()
        if article is not None:
            self.toggle_saved("article", article, articles.selected_title())
        elif story is not None:
            self.toggle_saved("story", story.id, story.title)

    @work(thread=True, group="save", exit_on_error=False)
    def toggle_saved(self, kind: str, item_id: int, title: str) -> None:
        """Save or let go off the event loop, say which, read the list again."""
        try:
            keep = not self.store.is_saved(kind, item_id)
            self.store.set_saved(kind, item_id, keep)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot save: {exc}", severity="error", markup=False)
            return
        what = "Saved" if keep else "No longer saved"
        self.app.notify(f"{what}: {clean(title)}", markup=False, timeout=3)
        self.app.call_from_thread(self.reload)

    def show_watch(self, name: str) -> None:
        """Switch the list to a watch's tab (from a notification or the palette)."""
        if name in self.watches:
            self.query_one("#list-tabs", Tabs).active = f"watch-{list(self.watches).index(name)}"

    def action_cycle_sort(self) -> None:
        """`s`: heat → latest → size."""
        sort = SORTS[(SORTS.index(self.request.sort) + 1) % len(SORTS)]
        self.set_sort(sort)

    def set_sort(self, sort: str) -> None:
        """Sort the list by `sort` and say so."""
        self.story_list.border_title = f"Stories by {sort}"
        self.set_request(sort=sort, limit=PAGE)
        self.notify(f"Stories sorted by {sort}", timeout=2)

    def action_follow(self) -> None:
        """`f`: follow the selected story (pinned on top), or stop following it; kept in the
        database, for every dashboard of it. The ★ shows at once; the write runs in a
        worker, then the list is read again."""
        story = self.selected_story()
        if story is None:
            self.notify("No story to follow.", severity="warning")
            return
        follow = story.id not in self.followed
        if follow:
            self.followed[story.id] = story.articles
            self.notify(f"Following: {clean(story.title)}", markup=False)
        else:
            del self.followed[story.id]
            self.notify(f"Stopped following: {clean(story.title)}", markup=False)
        self.redraw_list()
        self.write_follow(story.id, follow)

    @work(thread=True, group="follow", exit_on_error=False)
    def write_follow(self, story_id: int, follow: bool) -> None:
        """Store the follow off the event loop, then read the list again."""
        try:
            self.store.set_followed(story_id, follow)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot save the follow: {exc}", severity="error", markup=False)
        self.app.call_from_thread(self.reload)

    # Read state.

    def action_next_unread(self, step: int = 1) -> None:
        """`n`: the next story with unread articles (round the list's end)."""
        if not self.stories:
            return
        at = next((n for n, s in enumerate(self.stories) if s.id == self.story_list.selected_id),
                  0)
        for offset in range(1, len(self.stories) + 1):
            n = (at + step * offset) % len(self.stories)
            if self.stories[n].unread:
                self.story_list.move_cursor(row=n, animate=False, scroll=True)
                return
        self.notify("No story with unread articles.", timeout=2)

    def action_previous_unread(self) -> None:
        """`N`: the previous story with unread articles."""
        self.action_next_unread(step=-1)

    def action_all_read(self) -> None:
        """`A`: every story read (in the database, for every dashboard of it)."""
        self.set_read(None, True)
        self.notify("Every story marked read.", timeout=2)

    def action_mark_unread(self) -> None:
        """`U`: the selected story's articles unread again."""
        story = self.selected_story()
        if story is not None:
            self.set_read([story.id], False)
            self.notify(f"Marked unread: {clean(story.title)}", markup=False, timeout=2)

    def set_read(self, story_ids: list[int] | None, read: bool) -> None:
        """Show the change at once, then store it in a worker (which reads the list again)."""
        chosen = None if story_ids is None else set(story_ids)
        self.stories = [replace(s, unread=0 if read else s.articles)
                        if chosen is None or s.id in chosen else s for s in self.stories]
        self.redraw_list()
        self.write_read(story_ids, read)

    @work(thread=True, group="read", exit_on_error=False)
    def write_read(self, story_ids: list[int] | None, read: bool) -> None:
        """Store read state off the event loop, then read the list again."""
        try:
            self.store.mark_read(story_ids, read)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot save what was read: {exc}", severity="error", markup=False)
        self.app.call_from_thread(self.reload)

    # Open and export.

    def action_open_url(self) -> None:
        """`o`: open the article under the cursor (or the story's newest) in the browser."""
        articles = self.query_one(ArticlesTable)
        self.post_message(OpenUrl(articles.selected_url() if self.focused is articles
                                  else articles.newest_url))

    def action_export(self, fmt: str = "md") -> None:
        """Export the selected story (Markdown by default), in a worker."""
        story_id = self.story_list.selected_id
        if story_id is None:
            self.notify("No story to export.", severity="warning")
            return
        self.export_story(story_id, fmt)

    @work(thread=True, group="export", exit_on_error=False)
    def export_story(self, story_id: int, fmt: str = "md") -> None:
        """Write the snapshot and say where it went."""
        from feeds.read.export import export_story

        try:
            path = export_story(self.store, story_id, fmt=fmt)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        self.app.notify(f"Exported to {path}", title="Export", markup=False)

    def articles_table(self) -> ArticlesTable:
        """The Articles panel."""
        return self.query_one(ArticlesTable)
