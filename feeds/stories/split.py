"""When a young story's articles report two events: which of them go.

Contract: `second_event(events)` takes the headline events of a story's articles in
the order they joined (None for an article without one) and returns the positions of
the articles that report another event than the story's first, or an empty list when
the story is one event. Two clear groups are needed: at least `MIN_PART` articles on
each side with a headline event, every event of the second group in conflict
(`feeds.stories.evidence.agreement`: one family, another place, or days apart) with
every event of its family in the first, none of the second group in conflict with
another of it, and the second group agreeing within itself (one place or participant).
Articles without a headline event stay. Pure and deterministic.
"""

from __future__ import annotations

from feeds.model import HeadlineEvent
from feeds.stories.evidence import AGREE, CONFLICT, agreement

MIN_PART = 2


def second_event(events: list[HeadlineEvent | None], near_days: float) -> list[int]:
    """Positions of the articles of a second event (see the module's contract)."""
    known = [(n, e) for n, e in enumerate(events) if e is not None]
    if len(known) < 2 * MIN_PART:
        return []
    seed = known[0][1]
    first = [e for _, e in known if agreement(seed, e, near_days) != CONFLICT]
    second = [(n, e) for n, e in known if agreement(seed, e, near_days) == CONFLICT]
    if len(first) < MIN_PART or len(second) < MIN_PART:
        return []
    verdicts = [agreement(a, b, near_days) for _, a in second for b in first
                if a.family == b.family]
    if any(v != CONFLICT for v in verdicts):
        return []
    inner = [agreement(a, b, near_days) for i, (_, a) in enumerate(second)
             for _, b in second[i + 1:]]
    if CONFLICT in inner or AGREE not in inner:
        return []
    return [n for n, _ in second]
