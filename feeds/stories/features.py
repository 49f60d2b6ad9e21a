"""What the story engine compares: weighted words and capitalised names of an article.

Contract: `features(title, text)` returns two sparse count vectors (plain dicts):
words (lower case, stop words and numbers out; the title counted TITLE_WEIGHT
times, the lead LEAD_WEIGHT times, the rest once; only the first TEXT_CHARS of the
text are read) and names (capitalised tokens that are not common English words:
people, places, organisations, the cheap stand-in for named entities). Both are
sublinear (1 + log count). Pure, deterministic, no model to load.
"""

from __future__ import annotations

import math
import re

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
NUMBERS = False
"""A capitalised token counts as a name when it is rarer than this in general English."""


def features(title: str, text: str) -> tuple[dict[str, float], dict[str, float]]:
    """(words, names): sublinear weighted counts of the article's words and names."""
    words: dict[str, int] = {}
    capitals: dict[str, int] = {}
    lowered: set[str] = set()
    parts = ((title, TITLE_WEIGHT, 0), (text[:TEXT_CHARS], 1, LEAD_TOKENS))
    for source, weight, lead in parts:
        for position, token in enumerate(TOKEN.findall(source)):
            if token.endswith("'s"):
                token = token[:-2]
            lower = token.lower()
            w = LEAD_WEIGHT if position < lead else weight
            if lower.isdigit():
                if NUMBERS and lower[0] != "0" and len(lower) <= 4:
                    capitals["#" + lower] = capitals.get("#" + lower, 0) + w
                continue
            if lower in STOPWORDS:
                continue
            words[lower] = words.get(lower, 0) + w
            if token[0].isupper():
                capitals[lower] = capitals.get(lower, 0) + w
            else:
                lowered.add(lower)
    common = zipf_table()
    names = {name: count for name, count in capitals.items()
             if name not in lowered and common.get(name, 0.0) < NAME_MAX_ZIPF}
    return _sublinear(words), _sublinear(names)


def _sublinear(counts: dict[str, int]) -> dict[str, float]:
    return {term: 1.0 + math.log(count) for term, count in counts.items()}
