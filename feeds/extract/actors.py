"""Actor mentions of one sentence: persons (with roles), organisations, countries, places.

Contract: `scan_sentence(text, sentence, state)` appends `Candidate`s for the
sentence text[sentence.start:sentence.end] to `state.found`; offsets index the
article text. Order of rules at each token: a titled person ("Syrian Foreign
Minister Asaad al-Shaibani" -> person, role "Syrian Foreign Minister"), a known
name (gazetteer; a country qualifying a government body becomes that body:
"Syria's Foreign Ministry" -> "Syrian Foreign Ministry"), an acronym learned
from "Name (ACR)", an anti-X coalition, a guarded fuzzy match of a known name
("Daeshf" -> Daesh), else a run of unknown capitalised words (organisation or
place by suffix; person when it opens with a given name or an initial; else an
organisation). A place in a results line ("Leeds 3 Chelsea 1", "v Leeds") is a
team (organisation). Single unknown words are kept as `pending` for
`feeds.extract.aliases` to resolve against the article's full names.
`scan_heading` reads headlines and datelines for known names only.
Capitalised function words, weekdays and months are never actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from feeds.extract.gazetteer import Entry, Gazetteer, Index, as_entry, gazetteer
from feeds.extract.sentences import Span, Token, tokens
from feeds.model import ActorKind, MentionForm

_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_NAME = re.compile(r"^(?:[A-Z][\w'’-]*|(?:al|el|abu|bin|ibn)-[A-Z][\w'’-]*)$")
_COALITION = re.compile(
    r"\b(?:(?:the|an?)\s+)?(?:(?:international|global|US-led|U\.S\.-led)\s+)?anti-(?P<org>[A-Z][\w]*)"
    r"\s+(?:(?:international|global|military|US-led|U\.S\.-led)\s+)?(?P<word>coalition|alliance)\b"
)
_THE_COALITION = re.compile(r"\bthe (coalition|alliance)\b")
_PARTICLE_HEADS = {"Abu", "Bin", "Ibn", "Sheikh"}
_OPENERS = {'"', "“", "‘", "'", "(", ":", "—", "-"}


@dataclass(slots=True)
class Candidate:
    """A mention before article-level alias resolution."""

    start: int
    end: int
    text: str
    name: str
    kind: ActorKind
    form: MentionForm = "name"
    role: str | None = None
    pending: bool = False
    """A lone unknown capitalised word: kept only if it resolves to a known name."""
    speaker: bool = False
    """Followed by a speech verb ("Rubio said"): a person if unresolved."""
    titled: bool = False
    initial: bool = False
    """Opens its sentence, so its capital letter says nothing."""
    known: bool = False
    """A gazetteer name, a learned acronym or a name the article's body introduced."""
    fuzzy: bool = False
    """Known by a guarded fuzzy match ("Daeshf" -> Daesh): a spelling, not yet evidence."""


@dataclass(slots=True)
class ScanState:
    """What one article's scan has learned so far."""

    found: list[Candidate] = field(default_factory=list)
    acronyms: dict[str, Entry] = field(default_factory=dict)
    coalitions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Sentence:
    text: str
    toks: list[Token]
    words: list[str]
    lowers: list[str]
    claimed: set[int]
    last_title: int = -1
    """The index of the last token that may begin a title (-1 if none): no titled person
    starts after it."""

    def opens(self, i: int) -> bool:
        """Whether token i begins the sentence or a quotation."""
        return i == 0 or self.words[i - 1] in _OPENERS


def scan_sentence(text: str, sentence: Span, state: ScanState,
                  toks: list[Token] | None = None, words: list[str] | None = None) -> None:
    """Find the actor mentions of one sentence (`toks`: its tokens, if cut, and `words`
    their texts) into `state`."""
    g = gazetteer()
    toks = tokens(text, sentence.start, sentence.end) if toks is None else toks
    words = list(map(re.Match.group, toks)) if words is None else words
    s = _Sentence(text, toks, words, list(map(str.lower, words)), set())
    openings = _openings(s, g)
    titles = g.titles.longest
    s.last_title = max((k for k in openings if s.lowers[k] in titles), default=-1)
    _coalitions(s, sentence, state, g)
    i = 0  # the first token not yet read
    for k in openings:
        if k >= i and k not in s.claimed:
            i = _titled(s, k, state, g) or _known(s, k, state, g) or _unknown(s, k, state, g)


def scan_heading(text: str, sentence: Span, state: ScanState,
                 toks: list[Token] | None = None) -> None:
    """Known names only in a headline, dateline or subheading, where capitals say nothing:
    gazetteer names (an all-capitals word is also tried in title case: "LONDON") and the
    names the article's body already introduced. Call after the body is scanned."""
    g = gazetteer()
    toks = tokens(text, sentence.start, sentence.end) if toks is None else toks
    words = list(map(re.Match.group, toks))
    titled = [w if "." in w else w[:1] + w[1:].lower() for w in words]
    body = _body_names(state)
    trusted = {c.name for c in state.found if c.known or c.titled}
    i = 0
    while i < len(words):
        hit, listed = None, False
        if words[i][:1].isupper():
            for ws in (words, titled):
                hit = g.names.match(ws, i) or _learned(ws[i], state)
                listed = hit is not None
                hit = hit or body.match(ws, i)
                if hit:
                    break
        if not hit and words[i][:1].isupper():
            hit = _unknown_team(words, i, g)
        if not hit:
            i += 1
            continue
        n, entry = hit
        team = _as_team(entry, words, i, n)  # a rule's guess, not a known name
        known = team is entry and (listed or entry.name in trusted)
        _add(state, text, toks[i].start(), toks[i + n - 1].end(), team.name, team.kind,
             team.form, known=known)
        i += n


def _unknown_team(words: list[str], i: int, g: Gazetteer) -> tuple[int, Entry] | None:
    """Unknown capitalised words followed by a score in a results line: a team."""
    j = i
    while j < len(words) and j - i < 4 and _NAME.match(words[j]) and (
            words[j].lower() not in g.function_words):
        j += 1
    if j == i or not _team(words, i, j - i):
        return None
    return j - i, Entry(" ".join(words[i:j]), "organization")


_SCORE = re.compile(r"^\d{1,3}$")
_VERSUS = {"v", "vs", "V", "VS", "AT"}


def _team(words: list[str], i: int, n: int) -> bool:
    """A place named in a results line is a team: "Leeds 3 Chelsea 1", "v Leeds",
    "ATLANTA AT CHICAGO" (a score is one to three digits, so a year never counts)."""
    after = words[i + n] if i + n < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    return bool(_SCORE.match(after)) or before in _VERSUS or after in _VERSUS


def _as_team(entry: Entry, words: list[str], i: int, n: int) -> Entry:
    if entry.kind == "place" and _team(words, i, n):
        return Entry(entry.name, "organization")
    return entry


def _body_names(state: ScanState) -> Index:
    """The article's own names so far (full names and their last words) as an index."""
    index = Index()
    for c in state.found:
        if c.pending or c.form != "name":
            continue
        entry = Entry(c.name, c.kind)
        index.keys[tuple(c.text.split())] = entry
        index.keys[tuple(c.name.split())] = entry
        if c.kind == "person" and " " in c.name:
            index.keys[(c.name.split()[-1],)] = entry
    for key in index.keys:
        index.longest[key[0]] = max(index.longest.get(key[0], 0), len(key))
    return index


def _openings(s: _Sentence, g: Gazetteer) -> list[int]:
    """Indexes of the tokens a mention may start at: capitalised words, first words of
    titles and title modifiers ("former")."""
    openers, lowers = g.title_openers, s.lowers
    return [i for i, w in enumerate(s.words) if w[0].isupper() or lowers[i] in openers]


def _coalitions(s: _Sentence, sentence: Span, state: ScanState, g: Gazetteer) -> None:
    if s.text.find("anti-", sentence.start, sentence.end) >= 0:  # in every match: the cheap test
        _anti_coalitions(s, sentence, state, g)
    if state.coalitions:
        for m in _THE_COALITION.finditer(s.text[sentence.start : sentence.end]):
            a, b = sentence.start + m.start(1), sentence.start + m.end(1)
            if not any(a >= c.start and b <= c.end for c in state.found):
                _add(state, s.text, a, b, state.coalitions[-1], "organization")


def _anti_coalitions(s: _Sentence, sentence: Span, state: ScanState, g: Gazetteer) -> None:
    """Anti-X coalitions ("the anti-ISIS coalition"): organisations, and what a later "the
    coalition" refers to."""
    for m in _COALITION.finditer(s.text, sentence.start, sentence.end):
        org = g.names.match([m.group("org")], 0) or _fuzzy_match(m.group("org"))
        core = org[1].name if org else m.group("org")
        name = f"anti-{core} {m.group('word')}"
        start = m.start("org") - len("anti-")
        for prefix in ("international ", "global "):
            if s.text[start - len(prefix) : start] == prefix:
                start -= len(prefix)
        _add(state, s.text, start, m.end(), name, "organization")
        if name not in state.coalitions:
            state.coalitions.append(name)
        s.claimed.update(i for i, t in enumerate(s.toks) if start <= t.start() < m.end())


def _add(state: ScanState, text: str, start: int, end: int, name: str, kind: ActorKind,
         form: MentionForm = "name", *, role: str | None = None, pending: bool = False,
         speaker: bool = False, titled: bool = False, initial: bool = False,
         known: bool = False, fuzzy: bool = False) -> None:
    state.found.append(Candidate(start, end, text[start:end], name, kind, form, role, pending,
                                 speaker, titled, initial, known, fuzzy))


def _is_name_word(s: _Sentence, j: int, g: Gazetteer) -> bool:
    if not _name_shaped(s.words[j]):
        return False
    known = g.names.match(s.words, j)
    return not (known and known[1].kind in ("country", "organization"))


@lru_cache(maxsize=1 << 16)
def _name_shaped(word: str) -> bool:
    """A word that may be part of a name: capitalised (or "al-X"), neither a function word
    nor an acronym. Asked of the same words again and again, so remembered."""
    if not _NAME.match(word) or word.lower() in gazetteer().function_words:
        return False
    return not (_ACRONYM.match(word) and len(word) > 1)


def _titled(s: _Sentence, i: int, state: ScanState, g: Gazetteer) -> int:
    """A person introduced by a title; returns the next index, or 0."""
    if i > s.last_title:
        return 0
    j = i
    while j < len(s.words) and s.lowers[j] in g.modifiers:
        j += 1
    qualifier = g.names.match(s.words, j) if j < len(s.words) else None
    if qualifier and qualifier[1].kind != "person":
        j += qualifier[0]
        j += 1 if j < len(s.words) and s.words[j] in ("'s", "’s") else 0
        body = g.bodies.match(s.words, j) if j < len(s.words) else None
        j += body[0] if body else 0
    title = g.titles.match(s.lowers, j) if j < len(s.words) else None
    if not title:
        return 0
    j += title[0]
    more = g.titles.match(s.lowers, j) if j < len(s.words) else None
    j += more[0] if more else 0
    k = j
    while k < len(s.words) and k - j < 4 and _is_name_word(s, k, g):
        k += 1
    if k == j:
        return 0
    role = s.text[s.toks[i].start() : s.toks[j - 1].end()]
    name = " ".join(s.words[j:k])
    _add(state, s.text, s.toks[j].start(), s.toks[k - 1].end(), name, "person", role=role,
         titled=True, speaker=_speaker(s, k, g))
    return k


def _speaker(s: _Sentence, k: int, g: Gazetteer) -> bool:
    return k < len(s.words) and s.lowers[k] in g.speech_verbs


def _known(s: _Sentence, i: int, state: ScanState, g: Gazetteer) -> int:
    """A gazetteer name, a learned acronym or a fuzzy match; the next index, or 0."""
    hit = g.names.match(s.words, i) or _learned(s.words[i], state)
    fuzzy = False
    if not hit and not (s.opens(i) and s.lowers[i] in g.function_words):
        hit = _fuzzy_match(s.words[i])  # the cheaper test first: most words match nothing
        if hit and _next_is_name(s, i, g):
            hit = None
        fuzzy = hit is not None
    if not hit:
        return 0
    n, entry = hit
    j = i + n
    if entry.kind == "country" and j < len(s.words):
        j2 = j + (1 if s.words[j] in ("'s", "’s") else 0)
        body = g.bodies.match(s.words, j2) if j2 < len(s.words) else None
        if body:
            end = j2 + body[0]
            name = f"{entry.adjective} {body[1].name}"
            _add(state, s.text, s.toks[i].start(), s.toks[end - 1].end(), name, "organization",
                 known=True)
            return _acronym_definition(s, end, name, "organization", state)
    team = _as_team(entry, s.words, i, n)  # a rule's guess, not a known name
    _add(state, s.text, s.toks[i].start(), s.toks[j - 1].end(), team.name, team.kind, team.form,
         known=team is entry, fuzzy=fuzzy)
    return _acronym_definition(s, j, team.name, team.kind, state)


def _next_is_name(s: _Sentence, i: int, g: Gazetteer) -> bool:
    return i + 1 < len(s.words) and _is_name_word(s, i + 1, g)


def _learned(word: str, state: ScanState) -> tuple[int, Entry] | None:
    entry = state.acronyms.get(word)
    return (1, entry) if entry else None


@lru_cache(maxsize=1 << 16)
def _fuzzy_match(word: str) -> tuple[int, Entry] | None:
    """A misspelt known name: one appended or doubled letter ("Daeshf" -> Daesh). Asked of
    every capitalised word that is no known name, so remembered (the result is immutable)."""
    g = gazetteer()
    if len(word) < 6 or not word[0].isupper() or word.lower() in g.function_words:
        return None
    variants = [word[:-1]] + [word[:k] + word[k + 1 :] for k in range(1, len(word))
                              if word[k] == word[k - 1]]
    for variant in variants:
        known = g.single.get(variant)
        entry = as_entry(known) if known is not None else None
        if entry is not None and len(variant) >= 5 and entry.form == "name":
            return 1, Entry(entry.name, entry.kind, "name", entry.adjective)
    return None


def _acronym_definition(s: _Sentence, j: int, name: str, kind: ActorKind, state: ScanState) -> int:
    """Learn "Name (ACR)"; returns the index after the definition, or j."""
    if j + 2 < len(s.words) and s.words[j] == "(" and s.words[j + 2] == ")":
        acr = s.words[j + 1]
        if _ACRONYM.match(acr):
            state.acronyms.setdefault(acr, Entry(name, kind, "acronym"))
            tok = s.toks[j + 1]
            _add(state, s.text, tok.start(), tok.end(), name, kind, "acronym")
            return j + 3
    return j


def _unknown(s: _Sentence, i: int, state: ScanState, g: Gazetteer) -> int:
    """A run of unknown capitalised words; always returns the next index."""
    if not s.words[i][0].isupper() or s.lowers[i] in g.function_words:
        return i + 1
    j = i
    while j < len(s.words) and (j == i or not _stops_run(s, j, g, i)):
        if j == i and _is_initial(s, j):
            j += 3 if s.words[j + 1] == "." else 2  # the initial and the surname
        elif _is_name_word(s, j, g) or (j == i and "." in s.words[j]):
            j += 1
        elif j > i and _connector(s, j, g):
            j += 2
        else:
            break
    if j == i:
        return i + 1
    run = s.words[i:j]
    start, end = s.toks[i].start(), s.toks[j - 1].end()
    if len(run) == 1:
        _single(s, i, state, g)
        return j
    kind = _run_kind(run, g, s.opens(i))
    if kind:
        name = " ".join(run).replace(" .", ".")
        _add(state, s.text, start, end, name, kind)
        return _acronym_definition(s, j, name, kind, state)
    return j


def _is_initial(s: _Sentence, j: int) -> bool:
    """A lone capital letter ("G Hamilton", "J. Smith") that opens a name."""
    w = s.words[j]
    if len(w) != 1 or not w.isupper() or j + 1 >= len(s.words):
        return False
    k = j + 2 if s.words[j + 1] == "." else j + 1
    return k < len(s.words) and _NAME.match(s.words[k]) is not None and len(s.words[k]) > 1


def _stops_run(s: _Sentence, j: int, g: Gazetteer, i: int) -> bool:
    """A title or a known name ends a run, except a one-word place after a first name
    ("Mike Atherton": a surname that some town also bears)."""
    if g.titles.match(s.lowers, j) and s.words[j][0].isupper():
        return True
    known = g.names.match(s.words, j)
    if known and known[0] == 1 and known[1].kind == "place" and s.words[i] in g.first_names:
        return False
    return bool(known)


def _connector(s: _Sentence, j: int, g: Gazetteer) -> bool:
    """'of' / 'for' / 'and' inside an organisation name ("Ministry of Defense")."""
    return (
        s.lowers[j] in ("of", "for", "and")
        and s.words[j - 1] in g.org_suffixes
        and j + 1 < len(s.words)
        and _NAME.match(s.words[j + 1]) is not None
    )


def _run_kind(run: list[str], g: Gazetteer, initial: bool = False) -> ActorKind | None:
    """Organisation or place by suffix; a person when it opens with a first name or an
    initial; otherwise an organisation (a run of capitalised words that names no one)."""
    if any(w in g.org_suffixes for w in run):
        return "organization"
    if run[-1] in g.place_name_suffixes:
        return "place"
    if not all(w == "." or w.replace("-", "").replace("'", "").isalpha() for w in run):
        return None
    first = run[0].rstrip(".")
    if len(run) <= 4 and (first in g.first_names or len(first) == 1 or run[0] in _PARTICLE_HEADS):
        return "person"
    if initial and len(run) == 2:
        return None
    return "organization"


def _single(s: _Sentence, i: int, state: ScanState, g: Gazetteer) -> None:
    word = s.words[i]
    if "." in word or word.isupper():
        return
    tok = s.toks[i]
    _add(state, s.text, tok.start(), tok.end(), word, "person", pending=True,
         speaker=_speaker(s, i + 1, g), initial=s.opens(i))
