"""Story snapshots: golden files for every format, the JSON Schema, escaping, the command line.

The golden files in tests/snapshots/export/ are the exact output for a
handcrafted story whose texts are hostile (markup, HTML, formulas, escape
sequences). Regenerate them after an intended change with
`WIREWATCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export.py` and read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from feeds.model import Participant, StoryCard
from feeds.read.export import CSV_COLUMNS, FORMATS, ExportError, export_story, render, safe_url
from feeds.read.serialize import SCHEMA_VERSION
from feeds.read.views import (
    ActorView,
    ArticleView,
    EventView,
    OutletView,
    StoryDetail,
    StorySummary,
)
from tests.fixtures_app import build_store
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).with_name("snapshots") / "export"
SCHEMA = ROOT / "docs" / "story-snapshot.schema.json"
T0 = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
T1 = datetime(2025, 3, 2, 17, 5, tzinfo=UTC)
EVIL = "<script>alert(1)</script> [bold]x[/] \x1b[31m"


def sample() -> StoryDetail:
    """A story with ordinary and hostile texts, fixed times."""
    story = StorySummary(id=42, title=f"Flood & aid: {EVIL}", articles=3, outlets=2,
                         first_seen=T0, last_seen=T1, state="active", heat=1.23456)
    events = [
        EventView(date="2025-03-01", precision="day", cameo="02", type="Statement.Statement",
                  summary="Mayor Maria Lopez appealed for aid", actors=["Maria Lopez", "Red Cross"],
                  place="Riverton", articles=2, outlets=2, figures={"killed": [3, 4]}),
        EventView(date=None, precision=None, cameo="04", type="Contact.Meet",
                  summary="=HYPERLINK(\"http://evil\") | pipes", actors=["Red Cross"],
                  place=None, articles=1, outlets=1),
        EventView(date="2025-03", precision="month", cameo="190", type="Conflict.Attack",
                  summary="Clashes, \"quoted\",\nnew line", actors=[], place="A, B",
                  articles=1, outlets=1),
        EventView(date="2025-02-28", precision="day", cameo="", type="Disaster.Flood",
                  summary="The river burst its banks", actors=[], place="Riverton",
                  articles=3, outlets=2, figures={"killed": [3, 4]}),
    ]
    actors = [
        ActorView(name="Maria Lopez", kind="person", role="mayor", aliases=["Lopez"], mentions=4,
                  articles=2, outlets=2, first_seen=T0, last_seen=T1),
        ActorView(name=f"Evil {EVIL}", kind="organization", role=None, aliases=[], mentions=1,
                  articles=1, outlets=1, first_seen=None, last_seen=None),
    ]
    outlets = [OutletView("Reuters", 2, T0, T1), OutletView("<b>AP</b>", 1, T1, T1)]
    articles = [
        ArticleView(id=3, title="River flood: aid arrives", outlet="<b>AP</b>", published=T1,
                    date_origin="feed", url="https://news.example/a3?x=1&y=<2>",
                    source_name="wire"),
        ArticleView(id=2, title="[click](javascript:alert(1))", outlet="Reuters", published=None,
                    date_origin="none", url="javascript:alert(1)", source_name="wire",
                    via="Evil"),
        ArticleView(id=1, title="Flood hits river towns", outlet="Reuters", published=T0,
                    date_origin="header", url=None, source_name="wire"),
    ]
    return StoryDetail(story=story, events=events, actors=actors, outlets=outlets,
                       cited=[("World Health Organization", 2), ("<i>Ministry</i>", 1)],
                       articles=articles, card=card())


def card() -> StoryCard:
    """The sample's card: a flood with disputed figures, hostile texts in every kind of field."""
    return StoryCard(
        type="Disaster.Flood", cameo="", summary=f"- The river burst its banks {EVIL}",
        date="2025-02-28", date_precision="day", place="Riverton",
        region="<b>Lower</b> Valley", country="Freedonia", aliases=["River Town"],
        figures={"killed": 3, "injured": 2},
        figure_reports={"killed": {"3": 2, "4": 1}, "injured": {"2": 1}},
        participants=[Participant("Maria Lopez", "person", "official"),
                      Participant(f"Evil {EVIL}", "organization", "agent")],
        articles=3, outlets=["Reuters", "<b>AP</b>"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_files(fmt: str) -> None:
    text = render(sample(), fmt)
    golden = GOLDEN / f"story.{fmt}"
    if os.environ.get("WIREWATCH_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert text == golden.read_bytes().decode("utf-8")
    assert "\x1b" not in text


def schema() -> dict:
    loaded = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def test_json_validates_against_the_schema(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    document = json.loads(render(sample(), "json"))
    validator.validate(document)
    assert document["schema_version"] == SCHEMA_VERSION == schema()["properties"][
        "schema_version"]["const"]
    store = build_store(f"sqlite:///{tmp_path}/t.db")
    try:
        for story_id in range(1, 7):
            path = export_story(store, story_id, "json", tmp_path / f"{story_id}.json")
            validator.validate(json.loads(path.read_text(encoding="utf-8")))
    finally:
        store.close()
    broken = dict(document, events=[{"date": "yesterday"}])
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_schema_documents_every_field() -> None:
    properties = schema()["properties"]
    document = json.loads(render(sample(), "json"))
    assert set(document) == set(properties)
    for key in ("events", "actors", "sources", "cited", "article_list"):
        assert set(document[key][0]) == set(properties[key]["items"]["properties"]), key
    card_schema = properties["card"]
    assert set(document["card"]) == set(card_schema["properties"]) == set(card_schema["required"])
    assert set(document["card"]["participants"][0]) == set(
        card_schema["properties"]["participants"]["items"]["properties"])


def test_json_carries_the_card_and_null_without_one() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    document = json.loads(render(sample(), "json"))
    assert document["schema_version"] == 2
    assert document["card"] == {
        "type": "Disaster.Flood", "cameo": "", "summary": f"- The river burst its banks {EVIL}",
        "date": "2025-02-28", "date_precision": "day", "place": "Riverton",
        "region": "<b>Lower</b> Valley", "country": "Freedonia", "aliases": ["River Town"],
        "figures": {"killed": 3, "injured": 2},
        "figure_reports": {"killed": {"3": 2, "4": 1}, "injured": {"2": 1}},
        "participants": [{"name": "Maria Lopez", "kind": "person", "role": "official"},
                         {"name": f"Evil {EVIL}", "kind": "organization", "role": "agent"}],
        "articles": 3, "outlets": ["Reuters", "<b>AP</b>"]}
    bare = json.loads(render(replace(sample(), card=None), "json"))
    validator.validate(bare)
    assert bare["card"] is None
    for broken in ({**document["card"], "type": "fight"}, {**document["card"], "cameo": "x"},
                   {key: value for key, value in document["card"].items() if key != "figures"}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(dict(document, card=broken))


def test_markdown_and_html_open_with_the_card() -> None:
    page = render(sample(), "md").splitlines()
    evil = r"\<script\>alert\(1\)\</script\> \[bold\]x\[/\] \[31m"
    assert page[:9] == [
        f"# Flood & aid: {evil}",
        "",
        r"> **Disaster.Flood · 2025-02-28 · Riverton, \<b\>Lower\</b\> Valley, Freedonia**"
        + "\\",
        r"> killed 3 \(2 articles\), 4 \(1\) · injured 2" + "\\",
        rf"> \- The river burst its banks {evil}" + "\\",
        rf"> participants: Maria Lopez \(official\), Evil {evil} \(agent\)" + "\\",
        r"> reported by 3 articles: Reuters, \<b\>AP\</b\>",
        "",
        "Story 42 · 3 articles from 2 outlets · 2025-03-01T08:30:00+00:00 to "
        "2025-03-02T17:05:00+00:00 · active",
    ]
    html_page = render(sample(), "html")
    body = html_page.split("<body>", 1)[1]
    assert body.index("<h1>") < body.index('<section class="card">') < body.index(
        '<p class="meta">') < body.index("<h2>Timeline</h2>")
    card_html = body.split('<section class="card">', 1)[1].split("</section>", 1)[0]
    evil = "&lt;script&gt;alert(1)&lt;/script&gt; [bold]x[/] [31m"
    assert card_html.strip().splitlines() == [
        "<p><strong>Disaster.Flood · 2025-02-28 · Riverton, &lt;b&gt;Lower&lt;/b&gt; Valley, "
        "Freedonia</strong></p>",
        "<p>killed 3 (2 articles), 4 (1) · injured 2</p>",
        f"<p>- The river burst its banks {evil}</p>",
        f"<p>participants: Maria Lopez (official), Evil {evil} (agent)</p>",
        "<p>reported by 3 articles: Reuters, &lt;b&gt;AP&lt;/b&gt;</p>",
    ]
    for fmt in ("md", "html"):
        plain = render(replace(sample(), card=None), fmt)
        assert "Disaster.Flood ·" not in plain and 'class="card"' not in plain.split("<body>")[-1]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_and_is_self_contained() -> None:
    page = render(sample(), "html")
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    assert parsed.hrefs == ["https://news.example/a3?x=1&y=%3C2%3E"]
    text = "".join(parsed.text)
    assert "<script>alert(1)</script> [bold]x[/]" in text and "<b>AP</b>" in text
    assert "javascript" not in " ".join(parsed.hrefs)
    assert "http://" not in page.split("<body>")[0].replace("http-equiv", "")


def test_csv_is_flat_events_with_actor_columns_and_no_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render(sample(), "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert (first["actor1"], first["actor2"], first["cameo"], first["place"]) == (
        "Maria Lopez", "Red Cross", "02", "Riverton")
    second = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert second["actor2"] == "" and second["summary"].startswith("'=HYPERLINK")
    third = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert third["summary"] == "Clashes, \"quoted\", new line" and third["place"] == "A, B"
    assert (third["event_type"], third["cameo"]) == ("Conflict.Attack", "190")
    fourth = dict(zip(CSV_COLUMNS, rows[4], strict=True))
    assert (fourth["event_type"], fourth["cameo"]) == ("Disaster.Flood", "")
    assert len(rows) == 5


def test_markdown_neutralises_links_and_markup() -> None:
    page = render(sample(), "md")
    assert "](javascript" not in page and "(<https://news.example/a3?x=1&y=%3C2%3E>)" in page
    assert "\\[bold\\]x\\[/\\]" in page and "\\<script\\>" in page


def test_safe_url() -> None:
    assert safe_url("https://a.example/x y") == "https://a.example/x%20y"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "", None):
        assert safe_url(bad) is None


def test_unknown_format_and_missing_story(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format"):
        render(sample(), "pdf")
    store = build_store(f"sqlite:///{tmp_path}/t.db")
    try:
        with pytest.raises(ExportError, match="no story 99"):
            export_story(store, 99, "md")
    finally:
        store.close()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.db"
    build_store(f"sqlite:///{path}").close()
    return str(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_command_line_writes_each_format(fmt: str, db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert main(["export", "1", "--format", fmt, "--config", str(config), "--db", db]) == 0
    written = tmp_path / f"wirewatch-story-1.{fmt}"
    assert capsys.readouterr().out == f"wrote {written}\n"
    assert "Flood hits river towns" in written.read_text(encoding="utf-8") or fmt == "csv"
    target = tmp_path / "out" / f"snap.{fmt}"
    assert main(["export", "flood", "--format", fmt, "-o", str(target), "--config", str(config),
                 "--db", db]) == 0
    assert target.read_bytes() == written.read_bytes()
    capsys.readouterr()
    assert main(["export", "1", "--format", fmt, "-o", "-", "--config", str(config),
                 "--db", db]) == 0
    assert capsys.readouterr().out == written.read_bytes().decode("utf-8")


def test_command_line_rejects_unknown_format(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "1", "--format", "pdf", "--db", db])
    assert exited.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
