"""Messages between the workers that read or poll and the panels that show.

Contract: small dataclass-like `Message`s, posted from thread workers (posting is
thread-safe) to the app or the dashboard screen. The bursty ones
(`StoriesLoaded`, `DetailLoaded`) are replaceable: when several wait in a queue,
only the newest is handled, so a burst of changes costs one repaint.
"""

from __future__ import annotations

from textual.message import Message

from feeds.read.views import SearchGroup, StoryDetail
from tui.listing import Listing


class StoriesLoaded(Message):
    """A fresh read of the story list (the change counter moved, or the filter or sort did)."""

    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        self.stories = listing.stories
        self.counter = listing.counter

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


class WatchHits(Message):
    """Stories that appeared in or grew under a watch: (watch name, story, "new" or "+N")."""

    def __init__(self, hits: list[tuple[str, object, str]]) -> None:
        super().__init__()
        self.hits = hits


class HealthRead(Message):
    """The sources' health, read with the story list (for the header line)."""

    def __init__(self, healthy: int, failing: int, last_poll: object) -> None:
        super().__init__()
        self.healthy = healthy
        self.failing = failing
        self.last_poll = last_poll


class OpenSource(Message):
    """Show a source's latest articles (Enter on the sources screen); the app opens the
    screen, so screens need not import each other."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class OpenArticle(Message):
    """Show an article in the reader (Enter on a source's article); the app opens it."""

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id


class OpenUrl(Message):
    """Open `url` in the system browser (`o` on the dashboard or in the reader); the app
    checks it is an http(s) address and opens it off the event loop."""

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self.url = url


class ReadFailed(Message):
    """Reading the database failed; `text` is the one-line reason."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SearchFound(Message):
    """What a full-text search found for `query`; `error`: why there is nothing (a query
    without words, a failed read)."""

    def __init__(self, query: str, groups: list[SearchGroup], error: str = "") -> None:
        super().__init__()
        self.query = query
        self.groups = groups
        self.error = error
