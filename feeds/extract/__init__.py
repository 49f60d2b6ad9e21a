"""Extraction: one Article -> its actors, mentions, places, attributions and events.

Contract: `extract(article)` is deterministic and pure (no I/O beyond the
curated data files and gazetteer packages, loaded once per process; no clock,
no network, no database; never imports textual). Offsets in the result index
`article.text`. Heading-like paragraphs (no final punctuation, under 15 words; or a line in
capitals) and `article.subheadings` give actors only through known names (`scan_heading`)
and no events. Event dates are resolved against `article.published`; relative dates of an
undated article stay unresolved
(`date_expr` keeps them for the story to resolve).

Imports: `feeds.model` only; never the store, the poll, the network or the read side
(`feeds.store`, `feeds.ingest`, `feeds.sources`, `feeds.read`): checked by
`.importlinter`, so extraction runs anywhere, worker processes included.
"""

from __future__ import annotations

import re

from feeds.extract.actors import ScanState, scan_heading, scan_sentence
from feeds.extract.aliases import resolve_actors
from feeds.extract.attributions import find_attributions
from feeds.extract.events import find_events
from feeds.extract.ner import recogniser
from feeds.extract.participants import official
from feeds.extract.reconcile import reconcile
from feeds.extract.sentences import Span, sentences, tokens
from feeds.model import Actor, Article, Extraction, Mention

__all__ = ["extract"]

_END_PUNCT = (".", "!", "?", "\"", "”", "’", "'", ")", ":")


def _is_heading(sentence: Span, text: str, subheadings: set[str]) -> bool:
    if sentence.text in subheadings:
        return True
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if line != sentence.text:
        return False
    return _in_capitals(line) or (not line.endswith(_END_PUNCT) and len(line.split()) < 15)


def _in_capitals(line: str) -> bool:
    """A headline set in capitals ("LEICESTERSHIRE TAKE OVER AT TOP."): two words or more."""
    if not line.isupper():  # a lower-case letter: most lines end here, cheaply
        return False
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 2 and len(letters) >= 6 and all(c.isupper() for c in letters)


def _places(actors: list[Actor], mentions: list[Mention]) -> list[str]:
    named = {m.actor for m in mentions if m.form in ("name", "acronym")}
    return [a.name for a in actors
            if a.kind == "place" or (a.kind == "country" and a.name in named)]


def extract(article: Article) -> Extraction:
    """Actors, mentions, places, attributions and event candidates of one article."""
    text = article.text
    subheadings = set(article.subheadings)
    sents, headings = [], []
    spans = sentences(text)
    for s in spans:
        (headings if _is_heading(s, text, subheadings) else sents).append(s)
    cut = {s.start: tokens(text, s.start, s.end) for s in spans}
    words = {at: list(map(re.Match.group, toks)) for at, toks in cut.items()}
    state = ScanState()
    for sentence in sents:
        scan_sentence(text, sentence, state, cut[sentence.start], words[sentence.start])
    for sentence in headings:
        scan_heading(text, sentence, state, cut[sentence.start])
    found = state.found
    model = recogniser()
    if model is not None:
        found = reconcile(text, found, model.entities(list(cut.values()), list(words.values())))
    mentions, actors = resolve_actors(found)
    attributions = find_attributions(text, mentions)
    officials = frozenset(a.name for a in actors if a.kind == "person" and official(a.role))
    events = find_events(text, sents, mentions, attributions, article.published, article.title,
                         officials)
    return Extraction(actors, mentions, _places(actors, mentions), attributions, events)
