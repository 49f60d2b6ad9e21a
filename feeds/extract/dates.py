"""Date expressions: find them in text, normalise them, resolve them against an anchor.

Contract: `find_dates(text, start, end)` returns the `DateMatch`es in
text[start:end] (offsets into `text`), left to right, never overlapping.
`resolve(expr, anchor)` turns a normalised expression into a `PartialDate`,
or None when there is no anchor or the expression is invalid. Nothing here
ever looks at the clock: without an anchor, relative dates stay unresolved.

The `date_expr` format (re-resolvable against any anchor):
    ymd:2025-12-13        a full date ("December 13, 2025", "13 December 2025", ISO,
                          "12/13/2015", "12/13/15", "Christmas Day 2014", "Thanksgiving 2015")
    ym:2024-12            a month of a year ("in December 2024"), month precision
    y:2014                a year ("in 2014", "since 2014"), year precision
    md:11-12              month and day without year: the most recent such day
                          on or before the anchor ("November 12", "Dec. 13", "13 Dec.",
                          "on 12/13")
    md:11-12:this-year    month and day in the anchor's year ("Nov. 12 this year")
    md:11-12:last-year    month and day in the year before the anchor's
    m:12                  a month alone ("in December"): the most recent such
                          month on or before the anchor's, month precision
    holiday:thanksgiving  a holiday ("on Thanksgiving", "Father's Day", "the Fourth of July"):
                          its most recent occurrence on or before the anchor (the
                          anchor's own day included), like `md:`; the keys and their rules
                          are in data/calendar.json (US dates where countries differ)
    weekday:6             a weekday (0=Monday..6=Sunday): the most recent such
                          day on or before the anchor (the anchor's own weekday
                          is the anchor day); also with a part of the day ("late
                          Tuesday night", "overnight Saturday", "Sunday's"), and
                          "Saturday night into Sunday" is the first day
    weekday:6:last        "last Sunday": strictly before the anchor
    weekday:6:next        "next Sunday": strictly after the anchor
    rel-day:-1            anchor + N days ("yesterday", "today", "tomorrow", "last night",
                          "overnight", "this morning", "two days ago")
    rel-week:-1           the week N weeks from the anchor's (Monday to Sunday), given
                          as the month of that week's Thursday with month precision
                          (a week is not a precision; a day would claim too much);
                          "last week", "a week ago", "three weeks ago"
    weekend               "over the weekend", "this (past) weekend": the weekend whose
                          Saturday is the most recent on or before the anchor, given as
                          the month of that Saturday with month precision (a weekend is
                          two days, so a day would claim too much)
    weekend:last          "last weekend": the weekend of the week (Monday to Sunday)
                          before the anchor's (on a Monday, the two days just past; on a
                          Sunday, the weekend before this one)
    weekend:next          "next weekend": the weekend of the week after the anchor's
    rel-month:-1          the anchor's month + N, month precision ("last month",
                          "two months ago")
    rel-year:-1           the anchor's year + N, year precision ("last year", "a year ago")
    clock                 a time of day with no day ("at 6:30 p.m.", "around 11 pm"): the
                          anchor's own day, as news writes today's times; below a weekday
                          in specificity, so a clause's named day wins
Bare numbers are never dates, nor a month and day that names
something ("the September 11 attacks", "9/11"), nor a holiday name used as a
modifier ("Mother's Day sale", "the Good Friday Agreement") or after a national
adjective or possessive ("Canadian Thanksgiving", "Ukraine's Independence Day").
Numbers with slashes are dates only as month/day/year (2- or 4-digit year; day/month
when the first number cannot be a month) or as "on" month/day, never a fraction or
a score ("3/4 of", "24/7", "a 6-2 win").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from feeds.extract.alternation import by_first_character
from feeds.extract.regexcache import compiled
from feeds.extract.resources import load_json
from feeds.model import PartialDate


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in the text."""

    start: int
    end: int
    text: str
    expr: str


@dataclass(frozen=True, slots=True)
class _Tables:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    holidays: dict[str, str]
    """Holiday name, lower-cased, straight apostrophes and single spaces -> its key."""
    rules: dict[str, dict[str, Any]]
    pattern: re.Pattern[str]
    """Every form, each in a group named for it (`lastgroup` tells the form of a match)."""
    finder: re.Pattern[str]
    """`pattern` without its named groups, each form tried only where its first character is:
    the same matches, found faster (most words open no date); `pattern` is then matched where
    `finder` found a date, for its groups."""


_WD_QUALIFIERS = ("last", "next", "this", "on")
"""Words before a weekday ("last Sunday", "On Monday")."""

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
"""Number words before "days ago", "weeks ago" ..."""


def _alt(words: list[str]) -> str:
    """Words, longest first, grouped by first character (see `alternation`): the alternation
    after "in", "on" ... is then one test per word that opens no date, not one per word in it."""
    return _grouped([re.escape(w) for w in sorted(words, key=len, reverse=True)])


def _grouped(alternatives: list[str]) -> str:
    return by_first_character(alternatives) or "|".join(alternatives)


def _cap(words: list[str] | tuple[str, ...]) -> str:
    """Words that may open a sentence: "last" -> "[Ll]ast"."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)


def _name_alt(names: list[str]) -> str:
    """Holiday names, longest first, grouped as `_alt`: ' is any apostrophe, a space any white
    space, a lower-case first letter may be upper-case ("the Fourth of July", "The Fourth ...")."""
    out = []
    for name in sorted(names, key=len, reverse=True):
        body = re.escape(name).replace("'", "['’]").replace(r"\ ", r"\s+")
        out.append(f"[{name[0].upper()}{name[0]}]{body[1:]}" if name[0].islower() else body)
    return _grouped(out)


def _name_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_json("calendar.json")
    month = rf"(?:{_alt(list(data['months']))})(?![\w])"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|20\d\d)"
    wd = _alt(list(data["weekdays"]))
    wd_q = _cap(_WD_QUALIFIERS)  # [Ll]ast|...
    part = r"(?:morning|afternoon|evening|night|overnight)"
    rel = _alt([*data["relative_days"], *(w[:1].upper() + w[1:] for w in data["relative_days"])])
    hol = data["holidays"]
    full, bare = _name_alt(list(hol["names"])), _name_alt(list(hol["after_on"]))
    # The forms, tried in this order where two could match at one place: "December 13, 2025"
    # before "December 13", "overnight Saturday" before "overnight"; the rest never match at
    # one place, so the commonest (weekdays, "yesterday") come first, for `pattern` to find
    # them at once. Each starts where a word does (the \b(?=\w) before them all)
    forms = {
        # "late Tuesday night", "early on Sunday", "overnight Saturday", "Saturday night
        # into Sunday" (the first day), "Sunday's", "this past Sunday": the weekday
        "wd": rf"(?:(?:[Ee]arly|[Ll]ate|[Oo]vernight)\s+(?:on\s+)?)?"
              rf"(?:(?P<wd_q>{wd_q})\s+(?:past\s+)?)?(?:(?:early|late)\s+)?(?P<wd_d>{wd})\b(?:\s+{part}\b)?"
              rf"(?:\s+into\s+(?:early\s+)?(?:{wd})\b(?:\s+{part}\b)?)?",
        "rd": rf"(?P<rd_w>{rel})\b",
        "iso": rf"{year}-[01]\d-[0-3]\d\b",
        # 12/13/2015, 12/13/15 (13/12/2015 when the first cannot be a month: see `_numeric`)
        "nmdy": r"(?<![/.,-])(?P<nmdy_a>[0-3]?\d)/(?P<nmdy_b>[0-3]?\d)/"
                r"(?P<nmdy_y>\d\d\d\d|\d\d)(?![/\d]|\.\d)",
        "mdy": rf"(?P<mdy_m>{month})\s+(?P<mdy_d>{day}),?\s+(?P<mdy_y>{year})\b",
        "dmy": rf"(?P<dmy_d>{day})\s+(?P<dmy_m>{month}),?\s+(?P<dmy_y>{year})\b",
        "md": rf"(?P<md_m>{month})\s+(?P<md_d>{day})\b(?!:)(?:,?\s+(?P<md_q>this|last) year\b)?",
        "dm": rf"(?P<dm_d>{day})\s+(?P<dm_m>{month})(?:\s+(?P<dm_q>this|last) year\b)?",
        "my": rf"(?P<my_m>{month}),?\s+(?P<my_y>{year})\b",
        "y": r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f|"
             rf"[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]rom|[Tt]hrough)\s+(?P<y_y>{year})\b(?![-/])",
        "m": rf"(?:in|since|during|until|by|early|late|mid-?)\s+(?P<m_m>{month})"
             rf"(?:,?\s+(?P<m_y>{year})\b)?",
        # "on 12/13" (a month/day needs the "on": "3/4 of", "24/7" are no dates)
        "nmd": r"[Oo]n\s+(?P<nmd_a>[0-3]?\d)/(?P<nmd_b>[0-3]?\d)(?![/\d%]|\.\d|\s+of\b)",
        # "on Christmas Day", "Thanksgiving 2015", "on Easter", "Easter 2016"
        "hol": rf"(?:(?:[Oo]n\s+)?(?P<hol_n>{full})|[Oo]n\s+(?P<hol_b>{bare})"
               rf"|(?P<hol_c>{bare})(?=(?:,?\s+|\s+of\s+){year}\b))(?!\w)"
               rf"(?:(?:,?\s+|\s+of\s+)(?P<hol_y>{year})\b(?![-/]))?",
        "we": r"(?:(?P<we_q>[Ll]ast|[Nn]ext|[Tt]his)\s+(?:past\s+)?"
              r"|(?:[Oo]ver|[Dd]uring|[Aa]t|[Oo]n)\s+the\s+(?:past\s+)?|[Tt]he\s+past\s+)weekend\b",
        "rw": r"(?P<rw_q>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier this|[Ll]ater this)\s+"
              r"(?P<rw_u>week|month|year)\b",
        "ago": rf"(?P<ago_n>(?<![.,-])[1-9]\d?|{_cap(list(_COUNTS))})\s+"
               r"(?P<ago_u>day|week|month|year)s?\s+ago\b",
        # "at 6:30 p.m.", "around 11 pm": a time of the anchor's day (`clock`)
        "clk": r"(?<![\d.,:/-])(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?(?:[ap]\.m\.?|[ap]m\b)",
    }
    # (?=\w): each form starts with a word character (skips word ends)
    pattern = compiled(r"\b(?=\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in forms.items()) + ")")
    plain = {k: re.sub(r"\(\?P<\w+>", "(?:", v) for k, v in forms.items()}  # no backreferences
    # The finder: the forms regrouped by first character (see `alternation`), so at each word
    # only the forms that can open with its first character are tried, in the pattern's order
    # (untagged: a tag group per alternative would cost more at each date found than `pattern`)
    flat = list(plain.values())
    finder = compiled(r"\b(?=\w)(?:" + (by_first_character(flat) or "|".join(flat)) + ")")
    names = {_name_key(n): k for n, k in [*hol["names"].items(), *hol["after_on"].items()]}
    return _Tables(data["months"], data["weekdays"], data["relative_days"], names, hol["rules"],
                   pattern, finder)


def _num(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _numeric(a: str, b: str, y: str | None) -> str | None:
    """12/13[/2015] as an expression: month/day, or day/month when the first number cannot
    be a month; a 2-digit year is 1969-2068 (as POSIX has it); None if no such day."""
    first, second = int(a), int(b)
    month, dom = (first, second) if first <= 12 else (second, first)
    if y is None:
        if (month, dom) == (9, 11):  # "on 9/11": the attacks, not a day of this year
            return None
        year = 2000  # a leap year: 2/29 is a day
    else:
        year = int(y) if len(y) == 4 else int(y) + (2000 if int(y) < 69 else 1900)
    try:
        date(year, month, dom)
    except ValueError:
        return None
    return f"md:{month:02d}-{dom:02d}" if y is None else f"ymd:{year:04d}-{month:02d}-{dom:02d}"


_Group = Callable[..., Any]
"""A match's `group`."""


def _md(g: _Group, t: _Tables, p: str) -> str:
    q = g(f"{p}_q")
    suffix = f":{q}-year" if q else ""
    return f"md:{t.months[g(p + '_m')]:02d}-{_num(g(p + '_d')):02d}{suffix}"


def _holiday_expr(g: _Group, t: _Tables) -> str | None:
    key = t.holidays[_name_key(g("hol_n") or g("hol_b") or g("hol_c"))]
    if g("hol_y"):
        day = _holiday_date(key, int(g("hol_y")), t.rules)
        return f"ymd:{day.isoformat()}" if day else None
    return f"holiday:{key}"


def _weekday_expr(g: _Group, t: _Tables) -> str:
    q = (g("wd_q") or "").lower()
    suffix = f":{q}" if q in ("last", "next") else ""
    return f"weekday:{t.weekdays[g('wd_d')]}{suffix}"


def _weekend_expr(g: _Group, t: _Tables) -> str:
    q = (g("we_q") or "").lower()
    return f"weekend:{q}" if q in ("last", "next") else "weekend"


def _relative_unit(g: _Group, t: _Tables) -> str:
    q = g("rw_q").lower()
    n = -1 if q == "last" else 1 if q == "next" else 0
    return f"rel-{g('rw_u')}:{n}"


def _ago(g: _Group, t: _Tables) -> str:
    n = _COUNTS.get(g("ago_n").lower()) or int(g("ago_n"))
    return f"rel-{g('ago_u')}:{-n}"


_EXPR: dict[str, Callable[[_Group, _Tables], str | None]] = {
    "iso": lambda g, t: f"ymd:{g()}",
    "nmdy": lambda g, t: _numeric(g("nmdy_a"), g("nmdy_b"), g("nmdy_y")),
    "mdy": lambda g, t: f"ymd:{g('mdy_y')}-{t.months[g('mdy_m')]:02d}-{_num(g('mdy_d')):02d}",
    "dmy": lambda g, t: f"ymd:{g('dmy_y')}-{t.months[g('dmy_m')]:02d}-{_num(g('dmy_d')):02d}",
    "md": lambda g, t: _md(g, t, "md"),
    "dm": lambda g, t: _md(g, t, "dm"),
    "my": lambda g, t: f"ym:{g('my_y')}-{t.months[g('my_m')]:02d}",
    "y": lambda g, t: f"y:{g('y_y')}",
    "m": lambda g, t: (f"ym:{g('m_y')}-{t.months[g('m_m')]:02d}" if g("m_y")
                       else f"m:{t.months[g('m_m')]}"),
    "nmd": lambda g, t: _numeric(g("nmd_a"), g("nmd_b"), None),
    "hol": _holiday_expr,
    "wd": _weekday_expr,
    "we": _weekend_expr,
    "rw": _relative_unit,
    "ago": _ago,
    "rd": lambda g, t: f"rel-day:{t.relative[g('rd_w').lower()]}",
    "clk": lambda g, t: "clock",
}
"""Each form's expression, from its match's groups; None when it names no day."""


_NAMED = re.compile(r"(?:th)?\s+(?:attacks?|terror attacks?|hijackers|commission|memorial|"
                    r"museum)\b", re.IGNORECASE)
"""After a month and day, words that make it a name ("the September 11 attacks"), not a date."""

_HOLIDAY_USE = re.compile(
    r"\s+(?:sales?|deals?|shopping|shoppers|weekend|holidays?|travel|rush|season|break|cards?|"
    r"gifts?|presents?|trees?|markets?|decorations|lights|week|period|spirit|songs?|movies?|"
    r"films?|specials?|episode|edition|menu|costumes?|candy|agreement|accord|truce|offensive|"
    r"massacre|tsunami|attacks?|bombings?|bomber|uprising)\b", re.IGNORECASE)
"""After a holiday name, words that make it a modifier or a name ("Mother's Day sale", "the Good
Friday Agreement", "the Boxing Day tsunami"), not the day something happened."""

_WORD_BEFORE = re.compile(r"([\w.'’-]+)\s+$")
_HOME = {"America", "America's", "America’s", "American", "US", "U.S.", "U.S", "USA"}
"""Words before a holiday that keep it the US one ("American Thanksgiving")."""

_OVERNIGHT_USE = re.compile(
    r"\s+(?:curfews?|stays?|shifts?|flights?|trains?|bus|buses|trips?|camps?|camping|lows?|"
    r"temperatures?|hours|rates?|trading|session|delivery|shipping|success|sensation)\b",
    re.IGNORECASE)
"""After "overnight", nouns that make it an adjective of no night ("an overnight curfew")."""


def _foreign_holiday(text: str, start: int) -> bool:
    """Whether the holiday name at text[start] follows a possessive or, inside a sentence, a
    capitalised word ("Ukraine's Independence Day", "Canadian Thanksgiving", "Orthodox
    Easter"): another country's or church's day."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    if word in _HOME or word.endswith(".") or not word[0].isalpha():
        return False  # a sentence or an abbreviation ends there
    if word.endswith(("'s", "’s", "s'", "s’")):
        return True
    if not word[0].isupper():
        return False
    # a capitalised word opening the text or a sentence is no name ("Since Thanksgiving, ...")
    opening = text[max(0, before.start() - 8) : before.start()].rstrip()
    return bool(opening) and opening[-1] not in ".!?:;\"“”'‘’([—–-"


def _keep(kind: str, m: re.Match[str], text: str, expr: str) -> bool:
    """Whether the date that form `kind` found is one (see `_NAMED`, `_HOLIDAY_USE`, ...)."""
    if expr.startswith("md:"):
        return not _NAMED.match(text, m.end())
    if kind == "hol":
        name = next(n for n in ("hol_n", "hol_b", "hol_c") if m.group(n))
        at = m.start(name)
        return not (_HOLIDAY_USE.match(text, m.end(name)) or text[at - 1 : at] == "-"
                    or _foreign_holiday(text, at))
    if kind == "rd" and m.group("rd_w").lower() == "overnight":
        return not _OVERNIGHT_USE.match(text, m.end())
    return True


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Date expressions in text[start:end], with offsets into `text`."""
    t = _tables()
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    for hit in t.finder.finditer(text, start, stop):
        m = t.pattern.match(text, hit.start(), stop)
        if m is None or m.end() != hit.end():  # the two patterns agree; never fail on text
            continue
        kind = m.lastgroup or ""  # the form's group closes after its own groups
        expr = _EXPR[kind](m.group, t)
        if expr and _keep(kind, m, text, expr):
            found.append(DateMatch(m.start(), m.end(), m.group(), expr))
    return found


SPECIFICITY = {"ymd": 6, "md": 5, "holiday": 5, "weekday": 4, "rel-day": 4, "clock": 3,
               "rel-week": 3,
               "weekend": 3, "ym": 3, "m": 2, "rel-month": 2, "y": 1, "rel-year": 1}
"""How precise each kind of expression is (higher is more specific)."""


def specificity(expr: str) -> int:
    """The rank of an expression in `SPECIFICITY` (0 if unknown)."""
    return SPECIFICITY.get(expr.split(":", 1)[0], 0)


def resolve(expr: str | None, anchor: date | datetime | None) -> PartialDate | None:
    """The calendar date `expr` means when written on `anchor`; None if unknowable."""
    if not expr:
        return None
    kind, _, rest = expr.partition(":")
    absolute = _absolute(kind, rest)
    if absolute is not None or anchor is None:
        return absolute
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    try:
        return _relative(kind, rest, day)
    except (ValueError, OverflowError):
        return None


def _absolute(kind: str, rest: str) -> PartialDate | None:
    try:
        if kind == "ymd":
            return PartialDate(date.fromisoformat(rest), "day")
        if kind == "ym":
            y, m = rest.split("-")
            return PartialDate(date(int(y), int(m), 1), "month")
        if kind == "y":
            return PartialDate(date(int(rest), 1, 1), "year")
    except ValueError:
        return None
    return None


def _relative(kind: str, rest: str, anchor: date) -> PartialDate | None:
    if kind == "clock":
        return PartialDate(anchor)
    if kind == "md":
        return _month_day(rest, anchor)
    if kind == "m":
        month = int(rest)
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return PartialDate(date(year, month, 1), "month")
    if kind == "weekday":
        return PartialDate(_weekday(rest, anchor), "day")
    if kind == "holiday":
        day = _holiday(rest, anchor)
        return PartialDate(day, "day") if day else None
    if kind == "weekend":
        saturday = _weekend(rest, anchor)
        return PartialDate(date(saturday.year, saturday.month, 1), "month")
    n = int(rest)
    if kind == "rel-day":
        return PartialDate(anchor + timedelta(days=n), "day")
    if kind == "rel-week":
        thursday = anchor + timedelta(days=7 * n + 3 - anchor.weekday())
        return PartialDate(date(thursday.year, thursday.month, 1), "month")
    if kind == "rel-month":
        index = anchor.year * 12 + anchor.month - 1 + n
        return PartialDate(date(index // 12, index % 12 + 1, 1), "month")
    if kind == "rel-year":
        return PartialDate(date(anchor.year + n, 1, 1), "year")
    return None


def _month_day(rest: str, anchor: date) -> PartialDate:
    parts = rest.split(":")
    month, day = (int(x) for x in parts[0].split("-"))
    qualifier = parts[1] if len(parts) > 1 else ""
    if qualifier == "this-year":
        return PartialDate(date(anchor.year, month, day), "day")
    if qualifier == "last-year":
        return PartialDate(date(anchor.year - 1, month, day), "day")
    value = date(anchor.year, month, day)
    if value > anchor:
        value = date(anchor.year - 1, month, day)
    return PartialDate(value, "day")


def _weekday(rest: str, anchor: date) -> date:
    parts = rest.split(":")
    target = int(parts[0])
    qualifier = parts[1] if len(parts) > 1 else ""
    if qualifier == "next":
        return anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - target) % 7
    if qualifier == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _weekend(rest: str, anchor: date) -> date:
    """The Saturday of the weekend `rest` ("", "last", "next") names."""
    monday = anchor - timedelta(days=anchor.weekday())
    if rest == "last":
        return monday - timedelta(days=2)
    if rest == "next":
        return monday + timedelta(days=12)
    return anchor - timedelta(days=(anchor.weekday() - 5) % 7)


def _holiday(key: str, anchor: date) -> date | None:
    """The most recent day of holiday `key` on or before the anchor."""
    rules = _tables().rules
    for year in (anchor.year, anchor.year - 1):
        day = _holiday_date(key, year, rules)
        if day is not None and day <= anchor:
            return day
    return None


def _holiday_date(key: str, year: int, rules: dict[str, dict[str, Any]]) -> date | None:
    """Holiday `key` in `year` by its rule (see data/calendar.json); None if unknown."""
    rule = rules.get(key)
    if rule is None:
        return None
    if "easter" in rule:
        return _easter(year) + timedelta(days=rule["easter"])
    month = rule["month"]
    if "day" in rule:
        return date(year, month, rule["day"])
    nth = rule["nth"]
    if isinstance(nth, dict):  # {first year: nth}: the latest that applies
        since = [int(first) for first in nth if int(first) <= year]
        if not since:
            return None
        nth = nth[str(max(since))]
    if nth < 0:  # counted from the month's end
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - rule["weekday"]) % 7 + 7 * (-nth - 1))
    first = date(year, month, 1)
    return first + timedelta(days=(rule["weekday"] - first.weekday()) % 7 + 7 * (nth - 1))


def _easter(year: int) -> date:
    """Easter Sunday of `year` (Gregorian calendar; the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return date(year, month, day + 1)
