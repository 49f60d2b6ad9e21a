"""Event candidates on dev-set shapes: the clause's date, lexicon exclusions, speakers, repeats."""

from __future__ import annotations

from datetime import datetime

from feeds.extract import extract
from feeds.model import Article, EventCandidate

MONDAY = datetime(2025, 12, 15)


def _events(text: str) -> list[EventCandidate]:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h",
                           published=MONDAY)).events


def test_day_level_date_nearest_the_trigger_wins() -> None:
    (event,) = _events("Two gang members were arrested last night in the case of the murder of a "
                       "deputy which took place August 2.")
    assert (event.cameo, event.date_expr, event.date.iso() if event.date else None) == (
        "17", "rel-day:-1", "2025-12-14")
    assert "last night" not in event.summary


def test_threatened_species_is_no_threat() -> None:
    assert [e.cameo for e in _events("The agency declared the polar bear a threatened species.")
            if e.cameo == "13"] == []
    assert [e.cameo for e in _events("The militia threatened the villagers.")] == ["13"]


def test_part_of_day_goes_with_the_date() -> None:
    (event,) = _events("Police arrested three men on Sunday night near the harbour.")
    assert event.date is not None and event.date.iso() == "2025-12-14"
    assert event.summary == "Police arrested three men near the harbour"
    assert event.figures == {"arrested": 3}


def test_a_far_mention_is_not_the_speaker() -> None:
    events = _events("Someone in Tolbert's group fired a gun at a car as it passed, and his "
                     "acquaintances told police someone inside the car returned fire.")
    assert not [e for e in events if e.cameo == "01" and "Tolbert" in e.actors]


def test_repeated_sentence_gives_its_events_once() -> None:
    text = "Police arrested three men on Sunday.\nPolice arrested three men on Sunday."
    assert len(_events(text)) == 1


def test_officials_said_after_a_name_is_not_the_name_speaking() -> None:
    events = _events("The boy, who has not been identified, was rushed to the Texas Medical "
                     "Center, officials said.")
    assert not [e for e in events if e.cameo == "01" and e.actors]


def test_meeting_an_ambulance_and_fighting_for_life_are_no_events() -> None:
    assert _events("They met an ambulance near the lake.") == []
    assert _events("Officers said the child is still fighting for his life.") == []
    assert [e.cameo for e in _events("The ministers met with rebel leaders.")] == ["04"]


def test_passive_shot_is_an_assault() -> None:
    (event,) = _events("A two-year-old boy was shot in the head Tuesday afternoon at a Madison "
                       "apartment complex.")
    assert (event.cameo, event.date.iso() if event.date else None) == ("18", "2025-12-09")
    assert event.summary == "A two-year-old boy was shot in the head at a Madison apartment complex"


def test_life_threatening_and_joined_in_are_no_events() -> None:
    assert _events("He suffered non life-threatening injuries.") == []
    assert [e.cameo for e in _events("Walker had joined in a family gathering.")] == []
    assert [e.cameo for e in _events("Syria joined the coalition.")] == ["05"]


def test_a_later_speech_verb_gives_the_statement() -> None:
    statement, content = _events("The U.S. confirmed the call and said the two discussed the "
                                 "attack on U.S. personnel in Syria.")
    assert (statement.cameo, statement.actors) == ("01", ["United States"])
    assert (content.cameo, content.attributed_to) == ("04", "United States")
