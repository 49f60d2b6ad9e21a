"""Rebuild every story from the stored articles with the current extraction and engine.

Contract: `recluster(store, progress)` first extracts every stored article again with
the current `feeds.extract` (the entity model included; a text the extractor fails on
is logged and kept without actors and events, as a poll does) and replaces its actors,
attributions, events and headline event, a transaction per `CHUNK` articles whose
stories are marked stale (an interrupted run leaves some articles re-extracted and
their stories rebuilt at the next poll; the next run finishes); then it replays all
stored articles, oldest first, through a fresh `StoryEngine` (the same code the
pipeline uses, merges and splits included, with each article's headline event from
the new extraction) and replaces the stories in one transaction, their
timelines and cards built from the new events; it returns how many articles and
stories there are now. `progress(stage, done, total)` reports the "extracting",
"clustering" and then the "storing" stage. Article ids and texts are untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass

from feeds.ingest.prepare import extract_article
from feeds.ingest.rebuild import replace_stories
from feeds.model import Article, Extraction, HeadlineEvent
from feeds.store import Store
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.features import cluster_terms

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
    events = reextract(store, total, progress)
    engine = StoryEngine()
    assigned: dict[str, int] = {}
    for done, (_, key, title, text, published, _) in enumerate(
            store.articles_for_clustering(), 1):  # the new events are in `events`
        terms = dataclasses.replace(cluster_terms(title, text), event=events.get(key))
        assigned[key] = engine.assign(ClusterDoc(key, title, text, published, terms)).story
        if progress is not None and (done % 500 == 0 or done == total):
            progress("clustering", done, total)
    engine.take_merges()
    assigned.update({key: new for key, (_, new) in engine.take_splits().items()})
    final = {key: engine.final_story(story) for key, story in assigned.items()}
    replace_stories(store, final, (lambda d, n: progress("storing", d, n)) if progress else None)
    return ReclusterSummary(len(final), before, len(set(final.values())))


def reextract(store: Store, total: int,
              progress: Progress | None = None) -> dict[str, HeadlineEvent]:
    """Extract every stored article again and store the result, `CHUNK` at a time; the
    articles' headline events by key (what the engine reads of the extraction)."""
    after, done = 0, 0
    events: dict[str, HeadlineEvent] = {}
    while True:
        chunk: dict[int, Extraction] = {}
        with closing(store.articles_added_after(after)) as rows:  # its read ends before
            for row_id, _, key, title, text, published, _ in rows:  # the chunk is written
                chunk[row_id] = extraction = extract_article(Article(  # logs a failure,
                    key=key, source_name="", title=title, text=text,  # keeps the article
                    content_hash="", published=published))
                if extraction.terms is not None and extraction.terms.event is not None:
                    events[key] = extraction.terms.event
                if len(chunk) == CHUNK:
                    break
        if not chunk:
            return events
        store.replace_extractions(chunk)
        after, done = max(chunk), done + len(chunk)
        if progress is not None:
            progress("extracting", min(done, total), total)
