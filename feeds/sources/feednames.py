"""Feed element names as feedparser names them, from an lxml tree's namespaces.

Contract: `Names.declared_in(root)` reads a document's namespace declarations and
raises `Bail` when feedparser's naming would depend on their order (one prefix bound to
two URIs, an unknown namespace under two prefixes or under a prefix feedparser reserves)
or on a namespace it treats specially (xlink, MathML, SVG). `names.of(tag)` then gives
feedparser's name for an lxml tag (`dc_creator`, `link`, `media_title`, ...), and
`KNOWN_NS` is feedparser's own table of namespace URIs (lower-cased) to prefixes.
"""

from __future__ import annotations

from feedparser.mixin import _FeedParserMixin
from lxml import etree

KNOWN_NS: dict[str, str] = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_REFUSED_NS = {"http://www.w3.org/1999/xlink", "http://www.w3.org/1998/math/mathml",
               "http://www.w3.org/2000/svg"}
"""Namespaces feedparser gives side effects (extra attributes, inline markup): never fast."""


class Bail(Exception):
    """The document is not one the fast path is certain about."""


class Names:
    """Element tags mapped to feedparser's names (`dc_creator`, `link`, `media_title`, ...)."""

    def __init__(self, prefixes: dict[str, str], unknown: dict[str, str | None]) -> None:
        self.prefixes = prefixes
        """feedparser's `namespacemap`: declared prefix -> its canonical prefix."""
        self.unknown = unknown
        """Unknown namespace URI -> the one prefix it was declared with (None: the default)."""
        self.cache: dict[str, str] = {}

    @classmethod
    def declared_in(cls, root: etree._Element) -> Names:
        """The namespace declarations of the document, refused when their order would matter."""
        by_prefix: dict[str, str] = {}
        by_uri: dict[str, str | None] = {}
        for _event, (prefix, uri) in etree.iterwalk(root, events=("start-ns",)):
            prefix = prefix or None  # feedparser never looks a default namespace up by prefix
            if not uri:
                continue  # xmlns="" only undeclares; feedparser ignores it
            if uri.lower() in _REFUSED_NS:
                raise Bail
            if prefix is not None and by_prefix.setdefault(prefix, uri) != uri:
                raise Bail
            if by_uri.setdefault(uri, prefix) != prefix and _canonical(uri) is None:
                raise Bail
        prefixes = {p: c for p, u in by_prefix.items() if (c := _canonical(u)) is not None}
        unknown = {u: p for u, p in by_uri.items() if _canonical(u) is None}
        if set(unknown.values()) & set(prefixes.values()):
            raise Bail  # feedparser would file the two namespaces under one prefix
        return cls(prefixes, unknown)

    def of(self, tag: str) -> str:
        """feedparser's name for an lxml tag (`{uri}local` or `local`)."""
        name = self.cache.get(tag)
        if name is None:
            name = self.cache[tag] = self._name(tag)
        return name

    def _name(self, tag: str) -> str:
        uri, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
        if not local.isascii() or not uri.isascii():
            raise Bail  # expat and libxml2 disagree on some non-ASCII names
        canonical = _canonical(uri) if uri else ""
        qualified = local.lower()
        if canonical:
            qualified = canonical.lower() + ":" + qualified
        elif canonical is None:  # an unknown default namespace leaves the name bare
            if uri not in self.unknown:
                raise Bail
            prefix = self.unknown[uri]
            qualified = (prefix + ":" + qualified).lower() if prefix else qualified
        if ":" not in qualified:
            return qualified
        prefix, suffix = qualified.split(":", 1)
        prefix = self.prefixes.get(prefix, prefix)
        return f"{prefix}_{suffix}" if prefix else suffix


def _canonical(uri: str) -> str | None:
    """feedparser's prefix for a namespace URI ('' for the feed formats), None if unknown."""
    lower = uri.lower()
    if "backend.userland.com/rss" in lower:
        return ""
    return KNOWN_NS.get(lower)
