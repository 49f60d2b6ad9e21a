"""Folder source: readable files become documents, bad files one error line each."""

from __future__ import annotations

import os
import time
from pathlib import Path

from feeds.sources.folder import scan_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def age(path: Path) -> None:
    old = time.time() - 60
    os.utime(path, (old, old), follow_symlinks=False)


def test_seeds_are_read_in_name_order() -> None:
    result = scan_folder("Seeds", SEEDS, 5_000_000)
    assert result.errors == []
    assert [d.guid for d in result.documents] == [
        "file:Seeds/000_6aceb183950141da.txt", "file:Seeds/001_6957e6572e36bc16.txt"]
    assert result.documents[0].body == (SEEDS / "000_6aceb183950141da.txt").read_text()


def test_bad_files_are_recorded_and_the_scan_goes_on(tmp_path: Path) -> None:
    files = {
        "good.txt": b"A good article.",
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02data",
        "latin.txt": "caf\xe9".encode("latin-1"),
        "big.md": b"x" * 2000,
        "ignored.pdf": b"%PDF",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        age(tmp_path / name)
    (tmp_path / "outside.txt").symlink_to("/etc/hostname")
    result = scan_folder("F", tmp_path, 1000)
    assert [d.guid for d in result.documents] == ["file:F/good.txt"]
    assert result.errors == [
        "big.md: file too large (2000 bytes; the limit is 1000)",
        "binary.txt: binary file, not text",
        "empty.txt: empty file",
        "latin.txt: not UTF-8 text (bad byte at offset 3)",
        "outside.txt: link leads outside the folder",
    ]


def test_file_still_being_written_waits_for_the_next_pass(tmp_path: Path) -> None:
    (tmp_path / "fresh.txt").write_text("Being written.")
    assert scan_folder("F", tmp_path, 1000).documents == []


def test_missing_folder(tmp_path: Path) -> None:
    result = scan_folder("F", tmp_path / "nope", 1000)
    assert (result.status, result.errors) == ("error", [f"{tmp_path / 'nope'}: folder not found"])
