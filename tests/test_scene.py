"""feeds.extract.scene and feeds.extract.geo: where an article's news happened."""

from __future__ import annotations

import pytest

from feeds.extract.geo import is_town, place_info
from feeds.extract.scene import (
    agency_city,
    best,
    headline,
    headline_place,
    level,
    named_town,
    residence_town,
    scene,
    state_of,
    street_names,
    title_city,
    written_as_name,
)
from feeds.model import Mention


@pytest.mark.parametrize(("text", "expected"), [
    ("GREENSBURG, Ky. — A man was shot on Friday.", "Greensburg, Kentucky"),
    ("HOUSTON - Police are looking for a driver.", "Houston"),
    ("ADRIAN, Mich. (AP) — A boy died on Sunday.", "Adrian, Michigan"),
    ("NEW HAVEN, Conn., -- One person was hurt.", "New Haven, Connecticut"),
    ("LOUISVILLE >> A woman was wounded.", "Louisville"),
    ("SAN ANTONIO- A driver was hurt.", "San Antonio"),
    ("WINSTON-SALEM, N.C. — Two were hurt.", "Winston-Salem, North Carolina"),
    ("Police in Omaha said two men were hurt.", None),
    ("A man was shot on Friday.", None),
    ("SPORTS: The team won.", None),
    ("BREAKING NEWS - 3 DEAD in a blaze", None),
    ("EVENING UPDATE - Police named the driver.", None),
    ("A FIRE - BOMB attack on a bank killed three.", None),
    ("Anadarko (KFOR) — A girl died on Tuesday.", "Anadarko"),
])
def test_datelines(text: str, expected: str | None) -> None:
    assert scene(text, []) == expected


def test_a_town_and_state_of_the_lead() -> None:
    lead = ["A girl was wounded at a home in Pine Hollow, Ind., on Sunday.",
            "She was taken to a hospital in Chicago, Illinois."]
    assert scene("A girl was wounded at a home.", lead) == "Pine Hollow, Indiana"
    assert scene("x", ["The family moved from Texas, officials said."]) is None


def test_a_dateline_after_a_preamble_of_updates() -> None:
    preamble = "".join(f"Update {n}: the family thanked the donors, the neighbours and the "
                       "volunteers who brought meals for their support this week.\n\n"
                       for n in range(5))
    assert len(preamble) > 600
    assert scene(preamble + "DUNMORE — A teen was shot at a gun range.", []) == "Dunmore"


def test_a_town_and_state_after_a_street_address() -> None:
    lead = ["Deputies responded to 6902 North Star Road, Sunman, Indiana and found a boy."]
    assert scene("x", lead) == "Sunman, Indiana"
    assert scene("x", ["Deputies responded to North Star Road, Sunman, Indiana."]) is None


def test_a_hometown_of_the_lead_is_no_scene() -> None:
    assert scene("x", ["A man from Tulsa, Oklahoma, was arrested in a shooting."]) is None
    assert scene("x", ["Police arrested John Doe, of Tulsa, Okla., on Monday."]) is None
    assert scene("x", ["He was shot near the city of Tulsa, Oklahoma."]) == "Tulsa, Oklahoma"


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Boy accidentally shoots, kills brother in Perris", "", "Perris"),
    ("Police Urging Caution After Shootings In Hempstead", "shootings in Hempstead", "Hempstead"),
    ("Teen killed outside Watsonville - KSBW Action News 8", "", "Watsonville"),
    ("Charges filed in fatal Wichita shooting", "", "Wichita"),
    ("4-year-old shot in St. Augustine", "", "St. Augustine"),
    ("Two Found Dead Northwest of Wichita", "near Wichita", "Wichita"),
    ("Hiker killed east of Tulsa", "", "Tulsa"),
    # a title in title case names a town the text writes as a name too
    ("Man Shot At Home In Long Beach", "He lives in Long Beach.", "Long Beach"),
    ("Man Shot At Home", "He was shot at home.", None),
    # no cut of a name ("Humboldt Park" is no "Humboldt"), no county, no state
    ("Boy shot in Humboldt Park", "", None),
    ("Teen dies after shooting in Bartow", "Bartow County deputies said.", None),
    ("Woman shot in Texas", "", None),
    ("Man from Perris charged", "", None),
])
def test_the_town_a_headline_reports_from(title: str, text: str, expected: str | None) -> None:
    assert headline_place(title, text) == expected


def test_the_headline_place_comes_after_the_dateline_before_the_lead() -> None:
    lead = ["A boy was shot in Vista, California, on Sunday."]
    assert scene("A boy was shot.", lead, "Boy shot in Perris") == "Perris"
    assert scene("VISTA - A boy was shot.", lead, "Boy shot in Perris") == "Vista"


@pytest.mark.parametrize(("name", "rank"), [
    ("Main Street", 0), ("Route 9", 0), ("Texas", 1), ("Syria", 1), ("Harris County", 2),
    ("Homs Province", 2), ("Hopkins County, Kentucky", 2), ("Old Mill Green", 3), ("Houston", 4),
    ("Pine Hollow, Indiana", 4), ("MARION COUNTY", 2), ("Elbert County line", 2),
    ("Broad River", 0), ("Fall River", 4), ("Hoover Dam", 0),
])
def test_levels(name: str, rank: int) -> None:
    assert level(name) == rank


def test_the_most_specific_place_of_a_clause() -> None:
    assert best(["Texas", "Harris County", "Houston"]) == "Houston"
    assert best(["Oak Lane"]) is None and best([]) is None
    assert best(["Old Mill Green", "Hollow Creek"]) == "Old Mill Green"


def test_place_info() -> None:
    assert place_info("Palmyra", ["Homs", "Syria"]) == ("Palmyra", "Homs", "Syria", ["Tadmur"])
    assert place_info("Gary", []) == ("Gary", "Indiana", "United States", [])
    assert place_info("St. Louis", []) == ("St. Louis", "Missouri", "United States",
                                           ["Saint Louis"])
    assert place_info("Pine Hollow, Indiana", []) == (
        "Pine Hollow", "Indiana", "United States", [])
    assert place_info("Syria", []) == ("Syria", None, "Syria", [])
    assert place_info("Ohio", []) == ("Ohio", None, "United States", [])
    assert place_info("Nowhereville", []) == ("Nowhereville", None, None, [])


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Police in Tulsa said", "Tulsa", True), ("a man of Salina, then", "Salina", True),
    ("Photo Video Man playing", "Man", False), ("Man shot. A man died", "Man", False),
    ("in Tulsan homes", "Tulsa", False), ("in Tulsa", "Tulsa", True),
])
def test_a_name_follows_a_lower_case_word(text: str, name: str, expected: bool) -> None:
    assert written_as_name(text, name) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tulsa police said the boy was hurt. Tulsa police arrested a man.", "Tulsa"),
    ("The Fresno Police Department said a man was shot.", "Fresno"),
    ("Police said it. Perris Mayor Ann Lee spoke, as did Tulsa police.", "Perris"),
    ("Miami-Dade Police said a girl was shot.", None),
    ("State police said a trooper was hurt.", None),
    ("Capitol Police said no one was hurt.", None),
    ("Anadarko Police Chief Ann Lee spoke.", "Anadarko"),
    ("New Haven police said five were hurt.", "New Haven"),
    ("NewTulsa police said so. Anti-Tulsa Police too.", None),  # a capital inside a word
    ("A retired Newburgh police officer shot his son, Wallkill police said.", "Wallkill"),
])
def test_agency_city(text: str, expected: str | None) -> None:
    assert agency_city(text) == expected


@pytest.mark.parametrize("street", ["Chesapeake Place", "Oak Circle", "Bay Terrace",
                                    "Elk Trail", "Gallatin Pike"])
def test_street_names_are_never_a_place(street: str) -> None:
    assert level(street) == 0


@pytest.mark.parametrize("building", ["Oakdale Memorial Hospital", "Riverside Medical Center",
                                      "Pine Hollow High School", "Hillcrest Mall",
                                      "Elm Creek Gun Range", "Lakeview Regional Airport"])
def test_a_building_is_never_a_place(building: str) -> None:
    assert level(building) == 0
    assert best([building, "Pine Hollow"]) == "Pine Hollow"


@pytest.mark.parametrize(("text", "expected"), [
    ("The city of Anadarko mourns. The town of Traer too. Anadarko grieves.", "Anadarko"),
    ("The family moved from the town of Traer last year.", None),
    ("Police in the village of Montour Falls said a boy was hurt.", "Montour Falls"),
    ("Officials of the township of Montour Falls spoke.", "Montour Falls"),
    ("He came from city of Traer. The electricity of Traer failed.", None),  # not a word's end
])
def test_named_town(text: str, expected: str | None) -> None:
    assert named_town(text) == expected


def test_a_small_us_town_is_a_town_with_its_state() -> None:
    assert is_town("Anadarko") and is_town("St. Augustine") and not is_town("Police")
    assert place_info("Anadarko", []) == ("Anadarko", "Oklahoma", "United States", [])
    assert place_info("Beverly", ["Massachusetts"])[1:3] == ("Massachusetts", "United States")


@pytest.mark.parametrize(("clause", "expected"), [
    ("A boy shot himself at a Southwest Baltimore home Saturday", "Baltimore"),
    ("He was outside his Anadarko home when he was shot", "Anadarko"),
    ("Deputies responded to a rural Anadarko address for a report of a gunshot", "Anadarko"),
    ("A man was found dead at the Smith Family home", None),
    ("She moved to a Texas home", None),
    ("Police went to the home on Monday", None),
])
def test_residence_town(clause: str, expected: str | None) -> None:
    assert residence_town(clause) == expected


def test_a_street_names_town_is_no_residence_town() -> None:
    assert residence_town("lives at the Tulsa address", frozenset({"Tulsa"})) is None
    assert residence_town("shot outside his Tulsa home", frozenset({"Omaha"})) == "Tulsa"


def _place(actor: str, start: int) -> Mention:
    return Mention(start, start + len(actor), actor, actor, "place")


def test_street_names_are_words_of_streets_never_written_as_towns() -> None:
    text = "shot on West Tulsa Street; at the Tulsa address; Omaha Avenue; in Omaha; Reno"
    mentions = [_place("West Tulsa Street", 8), _place("Tulsa", 34), _place("Omaha Avenue", 49),
                _place("Omaha", 66), _place("Reno", 73)]
    assert [text[m.start:m.end] for m in mentions] == [m.actor for m in mentions]
    assert street_names(text, mentions) == {"Tulsa"}  # Omaha is written "in Omaha" too
    assert street_names("in Reno", [_place("Reno", 3)]) == set()


@pytest.mark.parametrize(("title", "expected"), [
    ("Boy shot - Live5News.com | Charleston, SC", "Boy shot"),
    ("Man arrested in shooting - KXYZ News 12 Omaha, Nebraska News Weather",
     "Man arrested in shooting"),
    ("Teen hurt - WQOW TV: Eau Claire, WI", "Teen hurt"),
    ("Boy shot in Perris - police", "Boy shot in Perris - police"),
    ("Storm hits coast | Weather", "Storm hits coast"),
    ("News - Weather", "News"),
    ("- KXYZ News", "- KXYZ News"),
    ("Girl, 7, shot on porch | WQRT.com", "Girl, 7, shot on porch"),
    ("Man held after standoff - Channel 4 Action News", "Man held after standoff"),
    ("Council approves budget – Millbrook TV", "Council approves budget"),
    ("Lohan checks into court - ordered rehab", "Lohan checks into court - ordered rehab"),
    ("Fox News - the interview that wasn't", "Fox News - the interview that wasn't"),
])
def test_a_headline_without_its_site_name(title: str, expected: str) -> None:
    assert headline(title) == expected


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Salina man dies in crash", "Police said a Salina man died.", "Salina"),
    ("Retired Wichita Officer Shoots Himself", "Police said a retired Wichita officer died.",
     None),
    ("Kyle Carney charged", "Kyle Carney, 22, was charged.", None),
])
def test_title_city(title: str, text: str, expected: str | None) -> None:
    assert title_city(title, text) == expected


@pytest.mark.parametrize(("place", "state"), [
    ("Oregon", "Oregon"), ("Flagstaff, Arizona", "Arizona"), ("Flagstaff", None),
    ("Homs, Syria", None), ("Douglas County", None), (None, None),
])
def test_state_of_a_place_that_says_it(place: str | None, state: str | None) -> None:
    assert state_of(place) == state
