"""Story snapshots for people and programs: Markdown and JSON.

Contract: `render(detail, fmt)` returns the snapshot as text; `export_story(store,
story_id, fmt, path)` writes it (to `path`, or a file named after the story in
the current folder) and returns the path written. Untrusted text is escaped for
the target format: Markdown control characters in titles and table cells.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from feeds.serialize import iso, story_detail
from feeds.store import Store
from feeds.views import StoryDetail

FORMATS = ("md", "json")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


class ExportError(Exception):
    """The snapshot could not be made; the message says why."""


def md(text: str | None) -> str:
    """Text made inert in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", (text or "").replace("\n", " "))


def render(detail: StoryDetail, fmt: str) -> str:
    """The snapshot of a story in `fmt` (md or json)."""
    if fmt == "json":
        return json.dumps(story_detail(detail), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_markdown(detail)
    raise ExportError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def render_markdown(detail: StoryDetail) -> str:
    """A Markdown page: title, span, counts, timeline, actors, sources, articles."""
    story = detail.story
    lines = [f"# {md(story.title)}", "",
             f"Story {story.id} · {story.articles} articles from {story.outlets} outlets · "
             f"{iso(story.first_seen) or '?'} to {iso(story.last_seen) or '?'} · {story.state}", ""]
    lines += ["## Timeline", "", "| Date | Type | Event | Reports |", "|---|---|---|---|"]
    for event in detail.events:
        lines.append(f"| {event.date or 'date unknown'} | {event.cameo} {md(event.type)} | "
                     f"{md(event.summary)}{_place(event.place)} | {event.articles} |")
    lines += ["", "## Actors", "", "| Name | Kind | Role | Mentions | Articles |", "|---|---|---|---|---|"]
    for actor in detail.actors:
        lines.append(f"| {md(actor.name)} | {actor.kind} | {md(actor.role or '')} | "
                     f"{actor.mentions} | {actor.articles} |")
    lines += ["", "## Sources", ""]
    lines += [f"- {md(o.name)}: {o.articles} article{'s' if o.articles != 1 else ''}"
              for o in detail.outlets]
    if detail.cited:
        lines += ["", "Cited: " + ", ".join(f"{md(name)} ({count})" for name, count in detail.cited)]
    lines += ["", "## Articles", ""]
    for item in detail.articles:
        title = md(item.title)
        linked = f"[{title}](<{item.url}>)" if item.url else title
        lines.append(f"- {iso(item.published) or 'undated'} · {md(item.outlet)} · {linked}")
    return "\n".join(lines) + "\n"


def _place(place: str | None) -> str:
    return f" ({md(place)})" if place else ""


def export_story(store: Store, story_id: int, fmt: str = "md", path: Path | None = None) -> Path:
    """Write the snapshot of one story; returns where it went."""
    detail = store.story_detail(story_id)
    if detail is None:
        raise ExportError(f"no story {story_id}")
    text = render(detail, fmt)
    target = path or Path.cwd() / f"wirewatch-story-{story_id}.{fmt}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
