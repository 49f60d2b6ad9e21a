"""Watches: saved filters that notify when a matching story appears or grows.

Contract: `WatchTracker(watches).check(store)` runs in a thread worker after
the change counter moved; it reads each watch's matching stories (latest first,
at most `WATCH_LIMIT`) and returns a `Hit` for every story that is new to the
watch or has more articles than last time. The first check only learns what
exists (no hits), so opening the dashboard does not flood it. `run_command`
hands one hit to the watch's configured program as JSON on stdin, without a
shell, with a time limit. Imports no Textual.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from feeds.config import WatchSettings
from feeds.read.serialize import story_detail, story_summary
from feeds.read.views import StorySummary

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: not before the first screen
    from feeds.store import Store

WATCH_LIMIT = 200
COMMAND_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Hit:
    """A story that appeared in, or grew under, a watch."""

    watch: WatchSettings
    story: StorySummary
    change: str
    """"new" or "+N" (N more articles)."""

    @property
    def text(self) -> str:
        """The notification's text (plain, never markup)."""
        verb = "New story" if self.change == "new" else f"Story grew ({self.change})"
        return f"{verb}: {self.story.title}"


class WatchTracker:
    """Remembers what each watch has seen; says what is new."""

    def __init__(self, watches: list[WatchSettings]) -> None:
        self.watches = list(watches)
        self.known: dict[str, dict[int, int]] = {}

    def check(self, store: Store) -> list[Hit]:
        """Read every watch's stories; the hits since the last check."""
        hits: list[Hit] = []
        for watch in self.watches:
            stories = store.list_stories(query=watch.query, sort="latest", limit=WATCH_LIMIT)
            seen = self.known.get(watch.name)
            if seen is not None:
                for story in stories:
                    before = seen.get(story.id)
                    if before is None:
                        hits.append(Hit(watch, story, "new"))
                    elif story.articles > before:
                        hits.append(Hit(watch, story, f"+{story.articles - before}"))
            self.known[watch.name] = {**(seen or {}), **{s.id: s.articles for s in stories}}
        return hits


def hit_json(hit: Hit, store: Store) -> str:
    """What a watch command receives on stdin: the watch, the change and the story snapshot."""
    detail = store.story_detail(hit.story.id)
    story = story_detail(detail) if detail is not None else story_summary(hit.story)
    return json.dumps({"watch": hit.watch.name, "query": hit.watch.query, "change": hit.change,
                       "story": story}, ensure_ascii=False)


def run_command(hit: Hit, store: Store) -> str | None:
    """Run the watch's command with the hit on stdin (no shell); None if fine, else why not."""
    try:
        done = subprocess.run(list(hit.watch.command), input=hit_json(hit, store).encode("utf-8"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=COMMAND_SECONDS, shell=False, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"watch {hit.watch.name}: command failed: {exc}"
    if done.returncode:
        return f"watch {hit.watch.name}: command exited with status {done.returncode}"
    return None
