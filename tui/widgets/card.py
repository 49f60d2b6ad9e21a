"""The card line: the selected story's headline event in one line above its panels.

Contract: `card_headline(card)` is that line as plain text, "Attack · 13 Dec 2025 ·
Palmyra, Syria · 3 killed, 3 injured — Ambush by a Daesh gunman…" (the readable type,
the date at its precision, place and country, the figures, then the summary; absent
fields left out). `CardLine.show(card)` shows it, cut with an ellipsis at the widget's
width, or hides the line when the story has no card. Every part came from a feed and
reaches the screen through `plain`, never as markup.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from feeds.model import StoryCard
from feeds.read.serialize import card_place
from tui.widgets.format import plain

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month names whatever the locale (strftime's %b follows it)."""


def type_label(event_type: str | None) -> str:
    """ "Conflict.Attack" -> "Attack"; an "Other" subtype names its type ("Disaster")."""
    if not event_type:
        return "Event"
    from feeds.extract.ontology import type_name  # loads the extraction stack: not at start

    top, _, sub = event_type.partition(".")
    name = top if sub in ("", "Other") else type_name(event_type)
    return name[:1].upper() + name[1:]


def date_label(value: str | None, precision: str | None) -> str:
    """ "2025-12-13" -> "13 Dec 2025", "2025-12" -> "Dec 2025", "2025"; "" when unknown."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(f"{value}-01-01"[:10] if len(value) < 10 else value)
    except ValueError:
        return value
    month = f"{_MONTHS[day.month - 1]} {day.year}"
    if precision == "day" or (precision is None and len(value) == 10):
        return f"{day.day} {month}"
    if precision == "month" or (precision is None and len(value) == 7):
        return month
    return str(day.year)


def card_facts(card: StoryCard) -> str:
    """ "Attack · 13 Dec 2025 · Palmyra, Syria · 3 killed, 3 injured": what, when, where,
    how many."""
    figures = ", ".join(f"{value} {kind}" for kind, value in card.figures.items())
    facts = [type_label(card.type), date_label(card.date, card.date_precision),
             card_place(card, region=False), figures]
    return " · ".join(part for part in facts if part)


def card_headline(card: StoryCard) -> str:
    """The card in one line (see the module's contract)."""
    facts = card_facts(card)
    return f"{facts} — {card.summary}" if card.summary else facts


def card_text(card: StoryCard) -> Text:
    """The line as the widget shows it: the facts in bold, then the summary; one line,
    cut with an ellipsis, never markup."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(plain(card_facts(card), "bold"))
    if card.summary:
        text.append_text(plain(f" — {card.summary}"))
    return text


class CardLine(Static):
    """One line above the story's panels: its headline event, or nothing."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, markup=False)
        self.display = False

    def show(self, card: StoryCard | None) -> None:
        """Show `card` in one line; hide the line when there is none."""
        self.display = card is not None
        self.update(card_text(card) if card is not None else Text())

    @property
    def text(self) -> str:
        """What the line says ("" when hidden)."""
        return str(self.render()) if self.display else ""
