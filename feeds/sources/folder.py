"""Folder source: the article files of a watched folder as raw documents.

Contract: `scan_folder(name, path, max_bytes)` reads the regular `*.txt`, `*.md` and
`*.html` files below `path` (three levels deep at most, hidden files skipped, links
leading outside the folder refused), in name order, once they have settled:

- a file changed in the last `SETTLE_SECONDS` is never read;
- else it is read when its size and modification time held across two scans of the
  folder in this process: a scan that finds a file new or changed only notes it, the
  next scan that finds it the same reads it (a file changed while being read is new);
- a file last changed over `SETTLE_SECONDS` (the coarsest file-time step) before the
  previous scan began held across that scan even if the scan did not see it: it was
  moved in, or a tool set its time back once done (`cp -p`, `tar`, `rsync -t`); a
  writer still writing leaves a fresh time;
- the first scan of a folder in a process has no scan to compare with: every file
  unchanged for `SETTLE_SECONDS` is settled, so `poll --once` reads a folder of
  finished files in its one pass.

The pass counts the files left for a later scan (`SourcePass.settling`). A file whose
name is not UTF-8, that is empty, binary, not UTF-8 text or larger than
`max_bytes` gives one error line naming it, the name escaped (`feeds.model.text.escaped`);
the scan goes on. A document's guid is `file:NAME/RELATIVE/PATH`, the path escaped the
same way, so no control character of a file name reaches a stored key.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from feeds.model import RawDocument
from feeds.model.text import escaped
from feeds.sources import SourcePass

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
            ".html": "text/html", ".htm": "text/html"}
MAX_DEPTH = 3
MAX_FILES = 20_000
SETTLE_SECONDS = 2.0
"""A file changed more recently than this is never read (see the contract)."""

Stamp = tuple[int, int]
"""A file's size and modification time (ns): what must hold across two scans."""


@dataclass(frozen=True, slots=True)
class _LastScan:
    """A folder's last scan in this process: when it began, each file's stamp then."""

    started: float
    stamps: dict[str, Stamp]


_last_scans: dict[tuple[str, Path], _LastScan] = {}
"""By (source name, folder)."""


@dataclass(slots=True)
class _Scan:
    """One scan of a folder: what it has found so far, and the folder's last scan."""

    name: str
    root: Path
    max_bytes: int
    last: _LastScan | None
    """None on the folder's first scan in this process."""
    started: float = field(default_factory=time.time)
    result: SourcePass = field(default_factory=SourcePass)
    stamps: dict[str, Stamp] = field(default_factory=dict)

    def settled(self, relative: str, info: os.stat_result) -> bool:
        """Note the file's stamp; whether the file has settled (see the contract)."""
        stamp = (info.st_size, info.st_mtime_ns)
        self.stamps[relative] = stamp
        if self.started - info.st_mtime < SETTLE_SECONDS:
            return False
        last = self.last
        return (last is None or last.stamps.get(relative) == stamp
                or info.st_mtime < last.started - SETTLE_SECONDS)

    def error(self, relative: str, message: str) -> None:
        """One error line for a file, its name escaped."""
        self.result.errors.append(f"{escaped(relative)}: {message}")


def scan_folder(name: str, folder: Path, max_bytes: int) -> SourcePass:
    """Read every settled article file of `folder`; bad files become error lines."""
    if not folder.is_dir():
        return SourcePass(status="error", errors=[f"{escaped(str(folder))}: folder not found"])
    root = folder.resolve()
    scan = _Scan(name, root, max_bytes, _last_scans.get((name, root)))
    for path in _article_files(root, scan.result):
        document = _read_file(scan, path)
        if document is not None:
            scan.result.documents.append(document)
    _last_scans[(name, root)] = _LastScan(scan.started, scan.stamps)
    return scan.result


def _article_files(root: Path, result: SourcePass) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        depth = len(Path(dirpath).relative_to(root).parts)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and depth < MAX_DEPTH)
        for filename in sorted(filenames):
            if filename.startswith(".") or Path(filename).suffix.lower() not in SUFFIXES:
                continue
            if len(found) >= MAX_FILES:
                result.errors.append(f"{escaped(str(root))}: more than {MAX_FILES} files; "
                                     "the rest skipped")
                return found
            found.append(Path(dirpath) / filename)
    return found


def _read_file(scan: _Scan, path: Path) -> RawDocument | None:
    """The file as a document; None when it is not settled yet or is bad (an error line)."""
    relative = path.relative_to(scan.root).as_posix()
    try:
        if not _is_utf8(relative):
            raise ValueError("file name is not UTF-8")
        real = path.resolve(strict=True)
        if not real.is_relative_to(scan.root):
            raise ValueError("link leads outside the folder")
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if not scan.settled(relative, info):
            scan.result.settling += 1
            return None  # new, changed or still being written: a later scan reads it
        text = _read_settled(real, info, scan.max_bytes)
    except RuntimeError:  # pathlib's "Symlink loop from ..." names the whole path
        scan.error(relative, "symbolic link loop")
        return None
    except (OSError, ValueError) as exc:
        scan.error(relative, exc.strerror if isinstance(exc, OSError) and exc.strerror
                   else str(exc))
        return None
    if text is None:
        scan.stamps.pop(relative, None)  # changed while being read: new to the next scan
        return None
    mtime = datetime.fromtimestamp(info.st_mtime, UTC)
    return RawDocument(source_name=scan.name, locator=str(path), body=text,
                       media_type=SUFFIXES[path.suffix.lower()],  # type: ignore[arg-type]
                       guid=f"file:{scan.name}/{escaped(relative)}", file_mtime=mtime)


def _is_utf8(name: str) -> bool:
    """Whether a name from the OS was valid UTF-8 (else it holds surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_settled(path: Path, info: os.stat_result, max_bytes: int) -> str | None:
    """The text of a settled file; None when it changed while it was read."""
    problem = _size_problem(info, max_bytes)
    if problem:
        raise ValueError(problem)
    data, after = _read_bounded(path, max_bytes)
    if (after.st_size, after.st_mtime_ns) != (info.st_size, info.st_mtime_ns):
        return None
    return _decode(data)


def _size_problem(info: os.stat_result, max_bytes: int) -> str | None:
    if info.st_size == 0:
        return "empty file"
    if info.st_size > max_bytes:
        return f"file too large ({info.st_size} bytes; the limit is {max_bytes})"
    return None


def _read_bounded(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """At most `max_bytes` of the file, and its status once read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
        after = os.fstat(handle.fileno())
    if len(data) > max_bytes:
        raise ValueError(f"file too large (over {max_bytes} bytes)")
    return data, after


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise ValueError("empty file")
    return text

