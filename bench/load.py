"""Workers sharing one PostgreSQL: articles/s and sources polled per worker with 1, 2 and 4
`wirewatch poll --once` workers.

Usage: python bench/load.py [--feeds 100] [--items 20] [--workers 1 2 4] [--pg ADMIN_URL]

Serves generated feeds from 127.0.0.x (the feed server of bench/poll.py), then for
each worker count starts that many `wirewatch poll --once` processes at once on a
fresh PostgreSQL database and times them until the last one exits. Each worker
claims a source as it is ready for it (an advisory lock per source), so the workers
share the feeds: the last column says how many sources each polled. Story
assignment is serialised, so every item is stored once; the table says how many
were. Without --pg (an admin URL) it starts a throwaway PostgreSQL on 127.0.0.1
with Debian's binaries, as .ci/run does. Not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from poll import free_port, make_feeds, start_python  # noqa: E402


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server on 127.0.0.1 for the length of the run; yields its admin URL."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        sys.exit("bench/load.py: no PostgreSQL found; install Debian's postgresql or pass --pg")
    data, port = Path(tempfile.mkdtemp(prefix="wirewatch-pg-")), free_port()
    shutil.chown(data, "postgres")
    run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run_as, str(bins[-1] / "initdb"), "-D", str(data), "-A", "trust", "-U",
                    "postgres"], check=True, capture_output=True)
    subprocess.run([*run_as, str(bins[-1] / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(data / "log"), "-o", f"-h 127.0.0.1 -p {port} -k {data}", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, str(bins[-1] / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """A new empty database on the server; returns its URL."""
    name = f"ww_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def stored_articles(url: str) -> tuple[int, int]:
    """(articles, distinct keys) in a database."""
    engine = create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT count(*), count(DISTINCT key) FROM article")).one()
    engine.dispose()
    return int(row[0]), int(row[1])


def run_workers(config: Path, url: str, count: int) -> tuple[float, list[int]]:
    """Seconds from starting `count` workers until the last one exits, and how many
    sources each one polled (its `stored N/M: NAME` lines)."""
    command = [sys.executable, "-m", "tui", "poll", "--once", "--config", str(config), "--db", url]
    started = time.perf_counter()
    workers = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True) for _ in range(count)]
    polled = []
    for worker in workers:
        _, err = worker.communicate()
        if worker.returncode != 0:
            print(err[-1500:], file=sys.stderr)
        polled.append(len(re.findall(r"^stored \d+/\d+: ", err, re.MULTILINE)))
    return time.perf_counter() - started, polled


def main() -> None:
    """Print one row per worker count."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--pg", metavar="ADMIN_URL")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="wirewatch-load-"))
    www = root / "www"
    www.mkdir()
    items = make_feeds(www, args.feeds, args.items)
    port, hosts = free_port(), max(1, min(args.hosts, args.feeds))
    servers = start_python(www, hosts, port)
    config = root / "config.toml"
    config.write_text("".join(
        f'[[sources]]\nkind = "feed"\nname = "Feed {f}"\n'
        f'url = "http://127.0.0.{f % hosts + 1}:{port}/feed_{f}.xml"\n' for f in range(args.feeds)))
    server = throwaway_postgres() if not args.pg else contextmanager(lambda: iter([args.pg]))()
    print(f"{args.feeds} feeds x {args.items} items = {items} items served")
    print(f"{'workers':>7} {'seconds':>8} {'stored':>7} {'distinct':>8} {'articles/s':>10}  "
          "sources polled per worker")
    try:
        with server as admin_url:
            for count in args.workers:
                url = fresh_database(admin_url)
                seconds, polled = run_workers(config, url, count)
                stored, distinct = stored_articles(url)
                print(f"{count:>7} {seconds:>8.1f} {stored:>7} {distinct:>8} "
                      f"{stored / seconds:>10.1f}  {' '.join(map(str, polled))}", flush=True)
    finally:
        for http in servers:
            http.shutdown()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
