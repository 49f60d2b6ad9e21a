"""How Wirewatch's processes run Python's cyclic garbage collector.

Contract: `tune()` sets the collector's thresholds to `THRESHOLDS`, for the process
and those it forks. Python's (700, 10, 10) has the collector walk every live object
after about 70,000 allocations; a poll keeps hundreds of thousands alive (the story
engine's vectors, the near-duplicate index; in a worker, the gazetteer) while cycles
are rare here (about 30,000 objects freed in a 20,000-article first pass), so the
storing process spent a sixth of its time collecting and a worker a tenth.
`freeze_loaded()` moves everything alive now (data loaded once, shared by forked
workers) out of the collector's sight for good, so collections neither walk it nor
write to the pages the workers share. `with paused():` turns the collector off for
a burst of objects that die together before its end (a write transaction's rows:
put the work in a function called inside, so its locals are gone when the
collector is back): a collection meanwhile would only walk them while they are
alive. On a 20,000-article first pass the storing process's collections took
0.55 instead of 0.87 s. Process-wide, so only for work of bounded length.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 10, 10)


def tune() -> None:
    """Collect less often (see the module's docstring)."""
    gc.set_threshold(*THRESHOLDS)


def freeze_loaded() -> None:
    """Exempt every object alive now from collection (for data loaded once, for good)."""
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, back as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
