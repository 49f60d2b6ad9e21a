"""Figures: casualty forms seen in the dev sets, and money in three currencies."""

from __future__ import annotations

import pytest

from feeds.extract.figures import figures


@pytest.mark.parametrize(("clause", "expected"), [
    ("at least 10 people were killed and 20 wounded", {"killed": 10, "wounded": 20}),
    ("two people were killed and three others were injured", {"killed": 2, "wounded": 3}),
    ("Ten people died in the blast", {"killed": 10}),
    ("a man was shot dead", {"killed": 1}),
    ("three people were shot and killed", {"killed": 3}),
    ("Four women were found dead", {"killed": 4}),
    ("the death toll rose to 112", {"killed": 112}),
    ("pledged 5 million dollars", {"usd": 5_000_000}),
    ("approved €3 billion in aid", {"eur": 3_000_000_000}),
    ("a £2.5m fine", {"gbp": 2_500_000}),
    ("the 2 men met at 10", {}),
    ("A 14-year-old girl was shot to death", {"killed": 1}),
    ("two men were fatally shot", {"killed": 2}),
    ("Stewart shot and killed 14-year-old Jamyha Luss", {"killed": 1}),
    ("Three people were KİLLED in the blast", {"killed": 3}),  # İ lower-cases to i + a mark
    ("Rebels İNJURED two soldiers", {"wounded": 2}),
])
def test_figures_forms(clause: str, expected: dict[str, int]) -> None:
    assert figures(clause) == expected
