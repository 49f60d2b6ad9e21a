"""A worker failure is never silent: logged by `wirewatch.poll`, counted in the poll's
summary (`PollSummary.worker_failures`, the summary line of `poll --once`, the dashboard's
poll text), and its work redone in this process (issue 25 item 1)."""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.ingest import poller
from feeds.ingest import prepare as prepare_module
from feeds.ingest.poller import PollSummary
from feeds.ingest.prepare import PREPARE_FAILED, parse_and_prepare
from feeds.sources.pool import WorkerFailed
from tests.feedserver import rss
from tui.cli import main
from tui.widgets.format import poll_text

TEXT = "The mayor of Lyon opened a new bridge over the Rhone on Monday, officials said."


def folder_config(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in (1, 2):
        path = folder / f"a{n}.txt"
        path.write_text(f"Bridge {n} opened\n\n{TEXT} Bridge number {n}.\n", encoding="utf-8")
        old = time.time() - 60
        os.utime(path, (old, old))
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nkind = "folder"\nname = "Desk"\npath = "{folder}"\n',
                      encoding="utf-8")
    return config


async def failing(*args: object, **kw: object) -> object:
    raise WorkerFailed("failed: ValueError")


def test_a_failed_prepare_task_is_logged_counted_and_redone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(poller, "run_bounded", failing)
    argv = ["--config", str(folder_config(tmp_path)), "--db", str(tmp_path / "w.db")]
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll"):
        assert main([*argv, "poll", "--once"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "polled 1 sources: 2 new articles, 0 updated; 1 new stories, 0 grown; 0 failed; "
        "1 worker failure (redone here)"]
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("wirewatch.poll", logging.WARNING,
         "Desk: preparing 2 documents in a worker failed: ValueError; redone in this process")]


def test_without_failures_the_summary_line_says_nothing_of_workers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    argv = ["--config", str(folder_config(tmp_path)), "--db", str(tmp_path / "w.db")]
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll"):
        assert main([*argv, "poll", "--once"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "polled 1 sources: 2 new articles, 0 updated; 1 new stories, 0 grown; 0 failed"]
    assert [r for r in caplog.records if r.name == "wirewatch.poll"] == []


def broken_parse_and_prepare(name: str, data: bytes, url: str, content_type: str | None = None,
                             *, known: frozenset[str] = frozenset()) -> object:
    """`parse_and_prepare` in a worker whose `prepare` raises (restored afterwards)."""
    real = prepare_module.prepare

    def boom(*args: object) -> object:
        raise RuntimeError("extractor bug")
    prepare_module.prepare = boom  # type: ignore[assignment]
    try:
        return parse_and_prepare(name, data, url, content_type, known=known)
    finally:
        prepare_module.prepare = real


def test_a_prepare_failing_inside_the_parse_task_is_taken_out_of_the_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([("http://example.org/a", "Bridge opened", TEXT)]))
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nkind = "feed"\nname = "Wire"\nurl = "{feed.as_uri()}"\n',
                      encoding="utf-8")
    monkeypatch.setattr(poller, "parse_and_prepare", broken_parse_and_prepare)
    argv = ["--config", str(config), "--db", str(tmp_path / "w.db")]
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll"):
        assert main([*argv, "poll", "--once"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "polled 1 sources: 1 new articles, 0 updated; 1 new stories, 0 grown; 0 failed; "
        "1 worker failure (redone here)"]
    assert [(r.name, r.getMessage()) for r in caplog.records if r.name == "wirewatch.poll"] == [
        ("wirewatch.poll", "Wire: preparing in a worker failed: RuntimeError: extractor bug; "
                           "redone in this process")]


def test_parse_and_prepare_reports_its_failure_in_one_error_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> object:
        raise RuntimeError("extractor bug")
    monkeypatch.setattr(prepare_module, "prepare", boom)
    result = parse_and_prepare("Wire", rss([("http://example.org/a", "Bridge", TEXT)]), "u")
    assert result.errors == [f"{PREPARE_FAILED}RuntimeError: extractor bug"]
    assert result.articles is None and len(result.documents) == 1
    assert result.documents[0].body != ""


def test_the_dashboards_poll_text_counts_worker_failures() -> None:
    at = datetime(2026, 1, 1, 12, tzinfo=UTC)
    clock = at.astimezone().strftime("%H:%M")
    assert poll_text(PollSummary(worker_failures=2), at) == (
        f"polled {clock} · 0 new, 0 updated · 2 worker failures (redone here)")
    assert poll_text(PollSummary(), at) == f"polled {clock} · 0 new, 0 updated"
