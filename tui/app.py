"""The Wirewatch dashboard application.

Contract: `WirewatchApp(settings, store, poll=True)` shows the stories of `store` and
keeps them live. It never writes the database itself: polling runs
`feeds.ingest.poller.poll_once` in an exclusive thread worker (only due sources, at start and
every `POLL_SECONDS` unless paused with `p`; all sources on `r`; a folder source as soon
as `feeds.sources.watch` sees new files in it), and a watcher reads the store's change
counter every `CHANGE_SECONDS` in a thread worker (on PostgreSQL also woken at once by
the writers' NOTIFY), reloading the story list (and checking the watches) only when the
counter moved, so a burst of batches costs one repaint. The header's subtitle says how
many sources are healthy or failing and how the last poll went. The configuration's
`[[mute]]` rules are applied to the store in a worker once the first list is read
(`feeds.ingest.rebuild.apply_mutes`). Screens open other screens through messages the app handles
(`OpenSource`, `OpenArticle`, `OpenUrl`: the browser is opened here, in a thread
worker); `F` opens the search box (`tui.screens.search`) and the story or article chosen
there is opened here. Keys come from `tui.keys`, remapped by `settings.keys`; the
command palette (Ctrl+P) offers the same actions (`get_system_commands`).

Start-up: `store` may be a `tui.startup.DeferredStore`; then its first page is shown at
once and the store is opened in a worker once that page is on screen, and only then do
the change watcher, the worker processes' forkserver and the first poll start (so the
first rows are not drawn in competition with them). This module loads no SQLAlchemy, no
extraction and no exporter: the screens and commands that need them import them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import get_current_worker

from feeds.config import Settings
from feeds.sources.watch import FolderWatch
from tui import keys
from tui.listing import SORTS, first_listing, read_listing
from tui.messages import (
    HealthRead,
    OpenArticle,
    OpenSource,
    OpenUrl,
    PollFinished,
    PollStarted,
    ReadFailed,
    StoriesLoaded,
    WatchHits,
)
from tui.screens.dashboard import DashboardScreen
from tui.startup import DeferredStore
from tui.watches import Hit, WatchTracker, run_command
from tui.widgets.format import clean, poll_text

if TYPE_CHECKING:  # the pipeline loads extraction data: imported when first polling
    from feeds.ingest.pipeline import Pipeline
    from feeds.ingest.poller import PollSummary
    from feeds.store import Store
    from tui.screens.search import SearchChoice  # the search box loads when first opened


class WirewatchApp(App[None]):
    """Stories, their events, actors and sources, live from the store."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Wirewatch"
    BINDINGS = keys.APP_BINDINGS
    POLL_SECONDS = 30.0
    CHANGE_SECONDS = 1.0

    def __init__(self, settings: Settings, store: Store | DeferredStore,
                 poll: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.poll_enabled = poll
        self.paused = False
        self.user_keymap = keys.keymap_from(settings.keys)
        self.dashboard = DashboardScreen(store, {w.name: w.query for w in settings.watches})
        self.tracker = WatchTracker(settings.watches)
        self.loaded_counter: int | None = None
        self.poll_status = "not polling" if not poll else "starting"
        self.health_status = ""
        self.last_fetch = ""
        self._pipeline: Pipeline | None = None
        self._poll_lock = threading.Lock()
        self._check_lock = threading.Lock()
        self.last_search = ""
        """The words the search box held when last left (offered again by `F`)."""
        self.folder_watch = FolderWatch(settings.sources)

    def get_default_screen(self) -> Screen:
        """The dashboard is the base screen."""
        return self.dashboard

    def on_mount(self) -> None:
        """Apply the keymap, load the stories (the first page at once when the store opens
        later), start the timers and the first poll."""
        self.set_keymap(self.user_keymap)
        unknown = keys.unknown_ids(self.settings.keys)
        if unknown:
            self.notify(f"Unknown key binding ids in [keys]: {', '.join(unknown)}",
                        severity="warning", markup=False)
        self.show_status()
        if isinstance(self.store, DeferredStore):
            if self.store.first_page is not None:
                self.dashboard.post_message(StoriesLoaded(first_listing(
                    self.store.first_page)))
            self.call_after_refresh(self.open_when_shown, 20)
        else:
            self.start_live()

    def open_when_shown(self, refreshes: int) -> None:
        """Open the deferred store once the first page is on screen (or after `refreshes`
        screen updates without it)."""
        if refreshes and self.store.first_page and not self.dashboard.story_list.row_count:
            self.call_after_refresh(self.open_when_shown, refreshes - 1)
        else:
            self.open_store()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_store(self) -> None:
        """Open the deferred store off the event loop, then go live; exit if it fails (the
        `dashboard` command reports `store.error`)."""
        assert isinstance(self.store, DeferredStore)
        try:
            may_poll = self.store.open()
        except Exception:  # noqa: BLE001 - reported by the command after the app exits
            self.call_from_thread(self.exit, None, 1)
            return
        if not may_poll:
            self.poll_enabled = False
            self.poll_status = "not polling"
        self.call_from_thread(self.start_live)

    def start_live(self) -> None:
        """The change watcher, then the forkserver and the first poll (the store is open)."""
        self.show_status()
        self.check_changes()
        self.set_interval(self.CHANGE_SECONDS, self.check_changes)
        if self.store.engine.dialect.name == "postgresql":
            self.listen_changes()
        if self.poll_enabled:
            from feeds.sources import forkserver

            forkserver.start()  # its loading overlaps the poll's own
            self.run_poll(due_only=True)
            self.set_interval(self.POLL_SECONDS, self.timed_poll)
            self.watch_folders()

    def show_status(self) -> None:
        """The header's subtitle: sources healthy/failing, then the poll status."""
        parts = [self.health_status] if self.health_status else []
        if self.last_fetch and not self.poll_status.startswith("polled"):
            parts.append(f"last fetch {self.last_fetch}")
        parts.append(self.poll_status + (" · paused" if self.paused else ""))
        self.sub_title = " · ".join(parts)

    # Reading.

    @work(thread=True, exclusive=True, group="listen", exit_on_error=False)
    def listen_changes(self) -> None:
        """On PostgreSQL, wake on the writers' NOTIFY instead of waiting for the next tick."""
        watcher = self.store.change_watcher()
        worker = get_current_worker()
        try:
            while not worker.is_cancelled:
                if watcher.wait(self.loaded_counter or 0, timeout=2.0) != self.loaded_counter:
                    self.call_from_thread(self.check_changes)
        finally:
            watcher.close()

    @work(thread=True, group="changes", exit_on_error=False)
    def check_changes(self) -> None:
        """Reload the story list if the change counter moved (skips if a check runs)."""
        if not self._check_lock.acquire(blocking=False):
            return
        try:
            counter = self.store.change_counter()
            if counter == self.loaded_counter:
                return
            listing = read_listing(self.store, self.dashboard.request, counter)
            first = self.loaded_counter is None
            self.loaded_counter = counter
            self.dashboard.post_message(StoriesLoaded(listing))
            if first:  # after the first list is read: the first paint does not wait
                self.call_from_thread(self.apply_mutes)
            hits = self.tracker.check(self.store) if self.tracker.watches else []
            if hits:
                self.post_message(WatchHits(hits))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - one line in the header, retried next tick
            self.post_message(ReadFailed(str(exc)))
        finally:
            self._check_lock.release()

    @work(thread=True, exclusive=True, group="mutes", exit_on_error=False)
    def apply_mutes(self) -> None:
        """Make the stored mute marks follow this configuration's `[[mute]]` tables (a
        recompute, only when they changed; started once the first list is read; it moves
        the change counter, so the list reloads)."""
        from feeds.ingest.rebuild import apply_mutes

        try:
            if apply_mutes(self.store, self.settings.mutes) is not None:
                self.call_from_thread(self.check_changes)
        except Exception as exc:  # noqa: BLE001 - one line, the list stays as it was
            self.notify(f"Cannot apply the [[mute]] rules: {exc}", severity="error",
                        markup=False)

    def on_health_read(self, message: HealthRead) -> None:
        """Sources healthy and failing, and the last successful fetch, in the header."""
        parts = [f"{message.healthy} source{'s' if message.healthy != 1 else ''} ok"]
        if message.failing:
            parts.append(f"{message.failing} failing")
        if isinstance(message.last_poll, datetime):
            when = message.last_poll if message.last_poll.tzinfo else message.last_poll.replace(
                tzinfo=UTC)
            self.last_fetch = when.astimezone().strftime("%H:%M")
        self.health_status = " · ".join(parts)
        self.show_status()

    def on_watch_hits(self, message: WatchHits) -> None:
        """Toast, bell or command for each story new to or grown under a watch."""
        for hit in message.hits:
            assert isinstance(hit, Hit)
            if "toast" in hit.watch.notify:
                self.notify(clean(hit.text), title=f"Watch: {clean(hit.watch.name)}",
                            markup=False)
            if "bell" in hit.watch.notify:
                self.bell()
            if hit.watch.command:
                self.run_watch_command(hit)

    @work(thread=True, group="watch-commands", exit_on_error=False)
    def run_watch_command(self, hit: Hit) -> None:
        """The watch's program, with the story JSON on stdin (never through a shell)."""
        problem = run_command(hit, self.store)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    # Polling.

    def timed_poll(self) -> None:
        """The interval's poll of due sources, unless paused."""
        if not self.paused:
            self.run_poll(due_only=True)

    @work(thread=True, exclusive=True, group="folders", exit_on_error=False)
    def watch_folders(self) -> None:
        """Poll a folder source as soon as it has new files, unless paused (interval
        polling alone when watching is unavailable)."""
        if not self.folder_watch.start():
            return
        worker = get_current_worker()
        try:
            while not worker.is_cancelled:
                if self.folder_watch.wait(1.0):
                    if not self.paused and not self._poll_lock.locked():
                        self.call_from_thread(self.run_poll, True)
                    time.sleep(0.5)
        finally:
            self.folder_watch.close()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def run_poll(self, due_only: bool) -> None:
        """One pass over the (due) sources; skipped if a pass is still running."""
        if not self._poll_lock.acquire(blocking=False):
            return
        try:
            self.post_message(PollStarted())
            summary = self._poll(due_only)
            self.post_message(PollFinished(poll_text(summary, datetime.now(UTC)), True))
        except Exception as exc:  # noqa: BLE001 - the app keeps running and says why
            self.post_message(PollFinished(f"poll failed: {exc}", False))
        finally:
            self._poll_lock.release()

    def _poll(self, due_only: bool) -> PollSummary:
        """Run the poller (imports the pipeline lazily: extraction data is heavy)."""
        from feeds.ingest.pipeline import Pipeline
        from feeds.ingest.poller import poll_once

        if self._pipeline is None:
            self._pipeline = Pipeline(self.store)
        return poll_once(self.settings, self._pipeline, due_only=due_only,
                         watch=self.folder_watch)

    def on_poll_started(self, message: PollStarted) -> None:
        """Say so in the header."""
        self.poll_status = "polling…"
        self.show_status()

    def on_poll_finished(self, message: PollFinished) -> None:
        """Show the result in the header and look for changes at once."""
        self.poll_status = message.text
        self.show_status()
        if not message.ok:
            self.notify(message.text, severity="error", markup=False)
        self.check_changes()

    def on_read_failed(self, message: ReadFailed) -> None:
        """A database read failed: say so in the header."""
        self.sub_title = f"cannot read the database: {message.text}"

    # Actions (keys and the command palette).

    def action_poll(self) -> None:
        """Poll every source now (even when paused: you asked)."""
        self.run_poll(due_only=False)

    def action_pause(self) -> None:
        """Pause or resume the timed polling."""
        self.paused = not self.paused
        self.notify("Polling paused (r still polls once)" if self.paused else "Polling resumed",
                    timeout=3)
        self.show_status()
        self.refresh_bindings()

    def action_resume(self) -> None:
        """Resume the timed polling (the pause key's other state)."""
        if self.paused:
            self.action_pause()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The pause key shows "Pause polling" while polling runs, "Resume polling" while
        paused."""
        if action == "pause":
            return not self.paused
        if action == "resume":
            return self.paused
        return True

    def action_sources(self) -> None:
        """The sources screen."""
        from tui.screens.sources import SourcesScreen

        if not isinstance(self.screen, SourcesScreen):
            self.push_screen(SourcesScreen(self.store, {s.name: s.folder
                                                        for s in self.settings.sources}))

    def on_open_source(self, message: OpenSource) -> None:
        """A source's latest articles (Enter on the sources screen)."""
        from tui.screens.source_articles import SourceArticlesScreen

        self.push_screen(SourceArticlesScreen(self.store, message.name))

    def on_open_article(self, message: OpenArticle) -> None:
        """The reader (Enter on a source's article)."""
        from tui.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.store, message.article_id))

    def on_open_url(self, message: OpenUrl) -> None:
        """Open an http(s) URL in the browser, or say there is none."""
        from feeds.read.export import safe_url

        target = safe_url(message.url)
        if target is None:
            self.notify("No web address to open.", severity="warning")
            return
        self.open_in_browser(target)

    @work(thread=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        """Hand the URL to the system browser (it may block, so off the loop)."""
        import webbrowser

        try:
            opened = webbrowser.open(url, new=2)
        except Exception:  # noqa: BLE001 - a missing browser is not an error of ours
            opened = False
        self.notify(f"Opened {url}" if opened else f"No browser to open {url}",
                    severity="information" if opened else "warning", markup=False)

    def action_search(self) -> None:
        """`F` on the dashboard: the search box, with the last search's words."""
        from tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.store, self.last_search), self.search_chosen)

    def search_chosen(self, choice: SearchChoice | None) -> None:
        """Open what the search box was left on: the story in the dashboard, or the
        article in the reader over its story."""
        if choice is None:
            return
        self.last_search = choice.query
        if choice.story_id is not None:
            self.dashboard.reveal_story(choice.story_id)
        if choice.kind == "article" and choice.item_id is not None:
            from tui.screens.reader import ReaderScreen

            self.push_screen(ReaderScreen(self.store, choice.item_id))

    def action_help(self) -> None:
        """Show the keys."""
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.user_keymap))

    def action_screenshot(self) -> None:
        """Save an SVG screenshot of the screen in the current folder and say where."""
        try:
            path = self.save_screenshot(path=str(Path.cwd()))
        except OSError as exc:
            self.notify(f"Screenshot failed: {exc}", severity="error", markup=False)
            return
        self.notify(f"Screenshot saved to {path}", title="Screenshot", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The dashboard's actions in the command palette, then Textual's own."""
        from feeds.read.export import FORMATS

        board = self.dashboard
        yield SystemCommand("Poll now", "Poll every source now (r)", self.action_poll)
        yield SystemCommand("Pause or resume polling", "Timed polling on or off (p)",
                            self.action_pause)
        yield SystemCommand("Sources", "Each source's health (S)", self.action_sources)
        yield SystemCommand("Filter stories", "Words, actor names, outlet names (/)",
                            board.action_filter)
        yield SystemCommand("Search articles", "Full-text search of titles and texts (F)",
                            self.action_search)
        for sort in SORTS:
            yield SystemCommand(f"Sort stories by {sort}", "Change the list's order (s)",
                                partial(board.set_sort, sort))
        yield SystemCommand("Follow or unfollow story", "Pin the selected story on top (f)",
                            board.action_follow)
        yield SystemCommand("Open URL", "Open the article in the browser (o)",
                            board.action_open_url)
        for fmt in FORMATS:
            yield SystemCommand(f"Export story as {fmt}", "Write a snapshot of the selected "
                                "story in the current folder (e: md)",
                                partial(board.action_export, fmt))
        for watch in self.settings.watches:
            yield SystemCommand(f"Watch: {clean(watch.name)}", f"Stories matching "
                                f"{clean(watch.query)}", partial(board.show_watch, watch.name))
        yield SystemCommand("Help", "Every key and its id (?)", self.action_help)
        yield from super().get_system_commands(screen)
