"""Identity of articles: canonical URLs, content hashes, fingerprints and the stable key.

Contract: pure functions. `canonical_url` drops tracking parameters (utm_*,
fbclid, gclid, ...), the fragment and default ports, and lower-cases the host;
`content_hash` is equal for texts that differ only in case and white space;
`article_key` is the guid, else the canonical URL, else the content hash.

Near duplicates: `simhash(text)` is a 64-bit SimHash of the set of the
words of an article's text (lower-cased, punctuation ignored; single words, so a
changed word moves one feature, not three) less the `COMMON` words every English
text has (which would set the same bits in all fingerprints and so make unrelated
texts near), a signed int that fits a BIGINT,
stable across processes (blake2b); None when the text has fewer than
`MIN_WORDS` words (exact hashing covers those). `simhash_columns` gives the
stored columns: the value and its four 16-bit bands. Two fingerprints are
`near_fingerprints` when one band differs in at most one bit and the whole in
at most `NEAR_BITS`; a lookup finds them by probing each band and its 16
one-bit neighbours, which by pigeonhole finds every pair within 7 bits and most
pairs up to NEAR_BITS. 64 bits alone cannot tell a lightly edited copy (a few
words, a tail) from a window of the same text shifted by a sixth, so near
fingerprints only make candidates: two articles are a `near_duplicate` when the
word 3-shingles of their texts also have a resemblance (Jaccard) of at least
`RESEMBLANCE` and their titles share at least `TITLE_OVERLAP` of the shorter
one's words. The title is kept out of the text's measures (a feed that repeats
the headline as the lead would make shifted windows look alike) but must agree,
since one paywall or player notice often stands for the text of many articles.

`NearIndex` holds the newest `NEAR_WINDOW` stored fingerprints in memory by band,
so the poller finds near candidates with dict lookups instead of 68 indexed probes
per article in the database (the same probes, the same `near_fingerprints` test).

`unify(articles, known, twins)` gives each article the key of the article it
duplicates (stored or earlier in the batch: same key, same canonical URL, same
content hash, else a near duplicate) and drops repeats within the batch, so the
same story from two feeds is one article linked to both sources. An article
near a stored one also takes its content hash, so it reads as stored unchanged
and never overwrites the stored text; an article whose own key is stored is
never re-routed (it is updated in place).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from feeds.model import Article

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|"
                       r"_ga|yclid|ref_src|smid|ito)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_PLAIN_URL = re.compile(r'https?://[a-z0-9.-]+(?:/[!"$->@-~]*)?')
"""A URL `canonical_url` keeps as it is (but for a missing path): lower-case scheme and
host, no port, user, query or fragment, only printable ASCII (nothing `strip` or
`urlsplit` would remove). Most feeds' links are; parsing one took 9.1 us, this 0.5."""

MIN_WORDS = 40
"""Texts with fewer words get no fingerprint: too short to judge."""
NEAR_BITS = 12
"""Fingerprints further apart than this are never compared word by word."""
RESEMBLANCE = 0.8
"""Shingle resemblance from which two texts are the same article (a window shifted by a
sixth of the text scores about 0.7, two words changed in a hundred about 0.9)."""
TITLE_OVERLAP = 0.5
"""Share of the shorter title's words the other title must have (an outlet's suffix on
the headline keeps most; an unrelated headline over the same boilerplate does not)."""
BANDS = 4
_MASK = (1 << 64) - 1
_FLIPS = (0, *(1 << bit for bit in range(16)))
"""A band's probes: itself (flip nothing), then each of its 16 bits flipped."""
_BIT = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]
"""Translation tables: byte -> its bit number `bit` (0 or 1)."""

_COMMON_WORDS = """
a about after all also an and any are as at back be because been but by can could do first
for from get go good had has have he her him his how i if in into is it its just know like
make me more most much my new no not now of on one only or other our out over people said
see she so some than that the their them then there these they think this time to two up
us very want was way we well were what when where which who will with would you your
"""
COMMON = frozenset(_COMMON_WORDS.split())
"""Words left out of a fingerprint: the commonest of general English (Zipf frequency 6
and above in `feeds.stories.background`'s table). With them in, a few of them in every
text tilted the fingerprints' bits alike and a band lookup met four times the entries.
Changing this list changes every fingerprint: add a migration that recomputes them."""

Shingles = frozenset[int]
DIGEST_CACHE = 100_000
"""Word hashes `simhash` remembers (about 14 MB at most), cleared when full."""
_DIGESTS: dict[str, bytes] = {}
SHINGLE_CACHE = 4_096
"""Texts whose shingles `shingles` remembers (about 8 KB each), cleared when full."""
_SHINGLES: dict[str, Shingles] = {}


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters or fragment; None if it is not http(s)."""
    if not url:
        return None
    if _PLAIN_URL.fullmatch(url):  # already canonical: the parse would give it back
        return url if url.count("/") > 2 else url + "/"
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
    normal = " ".join(f"{title}\n{text}".lower().split())  # split() is regex \s+, faster
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def article_key(guid: str | None, url: str | None, digest: str) -> str:
    """The stable identity: guid, else canonical URL, else content hash."""
    if guid and guid.strip():
        return guid.strip()[:600]
    if url:
        return url[:600]
    return f"sha:{digest}"


def simhash(text: str) -> int | None:
    """A 64-bit SimHash of the words of a text, signed; None under MIN_WORDS words."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    features = set(words) - COMMON
    if not features:
        return None
    known = _DIGESTS.get
    digests = b"".join([known(word) or _digest(word) for word in features])
    half = len(features) / 2
    value = 0
    for byte in range(8):
        column = digests[byte::8]  # this byte of every feature's hash
        for bit in range(8):
            if column.translate(_BIT[bit]).count(1) > half:
                value |= 1 << (8 * byte + bit)
    return value - (1 << 64) if value >> 63 else value


def _digest(word: str) -> bytes:
    """A word's 8-byte feature hash, remembered (a feed's vocabulary repeats)."""
    if len(_DIGESTS) >= DIGEST_CACHE:
        _DIGESTS.clear()
    digest = _DIGESTS[word] = hashlib.blake2b(word.encode(), digest_size=8).digest()
    return digest


def simhash_bands(value: int | None) -> tuple[int | None, int | None, int | None, int | None]:
    """The four 16-bit bands of a fingerprint, low bits first (all None for None)."""
    return (None, None, None, None) if value is None else _bands(value)


def simhash_columns(value: int | None) -> dict[str, int | None]:
    """The article table's fingerprint columns: `simhash` and `sim_band0`..`sim_band3`."""
    bands = simhash_bands(value)
    return {"simhash": value, **{f"sim_band{n}": band for n, band in enumerate(bands)}}


def band_probes(value: int) -> list[list[int]]:
    """For each band of a fingerprint, the band values a lookup asks for: the band itself
    and its 16 one-bit neighbours."""
    return [[band ^ flip for flip in _FLIPS] for band in _bands(value)]


def near_fingerprints(a: int, b: int) -> bool:
    """Worth comparing word by word: one band within one bit, the whole within NEAR_BITS."""
    if not _within(a, b):
        return False
    return any((x ^ y).bit_count() <= 1 for x, y in zip(_bands(a), _bands(b), strict=True))


def _within(a: int, b: int) -> bool:
    """The whole fingerprints within NEAR_BITS (the band test is the probe's)."""
    return ((a ^ b) & _MASK).bit_count() <= NEAR_BITS


def shingles(text: str) -> Shingles:
    """The word 3-shingles of a text (lower-cased, punctuation ignored), as hashes valid
    in this process; remembered by text, since the stored candidates of one batch are
    mostly the next batch's too."""
    found = _SHINGLES.get(text)
    if found is None:
        if len(_SHINGLES) >= SHINGLE_CACHE:
            _SHINGLES.clear()
        words = _words(text)
        triples = zip(words, words[1:], words[2:], strict=False)
        found = _SHINGLES[text] = frozenset(map(hash, triples))
    return found


def resemblance(a: Shingles, b: Shingles) -> float:
    """The Jaccard resemblance of two shingle sets (1.0 for two empty ones)."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def title_overlap(a: str, b: str) -> float:
    """The share of the shorter title's words that the other title has too."""
    x, y = set(_words(a)), set(_words(b))
    return len(x & y) / min(len(x), len(y)) if x and y else float(x == y)


def near_duplicate(a_title: str, a_text: str, b_title: str, b_text: str) -> bool:
    """The same article in near-identical words, by the rule `unify` applies."""
    a, b = simhash(a_text), simhash(b_text)
    return (a is not None and b is not None and near_fingerprints(a, b)
            and title_overlap(a_title, b_title) >= TITLE_OVERLAP
            and resemblance(shingles(a_text), shingles(b_text)) >= RESEMBLANCE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _bands(value: int) -> tuple[int, int, int, int]:
    value &= _MASK
    return value & 0xFFFF, (value >> 16) & 0xFFFF, (value >> 32) & 0xFFFF, value >> 48


def _probed(by_band: list[dict[int, list[tuple[int, int]]]],
            value: int) -> list[list[tuple[int, int]]]:
    """The entries filed under a band of `value` or a one-bit neighbour of it (a band is
    near: the whole fingerprint decides), one list a probe that found any."""
    return [filed for index, band in zip(by_band, _bands(value), strict=True) for flip in _FLIPS
            if (filed := index.get(band ^ flip))]


NEAR_WINDOW = 200_000
"""How many of the newest stored articles the poller's `NearIndex` holds (about 45 MB;
a near copy of an older article is stored as new, exact copies are still caught)."""


class NearIndex:
    """The newest stored fingerprints by band value, for `band_probes` lookups without
    the database.

    `add` the (row id, fingerprint) of stored articles (`last_id` is the highest id
    added); adding an id again (an article updated in place) replaces its fingerprint
    (its old band entries stay but no longer answer). It keeps at
    least the `window` newest ids and drops older ones in bulk, so it stays bounded.
    """

    def __init__(self, window: int = NEAR_WINDOW) -> None:
        self.window = window
        self.last_id = 0
        self._bands: list[dict[int, list[tuple[int, int]]]] = [{} for _ in range(BANDS)]
        """Per band: band value -> (row id, fingerprint) of the rows filed under it."""
        self._prints: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, row_id: int, fingerprint: int) -> None:
        """Index one stored article's fingerprint."""
        if self._prints.get(row_id) == fingerprint:
            return
        self._prints[row_id] = fingerprint
        self._file(row_id, fingerprint)
        self.last_id = max(self.last_id, row_id)
        if len(self._prints) > self.window + self.window // 4:
            self._keep_newest()

    def near(self, prints: Iterable[int]) -> set[int]:
        """Row ids whose fingerprint is near one of `prints`."""
        found: set[int] = set()
        stored = self._prints
        for value in prints:
            found.update([row_id for filed in _probed(self._bands, value)
                          for row_id, fingerprint in filed
                          if ((fingerprint ^ value) & _MASK).bit_count() <= NEAR_BITS
                          and stored[row_id] == fingerprint])  # not replaced
        return found

    def _file(self, row_id: int, fingerprint: int) -> None:
        entry = (row_id, fingerprint)
        for by_band, band in zip(self._bands, _bands(fingerprint), strict=True):
            by_band.setdefault(band, []).append(entry)

    def _keep_newest(self) -> None:
        """Rebuild from the `window` newest ids (a quarter more were held)."""
        newest = sorted(self._prints)[-self.window:]
        prints = {row_id: self._prints[row_id] for row_id in newest}
        self._bands, self._prints = [{} for _ in range(BANDS)], prints
        for row_id, fingerprint in prints.items():
            self._file(row_id, fingerprint)


class NearCandidate(NamedTuple):
    """An article a new one may near-duplicate: stored, or earlier in the batch."""

    simhash: int
    key: str
    content_hash: str
    title: str
    text: str


class Known(Protocol):
    """What is stored already (see `feeds.store.queries.KnownArticles`)."""

    by_key: dict[str, tuple[str, int | None]]
    key_by_url: dict[str, str]
    key_by_hash: dict[str, str]
    near: list[NearCandidate]
    """Stored articles whose fingerprint is near one of the batch's."""


def unify(articles: list[Article], known: Known, twins: Twins | None = None) -> list[Article]:
    """Articles keyed as the stored (or earlier) article each one duplicates; repeats
    dropped. `twins` (made from `known.near`, and given each kept article) can be
    passed on to the next call, for a later batch to find this one's articles."""
    by_url, by_hash = dict(known.key_by_url), dict(known.key_by_hash)
    twins = twins if twins is not None else Twins(known.near)
    seen: set[str] = set()
    result: list[Article] = []
    for article in articles:
        key, twin = article.key, None
        if key not in known.by_key and key not in seen:
            exact = by_url.get(article.url or "") or by_hash.get(article.content_hash)
            twin = None if exact else twins.find(article)
            key = exact or (twin.key if twin else key)
        if key in seen:
            continue
        seen.add(key)
        if article.url:
            by_url.setdefault(article.url, key)
        by_hash.setdefault(article.content_hash, key)
        if twin is not None:  # stored in other words: keep its text, link this source
            article = dataclasses.replace(article, key=key, content_hash=twin.content_hash)
        elif key != article.key:
            article = dataclasses.replace(article, key=key)
        twins.add(article)
        result.append(article)
    return result


class Twins:
    """Fingerprints by band: finds the stored or earlier article a new one near-duplicates."""

    def __init__(self, stored: Iterable[NearCandidate]) -> None:
        self._items: list[NearCandidate] = []
        self._bands: list[dict[int, list[tuple[int, int]]]] = [{} for _ in range(BANDS)]
        """Per band: band value -> (item index, fingerprint) of the items filed under it."""
        for item in stored:
            self._add(item)

    def add(self, article: Article) -> None:
        """Make a kept article (under its final key) findable by later ones."""
        if article.simhash is not None:
            self._add(NearCandidate(article.simhash, article.key, article.content_hash,
                                    article.title, article.text))

    def find(self, article: Article) -> NearCandidate | None:
        """The most resembling near duplicate of `article` (the earliest on a tie), if any."""
        if article.simhash is None:
            return None
        best, best_score, mine = None, 0.0, None
        for i in self._near(article.simhash):
            if title_overlap(article.title, self._items[i].title) < TITLE_OVERLAP:
                continue
            mine = mine if mine is not None else shingles(article.text)
            score = resemblance(mine, shingles(self._items[i].text))  # remembered by text
            if score >= RESEMBLANCE and score > best_score:
                best, best_score = self._items[i], score
        return best

    def _near(self, value: int) -> list[int]:
        """The items whose fingerprint is near `value`, in the order they were added."""
        return sorted({i for filed in _probed(self._bands, value) for i, fingerprint in filed
                       if ((fingerprint ^ value) & _MASK).bit_count() <= NEAR_BITS})

    def _add(self, item: NearCandidate) -> None:
        self._items.append(item)
        entry = (len(self._items) - 1, item.simhash)
        for band, index in zip(_bands(item.simhash), self._bands, strict=True):
            index.setdefault(band, []).append(entry)
