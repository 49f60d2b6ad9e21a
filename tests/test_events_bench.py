"""bench/events.py end to end on a tiny made-up set: a real `poll --once` of a folder, the
stories read back as `show --json` gives them, the timeline and card rows printed (the
dev sets themselves stay outside the project)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "events.py"

ROWS = [  # two made-up shootings; the Dayton one has an undated report with no outlet
    {"id": "g1", "story": "gvc_1", "date": "2016-03-06", "source": "a.example",
     "title": "Two men killed in Springfield shooting",
     "text": "Two men were shot and killed on Saturday in Springfield, Illinois, police said. "
             "John Carter, 34, and Mike Dunn, 28, died at the scene on Oak Street. "
             "Police arrested Paul Reyes, 22, on Sunday."},
    {"id": "g2", "story": "gvc_1", "date": "2016-03-06", "source": "b.example",
     "title": "Springfield shooting leaves two dead",
     "text": "Two people were killed Saturday in a shooting on Oak Street in Springfield, "
             "Illinois. Police identified the victims as John Carter and Mike Dunn. "
             "A suspect, Paul Reyes, was arrested, Police Chief Tom Baker said."},
    {"id": "g/3", "story": "gvc_2", "date": "2016-07-10", "source": "c.example",
     "title": "Woman wounded in Dayton shooting",
     "text": "A woman was wounded in a shooting on Friday in Dayton, Ohio. Police said Lisa "
             "Moore, 41, was shot in the leg outside a store on Main Street."},
    {"id": "g4", "story": "gvc_2", "date": None, "source": None,
     "title": "Dayton woman shot outside store",
     "text": "Lisa Moore was wounded in a shooting outside a store on Main Street in Dayton, "
             "Ohio, police said. Officers are looking for the gunman."},
]
FACTS = [
    {"story": "gvc_1", "incident": "1", "date": "2016-03-05", "city": "Springfield",
     "city_alt": [], "killed": 2, "injured": 0, "articles": ["g1", "g2"],
     "participants": [{"name": "John Carter", "role": "victim", "status": "killed"},
                      {"name": "Mike Dunn", "role": "victim", "status": "killed"},
                      {"name": "Paul Reyes", "role": "suspect", "status": "unharmed, arrested"}]},
    {"story": "gvc_2", "incident": "2", "date": "2016-07-09", "city": "Dayton Heights",
     "city_alt": ["Dayton"], "killed": 0, "injured": 1, "articles": ["g/3", "g4"],
     "participants": [{"name": "Lisa Moore", "role": "victim", "status": "injured"}]},
]
TYPES = {"gvc_1": ["Life.Die"], "gvc_2": ["Conflict.*"]}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_events", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclass looks its module up
    spec.loader.exec_module(bench)
    return bench


def _data(root: Path) -> Path:
    (root / "stories").mkdir()
    (root / "events").mkdir()
    (root / "stories" / "gvc-tiny.jsonl").write_text(
        "\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    (root / "events" / "gvc-facts-tiny.jsonl").write_text(
        "\n".join(json.dumps(f) for f in FACTS), encoding="utf-8")
    (root / "events" / "ecb-types-tiny.json").write_text(json.dumps(TYPES), encoding="utf-8")
    return root


def _row(out: str, name: str, measure: str) -> list[str]:
    """The cells after `name measure` of the first table line that starts with them."""
    return next(line.split()[2:] for line in out.splitlines()
                if line.split()[:2] == [name, measure])


def test_bench_end_to_end_on_a_tiny_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    data = _data(tmp_path)
    facts, types = data / "events" / "gvc-facts-tiny.jsonl", data / "events" / "ecb-types-tiny.json"
    [polled] = bench.run(data, ["gvc-tiny"], runs=1)  # one real `wirewatch poll --once`
    bench.print_ecb(*bench.ecb_rows(polled, types))  # the ECB+ scoring, on the same stories
    out = capsys.readouterr().out
    assert polled.story_of["g1"] == polled.story_of["g2"] != polled.story_of["g/3"]
    assert polled.story_of["g/3"] == polled.story_of["g4"]  # the undated report joins it
    # Friday is a day before the gold date; the police chief is a person but no participant.
    assert _row(out, "gvc-tiny", "timeline") == [
        "2", "50.0%", "100.0%", "100.0%", "100.0%", "100.0%", "50.0%", "100.0%", "80.0%", "88.9%"]
    card = _row(out, "gvc-tiny", "card")
    assert card[0] == "2" and all(re.fullmatch(r"\d+\.\d%|-", cell) for cell in card[1:])
    assert _row(out, "gvc-tiny", "4")[:2] == ["4", "2"]  # speed: stored, stories
    ecb = [line.split()[2:] for line in out.splitlines() if line.startswith("gvc-tiny")]
    assert ecb[-2] == ["2", "50.0%", "50.0%"]  # the timeline's type: Life.Die is not an attack
    assert "gvc_2                 Conflict.*" in out

    for story in polled.stories.values():  # before the card lands: zeros and dashes
        story.pop("card", None)
    bench.print_gvc(bench.gvc_rows(polled, facts))
    bench.print_ecb(bench.ecb_rows(polled, types)[0])
    out = capsys.readouterr().out
    assert _row(out, "gvc-tiny", "card") == ["2", *["0.0%"] * 7, "-", "-"]
    assert out.splitlines()[-1].split()[2:] == ["2", "0.0%", "0.0%"]


def test_matching_rules() -> None:
    bench = _bench()
    assert bench.same_person("John Carter Jr.", ["Carter"])
    assert not bench.same_person("John Carter", ["John Cartwright"])
    assert bench.type_right("Accident.Crash", ["Accident.*"]) == (True, True)
    assert bench.type_right("Accident.Crash", ["Accident.Fire"]) == (False, True)
    assert bench.type_right(None, ["Life.Die"]) == (False, False)
    assert bench.file_text(ROWS[3]).startswith(  # undated, no outlet: no Date or Source line
        "Title: Dayton woman shot outside store\nURL: https://bench.invalid/article/g4\n\n")
