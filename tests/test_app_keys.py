"""The dashboard's keys beyond moving around: paging, filter, sort, follow, open, export,
pause, sources, watches, the command palette. Pilot on the fixture database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input

from feeds.config import Settings, WatchSettings
from feeds.ingest.rebuild import commit_batches
from feeds.store import Store
from tests.fixtures_app import HOSTILE, add_growth, build_store
from tests.test_app import NARROW, WIDE, rows, settle, table
from tui.app import WirewatchApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.sources import SourcesScreen


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The six-story fixture database."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    yield built
    built.close()


def make_app(store: Store, watches: list[WatchSettings] | None = None,
             keys: dict[str, str] | None = None) -> WirewatchApp:
    settings = Settings(config_path=None, database_url="sqlite://", keys=keys or {},
                        watches=watches or [])
    return WirewatchApp(settings, store, poll=False)


def titles(app: WirewatchApp) -> list[str]:
    return [row[-1] for row in rows(table(app, "stories"))]


def messages(app: WirewatchApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_g_G_pageup_pagedown(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        stories = app.dashboard.story_list
        for key, expected in (("G", 6), ("g", 1), ("pagedown", 6), ("pageup", 1), ("end", 6),
                              ("home", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert stories.selected_id == expected, key
        await pilot.press("enter", "G")  # in a panel, G goes to its last row
        await settle(pilot)
        assert table(app, "events").cursor_row == 1


async def test_filter_as_you_type_words_actors_outlets(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        for word, expected in (("towns", ["Flood hits river towns"]),  # title words
                               ("lopez", ["Flood hits river towns"]),  # an actor (alias)
                               ("reuters", ["Flood hits river towns"]),  # an outlet
                               ("[TODO]", ["[TODO] fix"])):  # markup is just text
            app.focused.value = ""
            await pilot.press(*word)
            await pilot.pause(0.3)
            await settle(pilot)
            assert titles(app) == expected, word
        await pilot.press("s", "f", "q")  # letters go to the box, not to the keys
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.is_running and app.focused.value == "[TODO]sfq" and titles(app) == []
        assert "no stories yet" in table(app, "stories").border_subtitle
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is table(app, "stories") and len(titles(app)) == 6
        assert not app.dashboard.filter_input.display


async def test_filter_enter_returns_to_list(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bold", "enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.focused is table(app, "stories") and titles(app) == ["[bold]x[/]"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(titles(app)) == 6


async def test_s_cycles_sort(store: Store) -> None:
    add_growth(store)  # story 7 is the latest, story 2 grew
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.dashboard.request.sort == "heat"
        await pilot.press("s")
        await settle(pilot)
        assert app.dashboard.request.sort == "latest" and titles(app)[0] == "Bridge reopens"
        assert table(app, "stories").border_title == "Stories by latest"
        await pilot.press("s")
        await settle(pilot)
        assert app.dashboard.request.sort == "size" and titles(app)[:2] == [
            "Flood hits river towns", HOSTILE[0]]
        await pilot.press("s")
        await settle(pilot)
        assert app.dashboard.request.sort == "heat"


async def test_f_follows_pins_and_toasts_growth(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "f")  # follow story 2 "[bold]x[/]"
        await settle(pilot)
        assert titles(app)[0] == HOSTILE[0]
        assert rows(table(app, "stories"))[0][0] == "★"
        assert "Following: [bold]x[/]" in messages(app)
        add_growth(store)
        app.check_changes()
        await settle(pilot)
        assert "Story grew: [bold]x[/] (+1)" in messages(app)
        assert titles(app)[0] == HOSTILE[0]
        await pilot.press("g", "f")
        await settle(pilot)
        assert titles(app)[0] == "Flood hits river towns" and app.dashboard.followed == {}


async def test_o_opens_url_in_a_worker(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("o")  # from the list: the story's newest article
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "down", "o")  # the Articles panel
        await settle(pilot)
        assert opened == ["https://news.example/a3", "https://news.example/a2"]
        assert "Opened https://news.example/a2" in messages(app)
        await pilot.press("enter", "o")  # in the reader
        await settle(pilot)
        assert opened[-1] == "https://news.example/a2"
        assert len(opened) == 3


async def test_e_exports_and_palette_exports_other_formats(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"export story as html", "enter")
        await settle(pilot)
        written = tmp_path / "wirewatch-story-1.html"
        assert written.is_file() and f"Exported to {written}" in messages(app)


async def test_palette_offers_the_actions(store: Store) -> None:
    app = make_app(store, watches=[WatchSettings("Floods", "flood")])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        offered = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Poll now", "Pause or resume polling", "Sources", "Filter stories",
                      "Sort stories by latest", "Follow or unfollow story", "Open URL",
                      "Export story as md", "Export story as csv", "Watch: Floods", "Help"):
            assert title in offered, title
        await pilot.press("ctrl+p", *"sort stories by size", "enter")
        await settle(pilot)
        assert app.dashboard.request.sort == "size"


async def test_p_pauses_polling(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(store)
    polls: list[bool] = []
    monkeypatch.setattr(app, "run_poll", lambda due_only: polls.append(due_only))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "Pause polling" in footer(app) and "Resume polling" not in footer(app)
        await pilot.press("p")
        await settle(pilot)
        assert app.paused and app.sub_title.endswith("not polling · paused")
        assert "Resume polling" in footer(app) and "Pause polling" not in footer(app)
        app.timed_poll()
        assert polls == []
        await pilot.press("r")  # r still polls, once
        assert polls == [False]
        await pilot.press("p")
        await settle(pilot)
        app.timed_poll()
        assert not app.paused and polls == [False, True]
        assert "Pause polling" in footer(app) and "Resume polling" not in footer(app)


def footer(app: App) -> list[str]:
    """The descriptions the footer shows."""
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.screen.query(FooterKey)]


async def test_S_shows_sources_and_esc_returns(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        shown = rows(app.screen.query_one("#source-health"))
        assert shown[0][:4] == ["wire", "folder", "ok", "8"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_actors_sort_by_key_and_header(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")  # the Actors panel
        await settle(pilot)
        actors = table(app, "actors")
        assert app.focused is actors
        order = []
        for _ in range(4):
            await pilot.press("s")
            order.append((actors.sort, [row[0] for row in rows(actors)]))
        assert order == [("mentions", ["Maria Lopez", "Red Cross"]),
                         ("outlets", ["Red Cross", "Maria Lopez"]),
                         ("name", ["Maria Lopez", "Red Cross"]),
                         ("kind", ["Red Cross", "Maria Lopez"])]
        assert actors.border_title == "Actors (2) by kind"
        assert app.dashboard.request.sort == "heat"  # s on Actors does not sort stories
        await pilot.click("#actors", offset=(3, 1))  # the "Name" header
        await settle(pilot)
        assert actors.sort == "name"


async def test_watch_tab_and_notifications(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "hit.json"
    command = (sys.executable, "-c",
               f"import sys; open({str(out)!r}, 'w').write(sys.stdin.read())")
    watch = WatchSettings("Bold", "bold", notify=("toast", "bell"), command=command)
    app = make_app(store, watches=[watch])
    bells: list[int] = []
    async with app.run_test(size=NARROW) as pilot:
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        await settle(pilot)
        assert messages(app) == []  # the first check only learns what exists
        add_growth(store)  # story 2 "[bold]x[/]" grows
        app.check_changes()
        await settle(pilot)
        assert "Story grew (+1): [bold]x[/]" in messages(app) and bells == [1]
        sent = json.loads(out.read_text(encoding="utf-8"))
        assert (sent["watch"], sent["change"], sent["story"]["id"]) == ("Bold", "+1", 2)
        assert sent["story"]["title"] == "[bold]x[/]"
        app.dashboard.show_watch("Bold")
        await pilot.pause(0.2)
        await settle(pilot)
        assert titles(app) == ["[bold]x[/]"]
        await pilot.click("#list-tabs Tab#tab-all")
        await settle(pilot)
        assert len(titles(app)) == 7


async def test_remapped_new_keys(store: Store) -> None:
    app = make_app(store, keys={"sort": "o", "open_url": "u", "first": "t"})
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.dashboard.request.sort == "latest"
        await pilot.press("G", "t")
        await settle(pilot)
        assert app.dashboard.story_list.selected_id is not None
        assert app.dashboard.story_list.cursor_row == 0


async def test_screenshot_key_saves_svg(store: Store, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
        assert f"Screenshot saved to {saved[0]}" in messages(app)


def test_watches_config_parsing(tmp_path: Path) -> None:
    from feeds.config import ConfigError, load_settings

    config = tmp_path / "config.toml"
    config.write_text('[[watches]]\nname = "Floods"\nquery = "flood  Reuters"\nnotify = "bell"\n'
                      'command = ["notify-send", "Wirewatch"]\n', encoding="utf-8")
    assert load_settings(config).watches == [
        WatchSettings("Floods", "flood Reuters", ("bell",), ("notify-send", "Wirewatch"))]
    for body, message in (
            ('[[watches]]\nname = "x"\n', "watches[0].query: expected words"),
            ('[[watches]]\nname = "x"\nquery = "a"\ncommand = "rm -rf /"\n',
             "watches[0].command: expected a list of strings"),
            ('[[watches]]\nname = "x"\nquery = "a"\nnotify = "sms"\n', "watches[0].notify"),
            ('[[watches]]\nname = "x"\nquery = "a"\nshell = true\n',
             "watches[0].shell: unknown key"),
            ('watches = 3\n', "watches: expected an array of tables")):
        config.write_text(body, encoding="utf-8")
        with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
            load_settings(config)


async def test_full_filtered_page_shows_then_counts(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.dashboard.set_request(query="[", limit=2)
        await settle(pilot)
        matches = store.count_filtered("[")
        assert matches > 2 and len(titles(app)) == 2
        assert table(app, "stories").border_subtitle == f"2 of {matches} stories"


async def test_followed_stories_live_in_the_database(store: Store, tmp_path: Path) -> None:
    settings = Settings(config_path=None, database_url="sqlite://")
    app = WirewatchApp(settings, store, poll=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "f", "g", "j", "f")  # follow story 3 (now on top), then 1
        await settle(pilot)
    assert [s.id for s in store.followed_stories()] == [3, 1]
    again = WirewatchApp(settings, store, poll=False)  # another dashboard of the database
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert titles(again)[:2] == [HOSTILE[1], "Flood hits river towns"]
        assert [row[0] for row in rows(table(again, "stories"))[:2]] == ["★", "★"]
        assert not any(m.startswith("Story grew") for m in messages(again))
    other = build_store(f"sqlite:///{tmp_path / 'other.db'}")  # the same story numbers
    elsewhere = WirewatchApp(settings, other, poll=False)
    async with elsewhere.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "★" not in [row[0] for row in rows(table(elsewhere, "stories"))]


async def test_a_filter_hides_a_followed_story_it_does_not_match(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "f")  # follow story 2 "[bold]x[/]"
        assert rows(table(app, "stories"))[0][0] == "★"  # at once, before the write is read
        await settle(pilot)
        await pilot.press("slash", *"flood", "enter")
        await settle(pilot)
        assert HOSTILE[0] not in titles(app) and "Flood hits river towns" in titles(app)
        await pilot.press("escape")
        await settle(pilot)
        assert titles(app)[0] == HOSTILE[0]


async def test_hostile_source_and_watch_names_show_literally(store: Store) -> None:
    from feeds.store import Batch, SourceUpdate

    commit_batches(store, Batch(SourceUpdate(
        name="[bold]feed[/]", kind="feed", location="http://x/", status="error",
        error="[@click=app.quit]boom[/] \x1b[2J")))
    watch = WatchSettings("[red]W[/]", "bold")
    app = make_app(store, watches=[watch])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        add_growth(store)
        app.check_changes()
        await settle(pilot)
        assert any(n.title == "Watch: [red]W[/]" for n in app._notifications)
        assert app.sub_title.startswith("1 source ok · 1 failing · ")
        await pilot.press("S")
        await settle(pilot)
        shown = rows(app.screen.query_one("#source-health"))
        hostile = next(row for row in shown if row[0] == "[bold]feed[/]")
        assert hostile[7] == "[@click=app.quit]boom[/] ␛[2J"
        await pilot.click("#source-health", offset=(100, 1))
        await settle(pilot)
        assert app.is_running


async def test_the_sources_screen_groups_sources_by_folder(store: Store) -> None:
    from feeds.config import SourceSettings
    from feeds.store import Batch, SourceUpdate

    for name in ("Ars", "Local", "BBC"):
        commit_batches(store, Batch(SourceUpdate(name=name, kind="feed", location=f"https://x/{name}",
                                                 status="ok")))
    sources = [SourceSettings("feed", "BBC", 900, url="https://x/BBC", folder="World"),
               SourceSettings("feed", "Ars", 900, url="https://x/Ars", folder="World / Tech"),
               SourceSettings("feed", "Local", 900, url="https://x/Local"),
               SourceSettings("folder", "wire", 900, folder="World")]
    settings = Settings(config_path=None, database_url="sqlite://", sources=sources)
    app = WirewatchApp(settings, store, poll=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        shown = rows(app.screen.query_one("#source-health"))
        assert [row[:3] for row in shown] == [["World", "BBC", "feed"],
                                              ["World", "wire", "folder"],
                                              ["World / Tech", "Ars", "feed"],
                                              ["", "Local", "feed"]]


async def test_read_state_keys(store: Store) -> None:
    app = make_app(store)
    unread = lambda: {s.id: s.unread for s in store.list_stories()}  # noqa: E731
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        first = rows(table(app, "stories"))[0]
        assert first[3] == "3" and first[-1] == "Flood hits river towns"  # the New column
        await pilot.press("enter")  # open story 1: read
        await settle(pilot)
        assert unread()[1] == 0 and rows(table(app, "stories"))[0][3] == ""
        await pilot.press("escape", "n")  # the next story with unread articles
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == 2
        await pilot.press("N")  # round the start: the last unread one
        await settle(pilot)
        assert app.dashboard.story_list.selected_id == app.dashboard.stories[-1].id
        await pilot.press("g", "U")  # story 1 unread again
        await settle(pilot)
        assert unread()[1] == 3
        await pilot.press("A")
        await settle(pilot)
        assert set(unread().values()) == {0}
        assert all(row[3] == "" for row in rows(table(app, "stories")))
        await pilot.press("n")
        await settle(pilot)
        assert "No story with unread articles." in messages(app)


def test_an_unread_story_title_is_bold() -> None:
    from feeds.read.views import StorySummary
    from tui.widgets.story_list import title_text

    story = StorySummary(1, "[b]Flood[/b]", 3, 2, None, None, "active", 1.0, unread=2)
    assert title_text(story).plain == "[b]Flood[/b]" and "bold" in str(title_text(story).spans)
    read = StorySummary(1, "Flood", 3, 2, None, None, "active", 1.0, unread=0)
    assert title_text(read).spans == []


async def test_b_saves_stories_and_articles_and_B_shows_them(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "b")  # story 2
        await settle(pilot)
        assert [s.id for s in store.saved_stories()] == [2]
        assert "Saved: [bold]x[/]" in messages(app)
        await pilot.press("k", "tab", "tab", "tab", "tab", "b")  # story 1's first article
        await settle(pilot)
        assert [view.title for view, story in store.saved_articles()] == [
            table(app, "articles").selected_title()]
        await pilot.press("escape", "B")  # the Saved tab
        await settle(pilot)
        assert titles(app) == [HOSTILE[0]]
        await pilot.press("b")  # let it go
        await settle(pilot)
        assert store.saved_stories() == [] and titles(app) == []
        await pilot.press("B")  # back to All
        await settle(pilot)
        assert len(titles(app)) == 6
