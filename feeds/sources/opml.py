"""OPML in and out: the feed list newsboat, Miniflux and FreshRSS users bring along.

Contract: `read_opml(data)` returns an `Opml`: the `feeds` (title, url and folder) of
every outline with an `xmlUrl`, http(s) only, titles sanitised, in document order, and
`skipped`, one line per outline left out and why (a repeated URL, a URL that is not
http(s), an outline that is neither a feed nor a folder). A folder is an outline without
a URL that holds others; a feed's `folder` is the path of its folders joined by " / ".
It raises `ValueError` with a one-line reason for a file that is not OPML or declares XML
entities. `write_opml(feeds)` returns an OPML 2.0 document (UTF-8 bytes), each folder an
outline holding its feeds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from feeds.model.text import one_line
from feeds.sources.parse import declares_entities

MAX_OPML = 20_000_000


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed outline."""

    title: str
    url: str
    folder: str = ""
    """Its folders' titles joined by " / " ("" at the top level)."""


@dataclass(slots=True)
class Opml:
    """What an OPML file lists (see the module's contract)."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_opml(data: bytes) -> Opml:
    """The feed outlines of an OPML file, with their folders, and what was left out."""
    if len(data) > MAX_OPML:
        raise ValueError(f"larger than {MAX_OPML} bytes")
    if declares_entities(data):  # anywhere, in any encoding expat may read it in
        raise ValueError("declares XML entities; refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"not valid XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise ValueError(f"not OPML (root element <{root.tag[:40]}>)")
    found = Opml()
    body = root.find("body")
    _walk(body if body is not None else root, found)
    return found


def _walk(top: ET.Element, found: Opml) -> None:
    """The outlines below `top` in document order, depth first, with an explicit stack
    (a file may nest thousands deep)."""
    urls: set[str] = set()
    stack: list[tuple[Iterator[ET.Element], list[str]]] = [(iter(top.findall("outline")), [])]
    while stack:
        outlines, folders = stack[-1]
        outline = next(outlines, None)
        if outline is None:
            stack.pop()
            continue
        title = one_line(outline.get("title") or outline.get("text") or "", 200)
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            if outline.find("outline") is not None:
                stack.append((iter(outline.findall("outline")), [*folders, title or "untitled"]))
            else:
                found.skipped.append(f"{title or 'an untitled outline'}: no feed URL (xmlUrl)")
            continue
        shown = one_line(url, 200)
        if not url.lower().startswith(("http://", "https://")):
            found.skipped.append(f"{title or shown}: not an http(s) URL: {shown}")
        elif url in urls:
            found.skipped.append(f"{title or shown}: listed twice: {shown}")
        else:
            urls.add(url)
            found.feeds.append(OpmlFeed(title or url, url, one_line(" / ".join(folders), 300)))


def write_opml(feeds: list[tuple[str, str, str]], title: str = "Wirewatch feeds") -> bytes:
    """An OPML 2.0 document listing (title, url, folder) feeds, a folder's feeds in one
    outline named after it."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    holders: dict[str, ET.Element] = {"": body}
    for name, url, folder in feeds:
        holder = holders.get(folder)
        if holder is None:
            holder = holders[folder] = ET.SubElement(body, "outline", text=folder, title=folder)
        ET.SubElement(holder, "outline", type="rss", text=name, title=name, xmlUrl=url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
