"""A story's card: its headline event, chosen across all its articles.

Contract: `build_card(reports, clusters)` is pure and deterministic. It takes the story's
articles and their timeline clusters (`feeds.stories.timeline.timeline_clusters`) and returns the
`StoryCard` of the main event, or None when no article reports an event.

The main event is the cluster the headlines and leads report: each article votes for a
cluster with the weight of its earliest report of it (its lead sentence weighs most), and
the vote is cut for
statements and meetings (reactions and talk rather than the happening), for arrests and
charges (what follows a happening), for a bare death or injury, an arrest or a charge
when the story reports a cause of deaths (an attack, a disaster, an accident, a crime:
the happening it is part of or follows), for an illness or an injury when the story
reports a death (the death is the news), and for
background: a cluster dated well before the story's first article (an earlier incident,
a statistic), unless it is the violence the story's own arrests, charges or trials are
about (it names one of their people). Within it:
- `type` and `cameo`: the type its reports give, weighted as the vote (a bare "killed"
  yields to the attack it is part of); `summary`: the summary of its best report;
- `date`: the dates its articles give, one vote an article (each article's most
  specific date), the most specific level that any article gives, the most voted there
  (ties: the earliest); a date after the story's last article is no event's date, and
  dates up to a day after its first article win over later ones (follow-ups: a trial,
  a funeral). When none of its reports is dated, the dated reports of its family in the
  leads of the story's articles vote instead (an accident and violence count as one
  family here; not background ones, nor of another town: a county or a state beside the
  town is no other place); when none is, the publication days of those that give a time
  of day ("at 6 p.m.");
- `place`: the place most articles name, each article voting once for each place its
  reports of the event name and nine tenths for those of the story's other reports (not
  background, nor where the hurt were taken or treated: "airlifted to a hospital in
  Shreveport"); a county, a state or a country weighs half a town (ties: the more
  specific, then the first named); a neighbourhood of a large city votes for its city
  (`feeds.extract.neighbourhoods`: "Portage Park" is Chicago); `region`, `country` and
  `aliases` from `feeds.extract.geo`;
- `figures`: per kind, each article's count (its largest in the cluster's reports, else
  in the reports of its family or of bare deaths and injuries that do not contradict
  its date or place: a day apart does not, nor a death of the wounds within 30 days,
  "died from his injuries"; an undated report of an article written weeks after the
  story's first counts nothing), the count given by most articles (ties: the larger);
  the people shot, their fate untold, are wounded when no article counts a death; the wounded
  that articles no later than the first death count, when no article counts both, are
  taken as the dead ("boy critically injured", then "boy dies": killed 1, no injured),
  as is an article's one wounded beside its one dead when no report of it counts both
  ("the boy was wounded", "he died at a hospital");
  `figure_reports` keeps them all;
- `participants`: the people and bodies of its reports with their roles, most reported
  first; for violence, then the victims and suspects of the story's other violent
  reports, of its arrests and charges, and of its deaths and injuries of the event's day
  or undated (none of them background); a person named by one word alone is none.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from feeds.extract.geo import place_info
from feeds.extract.neighbourhoods import city_of
from feeds.extract.participants import CAUSES, VIOLENT
from feeds.extract.scene import level
from feeds.model import PartialDate, Participant, StoryCard
from feeds.stories.timeline import (
    ArticleReports,
    Cluster,
    Item,
    elsewhere,
    same_time,
    story_event,
)

_RANK = {"year": 0, "month": 1, "day": 2}
_LEAD = (3.0, 2.0, 1.5, 1.2)
"""The vote of a report by its sentence's place in the article; later ones weigh 1.0."""
_SOFT = {"Statement": 0.25, "Contact": 0.5, "Justice.Arrest-Jail": 0.6,
         "Justice.Charge-Indict": 0.6, "Life.Health": 0.8}
"""How much the vote of a cluster of these types counts (by type, else by the type before
the dot): talk, the arrests and charges that follow a happening, and the illness that is
more often the circumstance of the news than the news."""
_BARE = frozenset({"Life.Die", "Life.Injure"})
_BARE_FACTOR = 0.6
_LESSER = frozenset({"Life.Health", "Life.Injure"})
_BACKGROUND_DAYS = 14
_FOLLOW_UP = 0.75
_BROAD = 0.5
"""The vote of a county, a state or a country beside a town's."""
_DATE_KIN = {"Accident": frozenset({"Accident", "violence"}),
             "violence": frozenset({"violence", "Accident"})}
"""Families whose dated reports may date an undated main event of the other."""
_KINDRED_LEAD = 5
"""Sentences of an article's lead where an undated main event looks for its date."""
FIGURES = {"killed": "killed", "wounded": "injured", "arrested": "arrested",
           "missing": "missing", "displaced": "displaced", "shot": "shot"}
"""The extraction's figure names -> the card's ("shot" is read, then folded into
"injured": `_shot_as_wounded`)."""
_SHOT = "shot"
_DIED_SINCE_DAYS = 30
_DIED_OF = re.compile(r"\b(?:died|dies|succumbed)\s+(?:\w+\s+){0,3}?(?:of|from|to)\s+"
                      r"(?:his|her|their|the)\s+(?:\w+\s+)?(?:injuries|wounds?)\b",
                      re.IGNORECASE)
"""A death of earlier wounds: "died from his injuries", "succumbed to her gunshot wound"."""
_TAKEN_TO = frozenset({"Movement.Transport", "Life.Health"})
"""Reports of where the hurt were taken or treated ("airlifted to a hospital in Shreveport"):
their places are no vote for the scene."""
_NAMED_ROLES = frozenset({"victim", "suspect"})
_ACCUSED = frozenset({"Justice.Arrest-Jail", "Justice.Charge-Indict", "Justice.Convict",
                      "Justice.Sentence", "Justice.Trial-Hearing"})


def build_card(reports: list[ArticleReports], clusters: list[Cluster]) -> StoryCard | None:
    """The card of the story's main event (see the module's contract)."""
    if not clusters:
        return None
    span = _span(reports)
    acted = _acted_on(clusters, span)
    earlier = [_background(c.date, span) and not _about(c, acted) for c in clusters]
    live = [c for c, old in zip(clusters, earlier, strict=True) if not old]
    types = [_type(c) for c in clusters]
    caused = any(t.partition(".")[0] in CAUSES
                 for c, (t, _) in zip(clusters, types, strict=True) if c in live)
    died = any(t == "Life.Die" for c, (t, _) in zip(clusters, types, strict=True) if c in live)
    main = max(range(len(clusters)),
               key=lambda n: (_vote(clusters[n], types[n][0], span, caused, died, earlier[n]),
                              -n))
    cluster = clusters[main]
    event = story_event(cluster)
    event_type, cameo = types[main]
    kindred = _kindred(cluster, clusters, span)
    when = (_date(cluster.items, span) or _date(kindred, span)
            or _date(cluster.items + kindred, span, clock=True))
    others = list(dict.fromkeys(i.event.place for c in clusters for i in c.items if i.event.place))
    place = _place(cluster, [c for c, (t, _) in zip(clusters, types, strict=True)
                             if c in live and c is not cluster and t not in _TAKEN_TO], others)
    place, region, country, aliases = (place_info(place, others) if place
                                       else (None, None, None, []))
    reports_of = _figure_reports(cluster, clusters, span,
                                 {r.key: r.published for r in reports})
    return StoryCard(
        type=event_type, cameo=cameo, summary=event.summary,
        date=when.iso() if when else None, date_precision=when.precision if when else None,
        place=place, region=region, country=country, aliases=aliases,
        figures={kind: _best(counts) for kind, counts in reports_of.items()},
        figure_reports={kind: {str(v): n for v, n in sorted(counts.items())}
                        for kind, counts in reports_of.items()},
        participants=_participants(cluster, event_type, live),
        articles=len(event.article_keys), outlets=event.outlets)


def _span(reports: list[ArticleReports]) -> tuple[date, date] | None:
    days = [r.published for r in reports if r.published is not None]
    return (min(days), max(days)) if days else None


def _weight(item: Item) -> float:
    n = item.event.sentence_no
    return _LEAD[n] if 0 <= n < len(_LEAD) else 1.0


def _vote(cluster: Cluster, event_type: str, span: tuple[date, date] | None,
          caused: bool, died: bool, earlier: bool) -> float:
    """How strongly the story's headlines and leads report this cluster of `event_type`
    (`caused`: the story reports a cause of deaths, which its bare deaths are part of;
    `died`: it reports a death, which outranks the illness or injury that led to it;
    `earlier`: an earlier incident, background)."""
    best: dict[str, float] = {}
    for item in cluster.items:
        best[item.key] = max(best.get(item.key, 0.0), _weight(item))
    score = sum(best.values())
    score *= _SOFT.get(event_type, _SOFT.get(event_type.partition(".")[0], 1.0))
    if caused and (event_type in _BARE or event_type.startswith("Justice.")):
        score *= _BARE_FACTOR
    if died and event_type in _LESSER:
        score *= _BARE_FACTOR
    if earlier:
        score *= 0.1
    elif _follow_up(cluster.date, span):
        score *= _FOLLOW_UP
    return score


def _follow_up(when: PartialDate | None, span: tuple[date, date] | None) -> bool:
    """Whether a day lies after the story's first report (and the day after it): a trial,
    a funeral, an arrest that followed the news."""
    return (when is not None and span is not None and when.precision == "day"
            and when.value > span[0] + timedelta(days=1))


def _acted_on(clusters: list[Cluster], span: tuple[date, date] | None) -> set[str]:
    """The people of the story's own arrests, charges and trials (none of them dated
    before its first article)."""
    return {name for c in clusters if not _background(c.date, span) for i in c.items
            if i.event.type in _ACCUSED for name, kind, _ in i.event.participants
            if kind == "person"}


def _about(cluster: Cluster, acted: set[str]) -> bool:
    """Whether a cluster's violence is what the story's legal acts are about: it names one
    of their people ("X was shot on Dec. 22" in a story of the charges in X's death)."""
    return cluster.family == "violence" and any(
        name in acted for i in cluster.items for name, kind, _ in i.event.participants
        if kind == "person")


def _background(when: PartialDate | None, span: tuple[date, date] | None) -> bool:
    """Whether a date lies well before the story's first article (or at a coarse
    precision before its month): an earlier incident, not the news."""
    if when is None or span is None:
        return False
    first = span[0]
    if when.precision == "day":
        return when.value < first - timedelta(days=_BACKGROUND_DAYS)
    if when.precision == "month":
        return (when.value.year, when.value.month) < (first.year, first.month)
    return when.value.year < first.year


def _type(cluster: Cluster) -> tuple[str, str]:
    """The cluster's type and CAMEO code, weighted as the vote (bare deaths count less
    beside a cause: an attack, a disaster, an accident; a death outranks the illness or
    injury that led to it)."""
    if len(cluster.items) == 1:  # most clusters: one report
        only = cluster.items[0].event
        return only.type, only.cameo
    votes: Counter[str] = Counter()
    cameos: dict[str, Counter[str]] = defaultdict(Counter)
    caused = any(not i.event.type.startswith("Life.") for i in cluster.items)
    for item in cluster.items:
        t = item.event.type
        votes[t] += _weight(item) * (_BARE_FACTOR if t in _BARE and caused else 1.0)
        cameos[t][item.event.cameo] += 1
    if "Life.Die" in votes:  # an illness or an injury that ended in a death: the death
        for lesser in ("Life.Health", "Life.Injure"):
            votes.pop(lesser, None)
    chosen = max(votes, key=lambda t: (votes[t], t))
    return chosen, cameos[chosen].most_common(1)[0][0]


def _kindred(main: Cluster, clusters: list[Cluster],
             span: tuple[date, date] | None) -> list[Item]:
    """Reports of the main event's family (an accident and violence are one: "died in a
    hunting accident" and "he was shot") in the leads of the story's articles, from other
    clusters that are not background and name no other place: where an undated main
    event finds its date."""
    kin = _DATE_KIN.get(main.family, frozenset({main.family}))
    return [i for c in clusters if c is not main and c.family in kin
            and not _background(c.date, span)
            and not elsewhere(c.place, main.place)
            for i in c.items if i.event.sentence_no < _KINDRED_LEAD]


def _date(items: list[Item], span: tuple[date, date] | None,
          clock: bool = False) -> PartialDate | None:
    """One vote an article: its most specific date of the items (see the contract); with
    `clock`, the publication day of its reports that give only a time of day."""
    per_article: dict[str, PartialDate] = {}
    for item in items:
        d = item.clock if clock else item.date
        if d is None or (span and d.value > span[1]):
            continue
        held = per_article.get(item.key)
        if held is None or _RANK[d.precision] > _RANK[held.precision]:
            per_article[item.key] = d
    if not per_article:
        return None
    dates = list(per_article.values())
    if span:  # the event came before its first report: later dates are follow-ups
        early = [d for d in dates if d.value <= span[0] + timedelta(days=1)]
        dates = early or dates
    level = max(_RANK[d.precision] for d in dates)
    votes = Counter(d for d in dates if _RANK[d.precision] == level)
    return max(votes, key=lambda d: (votes[d], -d.value.toordinal()))


def _place(cluster: Cluster, others: list[Cluster], named: list[str]) -> str | None:
    """The place the story's articles name for the event (see the contract); a
    neighbourhood votes for its city (`city_of`, `named`: every place the story names)."""
    votes: Counter[str] = Counter()
    voted: set[tuple[str, str]] = set()  # an article votes once for a place
    for items, weight in ((cluster.items, 1.0), ([i for c in others for i in c.items], 0.9)):
        per_article: dict[str, dict[str, None]] = defaultdict(dict)  # ordered: ties are
        for item in items:                                             # the first named
            if item.event.place and level(item.event.place) > 0:
                place = city_of(item.event.place, named) or item.event.place
                if (item.key, place) not in voted:
                    per_article[item.key][place] = None
        for key, places in per_article.items():
            for place in places:
                votes[place] += weight * (1.0 if level(place) >= 3 else _BROAD)
                voted.add((key, place))
    order = {p: n for n, p in enumerate(votes)}
    return max(votes, key=lambda p: (votes[p], level(p), -order[p])) if votes else None


def _figure_reports(cluster: Cluster, clusters: list[Cluster], span: tuple[date, date] | None,
                    published: dict[str, date | None]) -> dict[str, Counter[int]]:
    """Per figure kind: each count with the number of articles giving it. An article's
    count is its largest in the main event's reports; an article that gives none there
    gives its largest in the kindred reports of the same happening (`_kindred_of`); the
    wounded who died since are counted once (`_died_of_wounds`)."""
    kin_items = [i for c in clusters if c is not cluster and _kindred_of(c, cluster, span)
                 for i in c.items if not _late_and_undated(i, published, span)]
    per_article = _shot_as_wounded({**_counts(kin_items), **_counts(cluster.items)})
    per_article = _died_of_wounds(_one_victim(per_article, cluster.items + kin_items),
                                  published)
    out: dict[str, Counter[int]] = defaultdict(Counter)
    for (kind, _), value in per_article.items():
        out[kind][value] += 1
    return dict(out)


def _late_and_undated(item: Item, published: dict[str, date | None],
                      span: tuple[date, date] | None) -> bool:
    """Whether an undated report comes from an article written weeks after the story's
    first (a feature that recalls other killings): no count of the event's own."""
    day = published.get(item.key)
    return (item.date is None and span is not None and day is not None
            and day > span[0] + timedelta(days=_BACKGROUND_DAYS))


def _shot_as_wounded(per_article: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """The people shot, their fate untold ("a girl was shot at a range"), are an article's
    wounded when it counts no wounded and no article counts a death (the shot may be
    the dead another report counts); when the article counts fewer dead than shot, the
    rest are its wounded ("four people were shot", "one died": three wounded)."""
    out = {k: v for k, v in per_article.items() if k[0] != _SHOT}
    deaths = any(kind == "killed" for kind, _ in out)
    for (kind, key), shot in per_article.items():
        if kind != _SHOT or ("injured", key) in out:
            continue
        dead = out.get(("killed", key))
        if not deaths or dead is not None and shot > dead:
            out[("injured", key)] = shot - (dead or 0)
    return out


def _one_victim(per_article: dict[tuple[str, str], int],
                items: list[Item]) -> dict[tuple[str, str], int]:
    """An article that counts one dead and one wounded, never in one report, tells of one
    victim who was wounded and died ("the boy was wounded", "he died at a hospital")."""
    both = {i.key for i in items if "killed" in i.event.figures and "wounded" in i.event.figures}
    return {(kind, key): n for (kind, key), n in per_article.items()
            if not (kind == "injured" and n == 1 and key not in both
                    and per_article.get(("killed", key)) == 1)}


def _died_of_wounds(per_article: dict[tuple[str, str], int],
                    published: dict[str, date | None]) -> dict[tuple[str, str], int]:
    """The counts of the articles with the wounded who died later taken out of their
    wounded: when no article counts both and every article that counts only wounded came
    out no later than the first that counts only dead ("boy critically injured", then
    "boy dies": one death, no wounded)."""
    dead = {key for kind, key in per_article if kind == "killed"}
    hurt = {key for kind, key in per_article if kind == "injured"}
    days = [published.get(key) for key in dead]
    if not dead or not hurt or dead & hurt or None in days:
        return per_article
    first_death = min(d for d in days if d is not None)
    if any((published.get(key) or first_death) > first_death for key in hurt):
        return per_article
    died = max(per_article[("killed", key)] for key in dead)
    out = {k: v for k, v in per_article.items() if k[0] != "injured"}
    for key in hurt:
        if per_article[("injured", key)] > died:
            out[("injured", key)] = per_article[("injured", key)] - died
    return out


def _counts(items: list[Item]) -> dict[tuple[str, str], int]:
    """(figure kind, article) -> the largest count of it in the items."""
    out: dict[tuple[str, str], int] = {}
    for item in items:
        for name, value in item.event.figures.items():
            kind = FIGURES.get(name)
            if kind and value > 0:
                out[(kind, item.key)] = max(out.get((kind, item.key), 0), value)
    return out


def _kindred_of(other: Cluster, main: Cluster, span: tuple[date, date] | None) -> bool:
    """Reports that can be of the main happening: its family (or bare deaths and
    injuries), not background, a date and a place that do not contradict it."""
    bare = all(i.event.type in _BARE for i in other.items)
    return ((other.family == main.family or bare) and not _background(other.date, span)
            and (_near_time(other.date, main.date) or _died_since(other, main))
            and not elsewhere(other.place, main.place))


def _near_time(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two dates can be one happening's: the same (`same_time`), or days at most
    one apart (a shooting "late Sunday" is one "early Monday")."""
    if a is not None and b is not None and a.precision == b.precision == "day":
        return abs((a.value - b.value).days) <= 1
    return same_time(a, b)


def _died_since(other: Cluster, main: Cluster) -> bool:
    """Whether `other` tells deaths of the wounds of an earlier happening, as `main` is, in
    the days after it ("the man injured in a shooting last week died from his injuries")."""
    if other.date is None or main.date is None or other.date.precision != "day" \
            or main.date.precision != "day":
        return False
    days = (other.date.value - main.date.value).days
    return 0 < days <= _DIED_SINCE_DAYS and any(
        _DIED_OF.search(i.event.sentence) for i in other.items)


def _best(counts: Counter[int]) -> int:
    return max(counts, key=lambda v: (counts[v], v))


def _participants(cluster: Cluster, event_type: str,
                  clusters: list[Cluster]) -> list[Participant]:
    """The main event's participants, most reported first; then, for violence, the named
    victims and suspects of the story's arrests and charges, of its other violent
    reports, and of the deaths and injuries of the same day or undated ("X was
    pronounced dead at the scene"). A person is named in full: a lone word ("Jon",
    "Det", a town the model took for a person) is no participant of the card."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for item in cluster.items:
        seen.update(list(dict.fromkeys(item.event.participants)))
    roles: dict[str, Participant] = {}
    for (name, kind, role), _ in sorted(seen.items(), key=lambda kv: -kv[1]):  # stable
        if name not in roles:
            roles[name] = Participant(name, kind, role)
    if cluster.family == "violence" or event_type in VIOLENT:
        for other in clusters:
            for item in other.items:
                if (item.event.type in _ACCUSED or other.family == cluster.family
                        or (item.event.type in _BARE and same_time(other.date, cluster.date))):
                    for name, kind, role in item.event.participants:
                        if role in _NAMED_ROLES and name not in roles:
                            roles[name] = Participant(name, kind, role)
    return [p for p in roles.values() if p.kind != "person" or len(p.name.split()) > 1]
