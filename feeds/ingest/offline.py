"""Offline entries that need no database: `wirewatch cluster` and `wirewatch extract`.

Contract: `cluster_lines(lines)` reads articles one JSON object a line (`id`,
`date` ISO 8601 or null, `title`, `text`, optional `source`), runs them through the
same normaliser, extraction (the terms and headline event the engine reads:
`feeds.ingest.prepare.extract_article`) and `StoryEngine` as the live pipeline, the dated
ones oldest first as `recluster` replays stored articles, then the undated, ties (and
the undated, which have no place in time) in id order, and yields one `{"id": ...,
"story": ...}` line per article, in input order: so the stories do not depend on the
order of the lines (only lines that repeat an id keep their order). `extract_lines`
yields one extraction per input line with offsets into that line's `text`.
A bad input line yields a line with an "error" field and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from feeds.extract import extract
from feeds.ingest.dedup import content_hash
from feeds.ingest.normalize import normalize, parse_date
from feeds.ingest.prepare import extract_article
from feeds.model import Article, RawDocument
from feeds.model.text import sanitize
from feeds.read.serialize import extraction, iso
from feeds.sources.folder import SUFFIXES
from feeds.stories import ClusterDoc, StoryEngine

MAX_LINE = 5_000_000


def _records(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line[:MAX_LINE])
        except ValueError as exc:
            yield number, f"line {number}: not JSON ({exc.msg})"
            continue
        if not isinstance(record, dict) or "id" not in record:
            yield number, f"line {number}: expected an object with an id"
            continue
        yield number, record


def _article(record: dict[str, Any], normalise: bool) -> Article:
    text = sanitize(str(record.get("text") or ""))
    title = str(record.get("title") or "")
    published = parse_date(record.get("date")) if isinstance(record.get("date"), str) else None
    if normalise:
        raw = RawDocument(source_name=str(record.get("source") or "input"), locator="",
                          body=text, title=title or None, published=published,
                          published_origin="header" if published else "none",
                          outlet=record.get("source"), guid=str(record["id"]))
        article = normalize(raw)
        if article is not None:
            return article
    return Article(key=str(record["id"]), source_name="input", title=title, text=text,
                   content_hash=content_hash(title, text), published=published,
                   outlet=str(record.get("source") or ""))


def cluster_lines(lines: Iterable[str]) -> Iterator[str]:
    """Story assignments, one JSON line per input article, in input order (see the
    module's contract for the order they are clustered in)."""
    docs: list[tuple[Any, ClusterDoc]] = []
    for _, record in _records(lines):
        if isinstance(record, str):
            yield json.dumps({"error": record})
            continue
        article = _article(record, normalise=True)  # its terms and event kept, not its text
        terms = extract_article(article).terms
        docs.append((record["id"], ClusterDoc(article.key, "", "", article.published, terms)))
    engine = StoryEngine()
    order = sorted(range(len(docs)), key=lambda n: _oldest(docs[n], n))
    story = {n: engine.assign(docs[n][1]).story for n in order}
    moved = engine.take_splits()
    for n, (_, doc) in enumerate(docs):
        story[n] = moved[doc.key][1] if doc.key in moved else story[n]
    for n, (article_id, _) in enumerate(docs):
        yield json.dumps({"id": article_id, "story": engine.final_story(story[n])})


def _oldest(item: tuple[Any, ClusterDoc], line: int) -> tuple[int, float, str, int]:
    """Dated articles first, oldest first, then the undated; ties by id, then in input
    order (only for equal ids): whatever the order of the lines, one order."""
    article_id, doc = item
    if doc.published is None:
        return (1, 0.0, str(article_id), line)
    return (0, doc.published.timestamp(), str(article_id), line)


def extract_lines(lines: Iterable[str]) -> Iterator[str]:
    """One extraction per input line, offsets into the line's `text`."""
    for _, record in _records(lines):
        if isinstance(record, str):
            yield json.dumps({"error": record})
            continue
        result = extraction(extract(_article(record, normalise=False)))
        yield json.dumps({"id": record["id"], **result}, ensure_ascii=False)


def extract_file(path: Path, max_bytes: int = 5_000_000) -> str:
    """The extraction of one article file as indented JSON (offsets into `text`)."""
    if path.suffix.lower() not in SUFFIXES:
        raise ValueError(f"{path}: expected a .txt, .md or .html file")
    data = path.read_bytes()[: max_bytes + 1]
    if len(data) > max_bytes:
        raise ValueError(f"{path}: larger than {max_bytes} bytes")
    raw = RawDocument(source_name=path.parent.name or "file", locator=str(path),
                      body=data.decode("utf-8-sig", errors="replace"),
                      media_type=SUFFIXES[path.suffix.lower()])  # type: ignore[arg-type]
    article = normalize(raw)
    if article is None:
        raise ValueError(f"{path}: no text")
    body = {"file": str(path), "title": article.title, "published": iso(article.published),
            "outlet": article.outlet, "via": article.via, "text": article.text,
            **extraction(extract(article))}
    return json.dumps(body, ensure_ascii=False, indent=2)
