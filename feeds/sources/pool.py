"""Feed parsing in worker processes: both cores used, a runaway parse stopped.

Contract: `await run_bounded(func, *args, timeout=...)` runs `func(*args)` in a
shared pool of worker processes (created on first use, `forkserver` so no
thread state is inherited, the forkserver warmed by `feeds.ingest.worker_init`, each
worker's address space capped at `MEMORY_LIMIT`) and returns its result, or
raises `WorkerFailed` saying what went wrong. At most two tasks per worker are
in flight from an event loop (one running, one queued so the worker does not idle
while a busy main process submits the next); the others wait their turn before
their clock starts, so a task's time limit covers at most one task queued ahead of
it. A task that gives no answer within `timeout` seconds has its pool's workers
killed; tasks of others caught in the kill are retried once on a fresh pool. `await
parse_bounded(name, data, url, content_type)` runs `feeds.sources.parse.parse_feed` that way, with
`PARSE_TIMEOUT`, and never raises for feed problems: a failure is an error pass.
`map_in_workers(func, items)` is `map` spread over the running pool and this process
(which takes the first item; all of them when there is no pool), for a caller outside
an event loop.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import resource
import select
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from typing import TypeVar

from feeds.sources import SourcePass, forkserver, seenlog
from feeds.sources.parse import parse_feed

PARSE_TIMEOUT = 20.0
MEMORY_LIMIT = 2 * 1024 ** 3
MAP_TIMEOUT = 120.0
"""Seconds `map_in_workers` waits for the workers before doing the rest itself."""
WORKER_NICENESS = 10
"""Workers run at a lower priority than the process that started them (nice 10): the
storing loop (the bottleneck of a first pass) and the dashboard come first."""

T = TypeVar("T")
R = TypeVar("R")
ParseFunc = Callable[[str, bytes, str, str | None], SourcePass]

_pool: ProcessPoolExecutor | None = None
_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary())
"""Per event loop: two turns per worker."""


def _init_worker(limit: int, main_pid: int, log: object) -> None:
    """Cap the worker's memory, yield the CPU to the main process (which stores what the
    workers prepare, and may draw the screen), read the poller's `seenlog`, and end the
    worker when the main process ends, however it ends: a killed poller leaves no
    workers (nor forkserver) behind."""
    seenlog.attach(log)
    with suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with suppress(OSError):  # not allowed here
        os.nice(WORKER_NICENESS)
    threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()


def _exit_with(pid: int) -> None:
    """Block until process `pid` is gone, then exit at once."""
    try:
        handle = os.pidfd_open(pid)
        select.select([handle], [], [])
    except (AttributeError, OSError):  # no pidfd: look every second
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
            time.sleep(1.0)
    os._exit(1)


def worker_count() -> int:
    """How many worker processes the pool runs (one per core)."""
    return max(1, os.cpu_count() or 1)


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=worker_count(), mp_context=forkserver.context(), initializer=_init_worker,
            initargs=(MEMORY_LIMIT, os.getpid(), seenlog.shared_array()))
    return _pool


def _kill(pool: ProcessPoolExecutor) -> None:
    global _pool
    if _pool is pool:
        _pool = None
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def shutdown() -> None:
    """Stop the workers (at exit, or when a caller wants them gone)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


class WorkerFailed(Exception):
    """A task in the worker pool ran away, died or raised; the message says which."""


async def run_bounded(func: Callable[..., T], *args: object, timeout: float = PARSE_TIMEOUT) -> T:
    """`func(*args)` in a worker, within `timeout` seconds; `WorkerFailed` otherwise."""
    loop = asyncio.get_running_loop()
    turns = _turns.setdefault(loop, asyncio.Semaphore(2 * worker_count()))
    async with turns:
        return await _run(func, args, timeout)


async def _run(func: Callable[..., T], args: tuple[object, ...], timeout: float) -> T:
    for attempt in (1, 2):
        pool = _get_pool()
        try:
            future = pool.submit(func, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            _kill(pool)
            raise WorkerFailed(f"ran away: no result within {timeout:g} s; stopped") from None
        except (BrokenProcessPool, RuntimeError) as exc:
            if pool is not _pool and attempt == 1:
                continue  # another task's runaway took the pool down; once more
            _kill(pool)
            raise WorkerFailed(f"process died: {exc}"[:300]) from None
        except MemoryError:
            raise WorkerFailed("ran out of memory; stopped") from None
        except Exception as exc:  # noqa: BLE001 - a bug in a task must not stop the poll
            raise WorkerFailed(f"failed: {type(exc).__name__}") from None
    raise AssertionError("unreachable")


def map_in_workers(func: Callable[[T], R], items: Iterable[T],
                   timeout: float = MAP_TIMEOUT) -> Iterator[R]:
    """`map(func, items)`, all but the first item handed to the workers at once when the
    pool is running, the first done here when its result is first asked for (this
    process would wait there otherwise); results in order. Everything is done here when
    no pool is running, and an item whose worker fails or gives no answer within
    `timeout` seconds of the call."""
    chosen = list(items)
    pool = _pool
    if pool is None or len(chosen) < 2:
        return map(func, chosen)
    try:
        futures = [pool.submit(func, item) for item in chosen[1:]]
    except (BrokenProcessPool, RuntimeError):
        return map(func, chosen)
    return _answers(pool, futures, func, chosen, time.monotonic() + timeout)


def _answers(pool: ProcessPoolExecutor, futures: list[Future[R]], func: Callable[[T], R],
             items: list[T], deadline: float) -> Iterator[R]:
    yield func(items[0])
    for future, item in zip(futures, items[1:], strict=True):
        try:
            yield future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (TimeoutError, BrokenProcessPool):  # the next task gets a fresh pool
            _kill(pool)
            yield func(item)
        except (RuntimeError, CancelledError, MemoryError):
            yield func(item)


async def parse_bounded(name: str, data: bytes, url: str, content_type: str | None = None, *,
                        timeout: float = PARSE_TIMEOUT, func: ParseFunc = parse_feed) -> SourcePass:
    """`func(name, data, url, content_type)` in a worker, within `timeout` seconds."""
    try:
        return await run_bounded(func, name, data, url, content_type, timeout=timeout)
    except WorkerFailed as exc:
        return SourcePass(status="error", errors=[f"parser {exc}"])
