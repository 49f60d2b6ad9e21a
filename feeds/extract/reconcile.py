"""The rules' actor candidates checked against the learned model's entities.

Contract: `reconcile(text, found, entities)` returns the candidates an article
keeps, given the rule candidates `found` (from `actors`) and the model's entities
(start, end, PER/ORG/LOC/MISC) of the same text. The model decides whether a span
names an entity and of which type; the rules give canonical names, roles, forms
and the names they know:
- a rule candidate on exactly a model entity keeps its name; its kind follows the
  model's where they disagree, except for a name the rules know as a person, a body
  or a country; a known place may be a person's name, or a team where the article
  speaks of sport ("Leeds beat Chelsea in the cup": `_SPORT`) or a body's name opens
  with it ("Summit" said, after "Summit Entertainment"), but "visited Marseille" keeps a
  town; a place the model calls LOC stays a place or a country;
- a spelling the rules matched to a known name ("Daeshf" -> Daesh) is kept only with
  evidence: the article spells the name right elsewhere, or the model reads an entity
  of that kind there ("Blomberg" read as a person is no misspelt Bloomberg);
- a titled person (under the model's reading of the name where the two overlap: "Coach
  Jim O'Brien" is "Jim O'Brien"; with the qualifier of the role: "U.S." of "U.S.
  Secretary of State Marco Rubio" is no actor of its own), an acronym, a demonym, a
  metonym and a coalition are kept as the rules found them;
- a known name is kept unless a model entity reads further than it ("Gary" of "Gary
  Smith"); a known place only where the model also sees an entity (a town's name is
  often a word or a person's name);
- any other rule candidate the model does not tag exactly is dropped (a capitalised
  word that is no name: "Neighbors", "Chair");
- a name ending in "County", "Parish"... is no person but a place, and one ending in a
  street word ("Oak Street", "College Ave.") a place, unless it is a person's name not
  after "on", "at"... or a house number; "Vance St" is never a person; a known town the
  model reads as a person's name stays a town where it qualifies a person or a dwelling
  ("his Glen Flora home", "a Vista boy") or opens a dateline ("VISTA - A boy died");
  an AP state abbreviation is its state ("Gary, Ind.");
- a model entity is cut at a spaced dash or bar ("Peter Hvizdak — Register"); one that
  ends at a letter and an apostrophe or goes on after them is no entity ("Lake O" and
  "Pines" of "Lake O' the Pines"); a place or body that runs on into a full name the model
  reads as a person elsewhere in the article is that person (a headline run into the text: "Killed
  in Southeast DC Ann Lee was shot");
- a lone word the rules left pending is kept where it is the surname of a full name
  the article gives (the model may pass over "Trump" after "Donald Trump");
- a lone word for people, a title, a function word or a time ("Officers", "Neighbors",
  "Chair", "Noon", "Sunday"), for a web page's furniture ("Gallery", "Video") or of an
  exclamation ("Oh", "Please") is no actor, whatever the model says, nor a person whose
  name holds a word of a criminal charge ("First Degree Murder", "Reckless Conduct");
- a model entity no kept candidate overlaps becomes a candidate of its own (MISC
  entities are not actors and are skipped).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property, lru_cache
from itertools import accumulate

from feeds.extract.actors import Candidate
from feeds.extract.gazetteer import gazetteer
from feeds.extract.names import core, surname
from feeds.extract.people import PEOPLE_NOUNS, PERSON_NOUNS
from feeds.extract.scene import STREETS, us_state
from feeds.extract.sentences import token_texts
from feeds.model import ActorKind

Entity = tuple[int, int, str]
_KIND: dict[str, ActorKind] = {"PER": "person", "ORG": "organization", "LOC": "place"}
_KEPT_FORMS = ("acronym", "demonym", "metonym")
_SPORT = re.compile(
    r"\b(?:goals?|scored|league|cup|match(?:es)?|season|coach|striker|midfielder|defender|"
    r"goalkeeper|innings|wickets?|tournament|championship|play-?offs?|(?:semi|quarter)-finals?|"
    r"half-?time|touchdowns?|rebounds|pitcher|quarterback|seeded|standings)\b")
"""Words of sport (in lower case, as running text has them; ignoring case would take five
times as long): an article with none of them names no team after a town."""
_STREET_WORDS = frozenset(w.rstrip(".") for w in STREETS)
_STREET_ABBREVIATIONS = frozenset({"St", "Ave", "Rd", "Blvd", "Hwy", "Pkwy"})
"""Street words that end no one's name ("Vance St"), unlike "Pike" or "Lane"."""
_AREAS = frozenset({"County", "Parish", "Province", "Governorate"})
_COMPASS = frozenset(("North", "South", "East", "West", "N", "S", "E", "W", "NE", "NW", "SE",
                      "SW", "Northeast", "Northwest", "Southeast", "Southwest"))
"""Before a street's name ("on North Foster Drive"), as a person's name never has."""
_LOCATIVE = frozenset({"on", "at", "near", "along", "off", "of", "onto", "in", "from", "to"})


class _Reading:
    """What the model and the rules say about one article, for the rules below."""

    def __init__(self, text: str, found: list[Candidate], entities: list[Entity]) -> None:
        self.text = text
        self.entities = _person_tails(text, [c for e in entities if (c := _cut(text, e))])
        self.exact = {(a, b): kind for a, b, kind in self.entities}
        self.starts = [a for a, _, _ in self.entities]
        self.heads = {text[a:b].split()[0] for a, b, kind in self.entities
                      if kind == "ORG" and " " in text[a:b]}
        self.surnames = _surnames(text, found, self.entities)
        self.spelt = {c.name for c in found if c.known and not c.fuzzy}

    @cached_property
    def sport(self) -> bool:
        """Whether the article speaks of sport (read once, if ever asked)."""
        return _SPORT.search(self.text) is not None


def reconcile(text: str, found: list[Candidate], entities: list[Entity]) -> list[Candidate]:
    """The candidates an article keeps (see the module docstring). `entities` are in text
    order and do not overlap, as the model gives them."""
    r = _Reading(text, found, entities)
    kept: list[Candidate] = []
    for c in found:
        kind = r.exact.get((c.start, c.end))
        if c.fuzzy and c.name not in r.spelt and (
                kind not in _KIND or not _same_sort(_KIND[kind], c.kind)):
            continue  # "Blomberg" the model reads as a person is no misspelt Bloomberg
        if kind is not None:
            if _exact_kept(c, kind, r):
                kept.append(c)
            continue
        overlapping = _overlapping(r.entities, r.starts, c.start, c.end)
        if c.titled:
            kept.append(_widened(text, c, overlapping))
        elif _rules_hold(c, overlapping) or (not overlapping and core(c.text) in r.surnames):
            kept.append(c)
    kept.extend(_candidate(text, a, b, _KIND[kind])
                for a, b, kind in _uncovered(text, kept, r.entities)
                if not _no_name(text[a:b], kind))
    kept.sort(key=lambda c: c.start)
    return kept


def _exact_kept(c: Candidate, kind: str, r: _Reading) -> bool:
    """Whether a candidate on exactly a model entity of `kind` is kept, retyped where the
    model's kind wins (see the contract)."""
    state = _state_abbreviation(r.text, c.start, c.end)
    if state:  # "Gary, Ind.": the rules' pending "Ind" is Indiana
        c.name, c.kind, c.form, c.pending = state, "place", "name", False
        return True
    if kind not in _KIND or (_no_name(c.text, kind) and not (c.known and c.kind != "place")):
        return c.form in _KEPT_FORMS or c.titled or (c.known and c.kind != "place")
    model_kind = _street(_KIND[kind], r.text, c.start, c.end)
    if c.known and c.kind == "place":
        if model_kind == "organization" and not (r.sport or c.text in r.heads):
            model_kind = c.kind  # "visited Marseille"; but "Leeds won the cup"
        elif model_kind == "person" and _placed(r.text, c.start, c.end):
            model_kind = c.kind  # "his Glen Flora home", "a Vista boy", "VISTA -"
    _retype(c, model_kind)
    return True


def _surnames(text: str, found: list[Candidate], entities: list[Entity]) -> set[str]:
    """The last words of the article's full names of people, by the rules or the model: a
    lone "Trump" the model passes over after "Donald Trump" is still him."""
    names = [c.name for c in found if c.kind == "person" and not c.pending]
    names += [text[a:b] for a, b, kind in entities if kind == "PER"]
    return {last for last in map(surname, names) if last}


_CHARGES = frozenset("""
murder manslaughter homicide assault battery conduct robbery burglary theft larceny
possession evidence endangerment trafficking kidnapping degree felony misdemeanor
tampering trespass arson fraud obstruction resisting
""".split())
"""Words of criminal charges, which local news capitalises ("First Degree Murder",
"Reckless Conduct"): no person's name holds one."""


def _no_name(surface: str, kind: str) -> bool:
    """A reading that names no one: a lone common word (`_common`), a person who is a
    compass point ("Northwest"), or a person whose name holds a word of a charge."""
    return _common(surface) or (kind == "PER" and (surface in _COMPASS or any(
        w in _CHARGES for w in surface.lower().split())))


def _common(surface: str) -> bool:
    """A lone word for people, a title or a function word ("Officers", "Neighbors",
    "Chair"): no name, whatever the model says."""
    if " " in surface:
        return False
    low = surface.lower()
    singular = low[:-3] + "y" if low.endswith("ies") else low.removesuffix("s")
    common = _common_words()
    return low in common or singular in common


_TIMES = frozenset(("noon", "midnight", "dawn", "dusk", "today", "tonight", "tomorrow",
                    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"))
"""Times the model may read as a name ("this past Sunday around Noon")."""
_PAGE = frozenset(("gallery", "photo", "video", "slideshow", "image", "caption", "advertisement"))
"""A web page's furniture in the text ("1 / 4 Back to Gallery")."""
_EXCLAIMED = frozenset(("oh", "ok", "okay", "wow", "hey", "yes", "please", "thanks"))
"""Words of a quoted exclamation ("Oh my", "Please, no"), which open a sentence in
capitals ("God" stays: CoNLL's annotators read it as a person)."""


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words for people, one-word titles ("chair", not "treasury" of "Treasury Secretary"),
    function words and times of day or week, in lower case."""
    g = gazetteer()
    titles = {key[0] for key in g.titles.keys if len(key) == 1}
    return PERSON_NOUNS | PEOPLE_NOUNS | titles | g.function_words | _TIMES | _PAGE | _EXCLAIMED


_NAME_GOES_ON = re.compile(r"\b[A-Z]['’] (?:the )?$")
"""Before a word, the letter of a name it goes on ("Lake O' the Pines": "Pines")."""
_SEPARATOR = re.compile(r"\s(?:[-–—]{1,2}|\|)\s")  # one space each side: linear


def _cut(text: str, entity: Entity) -> Entity | None:
    """An entity cut at a spaced dash or bar: "Peter Hvizdak — Register" (a photo
    credit) is Peter Hvizdak; no name holds one. None for one that ends inside a name, at
    a letter and an apostrophe, or goes on after them ("Lake O", "Pines" of "Lake O' the
    Pines")."""
    a, b, kind = entity
    if text[b : b + 1] in ("'", "’") and b - a > 2 and text[b - 2] == " " and (
            text[b - 1].isupper()):
        return None
    before = text[max(0, a - 9) : a]
    if ("'" in before or "’" in before) and _NAME_GOES_ON.search(text, max(0, a - 9), a):
        return None
    found = _SEPARATOR.search(text, a, b)
    return (a, a + len(text[a : found.start()].rstrip()), kind) if found else entity


def _person_tails(text: str, entities: list[Entity]) -> list[Entity]:
    """A place or body that runs on into a full name of a person the model reads alone
    elsewhere in the article is that person: a headline run into the text ("Girl Killed in
    Southeast DC Ann Lee was shot ...", then "Ann Lee, 16, died")."""
    people = {text[a:b] for a, b, kind in entities if kind == "PER" and " " in text[a:b]}
    if not people:
        return entities
    out = []
    for a, b, kind in entities:
        words = text[a:b].rsplit(" ", 3) if kind != "PER" else []  # "Aravinda de Silva" whole
        tail = next((t for n in (2, 3) if len(words) > n and (t := " ".join(words[-n:])) in people),
                    None)
        out.append((b - len(tail), b, "PER") if tail else (a, b, kind))
    return out


def _overlapping(entities: list[Entity], starts: list[int], start: int, end: int) -> list[Entity]:
    """The entities that overlap text[start:end] (`starts`: theirs, sorted)."""
    out = []
    k = bisect_left(starts, end) - 1
    while k >= 0 and entities[k][1] > start:
        out.append(entities[k])
        k -= 1
    return out[::-1]


def _uncovered(text: str, kept: list[Candidate], entities: list[Entity]) -> list[Entity]:
    """The PER, ORG and LOC entities that overlap no kept candidate's reading."""
    spans = sorted((_lead(text, c), c.end) for c in kept)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far
    out = []
    for a, b, kind in entities:
        k = bisect_left(starts, b)  # spans[:k] open before the entity ends
        if kind in _KIND and not (k and reach[k - 1] > a):
            out.append((a, b, kind))
    return out


def _same_sort(model_kind: ActorKind, kind: ActorKind) -> bool:
    return model_kind == kind or (model_kind == "place" and kind in ("country", "place"))


_DWELLINGS = frozenset({"home", "homes", "house", "residence", "apartment", "apartments",
                        "complex", "neighborhood", "neighbourhood", "community", "family",
                        "native", "area", "street", "road"})
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_DATELINE_MARK = re.compile(r"\s*(?:,|[-–—]{1,2}\s)")


def _placed(text: str, start: int, end: int) -> bool:
    """Whether a name stands as a town does: opening a line before a dash or a comma (a
    dateline: "VISTA - A boy died", "MORRISON, Ill."), or qualifying the noun after it,
    a person or a dwelling ("his Glen Flora home", "a Vista boy", "Tulsa police")."""
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start and _DATELINE_MARK.match(text, end):
        return True
    found = _NEXT_WORD.match(text, end, end + 30)
    word = found.group(1) if found else ""
    return word in _DWELLINGS or word in PERSON_NOUNS or word in PEOPLE_NOUNS


def _street(kind: ActorKind, text: str, start: int, end: int) -> ActorKind:
    """A name that ends in "County", "Parish", "Province"... is a place, and one that ends
    in "Street", "Ave.", "Drive"... too, whatever the model says (news names streets more
    often than its training text did), but for a person's name ending in a whole street
    word that is not after "on", "at", "near"..., a house number or a compass point
    ("Dorian Pike" was identified; shots "on Kenneth Drive", "at 333 College Ave.", "on
    North Foster Drive")."""
    words = text[start:end].split()
    last = words[-1].rstrip(".") if len(words) >= 2 else ""
    if (last in _AREAS and kind == "person") or last in _STREET_ABBREVIATIONS:
        return "place"  # a county is no one ("Notts County" the club is the model's ORG)
    if last not in _STREET_WORDS:
        return kind
    before = text[max(0, start - 8) : start].split()
    located = bool(before) and (before[-1] in _LOCATIVE or before[-1].isdigit()
                                or before[-1].rstrip(".") in _COMPASS)
    return "place" if kind != "person" or located else kind


def _state_abbreviation(text: str, start: int, end: int) -> str | None:
    """The state an AP abbreviation names ("Gary, Ind." -> Indiana, "N.Y."), dot and all."""
    if text[end : end + 1] == ".":
        return us_state(text[start:end] + ".")
    return us_state(text[start:end]) if text[end - 1 : end] == "." else None


def _retype(c: Candidate, kind: ActorKind) -> None:
    """The model's kind for a rule candidate on exactly its span (see the contract)."""
    c.pending = False
    if c.kind == kind or (kind == "place" and c.kind in ("country", "place")):
        return
    if c.known and c.kind != "place":
        return
    c.kind = kind
    c.name = c.name if c.form == "name" else c.text
    c.form = "name"


def _widened(text: str, c: Candidate, overlapping: list[Entity]) -> Candidate:
    """A titled person's name as the model reads it where their spans overlap."""
    for a, b, kind in overlapping:
        if kind == "PER" and a >= c.start - 1:
            c.start, c.end, c.text = a, b, text[a:b]
            c.name = " ".join(c.text.split())
            break
    return c


def _lead(text: str, c: Candidate) -> int:
    """Where a candidate's reading opens: a titled person's role with its qualifier ("U.S.
    Secretary of State Marco Rubio") is theirs, not a place's."""
    if not (c.titled and c.role):
        return c.start
    at = text.rfind(c.role, max(0, c.start - len(c.role) - 3), c.start)
    return at if at >= 0 else c.start


def _rules_hold(c: Candidate, overlapping: list[Entity]) -> bool:
    """Whether a candidate the model did not tag as it stands is kept (see the contract)."""
    if "coalition" in c.name or "alliance" in c.name:
        return True
    if any(a < c.start or b > c.end for a, b, _ in overlapping):
        return False  # "Moscow" of "Dynamo Moscow", "U.S." of "U.S. Treasury"
    if c.form in _KEPT_FORMS:
        return True
    return c.known and (c.kind != "place" or bool(overlapping))


def _candidate(text: str, a: int, b: int, kind: ActorKind) -> Candidate:
    """A candidate for a model entity, under a known name's canonical form where the
    gazetteer knows the whole span as a name of the same sort."""
    surface = text[a:b]
    name = " ".join(surface.split())
    state = _state_abbreviation(text, a, b)
    if state:
        return Candidate(a, b, surface, state, "place")
    kind = _street(kind, text, a, b)
    words = token_texts(surface)
    if words and all(w.isupper() for w in words if w[:1].isalpha()):  # "GARY", a headline's
        words = [w if "." in w else w[:1] + w[1:].lower() for w in words]
    hit = gazetteer().names.match(words, 0) if words and kind != "person" else None
    if hit and hit[0] == len(words) and hit[1].form in ("name", "acronym"):
        entry = hit[1]
        if kind == "place" and entry.kind in ("country", "place"):
            return Candidate(a, b, surface, entry.name, entry.kind)
        if kind == entry.kind:
            return Candidate(a, b, surface, entry.name, kind)
    return Candidate(a, b, surface, name, kind)
