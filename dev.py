#!/usr/bin/env python3
"""Set up and run Wirewatch from a fresh clone with nothing but Python 3.11+.

    python3 dev.py run     create .venv if needed, install, open the dashboard on ./config.toml
    python3 dev.py test    create .venv if needed, install with test extras, lint (ruff, the
                           import contracts of .importlinter), run every test
    python3 dev.py poll    one headless poll of ./config.toml's sources

Extra arguments after the command go to wirewatch (run, poll) or pytest (test); with
arguments, `test` runs only pytest (a quick run of some tests), without lint.
The install is redone only when pyproject.toml is newer than the last install.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("WIREWATCH_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".wirewatch-installed"


def setup() -> None:
    """Create the virtual environment and install the project into it, if stale."""
    if sys.version_info < (3, 11):
        sys.exit(f"dev.py: Wirewatch needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"dev.py: creating {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime:
        return
    print("dev.py: installing wirewatch and its test tools (one time)", file=sys.stderr)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{ROOT}[test]"], check=True)
    # compile the big regular expressions once, into the user's cache (feeds.extract.regexcache),
    # so the first `wirewatch` run starts as fast as every later one
    subprocess.run([str(PY), "-c", "from feeds.ingest.prepare import warm; warm()"], check=False)
    STAMP.touch()


def lint() -> bool:
    """ruff over the code and the import contracts; False (each has said why) on a finding."""
    ruff = subprocess.run([str(PY), "-m", "ruff", "check", "feeds", "tui", "tests", "bench"])
    linter = BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports")
    contracts = subprocess.run([str(linter)])
    if ruff.returncode or contracts.returncode:
        print("dev.py: fix the findings above (`ruff check --fix` sorts imports), then run "
              "`python3 dev.py test` again", file=sys.stderr)
        return False
    return True


def main(argv: list[str]) -> int:
    """Dispatch run / test / poll."""
    if not argv or argv[0] not in ("run", "test", "poll"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    setup()
    os.chdir(ROOT)
    if command == "test":
        if not rest and not lint():
            return 1
        return subprocess.run([str(PY), "-m", "pytest", *rest]).returncode
    extra = ["poll", "--once"] if command == "poll" else []
    return subprocess.run([str(BIN / "wirewatch"), "--config", "config.toml", *extra, *rest]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
