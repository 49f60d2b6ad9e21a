"""Identity of articles: canonical URLs, content hashes, and the stable key.

Contract: pure functions. `canonical_url` drops tracking parameters (utm_*,
fbclid, gclid, ...), the fragment and default ports, and lower-cases the host;
`content_hash` is equal for texts that differ only in case and white space;
`article_key` is the guid, else the canonical URL, else the content hash.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
