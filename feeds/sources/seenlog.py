"""What the poller has received extractions of, shared with the worker processes, so a
copy of an article in another feed is not extracted a second time.

Contract: the poller's process owns one log (`shared_array()`: 64-bit prefixes of
content hashes in shared memory, `CAPACITY` of them), handed to each worker when the
pool starts (`attach`, in the worker's initializer). `start_poll()` empties it and
`add(hashes)` appends (nothing more once it is full); both run on the poller's event
loop, the only writer. `AlreadyHave(stored)` is the `known` a worker task gets: a
content hash is in it when the source has it stored unchanged, or when the log holds
it. The log is a hint, never a promise: a hash it names wrongly only costs the
pipeline an extraction of its own (it extracts what arrives without one unless an
article with that content is stored or in the same transaction), and one it misses
is extracted twice, as it was before. It is read without a lock for that reason.
"""

from __future__ import annotations

from multiprocessing import sharedctypes
from typing import Any

CAPACITY = 500_000
"""Hashes one poll can log (4 MB shared); a bigger poll extracts the later copies."""
_GENERATION, _COUNT, _FIRST = 0, 1, 2
"""Slots of the array: which poll wrote it, how many hashes it holds, the first hash."""

_owned: Any = None
"""The array, in the process that owns it."""
_attached: Any = None
"""The array, in a worker."""
_known: set[int] = set()
_read_upto, _read_generation = 0, -1


def prefix(content_hash: str) -> int:
    """The 64-bit number the log holds for a content hash (its first 16 hex digits)."""
    try:
        return int(content_hash[:16], 16)
    except ValueError:
        return 0


def shared_array() -> Any:
    """The log (created on first use), to pass to a worker process as it starts."""
    global _owned
    if _owned is None:
        _owned = sharedctypes.RawArray("Q", _FIRST + CAPACITY)
    return _owned


def start_poll() -> None:
    """Empty the log: a new poll begins."""
    log = shared_array()
    log[_COUNT] = 0
    log[_GENERATION] += 1


def add(hashes: list[str]) -> None:
    """Log the content hashes whose extractions the poller has received."""
    log = shared_array()
    count = log[_COUNT]
    values = [p for p in map(prefix, hashes) if p][: CAPACITY - count]
    log[_FIRST + count : _FIRST + count + len(values)] = values
    log[_COUNT] = count + len(values)  # written last: a reader sees only hashes written


def attach(log: Any) -> None:
    """In a worker: read the poller's log from now on."""
    global _attached
    _attached = log


def logged(content_hash: str) -> bool:
    """In a worker: whether the poller has had that content's extraction in this poll."""
    global _read_upto, _read_generation
    log = _attached
    if log is None:
        return False
    if log[_GENERATION] != _read_generation:
        _known.clear()
        _read_upto, _read_generation = 0, log[_GENERATION]
    count = min(log[_COUNT], CAPACITY)
    if count > _read_upto:
        _known.update(log[_FIRST + _read_upto : _FIRST + count])
        _read_upto = count
    return prefix(content_hash) in _known


class AlreadyHave:
    """The content hashes a worker need not extract: stored unchanged for the source, or
    logged (picklable: only the stored ones travel)."""

    def __init__(self, stored: frozenset[str] = frozenset()) -> None:
        self.stored = stored

    def __contains__(self, content_hash: object) -> bool:
        return isinstance(content_hash, str) and (content_hash in self.stored
                                                  or logged(content_hash))
