"""The Wirewatch dashboard application.

Contract: `WirewatchApp(settings, store, poll=True)` shows the stories of
`store` and keeps them live. It never writes the database itself: polling runs
`feeds.poller.poll_once` in an exclusive thread worker (only due sources, at
start and every `POLL_SECONDS`, all sources on `r`), and a watcher reads the
store's change counter every `CHANGE_SECONDS` in a thread worker, reloading the
story list only when the counter moved, so a burst of batches costs one
repaint. Keys come from `tui.keys`, remapped by `settings.keys`.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import Screen

from feeds.config import Settings
from feeds.store import Store
from tui import keys
from tui.messages import PollFinished, PollStarted, ReadFailed, StoriesLoaded
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.widgets.format import poll_text

if TYPE_CHECKING:  # the pipeline loads extraction data: imported when first polling
    from feeds.pipeline import Pipeline
    from feeds.poller import PollSummary

STORY_LIMIT = 500


class WirewatchApp(App[None]):
    """Stories, their events, actors and sources, live from the store."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Wirewatch"
    BINDINGS = keys.APP_BINDINGS
    POLL_SECONDS = 30.0
    CHANGE_SECONDS = 1.0

    def __init__(self, settings: Settings, store: Store, poll: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.poll_enabled = poll
        self.user_keymap = keys.keymap_from(settings.keys)
        self.dashboard = DashboardScreen(store)
        self.loaded_counter: int | None = None
        self._pipeline: Pipeline | None = None
        self._poll_lock = threading.Lock()
        self._check_lock = threading.Lock()

    def get_default_screen(self) -> Screen:
        """The dashboard is the base screen."""
        return self.dashboard

    def on_mount(self) -> None:
        """Apply the keymap, load the stories, start the timers and the first poll."""
        self.set_keymap(self.user_keymap)
        unknown = keys.unknown_ids(self.settings.keys)
        if unknown:
            self.notify(f"Unknown key binding ids in [keys]: {', '.join(unknown)}",
                        severity="warning", markup=False)
        self.sub_title = "not polling" if not self.poll_enabled else "starting"
        self.check_changes()
        self.set_interval(self.CHANGE_SECONDS, self.check_changes)
        if self.poll_enabled:
            self.run_poll(due_only=True)
            self.set_interval(self.POLL_SECONDS, lambda: self.run_poll(due_only=True))

    @work(thread=True, group="changes", exit_on_error=False)
    def check_changes(self) -> None:
        """Reload the story list if the change counter moved (skips if a check runs)."""
        if not self._check_lock.acquire(blocking=False):
            return
        try:
            counter = self.store.change_counter()
            if counter == self.loaded_counter:
                return
            stories = self.store.list_stories(limit=STORY_LIMIT)
            self.loaded_counter = counter
            self.dashboard.post_message(StoriesLoaded(stories, counter))
        except Exception as exc:  # noqa: BLE001 - one line in the header, retried next tick
            self.post_message(ReadFailed(str(exc)))
        finally:
            self._check_lock.release()

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
        from feeds.pipeline import Pipeline
        from feeds.poller import poll_once

        if self._pipeline is None:
            self._pipeline = Pipeline(self.store)
        return poll_once(self.settings, self._pipeline, due_only=due_only)

    def on_poll_started(self, message: PollStarted) -> None:
        """Say so in the header."""
        self.sub_title = "polling…"

    def on_poll_finished(self, message: PollFinished) -> None:
        """Show the result in the header and look for changes at once."""
        self.sub_title = message.text
        if not message.ok:
            self.notify(message.text, severity="error", markup=False)
        self.check_changes()

    def on_read_failed(self, message: ReadFailed) -> None:
        """A database read failed: say so in the header."""
        self.sub_title = f"cannot read the database: {message.text}"

    def action_poll(self) -> None:
        """Poll every source now."""
        self.run_poll(due_only=False)

    def action_help(self) -> None:
        """Show the keys."""
        self.push_screen(HelpScreen(self.user_keymap))
