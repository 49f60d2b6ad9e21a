"""feeds.extract.frames: violence named inside a legal or official act."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feeds.extract import extract
from feeds.extract.frames import frames_the_date, ruled_as
from feeds.model import Article

ANCHOR = datetime(2024, 6, 14, 15, tzinfo=UTC)  # a Friday


def _dates(text: str) -> list[tuple[str, date | None]]:
    article = Article(key="k", source_name="s", title="", text=text, content_hash="h",
                      published=ANCHOR)
    return [(e.type, e.date.value if e.date else None) for e in extract(article).events]


def test_a_ruling_finds_no_event() -> None:
    text = "The coroner ruled the woman's death a homicide on Thursday."
    assert ruled_as(text, text.index("homicide"))
    assert not ruled_as("A homicide shook the town.", 2)
    assert _dates(text) == []


@pytest.mark.parametrize(("text", "violence", "when", "framed"), [
    ("A man accused of stabbing his uncle was in court Thursday.", "stabbing", "Thursday", True),
    ("On Monday, police arrested a man in the shooting of a clerk.", "shooting", "Monday", True),
    ("Police arrested a man in Sunday's shooting of a clerk.", "shooting", "Sunday", False),
    ("She is accused of shooting her brother on Dec. 7.", "shooting", "Dec. 7", False),
    ("A man shot his uncle on Thursday.", "shot", "Thursday", False),
    ("A girl who was shot near a park was identified Sunday.", "shot", "Sunday", True),
    ("A girl who was shot Friday was identified Sunday.", "shot", "Friday", False),
    ("Two men were shot near a bar in May, the state police said Monday.", "shot", "Monday",
     True),
])
def test_whose_date_a_clause_gives(text: str, violence: str, when: str, framed: bool) -> None:
    at = text.index(when)
    assert frames_the_date(text, 0, text.index(violence), at, at + len(when)) is framed


def test_the_violence_of_an_accusation_keeps_only_its_own_date() -> None:
    assert _dates("A teen accused of shooting her brother was back in court Thursday.") == [
        ("Conflict.Attack", None)]
    assert _dates("She is accused of shooting her brother the night of June 7.") == [
        ("Conflict.Attack", date(2024, 6, 7))]
