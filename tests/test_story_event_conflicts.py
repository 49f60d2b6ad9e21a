"""Two events beyond doubt (seasons apart, other people's ages) and one scene as story evidence.

Made-up articles and events only: each rule is checked on terms written here, never on
dev data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feeds.extract.ages import stated_ages
from feeds.model import Article, ClusterTerms, EventCandidate, Extraction, HeadlineEvent
from feeds.model.eventcodec import dump_headline, load_headline
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import EngineSettings
from feeds.stories.evidence import (
    same_age,
    same_scene,
    two_events,
    undated_scene,
    with_event,
)

DAY = date(2024, 11, 5).toordinal()
WORDS = {"quarrytown": 1.0, "gunman": 2.0, "shooting": 2.0, "porch": 1.5, "police": 1.0,
         "coroner": 1.0}
NAMES = {"quarrytown": 1.0}


def event(place: str | None = "Quarrytown", day: int | None = DAY, *who: str,
          ages: tuple[int, ...] = (), family: str = "violence") -> HeadlineEvent:
    return HeadlineEvent(family, day, place, frozenset(who), frozenset(ages))


def doc(key: str, ev: HeadlineEvent | None, day: int = DAY) -> ClusterDoc:
    published = datetime.fromordinal(day).replace(tzinfo=UTC)
    return ClusterDoc(key, "", "", published, ClusterTerms(dict(WORDS), dict(NAMES), None, ev))


@pytest.mark.parametrize(("text", "ages"), [
    ("Father charged after 3-year-old Quarrytown girl dies", {3}),
    ("Three-year-old girl shot; 27-year-old stepfather held", {3, 27}),
    ("twenty-one-year-old man killed outside bar", {21}),
    ("Girl, 4, shot in eye at home", {4}),
    ("Quarrytown man, 27, charged: police", {27}),
    ("Boy, 15 - wounded in drive-by", {15}),
    ("Teens, 16, 17, held", {16}),
    ("Officer shot 2 years ago returns to duty", set()),
    ("A 3-year sentence for a year-old feud", set()),
    ("Baby, 5 months old, hurt", set()),
    ("Route, 66, closed after shooting", set()),
    ("", set()),
])
def test_ages_read_in_the_two_forms_of_news_english(text: str, ages: set[int]) -> None:
    assert stated_ages(text) == ages


def test_the_headline_event_keeps_the_ages_of_headline_and_lead_not_a_place_as_a_name() -> None:
    text = ("By Ann Reporter\n\nA 15-year-old boy was shot and killed in Tulsa on Monday, "
            "police said. Short line here. His 40-year-old neighbour was hurt in the same "
            "shooting, officers said. A 60-year-old woman who lives nearby called the police.")
    article = Article(key="k", source_name="s", title="Teen killed in Tulsa shooting",
                      text=text, content_hash="h",
                      published=datetime(2025, 3, 11, tzinfo=UTC), date_origin="feed")
    candidate = EventCandidate(cameo="19", type="Conflict.Attack", sentence=text, start=0,
                               end=len(text), summary="A boy was shot and killed",
                               date_expr="weekday:monday", place="Tulsa",
                               participants=[("Tulsa", "place", "victim"),
                                             ("Ann Zorbak", "person", "victim")])
    found = with_event(ClusterTerms({}, {}), article, Extraction(events=[candidate])).event
    assert found is not None
    # the lead: the first two sentences of eight words or more (not the byline, not the
    # short line, not the third); the town is no participant
    assert (found.ages, found.participants) == (frozenset({15, 40}), frozenset({"zorbak"}))
    titled = Article(key="k", source_name="s", title="Girl, 4, shot", text="Short line.",
                     content_hash="h", published=article.published, date_origin="feed")
    found = with_event(ClusterTerms({}, {}), titled, Extraction(events=[candidate])).event
    assert found is not None and found.ages == frozenset({4})


def test_events_seasons_apart_are_two_unless_they_share_a_participant() -> None:
    autumn, next_autumn = event(day=DAY), event(day=DAY + 330)
    assert two_events([autumn], [next_autumn], 120, 120)
    assert two_events([autumn], [event(None, DAY + 121)], 120, 120)  # the town is not needed
    assert not two_events([autumn], [event(day=DAY + 120)], 120, 120)
    assert not two_events([autumn], [event(None, None)], 120, 120)  # nothing dated: no evidence
    # one pair near in time is enough to doubt (a story of the first event, then a follow-up)
    assert not two_events([autumn, event(day=DAY + 300)], [next_autumn], 120, 120)
    # the same named people a season later: a trial, a sentence, the same event
    assert not two_events([event("Quarrytown", DAY, "okonkwo")],
                          [event("Quarrytown", DAY + 330, "okonkwo", "vance")], 120, 120)
    assert not two_events([autumn], [event(day=DAY + 330, family="Justice")], 120, 120)


def test_events_of_one_town_two_weeks_apart_are_two() -> None:
    # one city's shootings on the 5th and the 20th: two, unless someone is in both
    assert two_events([event(day=DAY)], [event(day=DAY + 15)], 120, 14)
    assert two_events([event(day=DAY)], [event("Quarrytown, Ohio", DAY + 15)], 120, 14)
    assert not two_events([event(day=DAY)], [event(day=DAY + 14)], 120, 14)
    assert not two_events([event(day=DAY)], [event("Elm Falls", DAY + 15)], 120, 14)
    assert not two_events([event(day=DAY)], [event(None, DAY + 15)], 120, 14)
    assert not two_events([event(day=DAY)], [event("Quarrytown", None)], 120, 14)
    assert not two_events([event("Quarrytown", DAY, "okonkwo")],
                          [event("Quarrytown", DAY + 40, "okonkwo")], 120, 14)


def test_one_towns_shooting_two_weeks_on_costs_the_larger_penalty() -> None:
    scores = {}
    for name, place in (("town", "Quarrytown"), ("unplaced", None)):
        engine = StoryEngine()
        engine.assign(doc("a", event()))
        scores[name] = engine.assign(doc("b", event(place, DAY + 15), DAY + 15)).similarity
    # days apart alone conflict (the smaller penalty); in one town they are two events
    settings = EngineSettings()
    assert scores["unplaced"] - scores["town"] == pytest.approx(
        settings.apart_penalty - settings.event_penalty)


def test_events_whose_people_are_of_other_ages_are_two() -> None:
    girl, boy = event(ages=(3,)), event(day=DAY + 3, ages=(15,))
    assert two_events([girl], [boy], 120, 120)
    assert two_events([girl, event(ages=())], [boy], 120, 120)  # an article without ages: no say
    assert not two_events([girl], [event(day=DAY + 3, ages=(3, 27))], 120, 120)  # one age shared
    # a year apart is one age misreported (first reports say 17, later ones 18)
    assert not two_events([event(ages=(17,))], [event(day=DAY + 3, ages=(18,))], 120, 120)
    assert two_events([event(ages=(17,))], [event(day=DAY + 3, ages=(19,))], 120, 120)
    assert not two_events([girl], [event(day=DAY + 3)], 120, 120)
    assert not two_events([event("Quarrytown", DAY, "okonkwo", ages=(3,))],
                          [event("Quarrytown", DAY + 3, "okonkwo", ages=(15,))], 120, 120)
    assert not two_events([girl], [event(day=DAY + 3, ages=(15,), family="Justice")], 120, 120)


def test_one_scene_is_one_family_one_town_and_next_days() -> None:
    assert same_scene([event()], [event("Quarrytown, Ohio", DAY + 1)], 1)
    assert not same_scene([event()], [event(day=DAY + 2)], 1)
    assert not same_scene([event()], [event("Millbrook", DAY)], 1)
    assert not same_scene([event()], [event(None, DAY)], 1)
    assert not same_scene([event()], [event(day=None)], 1)
    assert not same_scene([event()], [event(family="Justice")], 1)


def test_one_age_is_one_family_and_the_very_same_age() -> None:
    assert same_age([event(ages=(7,)), event()], [event(None, None, ages=(7, 31))])
    assert not same_age([event(ages=(7,))], [event(ages=(8,))])  # a year off: no say
    assert not same_age([event(ages=(7,))], [event()])
    assert not same_age([event(ages=(7,))], [event(ages=(7,), family="Justice")])


def test_one_age_adds_the_age_bonus_months_on() -> None:
    # months later, the follow-up of one town's shooting dates no day: it agrees by the
    # town, and the same 7-year-old's age adds the bonus
    scores = {}
    for name, ages in (("same", (7,)), ("none", ()), ("near", (8,))):
        engine = StoryEngine()
        engine.assign(doc("a", event(ages=(7,))))
        scores[name] = engine.assign(doc("b", event(day=None, ages=ages), DAY + 200)).similarity
    bonus = EngineSettings().age_bonus
    assert bonus > 0 and scores["same"] - scores["none"] == pytest.approx(bonus)
    assert scores["near"] == pytest.approx(scores["none"])


def test_two_events_beyond_doubt_cost_the_larger_penalty() -> None:
    settings = EngineSettings()
    assert settings.apart_penalty > settings.event_penalty > 0
    scores = {}
    for name, ev in (("one", event(None, DAY + 3)), ("season", event(None, DAY - 200)),
                     ("ages", event(None, DAY + 3, ages=(15,)))):
        engine = StoryEngine()
        engine.assign(doc("a", event(ages=(3,))))
        scores[name] = engine.assign(doc("b", ev, DAY + 1)).similarity
    assert scores["one"] - scores["season"] == pytest.approx(settings.apart_penalty)
    assert scores["one"] - scores["ages"] == pytest.approx(settings.apart_penalty)
    # the same words and town three days on: a 15-year-old's shooting is not a 3-year-old's
    strict = StoryEngine(threshold=(scores["one"] + scores["ages"]) / 2)
    strict.assign(doc("a", event(ages=(3,))))
    assert strict.assign(doc("b", event(None, DAY + 3, ages=(3,)), DAY + 1)).story == 1
    assert strict.assign(doc("c", event(None, DAY + 3, ages=(15,)), DAY + 1)).story == 2


def test_one_scene_adds_the_scene_bonus() -> None:
    scores = {}
    for name, day in (("scene", DAY + 1), ("later", DAY + 3)):
        engine = StoryEngine()
        engine.assign(doc("a", event()))
        scores[name] = engine.assign(doc("b", event(day=day), DAY + 1)).similarity
    bonus = EngineSettings().scene_bonus
    assert bonus > 0 and scores["scene"] - scores["later"] == pytest.approx(bonus)


def test_an_undated_event_is_of_the_scene_its_report_dates() -> None:
    assert undated_scene([event(day=None)], [event()])
    assert undated_scene([event(day=None)], [event("Quarrytown, Ohio", None)])
    assert not undated_scene([event()], [event(day=DAY + 9)])  # both dated: same_scene's
    assert not undated_scene([event(day=None)], [event("Millbrook")])
    assert not undated_scene([event(None, None)], [event()])
    assert not undated_scene([event(day=None)], [event(family="Justice")])
    bonus = EngineSettings().scene_bonus
    for published, gained in ((DAY, bonus), (DAY + 1, bonus), (DAY + 2, 0.0)):
        scores = []
        for settings in (EngineSettings(), EngineSettings(scene_bonus=0.0)):
            engine = StoryEngine(settings=settings)
            engine.assign(doc("a", event()))
            scores.append(engine.assign(doc("b", event(day=None), published)).similarity)
        assert scores[0] - scores[1] == pytest.approx(gained), published


def test_young_stories_a_season_apart_never_merge_though_an_undated_report_agrees() -> None:
    settings = EngineSettings(threshold=5.0, merge_threshold=-5.0)  # everything new, all merges
    for later, merged in ((DAY + 2, {2: 1}), (DAY + 300, {})):
        engine = StoryEngine(settings=settings)
        engine.assign(doc("a", event()))
        engine.assign(doc("b", event(day=later), later))
        engine.restore(doc("c", event(day=None), later), 2)  # same town, no day: agrees
        engine._merge_young(engine.stories[1], [(0.0, engine.stories[2])])
        assert engine.take_merges() == merged, later


def test_ages_round_trip_and_old_rows_read_without_them() -> None:
    aged = event(ages=(15, 3))
    encoded = dump_headline(aged)
    assert encoded is not None and encoded.endswith('"participants":[],"ages":[3,15]}')
    assert load_headline(encoded) == aged
    assert '"ages"' not in (dump_headline(event()) or "")
    assert load_headline('{"family":"violence","place":"Quarrytown"}') == event(day=None)
    for bad in ('{"family":"violence","ages":"3"}', '{"family":"violence","ages":[true]}',
                '{"family":"violence","ages":["3"]}'):
        assert load_headline(bad) is None, bad
