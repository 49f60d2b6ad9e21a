"""`wirewatch sources list|import|export|add` against a temporary config, database and server."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from feeds.config import load_settings
from feeds.sources.opml import Opml, OpmlFeed, read_opml
from tests.feedserver import feed_server, rss
from tui.cli import main

OPML = """<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
<outline text="World"><outline text="BBC \u202eWorld" xmlUrl="https://feeds.example/bbc.xml"/>
<outline title="NPR" xmlUrl="https://feeds.example/npr.xml"/></outline>
<outline text="dup" xmlUrl="https://feeds.example/npr.xml"/>
<outline text="not a feed" htmlUrl="https://example.org/"/>
<outline text="local" xmlUrl="file:///etc/passwd"/>
</body></opml>""".encode()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[[sources]]\nkind = "feed"\nname = "NPR"\nurl = "https://feeds.example/npr.xml"\n',
                    encoding="utf-8")
    return path


def run(config: Path, *argv: str) -> int:
    return main(["--config", str(config), "--db", str(config.parent / "w.db"), *argv])


def test_import_then_export_round_trip(config: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    opml = tmp_path / "in.opml"
    opml.write_bytes(OPML)
    assert run(config, "sources", "import", str(opml), "--interval", "30m") == 0
    assert capsys.readouterr().out.splitlines() == [
        "added 1 feeds; 1 already configured; 3 skipped:",
        "  dup: listed twice: https://feeds.example/npr.xml",
        "  not a feed: no feed URL (xmlUrl)",
        "  local: not an http(s) URL: file:///etc/passwd"]
    sources = load_settings(config).sources
    assert [(s.name, s.url, s.interval, s.folder) for s in sources] == [
        ("NPR", "https://feeds.example/npr.xml", 900, ""),
        ("BBC World", "https://feeds.example/bbc.xml", 1800, "World")]
    out = tmp_path / "out.opml"
    assert run(config, "sources", "export", "-o", str(out)) == 0
    assert read_opml(out.read_bytes()) == Opml([
        OpmlFeed("NPR", "https://feeds.example/npr.xml"),
        OpmlFeed("BBC World", "https://feeds.example/bbc.xml", "World")])


def test_nested_folders_are_kept_as_a_path_and_many_skips_are_counted(
        config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = "".join(f'<outline text="gone {n}" xmlUrl="ftp://x/{n}"/>' for n in range(25))
    opml = tmp_path / "in.opml"
    opml.write_text(f'<opml><body><outline text="News"><outline text="Tech">'
                    f'<outline text="Ars" xmlUrl="https://ars.example/feed"/></outline>'
                    f'</outline>{broken}</body></opml>', encoding="utf-8")
    assert run(config, "sources", "import", str(opml)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "added 1 feeds; 0 already configured; 25 skipped:"
    assert lines[1] == "  gone 0: not an http(s) URL: ftp://x/0" and len(lines) == 22
    assert lines[-1] == "  and 5 more"
    assert load_settings(config).sources[-1].folder == "News / Tech"


def test_import_refuses_entities_and_non_opml(config: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b'<!DOCTYPE o [<!ENTITY a "aaaa">]><opml><body/></opml>')
    assert run(config, "sources", "import", str(bad)) == 1
    assert "declares XML entities" in capsys.readouterr().err
    bad.write_bytes(b"<rss/>")
    assert run(config, "sources", "import", str(bad)) == 1
    assert "not OPML" in capsys.readouterr().err
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE o [<!ENTITY a "aaaa">]>'
    bad.write_bytes(utf16.encode("utf-16") + "<opml><body/></opml>".encode("utf-16-le"))
    assert run(config, "sources", "import", str(bad)) == 1
    assert "declares XML entities" in capsys.readouterr().err


def test_add_discovers_the_feed_of_a_page(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with feed_server() as server:
        server.routes["/page"] = lambda _h: (200, {"Content-Type": "text/html"}, (
            b'<html><head><link rel="stylesheet" href="/s.css">'
            b'<link rel="alternate" type="application/rss+xml" title="x" href="/feed.xml">'
            b"</head><body>news</body></html>"))
        server.routes["/feed.xml"] = lambda _h: (200, {}, rss([("a", "T", "B")], "Harbour News"))
        server.routes["/bare"] = lambda _h: (200, {"Content-Type": "text/html"},
                                             b"<html><body>no feed here</body></html>")
        assert run(config, "sources", "add", server.url("/page")) == 0
        assert run(config, "sources", "add", server.url("/feed.xml")) == 0
        assert run(config, "sources", "add", server.url("/bare")) == 1
        feed_url = server.url("/feed.xml")
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"added {feed_url}", f"already configured: {feed_url}"]
    assert "links to no RSS or Atom feed" in err
    assert load_settings(config).sources[-1].name == "Harbour News"


def test_list_json_reports_health(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with feed_server() as server:
        server.routes["/ok"] = lambda _h: (200, {}, rss([("a", "Quake hits coast", "It struck.")]))
        server.routes["/down"] = lambda _h: (500, {}, b"")
        config.write_text(
            f'[[sources]]\nkind = "feed"\nname = "Ok"\nurl = "{server.url("/ok")}"\n'
            f'[[sources]]\nkind = "feed"\nname = "Down"\nurl = "{server.url("/down")}"\n'
            f'[[sources]]\nkind = "feed"\nname = "Later"\nurl = "{server.url("/later")}"\n',
            encoding="utf-8")
        config_text = config.read_text(encoding="utf-8")
        assert run(config, "poll", "--once") == 0
        config.write_text(config_text + '[[sources]]\nkind = "feed"\nname = "New"\n'
                          'url = "https://never.example/x"\n', encoding="utf-8")
        capsys.readouterr()
        assert run(config, "sources", "list", "--json") == 0
    rows = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert (rows["Ok"]["status"], rows["Ok"]["articles"], rows["Ok"]["last_error"],
            rows["Ok"]["items_new"], rows["Ok"]["http_status"]) == ("ok", 1, None, 1, 200)
    assert (rows["Down"]["status"], rows["Down"]["last_error"],
            rows["Down"]["consecutive_errors"]) == ("error", "HTTP 500", 1)
    assert (rows["Later"]["status"], rows["Later"]["last_error"]) == ("error", "HTTP 404")
    assert rows["New"]["status"] == "new" and rows["New"]["next_due"] is None
    for row in rows.values():
        assert {"name", "kind", "url", "status", "last_error", "consecutive_errors",
                "last_success", "next_due", "articles"} <= set(row)
    assert run(config, "sources", "list") == 0
    assert "HTTP 500" in capsys.readouterr().out


def test_list_reports_a_folder_s_bad_files(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("Title: Port strike\n\nDock workers walked out on Monday.\n",
                                     encoding="utf-8")
    (folder / "huge.txt").write_text("x" * 5000, encoding="utf-8")
    for path in folder.iterdir():  # settled files, not ones still being written
        os.utime(path, (1_700_000_000, 1_700_000_000))
    config = tmp_path / "config.toml"
    config.write_text('[limits]\nmax_file_bytes = 2000\n[[sources]]\nkind = "folder"\n'
                      f'name = "Inbox"\npath = "{folder}"\n', encoding="utf-8")
    assert run(config, "poll", "--once") == 0
    capsys.readouterr()
    assert run(config, "sources", "list", "--json") == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["kind"], row["path"], row["articles"]) == ("folder", str(folder), 1)
    assert len(row["files"]) == 1 and "huge.txt" in row["files"][0]
