"""Text hygiene for untrusted input: control sequences out, HTML to plain text.

Contract: `sanitize` removes terminal escape sequences (CSI, OSC, DCS, SOS, PM,
APC in their 7- and 8-bit forms), every other C0/C1 control character except
newline and tab, and Unicode bidi overrides and isolates; it bounds the length.
`html_to_text` turns an HTML fragment or page into paragraphs separated by a
newline, dropping scripts, styles and other non-content elements. Neither ever
raises on odd input.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

MAX_TEXT = 2_000_000

# ESC [ ... final byte, ESC ] ... (BEL|ST), ESC P/X/^/_ ... ST, and 8-bit forms.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[@-Z\\-_]?",
    re.DOTALL,
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def sanitize(value: str | None, limit: int = MAX_TEXT) -> str:
    """Untrusted text made safe to store and show (newlines and tabs kept)."""
    if not value:
        return ""
    text = value[: limit * 2]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text[:limit]


def one_line(value: str | None, limit: int = 1000) -> str:
    """Sanitised text folded onto one line with single spaces (titles, names)."""
    return _SPACES.sub(" ", sanitize(value, limit * 2).replace("\n", " ")).strip()[:limit]


def tidy_paragraphs(text: str) -> str:
    """Collapse runs of spaces, strip each line, drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr",
    "figcaption", "dd", "dt", "title",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "nav"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page or fragment; text is one paragraph a line."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser on hostile input: keep what we have
        pass
    text = tidy_paragraphs(_BLANKS.sub("\n", unescape("".join(collector.parts))))
    return one_line("".join(collector.title)), text


def cut_title(sentence: str, limit: int = 120) -> str:
    """A title from a sentence: whole if short, else cut at a word boundary near `limit`."""
    sentence = one_line(sentence, 2000)
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return sentence[:cut].rstrip(" ,;:-") + "…"
