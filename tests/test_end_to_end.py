"""End to end on the seeds: poll into a temporary database, then read it back as a user would."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "data" / "seed-gold.json").read_text())
ALLOWED_TYPES = {e["summary"]: {e["cameo_root"], *e.get("alternative_types", [])}
                 for e in GOLD["events"]["must"]}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.fixture
def polled(capsys: pytest.CaptureFixture[str], seed_config: Path, db_url: str) -> list[str]:
    summary = run(capsys, "poll", "--once", "--config", str(seed_config), "--db", db_url)
    assert summary.splitlines()[0] == (
        "polled 1 sources: 2 new articles, 0 updated; 1 new stories, 0 grown; 0 failed")
    return ["--config", str(seed_config), "--db", db_url]


def test_seeds_make_one_story(capsys: pytest.CaptureFixture[str], polled: list[str]) -> None:
    lines = run(capsys, "stories", "--json", *polled).splitlines()
    assert len(lines) == 1
    story = json.loads(lines[0])
    assert (story["id"], story["articles"], story["outlets"]) == (1, 2, 2)
    assert story["title"].startswith("Syrian and U.S. officials said a recent Daesh attack")


def test_show_has_gold_actors_sources_and_events(
        capsys: pytest.CaptureFixture[str], polled: list[str]) -> None:
    detail = json.loads(run(capsys, "show", "1", "--json", *polled))
    actors = {(a["name"], a["kind"]): a for a in detail["actors"]}
    for gold in GOLD["actors"]["must"]:
        assert (gold["name"], gold["kind"]) in actors, gold["name"]
        assert actors[(gold["name"], gold["kind"])]["articles"] == gold["articles"], gold["name"]
        assert actors[(gold["name"], gold["kind"])]["role"] == gold.get("role"), gold["name"]
    names = [a["name"] for a in detail["actors"]]
    assert len(names) == len(set(names))
    for bad in ("Sunday", "Saturday", "The", "According", "Since", "ISIS", "Shaibani",
                "Syrian Foreign Minister Asaad",
                "A shared condemnation and commitment to cooperation"):
        assert bad not in names
    assert {s["outlet"]: s["articles"] for s in detail["sources"]} == {"News.Az": 1, "Seeds": 1}
    events = [(e["date"], e["cameo"][:2], e["place"], e["articles"]) for e in detail["events"]]
    assert ("2025-12-13", "19", "Palmyra", 2) in events
    assert any(e[0] == "2025-12-14" and e[1] == "04" and e[3] == 2 for e in events)
    (call,) = [e for e in detail["events"] if e["type"] == "Contact.Phone-Write"]
    assert (call["date"], call["cameo"], call["place"], call["articles"]) == (
        "2025-12-14", "04", None, 2)
    assert any(e[0] == "2025-12-14" and e[1] in ("19", "17") and e[2] == "Homs" and e[3] == 2
               for e in events)
    assert any(e[0] == "2025-11-12" and e[1] in ("05", "06", "03") and e[3] == 2 for e in events)
    assert all(e["date"] is None or e["date"] < "2026" for e in detail["events"])


def test_show_text_prints_the_timeline(
        capsys: pytest.CaptureFixture[str], polled: list[str]) -> None:
    text = run(capsys, "show", "Palmyra", *polled)
    assert "2025-12-13" in text and "Marco Rubio" in text and "News.Az" in text
    assert "@ Palmyra [killed 3, wounded 3]" in text
    timeline = text[text.index("\nEVENTS\n"):]  # the card before it names the ambush's date
    assert timeline.index("2025-11-12") < timeline.index("2025-12-13") < timeline.index(
        "2025-12-14")


def test_show_text_opens_with_the_card(capsys: pytest.CaptureFixture[str],
                                       polled: list[str]) -> None:
    lines = run(capsys, "show", "1", *polled).splitlines()
    assert lines[1:4] == ["story 1 · 2 articles · 2 outlets · developing", "", "CARD"]
    card = lines[4:lines.index("EVENTS")]
    assert card[0] == "  Conflict.Attack (CAMEO 19) · 2025-12-13 · Palmyra, Homs, Syria"
    assert card[1] == "  killed 3 · injured 3"
    assert card[2].startswith("  Ambush by a Daesh gunman in the Palmyra desert")
    assert card[3].startswith("  participants: ")
    assert {"Daesh (agent)", "United States (target)"} <= set(
        card[3].removeprefix("  participants: ").split(", "))
    assert card[4:] == ["  reported by 2 articles: News.Az, Seeds", ""]
    events = lines[lines.index("EVENTS") + 1:lines.index("ACTORS")]
    assert any(" 19 Conflict.Attack " in line and "@ Palmyra" in line for line in events)
    assert not any(" fight " in line or " consult " in line for line in events)


def test_show_text_card_section_is_clean_and_absent_without_a_card() -> None:
    from dataclasses import replace

    from tests.test_export import sample
    from tui.textout import story_text

    lines = story_text(sample()).splitlines()
    evil = "<script>alert(1)</script> [bold]x[/]"  # the escape sequence after it removed
    assert lines[2:11] == [
        "", "CARD",
        "  Disaster.Flood · 2025-02-28 · Riverton, <b>Lower</b> Valley, Freedonia",
        "  killed 3 (2 articles), 4 (1) · injured 2",
        f"  - The river burst its banks {evil}",
        f"  participants: Maria Lopez (official), Evil {evil} (agent)",
        "  reported by 3 articles: Reuters, <b>AP</b>",
        "", "EVENTS"]
    assert "\x1b" not in "\n".join(lines)
    assert lines[14] == ("  2025-02-28       Disaster.Flood      3 rep  The river burst its banks"
                         " @ Riverton [killed 3/4]")  # no CAMEO code: its column left blank
    bare = story_text(replace(sample(), card=None)).splitlines()
    assert bare[2:4] == ["", "EVENTS"] and "CARD" not in bare


def test_show_json_carries_the_card(capsys: pytest.CaptureFixture[str],
                                    polled: list[str]) -> None:
    import jsonschema

    detail = json.loads(run(capsys, "show", "1", "--json", *polled))
    schema = json.loads((ROOT / "docs" / "story-snapshot.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(detail)
    card = detail["card"]
    assert (card["type"], card["cameo"], card["date"], card["date_precision"]) == (
        "Conflict.Attack", "19", "2025-12-13", "day")
    assert (card["place"], card["region"], card["country"]) == ("Palmyra", "Homs", "Syria")
    assert card["figures"] == {"killed": 3, "injured": 3}
    roles = {p["name"]: p["role"] for p in card["participants"]}
    assert roles["Daesh"] == "agent" and roles["United States"] == "target"
    assert card["articles"] == 2 and sorted(card["outlets"]) == ["News.Az", "Seeds"]
    assert {e["type"] for e in detail["events"]} >= {"Conflict.Attack", "Contact.Meet"}


def test_second_poll_is_idempotent(capsys: pytest.CaptureFixture[str], polled: list[str]) -> None:
    out = run(capsys, "poll", "--once", *polled)
    assert out.splitlines()[0] == (
        "polled 1 sources: 0 new articles, 0 updated; 0 new stories, 0 grown; 0 failed")


def test_edited_file_updates_its_article(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    config = tmp_path / "c.toml"
    config.write_text('[[sources]]\nkind="folder"\nname="Desk"\npath="articles"\n')
    old = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (old, old))
    args = ["--config", str(config), "--db", db_url]
    run(capsys, "poll", "--once", *args)
    target = folder / "000_6aceb183950141da.txt"
    target.write_text(target.read_text() + "\nRubio spoke again on Monday.\n")
    os.utime(target, (old + 1, old + 1))
    out = run(capsys, "poll", "--once", *args)
    assert out.splitlines()[0] == (
        "polled 1 sources: 0 new articles, 1 updated; 0 new stories, 0 grown; 0 failed")
    story = json.loads(run(capsys, "stories", "--json", *args))
    assert story["articles"] == 2


def test_export_writes_markdown(capsys: pytest.CaptureFixture[str], polled: list[str],
                                tmp_path: Path) -> None:
    target = tmp_path / "story.md"
    assert run(capsys, "export", "1", "-o", str(target), *polled) == f"wrote {target}\n"
    text = target.read_text()
    assert text.startswith("# Syrian and U.S. officials said a recent Daesh attack")
    assert text.splitlines()[2] == (
        "> **Conflict.Attack \\(CAMEO 19\\) · 2025-12-13 · Palmyra, Homs, Syria**\\")
    assert "| 2025-12-13 | 19 Conflict.Attack |" in text and "Marco Rubio" in text
    assert "- News.Az: 1 article" in text


def test_unknown_story_is_one_line_and_a_usage_error(
        capsys: pytest.CaptureFixture[str], polled: list[str]) -> None:
    assert main(["show", "42", *polled]) == 2
    assert capsys.readouterr().err == ("wirewatch: no story matches '42'; "
                                       "`wirewatch stories` lists them\n")
    assert main(["export", "nothing like it", *polled]) == 2


def test_a_filter_that_matches_nothing_says_so(capsys: pytest.CaptureFixture[str],
                                               polled: list[str]) -> None:
    assert run(capsys, "stories", "--filter", "zzzz", *polled) == (
        "No story matches 'zzzz': `wirewatch stories` lists them all.\n")
    assert "Daesh attack" in run(capsys, "stories", "--filter", "palmyra", *polled)


def test_disagreeing_figures_are_all_shown() -> None:
    from feeds.read.serialize import figures_text

    assert figures_text({"killed": [3, 2, 3], "wounded": [3]}) == " [killed 2/3, wounded 3]"
    assert figures_text({}) == ""


def test_read_state_from_the_command_line(capsys: pytest.CaptureFixture[str],
                                          polled: list[str]) -> None:
    assert json.loads(run(capsys, "stories", "--json", *polled))["unread"] == 2
    assert run(capsys, "read", "1", *polled) == "marked 1 story read\n"
    assert run(capsys, "stories", "--unread", *polled) == "Every story is read.\n"
    assert json.loads(run(capsys, "stories", "--json", *polled))["unread"] == 0
    assert run(capsys, "read", "--all", "--unread", *polled) == "marked 1 story unread\n"
    table = run(capsys, "stories", "--unread", *polled).splitlines()
    assert table[0].split() == ["ID", "ART", "NEW", "OUT", "LAST", "STATE", "TITLE"]
    assert table[1].split()[:3] == ["1", "2", "2"]
    assert main(["read", *polled]) == 2
    assert capsys.readouterr().err == "wirewatch: give one STORY or --all\n"
