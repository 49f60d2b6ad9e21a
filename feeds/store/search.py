"""Full-text search of article titles and texts, answered by the database's own index.

Contract: `search(engine, query, limit)` finds the articles whose title or text holds
every word of `query` (stemmed: "floods" finds "flooded") and returns them grouped by
story, the story of the best match first, at most `limit` stories (capped at
`MAX_STORIES`) of at most `PER_STORY` articles each, chosen among the `CANDIDATES` best
articles (by BM25 on SQLite, `ts_rank` on PostgreSQL, a title word weighing more than a
text word); words held by more than `RANK_WINDOW` articles (`PG_RANK_WINDOW` on
PostgreSQL) are ranked among the newest that many of those (by storing order), which
bounds the cost of a common word; each match carries its title and a passage of its text
with the matching words marked (`feeds.read.views.Marked`). The index is SQLite's FTS5 table
`article_fts` or PostgreSQL's `article.search` column (migration 0013), which the
database keeps current on every write, so an article is found as soon as its batch is
committed and no longer once deleted; merges and rebuilds move articles between stories,
and the groups follow.

The user's words are never read as query syntax: only runs of letters and digits are
kept, each quoted for FTS5 or handed to `plainto_tsquery`, so quotes, `NEAR(`, `*`, `-`,
`OR` or `:` are plain words or nothing. A query without a word raises `SearchError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text

from feeds.read.views import Marked, SearchGroup, SearchMatch
from feeds.store import tables as t
from feeds.store.overview import stories_by_ids
from feeds.store.queries import StoryStates
from feeds.store.tables import aware

MAX_WORDS = 16
MAX_WORD_CHARS = 64
CANDIDATES = 200
"""The best-ranked articles the groups are made of (bounds the work per query)."""
RANK_WINDOW = 10_000
"""At most this many matching articles, the last stored, are ranked: ranking every one of
80,000 matches costs about 150 ms on SQLite, 10,000 about 25 ms (bench/search.py)."""
PG_RANK_WINDOW = 2_000
"""The same on PostgreSQL, where `ts_rank` reads each candidate's `tsvector` from the
table (10,000 cost 100-400 ms on a busy machine, 2,000 20-50 ms)."""
PG_BITMAP_BELOW = 20_000
"""Matches PostgreSQL's planner expects below which the newest matches are found through
the GIN index (every match's id, sorted), above which by walking the ids newest first
(the newest 2,000 matches come soon); each way is 5-10 times slower on the other's side
(bench/search.py, 100,000 articles: 5,347 matches 20 ms vs 171 ms walking; 77,512
matches 400 ms vs 31 ms walking)."""
MAX_STORIES = 100
PER_STORY = 3
SNIPPET_WORDS = 24
START, STOP = "\x02", "\x03"
"""Marks around matched words in what the database returns (stored texts never hold
control characters: `feeds.model.text.sanitize` removes them)."""
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


class SearchError(ValueError):
    """A search query without a word to look for."""


def search_words(query: str) -> list[str]:
    """The words of `query` (runs of letters and digits, at most `MAX_WORDS`); raises
    `SearchError` when there is none."""
    words = [word[:MAX_WORD_CHARS] for word in _WORD.findall(query or "")][:MAX_WORDS]
    if not words:
        raise SearchError(f"nothing to search for in {query!r}: give words of letters or "
                          "digits")
    return words


def search(engine: Engine, query: str, limit: int = 20,
           states: StoryStates | None = None) -> list[SearchGroup]:
    """Stories with the articles that hold every word of `query`, best first (see the
    module's contract)."""
    words = search_words(query)
    limit = max(1, min(limit, MAX_STORIES))
    with engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        ranked = _ranked_pg(conn, words) if postgres else _ranked_sqlite(conn, words)
        rows = _articles(conn, ranked)
        groups: dict[int, list[int]] = {}
        for article_id in ranked:
            story_id = rows.get(article_id, (None,))[0]
            if story_id is None or (story_id not in groups and len(groups) >= limit):
                continue
            shown = groups.setdefault(story_id, [])
            if len(shown) < PER_STORY:
                shown.append(article_id)
        chosen = [i for ids in groups.values() for i in ids]
        marks = _marks_pg(conn, words, chosen) if postgres else _marks_sqlite(conn, words, chosen)
    stories = {story.id: story
               for story in stories_by_ids(engine, list(groups), states or StoryStates())}
    return [SearchGroup(stories[story_id], tuple(
        SearchMatch(i, rows[i][1], aware(rows[i][2]), *marks.get(i, (Marked(""), Marked(""))))
        for i in ids)) for story_id, ids in groups.items() if story_id in stories]


def _fts_query(words: Sequence[str]) -> str:
    """An FTS5 query matching every word: each a quoted string (quotes doubled)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _ranked_sqlite(conn: Connection, words: list[str]) -> list[int]:
    """The best `CANDIDATES` article ids by BM25 (a title word weighing ten text words)
    among the newest `RANK_WINDOW` that match."""
    values = {"q": _fts_query(words), "n": CANDIDATES, "k": RANK_WINDOW - 1}
    values["floor"] = conn.execute(text(
        "SELECT rowid FROM article_fts WHERE article_fts MATCH :q "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :k"), values).scalar() or 0
    return list(conn.execute(text(
        "SELECT rowid FROM article_fts WHERE article_fts MATCH :q AND rowid >= :floor "
        "ORDER BY bm25(article_fts, 10.0, 1.0), rowid DESC LIMIT :n"), values).scalars())


def _ranked_pg(conn: Connection, words: list[str]) -> list[int]:
    """The best `CANDIDATES` article ids by `ts_rank` (title weight A, text B) among the
    newest `PG_RANK_WINDOW` that match."""
    values = {"q": " ".join(words), "n": CANDIDATES, "k": PG_RANK_WINDOW - 1,
              "w": PG_RANK_WINDOW}
    if _pg_expected(conn, values) < PG_BITMAP_BELOW:
        return list(conn.execute(text(_PG_RANKED_BITMAP), values).scalars())
    values["floor"] = conn.execute(text(_PG_FLOOR_WALK), values).scalar() or 0
    return list(conn.execute(text(
        "SELECT id FROM article, plainto_tsquery('english', :q) AS q "
        "WHERE search @@ q AND id >= :floor "
        "ORDER BY ts_rank(search, q) DESC, id DESC LIMIT :n"), values).scalars())


_PG_MATCHES = "SELECT id FROM article, plainto_tsquery('english', :q) AS q WHERE search @@ q"
_PG_FLOOR_WALK = f"{_PG_MATCHES} ORDER BY id DESC OFFSET :k LIMIT 1"
_PG_RANKED_BITMAP = (
    f"WITH m AS MATERIALIZED ({_PG_MATCHES}), w AS (SELECT id FROM m ORDER BY id DESC "
    "LIMIT :w) SELECT a.id FROM article a JOIN w ON a.id = w.id, "
    "plainto_tsquery('english', :q) AS q ORDER BY ts_rank(a.search, q) DESC, a.id DESC "
    "LIMIT :n")
"""The newest `PG_RANK_WINDOW` matches through the GIN index (every match's id, sorted),
ranked: for words the planner expects in fewer than `PG_BITMAP_BELOW` articles."""


def _pg_expected(conn: Connection, values: dict[str, Any]) -> float:
    """How many articles PostgreSQL's planner expects to match (its GIN statistics)."""
    plan = conn.execute(text(f"EXPLAIN (FORMAT JSON) {_PG_MATCHES}"), values).scalar()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def _articles(conn: Connection, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """(story id, outlet, published) of each article."""
    if not ids:
        return {}
    table = t.Article.__table__
    query = (text("SELECT id, story_id, outlet, published_at FROM article "
                  "WHERE id IN :ids AND muted = 0")  # a muted article is not listed
             .bindparams(bindparam("ids", expanding=True))
             .columns(table.c.id, table.c.story_id, table.c.outlet, table.c.published_at))
    return {row[0]: tuple(row[1:]) for row in conn.execute(query, {"ids": ids})}


def _marks_sqlite(conn: Connection, words: list[str],
                  ids: list[int]) -> dict[int, tuple[Marked, Marked]]:
    """Each article's title with its matches marked, and the passage of its text that
    holds the most of them."""
    if not ids:
        return {}
    query = text("SELECT rowid, highlight(article_fts, 0, :a, :b), "
                 "snippet(article_fts, 1, :a, :b, '…', :w) FROM article_fts "
                 "WHERE article_fts MATCH :q AND rowid IN :ids").bindparams(
        bindparam("ids", expanding=True))
    rows = conn.execute(query, {"a": START, "b": STOP, "w": SNIPPET_WORDS,
                                "q": _fts_query(words), "ids": ids})
    return {row[0]: (marked(row[1]), marked(row[2])) for row in rows}


def _marks_pg(conn: Connection, words: list[str],
              ids: list[int]) -> dict[int, tuple[Marked, Marked]]:
    """As `_marks_sqlite`, by `ts_headline` (over the first 20,000 characters)."""
    if not ids:
        return {}
    marks = f"StartSel={START}, StopSel={STOP}"
    query = text("SELECT id, ts_headline('english', title, q, :whole), "
                 "ts_headline('english', left(text, 20000), q, :part) "
                 "FROM article, plainto_tsquery('english', :q) AS q "
                 "WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
    rows = conn.execute(query, {
        "whole": f"HighlightAll=true, {marks}",
        "part": f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, {marks}",
        "q": " ".join(words), "ids": ids})
    return {row[0]: (marked(row[1]), marked(row[2])) for row in rows}


def marked(raw: str | None, limit: int = 1000) -> Marked:
    """Text with `START`/`STOP` marks as one line (single spaces, at most `limit`
    characters) and the spans of what they marked."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size, start = 0, None
    for piece in re.split(f"([{START}{STOP}])", _SPACES.sub(" ", raw or "").strip()):
        if piece == START:
            start = size
        elif piece == STOP:
            if start is not None and size > start:
                spans.append((start, min(size, limit)))
            start = None
        else:
            parts.append(piece)
            size += len(piece)
    return Marked("".join(parts)[:limit], tuple(span for span in spans if span[0] < limit))
