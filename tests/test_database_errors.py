"""A database that cannot be opened is one line that names it and says what to do: a
missing folder (never created, except the default data folder's), a driver that is not
installed, a URL no driver reads, a server that does not answer."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from feeds.config import load_settings
from tui import cli


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = cli.main(list(args))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return status, err.strip()


def test_a_missing_folder_is_an_error_that_names_it(
        tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "w.db"
    status, line = run(capsys, "--config", str(config), "--db", str(target), "stories")
    assert status == 1
    assert line == (f"wirewatch: {target.parent}: no such folder for the database w.db (create "
                    "it, or give another path with --db, WIREWATCH_DB or [storage] url)")
    assert not (tmp_path / "no").exists()


def test_the_environment_and_the_config_file_are_held_to_it_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "{tmp_path / "gone" / "a.db"}"\n', encoding="utf-8")
    assert run(capsys, "--config", str(config), "stories")[0] == 1
    monkeypatch.setenv("WIREWATCH_DB", str(tmp_path / "gone" / "b.db"))
    status, line = run(capsys, "--config", str(config), "stories")
    assert status == 1 and "b.db" in line and not (tmp_path / "gone").exists()


def test_the_default_database_folder_is_made(tmp_path: Path, config: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = load_settings(str(config), None)
    assert settings.database_is_default and str(tmp_path / "data") in settings.database_url
    assert cli.main(["--config", str(config), "stories"]) == 0
    assert (tmp_path / "data" / "wirewatch" / "wirewatch.db").is_file()
    assert "No stories yet" in capsys.readouterr().out


@pytest.mark.parametrize(("url", "line"), [
    ("mysql://reader@db.example/news",
     "wirewatch: mysql://reader@db.example/news: no driver for this database (MySQLdb is "
     "missing); Wirewatch runs on SQLite and PostgreSQL (pip install 'wirewatch[postgres]' "
     "for a postgresql+psycopg:// URL)"),
    ("nosuchdb://x/y",
     "wirewatch: nosuchdb://x/y: no driver for this database; Wirewatch runs on SQLite and "
     "PostgreSQL (pip install 'wirewatch[postgres]' for a postgresql+psycopg:// URL)"),
])
def test_a_database_without_a_driver(url: str, line: str, config: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--config", str(config), "--db", url, "stories") == (1, line)


def test_a_server_that_does_not_answer_hides_the_password(
        config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://news:s3cret@127.0.0.1:{port}/wire"
    status, line = run(capsys, "--config", str(config), "--db", url, "stories")
    assert status == 1 and "s3cret" not in line
    assert line.startswith(f"wirewatch: cannot reach the database "
                           f"postgresql+psycopg://news:***@127.0.0.1:{port}/wire: ")
    assert line.endswith("check that the server runs and the URL (--db, WIREWATCH_DB or "
                         "[storage] url)")
