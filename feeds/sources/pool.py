"""Feed parsing in worker processes: both cores used, a runaway parse stopped.

Contract: `await parse_bounded(name, data, url, content_type)` runs
`feeds.sources.parse.parse_feed` in a shared pool of worker processes (created
on first use, `forkserver` so no thread state is inherited, each worker's
address space capped at `MEMORY_LIMIT`). A parse that gives no answer within
`PARSE_TIMEOUT` seconds has its pool's workers killed and is recorded as an
error; parses of other feeds caught in the kill are retried once on a fresh
pool. A worker that dies or runs out of memory gives an error pass. Never
raises for feed problems.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import os
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from feeds.sources import SourcePass
from feeds.sources.parse import parse_feed

PARSE_TIMEOUT = 20.0
MEMORY_LIMIT = 2 * 1024 ** 3

ParseFunc = Callable[[str, bytes, str, str | None], SourcePass]

_pool: ProcessPoolExecutor | None = None


def _limit_memory(limit: int) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # pragma: no cover - a platform without the limit
        pass


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["feeds.sources.parse"])
        _pool = ProcessPoolExecutor(max_workers=max(1, os.cpu_count() or 1), mp_context=context,
                                    initializer=_limit_memory, initargs=(MEMORY_LIMIT,))
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


async def parse_bounded(name: str, data: bytes, url: str, content_type: str | None = None, *,
                        timeout: float = PARSE_TIMEOUT, func: ParseFunc = parse_feed) -> SourcePass:
    """`func(name, data, url, content_type)` in a worker, within `timeout` seconds."""
    for attempt in (1, 2):
        pool = _get_pool()
        try:
            future = pool.submit(func, name, data, url, content_type)
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            _kill(pool)
            return SourcePass(status="error",
                              errors=[f"parser ran away: no result within {timeout:g} s; stopped"])
        except (BrokenProcessPool, RuntimeError) as exc:
            if pool is not _pool and attempt == 1:
                continue  # another feed's runaway parse took the pool down; once more
            _kill(pool)
            return SourcePass(status="error", errors=[f"parser process died: {exc}"[:300]])
        except MemoryError:
            return SourcePass(status="error", errors=["parser ran out of memory; stopped"])
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the poll
            return SourcePass(status="error", errors=[f"parser failed: {type(exc).__name__}"])
    raise AssertionError("unreachable")
