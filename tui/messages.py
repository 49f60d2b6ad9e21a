"""Messages between the workers that read or poll and the panels that show.

Contract: small dataclass-like `Message`s, posted from thread workers (posting is
thread-safe) to the app or the dashboard screen. The bursty ones
(`StoriesLoaded`, `DetailLoaded`) are replaceable: when several wait in a queue,
only the newest is handled, so a burst of changes costs one repaint.
"""

from __future__ import annotations

from textual.message import Message

from feeds.views import StoryDetail, StorySummary


class StoriesLoaded(Message):
    """A fresh page of the story list, read after the change counter moved."""

    def __init__(self, stories: list[StorySummary], counter: int) -> None:
        super().__init__()
        self.stories = stories
        self.counter = counter

    def can_replace(self, message: Message) -> bool:
        """A newer story list supersedes an older one still queued."""
        return isinstance(message, StoriesLoaded)


class DetailLoaded(Message):
    """The panels' data for one story (None: the story is gone)."""

    def __init__(self, story_id: int, detail: StoryDetail | None) -> None:
        super().__init__()
        self.story_id = story_id
        self.detail = detail

    def can_replace(self, message: Message) -> bool:
        """Only the newest detail matters."""
        return isinstance(message, DetailLoaded)


class PollStarted(Message):
    """A poll worker started a pass over the sources."""


class PollFinished(Message):
    """A poll pass ended; `text` says how, in one line for the header."""

    def __init__(self, text: str, ok: bool) -> None:
        super().__init__()
        self.text = text
        self.ok = ok


class ReadFailed(Message):
    """Reading the database failed; `text` is the one-line reason."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
