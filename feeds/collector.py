"""How Wirewatch's processes run Python's cyclic garbage collector.

Contract: `tune()` sets the collector's thresholds to `THRESHOLDS`, for the process
and those it forks. Python's (700, 10, 10) has the collector walk every live object
after about 70,000 allocations; a poll keeps hundreds of thousands alive (the story
engine's vectors, the near-duplicate index; in a worker, the gazetteer) while cycles
are rare here (about 30,000 objects freed in a 20,000-article first pass), so the
storing process spent a sixth of its time collecting and a worker a tenth.
`freeze_loaded()` moves everything alive now (data loaded once, shared by forked
workers) out of the collector's sight for good, so collections neither walk it nor
write to the pages the workers share.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 10, 10)


def tune() -> None:
    """Collect less often (see the module's docstring)."""
    gc.set_threshold(*THRESHOLDS)


def freeze_loaded() -> None:
    """Exempt every object alive now from collection (for data loaded once, for good)."""
    gc.freeze()
