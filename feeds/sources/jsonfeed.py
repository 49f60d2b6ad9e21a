"""JSON Feed 1.0 and 1.1 documents read into the shape feedparser gives RSS and Atom.

Contract: `looks_like_json(data, content_type)` says whether a fetched document is to be
read as JSON: it starts with `{` (after a byte-order mark and white space) and either its
Content-Type is `application/feed+json` or `application/json`, or it names a JSON Feed
version (`"version": "https://jsonfeed.org/version/..."`) near its start. `read_json_feed(data)`
returns (feed, entries) under feedparser's keys (`title`, `link`, `id`, `content`,
`summary`, `published_parsed`, `updated_parsed`, `author`), so `feeds.sources.parse` turns
them into raw documents exactly as it turns RSS and Atom entries (same size bounds, same
sanitising, same future-date clamp), or raises `JsonFeedError` with one line saying what
is wrong: not JSON (or nested too deep), not an object, no JSON Feed `version`, `items`
not a list. A field of the wrong type is read as absent; an item that is not an object
is skipped and counted (`JsonFeed.skipped`). `content_text` is escaped into HTML
paragraphs (the feed kind's documents are HTML); `content_html` wins over it, as the
longest content wins for Atom. Nothing here fetches: `url`s are only read.
"""

from __future__ import annotations

import html
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
JSON_TYPES = ("application/feed+json", "application/json")
_STARTS_AS_OBJECT = re.compile(rb"(?:\xef\xbb\xbf)?\s*\{")
_NAMES_VERSION = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')
SNIFF_BYTES = 4096
"""How far into a document without a JSON Content-Type the version is looked for."""
MAX_TEXT = 400_000
"""Characters of one string field kept before `feeds.sources.parse` cuts it further."""


class JsonFeedError(ValueError):
    """A document that is not a readable JSON Feed; the message is one line."""


@dataclass(slots=True)
class JsonFeed:
    """A JSON Feed read under feedparser's keys."""

    feed: dict[str, Any]
    entries: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    """Items that were not objects."""


def looks_like_json(data: bytes, content_type: str | None) -> bool:
    """Whether to read the document as JSON (see the contract)."""
    if not _STARTS_AS_OBJECT.match(data):
        return False
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind in JSON_TYPES or _NAMES_VERSION.search(data, 0, SNIFF_BYTES) is not None


def read_json_feed(data: bytes) -> JsonFeed:
    """The feed and its entries, or `JsonFeedError`."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise JsonFeedError(f"not a JSON Feed: not UTF-8 (bad byte at offset {exc.start})") \
            from None
    except RecursionError:
        raise JsonFeedError("not a JSON Feed: nested too deeply") from None
    except ValueError as exc:  # json.JSONDecodeError, and int() of a 5,000-digit number
        raise JsonFeedError(f"not a JSON Feed: invalid JSON: {str(exc)[:200]}") from None
    if not isinstance(document, dict):
        raise JsonFeedError(f"not a JSON Feed: expected an object, got {_type(document)}")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIXES):
        raise JsonFeedError("not a JSON Feed: no \"version\" of https://jsonfeed.org/version/")
    items = document.get("items")
    if not isinstance(items, list):
        raise JsonFeedError(f"JSON Feed: \"items\": expected a list, got {_type(items)}")
    feed_author = _author(document)
    feed = {"title": _text(document, "title"), "link": _text(document, "home_page_url")}
    result = JsonFeed({k: v for k, v in feed.items() if v})
    for item in items:
        if isinstance(item, dict):
            result.entries.append(_entry(item, feed_author))
        else:
            result.skipped += 1
    return result


def _entry(item: dict[str, Any], feed_author: str) -> dict[str, Any]:
    """One item under feedparser's keys (absent keys left out)."""
    content = _text(item, "content_html") or _paragraphs(_text(item, "content_text"))
    entry: dict[str, Any] = {
        "id": _text(item, "id") or (str(item["id"]) if _is_number(item.get("id")) else ""),
        "link": _text(item, "url"), "title": _text(item, "title"),
        "summary": _text(item, "summary"), "author": _author(item) or feed_author,
        "published_parsed": _stamp(_text(item, "date_published")),
        "updated_parsed": _stamp(_text(item, "date_modified")),
    }
    if content:
        entry["content"] = [{"value": content}]
    return {key: value for key, value in entry.items() if value}


def _text(table: dict[str, Any], key: str) -> str:
    """A string field, cut to `MAX_TEXT`; "" when absent or not a string."""
    value = table.get(key)
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _author(table: dict[str, Any]) -> str:
    """The first author's name: 1.1's `authors` list, else 1.0's `author` object."""
    authors = table.get("authors")
    candidates = authors if isinstance(authors, list) else [table.get("author")]
    for author in candidates[:50]:
        if isinstance(author, dict) and (name := _text(author, "name").strip()):
            return name
    return ""


def _paragraphs(text: str) -> str:
    """Plain text as escaped HTML paragraphs (a blank line ends a paragraph)."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    return "".join(f"<p>{html.escape(block)}</p>" for block in blocks if block)


def _stamp(value: str) -> time.struct_time | None:
    """An RFC 3339 date as a UTC struct_time (feedparser's `*_parsed`), or None."""
    if not value or len(value) > 64:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC).timetuple()
    except (OverflowError, ValueError):
        return None


def _type(value: object) -> str:
    """A JSON value's type, as JSON names it."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
             type(None): "null", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)
