"""Bounded decompression of HTTP bodies: the decoded size is checked while inflating.

Contract: `BoundedDecoder(content_encoding, max_bytes)` takes raw body chunks
(`feed(chunk)`) and returns decoded bytes; it raises `BodyTooLarge` as soon as
the decoded total would pass `max_bytes` (never inflating more than the bytes
still allowed plus one), and `DecodeError` for a corrupt or unknown encoding.
gzip, deflate (zlib-wrapped or raw), br (when the brotli package is present)
and identity are understood; stacked encodings ("gzip, br") are undone in order.
Bounding br needs brotli's `Decompressor.process(data, output_buffer_limit=...)` and
`can_accept_more_data()`, both new in brotli 1.2 (`BROTLI_MIN`, the floor in
pyproject.toml); an older brotli counts as absent: br is neither asked for nor read.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a declared dependency
    brotli = None

BROTLI_MIN = (1, 2)
"""The first brotli with the bounded-output API used here (1.1's `process` inflates it all)."""


def brotli_usable(module: object) -> bool:
    """Whether a brotli module has the bounded-output decompressor this module needs."""
    decompressor = getattr(module, "Decompressor", None)
    return decompressor is not None and hasattr(decompressor, "can_accept_more_data")


if not brotli_usable(brotli):  # pragma: no cover - an older brotli than the declared floor
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"


class BodyTooLarge(Exception):
    """The decoded body passed the size limit."""


class DecodeError(Exception):
    """The body could not be decoded; the message says which encoding."""


Step = Callable[[bytes, int], bytes]
"""One decoding stage: (input chunk, room left) -> output, at most room + 1 bytes."""


def _zlib_step(wbits: int, name: str) -> Step:
    state = {"obj": zlib.decompressobj(wbits), "started": False}

    def step(data: bytes, room: int) -> bytes:
        obj = state["obj"]
        try:
            out = obj.decompress(data, room + 1)  # type: ignore[union-attr]
        except zlib.error as exc:
            if name == "deflate" and not state["started"]:  # raw deflate without zlib header
                state["obj"] = obj = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    out = obj.decompress(data, room + 1)
                except zlib.error as exc2:
                    raise DecodeError(f"corrupt {name} body: {exc2}") from None
            else:
                raise DecodeError(f"corrupt {name} body: {exc}") from None
        state["started"] = True
        if len(out) > room or obj.unconsumed_tail:  # type: ignore[union-attr]
            raise BodyTooLarge
        return out

    return step


def _brotli_step() -> Step:
    decoder = brotli.Decompressor()

    def step(data: bytes, room: int) -> bytes:
        try:
            out = decoder.process(data, output_buffer_limit=room + 1)
        except brotli.error as exc:
            raise DecodeError(f"corrupt br body: {exc}") from None
        if len(out) > room or not decoder.can_accept_more_data():
            raise BodyTooLarge
        return out

    return step


def _make_step(encoding: str) -> Step | None:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return _zlib_step(16 + zlib.MAX_WBITS, "gzip")
    if encoding == "deflate":
        return _zlib_step(zlib.MAX_WBITS, "deflate")
    if encoding == "br" and brotli is not None:
        return _brotli_step()
    raise DecodeError(f"unsupported Content-Encoding {encoding[:40]!r}")


class BoundedDecoder:
    """Undo the Content-Encoding chunk by chunk within a decoded-size budget."""

    def __init__(self, content_encoding: str | None, max_bytes: int) -> None:
        names = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
        steps = [_make_step(name) for name in reversed(names)]
        self.steps = [s for s in steps if s is not None]
        self.max_bytes = max_bytes
        self.total = 0
        self.body = bytearray()

    def feed(self, chunk: bytes) -> None:
        """Decode one raw chunk and keep it; BodyTooLarge past the limit."""
        data = chunk
        for step in self.steps:
            data = step(data, self.max_bytes - self.total)
        self.total += len(data)
        if self.total > self.max_bytes:
            raise BodyTooLarge
        self.body.extend(data)
