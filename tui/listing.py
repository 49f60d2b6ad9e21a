"""What the story list shows, read in one go off the event loop.

Contract: `read_listing(store, request)` runs in a thread worker and returns a
`Listing`: the followed stories (kept in the database; pinned on top, in follow
order, those the filter matches), then one page of stories for the filter and sort asked
(or, for the Saved tab, the saved stories; a story to `reveal` right after the followed
ones when the page lacks it), each row's activity sparkline, and
the sources' health for the header. It imports no Textual, so it is tested and
benchmarked on its own. `spark(series)` draws a series as block characters.
`first_listing(page)` is the listing of a `feeds.read.firstpage.FirstPage` (no sparklines,
no health), what the dashboard shows before the store has opened. Importing this module
loads no SQLAlchemy (the store's modules load when a listing is read); it reads through
the `Store` facade's methods only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from feeds.read.views import StorySummary

if TYPE_CHECKING:
    from feeds.read.firstpage import FirstPage
    from feeds.store import Store

SORTS = ("heat", "latest", "size")
PAGE = 100
_BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class ListRequest:
    """What the user asked the list to show."""

    query: str = ""
    sort: str = "heat"
    limit: int = PAGE
    saved: bool = False
    """The saved stories alone (the Saved tab), last saved first."""
    reveal: int | None = None
    """A story to list after the followed ones even when the page does not hold it (one
    opened from the search box)."""


@dataclass(slots=True)
class Listing:
    """One read of the story list."""

    request: ListRequest
    counter: int
    stories: list[StorySummary]
    """Followed stories first, then the page (a followed story is not listed twice)."""
    pinned: frozenset[int]
    """The followed stories the list shows (those the filter matches)."""
    total: int
    """Stories matching the filter (for the list's subtitle)."""
    followed: tuple[int, ...] = ()
    """Every followed story, in follow order, whether the filter shows it or not."""
    sparks: dict[int, list[int]] = field(default_factory=dict)
    healthy: int = 0
    failing: int = 0
    last_poll: object = None
    """The latest successful fetch time of any source (datetime or None)."""


def read_listing(store: Store, request: ListRequest, counter: int, *,
                 count: bool = True) -> Listing:
    """Followed stories, one page of the rest, sparklines and source health.

    With `count=False` a filtered list whose page is full leaves `total` at -1
    (unknown): counting every match can cost as much as the page, so the screen
    shows the page first and asks `count_matches` afterwards."""
    followed = store.followed_stories()
    pinned = store.followed_stories(request.query) if request.query.strip() else followed
    if request.saved:
        pinned = []
    pinned_ids = {story.id for story in pinned}
    if request.saved:
        page = store.saved_stories()
        total = len(page)
    elif request.query.strip():
        page = store.filtered_stories(request.query, sort=request.sort, limit=request.limit)
        total = len(page) if len(page) < request.limit else (
            store.count_filtered(request.query) if count else -1)
    else:
        page = store.list_stories(sort=request.sort, limit=request.limit)
        total = len(page) if len(page) < request.limit else store.count_stories()
    stories = pinned + [story for story in page if story.id not in pinned_ids]
    if request.reveal is not None and all(story.id != request.reveal for story in stories):
        stories[len(pinned):len(pinned)] = store.stories_by_ids([request.reveal])
    listing = Listing(request, counter, stories, frozenset(pinned_ids), total,
                      followed=tuple(story.id for story in followed),
                      sparks=store.activity(stories))
    health = store.sources_health()
    listing.failing = sum(1 for source in health if source.consecutive_errors)
    listing.healthy = len(health) - listing.failing
    successes = [s.last_success for s in health if s.last_success is not None]
    listing.last_poll = max(successes) if successes else None
    return listing


def first_listing(first: FirstPage) -> Listing:
    """The default request's listing from the first page read before the store opened."""
    pinned = {story.id for story in first.followed}
    stories = first.followed + [story for story in first.page if story.id not in pinned]
    total = len(first.page) if len(first.page) < PAGE else first.total
    return Listing(ListRequest(), -1, stories, frozenset(pinned), total,
                   followed=tuple(story.id for story in first.followed))


def count_matches(store: Store, query: str) -> int:
    """How many stories a filter matches."""
    return store.count_filtered(query)


def spark(series: list[int]) -> str:
    """A series as block characters, scaled to its own maximum ("" when empty)."""
    top = max(series, default=0)
    if top <= 0:
        return " " * len(series)
    return "".join(_BLOCKS[0 if n == 0 else max(1, round(8 * n / top))] for n in series)
