"""Figures: casualty forms seen in the dev sets, money in three currencies, and people
counted the way an editor would (every sentence here is invented)."""

from __future__ import annotations

import random

import pytest

from feeds.extract import figures as figures_module
from feeds.extract.figures import figures, headline_figures


@pytest.mark.parametrize(("clause", "expected"), [
    ("at least 10 people were killed and 20 wounded", {"killed": 10, "wounded": 20}),
    ("two people were killed and three others were injured", {"killed": 2, "wounded": 3}),
    ("Ten people died in the blast", {"killed": 10}),
    ("a man was shot dead", {"killed": 1}),
    ("three people were shot and killed", {"killed": 3}),
    ("Four women were found dead", {"killed": 4}),
    ("a woman and her son were found shot to death", {"killed": 2}),
    ("two men were pronounced dead at the scene", {"killed": 2}),
    ("at about 9:30 p.m. Ann Ruiz was pronounced dead", {"killed": 1}),  # a time counts no one
    ("Image 2 of 9 Ann Ruiz and her son were both found dead", {"killed": 2}),  # a caption
    ("A woman shot at a party on Sept. 3 died on Friday", {"killed": 1}),  # a day, no count
    ("On March 5, 2 men were killed", {"killed": 2}),
    ("Neighbors and friends remember a girl who died", {"killed": 1}),  # who: the girl
    ("Neighbors remember a boy who was killed", {"killed": 1}),
    ("A boy and his father who were shot and killed were named", {"killed": 2}),  # both
    ("Family and friends mourn a girl who was shot and died", {"killed": 1}),  # who was: her
    ("Friends mourn a man and a woman who were shot and died", {"killed": 2}),  # who were
    ("the death toll rose to 112", {"killed": 112}),
    ("pledged 5 million dollars", {"usd": 5_000_000}),
    ("approved €3 billion in aid", {"eur": 3_000_000_000}),
    ("a £2.5m fine", {"gbp": 2_500_000}),
    ("the 2 men met at 10", {}),
    ("A 14-year-old girl was shot to death", {"killed": 1}),
    ("two men were fatally shot", {"killed": 2}),
    ("Stewart shot and killed 14-year-old Jamyha Luss", {"killed": 1}),
    ("Three people were KİLLED in the blast", {"killed": 3}),  # İ lower-cases to i + a mark
    ("Rebels İNJURED two soldiers", {"wounded": 2}),
])
def test_figures_forms(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("Anna Sanchez, 23, died at the scene", {"killed": 1}),
    ("The victim, 17, was shot and killed", {"killed": 1}),
    ("Maria Lopez, 34, and her son, 9, were wounded", {"wounded": 2}),
    ("a 23-year-old man was killed", {"killed": 1}),
    ("the 17-year-old was shot and killed", {"killed": 1}),
    ("Tom Baker, 41, of Springfield, was found dead", {"killed": 1}),
    ("The victims, 19 and 22, were killed", {"killed": 2}),  # one per age
    ("Two brothers, aged 12 and 14, were injured", {"wounded": 2}),
    ("police say the gunman killed Anna Sanchez, 23, and her son, 9", {"killed": 2}),
    ("In the crash, a driver, 52, was killed", {"killed": 1}),
])
def test_an_age_is_never_a_toll(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("John Smith was shot and killed", {"killed": 1}),
    ("Smith was fatally shot", {"killed": 1}),
    ("John Smith and Mary Jones were killed", {"killed": 2}),
    ("John Smith, Mary Jones and Tom Baker were killed", {"killed": 3}),
    ("Police said John Smith was killed", {"killed": 1}),
    ("John Smith, a father of two, was killed", {"killed": 1}),
    ("Officer John Smith was shot and killed", {"killed": 1}),
    ("A man was shot and killed", {"killed": 1}),
    ("police shot and killed a suspect", {"killed": 1}),
    ("He was shot and killed", {"killed": 1}),
    ("They were both killed", {"killed": 2}),
    ("Both men were killed", {"killed": 2}),
    ("the suspect was arrested", {"arrested": 1}),
    ("police arrested him on Monday", {"arrested": 1}),
    ("The mayor was kidnapped", {"abducted": 1}),
    ("The driver of the car was killed", {"killed": 1}),
    ("The 40-year-old woman wounded in a shooting last month died on Friday", {"killed": 1}),
    ("the gunman killed his wife and two children", {"killed": 3}),
    ("the father killed his two sons and himself", {"killed": 3}),
    ("the gunman killed a man and injured his son", {"killed": 1, "wounded": 1}),
    ("The blast killed a policeman and wounded three bystanders", {"killed": 1, "wounded": 3}),
    # a comma opens an aside unless "and" closes a list
    ("the gunman killed John Smith, a father of two", {"killed": 1}),
    ("the storm killed a man, a woman and a child", {"killed": 3}),
    # plurals without a number, and what is nobody
    ("Soldiers were killed in the ambush", {}),
    ("They were killed", {}),
    ("the raid killed Americans", {}),
    ("Many were hurt", {}),
    ("The bill was killed in committee", {}),
    ("The deal died in the Senate", {}),
    ("Russia was hurt by sanctions", {}),  # names are not read for "hurt"
    ("New Yorkers were killed", {}),
    ("They found the injured boy behind the store", {}),  # an adjective, no verb
])
def test_a_named_or_singular_victim_is_one_person(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("a couple and their two children were found dead", {"killed": 4}),
    ("A young couple and their three children were found dead", {"killed": 5}),
    ("twins were killed", {"killed": 2}),
    ("the couple was found dead", {"killed": 2}),
    ("a mother and her three children were found dead", {"killed": 4}),
    ("a family of five was killed", {"killed": 5}),
    ("a family was killed", {}),
    ("a group of 20 migrants were detained", {"arrested": 20}),
    ("A hiker and his dog were found dead", {"killed": 1}),
])
def test_group_nouns(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("he was killed in 2013", {"killed": 1}),
    ("killed in 2013", {}),
    ("the 2013 shooting killed nine", {"killed": 9}),
    ("2013 was deadly", {}),
    ("In 2013 many were killed", {}),
    ("In 2013 three people were killed", {"killed": 3}),
    ("killed 2,013 people", {"killed": 2013}),
    ("the raids killed 2013 people", {"killed": 2013}),  # people follow: a count
    ("the death toll since 2019 rose to 40", {"killed": 40}),
    ("died in 1999", {}),
])
def test_a_year_is_never_a_count(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("three people are missing", {"missing": 3}),
    ("at least 12 remain missing", {"missing": 12}),
    ("five were reported missing", {"missing": 5}),
    ("12 fishermen are still missing at sea", {"missing": 12}),
    ("she has been missing since Tuesday", {"missing": 1}),
    ("two paintings are missing", {}),
    ("He is missing the point", {}),
    ("displaced 2,000 people", {"displaced": 2000}),
    ("forced 10,000 from their homes", {"displaced": 10_000}),
    ("the flooding forced thousands of people to flee", {"displaced": 2000}),
    ("10,000 people were evacuated", {"displaced": 10_000}),
    ("tens of thousands were forced to flee", {"displaced": 20_000}),
    ("the war has displaced 1.5 million people", {"displaced": 1_500_000}),
    ("the fire left 300 homeless", {"displaced": 300}),
    ("the storm left 300 people homeless", {"displaced": 300}),
    ("the city evacuated the stadium", {}),
    ("the attacks displaced 1,200 families", {}),  # families are not people counted
])
def test_missing_and_displaced(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("at least 12 people were killed", {"killed": 12}),
    ("up to 30 people were killed", {"killed": 30}),
    ("As many as 40 people died", {"killed": 40}),
    ("more than 200 injured", {"wounded": 200}),
    ("dozens were hurt", {"wounded": 24}),
    ("hundreds of thousands of people were displaced", {"displaced": 200_000}),
    ("twenty-five people were injured", {"wounded": 25}),
    ("two hundred people were injured", {"wounded": 200}),
    ("a dozen people were arrested", {"arrested": 12}),
    ("one person died and two others were injured", {"killed": 1, "wounded": 2}),
    ("killing one and injuring four", {"killed": 1, "wounded": 4}),
    ("leaving 12 dead and 30 injured", {"killed": 12, "wounded": 30}),
    ("10 killed, 3 injured", {"killed": 10, "wounded": 3}),
    ("It killed at least 25 people, including 10 children", {"killed": 25}),
    ("Five people were wounded, two of them seriously", {"wounded": 5}),
    ("17 people, mostly children, were killed", {"killed": 17}),
    ("Two people, a man and a woman, were killed", {"killed": 2}),
])
def test_counts_with_qualifiers_and_words(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("the plan killed two birds with one stone", {}),
    ("he was shot 3 times", {"shot": 1}),  # one person shot; 3 is no count of people
    ("He was shot three times and killed", {"killed": 1}),
    ("the 1,000 killed in the war", {"killed": 1000}),
    ("No one was hurt in the fire", {}),
    ("Two people in a car were killed", {"killed": 2}),
    ("one of the two victims died", {"killed": 1}),
    ("a mother of three was killed", {"killed": 1}),
    ("A gunman opened fire and two people were killed", {"killed": 2}),
    ("Officials and police said on Monday one man is dead", {"killed": 1}),
    ("40 people wounded or killed in the city this year", {}),  # a figure of neither
    ("two dead ends", {}),
    ("the 2 men met at 10", {}),
])
def test_what_is_not_a_toll(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("The officer was fatally wounded", {"killed": 1}),
    ("a stray bullet fatally wounding a bystander", {"killed": 1}),
    ("Police said the man fatally shot his two neighbours", {"killed": 2}),
    ("The man was fatally shot", {"killed": 1}),
])
def test_fatally_makes_a_wounding_a_killing(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("A father fatally shot his two sons in their home before turning the gun on himself",
     {"killed": 3}),
    ("The gunman shot and killed his wife and her two parents, then killed himself", {"killed": 4}),
    ("He stabbed his neighbour to death and later took his own life", {"killed": 2}),
    ("A woman killed herself on Tuesday", {"killed": 1}),
    ("He shot his brother, who survived, then killed himself", {"killed": 1}),
    ("He killed his wife and attempted to turn the gun on himself", {"killed": 1}),
    ("He killed his wife and turned the gun on himself but survived", {"killed": 1}),
])
def test_a_killer_who_kills_himself_is_one_more_death(clause: str,
                                                      expected: dict[str, int]) -> None:
    assert figures(clause) == expected


_CLAUSES = [
    "Anna Sanchez, 23, died at the scene", "Maria Lopez, 34, and her son, 9, were wounded",
    "a couple and their two children were found dead", "killing one and injuring four",
    "at least 12 remain missing", "the war has displaced 1.5 million people",
    "John Smith and Mary Jones were killed", "the 2013 shooting killed nine",
    "He was shot three times and killed", "more than 200 injured", "leaving 12 dead",
    "Police said the man fatally shot his two neighbours", "They were both killed",
    "police say the gunman killed Anna Sanchez, 23, and her son, 9", "no one was hurt",
    "Thousands were evacuated as the fire spread", "the raids killed Americans",
]


def test_the_lower_cased_path_reads_as_ignorecase() -> None:
    """A clause without "İ", "ı" or "ſ" is matched lower-cased (curly quotes, accents and
    capitals included), and that gives what the IGNORECASE patterns give."""
    rng = random.Random(7)
    marks = ["“", "”", "’", "é", "Zürich", "—", "K"]
    for clause in _CLAUSES:
        for variant in (clause, clause.upper(), clause.title(),
                        f"“{clause},” {rng.choice(marks)} said", clause + " in Zürich"):
            lowered = figures_module._lowered(variant)
            assert lowered is not None
            fast: dict[str, int] = {}
            slow: dict[str, int] = {}
            figures_module._casualties(variant, lowered, fast)
            figures_module._casualties(variant, None, slow)
            assert fast == slow, variant
    assert figures_module._lowered("Three were KİLLED") is None
    assert figures("“Three people were killed,” police said") == {"killed": 3}


def test_the_grouped_scan_finds_what_the_plain_scan_finds() -> None:
    rng = random.Random(11)
    words = " ".join(_CLAUSES).lower().split()
    texts = [" " + c.lower() for c in _CLAUSES]
    texts += [" " + " ".join(rng.choice(words) for _ in range(rng.randint(2, 20)))
              for _ in range(500)]
    scan = figures_module._SCAN_LOWER
    for text in texts:
        want = [(m.span(), m.groupdict()) for m in scan.finditer(text)]
        got = [(m.span(), m.groupdict()) for m in figures_module._scan(scan, text, True)]
        assert got == want, text


@pytest.mark.parametrize(("clause", "expected"), [
    ("A teen who was critically wounded in a shooting on Friday died on Sunday", {"killed": 1}),
    ("A woman was seriously injured and later died at a hospital", {"killed": 1}),
    ("A clerk was killed and his brother was critically injured", {"killed": 1, "wounded": 1}),
    ("Two guards were wounded and one of them died", {"killed": 1, "wounded": 2}),
    ("Two hikers who were hurt are expected to survive", {"wounded": 2}),
])
def test_the_wounded_who_died_count_once(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


@pytest.mark.parametrize(("headline", "expected"), [
    ("Two teens die early Thursday", {"killed": 2}),
    ("Boy Wounded In North Side Shooting", {"wounded": 1}),
    ("Anna Reyes, 16, Killed In Park, Police Say", {"killed": 1}),
    ("3 People Hurt In Crash", {"wounded": 3}),
    ("Man killed two neighbours, police say", {"killed": 2}),
    ("Storm Hits Coast", {}),
    ("Budget Talks Dead, Mayor Says", {}),
    # "and" written as a comma or "&"; "found shot dead" is killed
    ("Grandmother, 6-Year-Old Grandson Shot & Killed In Elm Grove", {"killed": 2}),
    ("Hiker found shot and killed near trail", {"killed": 1}),
    ("Man found shot dead in parked car", {"killed": 1}),
    ("UPDATE: 12 year-old girl killed in weekend hunting accident", {"killed": 1}),
    # each casualty verb counts its own subject
    ("Child Killed, Father Critical After Shooting", {"killed": 1, "wounded": 1}),
    ("Man Killed, Another Hurt In Bar Fight", {"killed": 1, "wounded": 1}),
    ("Boy, 12, critical after accidental shooting", {"wounded": 1}),
    ("Clerk killed, 2 hurt in holdup", {"killed": 1, "wounded": 2}),
    # a killer who then killed himself is one more death; not one who tried to
    ("Three sisters killed, brother commits suicide", {"killed": 4}),
    ("Three sisters killed, brother attempts suicide", {"killed": 3}),
    # the people shot, their fate untold, when the headline tells no death or wound
    ("16-Year-Old Accidentally Shot", {"shot": 1}),
    ("Two cousins shot at birthday party", {"shot": 2}),
    ("Teen Shot, Killed In Alley", {}),
    ("Deputy shot at by fleeing driver", {}),
])
def test_headline_figures(headline: str, expected: dict[str, int]) -> None:
    assert headline_figures(headline) == expected
