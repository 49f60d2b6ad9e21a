"""`[keys]` in the configuration: an id no binding has, or a key two bindings live together
would share, is a one-line configuration error for every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.keys import key_problem


@pytest.mark.parametrize(("keys", "problem"), [
    ({}, None),
    ({"cursor_down": "ctrl+n", "quit": "x"}, None),
    ({"cursor_down": "n"}, "keys.cursor_down: n is already the key of next_unread; choose another"),
    ({"follow": "v, V"}, None),  # spaces allowed (F is the search key)
    ({"close": "q"}, None),  # the reader's q goes back; the app's q quits elsewhere
    ({"sort_actors": "s"}, None),  # the Actors panel's s shadows its screen's on purpose
    ({"export": "e", "follow": "e"}, "keys.export: e is already the key of follow; choose another"),
    ({"filter": "j"}, "keys.filter: j is already the key of cursor_down; choose another"),
    ({"poll": "question_mark"}, "keys.poll: ? is already the key of help; choose another"),
    ({"follow": "b, e"}, "keys.follow: e is already the key of export; choose another"),
])
def test_key_problems(keys: dict[str, str], problem: str | None) -> None:
    assert key_problem(keys) == problem


def test_an_unknown_id_lists_the_known_ones() -> None:
    problem = key_problem({"bogus_action": "x"}) or ""
    assert problem.startswith(
        "keys.bogus_action: no key binding has this id (ids: all_read, back, ")
    assert "follow" in problem and problem.endswith("sources)")


def test_every_command_refuses_a_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nexport = "e"\nfollow = "e"\n', encoding="utf-8")
    for command in (["stories"], ["poll", "--once"], ["sources", "list"]):
        assert main(["--config", str(config), "--db", str(tmp_path / "w.db"), *command]) == 2
        assert capsys.readouterr().err == (f"wirewatch: {config}: keys.export: e is already the "
                                           "key of follow; choose another\n")
