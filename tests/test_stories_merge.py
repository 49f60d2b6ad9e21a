"""Young-story merges: reported once, the newer id goes into the older, final ids follow."""

from __future__ import annotations

from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import EngineSettings

ALPHA = "Zorbak Quintel Varnow harbour"
DELTA = "Plimsey Ostrand Kelvar bridge"


def engine() -> StoryEngine:
    return StoryEngine(settings=EngineSettings(threshold=0.3, merge_threshold=0.3,
                                               mismatch_weight=0.0, link_weight=0.0))


def test_a_bridging_article_merges_two_young_stories_into_the_older_id() -> None:
    e = engine()
    first = e.assign(ClusterDoc("a", ALPHA, ALPHA))
    second = e.assign(ClusterDoc("b", DELTA, DELTA))
    assert (first.story, second.story) == (1, 2)
    assert e.take_merges() == {}
    bridge = e.assign(ClusterDoc("c", f"{ALPHA} {DELTA}", f"{ALPHA} {DELTA}"))
    assert not bridge.new
    assert e.take_merges() == {2: 1}
    assert e.take_merges() == {}
    assert [e.final_story(s) for s in (1, 2, bridge.story)] == [1, 1, 1]


def test_unrelated_articles_stay_apart_and_ids_are_deterministic() -> None:
    runs = []
    for _ in range(2):
        e = engine()
        runs.append([e.assign(ClusterDoc(k, t, t)).story
                     for k, t in (("a", ALPHA), ("b", DELTA), ("c", "Tornado in Kansas"))])
    assert runs[0] == runs[1] == [1, 2, 3]


def test_the_pipeline_hands_engine_merges_to_the_batch_and_reports_final_ids() -> None:
    from feeds.ingest.pipeline import PassSummary, Pipeline
    from feeds.store import Batch, SourceUpdate

    pipeline = Pipeline(store=None)  # type: ignore[arg-type]  # the store is not touched here
    e = pipeline.mirror.engine = engine()
    e.assign(ClusterDoc("a", ALPHA, ALPHA))
    e.assign(ClusterDoc("b", DELTA, DELTA))
    e.assign(ClusterDoc("c", f"{ALPHA} {DELTA}", f"{ALPHA} {DELTA}"))
    batch = Batch(SourceUpdate(name="s", kind="folder", location="x"))
    summary = PassSummary(source="s", status="ok", new_stories=[1, 2], grown_stories=[1])
    pipeline._take_merges(batch, [summary])
    assert batch.merges == {2: 1}
    assert (summary.new_stories, summary.grown_stories) == ([1], [])
