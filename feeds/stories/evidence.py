"""Each article's own headline event: the event evidence the story engine compares.

Contract: `headline_event(key, published, events, title, text)` is the card
(`feeds.stories.card`) of the article taken as a story of its own: the event its headline
and lead report, reduced to what two articles can agree or disagree on: its merge family
(`feeds.stories.timeline.family`), its day (only when dated to the day), its place when that
is a town the gazetteer knows (not a county, a state or a country, which can hold
another's town; not a name the extractor took for a place), the surnames of the
people and bodies it involves (lower case, not common English words; not a participant
the card kinds as a place: "Toledo" shot is the town's, not a victim's name), and the
ages its headline and lead give their people (`feeds.extract.ages`; the lead is the
text's first `LEAD_SENTENCES` sentences of `LEAD_WORDS` words or more). None when the
article reports no event. `with_event(terms, article, extraction)` puts it into the
article's `ClusterTerms`; it is computed with the extraction (in the worker processes
during a poll), so the storing process does not pay for it.
`agreement(a, b, near_days)` says how two headline events relate: `AGREE` (one
family, the same town or a shared participant, days not further apart than
`near_days`), `CONFLICT` (one family, and two towns that are not one with no
participant in common, or days further apart than `near_days`) or `UNKNOWN`;
`events_evidence` says it of two lists (a story's events). `two_events(ours, theirs,
far_days, town_days)` says when the events of one family of two lists are two events
beyond the doubt `agreement` leaves, so that no shared word should join them: none shares
a participant with another, and either every pair dated to the day is more than `far_days`
apart (one town's shooting of one autumn and of the next), or more than `town_days` with
a pair in one town (one city's shootings two weeks apart), or every pair whose headlines
and leads give ages gives none in common, within `AGE_SLACK` years (a 2-year-old girl and
a 15-year-old boy shot in one town three days apart; not a 17- and an 18-year-old, which
first reports confuse). `same_scene(ours, theirs, days)` says when two of them are
of one family of happenings (`SCENES`: violence, an accident, a disaster, a crime), in one
town, on days no more than `days` apart, `undated_scene` when two of one such family in
one town do not both date a day (the engine dates them by their reports), `same_age(ours,
theirs)` when two of one such family give one age, the very same; talk, meetings and
votes have no scene and no age to share (a capital's statements of one day are of many
events).
`follow_up(ours, theirs, days)` says when an event of one list follows up one of the other
across families: an incident (`INCIDENTS`: a shooting, an accident) and its aftermath
(`AFTERMATHS`: arrests, charges, a hearing) dated no earlier than the day before the
incident and at most `days` after it (or either undated), or two incident families, in one
town, with a participant or the very same age in common ("3 held in 7-year-old's killing"
a week after "7-year-old shot dead"). `scene_keys(event, days)` are the story engine's
index keys of an event's scene, one per age its headline and lead give (family, town,
day, age) for a family of `SCENES`, on its day and up to `days` either side; none when it
names no town, dates no day or gives no age (one city's shootings of one day are many).
Pure and deterministic.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from feeds.extract.ages import stated_ages
from feeds.extract.geo import is_town
from feeds.extract.scene import level
from feeds.extract.sentences import iter_sentences
from feeds.model import Article, ClusterTerms, EventCandidate, Extraction, HeadlineEvent
from feeds.stories.background import zipf_table
from feeds.stories.card import build_card
from feeds.stories.features import NAME_MAX_ZIPF
from feeds.stories.timeline import (
    ArticleReports,
    family,
    same_place,
    timeline_clusters,
    town_of,
)

AGREE, UNKNOWN, CONFLICT = 1, 0, -1
MAX_PARTICIPANTS = 6
LEAD_CHARS = 1_500
LEAD_WORDS = 8
LEAD_SENTENCES = 2
AGE_SLACK = 1
INCIDENTS = frozenset({"violence", "Accident"})
"""Families of a happening itself (one shooting is reported as an attack and an accident)."""
SCENES = frozenset({*INCIDENTS, "Disaster", "Crime"})
"""Families of happenings whose one town and one day make one scene (not talk or votes)."""
AFTERMATHS = frozenset({"Justice", "17", "Crime"})
"""Families of what follows a happening: arrests (CAMEO 17), charges, hearings, sentences."""


def headline_event(key: str, published: date | None, events: list[EventCandidate],
                   title: str = "", text: str = "") -> HeadlineEvent | None:
    """The article's headline event (see the module's contract); `title` and `text`: its
    headline and text, whose lead with the headline gives the ages."""
    if not events:
        return None
    reports = [ArticleReports(key, "", published, events)]
    card = build_card(reports, timeline_clusters(reports))
    if card is None or not card.type:
        return None
    day = (date.fromisoformat(card.date).toordinal()
           if card.date and card.date_precision == "day" else None)
    common = zipf_table()
    names = [last for p in card.participants if p.name.split() and p.kind != "place"
             if common.get(last := p.name.split()[-1].lower(), 0.0) < NAME_MAX_ZIPF]
    place = card.place if card.place and _town(card.place) else None
    return HeadlineEvent(family(card.cameo, card.type), day, place,
                         frozenset(names[:MAX_PARTICIPANTS]), _ages(title, text))


def _ages(title: str, text: str) -> frozenset[int]:
    """The ages the headline and the lead give: the text's first `LEAD_SENTENCES`
    sentences of `LEAD_WORDS` words or more (not a byline, a caption, a dateline or the
    headline again)."""
    ages, left = stated_ages(title), LEAD_SENTENCES
    for sentence in iter_sentences(text[:LEAD_CHARS]):
        if len(sentence.text.split()) >= LEAD_WORDS and sentence.text != title:
            ages |= stated_ages(sentence.text)
            left -= 1
            if not left:
                break
    return ages


def _town(place: str) -> bool:
    """Whether a place is a town (or another specific place) the gazetteer knows: two
    such places that are not one are two places (`feeds.stories.timeline.elsewhere`)."""
    return level(place) >= 3 and is_town(town_of(place))


def with_event(terms: ClusterTerms, article: Article, extraction: Extraction) -> ClusterTerms:
    """`terms` with the article's headline event (a file-time date dates nothing)."""
    published = (article.published.date()
                 if article.published is not None and not article.date_uncertain else None)
    event = headline_event(article.key, published, extraction.events, article.title,
                           article.text)
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


def two_events(ours: list[HeadlineEvent], theirs: list[HeadlineEvent], far_days: float,
               town_days: float) -> bool:
    """Whether the events of one family in `ours` and `theirs` are two events beyond the
    doubt `agreement` leaves (see the module's contract)."""
    kindred = [(a, b) for a in ours for b in theirs if a.family == b.family]
    if not kindred or any(a.participants & b.participants for a, b in kindred):
        return False
    dated = [(a, b) for a, b in kindred if a.day is not None and b.day is not None]
    gaps = [abs(a.day - b.day) for a, b in dated]
    if gaps and min(gaps) > far_days:
        return True
    if gaps and min(gaps) > town_days and any(
            a.place and b.place and same_place(a.place, b.place) for a, b in dated):
        return True
    aged = [(a.ages, b.ages) for a, b in kindred if a.ages and b.ages]
    return bool(aged) and not any(_one_age(mine, other) for mine, other in aged)


def undated_scene(ours: list[HeadlineEvent], theirs: list[HeadlineEvent]) -> bool:
    """Whether an event of `ours` and one of `theirs` are of one family of `SCENES` and in
    one town, one of them (or both) not dated to the day: one scene when reported on the
    same days."""
    return any(a.family == b.family and a.family in SCENES and (a.day is None or b.day is None)
               and a.place is not None and b.place is not None and same_place(a.place, b.place)
               for a in ours for b in theirs)


def same_age(ours: list[HeadlineEvent], theirs: list[HeadlineEvent]) -> bool:
    """Whether an event of `ours` and one of `theirs` of its family of `SCENES` give one
    age, the very same (a year off neither joins nor parts)."""
    return any(a.family == b.family and a.family in SCENES and a.ages & b.ages
               for a in ours for b in theirs)


def _one_age(ours: frozenset[int], theirs: frozenset[int]) -> bool:
    """Whether two sets of ages have one in common, within `AGE_SLACK` years (first
    reports often get an age a year wrong, or tell it before a birthday)."""
    return any(abs(a - b) <= AGE_SLACK for a in ours for b in theirs)


def same_scene(ours: list[HeadlineEvent], theirs: list[HeadlineEvent], days: float) -> bool:
    """Whether an event of `ours` and one of `theirs` are of one family of `SCENES`, in one
    town, on days no more than `days` apart."""
    return any(a.family == b.family and a.family in SCENES and a.day is not None
               and b.day is not None and abs(a.day - b.day) <= days
               and a.place is not None and b.place is not None and same_place(a.place, b.place)
               for a in ours for b in theirs)


def follow_up(ours: list[HeadlineEvent], theirs: list[HeadlineEvent], days: float) -> bool:
    """Whether an event of one list follows up one of the other (see the module's
    contract)."""
    return any(_follows(a, b, days) for a in ours for b in theirs)


def _follows(a: HeadlineEvent, b: HeadlineEvent, days: float) -> bool:
    """Whether `a` and `b`, of two families, are an incident and its follow-up."""
    if a.family == b.family or not (a.place and b.place and same_place(a.place, b.place)):
        return False
    if not (a.participants & b.participants or a.ages & b.ages):
        return False
    if a.family in INCIDENTS and b.family in INCIDENTS:
        return True
    first, then = (a, b) if a.family in INCIDENTS else (b, a)
    if first.family not in INCIDENTS or then.family not in AFTERMATHS:
        return False
    return first.day is None or then.day is None or -1 <= then.day - first.day <= days


def scene_keys(event: HeadlineEvent, days: float) -> list[str]:
    """Index keys of an event's scene (see the module's contract). A newline opens them,
    which no word or name of `feeds.stories.features` holds."""
    if event.family not in SCENES or event.place is None or event.day is None or not event.ages:
        return []
    reach = int(days)
    return [f"{scene_key(event, event.day + d)}\n{age}"
            for d in range(-reach, reach + 1) for age in sorted(event.ages)]


def scene_key(event: HeadlineEvent, day: int) -> str:
    """The key of an event's family and town (its place without a state) on `day`."""
    return f"\n{event.family}\n{town_of(event.place or '')}\n{day}"
