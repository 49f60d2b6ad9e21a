"""Sources: the only code that reads watched folders or talks to the network.

Contract: each source kind turns its settings into a `SourcePass`: the raw
documents it found, one error line per bad input, and its status. A source
never raises for bad input; it records the problem and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from feeds.model import Article, Extraction, RawDocument, pickled_by_fields
from feeds.text import sanitize


@pickled_by_fields
@dataclass(slots=True)
class SourcePass:
    """What one pass over a source produced."""

    documents: list[RawDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    status: str = "ok"
    """ok, not_modified, error, rate_limited or gone."""
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
    """The documents normalised ahead in a worker, when they were (see `feeds.prepare`)."""
    extractions: dict[str, Extraction] = field(default_factory=dict)
    """Extractions done ahead in a worker, by content hash."""

    @property
    def error_text(self) -> str | None:
        """All error lines, or None when there were none."""
        if not self.errors:
            return None
        return sanitize("\n".join(self.errors), 4000)
