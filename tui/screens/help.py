"""The help screen: every key and what it does, with the user's remapping.

Contract: `HelpScreen(keymap)` lists `tui.keys.help_rows(keymap)` as plain text;
Esc, q or ? closes it.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keys


def help_text(keymap: Mapping[str, str]) -> Text:
    """Three aligned columns: keys, what they do, the binding id to remap them."""
    rows = keys.help_rows(keymap)
    key_width = max(len(shown) for shown, _, _ in rows) + 2
    text_width = max(len(description) for _, description, _ in rows) + 2
    text = Text()
    for shown, description, binding_id in rows:
        text.append(shown.ljust(key_width), style="bold")
        text.append(description.ljust(text_width))
        text.append(binding_id + "\n", style="dim")
    text.rstrip()
    return text


class HelpScreen(ModalScreen[None]):
    """A box listing the keys over the dashboard."""

    BINDINGS = keys.HELP_BINDINGS

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = dict(keymap)

    def compose(self) -> ComposeResult:
        """The title and the key list."""
        with VerticalScroll(id="help-box"):
            yield Static("Wirewatch keys", id="help-title", markup=False)
            yield Static(help_text(self.keymap), id="help-keys", markup=False)
            yield Static("Remap a key in config.toml: [keys] id = \"keys\", e.g. export = \"x\".",
                         id="help-note", markup=False)

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss()
