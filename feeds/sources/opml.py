"""OPML in and out: the feed list newsboat, Miniflux and FreshRSS users bring along.

Contract: `read_opml(data)` returns the (title, url) of every outline with an
`xmlUrl` (nested folders flattened), http(s) only, titles sanitised; it raises
`ValueError` with a one-line reason for a file that is not OPML or declares XML
entities. `write_opml(feeds)` returns an OPML 2.0 document (UTF-8 bytes).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime

from feeds.sources.parse import declares_entities
from feeds.text import one_line

MAX_OPML = 20_000_000


def read_opml(data: bytes) -> list[tuple[str, str]]:
    """(title, url) of each feed outline, in document order, without repeats."""
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
    found: dict[str, str] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url.lower().startswith(("http://", "https://")) or url in found:
            continue
        title = one_line(outline.get("title") or outline.get("text") or "", 200)
        found[url] = title or url
    return [(title, url) for url, title in found.items()]


def write_opml(feeds: list[tuple[str, str]], title: str = "Wirewatch feeds") -> bytes:
    """An OPML 2.0 document listing (title, url) feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for name, url in feeds:
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
