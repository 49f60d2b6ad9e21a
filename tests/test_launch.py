"""The entry point starts the workers' forkserver first for the commands that poll, and
sets the garbage collector's thresholds for every command."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from feeds.sources import forkserver
from tui import launch


@pytest.mark.parametrize(("args", "command"), [
    ([], ""), (["poll", "--once"], "poll"), (["--db", "poll.db", "stories"], "stories"),
    (["--config", "dash", "poll"], "poll"), (["--help"], "-h"), (["sources", "list"], "sources"),
])
def test_the_command_is_the_first_argument_that_is_no_option_nor_its_value(
        args: list[str], command: str) -> None:
    assert launch.command_of(args) == command


def test_the_forkserver_starts_first_only_for_a_command_that_polls(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    started: list[bool] = []
    monkeypatch.setattr(forkserver, "start", lambda: started.append(True))
    limits: list[tuple[int, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *given: limits.append(given))
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    common = ["--config", str(config), "--db", str(tmp_path / "w.db")]
    assert launch.main([*common, "stories"]) == 0 and started == []
    assert launch.main([*common, "poll", "--once"]) == 0 and started == [True]
    assert limits == [(50_000, 10, 10)] * 2  # every command: the collector walks less often
    assert "no sources configured" in capsys.readouterr().err


def test_the_command_line_loads_no_database_or_network_code_before_a_command_needs_it() -> None:
    """`--help` and `extract` start without sqlalchemy, alembic, httpx or the feed parsers:
    each command imports what it uses."""
    import subprocess
    import sys

    code = ("import sys, tui.cli; heavy = [m for m in ('sqlalchemy', 'alembic', 'httpx', "
            "'feeds.store', 'feeds.ingest.pipeline', 'feeds.ingest.poller', 'feedparser', 'lxml') "
            "if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"
