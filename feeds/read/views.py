"""Read-side domain objects: what `feeds.store` queries return to the screen,
the command line and the exports.

Contract: plain frozen dataclasses, no database handles, no markup. Every string
here came from untrusted input and has been sanitised, but must still be shown
as plain text (never parsed as Rich/Textual markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from feeds.model import StoryCard


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of the story list."""

    id: int
    title: str
    articles: int
    outlets: int
    first_seen: datetime | None
    last_seen: datetime | None
    state: str
    heat: float
    updated_at: datetime | None = None
    """When the story last changed in the database (for 'new / grown' marks)."""
    unread: int = 0
    """Its articles not yet read (kept in the database, for every dashboard of it)."""


@dataclass(frozen=True, slots=True)
class EventView:
    """One line of a story's timeline."""

    date: str | None
    """ISO date cut to its precision ("2025-12-14", "2024-12", "2014"), None if unknown."""
    precision: str | None
    cameo: str
    type: str
    summary: str
    actors: list[str]
    place: str | None
    articles: int
    outlets: int
    figures: dict[str, list[int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActorView:
    """One actor of a story, aggregated over its articles."""

    name: str
    kind: str
    role: str | None
    aliases: list[str]
    mentions: int
    articles: int
    outlets: int
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass(frozen=True, slots=True)
class OutletView:
    """One outlet reporting a story."""

    name: str
    articles: int
    first_report: datetime | None
    latest_report: datetime | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article, as listed and as read."""

    id: int
    title: str
    outlet: str
    published: datetime | None
    date_origin: str
    url: str | None
    source_name: str
    text: str = ""
    via: str | None = None


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article of a source's list: the article (no text), its story, and whether mute
    rules hide it."""

    article: ArticleView
    story_id: int | None
    story_title: str
    muted: bool = False


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """Everything the story panels and the exports show."""

    story: StorySummary
    events: list[EventView]
    actors: list[ActorView]
    outlets: list[OutletView]
    cited: list[tuple[str, int]]
    """Bodies the articles cite (name, number of articles citing it)."""
    articles: list[ArticleView]
    card: StoryCard | None = None
    """The story's headline event; None before its first refresh or without events."""
    muted: int = 0
    """Its articles `[[mute]]` rules hide (left out of everything above)."""


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One configured source and how its last fetches went."""

    name: str
    kind: str
    location: str
    status: str
    last_error: str | None
    consecutive_errors: int
    last_attempt: datetime | None
    last_success: datetime | None
    next_due: datetime | None
    articles: int
    http_status: int | None = None
    moved_to: str | None = None
    items_new: int = 0
    items_updated: int = 0


@dataclass(frozen=True, slots=True)
class Marked:
    """A one-line text with the spans (start, end) of the words a search matched."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The matched words, lower case, each once, in the order they appear."""
        return tuple(dict.fromkeys(self.text[a:b].lower() for a, b in self.spans))


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """One article a search found: its title and a passage of its text, matches marked."""

    article_id: int
    outlet: str
    published: datetime | None
    title: Marked
    snippet: Marked

    @property
    def words(self) -> tuple[str, ...]:
        """The matched words of the title and the passage."""
        return tuple(dict.fromkeys(self.title.words + self.snippet.words))


@dataclass(frozen=True, slots=True)
class SearchGroup:
    """A story with the articles of it a search found, best first."""

    story: StorySummary
    matches: tuple[SearchMatch, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """The matched words of all its matches."""
        return tuple(dict.fromkeys(w for match in self.matches for w in match.words))
