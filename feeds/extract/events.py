"""Event candidates of one article, at sentence and clause level.

Contract: `find_events(text, sentences, mentions, attributions, anchor)` returns
`EventCandidate`s in text order. Each clause (see `sentences.clauses`) gives at
most one event: its first trigger (see `triggers`), its actors (canonical names
of the non-place mentions of the clause, attribution phrases excluded, ordered
acting actor first and target second by `roles`; `target` set when known), its
place (the first place named in it), its figures (`figures`), and its date (the
most specific date expression of the clause, among day-level ones the nearest
to the trigger that gives its type (to the violence of a death by violence; a wound's
date, "died Monday of a wound suffered Saturday", dates an attack), never a dateline's
filing date "OMAHA, Oct. 6 (AP) --"; `date` is it resolved against `anchor`, None
without an anchor; when no happening of the lead is dated, a day the headline gives,
"Two teens die early Thursday", dates the first, and when none gives a casualty figure,
the headline's toll is the first's). Reported speech "X said (Sunday) (that)
<content>" gives a statement (01) by X dated by the speech date, and the
content's own event with `attributed_to=X` and only the content's own date; so does
"<content>, said Dr. X" (the speaker named right after a speech verb that follows a
comma). An event's place is none of a hometown ("John Doe, of Tulsa", "Ann Lee of
Tulsa", "a Vista boy"), an agency's town ("a Santa Cruz deputy"), a city whose suburb is
named next, a street, a date ("Thanksgiving") or a word of a longer unknown name; a
neighbourhood several places share ("Hyde Park") is the city whose police the article
quotes ("Boston police said": Boston).
A continuation clause (", which killed ...", ", wounding ...") adds its figures,
actors (the first new one as target) and place to the violent event (or disaster,
accident, crime) before it
instead of making a new one. Quotations give no events. Summaries are cut from
the clause by `summary.summarize` (date phrase, framing and attribution out).
Triggers are found once per sentence and dates once, when first needed, then shared
by its clauses; a sentence repeated word for word gives nothing the second time. A
speaker is a mention before the speech verb and close to it (not across ", and",
nine words, or a comma and the verb's own common-noun subject: "X, officials said").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from feeds.extract.dates import DateMatch, find_dates, resolve, specificity
from feeds.extract.figures import figures
from feeds.extract.frames import frames_the_date, ruled_as
from feeds.extract.gazetteer import gazetteer
from feeds.extract.geo import is_town
from feeds.extract.headline_event import DAY_LEVEL as _DAY_LEVEL
from feeds.extract.lead import (
    FILED,
    FILED_REACH,
    IT_HAPPENED,
    LEAD,
    date_back,
    date_by_response,
    from_headline,
    happening,
    identifications,
    is_response,
)
from feeds.extract.neighbourhoods import agency_areas
from feeds.extract.participants import CAUSES, VIOLENT, participants
from feeds.extract.roles import roles
from feeds.extract.scene import (
    STREETS,
    agency_city,
    best,
    named_town,
    other_state,
    residence_town,
    scene_of,
    street_names,
    title_city,
    written_as_name,
)
from feeds.extract.sentences import Span, clauses
from feeds.extract.summary import continuation, noun_phrase_start, summarize, summarize_cut
from feeds.extract.triggers import Trigger, find_triggers
from feeds.model import Attribution, EventCandidate, Mention

_QUOTE = re.compile(r"\"[^\"]*\"|“[^”]*”")
_SPEECH = re.compile(r"\b(?:said|says|say|told|announced|stated|declared|added|reported|confirmed|"
                     r"noted|stressed|emphasi[sz]ed|reiterated|warned|claimed|agreed|insisted)\b")
_THAT = re.compile(r"(?:\s*,)?\s+that\b")
_CONTINUATION = {"which", "that", "wounding", "killing", "injuring", "leaving"}
_VIOLENT = {"18", "19", "20"}
_DROP_ALWAYS = ("weekday", "rel-day", "rel-week", "rel-month", "rel-year", "ymd", "md", "holiday",
                "weekend")
_ON = re.compile(r"\b(?:(?:early|late)\s+)?(?:on|in)\s+(?:(?:early|late)\s+)?$", re.IGNORECASE)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)\b", re.IGNORECASE)
_VIOLENCE = re.compile(r"\b(?:gun\w*|shot|shoot\w*|stabb\w*|knife|bomb\w*|(?<!heart )attack\w*|"
                       r"murder\w*|"
                       r"homicide|sniper|militants?|fighters|troops|airstrikes?|strikes?|"
                       r"assault\w*|beat(?:en|ing)|fired)\b", re.IGNORECASE)
"""Words that make a death or an injury an attack ("a gunman killed two guards")."""
_STATISTIC = re.compile(
    r"\b(?:in\s+(?:two\s+|three\s+)?separate\s+(?:[\w-]+\s+){0,2}?"
    r"(?:incidents|shootings|attacks|cases|crashes)|"
    r"so\s+far\s+this\s+year|(?:since|in)\s+the\s+(?:start|beginning)\s+of\s+the\s+year|"
    r"in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months|years|decades?))\b", re.IGNORECASE)
"""A count of several incidents, not one's toll ("two students have died in separate
incidents", "12 killed so far this year"): its clause gives no figure."""
_REFERS_BACK = re.compile(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
"""Before a trigger: it names an event already reported ("the crash", "the fatal shooting")."""
_HOME_AFTER = re.compile(r"(?:-area)?\s+(?:man|woman|men|women|boy|girl|teen|teenager|toddler|"
                         r"youth|residents?|natives?|family|couple|mother|father|son|daughter|"
                         r"child|children|student|infant|baby|native)\b")
_AGENCY_AFTER = re.compile(r"(?:'s)?\s+(?:county\s+|County\s+)?(?:suburbs?\s+of|police|Police|"
                           r"deputy|Deputy|deputies|Deputies|sheriff|Sheriff|officers?|"
                           r"Officers?|troopers?|detectives?|Detectives?)\b")
"""After a place, words that make it an agency's town ("a Santa Cruz deputy"): who acts,
not where (the scene takes the agency's town: `scene.agency_city`); or the city whose
suburb is named next ("the west Houston suburb of Katy": Katy)."""
_HOME_BEFORE = re.compile(r"(?:,\s+(?:both\s+|all\s+)?of|\b(?:natives?|residents?)\s+of|"
                          r"\bfrom\s+the\s+(?:town|city|village)\s+of)\s+(?:the\s+)?$")
"""Around a place, words that make it someone's hometown."""
_STREET_BEFORE = re.compile(r"\bblock\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_STREET_AFTER = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in STREETS) + r")(?!\w)")
"""Around a place, words that make it a street ("the 7700 block of Utica", "Utica Avenue")."""
_DIED = re.compile(r"(?:,[^,.;]{1,40},)?\s+(?:has\s+|had\s+|later\s+)?(?:died|dies|was\s+"
                   r"(?:pronounced|found)\s+dead|was\s+(?:fatally\s+|accidentally\s+)?shot|"
                   r"was\s+killed|was\s+wounded|was\s+injured)\b")
"""After a person's name: that person died or was hurt ("Ann Lee, 10, died")."""
_FAR_SPEAKER = re.compile(r",\s+and\b|(?:\S+\s+){9}|,\s+(?:[a-z]+\s+){1,3}$")


@dataclass(slots=True)
class _Context:
    text: str
    mentions: list[Mention]
    starts: list[int]
    attributions: list[Attribution]
    anchor: datetime | None
    quotes: list[tuple[int, int]]
    excluded: list[tuple[int, int]]
    """Quotations and 'according to' phrases: no actors, triggers or dates there."""
    sentence: Span
    triggers: list[Trigger]
    """The sentence's triggers, found once."""
    not_places: frozenset[str] = frozenset()
    """Place names that open a person's name in the article ("Kyle" of "Kyle Carney")."""
    streets: frozenset[str] = frozenset()
    """Of those, the words of its street names (`scene.street_names`)."""
    found_dates: list[DateMatch] | None = None
    """The sentence's dates outside quotations, found on first use (see `_dates`)."""


def _mentions_in(mentions: list[Mention], starts: list[int], sentence: Span) -> list[Mention]:
    """The mentions of a sentence (`starts`: the mentions' starts, in text order)."""
    first = bisect_left(starts, sentence.start)
    return mentions[first:bisect_left(starts, sentence.end, first)]


def _names_in(mentions: list[Mention], starts: list[int], sentence: Span) -> list[tuple[int, int]]:
    """The spans of the names in a sentence."""
    return [(m.start, m.end) for m in _mentions_in(mentions, starts, sentence)]


def _town_in(mentions: list[Mention], starts: list[int], sentence: Span) -> str | None:
    """The most specific town a sentence names ("It happened ... in Buckner"), if any."""
    return best([m.actor for m in _mentions_in(mentions, starts, sentence)
                 if m.kind == "place" and is_town(m.actor)])


def _unnamed(text: str, triggers: list[Trigger], names: list[tuple[int, int]],
             opening: int) -> list[Trigger]:
    """The triggers that are no word of a name: a capitalised trigger inside a name, past
    the sentence's first word, is the name's ("the Summit County Medical Examiner", "Attack
    Records"; but "an anti-Daesh coalition formed in 2014" is a forming)."""
    if not names:
        return triggers
    return [t for t in triggers if t.start == opening or not text[t.start].isupper()
            or not any(a <= t.start < b for a, b in names)]


def find_events(text: str, sentences: list[Span], mentions: list[Mention],
                attributions: list[Attribution], anchor: datetime | None,
                title: str = "", officials: frozenset[str] = frozenset()
                ) -> list[EventCandidate]:
    """Every event candidate of the article, in text order (`officials`: the people whose
    titles are of office, never suspects)."""
    events: list[EventCandidate] = []
    according = [(a.start, a.end) for a in attributions if a.text.lower().startswith("according")]
    starts = [m.start for m in mentions]
    seen: set[str] = set()
    responses: list[Span] = []  # "Deputies responded ... Oct. 11 to a home": no event
    where, headlined = scene_of(text, [s.text for s in sentences[:LEAD]], title)
    where = where or agency_city(text)
    local = named_town(text) if where is None else None
    titled = title_city(title, text) if where is None else None
    streets = frozenset(street_names(text, mentions))
    given = _given_names(text, mentions) | streets
    for number, sentence in enumerate(sentences):
        if sentence.text in seen:  # a repeated paragraph or caption reports nothing new
            continue
        seen.add(sentence.text)
        quoted = "\"" in sentence.text or "“" in sentence.text
        quotes = [(sentence.start + m.start(), sentence.start + m.end())
                  for m in _QUOTE.finditer(sentence.text)] if quoted else []
        triggers = [t for t in _unnamed(
            text, find_triggers(text, sentence.start, sentence.end, quotes),
            _names_in(mentions, starts, sentence), sentence.start) if not ruled_as(text, t.start)]
        if not triggers and not _SPEECH.search(sentence.text):
            if IT_HAPPENED.match(sentence.text):
                date_back(events, number, sentence, text, anchor,
                          _town_in(mentions, starts, sentence))
            elif is_response(sentence.text):
                responses.append(sentence)
            continue  # most sentences: nothing more to build for them
        inside = [a for a in attributions if sentence.start <= a.start < sentence.end]
        ctx = _Context(text, mentions, starts, inside, anchor, quotes, quotes + according,
                       sentence, triggers, given, streets)
        found = _sentence_events(ctx, sentence)
        for event in found:
            event.sentence_no = number
            event.place = _scene_place(event, where, local, titled, headlined)
            event.participants = _participants(text, event, mentions, sentence, officials)
        events.extend(found)
    identifications(events, sentences, mentions)
    from_headline(events, title, anchor, where, text, sentences)
    date_by_response(events, responses, text, anchor)
    agency_areas(events, text)
    return events



def _scene_place(event: EventCandidate, where: str | None, local: str | None,
                 titled: str | None, headlined: bool = False) -> str | None:
    """An event's place given its article's scene: the dateline, "Town, State" or the town
    whose police the article quotes wins over a clause's place as specific (it is where
    the news happened), and names the place of an event that has none; a town of the
    headline (`headlined`) yields to a town the clause names ("shooting ... in Hopkins",
    then "called to a shooting in White Plains"); else a town the article calls one
    (`local`) names the place of a placeless happening (`lead.happening`: not a call or a
    statement), and a city of the title that of a placeless happening of the lead."""
    if where and headlined and event.place and is_town(event.place.partition(",")[0]):
        return event.place
    if where:  # but a clause's other state ("the Oregon shooting" in Arizona) is another's
        return event.place if other_state(event.place, where) else (
            best([where, event.place]) if event.place else where)
    if event.place is None and local and happening(event):
        return local
    if event.place is None and event.sentence_no < LEAD and happening(event):
        return titled
    return event.place


def _participants(text: str, event: EventCandidate, mentions: list[Mention],
                  sentence: Span, officials: frozenset[str]) -> list[tuple[str, str, str]]:
    """The event's actors with their kinds and roles (`participants`); in a violent event a
    person who died or was hurt ("X, 10, died") is a victim; an official is no suspect."""
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end
              and m.actor in event.actors]
    kinds = {m.actor: m.kind for m in inside}
    found = [(name, kind, "official" if role == "suspect" and name in officials else role)
             for name, kind, role in participants(event.type, event.actors, event.target,
                                                  kinds)]
    if event.type not in VIOLENT:
        return found
    dead = {m.actor for m in inside if m.kind == "person" and _DIED.match(text, m.end)}
    return [(name, kind, "victim" if name in dead else role) for name, kind, role in found]


def _dates(ctx: _Context) -> list[DateMatch]:
    """The sentence's dates outside quotations: found when first asked for, as a third of
    the sentences read give no event and need none."""
    if ctx.found_dates is None:
        sentence = ctx.sentence
        filed = FILED.match(ctx.text) if sentence.start < FILED_REACH else None
        ctx.found_dates = [d for d in find_dates(ctx.text, sentence.start, sentence.end)
                           if not _inside(ctx.quotes, d.start)
                           and not (filed and d.start < filed.end())]
    return ctx.found_dates


def _sentence_events(ctx: _Context, sentence: Span) -> list[EventCandidate]:
    out: list[EventCandidate] = []
    cited = next((a.cited for a in ctx.attributions
                  if a.text.lower().startswith("according")), None)
    for clause in clauses(sentence):
        speech = _speech(ctx, clause)
        if speech:
            statement, content = speech
            if statement:
                out.append(statement)
            if content:
                out.append(content)
            continue
        event = _event(ctx, sentence, clause.start, clause.end, cited)
        if (clause.cue in _CONTINUATION and out and _harmful(out[-1])
                and (event is None or event.cameo[:2] in _VIOLENT)):
            _continue(ctx, out[-1], clause)
            continue
        if event:
            out.append(event)
    return out


def _harmful(event: EventCandidate) -> bool:
    """Whether an event can take a continuation's toll (", killing 12"): violence, or a
    disaster, an accident or a crime."""
    return event.cameo[:2] in _VIOLENT or event.type.partition(".")[0] in CAUSES


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return bool(spans) and any(a <= at < b for a, b in spans)  # mostly none: no generator


def _mentions(ctx: _Context, start: int, end: int) -> list[Mention]:
    out = []
    for k in range(bisect_left(ctx.starts, start), len(ctx.starts)):
        m = ctx.mentions[k]
        if m.start >= end:
            break
        if not _inside(ctx.excluded, m.start):
            out.append(m)
    return out


_LOCATIVE = re.compile(r"\b(?:in|at|near|from|of|outside|to|into|across)\s+(?:the\s+)?$")
"""Before a place that is also a given name: words that make it a place ("in Austin")."""


def _given_names(text: str, mentions: list[Mention]) -> frozenset[str]:
    """Places that are no place in the article: a word of a person's name ("Kyle" and
    "Carney" of "Kyle Carney", so "Carney said" names no town), a given name read as a town
    unless written where a place is ("his brother Austin" but "in Austin"), or a one-word
    place never written as a proper noun (capitalised after a lower-case word: "Video Man
    playing" of a caption is no town of Man), or a date or a word of a longer name
    (`_no_place`)."""
    names = gazetteer().first_names
    given = {word for m in mentions if m.kind == "person" and " " in m.actor
             for word in m.actor.split(" ")}
    given |= {m.actor for m in mentions if m.kind == "place" and m.actor in names
              and not _LOCATIVE.search(text, max(0, m.start - 12), m.start)}
    single = {m.actor for m in mentions if m.kind == "place" and " " not in m.actor}
    given |= {p for p in single if not written_as_name(text, p)}
    given |= {m.actor for m in mentions if m.kind == "place" and _no_place(text, m)}
    return frozenset(given)


_NAME_GOES_ON = re.compile(r" (?!(?:County|Co\.|Parish|Township|City|Police|Sheriff)\b)[A-Z][a-z]")


@lru_cache(maxsize=4096)
def _a_date(name: str) -> bool:
    """Whether a name is a date expression from end to end ("Thanksgiving")."""
    return any(d.start == 0 and d.end == len(name) for d in find_dates(name, 0, len(name)))


def _no_place(text: str, mention: Mention) -> bool:
    """Whether a place mention is a date ("Thanksgiving", "Father's Day") or one word of a
    longer name the gazetteer does not know as a town ("High" of "High Noon Gun Range")."""
    name = mention.actor
    if _a_date(name):
        return True
    return (" " not in name and not is_town(name)
            and _NAME_GOES_ON.match(text, mention.end) is not None)


def _places(ctx: _Context, mentions: list[Mention]) -> list[str]:
    """The places of a clause's mentions, not a hometown ("a Vista boy", "John Doe, of
    Palisade", "Ann Lee of Tulsa"): where someone comes from is not where the news
    happened; nor a street named after a town ("the 7700 block of Utica", "on Utica
    Avenue")."""
    people_end = {m.end for m in mentions if m.kind == "person"}
    return [m.actor for m in mentions if m.kind == "place" and m.actor not in ctx.not_places
            and not _HOME_AFTER.match(ctx.text, m.end)
            and not _AGENCY_AFTER.match(ctx.text, m.end)
            and not (m.start - 4 in people_end and ctx.text[m.start - 4:m.start] == " of ")
            and not _HOME_BEFORE.search(ctx.text, max(0, m.start - 24), m.start)
            and not _STREET_BEFORE.search(ctx.text, max(0, m.start - 16), m.start)
            and not _STREET_AFTER.match(ctx.text, m.end)]


def _actors(mentions: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.kind != "place" and m.actor not in out:
            out.append(m.actor)
    return out


def _date(ctx: _Context, start: int, end: int, near: int | None = None) -> DateMatch | None:
    """The clause's date: the most specific; among day-level dates, the nearest to `near`."""
    found = [d for d in _dates(ctx) if start <= d.start and d.end <= end]
    if not found:
        return None
    if near is not None:
        return max(found, key=lambda d: (specificity(d.expr) >= _DAY_LEVEL, -abs(d.start - near)))
    return max(found, key=lambda d: (specificity(d.expr), -d.start))


def _date_span(ctx: _Context, match: DateMatch | None, start: int) -> list[tuple[int, int]]:
    """The date phrase to leave out of the summary ("on Sunday", "in 2014"; not "since 2014")."""
    if match is None:
        return []
    kind = match.expr.split(":", 1)[0]
    if kind not in _DROP_ALWAYS and not match.text.lower().startswith(("in ", "on ", "during ")):
        return []
    lead = _ON.search(ctx.text, max(start, match.start - 12), match.start)
    tail = _PART_OF_DAY.match(ctx.text, match.end)
    return [(lead.start() if lead else match.start, tail.end() if tail else match.end)]


def _pick(ctx: _Context, triggers: list[Trigger], start: int, end: int,
          figs: dict[str, int]) -> tuple[Trigger, Trigger] | None:
    """The first trigger that reports an event (a definite noun only in a dated clause, a
    casualty word only with a figure), and the one that gives its type: when the first is
    a casualty word or a frame of talk (an investigation, a condemnation), the first later
    one that names a new cause of deaths (`CAUSES`; "the crash" refers back), if any
    ("ten people were killed when an earthquake struck" reports the earthquake, with its
    toll; "police are investigating a shooting", the shooting; its actors are read as
    before); else the first ("she died at a hospital" is a death, "a jury found him guilty
    of fraud" a conviction)."""
    qualified = [t for t in triggers
                 if not ((t.casualty and not figs) or (t.definite and not _dated(ctx, start, end)))]
    if not qualified:
        return None
    first = qualified[0]
    if first.type == "Life.Health" and "killed" in figs:  # "rushed to a hospital where he died"
        died = next((t for t in qualified if t.type == "Life.Die"), None)
        return (died, died) if died else (first, first)
    if not (first.casualty or first.type == "Statement.Statement"):
        return first, first
    return first, next((t for t in qualified if not t.casualty and not t.definite
                        and t.type.partition(".")[0] in CAUSES
                        and not _REFERS_BACK.search(ctx.text, max(start, t.start - 24), t.start)
                        and not _QUALIFIER.match(ctx.text, t.start)), first)

_QUALIFIER = re.compile(r"\w+(?:en|ed)\s+(?:gun|weapon|handgun|pistol|rifle|firearm|car|"
                        r"vehicle|truck|property|goods)s?\b", re.IGNORECASE)
"""A participle that qualifies a thing ("killed with a stolen gun"): no cause of its own."""

_WOUNDED_ON = re.compile(r"\b(?:suffered|sustained|received|inflicted)\s+(?:on\s+|late\s+|"
                         r"early\s+)?$", re.IGNORECASE)
"""Before a date: the day of the wound ("died Monday of a gunshot wound suffered
Saturday"), which is the attack's."""


def _wounded_on(ctx: _Context, start: int, end: int) -> DateMatch | None:
    """The clause's date of a wound, if it gives one."""
    return next((d for d in _dates(ctx) if start <= d.start and d.end <= end
                 and _WOUNDED_ON.search(ctx.text, max(start, d.start - 24), d.start)), None)


def _dated(ctx: _Context, start: int, end: int) -> bool:
    """Whether text[start:end] holds a date of the sentence."""
    return any(start <= d.start and d.end <= end for d in _dates(ctx))


def _event(ctx: _Context, sentence: Span, start: int, end: int,
           attributed: str | None) -> EventCandidate | None:
    """The event of text[start:end], if it reports one."""
    triggers = [t for t in ctx.triggers if start <= t.start and t.end <= end]
    if not triggers:
        return None
    piece = ctx.text[start:end]
    figs = {} if _STATISTIC.search(piece) else figures(piece)
    picked = _pick(ctx, triggers, start, end, figs)
    if picked is None:
        return None
    trigger, kind = picked
    event_type, near = kind.type, kind.start
    violence = _VIOLENCE.search(piece) if kind.casualty and event_type in VIOLENT else None
    if violence:  # "a gunman killed two guards": an attack, not a death, dated as the attack
        event_type, near = "Conflict.Attack", max(kind.start, start + violence.start())
    when = _date(ctx, start, end, near)
    if event_type in VIOLENT and when and frames_the_date(ctx.text, start, near, when.start,
                                                          when.end):
        when = None  # "a teen accused of shooting her brother was back in court Thursday"
    if event_type in VIOLENT and when is not None:
        when = _wounded_on(ctx, start, end) or when
    cut = noun_phrase_start(ctx.text, start, trigger.start)
    mentions = _mentions(ctx, start if cut is None else cut, end)
    people = [m for m in mentions if m.kind != "place"]
    actors, target = roles(ctx.text, people, trigger.start, trigger.end, start)
    place = best(_places(ctx, mentions)) or residence_town(piece, ctx.streets)
    expr = when.expr if when else None
    summary = summarize_cut(ctx.text, start, end, cut, _date_span(ctx, when, start))
    return EventCandidate(
        cameo=kind.cameo, type=event_type, sentence=sentence.text,
        start=start, end=end, summary=summary, date_expr=expr,
        date=resolve(expr, ctx.anchor), actors=actors, target=target, place=place,
        figures=figs, attributed_to=attributed,
    )


def _continue(ctx: _Context, event: EventCandidate, clause: Span) -> None:
    """Add a continuation clause's figures, actors, place and date to `event`."""
    for key, value in figures(clause.text).items():
        event.figures.setdefault(key, value)
    mentions = _mentions(ctx, clause.start, clause.end)
    new = [a for a in _actors(mentions) if a not in event.actors]
    if new and event.target is None and event.actors:
        event.target = new[0]
        event.actors.insert(1, new.pop(0))
    event.actors.extend(new)
    if event.place is None:
        event.place = best(_places(ctx, mentions))
    when = None
    if event.date_expr is None:
        when = _date(ctx, clause.start, clause.end)
        event.date_expr = when.expr if when else None
        event.date = resolve(event.date_expr, ctx.anchor)
    event.end = clause.end
    event.summary += continuation(ctx.text, clause.start, clause.end,
                                  _date_span(ctx, when, clause.start))


def _speech(ctx: _Context,
            clause: Span) -> tuple[EventCandidate | None, EventCandidate | None] | None:
    """A statement and its content, if the clause is reported speech (the first speech
    verb that gives one: "X confirmed the call and said (that) ..." reads the "said")."""
    for verb in _SPEECH.finditer(ctx.text, clause.start, clause.end):
        if _inside(ctx.quotes, verb.start()):
            continue
        found = _speech_at(ctx, clause, verb)
        if found:
            return found
    return None


def _speech_at(ctx: _Context, clause: Span,
               verb: re.Match[str]) -> tuple[EventCandidate | None, EventCandidate | None] | None:
    head = _mentions(ctx, clause.start, verb.start())
    if head and _FAR_SPEAKER.search(ctx.text, head[-1].end, verb.start()):
        head = []  # "X's group fired at a car, and his friends told police ...": not X
    speakers = _actors(head)
    if not speakers:
        return _inverted(ctx, clause, verb)
    content_start = _content_start(ctx, verb, clause.end)
    if content_start is None:
        return None
    rest = ctx.text[content_start:clause.end]
    sentence = Span(clause.start, clause.end, clause.text)
    after = _after_comma(ctx, clause, verb)
    if after is not None:  # "X was shot in Toledo, said Dr. Ann Lee": Lee says it
        return (_statement(ctx, clause, [after.actor], verb.start(), clause.end),
                _event(ctx, sentence, clause.start, verb.start(), after.actor))
    if len(rest.split()) < 3:
        comma = ctx.text.rfind(",", clause.start, head[-1].start)
        if comma < 0:
            return None
        speakers = [head[-1].actor]
        content = _event(ctx, sentence, clause.start, comma, speakers[0])
        return _statement(ctx, clause, speakers, head[-1].start, clause.end), content
    statement = _statement(ctx, clause, speakers, clause.start, content_start)
    return statement, _event(ctx, sentence, content_start, clause.end, speakers[0])


def _after_comma(ctx: _Context, clause: Span, verb: re.Match[str]) -> Mention | None:
    """The speaker named right after a speech verb that follows a comma and ends the
    clause (", said Dr. Ann Lee, the coroner"), if any: the clause before it is the content."""
    if not ctx.text[clause.start:verb.start()].rstrip().endswith(","):
        return None
    after = [m for m in _mentions(ctx, verb.end(), clause.end) if m.kind != "place"]
    if not after or len(ctx.text[verb.end():after[0].start].split()) > 2:
        return None
    return after[0]


def _content_start(ctx: _Context, verb: re.Match[str], end: int) -> int | None:
    """Where the reported content starts after the speech verb; None if it is no speech."""
    at = verb.end()
    dates = find_dates(ctx.text, at, min(end, at + 30))
    if dates and not ctx.text[at : dates[0].start].strip():
        at = dates[0].end
    that = _THAT.match(ctx.text, at)
    if that:
        return that.end()
    strong = verb.group() in gazetteer().strong_speech_verbs
    return at if strong else None


def _inverted(ctx: _Context, clause: Span,
              verb: re.Match[str]) -> tuple[EventCandidate, None] | None:
    """'"...," said spokesperson X': a statement by X whose content is the quotation."""
    before_verb = ctx.text[max(clause.start, verb.start() - 4) : verb.start()]
    if not before_verb.strip().endswith(("\"", "”")):
        return None
    after = [m for m in _mentions(ctx, verb.end(), min(clause.end, verb.end() + 40))
             if m.kind != "place"]
    if not after:
        return None
    return _statement(ctx, clause, [after[0].actor], clause.start, clause.end), None


def _statement(ctx: _Context, clause: Span, speakers: list[str], start: int,
               end: int) -> EventCandidate:
    when = _date(ctx, start, end)
    expr = when.expr if when else None
    summary = summarize(ctx.text, clause.start, clause.end, None,
                        _date_span(ctx, when, clause.start), speech=True)
    return EventCandidate(
        cameo="01", type="Statement.Statement", sentence=clause.text, start=clause.start,
        end=clause.end, summary=summary, date_expr=expr,
        date=resolve(expr, ctx.anchor), actors=list(speakers),
    )
