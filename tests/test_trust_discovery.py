"""`sources add` follows only http(s) feed links from http(s) pages (issue 23, item 4): a
page cannot make Wirewatch read a local file, add it as a source, or tell whether it
exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import load_settings
from feeds.sources.discover import DiscoveryError, discover
from tests.feedserver import FeedServer, feed_server, rss
from tui.cli import main


def page(*hrefs: str) -> bytes:
    """An HTML page announcing these feed links, in order."""
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="{h}">' for h in hrefs)
    return f"<html><head>{links}</head><body>news</body></html>".encode()


def serve_page(server: FeedServer, *hrefs: str) -> str:
    server.routes["/page"] = lambda _h: (200, {"Content-Type": "text/html"}, page(*hrefs))
    return server.url("/page")


@pytest.mark.parametrize("href", [
    "file:///etc/passwd", "FILE:///etc/hostname", "file://localhost/etc/passwd",
    "ftp://127.0.0.1/feed.xml", "data:application/rss+xml,%3Crss%2F%3E",
    "javascript:alert(1)", "gopher://127.0.0.1:70/feed"])
def test_a_page_linking_to_another_scheme_is_not_followed(href: str) -> None:
    with feed_server() as server:
        url = serve_page(server, href)
        with pytest.raises(DiscoveryError) as caught:
            discover(url)
    assert str(caught.value) == (f"{url}: links only to feeds that are not http(s) URLs "
                                 f"({href}); not followed")


def test_the_first_http_link_is_followed_past_a_file_link() -> None:
    with feed_server() as server:
        server.routes["/feed.xml"] = lambda _h: (200, {}, rss([("a", "T", "B")], "Harbour"))
        url = serve_page(server, "file:///etc/passwd", "/feed.xml")
        found = discover(url)
        assert (found.url, found.title) == (server.url("/feed.xml"), "Harbour")


def test_a_local_page_s_links_are_not_followed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([("a", "T", "B")], "Local"))
    local = tmp_path / "page.html"
    local.write_bytes(page(feed.as_uri()))
    with pytest.raises(DiscoveryError) as caught:
        discover(local.as_uri())
    assert str(caught.value) == f"{local.as_uri()}: an HTML page, not a feed"
    assert discover(feed.as_uri()).title == "Local"  # a file the user names is read


def test_sources_add_neither_adds_nor_reveals_a_local_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([("s", "Secret", "Local only")], "Secret"))
    argv = ["--config", str(config), "--db", str(tmp_path / "w.db"), "sources", "add"]
    with feed_server() as server:
        for name, target in (("/exists", secret.as_uri()),
                             ("/missing", (tmp_path / "nope.xml").as_uri())):
            server.routes[name] = lambda _h, target=target: (200, {"Content-Type": "text/html"},
                                                             page(target))
        assert main([*argv, server.url("/exists")]) == 1
        assert main([*argv, server.url("/missing")]) == 1
        pages = server.url("/exists"), server.url("/missing")
    expected = [f"wirewatch: {page}: links only to feeds that are not http(s) URLs ({uri}); "
                "not followed"
                for page, uri in zip(pages, (secret.as_uri(), (tmp_path / "nope.xml").as_uri()),
                                     strict=True)]
    assert capsys.readouterr().err.splitlines() == expected
    assert config.read_text(encoding="utf-8") == ""
    assert load_settings(config).sources == []
