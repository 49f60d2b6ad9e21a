"""A story's title and timeline rows from its stored articles: the pure part of a refresh.

Contract: `build_stories(stories)` takes (story id, its titles oldest first, its
stored reports) per story and returns (story id, title, event rows, card): the title is
`central_title` of the titles, cut to the column's 1,000 characters; the rows are
the `build_timeline` events as the `event` table's values, in timeline order (the
`position`), each with the keys of the articles that report it; the card is the
story's headline event (`feeds.stories.card`) as `feeds.model.eventcodec.dump_card` JSON. Pure and
picklable both ways, so `feeds.ingest.rebuild` can have the worker processes do it while the
storing process reads and writes (a final refresh is where the storing process
works alone).
"""

from __future__ import annotations

import json
from typing import Any

from feeds.model import StoryEvent
from feeds.model.eventcodec import dump_card
from feeds.stories.card import build_card
from feeds.stories.timeline import StoredReport, stored_reports, story_event, timeline_clusters
from feeds.stories.titles import central_title

TITLES = 200
"""Titles `central_title` compares (its own bound), so no more are sent to a worker."""

StoryInput = tuple[int, list[str], list[StoredReport]]
EventRow = tuple[dict[str, Any], list[str]]
"""An `event` row's values and the keys of the articles reporting it."""
BuiltStory = tuple[int, str, list[EventRow], str | None]


def build_stories(stories: list[StoryInput]) -> list[BuiltStory]:
    """Each story's title, event rows and card (see the module's contract)."""
    return [build_story(story_id, titles, reports) for story_id, titles, reports in stories]


def build_story(story_id: int, titles: list[str], stored: list[StoredReport]) -> BuiltStory:
    """One story's title, event rows and card as JSON."""
    reports = stored_reports(stored)
    clusters = timeline_clusters(reports)
    events = [story_event(cluster) for cluster in clusters]
    rows = [(event_values(story_id, position, event), event.article_keys)
            for position, event in enumerate(events)]
    return (story_id, central_title(titles, TITLES)[:1000], rows,
            dump_card(build_card(reports, clusters)))


def event_values(story_id: int, position: int, event: StoryEvent) -> dict[str, Any]:
    """The `event` table's values of a story event."""
    return {"story_id": story_id, "position": position,
            "date": event.date.iso() if event.date else None,
            "precision": event.date.precision if event.date else None,
            "cameo": event.cameo, "type": event.type, "summary": event.summary[:1000],
            "place": event.place, "actors": "\n".join(event.actors)[:2000],
            "figures": _figures_text(event.figures), "articles": len(event.article_keys),
            "outlets": len(set(event.outlets))}


def _figures_text(figures: dict[str, list[int]]) -> str:
    return json.dumps({k: sorted(set(v)) for k, v in figures.items()}, sort_keys=True)[:1000]
