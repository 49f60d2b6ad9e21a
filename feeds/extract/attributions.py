"""Attributions: the bodies and outlets an article cites.

Contract: `find_attributions(text, mentions)` returns `Attribution`s, ordered
by offset, for: "according to (a statement by) X", "X said/told/announced...",
"said (spokesperson) X" after a quotation, and "OUTLET reports, citing SOURCE"
(both kind "outlet" unless the name is a known actor). `cited` is the canonical
actor name; text[start:end] is the attributing phrase. Places are never cited.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from feeds.extract.gazetteer import gazetteer
from feeds.model import Attribution, Mention

_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_SPEECH = r"(?:said|says|told|announced|confirmed|reported|reports|added|stated|noted|declared)"
_AFTER = re.compile(rf"\)?\s+(?:also\s+|on\s+\w+\s+)?{_SPEECH}\b")
_BEFORE = re.compile(rf"[\"”]\s*(?P<verb>{_SPEECH})\s+(?:[a-z]+\s+){{0,3}}$")
_OUTLET = re.compile(
    r"(?P<outlet>[A-Z][\w.&-]*\w(?: [A-Z][\w.&-]*\w){0,3}) (?:reports|reported|said),? "
    r"citing (?:the )?(?P<source>[A-Z][\w.&-]*\w(?: [A-Z][\w.&-]*\w){0,3})"
)


def find_attributions(text: str, mentions: list[Mention]) -> list[Attribution]:
    """Every attribution of the article, by offset."""
    cited = [m for m in mentions if m.kind != "place"]
    starts = [m.start for m in cited]
    found: dict[tuple[str, int], Attribution] = {}
    for a in _according(text, cited, starts) + _speakers(text, cited) + _outlets(text, mentions):
        found.setdefault((a.cited, a.start), a)
    return sorted(found.values(), key=lambda a: a.start)


def _according(text: str, cited: list[Mention], starts: list[int]) -> list[Attribution]:
    out: list[Attribution] = []
    if "ccording to" not in text:  # cheap test first: most articles cite no one this way
        return out
    for m in _ACCORDING.finditer(text):
        k = bisect_left(starts, m.end())
        if (k < len(cited) and cited[k].start - m.end() <= 40
                and "." not in text[m.end() : cited[k].start]):
            c = cited[k]
            out.append(Attribution(c.actor, c.kind, text[m.start() : c.end], m.start(), c.end))
    return out


def _speakers(text: str, cited: list[Mention]) -> list[Attribution]:
    out = []
    for c in cited:
        after = _AFTER.match(text, c.end)
        if after:
            out.append(Attribution(c.actor, c.kind, text[c.start : after.end()],
                                   c.start, after.end()))
            continue
        before = _BEFORE.search(text, max(0, c.start - 40), c.start) if c.kind == "person" else None
        if before:
            at = before.start("verb")
            out.append(Attribution(c.actor, c.kind, text[at : c.end], at, c.end))
    return out


def _outlets(text: str, mentions: list[Mention]) -> list[Attribution]:
    out: list[Attribution] = []
    if " citing " not in text:  # cheap test first: every match has it
        return out
    known = {m.text: m for m in mentions}
    names = gazetteer().names
    for m in _OUTLET.finditer(text):
        for group in ("outlet", "source"):
            name = m.group(group)
            mention = known.get(name)
            hit = names.match([name], 0)
            cited = mention.actor if mention else hit[1].name if hit else name
            out.append(Attribution(cited, "outlet", m.group(), m.start(), m.end()))
    return out
