"""Rebuild every story from the stored articles with the current extraction and engine.

Contract: `recluster(store, progress)` first extracts every stored article again with
the current `feeds.extract` (the entity model included; a text the extractor fails on
is logged and kept without actors and events, as a poll does) and replaces its actors,
attributions and events, a transaction per `CHUNK` articles whose stories are marked
stale (an interrupted run leaves some articles re-extracted and their stories rebuilt
at the next poll; the next run finishes); then it replays all
stored articles, oldest first, through a fresh `StoryEngine` (the same code the
pipeline uses, merges included) and replaces the stories in one transaction, their
timelines and cards built from the new events; it returns how many articles and
stories there are now. `progress(stage, done, total)` reports the "extracting",
"clustering" and then the "storing" stage. Article ids and texts are untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass

from feeds.model import Article, Extraction
from feeds.prepare import extract_article
from feeds.rebuild import replace_stories
from feeds.store import Store
from feeds.stories import ClusterDoc, StoryEngine

Progress = Callable[[str, int, int], None]
CHUNK = 500


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
    reextract(store, total, progress)
    engine = StoryEngine()
    assigned: dict[str, int] = {}
    for done, (_, key, title, text, published) in enumerate(store.articles_for_clustering(), 1):
        assigned[key] = engine.assign(ClusterDoc(key, title, text, published)).story
        if progress is not None and (done % 500 == 0 or done == total):
            progress("clustering", done, total)
    engine.take_merges()
    final = {key: engine.final_story(story) for key, story in assigned.items()}
    replace_stories(store, final, (lambda d, n: progress("storing", d, n)) if progress else None)
    return ReclusterSummary(len(final), before, len(set(final.values())))


def reextract(store: Store, total: int, progress: Progress | None = None) -> None:
    """Extract every stored article again and store the result, `CHUNK` at a time."""
    after, done = 0, 0
    while True:
        chunk: dict[int, Extraction] = {}
        with closing(store.articles_added_after(after)) as rows:  # its read ends before
            for row_id, _, key, title, text, published in rows:  # the chunk is written
                chunk[row_id] = extract_article(Article(  # logs a failure, keeps the article
                    key=key, source_name="", title=title, text=text, content_hash="",
                    published=published))
                if len(chunk) == CHUNK:
                    break
        if not chunk:
            return
        store.replace_extractions(chunk)
        after, done = max(chunk), done + len(chunk)
        if progress is not None:
            progress("extracting", min(done, total), total)
