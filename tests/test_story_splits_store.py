"""A split story in the store: its second event's articles move to the new story, which
keeps what a user marked (followed, read, saved); the pipeline hands the engine's splits
to the batch. On SQLite and PostgreSQL."""

from __future__ import annotations

from feeds.ingest.rebuild import commit_batches
from tests.test_store import ProcessedArticle, Store, article, batch, extraction, unread
from tests.test_story_engine_events import DAY, doc, event


def test_a_split_moves_the_articles_and_both_parts_keep_follow_and_read(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), 1)
                        for k in "abcd")))
    assert store.set_followed(1, True) and store.mark_read([1]) == 1
    commit_batches(store, batch(ProcessedArticle(article("e", "E"), extraction(), 1)))
    assert unread(store) == {1: 1}  # one article since it was read
    split = batch()
    split.splits = {"c": (1, 2), "d": (1, 2), "e": (1, 2)}
    commit_batches(store, split)
    assert sorted((s.id, s.articles) for s in store.list_stories()) == [(1, 2), (2, 3)]
    assert unread(store) == {1: 0, 2: 1}  # the unread article stays unread, no read one turns
    assert sorted(s.id for s in store.followed_stories()) == [1, 2]
    detail = store.story_detail(2)
    assert detail is not None and sorted(a.title for a in detail.articles) == ["C", "D", "E"]


def test_a_split_then_merged_story_lands_in_the_merge(db_url: str) -> None:
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                        for n, k in ((1, "a"), (1, "b"), (1, "c"), (3, "x")))))
    assert store.set_followed(1, True)
    both = batch(merges={2: 3})
    both.splits = {"c": (1, 2)}
    commit_batches(store, both)
    assert sorted((s.id, s.articles) for s in store.list_stories()) == [(1, 2), (3, 2)]
    assert sorted(s.id for s in store.followed_stories()) == [1, 3]


def test_the_pipeline_hands_engine_splits_to_the_batch() -> None:
    from feeds.ingest.pipeline import PassSummary, Pipeline
    from feeds.store import Batch, SourceUpdate
    from feeds.stories import StoryEngine
    from feeds.stories.engine import EngineSettings

    pipeline = Pipeline(store=None)  # type: ignore[arg-type]  # the store is not touched here
    e = pipeline.mirror.engine = StoryEngine(settings=EngineSettings(threshold=0.3))
    tulsa, akron = event("Tulsa", DAY, "violence", "lee"), event("Akron", DAY + 20)
    for key, ev in (("a", tulsa), ("b", tulsa), ("c", akron), ("d", akron)):
        e.assign(doc(key, ev))
    one = Batch(SourceUpdate(name="s", kind="folder", location="x"))
    pipeline._take_merges(one, [PassSummary(source="s", status="ok")])
    assert one.splits == {"c": (1, 2), "d": (1, 2)}


def test_the_pipeline_splits_a_story_and_the_dashboard_data_follows(db_url: str) -> None:
    """Through `Pipeline.process`: two articles of a shooting in one town, then two alike
    of another 20 days later elsewhere; they join the first story until the fourth shows
    two events, then move to a new story that is followed and read as the first was."""
    from dataclasses import replace

    from feeds.config import SourceSettings
    from feeds.ingest.pipeline import Pipeline
    from feeds.model import Extraction, HeadlineEvent
    from feeds.sources import SourcePass

    store = Store.open(db_url)
    pipeline = Pipeline(store)
    wire = SourceSettings("feed", "Wire", 900, url="http://127.0.0.1/wire")
    tulsa, akron = event("Tulsa", DAY, "violence", "zorbak"), event("Akron", DAY + 20)

    def one_pass(*keys_events: tuple[str, HeadlineEvent]) -> list[int]:
        articles = [replace(article(key, f"Oakridge apartment shooting {key}"), simhash=None)
                    for key, _ in keys_events]
        prepared = {a.content_hash: Extraction(terms=doc(a.key, ev).terms)
                    for a, (_, ev) in zip(articles, keys_events, strict=True)}
        summary = pipeline.process(wire, SourcePass(articles=articles, extractions=prepared))
        return summary.new_stories + summary.grown_stories

    assert one_pass(("a", tulsa), ("b", tulsa)) == [1]
    assert store.set_followed(1, True) and store.mark_read([1]) == 1
    assert one_pass(("c", akron)) == [1]
    assert one_pass(("d", akron)) == [2]
    detail = {n: store.story_detail(n) for n in (1, 2)}
    assert {n: sorted(a.title.split()[-1] for a in d.articles) for n, d in detail.items()
            if d is not None} == {1: ["a", "b"], 2: ["c", "d"]}
    assert sorted(s.id for s in store.followed_stories()) == [1, 2]
    assert unread(store) == {1: 0, 2: 2}  # read stays read; c and d came after the read


def test_a_story_split_off_merged_and_split_again_in_one_write_was_never_written(
        db_url: str) -> None:
    # the engine split c off story 1 into 2, merged 2 into 3, then split c off 3 into 4,
    # all before one write: the split map names c's last move only, and story 2 never
    # reached the database; its merge must not abort the write (it once did: 'No row was
    # found when one was required')
    store = Store.open(db_url)
    commit_batches(store, batch(*(ProcessedArticle(article(k, k.upper()), extraction(), n)
                                  for n, k in ((1, "a"), (1, "b"), (1, "c"), (3, "x")))))
    both = batch(ProcessedArticle(article("y", "Y"), extraction(), 3), merges={2: 3})
    both.splits = {"c": (3, 4)}
    commit_batches(store, both)
    assert sorted((s.id, s.articles) for s in store.list_stories()) == [(1, 2), (3, 2), (4, 1)]
