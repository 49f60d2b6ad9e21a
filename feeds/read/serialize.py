"""Plain-JSON shapes of what the command line and the exports print, and the card in words.

Contract: pure functions from model/view objects to dicts of JSON types, with
the field names the documented contracts promise (`stories --json`, `show
--json`, `extract`). Datetimes become ISO 8601 strings in UTC; dates are cut to
their precision. `card_lines(card)` is a story card as the lines `show` and the
Markdown and HTML exports print (its pieces: `card_place`, `card_figures`,
`card_participants`); they return raw feed text, which each caller makes safe
for its medium (one line for a terminal, escaped for Markdown or HTML).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from feeds.model import Extraction, StoryCard
from feeds.model.eventcodec import card_dict
from feeds.read.views import (
    ActorView,
    ArticleView,
    EventView,
    SearchGroup,
    StoryDetail,
    StorySummary,
)

SCHEMA_VERSION = 2


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with seconds, or None."""
    return value.isoformat(timespec="seconds") if value is not None else None


def figures_text(figures: dict[str, list[int]]) -> str:
    """ " [killed 3, wounded 2/3]": every figure with each value the reports gave, so a
    disagreement between outlets shows; "" when there are none."""
    parts = [f"{' '.join(name.split())[:20]} {'/'.join(str(v) for v in sorted(set(values)))}"
             for name, values in sorted(figures.items()) if values]
    return f" [{', '.join(parts)}]" if parts else ""


def card_place(card: StoryCard, *, region: bool = True) -> str:
    """ "Palmyra, Homs, Syria": the place, its region (unless `region` is False) and its
    country, each named once; "" when the card has no place."""
    parts = [card.place, card.region if region else None, card.country]
    named: dict[str, str] = {}
    for part in parts:
        if part and part.casefold() not in named:
            named[part.casefold()] = part
    return ", ".join(named.values())


def card_figures(card: StoryCard) -> str:
    """ "killed 3 · injured 3"; a figure the articles disagree on lists every count with the
    articles giving it, the card's first: "killed 3 (2 articles), 2 (1)". "" for none."""
    parts = []
    for kind, value in card.figures.items():
        reports = card.figure_reports.get(kind, {})
        if len(reports) < 2:
            parts.append(f"{kind} {value}")
            continue
        others = sorted(((v, n) for v, n in reports.items() if v != str(value)),
                        key=lambda vn: (-vn[1], -_number(vn[0])))
        first = reports.get(str(value), 0)
        counts = [f"{value} ({first} article{'s' if first != 1 else ''})"]
        counts += [f"{v} ({n})" for v, n in others]
        parts.append(f"{kind} {', '.join(counts)}")
    return " · ".join(parts)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def card_participants(card: StoryCard) -> str:
    """ "United States (target), Daesh (agent)", in the card's order; "" for none."""
    return ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in card.participants)


def card_lines(card: StoryCard) -> list[str]:
    """The card in words, present fields only: type, CAMEO code, date ("date unknown")
    and place; figures; summary; participants; the articles and outlets reporting it."""
    head = card.type or "event"
    if card.cameo:
        head += f" (CAMEO {card.cameo})"
    head = " · ".join(filter(None, (head, card.date or "date unknown", card_place(card))))
    lines = [head, card_figures(card), card.summary]
    if card.participants:
        lines.append(f"participants: {card_participants(card)}")
    if card.articles:
        reported = f"reported by {card.articles} article{'s' if card.articles != 1 else ''}"
        lines.append(f"{reported}: {', '.join(card.outlets)}" if card.outlets else reported)
    return [line for line in lines if line]


def story_summary(story: StorySummary) -> dict[str, Any]:
    """One line of `wirewatch stories --json`."""
    return {"id": story.id, "title": story.title, "articles": story.articles,
            "outlets": story.outlets, "first_seen": iso(story.first_seen),
            "last_seen": iso(story.last_seen), "state": story.state,
            "heat": round(story.heat, 3)}


def search_group(group: SearchGroup) -> dict[str, Any]:
    """One line of `wirewatch search --json`: the story as `stories --json` gives it, the
    words its articles matched, and each matching article (best first) with its matched
    words and the passage of its text that holds them."""
    return {**story_summary(group.story), "unread": group.story.unread,
            "words": list(group.words),
            "matches": [{"id": m.article_id, "title": m.title.text, "outlet": m.outlet,
                         "published": iso(m.published), "snippet": m.snippet.text,
                         "words": list(m.words)} for m in group.matches]}


def event(view: EventView) -> dict[str, Any]:
    """One timeline entry."""
    return {"date": view.date, "precision": view.precision, "cameo": view.cameo,
            "type": view.type, "summary": view.summary, "actors": list(view.actors),
            "place": view.place, "articles": view.articles, "outlets": view.outlets,
            "figures": dict(view.figures)}


def actor(view: ActorView) -> dict[str, Any]:
    """One story actor."""
    return {"name": view.name, "kind": view.kind, "role": view.role,
            "aliases": list(view.aliases), "mentions": view.mentions,
            "articles": view.articles, "outlets": view.outlets,
            "first_seen": iso(view.first_seen), "last_seen": iso(view.last_seen)}


def article(view: ArticleView) -> dict[str, Any]:
    """One article of a story (without its text)."""
    return {"id": view.id, "title": view.title, "outlet": view.outlet, "via": view.via,
            "published": iso(view.published), "date_origin": view.date_origin,
            "url": view.url, "source": view.source_name}


def story_detail(detail: StoryDetail) -> dict[str, Any]:
    """`wirewatch show STORY --json` and the JSON export."""
    return {
        "schema_version": SCHEMA_VERSION,
        **story_summary(detail.story),
        "card": card_dict(detail.card) if detail.card else None,
        "events": [event(e) for e in detail.events],
        "actors": [actor(a) for a in detail.actors],
        "sources": [{"outlet": o.name, "articles": o.articles,
                     "first_report": iso(o.first_report), "latest_report": iso(o.latest_report)}
                    for o in detail.outlets],
        "cited": [{"name": name, "articles": count} for name, count in detail.cited],
        "article_list": [article(a) for a in detail.articles],
    }


def extraction(result: Extraction) -> dict[str, Any]:
    """`wirewatch extract` output for one article."""
    events = []
    for candidate in result.events:
        row = asdict(candidate)
        row["date"] = candidate.date.iso() if candidate.date else None
        row["precision"] = candidate.date.precision if candidate.date else None
        events.append(row)
    return {
        "actors": [asdict(a) for a in result.actors],
        "mentions": [asdict(m) for m in result.mentions],
        "places": list(result.places),
        "attributions": [asdict(a) for a in result.attributions],
        "events": events,
    }
