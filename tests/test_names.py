"""feeds.extract.names: the parts of names that join a lone surname to its full name."""

from __future__ import annotations

from feeds.extract.names import core, surname


def test_the_surname_of_a_full_name_without_its_article() -> None:
    assert surname("Ahmad al-Sharaa") == "Sharaa"
    assert surname("Bettie Mae Page") == "Page"
    assert surname("Page") is None and surname("al-Sharaa") is None
    assert core("al-Sharaa") == core("El-Sharaa") == "Sharaa"
    assert core("Alba") == "Alba"  # no article, no hyphen: as written
