"""Token features of the entity model: what `tools/train_ner.py` trains on and `ner` tags with.

Contract: `segments(words)` gives the runs of a sentence's tokens worth tagging
(words as `sentences.tokens` cuts them); `sentence_features(words, runs)` returns,
per run, one list of feature strings per token. Features are of the word itself
(lower case, shape, last three letters), of its neighbours (two each side), of the
gazetteer (a known name starting at or covering the token, with its kind: the
rules' knowledge as evidence), of closed word lists (given names, titles,
organisation and place suffixes, function words, speech verbs), of its place (the
first of a sentence or quotation) and of the line (set in capitals, where capitals
say nothing). Pure and deterministic: training and tagging see the same strings.
Features of a word alone are remembered per word, as news repeats its words.
Measured on CoNLL dev, prefixes, two-letter suffixes and the article's other uses
of a word (in lower case, capitalised mid-sentence) added nothing, so none is here.
"""

from __future__ import annotations

import string
from functools import lru_cache
from itertools import groupby

from feeds.extract.gazetteer import gazetteer

_OPENERS = {'"', "“", "‘", "'", "(", ":", "—", "-", "–"}
_ASCII_CLASSES = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "X"),
                                **dict.fromkeys(string.ascii_lowercase, "x"),
                                **dict.fromkeys(string.digits, "d")})


def in_capitals(words: list[str]) -> bool:
    """A line set in capitals ("SOCCER - LEEDS WIN"): its capitals say nothing."""
    return len(words) >= 2 and "".join(words).isupper()


@lru_cache(maxsize=1 << 15)
def shape(word: str) -> str:
    """Letters as X/x, digits as d, runs squeezed: "McDonald" -> "XxXx", "1996" -> "d"."""
    if word.isascii():  # most words: one table lookup per character
        classes = word.translate(_ASCII_CLASSES)
    else:
        classes = "".join(["X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit()
                           else c for c in word])
    return "".join([c for c, _ in groupby(classes)])


@lru_cache(maxsize=1 << 15)
def _own(word: str) -> tuple[str, ...]:
    """The features of a word alone."""
    g = gazetteer()
    low = word.lower()
    out = [f"w={low}", f"sh={shape(word)}", f"s3={low[-3:]}"]
    titled = word[:1] + word[1:].lower() if word.isupper() and len(word) > 1 else word
    if titled in g.first_names:
        out.append("first")
    if low in g.titles.longest:
        out.append("title")
    if titled in g.org_suffixes:
        out.append("orgsfx")
    if titled in g.place_name_suffixes:
        out.append("placesfx")
    if low in g.function_words:
        out.append("fw")
    if low in g.speech_verbs:
        out.append("say")
    if len(word) == 1 and word.isupper():
        out.append("initial")
    return tuple(out)


@lru_cache(maxsize=1 << 15)
def _word(word: str) -> tuple[tuple[str, ...], ...]:
    """A word's own features, then those it lends a token it stands 2 and 1 before, and 1
    and 2 after."""
    low, sh = word.lower(), shape(word)
    return (_own(word), *((f"{off}w={low}", f"{off}sh={sh}") for off in (-2, -1, 1, 2)))


def _known(words: list[str], caps: bool) -> list[str]:
    """Per token the gazetteer's word: "B-country", "I-place", or ""."""
    g = gazetteer()
    forms = [w[:1] + w[1:].lower() if w.isupper() and "." not in w else w
             for w in words] if caps else words
    out = [""] * len(words)
    after = 0  # the first token no match covers
    for i in [i for i, w in enumerate(forms) if w[:1].isupper()]:
        if i < after:
            continue
        hit = g.names.match(forms, i)
        if hit:
            n, entry = hit
            kind = entry.kind if entry.form != "demonym" else "demonym"
            out[i] = f"B-{kind}"
            for k in range(i + 1, i + n):
                out[k] = f"I-{kind}"
            after = i + n
    return out


def segments(words: list[str]) -> list[range]:
    """The runs of tokens worth tagging: capitalised words that are no function words
    ("The", "He" open sentences), with up to two tokens between two of them ("Bank of
    England", "J. Smith") and the token before the first (the label it follows). A name
    has a capital letter, so other tokens are outside every entity; the model tags each
    run alone, and is trained on the same runs. (A token after the last too was measured:
    no better on CoNLL dev, and a fifth more to tag.)"""
    fw = gazetteer().function_words
    runs: list[range] = []
    for i in [i for i, w in enumerate(words) if w[:1].isupper()]:
        if words[i].lower() in fw:
            continue
        if runs and i - runs[-1].stop <= 2:
            runs[-1] = range(runs[-1].start, i + 1)
        else:
            runs.append(range(max(0, i - 1), i + 1))
    return runs


def sentence_features(words: list[str], runs: list[range] | None = None
                      ) -> list[list[list[str]]]:
    """Per run (default: the whole sentence) one list of feature strings per token;
    neighbours are read across the run's edges, from the whole sentence."""
    caps = in_capitals(words)
    known = _known(words, caps)
    info = list(map(_word, words))
    n = len(words)
    lead = ("bias", "caps") if caps else ("bias",)
    out = []
    for run in runs if runs is not None else [range(n)]:
        feats = []
        for i in run:
            f = [*lead, *info[i][0]]
            if i == 0 or words[i - 1] in _OPENERS:
                f.append("start")
            if known[i]:
                f.append(f"gz={known[i]}")
            f.extend(info[i - 2][1] if i >= 2 else ("-2edge",))
            if i >= 1:
                f.extend(info[i - 1][2])
                if known[i - 1]:
                    f.append(f"-1gz={known[i - 1]}")
            else:
                f.append("-1edge")
            if i + 1 < n:
                f.extend(info[i + 1][3])
                if known[i + 1]:
                    f.append(f"1gz={known[i + 1]}")
            else:
                f.append("1edge")
            f.extend(info[i + 2][4] if i + 2 < n else ("2edge",))
            feats.append(f)
        out.append(feats)
    return out
