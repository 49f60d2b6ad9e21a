"""Issue 23, items 1 and 8: hostile file names and files whose writer pauses.

A file name that is not UTF-8 is one error line (its name escaped) and the rest of the
folder is stored; control characters of names never reach a stored string; a file is
read only once its size and time have held across two scans, yet `poll --once` still
reads a folder of finished files in its one pass.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select

from feeds.config import Settings, SourceSettings
from feeds.ingest.pipeline import Pipeline
from feeds.ingest.poller import poll_once
from feeds.model.text import escaped
from feeds.sources import folder as folder_source
from feeds.sources.folder import scan_folder
from feeds.store import Store
from tui.cli import main

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Controls no stored string may hold; an article's text or an error list keeps lines."""
ARTICLES = {
    b"good.txt": "Title: Dam holds\n\nEngineers said the dam on the Arno held overnight.\n",
    b"bad_\xff\xfe.txt": "Title: Hidden\n\nThis file has a name that is not UTF-8 at all.\n",
    b"new\nline.txt": "Title: Ferry returns\n\nThe ferry to the island sailed again on Monday.\n",
    b"esc\x1b[31m\x07.md": "Title: Bell rings\n\nThe town hall bell rang for the first time.\n",
}


def age(path: Path | bytes, seconds: float = 60) -> None:
    """Set a file's times `seconds` into the past: a writer done (or paused) that long."""
    old = time.time() - seconds
    os.utime(path, (old, old))


def write_articles(folder: Path) -> None:
    folder.mkdir()
    for name, text in ARTICLES.items():
        path = os.fsencode(folder) + b"/" + name
        with open(path, "wb") as handle:
            handle.write(text.encode())
        age(path)


def stored_rows(url: str) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, as dicts."""
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        rows = {name: [dict(r._mapping) for r in conn.execute(select(table))]
                for name, table in meta.tables.items()}
    engine.dispose()
    return rows


def test_escaped_names_are_printable_and_one_to_one() -> None:
    assert escaped("bad_\udcff\udcfe.txt") == "bad_\\xff\\xfe.txt"
    assert escaped("new\nline\t\r.txt") == "new\\nline\\t\\r.txt"
    assert escaped("\x1b[31m\x07\x85\u202e.md") == "\\x1b[31m\\x07\\u0085\\u202e.md"
    assert escaped("a\\x1b ünï.txt") == "a\\\\x1b ünï.txt"  # a real backslash, doubled
    assert escaped("plain name.txt") == "plain name.txt"
    names = ["a\x1b", "a\\x1b", "a\udc85", "a\x85", "a\\u0085", "a\\\\x1b", "a\n", "a\\n"]
    assert len({escaped(n) for n in names}) == len(names)
    assert all(escaped(n).isprintable() for n in names)


def test_bad_names_are_one_error_each_and_the_rest_is_stored(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    write_articles(tmp_path / "in")
    config = tmp_path / "c.toml"
    config.write_text(f'[[sources]]\nkind="folder"\nname="Desk"\npath="{tmp_path / "in"}"\n')
    assert main(["poll", "--once", "--config", str(config), "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "polled 1 sources: 3 new articles, 0 updated; 3 new stories, 0 grown; 0 failed")
    rows = stored_rows(db_url)
    articles = {row["key"]: row for row in rows["article"]}
    assert sorted(articles) == ["file:Desk/esc\\x1b[31m\\x07.md", "file:Desk/good.txt",
                                "file:Desk/new\\nline.txt"]
    assert all(row["guid"] == key for key, row in articles.items())
    assert sorted(row["title"] for row in articles.values()) == [
        "Bell rings", "Dam holds", "Ferry returns"]
    (source,) = rows["source"]
    assert source["last_error"] == "bad_\\xff\\xfe.txt: file name is not UTF-8"
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if not isinstance(value, str):
                    continue
                lines_kept = (table, column) in {("article", "text"), ("source", "last_error")}
                bad = (TEXT_CONTROLS if lines_kept else CONTROLS).search(value)
                assert bad is None, (table, column, value)


def test_a_scan_lists_the_bad_name_once_and_reads_the_others(tmp_path: Path) -> None:
    write_articles(tmp_path / "in")
    result = scan_folder("Desk", tmp_path / "in", 10_000)
    assert result.errors == ["bad_\\xff\\xfe.txt: file name is not UTF-8"]
    assert [d.guid for d in result.documents] == [
        "file:Desk/esc\\x1b[31m\\x07.md", "file:Desk/good.txt", "file:Desk/new\\nline.txt"]
    assert result.documents[2].locator == str(tmp_path / "in" / "new\nline.txt")


@pytest.fixture
def quick_settle(monkeypatch: pytest.MonkeyPatch) -> float:
    """A settle time of 0.2 s, so a test's writer can pause over it in real time."""
    monkeypatch.setattr(folder_source, "SETTLE_SECONDS", 0.2)
    return 0.4  # the pause: twice the settle time


def test_a_file_is_read_once_it_held_across_two_scans(tmp_path: Path, quick_settle: float) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "other.txt").write_text("Title: Old news\n\nA finished report.\n")
    age(folder / "other.txt")

    def read() -> dict[str, str]:
        return {Path(d.locator).name: d.body for d in scan_folder("D", folder, 10_000).documents}

    assert read() == {"other.txt": "Title: Old news\n\nA finished report.\n"}  # first scan
    story = folder / "story.txt"
    story.write_text("Title: Dam holds\n\nEngineers said")
    time.sleep(quick_settle)  # the writer pauses over the settle time
    assert sorted(read()) == ["other.txt"]  # new: noted only
    with story.open("a") as handle:
        handle.write(" the dam held overnight.\n")
    time.sleep(quick_settle)
    assert sorted(read()) == ["other.txt"]  # changed since the last scan: noted only
    assert read()["story.txt"] == "Title: Dam holds\n\nEngineers said the dam held overnight.\n"
    assert sorted(read()) == ["other.txt", "story.txt"]  # settled files: read on every scan


def test_a_finished_file_moved_in_is_read_at_once(tmp_path: Path, quick_settle: float) -> None:
    folder, elsewhere = tmp_path / "desk", tmp_path / "drafts"
    folder.mkdir()
    elsewhere.mkdir()
    assert scan_folder("D", folder, 1000).documents == []
    (elsewhere / "done.txt").write_text("Finished an hour ago.")
    age(elsewhere / "done.txt", 3600)
    (elsewhere / "done.txt").rename(folder / "done.txt")  # a rename keeps the file's time
    (folder / "copied.txt").write_text("Copied after the last scan began.")
    time.sleep(quick_settle)
    assert [d.body for d in scan_folder("D", folder, 1000).documents] == [
        "Finished an hour ago."]
    assert len(scan_folder("D", folder, 1000).documents) == 2


def test_the_first_scan_reads_finished_files_and_leaves_fresh_ones(
        tmp_path: Path, quick_settle: float) -> None:
    (tmp_path / "done.txt").write_text("A finished report.")
    age(tmp_path / "done.txt", 1)
    (tmp_path / "fresh.txt").write_text("Being written.")

    def names() -> list[str]:
        return [Path(d.locator).name for d in scan_folder("F", tmp_path, 1000).documents]

    assert names() == ["done.txt"]  # poll --once: settled if unchanged for the settle time
    time.sleep(quick_settle)
    assert names() == ["done.txt", "fresh.txt"]  # held across two scans: read


@pytest.fixture
def pipeline(db_url: str) -> Iterator[Pipeline]:
    store = Store.open(db_url)
    yield Pipeline(store)
    store.close()


def test_a_paused_writer_s_file_is_stored_once_and_whole(
        tmp_path: Path, pipeline: Pipeline, db_url: str, quick_settle: float) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "other.txt").write_text("Title: Old news\n\nThe harbour reopened last week.\n")
    age(folder / "other.txt")
    settings = Settings(config_path=None, database_url=db_url,
                        sources=[SourceSettings("folder", "Desk", 60, path=folder)])
    whole = "Engineers said the dam on the Arno held overnight.\nVillagers went home."

    def stored() -> list[str]:
        rows = stored_rows(db_url)["article"]
        return [str(r["text"]) for r in rows if r["key"] == "file:Desk/story.txt"]

    assert poll_once(settings, pipeline).new == 1  # the daemon's first pass
    story = folder / "story.txt"
    story.write_text("Title: Dam holds\n\nEngineers said the dam on the Arno held overnight.\n")
    time.sleep(quick_settle)  # the writer pauses, over the settle time, between two scans
    summaries = [poll_once(settings, pipeline)]
    assert stored() == []
    with story.open("a") as handle:
        handle.write("Villagers went home.\n")
    time.sleep(quick_settle)
    summaries += [poll_once(settings, pipeline), poll_once(settings, pipeline)]
    assert stored() == [whole]
    assert [(s.new, s.updated) for s in summaries] == [(0, 0), (0, 0), (1, 0)]


def test_a_scan_counts_the_files_it_leaves_for_later(tmp_path: Path) -> None:
    (tmp_path / "fresh.txt").write_text("Title: Fresh\n\nA sentence about the harbour.")
    assert scan_folder("F", tmp_path, 10_000).settling == 1
