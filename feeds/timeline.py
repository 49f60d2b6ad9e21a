"""The story-level timeline: event candidates of many articles merged into story events.

Contract: `build_timeline(reports)` is pure and deterministic. Each article's
candidates are re-resolved from their `date_expr` against the article's
publication date, or, for an undated article, against the story's anchor (the
earliest publication date among its dated articles); nothing ever takes the
ingestion time. Candidates merge into one `StoryEvent` when they share the CAMEO
root, their dates are compatible (unknown matches anything; otherwise equal at
the coarser precision), their places do not conflict, and they share an actor,
the place, or enough words. Merging is greedy over candidates sorted most
specific first (dated and placed, then dated, then placed, then the rest, ties
by article key and offset), so the input order does not matter. The output is
ordered by date, undated events last, ties in that same stable order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from feeds.extract.dates import resolve
from feeds.model import EventCandidate, PartialDate, StoryEvent

_RANK = {"year": 0, "month": 1, "day": 2}
_WORD = re.compile(r"[a-z][a-z-]{3,}")
_STOP = frozenset(
    "that this with from were was have been their they said says also into over after about "
    "which would will when where there these those than then them during".split()
)
MIN_WORD_SIMILARITY = 0.25
"""Jaccard similarity of content words that suffices without a shared actor or place."""


@dataclass(frozen=True, slots=True)
class ArticleReports:
    """The event candidates of one article, with what the timeline needs of it."""

    key: str
    outlet: str
    published: date | None
    events: list[EventCandidate]


@dataclass(slots=True)
class _Item:
    key: str
    outlet: str
    event: EventCandidate
    date: PartialDate | None
    words: frozenset[str]


@dataclass(slots=True)
class _Cluster:
    items: list[_Item] = field(default_factory=list)
    date: PartialDate | None = None
    place: str | None = None
    actors: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def add(self, item: _Item) -> None:
        self.items.append(item)
        if item.date and (self.date is None or _RANK[item.date.precision] > _RANK[self.date.precision]):
            self.date = item.date
        self.place = self.place or item.event.place
        self.actors.update(item.event.actors)
        self.words.update(item.words)


def _day(value: date | None) -> date | None:
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[union-attr]


def _items(reports: list[ArticleReports]) -> list[_Item]:
    dated = [_day(r.published) for r in reports if r.published is not None]
    anchor = min(dated) if dated else None
    out = []
    for r in reports:
        own = _day(r.published) or anchor
        for e in r.events:
            when = resolve(e.date_expr, own) if e.date_expr else None
            words = frozenset(w for w in _WORD.findall(e.summary.lower()) if w not in _STOP)
            out.append(_Item(r.key, r.outlet, e, when, words))
    out.sort(key=lambda i: (i.date is None, i.event.place is None, i.key, i.event.start))
    return out


def same_time(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two dates can be the same happening: unknown matches anything."""
    if a is None or b is None:
        return True
    rank = min(_RANK[a.precision], _RANK[b.precision])
    if a.value.year != b.value.year:
        return False
    if rank >= 1 and a.value.month != b.value.month:
        return False
    return rank < 2 or a.value.day == b.value.day


def _score(cluster: _Cluster, item: _Item) -> float | None:
    """How well `item` fits `cluster`; None when it cannot merge."""
    e = item.event
    if e.cameo[:2] != cluster.items[0].event.cameo[:2] or not same_time(cluster.date, item.date):
        return None
    if cluster.place and e.place and cluster.place != e.place:
        return None
    shared = len(cluster.actors & set(e.actors))
    same_place = bool(cluster.place and cluster.place == e.place)
    union = cluster.words | item.words
    similarity = len(cluster.words & item.words) / len(union) if union else 0.0
    if not shared and not same_place and similarity < MIN_WORD_SIMILARITY:
        return None
    return 2 * shared + 2 * same_place + similarity


def build_timeline(reports: list[ArticleReports]) -> list[StoryEvent]:
    """The story's events, merged across articles and ordered by date."""
    clusters: list[_Cluster] = []
    for item in _items(reports):
        scored = [(s, -n) for n, c in enumerate(clusters) if (s := _score(c, item)) is not None]
        if scored:
            clusters[-max(scored)[1]].add(item)
        else:
            cluster = _Cluster()
            cluster.add(item)
            clusters.append(cluster)
    order = sorted(range(len(clusters)), key=lambda n: _date_key(clusters[n].date, n))
    return [_story_event(clusters[n]) for n in order]


def _date_key(value: PartialDate | None, n: int) -> tuple[bool, date, int]:
    return (value is None, value.value if value else date.min, n)


def _story_event(cluster: _Cluster) -> StoryEvent:
    head = cluster.items[0].event
    actors: list[str] = []
    keys: list[str] = []
    outlets: list[str] = []
    figures: dict[str, list[int]] = {}
    for item in cluster.items:
        actors.extend(a for a in item.event.actors if a not in actors)
        keys.extend([item.key] if item.key not in keys else [])
        outlets.extend([item.outlet] if item.outlet and item.outlet not in outlets else [])
        for name, value in item.event.figures.items():
            values = figures.setdefault(name, [])
            values.extend([value] if value not in values else [])
    return StoryEvent(
        cameo=head.cameo, type=head.type, summary=head.summary, date=cluster.date,
        actors=actors, place=cluster.place, article_keys=keys, outlets=outlets,
        figures={k: sorted(v) for k, v in figures.items()},
    )
