"""A fast reader for plain RSS 2.0 and Atom 1.0 that reads them exactly as feedparser does.

Contract: `read_entries(data, content_type)` returns a `FastFeed` (the feed-level and
per-entry values `feeds.sources.parse` reads, under feedparser's own keys and with
feedparser's own values) or None, meaning "not certain: use feedparser". It never raises
for bad input. It only accepts a document that

- decodes the way feedparser would decode it: UTF-8 (declared, or undeclared, or ASCII
  under an ASCII-compatible label) and a Content-Type that feedparser takes for XML;
- is well-formed to lxml, with no DOCTYPE anywhere and no parser warning, its root an `<rss>`
  with one `<channel>`, or an Atom 1.0 `<feed>`;
- uses only elements whose feedparser handling is reproduced here, and namespace
  declarations that map every element to one feedparser name whatever their order.

Everything else (RSS 1.0, Atom 0.3, CDF, xhtml or base64 content, `xml:base`, `<textinput>`,
markup nested in a text element, an odd namespace, ...) returns None. Values follow
feedparser step by step: the same whitespace strip, URL fix, latin-1/cp1252 repair and date
parser (feedparser's own helpers), the same "first title wins", content-versus-summary and
guid-as-link rules, the same author syncing. Parsing uses lxml with entity resolution, DTD
loading, the network and huge trees all off.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from feedparser.api import StrictFeedParser
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from lxml import etree

from feeds.sources.feedencoding import decodes_as_feedparser_does
from feeds.sources.feednames import KNOWN_NS, Bail, Names

# feedparser's own tables and helpers (pinned <7): the two paths cannot drift apart.
_RELATIVE = frozenset(_FeedParserMixin.can_be_relative_uri)
_ATOM = "http://www.w3.org/2005/Atom"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_C1 = re.compile("[\x80-\x9f]")
_EXTRA_SLASHES = re.compile(r"[A-Za-z][A-Za-z0-9+-.]*:///")
"""Where feedparser's `_urljoin` with no base changes a URL (its `_urifixer`); elsewhere a no-op."""
_QUERY_REF = re.compile("&([A-Za-z0-9_]+);")
_EMAIL = re.compile(r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|"
                    r"(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?")
"""feedparser's e-mail pattern in `_sync_author_detail`."""
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_SHORT_TYPES = {"text": "text/plain", "plain": "text/plain", "html": "text/html",
                "xhtml": "application/xhtml+xml"}
"""feedparser's `map_content_type`."""
_BOUNDS = {"ttl", "sy_updateperiod", "sy_updatefrequency"}
"""Feed-level values feedparser keeps under the element's own name, read for the interval."""
_CLASHES = {"authors", "links", "tags", "contributors", "where"}
"""Unhandled element names feedparser would store over a list its handlers append to (as
well as any name ending in _parsed or _detail)."""
_PARTS = {"name": "name", "itunes_name": "name", "email": "email", "itunes_email": "email",
          "uri": "href", "url": "href", "homepage": "href"}
_CATEGORIES = {"category", "keywords", "dc_subject", "media_category", "itunes_category", "tags",
               "media_keywords", "itunes_keywords"}
_INERT_LEAVES = {
    "enclosure", "cloud", "generator", "language", "dc_language", "webmaster", "dc_publisher",
    "created", "dcterms_created", "expirationdate", "dcterms_valid", "newlocation", "width",
    "height", "media_thumbnail", "media_credit", "media_rating", "media_restriction",
    "media_license", "media_player", "itunes_image", "itunes_link", "itunes_block",
    "itunes_explicit", "georss_point", "georss_line", "georss_polygon", "georss_box", "rights",
    "copyright", "dc_rights", "subtitle", "tagline", "itunes_subtitle", "info",
    "feedburner_browserfriendly", "dc_contributor", *_PARTS,
}
"""Handled by feedparser, but only into keys we never read: checked to be leaves, skipped."""
_IMAGE_PARTS = {"title", "link", "description", "url", "href", "width", "height"}


@dataclass(slots=True)
class FastFeed:
    """What feedparser would have put in `feed` and `entries`, for the keys parse_feed reads."""

    feed: dict[str, Any] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


def read_entries(data: bytes, content_type: str | None) -> FastFeed | None:
    """The feed read the way feedparser reads it, or None to let feedparser read it."""
    if not decodes_as_feedparser_does(data, content_type) or _DOCTYPE.search(data):
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, encoding="utf-8", collect_ids=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if len(parser.error_log) or root.getroottree().docinfo.doctype:
        return None
    try:
        reader = _Reader(Names.declared_in(root))
        reader.read(root)
    except (Bail, RecursionError):  # libxml2 stops at 256 levels; the stack is the backstop
        return None
    return reader.result if reader.result.entries else None


def _attributes(el: etree._Element) -> dict[str, str]:
    """An element's attributes keyed as feedparser keys them (lowercased, prefixed and bare)."""
    items = el.items()
    if not items:
        return {}
    attrs: dict[str, str] = {}
    for key, value in items:  # keyed by feedparser's prefix for the namespace (or bare)...
        if key[:1] == "{":
            uri, _, local = key[1:].partition("}")
            prefix = KNOWN_NS.get(uri.lower(), "")
            key = f"{prefix}:{local}" if prefix else local
        attrs[key.lower()] = value
    for key, value in items:  # ...then by the name as written, prefix and all
        if key[:1] == "{":
            key = _written_name(el, key)
        attrs[key.lower()] = value
    for key in ("rel", "type"):
        if key in attrs:
            attrs[key] = attrs[key].lower() or attrs[key]
    if "base" in attrs or "xml:base" in attrs:
        raise Bail  # xml:base changes how feedparser resolves every URL below it
    return attrs


def _written_name(el: etree._Element, key: str) -> str:
    """A namespaced attribute's name with the prefix it was written with."""
    uri, _, local = key[1:].partition("}")
    if uri == _XML_NS:
        return "xml:" + local
    prefixes = [p for p, u in el.nsmap.items() if u == uri and p]
    if len(prefixes) != 1:
        raise Bail  # which of its prefixes the attribute used is not in the tree
    return f"{prefixes[0]}:{local}"


def _text(el: etree._Element) -> str:
    """The character data of a text-only element; markup inside it is not ours to read."""
    if not len(el):
        return el.text or ""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) or child.tag is etree.Entity:
            raise Bail
        parts.append(child.tail or "")
    return "".join(parts)


def _finish(text: str, element: str, resolve: bool = True) -> str:
    """feedparser's `pop` on a text: strip, URL fix, latin-1-as-UTF-8 repair, cp1252 map."""
    output = text.strip()
    if resolve and output and element in _RELATIVE:
        output = _resolve(output)
    if not output.isascii():
        with suppress(UnicodeEncodeError, UnicodeDecodeError):
            output = output.encode("iso-8859-1").decode("utf-8")
        if _C1.search(output):
            output = output.translate(_cp1252)
    return output


def _resolve(url: str) -> str:
    """feedparser's `resolve_uri` with no base URI: only `scheme:///x` changes."""
    return _urljoin("", url) if _EXTRA_SLASHES.match(url) else url


def _content_type(attrs: dict[str, str], default: str) -> str:
    """The text type feedparser would give this element; anything but text or html bails."""
    kind = attrs.get("type", default).lower()
    kind = _SHORT_TYPES.get(kind, kind)
    if "mode" in attrs or kind not in ("text/plain", "text/html"):
        raise Bail  # base64, xhtml or escaped-mode content: feedparser's own business
    return kind


Handler = Callable[["_Reader", etree._Element, str, dict[str, str]], None]


class _Reader:
    """feedparser's parsing state, replayed over an lxml tree for the elements we handle."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.result = FastFeed()
        self.depths: dict[str, int] = {}
        """feedparser's `property_depth_map` for the current entry."""
        self.depth = 0
        self.title_depth = -1
        self.infeed = self.inentry = self.inauthor = self.has_content = False
        self.guidislink = False

    def read(self, root: etree._Element) -> None:
        """Read a whole document: an RSS `<rss><channel>` or an Atom 1.0 `<feed>`."""
        if root.tag == "rss" and set(_attributes(root)) <= {"version", "xml:lang"}:
            channels = [c for c in root if isinstance(c.tag, str)]
            if len(channels) != 1 or channels[0].tag != "channel":
                raise Bail
            self.depth = 1
            self._container(channels[0], "item")
        elif root.tag == f"{{{_ATOM}}}feed":
            self._container(root, "entry")
        else:
            raise Bail

    def _container(self, el: etree._Element, entry_name: str) -> None:
        """A channel or feed: its entries and its own elements."""
        if set(_attributes(el)) - {"xml:lang"}:
            raise Bail
        self.depth += 1
        self.infeed = True
        for child in el:
            if isinstance(child.tag, str) and self.names.of(child.tag) == entry_name:
                self._entry(child)
            else:
                self._child(child)
        self.infeed = False
        self.depth -= 1

    def _entry(self, el: etree._Element) -> None:
        """An `<item>` or `<entry>`: feedparser's per-entry state starts afresh."""
        if set(_attributes(el)) - {"xml:lang"}:
            raise Bail
        self.depth += 1
        self.result.entries.append({})
        self.depths = {}
        self.inentry, self.guidislink, self.title_depth = True, False, -1
        self._children(el)
        self.inentry = self.has_content = False
        self.depth -= 1

    def _children(self, el: etree._Element) -> None:
        """Each child element in document order, as feedparser's handlers would see it."""
        for child in el:
            self._child(child)

    def _child(self, el: etree._Element) -> None:
        """One element: our replay of feedparser's handler, or feedparser's default handling.

        A name feedparser has its own handler for but we do not replay refuses the document.
        """
        tag = el.tag
        if not isinstance(tag, str):
            if tag is etree.Entity:
                raise Bail
            return  # a comment or processing instruction
        name = self.names.of(tag)
        handler = _HANDLERS.get(name)
        if handler is None and name in _FEEDPARSER_HANDLES:
            raise Bail
        attrs = _attributes(el)
        self.depth += 1
        (handler or _Reader._unhandled)(self, el, name, attrs)
        self.depth -= 1

    def _context(self) -> dict[str, Any]:
        """feedparser's `_get_context`: the current entry, else the feed."""
        return self.result.entries[-1] if self.inentry else self.result.feed

    def _store(self, element: str, text: str, resolve: bool = True) -> str:
        """feedparser's `pop` for a text element: the value, stored where feedparser stores it."""
        output = _finish(text, element, resolve)
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output
        if not self.inentry:  # feedparser keeps a feed's description as its subtitle
            if element == "title" or element == "summary":
                self.result.feed[element] = output
            return output
        entry = self.result.entries[-1]
        if element == "description":
            element = "summary"
        if element == "content":
            entry.setdefault("content", []).append({"value": output})
        elif element == "link":
            if "&" in output:  # feedparser's repair of "?a=1&b;=2"-style links
                output = _QUERY_REF.sub(r"&\g<1>", output.replace("&amp;", "&"))
            entry["link"] = output
        elif element in ("title", "id", "summary", "author"):
            old = self.depths.get(element)
            if old is None or self.depth <= old:
                self.depths[element] = self.depth
                entry[element] = output
        return output

    # -- elements feedparser stores under their own name -----------------------------------

    def _unhandled(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """An element feedparser has no handler for: kept under its name (or its attributes).

        We keep only the feed-level bounds (`ttl`, `sy_updateperiod`, ...); a name that would
        overwrite a key feedparser itself relies on refuses the document.
        """
        if name in _CLASHES or name.endswith(("_parsed", "_detail")):
            raise Bail
        bound = name in _BOUNDS and not self.inentry
        if attrs:
            if bound:
                self.result.feed[name] = attrs
            self._children(el)
        elif bound:
            self.result.feed[name] = _finish(_text(el), name)
        else:
            self._children(el)

    def _inert(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A handled element whose keys we never read; it must hold text only."""
        _text(el)

    def _categories(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """Categories and keywords (iTunes nests them): tags we never read."""
        for child in el.iter():
            if child is not el and isinstance(child.tag, str) \
                    and self.names.of(child.tag) not in _CATEGORIES:
                raise Bail

    def _people(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A contributor or an itunes:owner: names and addresses we never read."""
        if name == "itunes_owner" and self.inentry:
            raise Bail
        for child in el:
            if isinstance(child.tag, str):
                if self.names.of(child.tag) not in _PARTS:
                    raise Bail
                _text(child)

    def _transparent(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """media:group, media:content: feedparser reads their children as the entry's own."""
        self._children(el)

    def _refuse(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A structural element out of place (an item in an item, a textinput, ...)."""
        raise Bail

    # -- titles, links, ids -----------------------------------------------------------------

    def _title(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A title; once one is non-empty, feedparser ignores later ones as deep or deeper."""
        _content_type(attrs, "text/plain")
        if self._store("title", _text(el)):
            self.title_depth = self.depth

    def _media_title(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """media:title: a title that does not stop later titles."""
        saved = self.title_depth
        self._title(el, name, attrs)
        self.title_depth = saved

    def _link(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """RSS `<link>text</link>`, or Atom `<link href>` (only rel=alternate, html, counts)."""
        if not attrs:  # RSS: the link is the text
            self._store("link", _text(el))
            return
        attrs = dict(attrs)
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if href:
            attrs.pop("url", None)
            attrs.pop("uri", None)
            attrs["href"] = href
        if "href" not in attrs:
            self._store("link", _text(el))
            return
        _text(el)
        kind = attrs["type"].lower()
        kind = _SHORT_TYPES.get(kind, kind)
        if self.inentry and attrs["rel"] == "alternate" and kind in _HTML_TYPES:
            self.result.entries[-1]["link"] = _resolve(attrs["href"])

    def _guid(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A guid or id; unless isPermaLink is not "true", also the link if there is none yet."""
        self.guidislink = attrs.get("ispermalink", "true") == "true"
        value = self._store("id", _text(el), resolve=self.guidislink)
        context = self._context()
        if self.guidislink and "link" not in context:
            context["link"] = value

    def _source(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """RSS `<source url>Outlet</source>` (Google News); it resets the "title seen" mark."""
        if not self.inentry:
            raise Bail
        source = {"href": attrs["url"]} if "url" in attrs else {}
        self.title_depth = -1
        value = _finish(_text(el), "source")
        if value:
            source["title"] = value
        self.result.entries[-1]["source"] = source

    # -- dates ------------------------------------------------------------------------------

    def _published(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """pubDate, published, issued: the last one wins, parseable or not."""
        self._context()["published_parsed"] = _date(_finish(_text(el), "published"))

    def _updated(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """updated, dc:date, lastBuildDate, modified: the last one wins."""
        self._context()["updated_parsed"] = _date(_finish(_text(el), "updated"))

    # -- summaries and contents ---------------------------------------------------------------

    def _description(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A description: the summary, or a content when a summary came first."""
        self._summary_or_content(el, attrs, "description", "text/html")

    def _summary(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A summary: as a description, but plain text by default."""
        self._summary_or_content(el, attrs, "summary", "text/plain")

    def _summary_or_content(self, el: etree._Element, attrs: dict[str, str], key: str,
                            default_type: str) -> None:
        if "summary" in self._context() and not self.has_content:
            self._content_of(el, attrs, "text/plain")
        else:
            _content_type(attrs, default_type)
            self._store(key, _text(el))

    def _content(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """Atom content or content:encoded."""
        self._content_of(el, attrs, "text/html" if name == "content_encoded" else "text/plain")

    def _content_of(self, el: etree._Element, attrs: dict[str, str], default: str) -> None:
        """feedparser's `_start_content` / `_end_content`: a content, and the summary if none."""
        self.has_content = True
        _content_type(attrs, default)
        value = self._store("content", _text(el))
        self._context().setdefault("summary", value)

    # -- authors ------------------------------------------------------------------------------

    def _author(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """An author as text ("jane@x.org (Jane)") or as Atom name / email / uri parts."""
        context = self._context()
        context.setdefault("authors", []).append({})
        self.inauthor = True
        own = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str):
                part = self.names.of(child.tag)
                if part not in _PARTS:
                    raise Bail
                self.depth += 1
                self._author_part(_PARTS[part], _text(child))
                self.depth -= 1
            elif child.tag is etree.Entity:
                raise Bail
            own.append(child.tail or "")
        self._store("author", "".join(own))
        self.inauthor = False
        _sync_author(context)

    def _author_part(self, key: str, text: str) -> None:
        """feedparser's `_save_author`: sync first, then record the part."""
        value = _finish(text, "href") if key == "href" else text.strip()
        context = self._context()
        _sync_author(context)
        context.setdefault("authors", [{}])[-1][key] = value

    def _image(self, el: etree._Element, name: str, attrs: dict[str, str]) -> None:
        """A channel's `<image>`: its title only moves feedparser's "title already seen" mark."""
        if self.inentry:
            raise Bail
        self.title_depth = -1
        for child in el:
            if not isinstance(child.tag, str):
                continue
            part = self.names.of(child.tag)
            if part not in _IMAGE_PARTS:
                raise Bail
            text = _text(child)
            if part == "title":
                _content_type(_attributes(child), "text/plain")
                if _finish(text, "title"):
                    self.title_depth = self.depth + 1


def _date(value: str) -> time.struct_time | None:
    """feedparser's date parser; should it raise, feedparser may do as it likes with the text."""
    try:
        return _parse_date(value)
    except Exception as error:  # any surprise means "not certain"
        raise Bail from error


def _sync_author(context: dict[str, Any]) -> None:
    """feedparser's `_sync_author_detail`, for the keys that reach `author`."""
    authors = context.get("authors")
    detail = authors[-1] if authors else {}
    if detail:
        name, email = detail.get("name"), detail.get("email")
        if name and email:
            context["author"] = f"{name} ({email})"
        elif name or email:
            context["author"] = name or email
        return
    author = context.get("author")
    if not author:
        return
    email = None
    match = _EMAIL.search(author)
    if match:
        email = match.group(0)
        for junk in (email, "()", "<>", "&lt;&gt;"):
            author = author.replace(junk, "")
        author = author.strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    if author:
        detail["name"] = author
    if email:
        detail["email"] = email


def _handlers() -> dict[str, Handler]:
    """feedparser's element names (after namespace mapping) -> our replay of its handler."""
    table: dict[str, Handler] = {
        "title": _Reader._title, "dc_title": _Reader._title, "media_title": _Reader._media_title,
        "link": _Reader._link, "guid": _Reader._guid, "id": _Reader._guid,
        "source": _Reader._source, "image": _Reader._image,
        "description": _Reader._description, "dc_description": _Reader._description,
        "media_description": _Reader._description,
        "summary": _Reader._summary, "itunes_summary": _Reader._summary,
        "content": _Reader._content, "content_encoded": _Reader._content,
        "media_content": _Reader._transparent, "media_group": _Reader._transparent,
        "contributor": _Reader._people, "itunes_owner": _Reader._people,
    }
    for name in ("pubdate", "published", "issued", "dcterms_issued"):
        table[name] = _Reader._published
    for name in ("updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified"):
        table[name] = _Reader._updated
    for name in ("author", "managingeditor", "dc_creator", "dc_author", "itunes_author"):
        table[name] = _Reader._author
    for name in _CATEGORIES:
        table[name] = _Reader._categories
    for name in _INERT_LEAVES:
        table[name] = _Reader._inert
    for name in ("rss", "channel", "feed", "item", "entry", "textinput"):
        table[name] = _Reader._refuse  # only where `_Reader.read` expects them
    return table


_HANDLERS = _handlers()
_FEEDPARSER_HANDLES = frozenset(
    n.split("_", 2)[2] for n in dir(StrictFeedParser) if n.startswith(("_start_", "_end_")))
"""Every element name feedparser has a handler for: one we do not replay is refused."""
