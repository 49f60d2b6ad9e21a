"""SIGKILL the poller at random points while a reader reads: nothing acknowledged is lost,
nothing is half written, the reader never fails, and a restart finishes with no duplicate."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SOURCES = 30
PER_SOURCE = 10
KILLS = 20
CITIES = ["Lagos", "Lima", "Oslo", "Quito", "Hanoi", "Dakar", "Perth", "Bogota", "Cairo", "Kyiv"]
EVENTS = ["floods", "strike", "election", "wildfire", "protest", "earthquake", "summit", "drought"]

READER = """
import os, sys
from feeds.store import Store
store = Store.open(sys.argv[1], migrate_schema=False)
reads = 0
while not os.path.exists(sys.argv[2]):
    for story in store.list_stories(limit=50):
        store.story_detail(story.id)
    store.sources_health()
    reads += 1
print(reads)
"""


def make_corpus(root: Path) -> Path:
    lines = []
    rng = random.Random(7)
    for s in range(SOURCES):
        folder = root / f"desk{s:02d}"
        folder.mkdir()
        for a in range(PER_SOURCE):
            city, event = rng.choice(CITIES), rng.choice(EVENTS)
            text = (f"Officials in {city} said on Monday that the {event} affected "
                    f"{rng.randint(2, 900)} people. Mayor Ana Ruiz{s} visited the area. "
                    f"Report {s}-{a} adds detail number {rng.random():.6f}.")
            (folder / f"a{a:02d}.txt").write_text(f"Title: {event.title()} in {city} ({s}-{a})\n"
                                                   f"Date: 2025-06-{1 + a:02d}\n\n{text}\n")
            old = time.time() - 120
            os.utime(folder / f"a{a:02d}.txt", (old, old))
        lines.append(f'[[sources]]\nkind="folder"\nname="desk{s:02d}"\npath="{folder}"\n')
    config = root / "config.toml"
    config.write_text("\n".join(lines))
    return config


def poller(config: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tui", "poll", "--once", "--config", str(config),
                             "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)


def check_consistent(db: Path, acknowledged: set[str]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        per_source = dict(conn.execute(
            "SELECT s.name, count(a.id) FROM source s LEFT JOIN article a ON a.source_id = s.id "
            "GROUP BY s.name").fetchall())
        for name in acknowledged:
            assert per_source.get(name) == PER_SOURCE, name
        assert conn.execute(
            "SELECT count(*) FROM article WHERE story_id IS NULL").fetchone() == (0,)
        mismatched = conn.execute(
            "SELECT st.id FROM story st LEFT JOIN article a ON a.story_id = st.id GROUP BY st.id "
            "HAVING count(a.id) != st.article_count").fetchall()
        assert mismatched == []
    finally:
        conn.close()


def test_sigkill_during_ingest_loses_nothing_acknowledged(tmp_path: Path) -> None:
    config, db = make_corpus(tmp_path), tmp_path / "w.db"
    url = f"sqlite:///{db}"
    subprocess.run([sys.executable, "-m", "tui", "stories", "--db", url, "--config", str(config)],
                   check=True, capture_output=True)  # creates the schema
    stop_file = tmp_path / "stop-reading"
    reader = subprocess.Popen([sys.executable, "-c", READER, url, str(stop_file)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rng, acknowledged = random.Random(11), set()
    try:
        for _ in range(KILLS):
            process = poller(config, db)
            time.sleep(rng.uniform(0.8, 3.0))
            process.send_signal(signal.SIGKILL)
            _, err = process.communicate()
            acknowledged |= {line.split(": ", 1)[1] for line in err.splitlines()
                             if line.startswith("stored ")}
            check_consistent(db, acknowledged)
        final = subprocess.run([sys.executable, "-m", "tui", "poll", "--once", "--config",
                                str(config), "--db", url],
                               capture_output=True, text=True, timeout=300)
        assert final.returncode == 0, final.stderr
    finally:
        stop_file.touch()
    out, err = reader.communicate(timeout=60)
    assert (reader.returncode, err) == (0, "")
    assert int(out) > 0
    check_consistent(db, {f"desk{s:02d}" for s in range(SOURCES)})
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT key) FROM article").fetchone() == (
        SOURCES * PER_SOURCE, SOURCES * PER_SOURCE)
    conn.close()
