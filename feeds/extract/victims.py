"""Deaths a clause tells without a number: one victim named by a noun, or a count left dead.

Contract: `killed_without_number(clause)` returns how many people the clause says were
killed in the forms the counting rules of `feeds.extract.figures` do not read, or None:

- a killing of one person named by a singular noun: "fatally shooting her older brother",
  "killed his wife", "shot his 6-year-old brother to death", "beat a man to death";
- one person named by a singular noun at the clause's start, then killed: "A teenage boy
  fatally shot in Chicago was identified", "A woman shot and killed on Monday";
- a death of one: "the shooting death of a 17-year-old", "an accidental shooting death",
  "found the girl dead", "took her own life";
- a number left dead: "left one student dead", "left a man dead", "left two people dead"
  (a plural noun for people after a number; "one" and "a" before a singular noun), "left
  a woman and her son dead" (2);
- a double, triple or quadruple homicide, murder or slaying: 2, 3, 4 (not "double murder
  charges"), one more with its killer's suicide ("a double murder-suicide": 3).

`wounded_without_number(clause)` does the same for the wounded, in a clause that tells no
death:

- a shot in a part of the body that is rarely fatal, of one who shot himself or of a
  subject that counts its people: "accidentally shot himself in the hand", "a girl was
  shot in the leg" (1), "two men were shot in the legs" (2); not "in the head", "in the
  chest", "in the neck" or "in the face", which are as often deaths;
- a count left hurt: "left a teenager injured", "left three people wounded", and "left a
  girl dead and her grandmother wounded" (1 wounded);
- one more hurt beside the dead: "three were killed and another critically injured" (1),
  "a girl died and her father is listed in critical condition" or "... remains in the
  hospital" (1);
- the people in a hospital's condition: "the boy was in critical condition" (1), "two
  others were listed in stable condition" (2).

`shot_without_number(clause)` counts the people of a clause that tells no death who
"were shot", what became of them untold ("a girl was accidentally shot at a range": 1):
the card takes them as wounded where no one is reported dead.

A plural noun without a number ("killed his children") and a noun that is no person
("shot the dog to death") give None. Lower-cased matching; each clause is first tested for
a word a form needs, so most clauses cost one substring test.
"""

from __future__ import annotations

import re

from feeds.extract.headcount import passive_count
from feeds.extract.numbers import parse_number
from feeds.extract.people import PEOPLE_NOUNS, PERSON_NOUNS

_HINTS = ("death", "dead", "fatally", "kill", "murder", "homicide", "slaying", "own life")
_MULTIPLE = re.compile(r"\b(?P<n>double|triple|quadruple)\s+(?:fatal\s+)?(?:homicide|murder|"
                       r"slaying|killing)s?(?P<suicide>[\s-]+suicide)?\b"
                       r"(?!\s+(?:suspect|charge|count|case|trial)s?\b)")
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4}
_NP = r"(?:his|her|their|a|an|the|one)\s+(?P<np>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
"""A noun phrase: a determiner, then up to four words holding its head noun."""
_KILLING = re.compile(
    r"\b(?:fatally\s+(?:shooting|shot|stabbing|stabbed|wounding|wounded|injuring)|killing|"
    r"killed|murdering|murdered)\s+" + _NP + r"(?=\s*(?:[,.;:]|$|\s(?:in|on|at|and|with|"
    r"after|before|while|during|near|outside|inside|last|early|late)\b))")
_TO_DEATH = re.compile(
    r"\b(?:shot|shooting|shoots|stabbed|stabbing|beat|beating|beaten|blasted|bludgeoned|"
    r"strangled|choked|kicked|burned)\s+" + _NP + r"\s+to\s+death\b")
_KILLED_FIRST = re.compile(
    r"^\W*" + _NP + r"\s+(?:who\s+was\s+)?"
    r"(?:fatally\s+(?:shot|stabbed|wounded)|shot\s+and\s+killed|shot\s+dead|stabbed\s+to\s+"
    r"death|killed)\b(?!\s+by\s+(?:a|an|the)\s+(?:car|train|truck|vehicle)\b)")
_FOUND_DEAD = re.compile(r"\bfound\s+" + _NP + r"\s+dead\b")
_OWN_LIFE = re.compile(r"\b(?:took|takes|taken|taking|take)\s+(?:his|her)\s+own\s+life\b")
"""One who took his or her own life ("took their own lives" counts no one here)."""
_DEATH_OF_ONE = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:shooting|stabbing)\s+"
                           r"death\b(?!s)")
_LEFT = r"\bleft\s+(?P<count>(?:[\w,.-]+\s+){1,2}?)(?:[\w'-]+\s+){0,3}?(?P<noun>[\w-]+)\s+"
"""People a happening left in a state: "left two people ", then the state."""
_LEFT_DEAD = re.compile(_LEFT + r"dead\b")


def killed_without_number(clause: str) -> int | None:
    """People the clause says were killed, in the forms of the module's contract."""
    text = clause.lower()
    if not any(hint in text for hint in _HINTS):
        return None
    left = _LEFT_DEAD.search(text)
    if left:
        return _left_dead(left)
    multiple = _MULTIPLE.search(text)
    if multiple:
        return _MULTIPLES[multiple.group("n")] + (1 if multiple.group("suicide") else 0)
    if _OWN_LIFE.search(text):
        return 1
    for pattern in (_KILLING, _TO_DEATH, _KILLED_FIRST, _FOUND_DEAD):
        m = pattern.search(text)
        if m and _one_person(m.group("np")):
            return 1
    return 1 if _DEATH_OF_ONE.search(text) else None


def _left_dead(m: re.Match[str]) -> int | None:
    people = m.string[m.start("count"):m.end("noun")]
    if " and " in people:  # "left a woman and her son dead": 2
        return passive_count(people, len(people), None, None, False, False) or None
    words = m.group("count").split()
    noun = m.group("noun")
    if words[0] in ("a", "an", "one"):
        return 1 if noun in PERSON_NOUNS else None
    parsed = parse_number(words, 0)
    return parsed[0] if parsed and noun in PEOPLE_NOUNS | {"others"} else None


def _one_person(np: str) -> bool:
    """Whether a noun phrase's head, its last word, is a singular noun for a person."""
    return np.split()[-1].strip("'’") in PERSON_NOUNS


_DEATH_WORDS = re.compile(r"\b(?:died|dies|dead|death|killed|killing|fatal\w*|murder\w*)\b")
_SHOT_IN = re.compile(
    r"\b(?:(?P<aux>was|were|is|are|been|being)\s+)?(?:(?:accidentally|critically|seriously|"
    r"reportedly|apparently)\s+)?shot\s+(?P<self>(?:him|her)self\s+)?in\s+(?:the|his|her|their)"
    r"\s+(?:(?:left|right|upper|lower)\s+)?(?:arm|leg|hand|foot|feet|shoulder|stomach|abdomen|"
    r"back|thigh|knee|hip|ankle|wrist|finger|buttock|side|torso|groin|elbow|calf|calves)s?\b")
_LEFT_HURT = re.compile(_LEFT + r"(?:injured|wounded|hurt)\b")
_ANOTHER_HURT = re.compile(r"\band\s+(?:another|one\s+other|a\s+second)(?:\s+[\w'-]+)?\s+"
                           r"(?:(?:was|is)\s+)?(?:\w+ly\s+)?(?:injured|wounded|hurt)\b")
_CONDITION = re.compile(r"\b(?:(?P<aux>was|were|is|are)\s+(?:listed\s+|hospitalized\s+)?|"
                        r"remain(?:s|ed)?\s+)in\s+(?:critical|serious|stable|fair|grave|guarded)"
                        r"(?:\s+but\s+stable)?\s+condition\b")
_DEAD_AND_HURT = re.compile(
    r"\bdead\s+and\s+" + _NP + r"\s+(?:injured|wounded|hurt|hospitalized)\b")
_AND_IN_CONDITION = re.compile(
    r"\band\s+" + _NP + r"\s+(?:was|is|remains|remained)\s+(?:(?:listed\s+|hospitalized\s+)?in\s+"
    r"(?:critical|serious|stable|fair|grave|guarded)(?:\s+but\s+stable)?\s+condition\b|"
    r"(?:still\s+)?(?:in\s+(?:the\s+|a\s+)?hospital|hospitalized)\b)")
"""After a death, another person in a hospital's condition or in hospital ("a girl died and
her father is listed in critical condition", "and her mother remains in the hospital")."""


_SHOT = re.compile(r"\b(?P<aux>was|were|has\s+been|had\s+been|have\s+been)\s+(?:\w+ly\s+)?"
                   r"shot\b(?!\s+(?:and|dead|to\s+death|(?:him|her|them)sel(?:f|ves)|down\b)|\s+at"
                   r"(?:\s*(?:[.,;:]|$|by\b|once\b|twice\b|several\b|multiple\b)))")
"""A passive "shot": not "shot and killed", "shot dead", "shot himself"; nor "shot at" as
fired on ("was shot at by a man", "shot at twice"), but "shot at a party" is."""


def shot_without_number(clause: str) -> int | None:
    """The people a clause that tells no death says were shot, their fate untold ("a girl
    was accidentally shot at a range": 1; "two men were shot": 2); not "shot at", "shot
    and killed" or "shot dead"."""
    if "shot" not in clause and "Shot" not in clause and "SHOT" not in clause:
        return None  # most clauses
    text = clause.lower()
    if _DEATH_WORDS.search(text):
        return None
    shot = _SHOT.search(text)
    if shot is None:
        return None
    aux = shot.group("aux").split()[0]
    return passive_count(clause, shot.start(), aux, None, False, True)


def wounded_without_number(clause: str) -> int | None:
    """People the clause says were wounded, in the forms of the module's contract."""
    text = clause.lower()
    if not any(hint in text for hint in ("shot", "left", "another", "condition", "hospital")):
        return None
    both = _DEAD_AND_HURT.search(text) or _AND_IN_CONDITION.search(text)
    if both:
        return 1 if _one_person(both.group("np")) else None
    if _ANOTHER_HURT.search(text):
        return 1
    if _DEATH_WORDS.search(text):
        return None
    condition = _CONDITION.search(text)
    if condition:
        return passive_count(clause, condition.start(), condition.group("aux"), None, False,
                             True)
    left = _LEFT_HURT.search(text)
    if left:
        return _left_dead(left)
    shot = _SHOT_IN.search(text)
    if shot is None:
        return None
    if shot.group("self"):
        return 1
    return passive_count(clause, shot.start(), shot.group("aux"), None, False, True)
