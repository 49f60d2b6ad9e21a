"""Sentence and clause splitting with character offsets, and word tokens.

Contract: `sentences(text)` returns `Span`s whose offsets index `text`
(text[span.start:span.end] is the sentence, stripped). A sentence ends at a
newline, or at . ! ? (plus closing quotes) followed by a space and an upper-case
letter, a digit or a quote (or by a capitalised word right after a lower-case word:
"injured.Police", two paragraphs run together), unless the word before the period is a known
abbreviation ("Nov.", "Gen.", "U.S.") followed by a capitalised word.
`clauses(sentence)` cuts a sentence at clause boundaries (", which", ", following",
", as", "; ", ...) and tags each clause with the cue that opened it.
`tokens(text, start, end)` returns the word and punctuation tokens of a piece
(acronyms with dots, "al-" names and possessive "'s" kept as single tokens) as
regex matches: `group()` is the token, `start()`/`end()` its offsets (a match
per token and no other object, as actor scanning tokenises every sentence);
`token_texts(text)` is the same tokens' text only.
Pure functions; regexes compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from feeds.extract.resources import load_json


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article text: offsets into it and the text itself."""

    start: int
    end: int
    text: str
    cue: str = ""
    """For clauses: the word that opened the clause ("which", "following", ...)."""


Token = re.Match[str]
"""One word or punctuation mark: `group()` its text, `start()`/`end()` its offsets."""

_END = re.compile(r"[.!?](?:[\"'”’)]*(?=\s+[\"“'‘(]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2}))"
                  r"|\n")
"""A sentence's end; a period between two words without a space ends one too where a
word of three lower-case letters ends and a capitalised word opens ("injured.Police"),
as scraped pages often run two paragraphs together."""
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_TOKEN = re.compile(
    # (?=\S): no token starts with a space, so a space is passed over at once; the
    # possessive word runs match what greedy ones did (nothing follows them to backtrack for).
    # Alternatives open with a class or a literal, not a group or a repeat ("Al|al", not
    # "[Aa]l"): the engine rules out a literal with one comparison, and enters the others
    r"(?=\S)(?:"
    r"[A-Z]\.[A-Z]\.(?:[A-Z]\.)*"  # U.S., U.N.
    r"|(?:Al|al|El|el|Abu|abu|Bin|bin|Ibn|ibn)-[A-Z][\w’']*\w"  # al-Shaibani
    r"|'s\b|’s\b"  # possessive
    r"|[^\W_]++(?:\.(?=[A-Za-z]{2,}\b)[^\W_]++)*+"  # words, News.Az-like handles
    r"|[^\w\s]"
    r")"
)
_CLAUSE = re.compile(
    r";\s+"
    r"|,[\"”]?\s+(?=(?:which|who|whom|whose|following|after|as|while|where|when|whereas|"
    r"although|though|but|amid|aligning|wounding|killing|injuring|prompting|leaving|"
    r"noting|adding|saying|citing|and then)\b)"
    # one white-space run for both lookaheads (each starts with a letter, so either way the
    # run is taken whole)
    r"|\s+(?=following\s+(?:the|a|an|an?\s+\w+)\b"
    r"|(?:as|while|after)\s+(?:[A-Z][\w.-]*)\s+\w+ed\b"
    # "an arrest after a mother and her son were found shot": a clause with its own verb
    r"|after\s+(?:(?:a|an|the|his|her|their|two|three|four)\s[^,;]{0,60}?\b(?:was|were)\s"
    r"|[^,;]{1,60}?\b(?:was|were)\s+(?:found|shot|killed|stabbed|struck|wounded|injured)\b))"
)
_CUE = re.compile(r"\w+")
_LEAD_SUBORDINATE = re.compile(
    r"^(?:Since|After|Following|Before|While|During|Although|Though|Despite|Amid|"
    r"When|As|Earlier|Later|Meanwhile)\b[^,]{3,200}?,\s+"
)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words that take a period without ending a sentence (data/lexicon.json)."""
    return frozenset(load_json("lexicon.json")["abbreviations"])


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1)
    known = abbreviations()
    return (word in known or (len(word) == 1 and word.isupper())
            or (word.isupper() and word.title() in known))  # "ST. LOUIS" of a dateline


def sentences(text: str) -> list[Span]:
    """The sentences of `text`, stripped, with offsets."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Span]:
    """The sentences of `text` one by one, as `sentences` gives them: a reader of the
    first few stops early and cuts no more."""
    begin = 0
    for match in _END.finditer(text):
        if match.group() != "\n" and _is_abbreviation(text, match.start()):
            continue
        span = _span(text, begin, match.end())
        if span is not None:
            yield span
        begin = match.end()
    span = _span(text, begin, len(text))
    if span is not None:
        yield span


def _span(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    s = start + lead
    return Span(s, s + len(stripped), stripped)


def clauses(sentence: Span) -> list[Span]:
    """The sentence cut at clause boundaries; each clause keeps its opening cue."""
    text = sentence.text
    cuts: list[int] = []
    lead = _LEAD_SUBORDINATE.match(text)
    if lead:
        cuts.append(lead.end())
    cuts.extend(m.end() for m in _CLAUSE.finditer(text))
    bounds = sorted({0, *cuts, len(text)})
    out: list[Span] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = text[a:b].rstrip(" ,;")
        if not piece.strip():
            continue
        word = _CUE.match(piece)
        cue = word.group().lower() if word and a > 0 else ""
        out.append(Span(sentence.start + a, sentence.start + a + len(piece), piece, cue))
    return out


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of text[start:end], offsets into `text`."""
    stop = len(text) if end is None else end
    return list(_TOKEN.finditer(text, start, stop))


def token_texts(text: str) -> list[str]:
    """The text of the tokens of `text`."""
    return _TOKEN.findall(text)
