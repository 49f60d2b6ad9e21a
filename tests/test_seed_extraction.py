"""Acceptance: the two seed articles through extract() and build_timeline() give the gold events."""

from __future__ import annotations

import pytest

from feeds.extract import extract
from feeds.model import StoryEvent
from feeds.stories.timeline import ArticleReports, build_timeline
from tests.seed_articles import seed_000, seed_001


def _reports(reverse: bool = False) -> list[ArticleReports]:
    articles = [seed_000(), seed_001()]
    out = [ArticleReports(a.key, a.outlet, a.published.date() if a.published else None,
                          extract(a).events) for a in articles]
    return out[::-1] if reverse else out


@pytest.fixture(scope="module")
def timeline() -> list[StoryEvent]:
    return build_timeline(_reports())


def _find(events: list[StoryEvent], iso: str | None, roots: set[str]) -> list[StoryEvent]:
    return [e for e in events if (e.date.iso() if e.date else None) == iso and e.cameo[:2] in roots]


def test_ambush_at_palmyra(timeline: list[StoryEvent]) -> None:
    (event,) = _find(timeline, "2025-12-13", {"19"})
    assert {"Daesh", "United States"} <= set(event.actors)
    assert event.place == "Palmyra"
    assert event.figures == {"killed": [3], "wounded": [3]}
    assert sorted(event.article_keys) == ["000", "001"]
    assert event.actors[:2] == ["Daesh", "United States"]
    assert event.summary == ("Ambush by a Daesh gunman in the Palmyra desert killed two US troops "
                             "and one American civilian, wounding three others")
    assert sorted(event.outlets) == ["News.Az", "Seeds"]


def test_phone_call(timeline: list[StoryEvent]) -> None:
    (event,) = _find(timeline, "2025-12-14", {"04"})
    assert event.actors[:2] == ["Asaad al-Shaibani", "Marco Rubio"]
    assert sorted(event.article_keys) == ["000", "001"]
    assert event.summary == ("Phone call between Syrian Foreign Minister Asaad al-Shaibani and "
                             "U.S. Secretary of State Marco Rubio")


def test_security_operation_at_homs(timeline: list[StoryEvent]) -> None:
    (event,) = _find(timeline, "2025-12-14", {"19", "17"})
    assert event.actors[:2] == ["Syria", "Daesh"]
    assert event.place == "Homs"
    assert "Sunday" not in event.summary and event.summary.startswith("Syrian authorities launched")
    assert sorted(event.article_keys) == ["000", "001"]


def test_syria_joins_coalition(timeline: list[StoryEvent]) -> None:
    (event,) = _find(timeline, "2025-11-12", {"05", "06", "03"})
    assert event.actors[0] == "Syria"
    assert sorted(event.article_keys) == ["000", "001"]
    assert event.summary == "Syria joined the coalition"


def test_should_events(timeline: list[StoryEvent]) -> None:
    (overthrow,) = _find(timeline, "2024-12", {"17", "18", "19"})
    assert overthrow.date is not None and overthrow.date.precision == "month"
    assert "Bashar Assad" in overthrow.actors
    (formed,) = _find(timeline, "2014", {"05", "06", "03"})
    assert formed.date is not None and formed.date.precision == "year"
    (threat,) = _find(timeline, None, {"13"})
    assert threat.actors == ["Donald Trump"]
    assert sorted(threat.article_keys) == ["000", "001"]


def test_no_garbage_dates(timeline: list[StoryEvent]) -> None:
    assert not [e for e in timeline if e.cameo[:2] in {"18", "19", "20"} and e.place == "Palmyra"
                and e.date is not None and e.date.iso() != "2025-12-13"]
    dated = [e.date.iso() for e in timeline if e.date is not None]
    assert set(dated) <= {"2014", "2024-12", "2025-11-12", "2025-12-13", "2025-12-14"}
    assert dated == sorted(dated, key=lambda iso: iso.ljust(10, "0"))
    assert all(e.date is not None for e in timeline[: len(dated)])


def test_statements_reporting_an_event_are_folded_into_it(timeline: list[StoryEvent]) -> None:
    statements = [e for e in timeline if e.cameo[:2] == "01"]
    assert all(e.date is None for e in statements)
    assert not any("Central Command" in e.summary for e in statements)
    assert len(timeline) <= 12
    for e in timeline:
        assert len(e.summary.split()) <= 30


def test_timeline_does_not_depend_on_article_order(timeline: list[StoryEvent]) -> None:
    assert build_timeline(_reports(reverse=True)) == timeline
