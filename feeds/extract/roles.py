"""Who did it to whom: the acting and the target actor of one event clause.

Contract: `roles(text, mentions, trigger_start, trigger_end, start)` takes the
clause's non-place mentions (text order) and returns (actors, target): the
canonical names ordered acting actor first, target second (when known), then the
others in text order; `target` is None when the clause names none. Rules, first
that applies per mention: after "by" it acts ("an ambush by a Daesh gunman");
after the trigger and after "against/on/targeting/at/for/upon/to" it is the
target ("an attack on American forces"); the object of a violent verb is the
target ("that killed three Americans"); before a passive trigger it is the
target ("two U.S. troops ... were killed"); right before the trigger it acts
("a Daesh attack"); otherwise before the trigger it acts and after it is the
target. With no actor before the trigger, the first one after it acts
("a phone call between X and Y": X acts, Y is the target).
"""

from __future__ import annotations

import re

from feeds.model import Mention

_BY = re.compile(r"\bby\s+(?:(?:a|an|the)\s+)?(?:[\w'’.-]+\s+){0,2}$", re.IGNORECASE)
_TO = re.compile(r"\b(?:against|on|targeting|at|for|upon|to|into)\s+(?:(?:a|an|the)\s+)?"
                 r"(?:[\w'’.-]+\s+){0,2}$", re.IGNORECASE)
_VICTIM = re.compile(r"\b(?:kill|wound|injur|shoot|shot|stabb|attack|ambush|abduct|kidnap|"
                     r"arrest)\w*\s+(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_ADJACENT = re.compile(r"^(?:['’]s)?\s*(?:[\w-]+\s+)?$")


def roles(text: str, mentions: list[Mention], trigger_start: int, trigger_end: int,
          start: int) -> tuple[list[str], str | None]:
    """Actors ordered acting first, target second, and the target (see the contract)."""
    agents: list[str] = []
    targets: list[str] = []
    before: list[str] = []
    after: list[str] = []
    passive = bool(_PASSIVE.search(text, max(start, trigger_start - 30), trigger_start))
    for m in mentions:
        lead = text[max(start, m.start - 40) : m.start]
        if _BY.search(lead):
            agents.append(m.actor)
        elif _VICTIM.search(lead):
            targets.append(m.actor)
        elif m.start >= trigger_end:
            (targets if _TO.search(lead) else after).append(m.actor)
        elif passive:
            targets.append(m.actor)
        elif _ADJACENT.match(text[m.end : trigger_start]) and m.end <= trigger_start:
            agents.append(m.actor)
        else:
            before.append(m.actor)
    agent = next(iter(agents + before), None)
    if agent is None and after:
        agent = after.pop(0)
    target = next((a for a in targets + after if a != agent), None)
    ordered = [a for a in (agent, target) if a]
    ordered.extend(m.actor for m in mentions if m.actor not in ordered)
    return list(dict.fromkeys(ordered)), target
