"""Normalisation of folder files: metadata lines, header blocks, front matter, outlets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from feeds.ingest.normalize import normalize
from feeds.model import RawDocument

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MTIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def raw(body: str, media: str = "text/plain") -> RawDocument:
    return RawDocument(source_name="Desk", locator="x.txt", body=body, media_type=media,  # type: ignore[arg-type]
                       guid="file:Desk/x.txt", file_mtime=MTIME)


def test_seed_001_metadata_line_outlet_and_subheadings() -> None:
    article = normalize(raw((SEEDS / "001_6957e6572e36bc16.txt").read_text()))
    assert article is not None
    assert article.published == datetime(2025, 12, 15, tzinfo=UTC)
    assert (article.date_origin, article.date_uncertain) == ("metadata-line", False)
    assert (article.outlet, article.via) == ("News.Az", "YeniShafak")
    assert article.text.startswith("Syrian and U.S. officials said a recent Daesh attack")
    assert article.subheadings == [
        "A shared condemnation and commitment to cooperation",
        "US reaffirms support and vows accountability",
        "Context of the attack and ongoing security operations",
    ]
    assert "A shared condemnation" not in article.text
    assert article.title == ("Syrian and U.S. officials said a recent Daesh attack on American "
                             "forces was aimed at undermining their improving…")


def test_seed_000_has_no_date_of_its_own() -> None:
    article = normalize(raw((SEEDS / "000_6aceb183950141da.txt").read_text()))
    assert article is not None
    assert (article.published, article.date_origin, article.date_uncertain) == (
        MTIME, "file-time", True)
    assert article.outlet == "Desk" and article.via is None
    assert article.subheadings == []
    assert article.key == "file:Desk/x.txt"


def test_header_block() -> None:
    article = normalize(raw("Title: Quake hits coast\nDate: 2025-03-01T10:00:00Z\n"
                            "Source: Coast Times\nURL: https://ex.org/a?utm_source=x&id=2#top\n\n"
                            "A strong earthquake struck the coast on Saturday."))
    assert article is not None
    assert article.title == "Quake hits coast"
    assert (article.published, article.date_origin) == (
        datetime(2025, 3, 1, 10, tzinfo=UTC), "header")
    assert article.outlet == "Coast Times"
    assert article.url == "https://ex.org/a?id=2"
    assert article.text == "A strong earthquake struck the coast on Saturday."


def test_front_matter_markdown() -> None:
    article = normalize(raw('---\ntitle: "Vote count"\ndate: 2024-11-06\n---\n# Results\n\n'
                            "The **count** went on in [Ohio](https://x).\n", "text/markdown"))
    assert article is not None
    assert (article.title, article.date_origin) == ("Vote count", "front-matter")
    assert article.text == "The count went on in Ohio."
    assert article.subheadings == ["Results"]


def test_html_file() -> None:
    article = normalize(raw("<html><title>Page</title><body><p>One.</p><p>Two.</p></body></html>",
                            "text/html"))
    assert article is not None
    assert (article.title, article.text) == ("Page", "One.\nTwo.")


def test_no_text_gives_none() -> None:
    assert normalize(raw("\n \n")) is None
