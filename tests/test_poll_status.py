"""`poll --once` and `sources add` say when nothing could be done: exit status 1 when every
source failed (the summary names each), 2 for an address that is no web address."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.cli import main


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def feed_source(name: str) -> str:
    return (f'[[sources]]\nkind = "feed"\nname = "{name}"\n'
            f'url = "http://127.0.0.1:{closed_port()}/feed.xml"\n'
            '[network]\nallow_private_addresses = true\n')


def test_a_poll_where_every_source_failed_exits_1(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(feed_source("Gone Daily"), encoding="utf-8")
    assert main(["poll", "--once", "--config", str(config), "--db", str(tmp_path / "w.db")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].endswith("; 1 failed")
    assert out.splitlines()[1].startswith("  Gone Daily: network error")
    assert err.splitlines()[-1] == "wirewatch: every source failed (see above)"


def test_a_poll_where_one_source_worked_exits_0(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    folder = f'[[sources]]\nkind = "folder"\nname = "Seeds"\npath = "{SEEDS}"\n'
    config.write_text(folder + feed_source("Gone Daily"), encoding="utf-8")
    assert main(["poll", "--once", "--config", str(config), "--db", str(tmp_path / "w.db")]) == 0
    assert "2 new articles" in capsys.readouterr().out


@pytest.mark.parametrize("url", ["not-a-url", "ftp://example.org/feed", "http://"])
def test_sources_add_refuses_what_is_no_web_address(url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert main(["sources", "add", url, "--config", str(config)]) == 2
    assert capsys.readouterr().err == (f"wirewatch: {url}: not a web address; give the http:// "
                                       "or https:// URL of a site or of its feed\n")
    assert config.read_text(encoding="utf-8") == ""


def test_a_file_too_fresh_to_read_is_named_in_the_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text("Title: Bridge\n\nA barge struck the bridge.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Title: Flood\n\nThe river flooded the town.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nkind = "folder"\nname = "Drafts"\npath = "{folder}"\n',
                      encoding="utf-8")
    assert main(["poll", "--once", "--config", str(config), "--db", str(tmp_path / "w.db")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "polled 1 sources: 0 new articles, 0 updated; 0 new stories, 0 grown; 0 failed",
        "  Drafts: 2 files changed in the last seconds, read at the next poll"]
