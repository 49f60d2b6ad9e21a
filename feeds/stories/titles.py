"""A story's title: the headline of its most central article.

Contract: `central_title(titles)` returns the title that shares the most words
with the others (summed Jaccard overlap of their content words); ties go to the
earliest. Only the first `limit` titles are compared, so a huge story costs a
bounded amount. An empty list gives "".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")
_SMALL = frozenset("the and for with from that this into over after says said will have has "
                   "are was were its their his her new".split())


def _words(title: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(title.lower()) if w not in _SMALL)


def central_title(titles: list[str], limit: int = 200) -> str:
    """The most central of `titles` (the earliest among equals)."""
    considered = [t for t in titles[:limit] if t.strip()]
    if not considered:
        return titles[0] if titles else ""
    words = [_words(t) for t in considered]
    best, best_score = 0, -1.0
    for index, mine in enumerate(words):
        score = sum(len(mine & other) / len(mine | other)
                    for j, other in enumerate(words) if j != index and (mine | other))
        if score > best_score + 1e-9:
            best, best_score = index, score
    return considered[best]
