"""bench/actors.py on tiny made-up sets: the GVC people measure, the name matching, and
the CoNLL table through the data folder's scorer when it is beside the repository (the
dev sets themselves stay outside the project)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "actors.py"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "score_ner.py"

ROWS = [
    {"id": "a1", "story": "gvc_1", "date": "2016-03-06", "source": "a.example",
     "title": "Man killed in Springfield shooting",
     "text": "A man was shot and killed on Saturday on Oak Street in Springfield, Illinois, "
             "police said. Police identified the victim as John Carter, 34. Police Chief "
             "Tom Baker said officers arrested Paul Reyes, 22, on Sunday."},
]
FACTS = [
    {"story": "gvc_1", "incident": "1", "date": "2016-03-05", "city": "Springfield",
     "city_alt": [], "killed": 1, "injured": 0, "articles": ["a1"],
     "participants": [{"name": "John Carter Jr.", "role": "victim", "status": "killed"},
                      {"name": "Paul Reyes", "role": "suspect", "status": "arrested"},
                      {"name": "Ann Lee", "role": "victim", "status": "injured"}]},
]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_actors", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    return bench


def test_gvc_people_scores_card_participants_and_story_persons(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    (tmp_path / "events").mkdir()
    (tmp_path / "stories" / "gvc-tiny.jsonl").write_text(
        "\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    (tmp_path / "events" / "gvc-facts-tiny.jsonl").write_text(
        "\n".join(json.dumps(f) for f in FACTS), encoding="utf-8")
    people = _bench().gvc_people(tmp_path, "gvc-tiny")
    # the story names Carter, Reyes and the police chief Baker; Ann Lee is nowhere
    assert people["story person actors"][:2] == (2 / 3, 2 / 3)
    recall, precision, _ = people["card participants"]
    assert recall == 2 / 3 and precision == 1.0  # the chief is no participant


def test_same_person_takes_the_full_or_the_last_name() -> None:
    bench = _bench()
    assert bench.same_person("John Carter Jr.", ["Carter"])
    assert bench.same_person("John Carter", ["john carter"])
    assert not bench.same_person("John Carter", ["John Baker", "Carterville"])


def test_conll_table_through_the_data_folders_scorer(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    if not SCORER.exists():
        pytest.skip("../shared/data/ner/score_ner.py not beside the repository")
    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "score_ner.py").write_bytes(SCORER.read_bytes())  # in tmp only
    text = "Angela Merkel met Emmanuel Macron in Berlin on Tuesday."
    doc = {"id": "d1", "text": text, "meta": {}, "entities": [
        {"start": 0, "end": 13, "text": "Angela Merkel", "type": "PER"},
        {"start": 18, "end": 33, "text": "Emmanuel Macron", "type": "PER"},
        {"start": 37, "end": 43, "text": "Berlin", "type": "LOC"}]}
    (tmp_path / "ner" / "conll03-dev.jsonl").write_text(json.dumps(doc), encoding="utf-8")
    _bench().conll(tmp_path, 0, False, False)
    rows: dict[str, list[list[str]]] = {}  # a system's rows: the table, then its F1 by type
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("| "):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            rows.setdefault(cells[0], []).append(cells[1:])
    assert rows["wirewatch (model + rules)"][0][:7] == ["100.0"] * 7
    assert rows["wirewatch (model + rules)"][1] == ["100.0", "100.0", "0.0", "0.0", "100.0",
                                                    "100.0"]  # no ORG to find
    assert rows["entity model alone"][0][:3] == ["100.0"] * 3
