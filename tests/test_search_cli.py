"""`wirewatch search`: exact output, JSON lines and exit statuses (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_search_store import stocked
from tui import cli


@pytest.fixture
def run(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`wirewatch --config EMPTY --db DB ARGS...` on the stocked database: (status, out, err)."""
    stocked(db_url).close()
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "100")

    def run(*args: str) -> tuple[int, str, str]:
        status = cli.main(["--config", str(config), "--db", db_url, *args])
        out, err = capsys.readouterr()
        return status, out, err
    return run


def test_search_prints_stories_with_their_matches_marked(run) -> None:  # type: ignore[no-untyped-def]
    assert run("search", "flood") == (0, (
        "story 1 · Floods sweep Valencia · 2 articles\n"
        "  2025-03-01  Wire                  [Floods] sweep Valencia\n"
        "              Rivers burst their banks in Valencia.\n"
        "  2025-03-02  Post                  Valencia counts the cost\n"
        "              Insurers expect claims after the [flooding].\n"), "")
    assert run("search", "vote")[1] == (
        "story 3 · Harbour strike ends · 1 article\n"
        "  2025-03-03  Wire                  Harbour strike ends\n"
        "              Dockers [voted] to return to work.\n"
        "\n"
        "story 2 · Election delayed · 1 article\n"
        "  2025-03-01  Wire                  Election delayed\n"
        "              Officials postponed the [vote] in two districts.\n")


def test_search_json_is_one_story_a_line(run) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("search", "Valencia", "flooding", "--json")
    assert (status, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 1
    story = lines[0]
    assert {key: story[key] for key in ("id", "title", "articles", "outlets", "unread",
                                        "words")} == {
        "id": 1, "title": "Floods sweep Valencia", "articles": 2, "outlets": 2, "unread": 2,
        "words": ["floods", "valencia", "flooding"]}
    assert set(story) == {"id", "title", "articles", "outlets", "first_seen", "last_seen",
                          "state", "heat", "unread", "words", "matches"}
    assert story["matches"] == [
        {"id": 1, "title": "Floods sweep Valencia", "outlet": "Wire",
         "published": "2025-03-01T00:00:00+00:00",
         "snippet": "Rivers burst their banks in Valencia.", "words": ["floods", "valencia"]},
        {"id": 2, "title": "Valencia counts the cost", "outlet": "Post",
         "published": "2025-03-02T00:00:00+00:00",
         "snippet": "Insurers expect claims after the flooding.",
         "words": ["valencia", "flooding"]}]


def test_nothing_found_is_a_plain_message(run) -> None:  # type: ignore[no-untyped-def]
    assert run("search", "volcano") == (0, "No article matches 'volcano'.\n", "")
    assert run("search", "volcano", "--json") == (0, "", "")


@pytest.mark.parametrize("words", [[""], ['"*'], ["-", ":"], ["()", "!", "…"]])
def test_a_query_without_words_is_a_usage_error(run, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("search", *words)
    assert (status, out) == (2, "")
    assert err == (f"wirewatch: nothing to search for in {' '.join(words)!r}: give words "
                   "of letters or digits\n")


def test_hostile_words_are_searched_as_words(run) -> None:  # type: ignore[no-untyped-def]
    assert run("search", 'NEAR("harbour"', "strike*", "OR", "vote") == (
        0, "No article matches 'NEAR(\"harbour\" strike* OR vote'.\n", "")
    assert run("search", "title:harbour-strike")[0:2] == (
        0, "No article matches 'title:harbour-strike'.\n")
    assert run("search", '"harbour', 'strike"')[1].startswith("story 3 · Harbour strike ends")


def test_no_words_at_all_is_argparse_usage(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        run("search")
    assert exit_info.value.code == 2
