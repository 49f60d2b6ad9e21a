"""The cases a story engine has seen: a happening's family, town and day, with its people.

Contract: `CaseMemory(limit)` remembers, for every headline event that names a town,
dates a day and has participants (`feeds.model.HeadlineEvent`), the story it went to:
`add(event, story_id)`; `find(event)` is the first story remembered under the event's
family, town (without its state) and day that shares a participant with it, or None.
A plea, a trial or a sentence reported years on names the day of the shooting and its
people, when its story has long left the engine's window or memory. Past `limit` keys
the oldest are dropped first, so memory stays bounded however long the stream.
Pure, in memory, deterministic.
"""

from __future__ import annotations

from feeds.model import HeadlineEvent
from feeds.stories.evidence import scene_key

Case = tuple[int, frozenset[str]]


class CaseMemory:
    """Stories by the cases of their headline events (see the module's contract)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._cases: dict[str, list[Case]] = {}

    def add(self, event: HeadlineEvent, story_id: int) -> None:
        """Remember that `event` went to `story_id` (when it names a case)."""
        key = _key(event)
        if key is None or not self.limit:
            return
        cases = self._cases.setdefault(key, [])
        for n, (known, people) in enumerate(cases):
            if known == story_id:  # one entry a story: its people, every report's
                cases[n] = (known, people | event.participants)
                return
        cases.append((story_id, event.participants))
        if len(self._cases) > self.limit:
            del self._cases[next(iter(self._cases))]

    def find(self, event: HeadlineEvent) -> int | None:
        """The story of a remembered case of `event` with a participant in common."""
        key = _key(event)
        for story_id, people in self._cases.get(key, ()) if key is not None else ():
            if people & event.participants:
                return story_id
        return None

    def __len__(self) -> int:
        return len(self._cases)


def _key(event: HeadlineEvent) -> str | None:
    if event.day is None or event.place is None or not event.participants:
        return None
    return scene_key(event, event.day)
