"""Command source: a user's program prints a feed on its standard output (newsboat's `exec:`).

Contract: `await fetch_command(name, argv, timeout=..., max_bytes=...)` runs `argv` as an
argument list (never through a shell), with no standard input, in a session of its own,
and parses what it prints exactly as the feed kind parses a downloaded document
(`feeds.sources.parse.parse_feed`: RSS, Atom or JSON Feed; in a bounded worker with
`parse_timeout`, through `choose_parser` when given). It never raises for the program's
failings: a program that cannot be started, exits non-zero, is still running after
`timeout` seconds, or prints more than `max_bytes` bytes gives an error pass with one line
saying which (with the last line of its standard error, cut and sanitised, if it wrote
one); a program stopped for time or size is killed with its whole process group.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Awaitable, Callable

from feeds.model.text import one_line
from feeds.sources import SourcePass
from feeds.sources.parse import parse_feed
from feeds.sources.pool import ParseFunc, parse_bounded

STDERR_KEPT = 4096
"""Bytes of the program's standard error kept (the last line is quoted in an error)."""
READ_CHUNK = 65536


class _TooLarge(Exception):
    """The program printed more than the limit."""


async def fetch_command(name: str, argv: tuple[str, ...] | list[str], *, timeout: float,
                        max_bytes: int, parse_timeout: float | None = None,
                        parser: ParseFunc = parse_feed,
                        choose_parser: Callable[[], Awaitable[ParseFunc]] | None = None,
                        ) -> SourcePass:
    """One run of the program and a parse of its output."""
    shown = one_line(os.path.basename(argv[0]), 200)
    output, problem = await run_program(argv, timeout=timeout, max_bytes=max_bytes)
    if problem is not None:
        return SourcePass(status="error", errors=[f"command {shown!r} {problem}"[:300]])
    chosen = parser if choose_parser is None else await choose_parser()
    location = "command:" + shown
    if parse_timeout is None:
        return chosen(name, output, location, None)
    return await parse_bounded(name, output, location, None, timeout=parse_timeout, func=chosen)


async def run_program(argv: tuple[str, ...] | list[str], *, timeout: float,
                      max_bytes: int) -> tuple[bytes, str | None]:
    """(standard output, None), or (b"", what went wrong in a few words)."""
    try:
        process = await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, start_new_session=True)
    except FileNotFoundError:
        return b"", "cannot be run: no such program"
    except PermissionError:
        return b"", "cannot be run: permission denied"
    except OSError as exc:
        return b"", f"cannot be run: {exc.strerror or exc}"
    assert process.stdout is not None and process.stderr is not None
    errors = asyncio.ensure_future(_tail(process.stderr))
    try:
        async with asyncio.timeout(timeout):  # a child holding a pipe open counts too
            output = await _read_bounded(process.stdout, max_bytes)
            code = await process.wait()
            said = await errors
    except TimeoutError:
        await _kill(process, errors)
        return b"", f"still running after {timeout:g} s; stopped"
    except _TooLarge:
        await _kill(process, errors)
        return b"", f"printed more than {max_bytes} bytes; stopped"
    finally:
        if process.returncode is None:  # cancelled: leave nothing running
            await _kill(process, errors)
    if code != 0:
        how = f"exited with status {code}" if code > 0 else f"was killed by signal {-code}"
        return b"", how + (f": {said}" if said else "")
    return output, None


async def _read_bounded(stream: asyncio.StreamReader, max_bytes: int) -> bytes:
    """Everything the stream gives until it ends; `_TooLarge` past `max_bytes`."""
    data = bytearray()
    while chunk := await stream.read(READ_CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise _TooLarge
    return bytes(data)


async def _tail(stream: asyncio.StreamReader) -> str:
    """The last non-empty line of what the stream gives (its last `STDERR_KEPT` bytes),
    sanitised and cut."""
    kept = b""
    while chunk := await stream.read(READ_CHUNK):
        kept = (kept + chunk)[-STDERR_KEPT:]
    lines = [line for line in kept.decode("utf-8", "replace").splitlines() if line.strip()]
    return one_line(lines[-1], 200) if lines else ""


async def _kill(process: asyncio.subprocess.Process, errors: asyncio.Future[str]) -> None:
    """Kill the program's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    await process.wait()
    errors.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await errors
