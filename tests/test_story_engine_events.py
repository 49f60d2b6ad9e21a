"""Headline events as story evidence: agreement rules, the penalty, young-story splits.

Made-up articles only: each rule is checked on terms written here, never on dev data.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from feeds.model import Article, ClusterTerms, EventCandidate, Extraction, HeadlineEvent
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import EngineSettings
from feeds.stories.evidence import (
    AGREE,
    CONFLICT,
    UNKNOWN,
    agreement,
    same_age,
    same_scene,
    scene_keys,
    with_event,
)
from feeds.stories.split import second_event

DAY = date(2025, 3, 10).toordinal()
WORDS = {"oakridge": 1.0, "gunman": 2.0, "shooting": 2.0, "apartment": 1.5, "police": 1.0,
         "victims": 1.0}
NAMES = {"oakridge": 1.0}


def event(place: str | None = "Tulsa", day: int | None = DAY, family: str = "violence",
          *who: str) -> HeadlineEvent:
    return HeadlineEvent(family, day, place, frozenset(who))


def doc(key: str, ev: HeadlineEvent | None, day: int = DAY) -> ClusterDoc:
    published = datetime.fromordinal(day).replace(tzinfo=UTC)
    return ClusterDoc(key, "", "", published, ClusterTerms(dict(WORDS), dict(NAMES), None, ev))


def test_one_family_and_town_within_days_agree() -> None:
    assert agreement(event("Tulsa"), event("Tulsa", DAY + 2), 7) == AGREE
    assert agreement(event("Tulsa"), event("Tulsa, Oklahoma"), 7) == AGREE
    assert agreement(event(None, None, "violence", "smith"),
                     event(None, None, "violence", "smith", "jones"), 7) == AGREE


def test_another_town_or_days_apart_conflict() -> None:
    assert agreement(event("Tulsa"), event("Akron"), 7) == CONFLICT
    assert agreement(event("Tulsa"), event("Tulsa", DAY + 8), 7) == CONFLICT
    assert agreement(event("Tulsa", None), event("Tulsa", DAY + 300), 7) == AGREE  # undated
    # a shared participant outweighs two town names (born in one, died in the other) ...
    assert agreement(event("Tulsa", None, "Life", "page"),
                     event("Akron", None, "Life", "page"), 7) == AGREE
    # ... but not two days a year apart (one boxer, two fights)
    assert agreement(event(None, DAY, "violence", "klitschko"),
                     event(None, DAY + 365, "violence", "klitschko"), 7) == CONFLICT


def test_other_families_or_missing_facts_say_nothing() -> None:
    assert agreement(event("Tulsa"), event("Akron", DAY, "Justice"), 7) == UNKNOWN
    assert agreement(event(None), event("Akron"), 7) == UNKNOWN


def test_an_article_headline_event_is_its_own_card() -> None:
    text = "A gunman shot and killed two people in Tulsa on Monday, police said."
    article = Article(key="k", source_name="s", title="Two killed in Tulsa shooting",
                      text=text, content_hash="h",
                      published=datetime(2025, 3, 11, tzinfo=UTC), date_origin="feed")
    candidate = EventCandidate(cameo="19", type="Conflict.Attack", sentence=text, start=0,
                               end=len(text), summary="A gunman shot and killed two people",
                               date_expr="weekday:monday", place="Tulsa",
                               participants=[("Ann Zorbak", "person", "victim")])
    terms = with_event(ClusterTerms({}, {}), article, Extraction(events=[candidate]))
    assert terms.event is not None
    assert (terms.event.family, terms.event.place, terms.event.participants) == (
        "violence", "Tulsa", frozenset({"zorbak"}))
    assert with_event(ClusterTerms({}, {}), article, Extraction()).event is None
    for place, kept in (("Oklahoma", None), ("Tulsa County", None),  # they hold towns
                        ("Tulsa, Oklahoma", "Tulsa"), ("Mayor Bynum", None)):
        other = dataclasses.replace(candidate, place=place)
        found = with_event(ClusterTerms({}, {}), article, Extraction(events=[other])).event
        assert found is not None and found.place == kept, place


def test_a_conflicting_event_costs_the_penalty_and_keeps_stories_apart() -> None:
    same, other = StoryEngine(), StoryEngine()
    same.assign(doc("a", event("Tulsa")))
    other.assign(doc("a", event("Tulsa")))
    # one town three days on: agreement, but no one scene (which adds `scene_bonus`)
    joined = same.assign(doc("b", event("Tulsa", DAY + 3), DAY + 1))
    apart = other.assign(doc("b", event("Akron", DAY + 1), DAY + 1))
    penalty = EngineSettings().event_penalty
    assert penalty > 0 and joined.similarity - apart.similarity == pytest.approx(penalty)
    threshold = (joined.similarity + apart.similarity) / 2
    strict = [StoryEngine(threshold=threshold) for _ in range(2)]
    for engine in strict:
        engine.assign(doc("a", event("Tulsa")))
    assert strict[0].assign(doc("b", event("Tulsa", DAY + 3), DAY + 1)).story == 1
    assert strict[1].assign(doc("b", event("Akron", DAY + 1), DAY + 1)).story == 2


def test_two_young_stories_of_conflicting_events_never_merge() -> None:
    settings = EngineSettings(threshold=5.0, merge_threshold=-5.0)  # everything new, all merges
    for place, merged in (("Tulsa", {2: 1}), ("Akron", {})):
        engine = StoryEngine(settings=settings)
        engine.assign(doc("a", event("Tulsa")))
        engine.assign(doc("b", event(place)))
        engine.stories[1].size = engine.stories[2].size = 1
        engine._merge_young(engine.stories[1], [(0.0, engine.stories[2])])
        assert engine.take_merges() == merged


def test_second_event_needs_two_clear_groups() -> None:
    tulsa, akron = event("Tulsa", DAY, "violence", "lee"), event("Akron", DAY + 20)
    assert second_event([tulsa, tulsa, akron, akron], 7) == [2, 3]
    assert second_event([tulsa, None, akron, tulsa, akron], 7) == [2, 4]
    assert second_event([tulsa, tulsa, akron], 7) == []  # one article is no group
    assert second_event([tulsa, tulsa, akron, event("Dayton", DAY + 20)], 7) == []  # 3 events
    assert second_event([tulsa, akron, tulsa, event("Akron", DAY)], 7) == []  # not clear


def test_a_young_story_of_two_events_splits_and_the_older_id_stays() -> None:
    engine = StoryEngine(settings=EngineSettings(threshold=0.3))
    tulsa, akron = event("Tulsa", DAY, "violence", "lee"), event("Akron", DAY + 20)
    stories = [engine.assign(doc(k, ev, DAY)).story
               for k, ev in (("a", tulsa), ("b", tulsa), ("c", akron))]
    assert stories == [1, 1, 1] and engine.take_splits() == {}
    last = engine.assign(doc("d", akron, DAY))
    assert (last.story, last.new) == (2, False)
    assert engine.take_splits() == {"c": (1, 2), "d": (1, 2)}
    assert engine.take_splits() == {}
    assert (engine.stories[1].size, engine.stories[2].size) == (2, 2)
    assert engine.assign(doc("e", tulsa, DAY)).story == 1
    assert engine.assign(doc("f", akron, DAY)).story == 2


def test_an_undated_article_needs_a_strong_match_to_join_a_dated_story() -> None:
    undated = ClusterDoc("u", "", "", None, ClusterTerms(dict(WORDS), dict(NAMES)))
    for join, story in ((0.0, 1), (5.0, 2)):
        engine = StoryEngine(settings=EngineSettings(undated_join=join))
        engine.assign(doc("a", None))
        assert engine.assign(undated).story == story
    engine = StoryEngine(settings=EngineSettings(undated_join=5.0))
    engine.assign(dataclasses.replace(undated, key="v"))
    assert engine.assign(undated).story == 1  # stories of undated articles: the threshold


def test_one_scene_in_other_words_is_a_candidate() -> None:
    """An article whose strongest words no story shares still meets the story of its
    scene: one family, one town, the next day, one age (`scene_weight`); not of another
    town or age, and not with that retrieval off."""
    shared = {"philadelphia": 1.0, "girl": 2.0, "shot": 2.0, "eye": 2.0, "home": 1.0}

    def scene(key: str, top: str, town: str, age: int, day: int) -> ClusterDoc:
        ev = HeadlineEvent("violence", day, town, frozenset(), frozenset({age}))
        published = datetime.fromordinal(day).replace(tzinfo=UTC)
        return ClusterDoc(key, "", "", published,
                          ClusterTerms({top: 6.0, **shared}, {"philadelphia": 1.0}, None, ev))

    def second(weight: float, town: str = "Philadelphia", age: int = 4) -> int:
        engine = StoryEngine(settings=EngineSettings(scene_weight=weight, index_words=1,
                                                     index_names=0))
        engine.assign(scene("a", "malabet", "Philadelphia", 4, DAY))
        return engine.assign(scene("b", "charged", town, age, DAY + 1)).story

    assert EngineSettings().scene_weight > 0
    assert second(EngineSettings().scene_weight) == 1
    assert second(0.0) == 2
    assert second(EngineSettings().scene_weight, age=15) == 2
    assert second(EngineSettings().scene_weight, town="Camden") == 2


def test_talk_and_votes_have_no_scene() -> None:
    """One town and one day make one shooting, crash or quake, not one statement, meeting
    or vote (a capital's statements of a day are of many events): no scene or age bonus,
    no scene key, for those."""
    def told(family: str) -> HeadlineEvent:
        return HeadlineEvent(family, DAY, "Washington", frozenset(), frozenset({45}))

    for happening in ("violence", "Accident", "Disaster", "Crime"):
        assert same_scene([told(happening)], [told(happening)], 1), happening
        assert same_age([told(happening)], [told(happening)]), happening
        assert scene_keys(told(happening), 0), happening
    for talk in ("01", "04", "Politics", "Personnel"):
        assert not same_scene([told(talk)], [told(talk)], 1), talk
        assert not same_age([told(talk)], [told(talk)]), talk
        assert scene_keys(told(talk), 1) == [], talk

    def second(family: str | None) -> float:
        engine = StoryEngine()
        engine.assign(doc("a", told(family) if family else None))
        return engine.assign(doc("b", told(family) if family else None, DAY)).similarity

    assert second("01") == pytest.approx(second(None))
    assert second("violence") == pytest.approx(
        second(None) + EngineSettings().scene_bonus + EngineSettings().age_bonus)
