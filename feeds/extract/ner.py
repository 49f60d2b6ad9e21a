"""The learned entity recogniser: names of people, organisations, places and other kinds.

Contract: `recogniser()` returns the process-wide `Recogniser`, or None when the
model cannot load (python-crfsuite missing, the model file absent or unreadable);
callers then keep the rules alone. The failure is logged once per process.
`Recogniser.entities(cut)` returns, for the sentences of one article given as their
tokens (`sentences.tokens`, in text order), the entities as (start, end, type) in
text order, offsets into the article's text, type one of PER, ORG, LOC, MISC
(CoNLL-2003's); `entities_of(text)` cuts the text itself. The model is a linear-chain CRF over the
features of `ner_features`, trained from CoNLL-2003 by `tools/train_ner.py`; it
ships as `data/ner.crfsuite`. Deterministic; no I/O after the one load. A crfsuite
tagger keeps the sequence it tags: one thread of a process tags at a time (extraction
runs in the pipeline's thread or in a worker process; the forkserver loads the model
before it forks, and each worker has its copy).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from feeds.extract.ner_features import segments, sentence_features
from feeds.extract.sentences import Token, sentences, tokens

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ner.crfsuite"
_WORDLIKE = re.compile(r"[^\W_]")
log = logging.getLogger(__name__)

Entity = tuple[int, int, str]


def spans_of(toks: list[Token], tags: list[str]) -> list[Entity]:
    """Entities of BIO tags: an I- after another type or after O opens one too; a token
    with no letter or digit opens none (". Smith" is "Smith") and ends none."""
    out: list[Entity] = []
    open_type, start, end = "", 0, 0
    for tok, tag in zip(toks, tags, strict=True):
        prefix, _, kind = tag.partition("-")
        if prefix != "O" and not _WORDLIKE.search(tok.group()):
            if not (prefix == "I" and kind == open_type):
                tag, prefix, kind = "O", "O", ""  # closes what is open, opens nothing
            else:
                continue  # inside ("O'Brien", "J. Smith"): the end waits for a word
        if prefix == "I" and kind == open_type:
            end = tok.end()
            continue
        if open_type:
            out.append((start, end, open_type))
        open_type, start, end = (kind, tok.start(), tok.end()) if prefix in "BI" and kind else (
            "", 0, 0)
    if open_type:
        out.append((start, end, open_type))
    return out


class Recogniser:
    """A loaded model: tags the sentences of one article at a time."""

    def __init__(self, tagger: Any) -> None:
        self._tagger = tagger

    def entities(self, cut: list[list[Token]],
                 words: list[list[str]] | None = None) -> list[Entity]:
        """The entities of an article's sentences, given as their tokens (and their texts,
        `words`, when the caller has them), in text order."""
        out: list[Entity] = []
        for k, toks in enumerate(cut):
            w = words[k] if words is not None else list(map(re.Match.group, toks))
            runs = segments(w)
            if runs:
                for run, feats in zip(runs, sentence_features(w, runs), strict=True):
                    out.extend(spans_of(toks[run.start : run.stop], self._tagger.tag(feats)))
        return out

    def entities_of(self, text: str) -> list[Entity]:
        """The entities of a whole text, cut into sentences and tokens here."""
        return self.entities([tokens(text, s.start, s.end) for s in sentences(text)])


@lru_cache(maxsize=1)
def recogniser(path: Path = MODEL_PATH) -> Recogniser | None:
    """The process-wide recogniser, or None (logged once) when the model cannot load."""
    try:
        import pycrfsuite
    except ImportError:
        log.warning("entity model off: python-crfsuite is not installed; rules only")
        return None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as e:
        log.warning("entity model off: cannot load %s (%s); rules only; rebuild it with "
                    "python tools/train_ner.py", path, e)
        return None
    return Recogniser(tagger)
