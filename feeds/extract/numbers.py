"""Number phrases of English news: "2,013", "1.5 million", "twenty-five", "two hundred",
"a dozen", "dozens", "tens of thousands".

Contract: `parse_number(low, i)` reads the number phrase that opens at low[i] (lower-cased
words) and returns (its value, the index after it), or None; vague plurals count as two
of their unit ("dozens" 24, "hundreds" 200, "tens of thousands" 20,000), "both" is 2.
`number_value(word)` is one word as a number ("12", "twelve"), or None; `NUMBER_WORDS`
are the words that can open a phrase, `SCALE_WORDS` those that can end one. Pure; used by
`feeds.extract.figures` on every clause with a figure word, so the cheap test comes first.
"""

from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "both": 2,
}
_MULT = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12}
_VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6, "tens": 20}
"""Vague plurals count as two of their unit; "tens" only in "tens of thousands"."""
_VAGUE_UNIT = {"hundreds": 100, "thousands": 1000, "millions": 10**6}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_VAGUE) | {"a", "an"}
"""Words that can open a number phrase (besides digits and "twenty-five")."""
SCALE_WORDS = frozenset(_MULT) | frozenset(_VAGUE_UNIT)
"""Words that can end one ("two hundred", "tens of thousands")."""
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_DECIMAL = re.compile(r"\d+\.\d+")


def _word_number(w: str) -> int | None:
    n = _UNITS.get(w)
    if n is None and "-" in w:  # "twenty-five"
        tens, _, unit = w.partition("-")
        if tens in _UNITS and unit in _UNITS and _UNITS[tens] >= 20 and _UNITS[unit] < 10:
            n = _UNITS[tens] + _UNITS[unit]
    return n


def parse_number(low: list[str], i: int) -> tuple[int, int] | None:
    """The number phrase at low[i] and the index after it: "2,013", "1.5 million", "two
    hundred", "a dozen", "dozens", "tens of thousands"."""
    w = low[i]
    if w not in NUMBER_WORDS and not w[:1].isdigit() and "-" not in w:
        return None  # most words: the cheap test first
    j = i + 1
    value: float
    if w in ("a", "an"):
        if j < len(low) and low[j] in _MULT:
            value, j = _MULT[low[j]], j + 1
        else:
            return 1, j
    elif w in _VAGUE:
        if j + 1 < len(low) and low[j] == "of" and low[j + 1] in _VAGUE_UNIT:
            return _VAGUE[w] * _VAGUE_UNIT[low[j + 1]], j + 2  # "tens of thousands"
        return None if w == "tens" else (_VAGUE[w], j)
    elif w[:1].isdigit():
        if _DIGITS.fullmatch(w):
            value = int(w.replace(",", ""))
        elif _DECIMAL.fullmatch(w) and j < len(low) and low[j] in _MULT:
            value = float(w)
        else:
            return None
    else:
        n = _word_number(w)
        if n is None:
            return None
        value = n
    while j < len(low) and low[j] in _MULT:
        value *= _MULT[low[j]]
        j += 1
    return int(value), j


def number_value(word: str) -> int | None:
    """One word as a number ("12", "twelve"), for the elided form."""
    r = parse_number([word.lower()], 0)
    return r[0] if r else None
