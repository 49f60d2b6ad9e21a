"""The forkserver the worker pool forks its workers from (see `feeds.sources.pool`).

Contract: `context()` is the multiprocessing context the pool uses: `forkserver`,
with `feeds.ingest.worker_init` preloaded (the parser and the extractors' data, about a
second to load, shared by every worker). `start()` starts that forkserver now
without waiting for it, so a command that will poll can have it load while the
command's own modules load. Light to import: only the standard library.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

PRELOAD = ["feeds.ingest.worker_init"]


def context() -> BaseContext:
    """The forkserver context, with the workers' modules preloaded."""
    chosen = multiprocessing.get_context("forkserver")
    chosen.set_forkserver_preload(PRELOAD)
    return chosen


def start() -> None:
    """Start the forkserver (it loads `PRELOAD` in the background)."""
    context()
    forkserver.ensure_running()
