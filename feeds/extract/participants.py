"""Who an event involves and how: the roles of its actors.

Contract: `identified(sentence)` finds "police identified the victim as" / "the suspect
was identified as" in a sentence and returns (the offset where the names follow, the
role: "suspect" for a suspect, shooter, gunman, attacker or driver, else "victim"), or
None. `participants(event_type, actors, target, kinds)` returns (name, kind, role)
for each actor of one event candidate, in the event's actor order. Roles: in an attack,
a death or an injury, the target is the "victim" (a person) or the "target" (a body or a
country), the acting actor the "suspect" (a person) or the "agent"; in an arrest, a
charge, a trial, a conviction or a sentence, a person is the "suspect" and a body the
"agent"; in a statement the speaker is the "official"; elsewhere the acting actor is the
"agent" and the target the "target"; any other actor is a "participant". `official(title)`
says whether a title is one of office (a judge, a sheriff, a spokesman): its holder is an
"official", never a "suspect".
"""

from __future__ import annotations

import re

VIOLENT = frozenset({"Conflict.Attack", "Life.Die", "Life.Injure"})
"""Types whose target suffered the event."""
CAUSES = frozenset({"Conflict", "Disaster", "Accident", "Crime"})
"""Types (before the dot) of the events that kill and injure."""
_IDENTIFIED = re.compile(
    r"\b(?:identified|named)\s+(?:(?:the|a|an|both|two|three)\s+)?(?P<who>(?:[\w-]+\s+){0,3}?)as\b"
    r"|\b(?P<who2>victims?|suspects?|shooters?|gunman|gunmen|deceased|dead)\s+"
    r"(?:(?:has|have|was|were)\s+)?(?:been\s+)?(?:identified|named)\s+as\b", re.IGNORECASE)
_ACCUSING = re.compile(r"suspect|shooter|gunm[ae]n|attacker|assailant|killer|driver", re.IGNORECASE)
_ACCUSED = frozenset({"Justice.Arrest-Jail", "Justice.Charge-Indict", "Justice.Trial-Hearing",
                      "Justice.Convict", "Justice.Sentence", "Justice.Extradite"})


_OFFICE_WORDS = frozenset("""
judge justice attorney prosecutor sheriff undersheriff senator governor mayor president
minister spokesman spokeswoman spokesperson sergeant sgt lieutenant lt captain capt chief
director commissioner coroner examiner superintendent secretary representative rep
congressman congresswoman councilman councilwoman trooper detective det investigator
""".split())
"""The last word of a title of office ("Judge", "District Attorney", "Police Chief",
"Sgt."): who holds one speaks, rules or investigates, and is no suspect."""


def official(title: str | None) -> bool:
    """Whether a person's title is one of office (`_OFFICE_WORDS`), not a courtesy ("Mr.")."""
    words = (title or "").lower().replace(".", "").split()
    return bool(words) and words[-1] in _OFFICE_WORDS


def participants(event_type: str, actors: list[str], target: str | None,
                 kinds: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, kind, role) of each actor of an event (see the module's contract)."""
    agent = actors[0] if actors and actors[0] != target else None
    return [(name, kinds.get(name, "organization"),
             _role(event_type, kinds.get(name, "organization"), name == agent, name == target))
            for name in actors]


def _role(event_type: str, kind: str, acting: bool, targeted: bool) -> str:
    person = kind == "person"
    if event_type in VIOLENT:
        if targeted:
            return "victim" if person else "target"
        if acting:
            return "suspect" if person else "agent"
        return "participant"
    if event_type in _ACCUSED:
        return "suspect" if person else "agent"
    if event_type == "Statement.Statement" and acting:
        return "official"
    return "agent" if acting else "target" if targeted else "participant"


def identified(sentence: str) -> tuple[int, str] | None:
    """Where the names of an identification follow, and their role (see the contract)."""
    m = _IDENTIFIED.search(sentence)
    if m is None:
        return None
    who = m.group("who") or m.group("who2") or ""
    return m.end(), "suspect" if _ACCUSING.search(who) else "victim"
