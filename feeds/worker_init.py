"""Imported only by the worker pool's forkserver (see `feeds.sources.pool`).

Contract: importing it loads the parser and the extractors' data once, in the
forkserver, so every worker forked from it starts warm and shares that memory.
"""

from feeds.prepare import warm
from feeds.sources import parse  # noqa: F401 - imported for the workers

warm()
