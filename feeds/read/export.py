"""Story snapshots for people and programs: Markdown, JSON, HTML and CSV.

Contract: `render(detail, fmt)` returns the snapshot as text; `export_story(store,
story_id, fmt, path)` writes it (to `path`, or a file named after the story in
the current folder) and returns the path written. Every string of a story came
from untrusted feeds and is escaped for the target format: Markdown control
characters, HTML entities (the page has no script and links only http(s) URLs),
CSV cells that a spreadsheet would read as a formula. The JSON follows
`docs/story-snapshot.schema.json` (its version is `feeds.read.serialize.SCHEMA_VERSION`)
and carries the story's card; Markdown and HTML open with the card after the title
(the lines of `feeds.read.serialize.card_lines`), when the story has one. Events are named
by their ontology type with their CAMEO code beside it; the CSV has one row per
event in a GDELT-like flat form (`CSV_COLUMNS`: `event_type` the ontology type,
`cameo` the CAMEO code, "" where CAMEO has none).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from feeds.model import StoryCard
from feeds.read.serialize import card_lines, iso, story_detail
from feeds.read.views import EventView, StoryDetail

if TYPE_CHECKING:  # the store is what the caller opened: its classes load with it
    from feeds.store import Store

FORMATS = ("md", "json", "html", "csv")
CSV_COLUMNS = ("date", "precision", "actor1", "cameo", "event_type", "actor2", "place",
               "articles", "outlets", "summary", "story_id")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MD_LINE_START = re.compile(r"^(?:([-=])|(\d{1,9})\.(?=\s|$))")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The snapshot could not be made; the message says why."""


def md(text: str | None) -> str:
    """Text made inert in Markdown (one line, no control characters)."""
    return _MD_SPECIAL.sub(r"\\\1", _CONTROL.sub("", (text or "").replace("\n", " ")))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a link target (spaces and brackets quoted), else None."""
    if not url:
        return None
    url = _CONTROL.sub("", url).strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def render(detail: StoryDetail, fmt: str) -> str:
    """The snapshot of a story in `fmt` (md, json, html or csv)."""
    renderers = {"md": render_markdown, "json": render_json, "html": render_html,
                 "csv": render_csv}
    if fmt not in renderers:
        raise ExportError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return renderers[fmt](detail)


def render_json(detail: StoryDetail) -> str:
    """The JSON snapshot (see docs/story-snapshot.schema.json)."""
    return json.dumps(story_detail(detail), ensure_ascii=False, indent=2) + "\n"


def _span(detail: StoryDetail) -> str:
    story = detail.story
    return (f"{story.articles} article{'s' if story.articles != 1 else ''} from "
            f"{story.outlets} outlet{'s' if story.outlets != 1 else ''} · "
            f"{iso(story.first_seen) or '?'} to {iso(story.last_seen) or '?'} · {story.state}")


def _type(cameo: str, event_type: str) -> str:
    """ "19 Conflict.Attack", or the type alone where CAMEO has no code."""
    return f"{cameo} {event_type}" if cameo else event_type


def _markdown_card(card: StoryCard | None) -> list[str]:
    """The card as a quote: its first line in bold, one line each (hard breaks)."""
    if card is None:
        return []
    head, *rest = card_lines(card)
    lines = [f"**{md(head)}**", *(_md_line(line) for line in rest)]
    return [f"> {line}\\" for line in lines[:-1]] + [f"> {lines[-1]}", ""]


def _md_line(text: str) -> str:
    """`md(text)` fit to open a line of a paragraph: a leading "-", "=" or "1." would
    start a list or underline a heading, so it is escaped too."""
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.",
                              md(text).lstrip())


def render_markdown(detail: StoryDetail) -> str:
    """A Markdown page: title, card, span, counts, timeline, actors, sources, articles."""
    story = detail.story
    lines = [f"# {md(story.title)}", "", *_markdown_card(detail.card),
             f"Story {story.id} · {_span(detail)}", ""]
    lines += ["## Timeline", "", "| Date | Type | Event | Reports |", "|---|---|---|---|"]
    for event in detail.events:
        lines.append(f"| {event.date or 'date unknown'} | {md(_type(event.cameo, event.type))} | "
                     f"{md(event.summary)}{_place(event.place)} | {event.articles} |")
    lines += ["", "## Actors", "", "| Name | Kind | Role | Mentions | Articles |",
              "|---|---|---|---|---|"]
    for actor in detail.actors:
        lines.append(f"| {md(actor.name)} | {md(actor.kind)} | {md(actor.role or '')} | "
                     f"{actor.mentions} | {actor.articles} |")
    lines += ["", "## Sources", ""]
    lines += [f"- {md(o.name)}: {o.articles} article{'s' if o.articles != 1 else ''}, "
              f"first {iso(o.first_report) or '?'}, latest {iso(o.latest_report) or '?'}"
              for o in detail.outlets]
    if detail.cited:
        cited = ", ".join(f"{md(name)} ({count})" for name, count in detail.cited)
        lines += ["", f"Cited: {cited}"]
    lines += ["", "## Articles", ""]
    for item in detail.articles:
        title, url = md(item.title), safe_url(item.url)
        linked = f"[{title}](<{url}>)" if url else title
        lines.append(f"- {iso(item.published) or 'undated'} · {md(item.outlet)} · {linked}")
    return "\n".join(lines) + "\n"


def _place(place: str | None) -> str:
    return f" ({md(place)})" if place else ""


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = _CONTROL.sub("", "" if value is None else str(value).replace("\n", " "))
    return "'" + text if text.startswith(_FORMULA_START) else text


def event_row(story_id: int, event: EventView) -> list[str]:
    """One event in the flat form: actor 1 is its first actor, actor 2 its second."""
    actors = list(event.actors) + ["", ""]
    values = (event.date or "", event.precision or "", actors[0], event.cameo, event.type,
              actors[1], event.place or "", event.articles, event.outlets, event.summary,
              story_id)
    return [_cell(value) for value in values]


def render_csv(detail: StoryDetail) -> str:
    """The story's events, one row each, under a header row (RFC 4180 quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in detail.events:
        writer.writerow(event_row(detail.story.id, event))
    return buffer.getvalue()


_HTML_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ddd}.meta{color:#666}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{display:inline-block;height:.7rem;
background:#4a7bd0;margin-right:.4rem}ul.articles li{margin:.2rem 0}.dim{color:#888}
.card{border-left:4px solid #4a7bd0;background:#f3f6fb;padding:.4rem .9rem;margin:1rem 0}
.card p{margin:.2rem 0}
@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161618}th,td{border-color:#333}
h2{border-color:#444}.meta,.dim{color:#999}a{color:#8ab4ff}.card{background:#1f2430}}
""".strip()


def h(value: object) -> str:
    """Text escaped for HTML content and attribute values, control characters dropped."""
    return html.escape(_CONTROL.sub("", "" if value is None else str(value)), quote=True)


def _html_table(headers: tuple[str, ...], rows: list[list[str]], numeric: set[int]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{name}</th>" for name in headers) + "</tr>"]
    for row in rows:
        cells = (f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                 for i, cell in enumerate(row))
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out + ["</table>"]


def _html_card(card: StoryCard | None) -> list[str]:
    """The card as a boxed section: its first line in bold, one paragraph a line."""
    if card is None:
        return []
    head, *rest = card_lines(card)
    return ['<section class="card">', f"<p><strong>{h(head)}</strong></p>",
            *(f"<p>{h(line)}</p>" for line in rest), "</section>"]


def render_html(detail: StoryDetail) -> str:
    """A self-contained page (inline style, no script, no remote resources)."""
    story = detail.story
    body = [f"<h1>{h(story.title)}</h1>", *_html_card(detail.card),
            f'<p class="meta">Story {story.id} · {h(_span(detail))}</p>',
            "<h2>Timeline</h2>"]
    body += _html_table(("Date", "Type", "Event", "Actors", "Place", "Reports"), [
        [h(e.date or "date unknown"), h(_type(e.cameo, e.type)), h(e.summary),
         h(", ".join(e.actors)), h(e.place or ""), str(e.articles)] for e in detail.events
    ], {5})
    body.append("<h2>Actors</h2>")
    body += _html_table(("Name", "Kind", "Role", "Mentions", "Articles", "Outlets"), [
        [h(a.name), h(a.kind), h(a.role or ""), str(a.mentions), str(a.articles), str(a.outlets)]
        for a in detail.actors
    ], {3, 4, 5})
    body.append("<h2>Sources</h2>")
    top = max((o.articles for o in detail.outlets), default=1) or 1
    body += _html_table(("Outlet", "Articles", "First report", "Latest report"), [
        [h(o.name), f'<span class="bar" style="width:{round(8 * o.articles / top, 2)}rem">'
         f"</span>{o.articles}", h(iso(o.first_report) or "?"), h(iso(o.latest_report) or "?")]
        for o in detail.outlets
    ], set())
    if detail.cited:
        body.append("<p>Cited: " + ", ".join(f"{h(name)} ({count})" for name, count in detail.cited)
                    + "</p>")
    body += ["<h2>Articles</h2>", '<ul class="articles">']
    for item in detail.articles:
        url = safe_url(item.url)
        title = (f'<a href="{h(url)}" rel="noopener noreferrer nofollow">{h(item.title)}</a>'
                 if url else h(item.title))
        body.append(f'<li><span class="dim">{h(iso(item.published) or "undated")} · '
                    f"{h(item.outlet)}</span> · {title}</li>")
    body.append("</ul>")
    head = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">",
            '<meta name="generator" content="wirewatch">',
            f"<title>{h(story.title)} · Wirewatch</title>", f"<style>{_HTML_STYLE}</style>",
            "</head>", "<body>"]
    return "\n".join(head + body + ["</body>", "</html>"]) + "\n"


def default_path(story_id: int, fmt: str, folder: Path | None = None) -> Path:
    """Where a snapshot goes when no path is given: wirewatch-story-ID.FMT."""
    return (folder or Path.cwd()) / f"wirewatch-story-{story_id}.{fmt}"


def export_story(store: Store, story_id: int, fmt: str = "md", path: Path | None = None) -> Path:
    """Write the snapshot of one story; returns where it went."""
    detail = store.story_detail(story_id)
    if detail is None:
        raise ExportError(f"no story {story_id}")
    text = render(detail, fmt)
    target = path or default_path(story_id, fmt)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
