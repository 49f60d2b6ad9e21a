"""The brotli floor matches the API `feeds.sources.decode` uses (issue 23, item 7): brotli
1.1's `Decompressor.process` takes no `output_buffer_limit` and has no
`can_accept_more_data`, both new in 1.2; with 1.1 every br feed failed with a TypeError."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import brotli
import pytest

from feeds.sources import decode
from feeds.sources.decode import BROTLI_MIN, BodyTooLarge, BoundedDecoder, brotli_usable

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def brotli_floor() -> tuple[int, ...]:
    """The lower bound pyproject.toml puts on brotli."""
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    (spec,) = [d for d in dependencies if re.match(r"brotli\b", d, re.IGNORECASE)]
    match = re.search(r">=\s*([\d.]+)", spec)
    assert match, f"no lower bound on brotli in {spec!r}"
    return version(match.group(1))


def test_the_declared_floor_has_the_bounded_decompressor() -> None:
    assert BROTLI_MIN == (1, 2)
    assert brotli_floor() >= BROTLI_MIN


def test_the_installed_brotli_has_the_api_and_is_used() -> None:
    assert version(brotli.__version__) >= brotli_floor()
    assert brotli_usable(brotli) and decode.brotli is brotli and "br" in decode.ACCEPT_ENCODING
    decoder = BoundedDecoder("br", 1000)
    decoder.feed(brotli.compress(b"a" * 1000))
    assert bytes(decoder.body) == b"a" * 1000
    with pytest.raises(BodyTooLarge):
        BoundedDecoder("br", 999).feed(brotli.compress(b"a" * 1000))


class _Brotli11Decompressor:
    """brotli 1.1's decompressor: `process(string)` inflates everything; `is_finished()`."""

    def process(self, string: bytes) -> bytes:
        return string

    def is_finished(self) -> bool:
        return True


def test_an_older_brotli_counts_as_absent() -> None:
    class Old:
        Decompressor = _Brotli11Decompressor

    assert not brotli_usable(Old) and not brotli_usable(None)
