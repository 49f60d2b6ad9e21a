"""tui.cli: each kind of failure a command raises becomes its exit status and one line."""

from __future__ import annotations

import argparse

import pytest

from feeds.store import StorageError
from tui import cli, commands


def _failing(exc: BaseException):  # type: ignore[no-untyped-def]
    def command(args: argparse.Namespace) -> int:
        raise exc
    return command


@pytest.mark.parametrize(("exc", "status", "line"), [
    (StorageError("the database is locked"), 1, "wirewatch: the database is locked\n"),
    (commands.CommandError("no such story"), 1, "wirewatch: no such story\n"),
    (BrokenPipeError(32, "Broken pipe"), 0, ""),  # `wirewatch stories --json | head -1`
    (KeyboardInterrupt(), 130, "wirewatch: interrupted\n"),
])
def test_a_failure_is_an_exit_status_and_one_line(
        exc: BaseException, status: int, line: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(commands, "extract", _failing(exc))
    assert cli.main(["extract", "any.txt"]) == status
    assert capsys.readouterr().err == line


def test_any_other_error_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "extract", _failing(RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["extract", "any.txt"])
