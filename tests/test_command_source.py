"""The `command` source kind: a program's standard output read as a feed, under limits.

Every program here is a small Python script the test writes, run with sys.executable;
nothing touches the network.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from feeds.config import ConfigError, load_settings
from feeds.sources.command import fetch_command
from feeds.sources.kinds import KINDS
from tests.feedserver import rss
from tui.cli import main

ITEMS = [("c1", "Quake hits coast", "A strong earthquake struck the coast."),
         ("c2", "Floods in the north", "Rivers burst their banks after storms.")]


def script(tmp_path: Path, name: str, body: str) -> Path:
    """An executable Python script (run by this interpreter) of `body`."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    path.chmod(0o755)
    return path


def printing(tmp_path: Path, name: str, data: bytes) -> Path:
    """A script that writes `data` to its standard output."""
    (tmp_path / f"{name}.out").write_bytes(data)
    out = str(tmp_path / f"{name}.out")
    return script(tmp_path, name, "import sys\nfrom pathlib import Path\n"
                  f"sys.stdout.buffer.write(Path({out!r}).read_bytes())\n")


async def run(argv: list[str], **kw: float) -> object:
    return await fetch_command("Cmd", argv, timeout=kw.get("timeout", 30),
                               max_bytes=int(kw.get("max_bytes", 1_000_000)))


async def test_the_output_is_parsed_as_a_feed(tmp_path: Path) -> None:
    prog = printing(tmp_path, "feed.py", rss(ITEMS))
    result = await run([str(prog)])
    assert (result.status, result.errors) == ("ok", [])  # type: ignore[attr-defined]
    assert [(d.guid, d.title, d.outlet, d.body) for d in result.documents] == [  # type: ignore[attr-defined]
        ("c1", "Quake hits coast", "Test Wire", "A strong earthquake struck the coast."),
        ("c2", "Floods in the north", "Test Wire", "Rivers burst their banks after storms.")]


async def test_a_json_feed_printed_by_a_program_is_read(tmp_path: Path) -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Json Wire",
            "items": [{"id": "j1", "title": "Port strike", "content_text": "Dockers walked out."}]}
    prog = printing(tmp_path, "json.py", json.dumps(feed).encode())
    result = await run([str(prog)])
    assert [(d.guid, d.title, d.outlet, d.body) for d in result.documents] == [  # type: ignore[attr-defined]
        ("j1", "Port strike", "Json Wire", "<p>Dockers walked out.</p>")]


async def test_arguments_reach_the_program_without_a_shell(tmp_path: Path) -> None:
    prog = script(tmp_path, "args.py", "import sys\nfrom xml.sax.saxutils import escape\n"
                  "title = escape(' | '.join(sys.argv[1:]))\n"
                  "print(f'<rss version=\"2.0\"><channel><title>T</title><item><guid>x</guid>"
                  "<title>{title}</title><description>d</description></item></channel></rss>')\n")
    result = await run([str(prog), "$HOME", "a b; rm -rf /", "`id`"])
    titles = [d.title for d in result.documents]  # type: ignore[attr-defined]
    assert titles == ["$HOME | a b; rm -rf / | `id`"]


@pytest.mark.parametrize(("body", "kw", "error"), [
    ("import sys\nsys.stderr.write('first\\nno route to the wire\\n')\nsys.exit(3)\n", {},
     "command 'prog.py' exited with status 3: no route to the wire"),
    ("import time\nprint('<rss>', flush=True)\ntime.sleep(60)\n", {"timeout": 1},
     "command 'prog.py' still running after 1 s; stopped"),
    ("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n", {"max_bytes": 200_000},
     "command 'prog.py' printed more than 200000 bytes; stopped"),
    ("print('this is not a feed')\n", {}, "not a readable feed: <unknown>:2:0: syntax error"),
])
async def test_a_failing_program_is_one_error_line(tmp_path: Path, body: str,
                                                   kw: dict[str, float], error: str) -> None:
    prog = script(tmp_path, "prog.py", body)
    started = time.monotonic()
    result = await fetch_command("Cmd", [str(prog)], timeout=kw.get("timeout", 30),
                                 max_bytes=int(kw.get("max_bytes", 1_000_000)))
    assert (result.status, result.errors, result.documents) == ("error", [error], [])
    assert time.monotonic() - started < 10


async def test_a_program_killed_for_time_leaves_no_child_running(tmp_path: Path) -> None:
    marker = tmp_path / "survived"
    child = f"import time, pathlib; time.sleep(3); pathlib.Path({str(marker)!r}).write_text('x')"
    prog = script(tmp_path, "prog.py", "import subprocess, sys, time\n"
                  f"subprocess.Popen([sys.executable, '-c', {child!r}])\ntime.sleep(60)\n")
    result = await fetch_command("Cmd", [str(prog)], timeout=1, max_bytes=1000)
    assert result.errors == ["command 'prog.py' still running after 1 s; stopped"]
    time.sleep(4)
    assert not marker.exists()


async def test_a_missing_program_is_one_error_line(tmp_path: Path) -> None:
    result = await run([str(tmp_path / "no-such-program"), "x"])
    assert (result.status, result.errors) == (  # type: ignore[attr-defined]
        "error", ["command 'no-such-program' cannot be run: no such program"])


def config_with(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[[sources]]\nkind = "command"\nname = "Cmd"\n{table}', encoding="utf-8")
    return path


def test_command_settings_are_read(tmp_path: Path) -> None:
    path = config_with(tmp_path, 'command = ["./bin/feed", "--latest"]\ntimeout = 5\n')
    source = load_settings(path).sources[0]
    assert (source.kind, source.command, source.timeout, source.location) == (
        "command", (str(tmp_path / "bin" / "feed"), "--latest"), 5,
        f"{tmp_path / 'bin' / 'feed'} --latest")
    path = config_with(tmp_path, 'command = ["my-feed"]\n')
    assert (load_settings(path).sources[0].command, load_settings(path).sources[0].timeout) == (
        ("my-feed",), 30)


@pytest.mark.parametrize(("table", "message"), [
    ('command = "my-feed --latest"\n',
     'sources[0].command: expected a list of strings, not a string (it is run without a shell): '
     'write it as a list such as ["my-feed", "--latest"]'),
    ('command = []\n', 'sources[0].command: expected a list of non-empty strings such as '
     '["my-feed", "--latest"], got []'),
    ('command = ["a", 3]\n', 'sources[0].command: expected a list of non-empty strings such as '
     '["my-feed", "--latest"], got [\'a\', 3]'),
    ('', 'sources[0].command: expected a list of non-empty strings such as '
     '["my-feed", "--latest"], got None'),
    ('command = ["a"]\ntimeout = 0\n',
     "sources[0].timeout: expected seconds from 1 to 3600, got 0"),
    ('command = ["a"]\ntimeout = "30s"\n',
     "sources[0].timeout: expected seconds from 1 to 3600, got '30s'"),
    ('command = ["a"]\nurl = "https://example.org/rss"\n',
     "sources[0].url: not a setting of a command source (expected one of: command, folder, "
     "interval, kind, name, timeout)"),
])
def test_bad_command_settings_are_one_line(tmp_path: Path, table: str, message: str) -> None:
    path = config_with(tmp_path, table)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_feed_source_refuses_a_command_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[sources]]\nkind = "feed"\nname = "F"\nurl = "https://example.org/rss"\n'
                    'command = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == (f"{path}: sources[0].command: not a setting of a feed source "
                                 "(expected one of: folder, fulltext, interval, kind, name, url)")


def test_poll_reads_command_sources_and_a_failing_one_stops_no_other(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = printing(tmp_path, "good.py", rss(ITEMS))
    bad = script(tmp_path, "bad.py", "import sys\nsys.exit(2)\n")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nkind = "command"\nname = "Good"\ncommand = {json.dumps([str(good)])}\n'
        f'[[sources]]\nkind = "command"\nname = "Bad"\ncommand = {json.dumps([str(bad)])}\n'
        f'[[sources]]\nkind = "command"\nname = "Gone"\ncommand = ["{tmp_path}/missing"]\n',
        encoding="utf-8")
    argv = ["--config", str(config), "--db", str(tmp_path / "w.db")]
    assert main([*argv, "poll", "--once"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "polled 3 sources: 2 new articles, 0 updated; 2 new stories, 0 grown; 2 failed",
        "  Bad: command 'bad.py' exited with status 2",
        "  Gone: command 'missing' cannot be run: no such program"]
    assert main([*argv, "sources", "list", "--json"]) == 0
    rows = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert (rows["Good"]["kind"], rows["Good"]["command"], rows["Good"]["status"],
            rows["Good"]["articles"]) == ("command", [str(good)], "ok", 2)
    assert (rows["Bad"]["status"], rows["Bad"]["last_error"]) == (
        "error", "command 'bad.py' exited with status 2")
    assert "url" not in rows["Good"] and "path" not in rows["Good"]
    assert main([*argv, "sources", "list"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].split()[:3] == ["Good", "cmd", "ok"]
    assert table[2].split()[:4] == ["Bad", "cmd", "!", "error"]


def test_every_kind_is_registered_under_its_name() -> None:
    assert {name: kind.name for name, kind in KINDS.items()} == {
        "folder": "folder", "feed": "feed", "command": "command"}
    assert all(len(kind.label) <= 6 for kind in KINDS.values())
