"""The dashboard with mute rules, and a source's articles: Pilot on the fixture database
(`tests.fixtures_app`: story 1 of three articles, two from Reuters; stories 2-6 of one
article each; all carried by the source "wire")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from feeds.config import Settings, SourceSettings
from feeds.read.mutes import MuteRule
from feeds.store import Store
from tests.fixtures_app import HOSTILE, NOW, build_store
from tests.test_app import NARROW, WIDE, rows, settle, table
from tui.app import WirewatchApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.reader import ReaderScreen
from tui.screens.source_articles import SourceArticlesScreen
from tui.screens.sources import SourcesScreen
from tui.widgets.format import clean, stamp


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


def make_app(store: Store, mutes: list[MuteRule]) -> WirewatchApp:
    settings = Settings(config_path=None, database_url="sqlite://", mutes=mutes,
                        sources=[SourceSettings("folder", "wire", 900, path=Path("/srv/wire"))])
    return WirewatchApp(settings, store, poll=False)


def listed(app: WirewatchApp) -> list[tuple[str, str]]:
    """(articles, title) of each story row."""
    return [(row[4], row[-1]) for row in rows(table(app, "stories"))]


async def test_the_rules_apply_at_start_and_the_list_counts_what_is_shown(store: Store) -> None:
    app = make_app(store, [MuteRule(outlet="Reuters"), MuteRule(words=("fix",))])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert store.mute_counts() == [(MuteRule(outlet="Reuters"), 2),
                                       (MuteRule(words=("fix",)), 1)]
        shown = rows(table(app, "stories"))
        assert [row[-1] for row in shown] == ["River flood: aid arrives",
                                              *(clean(t) for t in HOSTILE if t != "[TODO] fix")]
        assert shown[0][3:5] == ["1", "1"]  # New and Articles of story 1: only a3 counts
        assert app.dashboard.stories[0].outlets == 1


async def test_the_sources_screen_counts_each_rule(store: Store) -> None:
    app = make_app(store, [MuteRule(outlet="Reuters"), MuteRule(actor="Red Cross")])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert rows(app.screen.query_one("#source-health"))[0][:4] == ["wire", "folder", "ok", "8"]
        mutes = app.screen.query_one("#mute-rules")
        assert mutes.display and rows(mutes) == [["outlet Reuters", "2"], ["actor Red Cross", "2"]]
        assert str(mutes.border_subtitle) == "2 rules"


async def test_no_rules_no_mute_table(store: Store) -> None:
    app = make_app(store, [])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert not app.screen.query_one("#mute-rules").display


async def test_enter_on_a_source_lists_its_articles_enter_reads_escape_goes_back(
        store: Store) -> None:
    app = make_app(store, [MuteRule(outlet="Reuters")])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceArticlesScreen)
        listing = app.screen.query_one("#source-articles")
        hours = [1.2, 2.2, 3.2, *(5.2 + n for n in range(5))]
        from datetime import timedelta

        dates = [stamp(NOW - timedelta(hours=h)) for h in hours]
        flood = "#1 River flood: aid arrives"
        assert rows(listing) == [
            [dates[0], "River flood: aid arrives", flood, ""],
            [dates[1], "Towns count flood damage", flood, "muted"],
            [dates[2], "Flood hits river towns", flood, "muted"],
            *([dates[3 + n], clean(title), f"#{n + 2} {clean(title)}", ""]
              for n, title in enumerate(HOSTILE))]
        assert str(listing.border_title) == "wire: latest articles"
        assert str(listing.border_subtitle) == "8 articles · 2 muted"
        await pilot.press("j", "enter")  # the second: a muted one, still readable here
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert str(app.screen.query_one("#reader-title").render()) == "Towns count flood damage"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SourceArticlesScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
