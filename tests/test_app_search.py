"""The dashboard's search box (F): typing searches in a worker, results grouped by story
with the matched words highlighted, Enter opens the story or the article. Pilot on the
fixture database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from feeds.store import Store
from tests.fixtures_app import NOW, build_store
from tests.test_app import WIDE, settle, table
from tests.test_app_keys import make_app, messages, titles
from tui.app import WirewatchApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SEARCH_DELAY, SearchScreen
from tui.widgets.search_results import MATCH, ResultList


def day(hours_ago: float) -> str:
    """The date shown for a fixture article published `hours_ago` before NOW (the day
    before NOW's for a run just after midnight)."""
    return (NOW - timedelta(hours=hours_ago)).date().isoformat()



@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


async def search_for(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """Type `words` into the open search box and wait for the results."""
    await pilot.press(*words)
    await pilot.pause(SEARCH_DELAY + 0.2)
    await settle(pilot)


def results(app: WirewatchApp) -> list[tuple[str | None, str, list[str]]]:
    """Each result: option id, its text, and the words shown as matches."""
    found = app.screen.query_one(ResultList)
    shown = []
    for index in range(found.option_count):
        option = found.get_option_at_index(index)
        text = option.prompt
        shown.append((option.id, text.plain, [text.plain[s.start:s.end] for s in text.spans
                                              if s.style == MATCH]))
    return shown


def status(app: WirewatchApp) -> str:
    return str(app.screen.query_one("#search-status", Static).render())


def screen_lines(app: WirewatchApp) -> list[str]:
    """The result list as painted, line by line (trailing spaces cut)."""
    found = app.screen.query_one(ResultList)
    return [found.render_line(y).text.rstrip() for y in range(found.size.height)]


async def test_ctrl_f_opens_the_search_box_too(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)


async def test_F_searches_as_you_type_and_groups_by_story(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        assert isinstance(app.screen, SearchScreen) and isinstance(app.focused, Input)
        await search_for(pilot, "flood")
        assert status(app) == "1 story, 3 matching articles (best first; Enter opens)"
        assert results(app) == [
            ("story-1", "story 1 · Flood hits river towns · 3 articles", []),
            ("article-3", f"  {day(1.2)}  AP                      River flood: aid arrives\n"
                          "              Text of River flood: aid arrives.", ["flood", "flood"]),
            ("article-2", f"  {day(2.2)}  Reuters                 Towns count flood damage\n"
                          "              Text of Towns count flood damage.", ["flood", "flood"]),
            ("article-1", f"  {day(3.2)}  Reuters                 Flood hits river towns\n"
                          "              Water rose overnight in three towns. The mayor asked "
                          "for help.", ["Flood"])]
        painted = screen_lines(app)
        assert painted[:4] == [
            "story 1 · Flood hits river towns · 3 articles",
            f"  {day(1.2)}  AP                      River flood: aid arrives",
            "              Text of River flood: aid arrives.",
            f"  {day(2.2)}  Reuters                 Towns count flood damage"]
        await pilot.press("backspace", "backspace", *"wers", "space", *"mayor")
        await pilot.pause(SEARCH_DELAY + 0.2)
        await settle(pilot)
        assert status(app) == "No article holds every word of 'flowers mayor'."
        assert results(app) == []
        app.screen.query_one("#search-box", Input).value = ""
        await pilot.press(*"towns")  # results, then an empty box clears them
        await pilot.pause(SEARCH_DELAY + 0.2)
        await settle(pilot)
        assert [r[0] for r in results(app)] == ["story-1", "article-2", "article-1"]
        await pilot.press(*("backspace" for _ in range(5)))
        await pilot.pause(SEARCH_DELAY + 0.2)
        await settle(pilot)
        assert (status(app), results(app)) == (
            "Type words: every one must be in the article's title or text.", [])


async def test_enter_on_a_story_opens_it_in_the_dashboard(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"towns", "enter")  # the list shows story 1 alone
        await pilot.pause(0.3)
        await settle(pilot)
        assert titles(app) == ["Flood hits river towns"]
        await pilot.press("F")
        await search_for(pilot, "todo")
        assert [r[0] for r in results(app)] == ["story-5", "article-7"]
        await pilot.press("enter", "enter")  # to the results, then open story 5
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert titles(app) == ["[TODO] fix", "Flood hits river towns"]  # listed, filter kept
        assert app.dashboard.story_list.selected_id == 5
        assert app.focused is table(app, "events")  # its panels, as Enter on the list
        assert [s.unread for s in store.list_stories() if s.id == 5] == [0]  # and read
        await pilot.press("F")  # the box offers the last words again
        await settle(pilot)
        assert app.screen.query_one("#search-box", Input).value == "todo"
        assert [r[0] for r in results(app)] == ["story-5", "article-7"]


async def test_enter_on_an_article_opens_the_reader_over_its_story(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await search_for(pilot, "mayor help")
        assert [r[0] for r in results(app)] == ["story-1", "article-1"]
        await pilot.press("enter", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == 1
        assert str(app.screen.query_one("#reader-title", Static).render()) == (
            "Flood hits river towns")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.dashboard.story_list.selected_id == 1


@pytest.mark.parametrize("words", ["***", '"', "-:"])
async def test_a_box_without_words_says_so(store: Store, words: str) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await search_for(pilot, words)
        assert status(app) == (f"nothing to search for in {words!r}: give words of letters or "
                               "digits")
        assert results(app) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.is_running


async def test_hostile_titles_stay_text(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await search_for(pilot, "bold")
        assert results(app) == [("story-2", "story 2 · [bold]x[/] · 1 article", []),
                                ("article-4", f"  {day(5.2)}  [bold]x[/]              [bold]x[/]\n"
                                              "              [bold]x[/]", ["bold", "bold"])]
        assert screen_lines(app)[:3] == [
            "story 2 · [bold]x[/] · 1 article", f"  {day(5.2)}  [bold]x[/]              [bold]x[/]",
            "              [bold]x[/]"]


async def test_the_search_key_can_be_remapped_and_is_in_help(store: Store) -> None:
    app = make_app(store, keys={"search": "ctrl+g"})
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F", "ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        help_text = str(app.screen.query_one("#help-keys", Static).render())
        assert "search" in [line.split()[-1] for line in help_text.splitlines()]
        assert any(line.startswith("ctrl+g") and "Search article texts" in line
                   for line in help_text.splitlines())
        assert messages(app) == []
