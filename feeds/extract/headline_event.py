"""What a headline reports: its day, its toll, and its happening when the text gives none.

Contract: `best_day(text, anchor)` is the most specific date of a short text, a headline
("Two teens die early Thursday") or a lead, at day level or finer, with its expression,
resolved against the article's date `anchor`; None when it gives none.
`headline_event(head, anchor, place)` is the happening a headline names with its toll,
for an article whose text names no happening (a body that is a caption or a teaser).
Its type and CAMEO code come from the headline's first trigger of violence or harm
(`feeds.extract.triggers`: "killed in officer-involved shooting" is an attack), else it
is an attack when a gun did it ("kills herself with loaded gun"), else a death or an
injury. It carries the headline's figures (`feeds.extract.figures.headline_figures`),
its day and `place`; the headline is its sentence and summary (never invented), at
offset 0 of sentence 0. None when the headline counts no dead or wounded ("Shooter in
fatal hunting accident identified": the text's events, however late, say more).
"""

from __future__ import annotations

import re
from datetime import datetime

from feeds.extract.dates import find_dates, resolve, specificity
from feeds.extract.figures import headline_figures
from feeds.extract.participants import CAUSES, VIOLENT
from feeds.extract.triggers import find_triggers
from feeds.model import EventCandidate, PartialDate

DAY_LEVEL = 4
"""`specificity` of weekdays and relative days; full and month-day dates rank above."""
_GUN = re.compile(r"\b(?:gun\w*|shot|shoot\w*|rifle|pistol|firearm)\b", re.IGNORECASE)


def best_day(text: str, anchor: datetime | None) -> tuple[str, PartialDate | None] | None:
    """The text's day: (expression, resolved date) (see the module's contract)."""
    when = max(find_dates(text, 0, len(text)), key=lambda d: specificity(d.expr), default=None)
    if when is None or specificity(when.expr) < DAY_LEVEL:
        return None
    return when.expr, resolve(when.expr, anchor)


def headline_event(head: str, anchor: datetime | None, place: str | None) -> EventCandidate | None:
    """The happening a headline names (see the module's contract)."""
    figures = {k: n for k, n in headline_figures(head).items() if k in ("killed", "wounded")}
    kind = _kind(head, figures) if figures else None
    if kind is None:
        return None
    day = best_day(head, anchor)
    return EventCandidate(
        cameo=kind[1], type=kind[0], sentence=head, start=0, end=0, summary=head,
        date_expr=day[0] if day else None, date=day[1] if day else None, place=place,
        figures=figures, sentence_no=0)


def _kind(head: str, figures: dict[str, int]) -> tuple[str, str]:
    """(type, CAMEO code) of the happening of a headline that counts casualties."""
    for trigger in find_triggers(head, 0, len(head), []):
        family = trigger.type.partition(".")[0]
        if not trigger.casualty and (trigger.type in VIOLENT or family in CAUSES):
            return trigger.type, trigger.cameo
    if _GUN.search(head):
        return "Conflict.Attack", "18"
    return ("Life.Die", "") if "killed" in figures else ("Life.Injure", "")
