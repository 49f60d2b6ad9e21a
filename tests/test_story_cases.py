"""A case goes on however old its story: a plea two years after a shooting names the
shooting's day, town and people, and joins the shooting's story although that story left
the engine's window long ago (`feeds.stories.cases`). Made-up terms and events."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feeds.model import ClusterTerms, HeadlineEvent
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.cases import CaseMemory
from feeds.stories.engine import EngineSettings

SHOT = date(2013, 10, 26).toordinal()


def event(day: int = SHOT, town: str = "New Haven", *people: str) -> HeadlineEvent:
    return HeadlineEvent("violence", day, town, frozenset(people))


def doc(key: str, words: list[str], ev: HeadlineEvent, published: int) -> ClusterDoc:
    terms = ClusterTerms(dict.fromkeys(words, 2.0), {}, None, ev)
    return ClusterDoc(key, "", "", datetime.fromordinal(published).replace(tzinfo=UTC), terms)


def test_a_plea_two_years_on_joins_the_shooting() -> None:
    shooting = doc("shot", ["nightclub", "gunfire", "wounded", "dancers"],
                   event(SHOT, "New Haven", "robinson", "cabaret"), SHOT + 1)
    plea = doc("plea", ["pleads", "guilty", "courtroom", "trial"],
               event(SHOT, "New Haven, Connecticut", "robinson", "bennett"), SHOT + 745)
    for cases, joined in ((EngineSettings().cases, 1), (0, 2)):
        engine = StoryEngine(settings=EngineSettings(cases=cases))
        assert engine.assign(shooting).story == 1
        found = engine.assign(plea)
        assert (found.story, found.new) == (joined, joined == 2), cases


def test_a_case_needs_its_day_town_and_a_person() -> None:
    memory = CaseMemory(10)
    memory.add(event(SHOT, "New Haven", "robinson"), 7)
    assert memory.find(event(SHOT, "New Haven", "robinson", "bennett")) == 7
    assert memory.find(event(SHOT + 1, "New Haven", "robinson")) is None  # another day
    assert memory.find(event(SHOT, "Hartford", "robinson")) is None  # another town
    assert memory.find(event(SHOT, "New Haven", "bennett")) is None  # no one in common
    assert memory.find(HeadlineEvent("Justice", SHOT, "New Haven",
                                     frozenset({"robinson"}))) is None  # another family
    memory.add(event(SHOT, "New Haven", "pepper"), 7)  # its story's other people join it
    assert memory.find(event(SHOT, "New Haven", "pepper")) == 7
    memory.add(event(SHOT, None, "lee"), 8)  # no town: no case
    memory.add(event(SHOT, "New Haven"), 9)  # no one named: no case
    assert len(memory) == 1


def test_memory_is_bounded_oldest_first() -> None:
    memory = CaseMemory(2)
    for k in range(3):
        memory.add(event(SHOT + k, "New Haven", "robinson"), k + 1)
    assert len(memory) == 2
    assert memory.find(event(SHOT, "New Haven", "robinson")) is None
    assert memory.find(event(SHOT + 2, "New Haven", "robinson")) == 3
