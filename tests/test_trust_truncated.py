"""A feed cut off mid-tag is a problem, not "ok" (issue 23, item 9): its readable items
are stored, its status is "truncated", and `sources list` and the Sources screen show it
as a problem."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from feeds.config import load_settings
from feeds.sources import is_problem
from feeds.sources.parse import parse_feed
from feeds.store import Store
from feeds.store import tables as t
from tests.feedserver import feed_server, rss
from tests.test_app import WIDE, rows, settle
from tui.app import WirewatchApp
from tui.cli import main
from tui.screens.sources import SourcesScreen, status_text

ITEMS = [("c1", "Strike closes port", "Dock workers walked out over pay on Monday."),
         ("c2", "Election date set", "The commission set the vote for March."),
         ("c3", "Bridge reopens", "The bridge reopened after repairs.")]
GOOD = ("g1", "Quake hits coast", "A strong earthquake struck the coast on Sunday.")
WHOLE = rss(ITEMS, "Cut Wire")
CUT = WHOLE[:WHOLE.index(b"<guid>c3</guid>") + len(b"<guid>c3</guid><tit")]
"""The feed cut off inside the third item's <title> tag."""
ERROR = re.compile(r"truncated feed: the document ends before its root element closes "
                   r"\(<unknown>:1:\d+: unclosed token\); kept the 3 entries read")


def test_a_feed_cut_mid_tag_is_truncated_with_its_entries() -> None:
    result = parse_feed("Cut", CUT, "http://cut.example/feed")
    assert result.status == "truncated" and not result.healthy
    assert len(result.errors) == 1 and ERROR.fullmatch(result.errors[0])
    assert [d.title for d in result.documents] == ["Strike closes port", "Election date set",
                                                   None]
    for cut in (WHOLE[:-len(b"</rss>")], WHOLE[:WHOLE.index(b"Bridge") + 3],
                WHOLE[:WHOLE.index(b"</item>") + len(b"</item>")], WHOLE[:-3]):
        assert parse_feed("Cut", cut, "http://cut.example/feed").status == "truncated", cut[-30:]
    assert parse_feed("Whole", WHOLE, "http://cut.example/feed").status == "ok"


def test_a_malformed_but_whole_feed_is_still_ok_with_a_warning() -> None:
    broken = WHOLE.replace(b"Strike closes port", b"Strike & lockout close <b>port")
    result = parse_feed("Broken", broken, "http://cut.example/feed")
    assert result.status == "ok" and result.errors[0].startswith(
        "warning: malformed feed, read anyway: ")
    assert not is_problem("ok") and not is_problem("not_modified") and not is_problem("new")
    assert is_problem("truncated") and is_problem("error")


@pytest.fixture
def polled(tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    """A good feed and one cut off mid-tag, polled once from the command line."""
    config = tmp_path / "config.toml"
    with feed_server() as server:
        server.routes["/good"] = lambda _h: (200, {}, rss([GOOD], "Good Wire"))
        server.routes["/cut"] = lambda _h: (200, {"Content-Type": "application/rss+xml"}, CUT)
        config.write_text(
            f'[[sources]]\nkind = "feed"\nname = "Good"\nurl = "{server.url("/good")}"\n'
            f'[[sources]]\nkind = "feed"\nname = "Cut"\nurl = "{server.url("/cut")}"\n',
            encoding="utf-8")
        assert run(config, "poll", "--once") == 0
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    yield config, store
    store.close()


def run(config: Path, *argv: str) -> int:
    return main(["--config", str(config), "--db", str(config.parent / "w.db"), *argv])


def test_a_truncated_feed_is_stored_and_listed_as_a_problem(
        polled: tuple[Path, Store], capsys: pytest.CaptureFixture[str]) -> None:
    config, store = polled
    with Session(store.engine) as session:
        cut = session.scalars(select(t.Source).where(t.Source.name == "Cut")).one()
        titles = set(session.scalars(select(t.Article.title)))
    assert (cut.status, cut.consecutive_errors) == ("truncated", 1)
    assert ERROR.fullmatch(cut.last_error or "")
    assert titles == {"Quake hits coast", "Strike closes port", "Election date set"}
    capsys.readouterr()
    assert run(config, "sources", "list", "--json") == 0
    listed = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert (listed["Cut"]["status"], listed["Cut"]["problem"], listed["Cut"]["articles"]) == (
        "truncated", True, 2)  # the third entry, cut before its title, has nothing to store
    assert (listed["Good"]["status"], listed["Good"]["problem"]) == ("ok", False)
    assert run(config, "sources", "list") == 0
    table = capsys.readouterr().out.splitlines()
    cut_line = next(line for line in table if line.startswith("Cut "))
    assert cut_line.split()[2:4] == ["!", "truncated"]
    assert "  truncated feed: the document ends before its root element closes (" in cut_line
    good_line = next(line for line in table if line.startswith("Good "))
    assert good_line.split()[2] == "ok"


async def test_the_sources_screen_shows_a_truncated_feed_as_failing(
        polled: tuple[Path, Store]) -> None:
    _, store = polled
    health = {h.name: h for h in store.sources_health()}
    assert str(status_text(health["Cut"])) == "truncated 200"
    assert status_text(health["Cut"]).style == "bold red"
    app = WirewatchApp(load_settings(polled[0], db=str(polled[0].parent / "w.db")), store,
                       poll=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        table = app.screen.query_one("#source-health")
        shown = {row[0]: row for row in rows(table)}
        assert shown["Cut"][2] == "truncated 200"
        assert table.border_subtitle == "1 healthy · 1 failing"
