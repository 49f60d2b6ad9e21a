"""A story of one article that started before the others of its event is gathered into
theirs (`StoryEngine._gather_lone`), even once theirs is too big for a young merge."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.stories import ClusterDoc, StoryEngine

DAY = datetime(2025, 3, 4, tzinfo=UTC)
FLOOD = ("Floods in Porto Alegre", "Floodwater from the Guaiba river covered Porto Alegre on "
         "Tuesday; rescuers in boats reached families on rooftops in Sarandi and Humaita, "
         "and Rio Grande do Sul's governor Eduardo Leite asked Brasilia for army help.")
QUAKE = ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso in "
         "Chile, toppling walls; seismologists recorded aftershocks near the Chilean coast.")


def flood(key: str, extra: str = "") -> ClusterDoc:
    return ClusterDoc(key, FLOOD[0], FLOOD[1] + extra, DAY)


def engine_with_a_lone_story(lone: ClusterDoc) -> StoryEngine:
    """Story 1: `lone` alone; story 2: ten reports of the flood (past `young_size`)."""
    engine = StoryEngine()
    engine.restore(lone, 1)
    for n in range(10):
        engine.restore(flood(f"f{n}", f" Report {n}."), 2)
    assert engine.stories[2].size > engine.settings.young_size
    return engine


def test_a_lone_early_report_joins_its_event_when_a_later_report_bridges_them() -> None:
    engine = engine_with_a_lone_story(flood("early", " First word of it."))
    assignment = engine.assign(flood("late", " More boats."))
    assert engine.final_story(assignment.story) == engine.final_story(1) == 1
    assert engine.take_merges() == {2: 1}  # the older id stays
    assert engine.stories[1].size == 12


def test_a_lone_story_of_another_event_stays_apart() -> None:
    engine = engine_with_a_lone_story(ClusterDoc("quake", *QUAKE, DAY))
    assignment = engine.assign(flood("late", " More boats."))
    assert engine.final_story(assignment.story) == 2
    assert engine.take_merges() == {}
    assert engine.stories[1].size == 1
