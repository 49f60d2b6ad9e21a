"""feeds.extract.dates: finding, normalising and resolving date expressions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from feeds.extract.dates import find_dates, resolve
from feeds.model import PartialDate

MONDAY = date(2025, 12, 15)


@pytest.mark.parametrize(
    ("text", "found", "expr"),
    [
        ("said Sunday that", "Sunday", "weekday:6"),
        ("a Saturday ambush", "Saturday", "weekday:5"),
        ("on Nov. 12 this year.", "Nov. 12 this year", "md:11-12:this-year"),
        ("joined on November 12, as", "November 12", "md:11-12"),
        ("since the overthrow in December 2024,", "in December 2024", "ym:2024-12"),
        ("formed in 2014.", "in 2014", "y:2014"),
        ("on December 13, 2025 at noon", "December 13, 2025", "ymd:2025-12-13"),
        ("on 13 December 2025", "13 December 2025", "ymd:2025-12-13"),
        ("dated 2025-12-13.", "2025-12-13", "ymd:2025-12-13"),
        ("he left yesterday", "yesterday", "rel-day:-1"),
        ("talks last week", "last week", "rel-week:-1"),
        ("sanctions last month", "last month", "rel-month:-1"),
        ("last Sunday", "last Sunday", "weekday:6:last"),
        ("in March", "in March", "m:3"),
    ],
)
def test_find_dates_normalises(text: str, found: str, expr: str) -> None:
    (match,) = find_dates(text)
    assert (match.text, match.expr) == (found, expr)
    assert text[match.start : match.end] == found


@pytest.mark.parametrize("text", ["12 people died", "at 4:45 p.m. local time", "in 1492 rooms",
                                  "may be", "Route 2014", "the March rally"])
def test_bare_numbers_and_times_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_sentence_initial_relative_dates() -> None:
    assert [d.expr for d in find_dates("Yesterday, police said. Last Sunday they left.")] == [
        "rel-day:-1", "weekday:6:last"]
    assert [d.expr for d in find_dates("Last week the army came. This morning it left.")] == [
        "rel-week:-1", "rel-day:0"]


def test_named_day_is_no_date() -> None:
    assert find_dates("after the September 11 attacks, she") == []
    assert [d.expr for d in find_dates("on September 11 police")] == ["md:09-11"]


@pytest.mark.parametrize(
    ("expr", "iso", "precision"),
    [
        ("weekday:6", "2025-12-14", "day"),
        ("weekday:5", "2025-12-13", "day"),
        ("weekday:0", "2025-12-15", "day"),  # the publication day itself
        ("weekday:0:last", "2025-12-08", "day"),
        ("weekday:4:next", "2025-12-19", "day"),
        ("md:11-12", "2025-11-12", "day"),
        ("md:12-20", "2024-12-20", "day"),  # after the anchor: the year before
        ("md:11-12:this-year", "2025-11-12", "day"),
        ("md:12-03:last-year", "2024-12-03", "day"),
        ("ym:2024-12", "2024-12", "month"),
        ("y:2014", "2014", "year"),
        ("m:12", "2025-12", "month"),
        ("m:3", "2025-03", "month"),
        ("rel-day:-1", "2025-12-14", "day"),
        ("rel-week:-1", "2025-12", "month"),  # the week of Thursday 2025-12-11
        ("rel-week:0", "2025-12", "month"),
        ("rel-month:-1", "2025-11", "month"),
        ("rel-year:-1", "2024", "year"),
    ],
)
def test_resolve_against_anchor(expr: str, iso: str, precision: str) -> None:
    resolved = resolve(expr, MONDAY)
    assert resolved is not None
    assert (resolved.iso(), resolved.precision) == (iso, precision)


def test_last_week_takes_the_month_of_its_thursday() -> None:
    assert resolve("rel-week:-1", date(2025, 12, 2)) == PartialDate(date(2025, 11, 1), "month")
    assert resolve("rel-week:-1", date(2025, 12, 8)) == PartialDate(date(2025, 12, 1), "month")


def test_resolve_accepts_datetime_anchor() -> None:
    assert resolve("weekday:6", datetime(2025, 12, 15, 9, 30)) == PartialDate(date(2025, 12, 14))


@pytest.mark.parametrize("expr", ["weekday:6", "md:11-12", "rel-day:-1", "m:12", "rel-week:-1"])
def test_relative_dates_without_anchor_stay_unresolved(expr: str) -> None:
    assert resolve(expr, None) is None


def test_absolute_dates_need_no_anchor() -> None:
    assert resolve("ymd:2025-12-13", None) == PartialDate(date(2025, 12, 13), "day")
    assert resolve("y:2014", None) == PartialDate(date(2014, 1, 1), "year")


def test_invalid_expressions_resolve_to_none() -> None:
    assert resolve("md:02-30", MONDAY) is None
    assert resolve(None, MONDAY) is None
    assert resolve("nonsense:1", MONDAY) is None
