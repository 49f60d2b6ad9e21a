"""The outlet an article credits as its own: datelines, bylines and credit lines.

Contract: `credited_outlet(text)` is the outlet that the article's own dateline, byline
or credit names, or None. It looks only at the opening (the first 4 lines of the first
600 characters) and the closing (the last 3 lines of the last 600 characters), each
line cut to 300 characters, so its work is bounded whatever the text; none of its
patterns can backtrack badly. `outlet_by_domain(url_or_host)` is the outlet whose
domain (or a parent domain of it) the host is, or None. `named(text)` is the outlet a
name or alias stands for ("AP", "The BBC"), or None. All answer with the outlet's
canonical name: the `name` of the list shipped in `data/outlets.json` (built by
tools/build_outlets.py from fundus's publishers plus curated wire agencies), which is
the name the outlet's credits use, without a leading "The" for the wire agencies:
"Reuters", "Associated Press" (for "AP"), "AFP", "Bloomberg", "Kyodo News" (for
"Kyodo"), "Xinhua", "Al Jazeera", "BBC", "CNN", "DW" (for "Deutsche Welle"), "Politico".

A credit must name an outlet of that list, by its name or an alias, with the list's
case or all in capitals ("POLITICO", "KYODO NEWS"), never a one-letter name: so "By
John Smith, staff writer" or "Reuters' rival" credit no one. Recognised:
- a dateline at the start of an opening line: "(Reuters) -", "LONDON (Reuters) —",
  "WASHINGTON (AP) —", "PARIS (AFP) -", "BEIJING, Dec. 15 (Xinhua) --";
- a byline: "By Jane Doe, Kyodo News", "By Jane Doe | Bloomberg", "By Jane Doe /
  POLITICO", or "By Reuters";
- an outlet alone on an opening or closing line: "DW", "— DW", "(DW)", "-- Reuters";
- a closing paragraph that ends with one: "... on Monday. — AFP", "... he said. (AP)";
- Reuters' sign-off "(Reporting by Jane Doe; Editing by John Roe)", which names no
  outlet but is Reuters' house style;
- a copyright line: "Copyright 2024 The Associated Press. All rights reserved.";
- last, and weakest: a first paragraph that is one sentence ending ", Bloomberg
  reported." (or "reports.").

Why "Bloomberg reported" counts so rarely: in a body sentence ("Bloomberg reported last
week that...") or after a lead's first sentence it is the article citing another
outlet (`feeds.extract.attributions` records that), not its own credit; "according to
Bloomberg" always is. Only a first paragraph that is nothing but one sentence ending
with the outlet's report has the shape of a brief's credit line, the same shape as
"News.Az reports, citing the YeniShafak" where the reporting outlet is the article's;
and it comes after every other credit, so a dateline or a Reuters sign-off wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from feeds.extract.resources import load_json
from feeds.model.text import url_host

OPENING_CHARS = 600
OPENING_LINES = 4
CLOSING_CHARS = 600
CLOSING_LINES = 3
LINE_CHARS = 300
_MARKUP = " \t*_#>"
_DASHES = "-–—"
_DATELINE = re.compile(r"^(?:[A-Z][^()\n]{0,60}?\s)?\((?P<outlet>[^()\n]{2,40})\)"
                       r"\s*(?:-{1,2}|[–—])")
_BYLINE = re.compile(r"^[Bb][Yy]\s+(?P<who>[A-Z].{1,150})$")
_SEPARATOR = re.compile(r"\s*[,|/]\s*|\s+[-–—]{1,2}\s+")
_TAIL = re.compile(r"[.!?\"”’]\s+(?:[-–—]{1,2}\s*(?P<dashed>[^–—()\n]{2,40})|"
                   r"\((?P<bracketed>[^()\n]{2,40})\))\.?$")
_REPORTING = re.compile(r"^\(?(?:Additional\s+)?[Rr]eporting\s+by\s.{0,250}?;"
                        r"\s*[Ee]dit(?:ing|ed)\s+by\s")
_COPYRIGHT = re.compile(r"^(?:Copyright\s*(?:©\s*)?|©\s*(?:Copyright\s*)?|\([Cc]\)\s*)"
                        r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<rest>.{2,80})")
_COPYRIGHT_END = re.compile(r"\.\s|[,;]|\s\d{4}\b|\s+[Aa]ll\s+[Rr]ights")
_LEAD = re.compile(r",\s+(?P<outlet>[^,\n]{2,40}?)\s+(?:reported|reports)\.[\"”]?$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[str, str]
    """Name or alias (trailing dots off), as written and in capitals -> canonical name."""
    domains: dict[str, str]
    """Domain -> canonical name."""


def credited_outlet(text: str) -> str | None:
    """The outlet the article's own dateline, byline or credit names (see the contract)."""
    for line in _opening(text):
        if found := _dated(line) or _bylined(line) or _alone(line):
            return found
    for line in reversed(_closing(text)):
        if found := _signed(line):
            return found
    return _lead(text)


def outlet_by_domain(host: str | None) -> str | None:
    """The outlet of a host or URL ("https://www.reuters.com/world/..." -> "Reuters")."""
    labels = url_host(host or "").split(".")[-6:]
    domains = _index().domains
    return next((domains[d] for i in range(len(labels) - 1)
                 if (d := ".".join(labels[i:])) in domains), None)




@lru_cache(maxsize=1)
def _index() -> _Index:
    outlets = load_json("outlets.json")["outlets"]
    names: dict[str, str] = {}
    for key, name in [(o["name"], o["name"]) for o in outlets] + [
            (alias, o["name"]) for o in outlets for alias in o["aliases"]]:
        for form in (_key(key), _key(key).upper()):
            if len(form) >= 2:
                names.setdefault(form, name)  # a name wins over another outlet's alias
    domains = {d: o["name"] for o in outlets for d in [o["domain"], *o["other_domains"]]}
    return _Index(names, domains)


def _key(name: str) -> str:
    return name.strip().rstrip(".")


def named(candidate: str) -> str | None:
    """The canonical name of an outlet written as `candidate` ("AP", "The BBC"), or None."""
    key = _key(candidate.strip(_MARKUP))
    names = _index().names
    return names.get(key) or (names.get(key[4:]) if key.startswith(("The ", "THE ")) else None)


def _opening(text: str) -> list[str]:
    lines = [_clean(line) for line in text[:OPENING_CHARS].split("\n")]
    return [line for line in lines if line][:OPENING_LINES]


def _closing(text: str) -> list[str]:
    lines = text[-CLOSING_CHARS:].split("\n")
    if len(text) > CLOSING_CHARS and len(lines) > 1:
        lines = lines[1:]  # the first may be a line's cut-off end
    return [line for line in map(_clean, lines) if line][-CLOSING_LINES:]


def _clean(line: str) -> str:
    return line.strip(_MARKUP)[:LINE_CHARS]


def _dated(line: str) -> str | None:
    match = _DATELINE.match(line)
    return named(match.group("outlet")) if match else None


def _bylined(line: str) -> str | None:
    if not (match := _BYLINE.match(line)):
        return None
    who = match.group("who")
    return named(_SEPARATOR.split(who)[-1]) or named(who)


def _alone(line: str) -> str | None:
    """An outlet alone on its line: "DW", "— DW", "(DW)"."""
    bare = line.lstrip(_DASHES + " ").rstrip(". ")
    if bare.startswith("(") and bare.endswith(")"):
        bare = bare[1:-1]
    return named(bare) if len(bare) <= 60 else None


def _signed(line: str) -> str | None:
    """A closing line's credit: the outlet alone, after the last sentence, a Reuters
    sign-off or a copyright line."""
    if _REPORTING.match(line):
        return named("Reuters")
    if match := _COPYRIGHT.match(line):
        return named(_COPYRIGHT_END.split(match.group("rest"), maxsplit=1)[0])
    if match := _TAIL.search(line[-80:]):
        return named(match.group("dashed") or match.group("bracketed"))
    return _alone(line)


def _lead(text: str) -> str | None:
    """A first paragraph that is one sentence ending ", OUTLET reported."."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if len(first) > LINE_CHARS or _SENTENCE_BREAK.search(first):
        return None
    match = _LEAD.search(first[-80:])
    return named(match.group("outlet")) if match else None
