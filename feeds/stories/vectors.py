"""Sparse term vectors of the story engine: term -> weight dicts.

Contract: `dot(a, b)` is their dot product (iterating the smaller); `accumulate(centroid,
vector, keep)` adds `vector` into `centroid` in place, trims it to its `keep` strongest
terms once it holds more than twice that many, and returns its norm; `missing(main,
names)` is the share of the weight of `main` (a story's or article's strongest names)
absent from `names`. Pure, but for `accumulate`'s update of its first argument.
"""

from __future__ import annotations

import math
from operator import itemgetter

Vector = dict[str, float]
_WEIGHT = itemgetter(1)


def missing(main: list[tuple[str, float]], names: Vector) -> float:
    """The share of the weight of `main` names absent from `names`."""
    total = sum(w for _, w in main)
    return sum(w for t, w in main if t not in names) / total if total else 0.0


def dot(small: Vector, large: Vector) -> float:
    """Their dot product."""
    if len(small) > len(large):
        small, large = large, small
    return sum([small[t] * large[t] for t in small.keys() & large.keys()])


def accumulate(centroid: Vector, vector: Vector, keep: int) -> float:
    """Add `vector` into `centroid` (trimmed to its `keep` strongest terms); its norm."""
    for term, weight in vector.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    if len(centroid) > 2 * keep:
        kept = dict(sorted(centroid.items(), key=_WEIGHT, reverse=True)[:keep])
        centroid.clear()
        centroid.update(kept)
    return math.sqrt(sum(w * w for w in centroid.values())) or 1.0
