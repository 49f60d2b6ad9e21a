"""Casualty and arrest figures, and money amounts, of one clause.

Contract: `figures(clause)` returns {"killed": n, "wounded": n, "arrested": n,
"abducted": n, "usd": n, "eur": n, "gbp": n} for what the clause states ("$5
million", "5 million dollars", "€3 billion"; the first amount), summing coordinated
counts ("two U.S. troops and a civilian were killed" -> killed 3; "killing two
soldiers and one civilian" -> killed 3). Active ("killed three Americans") and
passive ("three others were injured", "were shot and killed", "died") forms are
read, and an elided second verb ("10 were killed and 20 wounded"); a count
never reaches back over another casualty verb; bare numbers without a casualty
word are ignored.
"""

from __future__ import annotations

import re
import unicodedata

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24,
}
_KIND = {
    "kill": "killed", "dead": "killed", "die": "killed", "wound": "wounded", "injur": "wounded",
    "hurt": "wounded", "arrest": "arrested", "detain": "arrested", "abduct": "abducted",
    "kidnap": "abducted",
}
_VERB = r"(?P<verb>kill(?:ed|ing|s)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|arrest(?:ed|ing|s)|" \
        r"detain(?:ed|ing|s)|abduct(?:ed|ing|s)|kidnapp(?:ed|ing))"
_ACTIVE = re.compile(rf"\b{_VERB}\s+(?P<np>[^,.;:]{{1,120}})", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\s(?:(?:were|was|have been|has been|had been|are|is|been|being)\s+"
    r"(?:\w+ly\s+)?(?:found\s+)?(?:shot\s+(?:and\s+)?)?(?P<verb>killed|wounded|injured|hurt|arrested|"
    r"detained|abducted|kidnapped|dead)|(?P<died>died|have died|were shot dead|was shot dead|"
    r"(?:shot|stabbed|beaten|burned) to death|fatally (?:shot|stabbed|wounded|injured)))\b",
    re.IGNORECASE,
)
_ACTIVE_LOWER = re.compile(_ACTIVE.pattern)
_PASSIVE_LOWER = re.compile(_PASSIVE.pattern)
"""`_ACTIVE` and `_PASSIVE` for lower-cased ASCII text (all their letters are lower case)."""
_ELLIPSIS = re.compile(r"\b(?:were|was)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|arrested)\s+and\s+"
                       r"(?:at least\s+|some\s+|about\s+)?(?P<n>\w+)\s+(?:others\s+|more\s+)?"
                       r"(?P<verb>wounded|injured|hurt|arrested|detained)\b", re.IGNORECASE)
_AUX = re.compile(r"\b(?:were|was|are|is|been|killed|wounded|injured|dead|died|arrested)\b", re.IGNORECASE)
_TOLL = re.compile(r"\bdeath toll\b(?:\s+\w+){0,3}?\s+(?:to|of|at|is|was)\s+(?P<n>\d[\d,]*)")
_MONEY = re.compile(
    r"(?P<sym>[$€£])\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<m>million|billion|bn|m)?\b"
    r"|\b(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<m2>million|billion)?\s+(?P<unit>dollars|euros|pounds)\b")
_CURRENCY = {"$": "usd", "€": "eur", "£": "gbp", "dollars": "usd", "euros": "eur", "pounds": "gbp"}
_ANY = re.compile(r"kill|wound|injur|arrest|detain|abduct|kidnap|dead|died|death|fatally|hurt|"
                  r"[$€£]|dollars|euros|pounds", re.IGNORECASE)
_ANY_LOWER = re.compile(_ANY.pattern.replace("[$€£]", r"\$|€|£"))
"""`_ANY` for lower-cased ASCII text, where lower-casing does exactly what IGNORECASE does;
every alternative a literal, so the search skips to the characters that can open one."""
_CURRENCY_WORDS = ("$", "€", "£", "dollars", "euros", "pounds")
"""One of these is in every `_MONEY` match."""
_AGED = re.compile(r"[\w]+-year-old", re.IGNORECASE)
_QUALIFIERS = re.compile(r"^(?:at least|some|about|around|nearly|almost|more than|over|up to)\s+")
_AND = re.compile(r"\s+and\s+")
_AND_OR_COMMA = re.compile(r"\s+and\s+|,\s+")
_PHRASE_END = re.compile(r"[,;:]")


def _number(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return _UNITS.get(w)


def _kind(verb: str) -> str:
    """The figure a matched verb counts. The verb was matched ignoring case, so a letter
    such as "İ" lower-cases with a combining mark, which is dropped here; a form still
    unknown counts as killed rather than failing the article."""
    v = verb.lower()
    if not v.isascii():
        v = "".join(c for c in unicodedata.normalize("NFKD", v) if not unicodedata.combining(c))
    return next((kind for stem, kind in _KIND.items() if v.startswith(stem)), "killed")


def _count_forward(np: str) -> int:
    """Sum the counts of 'N things and M things' read left to right."""
    total = 0
    for part in _AND_OR_COMMA.split(np):
        words = _QUALIFIERS.sub("", part.strip()).split()
        n = _number(words[0]) if words else None
        if n is None and words and _AGED.fullmatch(words[0]):
            n = 1  # "killed 14-year-old Jamyha Luss": one person
        if n is None:
            break
        total += n
    return total


def _count_backward(np: str) -> int:
    """Sum the counts of the coordinated noun phrases that end `np`."""
    total = 0
    for n, part in enumerate(reversed(_AND.split(np))):
        if n and _AUX.search(part):  # "two were killed and three others": not ours
            break
        words = part.split()
        found = None
        for k in range(len(words) - 1, max(-1, len(words) - 6), -1):
            if _number(words[k]) is not None:
                found = _number(words[k])
                break
        if found is None:
            break
        total += found
    return total


def _any_figure_word(clause: str, lowered: str | None) -> bool:
    """Whether the clause has a casualty or money word (`_ANY`): the cheap test first."""
    if lowered is not None:
        return _ANY_LOWER.search(lowered) is not None
    return _ANY.search(clause) is not None


def figures(clause: str) -> dict[str, int]:
    """The figures stated in one clause."""
    out: dict[str, int] = {}
    # for ASCII text lower-casing does what IGNORECASE does: cheap substring tests
    lowered = clause.lower() if clause.isascii() else None
    if not _any_figure_word(clause, lowered):
        return out
    _casualties(clause, lowered, out)
    toll = _TOLL.search(clause) if "death toll" in clause else None
    if toll:
        out.setdefault("killed", int(toll.group("n").replace(",", "")))
    money = _MONEY.search(clause) if any(w in clause for w in _CURRENCY_WORDS) else None
    if money:
        number = money.group("n") or money.group("n2")
        scale = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}.get(
            money.group("m") or money.group("m2") or "", 1)
        out[_CURRENCY[money.group("sym") or money.group("unit")]] = int(
            float(number.replace(",", "")) * scale)
    return out


def _casualties(clause: str, lowered: str | None, out: dict[str, int]) -> None:
    """Active, passive and elided casualty counts into `out` (the first of each kind)."""
    if lowered is not None:  # ASCII: found without IGNORECASE, faster, at the same places
        active, passive, text = _ACTIVE_LOWER, _PASSIVE_LOWER, lowered
    else:
        active, passive, text = _ACTIVE, _PASSIVE, clause
    for m in active.finditer(text):
        n = _count_forward(clause[m.start("np") : m.end("np")])  # as written, not lower-cased
        if n:
            out.setdefault(_kind(m.group("verb")), n)
    for m in passive.finditer(text):
        head = clause[max(0, m.start() - 160) : m.start()]
        n = _count_backward(_PHRASE_END.split(head)[-1])
        if n:
            out.setdefault(_kind(m.group("verb")) if m.group("verb") else "killed", n)
    if lowered is not None and not ("and" in lowered and ("was" in lowered or "were" in lowered)):
        return  # every `_ELLIPSIS` match has them: the cheap test first (few clauses have one)
    for m in _ELLIPSIS.finditer(clause):
        n = _number(m.group("n"))
        if n:
            out.setdefault(_kind(m.group("verb")), n)
