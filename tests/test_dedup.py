"""Article identity: canonical URLs, content hashes and keys."""

from __future__ import annotations

from feeds.ingest.dedup import article_key, canonical_url, content_hash
from feeds.model import Article


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=z#c") == (
        "https://news.example.org/a/b?id=7")
    assert canonical_url("http://x.org:8080") == "http://x.org:8080/"
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("http://[bad") is None


def test_a_url_already_canonical_comes_back_as_it_is_and_any_other_is_parsed() -> None:
    assert canonical_url("https://news0.example/12") == "https://news0.example/12"
    assert canonical_url("https://news.example") == "https://news.example/"
    assert canonical_url("http://a.example/p%20q/r-s_t~u!$&'()*+,;=:@") == (
        "http://a.example/p%20q/r-s_t~u!$&'()*+,;=:@")
    assert canonical_url("https://a.example/x?") == "https://a.example/x"
    assert canonical_url("https://a.example/x#top") == "https://a.example/x"
    assert canonical_url("https://a.example/x\xa0") == "https://a.example/x"  # stripped
    assert canonical_url("https://a.example/x\ty") == "https://a.example/xy"  # urlsplit drops tabs
    assert canonical_url("https://Wire.example/x") == "https://wire.example/x"
    assert canonical_url("https://a.example:443/x") == "https://a.example/x"
    assert canonical_url("https://user@a.example/x") == "https://a.example/x"


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("T", "Some  text\n") == content_hash("t", "some text")
    assert content_hash("T", "Some text") != content_hash("T", "Other text")


def test_article_key_prefers_guid_then_url_then_hash() -> None:
    assert article_key(" g1 ", "https://x/", "h") == "g1"
    assert article_key(None, "https://x/", "h") == "https://x/"
    assert article_key("", None, "h") == "sha:h"


def _article(key: str, url: str | None, text: str) -> Article:
    return Article(key=key, source_name="s", title="T", text=text,
                   content_hash=content_hash("T", text), url=url)


def test_unify_keys_duplicates_as_the_stored_article_and_drops_repeats() -> None:
    from feeds.ingest.dedup import unify
    from feeds.store.queries import KnownArticles

    known = KnownArticles(by_key={"old": ("h", 1)}, key_by_url={"https://x/a": "old"},
                          key_by_hash={content_hash("T", "same words"): "old2"})
    batch = [_article("g1", "https://x/a", "new text"), _article("g2", "https://x/b", "same words"),
             _article("g3", "https://x/b", "other"), _article("old", None, "z"),
             _article("g4", "https://x/c", "fresh")]
    assert [a.key for a in unify(batch, known)] == ["old", "old2", "g4"]


def test_same_article_from_two_feeds_is_stored_once_and_linked_to_both(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select
    from sqlmodel import Session

    from feeds.config import Settings, SourceSettings
    from feeds.ingest.pipeline import Pipeline
    from feeds.ingest.poller import poll_once
    from feeds.store import Store
    from feeds.store import tables as t
    from tests.feedserver import feed_server, rss

    store = Store.open(f"sqlite:///{tmp_path / 'd.db'}")
    pipeline = Pipeline(store)
    text = {"v": "The port closed after dock workers walked out."}
    with feed_server() as server:
        # Same story, different guids; the links differ only in tracking parameters.
        server.routes["/a"] = lambda _h: (200, {}, rss([("a-1", "Strike closes port", text["v"])]))
        server.routes["/b"] = lambda _h: (200, {}, rss([("b-9", "Strike closes port", text["v"])])
                                          .replace(b"/b-9?utm_source=rss", b"/a-1?utm_medium=x"))
        settings = Settings(config_path=None, database_url="", sources=[
            SourceSettings("feed", "A", 60, url=server.url("/a")),
            SourceSettings("feed", "B", 60, url=server.url("/b"))])
        first = poll_once(settings, pipeline)
        text["v"] = "The port closed after dock workers walked out. Talks resume Monday."
        second = poll_once(settings, pipeline)
    with Session(store.engine) as session:
        rows = session.scalars(select(t.Article)).all()
        links = session.scalar(select(func.count()).select_from(t.ArticleSource))
    assert (first.new, second.updated, second.new) == (1, 1, 0)
    assert len(rows) == 1 and links == 2
    assert rows[0].key == "a-1" and rows[0].text.endswith("Talks resume Monday.")
    assert {h.name: h.articles for h in store.sources_health()} == {"A": 1, "B": 1}
    store.close()


# --- Near duplicates -------------------------------------------------------------------

TITLE = "Dockers strike at Valmont port"
STRIKE = (
    "Dock workers at the port of Valmont walked off the job on Tuesday morning, halting the "
    "loading of container ships for the first time in eleven years. The union said talks with "
    "the port authority had collapsed overnight after managers refused to withdraw a plan to "
    "automate two of the four terminals. Trucks queued for several kilometres along the coastal "
    "highway, and at least six vessels were diverted to Castelnou, the next harbour to the south. "
    "Maria Ortega, who leads the dockers' union, told reporters outside the main gate that the "
    "strike would continue until the automation plan was shelved. The port authority said it "
    "regretted the walkout and that its offer of retraining for every affected worker remained "
    "on the table. Exporters of fruit and wine warned that perishable cargo was already at risk, "
    "and the regional chamber of commerce estimated losses of four million euros a day. The "
    "transport minister is expected to meet both sides on Thursday in the capital."
)
OTHER_TITLE = "Cargo rerouted as Valmont strike enters second day"
OTHER = (
    "Shipping lines began rerouting cargo away from Valmont on Wednesday as a dock strike entered "
    "its second day, with no sign of a settlement between the union and the port authority. "
    "Freight forwarders said rates for trucking goods from Castelnou had doubled since the "
    "walkout began, and several supermarket chains reported gaps on their shelves. The mayor of "
    "Valmont urged both sides to accept mediation, saying the city could not afford a long "
    "dispute at the height of the harvest season. Economists at the regional bank said a strike "
    "lasting more than a week could shave a tenth of a point off quarterly growth."
)
BASE = STRIKE[:600]
EDITED = BASE.replace("Tuesday", "Monday").replace("eleven", "twelve")
TAILED = BASE + " Read more at Harbour Daily."
RESPACED = BASE.replace(", ", " ,  ").replace(". ", ".\n\n").upper()


def _distance(a: str, b: str) -> int:
    from feeds.ingest.dedup import simhash

    x, y = simhash(a), simhash(b)
    assert x is not None and y is not None
    return ((x ^ y) & (2**64 - 1)).bit_count()


def test_simhash_is_a_stable_signed_64_bit_value() -> None:
    from feeds.ingest.dedup import simhash

    value = simhash(BASE)
    assert value == -627278145604245482  # the same in every process (blake2b, not hash())
    assert value == simhash(BASE) and -(2**63) <= value < 2**63
    assert _distance(BASE, BASE) == 0


def test_the_commonest_words_do_not_count_in_a_fingerprint() -> None:
    from feeds.ingest.dedup import simhash

    # Every text has them: counted, they tilt all fingerprints' bits alike, and
    # unrelated texts land in the same band buckets.
    assert simhash(BASE + " And the people said that it was new, and all of them would.") \
        == simhash(BASE) == -627278145604245482
    assert simhash(BASE + " Harbour pilots warned ferries cancelled crossings overnight.") \
        != simhash(BASE)


def test_simhash_remembers_word_hashes_within_a_bound(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from feeds.ingest import dedup

    monkeypatch.setattr(dedup, "_DIGESTS", {})
    monkeypatch.setattr(dedup, "DIGEST_CACHE", 30)
    assert [dedup.simhash(BASE) for _ in range(3)] == [-627278145604245482] * 3
    assert 0 < len(dedup._DIGESTS) <= 30  # cleared when full, never larger


def test_lightly_edited_copies_are_near_duplicates() -> None:
    from feeds.ingest.dedup import NEAR_BITS, near_duplicate

    # Observed: two words changed 5 bits, a "Read more" tail 4, white space, punctuation
    # and case 0. (5 and 4 are why a 3-bit threshold alone would miss them.)
    for copy in (EDITED, TAILED, RESPACED):
        assert _distance(BASE, copy) <= NEAR_BITS
        assert near_duplicate(TITLE, BASE, TITLE, copy)
    assert _distance(BASE, RESPACED) == 0


def test_another_article_on_the_same_story_is_not_a_near_duplicate() -> None:
    from feeds.ingest.dedup import NEAR_BITS, near_duplicate

    assert _distance(BASE, OTHER) > NEAR_BITS  # observed: 26 bits
    assert not near_duplicate(TITLE, BASE, OTHER_TITLE, OTHER)


def test_a_window_shifted_by_a_sixth_is_a_distinct_article() -> None:
    from feeds.ingest.dedup import (
        RESEMBLANCE,
        near_duplicate,
        near_fingerprints,
        resemblance,
        shingles,
    )

    # The polling benchmark serves 600-character windows of one text shifted by 97
    # characters as distinct items. Observed: shifted by 97, 9 bits apart (near enough to
    # compare) but a shingle resemblance of 0.70; shifted by 100, 12 bits, 0.68.
    for shift in (97, 100):
        window = STRIKE[shift:shift + 600]
        assert not near_duplicate(TITLE, BASE, TITLE, window)
        assert resemblance(shingles(BASE), shingles(window)) < RESEMBLANCE
    assert near_fingerprints(_fingerprint(BASE), _fingerprint(STRIKE[97:697]))
    # A headline repeated as the lead sentence is in one window's text only: it must not
    # make the two windows alike (the title is never part of the text's shingles).
    lead = STRIKE.split(". ")[0]
    assert not near_duplicate(lead, BASE, lead, STRIKE[97:697])


def test_the_titles_must_agree_as_well() -> None:
    from feeds.ingest.dedup import near_duplicate, title_overlap

    # An outlet's suffix keeps the headline's words; an unrelated headline over the same
    # text is a paywall or player notice standing in for two different articles.
    assert near_duplicate(TITLE, BASE, f"{TITLE} - Harbour Daily", TAILED)
    assert not near_duplicate(TITLE, BASE, "Subscribers get premium content", BASE)
    assert title_overlap(TITLE, "Valmont port strike: dockers walk out") == 0.8


def _fingerprint(text: str) -> int:
    from feeds.ingest.dedup import simhash

    value = simhash(text)
    assert value is not None
    return value


def test_short_texts_get_no_fingerprint() -> None:
    from feeds.ingest.dedup import MIN_WORDS, simhash, simhash_bands, simhash_columns

    words = STRIKE.split()
    assert simhash(" ".join(words[:MIN_WORDS - 1])) is None
    assert simhash(" ".join(words[:MIN_WORDS])) is not None
    assert simhash_bands(None) == (None, None, None, None)
    assert simhash_columns(None) == {"simhash": None, "sim_band0": None, "sim_band1": None,
                                     "sim_band2": None, "sim_band3": None}


def test_bands_split_the_fingerprint_and_find_every_near_one() -> None:
    import random

    from feeds.ingest.dedup import band_probes, near_fingerprints, simhash_bands, simhash_columns

    rng = random.Random(7)
    for _ in range(300):
        value = rng.getrandbits(64) - 2**63
        bands = simhash_bands(value)
        assert sum((band or 0) << (16 * n) for n, band in enumerate(bands)) == value % 2**64
        assert simhash_columns(value) == {"simhash": value,
                                          **{f"sim_band{n}": b for n, b in enumerate(bands)}}
        flipped = value ^ sum(1 << bit for bit in rng.sample(range(64), 3))
        pairs = zip(bands, simhash_bands(flipped), strict=True)
        assert any(a == b for a, b in pairs)  # pigeonhole: 3 bits
        far = value ^ sum(1 << bit for bit in rng.sample(range(64), 7))
        assert near_fingerprints(value, far)  # 7 bits: some band within one bit ...
        assert any(b in probes
                   for b, probes in zip(simhash_bands(far), band_probes(value), strict=True))
    assert not near_fingerprints(0, 0b11 | 0b11 << 16 | 0b11 << 32 | 0b11 << 48)  # ... not 8 spread


def _near(key: str, text: str, url: str | None = None, title: str = TITLE) -> Article:
    from feeds.ingest.dedup import simhash

    return Article(key=key, source_name="s", title=title, text=text, url=url,
                   content_hash=content_hash(title, text), simhash=simhash(text))


def test_unify_routes_a_near_duplicate_to_the_stored_article_without_its_text() -> None:
    from dataclasses import dataclass, field

    from feeds.ingest.dedup import NearCandidate, unify

    @dataclass
    class FakeKnown:
        by_key: dict[str, tuple[str, int | None]]
        key_by_url: dict[str, str] = field(default_factory=dict)
        key_by_hash: dict[str, str] = field(default_factory=dict)
        near: list[NearCandidate] = field(default_factory=list)

    stored = NearCandidate(_fingerprint(BASE), "a-1", "stored-hash", TITLE, BASE)
    known = FakeKnown(by_key={"a-1": ("stored-hash", 3), "g-9": ("h9", 3)}, near=[stored])
    batch = [_near("b-7", EDITED), _near("b-8", TAILED), _near("g-9", RESPACED),
             _near("w-1", STRIKE[97:697]), _near("o-1", OTHER, title=OTHER_TITLE),
             _near("p-1", BASE, title="Subscribers get premium content")]
    result = unify(batch, known)
    assert [(a.key, a.content_hash == "stored-hash") for a in result] == [
        ("a-1", True), ("g-9", False), ("w-1", False), ("o-1", False), ("p-1", False)]
    assert result[0].text == EDITED  # the pipeline sees it stored unchanged; the text is not used
    # Within a batch, a near copy of an earlier article is dropped like an exact repeat.
    fresh = unify([_near("c-1", BASE), _near("c-2", RESPACED), _near("c-3", TAILED)], FakeKnown({}))
    assert [a.key for a in fresh] == ["c-1"]


def test_find_duplicates_finds_stored_fingerprints_near_the_batch(db_url: str) -> None:
    from sqlmodel import Session

    from feeds.ingest.dedup import NearIndex, simhash_columns
    from feeds.store import Store
    from feeds.store import tables as t

    value = _fingerprint(BASE)
    seven = value ^ (0b11 | 0b11 << 16 | 0b11 << 32 | 0b1 << 48)  # only band 3 within one bit
    band_only = value ^ ~0xFFFF  # band 0 equal, 48 bits apart
    store = Store.open(db_url)
    with Session(store.engine) as session:
        session.add(t.Source(id=1, name="A", kind="feed", location="x"))
        session.flush()
        for key, fingerprint in (("same", value), ("seven", seven), ("band", band_only)):
            session.add(t.Article(key=key, source_id=1, content_hash=f"h-{key}", title=TITLE,
                                  text=BASE, **simhash_columns(fingerprint)))
        session.commit()
    found = store.find_duplicates([], [], [], [value])
    assert [(n.key, n.simhash) for n in found.near] == [("same", value), ("seven", seven)]
    assert set(found.by_key) == {"same", "seven"} and found.near[0].text == BASE
    # An article found by key, URL or hash is no near candidate; a fingerprint stored under
    # a key of the batch is not looked up at all (that article is never re-routed).
    assert store.find_duplicates(["same"], [], [], [value]).near == []
    by_hash = store.find_duplicates(["other"], [], ["h-same"], [value])
    assert [n.key for n in by_hash.near] == ["seven"]
    # The poller's in-memory index finds exactly what the database's band probes find.
    index = NearIndex()
    for row_id, fingerprint in store.fingerprints(0):
        index.add(row_id, fingerprint)
    assert (len(index), index.last_id) == (3, 3)
    for keys, hashes in (([], []), (["same"], []), (["other"], ["h-same"])):
        assert store.find_duplicates(keys, [], hashes, [value], index) == \
            store.find_duplicates(keys, [], hashes, [value])
    assert store.fingerprints(3) == [] and store.fingerprints(3, ["band"]) == [(3, band_only)]
    assert store.fingerprints(0, limit=2) == [(2, seven), (3, band_only)]  # the newest two
    store.close()


def test_near_index_probes_bands_and_tests_the_whole_fingerprint() -> None:
    from feeds.ingest.dedup import NearIndex

    value = _fingerprint(BASE)
    index = NearIndex()
    index.add(1, value)
    index.add(2, value ^ (0b11 | 0b11 << 16 | 0b11 << 32 | 0b1 << 48))  # 7 bits, band 3 ±1
    index.add(3, value ^ ~0xFFFF)  # band 0 equal, 48 bits apart
    index.add(4, value ^ (0b11 | 0b11 << 16 | 0b11 << 32 | 0b11 << 48))  # 8 bits, no band ±1
    assert index.near([value]) == {1, 2}
    assert index.near([]) == set() and index.last_id == 4
    index.add(1, ~value)  # updated in place: only its new fingerprint counts
    assert index.near([value]) == {2} and index.near([~value]) == {1}


def test_near_index_keeps_the_newest_window() -> None:
    from feeds.ingest.dedup import NearIndex

    value = _fingerprint(BASE)
    index = NearIndex(window=4)
    for row_id in range(1, 6):  # a quarter over the window is held
        index.add(row_id, value ^ row_id)
    assert (len(index), index.near([value])) == (5, {1, 2, 3, 4, 5})
    index.add(6, value ^ 6)  # then only the newest four are kept
    assert (len(index), index.last_id, index.near([value])) == (4, 6, {3, 4, 5, 6})


def test_a_near_copy_from_another_feed_is_stored_once_and_linked_to_both(db_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import func, select
    from sqlmodel import Session

    from feeds.config import SourceSettings
    from feeds.ingest.pipeline import Pipeline
    from feeds.model import RawDocument
    from feeds.sources import SourcePass
    from feeds.store import Store
    from feeds.store import tables as t

    def one(source: str, guid: str, url: str, text: str) -> SourcePass:
        return SourcePass(documents=[RawDocument(
            source_name=source, locator=url, body=text, guid=guid, url=url, title=TITLE,
            published=datetime(2025, 5, 2, tzinfo=UTC), published_origin="feed")])

    store = Store.open(db_url)
    pipeline = Pipeline(store)
    first = pipeline.process(SourceSettings("feed", "A", 900, url="http://127.0.0.1/a"),
                             one("A", "a-1", "https://a.example/strike", BASE))
    copy = EDITED + " Read more at B."
    second = pipeline.process(SourceSettings("feed", "B", 900, url="http://127.0.0.1/b"),
                              one("B", "b-7", "https://b.example/news/77", copy))
    with Session(store.engine) as session:
        rows = session.scalars(select(t.Article)).all()
        links = session.scalar(select(func.count()).select_from(t.ArticleSource))
    assert (first.new, second.new, second.updated, second.unchanged) == (1, 0, 0, 1)
    assert len(rows) == 1 and links == 2
    assert (rows[0].key, rows[0].text, rows[0].url) == ("a-1", BASE, "https://a.example/strike")
    assert {h.name: h.articles for h in store.sources_health()} == {"A": 1, "B": 1}
    store.close()


def test_a_near_copy_of_an_article_updated_in_place_finds_its_new_text(db_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import select
    from sqlmodel import Session

    from feeds.config import SourceSettings
    from feeds.ingest.pipeline import Pipeline
    from feeds.model import RawDocument
    from feeds.sources import SourcePass
    from feeds.store import Store
    from feeds.store import tables as t

    def one(source: str, guid: str, text: str) -> SourcePass:
        url = f"https://{source}.example/{guid}"
        return SourcePass(documents=[RawDocument(
            source_name=source, locator=url, body=text, guid=guid, url=url, title=TITLE,
            published=datetime(2025, 5, 2, tzinfo=UTC), published_origin="feed")])

    store = Store.open(db_url)
    pipeline = Pipeline(store)
    a = SourceSettings("feed", "A", 900, url="http://127.0.0.1/a")
    pipeline.process(a, one("A", "a-1", BASE))
    rewritten = pipeline.process(a, one("A", "a-1", OTHER))  # the same guid, a new text
    copy = pipeline.process(SourceSettings("feed", "B", 900, url="http://127.0.0.1/b"),
                            one("B", "b-1", OTHER + " Read more at B."))
    with Session(store.engine) as session:
        keys = session.scalars(select(t.Article.key)).all()
    assert (rewritten.updated, copy.new, copy.unchanged) == (1, 0, 1)
    assert keys == ["a-1"]
    store.close()
