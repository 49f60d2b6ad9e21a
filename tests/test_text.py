"""Text hygiene: escapes, controls and bidi out; HTML to paragraphs; titles cut at words."""

from __future__ import annotations

import random
import re

import pytest

from feeds.ingest.normalize import normalize
from feeds.model import RawDocument
from feeds.model.text import (
    _CONTROLS,
    _ESCAPES,
    cut_title,
    html_to_text,
    one_line,
    sanitize,
    tidy_paragraphs,
    url_host,
)


def test_sanitize_removes_terminal_sequences_and_controls() -> None:
    hostile = ("a\x1b[31mred\x1b[0m b\x1b]0;title\x07c \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
               "d\x9b2Je \x90qdcs\x9cf\u202egnp.exe\u2066g\x00h\x07i\tj\r\nk")
    assert sanitize(hostile) == "ared bc link de fgnp.exeghi\tj\nk"


def test_one_line_folds_newlines_and_spaces() -> None:
    assert one_line("  Title\n\n  over\u00a0lines \x1b[1m ") == "Title over lines"


def test_html_to_text_drops_scripts_and_keeps_paragraphs() -> None:
    title, text = html_to_text("<html><head><title>T &amp; U</title><script>x=1</script></head>"
                               "<body><p>First <b>para</b>.</p><div>Second&nbsp;one.</div>"
                               "<style>p{}</style></body></html>")
    assert title == "T & U"
    assert text == "First para.\nSecond one."


def test_html_to_text_survives_broken_markup() -> None:
    assert html_to_text("<p>unclosed <b>bold <i>x</p></div></span>")[1] == "unclosed bold x"


def test_cut_title_at_a_word_boundary() -> None:
    sentence = "word " * 40
    cut = cut_title(sentence)
    assert cut.endswith("word…") and len(cut) <= 121
    assert cut_title("Short sentence.") == "Short sentence."


# Fast paths (text without a tag, without a control character, without a run of spaces)
# must agree with the full paths; generated strings mix what each path looks for.
_PIECES = ["a", "Word", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u00a0", "\u2009", "\u3000",
           "\u2028", "\x0c", "\x1c", "\x85", "&", "&amp;", "&amp;lt;", "&#x1b;", "&#13;", "&nbsp;",
           "&#x202e;", "&copy", "&#", ">", "\x1b", "\x1b[31m", "\x1b]0;t\x07", "\x1bP", "\x1b\\",
           "\x9b", "\x9b2J", "\x9d", "\x9c", "\x07", "\x00", "\x7f", "\u202e", "\u2066", "\ufeff",
           "é", "日本", "“"]


def _generated(count: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def _fold_each_line(text: str) -> str:
    """tidy_paragraphs by its definition: each line's space runs folded, stripped, kept if any."""
    runs = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
    lines = (runs.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def test_sanitize_shortcut_matches_both_substitutions() -> None:
    for value in _generated(3000):
        full = _CONTROLS.sub("", _ESCAPES.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))
        assert sanitize(value) == full, repr(value)


def test_space_folding_shortcuts_match_the_definition() -> None:
    runs = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
    for value in _generated(3000):
        tidy = tidy_paragraphs(value)
        assert tidy == _fold_each_line(value), repr(value)
        assert tidy_paragraphs(tidy) == tidy, repr(value)  # normalize relies on it
        assert one_line(value) == runs.sub(" ", sanitize(value).replace("\n", " ")).strip()


def test_text_without_a_tag_reads_as_the_parser_reads_it() -> None:
    for value in _generated(3000):
        # A leading tag sends the same text through html.parser; its newlines are blank lines.
        assert html_to_text(value) == html_to_text("<p></p>" + value), repr(value)


def test_character_references_never_bring_back_controls_or_bidi() -> None:
    title, text = html_to_text("<title>A&#x1b;[31m&#x202e;B</title><p>x &#x202e;y &#13;z "
                               "&amp;#x9b;w &#x7;v</p>")
    assert (title, text) == ("A[31mB", "x y\nz ›w v")  # 0x9b read as windows-1252, as HTML does
    assert html_to_text("plain &#x2066;text&amp;#x202e;!")[1] == "plain text!"


def test_lone_surrogates_are_removed_so_nothing_downstream_raises() -> None:
    assert sanitize("a\ud800b\udfffc") == "abc"
    article = normalize(RawDocument(source_name="S", locator="x",
                                    body="Quake \udc80hits the coast.", media_type="text/plain"))
    assert article is not None and article.text == "Quake hits the coast."



@pytest.mark.parametrize(("value", "host"), [
    ("https://www.Reuters.com/world/story?id=1", "reuters.com"),
    ("reuters.com", "reuters.com"), ("WWW2.bbc.co.uk/news", "bbc.co.uk"),
    ("http://example.org:8080/x", "example.org"), ("http://[bad", ""), ("", ""),
])
def test_url_host(value: str, host: str) -> None:
    assert url_host(value) == host
