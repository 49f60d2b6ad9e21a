"""Turning untrusted values into safe, short text for cells and labels.

Contract: `plain(value)` is the only way feed text reaches the screen: a
`rich.text.Text` built from the string (never parsed as markup), with control
characters shown as visible symbols (ESC as "␛") so they cannot drive the
terminal. The other helpers format times, ages and poll results as plain str.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:  # the poller pulls in the whole pipeline; only its type is needed
    from feeds.ingest.poller import PollSummary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\t]+")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "�"


def clean(value: object, *, one_line: bool = True) -> str:
    """The string with control characters made visible (and newlines folded)."""
    text = "" if value is None else str(value)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub(_picture, text)


def plain(value: object, style: str = "", *, one_line: bool = True) -> Text:
    """A Text showing `value` literally: no markup, no escape sequences."""
    return Text(clean(value, one_line=one_line), style=style, no_wrap=one_line,
                overflow="ellipsis" if one_line else "fold")


def aware(value: datetime | None) -> datetime | None:
    """The datetime with UTC assumed when it carries no zone."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def age(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, short: "now", "12m", "3h", "2d"; "—" when unknown."""
    value = aware(value)
    if value is None:
        return "—"
    seconds = ((now or datetime.now(UTC)) - value).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def stamp(value: datetime | None) -> str:
    """Local date and time, "2025-03-01 14:05"; "—" when unknown."""
    value = aware(value)
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


def poll_text(summary: PollSummary, at: datetime) -> str:
    """One header line for a finished poll: when, new, updated, stories, failures."""
    parts = [f"polled {at.astimezone().strftime('%H:%M')}",
             f"{summary.new} new, {summary.updated} updated"]
    if summary.new_stories or summary.grown_stories:
        parts.append(f"{len(summary.new_stories)} new stories, "
                     f"{len(summary.grown_stories)} grown")
    failed = summary.failed
    if failed:
        names = ", ".join(clean(p.source) for p in failed[:3])
        parts.append(f"{len(failed)} failed ({names})")
    workers = getattr(summary, "worker_failures", 0)  # duck-typed summaries may lack it
    if workers:
        plural = "" if workers == 1 else "s"
        parts.append(f"{workers} worker failure{plural} (redone here)")
    return " · ".join(parts)
