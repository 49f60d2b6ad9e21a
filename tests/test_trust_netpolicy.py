"""The private-address policy (issue 23, item 6): full-text pages, redirects from a public
host and feed links found on public pages never reach private, loopback or link-local
addresses unless `[network] allow_private_addresses` says so; feeds the user configures
on such addresses are still polled."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from feeds.config import ConfigError, load_settings
from feeds.model import RawDocument
from feeds.sources import SourcePass, netpolicy
from feeds.sources.discover import DiscoveryError, discover
from feeds.sources.feed import fetch_feed, make_client
from feeds.sources.fulltext import complete
from feeds.sources.netpolicy import address_refusal, is_public, url_refusal
from tests.feedserver import FeedServer, feed_server, rss

HINT = "([network] allow_private_addresses = true allows it)"
ARTICLE = ("<html><head><title>Dam holds</title></head><body><article><h1>Dam holds</h1>"
           + "".join(f"<p>Engineers inspected the dam wall on day {n} of the storm and said the "
                     "spillway gates worked as designed, sending water downstream.</p>"
                     for n in range(8)) + "</article></body></html>").encode()


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("127.8.9.10", "127.8.9.10 is a loopback address"),
    ("10.1.2.3", "10.1.2.3 is a private address"),
    ("172.16.0.9", "172.16.0.9 is a private address"),
    ("192.168.1.1", "192.168.1.1 is a private address"),
    ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ("0.0.0.0", "0.0.0.0 is an unspecified address"),
    ("100.64.0.1", "100.64.0.1 is a non-public address"),
    ("224.0.0.1", "224.0.0.1 is a multicast address"),
    ("::1", "::1 is a loopback address"),
    ("::", ":: is an unspecified address"),
    ("fe80::1", "fe80::1 is a link-local address"),
    ("fd12:3456::1", "fd12:3456::1 is a private address"),
    ("::ffff:127.0.0.1", "::ffff:127.0.0.1 (IPv4 127.0.0.1) is a loopback address"),
    ("::ffff:a00:1", "::ffff:a00:1 (IPv4 10.0.0.1) is a private address"),
    ("::127.0.0.1", "::127.0.0.1 (IPv4 127.0.0.1) is a loopback address"),
    ("2002:7f00:1::", "2002:7f00:1:: (IPv4 127.0.0.1) is a loopback address"),
    ("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe (IPv4 169.254.169.254) is a link-local address"),
    ("ff02::1", "ff02::1 is a multicast address"),
    ("not an ip", "'not an ip' is not an IP address"),
])
def test_non_public_addresses_are_refused_with_their_kind(address: str, reason: str) -> None:
    assert address_refusal(address) == reason


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700::1111",
                                     "::ffff:8.8.8.8", "2002:808:808::"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(address) is None


@pytest.mark.parametrize("address", ["240.0.0.1", "255.255.255.255", "192.0.2.7", "198.18.0.1",
                                     "2001:db8::1", "::ffff:192.168.0.1", "::"])
def test_reserved_and_documentation_ranges_are_refused(address: str) -> None:
    assert address_refusal(address) is not None


def fake_resolver(table: dict[str, list[str]]) -> netpolicy.Resolver:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]
    return resolve


def test_every_resolved_address_is_checked() -> None:
    resolver = fake_resolver({"mixed.example": ["93.184.216.34", "10.0.0.7"],
                              "public.example": ["93.184.216.34", "2606:4700::1111"],
                              "empty.example": []})

    def refusal(url: str) -> str | None:
        return asyncio.run(url_refusal(url, resolver))

    assert refusal("https://mixed.example/a") == ("mixed.example resolves to 10.0.0.7, a "
                                                  "private address")
    assert refusal("https://public.example/a") is None
    assert refusal("http://[::1]:8080/a") == "::1 is a loopback address"
    assert refusal("http://gone.example/") == "gone.example does not resolve (OSError)"
    assert refusal("http://empty.example/") == "empty.example does not resolve"
    assert refusal("http:///nohost") == "no valid host in the URL"
    assert [asyncio.run(is_public(u, resolver)) for u in (
        "https://mixed.example/", "https://public.example/", "http://127.0.0.1:9/",
        "http://gone.example/")] == [True, True, False, True]


def test_localhost_resolves_to_loopback_and_is_refused() -> None:
    assert asyncio.run(url_refusal("http://localhost:8080/admin")) in {
        "localhost resolves to 127.0.0.1, a loopback address",
        "localhost resolves to ::1, a loopback address"}


def summary_pass(url: str) -> SourcePass:
    return SourcePass(documents=[RawDocument(
        source_name="Wire", locator=url, body="Short summary.", media_type="text/html", url=url,
        guid="a1", title="Dam holds")])


def complete_one(server: FeedServer, path: str, allow_private: bool) -> SourcePass:
    async def run() -> SourcePass:
        async with make_client() as client:
            return await complete(client, summary_pass(server.url(path)), 1_000_000, 10.0,
                                  allow_private=allow_private)
    return asyncio.run(run())


def test_a_full_text_page_on_loopback_is_refused_by_default_and_read_when_allowed() -> None:
    with feed_server() as server:
        server.routes["/admin?action=wipe"] = lambda _h: (
            200, {"Content-Type": "text/html"}, ARTICLE)
        refused = complete_one(server, "/admin?action=wipe", allow_private=False)
        assert server.hits["/admin?action=wipe"] == 0
        allowed = complete_one(server, "/admin?action=wipe", allow_private=True)
        assert server.hits["/admin?action=wipe"] == 1
        url = server.url("/admin?action=wipe")
    assert refused.documents[0].body == "Short summary."
    reason = f"refused: 127.0.0.1 is a loopback address {HINT}"
    assert refused.errors == [f"full text: {url}: {reason}; kept the summary"]
    assert refused.status == "ok"
    assert allowed.errors == []
    assert allowed.documents[0].body.startswith("Dam holds\nEngineers inspected the dam wall")


def test_a_full_text_page_redirecting_to_a_private_address_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = netpolicy.url_refusal

    async def article_is_public(url: str, resolver: netpolicy.Resolver = netpolicy.resolve
                                ) -> str | None:
        return None if url.endswith("/article") else await real(url, resolver)
    monkeypatch.setattr(netpolicy, "url_refusal", article_is_public)
    with feed_server() as server:
        server.routes["/article"] = lambda _h: (301, {"Location": "/admin?action=wipe"}, b"")
        server.routes["/admin?action=wipe"] = lambda _h: (
            200, {"Content-Type": "text/html"}, ARTICLE)
        refused = complete_one(server, "/article", allow_private=False)
        assert (server.hits["/article"], server.hits["/admin?action=wipe"]) == (1, 0)
        url, target = server.url("/article"), server.url("/admin?action=wipe")
    reason = f"redirect to {target} refused: 127.0.0.1 is a loopback address {HINT}"
    assert refused.errors == [f"full text: {url}: {reason}; kept the summary"]


def fetch(url: str, **options: bool) -> SourcePass:
    async def run() -> SourcePass:
        async with make_client() as client:
            return await fetch_feed(client, "Wire", url, **options)
    return asyncio.run(run())


def redirecting_server(server: FeedServer) -> None:
    server.routes["/moved"] = lambda _h: (302, {"Location": server.url("/admin")}, b"")
    server.routes["/admin"] = lambda _h: (200, {}, rss([("a", "Internal", "Secret")]))


def test_a_configured_private_feed_and_its_private_redirects_are_fetched() -> None:
    with feed_server() as server:
        redirecting_server(server)
        result = fetch(server.url("/moved"))
        assert (result.status, [d.title for d in result.documents]) == ("ok", ["Internal"])


def test_a_redirect_from_a_public_host_to_a_private_one_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def public(url: str, resolver: object = None) -> bool:
        return True  # the feed's own host counts as public (the test server is on loopback)
    monkeypatch.setattr(netpolicy, "is_public", public)
    with feed_server() as server:
        redirecting_server(server)
        refused = fetch(server.url("/moved"))
        assert server.hits["/admin"] == 0
        allowed = fetch(server.url("/moved"), allow_private=True)
        target = server.url("/admin")
    assert (refused.status, refused.errors, refused.documents) == (
        "error", [f"redirect to {target} refused: 127.0.0.1 is a loopback address {HINT}"], [])
    assert (allowed.status, [d.title for d in allowed.documents]) == ("ok", ["Internal"])


def test_a_feed_linked_from_a_public_page_must_be_public(monkeypatch: pytest.MonkeyPatch) -> None:
    async def public(url: str, resolver: object = None) -> bool:
        return "/page" in url  # the page counts as public, the link it names does not
    monkeypatch.setattr(netpolicy, "is_public", public)
    with feed_server() as server:
        server.routes["/page"] = lambda _h: (200, {"Content-Type": "text/html"}, (
            b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            b"</head></html>"))
        server.routes["/feed.xml"] = lambda _h: (200, {}, rss([("a", "T", "B")], "Inside"))
        with pytest.raises(DiscoveryError) as caught:
            discover(server.url("/page"))
        assert server.hits["/feed.xml"] == 0
        assert discover(server.url("/page"), allow_private=True).title == "Inside"
        feed, page = server.url("/feed.xml"), server.url("/page")
    assert str(caught.value) == (f"{feed} (linked from {page}): refused: 127.0.0.1 is a "
                                 f"loopback address {HINT}")


def test_the_setting_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert load_settings(config).allow_private_addresses is False
    config.write_text("[network]\nallow_private_addresses = true\n", encoding="utf-8")
    assert load_settings(config).allow_private_addresses is True
    config.write_text('[network]\nallow_private_addresses = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value) == (f"{config}: network.allow_private_addresses: expected true "
                                 "or false, got 'yes'")
    shipped = Path(__file__).parent.parent / "config.toml"
    assert "# allow_private_addresses = false" in shipped.read_text(encoding="utf-8")
