"""Violence named inside a legal or official act: whose date it is, and when it is none.

Contract: `ruled_as(text, at)` says whether the trigger at `at` is the finding of a ruling
("the coroner ruled the death a homicide"): a classification, no event of its own.
`frames_the_date(text, start, violence, date_start, date_end)` says whether a clause's
date belongs to the legal act (or the mourning) that frames its violence (accused of,
charged with or in, arrested for or in, convicted of, sentenced for..., a funeral or a
vigil for), not to the violence at `violence`:
a date before the act ("On Monday, police arrested a man in the shooting"), or one after
the violence past a verb of the act ("a teen accused of shooting her brother was back in
court Thursday"). A date between the act and the violence names the violence ("arrested
a man in Sunday's shooting"), as does one right after it ("accused of shooting him on
Dec. 7"); a date right after a later act of its people is the act's ("a girl who was
shot Friday was identified Sunday": Friday), and so is one right after the attribution
that ends the clause (", authorities announced Monday"). `start` is the clause's start.
`tells_an_act(sentence)` says whether a sentence tells such an act (or a funeral, an
autopsy, an identification), whose day is no day of the happening it is about.
"""

from __future__ import annotations

import re

_RULED = re.compile(r"\bruled\b[^.;]{0,80}?\s(?:an?|as(?:\s+an?)?)\s+$", re.IGNORECASE)
_LEGAL_FRAME = re.compile(
    r"\b(?:accused\s+of|charged\s+(?:with|in)|convicted\s+(?:of|in)|suspected\s+(?:of|in)|"
    r"arrested\s+(?:\w+\s+){0,4}?(?:for|in)|sentenced\s+(?:\w+\s+){0,4}?(?:for|in)|"
    r"indicted\s+(?:for|in|on)|pleaded\s+(?:not\s+)?guilty\s+(?:to|in)|guilty\s+of|"
    r"trial\s+(?:for|in)|(?:funeral|vigil|memorial)\s+(?:\w+\s+){0,6}?for)\b",
    re.IGNORECASE)
_VERB_OF_THE_ACT = re.compile(
    r"\b(?:was|were|is|are|has|have|had|will|would|appeared|pleaded|remains|remained|"
    r"faces|faced|returned|went|made)\b", re.IGNORECASE)


_ACT = re.compile(r"\b(?:ruled|rules|court|arraign\w*|charged|charges|hearing|autopsy|funeral|"
                  r"vigil|memorial|sentenced|indicted|trial|pleaded|released|identified)\b",
                  re.IGNORECASE)


def tells_an_act(sentence: str) -> bool:
    """Whether a sentence tells an official or later act (a ruling, a court hearing, a
    charge, an autopsy, a funeral, an identification): its day is the act's, never the
    happening's it is about."""
    return _ACT.search(sentence) is not None


def ruled_as(text: str, at: int) -> bool:
    """Whether the word at `at` is what a ruling found (see the module's contract)."""
    return _RULED.search(text, max(0, at - 100), at) is not None


_DATED_ACT = re.compile(
    r"\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:identified|named|arraigned|charged|sentenced|"
    r"indicted|booked|buried|mourned|remembered)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE)
"""Right before a date, a later act of the people of the violence ("who were shot ... were
identified Sunday")."""


_SAID_ON = re.compile(
    r",\s+(?:[\w.]+\s+){1,3}(?:said|says|announced|confirmed|reported)\s+(?:on\s+)?$")
"""Right before a date, the attribution that ends a clause (", authorities announced
Monday"): the day of the saying."""


def frames_the_date(text: str, start: int, violence: int, date_start: int,
                    date_end: int) -> bool:
    """Whether the clause's date is its legal act's (see the module's contract)."""
    if date_start > violence and (_DATED_ACT.search(text, violence, date_start)
                                  or _SAID_ON.search(text, violence, date_start)):
        return True
    frame = _LEGAL_FRAME.search(text, start, violence)
    if frame is None:
        return False
    if date_end <= frame.end():  # before the act or inside its words ("held Monday for")
        return True
    return date_start > violence and _VERB_OF_THE_ACT.search(text, violence, date_start) is not None
