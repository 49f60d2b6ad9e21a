"""What an article's headline and lead give its events, once its sentences are read.

Contract: `from_headline(events, title, anchor, where, text, sentences)` gives the first
happening of the lead (`happening`: violence, a disaster, an accident, a crime, a death;
not talk) what no happening of the lead gives it: a day of the headline ("Two teens die
early Thursday"), else the most specific day of the lead's sentences that date no event
of their own and tell no official act (`frames.tells_an_act`: a ruling, a hearing; a
dateline's filing date, `FILED`, is none either); a toll of the headline
("Boy, 16, Killed In Park", which tells the fate of the lead's people "shot"); and puts
the headline's own happening (`feeds.extract.headline_event`) first when the text
reports none, dated by the headline or else by the lead's most specific day.
`date_back(events, number, sentence, text, anchor)` dates the happening of the two
sentences before an "it happened" sentence (`IT_HAPPENED`) by its date, when that is
undated or less precise (and places it by the sentence's town when nothing does);
`date_by_response(events, responses, text, anchor)` gives the day of a sentence of the
police's response (`is_response`: "Deputies responded around 5 p.m. Oct. 11 to a home") to the
first undated happening of an article whose happenings have no day.
`identifications(events, sentences, mentions)` adds the people a sentence identifies as
victims or suspects ("police identified the victim as X") to the article's first violent
event. All four change `events` in place.
"""

from __future__ import annotations

import re
from datetime import datetime

from feeds.extract.dates import SPECIFICITY, find_dates, resolve, specificity
from feeds.extract.figures import headline_figures
from feeds.extract.frames import tells_an_act
from feeds.extract.headline_event import best_day, headline_event
from feeds.extract.participants import CAUSES, VIOLENT, identified
from feeds.extract.scene import headline
from feeds.extract.sentences import Span
from feeds.model import EventCandidate, Mention

LEAD = 3
"""Sentences that make an article's lead (where a "Town, State" names its scene)."""
_CASUALTIES = ("killed", "wounded")
_TOLD = (*_CASUALTIES, "shot")
"""The headline's figures the lead takes: its toll, else its people shot."""


def happening(event: EventCandidate) -> bool:
    """Whether an event happened somewhere (an attack, a disaster, a death), as talk and
    calls do not: a city of the title names only such an event."""
    return event.type in VIOLENT or event.type.partition(".")[0] in CAUSES


FILED = re.compile(
    r"\s*[A-Z][A-Za-z.'’ -]{1,40},(?:[^\n,]{1,30},)?\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|"
    r"Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)\n]{1,30}\))?\s*"
    r"(?:--|[-–—])")
"""A dateline's date ("NEW HAVEN, Conn., Oct. 27 (UPI) --"): when the story was filed,
not when what it reports happened."""
FILED_REACH = 120


def from_headline(events: list[EventCandidate], title: str, anchor: datetime | None,
                  where: str | None, text: str, sentences: list[Span]) -> None:
    """What the headline gives the first happening of the lead when no happening of the
    lead gives it: a day ("Two teens die early Thursday"; else the most specific day of
    the lead's sentences that date no event of their own: "a deadly shooting
    in Rosamond. The teen was at home at 12:45 Thursday afternoon..."), a toll ("Boy, 16,
    Killed In Park"); and the headline's own happening (`headline_event`) when the text
    reports none, dated by the headline or else by the lead's most specific day ("At
    11:44 a.m. Monday, officers responded...")."""
    lead_text = text[sentences[0].start:sentences[min(LEAD, len(sentences)) - 1].end] \
        if sentences else ""
    dated = {e.sentence_no for e in events if e.date_expr}
    free_lead = " ".join(s.text for n, s in enumerate(sentences[:LEAD])
                         if n not in dated and not tells_an_act(s.text))
    filed = FILED.match(free_lead) if 0 not in dated else None
    free_lead = free_lead[filed.end():] if filed else free_lead  # no dateline's date
    head = headline(title) if title else ""
    lead = [e for e in events if e.sentence_no < LEAD and happening(e)]
    if head and not any(happening(e) for e in events):
        found = headline_event(head, anchor, where)
        if found is not None:
            if found.date is None:
                found.date_expr, found.date = best_day(lead_text, anchor) or (None, None)
            events.insert(0, found)
    if not lead:
        return
    if not any(e.date for e in lead):
        day = best_day(head, anchor) or best_day(free_lead, anchor)
        if day is not None:
            lead[0].date_expr, lead[0].date = day
    if not any(k in e.figures for e in lead for k in _CASUALTIES):
        told = {k: n for k, n in headline_figures(head).items() if k in _TOLD}
        if told.keys() & set(_CASUALTIES):  # the headline tells the fate of those shot
            lead[0].figures.pop("shot", None)
        if "shot" not in lead[0].figures:
            lead[0].figures.update(told)


IT_HAPPENED = re.compile(r"(?:it|this|that|the\s+incident)\s+(?:happened|occurred|took\s+place)\b",
                          re.IGNORECASE)
"""A sentence that dates the event just reported: "It happened around 9 p.m. Sunday"."""


def date_back(events: list[EventCandidate], number: int, sentence: Span, text: str,
              anchor: datetime | None, town: str | None = None) -> None:
    """Give the date of an "it happened" sentence to the happening of the two sentences
    before it (the last one) that it dates more precisely: an undated one, or one dated
    by its week or month ("earlier this week"; "It happened about 11:20 p.m. Sept. 19");
    the sentence's `town` places it when nothing does."""
    when = max(find_dates(text, sentence.start, sentence.end),
               key=lambda d: specificity(d.expr), default=None)
    if when is None:
        return
    target = next((e for e in reversed(events) if e.sentence_no >= number - 2
                   and happening(e) and (e.date is None or (
                       e.date_expr and specificity(e.date_expr) < specificity(when.expr)))),
                  None)
    if target is not None:
        target.date_expr, target.date = when.expr, resolve(when.expr, anchor)
        target.place = target.place or town


RESPONSE = re.compile(
    r"\b(?:police|officers?|deputies|troopers|firefighters|crews|medics|paramedics|"
    r"responders|personnel)\b[^.;]{0,60}?\b(?:responded|were\s+(?:called|dispatched|"
    r"summoned)|arrived)\b", re.IGNORECASE)
"""A sentence of the police's response ("Deputies responded around 5 p.m. Oct. 11 to a
home"): its day is the day of the happening they answered."""
_RESPONSE_VERBS = ("responded", "arrived", "called", "dispatched", "summoned")


def is_response(sentence: str) -> bool:
    """Whether a sentence tells the police's response (`RESPONSE`; its verb, a rare word,
    is looked for first)."""
    return any(v in sentence for v in _RESPONSE_VERBS) and RESPONSE.search(sentence) is not None


_DAY = SPECIFICITY["weekday"]
"""The least specificity of a day (a weekday, "yesterday")."""


def date_by_response(events: list[EventCandidate], responses: list[Span], text: str,
                     anchor: datetime | None) -> None:
    """Give the day of the first response sentence that names one to the article's first
    undated happening, when no happening of the article has a day."""
    if not responses or any(happening(e) and e.date and e.date.precision == "day"
                            for e in events):
        return
    target = next((e for e in events if happening(e) and e.date is None), None)
    for sentence in responses if target else []:
        when = max(find_dates(text, sentence.start, sentence.end),
                   key=lambda d: specificity(d.expr), default=None)
        if when is not None and specificity(when.expr) >= _DAY:
            target.date_expr, target.date = when.expr, resolve(when.expr, anchor)
            return


def identifications(events: list[EventCandidate], sentences: list[Span],
                    mentions: list[Mention]) -> None:
    """People a sentence identifies as victims or suspects ("police identified the victim
    as X") join the article's first violent event."""
    target = next((e for e in events if e.type in VIOLENT), None)
    if target is None:
        return
    for sentence in sentences:
        has_cue = "identif" in sentence.text or "named" in sentence.text
        found = identified(sentence.text) if has_cue else None
        if found is None:
            continue
        at, role = sentence.start + found[0], found[1]
        for m in mentions:
            if at <= m.start < sentence.end and m.kind == "person" and not any(
                    p[0] == m.actor for p in target.participants):
                target.participants.append((m.actor, "person", role))
