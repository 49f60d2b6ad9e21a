"""feeds.extract actor rules: headlines and datelines, results lines, runs typed by first
names and initials, surnames that some town also bears, repeated lone names. The rules
alone, as when the entity model cannot load (the fallback); the model has test_ner.py."""

from __future__ import annotations

import pytest

import feeds.extract
from feeds.extract import extract
from feeds.model import Actor, Article, Extraction


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds.extract, "recogniser", lambda: None)


def _run(text: str) -> Extraction:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h"))


def _kinds(x: Extraction) -> dict[str, str]:
    return {a.name: a.kind for a in x.actors}


def _mention_kinds(x: Extraction) -> dict[str, str]:
    return {m.text: m.kind for m in x.mentions}


def test_headline_in_capitals_and_dateline_give_known_names() -> None:
    text = ("FRANCE AND GERMANY SIGN TRADE PACT.\nPARIS 1996-08-30\n"
            "Officials from France and Germany met in Paris on Friday.\n")
    x = _run(text)
    got = _mention_kinds(x)
    assert got["FRANCE"] == "country" and got["GERMANY"] == "country"
    assert "PARIS" in got
    for m in x.mentions:
        assert text[m.start : m.end] == m.text


def test_headline_words_that_name_nothing_are_not_actors() -> None:
    x = _run("MARKETS RALLY ON HOPES.\nShares rose in London on Monday, dealers said.\n")
    names = {a.name for a in x.actors}
    assert not {"MARKETS", "Markets", "RALLY", "Rally", "HOPES", "Hopes"} & names


def test_headline_reuses_a_name_the_body_introduced() -> None:
    x = _run("ZEDILLO VISITS FLOOD ZONE.\nPresident Ernesto Zedillo toured the area.\n")
    head = [m for m in x.mentions if m.text == "ZEDILLO"]
    assert head and head[0].actor == "Ernesto Zedillo" and head[0].kind == "person"


def test_place_in_results_line_is_a_team() -> None:
    x = _run("Results of matches on Saturday:\nLeeds 3 Chelsea 1\nFulham 0 Norwich 2\n")
    got = _mention_kinds(x)
    assert got["Leeds"] == "organization" and got["Chelsea"] == "organization"
    assert got["Norwich"] == "organization"


def test_dateline_year_does_not_make_a_team() -> None:
    got = _mention_kinds(_run("LONDON 1996-08-30\nPrices fell in London on Friday.\n"))
    assert got["LONDON"] != "organization"


def test_runs_typed_by_first_name_initial_or_neither() -> None:
    x = _run("The report was written by Peter Hansen and G. Hamilton for the "
             "World Grand Prix Series, officials said.\n")
    kinds = _kinds(x)
    assert kinds.get("Peter Hansen") == "person"
    assert kinds.get("G. Hamilton") == "person"
    assert kinds.get("World Grand Prix Series") != "person"


def test_surname_that_a_town_bears_is_the_person() -> None:
    x = _run("England captain Mike Atherton scored 40. Later Atherton was out.\n")
    actors: dict[str, Actor] = {a.name: a for a in x.actors}
    assert actors["Mike Atherton"].kind == "person"
    assert actors["Mike Atherton"].mentions == 2
    assert "Atherton" not in actors


def test_lone_unknown_word_kept_only_when_repeated() -> None:
    once = _kinds(_run("Shares of the firm rose at Zorblax and elsewhere.\n"))
    assert "Zorblax" not in once
    twice = _kinds(_run("Shares rose at Zorblax and elsewhere. Analysts expect "
                        "Zorblax to grow.\n"))
    assert twice.get("Zorblax") == "organization"


def test_bare_titles_become_the_known_office() -> None:
    from feeds.extract.aliases import office_role

    assert office_role("Ahmad al-Sharaa", "person", "President") == "President of Syria"
    assert office_role("Vladimir Putin", "person", None) == "President of Russia"
    assert office_role("Donald Trump", "person", "U.S. President") == "U.S. President"
    assert office_role("Marco Rubio", "person", "spokesperson") == "spokesperson"
    assert office_role("Jane Unknown", "person", "President") == "President"
    assert office_role("Syria", "country", None) is None
