"""The city a neighbourhood of a large US city belongs to.

Contract: `city_of(name, named)` is the city whose neighbourhood or district `name` is
("Portage Park" -> "Chicago", "Bedford-Stuyvesant" -> "Brooklyn", "Southwest Baltimore"
-> "Baltimore"), by the table `data/neighbourhoods.json` (the city of each area's postal
address) or a compass word before a city's name that is no town itself ("Southeast
Washington"; "East Cleveland" is a town of its own). A name several cities share ("Hyde
Park"), or one that is a town in another state too ("Austin", "Bridgeport"), belongs to
a city only when `named`, the other places of the story, names that city; None
otherwise. A "Town, State" is looked up by its town. `agency_areas(events, text)` gives
the events placed in a neighbourhood several cities share the city whose police the text
quotes ("Madisonville" and "Cincinnati police said": Cincinnati).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from feeds.extract.geo import is_city, is_town, town_states
from feeds.extract.resources import load_json
from feeds.extract.scene import agency_city, us_state
from feeds.model import EventCandidate

_COMPASS = re.compile(r"(?:Far\s+)?(?:North|South|East|West|Northeast|Northwest|Southeast|"
                      r"Southwest|Downtown|Midtown|Uptown)\s+(?P<city>[A-Z].+)")


@lru_cache(maxsize=1)
def _cities_of() -> dict[str, tuple[tuple[str, str], ...]]:
    """Area name -> the (city, state) pairs with an area of that name, in the table's order."""
    table = load_json("neighbourhoods.json")
    out: dict[str, list[tuple[str, str]]] = {}
    for city, entry in table.items():
        if isinstance(entry, dict):
            for area in entry["areas"]:
                out.setdefault(area, []).append((city, entry["state"]))
    return {area: tuple(cities) for area, cities in out.items()}


def city_of(name: str, named: Collection[str] = ()) -> str | None:
    """The city of neighbourhood `name` (see the module's contract)."""
    area = name.partition(",")[0].strip()
    cities = _cities_of().get(area, ())
    if not cities:
        m = _COMPASS.fullmatch(area)
        if m is None or is_town(area) or not is_city(m.group("city")):
            return None
        cities = ((m.group("city"), ""),)
    towns = {n.partition(",")[0].strip() for n in named}
    for city, _ in cities:
        if city in towns:
            return city
    if len(cities) == 1 and _only_there(area, cities[0][1]):
        return cities[0][0]
    return None


def agency_areas(events: list[EventCandidate], text: str) -> None:
    """A neighbourhood that several places share ("Madisonville": of Cincinnati, and a town
    in four states) is the area of the town whose police the article quotes ("Cincinnati
    police said"): each event placed there takes that city, as the card takes a
    neighbourhood's (changes `events` in place)."""
    shared = {e.place for e in events if e.place and is_area(e.place) and not city_of(e.place)}
    agency = agency_city(text) if shared else None
    cities = {p: city_of(p, [agency]) for p in shared} if agency else {}
    for event in events:
        event.place = cities.get(event.place or "") or event.place


def is_area(name: str) -> bool:
    """Whether the table knows `name` (or the town of a "Town, State") as a city's area."""
    return name.partition(",")[0].strip() in _cities_of()


def _only_there(area: str, state: str) -> bool:
    """Whether `area` is no town of another state than its city's (the gazetteer knows
    many big-city neighbourhoods as towns of their own state)."""
    return all(us_state(code) == state for code in town_states(area)) and (
        bool(town_states(area)) or not is_town(area))
