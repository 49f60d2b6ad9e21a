"""What the story list reads (tui.listing, through the Store's overview reads), without the
screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.store import Store
from tests.fixtures_app import add_growth, build_store
from tui.listing import ListRequest, read_listing, spark


@pytest.fixture
def store(tmp_path: Path) -> Store:
    built = build_store(f"sqlite:///{tmp_path}/t.db")
    add_growth(built)
    yield built
    built.close()


@pytest.mark.parametrize("query", ["flood", "lopez", "Lopez red", "reuters", "AP", "cross",
                                   "[bold]", "%", "_", "x", "nothing-like-it", "river AP towns"])
@pytest.mark.parametrize("sort", ["heat", "latest", "size"])
def test_fast_filter_matches_the_store_filter(store: Store, query: str, sort: str) -> None:
    expected = [s.id for s in store.list_stories(query=query, sort=sort)]
    assert [s.id for s in store.filtered_stories(query, sort=sort)] == expected
    assert store.count_filtered(query) == store.count_stories(query)


def test_read_listing_pins_followed_and_counts(store: Store) -> None:
    assert store.set_followed(5, True) and store.set_followed(1, True)
    assert not store.set_followed(99, True)  # no such story
    listing = read_listing(store, ListRequest(), 3)
    assert [s.id for s in listing.stories][:2] == [5, 1]  # followed first, in follow order
    assert listing.pinned == frozenset({5, 1}) and listing.followed == (5, 1)
    assert listing.total == 7 and listing.counter == 3
    assert (listing.healthy, listing.failing) == (1, 0) and listing.last_poll is not None
    flood = read_listing(store, ListRequest(query="flood"), 3)
    assert [s.id for s in flood.stories] == [1]  # the filter hides a followed story too
    assert flood.pinned == frozenset({1}) and flood.followed == (5, 1) and flood.total == 1
    paged = read_listing(store, ListRequest(limit=2), 0)
    page = [s.id for s in store.list_stories(limit=2) if s.id not in (5, 1)]
    assert [s.id for s in paged.stories] == [5, 1, *page] and paged.total == 7
    assert store.set_followed(5, False) and store.followed_stories()[0].id == 1


def test_activity_counts_articles_before_the_last_update(store: Store) -> None:
    stories = store.stories_by_ids([1, 2, 7])
    series = store.activity(stories)
    assert series[1] == [0] * 7 + [3]  # three articles within 6 hours of the newest
    assert series[2] == [0] * 7 + [2]  # 5.2 h and 0.5 h ago: the same 6-hour bucket
    assert sum(series[7]) == 1


def test_spark() -> None:
    assert spark([]) == ""
    assert spark([0, 0]) == "  "
    assert spark([0, 1, 2, 4, 8]) == " ▁▂▄█"
