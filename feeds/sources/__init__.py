"""Sources: the only code that reads watched folders or talks to the network.

Contract: each source kind turns its settings into a `SourcePass`: the raw
documents it found, one error line per bad input, and its status. A source
never raises for bad input; it records the problem and goes on. Only the statuses in
`HEALTHY` are healthy; any other is a problem to show (`is_problem`), even when the
pass carries documents (a truncated feed's readable entries are stored).

Imports: `feeds.config`, `feeds.model` (and `feeds.store` for type hints only); never
the poll that calls it (`feeds.ingest`): checked by `.importlinter`. The worker pool a
feed is parsed in lives here too (`pool`, `forkserver`, `seenlog`). A new source kind is
a class in `kinds` and its fetching code in a module here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from feeds.model import Article, Extraction, RawDocument, pickled_by_fields
from feeds.model.text import sanitize

HEALTHY = frozenset({"ok", "not_modified"})
"""The statuses of a pass that went well; every other status is a problem."""


def is_problem(status: str) -> bool:
    """Whether a recorded status is a problem ("new", never polled, is not)."""
    return status not in HEALTHY and status != "new"


@pickled_by_fields
@dataclass(slots=True)
class SourcePass:
    """What one pass over a source produced."""

    documents: list[RawDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    status: str = "ok"
    """ok, not_modified, error, truncated (a feed cut off: its readable entries kept),
    rate_limited or gone."""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: datetime | None = None
    http_status: int | None = None
    moved_to: str | None = None
    """The new URL after permanent redirects (301/308 all the way), else None."""
    min_interval: float | None = None
    """A lower bound on the polling interval in seconds (ttl, sy:updatePeriod, max-age)."""
    feed_title: str | None = None
    final_url: str | None = None
    """The URL that answered, after redirects."""
    body: bytes | None = None
    """The fetched bytes, only when asked for (autodiscovery reads an HTML page's links)."""
    articles: list[Article] | None = None
    """The documents normalised ahead in a worker, when they were (see `feeds.ingest.prepare`)."""
    extractions: dict[str, Extraction] = field(default_factory=dict)
    """Extractions done ahead in a worker, by content hash."""
    settling: int = 0
    """Files a folder scan saw new or changed and left for a later scan (still being
    written, or not yet seen to hold): the poller scans that folder again soon."""

    @property
    def healthy(self) -> bool:
        """Whether the pass went well (its status is in `HEALTHY`)."""
        return self.status in HEALTHY

    @property
    def error_text(self) -> str | None:
        """All error lines, or None when there were none."""
        if not self.errors:
            return None
        return sanitize("\n".join(self.errors), 4000)
