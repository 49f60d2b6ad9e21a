"""Article identity: canonical URLs, content hashes and keys."""

from __future__ import annotations

from feeds.dedup import article_key, canonical_url, content_hash


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=z#c") == (
        "https://news.example.org/a/b?id=7")
    assert canonical_url("http://x.org:8080") == "http://x.org:8080/"
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("http://[bad") is None


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("T", "Some  text\n") == content_hash("t", "some text")
    assert content_hash("T", "Some text") != content_hash("T", "Other text")


def test_article_key_prefers_guid_then_url_then_hash() -> None:
    assert article_key(" g1 ", "https://x/", "h") == "g1"
    assert article_key(None, "https://x/", "h") == "https://x/"
    assert article_key("", None, "h") == "sha:h"
