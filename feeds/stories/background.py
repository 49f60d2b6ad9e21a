"""Background word frequencies, so IDF means something before the stream has taught it.

Contract: `prior_df(word)` is the expected share of news articles (0..1) that
contain `word`, estimated from the Zipf frequency of the word in general English
(the `wordfreq` package, aggregated into `data/background.tsv.gz`, one
`word<TAB>zipf` line per word, the 60,000 commonest words). Words absent from the
table are rarer than all of them. `python -m feeds.stories.background` rebuilds
the table (needs `pip install wordfreq`, the `stories-data` extra).
"""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "background.tsv.gz"
WORDS = 60_000
ARTICLE_WORDS = 400
"""Typical length of an article, to turn a word frequency into a document frequency."""


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """word -> Zipf frequency (log10 of occurrences per billion words)."""
    if not TABLE.exists():
        return {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as handle:
        pairs = (line.rstrip("\n").split("\t") for line in handle)
        return {word: float(zipf) for word, zipf in pairs}


@lru_cache(maxsize=1)
def prior_df_table() -> dict[str, float]:
    """word -> expected share of articles containing it (Poisson over an article)."""
    return {word: 1.0 - math.exp(-ARTICLE_WORDS * 10 ** (zipf - 9.0))
            for word, zipf in zipf_table().items()}


def build(path: Path = TABLE, words: int = WORDS) -> int:
    """Write the table from `wordfreq`; returns the number of words written."""
    import wordfreq  # only needed to rebuild the shipped table

    rows = []
    for word in wordfreq.top_n_list("en", words):
        if word.isascii() and any(c.isalpha() for c in word):
            rows.append(f"{word}\t{wordfreq.zipf_frequency(word, 'en'):.2f}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("".join(rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} words written to {TABLE}")
