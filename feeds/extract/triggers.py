"""Event triggers: which CAMEO root a piece of text reports, from data/events.json.

Contract: `find_triggers(text, start, end, skip)` returns the `Trigger`s in
text[start:end] left to right, leaving out those inside `skip` spans (quotations)
and noun triggers after a definite determiner ("the attack", "this call"), which
refer back to an event already reported (a past-tense verb form such as "met
with" or "attacked" after "The ministers" is no noun). `root_name(code)` is the readable
CAMEO root name ("04" -> "consult").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from feeds.extract.alternation import by_first_character
from feeds.extract.ontology import default_type
from feeds.extract.resources import load_json

_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_INDEFINITE = {"a", "an", "another", "new", "fresh"}
_WORD = re.compile(r"[\w'’-]+")
_PHRASE_END = re.compile(r"[,;:()\"“”]")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that reports an event of a CAMEO root."""

    cameo: str
    start: int
    end: int
    type: str = "Statement.Statement"
    """Its type in the ontology (`feeds.extract.ontology`), "Type.Subtype"."""
    casualty: bool = False
    """Only a casualty word ("killed"): an event only if a figure comes with it."""
    definite: bool = False
    """A noun after 'the'/'this': a back-reference unless the clause has its own date."""


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a trigger pattern of data/events.json reports."""

    cameo: str
    type: str
    noun: bool
    casualty: bool


@dataclass(frozen=True, slots=True)
class _Lexicon:
    finder: re.Pattern[str]
    """Every trigger pattern, its alternatives tried in data order; each alternative ends in
    an empty group named after its pattern (`kinds`)."""
    kinds: dict[str, _Kind]
    """A group name of `finder` -> what the pattern it marks reports."""
    roots: dict[str, str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_json("events.json")
    patterns = [t["pattern"] for t in data["triggers"]]
    kinds = [_Kind(str(t["cameo"]), t.get("type") or default_type(str(t["cameo"])), bool(t["noun"]),
                   bool(t.get("casualty"))) for t in data["triggers"]]
    # regrouped by first letter where it can be (see `alternation`): about twice as fast to
    # find. Else one flat alternation ("a|b" joined with "c|d" is "a|b|c|d", tried in the same
    # order), where (?=\w) passes a word's end over at once (every trigger opens with a letter)
    grouped = by_first_character(patterns, tag="t")
    flat = "|".join(f"(?:{p})(?P<t{n}_0>)" for n, p in enumerate(patterns))
    finder = re.compile(r"\b(?:" + grouped + ")" if grouped else r"\b(?=\w)(?:" + flat + ")")
    # group "t{n}_{k}" ends an alternative of pattern n
    names = {name: kinds[int(name[1:].partition("_")[0])] for name in finder.groupindex}
    return _Lexicon(finder, names, data["roots"])


def root_name(code: str) -> str:
    """The readable name of a CAMEO root code."""
    return _lexicon().roots.get(code[:2], "event")


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    """`text` lower-cased, if that keeps every offset (else the text itself)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text


def find_triggers(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Trigger]:
    """The triggers of text[start:end], offsets into `text`."""
    lex = _lexicon()
    lowered = _lowered(text)
    out = []
    for m in lex.finder.finditer(lowered, start, end):
        if skip and any(a <= m.start() < b for a, b in skip):
            continue
        kind = lex.kinds[m.lastgroup or ""]
        definite = kind.noun and not _verbal(m.group()) and _after_definite(text, start, m.start())
        out.append(Trigger(kind.cameo, m.start(), m.end(), kind.type, kind.casualty, definite))
    return out


_VERBS = frozenset({"met", "fought", "spoke", "held", "shot", "visited", "discussed"})


def _verbal(found: str) -> bool:
    """Whether a trigger match reads as a past-tense verb ("met with", "attacked"), not a noun."""
    first = found.split(" ", 1)[0]
    return first in _VERBS or (first.endswith("ed") and len(first) > 4)


def _after_definite(text: str, start: int, at: int) -> bool:
    """Whether the nearest determiner before `at` (up to four words back) is definite."""
    window = _PHRASE_END.split(text[max(start, at - 60) : at])[-1]
    words = _WORD.findall(window)[-4:]
    for word in reversed(words):
        w = word.lower()
        if w in _DEFINITE or w.endswith(("'s", "’s")) and w not in ("it's",):
            return w in _DEFINITE
        if w in _INDEFINITE:
            return False
    return False
