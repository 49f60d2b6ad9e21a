"""A file that states no date is as fresh as the poll that found it: its modification time
says when a copy was made (a checkout, a download), not when the news happened."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tui.cli import main

TEXT = ("Title: Barge strikes Millbrook bridge\n\nA barge struck the Millbrook river bridge "
        "and a span fell into the water, Mayor Ellen Varga said.\n")


def poll_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str,
                  age_days: float) -> dict[str, object]:
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / "bridge.txt"
    path.write_text(body, encoding="utf-8")
    then = time.time() - age_days * 86400
    os.utime(path, (then, then))
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nkind = "folder"\nname = "Desk"\npath = "{folder}"\n',
                      encoding="utf-8")
    common = ["--config", str(config), "--db", str(tmp_path / "w.db")]
    assert main(["poll", "--once", *common]) == 0
    capsys.readouterr()
    assert main(["stories", "--json", *common]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    return dict(json.loads(line))


def test_an_undated_file_copied_long_ago_makes_a_developing_story(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = poll_and_list(tmp_path, capsys, TEXT, age_days=30)
    last = datetime.fromisoformat(str(story["last_seen"]))
    assert story["state"] == "developing"
    assert datetime.now(UTC) - last < timedelta(minutes=5)


def test_a_file_that_states_its_date_keeps_it(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    story = poll_and_list(tmp_path, capsys, "Date: 2024-03-02\n" + TEXT, age_days=30)
    assert story["last_seen"] == "2024-03-02T00:00:00+00:00" and story["state"] == "dormant"
