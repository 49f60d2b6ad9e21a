"""Article-level alias resolution: candidates -> mentions and one actor per name.

Contract: `resolve_actors(candidates)` maps partial person names ("Shaibani",
"al-Shaibani", "Rubio" after "Secretary") to the single full name of the same
article whose last word matches, keeps a lone surname when the article has no
full name but a title or a speech verb says it is a person, turns a one-word
place that is the surname of the article's one full name into that person, a one-word
organisation that opens the article's one longer organisation name into that one
("Summit" after "Summit Entertainment"), keeps
a lone unknown word seen twice mid-sentence (a person if it is a given name, else
an organisation), drops other lone unknown capitalised words, and merges
everything under canonical names.
Returns (mentions sorted by offset, actors in order of first mention).
Roles: the longest role seen for the actor; a bare title ("President") or none
becomes a known office holder's office (data/office_holders.json). Aliases: distinct surface forms
other than the canonical name (titled surnames also as "Title Surname").
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from feeds.extract.actors import Candidate
from feeds.extract.gazetteer import gazetteer
from feeds.extract.names import core, surname
from feeds.extract.resources import load_json
from feeds.model import Actor, Mention


def _surname_index(candidates: list[Candidate]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for c in candidates:
        last = surname(c.name)
        if c.kind == "person" and not c.pending and last:
            index.setdefault(last, set()).add(c.name)
    return index


def _head_index(candidates: list[Candidate]) -> dict[str, set[str]]:
    """The first words of the article's organisation names of two words or more."""
    index: dict[str, set[str]] = {}
    for c in candidates:
        parts = c.name.split()
        if c.kind == "organization" and c.form == "name" and len(parts) >= 2:
            index.setdefault(parts[0], set()).add(c.name)
    return index


def _canonical(c: Candidate, surnames: dict[str, set[str]], repeated: dict[str, int],
               first_names: frozenset[str], heads: dict[str, set[str]]) -> Candidate | None:
    """The candidate under its article-level name, or None to drop it."""
    if c.kind == "organization" and c.form == "name" and " " not in c.name:
        full = heads.get(c.name, set())
        if len(full) == 1:  # "Summit" after "Summit Entertainment"
            c.name = next(iter(full))
        return c
    if c.kind == "place" and c.form == "name" and " " not in c.name:
        full = surnames.get(core(c.name), set())
        if len(full) == 1:  # "Atherton" after "Mike Atherton": the person, not the town
            c.name, c.kind = next(iter(full)), "person"
        return c
    if c.kind != "person" or len(c.name.split()) != 1:
        return c
    full = surnames.get(core(c.name), set())
    if len(full) == 1:
        c.name = next(iter(full))
        return c
    if c.pending and not c.speaker:
        if c.initial or repeated.get(c.name, 0) < 2:
            return None
        # a name repeated mid-sentence: a person if people bear it, else an organisation
        c.kind = "person" if c.name in first_names else "organization"
        c.pending = False
    return c


def resolve_actors(candidates: list[Candidate]) -> tuple[list[Mention], list[Actor]]:
    """Mentions (by offset) and actors (by first mention) of one article."""
    surnames = _surname_index(candidates)
    repeated: dict[str, int] = {}
    for c in candidates:
        if c.pending and not c.initial:
            repeated[c.name] = repeated.get(c.name, 0) + 1
    names = gazetteer().first_names
    heads = _head_index(candidates)
    kept = [r for c in sorted(candidates, key=attrgetter("start"))
            if (r := _canonical(c, surnames, repeated, names, heads))]
    kept = _drop_overlaps(kept)
    mentions = [Mention(c.start, c.end, c.text, c.name, c.kind, c.form) for c in kept]
    actors: dict[str, Actor] = {}
    for c in kept:
        actor = actors.get(c.name)
        if actor is None:
            actor = actors[c.name] = Actor(c.name, c.kind)
        actor.mentions += 1
        if c.role and (actor.role is None or len(c.role) > len(actor.role)):
            actor.role = c.role
        for alias in _aliases(c):
            if alias != c.name and alias not in actor.aliases:
                actor.aliases.append(alias)
    for actor in actors.values():
        actor.role = office_role(actor.name, actor.kind, actor.role)
    return mentions, list(actors.values())


def office_role(name: str, kind: str, role: str | None) -> str | None:
    """A known office holder's office where the text gave a bare title or none: a role
    the text qualified itself ("Syrian Foreign Minister") is kept as written."""
    if kind != "person" or (role is not None and " " in role.strip()):
        return role
    office = _office_holders().get(name)
    return office if office and (role is None or role.lower() in office.lower()) else role


@lru_cache(maxsize=1)
def _office_holders() -> dict[str, str]:
    return dict(load_json("office_holders.json")["office_holders"])


def _aliases(c: Candidate) -> list[str]:
    out = [c.text]
    if c.titled and c.role and " " not in c.text and " " not in c.role:
        out.append(f"{c.role} {c.text}")
    return out


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            if (c.end - c.start) > (out[-1].end - out[-1].start):
                out[-1] = c
            continue
        out.append(c)
    return out
