"""Casualty, arrest, missing and displacement figures, and money amounts, of one clause.

Contract: `figures(clause)` returns {"killed": n, "wounded": n, "arrested": n,
"abducted": n, "missing": n, "displaced": n, "shot": n, "usd": n, "eur": n, "gbp": n},
with only the keys the clause states, the first figure of each kind, counting people the
way an editor would ("shot": people shot whose fate the clause does not tell, only when
it states no other figure: `feeds.extract.victims.shot_without_number`):

- Forms. Active ("killed three Americans", "displaced 2,000 people", "forced 10,000
  from their homes"), passive ("three others were injured", "were shot and killed",
  "died", "12 remain missing", "were reported missing", "were evacuated", "were left
  homeless"), bare after a number ("leaving 12 dead", "more than 200 injured", "the
  1,000 killed in the war", "left 300 homeless"), an elided second verb ("10 were
  killed and 20 wounded"), and "the death toll rose to 112". "wounded" is the key for
  the wounded, injured and hurt; "displaced" for the displaced, evacuated, uprooted,
  forced to flee and made homeless; "missing" for the missing. "Fatally"/"mortally"
  make a wounding a killing ("was fatally wounded", "fatally shot two neighbours").
  A count never reaches back over another casualty verb ("killing one and injuring
  four": 1 killed, 4 wounded); a participle after a determiner or a number is an
  adjective, no verb ("the injured girl"); "wounded or killed" states neither.
- Counts: how many people the object of an active verb or the subject of a passive one
  is (numbers, coordinated counts, names and singular nouns as one, groups, and never an
  age, a year or a number of things) is the contract of `feeds.extract.headcount`. A
  bare count follows the same rules: a year is no count after a preposition or "the"
  ("killed in 2013"), nor is a number after "no". Names are not read for "hurt"
  ("Russia was hurt by sanctions"). For missing and displaced the number must count
  people ("two paintings are missing": no figure); "missing" with an object ("he is
  missing the point") is no verb.
- Deaths of one without a number that these forms miss ("fatally shooting her brother",
  "the shooting death of a teen", "left one student dead"), and the wounded of "was shot
  in the leg" and "left a teenager injured": `feeds.extract.victims`.
- A killer who kills himself after killing others is one more death ("shot his two
  daughters before turning the gun on himself": 3 killed; "killed his wife, then
  committed suicide": 2), not when he survived or only attempted it.
- `headline_figures(headline)` reads a headline, whose grammar drops the auxiliary:
  "Two teens die early Thursday" (2 killed), "Boy Wounded In Shooting" (1 wounded).
- Money: "$5 million", "5 million dollars", "€3 billion", "£2.5m" (the first amount).

A death by the rules is counted whenever it is stated, old or new ("he died in 1999": 1
killed, the year is no count). A time of day ("at 9:30 p.m. Ann Ruiz was...") and a
photo gallery's counter ("Image 2 of 9") count no one. Speed: every clause first passes
a cheap test for a figure word (`_any_figure_word`); a clause lower-cased letter for
letter as IGNORECASE would match (every clause without "İ", "ı" or "ſ": curly quotes and
accents included, see `_lowered`) is matched lower-cased without IGNORECASE; one scan
finds every casualty form (`_SCAN`; lower-cased, its alternatives grouped by first
character, `_SCAN_FIND`), and words are read only around what it found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from feeds.extract.alternation import by_first_character
from feeds.extract.headcount import (
    CUT,
    DETERMINERS,
    KIND_WORDS,
    PREP,
    YEAR,
    count_forward,
    passive_count,
    strip_aux,
    tokens,
)
from feeds.extract.numbers import NUMBER_WORDS, SCALE_WORDS, number_value, parse_number
from feeds.extract.people import PEOPLE_NOUNS as _PERSONS
from feeds.extract.victims import (
    killed_without_number,
    shot_without_number,
    wounded_without_number,
)

# -- words -----------------------------------------------------------------------------

_STRIP = "\"'“”‘’()[],;:!?"
_FATALLY = frozenset({"fatally", "mortally"})
"""Adverbs that make a wounding a killing."""

# -- patterns --------------------------------------------------------------------------

_KIND = {
    "kill": "killed", "dead": "killed", "deceas": "killed", "die": "killed", "wound": "wounded",
    "injur": "wounded", "hurt": "wounded", "arrest": "arrested", "detain": "arrested",
    "abduct": "abducted", "kidnap": "abducted", "miss": "missing", "displac": "displaced",
    "evacuat": "displaced", "uproot": "displaced", "homeless": "displaced", "forc": "displaced",
}
_KIND_OF: dict[str, str] = {}
"""`_kind` of the verb forms seen so far (a few dozen)."""
_STRICT = frozenset({"missing", "displaced"})
"""Kinds whose number must count people: "two paintings are missing" is no figure."""
_SCAN_FORMS = (
    r"(?P<aux>were|was|have been|has been|had been|are|is|been|being|remain|remains|"
    r"remained|went|gone)\s+(?:(?P<both>both|all)\s+)?(?:(?P<adv>\w+ly)\s+)?(?:still\s+)?"
    r"(?:found\s+|reported\s+|listed\s+(?:as\s+)?|left\s+|pronounced\s+)?"
    r"(?:shot\s+(?:\w+\s+times\s+)?(?:and\s+)?)?"
    r"(?P<verb>killed|wounded|injured|hurt|arrested|detained|abducted|kidnapped|dead|deceased|"
    r"missing|"
    r"displaced|evacuated|uprooted|homeless|forced\s+(?:to\s+flee|from|out))"
    r"|(?P<died>died|have died|(?:found\s+)?(?:shot|stabbed|beaten|burned) to death|"
    r"fatally (?:shot|stabbed|wounded|injured))"
    r"|(?:(?:people|persons|others|more)\s+)?(?P<word>kill(?:ed|ing|s)|wound(?:ed|ing|s)|"
    r"injur(?:ed|ing|es)|arrest(?:ed|ing|s)|detain(?:ed|ing|s)|abduct(?:ed|ing|s)|"
    r"kidnapp(?:ed|ing)|"
    r"displac(?:ed|ing|es)|evacuat(?:ed|ing|es)|uproot(?:ed|ing|s)|dead|hurt|missing|homeless)"
)
_SCAN = re.compile(rf"\W(?:{_SCAN_FORMS})\b", re.IGNORECASE)
"""One scan of " " + clause for every casualty form: passive (`aux` and `verb`: "three
others were injured", "12 remain missing", "were left homeless"), `died` ("died",
"fatally shot"), and a casualty `word` that may be active ("killed three Americans") or
bare after a number ("leaving 12 dead", "more than 200 injured", "the 1,000 killed")."""
_ACTIVE_WORDS = re.compile(r"kill|wound|injur|arrest|detain|abduct|kidnap|displac|evacuat|uproot",
                           re.IGNORECASE)
"""Words of `_SCAN` group `word` that take an object."""
_BARE_WORDS = frozenset({"dead", "killed", "injured", "wounded", "hurt", "missing", "homeless",
                         "displaced", "evacuated"})
"""Words of `_SCAN` group `word` that state what happened to the number before them."""
_FORCED = re.compile(r"\bforc(?:ed|ing|es|e)\s+(?P<np>(?:[^,.;:]|[,.](?=\d)){1,60}?)\s+"
                     r"(?:to\s+flee|(?:from|out\s+of)\s+(?:their\s+|his\s+|her\s+|its\s+)?"
                     r"homes?)\b",
                     re.IGNORECASE)
_SCAN_LOWER = re.compile(_SCAN.pattern)
"""`_SCAN` for lower-cased text (see `_lowered`): its letters are all lower case."""
_GROUPED = by_first_character([re.sub(r"\(\?P<\w+>", "(?:", _SCAN_FORMS)])
_SCAN_FIND = re.compile(rf"\W(?:{_GROUPED})\b") if _GROUPED else _SCAN_LOWER
"""`_SCAN_LOWER` without its groups, its alternatives grouped by first character
(`feeds.extract.alternation`): finds the same matches faster; `_SCAN_LOWER` then reads
each one's groups where it starts."""
_FORCED_LOWER = re.compile(_FORCED.pattern)
_ELLIPSIS = re.compile(r"\b(?:were|was)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|arrested)\s+and\s+"
                       r"(?:at least\s+|some\s+|about\s+)?(?P<n>\w+)\s+(?:others\s+|more\s+)?"
                       r"(?P<verb>wounded|injured|hurt|arrested|detained)\b", re.IGNORECASE)
_ELLIPSIS_LOWER = re.compile(_ELLIPSIS.pattern)
"""`_FORCED` and `_ELLIPSIS` for lower-cased text, as `_SCAN_LOWER`."""
_MISSING_OBJECT = re.compile(r"\s+(?:the|a|an|out|his|her|their|its|our|my|your|this|that|some|"
                             r"any)\b", re.IGNORECASE)
"""After "missing" these make it a verb with an object: "he is missing the point"."""
_TOLL = re.compile(r"\bdeath toll\b(?:\s+\w+){0,3}?\s+(?:to|of|at|is|was)\s+"
                   r"(?:(?:at least|more than|over|nearly|about|around|some)\s+)?(?P<n>\d[\d,]*)")
_MONEY = re.compile(
    r"(?P<sym>[$€£])\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<m>million|billion|bn|m)?\b"
    r"|\b(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<m2>million|billion)?\s+(?P<unit>dollars|euros|pounds)\b")
_CURRENCY = {"$": "usd", "€": "eur", "£": "gbp", "dollars": "usd", "euros": "eur",
             "pounds": "gbp"}
_ANY = re.compile(r"kill|wound|injur|arrest|detain|abduct|kidnap|dead|deceas|died|death|fatally|"
                  r"hurt|missing|displac|evacuat|homeless|uproot|homes|flee|"
                  r"[$€£]|dollars|euros|pounds", re.IGNORECASE)
_ANY_LOWER = re.compile(by_first_character([_ANY.pattern.replace("[$€£]", r"\$|€|£")])
                        or _ANY.pattern.replace("[$€£]", r"\$|€|£"))
"""`_ANY` for lower-cased text (see `_lowered`); every alternative a literal, grouped by
first character, so the search skips to the characters that can open one and tries
only the words that start with it."""
_UNLIKE_IGNORECASE = ("İ", "ı", "ſ")
"""The only characters IGNORECASE matches to an ASCII letter that lower-casing does not
turn into that letter ("İ" lower-cases to two characters; "K", the Kelvin sign, to "k")."""
_CURRENCY_HINT = re.compile(r"[$€£]|dollars|euros|pounds")
"""Every `_MONEY` match holds one of these."""
_NP_END = re.compile(r"[;:!?()\"“”]|\.(?!\d)|\s[-–—]+\s")


# -- figures ---------------------------------------------------------------------------


def _kind(verb: str) -> str:
    """The figure a matched verb counts. The verb was matched ignoring case, so a letter
    such as "İ" lower-cases with a combining mark, which is dropped here; a form still
    unknown counts as killed rather than failing the article."""
    kind = _KIND_OF.get(verb)
    if kind is None:
        v = verb.lower()
        if not v.isascii():
            v = "".join(c for c in unicodedata.normalize("NFKD", v) if not unicodedata.combining(c))
        kind = next((k for stem, k in _KIND.items() if v.startswith(stem)), "killed")
        if len(_KIND_OF) < 512:
            _KIND_OF[verb] = kind
    return kind


def _lowered(clause: str) -> str | None:
    """The clause lower-cased when that does letter for letter what IGNORECASE does for the
    patterns here (all ASCII letters): any clause without "İ", "ı" or "ſ" (curly quotes
    and accents are fine); else None, and the IGNORECASE patterns read the clause."""
    if clause.isascii() or not any(c in clause for c in _UNLIKE_IGNORECASE):
        return clause.lower()
    return None


def _any_figure_word(clause: str, lowered: str | None) -> bool:
    """Whether the clause has a casualty or money word (`_ANY`): the cheap test first."""
    if lowered is not None:
        return _ANY_LOWER.search(lowered) is not None
    return _ANY.search(clause) is not None


def figures(clause: str) -> dict[str, int]:
    """The figures stated in one clause ("passed away" and "succumbed to his injuries" are
    "died")."""
    if "passed away" in clause or "succumbed to" in clause:
        clause = _DIED.sub("died", clause)
    if ":" in clause:  # a time of day counts no one ("at 9:30 p.m. Ruiz was killed")
        clause = _CLOCK.sub(lambda m: "h" * len(m.group()), clause)
    if _DIGIT.search(clause):  # "on Sept. 3 died": a day counts no one
        clause = _MONTH_DAY.sub(lambda m: "d" * len(m.group()), clause)
    if " of " in clause and ("Image" in clause or "Photo" in clause or "Slide" in clause):
        clause = _GALLERY.sub(lambda m: "g" * len(m.group()), clause)  # "Image 2 of 9"
    out: dict[str, int] = {}
    # lower-casing mostly does what IGNORECASE does: cheap substring tests, faster patterns
    lowered = _lowered(clause)
    if _any_figure_word(clause, lowered):
        _figures(clause, lowered, out)
    if "killed" not in out:
        killed = killed_without_number(clause)
        if killed:
            out["killed"] = killed
    if "wounded" not in out:
        wounded = wounded_without_number(clause)
        if wounded:
            out["wounded"] = wounded
    if not out:
        shot = shot_without_number(clause)
        if shot:
            out["shot"] = shot
    _count_the_killer(clause, out)
    if out.get("wounded") and out.get("killed", out["wounded"]) == out["wounded"] \
            and _DIED_OF_WOUNDS.search(clause):
        out["killed"] = out.pop("wounded")  # "a boy who was wounded on Friday died Saturday"
    return out


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_MONTH_DAY = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:,\s*\d{4}\b)?")
"""A day of a month ("on Sept. 3 died", "Dec. 22, 2015"): no count of people."""
_DIGIT = re.compile(r"\d")
_GALLERY = re.compile(r"\b(?:Image|Photo|Slide)\s+\d+\s+of\s+\d+\b")
"""A photo gallery's counter in a caption ("Image 2 of 9 Ann Lee and her son were found
dead"): no count of people."""
_DIED_OF_WOUNDS = re.compile(
    r"\b(?:who\s+(?:was|were|had\s+been)|(?:was|were)\s+(?:\w+ly\s+)?(?:wounded|injured|hurt)"
    r"\b[^.;]{0,80}?\band)\s+(?:\w+ly\s+)?(?:wounded|injured|hurt|shot|later|then|\w+ly)?"
    r"[^.;]{0,120}?\b(?:died|dies|succumbed)\b", re.IGNORECASE)
"""The wounded who died: "a man who was wounded in the shooting died", "she was critically
injured and later died": one death, no one wounded."""


_HEADLINE_VERB = re.compile(r"\s(?:found\s+)?(?:shot\s+(?:(?:&|and)\s+)?)?(?P<verb>killed|dies|"
                            r"die|dead|wounded|injured|hurt|critical)\b", re.IGNORECASE)
_DEATH_VERBS = frozenset(("killed", "dies", "die", "dead"))
_DIED = re.compile(r"\bpassed\s+away\b|\bsuccumbed\s+to\s+(?:his|her|their)\s+"
                   r"(?:injuries|wounds|gunshot\s+wounds?)\b")
_SPACED_AGE = re.compile(r"\b(\d{1,3})[\s-]+(?:year|yr)s?[\s-]+old\b", re.IGNORECASE)
_LISTED = re.compile(r",\s+(?=[A-Za-z]|\d+-[Yy]ear)(?!and\b)")
"""A comma that lists the next person of a headline's subject ("Mother, 8-Year-Old Son
Killed"), not one that opens an age ("Boy, 16, Killed")."""


def headline_figures(headline: str) -> dict[str, int]:
    """The figures of a headline, whose grammar drops the auxiliary ("Two teens die early
    Thursday", "Boy Wounded In Shooting", "Teen, 16, Killed In Park", "Child Killed,
    Father Critical", "Teen Killed, Another Wounded"), writes "and" as a comma or "&"
    ("Mother, Son Shot & Killed") and "found shot dead" for "killed": its own clause's
    figures, else the people of the subject before each casualty verb (after the previous
    one); a killer who then killed himself counts too ("Two boys killed, father commits
    suicide"); when it tells no death or wound, the people shot ("16-Year-Old Accidentally
    Shot": shot 1)."""
    headline = _SPACED_AGE.sub(r"\1-year-old", headline)  # "12 year-old girl killed": 1
    out = figures(headline)
    after = 0
    for verb in _HEADLINE_VERB.finditer(headline):
        kind = "killed" if verb.group("verb").lower() in _DEATH_VERBS else "wounded"
        subject = headline[after: verb.start()].lstrip(" ,;:-")
        after = verb.end()
        if kind in out:
            continue
        subject = _LISTED.sub(" and ", subject.replace(" & ", " and "))
        n = passive_count(subject, len(subject), None, None, False, False)  # title case
        n = n or (1 if subject.strip().lower() in _ONE_MORE else None)
        if n:
            killer = _SELF_KILL.search(headline, verb.end()) if kind == "killed" else None
            out[kind] = n + 1 if killer and not _SURVIVED.search(headline, killer.end()) else n
    if not out and "hot" in headline:
        _headline_shot(headline, out)
    return out


_ONE_MORE = frozenset(("another", "one other", "a second", "second"))
"""A headline's subject of one more person ("Teen Killed, Another Wounded")."""
_HEADLINE_SHOT = re.compile(r"\s(?:\w+ly\s+)?shot\b(?!,?\s+(?:dead|and|&|to\s+death|killed|"
                            r"dies|(?:him|her|them)sel(?:f|ves)|down|at(?=\s*$|\s+by\b))\b)",
                            re.IGNORECASE)
"""A headline's people shot, their fate untold ("16-Year-Old Accidentally Shot")."""


def _headline_shot(headline: str, out: dict[str, int]) -> None:
    """The people a headline says were shot, when it tells no death or wound."""
    shot = _HEADLINE_SHOT.search(headline)
    if shot is None:
        return
    subject = _LISTED.sub(" and ", headline[: shot.start()].replace(" & ", " and "))
    n = passive_count(subject, len(subject), None, None, False, False)
    if n:
        out["shot"] = n


def _count_the_killer(clause: str, out: dict[str, int]) -> None:
    """A killer who then kills himself is one more death than those he killed before."""
    self_kill = _SELF_KILL.search(clause) if "self" in clause or "suicide" in clause \
        or "own life" in clause else None
    if self_kill is None or _SURVIVED.search(clause, self_kill.end()):
        return
    before = figures(clause[: self_kill.start()]).get("killed")
    if before:
        out["killed"] = before + 1


_SELF_KILL = re.compile(
    r"(?<!attempted to )(?<!tried to )\b(?:turn(?:ed|ing|s)?\s+(?:the|a|his|her)\s+"
    r"(?:gun|weapon|rifle|shotgun|pistol|handgun)\s+on\s+(?:him|her)self|"
    r"(?:killed|killing|kills|fatally\s+sho(?:t|oting))\s+(?:him|her)self|"
    r"t(?:ook|aking)\s+(?:his|her)\s+own\s+life|commit(?:s|ted|ting)\s+suicide)", re.IGNORECASE)
_SURVIVED = re.compile(r"\b(?:but\s+)?surviv(?:ed|es)\b", re.IGNORECASE)


def _figures(clause: str, lowered: str | None, out: dict[str, int]) -> None:
    """Casualties, the death toll and money into `out`."""
    _casualties(clause, lowered, out)
    toll = _TOLL.search(clause) if "death toll" in clause else None
    if toll and not YEAR.fullmatch(toll.group("n")):
        out.setdefault("killed", int(toll.group("n").replace(",", "")))
    money = _MONEY.search(clause) if _CURRENCY_HINT.search(clause) else None
    if money:
        number = money.group("n") or money.group("n2")
        scale = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}.get(
            money.group("m") or money.group("m2") or "", 1)
        out[_CURRENCY[money.group("sym") or money.group("unit")]] = int(
            float(number.replace(",", "")) * scale)


def _casualties(clause: str, lowered: str | None, out: dict[str, int]) -> None:
    """Active, passive, elided and bare counts into `out`: the first of each kind, active
    before passive before elided before bare."""
    if lowered is not None:  # found without IGNORECASE, faster, at the same places
        scan, forced, text = _SCAN_LOWER, _FORCED_LOWER, lowered
    else:
        scan, forced, text = _SCAN, _FORCED, clause
    passives: list[re.Match[str]] = []
    bares: list[re.Match[str]] = []
    for m in _scan(scan, " " + text, lowered is not None):  # offsets one past the clause's
        word = m.group("word")
        if word is None:
            passives.append(m)
            continue
        if word.lower() in _BARE_WORDS:
            bares.append(m)
        if _ACTIVE_WORDS.match(word):
            before = _word_before(text, m.start("word") - 1)
            if before in DETERMINERS or before in ("a", "an") or parse_number([before], 0):
                continue  # an adjective: "the injured girl", "two wounded soldiers"
            end = m.end() - 1
            window = clause[end : end + 160]  # as written, not lower-cased
            cut = _NP_END.search(window)
            kind = "killed" if before in _FATALLY else _kind(word)  # "fatally wounding"
            n = count_forward(window[: cut.start()] if cut else window, kind in _STRICT)
            if n:
                out.setdefault(kind, n)
    for m in passives:
        verb, died = m.group("verb"), m.group("died")
        kind = _kind(verb) if verb else "killed"
        if m.group("adv") and m.group("adv").lower() in _FATALLY:
            kind = "killed"  # "he was fatally wounded"
        if kind in out:
            continue
        at = max(0, m.start() - 1)
        active = died and died[:7].lower() == "fatally"
        if active and not strip_aux(clause[max(0, at - 30) : at])[1]:
            end = m.end() - 1  # active: "he fatally shot his two daughters"
            window = clause[end : end + 160]
            cut = _NP_END.search(window)
            n = count_forward(window[: cut.start()] if cut else window)
            if n:
                out[kind] = n
            continue
        if verb and verb[:4].lower() == "miss" and _MISSING_OBJECT.match(text, m.end() - 1):
            continue  # "he is missing the point"
        aux = m.group("aux").lower() if m.group("aux") else (
            "have died" if died and died.lower() == "have died" else None)
        n = passive_count(clause, at, aux, m.group("both") and m.group("both").lower(),
                          kind in _STRICT, names=not verb or verb.lower() != "hurt")
        if n:
            out[kind] = n
    if "homes" in text or "flee" in text:
        for m in forced.finditer(text):
            n = count_forward(clause[m.start("np") : m.end("np")], True)
            if n:
                out.setdefault("displaced", n)
    if lowered is None or ("and" in lowered and ("was" in lowered or "were" in lowered)):
        # every `_ELLIPSIS` match has them: the cheap test first (few clauses have one)
        found = _ELLIPSIS.finditer(clause) if lowered is None else _ELLIPSIS_LOWER.finditer(lowered)
        for m in found:
            n = number_value(m.group("n"))
            if n:
                out.setdefault(_kind(m.group("verb")), n)
    for m in bares:
        kind = _kind(m.group("word"))
        if kind not in out:
            n = _bare_count(clause, max(0, m.start() - 1), m.end() - 1)
            if n:
                out[kind] = n


def _scan(scan: re.Pattern[str], text: str, lower: bool) -> Iterator[re.Match[str]]:
    """`scan.finditer(text)`; lower-cased text is searched with `_SCAN_FIND` first."""
    if not lower:
        yield from scan.finditer(text)
        return
    find, pos = _SCAN_FIND.search, 0
    while (found := find(text, pos)) is not None:
        m = scan.match(text, found.start())
        if m is None:  # never: the two find the same matches
            break
        yield m
        pos = m.end()


def _word_before(text: str, i: int) -> str:
    """The lower-cased word that ends before text[i] (spaces between), or ""."""
    head = text[max(0, i - 24) : i].split()
    return head[-1].lower().strip(_STRIP) if head else ""


def _bare_count(clause: str, start: int, end: int) -> int | None:
    """The number right before a bare state at clause[start:end] ("leaving 12 dead", "more
    than 200 people injured"), if what follows the state does not make it an adjective
    ("two dead ends")."""
    if clause[start - 1 : start] in (",", ";", ":"):
        return None
    before = clause[max(0, start - 48) : start].split()
    last = before[-1].lower() if before else ""
    if not (last[-1:].isdigit() or last in NUMBER_WORDS or last in SCALE_WORDS
            or last in ("more", "others") or "-" in last):
        return None  # most: no number right before ("the injured", "he was killed")
    words, low = tokens(" ".join(before[1:] if start > 48 else before))
    if low and low[-1] in ("more", "others"):  # "20 more people killed"
        words, low = words[:-1], low[:-1]
    if not low:
        return None
    nxt = tokens(clause[end : end + 30])
    if nxt[1] and nxt[1][0] == "or":
        return None  # "131 people wounded or killed": a figure of neither
    if nxt[1] and clause[end : end + 1] not in ",.;:)" and not (
            nxt[1][0] in CUT or nxt[1][0] in _PERSONS or nxt[1][0] in KIND_WORDS
            or nxt[0][0][:1].isupper() or parse_number(nxt[1], 0) is not None):
        return None
    n = len(low)
    for k in range(max(0, n - 4), n):
        if low[k] in ("a", "an"):
            continue
        r = parse_number(low, k)
        if r is None or r[1] != n:
            continue
        if k and low[k - 1] in ("no", "not"):
            return None
        if YEAR.fullmatch(words[k]) and (k and (low[k - 1] in PREP or low[k - 1] == "the")):
            return None
        return r[0]
    return None
