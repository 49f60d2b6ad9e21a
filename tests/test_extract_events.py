"""feeds.extract events, figures, clauses, reported speech and attributions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from feeds.extract import extract
from feeds.extract.figures import figures
from feeds.extract.sentences import clauses, sentences
from feeds.model import Article, EventCandidate, Extraction, PartialDate

MONDAY = datetime(2025, 12, 15)


def _run(text: str, published: datetime | None = MONDAY) -> Extraction:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h",
                           published=published))


def _brief(e: EventCandidate) -> tuple[str, str | None, str | None, list[str], str | None]:
    return e.cameo, e.date_expr, e.date.iso() if e.date else None, e.actors, e.place


def test_an_abbreviation_in_capitals_ends_no_sentence() -> None:
    text = "ST. CLAIR COUNTY (AP) -- A barn burned. It was IT. Then rain fell."
    assert [s.text for s in sentences(text)] == [
        "ST. CLAIR COUNTY (AP) -- A barn burned.", "It was IT.", "Then rain fell."]


def test_sentences_know_abbreviations() -> None:
    text = "Syria joined on Nov. 12 this year. U.S. Secretary Rubio spoke. Gen. Smith left."
    assert [s.text for s in sentences(text)] == [
        "Syria joined on Nov. 12 this year.", "U.S. Secretary Rubio spoke.", "Gen. Smith left."]


def test_two_paragraphs_run_together_are_two_sentences() -> None:
    text = "He was not injured.Investigators left. See kxan.com or St.Louis at 3 p.m.Police came."
    assert [s.text for s in sentences(text)] == [
        "He was not injured.", "Investigators left.",
        "See kxan.com or St.Louis at 3 p.m.Police came."]


def test_clauses_split_at_following_and_which() -> None:
    (s,) = sentences("A call on Sunday, following an ambush near Palmyra, which killed three.")
    assert [(c.text, c.cue) for c in clauses(s)] == [
        ("A call on Sunday", ""), ("following an ambush near Palmyra", "following"),
        ("which killed three.", "which")]


@pytest.mark.parametrize(("clause", "expected"), [
    ("two U.S. troops and a civilian were killed, and three other service members were injured",
     {"killed": 3, "wounded": 3}),
    ("which killed two US troops and one American civilian, wounding three others",
     {"killed": 3, "wounded": 3}),
    ("an ambush near Palmyra that killed three Americans", {"killed": 3}),
    ("police arrested 12 people", {"arrested": 12}),
    ("pledged $5 million in aid", {"usd": 5_000_000}),
    ("12 people met in 2014", {}),
])
def test_figures(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected


def test_consult_and_fight_from_one_sentence() -> None:
    x = _run("The talks were held during a phone call on Sunday between Syrian Foreign Minister "
             "Asaad al-Shaibani and U.S. Secretary of State Marco Rubio, following an ambush near "
             "Palmyra that killed three Americans.")
    assert [_brief(e) for e in x.events] == [
        ("04", "weekday:6", "2025-12-14", ["Asaad al-Shaibani", "Marco Rubio"], None),
        ("19", None, None, ["United States"], "Palmyra"),
    ]
    assert x.events[1].figures == {"killed": 3}
    assert x.events[1].summary == "Ambush near Palmyra that killed three Americans"
    assert x.events[0].summary == ("Phone call between Syrian Foreign Minister Asaad al-Shaibani "
                                   "and U.S. Secretary of State Marco Rubio")
    assert x.events[0].target == "Marco Rubio"


def test_reported_speech_dates_statement_not_content() -> None:
    x = _run("U.S. Central Command (CENTCOM) said Saturday that two U.S. troops and a civilian "
             "were killed in an ambush by a Daesh gunman in the Palmyra desert area.")
    statement, content = x.events
    assert _brief(statement) == ("01", "weekday:5", "2025-12-13", ["U.S. Central Command"], None)
    assert _brief(content) == ("19", None, None, ["Daesh", "United States"], "Palmyra")
    assert content.target == "United States"
    assert statement.summary == ("U.S. Central Command said that two U.S. troops and a civilian "
                                 "were killed in an ambush by a Daesh gunman in the Palmyra "
                                 "desert area")
    assert content.attributed_to == "U.S. Central Command"
    assert content.figures == {"killed": 3}
    assert content.summary.startswith("Two U.S. troops and a civilian were killed")


def test_relative_dates_unresolved_without_publication_date() -> None:
    x = _run("Syrian authorities launched a security operation Sunday against Daesh cells in "
             "Homs province countryside.", published=None)
    (event,) = x.events
    assert _brief(event) == ("19", "weekday:6", None, ["Syria", "Daesh"], "Homs")
    assert event.target == "Daesh"


def test_continuation_clause_adds_figures_to_the_attack() -> None:
    x = _run("The discussion followed a Saturday ambush by a Daesh gunman in the Palmyra desert, "
             "which killed two US troops and one American civilian, wounding three others.")
    (event,) = x.events
    assert _brief(event) == ("19", "weekday:5", "2025-12-13", ["Daesh", "United States"], "Palmyra")
    assert event.figures == {"killed": 3, "wounded": 3}


def test_definite_reference_is_not_a_new_event() -> None:
    x = _run("Shaibani described the attack as a renewed challenge in the fight against terrorism.")
    assert x.events == []


def test_dated_definite_noun_is_an_event() -> None:
    x = _run("Since the overthrow of the former regime of Bashar Assad in December 2024, the new "
             "administration has sought stability.")
    (event,) = x.events
    assert _brief(event) == ("17", "ym:2024-12", "2024-12", ["Bashar Assad"], None)
    assert event.date == PartialDate(date(2024, 12, 1), "month")


def test_join_and_threat() -> None:
    x = _run("Syria joined the coalition on Nov. 12 this year. President Trump vowed to retaliate.")
    assert [_brief(e) for e in x.events] == [
        ("05", "md:11-12:this-year", "2025-11-12", ["Syria"], None),
        ("13", None, None, ["Trump"], None),
    ]


def test_quotations_give_no_events() -> None:
    x = _run('"We will attack and destroy them," said spokesperson Tommy Pigott.')
    assert [_brief(e) for e in x.events] == [("01", None, None, ["Tommy Pigott"], None)]


def test_attributions() -> None:
    text = ("The remarks came during a call, according to a statement by Syria's Foreign Ministry. "
            "The State Department said it was serious. "
            "U.S. Central Command (CENTCOM) said Saturday "
            'it was over. "We are ready," said spokesperson Tommy Pigott. Syrian officials spoke, '
            "News.Az reports, citing the YeniShafak.")
    x = _run(text)
    got = [(a.cited, a.kind, a.text) for a in x.attributions]
    assert got == [
        ("Syrian Foreign Ministry", "organization",
         "according to a statement by Syria's Foreign Ministry"),
        ("U.S. State Department", "organization", "State Department said"),
        ("U.S. Central Command", "organization", "CENTCOM) said"),
        ("Tommy Pigott", "person", "said spokesperson Tommy Pigott"),
        ("News.Az", "outlet", "News.Az reports, citing the YeniShafak"),
        ("YeniShafak", "outlet", "News.Az reports, citing the YeniShafak"),
    ]
    for a in x.attributions:
        assert text[a.start : a.end] == a.text
