"""Every key binding of the dashboard, each with an id a user can remap.

Contract: the `*_BINDINGS` lists are the `BINDINGS` of the app, the dashboard
screen, the scrolling tables, the sources screen and a source's articles, the reader,
the search box and the help screen. Each binding has an `id`; `[keys]` in the
configuration maps an id to a comma-separated key
string ("j,n") and `keymap_from(settings.keys)` turns that table into the keymap
handed to `App.set_keymap`; `key_problem(keys)` names an unknown id or a key two live
bindings would share (a configuration error). `help_rows(keymap)` lists what every key
does, with the user's remapping applied, for the help screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class KeyDef:
    """One remappable binding: its id, default keys, action and description."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    also: str = ""
    """Keys that do the same thing and are not remappable (shown in help)."""


APP_KEYS = [
    KeyDef("quit", "q", "quit", "Quit"),
    KeyDef("poll", "r", "poll", "Poll now"),
    KeyDef("pause", "p", "pause", "Pause polling"),
    KeyDef("pause", "p", "resume", "Resume polling"),  # in the footer while paused
    KeyDef("sources", "S", "sources", "Sources"),
    KeyDef("screenshot", "ctrl+s", "screenshot", "SVG screenshot", show=False),
    KeyDef("help", "question_mark", "help", "Help"),
]
DASHBOARD_KEYS = [
    KeyDef("filter", "slash", "filter", "Filter"),
    KeyDef("search", "F,ctrl+f", "app.search", "Search article texts", show=False),
    KeyDef("sort", "s", "cycle_sort", "Sort"),
    KeyDef("follow", "f", "follow", "Follow"),
    KeyDef("open_url", "o", "open_url", "Open URL"),
    KeyDef("export", "e", "export", "Export story"),
    KeyDef("next_unread", "n", "next_unread", "Next unread", show=False),
    KeyDef("previous_unread", "N", "previous_unread", "Previous unread", show=False),
    KeyDef("all_read", "A", "all_read", "Mark all read", show=False),
    KeyDef("mark_unread", "U", "mark_unread", "Mark story unread", show=False),
    KeyDef("save", "b", "save", "Save for later", show=False),
    KeyDef("saved_tab", "B", "saved_tab", "Saved tab / All", show=False),
    KeyDef("back", "escape", "back", "Back", show=False),
    KeyDef("next_panel", "tab", "next_panel", "Next panel", show=False),
    KeyDef("previous_panel", "shift+tab", "previous_panel", "Previous panel", show=False),
]
TABLE_KEYS = [
    KeyDef("cursor_down", "j", "cursor_down", "Move down", show=False, also="down"),
    KeyDef("cursor_up", "k", "cursor_up", "Move up", show=False, also="up"),
    KeyDef("page_down", "pagedown", "page_down", "Page down", show=False),
    KeyDef("page_up", "pageup", "page_up", "Page up", show=False),
    KeyDef("first", "g,home", "scroll_top", "First row", show=False),
    KeyDef("last", "G,end", "scroll_bottom", "Last row", show=False),
]
ACTOR_KEYS = [KeyDef("sort_actors", "s", "cycle_sort", "Sort actors (Actors panel)")]
SOURCES_KEYS = [
    KeyDef("close_sources", "escape,S", "close", "Back"),
]
SOURCE_ARTICLES_KEYS = [
    KeyDef("close_source_articles", "escape", "close", "Back"),
]
READER_KEYS = [
    KeyDef("close", "escape,q", "close", "Back"),
    KeyDef("open_url", "o", "open_url", "Open URL"),
    KeyDef("scroll_down", "j", "scroll_down", "Scroll down", show=False, also="down"),
    KeyDef("scroll_up", "k", "scroll_up", "Scroll up", show=False, also="up"),
]
SEARCH_KEYS = [KeyDef("close_search", "escape", "close", "Back (search)")]
HELP_KEYS = [KeyDef("close", "escape,q,question_mark", "close", "Close")]

OPEN_KEY = KeyDef("open", "enter", "", "Open: story -> its panels, article -> reader, "
                  "source (Sources screen) -> its latest articles")


def bindings(defs: list[KeyDef]) -> list[Binding]:
    """Textual bindings for these definitions, ids included."""
    return [Binding(d.keys, d.action, d.description, show=d.show, id=d.id) for d in defs]


APP_BINDINGS = bindings(APP_KEYS)
DASHBOARD_BINDINGS = bindings(DASHBOARD_KEYS)
TABLE_BINDINGS = bindings(TABLE_KEYS)
READER_BINDINGS = bindings(READER_KEYS)
ACTOR_BINDINGS = bindings(ACTOR_KEYS)
SOURCES_BINDINGS = bindings(SOURCES_KEYS)
SOURCE_ARTICLES_BINDINGS = bindings(SOURCE_ARTICLES_KEYS)
SEARCH_BINDINGS = bindings(SEARCH_KEYS)
HELP_BINDINGS = bindings(HELP_KEYS)

KNOWN_IDS = frozenset(d.id for d in APP_KEYS + DASHBOARD_KEYS + TABLE_KEYS + READER_KEYS
                      + ACTOR_KEYS + SOURCES_KEYS + SOURCE_ARTICLES_KEYS + SEARCH_KEYS)

_DISPLAY = {"question_mark": "?", "escape": "Esc", "down": "↓", "up": "↑", "enter": "Enter",
            "tab": "Tab", "shift+tab": "Shift+Tab", "slash": "/", "pagedown": "PgDn",
            "pageup": "PgUp", "home": "Home", "end": "End", "ctrl+s": "Ctrl+S",
            "ctrl+f": "Ctrl+F"}


def keymap_from(keys: Mapping[str, str]) -> dict[str, str]:
    """The keymap for `App.set_keymap`: known ids only, spaces removed."""
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        cleaned = ",".join(part.strip() for part in value.split(",") if part.strip())
        if binding_id in KNOWN_IDS and cleaned:
            keymap[binding_id] = cleaned
    return keymap


def unknown_ids(keys: Mapping[str, str]) -> list[str]:
    """Ids in the user's `[keys]` table that no binding has (worth a warning)."""
    return sorted(set(keys) - KNOWN_IDS)


LAYERS = [APP_KEYS, DASHBOARD_KEYS + TABLE_KEYS, ACTOR_KEYS + TABLE_KEYS,
          SOURCES_KEYS + TABLE_KEYS, SOURCE_ARTICLES_KEYS + TABLE_KEYS,
          SEARCH_KEYS + TABLE_KEYS, READER_KEYS, HELP_KEYS]
"""Bindings that are live together at one level (the app; a screen with its focused
table): one key may not do two things within one. A screen's key may shadow the app's
(the reader's q goes back, not quits), and the Actors panel's s its screen's."""


def key_problem(keys: Mapping[str, str]) -> str | None:
    """What is wrong with the user's `[keys]` table, as "keys.ID: ..." (an id no binding
    has, or a key that two bindings live together would share), or None."""
    unknown = unknown_ids(keys)
    if unknown:
        return (f"keys.{unknown[0]}: no key binding has this id (ids: "
                f"{', '.join(sorted(KNOWN_IDS))})")
    keymap = keymap_from(keys)
    for layer in LAYERS:
        owner: dict[str, str] = {}
        for d in layer:
            for key in keymap.get(d.id, d.keys).split(","):
                other = owner.setdefault(key, d.id)
                if other != d.id:
                    remapped = d.id if d.id in keymap else other
                    taken = other if remapped == d.id else d.id
                    return (f"keys.{remapped}: {display_keys(key)} is already the key of "
                            f"{taken}; choose another")
    return None


def display_keys(keys: str) -> str:
    """A key string as people read it: "escape,q" -> "Esc / q"."""
    return " / ".join(_DISPLAY.get(key, key) for key in keys.split(",") if key)


def help_rows(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(keys, what they do, binding id) for every binding, the user's keymap applied."""
    rows, listed = [], set()
    for defs in (TABLE_KEYS, [OPEN_KEY], DASHBOARD_KEYS, ACTOR_KEYS, APP_KEYS,
                 READER_KEYS[:1], SEARCH_KEYS):
        for d in defs:
            if (d.id, d.keys) in listed and d.id:
                continue  # one binding shown in two states ("Pause" / "Resume polling")
            listed.add((d.id, d.keys))
            keys = keymap.get(d.id, d.keys)
            if d.also and d.also not in keys.split(","):
                keys = f"{keys},{d.also}"
            rows.append((display_keys(keys), d.description, "" if d is OPEN_KEY else d.id))
    return rows
