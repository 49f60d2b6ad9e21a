"""bench/events.py runs end to end on a tiny set (the dev sets themselves stay outside)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "events.py"


def test_bench_tables_on_a_tiny_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_events", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = [
        {"id": "a", "story": "s1", "date": "2025-12-15T08:00:00Z", "title": "Ambush",
         "text": "Gunmen killed two soldiers on Saturday near Palmyra. Police arrested three men "
                 "in 2014.", "source": "a.example"},
        {"id": "b", "story": "s1", "date": "2025-12-16T08:00:00Z", "title": "Ambush",
         "text": "Two soldiers were killed on Saturday near Palmyra.", "source": "b.example"},
        {"id": "c", "story": "s2", "date": None, "title": "Talks",
         "text": "The ministers met with rebel leaders yesterday.", "source": None},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = bench.run_set(path, runs=1)
    counts = result["counts"]
    assert result["articles"] == 3 and counts["events"] == 4
    assert counts["dated"] == 3  # "yesterday" of the undated article stays unresolved
    assert counts["near"] == counts["dated_pub"] == 3  # 2014 is explicitly historical
    assert result["multi"] == 1  # both reports of the Saturday killing
    bench.print_tables([result])
    out = capsys.readouterr().out
    assert "tiny" in out and "19 fight" in out
