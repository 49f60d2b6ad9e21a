"""Follow-ups as story evidence (a shooting and its arrests), a title's site name and page
furniture in the words, and the candidate window.

Made-up articles and events only: each rule is checked on terms written here, never on
dev data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feeds.model import ClusterTerms, HeadlineEvent
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import EngineSettings
from feeds.stories.evidence import follow_up
from feeds.stories.features import features, without_furniture

DAY = date(2024, 4, 2).toordinal()
WORDS = {"millbrook": 1.0, "shooting": 2.0, "girl": 1.5, "police": 1.0, "porch": 1.0}
NAMES = {"millbrook": 1.0}


def event(family: str = "violence", day: int | None = DAY, place: str | None = "Millbrook",
          *who: str, ages: tuple[int, ...] = ()) -> HeadlineEvent:
    return HeadlineEvent(family, day, place, frozenset(who), frozenset(ages))


def doc(key: str, ev: HeadlineEvent, day: int = DAY) -> ClusterDoc:
    published = datetime.fromordinal(day).replace(tzinfo=UTC)
    return ClusterDoc(key, "", "", published, ClusterTerms(dict(WORDS), dict(NAMES), None, ev))


SHOT = event(ages=(7,))
"""'7-year-old girl shot dead on a Millbrook porch'"""


@pytest.mark.parametrize(("later", "follows"), [
    (event("Justice", DAY + 8, ages=(7,)), True),  # "3 charged in 7-year-old's killing"
    (event("17", DAY + 1, ages=(7, 19)), True),  # "Man, 19, arrested ..."
    (event("Justice", None, ages=(7,)), True),  # a hearing that dates nothing
    (event("Justice", DAY - 1, ages=(7,)), True),  # an arrest the night of the shooting
    (event("Accident", DAY, "Millbrook, Ohio", ages=(7,)), True),  # "accidental shooting"
    (event("Justice", DAY + 8, "Millbrook", "okafor"), False),  # no one of the shooting's
    (event("Justice", DAY + 8, ages=(8,)), False),  # another child's case
    (event("Justice", DAY + 8, "Elm Falls", ages=(7,)), False),  # another town's
    (event("Justice", DAY + 8, None, ages=(7,)), False),  # a town unknown
    (event("Justice", DAY + 90, ages=(7,)), False),  # a season later: no follow-up
    (event("Justice", DAY - 5, ages=(7,)), False),  # before the shooting
    (event("violence", DAY + 8, ages=(7,)), False),  # one family: `agreement` says it
    (event("Life", DAY + 1, ages=(7,)), False),  # a funeral is no aftermath here
])
def test_a_follow_up_is_an_aftermath_of_the_incident_in_its_town(
        later: HeadlineEvent, follows: bool) -> None:
    assert follow_up([SHOT], [later], 60) is follows
    assert follow_up([later], [SHOT], 60) is follows  # either side may be the story's


def test_a_shared_person_makes_a_follow_up_without_ages() -> None:
    shot = event("violence", DAY, "Millbrook", "okafor")
    assert follow_up([shot], [event("Justice", DAY + 20, "Millbrook", "okafor", "reyes")], 60)
    assert not follow_up([shot, event("Life")], [event("Justice", DAY + 20)], 60)


def test_a_follow_up_adds_the_bonus_and_joins_its_story() -> None:
    scores = {}
    for name, ev in (("charged", event("Justice", DAY + 8, ages=(7,))),
                     ("other", event("Justice", DAY + 8, ages=(12,)))):
        engine = StoryEngine()
        engine.assign(doc("shot", SHOT))
        scores[name] = engine.assign(doc("charges", ev, DAY + 8)).similarity
    bonus = EngineSettings().follow_bonus
    assert bonus > 0 and scores["charged"] - scores["other"] == pytest.approx(bonus)
    for ages, story in (((7,), 1), ((12,), 2)):  # the 7-year-old's case joins, another not
        strict = StoryEngine(threshold=(scores["charged"] + scores["other"]) / 2)
        strict.assign(doc("shot", SHOT))
        assert strict.assign(doc("charges", event("Justice", DAY + 8, ages=ages),
                                 DAY + 8)).story == story


def test_the_outlet_name_counts_as_words_of_the_text_not_of_the_title() -> None:
    words, names = features("Girl shot on Millbrook porch - KXYZ News 12",
                            "Police said the girl was shot.")
    assert words["millbrook"] > words["kxyz"] == pytest.approx(1.0)
    assert words["kxyz"] == words["news"]  # once, as a word of the text
    assert "kxyz" in names


def test_a_sentence_a_year_and_weeks_on_still_finds_its_story() -> None:
    # the sentencing of the shooter, 380 days after the last report (trials take a year)
    for gap, story in ((380, 1), (EngineSettings().window_days + 1, 2)):
        engine = StoryEngine()
        engine.assign(doc("shot", SHOT))
        sentenced = event("Justice", DAY + gap, "Morrisville", "okafor")
        assert engine.assign(doc("sentenced", sentenced, DAY + int(gap))).story == story


def test_page_furniture_lines_are_no_words_of_the_story() -> None:
    text = ("A girl was shot on a Millbrook porch, police said.\n"
            "Copyright 2016 KXYZ. All rights reserved.\n"
            "Download our KXYZ news app\nFollow KXYZ:\nShare\n"
            "Neighbors said they heard shots.")
    assert without_furniture(text) == ("A girl was shot on a Millbrook porch, police said.\n"
                                       "Neighbors said they heard shots.")
    words, _ = features("Girl shot", text)
    assert "kxyz" not in words and "neighbors" in words
    # news that mentions a copyright, or a follow-up, is no furniture
    story = "The court ruled on the copyright of the song.\nFollowing the verdict, fans cheered."
    assert without_furniture(story) == story
    long_line = "Click here " + "to read the council's full budget " * 10
    assert without_furniture(long_line) == long_line  # a paragraph, not a button
