"""The ages a headline or a lead gives its people: "2-year-old girl", "Boy, 15, shot".

Contract: `stated_ages(text)` is the set of ages (whole years, 1 to 120) a piece of news
text (a headline, a lead sentence) states in the two forms English news uses for a
person's age:
- the compound adjective: "2-year-old", "Two-year-old", "15 year old", "twenty-one-year-old";
- the appositive after a noun for a person: "Girl, 4, shot", "Toledo man, 27, charged",
  "boy, 15:" (the number between commas, or a comma and a colon or a dash).
Not "2 years ago", "a 3-year sentence", "a year-old feud", "5 months old" (a baby's months
are no year), nor a number after a noun that is no person ("Route, 66,"). Pure; an empty
set when none is given.
The story engine compares them (`feeds.stories.evidence`): two articles on one kind of
event whose headline and lead give their people ages, and no age in common, tell of
other people.
"""

from __future__ import annotations

import re

from feeds.extract.numbers import number_value

MAX_AGE = 120
_NUMBER = r"\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_COMPOUND = re.compile(_NUMBER + r"[- ]years?[- ]old\b", re.IGNORECASE)
_PERSON = (r"boy|girl|man|woman|teen|teenager|toddler|child|baby|infant|youth|mother|father"
           r"|mom|dad|son|daughter|student|officer|deputy|suspect|victim|grandmother"
           r"|grandfather|brother|sister|uncle|aunt|nephew|niece|wife|husband")
_APPOSITIVE = re.compile(r"\b(?:" + _PERSON + r")s?, (\d{1,3})(?:,|:| -| –| —)",
                         re.IGNORECASE)

_COMMA_DIGIT = re.compile(r", \d")
"""What every appositive age has: a cheap test before `_APPOSITIVE`."""


def stated_ages(text: str) -> frozenset[int]:
    """The ages the text gives (see the module's contract)."""
    compound = "old" in text.lower()
    appositive = ", " in text and _COMMA_DIGIT.search(text) is not None
    if not (compound or appositive):
        return frozenset()  # most headlines and leads: the cheap tests first
    ages: set[int] = set()
    for match in _COMPOUND.finditer(text) if compound else ():
        word = match.group(1).lower()
        value = None if word in ("a", "an") else number_value(word)
        if value is not None and 0 < value <= MAX_AGE:
            ages.add(value)
    for match in _APPOSITIVE.finditer(text) if appositive else ():
        value = int(match.group(1))
        if 0 < value <= MAX_AGE:
            ages.add(value)
    return frozenset(ages)

