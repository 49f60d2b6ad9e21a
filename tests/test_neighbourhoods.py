"""feeds.extract.neighbourhoods: the city of a big city's neighbourhood."""

from __future__ import annotations

import pytest

from feeds.extract.neighbourhoods import city_of


@pytest.mark.parametrize(("name", "named", "expected"), [
    ("Portage Park", [], "Chicago"),               # a town of Illinois only: Chicago's
    ("West Garfield Park, Illinois", [], "Chicago"),
    ("Bedford-Stuyvesant", [], "Brooklyn"),        # the city of its postal address
    ("Lower East Side", [], "New York"),
    ("Southwest Baltimore", [], "Baltimore"),      # a compass word before a city
    ("Southeast D.C.", [], "Washington"),
    ("East Cleveland", [], None),                  # a town of its own
    ("Hyde Park", [], None),                       # several cities have one
    ("Hyde Park", ["Boston"], "Boston"),
    ("Bridgeport", [], None),                      # a town in many states
    ("Bridgeport", ["Chicago, Illinois"], "Chicago"),
    ("Perris", [], None),
])
def test_city_of(name: str, named: list[str], expected: str | None) -> None:
    assert city_of(name, named) == expected
