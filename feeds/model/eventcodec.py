"""Event candidates, headline events and cards to and from the JSON the store keeps.

Contract: `dump_events(events)` and `load_events(text)` are inverses for every field of
`EventCandidate`, `dump_headline` and `load_headline` for `HeadlineEvent` (an article's
`headline_event` column: `{"family", "day", "place", "participants"}` and `"ages"` when
the headline gives any, the day an ordinal, the participants and ages sorted, so one event
is always the same text; a row stored before ages were kept reads as no ages), and
`dump_card` and `load_card` for `StoryCard` (`card_dict` is the card's JSON object: the
field names benchmarks read); none of the loaders raises on bad text: `load_events`
returns what it can read, or nothing; `load_headline` and `load_card` None (as for
none); a type stored before the ontology's ("fight") is read as the CAMEO code's
default type.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from typing import Any

from feeds.model import EventCandidate, HeadlineEvent, PartialDate, Participant, StoryCard

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
    row["participants"] = [tuple(p) for p in row.get("participants", ()) if len(p) == 3]
    # the ontology's package loads the whole extraction stack: not for a program that only
    # lists stories or prints its help
    from feeds.extract.ontology import default_type, is_type

    if not is_type(str(row.get("type", ""))):  # stored before types: "fight" for "19"
        row["type"] = default_type(str(row.get("cameo", "")))
    return EventCandidate(**row, date=parsed)


def dump_headline(event: HeadlineEvent | None) -> str | None:
    """Compact JSON of an article's headline event (None for none)."""
    if event is None:
        return None
    row: dict[str, Any] = {"family": event.family, "day": event.day, "place": event.place,
                           "participants": sorted(event.participants)}
    if event.ages:
        row["ages"] = sorted(event.ages)
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def load_headline(text: str | None) -> HeadlineEvent | None:
    """A headline event back from `dump_headline`; None for none or for text it cannot
    read (not JSON, not an object, no family, a field of the wrong kind)."""
    try:
        row = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(row, dict):
        return None
    family, day, place = row.get("family"), row.get("day"), row.get("place")
    people, ages = row.get("participants", []), row.get("ages", [])
    if (not isinstance(family, str) or not family or isinstance(day, bool)
            or not isinstance(day, int | None) or not isinstance(place, str | None)
            or not isinstance(people, list) or not all(isinstance(p, str) for p in people)
            or not isinstance(ages, list)
            or not all(isinstance(a, int) and not isinstance(a, bool) for a in ages)):
        return None
    return HeadlineEvent(family, day, place, frozenset(people), frozenset(ages))


def card_dict(card: StoryCard) -> dict[str, Any]:
    """The card as `show --json` and the exports give it."""
    out = {name: getattr(card, name) for name in _CARD_FIELDS}
    out["participants"] = [{"name": p.name, "kind": p.kind, "role": p.role}
                           for p in card.participants]
    return out


def dump_card(card: StoryCard | None) -> str | None:
    """Compact JSON of a card (None for none)."""
    if card is None:
        return None
    return json.dumps(card_dict(card), ensure_ascii=False, separators=(",", ":"))


def load_card(text: str | None) -> StoryCard | None:
    """A card back from `dump_card`; None for none or for text it cannot read."""
    try:
        row = json.loads(text) if text else None
        if not isinstance(row, dict):
            return None
        people = [Participant(str(p["name"]), str(p["kind"]), str(p["role"]))
                  for p in row.pop("participants", [])]
        return StoryCard(**{k: v for k, v in row.items() if k in _CARD_FIELDS},
                         participants=people)
    except (TypeError, ValueError, KeyError):
        return None


_CARD_FIELDS = tuple(f.name for f in fields(StoryCard))
