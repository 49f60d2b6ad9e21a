"""The dashboard keeps working while another process writes to the same database,
and `wirewatch serve` answers on 127.0.0.1."""

from __future__ import annotations

import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from argparse import Namespace
from pathlib import Path

import pytest

from feeds.config import Settings
from tests.fixtures_app import build_store
from tests.test_app import NARROW, rows, settle, table
from tui.app import WirewatchApp
from tui.commands import serve_command

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys, time
from tests.fixtures_app import add_growth
from feeds.store import Store
store = Store.open(sys.argv[1])
for _ in range(int(sys.argv[2])):
    add_growth(store)
    time.sleep(0.05)
store.close()
"""


async def test_dashboard_live_while_another_process_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    store = build_store(url)
    app = WirewatchApp(Settings(config_path=None, database_url=url), store, poll=False)
    app.CHANGE_SECONDS = 0.1
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # story 3
        await settle(pilot)
        writer = subprocess.Popen([sys.executable, "-c", WRITER, url, "20"], cwd=ROOT)
        moves = 0
        while writer.poll() is None:  # keys keep working during the writes
            await pilot.press("j" if moves % 2 else "k")
            moves += 1
            await pilot.pause(0.05)
        assert writer.returncode == 0 and moves > 2
        selected = app.dashboard.story_list.selected_id
        for _ in range(40):
            await pilot.pause(0.1)
            if "Bridge reopens" in [row[-1] for row in rows(table(app, "stories"))]:
                break
        await settle(pilot)
        listed = [row[-1] for row in rows(table(app, "stories"))]
        assert "Bridge reopens" in listed and app.is_running
        assert app.dashboard.story_list.selected_id == selected  # it stayed on its story
        assert app.loaded_counter == store.change_counter()
    store.close()


def test_serve_command_is_quoted_for_the_shell(tmp_path: Path) -> None:
    odd = tmp_path / "a b; rm -rf x" / "config.toml"
    command = serve_command(Namespace(config=str(odd), db="sqlite:///x.db"))
    assert command.startswith(sys.executable.replace(" ", "\\ ") if " " in sys.executable
                              else sys.executable)
    assert f"'{odd}'" in command and command.endswith("--db sqlite:///x.db")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_on_localhost(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), "--config", str(config),
         "--db", str(tmp_path / "t.db")], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        ready, _, _ = select.select([server.stderr], [], [], 30)
        assert ready, "serve printed no URL within 30 s"
        url = next(w for w in server.stderr.readline().split() if w.startswith("http"))
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    page = reply.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert "textual" in page.lower() and "Wirewatch" in page
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        assert refused.value.code == 403
    finally:
        server.terminate()
        server.wait(timeout=10)
