"""Plain-JSON shapes of what the command line and the exports print.

Contract: pure functions from model/view objects to dicts of JSON types, with
the field names the documented contracts promise (`stories --json`, `show
--json`, `extract`). Datetimes become ISO 8601 strings in UTC; dates are cut to
their precision.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from feeds.eventcodec import card_dict
from feeds.model import Extraction
from feeds.views import ActorView, ArticleView, EventView, StoryDetail, StorySummary

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


def story_summary(story: StorySummary) -> dict[str, Any]:
    """One line of `wirewatch stories --json`."""
    return {"id": story.id, "title": story.title, "articles": story.articles,
            "outlets": story.outlets, "first_seen": iso(story.first_seen),
            "last_seen": iso(story.last_seen), "state": story.state,
            "heat": round(story.heat, 3)}


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
