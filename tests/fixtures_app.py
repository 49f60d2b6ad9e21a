"""A small handcrafted database for the dashboard tests.

Contract: `build_store(url)` opens a fresh store at `url` and writes one batch
of six stories through `Store.write` (the real writer, timelines included):
one ordinary story with three articles, actors, cited bodies and two events
(a statement and a meeting; the meeting is its card), and five single-article
stories (no events, no card) whose titles are hostile markup or escape
sequences. Times are relative to now, so ages and the heat order are fixed:
stories come out in the order of `TITLES`. `add_growth(store)` writes a second
batch: one more article for story 2 and a new story 7.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from feeds.ingest.rebuild import commit_batches
from feeds.model import Actor, Article, Attribution, EventCandidate, Extraction, PartialDate
from feeds.store import Batch, ProcessedArticle, SourceUpdate, Store

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
HOSTILE = ["[bold]x[/]", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z[/]",
           "[TODO] fix", "\x1b[31mred"]
TITLES = ["Flood hits river towns", *HOSTILE]
FLOOD_TEXT = "Water rose overnight in three towns.\nThe mayor asked for help."


def _article(key: str, title: str, outlet: str, hours_ago: float, text: str = "") -> Article:
    return Article(key=key, source_name="wire", title=title, text=text or f"Text of {title}.",
                   content_hash=hashlib.sha256(f"{key}{title}{text}".encode()).hexdigest(),
                   url=f"https://news.example/{key}", published=NOW - timedelta(hours=hours_ago),
                   date_origin="header", outlet=outlet)


def _event(cameo: str, kind: str, summary: str, when: PartialDate | None,
           actors: list[str]) -> EventCandidate:
    expr = f"ymd:{when.value.isoformat()}" if when else None
    return EventCandidate(cameo=cameo, type=kind, sentence=summary, start=0, end=len(summary),
                          summary=summary, date_expr=expr, date=when, actors=actors)


def _cites(*names: str) -> list[Attribution]:
    return [Attribution(cited=name, kind="organization", text=f"according to {name}",
                        start=0, end=10) for name in names]


def flood_articles() -> list[ProcessedArticle]:
    """Story 1: three articles, two outlets, two actors, one cited body, two events."""
    mayor = Actor("Maria Lopez", "person", role="mayor", aliases=["Lopez"], mentions=2)
    cross = Actor("Red Cross", "organization", mentions=1)
    appeal = _event("02", "Statement.Statement", "Mayor Maria Lopez appealed for aid",
                    PartialDate(date(2025, 3, 1), "day"), ["Maria Lopez"])
    meet = _event("04", "Contact.Meet", "Red Cross met town officials", None, ["Red Cross"])
    items = [
        (_article("a1", "Flood hits river towns", "Reuters", 3.2, FLOOD_TEXT),
         Extraction(actors=[mayor], attributions=_cites("World Health Organization"),
                    events=[appeal])),
        (_article("a2", "Towns count flood damage", "Reuters", 2.2),
         Extraction(actors=[mayor, cross], attributions=_cites("World Health Organization"),
                    events=[meet])),
        (_article("a3", "River flood: aid arrives", "AP", 1.2),
         Extraction(actors=[cross])),
    ]
    return [ProcessedArticle(article, extraction, 1) for article, extraction in items]


def hostile_articles() -> list[ProcessedArticle]:
    """Stories 2-6: one article each, titled with markup and escape sequences."""
    return [
        ProcessedArticle(_article(f"h{n}", title, title, 5.2 + n, text=title),
                         Extraction(actors=[Actor(title, "organization", mentions=1)]), n + 2)
        for n, title in enumerate(HOSTILE)
    ]


def build_store(url: str) -> Store:
    """A fresh store at `url` holding the six fixture stories."""
    store = Store.open(url)
    batch = Batch(SourceUpdate(name="wire", kind="folder", location="/srv/wire"),
                  articles=flood_articles() + hostile_articles(), new_count=8)
    commit_batches(store, batch)
    return store


def add_growth(store: Store) -> None:
    """A second batch: one more article for story 2, and a new story 7."""
    grown = ProcessedArticle(_article("h0b", "More on x", "AP", 0.5), Extraction(), 2)
    fresh = ProcessedArticle(_article("n7", "Bridge reopens", "AP", 0.2), Extraction(), 7)
    commit_batches(store, Batch(SourceUpdate(name="wire", kind="folder", location="/srv/wire"),
                                articles=[grown, fresh], new_count=2))
