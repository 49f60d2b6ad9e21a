"""Imported only by the worker pool's forkserver (see `feeds.sources.pool`).

Contract: importing it loads the parser and the extractors' data once, in the
forkserver, so every worker forked from it starts warm and shares that memory;
that data is then frozen out of the collector's sight and the collector tuned
(`feeds.ingest.collector`), for the forkserver and every worker.
"""

from feeds.ingest import collector
from feeds.ingest.prepare import warm
from feeds.sources import parse  # noqa: F401 - imported for the workers

warm()
collector.freeze_loaded()
collector.tune()
