"""Event triggers: which event a piece of text reports, its type and CAMEO code, from
data/events.json.

Contract: `find_triggers(text, start, end, skip)` returns the `Trigger`s in
text[start:end] left to right, leaving out those inside `skip` spans (quotations). Each
has its event type in the ontology (`feeds.extract.ontology`, "Type.Subtype": the type a
pattern names, else `default_type(cameo)`) and its CAMEO code, "" for news CAMEO has no
code for (a birth, an earthquake, a merger, a verdict, a match). `casualty` marks a bare
casualty word ("killed", "died": Life.Die; "wounded", "injured": Life.Injure; CAMEO 19),
an event only with a figure; `definite` a noun trigger after a definite determiner ("the
attack", "this call"), which refers back to an event already reported, where a trigger
that opens with a verb ("met with", "attacked", "was shot", "won") is no noun whatever
precedes it. Where patterns match at one place, the first in data order wins; the data
spells out the readings of an ambiguous word by their context, so that a reading not
meant does not match at all ("fired as coach", "was fired on Monday": End-Position;
"fired at police": Attack; "charged with leading": no trigger).

Speed: `find_triggers` runs on every sentence of every article. The patterns' alternatives
are unfolded by first character (`alternation`) and merged on their literal prefixes
(`_trie`), so that a word is compared only with the alternatives that share its first
letters; the scanner carries no groups, and which pattern a trigger is of is read after,
by matching there the few patterns that may open with its first two characters
(`pattern_at`). A pattern that cannot be unfolded leaves the scanner grouped by first
character or flat: slower, never different. The scanner's compiled code is cached on the
machine (`regexcache`: its 140 KB take 0.3 s to compile), and so is each pattern, when a
trigger first needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from feeds.extract.alternation import alternative_heads, by_first_character, split_alternatives
from feeds.extract.ontology import default_type
from feeds.extract.regexcache import compiled as cached
from feeds.extract.resources import load_json

_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_INDEFINITE = {"a", "an", "another", "new", "fresh"}
_WORD = re.compile(r"[\w'’-]+")
_PHRASE_END = re.compile(r"[,;:()\"“”]")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that reports an event: its CAMEO code ("" where CAMEO has none)."""

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
    scanner: re.Pattern[str]
    """Every trigger pattern, its alternatives tried in data order: where triggers are."""
    units: dict[str, list[tuple[str, int]]]
    """A first character -> the alternatives that open with it ((the rest, pattern number),
    in the order they are tried); empty when the scanner's own groups name the pattern
    (patterns that cannot be unfolded)."""
    patterns: list[str]
    numbered: list[_Kind]
    """What each pattern reports, by its number."""
    kinds: dict[str, _Kind]
    """A group name of the grouped scanner (when `units` is empty) -> what its pattern reports."""
    namers: dict[str, tuple[int, ...]]
    """By the first two characters of a trigger, the numbers of the patterns it may be of
    (see `pattern_at`; made when first needed)."""
    compiled: dict[int, re.Pattern[str]]
    """The patterns compiled so far, by number (see `pattern_at`)."""


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The trigger patterns of data/events.json, compiled once per process."""
    data = load_json("events.json")
    patterns = [t["pattern"] for t in data["triggers"]]
    numbered = [_Kind(str(t["cameo"]), t.get("type") or default_type(str(t["cameo"])),
                      bool(t["noun"]), bool(t.get("casualty"))) for t in data["triggers"]]
    units = _units(patterns)
    if units is None:
        # grouped by first letter where it can be (see `alternation`), else one flat
        # alternation ("a|b" joined with "c|d" is "a|b|c|d", tried in the same order), where
        # (?=\w) passes a word's end over at once (every trigger opens with a letter or digit)
        grouped = by_first_character(patterns, tag="t")
        flat = "|".join(f"(?:{p})(?P<t{n}_0>)" for n, p in enumerate(patterns))
        scanner = cached(r"\b(?:" + grouped + ")" if grouped else r"\b(?=\w)(?:" + flat + ")")
        names = {name: numbered[int(name[1:].partition("_")[0])] for name in scanner.groupindex}
        return _Lexicon(scanner, {}, patterns, numbered, names, {}, {})
    by_char: dict[str, list[tuple[str, int]]] = {}
    for first, rest, n in units:
        by_char.setdefault(first, []).append((rest, n))
    scanner = cached(r"\b(?:" + "|".join(
        f"{re.escape(c)}(?:{_trie(items)})" for c, items in by_char.items()) + ")")
    return _Lexicon(scanner, by_char, patterns, numbered, {}, {}, {})


def pattern_at(lex: _Lexicon, lowered: str, at: int, end: int) -> int:
    """The number of the pattern of the trigger the scanner found at `at`: the first pattern
    in data order that matches there, as the scanner tries them in that order. Only the
    patterns with an alternative that may open with the trigger's first two characters are
    tried, each compiled when first needed (or read from `regexcache`); where there is one,
    it is not tried."""
    key = lowered[at : at + 2]
    numbers = lex.namers.get(key)
    if numbers is None:
        numbers = lex.namers[key] = _namer(lex, key)
    if len(numbers) > 1:
        for n in numbers:
            compiled = lex.compiled.get(n)
            if compiled is None:
                compiled = lex.compiled[n] = cached(lex.patterns[n])
            if compiled.match(lowered, at, end):
                return n
    return numbers[0]


def _kind_at(lex: _Lexicon, lowered: str, at: int, end: int) -> _Kind:
    """What the trigger the scanner found at `at` reports (see `pattern_at`)."""
    return lex.numbered[pattern_at(lex, lowered, at, end)]


def _namer(lex: _Lexicon, key: str) -> tuple[int, ...]:
    """The numbers of the patterns a trigger that opens with `key` may be of, in data order
    (see `pattern_at`)."""
    first, second = key[:1], key[1:]
    numbers: list[int] = []
    for rest, n in lex.units[first]:
        head = _literal(rest)
        if (head is None or head[0][-1] == second) and n not in numbers:
            numbers.append(n)
    return tuple(sorted(numbers))


def _units(patterns: list[str]) -> list[tuple[str, str, int]] | None:
    """(first character, the rest, pattern number) of every alternative of the patterns
    unfolded by first character (see `alternation`), in the order they are tried. None when
    some alternative cannot be unfolded or a pattern has a capturing group."""
    out: list[tuple[str, str, int]] = []
    for n, pattern in enumerate(patterns):
        if _capturing(pattern):
            return None
        for alternative in split_alternatives(pattern):
            heads = alternative_heads(alternative)
            if heads is None:
                return None
            out.extend((first, rest, n) for first, rest in heads)
    return out


_ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)
_GROUP_OPENING = re.compile(r"\((?!\?)|\(\?P<")


def _capturing(pattern: str) -> bool:
    """Whether `pattern` has a capturing group: a "(" outside a class and an escape that is
    not "(?" unless "(?P<". Read from the text: compiling every pattern to ask would cost a
    third of the lexicon's start-up."""
    return _GROUP_OPENING.search(_ESCAPE_OR_CLASS.sub("", pattern)) is not None


def _trie(items: list[tuple[str, int]]) -> str:
    """The alternatives `items` ((source, pattern number), in the order they are tried) with
    their leading literal characters merged: "a(?:b|c)" for "ab", "ac". An alternative joins
    the last earlier group of its first character unless one that does not open with a
    literal (it may match anything) lies in between: two that open with different characters
    never match at one place, so the leftmost-first choice is kept."""
    merged: list[tuple[str | None, list[tuple[str, int]]]] = []
    for source, n in items:
        head = _literal(source)
        if head is None:
            merged.append((None, [(source, n)]))
            continue
        char, rest = head
        for kind, group in reversed(merged):
            if kind == char or kind is None:
                if kind == char:
                    group.append((rest, n))
                else:
                    merged.append((char, [(rest, n)]))
                break
        else:
            merged.append((char, [(rest, n)]))
    out = []
    for char, group in merged:
        if char is None or len(group) == 1:
            out.append(f"{char or ''}{group[0][0]}")
        else:
            out.append(f"{char}(?:{_trie(group)})")
    return "|".join(out)


def _literal(source: str) -> tuple[str, str] | None:
    """(its first character as a pattern, the rest) if `source` opens with one literal
    character that no quantifier follows; None otherwise."""
    if source[:1] == "\\":
        escaped = source[1:2]
        if not escaped or escaped.isalnum():
            return None
        char, rest = source[:2], source[2:]
    elif not source or source[0] in ".^$*+?{}[]|()":
        return None
    else:
        char, rest = source[0], source[1:]
    return None if rest[:1] in ("?", "*", "+", "{") else (char, rest)


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
    for m in lex.scanner.finditer(lowered, start, end):
        at = m.start()
        if skip and any(a <= at < b for a, b in skip):
            continue
        kind = _kind_at(lex, lowered, at, end) if lex.units else lex.kinds[m.lastgroup or ""]
        definite = kind.noun and not _verbal(m.group()) and _after_definite(text, start, at)
        out.append(Trigger(kind.cameo, at, m.end(), kind.type, kind.casualty, definite))
    return out


_VERBS = frozenset({
    "met", "fought", "spoke", "held", "shot", "visited", "discussed",
    # auxiliaries opening a verb trigger ("the man was shot", "the pair got married")
    "was", "were", "is", "are", "be", "been", "being", "got", "get", "gets", "has", "have",
    "had", "will",
    # irregular verb forms that open triggers ("the team won the cup")
    "won", "wins", "win", "beat", "beats", "sold", "bought", "stole", "stolen", "fell", "fled",
    "weds", "quit", "took", "broke", "ran", "caught", "went", "gave", "drew", "lost", "lent",
    "paid", "sank", "sunk", "swept", "struck", "hit", "set", "cut", "became", "dies", "sues",
})


def _verbal(found: str) -> bool:
    """Whether a trigger match reads as a verb ("met with", "attacked", "was shot"), not a noun."""
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
