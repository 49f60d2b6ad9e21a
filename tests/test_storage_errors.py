"""Storage failures end in one line that says what to do, status 1, and an intact database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import main


def poll(config: Path, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "poll", "--once", "--config", str(config),
                           "--db", db], check=False, capture_output=True, text=True, timeout=120)


def articles(folder: Path, count: int, size: int) -> None:
    folder.mkdir()
    old = time.time() - 60
    for index in range(count):
        path = folder / f"{index:03d}.txt"
        words = " ".join(f"word{index}x{n}" for n in range(size // 10))
        path.write_text(f"Title: Report {index}\n\n{words}.\n")
        os.utime(path, (old, old))


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)],
                          check=False, capture_output=True)
    if made.returncode != 0:
        pytest.skip("needs permission to mount a small tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_is_one_line_and_the_database_stays_intact(
        tiny_disk: Path, tmp_path: Path) -> None:
    articles(tmp_path / "in", 40, 30_000)
    config = tmp_path / "c.toml"
    config.write_text(f'[[sources]]\nkind="folder"\nname="Desk"\npath="{tmp_path / "in"}"\n')
    db = tiny_disk / "w.db"
    result = poll(config, str(db))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"wirewatch: the disk holding {db} is full: free some space and run again")
    assert "Traceback" not in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM article").fetchone() == (0,)
    conn.close()


def test_read_only_database(tmp_path: Path, seed_config: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.db"
    monkeypatch.chdir(tmp_path)  # a URI filename is no folder to create here
    assert main(["stories", "--config", str(seed_config), "--db", str(db)]) == 0
    capsys.readouterr()
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    assert main(["poll", "--once", "--config", str(seed_config), "--db", read_only]) == 1
    assert capsys.readouterr().err == (
        f"wirewatch: the database file:{db} is read-only: check its permissions or use --db\n")
    assert not (tmp_path / "file:").exists()
