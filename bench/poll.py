"""Polling benchmark: N generated feeds served locally, `wirewatch poll --once` twice.

Usage: python bench/poll.py [--feeds 500] [--items 50] [--hosts 32] [--server auto|nginx|python]
                            [--no-newsboat] [--keep DIR] [--rounds 1]

Generates N RSS feeds of M items (real news titles and 600-character descriptions
from ../shared/data/stories, read and never copied into the project; synthetic
text when that folder is missing), serves them from 127.0.0.1..127.0.0.H (nginx
when installed, else a threaded Python server; both send ETag and Last-Modified
and answer conditional requests with 304), and times `wirewatch poll --once` on
a fresh database, then an unchanged second pass. Each pass runs in its own
process so its peak resident memory (ru_maxrss) is its own, and its CPU seconds
count every process it started (on Linux the wrapper adopts the poller's worker
processes, which outlive it by a moment, and waits for them): CPU time drifts
less than wall time on a busy machine. The header says whether the items carry
real news text or synthetic text (a checkout with no ../shared/data beside it, such
as a worktree elsewhere, extracts synthetic text several times faster). With newsboat
installed, times `newsboat -x reload` on the same feeds (fresh cache, then
unchanged). Prints one table, then wirewatch's time over newsboat's per pass (with
`--rounds N` every run is repeated N times and the median ratio printed: this
machine's speed drifts by 10-20% between runs). Not a test: nothing here runs under
pytest.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, float, float, float, float, int, str]
"""A table row: run, seconds, CPU seconds, feeds/s, items/s, peak RSS KiB, summary."""
DATA = ROOT.parent / "shared" / "data" / "stories"


def corpus() -> list[tuple[str, str]]:
    """(title, text) of real news articles, or synthetic ones when the data is absent."""
    found: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("*.jsonl")) if DATA.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = " ".join(str(row.get("text", "")).split())
            if row.get("title") and len(text) > 200:
                found.append((str(row["title"])[:200], text))
    if not found:
        words = "harbour strike minister flood council election talks port storm ceasefire".split()
        found = [(f"{words[i % 10].title()} {words[(i * 7) % 10]} update {i}",
                  " ".join(words[(i + j) % 10] for j in range(200))) for i in range(1000)]
    return found


def make_feeds(folder: Path, feeds: int, items: int) -> int:
    """Write feed_<i>.xml files; returns the number of items written."""
    articles = corpus()
    stamp = email.utils.formatdate(time.time() - 3600, usegmt=True)
    for f in range(feeds):
        entries = []
        for i in range(items):
            n = f * items + i
            title, text = articles[n % len(articles)]
            start = (n // len(articles)) * 97 % max(1, len(text) - 600)
            body = text[start:start + 600]
            entries.append(
                f"<item><guid isPermaLink=\"false\">bench-{f}-{i}</guid>"
                f"<title>{escape(title)}</title>"
                f"<link>https://news{f}.example/{n}</link><description>{escape(body)}</description>"
                f"<pubDate>{stamp}</pubDate></item>")
        xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>Bench Wire {f}</title><link>https://news{f}.example/</link>"
               f"<description>bench</description>{''.join(entries)}</channel></rss>")
        (folder / f"feed_{f}.xml").write_text(xml, encoding="utf-8")
    return feeds * items


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_nginx(root: Path, www: Path, hosts: int, port: int) -> subprocess.Popen:
    listens = "\n".join(f"    listen 127.0.0.{h + 1}:{port};" for h in range(hosts))
    conf = root / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ application/rss+xml xml; }}
  client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
  gzip on; gzip_types application/rss+xml;
  server {{
{listens}
    root {www};
    etag on;
  }}
}}
""", encoding="utf-8")
    (root / "tmp").mkdir(exist_ok=True)
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"],
                               stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return process


class _Static(SimpleHTTPRequestHandler):
    """Static files with ETag and Last-Modified; 304 on a matching If-None-Match."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_file():
            stat = path.stat()
            tag = '"' + hashlib.md5(f"{stat.st_mtime_ns}-{stat.st_size}".encode()).hexdigest() + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return None
            self._etag = tag
        return super().send_head()

    def end_headers(self) -> None:
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
            self._etag = None
        super().end_headers()

    def log_message(self, *_: object) -> None:
        return


def start_python(www: Path, hosts: int, port: int) -> list[ThreadingHTTPServer]:
    servers = []
    for h in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{h + 1}", port),
                                     lambda *a, **k: _Static(*a, directory=str(www), **k))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


_WRAPPER = """
import ctypes, os, resource, signal, subprocess, sys
if sys.platform == "linux":  # adopt the orphaned worker processes, so their CPU counts
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(p.stdout); sys.stderr.write(p.stderr[-2000:])
signal.alarm(60)  # the workers leave within seconds of the poll
while True:
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("CPU", u.ru_utime + u.ru_stime)
print("RSS", u.ru_maxrss)
sys.exit(p.returncode)
"""
"""Runs a command, then waits for every process it started (the poller's forkserver and
workers outlive it by a moment), and prints their CPU seconds and peak RSS."""


def timed(command: list[str], env: dict[str, str] | None = None
          ) -> tuple[float, int, float, str]:
    """(seconds, peak RSS in KiB, CPU seconds of the command and every process it started,
    its stdout)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True,
                          text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    lines = done.stdout.strip().splitlines()
    tail = dict(line.split() for line in lines[-2:] if line.startswith(("CPU", "RSS")))
    return (seconds, int(tail.get("RSS", 0)), float(tail.get("CPU", 0.0)),
            "\n".join(line for line in lines if not line.startswith(("CPU ", "RSS "))))


def run(args: argparse.Namespace) -> None:
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)  # nginx workers run as another user
    www = root / "www"
    www.mkdir(parents=True, exist_ok=True)
    items = make_feeds(www, args.feeds, args.items)
    port = free_port()
    hosts = max(1, min(args.hosts, args.feeds))
    use_nginx = args.server == "nginx" or (args.server == "auto" and shutil.which("nginx"))
    nginx = start_nginx(root, www, hosts, port) if use_nginx else None
    servers = [] if nginx else start_python(www, hosts, port)
    urls = [f"http://127.0.0.{f % hosts + 1}:{port}/feed_{f}.xml" for f in range(args.feeds)]
    config = root / "config.toml"
    config.write_text("".join(f'[[sources]]\nkind = "feed"\nname = "Feed {f}"\nurl = "{u}"\n'
                              f'interval = "15m"\n' for f, u in enumerate(urls)), encoding="utf-8")
    rows: list[Row] = []
    try:
        for round_ in range(1, args.rounds + 1):
            suffix = f" #{round_}" if args.rounds > 1 else ""
            rows += _round(args, root, config, urls, items, suffix)
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGTERM)
            nginx.wait(timeout=10)
        for server in servers:
            server.shutdown()
    server_name = "nginx" if nginx is not None else "python http.server"
    text = "news text" if DATA.is_dir() else "SYNTHETIC text (no ../shared/data/stories)"
    print(f"{args.feeds} feeds x {args.items} items = {items} items of {text}, {hosts} hosts, "
          f"{server_name}, {os.cpu_count()} CPUs")
    print(f"{'run':<24} {'seconds':>8} {'CPU s':>7} {'feeds/s':>8} {'items/s':>8} "
          f"{'peak MiB':>9}  summary")
    for name, seconds, cpu, fps, ips, rss, summary in rows:
        print(f"{name:<24} {seconds:>8.2f} {cpu:>7.2f} {fps:>8.1f} {ips:>8.1f} "
              f"{rss / 1024:>9.0f}  {summary}")
    _print_ratios(rows)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


def _round(args: argparse.Namespace, root: Path, config: Path, urls: list[str], items: int,
           suffix: str) -> list[Row]:
    """Both wirewatch passes on a fresh database, then newsboat's on a fresh cache."""
    db = root / "bench.db"
    for stale in root.glob("bench.db*"):
        stale.unlink()
    wirewatch = [sys.executable, "-m", "tui", "--config", str(config), "--db", str(db),
                 "poll", "--once"]
    rows = []
    for label in ("first", "unchanged"):
        seconds, rss, cpu, out = timed(wirewatch)
        stored = items if label == "first" else 0
        rows.append((f"wirewatch {label}{suffix}", seconds, cpu, args.feeds / seconds,
                     stored / seconds, rss, out.splitlines()[0] if out else ""))
        if " 0 failed" not in out:
            print(out[:1500], file=sys.stderr)
    if not args.no_newsboat and shutil.which("newsboat"):
        (root / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
        (root / "newsboat.conf").write_text("", encoding="utf-8")
        cache = root / "newsboat.db"
        cache.unlink(missing_ok=True)
        for label in ("first", "unchanged"):
            seconds, rss, cpu, _ = timed(["newsboat", "-x", "reload", "-u", str(root / "urls"),
                                     "-c", str(cache), "-C", str(root / "newsboat.conf")],
                                    env={**os.environ, "HOME": str(root)})
            stored = items if label == "first" else 0
            rows.append((f"newsboat {label}{suffix}", seconds, cpu, args.feeds / seconds,
                         stored / seconds, rss, ""))
    return rows


def _print_ratios(rows: list[Row]) -> None:
    """Wirewatch's time over newsboat's, per round and pass (the median of several rounds
    is the figure to quote on a machine whose speed drifts)."""
    seconds = {name: value for name, value, *_ in rows}
    for label in ("first", "unchanged"):
        ratios = sorted(seconds[name] / seconds[name.replace("wirewatch", "newsboat", 1)]
                        for name in seconds if name.startswith(f"wirewatch {label}")
                        and name.replace("wirewatch", "newsboat", 1) in seconds)
        if ratios:
            listed = ", ".join(f"{r:.2f}" for r in ratios)
            print(f"{label} pass, wirewatch / newsboat: median {statistics.median(ratios):.2f}x "
                  f"(rounds: {listed})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=32,
                        help="loopback addresses the feeds are spread over (one request per host)")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat every run this many times (fresh database and cache each)")
    run(parser.parse_args())


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    main()
