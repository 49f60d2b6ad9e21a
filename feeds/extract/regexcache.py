"""Big regular expressions compiled once per machine, not once per process.

Contract: `compiled(source, flags=0)` returns a pattern that matches exactly as
`re.compile(source, flags)`. Python compiles a pattern in pure Python (its parser and code
generator): the trigger scanner's 140 KB take 0.3 s, the date finders 0.07 s, a third of
`wirewatch extract`'s start-up. So the compiler's output (the pattern's code, a list of
integers, with its flags and group names) is kept in one file per Python version in the
user's cache directory (`$WIREWATCH_CACHE_DIR`, else platformdirs' user cache dir for
"wirewatch"), and a later process hands it to the regular-expression engine directly, as
`re` itself does at the end of compiling (`_sre.compile`, which validates the code).

The file is only a cache: marshal data (never pickle: loading it runs no code), keyed by a
hash of the source and flags. Missing, unreadable, corrupt or written by another Python,
it is ignored and rewritten; a directory that cannot be written leaves every pattern
compiled as `re` does, and so does an interpreter whose engine is not CPython's. It is
rewritten whole (a temporary file renamed over it) when a process compiled a pattern it
lacked, and started afresh past `MAX_BYTES`, so patterns of older versions do not pile up.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAX_BYTES = 32 << 20
"""A cache file larger than this starts afresh."""

_Entry = tuple[int, list[int], int, dict[str, int]]
"""(flags, code, group count, group names) as `_sre.compile` takes them."""

_state: dict[str, Any] = {}
"""The loaded entries ("entries") and the file ("path"), once read."""


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, its compiling skipped when the cache has it."""
    key = hashlib.sha256(f"{flags}:{source}".encode()).hexdigest()
    entries = _entries()
    entry = entries.get(key)
    if entry is not None:
        try:
            return _from_entry(source, entry)
        except Exception:  # not this engine's code after all: compile it
            log.debug("regexcache: a cached entry did not load; compiling", exc_info=True)
    try:
        entry, pattern = _compile(source, flags)
    except Exception:  # not CPython's engine, or its internals changed
        return re.compile(source, flags)
    entries[key] = entry
    _save(entries, key)
    return pattern


def cache_path() -> Path:
    """The cache file of this Python version."""
    folder = os.environ.get("WIREWATCH_CACHE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("wirewatch")
    import _sre

    version = "-".join(map(str, sys.version_info[:3]))
    return Path(folder) / f"regex-{sys.implementation.name}-{version}-{_sre.MAGIC}.marshal"


def _entries() -> dict[str, _Entry]:
    entries = _state.get("entries")
    if entries is None:
        entries = _state["entries"] = _read()
    return entries


def _read() -> dict[str, _Entry]:
    try:
        data = marshal.loads(cache_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError, ImportError):
        return {}
    return data if isinstance(data, dict) else {}


def _compile(source: str, flags: int) -> tuple[_Entry, re.Pattern[str]]:
    """Compile as `re._compiler.compile` does, keeping what it hands the engine."""
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1,
             dict(parsed.state.groupdict))
    return entry, _from_entry(source, entry)


def _from_entry(source: str, entry: _Entry) -> re.Pattern[str]:
    import _sre

    flags, code, groups, names = entry
    index: list[str | None] = [None] * (groups + 1)
    for name, number in names.items():
        index[number] = name
    return _sre.compile(source, flags, code, groups, names, tuple(index))  # type: ignore[no-any-return]


def _save(entries: dict[str, _Entry], added: str) -> None:
    """Write the cache file whole, atomically; a failure leaves it as it was. Past
    `MAX_BYTES` it keeps the entry just `added` alone."""
    import tempfile

    try:
        data = marshal.dumps(entries)
        if len(data) > MAX_BYTES:
            data = marshal.dumps({added: entries[added]})
        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError) as exc:
        log.debug("regexcache: not written (%s)", exc)
