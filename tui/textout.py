"""Plain-text renderings for the command line: story tables, one story, poll summaries.

Contract: pure functions returning text with no markup and no control
characters (every untrusted string passes `one_line` again), sized to fit the
terminal width where it matters. A story opens with its card (`CARD`, the lines of
`feeds.read.serialize.card_lines`), then its timeline, each event by its ontology type.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from feeds.model.text import one_line
from feeds.read.serialize import card_lines, figures_text
from feeds.read.views import ArticleView, Marked, SearchGroup, StoryDetail, StorySummary

if TYPE_CHECKING:  # the poller (and the store behind it) load for commands that poll
    from feeds.ingest.poller import PollSummary


def _fit(text: str | None, width: int) -> str:
    value = one_line(text or "", 2000)
    return value if len(value) <= width else value[: max(0, width - 1)] + "…"


def age(when: datetime | None, now: datetime | None = None) -> str:
    """How long ago, shortly: 45s, 12m, 5h, 3d, 2y."""
    if when is None:
        return "-"
    seconds = max(0, int(((now or datetime.now(UTC)) - when).total_seconds()))
    for unit, size in (("y", 365 * 86400), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def stories_table(rows: list[StorySummary]) -> str:
    """The story list as aligned columns."""
    if not rows:
        return "No stories yet: run `wirewatch poll --once` to fetch your sources."
    width = shutil.get_terminal_size((100, 24)).columns
    title_width = max(20, width - 45)
    lines = [f"{'ID':>5}  {'ART':>4} {'NEW':>4} {'OUT':>4} {'LAST':>5}  {'STATE':<10}  TITLE"]
    for row in rows:
        unread = str(row.unread) if row.unread else "-"
        lines.append(f"{row.id:>5}  {row.articles:>4} {unread:>4} {row.outlets:>4} "
                     f"{age(row.last_seen):>5}  {row.state:<10}  {_fit(row.title, title_width)}")
    return "\n".join(lines)


def saved_text(stories: list[StorySummary], articles: list[tuple[ArticleView, int | None]]) -> str:
    """The saved stories as the story table, then the saved articles, one a line."""
    lines = ["STORIES", stories_table(stories)] if stories else []
    if articles:
        lines += ["", "ARTICLES"] if lines else ["ARTICLES"]
        for view, story_id in articles:
            where = f"story {story_id}" if story_id is not None else "no story"
            lines.append(f"{view.id:>6}  {_fit(view.outlet or view.source_name, 20):<20}  "
                         f"{where:<10}  {_fit(view.title, 80)}")
            if view.url:
                lines.append(f"{'':>8}{_fit(view.url, 200)}")
    return "\n".join(lines)


def marked_text(value: Marked, width: int) -> str:
    """A search's title or passage on one line with each matched word in [brackets], cut
    to `width` characters."""
    parts, at = [], 0
    for start, end in value.spans:
        parts += [value.text[at:start], "[", value.text[start:end], "]"]
        at = end
    return _fit("".join(parts) + value.text[at:], width)


def search_text(groups: list[SearchGroup]) -> str:
    """Search results: each story (id, title, articles), then its matching articles with
    date, outlet and title, and under each the passage of its text, matches in [brackets]."""
    width = shutil.get_terminal_size((100, 24)).columns
    lines: list[str] = []
    for group in groups:
        story = group.story
        count = "1 article" if story.articles == 1 else f"{story.articles} articles"
        lines += [*([""] if lines else []),
                  f"story {story.id} · {_fit(story.title, max(20, width - 30))} · {count}"]
        for match in group.matches:
            when = match.published.date().isoformat() if match.published else "undated"
            lines.append(f"  {when:<10}  {_fit(match.outlet, 20):<20}  "
                         f"{marked_text(match.title, max(20, width - 36))}")
            if match.snippet.text:
                lines.append(f"  {'':<10}  {marked_text(match.snippet, max(40, width - 14))}")
    return "\n".join(lines)


def story_text(detail: StoryDetail) -> str:
    """One story: header, its card (when it has one), timeline, actors, sources, articles."""
    story = detail.story
    muted = f" · {detail.muted} muted" if detail.muted else ""
    lines = [_fit(story.title, 400), f"story {story.id} · {story.articles} articles · "
             f"{story.outlets} outlets · {story.state}{muted}", ""]
    if detail.card is not None:
        lines += ["CARD", *(f"  {_fit(line, 400)}" for line in card_lines(detail.card)), ""]
    lines.append("EVENTS")
    type_width = max((len(_fit(e.type, 40)) for e in detail.events), default=0)
    for event in detail.events:
        place = f" @ {_fit(event.place, 40)}" if event.place else ""
        lines.append(f"  {event.date or 'date unknown':<12} {_fit(event.cameo, 4):>3} "
                     f"{_fit(event.type, 40):<{type_width}} "
                     f"{event.articles} rep  {_fit(event.summary, 200)}{place}"
                     f"{figures_text(event.figures)}")
    lines += ["", "ACTORS"]
    for actor in detail.actors:
        role = f" ({_fit(actor.role, 60)})" if actor.role else ""
        lines.append(f"  {_fit(actor.name, 40):<32} {actor.kind:<12} {actor.mentions:>3} mentions "
                     f"{actor.articles:>2} articles{role}")
    lines += ["", "SOURCES"]
    for outlet in detail.outlets:
        lines.append(f"  {_fit(outlet.name, 40):<32} {outlet.articles:>3} articles")
    if detail.cited:
        lines.append("  cited: " + ", ".join(f"{_fit(n, 60)} ({c})" for n, c in detail.cited))
    lines += ["", "ARTICLES"]
    for item in detail.articles:
        when = item.published.date().isoformat() if item.published else "undated"
        when = f"~{when}" if item.date_origin == "file-time" else when
        lines.append(f"  {when:<11} {_fit(item.outlet, 20):<20} {_fit(item.title, 100)}")
    return "\n".join(lines)


def poll_summary(summary: PollSummary) -> str:
    """One paragraph: what a poll did, then one line per source error and per folder with
    files too fresh to read yet."""
    new_stories, grown = summary.new_stories, summary.grown_stories
    lines = [f"polled {len(summary.passes)} sources: {summary.new} new articles, "
             f"{summary.updated} updated; {len(new_stories)} new stories, "
             f"{len(grown)} grown; {len(summary.failed)} failed"]
    for item in summary.passes:
        for error in item.errors:
            lines.append(f"  {_fit(item.source, 30)}: {_fit(error, 200)}")
        if item.settling:
            files = "file" if item.settling == 1 else "files"
            lines.append(f"  {_fit(item.source, 30)}: {item.settling} {files} changed in the "
                         "last seconds, read at the next poll")
    return "\n".join(lines)
