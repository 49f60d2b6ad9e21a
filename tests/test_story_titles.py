"""Story titles come from the most central headline."""

from __future__ import annotations

from feeds.stories.titles import central_title


def test_the_headline_sharing_most_words_wins() -> None:
    titles = ["Live updates: what we know",
              "Earthquake hits Valparaiso, walls collapse",
              "Valparaiso earthquake: rescuers search collapsed walls",
              "Chile earthquake toll rises in Valparaiso"]
    assert central_title(titles) == "Earthquake hits Valparaiso, walls collapse"


def test_ties_go_to_the_earliest_and_edges() -> None:
    assert central_title(["Alpha beta", "Gamma delta"]) == "Alpha beta"
    assert central_title([]) == ""
    assert central_title(["", "  "]) == ""
