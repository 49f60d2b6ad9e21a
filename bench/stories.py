"""Story clustering benchmark: BCubed quality on the dev sets and speed, ours beside a baseline.

Usage: python bench/stories.py [--data ../shared/data/stories] [--sets ecbplus-dev gvc-dev]

Quality: articles are fed dated first in date order, then the undated ones (the
data README's protocol), through `feeds.offline.cluster_lines` (the code behind
`wirewatch cluster`), and scored with BCubed precision, recall and F1 against the
gold story labels. The baseline is the plain single-pass TF-IDF clusterer of the
data README (sublinear tf, title twice, online IDF, cosine to the story
centroid, join at 0.25) compared against every story, written here on its own.
Speed: articles/s of the clustering step alone on gva-silver.jsonl. Prints tables.
The data is read from ../shared/data and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import defaultdict
from pathlib import Path

from feeds.offline import cluster_lines

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "stories"
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own said same says she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours new one two three year years told
""".split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*[a-z0-9]|[a-z]")


def terms(title: str, text: str) -> dict[str, float]:
    """The baseline's features: sublinear term frequencies of the title (twice) and the text."""
    counts: dict[str, int] = defaultdict(int)
    for source, weight in ((title, 2), (text, 1)):
        for token in _TOKEN.findall(source.lower()):
            if token not in STOPWORDS and not token.isdigit():
                counts[token] += weight
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:200]
    return {term: 1.0 + math.log(count) for term, count in ranked}


def load(path: Path) -> list[dict]:
    """Articles of a JSONL file in the protocol's order: dated by date, then undated."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    dated = sorted((r for r in rows if r.get("date")), key=lambda r: r["date"])
    return dated + [r for r in rows if not r.get("date")]


def bcubed(gold: dict[str, str], predicted: dict[str, object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 over the articles of `gold`."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[object, set[str]] = defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item, label in gold.items():
        cluster, truth = by_pred[predicted[item]], by_gold[label]
        overlap = len(cluster & truth)
        precision += overlap / len(cluster)
        recall += overlap / len(truth)
    p, r = precision / len(gold), recall / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(rows: list[dict]) -> dict[str, object]:
    """Assignments from the product's clustering entry."""
    lines = (json.dumps({k: r.get(k) for k in ("id", "date", "title", "text", "source")})
             for r in rows)
    return {(o := json.loads(line))["id"]: o["story"] for line in cluster_lines(lines)}


def baseline(rows: list[dict], threshold: float = 0.25) -> dict[str, object]:
    """The reference single-pass TF-IDF clusterer, brute force over all stories."""
    df: dict[str, int] = defaultdict(int)
    centroids: list[dict[str, float]] = []
    result: dict[str, object] = {}
    for n, row in enumerate(rows, start=1):
        tf = terms(row.get("title") or "", row.get("text") or "")
        for term in tf:
            df[term] += 1
        vec = {t: w * (math.log((n + 1) / (df[t] + 1)) + 1) for t, w in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vec = {t: w / norm for t, w in vec.items()}
        best, best_score = -1, 0.0
        for index, centroid in enumerate(centroids):
            cnorm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
            score = sum(w * centroid.get(t, 0.0) for t, w in vec.items()) / cnorm
            if score > best_score:
                best, best_score = index, score
        if best < 0 or best_score < threshold:
            centroids.append({})
            best = len(centroids) - 1
        for t, w in vec.items():
            centroids[best][t] = centroids[best].get(t, 0.0) + w
        result[row["id"]] = best
    return result


def main() -> None:
    """Print the quality table and the speed table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", nargs="+", default=["ecbplus-dev", "gvc-dev"])
    args = parser.parse_args()
    print(f"{'set':<14} {'system':<10} {'P':>6} {'R':>6} {'F1':>6} {'art/s':>8}")
    for name in args.sets:
        rows = load(args.data / f"{name}.jsonl")
        gold = {r["id"]: r["story"] for r in rows}
        for system, run in (("baseline", baseline), ("wirewatch", ours)):
            start = time.perf_counter()
            predicted = run(rows)
            rate = len(rows) / (time.perf_counter() - start)
            p, r, f = bcubed(gold, predicted)
            print(f"{name:<14} {system:<10} {p:6.3f} {r:6.3f} {f:6.3f} {rate:8.0f}")
    silver = args.data / "gva-silver.jsonl"
    if silver.exists():
        rows = load(silver)
        start = time.perf_counter()
        predicted = ours(rows)
        elapsed = time.perf_counter() - start
        p, r, f = bcubed({x["id"]: x["story"] for x in rows}, predicted)
        print(f"{'gva-silver':<14} {'wirewatch':<10} {p:6.3f} {r:6.3f} {f:6.3f} "
              f"{len(rows) / elapsed:8.0f}")


if __name__ == "__main__":
    main()
