"""Event summaries (cut from the clause, never invented) and acting/target roles."""

from __future__ import annotations

from datetime import datetime

import pytest

from feeds.extract import extract
from feeds.extract.summary import noun_phrase_start, summarize
from feeds.model import Article, EventCandidate

MONDAY = datetime(2025, 12, 15)


def _events(text: str) -> list[EventCandidate]:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h",
                           published=MONDAY)).events


def test_framing_clause_and_date_are_cut_and_continuation_joins() -> None:
    (event,) = _events("The discussion followed a Saturday ambush by an Daesh gunman in the "
                       "Palmyra desert, which killed two US troops and one American civilian, "
                       "wounding three others.")
    assert event.summary == ("Ambush by a Daesh gunman in the Palmyra desert killed two US troops "
                             "and one American civilian, wounding three others")
    assert (event.actors[:2], event.target) == (["Daesh", "United States"], "United States")


@pytest.mark.parametrize(("text", "summary"), [
    ("Syria joined the coalition on Nov. 12 this year.", "Syria joined the coalition"),
    ("Syrian authorities launched a security operation Sunday against Daesh cells in Homs.",
     "Syrian authorities launched a security operation against Daesh cells in Homs"),
    ("U.S. forces operate in Syria as part of an anti-Daesh "
     "international coalition formed in 2014.",
     "Anti-Daesh international coalition formed"),
    ("Since the overthrow of the former regime of Bashar Assad in December 2024, the new "
     "administration has sought stability.", "Overthrow of the former regime of Bashar Assad"),
    ("Rebels have fought the army since 2014.", "Rebels have fought the army since 2014"),
])
def test_summaries(text: str, summary: str) -> None:
    assert _events(text)[0].summary == summary


def test_statement_keeps_its_speaker_but_not_the_outlet() -> None:
    statement, content = _events("Syrian and U.S. officials said a recent Daesh attack on "
                                 "American forces was aimed at undermining ties, News.Az reports, "
                                 "citing the YeniShafak.")
    assert statement.summary == ("Syrian and U.S. officials said a recent Daesh attack on American "
                                 "forces was aimed at undermining ties")
    assert content.attributed_to == "Syria"
    assert (content.actors, content.target) == (["Daesh", "United States"], "United States")


def test_roles_by_against_and_passive() -> None:
    (event,) = _events("Two U.S. soldiers were wounded in an attack by Daesh fighters near Homs.")
    assert (event.actors, event.target, event.place) == (["Daesh", "United States"],
                                                         "United States", "Homs")
    (op,) = _events("Syrian forces launched an offensive against Daesh.")
    assert (op.actors, op.target) == (["Syria", "Daesh"], "Daesh")


def test_noun_phrase_start_needs_a_framing_word() -> None:
    text = "Police launched a raid. The talks came during a phone call."
    assert noun_phrase_start(text, 0, text.index("raid")) is None
    at = text.index("phone")
    assert text[noun_phrase_start(text, 24, at) or 0 :].startswith("a phone call")


def test_long_summaries_are_cut_at_a_comma() -> None:
    text = ("Officials met " + "with many delegates " * 6 + ", and then " + "talked at length " * 8)
    assert len(summarize(text, 0, len(text)).split()) <= 30


def test_victims_of_a_violent_verb_are_targets() -> None:
    events = _events("The talks followed an ambush near Palmyra that killed three Americans.")
    (ambush,) = [e for e in events if e.cameo == "19"]
    assert (ambush.actors, ambush.target) == (["United States"], "United States")


@pytest.mark.parametrize(("text", "expected"), [
    ("SPRINGDALE, Ark., May 3 -- A boy was hurt in a fall", "A boy was hurt in a fall"),
    ("- EAST LAKE, Okla. - Two men died in a crash", "Two men died in a crash"),
    ("TULSA (KTUL) — An officer was shot", "An officer was shot"),
    ("Updated at 4:45 p.m. ET: Officials said a boy drowned", "Officials said a boy drowned"),
    ("PREVIOUS STORY: A man was shot in a park", "A man was shot in a park"),
    ("UK - France talks ended on Monday", "UK - France talks ended on Monday"),  # no town
    ("NATO — the alliance — met in Brussels", "NATO — the alliance — met in Brussels"),
])
def test_a_dateline_or_a_page_label_opens_no_summary(text: str, expected: str) -> None:
    assert summarize(text, 0, len(text)) == expected
