"""Scheduling: intervals, lower bounds, backoff with jitter, concurrency limits, stored due
times."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feeds.config import Settings, SourceSettings
from feeds.ingest import pipeline as pipeline_module
from feeds.ingest import poller
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import adaptive_interval, next_due, poll_once
from feeds.model import RawDocument
from feeds.sources import SourcePass
from feeds.sources.parse import max_age, parse_feed
from feeds.store import Store
from tests.feedserver import feed_server, rss

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
FEED = SourceSettings("feed", "Wire", 600, url="http://127.0.0.1/feed")


def delay(result: SourcePass, failures: int = 0, **kw: bool) -> float:
    return (next_due(FEED, result, failures, NOW, **kw) - NOW).total_seconds()


def test_interval_and_lower_bounds() -> None:
    assert delay(SourcePass()) == 600
    assert delay(SourcePass(min_interval=3600)) == 3600
    assert delay(SourcePass(min_interval=60)) == 600
    assert delay(SourcePass(min_interval=10 ** 9)) == poller.MAX_LOWER_BOUND
    later = NOW + timedelta(hours=2)
    assert delay(SourcePass(status="rate_limited", retry_after=later), 1) == 7200


def test_a_folder_with_files_still_settling_is_scanned_again_soon() -> None:
    assert delay(SourcePass(settling=2)) == poller.SETTLING_RECHECK
    assert delay(SourcePass(settling=0)) == 600


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    for failures, base in [(1, 1200), (2, 2400), (3, 4800)]:
        seen = {delay(SourcePass(status="error"), failures) for _ in range(20)}
        assert all(0.8 * base <= d <= 1.2 * base for d in seen)
        assert len(seen) > 1
    assert delay(SourcePass(status="error"), 30) <= poller.MAX_BACKOFF * 1.2


def test_feed_and_header_bounds_are_read() -> None:
    ttl = parse_feed("W", rss([("a", "T", "B")], extra="<ttl>90</ttl>"), "u")
    sy = parse_feed("W", rss([("a", "T", "B")], extra=(
        "<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>")
    ).replace(b'<rss version="2.0">',
              b'<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'), "u")
    assert (ttl.min_interval, sy.min_interval) == (5400, 21600)
    assert max_age("public, max-age=1800") == 1800
    assert max_age("no-cache") is None


def test_adaptive_interval_follows_the_feed_pace_within_bounds() -> None:
    def docs(gap_minutes: int) -> SourcePass:
        return SourcePass(documents=[
            RawDocument("W", "x", "b", published=NOW - timedelta(minutes=gap_minutes * i))
            for i in range(5)])
    assert adaptive_interval(600, docs(1)) == 300
    assert adaptive_interval(600, docs(20)) == 1200
    assert adaptive_interval(600, docs(600)) == 2400
    assert delay(docs(20), adaptive=True) == 1200
    assert delay(docs(20)) == 600


def _settings(urls: list[str]) -> Settings:
    return Settings(config_path=None, database_url="", sources=[
        SourceSettings("feed", f"F{i}", 60, url=url) for i, url in enumerate(urls)])


@pytest.fixture
def pipeline(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 'p.db'}")
    yield Pipeline(store)
    store.close()


def _tracking_server(server, paths: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    stats = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def route(_h: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with lock:
            stats["now"] += 1
            stats["peak"] = max(stats["peak"], stats["now"])
        time.sleep(0.15)
        with lock:
            stats["now"] -= 1
        return 200, {}, rss([("a", "Quake hits coast", "A quake struck.")])
    for path in paths:
        server.routes[path] = route
    return stats


def test_one_request_per_host_at_a_time(pipeline: Pipeline) -> None:
    with feed_server() as server:
        paths = [f"/f{i}" for i in range(4)]
        stats = _tracking_server(server, paths)
        summary = poll_once(_settings([server.url(p) for p in paths]), pipeline)
    assert [p.status for p in summary.passes] == ["ok"] * 4
    assert stats["peak"] == 1


def test_at_most_k_requests_overall(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(poller, "host_of", lambda url: url)  # every feed its own "host"
    with feed_server() as server:
        paths = [f"/f{i}" for i in range(8)]
        stats = _tracking_server(server, paths)
        poll_once(_settings([server.url(p) for p in paths]), pipeline, max_concurrent=3)
    assert stats["peak"] == 3


def test_a_feed_is_parsed_and_prepared_in_one_worker_task(
        pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    async def second_trip(*_: object) -> None:
        raise AssertionError("the documents went to a worker a second time")
    monkeypatch.setattr(poller, "_prepare", second_trip)
    with feed_server() as server:
        server.routes["/a"] = lambda _h: (200, {}, rss([
            ("a1", "Quake hits coast", "President Gabriel Boric said rescue teams reached "
             "Valparaiso on Monday.")]))
        summary = poll_once(_settings([server.url("/a")]), pipeline)
    assert [(p.status, p.new) for p in summary.passes] == [("ok", 1)]
    detail = pipeline.store.story_detail(summary.new_stories[0])
    assert detail is not None and "Gabriel Boric" in {a.name for a in detail.actors}


def test_stored_hashes_are_looked_up_only_for_a_source_the_store_knows(
        pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = pipeline.store.known_hashes
    monkeypatch.setattr(pipeline.store, "known_hashes",
                        lambda name: asked.append(name) or real(name))
    with feed_server() as server:
        server.routes["/a"] = lambda _h: (
            200, {}, rss([("a1", "Quake hits coast", "A quake struck.")]))
        settings = _settings([server.url("/a")])
        assert poll_once(settings, pipeline).new == 1
        assert asked == []  # never stored: nothing to look up
        again = poll_once(settings, pipeline)
    assert (asked, again.new, again.passes[0].unchanged) == (["F0"], 0, 1)


def test_a_copy_in_a_later_feed_is_not_extracted_again(
        pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[list[str]] = []
    real_add = poller.seenlog.add
    monkeypatch.setattr(poller.seenlog, "add",
                        lambda hashes: received.append(hashes) or real_add(hashes))
    monkeypatch.setattr(pipeline_module, "extract_article", None)  # nothing extracted here
    story = ("Quake hits coast", "President Gabriel Boric said rescue teams reached Valparaiso.")
    with feed_server() as server:
        server.routes["/a"] = lambda _h: (200, {}, rss([("a1", *story)]))
        server.routes["/b"] = lambda _h: (200, {}, rss([("b1", *story), ("b2", "Port reopens",
                                                          "The port of Valparaiso reopened.")]))
        summary = poll_once(_settings([server.url("/a"), server.url("/b")]), pipeline,
                            max_concurrent=1)  # one feed after the other
    assert [(p.new, p.unchanged) for p in summary.passes] == [(1, 0), (1, 1)]
    assert [len(hashes) for hashes in received] == [1, 1]  # b1 came without an extraction
    detail = pipeline.store.story_detail(summary.new_stories[0])
    assert detail is not None and "Gabriel Boric" in {a.name for a in detail.actors}
    assert [(h.name, h.articles) for h in pipeline.store.sources_health()] == [("F0", 1), ("F1", 2)]


def test_next_due_is_stored_so_a_restart_polls_only_what_is_due(pipeline: Pipeline) -> None:
    with feed_server() as server:
        server.routes["/a"] = lambda _h: (200, {"Cache-Control": "max-age=7200"},
                                          rss([("a1", "Quake hits coast", "A quake struck.")]))
        settings = _settings([server.url("/a")])
        poll_once(settings, pipeline)
        again = poll_once(settings, Pipeline(pipeline.store), due_only=True)
        assert (server.hits["/a"], again.passes) == (1, [])
    health = pipeline.store.sources_health()[0]
    assert health.next_due is not None
    assert health.next_due.replace(tzinfo=UTC) > datetime.now(UTC) + timedelta(seconds=7000)
