"""feeds.extract.headline_event: the happening a headline reports when its text gives none."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feeds.extract import extract
from feeds.extract.headline_event import best_day, headline_event
from feeds.model import Article, PartialDate

ANCHOR = datetime(2024, 6, 12, 15, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(("head", "kind", "figures"), [
    ("Toddler killed in Elm Grove shooting", ("Conflict.Attack", "18"), {"killed": 1}),
    ("5-year-old kills himself with unsecured gun", ("Conflict.Attack", "18"), {"killed": 1}),
    ("Two hikers die in fall on ridge", ("Life.Die", ""), {"killed": 2}),
    ("Three hurt when bus crashes on interstate", ("Accident.Crash", ""), {"wounded": 3}),
])
def test_a_headline_that_counts_casualties_is_an_event(
        head: str, kind: tuple[str, str], figures: dict[str, int]) -> None:
    event = headline_event(head, ANCHOR, "Elm Grove")
    assert event is not None
    assert (event.type, event.cameo, event.figures) == (*kind, figures)
    assert (event.summary, event.sentence, event.place, event.sentence_no) == (
        head, head, "Elm Grove", 0)


@pytest.mark.parametrize("head", [
    "Shooter in fatal hunting accident identified",  # no toll: the text says more
    "Budget Talks Dead, Mayor Says",
    "Mayor calls for calm",
])
def test_a_headline_without_a_toll_is_no_event(head: str) -> None:
    assert headline_event(head, ANCHOR, None) is None


def test_the_best_day() -> None:
    assert best_day("Two teens die early Monday", ANCHOR) == (
        "weekday:0", PartialDate(date(2024, 6, 10), "day"))
    assert best_day("Two teens die in June", ANCHOR) is None  # coarser than a day


def _article(title: str, text: str) -> Article:
    return Article(key="k", source_name="s", title=title, text=text, content_hash="h",
                   published=ANCHOR)


def test_a_caption_body_takes_the_headline_event() -> None:
    caption = "Girl found the gun in a bedroom\nTwo adults may face charges"
    events = extract(_article("3-year-old kills herself with loaded gun in Elm Grove",
                              caption)).events
    assert [(e.type, e.figures, e.place) for e in events][:1] == [
        ("Conflict.Attack", {"killed": 1}, "Elm Grove")]


def test_a_text_that_reports_a_happening_keeps_its_own() -> None:
    events = extract(_article("Girl killed in Elm Grove shooting",
                              "A girl was shot and killed on Monday in Elm Grove.")).events
    assert all(e.sentence != "Girl killed in Elm Grove shooting" for e in events)
    assert events[0].date == PartialDate(date(2024, 6, 10), "day")


def test_an_undated_headline_event_takes_the_leads_day() -> None:
    text = ("Benton police\nAt about 11:44 a.m. Monday, officers were called to a home on "
            "River Oaks for a family disturbance.")
    events = extract(_article("Benton 17-year-old killed in officer-involved shooting",
                              text)).events
    assert [(e.type, e.date) for e in events][:1] == [
        ("Conflict.Attack", PartialDate(date(2024, 6, 10), "day"))]
