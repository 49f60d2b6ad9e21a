"""The `wirewatch` entry point: what a command needs started before it loads.

Contract: `main(argv)` returns `tui.cli.main(argv)`. When the command is `poll`, the
worker processes' forkserver is started first (`feeds.sources.forkserver.start`), so its
loading of the parser and the extractors' data overlaps the loading of the command line
instead of delaying the first feed. The dashboard (`dash`, or no command) starts it
itself once its first rows are on screen (`tui.app`): on a machine with few cores that
loading would delay them. `command_of(args)` is the guess it goes by: the
first argument that is neither an option nor the value of `--config` or `--db`.
Every command runs with the garbage collector tuned (`feeds.ingest.collector.tune`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from feeds.ingest import collector

POLLING = frozenset({"poll"})
"""Commands that poll at once (the dashboard polls after its first screen)."""
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
    collector.tune()
    if command_of(args) in POLLING:
        from feeds.sources import forkserver

        forkserver.start()
    from tui.cli import main as run

    return run(args)
