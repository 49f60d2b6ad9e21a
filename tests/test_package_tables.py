"""The tables built from dependencies and shipped as package data: what they hold, that the
scripts rebuild them exactly, and that the package ships every data file."""

from __future__ import annotations

import fnmatch
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from feeds.extract.resources import CITIES_FILE, cities

ROOT = Path(__file__).resolve().parent.parent


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cities", ROOT / "tools/build_cities.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cities_table_is_what_the_script_builds() -> None:
    lines = CITIES_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# cities of 15,000+ people; from GeoNames (CC BY 4.0")
    assert lines[1:] == build_script().rows()


def test_a_large_city_has_its_ascii_alternates_and_a_small_one_none() -> None:
    by_name = {(c.name, c.country): c for c in cities()}
    tadmur = by_name["Tadmur", "SY"]
    assert "Palmyra" in tadmur.alternates
    assert all(a.isascii() and not a.isupper() for a in tadmur.alternates)
    small = [c for c in cities() if c.population < 50_000]
    assert small and all(c.alternates == () for c in small)
    chicago = [c for c in cities() if c.name == "Chicago" and c.country == "US"]
    assert [(c.admin1, c.population > 2_000_000) for c in chicago] == [("IL", True)]


def test_every_data_file_ships_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]
    for package in ("feeds.extract", "feeds.stories"):
        folder = ROOT.joinpath(*package.split("."))
        files = [p.relative_to(folder).as_posix() for p in (folder / "data").iterdir()]
        unshipped = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs[package])]
        assert files and unshipped == [], package
