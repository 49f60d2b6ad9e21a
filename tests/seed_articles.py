"""The two seed articles built as the normaliser will build them (shared by seed tests)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from feeds.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SUBHEADINGS = [
    "A shared condemnation and commitment to cooperation",
    "US reaffirms support and vows accountability",
    "Context of the attack and ongoing security operations",
]


def seed_000() -> Article:
    """Seed 000: no date, the folder source's outlet."""
    text = (SEEDS / "000_6aceb183950141da.txt").read_text(encoding="utf-8")
    return Article(key="000", source_name="seeds", title="", text=text, content_hash="h0",
                   outlet="Seeds")


def seed_001() -> Article:
    """Seed 001: metadata date removed, subheadings removed, one paragraph a line."""
    raw = (SEEDS / "001_6957e6572e36bc16.txt").read_text(encoding="utf-8")
    raw = raw.replace(" date 2025-12-15 ", "", 1)
    lines = [line.strip() for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line and line not in SUBHEADINGS)
    return Article(key="001", source_name="seeds", title="", text=text, content_hash="h1",
                   outlet="News.Az", via="YeniShafak", published=datetime(2025, 12, 15),
                   subheadings=list(SUBHEADINGS))
