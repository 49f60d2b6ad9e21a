"""Rebuild every story from the stored articles with the current story engine.

Contract: `recluster(store, progress)` replays all stored articles, oldest first,
through a fresh `StoryEngine` (the same code the pipeline uses, merges
included) and replaces the stories in one transaction; it returns how many
articles and stories there are now. `progress(stage, done, total)` reports the
"clustering" and then the "storing" stage. Article ids and texts are untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from feeds.store import Store
from feeds.stories import ClusterDoc, StoryEngine

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class ReclusterSummary:
    """The outcome of a rebuild."""

    articles: int
    stories_before: int
    stories_after: int


def recluster(store: Store, progress: Progress | None = None) -> ReclusterSummary:
    """Re-run clustering over every stored article and store the new stories."""
    total = store.count_articles()
    before = store.count_stories()
    engine = StoryEngine()
    assigned: dict[str, int] = {}
    for done, (_, key, title, text, published) in enumerate(store.articles_for_clustering(), 1):
        assigned[key] = engine.assign(ClusterDoc(key, title, text, published)).story
        if progress is not None and (done % 500 == 0 or done == total):
            progress("clustering", done, total)
    engine.take_merges()
    final = {key: engine.final_story(story) for key, story in assigned.items()}
    store.replace_stories(final, (lambda d, n: progress("storing", d, n)) if progress else None)
    return ReclusterSummary(len(final), before, len(set(final.values())))
