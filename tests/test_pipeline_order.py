"""A pass's new articles are assigned stories oldest first (`assignment_order`), not in
the feed's order: the same articles give the same stories however the feed lists them."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.config import SourceSettings
from feeds.ingest.pipeline import Pipeline, assignment_order
from feeds.model import RawDocument
from feeds.sources import SourcePass
from feeds.store import Store
from feeds.stories import ClusterDoc

SOURCE = SourceSettings("feed", "Wire", 900, url="http://127.0.0.1/feed")
ARTICLES = {  # oldest first
    "vote": ("Ghana counts votes", "Electoral officers in Accra counted ballots after Ghana's "
             "presidential election; turnout in Kumasi was high, the commission said.", 1),
    "quake": ("Earthquake shakes Valparaiso", "A magnitude 6.8 earthquake shook Valparaiso "
              "in Chile, toppling walls; seismologists recorded aftershocks.", 2),
    "flood": ("Floods in Porto Alegre", "Floodwater from the Guaiba river covered Porto "
              "Alegre; rescuers in boats reached families on rooftops in Sarandi.", 3),
}


def feed(keys: list[str]) -> SourcePass:
    """A pass listing the articles of `keys` in that order."""
    return SourcePass(documents=[RawDocument(
        source_name="Wire", locator=key, body=ARTICLES[key][1], guid=key,
        title=ARTICLES[key][0], published=datetime(2025, 5, ARTICLES[key][2], tzinfo=UTC),
        published_origin="feed") for key in keys])


def stories_of(db_url: str, keys: list[str]) -> tuple[dict[str, int], list[int]]:
    """Each article's story (by title) and the pass's new stories, on a fresh database."""
    store = Store.open(db_url)
    summary = Pipeline(store).process(SOURCE, feed(keys))
    by_title = {s.title: s.id for s in store.list_stories()}
    titles = {ARTICLES[key][0]: key for key in keys}
    return {titles[t]: i for t, i in by_title.items() if t in titles}, summary.new_stories


def test_a_feed_listed_newest_first_gets_the_stories_of_the_oldest_first_order(
        db_url: str) -> None:
    stories, new = stories_of(db_url, ["flood", "quake", "vote"])  # a feed: newest first
    assert stories == {"vote": 1, "quake": 2, "flood": 3}
    assert new == [1, 2, 3]


def test_assignment_order_is_oldest_first_then_key_and_undated_last_by_key() -> None:
    day = datetime(2025, 5, 1, tzinfo=UTC)
    docs = [ClusterDoc("u2", "", ""), ClusterDoc("b", "", "", day),
            ClusterDoc("u1", "", ""), ClusterDoc("a", "", "", day.replace(day=2)),
            ClusterDoc("a0", "", "", day)]
    assert [d.key for d in assignment_order(docs)] == ["a0", "b", "a", "u1", "u2"]
