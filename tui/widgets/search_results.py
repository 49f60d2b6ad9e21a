"""The search results: each story, then its matching articles, matched words highlighted.

Contract: `ResultList.show(groups)` replaces the options with one option per story
(`story-ID`: its id, title and size) followed by one per matching article (`article-ID`:
date, outlet and title, and under them the passage of its text), in the order given;
`choice(option_id)` turns an option id back into ("story" | "article", id), and
`story_of` gives each article's story. Every text
is a `rich.text.Text` built from the string, never markup; matched words get the
`MATCH` style. j/k move like the arrows, g/G go to the first and last result.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from feeds.read.views import Marked, SearchGroup, SearchMatch
from tui import keys
from tui.widgets.format import clean

MATCH = "bold reverse"
"""How a matched word stands out (a Rich style: the screen's contrast, not a colour)."""


def marked_text(value: Marked, style: str = "") -> Text:
    """The text with its matched words in the `MATCH` style (control characters shown)."""
    text = Text(clean(value.text), style=style)
    for start, end in value.spans:
        text.stylize(MATCH, start, end)
    return text


def story_prompt(group: SearchGroup) -> Text:
    """ "story 12 · Title · 5 articles", the title in bold."""
    story = group.story
    count = "1 article" if story.articles == 1 else f"{story.articles} articles"
    text = Text(f"story {story.id} · ", style="dim")
    text.append(clean(story.title), style="bold")
    text.append(f" · {count}", style="dim")
    return text


def match_prompt(match: SearchMatch) -> Text:
    """Two lines: date, outlet and the title; then the passage of the text."""
    when = match.published.date().isoformat() if match.published else "undated"
    text = Text(f"  {when:<10}  ", style="dim")
    text.append(clean(match.outlet)[:24].ljust(24), style="italic")
    text.append_text(marked_text(match.title))
    if match.snippet.text:
        text.append("\n" + " " * 14)
        text.append_text(marked_text(match.snippet, style="dim"))
    return text


def choice(option_id: str | None) -> tuple[str, int] | None:
    """("story", 12) for "story-12", ("article", 40) for "article-40"."""
    kind, _, number = (option_id or "").partition("-")
    if kind in ("story", "article") and number.isdigit():
        return kind, int(number)
    return None


class ResultList(OptionList):
    """Stories and their matching articles, best first."""

    BINDINGS = keys.TABLE_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.story_of: dict[int, int] = {}
        """Article id -> the story it was found in."""

    def show(self, groups: list[SearchGroup]) -> None:
        """Replace the results (the cursor on the first)."""
        self.clear_options()
        options: list[Option] = []
        self.story_of = {m.article_id: g.story.id for g in groups for m in g.matches}
        for group in groups:
            options.append(Option(story_prompt(group), id=f"story-{group.story.id}"))
            options += [Option(match_prompt(m), id=f"article-{m.article_id}")
                        for m in group.matches]
        self.add_options(options)
        self.highlighted = 0 if options else None

    def action_scroll_top(self) -> None:
        """g: the first result."""
        self.action_first()

    def action_scroll_bottom(self) -> None:
        """G: the last result."""
        self.action_last()
