"""feeds.extract.victims: deaths told without a number, as counted by `figures`."""

from __future__ import annotations

import pytest

from feeds.extract.figures import figures
from feeds.extract.victims import (
    killed_without_number,
    shot_without_number,
    wounded_without_number,
)


@pytest.mark.parametrize(("clause", "killed"), [
    ("She is accused of fatally shooting her older brother in May", 1),
    ("Police said he shot his 6-year-old cousin to death", 1),
    ("A man beat a neighbour to death with a bat", 1),
    ("A teenage girl fatally shot in Elm Park has been identified", 1),
    ("The clerk who was fatally shot was named on Friday", 1),
    ("Detectives are looking into the shooting death of a 15-year-old", 1),
    ("Police called it an accidental shooting death", 1),
    ("A fire at a farmhouse left one firefighter dead", 1),
    ("The blast left a worker dead", 1),
    ("The crash left two people dead", 2),
    ("Officers said the attack left three other civilians dead", 3),
    ("The fire left a mother and her infant son dead", 2),
    ("Police are investigating a double homicide on Elm Street", 2),
    ("Deputies called it a triple slaying", 3),
    ("Police say it was an apparent double murder-suicide", 3),
    ("A 15-year-old boy took his own life on Friday", 1),
    ("Deputies found the hiker dead near a trail", 1),
])
def test_deaths_without_a_number(clause: str, killed: int) -> None:
    assert killed_without_number(clause) == killed
    assert figures(clause)["killed"] == killed


@pytest.mark.parametrize("clause", [
    "The officer shot the dog to death",
    "He is accused of killing his children",
    "A man killed by a train was named",
    "The storm left the town dark",
    "The shooting deaths of two men remain unsolved",
    "He fatally shot the deer in the woods",
    "He faces double murder charges in another county",
])
def test_no_death_of_one_person(clause: str) -> None:
    assert killed_without_number(clause) is None


def test_a_named_pair_found_deceased_is_two() -> None:
    assert figures("Lena Ortiz and Paul Ortiz were deceased, police said") == {"killed": 2}


def test_a_number_the_rules_read_is_kept() -> None:
    assert figures("A gunman killed three guards and left a clerk dead") == {"killed": 3}


@pytest.mark.parametrize(("clause", "wounded"), [
    ("A 5-year-old boy accidentally shot himself in the hand on Sunday", 1),
    ("A woman was shot in the leg outside a bar", 1),
    ("Peter Grant was critically shot in the stomach", 1),
    ("Two brothers were shot in the legs near a park", 2),
    ("The gunfire left a cashier injured", 1),
    ("The blast left three workers wounded", 3),
    ("The crash left a driver dead and his passenger injured", 1),
    ("Two hikers were killed and another seriously injured in the fall", 1),
    ("The toddler was in critical condition at a hospital", 1),
    ("Two other men were listed in stable condition", 2),
    ("The cyclist remained in serious condition on Friday", 1),
    ("A girl died and her father is listed in critical condition", 1),
    ("A boy died and his mother remains in the hospital", 1),
    ("The fire left a tenant dead and his neighbour hospitalized", 1),
])
def test_wounded_without_a_number(clause: str, wounded: int) -> None:
    assert wounded_without_number(clause) == wounded
    assert figures(clause)["wounded"] == wounded


@pytest.mark.parametrize("clause", [
    "A man was shot in the head on Sunday",  # as often a death as a wound
    "A boy was shot in the leg and later died",
    "He was in critical condition before he died",
    "A girl died and the economy is in stable condition",
    "The economy is in stable condition",
    "She shot the deer in the leg",
    "The gunfire left the windows broken",
    "The storm left the roads flooded and the town injured",
])
def test_no_wound_of_a_counted_person(clause: str) -> None:
    assert wounded_without_number(clause) is None
    assert "wounded" not in figures(clause)


@pytest.mark.parametrize(("clause", "killed"), [
    ("The boy was taken to a hospital where he passed away", 1),
    ("A woman succumbed to her injuries on Sunday", 1),
])
def test_passing_away_is_dying(clause: str, killed: int) -> None:
    assert figures(clause) == {"killed": killed}


@pytest.mark.parametrize(("clause", "shot"), [
    ("A 9-year-old girl was accidentally shot at a shooting range", 1),
    ("Two brothers were shot outside a store on Friday", 2),
    ("Dana Pike had been shot by a neighbour", 1),
])
def test_shot_their_fate_untold(clause: str, shot: int) -> None:
    assert shot_without_number(clause) == shot
    assert figures(clause) == {"shot": shot}


def test_no_count_of_several_who_took_their_lives_or_a_thing_found_dead() -> None:
    assert killed_without_number("Three brothers took their own lives") is None
    assert killed_without_number("Crews found the battery dead") is None


@pytest.mark.parametrize("clause", [
    "A man was shot and killed on Friday",
    "A man was shot dead on Friday",
    "The house was shot at twice",
    "A teen was shot in a fatal encounter",
    "She shot a deer",
])
def test_no_one_shot_whose_fate_a_clause_tells(clause: str) -> None:
    assert shot_without_number(clause) is None
    assert "shot" not in figures(clause)
