"""One poller per SQLite database: the second says who runs, a killed one frees the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from feeds.store.lock import PollerBusy, PollerLock


def start_daemon(config: Path, db: Path, state: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "XDG_STATE_HOME": str(state)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "poll", "--config", str(config), "--db", str(db)],
        stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not Path(f"{db}.poller.lock").exists():
        time.sleep(0.05)
    line = process.stderr.readline() if process.stderr else ""
    assert "polling 1 sources" in line
    return process


def test_second_poller_names_the_first(seed_config: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    daemon = start_daemon(seed_config, db, tmp_path / "state")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "tui", "poll", "--once", "--config", str(seed_config),
             "--db", str(db)], capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert second.stderr == (f"wirewatch: a poller is already running on {db} "
                                 f"(pid {daemon.pid}); stop it first, or open the dashboard "
                                 "read-only beside it\n")
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
        log = (tmp_path / "state" / "wirewatch" / "poll.log").read_text()
        assert "stopped after finishing the current batch" in log
    finally:
        daemon.kill()


def test_lock_is_freed_when_its_holder_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    code = ("import sys, time\nfrom feeds.store.lock import PollerLock\n"
            f"PollerLock.acquire('sqlite:///{db}')\nprint('held', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        PollerLock.acquire(f"sqlite:///{db}")
        raise AssertionError("the lock should be held")
    except PollerBusy as busy:
        assert busy.pid == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with PollerLock.acquire(f"sqlite:///{db}") as lock:
        assert lock.path == Path(f"{db}.poller.lock")


def test_postgres_and_memory_need_no_lock() -> None:
    assert PollerLock.acquire("postgresql+psycopg://u@127.0.0.1/x").path is None
    assert PollerLock.acquire("sqlite://").path is None
