"""Where an article's news happened: its dateline, a "Town, State" of its lead, and how
specific a place name is.

Contract: `scene(text, lead)` returns the place an article reports from: the dateline
that opens one of the text's first lines ("GREENSBURG, Ky. —", "HOUSTON -", "ADRIAN,
Mich. (AP) —", "OMAHA, Neb., Oct. 6 (UPI) --"), else the first "Town, State" of the lead
sentences `lead` ("in Sunman, Indiana", "to 6902 Star Road, Sunman, Indiana"; not "a man
from Tulsa, Oklahoma" nor "John Doe, of Tulsa, Oklahoma": a hometown), written "Town,
State" with the state's full name (a US state) or the town alone; None when it names
neither. Given the article's `title`, a town the headline reports from
(`headline_place`: "Boy killed in Perris", "fatal Wichita shooting") comes after the
dateline and before the lead; `scene_of` says too whether the headline gave it.
`title_city(title, text)` is the first city the gazetteer knows in the title ("Salina
man dies") that the text writes as a name too (`written_as_name`: after a lower-case
word): a weaker hint, for the lead's events only; the title's tail naming its site ("-
KSLA News 12 Shreveport") is no headline (`headline`). `agency_city(text)` is the town
(`feeds.extract.geo.is_town`) whose police, fire department or mayor the text names most
("Tulsa police said": local news is investigated by the scene's own agency);
`named_town(text)` the town it calls a city, town or village most ("the city of
Anadarko"; not "from the town of"); `residence_town(clause)` the town of a dwelling a
clause names ("at his Anadarko home", "a Southwest Baltimore home"), not one of the
article's street names: `street_names(text, mentions)`, the one-word places it writes
only as a word of a street's name ("West Addison Street", then "the Addison address").
`level(name)` ranks a place name: 0 for a street, road, block or building (a hospital, a
school: never an event's place), 1 a country or a US state, 2 a county, province or
region, 4 a city or town known to the gazetteer, 3 anything else (a neighbourhood, a town
it does not know).
`best(names)` is the most specific of a clause's places (the first among equals), or
None. `state_of(place)` is the US state a place name says ("Oregon", "Flagstaff,
Arizona"), `other_state(place, scene)` whether a place is a state other than the
scene's ("the Oregon shooting" in an Arizona story: another incident).
"""

from __future__ import annotations

import re
from functools import lru_cache

from feeds.extract.gazetteer import gazetteer
from feeds.extract.geo import is_city, is_country, is_town
from feeds.extract.resources import load_json
from feeds.extract.sentences import token_texts
from feeds.model import Mention

STREETS = ("Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Boulevard", "Blvd.", "Drive",
            "Lane", "Highway", "Crossing", "Apartments", "Block", "Court", "Way", "Parkway",
            "Interstate", "Route", "Place", "Circle", "Terrace", "Trail", "Pike")
_IN_TOWN = re.compile(r"\b(?:in|near|outside|of|from)\s+$")
"""Before a town's name, not a street's ("in Addison", not "at the Addison address")."""
_FACILITIES = ("Hospital", "Center", "Centre", "Clinic", "School", "Academy", "Church",
               "Mall", "Airport", "Station", "Range", "Club", "Restaurant", "Hotel", "Motel",
               "Jail", "Prison", "Cemetery", "Stadium", "Arena")
"""Last words of buildings: where the wounded are taken or an event is placed within a
town ("rushed to Sarasota Memorial Hospital"), never the town itself."""
_FEATURES = ("River", "Creek", "Bridge", "Dam", "Reservoir", "Canal")
"""Last words of a river, a bridge or a dam: a place, but no town (unless a town's name:
"Fall River")."""
_REGIONS = ("County", "Province", "Governorate", "Region", "District", "Parish", "State",
            "Valley", "Desert", "Mountains", "Coast", "Peninsula")
_DATELINE = re.compile(
    r"^\s*(?P<town>[A-Z](?:[A-Za-z.'’]|-(?=[A-Za-z]))*"
    r"(?:\s+[A-Z](?:[A-Za-z.'’]|-(?=[A-Za-z]))*){0,3})"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?))?,?"
    r"(?:\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:--|>>|[-–—])\s")
_DATELINE_LINES = 12
_DATELINE_REACH = 1500
"""A dateline opens one of the text's first lines (after a timestamp, a byline, update
notes, a video's caption), within its first characters."""
_AGENCY = re.compile(  # the look-behind after the capital: the engine skips to capitals
    r"(?P<town>[A-Z](?<![\w-][A-Z])[a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s+"
    r"(?:[Pp]olice|P\.D\.|PD\b|Fire\s+Department|Fire\s+Rescue|Mayor\b)")
"""A town's own agency investigating or answering ("Tulsa police", "the Bastrop Police
Department", "Perris Mayor"): the town the news happened in."""
_FORMER_WORDS = frozenset(("retired", "former", "off-duty", "ex"))
_FORMER = re.compile(r"\b(?:" + "|".join(sorted(_FORMER_WORDS)) + r")[\s-]+$", re.IGNORECASE)
"""Before an agency's town: it was someone's employer ("a retired Newburgh police
officer"), not the scene."""
_MUNICIPALITY = re.compile(  # look-behinds after each word: the engine skips to its letters
    "(?:" + "|".join(f"{w}(?<!\\w{w})(?<!from {w})(?<!from the {w})"
                     for w in ("city", "town", "village", "borough", "township"))
    + r")\s+of\s+(?P<town>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})")
"""A town named as one ("the city of Anadarko"), not as where someone comes from."""
_RESIDENCE = re.compile(
    r"\b(?:at|in|inside|outside|near|to)\s+(?:a|an|the|his|her|their|its)\s+"
    r"(?:(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Central|"
    r"Downtown|Suburban|Rural|rural|suburban|downtown)\s+)?"
    r"(?P<town>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s+"
    r"(?:home|house|residence|apartment|trailer|farm|neighbou?rhood|address)\b")
"""A dwelling named by its town ("at his Anadarko home", "a Southwest Baltimore
home", "to a rural Williston address"): where the news happened."""
_TOWN_STATE = re.compile(
    r"(?<!,\s)\b(?:in|of|near|outside|at)\s+(?:the\s+)?"
    r"(?P<town>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})"
    r",\s+(?P<state>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)")
"""A town with its state in the lead ("in Sunman, Indiana"); not where someone comes from
("a man from Tulsa, Oklahoma", "John Doe, of Tulsa, Oklahoma")."""
_ADDRESS_TOWN = re.compile(
    r"\b\d+\s+(?:[A-Z][\w.'’-]*\s+){1,4}?(?:" + "|".join(re.escape(w) for w in STREETS)
    + r"),\s+(?P<town>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})"
    r",\s+(?P<state>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)")
"""A town with its state after a street address ("to 6902 North Star Road, Campbellsburg,
Indiana")."""
_NAME = r"(?:St\.|(?!(?:In|At|Near|Outside|On|Of|After|For|To|And|With|By|As)\b)[A-Z][a-z'’-]+)"
"""A word of a town's name in a headline: capitalised, no preposition of a title in title
case ("Man Shot At Home In Long Beach")."""
_IN_PLACE = re.compile(
    rf"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]t|(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:east|west)?"
    rf"\s+[Oo]f)\s+(?P<town>{_NAME}(?:\s+{_NAME}){{0,2}})")
_PLACE_EVENT = re.compile(
    rf"(?P<town>{_NAME}(?:\s+{_NAME}){{0,2}})\s+(?:[Ss]hooting|[Ss]tabbing|[Cc]rash|[Ff]ire"
    r"|[Hh]omicide|[Mm]urder|[Kk]illing|[Ss]tandoff|[Ee]xplosion|[Bb]last)s?\b")
"""A headline's scene: a town it reports "in", "near", "outside" or a compass point "of"
("Boy killed in Perris", "Shootings In Hempstead", "Three Dead East of Bozeman"), or
whose shooting, crash or fire it names ("Charges filed in fatal Wichita shooting")."""


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    """US state names, postal codes and AP abbreviations -> the state's name."""
    return dict(load_json("us_states.json")["states"])


def us_state(word: str | None) -> str | None:
    """The US state a name, postal code or AP abbreviation names ("Ind." -> Indiana)."""
    return _state(word)


def state_of(place: str | None) -> str | None:
    """The US state of a place name that says it: a state ("Oregon") or a town written
    with its state ("Flagstaff, Arizona"); None for any other name."""
    if not place:
        return None
    town, _, state = place.partition(", ")
    names = _state_names()
    return state if state in names else town if not state and town in names else None


@lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    return frozenset(_states().values())


def other_state(place: str | None, scene: str) -> bool:
    """Whether `place` is a US state other than the state of the `scene` ("Oregon" beside
    "Flagstaff, Arizona"), which names no state when it is a town alone."""
    state = state_of(place)
    return state is not None and state == place and state_of(scene) not in (None, state)


def _state(word: str | None) -> str | None:
    if not word:
        return None
    states = _states()
    return states.get(word) or states.get(word.rstrip(".") + ".") or states.get(word.rstrip("."))


def scene(text: str, lead: list[str], title: str = "") -> str | None:
    """The place the article reports from (see the module's contract)."""
    return scene_of(text, lead, title)[0]


def scene_of(text: str, lead: list[str], title: str = "") -> tuple[str | None, bool]:
    """`scene` and whether the headline gave it (a weaker scene than a dateline's)."""
    for line in text[:_DATELINE_REACH].split("\n")[:_DATELINE_LINES]:
        found = _dateline(line)
        if found:
            return found, False
    found = headline_place(title, text) if title else None
    if found:
        return found, True
    return _lead_town(lead), False


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


_DIGIT = re.compile(r"\d")


def _lead_town(lead: list[str]) -> str | None:
    """The first "Town, State" of the lead, after a preposition or a street address."""
    for sentence in lead:
        for pattern in (_TOWN_STATE, _ADDRESS_TOWN) if _has_digit(sentence) else (_TOWN_STATE,):
            for m in pattern.finditer(sentence):
                state = _state(m.group("state"))
                if state:
                    return _town(m.group("town"), state)
    return None


def agency_city(text: str) -> str | None:
    """The town whose police, fire department or mayor the text names most often (the
    first among equals); None when it names none (see the module's contract)."""
    return _most_named(_AGENCY, text)


def named_town(text: str) -> str | None:
    """The town the text calls a city, town or village most often ("the city of Traer")."""
    return _most_named(_MUNICIPALITY, text)


def _most_named(pattern: re.Pattern[str], text: str) -> str | None:
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        if _FORMER.search(text, max(0, m.start() - 12), m.start()):
            continue  # "a retired Newburgh police officer": his old employer, not the scene
        words = m.group("town").split()
        while (len(words) > 1 and not is_town(" ".join(words))
               and words[0].lower() in gazetteer().function_words):
            words = words[1:]  # "The Bastrop police", but "New Haven police"
        town = " ".join(words)
        if is_town(town) and not _states().get(town):
            counts[town] = counts.get(town, 0) + 1
    return max(counts, key=lambda t: counts[t]) if counts else None


def residence_town(clause: str, not_towns: frozenset[str] = frozenset()) -> str | None:
    """The town of a dwelling the clause names ("outside his Anadarko home"), when it
    is a town (`feeds.extract.geo.is_town`) and not one of `not_towns`; None otherwise."""
    for m in _RESIDENCE.finditer(clause):
        town = m.group("town")
        if is_town(town) and not _states().get(town) and town not in not_towns:
            return town
    return None


def street_names(text: str, mentions: list[Mention]) -> set[str]:
    """One-word places the text writes as a word of a street's name ("West Addison
    Street") and never as a town ("in Addison", "of Addison"): "the Addison address" is
    the street's, no town of the news."""
    streets = {word for m in mentions if m.kind == "place" and " " in m.actor
               and m.actor.rsplit(" ", 1)[1] in STREETS for word in m.actor.split(" ")[:-1]}
    if not streets:
        return set()
    named = [m for m in mentions if m.kind == "place" and m.actor in streets]
    towns = {m.actor for m in named if _IN_TOWN.search(text, max(0, m.start - 12), m.start)}
    return {m.actor for m in named} - towns


_NO_DATELINE = frozenset((
    "A", "AN", "BREAKING", "UPDATE", "UPDATED", "WATCH", "VIDEO", "PHOTOS", "LIVE",
    "EXCLUSIVE", "DEVELOPING", "ALERT", "OPINION", "EDITORIAL", "ANALYSIS", "COMMENTARY",
    "REVIEW", "CORRECTION", "NEWS", "URGENT", "FLASH", "SPORTS", "WEATHER", "TRAFFIC"))
"""Words of a line in capitals that opens no dateline: a tag or a shouted lead."""


def _dateline(line: str) -> str | None:
    m = _DATELINE.match(line)
    if m is None or len(m.group("town")) <= 2:
        return None
    town, state = m.group("town"), _state(m.group("state"))
    if m.group("state") is not None and state is None:
        return None
    if not town.isupper() and state is None and not is_town(town):
        return None  # "Update —", "Breaking —": a town in title case needs its state
    if town.split()[0] in _NO_DATELINE or (town.isupper() and _NO_DATELINE & set(town.split())):
        return None  # "BREAKING NEWS -", "A FIRE - BOMB attack", "AFTERNOON UPDATE -"
    return _town(town.title() if town.isupper() else town, state)


def written_as_name(text: str, name: str) -> bool:
    """Whether the text writes `name` after a lower-case word ("in Tulsa", "of Salina,"):
    a name, not a sentence's or a headline's capitals ("Video Man playing")."""
    at = text.find(" " + name)
    while at > 0:
        end = at + 1 + len(name)
        if not text[end:end + 1].isalnum():
            start = text.rfind(" ", 0, at) + 1
            word = text[start:at].rstrip(",")
            if word.isalpha() and word.islower():
                return True
        at = text.find(" " + name, at + 1)
    return False


_SITE_SEPARATOR = re.compile(r"\s[-|–—]\s")
_SITE_WORDS = re.compile(r"News|Weather|Sports|Traffic|\.com\b|\bTV\b|Radio|Channel|"
                         r"\b[KW][A-Z]{2,3}\b")
"""In a title's tail: the site's name ("- WQOW TV: Eau Claire, WI NEWS18 News, Weather")."""


def headline(title: str) -> str:
    """A title without the site names its page appends ("Boy shot - Live5News.com |
    Charleston, SC": "Boy shot"): cut at the first separator whose rest names a site."""
    for m in _SITE_SEPARATOR.finditer(title):
        if m.start() > 0 and _SITE_WORDS.search(title, m.end()):
            return title[: m.start()]
    return title


def title_city(title: str, text: str) -> str | None:
    """The first city the gazetteer knows that a title names ("Salina man dies") and the
    text writes as a name too (`written_as_name`: not "Man Shot" of a headline in title
    case), not a given name opening a person's name ("Kyle Carney charged"), nor the town
    of someone's former employer ("Retired Newburgh Officer")."""
    words = token_texts(headline(title))
    first_names = gazetteer().first_names
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for n in (3, 2, 1):
            name = " ".join(words[i:i + n])
            if (len(words[i:i + n]) < n or not is_city(name)
                    or not written_as_name(text, name)):
                continue
            after = words[i + n] if i + n < len(words) else ""
            if n == 1 and word in first_names and after[:1].isupper():
                break
            if i and words[i - 1].lower() in _FORMER_WORDS:
                break  # "Retired Newburgh Officer Kills Himself": his old employer's town
            return name
    return None


def headline_place(title: str, text: str) -> str | None:
    """The town a headline reports from (`_IN_PLACE`, `_PLACE_EVENT`): the longest run of
    its words that is a town (`_a_town`); None when it names none."""
    head = headline(title)
    title_case = sum(w[:1].isupper() for w in head.split()) * 2 > len(head.split())
    for pattern, at_start in ((_IN_PLACE, True), (_PLACE_EVENT, False)):
        for m in pattern.finditer(head):
            words = m.group("town").split()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n] if at_start else words[-n:])
                cut = words[n] if at_start and n < len(words) else ""
                if (not cut or title_case) and cut not in _PART_OF_NAME and _a_town(
                        name, f"{head} {text}", title_case):
                    return name
    return None


def _a_town(name: str, text: str, title_case: bool) -> bool:
    """Whether a headline's `name` is a town (`feeds.extract.geo.is_town`), no state and
    no county's name (`_county_of`), which the text writes as a name too when the
    headline capitalises every word."""
    return (is_town(name) and not _states().get(name)
            and name not in gazetteer().function_words and not _county_of(name, text)
            and (not title_case or written_as_name(text, name)))


_PART_OF_NAME = frozenset(("Park", "Heights", "Hills", "Village", "Square", "Gardens", "Lake",
                           "Springs", "Valley", "Beach", "Terrace", "Point", "Harbor", "Creek"))
"""Words that go on a place's name ("Humboldt Park"): a town's name is never cut there."""


def _county_of(name: str, text: str) -> bool:
    """Whether the text names a county after the town ("Bartow County", "Hopkins Co."):
    then the bare name may well mean the county. (The name is looked for as a string, not
    compiled into a pattern of its own: towns are too many for the regex cache.)"""
    at = text.find(name)
    while at >= 0:
        if (not at or not _WORD_CHAR.match(text, at - 1)) and _COUNTY_AFTER.match(
                text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


_WORD_CHAR = re.compile(r"\w")
_COUNTY_AFTER = re.compile(r"\s+(?:County|Co\.|[Cc]o\b|Parish)")


def _town(town: str, state: str | None) -> str | None:
    if _states().get(town) or town in gazetteer().function_words:
        return None
    return f"{town}, {state}" if state else town


@lru_cache(maxsize=8192)
def level(name: str) -> int:
    """How specific a place name is (see the module's contract)."""
    head, _, last = name.rpartition(" ")
    if head and last[:1].islower():  # "Elbert County line": the name before the word
        return level(head)
    last = last.title() if last.isupper() else last  # "ST. LOUIS COUNTY"
    if last in STREETS or last in _FACILITIES or re.search(r"\d", name):
        return 0
    if last in _FEATURES and not is_town(name):  # "Broad River", not "Fall River"
        return 0
    if "," in name:  # "Town, State"; "Hopkins County, Kentucky" is a county
        return 2 if name.partition(",")[0].rsplit(" ", 1)[-1] in _REGIONS else 4
    if name in _states().values() or is_country(name):
        return 1
    if last in _REGIONS:
        return 2
    return 4 if is_city(name) else 3


def best(names: list[str]) -> str | None:
    """The most specific place of `names` (the first among equals); None for none."""
    ranked = [(level(n), -k, n) for k, n in enumerate(names)]
    top = max(ranked, default=None)
    return top[2] if top and top[0] > 0 else None




