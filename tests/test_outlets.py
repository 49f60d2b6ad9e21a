"""Outlets from datelines, bylines and credits; the shipped outlet list and its build script."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

from feeds.extract.outlets import credited_outlet, named, outlet_by_domain
from feeds.ingest.normalize import normalize
from feeds.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "feeds" / "extract" / "data" / "outlets.json"
SEEDS = ROOT / "seeds"
BODY = ("The city council approved the new budget after a long night of debate.\n"
        "Opponents said the plan cut too deep into school funding.\n"
        "A final vote on the transport levy was put off until spring.")


def article(opening: str = "", closing: str = "") -> str:
    """A three-paragraph article with the given first and last lines around it."""
    return "\n".join(part for part in (opening, BODY, closing) if part)


@pytest.mark.parametrize(("opening", "outlet"), [
    ("(Reuters) - Oil prices rose on Monday as supply fears grew.", "Reuters"),
    ("(Reuters) — Oil prices rose on Monday as supply fears grew.", "Reuters"),
    ("LONDON (Reuters) - British retail sales fell for a third month.", "Reuters"),
    ("LONDON, Dec 15 (Reuters) - British retail sales fell for a third month.", "Reuters"),
    ("WASHINGTON (AP) — The Senate passed the spending bill late Friday.", "Associated Press"),
    ("PARIS (AFP) - Farmers blocked roads around the capital on Tuesday.", "AFP"),
    ("Paris (AFP) – Farmers blocked roads around the capital on Tuesday.", "AFP"),
    ("(Bloomberg) -- Treasuries slipped as traders weighed the jobs data.", "Bloomberg"),
    ("BEIJING, Dec. 15 (Xinhua) -- China's exports grew in November.", "Xinhua"),
    ("TOKYO (Kyodo) -- The government raised its growth forecast.", "Kyodo News"),
    ("ATLANTA (CNN) — A storm knocked out power to thousands.", "CNN"),
    ("By Jane Doe, Kyodo News\nTOKYO - The government raised its growth forecast.", "Kyodo News"),
    ("By Jane Doe | Bloomberg\nTreasuries slipped as traders weighed the jobs data.", "Bloomberg"),
    ("By Jane Doe and Mark Roe | Politico\nThe House adjourned without a vote.", "Politico"),
    ("By JANE DOE, POLITICO\nThe House adjourned without a vote.", "Politico"),
    ("By Jane Doe / Al Jazeera\nProtesters gathered in the square.", "Al Jazeera"),
    ("By The Associated Press\nThe Senate passed the spending bill late Friday.",
     "Associated Press"),
    ("DW\nGerman lawmakers debated the pension reform.", "DW"),
    ("— DW\nGerman lawmakers debated the pension reform.", "DW"),
    ("(DW)\nGerman lawmakers debated the pension reform.", "DW"),
    ("**By Jane Doe | BBC News**\nThe inquiry opened in London.", "BBC"),
])
def test_opening_credits(opening: str, outlet: str) -> None:
    assert credited_outlet(article(opening=opening)) == outlet


@pytest.mark.parametrize(("closing", "outlet"), [
    ("— Reuters", "Reuters"),
    ("-- Reuters", "Reuters"),
    ("(AFP)", "AFP"),
    ("DW", "DW"),
    ("Officials expect a decision next week. — AFP", "AFP"),
    ("Officials expect a decision next week, he said. (AP)", "Associated Press"),
    ("(Reporting by Jane Doe; Editing by Mark Roe)", "Reuters"),
    ("Reporting by Jane Doe in London; Additional reporting by Ann Lee; Editing by Mark Roe",
     "Reuters"),
    ("Copyright 2024 The Associated Press. All rights reserved.", "Associated Press"),
    ("© 2025 Reuters", "Reuters"),
    ("©2024 Bloomberg L.P.", "Bloomberg"),
])
def test_closing_credits(closing: str, outlet: str) -> None:
    assert credited_outlet(article(closing=closing)) == outlet


def test_a_credit_only_two_lines_from_the_end_still_counts() -> None:
    text = article(closing="(Reporting by Jane Doe; Editing by Mark Roe)\n"
                           "Our Standards: The Trust Principles.")
    assert credited_outlet(text) == "Reuters"


def test_a_one_sentence_lead_that_ends_with_the_report_is_a_credit() -> None:
    text = article(opening="Apple is in talks to buy a search start-up, Bloomberg reported.")
    assert credited_outlet(text) == "Bloomberg"


@pytest.mark.parametrize("text", [
    article(opening="By John Smith, staff writer"),
    article(opening="By John Smith, Staff Writer"),
    article(opening="By the time the vote came, Reuters"),
    article(closing="Analysts said Reuters' rival had gained ground."),
    article(closing="The figures were first published by Reuters' rival on Monday."),
    article(closing="— John Smith"),
    article(closing="(i)"),
    article(opening="Shares of the group (TRI) - a news company - rose."),
    # "Bloomberg reported" in the body cites Bloomberg: it is not the article's credit.
    article(closing="Bloomberg reported last week that the deal was close."),
    article(closing="The deal was close, Bloomberg reported last week."),
    article(opening="The deal was close, according to Bloomberg."),
    # A lead of two sentences is an article citing Bloomberg, not a brief's credit line.
    article(opening="The talks stalled. A deal is now unlikely, Bloomberg reported."),
    "",
])
def test_look_alikes_credit_no_one(text: str) -> None:
    assert credited_outlet(text) is None


def test_a_body_report_does_not_beat_the_articles_own_dateline() -> None:
    text = article(opening="PARIS (AFP) - Farmers blocked roads around the capital on Tuesday.",
                   closing="Bloomberg reported last week that the talks had stalled.\n"
                           "The union meets again on Friday.")
    assert credited_outlet(text) == "AFP"


def test_a_credit_deep_in_a_long_article_is_not_read() -> None:
    middle = "\n".join([BODY] * 20)
    assert credited_outlet(f"{middle}\nWASHINGTON (AP) — The Senate voted.\n{middle}") is None


def test_hostile_text_is_cheap() -> None:
    for text in ["(" * 200_000, "By " + "A, " * 100_000, "Reporting by " + "a" * 200_000,
                 "x, " * 100_000 + " Bloomberg reported.", "\n" * 100_000]:
        assert credited_outlet(text) is None


def test_names_are_canonical_and_case_sensitive() -> None:
    assert [named(n) for n in ("AP", "The Associated Press", "Kyodo", "KYODO NEWS",
                               "Deutsche Welle", "POLITICO", "The BBC", "Bloomberg L.P.")] == [
        "Associated Press", "Associated Press", "Kyodo News", "Kyodo News", "DW",
        "Politico", "BBC", "Bloomberg"]
    assert [named(n) for n in ("politico", "reuters", "Ap", "i", "People")] == [None] * 5


@pytest.mark.parametrize(("host", "outlet"), [
    ("https://www.reuters.com/world/europe/story-2025-12-15/", "Reuters"),
    ("edition.cnn.com", "CNN"),
    ("WWW.BBC.CO.UK:443", "BBC"),
    ("https://www.bbc.com/news/articles/x", "BBC"),
    ("https://english.kyodonews.net/news/2025/12/x.html", "Kyodo News"),
    ("https://faktencheck.afp.com/x", "AFP Faktencheck"),
    ("https://www.afp.com/en/news", "AFP"),
    ("https://de.euronews.com/x", "Euronews"),
    ("https://example.com/reuters.com", None),
    ("co.uk", None),
    ("http://[::1", None),
    ("", None),
    (None, None),
])
def test_outlet_by_domain(host: str | None, outlet: str | None) -> None:
    assert outlet_by_domain(host) == outlet


# Through normalisation: attribution, then metadata, then the credit, then the URL, then the source.

def raw(body: str, outlet: str | None = None, url: str | None = None,
        media: str = "text/plain") -> RawDocument:
    return RawDocument(source_name="Desk", locator="x.txt", body=body, media_type=media,  # type: ignore[arg-type]
                       guid="file:Desk/x.txt", outlet=outlet, url=url)


def outlet_of(document: RawDocument) -> tuple[str, str | None]:
    article_ = normalize(document)
    assert article_ is not None
    return article_.outlet, article_.via


def test_seed_000_keeps_the_folder_name() -> None:
    assert outlet_of(raw((SEEDS / "000_6aceb183950141da.txt").read_text())) == ("Desk", None)


def test_seed_001_keeps_its_attribution() -> None:
    assert outlet_of(raw((SEEDS / "001_6957e6572e36bc16.txt").read_text())) == (
        "News.Az", "YeniShafak")


def test_an_attribution_beats_a_credit() -> None:
    body = article(opening="Talks resumed, News.Az reports, citing the YeniShafak.",
                   closing="— Reuters")
    assert outlet_of(raw(body, outlet="Feed Title")) == ("News.Az", "YeniShafak")


def test_the_sources_outlet_beats_a_credit() -> None:
    assert outlet_of(raw(article(opening="LONDON (Reuters) - Sales fell."),
                         outlet="Wire Desk")) == ("Wire Desk", None)


def test_a_header_source_beats_a_credit() -> None:
    body = ("Title: Sales fall\nSource: Coast Times\n\n"
            + article(opening="LONDON (Reuters) - Sales fell."))
    assert outlet_of(raw(body)) == ("Coast Times", None)


def test_a_credit_beats_the_url_and_the_folder_name() -> None:
    body = article(opening="WASHINGTON (AP) — The Senate voted.")
    assert outlet_of(raw(body, url="https://www.reuters.com/x")) == ("Associated Press", None)


def test_the_url_beats_the_folder_name() -> None:
    body = "Title: Sales fall\nURL: https://www.bloomberg.com/news/x\n\n" + BODY
    assert outlet_of(raw(body)) == ("Bloomberg", None)
    assert outlet_of(raw(BODY)) == ("Desk", None)


def test_a_byline_that_became_a_subheading_still_credits() -> None:
    body = "Japan lifts growth forecast\nBy Jane Doe, Kyodo News\n" + BODY + "\n— Kyodo"
    article_ = normalize(raw(body))
    assert article_ is not None
    assert "By Jane Doe, Kyodo News" in article_.subheadings  # not in the text any more
    assert article_.outlet == "Kyodo News"


def test_a_reuters_sign_off_credits_a_folder_article() -> None:
    body = article(closing="(Reporting by Jane Doe; Editing by Mark Roe)")
    assert outlet_of(raw(body)) == ("Reuters", None)


def test_markdown_and_html_credits() -> None:
    markdown = "**By Jane Doe | Bloomberg**\n\n" + BODY
    assert outlet_of(raw(markdown, media="text/markdown")) == ("Bloomberg", None)
    html = "<p>PARIS (AFP) - Farmers blocked roads.</p><p>They went home at night.</p>"
    assert outlet_of(raw(html, media="text/html")) == ("AFP", None)


# The shipped list and the script that builds it.

def test_the_shipped_list() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    outlets = data["outlets"]
    assert DATA.stat().st_size < 100_000 and len(outlets) > 150
    assert ("fundus" in data["about"] and "MIT" in data["about"]
            and data["license"].startswith("MIT"))
    assert len({o["name"] for o in outlets}) == len(outlets)
    for outlet in outlets:
        assert set(outlet) == {"name", "domain", "other_domains", "country", "aliases"}
        assert outlet["country"] is None or (len(outlet["country"]) == 2
                                             and outlet["country"].isupper())
        assert "/" not in outlet["domain"] and not outlet["domain"].startswith("www.")
    names = {o["name"] for o in outlets}
    assert {"Reuters", "Associated Press", "AFP", "Bloomberg", "Kyodo News", "Xinhua", "Al Jazeera",
            "BBC", "CNN", "DW", "Politico"} <= names


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_outlets",
                                                  ROOT / "tools" / "build_outlets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_outlets"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FAKE_PUBLISHERS = '''
class UK(metaclass=PublisherGroup):
    Paper = Publisher(name="Evening Paper (EP)", domain="https://www.evening.example/",
                      parser=P, sources=[])
    Beeb = Publisher(name="The BBC", domain="https://www.bbc.co.uk/", parser=P, sources=[],
                     deprecated_domains=["https://old.bbc.example/"])
'''


def fake_wheel(path: Path) -> Path:
    wheel = path / "fundus-0.5.7-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("fundus/publishers/uk/__init__.py", FAKE_PUBLISHERS)
        archive.writestr("fundus/publishers/shared/__init__.py", "from .x import Parser\n")
        archive.writestr("fundus-0.5.7.dist-info/METADATA", "Name: fundus\nVersion: 0.5.7\n")
        archive.writestr("fundus-0.5.7.dist-info/LICENSE", "MIT License\n\nCopyright (c) test\n")
    return wheel


def test_the_build_script_reads_a_wheel_and_merges_the_curated_list(tmp_path: Path) -> None:
    script = build_script()
    files = script.fundus_files(fake_wheel(tmp_path))
    text, count = script.build(files)
    assert script.build(files) == (text, count)  # stable
    data = json.loads(text)
    rows = {o["name"]: o for o in data["outlets"]}
    assert count == len(rows) == len(script.CURATED) + 1
    assert rows["Evening Paper"] == {"name": "Evening Paper", "domain": "evening.example",
                                     "country": "GB", "aliases": ["EP"], "other_domains": []}
    assert "The BBC" in rows["BBC"]["aliases"] and "old.bbc.example" in rows["BBC"]["other_domains"]
    assert data["license"] == "MIT License\n\nCopyright (c) test"
    names = [o["name"] for o in data["outlets"]]
    assert names == sorted(names, key=lambda n: (n.casefold(), n))


def test_the_build_script_refuses_another_fundus_version(tmp_path: Path) -> None:
    script = build_script()
    files = script.fundus_files(fake_wheel(tmp_path))
    files["fundus-0.5.7.dist-info/METADATA"] = "Version: 9.9\n"
    with pytest.raises(ValueError, match="0.5.7 expected"):
        script.build(files)


def test_the_shipped_list_is_what_the_script_builds() -> None:
    """Runs where fundus 0.5.7 is installed (`pip install --no-deps fundus==0.5.7`)."""
    try:
        metadata.distribution("fundus")
    except metadata.PackageNotFoundError:
        pytest.skip("fundus is not installed: the list cannot be rebuilt here")
    script = build_script()
    text, _ = script.build(script.fundus_files(None))
    assert text == DATA.read_text(encoding="utf-8")
