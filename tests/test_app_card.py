"""The card line above the story's panels: its text, plain text only, hidden without a card,
following the selection and live refreshes; and the line on the seeds at 80 columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from feeds.config import Settings
from feeds.ingest.rebuild import commit_batches
from feeds.model import Extraction, PartialDate, Participant, StoryCard
from feeds.store import Batch, ProcessedArticle, SourceUpdate, Store
from tests.fixtures_app import _article, _event, build_store
from tests.test_app import NARROW, WIDE, make_app, screen_text, settle, table
from tui.app import WirewatchApp
from tui.cli import main
from tui.widgets.card import CardLine, card_headline, date_label, type_label

SEED_LINE = ("Attack · 13 Dec 2025 · Palmyra, Syria · 3 killed, 3 injured — Ambush by a Daesh "
             "gunman in the Palmyra desert killed two US troops and one American civilian, "
             "wounding three others")


def seed_card(**changes: object) -> StoryCard:
    """A card like the seeds' ambush."""
    card = StoryCard(type="Conflict.Attack", cameo="19",
                     summary="Ambush by a Daesh gunman in the Palmyra desert killed two US "
                             "troops and one American civilian, wounding three others",
                     date="2025-12-13", date_precision="day", place="Palmyra", region="Homs",
                     country="Syria", aliases=["Tadmur"], figures={"killed": 3, "injured": 3},
                     figure_reports={"killed": {"3": 2}, "injured": {"3": 2}},
                     participants=[Participant("Daesh", "organization", "agent")], articles=2,
                     outlets=["News.Az", "Seeds"])
    return replace(card, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


def card_line(app: WirewatchApp) -> CardLine:
    """The dashboard's card line."""
    return app.dashboard.query_one(CardLine)


def test_headline_names_what_when_where_how_many() -> None:
    assert card_headline(seed_card()) == SEED_LINE
    assert card_headline(seed_card(type="Disaster.Other", cameo="", date="2025-12",
                                   date_precision="month", place="Syria", region=None,
                                   country="Syria", figures={}, summary="")) == (
        "Disaster · Dec 2025 · Syria")
    assert card_headline(seed_card(type="Contact.Phone-Write", date=None, date_precision=None,
                                   place=None, region=None, country=None, figures={},
                                   summary="Rubio called Shaibani")) == (
        "Phone-write — Rubio called Shaibani")
    assert (type_label(None), type_label("Statement.Statement")) == ("Event", "Statement")
    assert (date_label("2025", "year"), date_label("2025-02-03", "day"), date_label(None, None),
            date_label("soon", "day")) == ("2025", "3 Feb 2025", "", "soon")


async def test_card_line_above_the_panels_follows_the_selection(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        line = card_line(app)
        assert line.text == "Meet — Red Cross met town officials"
        assert line.region.height == 1 and line.region.width == NARROW[0]
        assert line.region.y < app.dashboard.query_one("#panel-tabs").region.y
        assert "Meet — Red Cross met town officials" in screen_text(app)
        await pilot.press("j")  # story 2: no events, so no card and no empty line
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == 2 and app.is_running
        assert not line.display and line.text == "" and line.region.height == 0
        assert "Meet —" not in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert line.text == "Meet — Red Cross met town officials" and line.region.height == 1


async def test_card_line_refreshes_when_the_story_grows(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # story 2, no card yet
        await settle(pilot)
        assert not card_line(app).display
        quake = _event("", "Disaster.Earthquake", "An earthquake shook the valley",
                       PartialDate(date(2025, 3, 1), "day"), [])
        grown = ProcessedArticle(_article("q1", "Quake shakes valley", "AP", 0.1),
                                 Extraction(events=[quake]), 2)
        commit_batches(store, Batch(SourceUpdate(name="wire", kind="folder", location="/srv/wire"),
                                    articles=[grown], new_count=1))
        app.check_changes()
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == 2
        assert card_line(app).text == "Earthquake · 1 Mar 2025 — An earthquake shook the valley"
        assert str(table(app, "events").get_row_at(0)[1]) == "Disaster.Earthquake"


async def test_card_line_shows_markup_literally_and_fits_80_columns(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        detail = store.story_detail(1)
        assert detail is not None
        hostile = seed_card(summary="[bold]x[/] [@click=app.quit]q[/] \x1b[31mred",
                            place="[link=file:///etc/passwd]P[/link]", country=None)
        app.dashboard.panels.show(replace(detail, card=hostile))
        await settle(pilot)
        assert card_line(app).text == (
            "Attack · 13 Dec 2025 · [link=file:///etc/passwd]P[/link] · 3 killed, 3 injured — "
            "[bold]x[/] [@click=app.quit]q[/] ␛[31mred")
        shown = screen_text(app)
        assert "[link=file:///etc/passwd]P[/link]" in shown and "\x1b" not in shown
        await pilot.click(CardLine)
        await settle(pilot)
        assert app.is_running
        app.dashboard.panels.show(replace(detail, card=seed_card()))
        await settle(pilot)
        row = next(r for r in screen_text(app).splitlines() if r.startswith(" Attack ·"))
        assert row == (" Attack · 13 Dec 2025 · Palmyra, Syria · 3 killed, 3 injured — "
                       "Ambush by a Dae… ")


async def test_card_line_on_the_seeds_at_80_columns(seed_config: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'seeds.db'}"
    assert main(["poll", "--once", "--config", str(seed_config), "--db", url]) == 0
    capsys.readouterr()
    store = Store.open(url)
    app = WirewatchApp(Settings(config_path=None, database_url=url), store, poll=False)
    try:
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            assert card_line(app).text == SEED_LINE
            row = next(r for r in screen_text(app).splitlines() if "Palmyra, Syria" in r)
            assert row == (" Attack · 13 Dec 2025 · Palmyra, Syria · 3 killed, 3 injured — "
                           "Ambush by a Dae… ")
            assert row.rstrip().endswith("…") and len(row) == NARROW[0]
    finally:
        store.close()
