"""Hostile folders: loops, FIFOs, odd names and thousands of files end in bounded time,
with one clear error per bad file and every good file read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from feeds.sources.folder import scan_folder


def settle(folder: Path) -> None:
    old = time.time() - 60
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (old, old))


def test_loops_fifos_and_odd_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    os.mkfifo(folder / "pipe.txt")
    odd = ["-dash.txt", "new\nline.txt", "sp ace.md", "ünï.txt", "\x1b[31mred.txt"]
    for name in odd:
        (folder / name).write_text("A plain sentence about the harbour.")
    os.close(os.open(os.fsencode(folder) + b"/bad\xffname.txt", os.O_CREAT | os.O_WRONLY))
    settle(folder)
    started = time.monotonic()
    result = scan_folder("F", folder, 10_000)
    assert time.monotonic() - started < 2
    names = sorted(Path(d.locator).name for d in result.documents)
    assert names == sorted(odd)
    assert sorted(result.errors) == [
        "bad\\xffname.txt: file name is not UTF-8",
        "pipe.txt: not a regular file",
        "self.txt: symbolic link loop",
    ]
    assert all(e.isprintable() for e in result.errors)


def test_five_thousand_files_scan_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(5000):
        (folder / f"{index:05d}.txt").write_text(f"Item {index} reports rain in the valley.")
    settle(folder)
    started = time.monotonic()
    result = scan_folder("F", folder, 10_000)
    assert time.monotonic() - started < 5
    assert (len(result.documents), result.errors) == (5000, [])


def test_unreadable_file_is_one_error() -> None:
    """Scanned by a forked child that dropped to an unprivileged user (root reads all)."""
    import json
    import shutil
    import tempfile

    if os.geteuid() != 0:
        pytest.skip("needs root to drop to an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-unreadable-"))
    try:
        folder.chmod(0o755)
        (folder / "ok.txt").write_text("A readable report about the dam.")
        (folder / "locked.txt").write_text("A secret report.")
        (folder / "locked.txt").chmod(0o000)
        settle(folder)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: nobody, then scan, then report through the pipe
            os.setgid(65534)
            os.setuid(65534)
            result = scan_folder("F", folder, 10_000)
            os.write(write_end, json.dumps([[Path(d.locator).name for d in result.documents],
                                            result.errors]).encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            report = json.loads(pipe.read())
        os.waitpid(pid, 0)
        assert report == [["ok.txt"], ["locked.txt: Permission denied"]]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
