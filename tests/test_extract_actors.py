"""feeds.extract actors: names, kinds, roles, aliases, offsets and what is never an actor."""

from __future__ import annotations

import pytest

from feeds.extract import extract
from feeds.model import Actor, Article, Extraction
from tests.seed_articles import seed_000, seed_001


def _run(text: str) -> Extraction:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h"))


def _actors(x: Extraction) -> dict[str, Actor]:
    return {a.name: a for a in x.actors}


@pytest.fixture(scope="module", params=["000", "001"])
def seed(request: pytest.FixtureRequest) -> Extraction:
    return extract(seed_000() if request.param == "000" else seed_001())


GOLD = [
    ("Asaad al-Shaibani", "person", "Syrian Foreign Minister"),
    ("Marco Rubio", "person", "U.S. Secretary of State"),
    ("Donald Trump", "person", None),
    ("Ahmad al-Sharaa", "person", "President of Syria"),
    ("Syria", "country", None),
    ("United States", "country", None),
    ("Daesh", "organization", None),
    ("U.S. State Department", "organization", None),
    ("Syrian Foreign Ministry", "organization", None),
    ("Palmyra", "place", None),
    ("Homs", "place", None),
    ("anti-Daesh coalition", "organization", None),
]


@pytest.mark.parametrize(("name", "kind", "role"), GOLD)
def test_seed_gold_actor_once_with_kind_and_role(seed: Extraction, name: str, kind: str,
                                                 role: str | None) -> None:
    found = [a for a in seed.actors if a.name == name]
    assert len(found) == 1
    assert found[0].kind == kind
    if role:
        assert found[0].role == role


def test_seed_never_actors(seed: Extraction) -> None:
    names = {a.name for a in seed.actors}
    banned = {"Sunday", "Saturday", "The", "According", "Since", "He", "Context", "During",
              "ISIS", "Shaibani", "al-Shaibani", "Rubio", "Trump", "Daeshf",
              "Syrian Foreign Minister"}
    assert not names & banned
    assert not any("Minister" in n or "Secretary" in n or "President" in n for n in names)
    assert "Palmyra" in seed.places and "Homs" in seed.places


def test_seed_mentions_index_the_text() -> None:
    article = seed_000()
    x = extract(article)
    assert x.mentions
    for m in x.mentions:
        assert article.text[m.start : m.end] == m.text
    assert sum(a.mentions for a in x.actors) == len(x.mentions)


def test_seed_000_aliases_and_forms() -> None:
    x = extract(seed_000())
    actors = _actors(x)
    assert actors["Asaad al-Shaibani"].aliases == ["Shaibani"]
    assert actors["Daesh"].aliases == ["ISIS"]
    assert actors["Syria"].aliases == ["Syrian", "Damascus"]
    assert actors["Donald Trump"].role == "U.S. President"
    assert actors["Tommy Pigott"].role == "spokesperson"
    assert actors["U.S. Central Command"].aliases == ["CENTCOM"]
    forms = {(m.text, m.form) for m in x.mentions}
    assert {("Syrian", "demonym"), ("Washington", "metonym"), ("U.S.", "acronym"),
            ("Damascus", "metonym"), ("Americans", "demonym")} <= forms
    assert actors["Syrian Foreign Ministry"].aliases == ["Syria's Foreign Ministry"]


def test_seed_001_partial_names_and_typo() -> None:
    actors = _actors(extract(seed_001()))
    assert actors["Marco Rubio"].aliases == ["Rubio", "Secretary Rubio"]
    assert actors["Donald Trump"].aliases == ["Trump", "President Trump"]
    assert actors["Daesh"].aliases == ["Daeshf"]
    assert actors["U.S. State Department"].aliases == ["US State Department"]


def test_title_role_and_name_split() -> None:
    x = _run("Syrian Foreign Minister Asaad al-Shaibani met French President Emmanuel Macron.")
    actors = _actors(x)
    assert actors["Asaad al-Shaibani"].role == "Syrian Foreign Minister"
    assert actors["Emmanuel Macron"].role == "French President"
    assert actors["Emmanuel Macron"].kind == "person"


def test_surname_without_full_name_keeps_surname() -> None:
    actors = _actors(_run("Minister Kovacs arrived late. Kovacs said the deal was off."))
    assert actors["Kovacs"].kind == "person"
    assert actors["Kovacs"].role == "Minister"
    assert actors["Kovacs"].mentions == 2


def test_lone_unknown_capitalised_word_is_dropped() -> None:
    x = _run("Hopefully the talks resume. Nobody knows when.")
    assert x.actors == []


def test_acronym_definition_is_learned() -> None:
    x = _run("The Kurdish Workers Union (KWU) said it would strike. Later the KWU called it off.")
    actors = _actors(x)
    assert actors["Kurdish Workers Union"].kind == "organization"
    assert actors["Kurdish Workers Union"].mentions == 3
    assert [m.form for m in x.mentions if m.actor == "Kurdish Workers Union"] == ["name", "acronym",
                                                                                   "acronym"]


@pytest.mark.parametrize(("text", "name"), [
    ("Iran said it would respond.", "Iran"),
    ("Austria said it would respond.", "Austria"),
    ("Iraq said it would respond.", "Iraq"),
])
def test_fuzzy_matching_never_swaps_countries(text: str, name: str) -> None:
    assert [a.name for a in _run(text).actors] == [name]


def test_fuzzy_matching_fixes_appended_letter() -> None:
    actors = _actors(_run("Troops fought Daeshf fighters near the border."))
    assert actors["Daesh"].aliases == ["Daeshf"]


def test_country_qualified_bodies() -> None:
    x = _run("Syria's Foreign Ministry and the Syrian Foreign Ministry agreed. The State Department"
             " and the US State Department disagreed.")
    actors = _actors(x)
    assert actors["Syrian Foreign Ministry"].mentions == 2
    assert actors["U.S. State Department"].mentions == 2
    assert "Syria" not in actors


def test_coalition_variants_are_one_actor() -> None:
    x = _run("An anti-Daesh international coalition was formed. The international anti-ISIS "
             "coalition grew.")
    assert [a.name for a in x.actors] == ["anti-Daesh coalition"]
