"""The first story engine: the seeds form one story, unrelated news another, ids stable."""

from __future__ import annotations

from pathlib import Path

from feeds.ingest.normalize import normalize
from feeds.model import RawDocument
from feeds.stories import ClusterDoc, StoryEngine

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OTHER = ("A magnitude 6.1 earthquake struck off the coast of Chile on Tuesday, damaging "
         "buildings in Valparaiso and cutting power to thousands of homes, officials said.")


def seed_docs() -> list[ClusterDoc]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = normalize(RawDocument(source_name="Seeds", locator=str(path),
                                        body=path.read_text(), guid=path.name))
        assert article is not None
        docs.append(ClusterDoc(article.key, article.title, article.text, article.published))
    return docs


def test_seeds_form_one_story_and_other_news_another() -> None:
    engine = StoryEngine()
    first, second = (engine.assign(doc) for doc in seed_docs())
    other = engine.assign(ClusterDoc("quake", "Quake hits Chile", OTHER))
    assert (first.story, first.new) == (1, True)
    assert (second.story, second.new) == (1, False)
    assert second.similarity > 0.4
    assert (other.story, other.new) == (2, True)


def test_same_stream_gives_same_ids_and_restore_continues() -> None:
    docs = seed_docs()
    runs = []
    for _ in range(2):
        engine = StoryEngine()
        runs.append([engine.assign(doc).story for doc in docs])
    assert runs[0] == runs[1] == [1, 1]
    restored = StoryEngine()
    restored.restore(docs[0], 7)
    assert restored.assign(docs[1]).story == 7
    assert restored.assign(ClusterDoc("quake", "Quake hits Chile", OTHER)).story == 8
