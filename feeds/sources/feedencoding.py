"""Whether feedparser would decode a feed document as UTF-8 (or ASCII), without complaint.

Contract: `decodes_as_feedparser_does(data, content_type)` is True only when feedparser,
given these bytes and this Content-Type, would read them as UTF-8 (or as ASCII under an
ASCII-compatible label) and raise no encoding warning: no UTF-16/32 or EBCDIC, an XML
media type (RFC 3023 as feedparser applies it), valid UTF-8. The fast reader
(`feeds.sources.fastparse`) takes only such documents; the rest go to feedparser.
"""

from __future__ import annotations

import codecs
import re

_XML_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_UTF8 = {"utf-8", "utf8"}
_ASCII_LABELS = {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252"}
_EBCDIC = b"\x4c\x6f\xa7\x94"


def decodes_as_feedparser_does(data: bytes, content_type: str | None) -> bool:
    """True when feedparser would decode `data` as UTF-8 (or as ASCII), without complaint."""
    if b"\x00" in data[:4] or data[:2] in (b"\xfe\xff", b"\xff\xfe") or data[:4] == _EBCDIC:
        return False  # UTF-16/32 or EBCDIC: feedparser's decoding, not ours
    body = data[3:] if data[:3] == codecs.BOM_UTF8 else data
    encoding = _rfc3023_encoding(content_type, _declared_encoding(body))
    if encoding is None or (body is not data and encoding.lower() not in _UTF8):
        return False
    if encoding.lower() in _ASCII_LABELS:
        return body.isascii()
    if encoding.lower() not in _UTF8:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False  # feedparser would fall back to windows-1252 and flag the feed
    return True


def _declared_encoding(body: bytes) -> str:
    """feedparser's reading of the XML declaration's encoding (its regex, made linear).

    The regex backtracks over the whole first line, which is the whole document when a
    feed has no line breaks; with a single `encoding=` on that line its answer is found
    directly, and any other case runs the regex itself.
    """
    if body[:2] != b"<?":
        return ""
    end = body.find(b"\n")
    end = len(body) if end < 0 else end
    at = body.find(b"encoding=", 2, end)
    if at < 0:
        return ""
    if body.find(b"encoding=", at + 1, end) >= 0:
        match = _XML_ENCODING.match(body)
        return match.group(1).decode("utf-8", "replace").lower() if match else ""
    if body[at + 9:at + 10] not in (b'"', b"'"):
        return ""
    close = min((i for i in (body.find(b'"', at + 10, end), body.find(b"'", at + 10, end))
                 if i >= 0), default=-1)
    if close < 0 or body.find(b"?>", close + 1, end) < 0:
        return ""
    return body[at + 10:close].decode("utf-8", "replace").lower()


def _rfc3023_encoding(content_type: str | None, declared: str) -> str | None:
    """feedparser's choice of encoding for this Content-Type, None when it would complain."""
    if not content_type:
        return declared or "utf-8"
    mime, _, params = content_type.partition(";")
    mime, charset = mime.strip(), ""
    for chunk in params.split(";") if params else []:
        key, _, value = chunk.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    if mime in ("application/xml", "application/xml-dtd",
                "application/xml-external-parsed-entity") \
            or (mime.startswith("application/") and mime.endswith("+xml")):
        return charset or declared or "utf-8"
    if mime in ("text/xml", "text/xml-external-parsed-entity") \
            or (mime.startswith("text/") and mime.endswith("+xml")):
        return charset or "us-ascii"
    return None  # feedparser flags the document: not an XML media type
