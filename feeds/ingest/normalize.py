"""RawDocument -> Article: clean text, metadata, title, date and outlet.

Contract: `normalize(raw)` is pure and never raises on odd text; it returns
None only for a document with no text at all. It reads, in this order, YAML-ish
front matter (`---` ... `---`), a `Key: value` header block (Title, Date,
Source, URL, Author), and a leading metadata line such as ` date 2025-12-15 `
that runs straight into the first sentence. Section subheadings (short lines
without final punctuation) leave the text and go to `Article.subheadings`. With
no title, the first sentence cut near 120 characters is the title. The outlet is
the one an attribution in the opening names ("News.Az reports, citing the
YeniShafak"), else the one the source knows, else the one the article's own
dateline, byline or credit names ("LONDON (Reuters) -", "By Jane Doe, Kyodo News",
"(Reporting by ...; Editing by ...)": see `feeds.extract.outlets`), else the one its
URL's domain names, else the source's name. A date
from the file's modification time is kept but marked uncertain.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from feeds.extract.outlets import credited_outlet, outlet_by_domain
from feeds.ingest.dedup import article_key, canonical_url, content_hash, simhash
from feeds.model import Article, DateOrigin, RawDocument
from feeds.model.text import cut_title, html_to_text, one_line, sanitize, tidy_paragraphs

HEADER_KEYS = {"title", "date", "source", "url", "author", "published", "outlet", "link"}
_FRONT_MATTER = re.compile(r"\A\s*---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z -]{0,20}):\s*(.*)$")
_META_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?)\s+")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|No))(?<!\bMrs)"
                           r"[.!?][\"'”’)]?(?=\s+[\"'“‘(]?[A-Z0-9])")
_ATTRIBUTION = re.compile(
    r"(?:,\s*|\s[-–—]\s*|^)(?P<outlet>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}) +"
    r"(?:reports|reported|writes|wrote) *,? +citing +(?:the +)?"
    r"(?P<via>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})"
)
_MARKDOWN = [(re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
             (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
             (re.compile(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1"), r"\2")]
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def normalize(raw: RawDocument) -> Article | None:
    """A clean article from a raw document (None when there is no text)."""
    fields: dict[str, str] = {}
    origin: DateOrigin = raw.published_origin
    body = sanitize(raw.body)
    if raw.media_type == "text/html":
        html_title, body = html_to_text(body)
        fields.setdefault("title", html_title) if html_title and not raw.title else None
    else:
        body, fields, origin = _read_metadata(body, fields, origin)
        body = tidy_paragraphs(body)  # html_to_text's text is tidy already
    text, subheadings = _paragraphs(body, raw.media_type == "text/markdown")
    if not text:
        return None
    title = (one_line(raw.title or fields.get("title") or "", 1000)
             or cut_title(_first_sentence(text)))
    published, origin, uncertain = _publication(raw, fields, origin)
    outlet, via = _outlet(text, body, raw, fields)
    url = canonical_url(raw.url or fields.get("url") or fields.get("link"))
    digest = content_hash(title, text)
    return Article(
        key=article_key(raw.guid, url, digest), source_name=raw.source_name, title=title,
        text=text, content_hash=digest, url=url, guid=raw.guid, published=published,
        date_origin=origin, date_uncertain=uncertain, outlet=outlet, via=via,
        author=one_line(raw.author or fields.get("author"), 300) or None,
        locator=one_line(raw.locator, 2000), subheadings=subheadings, simhash=simhash(text),
    )


def _read_metadata(body: str, fields: dict[str, str],
                   origin: DateOrigin) -> tuple[str, dict[str, str], DateOrigin]:
    if match := _FRONT_MATTER.match(body):
        fields.update(_key_values(match.group(1).splitlines()))
        body = body[match.end():]
        origin = "front-matter" if "date" in fields or "published" in fields else origin
        return body, fields, origin
    lines = body.lstrip("\n").split("\n")
    header = _key_values(lines[: lines.index("") if "" in lines else 0])
    if header and len(header) == len(lines[: lines.index("")]):
        fields.update(header)
        body = "\n".join(lines[lines.index("") + 1:])
        origin = "header" if "date" in fields or "published" in fields else origin
        return body, fields, origin
    if match := _META_LINE.match(body):
        fields["date"] = match.group(1)
        return body[match.end():], fields, "metadata-line"
    return body, fields, origin


def _key_values(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _HEADER_LINE.match(line.strip())
        if match and match.group(1).strip().lower() in HEADER_KEYS:
            found[match.group(1).strip().lower()] = match.group(2).strip().strip("\"'")
    return found


def _paragraphs(body: str, markdown: bool) -> tuple[str, list[str]]:
    """Text and subheadings of a tidy body (see `tidy_paragraphs`)."""
    lines = body.split("\n")
    kept: list[str] = []
    subheadings: list[str] = []
    for index, line in enumerate(lines):
        heading = _MD_HEADING.match(line) if markdown else None
        if markdown:
            line = heading.group(1) if heading else _strip_markdown(line)
        if heading or (index > 0 and len(lines) > 2 and _looks_like_subheading(line)):
            subheadings.append(line)
        elif line:
            kept.append(line)
    return "\n".join(kept), subheadings


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^\s*(?:[-*+]|\d+\.|>)\s+", "", line)
    for pattern, replacement in _MARKDOWN:
        line = pattern.sub(replacement, line)
    return line


def _looks_like_subheading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 12 and len(line) <= 90 and line[-1] not in ".!?:;,\"'”’)…"


def _first_sentence(text: str) -> str:
    first_paragraph = text.split("\n", 1)[0]
    match = _SENTENCE_END.search(first_paragraph)
    return first_paragraph[: match.end()] if match else first_paragraph


def _publication(raw: RawDocument, fields: dict[str, str],
                 origin: DateOrigin) -> tuple[datetime | None, DateOrigin, bool]:
    if raw.published is not None:
        return raw.published, raw.published_origin, False
    stated = parse_date(fields.get("date") or fields.get("published"))
    if stated is not None:
        return stated, origin, False
    if raw.file_mtime is not None:
        return raw.file_mtime, "file-time", True
    return None, "none", False


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 date, as an aware UTC datetime; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _outlet(text: str, body: str, raw: RawDocument,
            fields: dict[str, str]) -> tuple[str, str | None]:
    """(outlet, via): an attribution in the opening, else the outlet the source knows,
    else the article's own dateline, byline or credit (read in `body`, where credit lines
    are still lines of their own), else its URL's domain, else the source's name."""
    opening = text[:600]
    # An attribution always says "citing": without it the costly search cannot match.
    if "citing" in opening and (match := _ATTRIBUTION.search(opening)):
        return match.group("outlet").strip(), match.group("via").strip().rstrip(".")
    named = one_line(raw.outlet or fields.get("source") or fields.get("outlet"), 200)
    found = (named or credited_outlet(body)
             or outlet_by_domain(raw.url or fields.get("url") or fields.get("link")))
    return (found or raw.source_name), None
