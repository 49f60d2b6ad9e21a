"""Work done ahead of storing: extraction in the worker pool, stories refreshed in bulk,
and workers that never outlive the process that started them."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from feeds.config import SourceSettings
from feeds.ingest import collector, rebuild
from feeds.ingest import prepare as prepare_module
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.prepare import extract_article, for_storing, parse_and_prepare, prepare
from feeds.ingest.rebuild import refresh_stale
from feeds.model import Actor, Article, ClusterTerms, Extraction, HeadlineEvent
from feeds.sources import pool, seenlog
from feeds.sources.folder import scan_folder
from feeds.store import Store
from feeds.stories.features import cluster_terms
from tests.feedserver import rss

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SOURCE = SourceSettings("folder", "Seeds", 60, path=SEEDS)


def test_prepare_extracts_only_what_is_not_known() -> None:
    documents = scan_folder("Seeds", SEEDS, 1_000_000).documents
    articles, found = prepare(documents, set())
    assert len(articles) == 2 and set(found) == {a.content_hash for a in articles}
    assert found[articles[0].content_hash] == for_storing(extract_article(articles[0]))
    assert found[articles[0].content_hash].actors and not found[articles[0].content_hash].mentions
    first = articles[0]
    terms = found[first.content_hash].terms
    assert terms == dataclasses.replace(cluster_terms(first.title, first.text),
                                        event=terms.event)
    assert terms.event == HeadlineEvent("violence", None, "Palmyra", frozenset({"daesh"}))
    again, fresh = prepare(documents, {articles[0].content_hash})
    assert [a.key for a in again] == [a.key for a in articles]
    assert set(fresh) == {articles[1].content_hash}


WIRE = rss([("q1", "Quake hits Chile coast", ("President Gabriel Boric said on Monday that "
                                              "rescue teams reached Valparaiso after the quake.")),
             ("q2", "Aid reaches Valparaiso", "The Red Cross said aid reached Valparaiso.")])


def test_a_feed_is_parsed_and_prepared_in_one_task() -> None:
    result = parse_and_prepare("Wire", WIRE, "http://127.0.0.1/feed", "application/rss+xml")
    assert result.articles is not None
    assert [a.title for a in result.articles] == ["Quake hits Chile coast",
                                                  "Aid reaches Valparaiso"]
    assert set(result.extractions) == {a.content_hash for a in result.articles}
    first = result.articles[0]
    assert result.extractions[first.content_hash] == for_storing(extract_article(first))
    assert "Gabriel Boric" in {a.name for a in result.extractions[first.content_hash].actors}
    assert [d.body for d in result.documents] == ["", ""]  # the articles hold the text
    assert [d.guid for d in result.documents] == ["q1", "q2"]
    assert all(d.published is not None for d in result.documents)  # for the adaptive pace
    again = parse_and_prepare("Wire", WIRE, "http://127.0.0.1/feed", known={first.content_hash})
    assert set(again.extractions) == {result.articles[1].content_hash}


def test_a_workers_result_comes_back_whole_and_rebuilt_by_one_call_an_object() -> None:
    result = parse_and_prepare("Wire", WIRE, "http://127.0.0.1/feed", "application/rss+xml")
    full = extract_article(result.articles[0])  # with mentions and events, not cut for storing
    back = pickle.loads(pickle.dumps((result, full)))
    assert back == (result, full)
    assert back[1].events[0].date == full.events[0].date and full.events[0].date is not None
    assert [type(m).__name__ for m in back[1].mentions][:1] == ["Mention"]
    article = result.articles[0]
    assert article.__reduce__() == (Article, tuple(getattr(article, f.name)
                                                   for f in dataclasses.fields(article)))


def test_a_failed_preparation_returns_the_documents_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("bug")
    monkeypatch.setattr(prepare_module, "prepare", broken)
    result = parse_and_prepare("Wire", WIRE, "http://127.0.0.1/feed")
    assert result.articles is None and result.extractions == {}
    assert result.documents[1].body == "The Red Cross said aid reached Valparaiso."


def test_the_pipeline_stores_the_extractions_it_is_given(db_url: str) -> None:
    result = scan_folder("Seeds", SEEDS, 1_000_000)
    result.articles, _ = prepare(result.documents, set())
    sentinel = Extraction([Actor("Sentinel Body", "organization", mentions=1)], [], [], [], [])
    result.extractions = {a.content_hash: sentinel for a in result.articles}
    store = Store.open(db_url)
    Pipeline(store).process(SOURCE, result)
    assert [a.name for a in store.story_detail(1).actors] == ["Sentinel Body"]


def test_events_encoded_in_a_worker_are_stored_as_those_encoded_here(tmp_path: Path) -> None:
    ahead = scan_folder("Seeds", SEEDS, 1_000_000)
    ahead.articles, ahead.extractions = prepare(ahead.documents, set())
    assert all(e.events == [] and e.events_json and e.events_json.startswith('[{"cameo"')
               for e in ahead.extractions.values())
    stores = [Store.open(f"sqlite:///{tmp_path / name}") for name in ("ahead.db", "here.db")]
    Pipeline(stores[0]).process(SOURCE, ahead)
    Pipeline(stores[1]).process(SOURCE, scan_folder("Seeds", SEEDS, 1_000_000))
    events = [store.story_detail(1).events for store in stores]  # type: ignore[union-attr]
    assert len(events[0]) >= 4 and events[0] == events[1]


def test_the_pipeline_clusters_on_the_terms_it_is_given(db_url: str) -> None:
    result = scan_folder("Seeds", SEEDS, 1_000_000)
    result.articles, found = prepare(result.documents, set())
    apart = iter([ClusterTerms({"alpha": 1.0}, {}), ClusterTerms({"omega": 1.0}, {})])
    result.extractions = {h: dataclasses.replace(e, terms=next(apart)) for h, e in found.items()}
    summary = Pipeline(Store.open(db_url)).process(SOURCE, result)
    assert summary.new_stories == [1, 2]  # one story when the engine reads the texts


def test_what_a_worker_did_not_extract_is_extracted_here(db_url: str) -> None:
    result = scan_folder("Seeds", SEEDS, 1_000_000)
    result.articles, _ = prepare(result.documents, set())
    sentinel = Extraction([Actor("Sentinel Body", "organization", mentions=1)], [], [], [], [])
    result.extractions = {result.articles[0].content_hash: sentinel}
    store = Store.open(db_url)
    Pipeline(store).process(SOURCE, result)
    names = {a.name for a in store.story_detail(1).actors}
    assert "Sentinel Body" in names
    assert names >= {a.name for a in extract_article(result.articles[1]).actors}


def test_a_copy_a_worker_left_unextracted_is_linked_with_one_duplicate_lookup(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store, wires = Store.open(db_url), [SourceSettings("feed", f"Wire {n}", 60,
                                                       url=f"http://127.0.0.1/{n}") for n in (1, 2)]
    pipeline = Pipeline(store)
    first = parse_and_prepare("Wire 1", WIRE, "http://127.0.0.1/1")
    pipeline.process(wires[0], first)
    copy = WIRE.replace(b"<guid>q", b"<guid>copy-q").replace(b"/q", b"/copy-q")
    known = {a.content_hash for a in first.articles or []}  # extracted earlier in the poll
    second = parse_and_prepare("Wire 2", copy, "http://127.0.0.1/2", known=known)
    assert second.articles is not None and len(second.articles) == 2 and second.extractions == {}
    lookups: list[int] = []
    real = store.find_duplicates
    monkeypatch.setattr(store, "find_duplicates",
                        lambda keys, *rest: lookups.append(len(keys)) or real(keys, *rest))
    summary = pipeline.process(wires[1], second)
    assert (summary.new, summary.unchanged, lookups) == (0, 2, [2])
    assert [(h.name, h.articles) for h in store.sources_health()] == [("Wire 1", 2), ("Wire 2", 2)]


def test_touched_stories_wait_stale_until_refreshed(db_url: str) -> None:
    store = Store.open(db_url)
    pipeline = Pipeline(store)
    summary = pipeline.process(SOURCE, scan_folder("Seeds", SEEDS, 1_000_000), refresh=False)
    assert summary.new_stories == [1]
    story = store.list_stories()[0]
    assert (story.articles, story.outlets) == (2, 2)  # counts are exact at once
    assert store.story_detail(1).events == []  # the timeline waits
    assert pipeline.refresh() == 1
    assert len(store.story_detail(1).events) >= 4
    assert pipeline.refresh() == 0


def test_a_poll_paces_its_rebuilds_and_rebuilds_the_rest_only_when_it_ends_well(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rebuild, "REFRESH_EVERY", 1e9)  # no mid-poll rebuild comes due
    store = Store.open(db_url)
    pipeline = Pipeline(store)
    with pytest.raises(RuntimeError, match="mid-poll"), pipeline.polling():
        summary = pipeline.process(SOURCE, scan_folder("Seeds", SEEDS, 1_000_000))
        assert summary.new_stories == [1] and store.story_detail(1).events == []  # paced
        raise RuntimeError("a storage error mid-poll")
    assert store.story_detail(1).events == []  # nothing rebuilt after the error
    with pipeline.polling():
        pass  # an idle poll stores nothing and rebuilds nothing
    assert store.story_detail(1).events == []
    with pipeline.polling():
        assert pipeline.process(SOURCE, scan_folder("Seeds", SEEDS, 1_000_000)).unchanged == 2
        assert store.story_detail(1).events == []
    assert len(store.story_detail(1).events) >= 4  # every stale story, as the poll ended
    assert refresh_stale(store) == 0


WORKER_OWNER = """
import asyncio, os, sys
from feeds.sources import pool, seenlog
async def pids():
    return await asyncio.gather(*(pool.run_bounded(os.getpid) for _ in range(8)))
print(*set(asyncio.run(pids())), flush=True)
sys.stdin.read()
"""


def test_workers_end_with_the_process_that_started_them() -> None:
    owner = subprocess.Popen([sys.executable, "-c", WORKER_OWNER], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert owner.stdout is not None
    workers = {int(pid) for pid in owner.stdout.readline().split()}
    assert workers and owner.pid not in workers
    assert all(_alive(pid) for pid in workers)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


WORKER_NICENESS = """
import asyncio, os
from feeds.sources import pool, seenlog
print(os.nice(0), asyncio.run(pool.run_bounded(os.nice, 0)), flush=True)
"""


def test_workers_yield_the_cpu_to_the_storing_process() -> None:
    shown = subprocess.run([sys.executable, "-c", WORKER_NICENESS], cwd=ROOT, text=True,
                           capture_output=True, check=True, timeout=60).stdout.split()
    mine, worker = map(int, shown)
    assert worker == min(19, mine + pool.WORKER_NICENESS) and pool.WORKER_NICENESS == 10


def test_workers_collect_garbage_rarely_and_never_walk_the_loaded_data() -> None:
    threshold, frozen = asyncio.run(pool.run_bounded(_collector_state))
    assert threshold == collector.THRESHOLDS == (50_000, 10, 10)
    assert frozen > 50_000  # the gazetteer and the rest of the extractors' data


def _collector_state() -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_an_extractor_failing_on_one_text_keeps_the_article(
        db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(article: object) -> Extraction:
        raise StopIteration("an extractor bug")

    monkeypatch.setattr(prepare_module, "extract", broken)
    result = scan_folder("Seeds", SEEDS, 1_000_000)
    store = Store.open(db_url)
    summary = Pipeline(store).process(SOURCE, result)  # extracted here: the fallback path
    assert (summary.new, summary.new_stories) == (2, [1])  # clustered on their terms
    assert store.story_detail(1).actors == []
    assert "extraction failed on" in caplog.text and "StopIteration" in caplog.text


@pytest.fixture
def log_read_here():  # type: ignore[no-untyped-def]
    """This process reads the poller's log as a worker would."""
    seenlog.attach(seenlog.shared_array())
    yield
    seenlog.attach(None)


def test_a_worker_skips_what_the_poll_has_extracted_and_forgets_it_next_poll(
        log_read_here: None, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = scan_folder("Seeds", SEEDS, 1_000_000).documents
    articles, _ = prepare(documents, set())
    first, second = (a.content_hash for a in articles)
    seenlog.start_poll()
    seenlog.add([first])
    assert first in seenlog.AlreadyHave() and second not in seenlog.AlreadyHave()
    assert second in seenlog.AlreadyHave(frozenset({second}))  # stored for the source
    assert set(prepare(documents, seenlog.AlreadyHave())[1]) == {second}
    seenlog.start_poll()
    assert first not in seenlog.AlreadyHave()
    monkeypatch.setattr(seenlog, "CAPACITY", 1)
    seenlog.add([second, first])  # full after one: the later copies are extracted
    assert (second in seenlog.AlreadyHave(), first in seenlog.AlreadyHave()) == (True, False)


def _pid_unless_worker_dies(item: tuple[int, int]) -> int:
    """Dies in a worker for item (_, 1): `map_in_workers` must answer it here instead."""
    owner, n = item
    if n == 1 and os.getpid() != owner:
        os._exit(1)
    return os.getpid()


def test_map_in_workers_uses_the_running_pool_and_answers_here_what_a_worker_lost(
        monkeypatch: pytest.MonkeyPatch) -> None:
    me = os.getpid()
    with monkeypatch.context() as patch:
        patch.setattr(pool, "_pool", None)  # no pool running: done here
        assert list(pool.map_in_workers(_pid_unless_worker_dies, [(me, 0), (me, 2)])) == [me, me]
    asyncio.run(pool.run_bounded(os.getpid))  # the pool is running
    pids = list(pool.map_in_workers(_pid_unless_worker_dies, [(me, 0), (me, 2), (me, 3)]))
    assert pids[0] == me and me not in pids[1:]  # the first here, while the workers do the rest
    pids = list(pool.map_in_workers(_pid_unless_worker_dies, [(me, 0), (me, 1), (me, 2)]))
    assert pids[:2] == [me, me]  # the second's worker died: done here
    assert asyncio.run(pool.run_bounded(os.getpid)) != me  # and the next task has workers


def test_titles_and_timelines_built_elsewhere_are_stored_as_those_built_here(
        tmp_path: Path) -> None:
    runs: list[int] = []

    def counting(func, items):  # type: ignore[no-untyped-def]
        chosen = list(items)
        runs.append(len(chosen))
        return list(reversed([func(item) for item in reversed(chosen)]))

    stores = [Store.open(f"sqlite:///{tmp_path / name}") for name in ("map.db", "mapper.db")]
    for store in stores:
        Pipeline(store).process(SOURCE, scan_folder("Seeds", SEEDS, 1_000_000), refresh=False)
    assert refresh_stale(stores[0]) == refresh_stale(stores[1], counting) == 1
    events = [store.story_detail(1).events for store in stores]  # type: ignore[union-attr]
    assert runs == [1] and len(events[0]) >= 4 and events[0] == events[1]
    titles = [[(s.id, s.title) for s in store.list_stories()] for store in stores]
    central = ("Syrian and U.S. officials said a recent Daesh attack on American forces was "
               "aimed at undermining their improving…")
    assert titles[0] == titles[1] == [(1, central)]
