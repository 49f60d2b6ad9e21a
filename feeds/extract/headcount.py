"""How many people a noun phrase, or a clause's subject, counts, the way an editor would.

Contract: `count_forward(np)` is the people of an object noun phrase read left to right
("killed three Americans": 3), 0 for none; `passive_count(clause, at, ...)` those of the
subject that ends before clause[at] ("three others were injured": 3), or None;
`strip_aux(text)` splits off the auxiliary that ends a text ("Smith was"); `tokens(text)`
are its words without quotes and punctuation, and the same lower-cased. `strict`: the
number must be followed by people ("two paintings are missing" is none); `names`: named
people count. Pure; on the hot path of `feeds.extract.figures`, which also reads the
word lists `CUT`, `PREP`, `DETERMINERS`, `KIND_WORDS` and the pattern `YEAR` from here.

- Counts (read by `feeds.extract.numbers`). Digits ("2,013", "1.5 million"), words
  ("twenty-five", "two hundred", "a dozen"), vague plurals as two of their unit
  ("dozens" 24, "hundreds" 200, "thousands" 2,000, "tens of thousands" 20,000), after
  qualifiers ("at least", "more than", "up to", "an estimated"). Coordinated counts are
  summed ("two U.S. troops and a civilian": 3); a comma list only when "and" closes it
  ("a man, a woman and a child": 3; "John Smith, a father of two": 1). An object never
  reaches over another verb ("killed a man and injured his son": 1; "10 killed 3
  injured": the 3 are not the killed).
- People without a number are one each: a named person ("John Smith was shot and
  killed", "Smith was fatally shot", "John Smith and Mary Jones were killed": 2), a
  singular noun for a person ("the victim", "her son", "the driver of the car"), an age
  noun ("the 23-year-old"), "he"/"she" as subject, "him"/"her"/"himself"/"herself" as
  object ("killed his two sons and himself": 3); "both" is 2 ("they were both
  killed"). A plural without a number ("soldiers were killed", "they were killed") gives
  no count; a one-word name that looks plural ("Palestinians", "Israelis") counts only
  before "was"; a name before "were" only as one of several. A subject part holding a
  verb is not counted ("a gunman opened fire and two were killed": 2), nor anything
  before a verb that precedes the count ("officials said one man is dead": 1).
- Groups: "a couple" (also "a young couple") and "twins" are 2, "a family of five" is 5
  ("a family" alone: no count), "a mother and her three children" 4; an animal in the
  subject is no one ("a hiker and his dog were found dead": 1).
- Never a count: an age ("Anna Sanchez, 23, died": 1; "Maria Lopez, 34, and her son,
  9, were wounded": 2; "the victims, 19 and 22, were killed": 2, one per age; "a
  23-year-old man": 1); a year, i.e. 1900-2099 without a comma unless a word for people
  or a casualty follows and no preposition or article precedes ("killed in 2013", "the
  2013 shooting killed nine": 9, "2013 was deadly"; "killed 2,013 people" and "killed
  2013 people" are counts); a number of things or times ("shot 3 times", "killed two
  birds"); a number inside a prepositional phrase of the subject ("two people in a
  car": 2; "one of the two victims": 1); "no one"; with `strict`, a number not followed
  by people ("two paintings are missing").
"""

from __future__ import annotations

import re

from feeds.extract.numbers import parse_number
from feeds.extract.people import PEOPLE_NOUNS as _PERSONS
from feeds.extract.people import PERSON_NOUNS as _PERSON

# -- numbers ---------------------------------------------------------------------------

YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT_RUN = re.compile(r"\d+")
_AGE_SEGMENT = re.compile(r"(?:aged\s+)?\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})*", re.IGNORECASE)
"""Comma-delimited ages: "Anna Sanchez, 23, died", "the victims, 23 and 25, were"."""

# -- words -----------------------------------------------------------------------------

_GROUP_FIXED = {"couple": 2, "pair": 2, "twins": 2, "trio": 3, "triplets": 3, "couples": 2}
_GROUP_OPEN = frozenset({"family", "group", "crowd", "number", "handful", "gang", "team", "band",
                         "delegation", "busload", "boatload", "total"})
"""After "a", a group counts only with "of N": "a family of five" is 5, "a family" none."""
_NOT_PEOPLE = frozenset("""
times time rounds round shots shot bullets bullet hours hour days day weeks week months month
years year minutes minute seconds second miles mile km kilometres kilometers metres meters
feet foot yards inches percent per % points degrees birds bird animals animal dogs dog cats
cows cattle sheep goats horses camels chickens pigs elephants lions whales dolphins fish deer
wolves bears sharks livestock trees buildings houses homes cars vehicles tanks drones missiles
rockets aircraft planes jets helicopters ships boats vessels bills votes seats goals games
matches runs wickets dollars euros pounds yuan rupees tons tonnes acres hectares villages
towns cities sides countries states districts bombs projects jobs counts charges paintings
documents files pages items
""".split())
"""A number followed by one of these does not count people ("shot 3 times")."""
PREP = frozenset("""
in on at near outside inside from of with by into onto across during after before since until
through amid among between for behind beside
""".split())
"""A number right after one of these (or after one and a determiner) is inside a
prepositional phrase, not the subject's count: "two people in a car"."""
_TIME = frozenset("""
monday tuesday wednesday thursday friday saturday sunday yesterday today tonight overnight
morning afternoon evening night earlier later weekend
""".split())
CUT = PREP | _TIME | frozenset("""
when while as who whose whom which that because following including over and or but last this
where after january february march april june july august september october november
december jan feb aug sept oct nov dec may
""".split())
"""Words that end an object noun phrase: "killed the driver of the car" is the driver."""
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "our", "my", "your", "these",
                         "those", "all", "another"})
_NOT_NAME = frozenset("""
the a an in on at and but or he she they it we i you this that these those there police
people many some several both all no none nobody everyone someone anyone taliban hamas
hezbollah isis january february march april may june july august september october november
december god said then when after before while if as so also only just meanwhile however
earlier later his her their its our my your mr mrs ms one two three four five six seven eight
nine ten dozens hundreds thousands more others authorities officials
""".split()) | _TIME | _PERSONS
"""Capitalised words that are no one's name."""
_PLURAL_LOOKING = ("ans", "is", "ese", "ites", "ers", "ds", "ks", "ims", "ews", "ines", "ats",
                   "ists", "ots", "ars")
"""Endings of one-word plurals such as "Palestinians" or "Israelis" ("Jones" is a name)."""
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "del", "van", "von",
                        "der", "la", "le", "du", "dos", "das"})
_DIRECTIONS = frozenset({"new", "north", "south", "east", "west", "northern", "southern",
                         "eastern", "western"})
_ED_ADJECTIVES = frozenset("""
hundred suspected armed unarmed unidentified wounded injured detained retired unnamed alleged
married masked named disabled displaced beloved aged talented uniformed hooded unaccompanied
wanted unemployed""".split())
_VERBS = frozenset({"said", "says", "told", "fled", "shot", "hit", "struck", "began", "went",
                    "came", "left", "saw", "took", "set", "fired", "stabbed", "ran", "drove"})
_NOT_VERB_ING = frozenset({"missing", "sibling", "offspring", "morning", "evening", "building",
                           "king", "darling", "ring", "spring", "wing", "young", "during",
                           "following", "including", "fighting"})
"""Words in -ing that are no verb ("a missing hiker")."""
_AGED_ONE = re.compile(r"[\w]+-year-old", re.IGNORECASE)
_QUALIFIERS = (
    ("at", "least"), ("at", "most"), ("more", "than"), ("fewer", "than"), ("less", "than"),
    ("up", "to"), ("as", "many", "as"), ("an", "estimated"), ("a", "total", "of"),
    ("a", "further"), ("an", "additional"), ("some",), ("about",), ("around",), ("nearly",),
    ("almost",), ("over",), ("roughly",), ("approximately",), ("another",), ("only",),
    ("just",), ("all",), ("estimated",), ("still",),
)
_QUALIFIER_STARTS: dict[str, list[tuple[str, ...]]] = {}
"""`_QUALIFIERS` by first word, longest first."""
for _q in sorted(_QUALIFIERS, key=len, reverse=True):
    _QUALIFIER_STARTS.setdefault(_q[0], []).append(_q)
_PUNCTUATION = str.maketrans(dict.fromkeys("\"“”‘()[];:!?", " "))
"""Punctuation that never belongs to a word (an apostrophe may: "Smith's")."""
_STATES = frozenset({"dead", "killed", "injured", "wounded", "hurt", "missing", "displaced",
                     "evacuated", "homeless"})
"""What a number right before says happened to them: "10 killed, 3 injured"."""
KIND_WORDS = _STATES | {"died", "were", "are", "have"}
"""After a year-like number these make it a count: "2000 killed"."""

# -- patterns --------------------------------------------------------------------------

_AUX = re.compile(r"\b(?:were|was|are|is|been|killed|wounded|injured|dead|died|arrested)\b",
                  re.IGNORECASE)
_AUX_WORDS = frozenset({"was", "were", "is", "are", "has", "have", "had", "been"})
"""Auxiliaries that may end the text before "fatally shot" or "died": "Smith was"."""
_SINGULAR_AUX = frozenset({"was", "is", "has been", "has", "remains"})
_PLURAL_AUX = frozenset({"were", "are", "have been", "have", "remain", "have died"})
_ASIDE_OPENERS = frozenset({"of", "from", "who", "whose", "which", "aged"})
_LEADERS = (PREP | _TIME | frozenset({"when", "while", "as", "because", "following", "where",
                                      "but", "or", "if", "although", "though"})) - _ASIDE_OPENERS
"""A segment opening with one of these is no subject: "In the attack, a man, 23, was"."""
_COMMA = re.compile(r",(?!\d)")
_AND = re.compile(r"\s+(?:and|And|AND)\s+")
_LIST_SEP = re.compile(r"(,(?!\d)\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE)
_HEAD_END = re.compile(r"[;:()\"“”]|\s[-–—]+\s")


# -- tokens ----------------------------------------------------------------------------


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` without surrounding quotes and punctuation ("three." is
    "three", "U.S." stays), and the same lower-cased."""
    words = text.translate(_PUNCTUATION).split()
    for k, w in enumerate(words):
        if w[-1] in ",.'’" or w[0] in "'’":
            w = w.strip(",'’")
            if w.endswith(".") and w.count(".") == 1:
                w = w[:-1]
            words[k] = w
    if "" in words:
        words = [w for w in words if w]
    return words, [w.lower() for w in words]



def _people_follow(words: list[str], low: list[str], j: int) -> bool:
    """Whether what follows a number at j counts people: nothing, "others", a noun for
    people, a capitalised plural ("Americans"), "17-year-olds"."""
    end = min(len(low), j + 4)
    if j >= end or low[j] in CUT:
        return True
    for k in range(j, end):
        if low[k] in CUT:
            return False
        if low[k] in _PERSONS or low[k].endswith("-olds") or (
                words[k][:1].isupper() and low[k].endswith("s")):
            return True
    return False


def _count_at(words: list[str], low: list[str], k: int, strict: bool,
              parsed: tuple[int, int] | None = None) -> int | None:
    """The people counted by the number phrase at k (`parsed`: its `parse_number`), or None
    when it is no count of people (a year, "3 times", "a family" without a size, "two
    paintings" for missing)."""
    r = parsed or parse_number(low, k)
    if r is None:
        return None
    value, j = r
    nxt = low[j] if j < len(low) else ""
    if j == k + 1 and len(words[k]) == 4 and YEAR.fullmatch(words[k]):
        prev = low[k - 1] if k else ""
        if prev in PREP or prev in ("the", "a", "an", "its", "their", "his", "her") or not (
                nxt in _PERSONS or nxt in KIND_WORDS or (nxt.endswith("s") and j < len(low)
                                                         and words[j][:1].isupper())):
            return None  # "in 2013", "the 2013 shooting", "2013 was deadly"
    if nxt in _NOT_PEOPLE:
        return None
    if j == k + 1 and low[k] in ("a", "an", "one"):
        g = j  # the group noun, after up to two modifiers: "a young couple"
        stop = min(len(low), j + 3)
        while g < stop and not (low[g] in _GROUP_FIXED or low[g] in _GROUP_OPEN
                                or low[g] in CUT or low[g] in _PERSON):
            g += 1
        group = low[g] if g < len(low) else ""
        if group in _GROUP_FIXED:
            return _GROUP_FIXED[group]
        if group in _GROUP_OPEN:  # "a family of five": the size, else none
            if g + 2 < len(low) and low[g + 1] == "of":
                size = parse_number(low, g + 2)
                return size[0] if size else None
            return None
    elif nxt in ("couples", "pairs"):
        value *= 2
    if strict and not _people_follow(words, low, j):
        return None
    return value


def _skip_qualifiers(low: list[str], i: int) -> int:
    """The index after the qualifiers at low[i] ("at least", "more than"), keeping a word."""
    while i < len(low) and low[i] in _QUALIFIER_STARTS:
        for q in _QUALIFIER_STARTS[low[i]]:
            if tuple(low[i : i + len(q)]) == q and i + len(q) < len(low):
                i += len(q)
                break
        else:
            return i
    return i


def _verbish(low: list[str]) -> bool:
    """Whether the words hold a finite verb ("a gunman opened fire"): not a noun phrase."""
    for w in low:
        if w in _VERBS:
            return True
        if len(w) > 4 and (w.endswith("ed") or w.endswith("ing")) and w not in _ED_ADJECTIVES \
                and w not in _NOT_VERB_ING and w not in _PERSON:
            return True
    return False


def _name_word(w: str) -> bool:
    """A capitalised word that is not all capitals ("Smith", "McDonald"; not "ISIS"), or
    an initial."""
    return w[:1].isupper() and (len(w) == 1 or not w.isupper())


def _is_name(words: list[str], low: list[str], c: int, agreement: str | None,
             single: bool) -> bool:
    """Whether words[..c] ends with a person's name ("John Smith", "Smith", "Abu Bakr
    al-Baghdadi"), given the verb's number ("sg", "pl" or unknown) and whether the subject
    is one noun phrase."""
    j = c
    while j >= 0 and (_name_word(words[j]) or (
            j < c and (low[j] in _PARTICLES or low[j].startswith(("al-", "el-"))))
            or (j == c and low[j].startswith(("al-", "el-")))):
        j -= 1
    chain, lchain = words[j + 1 : c + 1], low[j + 1 : c + 1]
    while lchain and (lchain[0] in _NOT_NAME or lchain[0] in _PARTICLES):
        chain, lchain = chain[1:], lchain[1:]
    if not chain or not any(_name_word(w) for w in chain):
        return False
    last = lchain[-1]
    if last in _NOT_NAME or last.endswith(("'s", "’s")) or (agreement == "pl" and single):
        return False
    plural = last.endswith("s") and not last.endswith("ss")
    if len(chain) == 1:
        word = chain[0]
        if (word.isupper() and len(word) > 1) or len(word) == 1:
            return False  # "ISIS", an initial
        if plural and agreement != "sg" and (single or last.endswith(_PLURAL_LOOKING)):
            return False  # "Palestinians died"
    elif plural and lchain[0] in _DIRECTIONS:
        return False  # "New Yorkers"
    return True


def _head_count(words: list[str], low: list[str], c: int, agreement: str | None,
                single: bool, names: bool) -> int | None:
    """The people the noun words[c] stands for, if it stands for people without a number."""
    lw = low[c]
    if lw in _PERSON or lw in ("he", "she") or (_AGED_ONE.fullmatch(lw) and not lw.endswith("s")):
        return 1
    if lw in _GROUP_FIXED and lw != "couples":
        return _GROUP_FIXED[lw]
    if names and _is_name(words, low, c, agreement, single):
        return 1
    return None


# -- noun phrases ----------------------------------------------------------------------


def _forward_part(part: str, strict: bool, names: bool) -> tuple[int | None, bool]:
    """The people counted by an object noun phrase, and whether they were counted without
    a number (a name or a person noun, which an age may follow)."""
    words, low = tokens(part)
    n = len(low)
    i = _skip_qualifiers(low, 0)
    if i >= n:
        return None, False
    if low[i] in DETERMINERS and i + 1 < n and low[i + 1] not in ("a", "an") \
            and parse_number(low, i + 1):
        i += 1  # "their two children"
    parsed = parse_number(low, i)
    if parsed is not None:
        if (i and low[i - 1] in ("no", "not")) or (parsed[1] < n and low[parsed[1]] in _STATES):
            return None, False  # "10 killed 3 injured": the 3 are the injured, not the killed
        return _count_at(words, low, i, strict, parsed), False
    if low[i] in ("him", "her", "himself", "herself") and (i + 1 == n or low[i + 1] in CUT):
        return 1, True  # "killed his two children and himself": three
    if low[i : i + 2] == ["them", "both"]:
        return 2, False
    cut = next((k for k in range(i, n) if low[k] in CUT), n)
    c = cut - 1
    if c < i or _verbish(low[i:c]) or _verbish(low[c : c + 1]):
        return None, False
    count = _head_count(words, low, c, None, False, names)
    return count, count is not None


def count_forward(np: str, strict: bool = False, names: bool = True) -> int:
    """Sum the counts of 'N things and M things' read left to right; a comma list counts
    only when closed by 'and' (else the comma opens an aside: "killed John Smith, a
    father of two"); an age after a person is skipped ("killed Anna Sanchez, 23")."""
    first = np[:16].split(None, 1)
    if not first or (first[0].lower() in CUT and first[0].lower() not in _QUALIFIER_STARTS):
        return 0  # "killed in 2013", "killed when": no object (the cheap test first)
    pieces = _LIST_SEP.split(np)
    total, after_person = _forward_part(pieces[0], strict, names)
    if not total:
        return 0
    pending = 0
    for k in range(1, len(pieces) - 1, 2):
        sep, part = pieces[k], pieces[k + 1]
        if after_person and "and" not in sep.lower() and _AGE_SEGMENT.fullmatch(part.strip()):
            continue
        if _AUX.search(part):  # "killed a man and injured his son": not the killed
            break
        count, after_person = _forward_part(part, strict, names)
        if count is None:
            break
        if "and" in sep.lower():
            total += pending + count
            pending = 0
        else:
            pending += count
    return total


def _in_phrase(low: list[str], k: int) -> bool:
    """Whether the number at k is inside a prepositional phrase: "in a car", "of the two"."""
    if k and low[k - 1] in PREP:
        return True
    return k > 1 and low[k - 1] in DETERMINERS and low[k - 2] in PREP


def _backward_part(part: str, strict: bool, agreement: str | None, single: bool,
                   final: bool, names: bool, more: bool = False) -> tuple[int | None, bool]:
    """The people counted by a subject noun phrase that ends `part`, and, when `more`
    parts come before it, whether no verb comes before them in it (else the subject starts
    after that verb: "officials and police confirmed one man": one, not the officials).
    Only its last words are read."""
    if len(part) > 120:
        part = part[-120:].split(None, 1)[-1]
    words, low = tokens(part)
    n = len(low)
    for k in range(n - 1, max(-1, n - 9), -1):
        parsed = parse_number(low, k)
        if parsed is None or _in_phrase(low, k):
            continue
        if k and low[k - 1] in ("no", "not"):
            return None, False  # "no one was hurt"
        count = _count_at(words, low, k, strict, parsed)
        if count is None:
            continue
        if not final and _verbish(low[:k] + low[k + 1 :]):
            return None, False  # "a gunman opened fire and two were killed": not the gunman
        return count, more and not _verbish(low[:k])
    # the head noun: the last word, or the word before a preposition, a subordinator or
    # a participle ("the driver of the car", "the man injured in a shooting last week")
    ends = [n - 1] + [p - 1 for p in range(1, n) if low[p] in CUT or (
        low[p].endswith("ed") and low[p] != "hundred")]
    for c in ends:
        while c >= 0 and low[c] in _TIME:
            c -= 1
        if c < 0 or (not final and _verbish(low[: c + 1])):
            continue
        count = _head_count(words, low, c, agreement, single, names)
        if count is not None:
            return count, more and not _verbish(low[:c])
    return None, False


_RELATIVE_END = re.compile(r"\s(?:who|that|which)\s*$", re.IGNORECASE)
"""A subject that ends in a relative pronoun is the noun before it, no list, unless its verb
is plural ("a girl and her mother who were shot")."""


_RELATIVE_AND = re.compile(
    r"\s(who|that|which)\s+(was|were|is|are|has|have|had)\b[^,;]{0,60}?\sand$",
    re.IGNORECASE)
"""The end of a subject whose relative clause coordinates a second verb ("a girl who was
shot and" died)."""


def _subject_count(seg: str, strict: bool, agreement: str | None, both: str | None,
                   names: bool, final: bool = True) -> int | None:
    """The people of a coordinated subject ("two soldiers and a civilian"), read from its
    end; a part holding another verb ends it. Not `final`: an item of a longer list."""
    seg = seg.strip()
    relative = _RELATIVE_AND.search(seg)
    if relative:  # "a girl who was shot and [died]": the subject ends at "who", in number
        seg = seg[: relative.end(1)]  # as the relative's own verb says
        agreement = agreement or ("pl" if relative.group(2).lower() in _PLURAL_AUX else "sg")
    if seg[:4].lower() == "and ":
        seg = seg[4:]
    parts = _AND.split(seg) if "nd " in seg or "ND " in seg else [seg]
    total = 0
    for idx, part in enumerate(reversed(parts)):
        if idx and _AUX.search(part):
            break
        count, clean = _backward_part(part, strict, agreement, final and len(parts) == 1,
                                      final and not idx, names, idx < len(parts) - 1)
        if count is None:
            if part.split()[-1:] and part.split()[-1].lower() in _NOT_PEOPLE:
                continue  # "a hiker and his dog": the dog is no one
            break
        total += count
        if not clean or (not idx and agreement != "pl" and _RELATIVE_END.search(part)):
            break  # "neighbors remember a girl who died": the girl alone; "a girl and her
            # mother who were shot": both
    if not total and both == "both":
        total = 2  # "they were both killed"
    return total or None


def strip_aux(text: str) -> tuple[str, str | None]:
    """`text` without the auxiliary that ends it ("Smith was" -> "Smith", "was"; "they
    have been" -> "they", "have been"), and that auxiliary, lower-cased."""
    end = len(text.rstrip())
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end].lower()
    if word not in _AUX_WORDS:
        return text, None
    if word == "been":
        before = text.rfind(" ", 0, max(0, start - 1)) + 1
        first = text[before : start - 1].lower()
        if first in ("has", "have", "had"):
            return text[:before], f"{first} been"
    return text[:start], word


def passive_count(clause: str, at: int, aux: str | None, both: str | None, strict: bool,
                  names: bool) -> int | None:
    """The people of the subject before clause[at]: "Maria Lopez, 34, and her son, 9, were
    wounded" is two."""
    head = _HEAD_END.split(clause[max(0, at - 200) : at])[-1]
    segs = _COMMA.split(head)
    last = segs[-1]
    last, trailing = strip_aux(last)
    if trailing:  # "Smith was" fatally shot
        aux = aux or trailing
    agreement = "sg" if aux in _SINGULAR_AUX else "pl" if aux in _PLURAL_AUX else None
    i = len(segs) - 1
    segs[i] = last
    if last.strip():
        total = _subject_count(last, strict, agreement, both, names)
        if not total:
            return None
    else:
        found = _aside_subject(segs, strict, agreement, both, names)
        if found is None:
            return None
        total, i = found
    seg = segs[i].strip().lower()
    if seg.startswith("and ") or " and " in seg:  # a list: "A, B and C", "A, 34, and B"
        i -= 1
        while i >= 0:
            s = segs[i].strip()
            if _AGE_SEGMENT.fullmatch(s):
                i -= 1
                continue
            first = s.split(None, 1)[0].lower() if s else ""
            if not s or first in CUT or _AUX.search(s):
                break
            count = _subject_count(s, strict, agreement, None, names, final=False)
            if not count:
                break
            total += count
            i -= 1
    return total


def _aside_subject(segs: list[str], strict: bool, agreement: str | None, both: str | None,
                   names: bool) -> tuple[int, int] | None:
    """The people of a subject followed by asides, the verb right after a comma ("Smith,
    23, a father of two, was killed"), and the index of its segment: the leftmost of the
    last few segments that counts people (not past one opening with a preposition or a
    subordinator), with the segments after it that open with "and" ("Maria Lopez, 34, and
    her son, 9,"); failing that, one per age listed ("the victims, 23 and 25,")."""
    candidates: list[int] = []
    ages = 0
    i = len(segs) - 2
    while i >= 0 and len(candidates) < 4:
        s = segs[i].strip()
        first = s.split(None, 1)[0].lower() if s else ""
        if _AGE_SEGMENT.fullmatch(s):
            if not candidates:
                ages += len(_DIGIT_RUN.findall(s))
        elif first in _ASIDE_OPENERS:
            pass  # "of Chicago", "who was 23"
        elif first in _LEADERS:
            break  # "In the attack"
        elif s:
            candidates.append(i)
        i -= 1
    for idx in reversed(candidates):
        count = _subject_count(segs[idx], strict, agreement, both, names, final=False)
        if count:
            for s in segs[idx + 1 :]:
                s = s.strip()
                if s[:4].lower() == "and ":
                    count += _subject_count(s, strict, agreement, None, names, final=False) or 0
            return count, idx
    if candidates and ages and candidates[0] == len(segs) - 3:
        return ages, candidates[0]
    return None
