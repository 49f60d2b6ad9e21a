"""Each article's own headline event: the event evidence the story engine compares.

Contract: `headline_event(key, published, events)` is the card (`feeds.stories.card`)
of the article taken as a story of its own: the event its headline and lead report,
reduced to what two articles can agree or disagree on: its merge family
(`feeds.stories.timeline.family`), its day (only when dated to the day), its place when that
is a town the gazetteer knows (not a county, a state or a country, which can hold
another's town; not a name the extractor took for a place), and the surnames of the
people and bodies it involves (lower case, not common English words). None when the
article reports no event. `with_event(terms, article, extraction)` puts it into the
article's `ClusterTerms`; it is computed with the extraction (in the worker processes
during a poll), so the storing process does not pay for it.
`agreement(a, b, near_days)` says how two headline events relate: `AGREE` (one
family, the same town or a shared participant, days not further apart than
`near_days`), `CONFLICT` (one family, and two towns that are not one with no
participant in common, or days further apart than `near_days`) or `UNKNOWN`;
`events_evidence` says it of two lists (a story's events). Pure and deterministic.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from feeds.extract.geo import is_town
from feeds.extract.scene import level
from feeds.model import Article, ClusterTerms, EventCandidate, Extraction, HeadlineEvent
from feeds.stories.background import zipf_table
from feeds.stories.card import build_card
from feeds.stories.features import NAME_MAX_ZIPF
from feeds.stories.timeline import ArticleReports, family, same_place, timeline_clusters

AGREE, UNKNOWN, CONFLICT = 1, 0, -1
MAX_PARTICIPANTS = 6


def headline_event(key: str, published: date | None,
                   events: list[EventCandidate]) -> HeadlineEvent | None:
    """The article's headline event (see the module's contract)."""
    if not events:
        return None
    reports = [ArticleReports(key, "", published, events)]
    card = build_card(reports, timeline_clusters(reports))
    if card is None or not card.type:
        return None
    day = (date.fromisoformat(card.date).toordinal()
           if card.date and card.date_precision == "day" else None)
    common = zipf_table()
    names = [last for p in card.participants if p.name.split()
             if common.get(last := p.name.split()[-1].lower(), 0.0) < NAME_MAX_ZIPF]
    place = card.place if card.place and _town(card.place) else None
    return HeadlineEvent(family(card.cameo, card.type), day, place,
                         frozenset(names[:MAX_PARTICIPANTS]))


def _town(place: str) -> bool:
    """Whether a place is a town (or another specific place) the gazetteer knows: two
    such places that are not one are two places (`feeds.stories.timeline.elsewhere`)."""
    return level(place) >= 3 and is_town(place.partition(", ")[0])


def with_event(terms: ClusterTerms, article: Article, extraction: Extraction) -> ClusterTerms:
    """`terms` with the article's headline event (a file-time date dates nothing)."""
    published = (article.published.date()
                 if article.published is not None and not article.date_uncertain else None)
    event = headline_event(article.key, published, extraction.events)
    return dataclasses.replace(terms, event=event) if event is not None else terms


def agreement(a: HeadlineEvent, b: HeadlineEvent, near_days: float) -> int:
    """`AGREE`, `CONFLICT` or `UNKNOWN` (see the module's contract)."""
    if a.family != b.family:
        return UNKNOWN
    if a.day is not None and b.day is not None and abs(a.day - b.day) > near_days:
        return CONFLICT
    shared = bool(a.participants & b.participants)
    if a.place and b.place and not same_place(a.place, b.place) and not shared:
        return CONFLICT
    if shared or (a.place and b.place and same_place(a.place, b.place)):
        return AGREE
    return UNKNOWN


def events_evidence(ours: list[HeadlineEvent], theirs: list[HeadlineEvent],
                    near_days: float) -> int:
    """`AGREE` when an event of `ours` agrees with one of `theirs`; `CONFLICT` when
    none does and every pair of one family conflicts; else `UNKNOWN`."""
    conflicts = kindred = 0
    for a in ours:
        for b in theirs:
            if a.family != b.family:
                continue
            kindred += 1
            verdict = agreement(a, b, near_days)
            if verdict == AGREE:
                return AGREE
            conflicts += verdict == CONFLICT
    return CONFLICT if kindred and conflicts == kindred else UNKNOWN
