"""Text hygiene for untrusted input: control sequences out, HTML to plain text.

Contract: `sanitize` removes terminal escape sequences (CSI, OSC, DCS, SOS, PM,
APC in their 7- and 8-bit forms), every other C0/C1 control character except
newline and tab, Unicode bidi overrides and isolates, and lone surrogates (which
no encoder accepts); it bounds the length. `html_to_text` turns an HTML fragment
or page into sanitised paragraphs separated by a newline (a character reference
to a control character is removed too), dropping scripts, styles and other
non-content elements. Neither ever raises on odd input. `escaped` writes a name
(a file's, say) printable and on one line without losing anything: backslashes, the
characters `sanitize` drops and newline and tab as backslash escapes (`\\n`, `\\x1b`,
`\\u202e`), the bytes of a name the OS could not decode (Python's surrogate escapes) as
`\\xff`; it is one to one. `url_host(value)` is the host a URL or a bare domain names,
lower-case, without "www.", port or path ("" when there is none; at most 2,000 characters
of `value` are read).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

MAX_TEXT = 2_000_000

# ESC [ ... final byte, ESC ] ... (BEL|ST), ESC P/X/^/_ ... ST, and 8-bit forms.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[@-Z\\-_]?",
    re.DOTALL,
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb"
    "\ud800-\udfff]"
)
"""Every character `sanitize` drops. Every escape sequence starts with one of them (ESC or
an 8-bit introducer) and CR is one too, so text without any is already clean."""
_WIDE = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
"""The spaces folded into one plain space, besides the plain space itself."""
_WIDE_SPACE = re.compile(f"[{_WIDE}]")
_SPACE_RUNS = re.compile(f"[{_WIDE}][ {_WIDE}]*| [ {_WIDE}]+")
"""Runs of spaces that are not already one plain space: whole runs, so replacing each
with " " folds every run of spaces (a lone plain space is left, unchanged anyway)."""


def sanitize(value: str | None, limit: int = MAX_TEXT) -> str:
    """Untrusted text made safe to store and show (newlines and tabs kept)."""
    if not value:
        return ""
    text = value[: limit * 2]
    if _CONTROLS.search(text) is None:  # most text: one scan instead of two substitutions
        return text[:limit]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text[:limit]


_ESCAPED = re.compile(f"[\\\\\t\n]|{_CONTROLS.pattern}")
"""What `escaped` writes as an escape: a backslash (so escapes stay one to one), newline,
tab and everything `sanitize` drops."""
_SHORT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escaped(value: str) -> str:
    """`value` with backslash escapes for backslashes, controls, bidi marks and the
    undecodable bytes of an OS name (`bad_\\xff.txt`): printable, one line, one to one."""
    return _ESCAPED.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte (0x80 to 0xff)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"  # C1 apart from bytes


def one_line(value: str | None, limit: int = 1000) -> str:
    """Sanitised text folded onto one line with single spaces (titles, names)."""
    if not value:
        return ""
    return _single_spaces(sanitize(value, limit * 2).replace("\n", " ")).strip()[:limit]


def tidy_paragraphs(text: str) -> str:
    """Collapse runs of spaces, strip each line, drop empty lines (idempotent)."""
    # Runs of spaces never cross a newline, so folding the whole text folds each line.
    lines = _single_spaces(text).split("\n")
    return "\n".join([line for line in map(str.strip, lines) if line])


def _single_spaces(text: str) -> str:
    """Every run of spaces and tabs (Unicode spaces too) as one plain space."""
    # Most text has no run to fold; plain scans tell so faster than a substitution would.
    wide = "\t" in text if text.isascii() else _WIDE_SPACE.search(text) is not None
    if wide or "  " in text:
        return _SPACE_RUNS.sub(" ", text)
    return text


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
    title, text = _collect(html) if "<" in html else ("", unescape(html))
    # Unescaped twice, as ever (the parser unescapes data too), then sanitised again: a
    # character reference may stand for a control or bidi character. No blank-line pass
    # is needed: tidy_paragraphs drops every line that is only white space.
    return one_line(title), tidy_paragraphs(sanitize(unescape(text)))


def _collect(html: str) -> tuple[str, str]:
    """The title and the content text the parser finds (data unescaped, tags as newlines).

    Without a '<' the parser would hand the whole text to `handle_data`, unescaped, in
    one piece; `html_to_text` does that itself, since most feed text has no tag."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser on hostile input: keep what we have
        pass
    return "".join(collector.title), "".join(collector.parts)


def cut_title(sentence: str, limit: int = 120) -> str:
    """A title from a sentence: whole if short, else cut at a word boundary near `limit`."""
    sentence = one_line(sentence, 2000)
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return sentence[:cut].rstrip(" ,;:-") + "…"


def url_host(value: str) -> str:
    """The host of a URL or bare domain (see the module's contract)."""
    value = value.strip().lower()[:2000]
    try:
        value = (urlsplit(value).hostname or "") if "://" in value else value
    except ValueError:
        return ""
    value = value.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    return re.sub(r"^www\d*\.", "", value)
