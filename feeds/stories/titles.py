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
    groups: dict[frozenset[str], list[int]] = {}  # repeated headlines are scored once
    for index, title in enumerate(considered):
        groups.setdefault(_words(title), []).append(index)
    best, best_score = len(considered), -1.0
    for mine, members in groups.items():
        score = sum(len(members_of) * _jaccard(mine, other) for other, members_of in groups.items())
        score -= 1.0 if mine else 0.0  # not similar to itself
        first = members[0]
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and first < best):
            best, best_score = first, score
    return considered[best]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0
