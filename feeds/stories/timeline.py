"""The story-level timeline: event candidates of many articles merged into story events.

Contract: `build_timeline(reports)` is pure and deterministic (`timeline_clusters` gives
the reports each story event merges, `stored_reports` the articles from their stored
form). Each article's candidates are re-resolved from their `date_expr` against the
article's publication date, or, for an undated article, against the story's anchor (the
earliest publication date among its dated articles); nothing ever takes the ingestion
time. Candidates merge into one
`StoryEvent` when they share the CAMEO family (`FAMILIES`: 18-20 violence, 05/06
cooperation, 11/12 disapproval, the others alone; without a CAMEO code, the type's, a
birth, a marriage and a divorce each alone), their dates are compatible (unknown
matches anything; otherwise equal at the coarser precision), their places do not
conflict (`elsewhere`: two towns that are not one, `same_place`, "Norwich" being
"Norwich, New York"; a county, a state or a country beside a town is no conflict, and a
cluster's place is its most specific), their acting actors do not
conflict (each one's acting actor missing from the other's actors, where a name and a
name it is part of agree, "Los Angeles County" and "Los Angeles County Sheriff", and a
person's surname stands for the full name, "Page" for "Bettie Page"), and they share
the place, enough words, or an actor that acts in one of them; violence and arrests
(`SAME_DAY_FAMILIES`) dated the same day need no more, nor violent reports that share a
casualty figure ("killed" 1 and "killed" 1). A report dated only by a time of day
("at 6 p.m.") counts as undated (`Item.clock` keeps its day). Different places conflict
unless the reports share the day and a casualty figure of two or more. A
statement (01) whose reported content is itself a candidate of the same article is
folded into that content (it attributes the event rather than being one), and an undated
statement that only one article reports is left out (the article keeps it as a
candidate; on a timeline it is a quote, not a happening). Merging is greedy over
candidates sorted most specific first (dated and placed, then dated, then placed, then
the rest, ties by article key and offset), so the input order does not matter; a second
pass merges a cluster into an earlier one that now accepts all its reports (evidence
such as a figure may arrive after the split). The output is ordered by date, undated
events last, ties in that same stable order. A story event's actors are ordered acting
actor first and target second (the most reported of each), its summary is the best
report's (a sentence as written over a clause cut out of one or a line in capitals, own
words over attributed, dated, with figures, place and two actors, then closest to 12
words), and `flat_row` gives its GDELT-like flat form.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from feeds.extract.dates import resolve
from feeds.extract.names import core, surname
from feeds.extract.scene import level, state_of
from feeds.model import EventCandidate, PartialDate, StoryEvent
from feeds.model.eventcodec import load_events

_RANK = {"year": 0, "month": 1, "day": 2}
_WORD = re.compile(r"[a-z][a-z-]{3,}")
_STOP = frozenset(
    "that this with from were was have been their they said says also into over after about "
    "which would will when where there these those than then them during".split()
)
MIN_WORD_SIMILARITY = 0.25
"""Word similarity that suffices without a shared actor or place: the best, over the
cluster's reports, of the shared content words over the smaller report's (overlap
coefficient), counted only from three shared words; else the Jaccard similarity of
the cluster's and the report's words."""
MIN_OVERLAP = 0.4
MIN_SHARED_WORDS = 3
FAMILIES = {"18": "violence", "19": "violence", "20": "violence", "05": "cooperate",
            "06": "cooperate", "11": "disapprove", "12": "disapprove"}
"""CAMEO roots whose reports of one happening may differ (an "attack" and a "shooting")."""
_CASUALTIES = frozenset({"killed", "wounded", "arrested", "abducted"})
SAME_DAY_FAMILIES = frozenset({"violence", "17"})
"""Families where two reports dated the same day are one happening without more evidence
(within one story: the shooting of that day, the arrests of that day)."""


_OWN_FAMILY = frozenset({"Life.Be-Born", "Life.Marry", "Life.Divorce"})
"""Types that are a happening of their own within their type: a birth, a marriage and a
divorce never merge with a death, an illness or an injury of the same person."""


def family(cameo: str, event_type: str = "") -> str:
    """The merge family of an event: its CAMEO code's (its root when that has no family),
    else its type's ("Disaster" for "Disaster.Earthquake"; `_OWN_FAMILY` whole)."""
    if not cameo:
        return event_type if event_type in _OWN_FAMILY else event_type.partition(".")[0]
    return FAMILIES.get(cameo[:2], cameo[:2])


@dataclass(frozen=True, slots=True)
class ArticleReports:
    """The event candidates of one article, with what the timeline needs of it."""

    key: str
    outlet: str
    published: date | None
    events: list[EventCandidate]


@dataclass(slots=True)
class Item:
    key: str
    outlet: str
    event: EventCandidate
    date: PartialDate | None
    words: frozenset[str]
    family: str
    actors: frozenset[str]
    tolls: frozenset[tuple[str, int]]
    """Its casualty figures, as (kind, count)."""
    clock: PartialDate | None = None
    """Its day when it gives only a time of day ("at 6 p.m.": the publication day); such
    reports count as undated here."""


@dataclass(slots=True)
class Cluster:
    """The reports merged into one story event so far."""

    items: list[Item] = field(default_factory=list)
    date: PartialDate | None = None
    place: str | None = None
    actors: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    family: str = ""
    tolls: set[tuple[str, int]] = field(default_factory=set)
    """Every casualty figure of its reports."""

    def add(self, item: Item) -> None:
        self.family = self.family or item.family
        self.items.append(item)
        if item.date and (self.date is None
                          or _RANK[item.date.precision] > _RANK[self.date.precision]):
            self.date = item.date
        place = item.event.place
        if place and (self.place is None or level(place) > level(self.place)):
            self.place = place  # the most specific: "Tulsa" over "Oklahoma"
        self.actors.update(item.actors)
        self.agents.update(item.event.actors[:1])
        self.words.update(item.words)
        self.tolls.update(item.tolls)


def _day(value: date | None) -> date | None:
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[union-attr]


def _items(reports: list[ArticleReports]) -> list[Item]:
    dated = [_day(r.published) for r in reports if r.published is not None]
    anchor = min(dated) if dated else None
    out = []
    for r in reports:
        own = _day(r.published) or anchor
        for e in _unfolded(r.events):
            when = resolve(e.date_expr, own) if e.date_expr else None
            clock = None
            if e.date_expr == "clock":  # a time of day: the card's last resort, no merge evidence
                clock, when = when, None
            words = frozenset(w for w in _WORD.findall(e.summary.lower()) if w not in _STOP)
            tolls = frozenset((k, v) for k, v in e.figures.items() if k in _CASUALTIES)
            out.append(Item(r.key, r.outlet, e, when, words, family(e.cameo, e.type),
                             _actor_keys(e), tolls, clock))
    out.sort(key=lambda i: (i.date is None, i.event.place is None, i.key, i.event.start))
    return out


def _actor_keys(e: EventCandidate) -> frozenset[str]:
    """A report's actors, with the surname of each person it names in full (as written
    and without an "al-"): an article that says "Page" and one that says "Bettie Page"
    name one actor."""
    lasts = [name.split()[-1] for name, kind, _ in e.participants
             if kind == "person" and surname(name)]
    return frozenset(e.actors) | {w for last in lasts for w in (last, core(last))}


def _unfolded(events: list[EventCandidate]) -> list[EventCandidate]:
    """The candidates left when statements are folded into the content they report."""
    folded = set()
    for n, e in enumerate(events):
        if e.cameo[:2] != "01":
            continue
        for c in events[max(0, n - 2) : n + 3]:
            if (c is not e and c.cameo[:2] != "01" and c.attributed_to in e.actors
                    and e.start <= c.start < e.end):
                folded.add(n)
    return [e for n, e in enumerate(events) if n not in folded]


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


def _score(cluster: Cluster, item: Item) -> float | None:
    """How well `item` fits `cluster`; None when it cannot merge."""
    e = item.event
    if item.family != cluster.family or not same_time(cluster.date, item.date):
        return None
    if elsewhere(cluster.place, e.place) and not _same_toll(cluster, item):
        return None
    if (e.actors and cluster.agents and not _agrees(e.actors[0], cluster.actors)
            and not any(_agrees(a, item.actors) for a in cluster.agents)):
        return None
    linked = bool(e.actors) and (e.actors[0] in cluster.actors
                                 or bool(cluster.agents & item.actors))
    shared = len(cluster.actors & item.actors) if linked else 0
    same = bool(cluster.place and e.place and same_place(cluster.place, e.place))
    similarity = _similarity(cluster, item)
    same_day = _same_day(cluster.date, item.date) and item.family in SAME_DAY_FAMILIES
    toll = item.family == "violence" and bool(item.tolls & cluster.tolls)
    if not (shared or same or same_day or toll) and similarity < MIN_WORD_SIMILARITY:
        return None
    return 2 * shared + 2 * same + similarity


def _agrees(name: str, names: set[str] | frozenset[str]) -> bool:
    """Whether `names` hold `name` or a name of which it is a part, or a part of it ("Los
    Angeles County" and "Los Angeles County Sheriff"): no conflict of acting actors."""
    if name in names:
        return True
    words = set(name.split())
    return any(words <= set(n.split()) or set(n.split()) <= words for n in names)


def town_of(place: str) -> str:
    """A place name without the state written after its town ("Norwich, New York")."""
    return place.partition(", ")[0]


def same_place(a: str, b: str) -> bool:
    """Whether two place names name one place: equal, or one the other's town with its
    state ("Norwich" and "Norwich, New York")."""
    return a == b or town_of(a) == town_of(b)


def elsewhere(a: str | None, b: str | None) -> bool:
    """Whether two places contradict each other: two towns (or other specific places) that
    are not one, or two US states (a town's, written "Flagstaff, Arizona", and "Oregon");
    a county, a state or a country can hold the town it is named beside."""
    if not (a and b) or same_place(a, b):
        return False
    if min(level(a), level(b)) >= 3:
        return True
    one, other = state_of(a), state_of(b)
    return one is not None and other is not None and one != other


def _similarity(cluster: Cluster, item: Item) -> float:
    union = cluster.words | item.words
    jaccard = len(cluster.words & item.words) / len(union) if union else 0.0
    for other in cluster.items:
        shared = len(other.words & item.words)
        if (shared >= MIN_SHARED_WORDS
                and shared / min(len(other.words), len(item.words)) >= MIN_OVERLAP):
            return max(jaccard, MIN_WORD_SIMILARITY)
    return jaccard


def _same_day(a: PartialDate | None, b: PartialDate | None) -> bool:
    return a is not None and b is not None and a.precision == b.precision == "day" and a == b


def _same_toll(cluster: Cluster, item: Item) -> bool:
    """The same day and a shared casualty figure of two or more: places named differently
    ("Tulsa", "Oklahoma", "Fairmont Terrace") do not keep such reports apart."""
    if not _same_day(cluster.date, item.date):
        return False
    return any(v >= 2 for _, v in item.tolls & cluster.tolls)


def build_timeline(reports: list[ArticleReports]) -> list[StoryEvent]:
    """The story's events, merged across articles and ordered by date."""
    return [story_event(cluster) for cluster in timeline_clusters(reports)]


def timeline_clusters(reports: list[ArticleReports]) -> list[Cluster]:
    """The reports merged into the story's events, ordered as `build_timeline`'s."""
    clusters: list[Cluster] = []
    by_family: dict[str, list[int]] = {}  # only a cluster of the item's family can take it
    for item in _items(reports):
        candidates = by_family.setdefault(item.family, [])
        scored = [(s, -n) for n in candidates if (s := _score(clusters[n], item)) is not None]
        if scored:
            clusters[-max(scored)[1]].add(item)
        else:
            cluster = Cluster()
            cluster.add(item)
            candidates.append(len(clusters))
            clusters.append(cluster)
    clusters = [c for c in _second_pass(clusters) if not _minor_statement(c)]
    order = sorted(range(len(clusters)), key=lambda n: _date_key(clusters[n].date, n))
    return [clusters[n] for n in order]


StoredReport = tuple[str, str, date | None, str | None]
"""An article as the store reads it for a timeline: key, outlet, publication day (None
when unknown or uncertain) and its event candidates as `feeds.model.eventcodec` JSON."""


def stored_reports(reports: list[StoredReport]) -> list[ArticleReports]:
    """A story's articles as stored, as `build_timeline` takes them."""
    return [ArticleReports(key, outlet, day, load_events(events))
            for key, outlet, day, events in reports]


def _second_pass(clusters: list[Cluster]) -> list[Cluster]:
    """Merge a cluster into an earlier one that now accepts every one of its reports
    (evidence that arrived later, such as a figure, can join what the first pass split)."""
    kept: list[Cluster] = []
    for cluster in clusters:
        home = next((k for k in kept if k.family == cluster.family
                     and all(_score(k, i) is not None for i in cluster.items)), None)
        if home is None:
            kept.append(cluster)
        else:
            for item in cluster.items:
                home.add(item)
    return kept


def _minor_statement(cluster: Cluster) -> bool:
    """An undated statement that one article alone reports: a quote, not a timeline event."""
    return (cluster.items[0].event.cameo[:2] == "01" and cluster.date is None
            and len({i.key for i in cluster.items}) == 1)


def _date_key(value: PartialDate | None, n: int) -> tuple[bool, date, int]:
    return (value is None, value.value if value else date.min, n)


def story_event(cluster: Cluster) -> StoryEvent:
    """The story event of a cluster of reports."""
    head = cluster.items[0].event
    keys: list[str] = []
    outlets: list[str] = []
    figures: dict[str, list[int]] = {}
    for item in cluster.items:
        keys.extend([item.key] if item.key not in keys else [])
        outlets.extend([item.outlet] if item.outlet and item.outlet not in outlets else [])
        for name, value in item.event.figures.items():
            values = figures.setdefault(name, [])
            values.extend([value] if value not in values else [])
    best = max(cluster.items, key=_summary_rank)
    return StoryEvent(
        cameo=head.cameo, type=head.type, summary=best.event.summary, date=cluster.date,
        actors=_actors(cluster), place=cluster.place, article_keys=keys, outlets=outlets,
        figures={k: sorted(v) for k, v in figures.items()},
    )


def _summary_rank(item: Item) -> tuple[int, int]:
    e = item.event
    words = len(e.summary.split())
    score = (2 * (e.attributed_to is None) + (item.date is not None) + bool(e.figures)
             + (e.place is not None) + (len(e.actors) >= 2) + 2 * _as_written(e))
    return score, -abs(words - 12)


_OPENERS = frozenset(("A", "An", "The"))


def _as_written(event: EventCandidate) -> bool:
    """Whether the summary opens as its source does, or with an article or a number: a
    sentence, not a clause cut out of one ("Shooting rather than wait for EMS" of "after
    the shooting rather than wait for EMS"), nor a line in capitals."""
    first = event.summary.partition(" ")[0]
    if event.summary.isupper():  # a transcript or caption in capitals
        return False
    if not first or first in _OPENERS or first[0].isdigit():
        return True
    at = event.sentence.find(first)
    return at >= 0 and (at == 0 or not event.sentence[at - 1].isalnum())


def _actors(cluster: Cluster) -> list[str]:
    """Every actor of the reports, the most reported acting actor first, then target."""
    agents: Counter[str] = Counter(i.event.actors[0] for i in cluster.items
                                   if i.event.actors and i.event.actors[0] != i.event.target)
    targets: Counter[str] = Counter(i.event.target for i in cluster.items if i.event.target)
    agent = _most(agents, set())
    target = _most(targets, {agent} if agent else set())
    out = [a for a in (agent, target) if a]
    for item in cluster.items:
        out.extend(a for a in item.event.actors if a not in out)
    return out


def _most(counts: Counter[str], skip: set[str]) -> str | None:
    """The most counted name not in `skip`; ties go to the first counted."""
    ranked = [(n, -k, name) for k, (name, n) in enumerate(counts.items()) if name not in skip]
    return max(ranked)[2] if ranked else None


def flat_row(event: StoryEvent) -> dict[str, str | int | None]:
    """The GDELT-like flat form of a story event, for JSON and CSV exports.

    Keys: date (ISO cut to its precision, None when unknown), actor1 (the acting
    actor), cameo, actor2 (the target, else the second actor), place, articles,
    outlets (distinct), summary.
    """
    return {
        "date": event.date.iso() if event.date else None,
        "actor1": event.actors[0] if event.actors else None,
        "cameo": event.cameo,
        "actor2": event.actors[1] if len(event.actors) > 1 else None,
        "place": event.place,
        "articles": len(event.article_keys),
        "outlets": len(set(event.outlets)),
        "summary": event.summary,
    }
