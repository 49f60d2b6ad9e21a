"""The sources screen: every configured source and how its fetches went.

Contract: `SourcesScreen(store, folders)` reads `Store.sources_health()` in a thread
worker and lists each source (name, kind, status, articles, last success,
next due, consecutive errors, last error) as plain text; when some source has a folder
(`folders`: source name -> its configured `folder`), a Folder column comes first and the
sources of a folder are listed together, folders in name order, the ungrouped last. A
source is failing, its status in red and counted as failing, when its last status is a
problem
(`feeds.sources.is_problem`: anything but ok and not_modified, a truncated feed
included) or it has consecutive errors. Below, when `[[mute]]` rules are stored, a Mute
rules table lists each rule with how many articles it mutes (`Store.mute_counts`). Enter
on a source posts `OpenSource` (the app shows its latest articles); Esc or S goes back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from feeds.read.mutes import MuteRule
from feeds.read.views import SourceHealth
from feeds.sources import is_problem
from feeds.store import Store
from tui import keys
from tui.messages import OpenSource
from tui.widgets.format import age, plain
from tui.widgets.panels import fit_columns

COLUMNS = ("Source", "Kind", "Status", "Articles", "Last success", "Next due", "Errors",
           "Last error")


def failing(source: SourceHealth) -> bool:
    """Whether the source's last pass was a problem, or it keeps failing."""
    return is_problem(source.status) or bool(source.consecutive_errors)


def status_text(source: SourceHealth) -> Text:
    """The status, green when healthy, red when failing."""
    style = "bold red" if failing(source) else "green"
    label = source.status + (f" {source.http_status}" if source.http_status else "")
    return plain(label, style)


def due_text(when: datetime | None, now: datetime) -> str:
    """"in 5m", "due" or "—"."""
    if when is None:
        return "—"
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    if when <= now:
        return "due"
    later = age(now, when)
    return "in <1m" if later == "now" else f"in {later}"


class SourcesTable(DataTable[Text]):
    """One row per source."""

    BINDINGS = keys.TABLE_BINDINGS


class MuteTable(DataTable[Text]):
    """One row per mute rule: the rule and how many articles it mutes."""

    BINDINGS = keys.TABLE_BINDINGS


class SourcesScreen(Screen[None]):
    """Source health, full screen."""

    BINDINGS = keys.SOURCES_BINDINGS

    def __init__(self, store: Store, folders: dict[str, str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.folders = {name: folder for name, folder in (folders or {}).items() if folder}

    def compose(self) -> ComposeResult:
        """Header, the table, footer."""
        yield Header(show_clock=True)
        table = SourcesTable(id="source-health", cursor_type="row")
        table.border_title = "Sources"
        yield table
        mutes = MuteTable(id="mute-rules", cursor_type="row")
        mutes.border_title = "Mute rules"
        mutes.display = False
        yield mutes
        yield Footer()

    def on_mount(self) -> None:
        """Create the columns, read the health."""
        table = self.query_one(SourcesTable)
        table.add_columns(*(("Folder", *COLUMNS) if self.folders else COLUMNS))
        self.query_one(MuteTable).add_columns("Mute rule", "Muted")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False)
    def load(self) -> None:
        """Read the sources' health off the event loop."""
        try:
            health = self.store.sources_health()
            mutes = self.store.mute_counts()
        except Exception as exc:  # noqa: BLE001 - shown to the user, not raised
            self.app.notify(f"Cannot read sources: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, health)
        self.app.call_from_thread(self.show_mutes, mutes)

    def show(self, health: list[SourceHealth]) -> None:
        """Fill the table."""
        now = datetime.now(UTC)
        table = self.query_one(SourcesTable)
        table.clear()
        grouped = sorted(health, key=lambda h: (h.name not in self.folders,
                                                self.folders.get(h.name, ""), h.name))
        for source in grouped if self.folders else health:
            folder = (plain(self.folders.get(source.name, "")),) if self.folders else ()
            table.add_row(*folder, plain(source.name), plain(source.kind), status_text(source),
                          Text(str(source.articles)),
                          Text(age(source.last_success, now) if source.last_success else "never"),
                          Text(due_text(source.next_due, now)),
                          Text(str(source.consecutive_errors)), plain(source.last_error or ""),
                          key=source.name)
        fit_columns(table)
        bad = sum(1 for s in health if failing(s))
        table.border_subtitle = f"{len(health) - bad} healthy · {bad} failing"

    def show_mutes(self, mutes: list[tuple[MuteRule, int]]) -> None:
        """Fill the mute rules table (hidden when there are no rules)."""
        table = self.query_one(MuteTable)
        table.clear()
        for rule, count in mutes:
            table.add_row(plain(rule.label()), Text(str(count), justify="right"))
        fit_columns(table)
        table.display = bool(mutes)
        table.border_subtitle = f"{len(mutes)} rule{'s' if len(mutes) != 1 else ''}"

    @on(DataTable.RowSelected, "#source-health")
    def source_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a source: its latest articles (opened by the app)."""
        if event.row_key.value is not None:
            self.post_message(OpenSource(event.row_key.value))

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss()
