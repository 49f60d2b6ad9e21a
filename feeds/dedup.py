"""Identity of articles: canonical URLs, content hashes, and the stable key.

Contract: pure functions. `canonical_url` drops tracking parameters (utm_*,
fbclid, gclid, ...), the fragment and default ports, and lower-cases the host;
`content_hash` is equal for texts that differ only in case and white space;
`article_key` is the guid, else the canonical URL, else the content hash.
`unify(articles, known)` gives each article the key of the article it
duplicates (stored or earlier in the batch: same key, same canonical URL, or
same content hash) and drops repeats within the batch, so the same story from
two feeds is one article linked to both sources.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from feeds.model import Article

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|"
                       r"_ga|yclid|ref_src|smid|ito)$", re.IGNORECASE)
_WS = re.compile(r"\s+")


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters or fragment; None if it is not http(s)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def content_hash(title: str, text: str) -> str:
    """A hash of the words of an article, blind to case and spacing."""
    normal = _WS.sub(" ", f"{title}\n{text}".lower()).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def article_key(guid: str | None, url: str | None, digest: str) -> str:
    """The stable identity: guid, else canonical URL, else content hash."""
    if guid and guid.strip():
        return guid.strip()[:600]
    if url:
        return url[:600]
    return f"sha:{digest}"


class Known(Protocol):
    """What is stored already (see `feeds.store.queries.KnownArticles`)."""

    by_key: dict[str, tuple[str, int | None]]
    key_by_url: dict[str, str]
    key_by_hash: dict[str, str]


def unify(articles: list[Article], known: Known) -> list[Article]:
    """Articles keyed as the stored (or earlier) article each one duplicates; repeats dropped."""
    by_url, by_hash = dict(known.key_by_url), dict(known.key_by_hash)
    seen: set[str] = set()
    result: list[Article] = []
    for article in articles:
        key = article.key
        if key not in known.by_key and key not in seen:
            key = (by_url.get(article.url or "") or by_hash.get(article.content_hash) or key)
        if key in seen:
            continue
        seen.add(key)
        if article.url:
            by_url.setdefault(article.url, key)
        by_hash.setdefault(article.content_hash, key)
        result.append(article if key == article.key else dataclasses.replace(article, key=key))
    return result
