"""Story clustering benchmark: BCubed quality on the dev sets and speed, ours beside a baseline.

Usage: python bench/stories.py [--data ../shared/data/stories] [--sets ecbplus-dev gvc-dev]
                               [--replay 100000]

Quality: articles are fed dated first in date order, then the undated ones (the
data README's protocol), through `feeds.ingest.offline.cluster_lines` (the code behind
`wirewatch cluster`), and scored with BCubed precision, recall and F1 against the
gold story labels. The baseline is the plain single-pass TF-IDF clusterer of the
data README (sublinear tf, title twice, online IDF, cosine to the story
centroid, join at 0.25) compared against every story, written here on its own.
Order agreement: the same articles in three arrival orders (the protocol's, and two
shuffles with fixed seeds, as pollers sharing a database may ingest them), each pair's
stories scored with BCubed F1 against each other (one as the gold): the mean and the
lowest pair, with each order's F1 against the gold labels. That table goes through
`cluster_lines`, which sorts its input, so it is 1.0 by construction; the "live
arrival" table beside it simulates pollers instead: each article arrives at its
published time (an undated one at a point of the set's dated span drawn with a fixed
seed, the same for every order) plus a random delay of 0 to `DELAY_HOURS`; arrivals are
cut into passes of `PASS_MINUTES` of arrival time, each pass listing its articles in a
random order (a feed's), and every pass is assigned through one `StoryEngine` as
`Pipeline._classify_pass` does (`feeds.ingest.pipeline.assignment_order`, on the terms
and headline event the speed table uses), merges and splits taken as `cluster_lines`
takes them. Each of `LIVE_SEEDS` draws the delays and the feed orders: three arrival
orders, scored as the order-agreement table is (mean and lowest pair, each order's F1
against the gold labels).
Speed: articles/s of the whole `cluster_lines` entry (normalising and extracting
included) and of
`StoryEngine.assign` alone on gva-silver.jsonl, then of the engine alone on a
replay of the silver set to `--replay` articles (each round shifted later by the
set's time span, capitalised words renamed per round, so stories do not repeat):
the rate over the first and over the last 5,000 articles, and peak resident memory
of the process (ru_maxrss). The engine is timed as the pipeline runs it, on each
article's terms and headline event (`cluster_terms`, `feeds.stories.evidence`, computed
by the extraction workers during a poll; in the replay the event's day moves with the
round and its place and names are renamed), computed here before the clock starts;
the "with terms" column adds the terms (not the extraction), as `wirewatch cluster`
pays them. Engine rates are per second of this process's CPU
time (one core; the machine may be shared), with the wall-clock rate beside the first.
Prints tables.
The data is read from ../shared/data and never copied into the project.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import random
import re
import resource
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from feeds.ingest.offline import _article, cluster_lines
from feeds.ingest.pipeline import assignment_order
from feeds.ingest.prepare import extract_article
from feeds.model import ClusterTerms, HeadlineEvent
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.features import STOPWORDS, cluster_terms

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "stories"
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*[a-z0-9]|[a-z]")


def terms(title: str, text: str) -> dict[str, float]:
    """The baseline's features: sublinear term frequencies of the title (twice) and the text,
    without the engine's stop words (`feeds.stories.features.STOPWORDS`, one list)."""
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


ORDER_SEEDS = (1, 2)
"""The shuffles of the order-agreement table (the protocol's order is the third)."""


def orders(rows: list[dict]) -> list[list[dict]]:
    """The protocol's order and the shuffles of `ORDER_SEEDS`."""
    shuffled = []
    for seed in ORDER_SEEDS:
        order = list(rows)
        random.Random(seed).shuffle(order)
        shuffled.append(order)
    return [rows, *shuffled]


def agreement(runs: list[dict[str, object]]) -> list[float]:
    """BCubed F1 of each pair of runs, one taken as the gold of the other."""
    return [bcubed({k: str(v) for k, v in a.items()}, b)[2]
            for a, b in itertools.combinations(runs, 2)]


def agreement_rows(data: Path, names: list[str]) -> None:
    """The order-agreement table (see the module's docstring)."""
    print(f"\n{'set':<14} {'orders':>6} {'agree':>6} {'lowest':>7}   F1 per order (gold)")
    for name in names:
        rows = load(data / f"{name}.jsonl")
        gold = {r["id"]: r["story"] for r in rows}
        runs = [ours(order) for order in orders(rows)]
        pairs = agreement(runs)
        per_order = " ".join(f"{bcubed(gold, run)[2]:.3f}" for run in runs)
        print(f"{name:<14} {len(runs):>6} {sum(pairs) / len(pairs):6.3f} {min(pairs):7.3f}   "
              f"{per_order}")


LIVE_SEEDS = (1, 2, 3)
"""The arrival orders of the live-arrival table (delays and feed orders drawn per seed)."""
DELAY_HOURS = 12.0
PASS_MINUTES = 30.0


def arrivals(docs: list[ClusterDoc], seed: int) -> list[list[ClusterDoc]]:
    """The passes in which pollers see `docs`, each in a feed's order (see the module's
    docstring): the delays and orders are drawn from `seed`, undated articles' times not."""
    dated = [d.published.timestamp() for d in docs if d.published is not None]
    low, high = (min(dated), max(dated)) if dated else (0.0, 365 * 86_400.0)
    spread, rng = random.Random(0), random.Random(seed)
    passes: dict[int, list[ClusterDoc]] = defaultdict(list)
    for doc in docs:
        at = doc.published.timestamp() if doc.published is not None else spread.uniform(low, high)
        at += rng.uniform(0.0, DELAY_HOURS * 3_600.0)
        passes[int(at // (PASS_MINUTES * 60.0))].append(doc)
    ordered = []
    for slot in sorted(passes):
        rng.shuffle(passes[slot])
        ordered.append(passes[slot])
    return ordered


def live(passes: list[list[ClusterDoc]]) -> dict[str, object]:
    """Each article's final story when the passes are assigned as the pipeline does."""
    engine, story = StoryEngine(), {}
    for each in passes:
        for doc in assignment_order(each):
            story[doc.key] = engine.assign(doc).story
    moved = engine.take_splits()
    return {key: engine.final_story(moved[key][1] if key in moved else s)
            for key, s in story.items()}


def live_rows(data: Path, names: list[str]) -> None:
    """The live-arrival table (see the module's docstring)."""
    print(f"\n{'live arrival':<14} {'orders':>6} {'agree':>6} {'lowest':>7}   F1 per order (gold)")
    for name in names:
        rows = load(data / f"{name}.jsonl")
        docs = docs_of(rows)
        ids = {doc.key: r["id"] for doc, r in zip(docs, rows, strict=True)}
        gold = {r["id"]: r["story"] for r in rows}
        runs = [{ids[k]: s for k, s in live(arrivals(docs, seed)).items()}
                for seed in LIVE_SEEDS]
        pairs = agreement(runs)
        per_order = " ".join(f"{bcubed(gold, run)[2]:.3f}" for run in runs)
        print(f"{name:<14} {len(runs):>6} {sum(pairs) / len(pairs):6.3f} {min(pairs):7.3f}   "
              f"{per_order}")


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


def docs_of(rows: list[dict]) -> list[ClusterDoc]:
    """The engine's input for each row, normalised and extracted as `wirewatch cluster`
    does: its terms and headline event (`extract_article`)."""
    docs = []
    for row in rows:
        article = _article({k: row.get(k) for k in ("id", "date", "title", "text", "source")},
                           normalise=True)
        docs.append(ClusterDoc(article.key, article.title, article.text, article.published,
                               extract_article(article).terms))
    return docs


_CAPITAL = re.compile(r"\b([A-Z][a-z]+)")


def replay(docs: list[ClusterDoc], total: int) -> Iterator[ClusterDoc]:
    """`docs` again and again, each round later (by the span of the set) with renamed names."""
    dated = [d.published for d in docs if d.published is not None]
    span = (max(dated) - min(dated)) + timedelta(days=30) if dated else timedelta(days=365)
    count = 0
    for round_ in range(total // len(docs) + 1):
        tag = "" if round_ == 0 else "q" + "".join(chr(97 + int(c)) for c in str(round_))
        for doc in docs:
            if count == total:
                return
            count += 1
            if not round_:
                yield doc
                continue
            rename = (lambda m, tag=tag: m.group(1) + tag)  # noqa: E731
            yield ClusterDoc(f"{doc.key}#{round_}", _CAPITAL.sub(rename, doc.title),
                             _CAPITAL.sub(rename, doc.text),
                             doc.published + span * round_ if doc.published else None,
                             ClusterTerms({}, {}, None, _later(doc, span * round_)))


def _later(doc: ClusterDoc, shift: timedelta) -> HeadlineEvent | None:
    """The headline event of `doc`, its day moved `shift` later, its names renamed."""
    event = doc.terms.event if doc.terms is not None else None
    if event is None:
        return None
    tag = f"#{shift.days}"
    return dataclasses.replace(
        event, day=event.day + shift.days if event.day is not None else None,
        place=event.place + tag if event.place else None,
        participants=frozenset(p + tag for p in event.participants))


def with_terms(doc: ClusterDoc) -> ClusterDoc:
    """`doc` with its terms computed (its headline event kept), as a worker hands it to
    the engine."""
    event = doc.terms.event if doc.terms is not None else None
    return dataclasses.replace(doc, terms=dataclasses.replace(
        cluster_terms(doc.title, doc.text), event=event))


def speed(docs: list[ClusterDoc], total: int, step: int = 5_000) -> list[tuple[int, float]]:
    """Articles/s of `StoryEngine.assign` alone over each `step` articles of a replay."""
    engine = StoryEngine()
    rates, elapsed = [], 0.0
    for n, doc in enumerate(map(with_terms, replay(docs, total)), start=1):
        start = time.process_time()
        engine.assign(doc)
        elapsed += time.process_time() - start
        if n % step == 0 or n == total:
            rates.append((n, (step if n % step == 0 else n % step) / elapsed))
            elapsed = 0.0
    return rates


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed_rows(silver: Path, total: int) -> None:
    """The speed table: the engine alone on gva-silver and on a long replay of it."""
    docs = docs_of(load(silver))
    engine, start = StoryEngine(), time.process_time()
    for doc in docs:
        engine.assign(with_terms(doc))
    terms_too = time.process_time() - start
    ready = [with_terms(doc) for doc in docs]
    engine, start, wall = StoryEngine(), time.process_time(), time.perf_counter()
    for doc in ready:
        engine.assign(doc)
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    print(f"\n{'stream (engine alone)':<24} {'articles':>9} {'art/s':>8} {'wall':>8} "
          f"{'peak MB':>8} {'with terms':>11}")
    print(f"{'gva-silver':<24} {len(docs):>9} {len(docs) / cpu:8.0f} "
          f"{len(docs) / wall:8.0f} {peak_mb():8.0f} {len(docs) / terms_too:11.0f}")
    if total <= 0:
        return
    before = peak_mb()
    rates = speed(docs, total)
    first, last = rates[0], rates[-1]
    print(f"{'replay, first 5k':<24} {first[0]:>9} {first[1]:8.0f} {'':>8} {'':>8}")
    print(f"{'replay, last 5k':<24} {last[0]:>9} {last[1]:8.0f} {'':>8} {peak_mb():8.0f}")
    print(f"per-article cost at {last[0]:,} vs 5,000: {first[1] / last[1] - 1:+.0%}; "
          f"peak memory grew {peak_mb() - before:.0f} MB during the replay")


def main() -> None:
    """Print the quality table and the speed table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", nargs="+", default=["ecbplus-dev", "gvc-dev"])
    parser.add_argument("--replay", type=int, default=100_000,
                        help="articles in the replayed stream (0: skip)")
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
    agreement_rows(args.data, args.sets)
    live_rows(args.data, args.sets)
    silver = args.data / "gva-silver.jsonl"
    if silver.exists():
        rows = load(silver)
        start = time.perf_counter()
        predicted = ours(rows)
        elapsed = time.perf_counter() - start
        p, r, f = bcubed({x["id"]: x["story"] for x in rows}, predicted)
        print(f"{'gva-silver':<14} {'wirewatch':<10} {p:6.3f} {r:6.3f} {f:6.3f} "
              f"{len(rows) / elapsed:8.0f}")
        speed_rows(silver, args.replay)


if __name__ == "__main__":
    main()
