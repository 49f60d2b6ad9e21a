"""Event candidates to and from the JSON kept on each article row.

Contract: `dump_events(events)` and `load_events(text)` are inverses for every
field of `EventCandidate`; `load_events` never raises on bad text (it returns
what it can read, or nothing).
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from typing import Any

from feeds.model import EventCandidate, PartialDate


_FIELDS = tuple(f.name for f in fields(EventCandidate))


def dump_events(events: list[EventCandidate]) -> str:
    """Compact JSON for a list of candidates."""
    rows = []
    for event in events:
        row = {name: getattr(event, name) for name in _FIELDS}  # no deep copy: only read
        row["date"] = [event.date.value.isoformat(), event.date.precision] if event.date else None
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def load_events(text: str | None) -> list[EventCandidate]:
    """Candidates back from `dump_events` output; unreadable rows are skipped."""
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return []
    events = []
    for row in rows if isinstance(rows, list) else []:
        try:
            events.append(_event(row))
        except (TypeError, ValueError, KeyError):
            continue
    return events


def _event(row: dict[str, Any]) -> EventCandidate:
    raw_date = row.pop("date", None)
    parsed = PartialDate(date.fromisoformat(raw_date[0]), raw_date[1]) if raw_date else None
    return EventCandidate(**row, date=parsed)
