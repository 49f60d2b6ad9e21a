"""Start-up bench: wirewatch's first story row and `--help` against bare Textual and Python.

Usage: python bench/startup.py [--runs 5] [--size 120x40]

Three pairs, each side measured in fresh processes, `--runs` times, alternating, and
printed as best and median seconds with the ratio of the two (targets, issue 24: the
first row within 2x a bare Textual app's, `--help` within 1.5x `import textual`):

- first row: (a) a bare Textual app (written to a temporary file by this script) that
  shows one DataTable with one row, and (b) `wirewatch` (the dashboard, polling as
  usual) on a temporary database holding the seed story (built once with `wirewatch
  poll --once` on a temporary config watching the project's seeds/ folder). Each runs
  in a pseudo-terminal of the given size; the time is from the start of the process
  to the moment its output carries the row's text (the table row, or the seed story's
  title), as a user would see it; then the process is killed. Nothing in the app is
  instrumented.
- help: `wirewatch --help` against `python -c "import textual"`, each to its exit.
- a third line, for orientation: `python -c pass`.

Python's bytecode is written and used (PYTHONDONTWRITEBYTECODE, which this sandbox sets,
is dropped from the children's environment: without the .pyc files every import
compiles its module again, as an installed package never does); one warm-up run of each
side fills the cache before the timed runs.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_ROW = "bare-first-row-7f3a"
BARE_APP = f'''
from textual.app import App
from textual.widgets import DataTable


class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Story", "Age")
        table.add_row("{BARE_ROW}", "1h")


Bare().run()
'''
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours
                      rb"|\][^\x07\x1b]*(\x07|\x1b\\)"  # OSC: titles
                      rb"|[PX^_][^\x1b]*\x1b\\|.)")  # DCS and the rest


def child_env() -> dict[str, str]:
    """The environment of every timed process: bytecode on, an xterm, the size from the
    pseudo-terminal (no COLUMNS / LINES), no Textual debug settings."""
    dropped = ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES", "TEXTUAL")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["TERM"] = "xterm-256color"
    return env


def wirewatch_argv() -> list[str]:
    """The `wirewatch` console script next to this Python, else `python -m tui`."""
    script = Path(sys.executable).with_name("wirewatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def first_paint(argv: list[str], marker: str, size: tuple[int, int], env: dict[str, str],
                cwd: Path, timeout: float = 120.0) -> float:
    """Seconds from starting `argv` in a pseudo-terminal to `marker` in what it drew."""
    columns, rows = size
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal's size, then the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker.encode() in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - started
        tail = _ESCAPES.sub(b"", seen)[-400:].decode(errors="replace")
        raise RuntimeError(f"{argv[-1]}: {marker!r} never appeared; last output: {tail!r}")
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        os.waitpid(pid, 0)
        os.close(fd)


def wall(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from start to exit of `argv` (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def seed_database(work: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A config watching seeds/ and its database after one poll; the seed story's title."""
    config = work / "config.toml"
    database = work / "wirewatch.db"
    config.write_text(f'[storage]\nurl = "sqlite:///{database}"\n\n[[sources]]\nkind = "folder"'
                      f'\nname = "Seeds"\npath = "{ROOT / "seeds"}"\ninterval = "1h"\n',
                      encoding="utf-8")
    base = [*wirewatch_argv(), "--config", str(config)]
    subprocess.run([*base, "poll", "--once"], env=env, cwd=work, check=True,
                   capture_output=True)
    listed = subprocess.run([*base, "stories", "--json"], env=env, cwd=work, check=True,
                            capture_output=True, text=True).stdout
    import json

    title = json.loads(listed.splitlines()[0])["title"]
    return config, title


def timed(measure, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    """One warm-up, then `runs` timings."""
    measure()
    return [measure() for _ in range(runs)]


def row(name: str, ours: list[float], base: list[float], target: float | None) -> str:
    """One line of the table."""
    best, median = min(ours), statistics.median(ours)
    b_best, b_median = min(base), statistics.median(base)
    ratio = median / b_median
    verdict = "" if target is None else ("ok" if ratio <= target else "over")
    goal = "" if target is None else f"{target:.1f}x"
    return (f"| {name:<34} | {best:6.3f} | {median:6.3f} | {b_best:6.3f} | {b_median:6.3f} "
            f"| {min(ours) / b_best:5.2f}x | {ratio:5.2f}x | {goal:>6} {verdict:<4} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="120x40", help="the pseudo-terminal, COLSxROWS")
    a = ap.parse_args(argv)
    size = tuple(int(n) for n in a.size.split("x"))
    env = child_env()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bare = work / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        config, title = seed_database(work, env)
        marker = title[:24]
        ours = wirewatch_argv()
        firsts, bares, helps, textuals, passes = [], [], [], [], []
        measures = [
            (firsts, lambda: first_paint([*ours, "--config", str(config)], marker, size, env,
                                         work)),
            (bares, lambda: first_paint([sys.executable, str(bare)], BARE_ROW, size, env, work)),
            (helps, lambda: wall([*ours, "--help"], env, work)),
            (textuals, lambda: wall([sys.executable, "-c", "import textual"], env, work)),
            (passes, lambda: wall([sys.executable, "-c", "pass"], env, work)),
        ]
        for _, measure in measures:
            measure()  # warm-up: bytecode written, the file cache filled
        for _ in range(a.runs):  # alternating, so a busy spell hits both sides
            for times, measure in measures:
                times.append(measure())
    print(f"Start-up, fresh processes, {a.runs} runs each (best, median seconds); "
          f"pseudo-terminal {a.size}; bytecode written (PYTHONDONTWRITEBYTECODE dropped)\n")
    print("| what (ours vs baseline)            |   best | median | b.best | b.med  "
          "| best  | median | target      |")
    print("|------------------------------------|--------|--------|--------|--------"
          "|-------|--------|-------------|")
    print(row("first story row vs bare DataTable", firsts, bares, 2.0))
    print(row("wirewatch --help vs import textual", helps, textuals, 1.5))
    print(row("import textual vs python -c pass", textuals, passes, None))


if __name__ == "__main__":
    main()
