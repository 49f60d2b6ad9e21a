"""Text hygiene: escapes, controls and bidi out; HTML to paragraphs; titles cut at words."""

from __future__ import annotations

from feeds.text import cut_title, html_to_text, one_line, sanitize


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
