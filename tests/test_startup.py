"""Start-up (issue 24 item 9): what loads before the first screen, and the first page.

The timing itself is measured by bench/startup.py; these tests guard what makes it:
`--help` loads neither Textual nor the database or extraction code; the dashboard draws
its first page (read by `feeds.read.firstpage` with the standard library) before SQLAlchemy,
SQLModel, alembic, the store, the extraction stack or the exporters have loaded, and
only then opens the store; that page holds the rows the store would give.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from feeds.config import Settings
from feeds.read.firstpage import read_first_page
from feeds.store import Store
from tests.fixtures_app import build_store
from tests.test_app import rows, settle
from tui.app import WirewatchApp
from tui.listing import PAGE, ListRequest, first_listing, read_listing
from tui.startup import DeferredStore

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "feeds.store", "feeds.extract",
         "feeds.read.export", "feeds.ingest.pipeline", "feeds.ingest.poller", "httpx",
         "feedparser", "lxml",
         "pygments", "tui.screens.reader", "tui.screens.help", "tui.screens.sources")
"""Modules the first screen does without (a name and everything under it)."""


def loaded(names: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The entries of `heavy` that any of the module `names` is or is under."""
    return [h for h in heavy if any(n == h or n.startswith(h + ".") for n in names)]


def run_python(code: str) -> str:
    """`code` in a fresh interpreter at the project's root; its stdout."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_help_loads_no_textual_database_or_extraction_code() -> None:
    code = ("import contextlib, io, json, sys\nfrom tui.launch import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as shown:\n"
            "    try:\n        main(['--help'])\n    except SystemExit as exc:\n"
            "        status = exc.code\n"
            "print(json.dumps([status, 'poll' in shown.getvalue(), sorted(sys.modules)]))")
    status, helped, modules = json.loads(run_python(code))
    assert (status, helped) == (0, True)
    assert loaded(modules, (*HEAVY, "textual", "rich", "feeds.sources.forkserver")) == []


def test_first_page_is_drawn_before_the_store_modules_load(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    build_store(url).close()
    code = f"""
import asyncio, json, sys
from feeds.config import Settings
from feeds.read.firstpage import read_first_page
from tui.app import WirewatchApp
from tui.startup import DeferredStore

URL = {url!r}
seen = {{}}


def opener():
    seen["modules"] = sorted(sys.modules)
    seen["rows"] = app.dashboard.story_list.row_count
    from feeds.store import Store

    return Store.open(URL), False


app = WirewatchApp(Settings(config_path=None, database_url=URL),
                   DeferredStore(opener, read_first_page(URL, 100)), poll=False)


async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.loaded_counter is not None:
                break
        seen["live"] = app.loaded_counter is not None and app.is_running


asyncio.run(main())
print(json.dumps(seen))
"""
    seen = json.loads(run_python(code))
    assert (seen["rows"], seen["live"]) == (6, True)
    assert loaded(seen["modules"]) == []
    assert "textual" in seen["modules"] and "feeds.read.firstpage" in seen["modules"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The six-story fixture, story 4 followed and story 1 read."""
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    built.set_followed(4, True)
    built.mark_read([1], True)
    yield built
    built.close()


def test_first_page_holds_the_rows_the_store_gives(store: Store, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    first = read_first_page(url, PAGE)
    assert first is not None
    quick = first_listing(first)
    full = read_listing(store, ListRequest(), store.change_counter())
    assert [s.id for s in quick.stories] == [4, 1, 2, 3, 5, 6]
    assert [replace(s, state="") for s in full.stories] == quick.stories
    assert (quick.pinned, quick.followed, quick.total) == (full.pinned, full.followed, 6)
    assert [s.unread for s in quick.stories] == [1, 0, 1, 1, 1, 1]
    short = read_first_page(url, 2)
    assert short is not None and [s.id for s in first_listing(short).stories] == [4, 1, 2]


def test_first_page_gives_way_when_it_cannot_be_sure(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:  # a schema before the unread column
        connection.execute("CREATE TABLE story (id INTEGER PRIMARY KEY, title TEXT)")
    for url in (f"sqlite:///{old}", f"sqlite:///{tmp_path}/missing.db", "sqlite://",
                "sqlite:///:memory:", "postgresql+psycopg://x@127.0.0.1:1/db",
                f"sqlite:///{tmp_path}/t.db?mode=ro"):
        assert read_first_page(url, PAGE) is None, url
    assert not (tmp_path / "missing.db").exists()


async def test_deferred_store_opens_after_the_first_page_then_goes_live(
        store: Store, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    shown_at_open: list[list[str]] = []
    header_at_open: list[str] = []

    def opener() -> tuple[Store, bool]:
        shown_at_open.append([row[-1] for row in rows(app.dashboard.story_list)])
        header_at_open.append(app.sub_title)
        return store, False

    app = WirewatchApp(Settings(config_path=None, database_url=url),
                       DeferredStore(opener, read_first_page(url, PAGE)), poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown_at_open == [[  # the first page was on screen, the followed story on top
            "[@click=app.quit]z[/]", "Flood hits river towns", "[bold]x[/]",
            "[link=file:///etc/passwd]y[/link]", "[TODO] fix", "␛[31mred"]]
        assert header_at_open == ["starting"]  # no source count before the store says it
        assert app.sub_title.startswith("1 source ok · last fetch ")
        assert app.sub_title.endswith(" · not polling")
        assert app.loaded_counter == store.change_counter()  # the watcher read the store
        assert rows(app.dashboard.story_list)[0][1] != ""  # sparklines came with it
        assert (app.poll_enabled, app.poll_status) == (False, "not polling")  # lock held
        assert app.dashboard.requested == 4 and app.dashboard.shown == 4  # panels read


async def test_deferred_store_that_fails_to_open_ends_the_app(store: Store,
                                                              tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"

    def opener() -> tuple[Store, bool]:
        raise OSError("disk on fire")

    deferred = DeferredStore(opener, read_first_page(url, PAGE))
    app = WirewatchApp(Settings(config_path=None, database_url=url), deferred, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert isinstance(deferred.error, OSError) and str(deferred.error) == "disk on fire"
    with pytest.raises(OSError, match="disk on fire"):
        deferred.change_counter()


def test_the_command_line_offers_every_export_format() -> None:
    from feeds.read.export import FORMATS
    from tui.cli import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS
