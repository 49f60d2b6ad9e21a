"""Short event summaries cut from the source clause: words are removed, never added.

Contract: `summarize(text, start, end, trigger=..., drop=..., speech=False)` returns
text[start:end] with the spans in `drop` taken out (the event's own date phrase: the
date is shown beside the summary), an opening framing phrase cut when the event is a
noun phrase governed by a preposition or a framing verb ("The discussion followed a
Saturday ambush by ..." -> "Ambush by ..."; "The remarks came during a phone call
between ..." -> "Phone call between ..."), trailing attributions ("..., officials said",
"according to ..."), trailing participle phrases (", including ...", ", using ...") and
parenthesised acronyms removed (a statement, `speech`, keeps its speaker and loses only
"according to", acronyms and a trailing "OUTLET reports"), a
leading connective ("which", "following", ...), dateline ("MIAMI (AP) —") or page label
("UPDATE:") removed, "an" before a consonant fixed,
and the result capitalised and kept under about 30 words (cut at a comma when it can).
`summarize_cut(text, start, end, cut, ...)` is the same for a caller that has already
found the framing cut (`noun_phrase_start`). `continuation(text, start, end, drop)` is
what a continuation clause adds to a summary (", which killed two" -> " killed two";
", wounding three" stays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRAME = frozenset(
    "during following after before of amid in at from with followed preceded came since despite "
    "over behind among".split()
)
"""Words that, right before a noun-phrase trigger, mean the clause only frames it."""
_NP_STOP = frozenset(
    "is are was were be been being has have had do does did will would could should may might "
    "and or but that which who whom whose it its he she they we i you this these those there "
    "not no said says by to for on as than when while where".split()
)
_DETERMINERS = ("a ", "an ", "the ", "A ", "An ", "The ")
_WORD = re.compile(r"[\w'’.-]+")
_PUNCT = re.compile(r"[,;:\"“”()]")


@dataclass(frozen=True, slots=True)
class _Trim:
    """A phrase to take out of a summary."""

    pattern: re.Pattern[str]
    needles: tuple[str, ...]
    """Every match holds one of these: a piece without any is left as it is (the cheap test)."""

    def sub(self, piece: str) -> str:
        return self.pattern.sub("", piece) if any(map(piece.__contains__, self.needles)) else piece


_TRIM = [
    _Trim(re.compile(r",?\s*according to [^,;]*"), ("according to ",)),
    _Trim(re.compile(r",\s*[^,]{0,60}\b(?:said|says|reported|reports)\b[^,]*$"),
          ("said", "says", "report")),
    _Trim(re.compile(r"\s*\([A-Z]{2,8}\)"), ("(",)),
    _Trim(re.compile(r",\s*(?:including|using|citing|saying|adding|noting)\b.*$"), (",",)),
]
_OUTLET = _Trim(re.compile(r",\s*[^,]{0,40}\b(?:reports|reported)$"), ("report",))
_PAGE_LEAD = re.compile(
    # a dateline: a town in capitals, its state, a date, an agency, a dash
    r"^[-–— ]*[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?)?"
    r"(?:,? [A-Z][a-z]{2,4}\.? \d{1,2}(?:, \d{4})?)? ?(?:\([^)]{1,30}\) ?)?(?:--|[-–—]) "
    r"(?=[A-Z0-9\"“])"
    # or a page's label: "UPDATE:", "Updated at 4:45 p.m. ET:", "PREVIOUS:"
    r"|^(?:UPDATED?|Updated?|PREVIOUS|Previously|BREAKING(?: NEWS)?|Breaking|WATCH|Watch|"
    r"VIDEO|Video|RELATED|Related)\b.{0,30}?: ")
"""Before a summary's words: a dateline ("NEW HAVEN, Conn., Oct. 27 --", "MIAMI (AP) —"),
the card gives the place, or a label of the page."""
_LEAD = re.compile(r"^(?:which|who|that|following|as|while|and|but|when|where|after|amid|noting|"
                   r"aligning with|adding|citing|whereas|although|though|since|subsequently)\s+",
                   re.IGNORECASE)
_AN = re.compile(r"\b([Aa])n\s+(?=[B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z][a-z])"
                 r"(?!h[oe]u|hour|honou?r|heir)")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,;:.])")
"""White space before punctuation, in text whose only white space is single spaces."""
_DOUBLE_COMMA = re.compile(r",\s*,")
_PUNCT_BEFORE_QUOTE = re.compile(r"[.,;:]([\"”’])$")
_CLOSING_QUOTES = ("\"", "”", "’")
_CONTINUATION_LEAD = re.compile(r"(?:which|that)\s+", re.IGNORECASE)
MAX_WORDS = 30


def noun_phrase_start(text: str, start: int, at: int) -> int | None:
    """Where the noun phrase that ends at `at` starts, when a framing word governs it.

    Walks back at most five words from `at` (the trigger) over determiners and
    modifiers; returns the phrase's start if a word of `_FRAME` opens it, else None.
    """
    words = list(_WORD.finditer(text, max(start, at - 80), at))
    pos = at
    for w in reversed(words[-6:]):
        if _PUNCT.search(text, w.end(), pos):
            return None
        word = w.group()
        lower = word.lower()
        if lower in _FRAME:
            return pos
        if lower in _NP_STOP or (word.islower() and lower.endswith("ed") and len(lower) > 4):
            return None
        pos = w.start()
    return None


def _drop(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out, at = [], start
    for a, b in sorted(spans):
        if b <= at or a >= end:
            continue
        out.append(text[at:max(a, at)])
        at = max(at, b)
    out.append(text[at:end])
    return "".join(out)


def _tidy(piece: str) -> str:
    piece = " ".join(piece.split())  # from here on the only white space is single spaces
    if " ," in piece or " ;" in piece or " :" in piece or " ." in piece:  # cheap tests first
        piece = _SPACE_BEFORE_PUNCT.sub(r"\1", piece)
    if ",," in piece or ", ," in piece:
        piece = _DOUBLE_COMMA.sub(",", piece)
    if piece.endswith(_CLOSING_QUOTES):
        piece = _PUNCT_BEFORE_QUOTE.sub(r"\1", piece)
    if "an " in piece or "An " in piece:
        piece = _AN.sub(r"\1 ", piece)
    return piece.strip(" ,;:.")


def _shorten(piece: str) -> str:
    words = piece.split()
    if len(words) <= MAX_WORDS:
        return piece
    head = " ".join(words[:MAX_WORDS])
    comma = head.rfind(",")
    if comma > len(head) // 2:
        return head[:comma]
    return head + "…"


def summarize(text: str, start: int, end: int, trigger: int | None = None,
              drop: list[tuple[int, int]] | None = None, speech: bool = False) -> str:
    """The short summary of text[start:end] (see the module contract)."""
    cut = noun_phrase_start(text, start, trigger) if trigger is not None else None
    return summarize_cut(text, start, end, cut, drop, speech)


def summarize_cut(text: str, start: int, end: int, cut: int | None,
                  drop: list[tuple[int, int]] | None = None, speech: bool = False) -> str:
    """`summarize` where the caller has `cut`, what `noun_phrase_start` gives for the
    trigger (None: no framing phrase, or no trigger)."""
    piece = _drop(text, cut if cut is not None else start, end, drop or [])
    for trim in (_TRIM if not speech else [_TRIM[0], _TRIM[2], _OUTLET]):
        piece = trim.sub(piece)
    piece = _tidy(piece)
    if cut is not None and piece.startswith(_DETERMINERS):
        piece = piece.split(" ", 1)[1]
    elif cut is None:
        piece = _LEAD.sub("", _PAGE_LEAD.sub("", piece))
    piece = _shorten(piece)
    return piece[:1].upper() + piece[1:]


def continuation(text: str, start: int, end: int, drop: list[tuple[int, int]] | None = None) -> str:
    """What the continuation clause text[start:end] adds to a summary: " killed two" or
    ", wounding three" (a leading "which"/"that" goes: the summary before it is its subject)."""
    piece = _tidy(_drop(text, start, end, drop or []))
    for trim in _TRIM[:2]:
        piece = trim.sub(piece)
    lead = _CONTINUATION_LEAD.match(piece)
    return " " + piece[lead.end():] if lead else ", " + piece
