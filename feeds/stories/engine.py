"""Online, deterministic story clustering: each article joins a story or starts one.

Contract: `StoryEngine.assign(doc)` puts one article into the most similar
existing story (TF-IDF cosine to the story centroid, title counted twice,
sublinear term frequency, IDF learned online) when the similarity reaches the
threshold, else into a new story with the next id. The same stream in the same
order always gives the same ids. Candidate stories come from an inverted index
over each story's terms. `restore(doc, story_id)` replays a stored assignment
without deciding, so a restarted engine continues the same stories.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own said same says she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours new one two three year years told
""".split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*[a-z0-9]|[a-z]")
MAX_TERMS = 200
INDEX_TERMS = 12


@dataclass(frozen=True, slots=True)
class ClusterDoc:
    """What the clusterer needs of an article."""

    key: str
    title: str
    text: str
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went."""

    story: int
    new: bool
    similarity: float = 0.0


@dataclass(slots=True)
class _Story:
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0


def terms(title: str, text: str) -> dict[str, float]:
    """Sublinear term frequencies of the title (twice) and the text."""
    counts: dict[str, int] = defaultdict(int)
    for source, weight in ((title, 2), (text, 1)):
        for token in _TOKEN.findall(source.lower()):
            if token not in STOPWORDS and not token.isdigit():
                counts[token] += weight
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return {term: 1.0 + math.log(count) for term, count in ranked}


class StoryEngine:
    """The online clusterer; holds its IDF counts, centroids and index in memory."""

    def __init__(self, threshold: float = 0.25, next_id: int = 1) -> None:
        self.threshold = threshold
        self.next_id = next_id
        self.documents = 0
        self.df: dict[str, int] = defaultdict(int)
        self.stories: dict[int, _Story] = {}
        self.index: dict[str, set[int]] = defaultdict(set)

    def assign(self, doc: ClusterDoc) -> Assignment:
        """Put `doc` into the best story, or a new one."""
        tf = self._learn(doc)
        vector = self._weigh(tf)
        best, score = self._best_story(vector)
        if best is not None and score >= self.threshold:
            self._add(best, vector)
            return Assignment(best, False, score)
        story_id = self.next_id
        self.next_id += 1
        self._add(story_id, vector)
        return Assignment(story_id, True, score)

    def final_story(self, story_id: int) -> int:
        """The id a story ended up under (the same until merging exists)."""
        return story_id

    def restore(self, doc: ClusterDoc, story_id: int) -> None:
        """Replay a stored assignment of `doc` to `story_id`."""
        self._add(story_id, self._weigh(self._learn(doc)))
        self.next_id = max(self.next_id, story_id + 1)

    def _learn(self, doc: ClusterDoc) -> dict[str, float]:
        tf = terms(doc.title, doc.text)
        self.documents += 1
        for term in tf:
            self.df[term] += 1
        return tf

    def _weigh(self, tf: dict[str, float]) -> dict[str, float]:
        n = self.documents
        weights = {t: w * (math.log((n + 1) / (self.df[t] + 1)) + 1.0) for t, w in tf.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def _best_story(self, vector: dict[str, float]) -> tuple[int | None, float]:
        candidates: set[int] = set()
        for term in vector:
            candidates.update(self.index.get(term, ()))
        best, best_score = None, 0.0
        for story_id in sorted(candidates):
            score = _cosine(vector, self.stories[story_id].centroid)
            if score > best_score:
                best, best_score = story_id, score
        return best, best_score

    def _add(self, story_id: int, vector: dict[str, float]) -> None:
        story = self.stories.setdefault(story_id, _Story())
        for term, weight in vector.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        story.size += 1
        if len(story.centroid) > MAX_TERMS * 2:
            kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
            story.centroid = dict(kept)
        for term, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]:
            self.index[term].add(story_id)


def _cosine(vector: dict[str, float], centroid: dict[str, float]) -> float:
    norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm
