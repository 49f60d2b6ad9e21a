"""The `wirewatch` entry point: what a command needs started before it loads.

Contract: `main(argv)` returns `tui.cli.main(argv)`. When the command will poll
(`poll`, `dash`, or no command, which opens the dashboard), the worker processes'
forkserver is started first (`feeds.sources.forkserver.start`), so its loading of
the parser and the extractors' data overlaps the loading of the command line
instead of delaying the first feed. `command_of(args)` is the guess it goes by: the
first argument that is neither an option nor the value of `--config` or `--db`.
Every command runs with the cyclic garbage collector's thresholds at `GC_THRESHOLDS`.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

GC_THRESHOLDS = (50_000, 10, 10)
"""Python's (700, 10, 10) has the collector walk every live object after about 70,000
allocations; a poll keeps hundreds of thousands alive (the story engine's vectors, the
near-duplicate index) and spent a sixth of its storing time collecting, though cycles
are rare here (about 30,000 objects freed in a 20,000-article first pass)."""

POLLING = frozenset({"poll", "dash", ""})
"""Commands that poll ("" is none: the dashboard)."""
_VALUED = frozenset({"--config", "--db"})


def command_of(args: Sequence[str]) -> str:
    """The command `args` name ("" for none; "-h" when help is asked before one)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg in ("-h", "--help"):
            return "-h"
        elif not arg.startswith("-"):
            return arg
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    gc.set_threshold(*GC_THRESHOLDS)
    if command_of(args) in POLLING:
        from feeds.sources import forkserver

        forkserver.start()
    from tui.cli import main as run

    return run(args)
