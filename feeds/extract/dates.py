"""Date expressions: find them in text, normalise them, resolve them against an anchor.

Contract: `find_dates(text, start, end)` returns the `DateMatch`es in
text[start:end] (offsets into `text`), left to right, never overlapping.
`resolve(expr, anchor)` turns a normalised expression into a `PartialDate`,
or None when there is no anchor or the expression is invalid. Nothing here
ever looks at the clock: without an anchor, relative dates stay unresolved.

The `date_expr` format (re-resolvable against any anchor):
    ymd:2025-12-13        a full date ("December 13, 2025", "13 December 2025", ISO)
    ym:2024-12            a month of a year ("in December 2024"), month precision
    y:2014                a year ("in 2014", "since 2014"), year precision
    md:11-12              month and day without year: the most recent such day
                          on or before the anchor ("November 12")
    md:11-12:this-year    month and day in the anchor's year ("Nov. 12 this year")
    md:11-12:last-year    month and day in the year before the anchor's
    m:12                  a month alone ("in December"): the most recent such
                          month on or before the anchor's, month precision
    weekday:6             a weekday (0=Monday..6=Sunday): the most recent such
                          day on or before the anchor (the anchor's own weekday
                          is the anchor day)
    weekday:6:last        "last Sunday": strictly before the anchor
    weekday:6:next        "next Sunday": strictly after the anchor
    rel-day:-1            anchor + N days ("yesterday", "today", "tomorrow")
    rel-week:-1           the week N weeks from the anchor's (Monday to Sunday), given
                          as the month of that week's Thursday with month precision
                          (a week is not a precision; a day would claim too much)
    rel-month:-1          the anchor's month + N, month precision ("last month")
    rel-year:-1           the anchor's year + N, year precision ("last year")
Bare numbers and clock times are never dates, nor a month and day that names
something ("the September 11 attacks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from feeds.extract.alternation import by_first_character
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
    pattern: re.Pattern[str]
    finder: re.Pattern[str]
    """`pattern` without its named groups, each form tried only where its first character is:
    the same matches, found faster (most words open no date); `pattern` is then matched where
    `finder` found a date, for its groups."""


_WD_QUALIFIERS = ("last", "next", "this", "on")
"""Words before a weekday ("last Sunday", "On Monday")."""


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_json("calendar.json")
    month = rf"(?:{_alt(list(data['months']))})(?![\w])"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|20\d\d)"
    wd = _alt(list(data["weekdays"]))
    wd_q = "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _WD_QUALIFIERS)  # [Ll]ast|...
    rel = _alt([*data["relative_days"], *(w[:1].upper() + w[1:] for w in data["relative_days"])])
    forms = {  # in this order; each starts where a word does (the \b(?=\w) before them all)
        "iso": rf"{year}-[01]\d-[0-3]\d\b",
        "mdy": rf"(?P<mdy_m>{month})\s+(?P<mdy_d>{day}),?\s+(?P<mdy_y>{year})\b",
        "dmy": rf"(?P<dmy_d>{day})\s+(?P<dmy_m>{month}),?\s+(?P<dmy_y>{year})\b",
        "md": rf"(?P<md_m>{month})\s+(?P<md_d>{day})\b(?!:)(?:,?\s+(?P<md_q>this|last) year\b)?",
        "dm": rf"(?P<dm_d>{day})\s+(?P<dm_m>{month})(?:\s+(?P<dm_q>this|last) year\b)?",
        "my": rf"(?P<my_m>{month}),?\s+(?P<my_y>{year})\b",
        "y": r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f|[Ee]arly|[Ll]ate|"
             rf"[Mm]id-?|[Ff]rom|[Tt]hrough)\s+(?P<y_y>{year})\b(?![-/])",
        "m": rf"(?:in|since|during|until|by|early|late|mid-?)\s+(?P<m_m>{month})"
             rf"(?:,?\s+(?P<m_y>{year})\b)?",
        "wd": rf"(?:(?P<wd_q>{wd_q})\s+)?(?P<wd_d>{wd})\b",
        "rw": r"(?P<rw_q>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier this|[Ll]ater this)\s+"
              r"(?P<rw_u>week|month|year)\b",
        "rd": rf"(?P<rd_w>{rel})\b",
    }
    # (?=\w): each form starts with a word character (skips word ends)
    pattern = re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in forms.items()) + ")")
    bare = {k: re.sub(r"\(\?P<\w+>", "(?:", v) for k, v in forms.items()}  # no backreferences
    # The finder: the forms regrouped by first character (see `alternation`), so at each word
    # only the forms that can open with its first character are tried, in the pattern's order
    flat = list(bare.values())
    finder = re.compile(r"\b(?=\w)(?:" + (by_first_character(flat) or "|".join(flat)) + ")")
    return _Tables(data["months"], data["weekdays"], data["relative_days"], pattern, finder)


def _num(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _expr(m: re.Match[str], t: _Tables) -> str | None:
    g = m.group
    if g("iso"):
        return f"ymd:{g('iso')}"
    if g("mdy"):
        return f"ymd:{g('mdy_y')}-{t.months[g('mdy_m')]:02d}-{_num(g('mdy_d')):02d}"
    if g("dmy"):
        return f"ymd:{g('dmy_y')}-{t.months[g('dmy_m')]:02d}-{_num(g('dmy_d')):02d}"
    if g("md") or g("dm"):
        p = "md" if g("md") else "dm"
        q = g(f"{p}_q")
        suffix = f":{q}-year" if q else ""
        return f"md:{t.months[g(p + '_m')]:02d}-{_num(g(p + '_d')):02d}{suffix}"
    if g("my"):
        return f"ym:{g('my_y')}-{t.months[g('my_m')]:02d}"
    if g("y"):
        return f"y:{g('y_y')}"
    if g("m") and g("m_y"):
        return f"ym:{g('m_y')}-{t.months[g('m_m')]:02d}"
    if g("m"):
        return f"m:{t.months[g('m_m')]}"
    if g("wd"):
        q = (g("wd_q") or "").lower()
        suffix = f":{q}" if q in ("last", "next") else ""
        return f"weekday:{t.weekdays[g('wd_d')]}{suffix}"
    if g("rw"):
        q = g("rw_q").lower()
        n = -1 if q == "last" else 1 if q == "next" else 0
        return f"rel-{g('rw_u')}:{n}"
    if g("rd"):
        return f"rel-day:{t.relative[g('rd_w').lower()]}"
    return None


_NAMED = re.compile(r"(?:th)?\s+(?:attacks?|terror attacks?|hijackers|commission|memorial|museum)\b",
                    re.IGNORECASE)
"""After a month and day, words that make it a name ("the September 11 attacks"), not a date."""


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Date expressions in text[start:end], with offsets into `text`."""
    t = _tables()
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    for hit in t.finder.finditer(text, start, stop):
        m = t.pattern.match(text, hit.start(), stop)
        if m is None or m.end() != hit.end():  # the two patterns agree; never fail on text
            continue
        expr = _expr(m, t)
        if expr and not (expr.startswith("md:") and _NAMED.match(text, m.end())):
            found.append(DateMatch(m.start(), m.end(), m.group(), expr))
    return found


SPECIFICITY = {"ymd": 6, "md": 5, "weekday": 4, "rel-day": 4, "rel-week": 3, "ym": 3, "m": 2,
               "rel-month": 2, "y": 1, "rel-year": 1}
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
    if kind == "md":
        return _month_day(rest, anchor)
    if kind == "m":
        month = int(rest)
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return PartialDate(date(year, month, 1), "month")
    if kind == "weekday":
        return PartialDate(_weekday(rest, anchor), "day")
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
