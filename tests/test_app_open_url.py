"""Opening a URL is the app's job (`OpenUrl`): the dashboard and the reader post it, so
screens do not import each other; the notifications say what happened. Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app import NARROW, settle
from tests.test_app_keys import make_app, messages, store  # noqa: F401 - the fixture
from tui.messages import OpenUrl
from tui.screens.reader import ReaderScreen


def no_browser(url: str, new: int = 0) -> bool:
    raise OSError("no display")


async def test_the_reader_opens_through_the_app_and_says_when_there_is_no_browser(
        store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr("webbrowser.open", no_browser)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("o")
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert messages(app)[-1] == "No browser to open https://news.example/a2"


async def test_an_address_that_is_not_http_is_not_opened(
        store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: F811
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = make_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for url in (None, "javascript:alert(1)", f"file://{tmp_path}"):
            app.screen.post_message(OpenUrl(url))
            await settle(pilot)
        assert messages(app) == ["No web address to open."] * 3
        app.screen.post_message(OpenUrl("https://news.example/a1"))
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert opened == ["https://news.example/a1"]
        assert messages(app)[-1] == "Opened https://news.example/a1"
