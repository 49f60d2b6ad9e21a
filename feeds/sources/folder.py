"""Folder source: the article files of a watched folder as raw documents.

Contract: `scan_folder(name, path, max_bytes)` reads the regular `*.txt`,
`*.md` and `*.html` files below `path` (three levels deep at most, hidden files
skipped, links leading outside the folder refused), in name order. A file that is
still being written (changed in the last second), empty, binary, not UTF-8 or
larger than `max_bytes` gives one error line naming it; the scan goes on.
"""

from __future__ import annotations

import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

from feeds.model import RawDocument
from feeds.sources import SourcePass

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
            ".html": "text/html", ".htm": "text/html"}
MAX_DEPTH = 3
MAX_FILES = 20_000
SETTLE_SECONDS = 1.0


def scan_folder(name: str, folder: Path, max_bytes: int) -> SourcePass:
    """Read every article file of `folder`; bad files become error lines."""
    result = SourcePass()
    if not folder.is_dir():
        result.status = "error"
        result.errors.append(f"{folder}: folder not found")
        return result
    root = folder.resolve()
    for path in _article_files(root, result):
        document = _read_file(name, root, path, max_bytes, result)
        if document is not None:
            result.documents.append(document)
    return result


def _article_files(root: Path, result: SourcePass) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        depth = len(Path(dirpath).relative_to(root).parts)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and depth < MAX_DEPTH)
        for filename in sorted(filenames):
            if filename.startswith(".") or Path(filename).suffix.lower() not in SUFFIXES:
                continue
            if len(found) >= MAX_FILES:
                result.errors.append(f"{root}: more than {MAX_FILES} files; the rest skipped")
                return found
            found.append(Path(dirpath) / filename)
    return found


def _read_file(name: str, root: Path, path: Path, max_bytes: int,
               result: SourcePass) -> RawDocument | None:
    shown = _printable(path.relative_to(root))
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root):
            raise ValueError("link leads outside the folder")
        info = real.stat()
        problem = _size_problem(info, max_bytes)
        if problem:
            raise ValueError(problem)
        if time.time() - info.st_mtime < SETTLE_SECONDS:
            return None  # still being written: next pass
        data = _read_bounded(real, max_bytes)
        text = _decode(data)
    except RuntimeError:  # pathlib's "Symlink loop from ..." names the whole path
        result.errors.append(f"{shown}: symbolic link loop")
        return None
    except (OSError, ValueError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        result.errors.append(f"{shown}: {message}")
        return None
    mtime = datetime.fromtimestamp(info.st_mtime, UTC)
    return RawDocument(source_name=name, locator=str(path), body=text,
                       media_type=SUFFIXES[path.suffix.lower()],  # type: ignore[arg-type]
                       guid=f"file:{name}/{path.relative_to(root).as_posix()}", file_mtime=mtime)


def _size_problem(info: os.stat_result, max_bytes: int) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file"
    if info.st_size > max_bytes:
        return f"file too large ({info.st_size} bytes; the limit is {max_bytes})"
    return None


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"file too large (over {max_bytes} bytes)")
    return data


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


def _printable(path: Path) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in str(path))
