"""The feedparser project's own test feeds through our ingest path: no exception, and no
control or bidi character in anything we would store.

The corpus is not in this repository: `.ci/run` fetches feedparser's source
distribution from PyPI (`pip download`) and points WIREWATCH_FEEDPARSER_TESTS at
its `tests` folder; without it the test is skipped.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from feeds.extract import extract
from feeds.ingest.normalize import normalize
from feeds.sources.parse import parse_feed

CORPUS = os.environ.get("WIREWATCH_FEEDPARSER_TESTS")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.skipif(not CORPUS, reason="set WIREWATCH_FEEDPARSER_TESTS (done by .ci/run)")
def test_feedparser_test_feeds_ingest_cleanly() -> None:
    files = sorted(p for p in Path(CORPUS or ".").rglob("*") if p.is_file()
                   and p.suffix in (".xml", ".z", ".gz", ".rdf", ".atom", ".rss"))
    assert len(files) > 1000
    articles = 0
    for path in files:
        result = parse_feed(path.name, path.read_bytes()[:5_000_000], f"file://{path}")
        for document in result.documents:
            article = normalize(document)
            if article is None:
                continue
            articles += 1
            extract(article)
            for field in dataclasses.fields(article):
                value = getattr(article, field.name)
                texts = value if isinstance(value, list) else [value]
                for text in texts:
                    if isinstance(text, str):
                        assert not UNSAFE.search(text), (path, field.name, text[:80])
        for error in result.errors:
            assert not UNSAFE.search(error), (path, error)
    assert articles > 300
