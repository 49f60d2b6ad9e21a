"""What the story engine compares: weighted words and capitalised names of an article.

Contract: `features(title, text)` returns two sparse count vectors (plain dicts):
words (lower case, stop words and numbers out; the title counted TITLE_WEIGHT
times, the lead LEAD_WEIGHT times, the rest once; only the first TEXT_CHARS of the
text are read) and names (capitalised tokens that are not common English words:
people, places, organisations, the cheap stand-in for named entities). Both are
sublinear (1 + log count). A title's trailing site name
(`feeds.extract.scene.headline`: " - KSLA News 12 Shreveport", " | WFLA.com") counts as
words of the text, not of the title: every article of the site carries it, so the
title's weight would tie the site's stories together; lines of page furniture
(`without_furniture`: "Copyright 2016 WXYZ. All rights reserved.", "Download our news
app") count not at all. `cluster_terms(title, text)` bundles them with `latest_year`.
Pure, deterministic, no model to load.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import filterfalse

from feeds.extract.scene import headline
from feeds.model import ClusterTerms
from feeds.stories.background import zipf_table

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own said same says she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours new one two three year years told
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december mr mrs ms dr st it's he's she's
""".split())
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*[A-Za-z0-9]|[A-Za-z]")
TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
LEAD_TOKENS = 60
TEXT_CHARS = 6_000
NAME_MAX_ZIPF = 4.3
"""A capitalised token counts as a name when it is rarer than this in general English."""
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")


class _Sublinear(dict[int, float]):
    """count -> 1 + log(count), each computed once per process (counts are small)."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


_SUBLINEAR = _Sublinear()
_POSSESSIVE = re.compile(r"['’]s\b")
_FURNITURE_HINTS = ("opyright", "©", "ights reserved", "ights Reserved", "ownload", "Follow ",
                    "lick here", "ign up", "ubscribe", "Transcript", "Copy Link",
                    "Advertisement", "Share", "Related")
_FURNITURE = re.compile(
    r"^(?:Copyright|COPYRIGHT|©)|(?:[Cc]opyright|©)\s*(?:©\s*)?\d{4}|[Aa]ll [Rr]ights [Rr]eserved|"
    r"[Dd]ownload (?:our|the) (?:\w+ ){0,3}app|"
    r"^Follow \w+|[Cc]lick here|[Ss]ign up for|[Ss]ubscribe to|Hide Transcript|Copy Link|"
    r"^Advertisement$|^Share$|^Related:?$")
"""A line of page furniture: a copyright, an app or newsletter pitch, a share button."""
FURNITURE_LINE = 200
"""The longest line that may be furniture (a paragraph that mentions a copyright is news)."""


def without_furniture(text: str) -> str:
    """`text` without its lines of page furniture (`_FURNITURE`): every article of a site
    carries them, so their words would tie the site's stories together."""
    if not any(hint in text for hint in _FURNITURE_HINTS):
        return text
    return "\n".join(line for line in text.split("\n")
                     if len(line) > FURNITURE_LINE or not _FURNITURE.search(line.strip()))


def latest_year(title: str, text: str) -> int | None:
    """The latest year (1950-2039) the article mentions: it was written no earlier."""
    years = _YEAR.findall(title) + _YEAR.findall(text, 0, TEXT_CHARS)
    return max(map(int, years)) if years else None


def cluster_terms(title: str, text: str) -> ClusterTerms:
    """Everything the story engine reads of an article's words."""
    words, names = features(title, text)
    return ClusterTerms(words, names, latest_year(title, text))


def features(title: str, text: str) -> tuple[dict[str, float], dict[str, float]]:
    """(words, names): sublinear weighted counts of the article's words and names."""
    own = headline(title)
    head = TOKEN.findall(_POSSESSIVE.sub("", own))
    outlet = TOKEN.findall(_POSSESSIVE.sub("", title[len(own):]))
    body = TOKEN.findall(_POSSESSIVE.sub("", without_furniture(text[:TEXT_CHARS])))
    lower_body = list(map(str.lower, body))
    counts = _weighted_counts(list(map(str.lower, head)), lower_body,
                              list(map(str.lower, outlet)))
    body += outlet
    lower_body += map(str.lower, outlet)
    words = dict(zip(counts, map(_SUBLINEAR.__getitem__, counts.values()), strict=True))
    written = set(head)
    written.update(body)
    lowered = written.intersection(lower_body)
    capitalised = set(map(str.lower, written.difference(lowered)))
    common = zipf_table()
    candidates = capitalised.difference(lowered)
    names = {token: weight for token, weight in words.items()
             if token in candidates and common.get(token, 0.0) < NAME_MAX_ZIPF}
    return words, names


def _weighted_counts(head: list[str], body: list[str], outlet: list[str]) -> Counter[str]:
    """Counts of the words (stop words and numbers out) of the title TITLE_WEIGHT times, of
    the lead LEAD_WEIGHT times and of the rest and the title's `outlet` name once: one
    Counter over the tokens repeated, its keys first seen in the rest, then the title,
    then the lead. The filters and the count run their loops in C."""
    lead, rest = body[:LEAD_TOKENS], body[LEAD_TOKENS:]
    tokens = rest + outlet + head * TITLE_WEIGHT + lead * LEAD_WEIGHT
    return Counter(filterfalse(str.isdigit, filterfalse(STOPWORDS.__contains__, tokens)))
